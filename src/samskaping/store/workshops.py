"""The workshops themselves: create, find by id or join code, groups offered, retention, deletion, change numbers."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import date

from samskaping.core.exceptions import WorkshopNotFoundError
from samskaping.core.models import Group, Workshop, check_groups, new_join_code, normalise_join_code
from samskaping.core.privacy.guard import guard
from samskaping.store.projects import project_for
from samskaping.store.rows import Tables, bump, count_masked, from_row, require_workshop

__all__ = ["Workshops", "insert_workshop"]


class Workshops(Tables):
    """Every workshop of the installation, and each one's change numbers per topic."""

    def create(self, workshop: Workshop, *, project_id: str | None = None, organisation: str = "") -> Workshop:
        """Save a new workshop in project ``project_id`` (none: a new project named after it, in ``organisation``).

        A clashing join code is replaced by a fresh one. With ``organisation``, the project
        must be that organisation's.
        """
        self._db.write(lambda db: insert_workshop(db, workshop, project_id, organisation))
        return workshop

    def get(self, ref: str, *, organisation: str = "") -> Workshop:
        """The workshop whose id or join code is ``ref`` (with ``organisation``: only one of its workshops).

        Another organisation's workshop is "not found", as if it were not there.
        """
        # A lone surrogate (from a browser, or a command line that is not UTF-8) cannot be a
        # query parameter; as "?" it matches nothing and the error names the ref.
        text = ref.encode("utf-8", "replace").decode("utf-8") if isinstance(ref, str) else ""
        with self._db.read() as db:
            row = db.execute(
                "SELECT w.* FROM workshops w JOIN projects p ON p.id = w.project_id"
                " WHERE (w.id = ? OR w.join_code = ?) AND (? = '' OR p.organisation_id = ?)",
                (text.strip(), normalise_join_code(text), organisation, organisation),
            ).fetchone()
        if row is None:
            raise WorkshopNotFoundError(
                f"No workshop has the id or join code {ref!r}; `samskaping list` shows them.", ref=ref,
            )
        return from_row(Workshop, row)

    def list(self, *, organisation: str = "") -> list[Workshop]:
        """All workshops (with ``organisation``: its own), newest first."""
        with self._db.read() as db:
            rows = db.execute("SELECT w.* FROM workshops w JOIN projects p ON p.id = w.project_id"
                              " WHERE ? = '' OR p.organisation_id = ? ORDER BY w.created DESC",
                              (organisation, organisation)).fetchall()
        return [from_row(Workshop, row) for row in rows]

    def set_delete_after(self, workshop_id: str, when: date | None) -> None:
        """Give a workshop a retention date (``None``: keep until deleted by hand)."""

        def update(db: sqlite3.Connection) -> None:
            require_workshop(db, workshop_id)
            db.execute("UPDATE workshops SET delete_after = ? WHERE id = ?",
                       (when.isoformat() if when else None, workshop_id))

        self._db.write(update)

    def set_groups(self, workshop_id: str, groups: Iterable[str]) -> tuple[Group, ...]:
        """Choose the participant groups a workshop offers; returns them as stored (``annet`` always last).

        Nothing chosen means the kit's default set. Arrivals, ideas and votes
        already stored keep the group they were given.
        """
        chosen = check_groups(tuple(groups))

        def update(db: sqlite3.Connection) -> None:
            require_workshop(db, workshop_id)
            db.execute('UPDATE workshops SET "groups" = ? WHERE id = ?', (_groups_json(chosen), workshop_id))
            bump(db, workshop_id, "room")

        self._db.write(update)
        return chosen

    def expired(self, today: date) -> list[Workshop]:
        """Workshops whose retention date is before ``today``."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT * FROM workshops WHERE delete_after IS NOT NULL AND delete_after < ? ORDER BY delete_after",
                (today.isoformat(),),
            ).fetchall()
        return [from_row(Workshop, row) for row in rows]

    def delete(self, workshop_id: str) -> dict[str, int]:
        """Delete a workshop with all its data; returns how many rows of each kind went.

        The project's stakeholder register is not the workshop's: it stays, and
        ``kept`` says how many stakeholders it holds.
        """
        counted = {
            "ideas": "SELECT COUNT(*) FROM ideas WHERE workshop_id = ?",
            "journeys": "SELECT COUNT(*) FROM journeys WHERE workshop_id = ?",
            "kept": "SELECT COUNT(*) FROM stakeholders WHERE project_id = "
                    "(SELECT project_id FROM workshops WHERE id = ?)",
        }

        def delete(db: sqlite3.Connection) -> dict[str, int]:
            require_workshop(db, workshop_id)
            summary = {kind: db.execute(sql, (workshop_id,)).fetchone()[0] for kind, sql in counted.items()}
            db.execute("DELETE FROM workshops WHERE id = ?", (workshop_id,))
            return summary

        summary = self._db.write(delete)
        self._db.checkpoint()  # no deleted text left in the WAL file
        return summary

    def revisions(self, workshop_id: str) -> Counter[str]:
        """Change numbers per topic of a workshop, in one query (a topic never changed is 0).

        Topics: ``wall`` (ideas added, hidden, merged), ``ideas`` (themes,
        concepts), ``votes``, ``room`` (arrivals, stage, evaluations),
        ``stakeholders``, ``journeys``. A page polls this once per round and
        reloads only the parts whose number moved.
        """
        with self._db.read() as db:
            rows = db.execute("SELECT topic, n FROM revisions WHERE workshop_id = ?", (workshop_id,)).fetchall()
        return Counter({row["topic"]: row["n"] for row in rows})

    def revision(self, workshop_id: str, topic: str) -> int:
        """The change number of one topic (see :meth:`revisions`)."""
        return self.revisions(workshop_id)[topic]


def _groups_json(groups: tuple[str, ...]) -> str:
    return json.dumps([str(group) for group in groups])


def insert_workshop(db: sqlite3.Connection, workshop: Workshop, project_id: str | None = None,
                    organisation: str = "") -> None:
    """Insert ``workshop`` (guarded) in its project; a join code already taken is replaced by a fresh one."""
    while db.execute("SELECT 1 FROM workshops WHERE join_code = ?", (workshop.join_code,)).fetchone():
        workshop.join_code = new_join_code()
    found = guard(workshop, enabled=workshop.masking)
    db.execute(
        'INSERT INTO workshops (id, title, question, phase, lang, join_code, created, masking, delete_after, "groups")'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (workshop.id, workshop.title, workshop.question, workshop.phase, workshop.lang,
         workshop.join_code, workshop.created.isoformat(), int(workshop.masking),
         workshop.delete_after.isoformat() if workshop.delete_after else None, _groups_json(workshop.groups)),
    )
    count_masked(db, workshop.id, found)
    db.execute("UPDATE workshops SET project_id = ? WHERE id = ?",
               (project_for(db, workshop, project_id, organisation), workshop.id))
