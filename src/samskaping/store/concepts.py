"""Concepts formed from the themes, and each participant's answer to them."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from samskaping.core.exceptions import InvalidInputError
from samskaping.ideas.model import Concept, ConceptFeedback
from samskaping.store.rows import Tables, bump, columns, from_row, guarded, require_workshop, upsert
from samskaping.store.stakeholders import guarded_staff_text

__all__ = ["Concepts", "feedback_from_row"]


class Concepts(Tables):
    """A workshop's concepts, in the order they were made, and the room's feedback on them."""

    def save(self, concept: Concept, *, checked: bool = False) -> Concept:
        """Add a concept, or save changes to it.

        ``checked``: a staff page checked its text for names (and staff
        confirmed any), so names are stored as typed; otherwise names that
        look like a person are masked (:func:`~samskaping.store.stakeholders.guarded_staff_text`).
        """

        def save(db: sqlite3.Connection) -> None:
            require_workshop(db, concept.workshop_id)
            guarded_staff_text(db, concept.workshop_id, concept, checked=checked)
            upsert(db, "concepts", columns(concept))
            bump(db, concept.workshop_id, "ideas")

        self._db.write(save)
        return concept

    def list(self, workshop_id: str) -> list[Concept]:
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM concepts WHERE workshop_id = ? ORDER BY created, rowid",
                              (workshop_id,)).fetchall()
        return [from_row(Concept, row) for row in rows]

    def delete(self, concept_id: str) -> None:
        """Remove a concept with the feedback on it (a concept that is gone already is no error)."""

        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM concepts WHERE id = ?", (concept_id,)).fetchone()
            if row:
                db.execute("DELETE FROM concepts WHERE id = ?", (concept_id,))
                bump(db, row["workshop_id"], "ideas")

        self._db.write(delete)

    def save_feedback(self, feedback: ConceptFeedback) -> None:
        """A participant's answer to a concept; answering again replaces the answer."""

        def upsert_feedback(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM concepts WHERE id = ?", (feedback.concept_id,)).fetchone()
            if row is None:
                raise InvalidInputError(f"No concept has the id {feedback.concept_id!r}.", reason="not_found",
                                        field="concept", value=feedback.concept_id)
            guarded(db, row["workshop_id"], feedback)
            db.execute(
                "INSERT INTO concept_feedback (concept_id, session_id, workshop_id, participant_group, stance, comment,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (concept_id, session_id) DO UPDATE SET"
                " stance = excluded.stance, comment = excluded.comment, participant_group = excluded.participant_group",
                (feedback.concept_id, feedback.session_id, row["workshop_id"], feedback.group, feedback.stance,
                 feedback.comment, feedback.created.isoformat()),
            )
            bump(db, row["workshop_id"], "ideas")

        self._db.write(upsert_feedback)

    def feedback(self, workshop_id: str) -> list[ConceptFeedback]:
        """Every answer to the workshop's concepts, oldest first."""
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM concept_feedback WHERE workshop_id = ? ORDER BY created, session_id",
                              (workshop_id,)).fetchall()
        return [feedback_from_row(row) for row in rows]


def feedback_from_row(row: sqlite3.Row) -> ConceptFeedback:
    return ConceptFeedback(row["concept_id"], row["session_id"], row["stance"], row["comment"],
                           row["participant_group"], datetime.fromisoformat(row["created"]))
