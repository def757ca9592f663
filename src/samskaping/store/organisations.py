"""The organisations of a shared deployment, and the hash of each one's staff secret."""

from __future__ import annotations

import json
import sqlite3

from samskaping.core.exceptions import InvalidInputError
from samskaping.projects.model import DEFAULT_ORGANISATION, Organisation
from samskaping.store.rows import Tables, from_row

__all__ = ["Organisations", "require_organisation"]


class Organisations(Tables):
    """Who a project belongs to; the default organisation is there from the start."""

    def create(self, organisation: Organisation, secret_record: dict) -> Organisation:
        """Add an organisation with the hash of its staff secret (``server.access.secret_record``)."""
        def insert(db: sqlite3.Connection) -> None:
            if db.execute("SELECT 1 FROM organisations WHERE id = ?", (organisation.id,)).fetchone():
                raise InvalidInputError(f"Organisation {organisation.id!r} exists already; choose another id.",
                                        reason="organisation_exists", field="organisation", value=organisation.id)
            db.execute("INSERT INTO organisations (id, name, secret, created) VALUES (?, ?, ?, ?)",
                       (organisation.id, organisation.name, json.dumps(secret_record),
                        organisation.created.isoformat()))

        self._db.write(insert)
        return organisation

    def list(self) -> list[Organisation]:
        with self._db.read() as db:
            rows = db.execute("SELECT id, name, created FROM organisations ORDER BY created, id").fetchall()
        return [from_row(Organisation, row) for row in rows]

    def get(self, organisation_id: str) -> Organisation:
        with self._db.read() as db:
            require_organisation(db, organisation_id)
            row = db.execute("SELECT id, name, created FROM organisations WHERE id = ?", (organisation_id,)).fetchone()
        return from_row(Organisation, row)

    def secrets(self) -> dict[str, dict]:
        """Each organisation's secret hash but the default's (which lives in the data folder's file)."""
        with self._db.read() as db:
            rows = db.execute("SELECT id, secret FROM organisations WHERE id != ? AND secret != ''",
                              (DEFAULT_ORGANISATION,)).fetchall()
        return {row["id"]: json.loads(row["secret"]) for row in rows}

    def set_secret(self, organisation_id: str, secret_record: dict) -> None:
        """Replace an organisation's secret hash: the old secret and its staff sessions stop working."""
        def update(db: sqlite3.Connection) -> None:
            require_organisation(db, organisation_id)
            db.execute("UPDATE organisations SET secret = ? WHERE id = ?", (json.dumps(secret_record), organisation_id))

        self._db.write(update)


def require_organisation(db: sqlite3.Connection, organisation_id: str) -> None:
    if not db.execute("SELECT 1 FROM organisations WHERE id = ?", (organisation_id,)).fetchone():
        raise InvalidInputError(f"No organisation has the id {organisation_id!r}; `samskaping organisation list` "
                                "shows them.", reason="unknown_organisation", field="organisation",
                                value=organisation_id)
