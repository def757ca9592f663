"""A project's organisation and plan: roles, responsibilities, forankring, meetings, milestones, pilots.

Seven small registers of one shape (a project's numbered rows), so one class keeps
them: each kind is a table and the dataclass of :mod:`samskaping.organisation.model`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.privacy.guard import guard
from samskaping.organisation.model import ForankringEntry, Meeting, Milestone, Pilot, Responsibility, Role, Task
from samskaping.store.rows import Tables, columns, from_row, next_nr, require_project, save_each, upsert

__all__ = ["KINDS", "Organisation"]

#: Each register: its table and its dataclass.
KINDS: dict[str, tuple[str, type]] = {
    "roles": ("roles", Role),
    "tasks": ("tasks", Task),
    "forankring": ("forankring", ForankringEntry),
    "meetings": ("meetings", Meeting),
    "milestones": ("milestones", Milestone),
    "pilots": ("pilots", Pilot),
}
_TABLE_OF = {cls: table for table, cls in KINDS.values()}


class Organisation(Tables):
    """The project's organisation registers, each in its number order."""

    def list(self, kind: str, project_id: str) -> list[Any]:
        table, cls = _kind(kind)
        with self._db.read() as db:
            rows = db.execute(f"SELECT * FROM {table} WHERE project_id = ? ORDER BY nr, created",
                              (project_id,)).fetchall()
        return [from_row(cls, row) for row in rows]

    def save(self, item: Any, *, checked: bool = False) -> Any:
        """Add or change one row (``checked``: a staff page checked its text for names, as for risks)."""
        self._db.write(lambda db: _save(db, item, checked))
        return item

    def save_all(self, items: Iterable[Any]) -> int:
        """Read in rows of a file (names that look like a person masked) in one transaction."""
        return save_each(self._db, items, lambda db, item: _save(db, item, False))

    def delete(self, kind: str, item_id: str) -> None:
        table, _ = _kind(kind)
        self._db.write(lambda db: db.execute(f"DELETE FROM {table} WHERE id = ?", (item_id,)))

    def responsibilities(self, project_id: str) -> list[Responsibility]:
        """The cells of the responsibility matrix of the project's tasks."""
        with self._db.read() as db:
            rows = db.execute("SELECT r.* FROM responsibilities r JOIN tasks t ON t.id = r.task_id"
                              " WHERE t.project_id = ? ORDER BY t.nr, r.created", (project_id,)).fetchall()
        return [from_row(Responsibility, row) for row in rows]

    def set_responsibility(self, cell: Responsibility) -> None:
        """Fill one cell of the matrix (a task and a role); a second code for the same cell replaces it."""

        def save(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM responsibilities WHERE task_id = ? AND role_kind = ?",
                       (cell.task_id, str(cell.role_kind)))
            upsert(db, "responsibilities", columns(cell))

        self._db.write(save)


def _kind(kind: str) -> tuple[str, type]:
    if kind not in KINDS:
        raise InvalidInputError(f"kind {kind!r} is not one of {', '.join(KINDS)}.", reason="bad_choice",
                                field="kind", value=kind, choices=", ".join(KINDS))
    return KINDS[kind]


def _save(db: sqlite3.Connection, item: Any, checked: bool) -> None:
    table = _TABLE_OF[type(item)]
    require_project(db, item.project_id)
    guard(item, enabled=True, unchecked=not checked)
    if not item.nr:
        item.nr = next_nr(db, table, item.project_id)
    values = columns(item)
    for name, value in values.items():
        if isinstance(value, bool):
            values[name] = int(value)
    upsert(db, table, values)
