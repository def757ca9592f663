"""The store's connection: one SQLite file, safe for every page's process at once.

Voilà runs each open page in its own kernel process, so a room of 60 phones
means 60 processes writing to this file at once. :class:`Database` makes that
safe: WAL mode (readers never block the writer), a busy timeout, every write in
a ``BEGIN IMMEDIATE`` transaction (writers queue instead of failing half-way),
retried when the file stays locked, and migrations run once, under the write
lock, with a backup taken first.

The store holds what participants wrote, so it is its owner's alone: the data
folder is 0700, the store file, its ``-wal``/``-shm``/``-journal`` companions
and its backups 0600. New ones are created so whatever the umask, and an
existing install whose files are looser (made before this rule) is tightened
on open (:func:`make_private`). SQLite gives the companions it creates the
store file's mode.
"""

from __future__ import annotations

import os
import sqlite3
import stat
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

__all__ = ["Database", "FILE_MODE", "FOLDER_MODE", "WRITE_ATTEMPTS", "make_private"]

T = TypeVar("T")

#: Attempts for a write that keeps meeting "database is locked" after the busy timeout;
#: with many kernels this is rare, but a user must never see it.
WRITE_ATTEMPTS = 5
#: The data folder and the store's files: for the user who runs the kit, nobody else.
FOLDER_MODE = 0o700
FILE_MODE = 0o600
#: The files SQLite keeps beside the store while it is open (and leaves after a crash).
_COMPANIONS = ("-wal", "-shm", "-journal")


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
            make_private(self.path)
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
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:  # rolled back: the store stays as it was
                raise sqlite3.IntegrityError(f"Migration left {len(broken)} broken links, first {tuple(broken[0])}")
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))

        # A table is rebuilt by copy, drop and rename (SQLite's way to change a foreign key);
        # with foreign keys on, the drop would cascade to the rows that point at it.
        db.execute("PRAGMA foreign_keys=OFF")
        try:
            self.write(run)
        finally:
            db.execute("PRAGMA foreign_keys=ON")

    def _backup(self, label: str) -> Path:
        """Copy the store beside itself before a migration changes it."""
        target = self.path.with_name(f"{self.path.stem}.{label}.backup{self.path.suffix}")
        _private_file(target)
        backup = sqlite3.connect(target)
        try:
            self._db.backup(backup)
        finally:
            backup.close()
        return target


def make_private(path: Path) -> None:
    """Make the store at ``path`` its owner's alone: its folder 0700, the file and its companions 0600.

    A folder or file that is missing is created with those modes whatever the
    umask; one that exists with more permissions (an install from before this
    rule, a folder made by hand) is tightened, never loosened: a store made
    read-only stays read-only. Files and folders of another user, and systems
    without POSIX modes, are left as they are. Raises :class:`OSError` when the
    folder cannot be made or the file cannot be created.
    """
    folder = path.parent
    if not folder.is_dir():
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)  # the umask may only take bits away
        _tighten(folder, FOLDER_MODE, created=True)
    else:
        _tighten(folder, FOLDER_MODE)
    _private_file(path)
    for suffix in _COMPANIONS:
        _tighten(path.with_name(path.name + suffix), FILE_MODE)
    for backup in folder.glob(f"{path.stem}.*.backup{path.suffix}"):
        _tighten(backup, FILE_MODE)


def _private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it is missing (SQLite reads an empty file as an empty store)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        _tighten(path, FILE_MODE)
        return
    os.close(fd)
    _tighten(path, FILE_MODE, created=True)


def _tighten(path: Path, mode: int, *, created: bool = False) -> None:
    """Take away every permission of ``path`` beyond ``mode`` (set exactly ``mode`` if this process ``created`` it)."""
    if os.name != "posix":
        return
    try:
        found = os.stat(path)
        if found.st_uid != os.geteuid():
            return  # another user's: not ours to change (and chmod would fail)
        current = stat.S_IMODE(found.st_mode)
        wanted = mode if created else current & mode
        if current != wanted:
            os.chmod(path, wanted)
    except OSError:
        pass  # gone meanwhile, or a file system without modes: the store still opens


def unavailable(path: Path, exc: BaseException) -> StoreUnavailableError:
    """The error for a store file that cannot be opened or written, naming the way out."""
    return StoreUnavailableError(
        f"Cannot open or write the store {str(path)!r} ({exc}); check that the data folder exists and is "
        "writable, or choose another with --data-dir.", path=str(path), detail=str(exc),
    )
