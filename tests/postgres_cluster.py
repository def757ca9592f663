"""Fresh PostgreSQL databases for tests, on the cluster ``pg_virtualenv`` started (``make test``), and the
hook that runs a folder's store tests on each backend."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field

import psycopg
import pytest

from samskaping.store import Store


@dataclass
class Cluster:
    """The test cluster: a migrated template database, and a copy of it for each test that asks."""

    admin: psycopg.Connection
    base: str
    names: list[str] = field(default_factory=list)

    TEMPLATE = "samskaping_template"

    @classmethod
    def from_environment(cls) -> Cluster:
        if not os.environ.get("PGHOST"):
            pytest.fail("The PostgreSQL tests need a cluster: run them through `make test` (pg_virtualenv), or set "
                        "SAMSKAPING_TEST_BACKENDS=sqlite for a run on SQLite alone.", pytrace=False)
        user = os.environ.get("PGUSER", "postgres")
        password = os.environ.get("PGPASSWORD", "")
        host, port = os.environ["PGHOST"], os.environ.get("PGPORT", "5432")
        base = f"postgresql://{user}:{password}@{host}:{port}"
        admin = psycopg.connect(f"{base}/postgres", autocommit=True)
        admin.execute(f"DROP DATABASE IF EXISTS {cls.TEMPLATE}")
        admin.execute(f"CREATE DATABASE {cls.TEMPLATE}")
        Store(database_url=f"{base}/{cls.TEMPLATE}").close()  # migrated once; each test copies it
        return cls(admin, base)

    def new_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.admin.execute(f"CREATE DATABASE {name} TEMPLATE {self.TEMPLATE}")
        self.names.append(name)
        return f"{self.base}/{name}"

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[-1]
        self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.names.remove(name)

    def close(self) -> None:
        for name in list(self.names):
            self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.admin.execute(f"DROP DATABASE IF EXISTS {self.TEMPLATE} WITH (FORCE)")
        self.admin.close()


#: The store backends the store's own tests run against (``make test`` runs them inside a throwaway
#: PostgreSQL cluster from ``pg_virtualenv``); ``SAMSKAPING_TEST_BACKENDS=sqlite`` for a quick local run.
BACKENDS = tuple(os.environ.get("SAMSKAPING_TEST_BACKENDS", "sqlite,postgresql").split(","))


#: The folders whose tests run on each backend: the store's own, and the project registers'.
BACKEND_FOLDERS = ("store", "projects")


def parametrize_backends(metafunc) -> None:
    """A test in :data:`BACKEND_FOLDERS` that opens a store (``make_store``, ``store``) runs on each backend.

    Tests about the SQLite file itself (permissions, backups, files from old versions) open it
    by its path and run once.
    """
    folder = metafunc.definition.path.parent.name
    if folder in BACKEND_FOLDERS and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", list(BACKENDS))
