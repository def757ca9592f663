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
from samskaping.store.privacy import Privacy
from samskaping.store.projects import Projects
from samskaping.store.risks import Risks
from samskaping.store.room import Room
from samskaping.store.schema import SCHEMA_VERSION
from samskaping.store.stakeholders import Stakeholders
from samskaping.store.themes import Themes
from samskaping.store.votes import Votes
from samskaping.store.workshops import Workshops

__all__ = ["SCHEMA_VERSION", "STORE_FILENAME", "Store", "default_data_dir", "open_store"]

STORE_FILENAME = "samskaping.sqlite3"


class Store:
    """The store file of an installation, with each concept's tables over one connection.

    Safe to share between the threads of one kernel; each process (each page)
    opens its own ``Store`` on the same file.
    """

    def __init__(self, path: str | os.PathLike, *, timeout: float = 30.0) -> None:
        self.db = Database(path, timeout=timeout)
        self.workshops = Workshops(self.db)
        self.projects = Projects(self.db)
        self.risks = Risks(self.db)
        self.goals = Goals(self.db)
        self.organisation = Organisation(self.db)
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
    def path(self) -> Path:
        return self.db.path

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


def open_store(data_dir: str | os.PathLike | None = None) -> Store:
    """Open the store of the installation in ``data_dir`` (or the default)."""
    folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
    return Store(folder / STORE_FILENAME)
