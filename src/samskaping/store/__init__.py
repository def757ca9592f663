"""The workshop store: one SQLite file shared by every page of an installation.

:class:`Store` is a thin facade: it owns the :class:`~samskaping.store.db.Database`
(the connection, transactions and migrations) and gives each concept its own
tables: ``store.workshops``, ``store.ideas``, ``store.themes``, ``store.votes``,
``store.concepts``, ``store.stakeholders``, ``store.journeys``, ``store.room``,
``store.privacy`` and ``store.archive`` (whole workshops out and in).

>>> import tempfile
>>> from samskaping.core.models import Workshop
>>> with Store(tempfile.mkdtemp() + "/samskaping.sqlite3") as store:
...     workshop = store.workshops.create(Workshop("Idédugnad om fravær"))
...     [w.title for w in store.workshops.list()]
['Idédugnad om fravær']
"""

from __future__ import annotations

import os
from pathlib import Path

from samskaping.store.archive import Archive
from samskaping.store.concepts import Concepts
from samskaping.store.db import Database
from samskaping.store.goals import Goals
from samskaping.store.ideas import Ideas
from samskaping.store.indicators import Indicators
from samskaping.store.journeys import Journeys
from samskaping.store.organisation import Organisation
from samskaping.store.organisations import Organisations
from samskaping.store.privacy import Privacy
from samskaping.store.projects import Projects
from samskaping.store.risks import Risks
from samskaping.store.room import Room
from samskaping.store.schema import SCHEMA_VERSION
from samskaping.store.stakeholders import Stakeholders
from samskaping.store.themes import Themes
from samskaping.store.urls import is_database_url
from samskaping.store.votes import Votes
from samskaping.store.workshops import Workshops

__all__ = ["SCHEMA_VERSION", "STORE_FILENAME", "Store", "database_url", "default_data_dir", "open_store"]

STORE_FILENAME = "samskaping.sqlite3"


class Store:
    """The store file of an installation, with each concept's tables over one connection.

    Safe to share between the threads of one kernel; each process (each page)
    opens its own ``Store`` on the same file.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, timeout: float = 30.0,
                 database_url: str | None = None) -> None:
        if database_url is None and is_database_url(str(path)):
            path, database_url = None, str(path)
        if database_url:  # the shared PostgreSQL store; no SQLite file is written
            from samskaping.store.pg import PgDatabase

            self.db = PgDatabase(database_url, timeout=timeout)
        elif path is None:
            raise TypeError("Store needs the path of its SQLite file or a database_url")
        else:
            self.db = Database(path, timeout=timeout)
        self.workshops = Workshops(self.db)
        self.projects = Projects(self.db)
        self.risks = Risks(self.db)
        self.goals = Goals(self.db)
        self.organisation = Organisation(self.db)
        self.organisations = Organisations(self.db)
        self.indicators = Indicators(self.db)
        self.ideas = Ideas(self.db)
        self.themes = Themes(self.db)
        self.votes = Votes(self.db)
        self.concepts = Concepts(self.db)
        self.stakeholders = Stakeholders(self.db)
        self.journeys = Journeys(self.db)
        self.room = Room(self.db)
        self.privacy = Privacy(self.db)
        self.archive = Archive(self.db)

    @property
    def path(self) -> Path | str:
        """The SQLite file, or the PostgreSQL URL without its password (what messages name)."""
        return self.db.path

    @property
    def location(self) -> str:
        """What opens this same store in another process: ``Store(store.location)``."""
        return getattr(self.db, "url", None) or str(self.db.path)

    def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {str(self.path)!r}{' closed' if self.db.closed else ''}>"


def default_data_dir() -> Path:
    """Where the store lives: ``$SAMSKAPING_DATA``, else a per-user folder."""
    if os.environ.get("SAMSKAPING_DATA"):
        return Path(os.environ["SAMSKAPING_DATA"]).expanduser()
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_DATA_HOME")
    return (Path(base) if base else Path.home() / ".local" / "share") / "samskaping"


def database_url() -> str | None:
    """The PostgreSQL database chosen with ``$SAMSKAPING_DATABASE_URL`` (or ``--database-url``), if any."""
    return os.environ.get("SAMSKAPING_DATABASE_URL") or None


def open_store(data_dir: str | os.PathLike | None = None) -> Store:
    """Open the installation's store: the PostgreSQL database if one is chosen, else the SQLite file in
    ``data_dir`` (or the default)."""
    if database_url():
        return Store(database_url=database_url())
    folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
    return Store(folder / STORE_FILENAME)
