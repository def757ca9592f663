"""Service journeys and their steps, in a dense order several people can edit at once.

Steps keep positions 0..n-1 per journey; adding, moving and deleting shift the
others inside one transaction, so several people editing one journey never
leave gaps or two steps in one place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from samskaping.core.exceptions import InvalidInputError
from samskaping.journeys.model import Journey, Step
from samskaping.store.rows import Tables, bump, columns, from_row, require_workshop, upsert
from samskaping.store.stakeholders import guarded_staff_text

__all__ = ["Journeys", "insert_step", "save_journey"]


class Journeys(Tables):
    """A workshop's journeys in the order they were made, and each journey's steps in order."""

    def save(self, journey: Journey, *, checked: bool = False) -> Journey:
        """Add a journey or change its title, case, variant or phases.

        ``checked``: a staff page checked the text for names (and staff
        confirmed any), so names are stored as typed; otherwise names that
        look like a person are masked (:func:`~samskaping.store.stakeholders.guarded_staff_text`).
        The same holds for :meth:`add_step` and :meth:`update_step`.
        """
        self._db.write(lambda db: save_journey(db, journey, checked=checked))
        return journey

    def save_with_steps(self, journey: Journey, steps: Iterable[Step]) -> list[Step]:
        """Save a journey read from a file and its steps in one transaction: all of it, or nothing if a step fails.

        Nobody checked a file's names: those that look like a person are masked, organisations kept.
        """
        steps = list(steps)

        def save(db: sqlite3.Connection) -> None:
            save_journey(db, journey)
            for step in steps:
                insert_step(db, step)

        self._db.write(save)
        return steps

    def list(self, workshop_id: str) -> list[Journey]:
        """A workshop's journeys in the order they were made."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT * FROM journeys WHERE workshop_id = ? ORDER BY created, rowid", (workshop_id,)
            ).fetchall()
        return [from_row(Journey, row) for row in rows]

    def get(self, ref: str, workshop_id: str | None = None) -> Journey:
        """The journey with id ``ref`` (or, within a workshop, the one titled ``ref``)."""
        with self._db.read() as db:
            row = db.execute("SELECT * FROM journeys WHERE id = ?", (ref,)).fetchone()
            if row is None and workshop_id is not None:
                row = db.execute(
                    "SELECT * FROM journeys WHERE workshop_id = ? AND title = ? ORDER BY created LIMIT 1",
                    (workshop_id, ref),
                ).fetchone()
        if row is None:
            raise InvalidInputError(
                f"No journey has the id or title {ref!r}; `samskaping journeys list WORKSHOP` shows them.",
                reason="not_found", field="journey", value=ref,
            )
        return from_row(Journey, row)

    def delete(self, journey_id: str) -> None:
        """Remove a journey with its steps."""

        def delete(db: sqlite3.Connection) -> None:
            workshop_id = _journey_workshop(db, journey_id)
            db.execute("DELETE FROM journeys WHERE id = ?", (journey_id,))
            bump(db, workshop_id, "journeys")

        self._db.write(delete)

    def steps(self, journey_id: str) -> list[Step]:
        """A journey's steps in order."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT * FROM journey_steps WHERE journey_id = ? ORDER BY position, created", (journey_id,)
            ).fetchall()
        return [from_row(Step, row) for row in rows]

    def add_step(self, step: Step, *, checked: bool = False) -> Step:
        """Insert a step at ``step.position`` (at the end if past the last step); ``checked``: see :meth:`save`."""
        self._db.write(lambda db: insert_step(db, step, checked=checked))
        return step

    def update_step(self, step: Step, *, checked: bool = False) -> Step:
        """Save changes to a step's content; its place in the order is kept (see :meth:`move_step`).

        ``checked``: see :meth:`save`.
        """

        def update(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT position FROM journey_steps WHERE id = ?", (step.id,)).fetchone()
            if row is None:
                raise InvalidInputError(f"No step has the id {step.id!r}.", reason="not_found", field="step",
                                        value=step.id)
            workshop_id = _journey_workshop(db, step.journey_id)
            step.position = row["position"]
            guarded_staff_text(db, workshop_id, step, checked=checked)
            upsert(db, "journey_steps", columns(step))
            bump(db, workshop_id, "journeys")

        self._db.write(update)
        return step

    def move_step(self, step_id: str, position: int) -> None:
        """Move a step to ``position`` (clamped), shifting the steps in between."""

        def move(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT journey_id, position FROM journey_steps WHERE id = ?", (step_id,)).fetchone()
            if row is None:
                raise InvalidInputError(f"No step has the id {step_id!r}.", reason="not_found", field="step",
                                        value=step_id)
            journey_id, old = row["journey_id"], row["position"]
            count = db.execute("SELECT COUNT(*) FROM journey_steps WHERE journey_id = ?", (journey_id,)).fetchone()[0]
            new = min(max(position, 0), count - 1)
            if new > old:
                db.execute("UPDATE journey_steps SET position = position - 1 WHERE journey_id = ?"
                           " AND position > ? AND position <= ?", (journey_id, old, new))
            elif new < old:
                db.execute("UPDATE journey_steps SET position = position + 1 WHERE journey_id = ?"
                           " AND position >= ? AND position < ?", (journey_id, new, old))
            db.execute("UPDATE journey_steps SET position = ? WHERE id = ?", (new, step_id))
            bump(db, _journey_workshop(db, journey_id), "journeys")

        self._db.write(move)

    def delete_step(self, step_id: str) -> None:
        """Remove a step and close the gap it leaves (a step that is gone already is no error)."""

        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT journey_id, position FROM journey_steps WHERE id = ?", (step_id,)).fetchone()
            if row is None:
                return
            db.execute("DELETE FROM journey_steps WHERE id = ?", (step_id,))
            db.execute("UPDATE journey_steps SET position = position - 1 WHERE journey_id = ? AND position > ?",
                       (row["journey_id"], row["position"]))
            bump(db, _journey_workshop(db, row["journey_id"]), "journeys")

        self._db.write(delete)


def save_journey(db: sqlite3.Connection, journey: Journey, *, checked: bool = False) -> None:
    require_workshop(db, journey.workshop_id)
    guarded_staff_text(db, journey.workshop_id, journey, checked=checked)
    upsert(db, "journeys", columns(journey))
    bump(db, journey.workshop_id, "journeys")


def insert_step(db: sqlite3.Connection, step: Step, *, checked: bool = False) -> None:
    """Insert ``step`` at its position (at the end if that is past the last step); a retry stores it once."""
    workshop_id = _journey_workshop(db, step.journey_id)
    if db.execute("SELECT 1 FROM journey_steps WHERE id = ?", (step.id,)).fetchone():
        return  # the same step saved twice (a retry) is stored once
    count = db.execute("SELECT COUNT(*) FROM journey_steps WHERE journey_id = ?", (step.journey_id,)).fetchone()[0]
    step.position = min(max(step.position, 0), count)
    db.execute(
        "UPDATE journey_steps SET position = position + 1 WHERE journey_id = ? AND position >= ?",
        (step.journey_id, step.position),
    )
    guarded_staff_text(db, workshop_id, step, checked=checked)
    upsert(db, "journey_steps", columns(step))
    bump(db, workshop_id, "journeys")


def _journey_workshop(db: sqlite3.Connection, journey_id: str) -> str:
    row = db.execute("SELECT workshop_id FROM journeys WHERE id = ?", (journey_id,)).fetchone()
    if row is None:
        raise InvalidInputError(
            f"No journey has the id {journey_id!r}; create the journey first.",
            reason="not_found", field="journey", value=journey_id,
        )
    return row["workshop_id"]
