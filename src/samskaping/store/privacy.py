"""The privacy record of each workshop: masking on or off and deleted posts (logged), and what the guard masked."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.models import now
from samskaping.store.rows import Tables, require_workshop

__all__ = ["Privacy"]


class Privacy(Tables):
    """Who turned masking off or on, who deleted a post, and how much personal data was masked, by kind."""

    def set_masking(self, workshop_id: str, enabled: bool, *, by: str) -> None:
        """Turn masking of personal data on or off for a workshop, recording who did it.

        Off is for the rare workshop where the guard hides words that must
        stay (and the facilitator takes responsibility); it is logged.
        """
        by = by.strip()
        if not by:
            raise InvalidInputError(
                "Say who changes the masking (a role is enough), e.g. by='prosessleder'.", reason="empty", field="by",
            )

        def update(db: sqlite3.Connection) -> None:
            require_workshop(db, workshop_id)
            db.execute("UPDATE workshops SET masking = ? WHERE id = ?", (int(enabled), workshop_id))
            db.execute(
                "INSERT INTO privacy_log (workshop_id, action, by, at) VALUES (?, ?, ?, ?)",
                (workshop_id, "masking_on" if enabled else "masking_off", by, now().isoformat()),
            )

        self._db.write(update)

    def log(self, workshop_id: str) -> list[tuple[str, str, datetime]]:
        """``(action, by, at)``, oldest first: each change of the masking setting (``masking_on``,
        ``masking_off``) and each deleted post (``idea_deleted``, see
        :meth:`~samskaping.store.ideas.Ideas.delete`). Never what a post said."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT action, by, at FROM privacy_log WHERE workshop_id = ? ORDER BY n", (workshop_id,)
            ).fetchall()
        return [(row["action"], row["by"], datetime.fromisoformat(row["at"])) for row in rows]

    def masked_counts(self, workshop_id: str) -> dict[str, int]:
        """How many pieces of personal data were masked in a workshop, by kind (never what they were)."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT kind, n FROM masked_counts WHERE workshop_id = ? ORDER BY kind", (workshop_id,)
            ).fetchall()
        return {row["kind"]: row["n"] for row in rows}
