"""The ideas of every workshop: added from phones and paper, hidden, merged, read by the live wall.

Every change to an idea (new, hidden, shown, merged away) gives it the next
``seq`` number, so a live wall asks only for what changed since the last
number it saw.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from samskaping.core.exceptions import InvalidInputError, WorkshopNotFoundError
from samskaping.core.models import now
from samskaping.ideas.model import Idea, check_pace
from samskaping.store.rows import Tables, bump, guarded

__all__ = ["Ideas", "insert_idea"]


class Ideas(Tables):
    """Ideas, in the order they arrived, and the merges of near-duplicates."""

    def add(self, idea: Idea) -> Idea:
        """Save one idea. Saving the same idea (same id) twice stores it once."""

        def insert(db: sqlite3.Connection) -> None:
            if not db.execute("SELECT 1 FROM workshops WHERE id = ?", (idea.workshop_id,)).fetchone():
                raise WorkshopNotFoundError(
                    f"No workshop has the id {idea.workshop_id!r}; create it before adding ideas.",
                    ref=idea.workshop_id,
                )
            if db.execute("SELECT 1 FROM ideas WHERE id = ?", (idea.id,)).fetchone():
                return
            check_pace(idea, _sent_last_minute(db, idea))
            guarded(db, idea.workshop_id, idea)
            insert_idea(db, idea)
            bump(db, idea.workshop_id, "wall")

        self._db.write(insert)
        return idea

    def list(self, workshop_id: str, *, session_id: str | None = None) -> list[Idea]:
        """A workshop's ideas in the order they arrived (optionally one browser's)."""
        query = "SELECT * FROM ideas WHERE workshop_id = ?"
        args: tuple[str, ...] = (workshop_id,)
        if session_id is not None:
            query += " AND session_id = ?"
            args += (session_id,)
        with self._db.read() as db:
            return [_idea(row) for row in db.execute(query + " ORDER BY created, seq", args)]

    def changed_since(self, workshop_id: str, seq: int = 0) -> tuple[list[Idea], int]:
        """Ideas added or changed after change number ``seq``, and the newest number.

        A live wall keeps the number and asks again: O(changes), not O(ideas).
        """
        with self._db.read() as db:
            rows = db.execute(
                "SELECT * FROM ideas WHERE workshop_id = ? AND seq > ? ORDER BY seq", (workshop_id, seq),
            ).fetchall()
        return [_idea(row) for row in rows], (rows[-1]["seq"] if rows else seq)

    def count(self, workshop_id: str) -> int:
        with self._db.read() as db:
            return db.execute("SELECT COUNT(*) FROM ideas WHERE workshop_id = ?", (workshop_id,)).fetchone()[0]

    def set_hidden(self, idea_id: str, hidden: bool = True) -> None:
        """Hide an idea from the wall (or show it again); it is never deleted."""

        def update(db: sqlite3.Connection) -> None:
            cursor = db.execute(
                "UPDATE ideas SET hidden = ?, seq = (SELECT MAX(seq) + 1 FROM ideas) WHERE id = ?",
                (int(hidden), idea_id),
            )
            if cursor.rowcount == 0:
                raise InvalidInputError(
                    f"No idea has the id {idea_id!r}.", reason="not_found", field="idea", value=idea_id,
                )
            row = db.execute("SELECT workshop_id FROM ideas WHERE id = ?", (idea_id,)).fetchone()
            bump(db, row["workshop_id"], "wall")

        self._db.write(update)

    def merge(self, duplicate_id: str, into_id: str) -> None:
        """Merge a near-duplicate into another idea: it leaves the wall, its votes and group count for the other."""

        def merge(db: sqlite3.Connection) -> None:
            rows = db.execute("SELECT id, workshop_id FROM ideas WHERE id IN (?, ?)",
                              (duplicate_id, into_id)).fetchall()
            if len(rows) != 2 or rows[0]["workshop_id"] != rows[1]["workshop_id"] or duplicate_id == into_id:
                raise InvalidInputError(
                    f"Cannot merge {duplicate_id!r} into {into_id!r}: both must be different ideas of one workshop.",
                    reason="not_found", field="idea", value=f"{duplicate_id}->{into_id}",
                )
            final = db.execute("SELECT into_id FROM idea_merges WHERE idea_id = ?", (into_id,)).fetchone()
            into = final["into_id"] if final else into_id
            db.execute("INSERT OR REPLACE INTO idea_merges (idea_id, into_id) VALUES (?, ?)", (duplicate_id, into))
            db.execute("UPDATE idea_merges SET into_id = ? WHERE into_id = ?", (into, duplicate_id))
            db.execute("UPDATE ideas SET hidden = 1, seq = (SELECT MAX(seq) + 1 FROM ideas) WHERE id = ?",
                       (duplicate_id,))
            bump(db, rows[0]["workshop_id"], "wall")

        self._db.write(merge)

    def merges(self, workshop_id: str) -> dict[str, str]:
        """``{merged idea id: the idea it was merged into}``."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT m.idea_id, m.into_id FROM idea_merges m JOIN ideas i ON i.id = m.idea_id"
                " WHERE i.workshop_id = ?", (workshop_id,),
            ).fetchall()
        return {row["idea_id"]: row["into_id"] for row in rows}


def insert_idea(db: sqlite3.Connection, idea: Idea) -> None:
    """Insert ``idea`` (already guarded) with the next change number; a retry stores it once."""
    db.execute(
        "INSERT OR IGNORE INTO ideas"
        " (id, workshop_id, text, participant_group, session_id, hidden, created, on_paper, seq)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT IFNULL(MAX(seq), 0) + 1 FROM ideas))",
        (idea.id, idea.workshop_id, idea.text, idea.group, idea.session_id,
         int(idea.hidden), idea.created.isoformat(), int(idea.on_paper)),
    )


def _sent_last_minute(db: sqlite3.Connection, idea: Idea) -> int:
    since = (now() - timedelta(minutes=1)).isoformat()
    return db.execute(
        "SELECT COUNT(*) FROM ideas WHERE workshop_id = ? AND session_id = ? AND created > ?",
        (idea.workshop_id, idea.session_id, since),
    ).fetchone()[0]


def _idea(row: sqlite3.Row) -> Idea:
    return Idea(
        id=row["id"], workshop_id=row["workshop_id"], text=row["text"], group=row["participant_group"],
        session_id=row["session_id"], hidden=bool(row["hidden"]), created=datetime.fromisoformat(row["created"]),
        on_paper=bool(row["on_paper"]),
    )
