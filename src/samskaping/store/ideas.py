"""The ideas of every workshop: added from phones and paper, hidden, merged, deleted, read by the live wall.

Every change to an idea (new, hidden, shown, merged away, deleted) takes the
next ``seq`` number, so a live wall asks only for what changed since the last
number it saw. A deleted idea leaves no text behind: only its id and the
number of its deletion, so the wall can take it down.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from samskaping.core.exceptions import InvalidInputError, WorkshopNotFoundError
from samskaping.core.models import now
from samskaping.ideas.model import Idea, check_pace
from samskaping.store.rows import Tables, bump, guarded

__all__ = ["Ideas", "insert_idea"]

#: The next change number: after every idea's, and after every deletion's (a deleted idea's
#: number is never given out again, or a wall that saw it would miss the idea that got it).
_NEXT_SEQ = ("(SELECT COALESCE(MAX(seq), 0) + 1 FROM (SELECT MAX(seq) AS seq FROM ideas"
             " UNION ALL SELECT MAX(seq) FROM idea_deletions) AS known)")


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
        """Hide an idea from the wall and from exports (or show it again); :meth:`delete` removes it."""

        def update(db: sqlite3.Connection) -> None:
            cursor = db.execute(
                f"UPDATE ideas SET hidden = ?, seq = {_NEXT_SEQ} WHERE id = ?",
                (int(hidden), idea_id),
            )
            if cursor.rowcount == 0:
                raise InvalidInputError(
                    f"No idea has the id {idea_id!r}.", reason="not_found", field="idea", value=idea_id,
                )
            row = db.execute("SELECT workshop_id FROM ideas WHERE id = ?", (idea_id,)).fetchone()
            bump(db, row["workshop_id"], "wall")

        self._db.write(update)

    def delete(self, idea_id: str, *, by: str, session_id: str | None = None,
               workshop_id: str | None = None) -> None:
        """Delete an idea for real: it leaves the store, the wall and every later export.

        A facilitator deletes a post on request (``by`` names the role); a
        participant deletes their own from their device: pass that browser's
        ``session_id``, and a post sent from another browser (or typed in from
        paper) is refused with :class:`InvalidInputError` (``not_yours``).
        ``workshop_id``, when given, must be the idea's (``not_found``
        otherwise, as for an id that does not exist). The privacy log records
        that a post was deleted, by whom and when, never its text or its id.
        Its votes and theme placement go with it; ideas merged into it stay
        hidden. Files exported before are copies the kit cannot reach.
        """
        by = by.strip() if isinstance(by, str) else ""
        if not by:
            raise InvalidInputError(
                "Say who deletes the post (a role is enough), e.g. by='prosessleder'.", reason="empty", field="by",
            )

        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id, session_id FROM ideas WHERE id = ?", (idea_id,)).fetchone()
            if row is None or (workshop_id is not None and row["workshop_id"] != workshop_id):
                raise InvalidInputError(
                    f"No idea has the id {idea_id!r}{f' in workshop {workshop_id!r}' if workshop_id else ''}; "
                    "`samskaping ideas list WORKSHOP --include-hidden` shows the ids.",
                    reason="not_found", field="idea", value=idea_id,
                )
            if session_id is not None and (not session_id or row["session_id"] != session_id):
                raise InvalidInputError(
                    f"Idea {idea_id!r} was not sent from this browser; only its sender or a facilitator may delete it.",
                    reason="not_yours", field="idea", value=idea_id,
                )
            db.execute(f"INSERT INTO idea_deletions (idea_id, workshop_id, seq) VALUES (?, ?, {_NEXT_SEQ})",
                       (idea_id, row["workshop_id"]))
            db.execute("DELETE FROM ideas WHERE id = ?", (idea_id,))
            db.execute("INSERT INTO privacy_log (workshop_id, action, by, at) VALUES (?, ?, ?, ?)",
                       (row["workshop_id"], "idea_deleted", by, now().isoformat()))
            bump(db, row["workshop_id"], "wall")

        self._db.write(delete)
        self._db.checkpoint()  # no deleted text left in the WAL file

    def removed_since(self, workshop_id: str, seq: int = 0) -> tuple[list[str], int]:
        """Ids of ideas deleted after change number ``seq``, and the newest such number.

        A live wall asks this beside :meth:`changed_since` (same numbers) and
        takes these ideas down. O(deletions since ``seq``).
        """
        with self._db.read() as db:
            rows = db.execute(
                "SELECT idea_id, seq FROM idea_deletions WHERE workshop_id = ? AND seq > ? ORDER BY seq",
                (workshop_id, seq),
            ).fetchall()
        return [row["idea_id"] for row in rows], (rows[-1]["seq"] if rows else seq)

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
            db.execute("INSERT INTO idea_merges (idea_id, into_id) VALUES (?, ?)"
                       " ON CONFLICT (idea_id) DO UPDATE SET into_id = excluded.into_id", (duplicate_id, into))
            db.execute("UPDATE idea_merges SET into_id = ? WHERE into_id = ?", (into, duplicate_id))
            db.execute(f"UPDATE ideas SET hidden = 1, seq = {_NEXT_SEQ} WHERE id = ?", (duplicate_id,))
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
        "INSERT INTO ideas"
        " (id, workshop_id, text, participant_group, session_id, hidden, created, on_paper, seq)"
        f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, {_NEXT_SEQ}) ON CONFLICT (id) DO NOTHING",
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
