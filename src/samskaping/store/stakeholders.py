"""Stakeholders on the grid, their history of moves, and the relations between them.

The register belongs to a project and is shared by its workshops: a workshop's page
reads and writes its project's register, and deleting a workshop keeps it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.privacy.guard import guard
from samskaping.stakeholders.model import Move, Relation, Stakeholder
from samskaping.store.rows import (
    Tables,
    bump,
    columns,
    count_masked,
    from_row,
    guarded,
    require_workshop,
    save_each,
    upsert,
)

__all__ = ["Stakeholders", "bump_register", "guarded_staff_text", "insert_move", "project_of", "save_stakeholder"]


class Stakeholders(Tables):
    """A project's stakeholder register in the order it was added to, with moves and relations.

    Methods that take a ``workshop_id`` read the register of that workshop's project.
    """

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
        save_each(self._db, stakeholders, lambda db, stakeholder: save_stakeholder(db, stakeholder, moved_by))
        return stakeholders

    def list(self, workshop_id: str) -> list[Stakeholder]:
        """The stakeholders of the workshop's project, in the order they were added."""
        return self.register(_project_of(self._db, workshop_id))

    def register(self, project_id: str) -> list[Stakeholder]:
        """A project's stakeholders in the order they were added."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT * FROM stakeholders WHERE project_id = ? ORDER BY created, rowid", (project_id,)
            ).fetchall()
        return [from_row(Stakeholder, row) for row in rows]

    def delete(self, stakeholder_id: str) -> None:
        """Remove a stakeholder with its relations and history."""

        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT project_id FROM stakeholders WHERE id = ?", (stakeholder_id,)).fetchone()
            if row is None:
                raise InvalidInputError(
                    f"No stakeholder has the id {stakeholder_id!r}.", reason="not_found", field="stakeholder",
                    value=stakeholder_id,
                )
            db.execute("DELETE FROM stakeholders WHERE id = ?", (stakeholder_id,))
            bump_register(db, row["project_id"])

        self._db.write(delete)

    def moves(self, workshop_id: str) -> list[Move]:
        """Every placement of the register's stakeholders, oldest first (to replay a discussion)."""
        project_id = _project_of(self._db, workshop_id)
        with self._db.read() as db:
            rows = db.execute(
                "SELECT m.stakeholder_id, m.interest, m.influence, m.moved_by, m.at FROM stakeholder_moves m"
                " JOIN stakeholders s ON s.id = m.stakeholder_id WHERE s.project_id = ? ORDER BY m.n",
                (project_id,),
            ).fetchall()
        return [from_row(Move, row) for row in rows]

    def save_relation(self, relation: Relation) -> Relation:
        """Add or update a relation between two stakeholders of the workshop's project."""

        def save(db: sqlite3.Connection) -> None:
            project_id = project_of(db, relation.workshop_id)
            found = db.execute(
                "SELECT COUNT(*) FROM stakeholders WHERE project_id = ? AND id IN (?, ?)",
                (project_id, relation.source_id, relation.target_id),
            ).fetchone()[0]
            if found != 2:
                raise InvalidInputError(
                    f"Relation {relation.source_id!r} -> {relation.target_id!r} names a stakeholder that is not "
                    f"in the register of workshop {relation.workshop_id!r}; add both stakeholders first.",
                    reason="unknown_stakeholder", field="relation",
                    value=f"{relation.source_id}->{relation.target_id}",
                )
            upsert(db, "relations", {**columns(relation), "project_id": project_id})
            bump_register(db, project_id)

        self._db.write(save)
        return relation

    def relations(self, workshop_id: str) -> list[Relation]:
        """The relations in the register of the workshop's project, in the order they were added."""
        project_id = _project_of(self._db, workshop_id)
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM relations WHERE project_id = ? ORDER BY rowid", (project_id,)).fetchall()
        return [from_row(Relation, row) for row in rows]

    def delete_relation(self, relation_id: str) -> None:
        """Remove a relation (one that is gone already is no error)."""

        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT project_id FROM relations WHERE id = ?", (relation_id,)).fetchone()
            if row is not None:
                db.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
                bump_register(db, row["project_id"])

        self._db.write(delete)


def save_stakeholder(db: sqlite3.Connection, stakeholder: Stakeholder, moved_by: str, *, checked: bool = False) -> None:
    """Add or update ``stakeholder`` in its workshop's register; a new place on the grid is kept in its history.

    Any workshop of the project may change it (``stakeholder.workshop_id`` then
    names that workshop); ``checked``: see :meth:`Stakeholders.save`.
    """
    project_id = project_of(db, stakeholder.workshop_id)
    old = db.execute(
        "SELECT project_id, interest, influence FROM stakeholders WHERE id = ?", (stakeholder.id,)
    ).fetchone()
    if old is not None and old["project_id"] != project_id:
        raise InvalidInputError(
            f"Stakeholder {stakeholder.id!r} is in the register of project {old['project_id']!r}, "
            f"not of workshop {stakeholder.workshop_id!r}'s project; open it from a workshop of that project.",
            reason="bad_choice", field="workshop_id", value=stakeholder.workshop_id, choices=old["project_id"],
        )
    guarded_staff_text(db, stakeholder.workshop_id, stakeholder, checked=checked)
    upsert(db, "stakeholders", {**columns(stakeholder), "project_id": project_id})
    if old is None or (old["interest"], old["influence"]) != (stakeholder.interest, stakeholder.influence):
        move = Move(stakeholder.id, stakeholder.interest, stakeholder.influence, moved_by)
        guarded(db, stakeholder.workshop_id, move)
        insert_move(db, move)
    bump_register(db, project_id)


def project_of(db: sqlite3.Connection, workshop_id: str) -> str:
    """The project of workshop ``workshop_id``, whose register its pages use (the workshop must exist)."""
    require_workshop(db, workshop_id)
    return db.execute("SELECT project_id FROM workshops WHERE id = ?", (workshop_id,)).fetchone()["project_id"]


def _project_of(database, workshop_id: str) -> str:
    with database.read() as db:
        return project_of(db, workshop_id)


def bump_register(db: sqlite3.Connection, project_id: str) -> None:
    """Count a change of the register in every workshop of the project: all their pages show it."""
    for row in db.execute("SELECT id FROM workshops WHERE project_id = ?", (project_id,)).fetchall():
        bump(db, row["id"], "stakeholders")


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
