"""The room on the day: arrivals, evaluations, and the stage every phone shows."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.models import now
from samskaping.room.model import Arrival, Evaluation, Stage
from samskaping.store.rows import Tables, bump, columns, guarded, require_workshop, upsert

__all__ = ["Room", "evaluation_from_row", "MAX_EXPECTED", "EXPECTED_HOURS"]

#: The most participants one workshop may say it expects (a regional gathering; one laptop holds far fewer).
MAX_EXPECTED = 1000
#: How long a facilitator's "we expect N" keeps pages warm: a workshop day.
EXPECTED_HOURS = 12


class Room(Tables):
    """Who arrived (a group, never a name), what they thought of the day, and the current stage."""

    def register_arrival(self, arrival: Arrival) -> None:
        """Register (or correct) a browser's group on arrival; no name is asked or stored."""

        def upsert_arrival(db: sqlite3.Connection) -> None:
            require_workshop(db, arrival.workshop_id)
            db.execute(
                'INSERT INTO arrivals (workshop_id, session_id, "group", stakeholder_id, at, municipality)'
                " VALUES (?, ?, ?, ?, ?, ?)"
                ' ON CONFLICT (workshop_id, session_id) DO UPDATE SET "group" = excluded."group",'
                " stakeholder_id = excluded.stakeholder_id, municipality = excluded.municipality",
                (arrival.workshop_id, arrival.session_id, arrival.group, arrival.stakeholder_id,
                 arrival.at.isoformat(), arrival.municipality),
            )
            bump(db, arrival.workshop_id, "room")

        self._db.write(upsert_arrival)

    def arrivals(self, workshop_id: str) -> list[Arrival]:
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM arrivals WHERE workshop_id = ? ORDER BY at", (workshop_id,)).fetchall()
        return [Arrival(r["workshop_id"], r["session_id"], r["group"], r["stakeholder_id"],
                        datetime.fromisoformat(r["at"]), r["municipality"]) for r in rows]

    def save_evaluation(self, evaluation: Evaluation) -> None:
        """Store a participant's evaluation; a second one from the same browser replaces the first."""

        def save(db: sqlite3.Connection) -> None:
            require_workshop(db, evaluation.workshop_id)
            guarded(db, evaluation.workshop_id, evaluation)
            db.execute("DELETE FROM evaluations WHERE workshop_id = ? AND session_id = ?",
                       (evaluation.workshop_id, evaluation.session_id))
            upsert(db, "evaluations", columns(evaluation))
            bump(db, evaluation.workshop_id, "room")

        self._db.write(save)

    def evaluations(self, workshop_id: str) -> list[Evaluation]:
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM evaluations WHERE workshop_id = ? ORDER BY created",
                              (workshop_id,)).fetchall()
        return [evaluation_from_row(row) for row in rows]

    def expect(self, workshop_id: str, participants: int) -> None:
        """Say how many participants a workshop expects today (0: no longer), so the server gets ready for them."""
        if not 0 <= participants <= MAX_EXPECTED:
            raise InvalidInputError(f"{participants!r} participants is outside 0..{MAX_EXPECTED}; give a whole number.",
                                    reason="out_of_range", value=participants, min=0, max=MAX_EXPECTED)

        def save(db: sqlite3.Connection) -> None:
            require_workshop(db, workshop_id)
            db.execute("INSERT INTO expected_rooms (workshop_id, participants, at) VALUES (?, ?, ?) ON CONFLICT"
                       " (workshop_id) DO UPDATE SET participants = excluded.participants, at = excluded.at",
                       (workshop_id, participants, now().isoformat()))

        self._db.write(save)

    def expected(self, workshop_id: str) -> int:
        """What :meth:`expect` last said for this workshop (0 if nothing)."""
        with self._db.read() as db:
            row = db.execute("SELECT participants FROM expected_rooms WHERE workshop_id = ?", (workshop_id,)).fetchone()
        return row["participants"] if row else 0

    def expected_now(self, hours: float = EXPECTED_HOURS) -> int:
        """Participants expected across workshops, counting only what was said within the last ``hours``."""
        since = (now() - timedelta(hours=hours)).isoformat()
        with self._db.read() as db:
            row = db.execute("SELECT COALESCE(SUM(participants), 0) AS n FROM expected_rooms WHERE at >= ?",
                             (since,)).fetchone()
        return row["n"]

    def stage(self, workshop_id: str) -> tuple[str, int, datetime | None]:
        """What participants' pages show now (one of :data:`~samskaping.room.model.STAGES`), the
        facilitator's step in the guided flow, and when that step started."""
        with self._db.read() as db:
            row = db.execute("SELECT stage, step, step_started FROM stages WHERE workshop_id = ?",
                             (workshop_id,)).fetchone()
        if row is None:
            return Stage.IDEER, 0, None
        return row["stage"], row["step"], datetime.fromisoformat(row["step_started"])

    def set_stage(self, workshop_id: str, stage: str, step: int = 0) -> None:
        """Move every phone of the workshop to ``stage``, and the facilitator's flow to ``step``."""
        stage = Stage.parse(stage, "stage")

        def save(db: sqlite3.Connection) -> None:
            require_workshop(db, workshop_id)
            db.execute(
                "INSERT INTO stages (workshop_id, stage, step, step_started) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (workshop_id) DO UPDATE SET stage = excluded.stage, step = excluded.step,"
                " step_started = excluded.step_started",
                (workshop_id, stage, step, now().isoformat()),
            )
            bump(db, workshop_id, "room")

        self._db.write(save)


def evaluation_from_row(row: sqlite3.Row) -> Evaluation:
    return Evaluation(row["workshop_id"], row["session_id"], row["day"], row["voice"], row["change"], row["id"],
                      datetime.fromisoformat(row["created"]))
