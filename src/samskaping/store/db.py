"""The store's connection: one SQLite file, safe for every page's process at once.

Voilà runs each open page in its own kernel process, so a room of 60 phones
means 60 processes writing to this file at once. :class:`Database` makes that
safe: WAL mode (readers never block the writer), a busy timeout, every write in
a ``BEGIN IMMEDIATE`` transaction (writers queue instead of failing half-way),
retried when the file stays locked, and migrations run once, under the write
lock, with a backup taken first.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from samskaping.core.exceptions import (
    SchemaTooNewError,
    StoreBusyError,
    StoreClosedError,
    StoreFullError,
    StoreUnavailableError,
)
from samskaping.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Database", "WRITE_ATTEMPTS"]

T = TypeVar("T")

#: Attempts for a write that keeps meeting "database is locked" after the busy timeout;
#: with many kernels this is rare, but a user must never see it.
WRITE_ATTEMPTS = 5


class Database:
    """One connection to the store file, owned by this object.

    Safe to share between the threads of one kernel (a lock serialises use);
    each process opens its own ``Database`` on the same file.
    """

    def __init__(self, path: str | os.PathLike, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise unavailable(self.path, exc) from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA secure_delete=ON")  # deleted personal data is overwritten, not left in free pages
            self._conn = conn
            self._migrate()
        except sqlite3.DatabaseError as exc:  # not a database, read-only, locked beyond the timeout
            conn.close()
            self._conn = None
            raise unavailable(self.path, exc) from exc
        except BaseException:
            conn.close()
            self._conn = None
            raise

    def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @property
    def closed(self) -> bool:
        return self._conn is None

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreClosedError(f"Store {str(self.path)!r} has been closed", path=str(self.path))
        return self._conn

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one IMMEDIATE transaction, retrying if locked.

        ``work`` must be safe to run again after a rollback (callers insert
        rows with ids they made, so a retry cannot add a second copy).
        """
        delay = 0.05
        for attempt in range(WRITE_ATTEMPTS):
            with self._lock:
                db = self._db
                try:
                    db.execute("BEGIN IMMEDIATE")
                    result = work(db)
                    db.execute("COMMIT")
                    return result
                except sqlite3.OperationalError as exc:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    if "full" in str(exc):
                        raise StoreFullError(
                            f"The disk holding {str(self.path)!r} is full; free some space and try again. "
                            "Everything saved before is kept.", path=str(self.path),
                        ) from exc
                    if "readonly" in str(exc) or "read-only" in str(exc) or "unable to open" in str(exc):
                        raise unavailable(self.path, exc) from exc
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
            time.sleep(delay * (attempt + 1))
        raise StoreBusyError(
            f"Store {str(self.path)!r} stayed locked through {WRITE_ATTEMPTS} attempts; try again.",
            path=str(self.path),
        )

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection, for queries that change nothing."""
        with self._lock:
            yield self._db

    def checkpoint(self) -> None:
        """Fold the WAL file into the store and empty it: after a delete, no old text stays behind."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _migrate(self) -> None:
        db = self._db
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = db.execute("SELECT version FROM schema_version").fetchone()
        found = row[0] if row else 0
        if found > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"Store {str(self.path)!r} has schema version {found}, newer than "
                f"{SCHEMA_VERSION} which this version of samskaping reads; upgrade samskaping.",
                path=str(self.path),
                found=found,
                supported=SCHEMA_VERSION,
            )
        if found == SCHEMA_VERSION:
            return
        if found > 0:
            self._backup(f"v{found}")

        def run(db: sqlite3.Connection) -> None:
            # Re-read inside the lock: another process may have migrated first.
            row = db.execute("SELECT version FROM schema_version").fetchone()
            version = row[0] if row else 0
            for step in MIGRATIONS[version:SCHEMA_VERSION]:
                for statement in step.split(";"):
                    if statement.strip():
                        db.execute(statement)
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))

        self.write(run)

    def _backup(self, label: str) -> Path:
        """Copy the store beside itself before a migration changes it."""
        target = self.path.with_name(f"{self.path.stem}.{label}.backup{self.path.suffix}")
        backup = sqlite3.connect(target)
        try:
            self._db.backup(backup)
        finally:
            backup.close()
        return target


def unavailable(path: Path, exc: BaseException) -> StoreUnavailableError:
    """The error for a store file that cannot be opened or written, naming the way out."""
    return StoreUnavailableError(
        f"Cannot open or write the store {str(path)!r} ({exc}); check that the data folder exists and is "
        "writable, or choose another with --data-dir.", path=str(path), detail=str(exc),
    )
