"""The workshop store: one SQLite file shared by every page of an installation.

Voilà runs each open page in its own kernel process, so a room of 60 phones
means 60 processes writing to this file at once. The store makes that safe:
WAL mode (readers never block the writer), a busy timeout, every write in a
``BEGIN IMMEDIATE`` transaction (writers queue instead of failing half-way),
and ids made by the caller so a retried write cannot duplicate an idea.

Every change to an idea (new, hidden, shown) gives it the next ``seq`` number,
so a live wall asks only for what changed since the last number it saw.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from .exceptions import (
    InvalidInputError,
    SchemaTooNewError,
    StoreBusyError,
    StoreClosedError,
    WorkshopNotFoundError,
)
from .models import Idea, Workshop, new_join_code, normalise_join_code

__all__ = ["Store", "default_data_dir", "open_store", "STORE_FILENAME", "SCHEMA_VERSION"]

STORE_FILENAME = "samskaping.sqlite3"

T = TypeVar("T")

# Forward migrations: MIGRATIONS[n] takes a store from version n to n + 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE workshops (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        question TEXT NOT NULL DEFAULT '',
        phase TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT 'nb',
        join_code TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL
    );
    CREATE TABLE ideas (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        participant_group TEXT NOT NULL,
        session_id TEXT NOT NULL DEFAULT '',
        hidden INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        seq INTEGER NOT NULL UNIQUE
    );
    CREATE INDEX ideas_by_workshop ON ideas (workshop_id, seq);
    CREATE INDEX ideas_by_session ON ideas (workshop_id, session_id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

# Attempts for a write that keeps meeting "database is locked" after the busy
# timeout; with many kernels this is rare, but a user must never see it.
_WRITE_ATTEMPTS = 5


def default_data_dir() -> Path:
    """Where the store lives: ``$SAMSKAPING_DATA``, else a per-user folder."""
    if os.environ.get("SAMSKAPING_DATA"):
        return Path(os.environ["SAMSKAPING_DATA"]).expanduser()
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_DATA_HOME")
    return (Path(base) if base else Path.home() / ".local" / "share") / "samskaping"


def open_store(data_dir: str | os.PathLike | None = None) -> "Store":
    """Open the store of the installation in ``data_dir`` (or the default)."""
    folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
    return Store(folder / STORE_FILENAME)


class Store:
    """One connection to the shared store file, owned by this object.

    Safe to share between the threads of one kernel (a lock serialises use);
    each process opens its own ``Store`` on the same file.
    """

    def __init__(self, path: str | os.PathLike, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=FULL")
            self._conn = conn
            self._migrate()
        except BaseException:
            conn.close()
            self._conn = None
            raise

    # -- life cycle -------------------------------------------------------

    def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {str(self.path)!r}{' closed' if self._conn is None else ''}>"

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreClosedError(f"Store {str(self.path)!r} has been closed", path=str(self.path))
        return self._conn

    # -- transactions -----------------------------------------------------

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one IMMEDIATE transaction, retrying if locked.

        ``work`` must be safe to run again after a rollback (callers insert
        rows with ids they made, so a retry cannot add a second copy).
        """
        delay = 0.05
        for attempt in range(_WRITE_ATTEMPTS):
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
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
            time.sleep(delay * (attempt + 1))
        raise StoreBusyError(
            f"Store {str(self.path)!r} stayed locked through {_WRITE_ATTEMPTS} attempts; try again.",
            path=str(self.path),
        )

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db

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
            for step in MIGRATIONS[version:]:
                for statement in step.split(";"):
                    if statement.strip():
                        db.execute(statement)
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))

        self._write(run)

    def _backup(self, label: str) -> Path:
        """Copy the store beside itself before a migration changes it."""
        target = self.path.with_name(f"{self.path.stem}.{label}.backup{self.path.suffix}")
        backup = sqlite3.connect(target)
        try:
            self._db.backup(backup)
        finally:
            backup.close()
        return target

    # -- workshops --------------------------------------------------------

    def create_workshop(self, workshop: Workshop) -> Workshop:
        """Save a new workshop; a clashing join code is replaced by a fresh one."""

        self._write(lambda db: _insert_workshop(db, workshop))
        return workshop

    def workshop(self, ref: str) -> Workshop:
        """The workshop whose id or join code is ``ref``."""
        with self._read() as db:
            row = db.execute(
                "SELECT * FROM workshops WHERE id = ? OR join_code = ?",
                (ref.strip(), normalise_join_code(ref)),
            ).fetchone()
            if row is None:
                raise WorkshopNotFoundError(
                    f"No workshop has the id or join code {ref!r}; `samskaping list` shows them.",
                    ref=ref,
                )
            return _workshop(row)

    def workshops(self) -> list[Workshop]:
        """All workshops, newest first."""
        with self._read() as db:
            rows = db.execute("SELECT * FROM workshops ORDER BY created DESC").fetchall()
            return [_workshop(row) for row in rows]

    # -- ideas ------------------------------------------------------------

    def add_idea(self, idea: Idea) -> Idea:
        """Save one idea. Saving the same idea (same id) twice stores it once."""

        def insert(db: sqlite3.Connection) -> None:
            if not db.execute("SELECT 1 FROM workshops WHERE id = ?", (idea.workshop_id,)).fetchone():
                raise WorkshopNotFoundError(
                    f"No workshop has the id {idea.workshop_id!r}; create it before adding ideas.",
                    ref=idea.workshop_id,
                )
            _insert_idea(db, idea)

        self._write(insert)
        return idea

    def ideas(self, workshop_id: str, *, session_id: str | None = None) -> list[Idea]:
        """A workshop's ideas in the order they arrived (optionally one browser's)."""
        query = "SELECT * FROM ideas WHERE workshop_id = ?"
        args: tuple = (workshop_id,)
        if session_id is not None:
            query += " AND session_id = ?"
            args += (session_id,)
        with self._read() as db:
            return [_idea(row) for row in db.execute(query + " ORDER BY created, seq", args)]

    def ideas_changed_since(self, workshop_id: str, seq: int = 0) -> tuple[list[Idea], int]:
        """Ideas added or changed after change number ``seq``, and the newest number.

        A live wall keeps the number and asks again: O(changes), not O(ideas).
        """
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM ideas WHERE workshop_id = ? AND seq > ? ORDER BY seq",
                (workshop_id, seq),
            ).fetchall()
        return [_idea(row) for row in rows], (rows[-1]["seq"] if rows else seq)

    def set_hidden(self, idea_id: str, hidden: bool = True) -> None:
        """Hide an idea from the wall (or show it again); it is never deleted."""

        def update(db: sqlite3.Connection) -> None:
            cursor = db.execute(
                "UPDATE ideas SET hidden = ?, seq = (SELECT MAX(seq) + 1 FROM ideas) WHERE id = ?",
                (int(hidden), idea_id),
            )
            if cursor.rowcount == 0:
                raise InvalidInputError(
                    f"No idea has the id {idea_id!r}.", reason="bad_choice", field="idea", value=idea_id,
                    choices="",
                )

        self._write(update)

    def count_ideas(self, workshop_id: str) -> int:
        with self._read() as db:
            return db.execute("SELECT COUNT(*) FROM ideas WHERE workshop_id = ?", (workshop_id,)).fetchone()[0]

    # -- whole workshops --------------------------------------------------

    def export_workshop(self, workshop_id: str) -> dict:
        """The whole workshop as plain data (JSON-ready), ideas in arrival order."""
        workshop = self.workshop(workshop_id)
        return {
            "workshop": workshop.to_dict(),
            "ideas": [idea.to_dict() for idea in self.ideas(workshop.id)],
        }

    def import_workshop(self, data: dict) -> Workshop:
        """Store a workshop exported by :meth:`export_workshop`, in one transaction.

        If its id is taken (the same file imported twice), the copy gets new
        ids and a new join code, so nothing already stored is overwritten.
        """
        workshop = Workshop.from_dict(data["workshop"])
        ideas = [Idea.from_dict(item) for item in data.get("ideas", [])]
        with self._read() as db:
            taken = db.execute("SELECT 1 FROM workshops WHERE id = ?", (workshop.id,)).fetchone()
        if taken:
            workshop = Workshop(
                title=workshop.title,
                question=workshop.question,
                phase=workshop.phase,
                lang=workshop.lang,
                created=workshop.created,
            )
            ideas = [
                Idea(
                    workshop_id=workshop.id,
                    text=idea.text,
                    group=idea.group,
                    session_id=idea.session_id,
                    hidden=idea.hidden,
                    created=idea.created,
                )
                for idea in ideas
            ]
        for idea in ideas:
            if idea.workshop_id != workshop.id:
                raise InvalidInputError(
                    f"Idea {idea.id!r} belongs to workshop {idea.workshop_id!r}, not {workshop.id!r}.",
                    reason="bad_choice",
                    field="workshop_id",
                    value=idea.workshop_id,
                    choices=workshop.id,
                )

        def insert(db: sqlite3.Connection) -> None:
            _insert_workshop(db, workshop)
            for idea in ideas:
                _insert_idea(db, idea)

        self._write(insert)
        return workshop


def _insert_workshop(db: sqlite3.Connection, workshop: Workshop) -> None:
    while db.execute("SELECT 1 FROM workshops WHERE join_code = ?", (workshop.join_code,)).fetchone():
        workshop.join_code = new_join_code()
    db.execute(
        "INSERT INTO workshops (id, title, question, phase, lang, join_code, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (workshop.id, workshop.title, workshop.question, workshop.phase, workshop.lang,
         workshop.join_code, workshop.created.isoformat()),
    )


def _insert_idea(db: sqlite3.Connection, idea: Idea) -> None:
    # OR IGNORE: a retried write of the same idea (same id) stores it once.
    db.execute(
        "INSERT OR IGNORE INTO ideas"
        " (id, workshop_id, text, participant_group, session_id, hidden, created, seq)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT IFNULL(MAX(seq), 0) + 1 FROM ideas))",
        (idea.id, idea.workshop_id, idea.text, idea.group, idea.session_id,
         int(idea.hidden), idea.created.isoformat()),
    )


def _workshop(row: sqlite3.Row) -> Workshop:
    return Workshop(
        id=row["id"],
        title=row["title"],
        question=row["question"],
        phase=row["phase"],
        lang=row["lang"],
        join_code=row["join_code"],
        created=datetime.fromisoformat(row["created"]),
    )


def _idea(row: sqlite3.Row) -> Idea:
    return Idea(
        id=row["id"],
        workshop_id=row["workshop_id"],
        text=row["text"],
        group=row["participant_group"],
        session_id=row["session_id"],
        hidden=bool(row["hidden"]),
        created=datetime.fromisoformat(row["created"]),
    )
