"""Stakeholders on the grid, their history of moves, and the relations between them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.privacy.guard import guard
from samskaping.stakeholders.model import Move, Relation, Stakeholder
from samskaping.store.rows import Tables, bump, columns, count_masked, from_row, guarded, require_workshop, upsert

__all__ = ["Stakeholders", "guarded_staff_text", "insert_move", "save_stakeholder"]


class Stakeholders(Tables):
    """A workshop's stakeholders in the order they were added, with moves and relations."""

    def save(self, stakeholder: Stakeholder, *, moved_by: str = "", checked: bool = False) -> Stakeholder:
        """Add or update a stakeholder; a new place on the grid is kept in its history.

        ``checked``: a staff page checked the text for names (and staff
        confirmed any), so names are stored as typed; otherwise names that
        look like a person are masked (:func:`guarded_staff_text`).
        """
        self._db.write(lambda db: save_stakeholder(db, stakeholder, moved_by, checked=checked))
        return stakeholder

    def save_all(self, stakeholders: Iterable[Stakeholder], *, moved_by: str = "import") -> list[Stakeholder]:
        """Save the stakeholders read from a file, all in one transaction: all of them, or none if one fails.

        Nobody checked a file's names: those that look like a person are masked, organisations kept.
        """
        stakeholders = list(stakeholders)

        def save(db: sqlite3.Connection) -> None:
            for stakeholder in stakeholders:
                save_stakeholder(db, stakeholder, moved_by)

        self._db.write(save)
        return stakeholders

    def list(self, workshop_id: str) -> list[Stakeholder]:
        """A workshop's stakeholders in the order they were added."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT * FROM stakeholders WHERE workshop_id = ? ORDER BY created, rowid", (workshop_id,)
            ).fetchall()
        return [from_row(Stakeholder, row) for row in rows]

    def delete(self, stakeholder_id: str) -> None:
        """Remove a stakeholder with its relations and history."""

        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM stakeholders WHERE id = ?", (stakeholder_id,)).fetchone()
            if row is None:
                raise InvalidInputError(
                    f"No stakeholder has the id {stakeholder_id!r}.", reason="not_found", field="stakeholder",
                    value=stakeholder_id,
                )
            db.execute("DELETE FROM stakeholders WHERE id = ?", (stakeholder_id,))
            bump(db, row["workshop_id"], "stakeholders")

        self._db.write(delete)

    def moves(self, workshop_id: str) -> list[Move]:
        """Every placement of the workshop's stakeholders, oldest first (to replay a discussion)."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT m.stakeholder_id, m.interest, m.influence, m.moved_by, m.at FROM stakeholder_moves m"
                " JOIN stakeholders s ON s.id = m.stakeholder_id WHERE s.workshop_id = ? ORDER BY m.n",
                (workshop_id,),
            ).fetchall()
        return [from_row(Move, row) for row in rows]

    def save_relation(self, relation: Relation) -> Relation:
        """Add or update a relation between two stakeholders of the same workshop."""

        def save(db: sqlite3.Connection) -> None:
            found = db.execute(
                "SELECT COUNT(*) FROM stakeholders WHERE workshop_id = ? AND id IN (?, ?)",
                (relation.workshop_id, relation.source_id, relation.target_id),
            ).fetchone()[0]
            if found != 2:
                raise InvalidInputError(
                    f"Relation {relation.source_id!r} -> {relation.target_id!r} names a stakeholder that is not "
                    f"in workshop {relation.workshop_id!r}; add both stakeholders first.",
                    reason="unknown_stakeholder", field="relation",
                    value=f"{relation.source_id}->{relation.target_id}",
                )
            upsert(db, "relations", columns(relation))
            bump(db, relation.workshop_id, "stakeholders")

        self._db.write(save)
        return relation

    def relations(self, workshop_id: str) -> list[Relation]:
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM relations WHERE workshop_id = ? ORDER BY rowid", (workshop_id,)).fetchall()
        return [from_row(Relation, row) for row in rows]

    def delete_relation(self, relation_id: str) -> None:
        """Remove a relation (one that is gone already is no error)."""

        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM relations WHERE id = ?", (relation_id,)).fetchone()
            if row is not None:
                db.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
                bump(db, row["workshop_id"], "stakeholders")

        self._db.write(delete)


def save_stakeholder(db: sqlite3.Connection, stakeholder: Stakeholder, moved_by: str, *, checked: bool = False) -> None:
    """Add or update ``stakeholder``; a new place on the grid is kept in its history (``checked``: see ``save``)."""
    old = db.execute(
        "SELECT workshop_id, interest, influence FROM stakeholders WHERE id = ?", (stakeholder.id,)
    ).fetchone()
    if old is not None and old["workshop_id"] != stakeholder.workshop_id:
        raise InvalidInputError(
            f"Stakeholder {stakeholder.id!r} belongs to workshop {old['workshop_id']!r}.",
            reason="bad_choice", field="workshop_id", value=stakeholder.workshop_id, choices=old["workshop_id"],
        )
    require_workshop(db, stakeholder.workshop_id)
    guarded_staff_text(db, stakeholder.workshop_id, stakeholder, checked=checked)
    upsert(db, "stakeholders", columns(stakeholder))
    if old is None or (old["interest"], old["influence"]) != (stakeholder.interest, stakeholder.influence):
        move = Move(stakeholder.id, stakeholder.interest, stakeholder.influence, moved_by)
        guarded(db, stakeholder.workshop_id, move)
        insert_move(db, move)
    bump(db, stakeholder.workshop_id, "stakeholders")


def insert_move(db: sqlite3.Connection, move: Move) -> None:
    """Append ``move`` (already guarded) to its stakeholder's history."""
    db.execute(
        "INSERT INTO stakeholder_moves (stakeholder_id, interest, influence, moved_by, at) VALUES (?, ?, ?, ?, ?)",
        (move.stakeholder_id, move.interest, move.influence, move.moved_by, move.at.isoformat()),
    )


def guarded_staff_text(db: sqlite3.Connection, workshop_id: str, item: object, *, checked: bool) -> None:
    """Mask ``item`` by its workshop's setting, as :func:`~samskaping.store.rows.guarded` does, and count it.

    Its ``STAFF_TEXT`` fields keep their names when ``checked`` (a staff page
    checked them, :func:`samskaping.core.privacy.staff.check`); unchecked
    (an import, a direct call) names that look like a person are masked
    there too. Every other kind of personal data is masked either way.
    Shared by the tables of stakeholders, concepts and journeys.
    """
    row = db.execute("SELECT masking FROM workshops WHERE id = ?", (workshop_id,)).fetchone()
    enabled = bool(row["masking"]) if row else True
    count_masked(db, workshop_id, guard(item, enabled=enabled, unchecked=not checked))
