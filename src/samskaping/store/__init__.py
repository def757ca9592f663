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

import json
import os
import sqlite3
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from samskaping.core.exceptions import (
    ImportFormatError,
    InvalidInputError,
    SamskapingError,
    SchemaTooNewError,
    StoreBusyError,
    StoreClosedError,
    StoreFullError,
    StoreUnavailableError,
    WorkshopNotFoundError,
)
from samskaping.core.i18n import t
from samskaping.core.models import (
    GROUPS,
    Workshop,
    check_choice,
    dataclass_to_dict,
    new_id,
    new_join_code,
    normalise_join_code,
    now,
)
from samskaping.core.privacy.guard import guard
from samskaping.ideas.model import IDEAS_PER_MINUTE, Idea
from samskaping.room.model import STAGES

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
    """
    CREATE TABLE journeys (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        "case" TEXT NOT NULL DEFAULT '',
        variant TEXT NOT NULL,
        phases TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX journeys_by_workshop ON journeys (workshop_id, created);
    CREATE TABLE journey_steps (
        id TEXT PRIMARY KEY,
        journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        phase TEXT NOT NULL,
        service TEXT NOT NULL,
        touchpoint TEXT NOT NULL,
        what TEXT NOT NULL,
        experience INTEGER NOT NULL DEFAULT 0,
        pain_point TEXT NOT NULL DEFAULT '',
        quote TEXT NOT NULL DEFAULT '',
        wait_days INTEGER,
        coordinator TEXT NOT NULL DEFAULT '',
        family_carries_info INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
    );
    CREATE INDEX steps_by_journey ON journey_steps (journey_id, position);
    """,
    """
    CREATE TABLE themes (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        label TEXT NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0,
        benefit INTEGER,
        effort INTEGER,
        PRIMARY KEY (workshop_id, id)
    );
    CREATE TABLE idea_themes (
        idea_id TEXT PRIMARY KEY REFERENCES ideas(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        theme_id TEXT NOT NULL,
        manual INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX idea_themes_by_workshop ON idea_themes (workshop_id, theme_id);
    CREATE TABLE idea_merges (
        idea_id TEXT PRIMARY KEY REFERENCES ideas(id) ON DELETE CASCADE,
        into_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE
    );
    CREATE TABLE voting (
        workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
        dots INTEGER NOT NULL,
        state TEXT NOT NULL
    );
    CREATE TABLE dots (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        participant_group TEXT NOT NULL,
        on_paper INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
    );
    CREATE INDEX dots_by_session ON dots (workshop_id, session_id);
    CREATE TABLE stances (
        idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_group TEXT NOT NULL,
        stance TEXT NOT NULL,
        on_paper INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        PRIMARY KEY (idea_id, session_id)
    );
    CREATE TABLE concepts (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        target_group TEXT NOT NULL DEFAULT '',
        theme_ids TEXT NOT NULL DEFAULT '[]',
        stakeholder_ids TEXT NOT NULL DEFAULT '[]',
        next_step TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    ALTER TABLE ideas ADD COLUMN on_paper INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE arrivals (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        "group" TEXT NOT NULL,
        stakeholder_id TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        PRIMARY KEY (workshop_id, session_id)
    );
    CREATE TABLE evaluations (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        day INTEGER NOT NULL,
        voice INTEGER NOT NULL,
        change TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        UNIQUE (workshop_id, session_id)
    );
    CREATE TABLE stages (
        workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        step INTEGER NOT NULL DEFAULT 0,
        step_started TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE concept_feedback (
        concept_id TEXT NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_group TEXT NOT NULL,
        stance TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        PRIMARY KEY (concept_id, session_id)
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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise _unavailable(self.path, exc) from exc
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
            raise _unavailable(self.path, exc) from exc
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
                    if "full" in str(exc):
                        raise StoreFullError(
                            f"The disk holding {str(self.path)!r} is full; free some space and try again. "
                            "Everything saved before is kept.", path=str(self.path),
                        ) from exc
                    if "readonly" in str(exc) or "read-only" in str(exc) or "unable to open" in str(exc):
                        raise _unavailable(self.path, exc) from exc
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
        # A lone surrogate (from a browser, or a command line that is not UTF-8) cannot be a
        # query parameter; as "?" it matches nothing and the error names the ref.
        text = ref.encode("utf-8", "replace").decode("utf-8") if isinstance(ref, str) else ""
        with self._read() as db:
            row = db.execute(
                "SELECT * FROM workshops WHERE id = ? OR join_code = ?",
                (text.strip(), normalise_join_code(text)),
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
                _check_pace(db, idea)
                _guarded(db, idea.workshop_id, idea)
                _insert_idea(db, idea)
                _bump(db, idea.workshop_id, "wall")

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
            row = db.execute("SELECT workshop_id FROM ideas WHERE id = ?", (idea_id,)).fetchone()
            _bump(db, row["workshop_id"], "wall")

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
        self._write(lambda db: _save_stakeholder(db, stakeholder, moved_by))
        return stakeholder

    def import_stakeholders(self, stakeholders, *, moved_by: str = "import") -> list:
        """Save the stakeholders read from a file, all in one transaction: all of them, or none if one fails."""
        stakeholders = list(stakeholders)

        def save(db: sqlite3.Connection) -> None:
            for stakeholder in stakeholders:
                _save_stakeholder(db, stakeholder, moved_by)

        self._write(save)
        return stakeholders

    def stakeholders(self, workshop_id: str) -> list:
        """A workshop's stakeholders in the order they were added."""
        from samskaping.stakeholders.model import Stakeholder

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
        from samskaping.stakeholders.model import Move

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
        from samskaping.stakeholders.model import Relation

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

    def revisions(self, workshop_id: str) -> Counter:
        """Change numbers per topic of a workshop, in one query (a topic never changed is 0).

        Topics: ``wall`` (ideas added, hidden, merged), ``ideas`` (themes,
        concepts), ``votes``, ``room`` (arrivals, stage, evaluations),
        ``stakeholders``, ``journeys``. A page polls this once per round and
        reloads only the parts whose number moved.
        """
        with self._read() as db:
            rows = db.execute("SELECT topic, n FROM revisions WHERE workshop_id = ?", (workshop_id,)).fetchall()
        return Counter({row["topic"]: row["n"] for row in rows})

    def revision(self, workshop_id: str, topic: str) -> int:
        """The change number of one topic (see :meth:`revisions`)."""
        return self.revisions(workshop_id)[topic]

    # -- service journeys -------------------------------------------------
    # Steps keep a dense order (positions 0..n-1) per journey; adding, moving
    # and deleting shift the others inside one transaction, so several people
    # editing one journey never leave gaps or two steps in one place.

    def save_journey(self, journey):
        """Add a journey or change its title, case, variant or phases."""
        self._write(lambda db: _save_journey(db, journey))
        return journey

    def import_journey(self, journey, steps) -> list:
        """Save a journey read from a file and its steps in one transaction: all of it, or nothing if a step fails."""
        steps = list(steps)

        def save(db: sqlite3.Connection) -> None:
            _save_journey(db, journey)
            for step in steps:
                _insert_step(db, step)

        self._write(save)
        return steps

    def journeys(self, workshop_id: str) -> list:
        """A workshop's journeys in the order they were made."""
        from samskaping.journeys.model import Journey

        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM journeys WHERE workshop_id = ? ORDER BY created, rowid", (workshop_id,)
            ).fetchall()
        return [_from_row(Journey, row) for row in rows]

    def journey(self, ref: str, workshop_id: str | None = None):
        """The journey with id ``ref`` (or, within a workshop, the one titled ``ref``)."""
        from samskaping.journeys.model import Journey

        with self._read() as db:
            row = db.execute("SELECT * FROM journeys WHERE id = ?", (ref,)).fetchone()
            if row is None and workshop_id is not None:
                row = db.execute(
                    "SELECT * FROM journeys WHERE workshop_id = ? AND title = ? ORDER BY created LIMIT 1",
                    (workshop_id, ref),
                ).fetchone()
        if row is None:
            raise InvalidInputError(
                f"No journey has the id or title {ref!r}; `samskaping journeys list WORKSHOP` shows them.",
                reason="not_found", field="journey", value=ref,
            )
        return _from_row(Journey, row)

    def delete_journey(self, journey_id: str) -> None:
        def delete(db: sqlite3.Connection) -> None:
            workshop_id = _journey_workshop(db, journey_id)
            db.execute("DELETE FROM journeys WHERE id = ?", (journey_id,))
            _bump(db, workshop_id, "journeys")

        self._write(delete)

    def steps(self, journey_id: str) -> list:
        """A journey's steps in order."""
        from samskaping.journeys.model import Step

        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM journey_steps WHERE journey_id = ? ORDER BY position, created", (journey_id,)
            ).fetchall()
        return [_from_row(Step, row) for row in rows]

    def add_step(self, step):
        """Insert a step at ``step.position`` (at the end if that is past the last step)."""
        self._write(lambda db: _insert_step(db, step))
        return step

    def update_step(self, step):
        """Save changes to a step's content; its place in the order is kept (see :meth:`move_step`)."""

        def update(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT position FROM journey_steps WHERE id = ?", (step.id,)).fetchone()
            if row is None:
                raise InvalidInputError(f"No step has the id {step.id!r}.", reason="not_found", field="step",
                                        value=step.id)
            workshop_id = _journey_workshop(db, step.journey_id)
            step.position = row["position"]
            _guarded(db, workshop_id, step)
            _upsert(db, "journey_steps", _columns(step))
            _bump(db, workshop_id, "journeys")

        self._write(update)
        return step

    def move_step(self, step_id: str, position: int) -> None:
        """Move a step to ``position`` (clamped), shifting the steps in between."""

        def move(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT journey_id, position FROM journey_steps WHERE id = ?", (step_id,)).fetchone()
            if row is None:
                raise InvalidInputError(f"No step has the id {step_id!r}.", reason="not_found", field="step",
                                        value=step_id)
            journey_id, old = row["journey_id"], row["position"]
            count = db.execute("SELECT COUNT(*) FROM journey_steps WHERE journey_id = ?", (journey_id,)).fetchone()[0]
            new = min(max(position, 0), count - 1)
            if new > old:
                db.execute("UPDATE journey_steps SET position = position - 1 WHERE journey_id = ?"
                           " AND position > ? AND position <= ?", (journey_id, old, new))
            elif new < old:
                db.execute("UPDATE journey_steps SET position = position + 1 WHERE journey_id = ?"
                           " AND position >= ? AND position < ?", (journey_id, new, old))
            db.execute("UPDATE journey_steps SET position = ? WHERE id = ?", (new, step_id))
            _bump(db, _journey_workshop(db, journey_id), "journeys")

        self._write(move)

    def delete_step(self, step_id: str) -> None:
        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT journey_id, position FROM journey_steps WHERE id = ?", (step_id,)).fetchone()
            if row is None:
                return
            db.execute("DELETE FROM journey_steps WHERE id = ?", (step_id,))
            db.execute("UPDATE journey_steps SET position = position - 1 WHERE journey_id = ? AND position > ?",
                       (row["journey_id"], row["position"]))
            _bump(db, _journey_workshop(db, row["journey_id"]), "journeys")

        self._write(delete)

    # -- voting -----------------------------------------------------------
    # Limits are checked inside the write transaction, so two browsers (or
    # two tabs of one) racing for the last dot cannot both get it.

    def voting(self, workshop_id: str):
        """The workshop's voting round (not started, with 3 dots, if never set)."""
        from samskaping.ideas.model import Voting

        with self._read() as db:
            row = db.execute("SELECT dots, state FROM voting WHERE workshop_id = ?", (workshop_id,)).fetchone()
        return Voting(workshop_id, row["dots"], row["state"]) if row else Voting(workshop_id)

    def set_voting(self, voting) -> None:
        """Start, close or reset a voting round; changing the dots keeps the votes already cast."""

        def upsert(db: sqlite3.Connection) -> None:
            _require_workshop(db, voting.workshop_id)
            db.execute(
                "INSERT INTO voting (workshop_id, dots, state) VALUES (?, ?, ?)"
                " ON CONFLICT (workshop_id) DO UPDATE SET dots = excluded.dots, state = excluded.state",
                (voting.workshop_id, voting.dots, voting.state),
            )
            _bump(db, voting.workshop_id, "votes")

        self._write(upsert)

    def clear_votes(self, workshop_id: str) -> None:
        """Remove every dot and answer (to vote again from scratch)."""

        def clear(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM dots WHERE workshop_id = ?", (workshop_id,))
            db.execute("DELETE FROM stances WHERE workshop_id = ?", (workshop_id,))
            _bump(db, workshop_id, "votes")

        self._write(clear)

    def add_dot(self, idea_id: str, session_id: str, group: str = "annet", *, on_paper: bool = False) -> int:
        """Put one of a browser's dots on an idea; returns the dots it has left."""

        def add(db: sqlite3.Connection) -> int:
            workshop_id, voting = _open_voting(db, idea_id)
            used = db.execute(
                "SELECT COUNT(*) FROM dots WHERE workshop_id = ? AND session_id = ?", (workshop_id, session_id)
            ).fetchone()[0]
            if used >= voting["dots"]:
                raise InvalidInputError(
                    f"Session {session_id!r} has used all {voting['dots']} dots; take one back to move it.",
                    reason="no_dots_left", field="dots", value=voting["dots"],
                )
            db.execute(
                "INSERT INTO dots (workshop_id, idea_id, session_id, participant_group, on_paper, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (workshop_id, idea_id, session_id, check_choice(group or "annet", GROUPS, "group"),
                 int(on_paper), now().isoformat()),
            )
            _bump(db, workshop_id, "votes")
            return voting["dots"] - used - 1

        return self._write(add)

    def remove_dot(self, idea_id: str, session_id: str) -> None:
        """Take back one of this browser's dots from an idea (while voting is open)."""

        def remove(db: sqlite3.Connection) -> None:
            workshop_id, _ = _open_voting(db, idea_id)
            db.execute(
                "DELETE FROM dots WHERE n = (SELECT MAX(n) FROM dots WHERE idea_id = ? AND session_id = ?)",
                (idea_id, session_id),
            )
            _bump(db, workshop_id, "votes")

        self._write(remove)

    def my_dots(self, workshop_id: str, session_id: str) -> Counter:
        """How many dots this browser put on each idea."""
        with self._read() as db:
            rows = db.execute(
                "SELECT idea_id, COUNT(*) AS n FROM dots WHERE workshop_id = ? AND session_id = ? GROUP BY idea_id",
                (workshop_id, session_id),
            ).fetchall()
        return Counter({row["idea_id"]: row["n"] for row in rows})

    def set_stance(self, idea_id: str, session_id: str, stance: str, group: str = "annet", *,
                   on_paper: bool = False) -> None:
        """Agree, disagree or pass on an idea; answering again replaces the answer."""
        from samskaping.ideas.model import STANCES

        def upsert(db: sqlite3.Connection) -> None:
            workshop_id, _ = _open_voting(db, idea_id)
            db.execute(
                "INSERT INTO stances (idea_id, session_id, workshop_id, participant_group, stance, on_paper, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idea_id, session_id) DO UPDATE SET"
                " stance = excluded.stance, participant_group = excluded.participant_group",
                (idea_id, session_id, workshop_id, check_choice(group or "annet", GROUPS, "group"),
                 check_choice(stance, STANCES, "stance"), int(on_paper), now().isoformat()),
            )
            _bump(db, workshop_id, "votes")

        self._write(upsert)

    def vote_count(self, workshop_id: str) -> tuple[int, int]:
        """``(dots, answers)`` cast so far: what the facilitator may see while voting is open."""
        with self._read() as db:
            dots = db.execute("SELECT COUNT(*) FROM dots WHERE workshop_id = ?", (workshop_id,)).fetchone()[0]
            answers = db.execute("SELECT COUNT(*) FROM stances WHERE workshop_id = ?", (workshop_id,)).fetchone()[0]
        return dots, answers

    def results(self, workshop_id: str, *, reveal: bool = False) -> dict | None:
        """Votes per idea (see :func:`samskaping.ideas.voting.tally`); ``None`` until voting is closed.

        Votes on an idea merged into another count for the one it was merged into.
        """
        from samskaping.ideas.voting import tally

        if not reveal and not self.voting(workshop_id).results_visible:
            return None
        with self._read() as db:
            target = "COALESCE((SELECT into_id FROM idea_merges m WHERE m.idea_id = v.idea_id), v.idea_id)"
            dots = db.execute(
                f"SELECT {target} AS idea, participant_group FROM dots v WHERE workshop_id = ?", (workshop_id,)
            ).fetchall()
            stances = db.execute(
                f"SELECT {target} AS idea, participant_group, stance FROM stances v WHERE workshop_id = ?",
                (workshop_id,),
            ).fetchall()
        return tally([(r["idea"], r["participant_group"]) for r in dots],
                     [(r["idea"], r["participant_group"], r["stance"]) for r in stances])

    def merge_ideas(self, duplicate_id: str, into_id: str) -> None:
        """Merge a near-duplicate into another idea: it leaves the wall, its votes and group count for the other."""

        def merge(db: sqlite3.Connection) -> None:
            rows = db.execute("SELECT id, workshop_id FROM ideas WHERE id IN (?, ?)", (duplicate_id, into_id)).fetchall()
            if len(rows) != 2 or rows[0]["workshop_id"] != rows[1]["workshop_id"] or duplicate_id == into_id:
                raise InvalidInputError(
                    f"Cannot merge {duplicate_id!r} into {into_id!r}: both must be different ideas of one workshop.",
                    reason="not_found", field="idea", value=f"{duplicate_id}->{into_id}",
                )
            final = db.execute("SELECT into_id FROM idea_merges WHERE idea_id = ?", (into_id,)).fetchone()
            into = final["into_id"] if final else into_id
            db.execute("INSERT OR REPLACE INTO idea_merges (idea_id, into_id) VALUES (?, ?)", (duplicate_id, into))
            db.execute("UPDATE idea_merges SET into_id = ? WHERE into_id = ?", (into, duplicate_id))
            db.execute("UPDATE ideas SET hidden = 1, seq = (SELECT MAX(seq) + 1 FROM ideas) WHERE id = ?",
                       (duplicate_id,))
            _bump(db, rows[0]["workshop_id"], "wall")

        self._write(merge)

    def merges(self, workshop_id: str) -> dict[str, str]:
        """``{merged idea id: the idea it was merged into}``."""
        with self._read() as db:
            rows = db.execute(
                "SELECT m.idea_id, m.into_id FROM idea_merges m JOIN ideas i ON i.id = m.idea_id"
                " WHERE i.workshop_id = ?", (workshop_id,),
            ).fetchall()
        return {row["idea_id"]: row["into_id"] for row in rows}

    # -- attendance, evaluation, the workshop's stage ----------------------

    def register_arrival(self, arrival) -> None:
        """Register (or correct) a browser's group on arrival; no name is asked or stored."""

        def upsert(db: sqlite3.Connection) -> None:
            _require_workshop(db, arrival.workshop_id)
            db.execute(
                'INSERT INTO arrivals (workshop_id, session_id, "group", stakeholder_id, at) VALUES (?, ?, ?, ?, ?)'
                ' ON CONFLICT (workshop_id, session_id) DO UPDATE SET "group" = excluded."group",'
                " stakeholder_id = excluded.stakeholder_id",
                (arrival.workshop_id, arrival.session_id, arrival.group, arrival.stakeholder_id,
                 arrival.at.isoformat()),
            )
            _bump(db, arrival.workshop_id, "room")

        self._write(upsert)

    def arrivals(self, workshop_id: str) -> list:
        from samskaping.room.model import Arrival

        with self._read() as db:
            rows = db.execute("SELECT * FROM arrivals WHERE workshop_id = ? ORDER BY at", (workshop_id,)).fetchall()
        return [Arrival(r["workshop_id"], r["session_id"], r["group"], r["stakeholder_id"],
                        datetime.fromisoformat(r["at"])) for r in rows]

    def save_evaluation(self, evaluation) -> None:
        """Store a participant's evaluation; a second one from the same browser replaces the first."""

        def upsert(db: sqlite3.Connection) -> None:
            _require_workshop(db, evaluation.workshop_id)
            _guarded(db, evaluation.workshop_id, evaluation)
            db.execute("DELETE FROM evaluations WHERE workshop_id = ? AND session_id = ?",
                       (evaluation.workshop_id, evaluation.session_id))
            _upsert(db, "evaluations", _columns(evaluation))
            _bump(db, evaluation.workshop_id, "room")

        self._write(upsert)

    def evaluations(self, workshop_id: str) -> list:
        from samskaping.room.model import Evaluation

        with self._read() as db:
            rows = db.execute("SELECT * FROM evaluations WHERE workshop_id = ? ORDER BY created",
                              (workshop_id,)).fetchall()
        return [Evaluation(r["workshop_id"], r["session_id"], r["day"], r["voice"], r["change"], r["id"],
                           datetime.fromisoformat(r["created"])) for r in rows]

    def stage(self, workshop_id: str) -> tuple[str, int, datetime | None]:
        """What participants' pages show now (``ideer``, ``stemming``, ``evaluering``), the
        facilitator's step in the guided flow, and when that step started."""
        with self._read() as db:
            row = db.execute("SELECT stage, step, step_started FROM stages WHERE workshop_id = ?",
                             (workshop_id,)).fetchone()
        if row is None:
            return "ideer", 0, None
        return row["stage"], row["step"], datetime.fromisoformat(row["step_started"])

    def set_stage(self, workshop_id: str, stage: str, step: int = 0) -> None:
        check_choice(stage, STAGES, "stage")

        def upsert(db: sqlite3.Connection) -> None:
            _require_workshop(db, workshop_id)
            db.execute(
                "INSERT INTO stages (workshop_id, stage, step, step_started) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (workshop_id) DO UPDATE SET stage = excluded.stage, step = excluded.step,"
                " step_started = excluded.step_started",
                (workshop_id, stage, step, now().isoformat()),
            )
            _bump(db, workshop_id, "room")

        self._write(upsert)

    # -- themes -----------------------------------------------------------

    def themes(self, workshop_id: str) -> list:
        """The workshop's themes in wall order."""
        from samskaping.ideas.model import WallTheme

        with self._read() as db:
            rows = db.execute("SELECT * FROM themes WHERE workshop_id = ? ORDER BY position, id",
                              (workshop_id,)).fetchall()
        return [WallTheme(r["workshop_id"], r["id"], r["label"], bool(r["pinned"]), r["position"], r["benefit"],
                          r["effort"]) for r in rows]

    def placements(self, workshop_id: str) -> dict:
        """``{idea_id: Placement}`` for every idea that is in a theme."""
        from samskaping.ideas.model import Placement

        with self._read() as db:
            rows = db.execute("SELECT * FROM idea_themes WHERE workshop_id = ?", (workshop_id,)).fetchall()
        return {r["idea_id"]: Placement(r["idea_id"], r["theme_id"], bool(r["manual"])) for r in rows}

    def save_theming(self, workshop_id: str, themes: list, assignment: dict[str, str]) -> None:
        """Store a clustering run: its themes and where it put each idea.

        Pinned themes keep their label and members; ideas the facilitator
        placed by hand stay where they are. Everything else is replaced, in
        one transaction, so every page sees either the old or the new wall.
        """

        def save(db: sqlite3.Connection) -> None:
            _require_workshop(db, workshop_id)
            pinned = {r["id"] for r in db.execute(
                "SELECT id FROM themes WHERE workshop_id = ? AND pinned = 1", (workshop_id,))}
            kept = {r["idea_id"] for r in db.execute(
                "SELECT i.idea_id FROM idea_themes i LEFT JOIN themes t ON t.workshop_id = i.workshop_id"
                " AND t.id = i.theme_id WHERE i.workshop_id = ? AND (i.manual = 1 OR t.pinned = 1)", (workshop_id,))}
            db.execute("DELETE FROM themes WHERE workshop_id = ? AND pinned = 0", (workshop_id,))
            db.execute("DELETE FROM idea_themes WHERE workshop_id = ? AND idea_id NOT IN (%s)"
                       % ",".join("?" * len(kept)), (workshop_id, *kept))
            for position, theme in enumerate(themes):
                if theme.id in pinned:
                    continue
                _guarded(db, workshop_id, theme)
                db.execute("INSERT INTO themes (workshop_id, id, label, pinned, position, benefit, effort)"
                           " VALUES (?, ?, ?, 0, ?, ?, ?)",
                           (workshop_id, theme.id, theme.label, position, theme.benefit, theme.effort))
            for idea_id, theme_id in assignment.items():
                if idea_id not in kept:
                    db.execute("INSERT OR REPLACE INTO idea_themes (idea_id, workshop_id, theme_id, manual)"
                               " VALUES (?, ?, ?, 0)", (idea_id, workshop_id, theme_id))
            _bump(db, workshop_id, "ideas")

        self._write(save)

    def place_idea(self, idea_id: str, theme_id: str) -> None:
        """Put an idea in a theme by hand (it stays there through later clustering runs)."""

        def place(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM ideas WHERE id = ?", (idea_id,)).fetchone()
            if row is None or not db.execute("SELECT 1 FROM themes WHERE workshop_id = ? AND id = ?",
                                              (row["workshop_id"], theme_id)).fetchone():
                raise InvalidInputError(f"No idea {idea_id!r} or theme {theme_id!r} in one workshop.",
                                        reason="not_found", field="theme", value=theme_id)
            db.execute("INSERT OR REPLACE INTO idea_themes (idea_id, workshop_id, theme_id, manual) VALUES (?, ?, ?, 1)",
                       (idea_id, row["workshop_id"], theme_id))
            _bump(db, row["workshop_id"], "ideas")

        self._write(place)

    def update_theme(self, theme) -> None:
        """Rename, pin or unpin a theme, or set its benefit and effort."""

        def update(db: sqlite3.Connection) -> None:
            _guarded(db, theme.workshop_id, theme)
            cursor = db.execute(
                "UPDATE themes SET label = ?, pinned = ?, position = ?, benefit = ?, effort = ?"
                " WHERE workshop_id = ? AND id = ?",
                (theme.label, int(theme.pinned), theme.position, theme.benefit, theme.effort, theme.workshop_id,
                 theme.id),
            )
            if cursor.rowcount == 0:
                db.execute("INSERT INTO themes (workshop_id, id, label, pinned, position, benefit, effort)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (theme.workshop_id, theme.id, theme.label, int(theme.pinned), theme.position,
                            theme.benefit, theme.effort))
            _bump(db, theme.workshop_id, "ideas")

        self._write(update)

    def merge_themes(self, workshop_id: str, source_id: str, target_id: str) -> None:
        """Move every idea of one theme into another and remove the first; the moves count as manual."""

        def merge(db: sqlite3.Connection) -> None:
            db.execute("UPDATE idea_themes SET theme_id = ?, manual = 1 WHERE workshop_id = ? AND theme_id = ?",
                       (target_id, workshop_id, source_id))
            db.execute("DELETE FROM themes WHERE workshop_id = ? AND id = ?", (workshop_id, source_id))
            _bump(db, workshop_id, "ideas")

        self._write(merge)

    # -- concepts ---------------------------------------------------------

    def save_concept(self, concept):
        def upsert(db: sqlite3.Connection) -> None:
            _require_workshop(db, concept.workshop_id)
            _guarded(db, concept.workshop_id, concept)
            _upsert(db, "concepts", _columns(concept))
            _bump(db, concept.workshop_id, "ideas")

        self._write(upsert)
        return concept

    def concepts(self, workshop_id: str) -> list:
        from samskaping.ideas.model import Concept

        with self._read() as db:
            rows = db.execute("SELECT * FROM concepts WHERE workshop_id = ? ORDER BY created, rowid",
                              (workshop_id,)).fetchall()
        return [_from_row(Concept, row) for row in rows]

    def save_concept_feedback(self, feedback) -> None:
        """A participant's answer to a concept; answering again replaces the answer."""

        def upsert(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM concepts WHERE id = ?", (feedback.concept_id,)).fetchone()
            if row is None:
                raise InvalidInputError(f"No concept has the id {feedback.concept_id!r}.", reason="not_found",
                                        field="concept", value=feedback.concept_id)
            _guarded(db, row["workshop_id"], feedback)
            db.execute(
                "INSERT INTO concept_feedback (concept_id, session_id, workshop_id, participant_group, stance, comment,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (concept_id, session_id) DO UPDATE SET"
                " stance = excluded.stance, comment = excluded.comment, participant_group = excluded.participant_group",
                (feedback.concept_id, feedback.session_id, row["workshop_id"], feedback.group, feedback.stance,
                 feedback.comment, feedback.created.isoformat()),
            )
            _bump(db, row["workshop_id"], "ideas")

        self._write(upsert)

    def concept_feedback(self, workshop_id: str) -> list:
        """Every answer to the workshop's concepts, oldest first."""
        from samskaping.ideas.model import ConceptFeedback

        with self._read() as db:
            rows = db.execute("SELECT * FROM concept_feedback WHERE workshop_id = ? ORDER BY created, session_id",
                              (workshop_id,)).fetchall()
        return [ConceptFeedback(r["concept_id"], r["session_id"], r["stance"], r["comment"], r["participant_group"],
                                datetime.fromisoformat(r["created"])) for r in rows]

    def delete_concept(self, concept_id: str) -> None:
        def delete(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM concepts WHERE id = ?", (concept_id,)).fetchone()
            if row:
                db.execute("DELETE FROM concepts WHERE id = ?", (concept_id,))
                _bump(db, row["workshop_id"], "ideas")

        self._write(delete)

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
        w = workshop.id

        def out(items: list) -> list[dict]:
            for item in items:
                guard(item, enabled=workshop.masking)
            return [item.to_dict() if hasattr(item, "to_dict") else dataclass_to_dict(item) for item in items]

        with self._read() as db:
            rows = {name: [dict(row) for row in db.execute(sql, (w,))] for name, sql in _EXPORT_ROWS.items()}
        for row, answer in zip(rows["concept_feedback"], self.concept_feedback(w)):
            guard(answer, enabled=workshop.masking)  # the one row type here with free text
            row["comment"] = answer.comment
        voting, stage = self.voting(w), self.stage(w)
        return {
            "workshop": out([workshop])[0],
            "ideas": out(self.ideas(w)),
            "stakeholders": out(self.stakeholders(w)),
            "relations": [item.to_dict() for item in self.relations(w)],
            "stakeholder_moves": out(self.moves(w)),
            "journeys": [{**out([journey])[0], "steps": out(self.steps(journey.id))} for journey in self.journeys(w)],
            "themes": [{k: v for k, v in theme.items() if k != "workshop_id"} for theme in out(self.themes(w))],
            **rows,
            "voting": {"dots": voting.dots, "state": voting.state},
            "stage": {"stage": stage[0], "step": stage[1]},
            "concepts": out(self.concepts(w)),
            "evaluations": [{k: v for k, v in e.items() if k != "workshop_id"} for e in out(self.evaluations(w))],
        }

    def import_workshop(self, data: dict, *, source: str = "workshop.json") -> Workshop:
        """Store a workshop exported by :meth:`export_workshop`, in one transaction.

        If its id, or the id of anything in it, is taken (the same file
        imported twice), the copy gets new ids and a new join code, so nothing
        already stored is overwritten.
        ``data`` comes from a file (``source`` names it in messages), so it is
        all or nothing: a value that does not validate raises
        :class:`InvalidInputError`, a part that cannot be read or parts that do
        not fit together :class:`ImportFormatError` naming the part, and in
        every case nothing is stored.
        """
        try:
            return self._import_workshop(data, source)
        except SamskapingError:
            raise
        except _DAMAGED as exc:
            raise ImportFormatError(
                f"The parts of {source!r} do not fit together ({type(exc).__name__}: {exc}).", path=source,
                detail=t("import.inconsistent"),
            ) from None

    def _import_workshop(self, data: dict, source: str) -> Workshop:
        from samskaping.ideas.model import Concept, WallTheme
        from samskaping.stakeholders.model import Move, Relation, Stakeholder

        def part(name: str, build: Callable[[dict], T]) -> list[T]:
            return _read_part(data, name, build, source)

        workshop = Workshop.from_dict(data["workshop"])
        ideas = part("ideas", Idea.from_dict)
        stakeholders = part("stakeholders", Stakeholder.from_dict)
        relations = part("relations", Relation.from_dict)
        moves = part("stakeholder_moves", Move.from_dict)
        journeys, steps = _journeys_from_export(part("journeys", dict))
        themes = part("themes", lambda item: WallTheme(workshop.id, **item))
        concepts = part("concepts", Concept.from_dict)
        evaluations = part("evaluations", lambda item: _evaluation(workshop.id, item))
        rows = {name: part(name, dict) for name in _EXPORT_ROWS}
        for item in (*ideas, *stakeholders, *relations, *journeys, *concepts):
            if item.workshop_id != workshop.id:
                raise InvalidInputError(
                    f"{type(item).__name__} {item.id!r} belongs to workshop {item.workshop_id!r}, not {workshop.id!r}.",
                    reason="bad_choice", field="workshop_id", value=item.workshop_id, choices=workshop.id,
                )
        voting = data.get("voting")
        if voting:
            from samskaping.ideas.model import Voting

            voting = Voting(workshop.id, voting["dots"], voting["state"])
        stage = data.get("stage")
        if stage:
            stage = (check_choice(stage["stage"], STAGES, "stage"), stage["step"])
            if isinstance(stage[1], bool) or not isinstance(stage[1], int) or stage[1] < 0:
                raise ImportFormatError(f"The stage step {stage[1]!r} in {source!r} is not a step.", path=source,
                                        detail=t("import.bad_part", part="stage", number=1))
        owned = {"workshops": [workshop], "ideas": ideas, "stakeholders": stakeholders, "relations": relations,
                 "journeys": journeys, "journey_steps": steps, "concepts": concepts, "evaluations": evaluations}
        _check_links(owned, moves, rows, source)
        with self._read() as db:
            # Any id already stored (the same file imported twice, or a file whose parts another
            # workshop holds) makes the import a copy with new ids: nothing stored is ever overwritten.
            taken = any(_taken(db, table, [item.id for item in items]) for table, items in owned.items())
        if taken:
            new = {old: new_id() for old in (workshop.id, *(x.id for x in (*ideas, *stakeholders, *relations,
                                                                            *journeys, *steps)))}
            workshop = replace(workshop, id=new[workshop.id], join_code=new_join_code())
            ideas = [replace(x, id=new[x.id], workshop_id=workshop.id) for x in ideas]
            stakeholders = [replace(x, id=new[x.id], workshop_id=workshop.id) for x in stakeholders]
            relations = [
                replace(x, id=new[x.id], workshop_id=workshop.id, source_id=new[x.source_id], target_id=new[x.target_id])
                for x in relations
            ]
            moves = [replace(x, stakeholder_id=new[x.stakeholder_id]) for x in moves]
            themes = [replace(x, workshop_id=workshop.id) for x in themes]
            new.update({x.id: new_id() for x in concepts})
            concepts = [replace(x, id=new[x.id], workshop_id=workshop.id,
                                stakeholder_ids=tuple(new.get(i, i) for i in x.stakeholder_ids)) for x in concepts]
            evaluations = [replace(x, id=new_id(), workshop_id=workshop.id) for x in evaluations]
            for name, items in rows.items():
                for item in items:
                    for key in ("idea_id", "into_id", "stakeholder_id", "concept_id"):
                        if item.get(key):
                            item[key] = new.get(item[key], item[key])
            journeys = [replace(x, id=new[x.id], workshop_id=workshop.id) for x in journeys]
            steps = [replace(x, id=new[x.id], journey_id=new[x.journey_id]) for x in steps]

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
            for item in (*journeys, *steps):
                _guarded(db, workshop.id, item)
                _upsert(db, "journeys" if type(item).__name__ == "Journey" else "journey_steps", _columns(item))
            for theme in themes:
                _guarded(db, workshop.id, theme)
                db.execute("INSERT INTO themes (workshop_id, id, label, pinned, position, benefit, effort)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)", (workshop.id, theme.id, theme.label, int(theme.pinned),
                                                            theme.position, theme.benefit, theme.effort))
            for item in (*concepts, *evaluations):
                _guarded(db, workshop.id, item)
                _upsert(db, "concepts" if isinstance(item, Concept) else "evaluations", _columns(item))
            for name, items in rows.items():
                table, columns, scoped = _IMPORT_ROWS[name]
                for item in items:
                    values = {**({"workshop_id": workshop.id} if scoped else {}),
                              **{c: item[c] for c in columns if c in item}}
                    names = ", ".join(f'"{c}"' for c in values)
                    db.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(values))})",
                               tuple(values.values()))
            if voting:
                db.execute("INSERT INTO voting (workshop_id, dots, state) VALUES (?, ?, ?)",
                           (workshop.id, voting.dots, voting.state))
            if stage:
                db.execute("INSERT INTO stages (workshop_id, stage, step, step_started) VALUES (?, ?, ?, ?)",
                           (workshop.id, *stage, now().isoformat()))

        self._write(insert)
        return workshop


#: What reading a damaged export can raise besides the kit's own errors: a missing key, a wrong
#: type, a number too large for SQLite, a row that breaks a constraint or cannot be bound.
_DAMAGED = (KeyError, TypeError, ValueError, AttributeError, OverflowError,
            sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.DataError)


def _read_part(data: dict, name: str, build: Callable[[dict], T], source: str) -> list[T]:
    """The items of part ``name`` of an export, each built with ``build``.

    A part that is not a list, or an item that cannot be built, raises
    :class:`ImportFormatError` naming the part and the item's number (from 1);
    the kit's own errors (a text that does not validate) pass unchanged.
    """
    items = data.get(name)
    if items is None:  # a part the file does not have, or left empty as null
        return []
    if not isinstance(items, list):
        raise ImportFormatError(f"{name!r} in {source!r} is not a list.", path=source,
                                detail=t("import.bad_list", part=name))
    built = []
    for number, item in enumerate(items, start=1):
        try:
            built.append(build(item))
        except SamskapingError:
            raise
        except _DAMAGED as exc:
            raise ImportFormatError(
                f"Item {number} of {name!r} in {source!r} cannot be read ({type(exc).__name__}: {exc}).",
                path=source, detail=t("import.bad_part", part=name, number=number),
            ) from None
    return built


def _check_links(owned: dict[str, list], moves: list, rows: dict[str, list[dict]], source: str) -> None:
    """Refuse an export whose ids repeat, or whose parts point to a row the file does not hold.

    Such a file is damaged (or edited), and storing it would tie its votes,
    placements, merges or history to another workshop's ideas and
    stakeholders. Only links the store enforces are checked: an arrival may
    still name a stakeholder deleted since, as a stored workshop may.
    """
    for table, items in owned.items():
        ids = [item.id for item in items]
        if len(set(ids)) != len(ids):
            raise ImportFormatError(f"{source!r} has an id twice among its {table}.", path=source,
                                    detail=t("import.duplicate", part=table))
    ids = {table: {item.id for item in items} for table, items in owned.items()}
    links = [("stakeholders", value) for item in owned["relations"] for value in (item.source_id, item.target_id)]
    links += [("stakeholders", move.stakeholder_id) for move in moves]
    targets = {"idea_id": "ideas", "into_id": "ideas", "concept_id": "concepts"}
    links += [(targets[key], item[key]) for items in rows.values() for item in items for key in targets if key in item]
    for table, value in links:
        if value not in ids[table]:
            raise ImportFormatError(f"{value!r} in {source!r} points to none of its {table}.", path=source,
                                    detail=t("import.inconsistent"))


def _taken(db: sqlite3.Connection, table: str, ids: list[str]) -> bool:
    """Whether any of ``ids`` is already the id of a row of ``table``."""
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        if db.execute(f"SELECT 1 FROM {table} WHERE id IN ({marks}) LIMIT 1", chunk).fetchone():
            return True
    return False


def _save_stakeholder(db: sqlite3.Connection, stakeholder, moved_by: str) -> None:
    """Add or update ``stakeholder``; a new place on the grid is kept in its history."""
    from samskaping.stakeholders.model import Move

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


def _save_journey(db: sqlite3.Connection, journey) -> None:
    _require_workshop(db, journey.workshop_id)
    _guarded(db, journey.workshop_id, journey)
    _upsert(db, "journeys", _columns(journey))
    _bump(db, journey.workshop_id, "journeys")


def _insert_step(db: sqlite3.Connection, step) -> None:
    """Insert ``step`` at its position (at the end if that is past the last step); a retry stores it once."""
    workshop_id = _journey_workshop(db, step.journey_id)
    if db.execute("SELECT 1 FROM journey_steps WHERE id = ?", (step.id,)).fetchone():
        return  # the same step saved twice (a retry) is stored once
    count = db.execute("SELECT COUNT(*) FROM journey_steps WHERE journey_id = ?", (step.journey_id,)).fetchone()[0]
    step.position = min(max(step.position, 0), count)
    db.execute(
        "UPDATE journey_steps SET position = position + 1 WHERE journey_id = ? AND position >= ?",
        (step.journey_id, step.position),
    )
    _guarded(db, workshop_id, step)
    _upsert(db, "journey_steps", _columns(step))
    _bump(db, workshop_id, "journeys")


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
        " (id, workshop_id, text, participant_group, session_id, hidden, created, on_paper, seq)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT IFNULL(MAX(seq), 0) + 1 FROM ideas))",
        (idea.id, idea.workshop_id, idea.text, idea.group, idea.session_id,
         int(idea.hidden), idea.created.isoformat(), int(idea.on_paper)),
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
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, (tuple, list)):
            value = json.dumps(list(value), ensure_ascii=False)
        values[f.name] = value
    return values


def _from_row(cls, row: sqlite3.Row):
    """Build dataclass ``cls`` from a row whose columns carry its field names.

    Times are parsed by ``from_dict``; tuple fields were stored as JSON arrays.
    """
    data = {}
    for f in fields(cls):
        value = row[f.name]
        if isinstance(value, str) and str(f.type).startswith("tuple"):
            value = json.loads(value)
        data[f.name] = value
    return cls.from_dict(data)


# Rows exported as they are (ids remapped on a second import); only concept feedback has free text,
# and export_workshop guards it.
_EXPORT_ROWS = {
    "placements": "SELECT idea_id, theme_id, manual FROM idea_themes WHERE workshop_id = ? ORDER BY idea_id",
    "merges": "SELECT m.idea_id, m.into_id FROM idea_merges m JOIN ideas i ON i.id = m.idea_id"
              " WHERE i.workshop_id = ? ORDER BY m.idea_id",
    "dots": "SELECT idea_id, session_id, participant_group, on_paper, created FROM dots WHERE workshop_id = ? ORDER BY n",
    "stances": "SELECT idea_id, session_id, participant_group, stance, on_paper, created FROM stances"
               " WHERE workshop_id = ? ORDER BY created, idea_id, session_id",
    "arrivals": 'SELECT session_id, "group", stakeholder_id, at FROM arrivals WHERE workshop_id = ? ORDER BY at, session_id',
    "concept_feedback": "SELECT concept_id, session_id, participant_group, stance, comment, created FROM concept_feedback"
                        " WHERE workshop_id = ? ORDER BY created, concept_id, session_id",
}
_IMPORT_ROWS = {  # table, its columns in the export, whether it has a workshop_id column
    "placements": ("idea_themes", ("idea_id", "theme_id", "manual"), True),
    "merges": ("idea_merges", ("idea_id", "into_id"), False),
    "dots": ("dots", ("idea_id", "session_id", "participant_group", "on_paper", "created"), True),
    "stances": ("stances", ("idea_id", "session_id", "participant_group", "stance", "on_paper", "created"), True),
    "arrivals": ("arrivals", ("session_id", "group", "stakeholder_id", "at"), True),
    "concept_feedback": ("concept_feedback",
                         ("concept_id", "session_id", "participant_group", "stance", "comment", "created"), True),
}


def _evaluation(workshop_id: str, item: dict):
    from samskaping.room.model import Evaluation

    return Evaluation(workshop_id=workshop_id, session_id=item["session_id"], day=item["day"], voice=item["voice"],
                      change=item.get("change", ""), id=item["id"], created=datetime.fromisoformat(item["created"]))


def _check_pace(db: sqlite3.Connection, idea: Idea) -> None:
    if not idea.session_id or idea.on_paper:
        return
    since = (now() - timedelta(minutes=1)).isoformat()
    recent = db.execute(
        "SELECT COUNT(*) FROM ideas WHERE workshop_id = ? AND session_id = ? AND created > ?",
        (idea.workshop_id, idea.session_id, since),
    ).fetchone()[0]
    if recent >= IDEAS_PER_MINUTE:
        raise InvalidInputError(
            f"Session {idea.session_id!r} sent {recent} ideas in the last minute; wait a moment.",
            reason="too_fast", field="text", value=recent, max=IDEAS_PER_MINUTE,
        )


def _unavailable(path: Path, exc: BaseException) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"Cannot open or write the store {str(path)!r} ({exc}); check that the data folder exists and is "
        "writable, or choose another with --data-dir.", path=str(path), detail=str(exc),
    )


def _open_voting(db: sqlite3.Connection, idea_id: str) -> tuple[str, sqlite3.Row]:
    """The idea's workshop and its voting row, or a clear error if voting is not open."""
    row = db.execute("SELECT workshop_id FROM ideas WHERE id = ?", (idea_id,)).fetchone()
    if row is None:
        raise InvalidInputError(f"No idea has the id {idea_id!r}.", reason="not_found", field="idea", value=idea_id)
    voting = db.execute("SELECT dots, state FROM voting WHERE workshop_id = ?", (row["workshop_id"],)).fetchone()
    if voting is None or voting["state"] != "apen":
        raise InvalidInputError(
            f"Voting in workshop {row['workshop_id']!r} is not open; the facilitator opens it.",
            reason="voting_closed", field="voting", value=row["workshop_id"],
        )
    return row["workshop_id"], voting


def _journeys_from_export(items: list[dict]) -> tuple[list, list]:
    """Journeys and their steps from an export, where each journey carries its ``steps``."""
    if not items:
        return [], []
    from samskaping.journeys.model import Journey, Step

    journeys, steps = [], []
    for item in items:
        data = dict(item)
        steps += [Step.from_dict(step) for step in data.pop("steps", [])]
        journeys.append(Journey.from_dict(data))
    known = {journey.id for journey in journeys}
    for step in steps:
        if step.journey_id not in known:
            raise InvalidInputError(
                f"Step {step.id!r} belongs to journey {step.journey_id!r}, which is not in the file.",
                reason="not_found", field="journey_id", value=step.journey_id,
            )
    return journeys, steps


def _journey_workshop(db: sqlite3.Connection, journey_id: str) -> str:
    row = db.execute("SELECT workshop_id FROM journeys WHERE id = ?", (journey_id,)).fetchone()
    if row is None:
        raise InvalidInputError(
            f"No journey has the id {journey_id!r}; create the journey first.",
            reason="not_found", field="journey", value=journey_id,
        )
    return row["workshop_id"]


def _upsert(db: sqlite3.Connection, table: str, values: dict) -> None:
    names = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join("?" for _ in values)
    updates = ", ".join(f'"{name}" = excluded."{name}"' for name in values if name != "id")
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
        on_paper=bool(row["on_paper"]),
    )
