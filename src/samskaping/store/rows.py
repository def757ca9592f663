"""What every table module shares: dataclasses to rows and back, the guard, change numbers.

Each concept's tables live in a module of their own; these helpers are the
rules they all keep. Every object is guarded (personal data masked) in the
same transaction that writes it, and every write bumps its workshop's change
number for the topic, so live pages reload only what moved.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, get_type_hints

from samskaping.core.exceptions import ProjectNotFoundError, WorkshopNotFoundError
from samskaping.core.privacy.guard import guard

__all__ = [
    "Tables", "bump", "columns", "count_masked", "from_row", "guarded", "next_nr", "require_project",
    "require_workshop", "upsert",
]

T = TypeVar("T")


class Tables:
    """Base of a concept's tables: they share the store's one :class:`~samskaping.store.db.Database`."""

    def __init__(self, db) -> None:
        self._db = db

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {str(self._db.path)!r}>"


def columns(item: Any) -> dict[str, Any]:
    """A dataclass as column values: times as ISO text, tuples and lists as JSON arrays."""
    values = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, (datetime, date)):
            value = value.isoformat()
        elif isinstance(value, (tuple, list)):
            value = json.dumps(list(value), ensure_ascii=False)
        values[f.name] = value
    return values


@cache
def _tuple_fields(cls: type) -> frozenset[str]:
    """The fields of ``cls`` whose type is a tuple (stored as a JSON array)."""
    hints = get_type_hints(cls)
    return frozenset(f.name for f in fields(cls) if getattr(hints[f.name], "__origin__", hints[f.name]) is tuple)


def from_row(cls: type[T], row: sqlite3.Row) -> T:
    """Build dataclass ``cls`` from a row whose columns carry its field names.

    Times are parsed by ``from_dict``; tuple fields were stored as JSON arrays.
    """
    tuples = _tuple_fields(cls)
    data = {f.name: json.loads(row[f.name]) if f.name in tuples else row[f.name] for f in fields(cls)}
    return cls.from_dict(data)


def upsert(db: sqlite3.Connection, table: str, values: dict[str, Any]) -> None:
    """Insert a row, or update every column of the row with its ``id``."""
    names = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join("?" for _ in values)
    updates = ", ".join(f'"{name}" = excluded."{name}"' for name in values if name != "id")
    db.execute(
        f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {updates}",
        tuple(values.values()),
    )


def bump(db: sqlite3.Connection, workshop_id: str, topic: str) -> None:
    """Count one more change of ``topic`` in a workshop (see :meth:`Workshops.revisions`)."""
    db.execute(
        "INSERT INTO revisions (workshop_id, topic, n) VALUES (?, ?, 1)"
        " ON CONFLICT (workshop_id, topic) DO UPDATE SET n = revisions.n + 1",
        (workshop_id, topic),
    )


def guarded(db: sqlite3.Connection, workshop_id: str, item: Any) -> None:
    """Mask ``item``'s free text by its workshop's setting and count what was masked."""
    row = db.execute("SELECT masking FROM workshops WHERE id = ?", (workshop_id,)).fetchone()
    count_masked(db, workshop_id, guard(item, enabled=bool(row["masking"]) if row else True))


def count_masked(db: sqlite3.Connection, workshop_id: str, found: Counter) -> None:
    """Add what the guard masked, by kind, to the workshop's counts (never the text itself)."""
    for kind, n in found.items():
        db.execute(
            "INSERT INTO masked_counts (workshop_id, kind, n) VALUES (?, ?, ?)"
            " ON CONFLICT (workshop_id, kind) DO UPDATE SET n = masked_counts.n + excluded.n",
            (workshop_id, kind, n),
        )


def save_each(database, items: Iterable[T], save_one: Callable[[sqlite3.Connection, T], object]) -> int:
    """Save every item of a file with ``save_one`` in one transaction: all of them, or none if one fails."""
    items = list(items)

    def save(db: sqlite3.Connection) -> int:
        for item in items:
            save_one(db, item)
        return len(items)

    return database.write(save)


def require_workshop(db: sqlite3.Connection, workshop_id: str) -> None:
    if not db.execute("SELECT 1 FROM workshops WHERE id = ?", (workshop_id,)).fetchone():
        raise WorkshopNotFoundError(f"No workshop has the id {workshop_id!r}; create it first.", ref=workshop_id)


def next_nr(db: sqlite3.Connection, table: str, project_id: str) -> int:
    """The number after the highest in a project's register (risks, goals, milestones ...): a new row goes last."""
    return db.execute(f"SELECT COALESCE(MAX(nr), 0) + 1 FROM {table} WHERE project_id = ?", (project_id,)).fetchone()[0]


def require_project(db: sqlite3.Connection, project_id: str) -> None:
    if not db.execute("SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone():
        raise ProjectNotFoundError(f"No project has the id {project_id!r}; create it first.", ref=project_id)
