"""PostgreSQL as the shared store, for a deployment that outgrows one laptop.

A regional network or a samskapingsdag of 300 people runs several kit servers on one
database. :class:`PgDatabase` gives the store's tables the same two doors the SQLite
:class:`~samskaping.store.db.Database` gives them: :meth:`~PgDatabase.write` runs a
function in one transaction (retried when the connection drops), :meth:`~PgDatabase.read`
lends the connection for queries. The tables' SQL is written once, for SQLite;
:func:`translate` turns it into PostgreSQL's dialect (placeholders, ``rowid``, the
column types of the migrations), so one schema and one migration path serve both.

Writes take one transaction-wide advisory lock, as SQLite's ``BEGIN IMMEDIATE``
takes the file's write lock: the numbering of ideas (``seq``) and of a project's
rows (``nr``) is "the highest so far plus one", which two writers at once would
give out twice. Reads never wait.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar

import psycopg
from psycopg.adapt import Dumper, Loader
from psycopg.pq import TransactionStatus

from samskaping.core.exceptions import DatabaseUnavailableError, SchemaTooNewError, StoreBusyError, StoreClosedError
from samskaping.store.schema import MIGRATIONS, PG_AFTER, SCHEMA_VERSION
from samskaping.store.urls import safe_url

__all__ = ["PgDatabase", "translate", "translate_schema"]

T = TypeVar("T")

#: Attempts for a write whose connection broke (a database restart, a failover) before it is given up.
WRITE_ATTEMPTS = 5
#: The advisory lock every write holds for its transaction (any number; the kit's own).
_WRITE_LOCK = 0x5A4D_5341  # "SMSA"


class PgDatabase:
    """One connection to a PostgreSQL database, owned by this object; each process opens its own.

    ``path`` is the URL without its password (what messages name).
    """

    def __init__(self, url: str, *, timeout: float = 30.0) -> None:
        self.url = url
        self.path = safe_url(url)
        self._timeout = timeout
        self._lock = threading.RLock()
        self._conn: psycopg.Connection | None = None
        self._closed = False
        self._connect()
        self._migrate()

    # -- the connection --------------------------------------------------

    def _connect(self) -> None:
        try:
            # No server-side prepared statements: the connection may go through PgBouncer's transaction pooling.
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=max(1, int(self._timeout)),
                                   prepare_threshold=None)
        except psycopg.Error as exc:
            raise _unavailable(self.path, exc) from exc
        for kind, dumper in ((bool, _BoolDumper), (datetime, _IsoDumper), (date, _IsoDumper)):
            conn.adapters.register_dumper(kind, dumper)
        conn.adapters.register_loader("numeric", _NumberLoader)
        self._conn = conn

    @property
    def _db(self) -> _Connection:
        if self._closed:
            raise StoreClosedError(f"Store {self.path!r} has been closed", path=self.path)
        if self._conn is None or self._conn.closed:
            self._connect()
        return _Connection(self._conn)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._conn, self._closed = None, True

    @property
    def closed(self) -> bool:
        return self._closed

    # -- transactions ----------------------------------------------------

    def write(self, work: Callable[[Any], T]) -> T:
        """Run ``work`` in one transaction under the write lock; a broken connection is opened anew and retried.

        ``work`` must be safe to run again after a rollback, as for SQLite.
        """
        delay = 0.2
        for attempt in range(WRITE_ATTEMPTS):
            with self._lock:
                db = self._db
                try:
                    db.execute("BEGIN")
                    db.execute("SELECT pg_advisory_xact_lock(?)", (_WRITE_LOCK,))
                    result = work(db)
                    db.execute("COMMIT")
                    return result
                except sqlite3.OperationalError as exc:
                    self._rollback()
                    if not isinstance(exc.__cause__, psycopg.OperationalError) or attempt == WRITE_ATTEMPTS - 1:
                        raise _unavailable(self.path, exc.__cause__ or exc) from exc
                except BaseException:
                    self._rollback()
                    raise
            time.sleep(delay * (attempt + 1))
        raise StoreBusyError(f"Store {self.path!r} did not answer through {WRITE_ATTEMPTS} attempts; try again.",
                             path=self.path)

    def _rollback(self) -> None:
        conn = self._conn
        if conn is None or conn.closed:
            return
        if conn.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR):
            try:
                conn.execute("ROLLBACK")
            except psycopg.Error:
                conn.close()

    @contextmanager
    def read(self) -> Iterator[_Connection]:
        """The connection, for queries that change nothing (each one sees what is committed)."""
        with self._lock:
            yield self._db

    def checkpoint(self) -> None:
        """Nothing to do: PostgreSQL keeps no copy of deleted text beside its tables for the kit to clear."""

    # -- schema ----------------------------------------------------------

    def _migrate(self) -> None:
        def run(db: _Connection) -> None:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = db.execute("SELECT version FROM schema_version").fetchone()
            version = row[0] if row else 0
            if version > SCHEMA_VERSION:
                raise SchemaTooNewError(
                    f"Database {self.path!r} has schema version {version}, newer than {SCHEMA_VERSION} "
                    "which this version of samskaping reads; upgrade samskaping.",
                    path=self.path, found=version, supported=SCHEMA_VERSION,
                )
            for number in range(version, SCHEMA_VERSION):
                for statement in translate_schema(MIGRATIONS[number], PG_AFTER.get(number, "")):
                    db.execute(statement)
            if version != SCHEMA_VERSION:
                db.execute("DELETE FROM schema_version")
                db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))

        self.write(run)


class _Connection:
    """The psycopg connection as the store's tables use SQLite's: ``execute`` with ``?`` and rows by name or index."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence | dict = ()) -> psycopg.Cursor:
        cursor = self._conn.cursor(row_factory=_rows)
        try:
            cursor.execute(translate(sql, isinstance(params, dict)), params or None)
        except psycopg.IntegrityError as exc:  # the store's callers catch SQLite's kinds
            raise sqlite3.IntegrityError(str(exc)) from exc
        except psycopg.DataError as exc:
            raise sqlite3.DataError(str(exc)) from exc
        except psycopg.OperationalError as exc:
            raise sqlite3.OperationalError(str(exc)) from exc
        except psycopg.ProgrammingError as exc:
            raise sqlite3.ProgrammingError(str(exc)) from exc
        return cursor

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != TransactionStatus.IDLE


class Row(tuple):
    """A result row read by position (``row[0]``) or by column name (``row["title"]``), as ``sqlite3.Row``."""

    _names: tuple[str, ...] = ()

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _rows(cursor: psycopg.Cursor) -> Callable[[Sequence], Row]:
    names = tuple(column.name for column in cursor.description or ())

    def make(values: Sequence) -> Row:
        row = Row(values)
        row._names = names
        return row

    return make


class _BoolDumper(Dumper):
    """Booleans go in as 0 and 1, as SQLite stores them (the columns are integers)."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


class _IsoDumper(Dumper):
    """Times go in as ISO text, as the store writes them for SQLite (the columns are text)."""

    oid = psycopg.adapters.types["text"].oid

    def dump(self, obj: date) -> bytes:
        return obj.isoformat().encode()


class _NumberLoader(Loader):
    """A sum or an average comes back as a plain number, as from SQLite, not a ``Decimal``."""

    def load(self, data) -> int | float:
        number = Decimal(bytes(data).decode())
        return int(number) if number == number.to_integral_value() else float(number)


_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|\?|:([A-Za-z_]\w*)|%")


@lru_cache(maxsize=1024)
def translate(sql: str, named: bool = False) -> str:
    """The store's SQLite statement in PostgreSQL's words.

    >>> translate("SELECT * FROM relations WHERE project_id = ? ORDER BY rowid")
    'SELECT * FROM relations WHERE project_id = %s ORDER BY ctid'
    >>> translate("SELECT * FROM risks WHERE project_id = :p AND title = 'Hva?'", named=True)
    "SELECT * FROM risks WHERE project_id = %(p)s AND title = 'Hva?'"
    """

    def swap(match: re.Match) -> str:
        token = match[0]
        if token.startswith("'"):
            return token
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return f"%({match[1]})s" if named else token

    sql = _PLACEHOLDER.sub(swap, sql)
    return re.sub(r"\browid\b", "ctid", sql)  # insertion order, as SQLite's rowid (an update moves a row last)


def translate_schema(step: str, after: str = "") -> list[str]:
    """One migration step's statements for PostgreSQL: its column types, and ``after`` run last.

    ``after`` restores what PostgreSQL drops with a table that SQLite leaves alone
    (the foreign keys that pointed at a table rebuilt by copy, drop and rename).
    """
    out = []
    for statement in (*step.split(";"), *after.split(";")):
        if not statement.strip():
            continue
        statement = statement.replace("INTEGER PRIMARY KEY AUTOINCREMENT",
                                      "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
        statement = re.sub(r"\bINTEGER\b", "BIGINT", statement)
        statement = re.sub(r"\bREAL\b", "DOUBLE PRECISION", statement)
        statement = re.sub(r"^(\s*DROP TABLE \w+)\s*$", r"\1 CASCADE", statement, flags=re.MULTILINE)
        out.append(statement)
    return out


def _unavailable(where: str, exc: BaseException) -> DatabaseUnavailableError:
    return DatabaseUnavailableError(f"The database {where!r} cannot be reached ({exc}); check that it runs and "
                                    "that the address, user and password are right.", path=where, detail=str(exc))
