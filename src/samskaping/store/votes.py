"""Dots and agree/disagree answers, and the state of each workshop's voting round.

Limits are checked inside the write transaction, so two browsers (or two tabs
of one) racing for the last dot cannot both get it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.models import Group, now
from samskaping.ideas.model import Stance, Voting
from samskaping.store.rows import Tables, bump, require_workshop

__all__ = ["Votes"]

#: Votes on an idea merged into another count for the one it was merged into.
_TARGET = "COALESCE((SELECT into_id FROM idea_merges m WHERE m.idea_id = v.idea_id), v.idea_id)"


class Votes(Tables):
    """Each browser's dots and answers, and the round they belong to."""

    def voting(self, workshop_id: str) -> Voting:
        """The workshop's voting round (not started, with 3 dots, if never set)."""
        with self._db.read() as db:
            row = db.execute("SELECT dots, state FROM voting WHERE workshop_id = ?", (workshop_id,)).fetchone()
        return Voting(workshop_id, row["dots"], row["state"]) if row else Voting(workshop_id)

    def set_voting(self, voting: Voting) -> None:
        """Start, close or reset a voting round; changing the dots keeps the votes already cast."""

        def upsert(db: sqlite3.Connection) -> None:
            require_workshop(db, voting.workshop_id)
            db.execute(
                "INSERT INTO voting (workshop_id, dots, state) VALUES (?, ?, ?)"
                " ON CONFLICT (workshop_id) DO UPDATE SET dots = excluded.dots, state = excluded.state",
                (voting.workshop_id, voting.dots, voting.state),
            )
            bump(db, voting.workshop_id, "votes")

        self._db.write(upsert)

    def clear(self, workshop_id: str) -> None:
        """Remove every dot and answer (to vote again from scratch)."""

        def clear(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM dots WHERE workshop_id = ?", (workshop_id,))
            db.execute("DELETE FROM stances WHERE workshop_id = ?", (workshop_id,))
            bump(db, workshop_id, "votes")

        self._db.write(clear)

    def add_dot(self, idea_id: str, session_id: str, group: str = "annet", *, on_paper: bool = False) -> int:
        """Put one of a browser's dots on an idea; returns the dots it has left."""

        def add(db: sqlite3.Connection) -> int:
            workshop_id, dots = _open_voting(db, idea_id)
            used = db.execute(
                "SELECT COUNT(*) FROM dots WHERE workshop_id = ? AND session_id = ?", (workshop_id, session_id)
            ).fetchone()[0]
            if used >= dots:
                raise InvalidInputError(
                    f"Session {session_id!r} has used all {dots} dots; take one back to move it.",
                    reason="no_dots_left", field="dots", value=dots,
                )
            db.execute(
                "INSERT INTO dots (workshop_id, idea_id, session_id, participant_group, on_paper, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (workshop_id, idea_id, session_id, Group.parse(group or Group.ANNET, "group"),
                 int(on_paper), now().isoformat()),
            )
            bump(db, workshop_id, "votes")
            return dots - used - 1

        return self._db.write(add)

    def remove_dot(self, idea_id: str, session_id: str) -> None:
        """Take back one of this browser's dots from an idea (while voting is open)."""

        def remove(db: sqlite3.Connection) -> None:
            workshop_id, _ = _open_voting(db, idea_id)
            db.execute(
                "DELETE FROM dots WHERE n = (SELECT MAX(n) FROM dots WHERE idea_id = ? AND session_id = ?)",
                (idea_id, session_id),
            )
            bump(db, workshop_id, "votes")

        self._db.write(remove)

    def my_dots(self, workshop_id: str, session_id: str) -> Counter[str]:
        """How many dots this browser put on each idea."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT idea_id, COUNT(*) AS n FROM dots WHERE workshop_id = ? AND session_id = ? GROUP BY idea_id",
                (workshop_id, session_id),
            ).fetchall()
        return Counter({row["idea_id"]: row["n"] for row in rows})

    def set_stance(self, idea_id: str, session_id: str, stance: str, group: str = "annet", *,
                   on_paper: bool = False) -> None:
        """Agree, disagree or pass on an idea; answering again replaces the answer."""

        def upsert(db: sqlite3.Connection) -> None:
            workshop_id, _ = _open_voting(db, idea_id)
            db.execute(
                "INSERT INTO stances (idea_id, session_id, workshop_id, participant_group, stance, on_paper, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idea_id, session_id) DO UPDATE SET"
                " stance = excluded.stance, participant_group = excluded.participant_group",
                (idea_id, session_id, workshop_id, Group.parse(group or Group.ANNET, "group"),
                 Stance.parse(stance, "stance"), int(on_paper), now().isoformat()),
            )
            bump(db, workshop_id, "votes")

        self._db.write(upsert)

    def count(self, workshop_id: str) -> tuple[int, int]:
        """``(dots, answers)`` cast so far: what the facilitator may see while voting is open."""
        with self._db.read() as db:
            dots = db.execute("SELECT COUNT(*) FROM dots WHERE workshop_id = ?", (workshop_id,)).fetchone()[0]
            answers = db.execute("SELECT COUNT(*) FROM stances WHERE workshop_id = ?", (workshop_id,)).fetchone()[0]
        return dots, answers

    def cast(self, workshop_id: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
        """Every vote: ``(idea, group)`` per dot and ``(idea, group, stance)`` per answer.

        A vote on an idea merged into another counts for the one it was merged into.
        """
        with self._db.read() as db:
            dots = db.execute(
                f"SELECT {_TARGET} AS idea, participant_group FROM dots v WHERE workshop_id = ?", (workshop_id,)
            ).fetchall()
            stances = db.execute(
                f"SELECT {_TARGET} AS idea, participant_group, stance FROM stances v WHERE workshop_id = ?",
                (workshop_id,),
            ).fetchall()
        return ([(r["idea"], r["participant_group"]) for r in dots],
                [(r["idea"], r["participant_group"], r["stance"]) for r in stances])


def _open_voting(db: sqlite3.Connection, idea_id: str) -> tuple[str, int]:
    """The idea's workshop and its dots per browser, or a clear error if voting is not open."""
    row = db.execute("SELECT workshop_id FROM ideas WHERE id = ?", (idea_id,)).fetchone()
    if row is None:
        raise InvalidInputError(f"No idea has the id {idea_id!r}.", reason="not_found", field="idea", value=idea_id)
    voting = db.execute("SELECT dots, state FROM voting WHERE workshop_id = ?", (row["workshop_id"],)).fetchone()
    if voting is None or voting["state"] != "apen":
        raise InvalidInputError(
            f"Voting in workshop {row['workshop_id']!r} is not open; the facilitator opens it.",
            reason="voting_closed", field="voting", value=row["workshop_id"],
        )
    return row["workshop_id"], voting["dots"]
