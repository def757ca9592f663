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
from dataclasses import fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from .exceptions import (
    InvalidInputError,
    SchemaTooNewError,
    StoreBusyError,
    StoreClosedError,
    WorkshopNotFoundError,
)
from .guard import guard
from .models import Idea, Workshop, new_id, new_join_code, normalise_join_code, now

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
    """
    CREATE TABLE stakeholders (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        sector TEXT NOT NULL,
        interest INTEGER NOT NULL,
        influence INTEGER NOT NULL,
        affected TEXT NOT NULL DEFAULT '',
        strategy TEXT NOT NULL DEFAULT '',
        justification TEXT NOT NULL DEFAULT '',
        contact_role TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT '',
        frequency TEXT NOT NULL DEFAULT '',
        phase TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE INDEX stakeholders_by_workshop ON stakeholders (workshop_id, created);
    CREATE TABLE relations (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
        target_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        weight REAL NOT NULL DEFAULT 1.0
    );
    CREATE INDEX relations_by_workshop ON relations (workshop_id);
    CREATE TABLE stakeholder_moves (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        stakeholder_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
        interest INTEGER NOT NULL,
        influence INTEGER NOT NULL,
        moved_by TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE INDEX moves_by_stakeholder ON stakeholder_moves (stakeholder_id, n);
    CREATE TABLE revisions (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        topic TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (workshop_id, topic)
    );
    """,
    """
    ALTER TABLE workshops ADD COLUMN masking INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE workshops ADD COLUMN delete_after TEXT;
    CREATE TABLE privacy_log (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        by TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE TABLE masked_counts (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (workshop_id, kind)
    );
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
            conn.execute("PRAGMA secure_delete=ON")  # deleted personal data is overwritten, not left in free pages
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
            for step in MIGRATIONS[version:SCHEMA_VERSION]:
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
            if not db.execute("SELECT 1 FROM ideas WHERE id = ?", (idea.id,)).fetchone():
                _guarded(db, idea.workshop_id, idea)
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
                    f"No idea has the id {idea_id!r}.", reason="not_found", field="idea", value=idea_id,
                )

        self._write(update)

    def count_ideas(self, workshop_id: str) -> int:
        with self._read() as db:
            return db.execute("SELECT COUNT(*) FROM ideas WHERE workshop_id = ?", (workshop_id,)).fetchone()[0]

    # -- stakeholders -----------------------------------------------------
    # The stakeholder types live in samskaping.stakeholders, which imports
    # networkx; they are imported inside these methods so that a participant
    # page (which never maps stakeholders) does not pay for it.

    def save_stakeholder(self, stakeholder, *, moved_by: str = ""):
        """Add or update a stakeholder; a new place on the grid is kept in its history."""
        from .stakeholders import Move

        def upsert(db: sqlite3.Connection) -> None:
            old = db.execute(
                "SELECT workshop_id, interest, influence FROM stakeholders WHERE id = ?", (stakeholder.id,)
            ).fetchone()
            if old is not None and old["workshop_id"] != stakeholder.workshop_id:
                raise InvalidInputError(
                    f"Stakeholder {stakeholder.id!r} belongs to workshop {old['workshop_id']!r}.",
                    reason="bad_choice", field="workshop_id", value=stakeholder.workshop_id,
                    choices=old["workshop_id"],
                )
            _require_workshop(db, stakeholder.workshop_id)
            _guarded(db, stakeholder.workshop_id, stakeholder)
            _upsert(db, "stakeholders", _columns(stakeholder))
            if old is None or (old["interest"], old["influence"]) != (stakeholder.interest, stakeholder.influence):
                move = Move(stakeholder.id, stakeholder.interest, stakeholder.influence, moved_by)
                _guarded(db, stakeholder.workshop_id, move)
                _insert_move(db, move)
            _bump(db, stakeholder.workshop_id, "stakeholders")

        self._write(upsert)
        return stakeholder

    def stakeholders(self, workshop_id: str) -> list:
        """A workshop's stakeholders in the order they were added."""
        from .stakeholders import Stakeholder

        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM stakeholders WHERE workshop_id = ? ORDER BY created, rowid", (workshop_id,)
            ).fetchall()
        return [_from_row(Stakeholder, row) for row in rows]

    def delete_stakeholder(self, stakeholder_id: str) -> None:
        """Remove a stakeholder with its relations and history."""

        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM stakeholders WHERE id = ?", (stakeholder_id,)).fetchone()
            if row is None:
                raise InvalidInputError(
                    f"No stakeholder has the id {stakeholder_id!r}.", reason="not_found", field="stakeholder",
                    value=stakeholder_id,
                )
            db.execute("DELETE FROM stakeholders WHERE id = ?", (stakeholder_id,))
            _bump(db, row["workshop_id"], "stakeholders")

        self._write(delete)

    def moves(self, workshop_id: str) -> list:
        """Every placement of the workshop's stakeholders, oldest first (to replay a discussion)."""
        from .stakeholders import Move

        with self._read() as db:
            rows = db.execute(
                "SELECT m.stakeholder_id, m.interest, m.influence, m.moved_by, m.at FROM stakeholder_moves m"
                " JOIN stakeholders s ON s.id = m.stakeholder_id WHERE s.workshop_id = ? ORDER BY m.n",
                (workshop_id,),
            ).fetchall()
        return [_from_row(Move, row) for row in rows]

    def save_relation(self, relation):
        """Add or update a relation between two stakeholders of the same workshop."""

        def upsert(db: sqlite3.Connection) -> None:
            found = db.execute(
                "SELECT COUNT(*) FROM stakeholders WHERE workshop_id = ? AND id IN (?, ?)",
                (relation.workshop_id, relation.source_id, relation.target_id),
            ).fetchone()[0]
            if found != 2:
                raise InvalidInputError(
                    f"Relation {relation.source_id!r} -> {relation.target_id!r} names a stakeholder that is not "
                    f"in workshop {relation.workshop_id!r}; add both stakeholders first.",
                    reason="unknown_stakeholder", field="relation", value=f"{relation.source_id}->{relation.target_id}",
                )
            _upsert(db, "relations", _columns(relation))
            _bump(db, relation.workshop_id, "stakeholders")

        self._write(upsert)
        return relation

    def relations(self, workshop_id: str) -> list:
        from .stakeholders import Relation

        with self._read() as db:
            rows = db.execute("SELECT * FROM relations WHERE workshop_id = ? ORDER BY rowid", (workshop_id,)).fetchall()
        return [_from_row(Relation, row) for row in rows]

    def delete_relation(self, relation_id: str) -> None:
        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM relations WHERE id = ?", (relation_id,)).fetchone()
            if row is not None:
                db.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
                _bump(db, row["workshop_id"], "stakeholders")

        self._write(delete)

    def revision(self, workshop_id: str, topic: str) -> int:
        """A number that grows with every change to ``topic`` in a workshop.

        Pages that several people edit at once poll it (one tiny query) and
        reload only when it moved.
        """
        with self._read() as db:
            row = db.execute(
                "SELECT n FROM revisions WHERE workshop_id = ? AND topic = ?", (workshop_id, topic)
            ).fetchone()
        return row["n"] if row else 0

    # -- privacy and retention --------------------------------------------

    def set_masking(self, workshop_id: str, enabled: bool, *, by: str) -> None:
        """Turn masking of personal data on or off for a workshop, recording who did it.

        Off is for the rare workshop where the guard hides words that must
        stay (and the facilitator takes responsibility); it is logged.
        """
        by = by.strip()
        if not by:
            raise InvalidInputError(
                "Say who changes the masking (a role is enough), e.g. by='prosessleder'.",
                reason="empty", field="by",
            )

        def update(db: sqlite3.Connection) -> None:
            _require_workshop(db, workshop_id)
            db.execute("UPDATE workshops SET masking = ? WHERE id = ?", (int(enabled), workshop_id))
            db.execute(
                "INSERT INTO privacy_log (workshop_id, action, by, at) VALUES (?, ?, ?, ?)",
                (workshop_id, "masking_on" if enabled else "masking_off", by, now().isoformat()),
            )

        self._write(update)

    def privacy_log(self, workshop_id: str) -> list[tuple[str, str, datetime]]:
        """``(action, by, at)`` for every change of the masking setting, oldest first."""
        with self._read() as db:
            rows = db.execute(
                "SELECT action, by, at FROM privacy_log WHERE workshop_id = ? ORDER BY n", (workshop_id,)
            ).fetchall()
        return [(row["action"], row["by"], datetime.fromisoformat(row["at"])) for row in rows]

    def masked_counts(self, workshop_id: str) -> dict[str, int]:
        """How many pieces of personal data were masked in a workshop, by kind (never what they were)."""
        with self._read() as db:
            rows = db.execute(
                "SELECT kind, n FROM masked_counts WHERE workshop_id = ? ORDER BY kind", (workshop_id,)
            ).fetchall()
        return {row["kind"]: row["n"] for row in rows}

    def set_delete_after(self, workshop_id: str, when: date | None) -> None:
        """Give a workshop a retention date (``None``: keep until deleted by hand)."""

        def update(db: sqlite3.Connection) -> None:
            _require_workshop(db, workshop_id)
            db.execute(
                "UPDATE workshops SET delete_after = ? WHERE id = ?",
                (when.isoformat() if when else None, workshop_id),
            )

        self._write(update)

    def delete_workshop(self, workshop_id: str) -> dict[str, int]:
        """Delete a workshop with all its data; returns how many rows of each kind went."""
        counted = {
            "ideas": "SELECT COUNT(*) FROM ideas WHERE workshop_id = ?",
            "stakeholders": "SELECT COUNT(*) FROM stakeholders WHERE workshop_id = ?",
            "relations": "SELECT COUNT(*) FROM relations WHERE workshop_id = ?",
        }

        def delete(db: sqlite3.Connection) -> dict[str, int]:
            _require_workshop(db, workshop_id)
            summary = {kind: db.execute(sql, (workshop_id,)).fetchone()[0] for kind, sql in counted.items()}
            db.execute("DELETE FROM workshops WHERE id = ?", (workshop_id,))
            return summary

        summary = self._write(delete)
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no deleted text left in the WAL file
        return summary

    def expired_workshops(self, today: date) -> list[Workshop]:
        """Workshops whose retention date is before ``today``."""
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM workshops WHERE delete_after IS NOT NULL AND delete_after < ? ORDER BY delete_after",
                (today.isoformat(),),
            ).fetchall()
        return [_workshop(row) for row in rows]

    # -- whole workshops --------------------------------------------------

    def export_workshop(self, workshop_id: str) -> dict:
        """The whole workshop as plain data (JSON-ready), ideas in arrival order.

        Free text passes the guard again on the way out (a no-op for text
        stored masked; it catches text stored before masking existed).
        """
        workshop = self.workshop(workshop_id)

        def out(items: list) -> list[dict]:
            for item in items:
                guard(item, enabled=workshop.masking)
            return [item.to_dict() for item in items]

        return {
            "workshop": out([workshop])[0],
            "ideas": out(self.ideas(workshop.id)),
            "stakeholders": out(self.stakeholders(workshop.id)),
            "relations": [item.to_dict() for item in self.relations(workshop.id)],
            "stakeholder_moves": out(self.moves(workshop.id)),
        }

    def import_workshop(self, data: dict) -> Workshop:
        """Store a workshop exported by :meth:`export_workshop`, in one transaction.

        If its id is taken (the same file imported twice), the copy gets new
        ids and a new join code, so nothing already stored is overwritten.
        """
        from .stakeholders import Move, Relation, Stakeholder

        workshop = Workshop.from_dict(data["workshop"])
        ideas = [Idea.from_dict(item) for item in data.get("ideas", [])]
        stakeholders = [Stakeholder.from_dict(item) for item in data.get("stakeholders", [])]
        relations = [Relation.from_dict(item) for item in data.get("relations", [])]
        moves = [Move.from_dict(item) for item in data.get("stakeholder_moves", [])]
        for item in (*ideas, *stakeholders, *relations):
            if item.workshop_id != workshop.id:
                raise InvalidInputError(
                    f"{type(item).__name__} {item.id!r} belongs to workshop {item.workshop_id!r}, not {workshop.id!r}.",
                    reason="bad_choice", field="workshop_id", value=item.workshop_id, choices=workshop.id,
                )
        with self._read() as db:
            taken = db.execute("SELECT 1 FROM workshops WHERE id = ?", (workshop.id,)).fetchone()
        if taken:
            new = {old: new_id() for old in (workshop.id, *(x.id for x in (*ideas, *stakeholders, *relations)))}
            workshop = replace(workshop, id=new[workshop.id], join_code=new_join_code())
            ideas = [replace(x, id=new[x.id], workshop_id=workshop.id) for x in ideas]
            stakeholders = [replace(x, id=new[x.id], workshop_id=workshop.id) for x in stakeholders]
            relations = [
                replace(x, id=new[x.id], workshop_id=workshop.id, source_id=new[x.source_id], target_id=new[x.target_id])
                for x in relations
            ]
            moves = [replace(x, stakeholder_id=new[x.stakeholder_id]) for x in moves]

        def insert(db: sqlite3.Connection) -> None:
            _insert_workshop(db, workshop)
            for idea in ideas:
                _guarded(db, workshop.id, idea)
                _insert_idea(db, idea)
            for item in stakeholders:
                _guarded(db, workshop.id, item)
                _upsert(db, "stakeholders", _columns(item))
            for item in relations:
                _upsert(db, "relations", _columns(item))
            for item in moves:
                _guarded(db, workshop.id, item)
                _insert_move(db, item)

        self._write(insert)
        return workshop


def _insert_workshop(db: sqlite3.Connection, workshop: Workshop) -> None:
    while db.execute("SELECT 1 FROM workshops WHERE join_code = ?", (workshop.join_code,)).fetchone():
        workshop.join_code = new_join_code()
    found = guard(workshop, enabled=workshop.masking)
    db.execute(
        "INSERT INTO workshops (id, title, question, phase, lang, join_code, created, masking, delete_after)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (workshop.id, workshop.title, workshop.question, workshop.phase, workshop.lang,
         workshop.join_code, workshop.created.isoformat(), int(workshop.masking),
         workshop.delete_after.isoformat() if workshop.delete_after else None),
    )
    _count_masked(db, workshop.id, found)


def _guarded(db: sqlite3.Connection, workshop_id: str, item) -> None:
    """Mask ``item``'s free text by its workshop's setting and count what was masked."""
    row = db.execute("SELECT masking FROM workshops WHERE id = ?", (workshop_id,)).fetchone()
    _count_masked(db, workshop_id, guard(item, enabled=bool(row["masking"]) if row else True))


def _count_masked(db: sqlite3.Connection, workshop_id: str, found) -> None:
    for kind, n in found.items():
        db.execute(
            "INSERT INTO masked_counts (workshop_id, kind, n) VALUES (?, ?, ?)"
            " ON CONFLICT (workshop_id, kind) DO UPDATE SET n = n + excluded.n",
            (workshop_id, kind, n),
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


def _require_workshop(db: sqlite3.Connection, workshop_id: str) -> None:
    if not db.execute("SELECT 1 FROM workshops WHERE id = ?", (workshop_id,)).fetchone():
        raise WorkshopNotFoundError(
            f"No workshop has the id {workshop_id!r}; create it first.", ref=workshop_id
        )


def _columns(item) -> dict:
    """A dataclass as column values: datetimes as ISO text, booleans as 0/1."""
    values = {}
    for f in fields(item):
        value = getattr(item, f.name)
        values[f.name] = value.isoformat() if isinstance(value, datetime) else value
    return values


def _from_row(cls, row: sqlite3.Row):
    """Build dataclass ``cls`` from a row whose columns carry its field names (times parsed by ``from_dict``)."""
    return cls.from_dict({f.name: row[f.name] for f in fields(cls)})


def _upsert(db: sqlite3.Connection, table: str, values: dict) -> None:
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    updates = ", ".join(f"{name} = excluded.{name}" for name in values if name != "id")
    db.execute(
        f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {updates}",
        tuple(values.values()),
    )


def _insert_move(db: sqlite3.Connection, move) -> None:
    db.execute(
        "INSERT INTO stakeholder_moves (stakeholder_id, interest, influence, moved_by, at) VALUES (?, ?, ?, ?, ?)",
        (move.stakeholder_id, move.interest, move.influence, move.moved_by, move.at.isoformat()),
    )


def _bump(db: sqlite3.Connection, workshop_id: str, topic: str) -> None:
    db.execute(
        "INSERT INTO revisions (workshop_id, topic, n) VALUES (?, ?, 1)"
        " ON CONFLICT (workshop_id, topic) DO UPDATE SET n = n + 1",
        (workshop_id, topic),
    )


def _workshop(row: sqlite3.Row) -> Workshop:
    return _from_row(Workshop, row)


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
