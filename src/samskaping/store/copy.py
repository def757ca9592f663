"""Moving an installation from its SQLite file to a PostgreSQL database, row for row.

Both stores have the same schema (:mod:`samskaping.store.schema`), so the move is a
copy of every table, parents before children, in one transaction on the target:
all of it arrives or none. Ids, join codes and change numbers stay as they were, so
links handed out and walls that are open keep working. The file is only read.
"""

from __future__ import annotations

from graphlib import TopologicalSorter

from samskaping.core.exceptions import InvalidInputError

__all__ = ["copy_store", "tables_in_order"]

#: Tables of the store's own bookkeeping, which the target already has.
_OWN = {"schema_version", "sqlite_sequence"}
#: Tables the migrations fill with a row of their own (the default organisation): that row is there already.
_SEEDED = {"organisations"}
#: Rows copied per statement (SQLite and PostgreSQL both take this many parameters).
_BATCH = 200


def tables_in_order(source) -> list[str]:
    """The SQLite store's tables, each after the tables its foreign keys point to."""
    with source.db.read() as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                 if row[0] not in _OWN]
        graph = {name: {row["table"] for row in db.execute(f'PRAGMA foreign_key_list("{name}")')} - {name}
                 for name in names}
    return list(TopologicalSorter(graph).static_order())


def copy_store(source, target) -> dict[str, int]:
    """Copy every row of ``source`` (a SQLite store) into ``target`` (an empty store); returns rows per table.

    A target that holds a workshop or a project already is refused (nothing is merged or overwritten).
    """
    order = tables_in_order(source)
    with target.db.read() as db:
        held = [name for name in ("projects", "workshops") if db.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]]
    if held:
        raise InvalidInputError(
            f"The target {target.path!r} already holds {' and '.join(held)}; move into an empty database.",
            reason="target_not_empty", field="to", value=str(target.path),
        )
    with source.db.read() as db:
        tables = {}
        for name in order:
            cursor = db.execute(f'SELECT * FROM "{name}"')
            columns = [column[0] for column in cursor.description]
            tables[name] = (columns, [tuple(row) for row in cursor.fetchall()])

    def copy(db) -> None:
        for name, (columns, rows) in tables.items():
            quoted = ", ".join(f'"{column}"' for column in columns)
            marks = "(" + ", ".join("?" * len(columns)) + ")"
            for start in range(0, len(rows), _BATCH):
                chunk = rows[start:start + _BATCH]
                keep = " ON CONFLICT DO NOTHING" if name in _SEEDED else ""
                db.execute(f'INSERT INTO "{name}" ({quoted}) VALUES {", ".join([marks] * len(chunk))}{keep}',
                           [value for row in chunk for value in row])
            if "n" in columns and hasattr(target.db, "url"):  # PostgreSQL counts on from the highest copied
                db.execute(f"SELECT setval(pg_get_serial_sequence('{name}', 'n'), "
                           f'COALESCE((SELECT MAX(n) FROM "{name}"), 0) + 1, false)')

    target.db.write(copy)
    return {name: len(rows) for name, (_, rows) in tables.items()}
