"""Fixtures that build on each other: store -> workshop -> server -> browser -> page."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import _close, login  # noqa: F401 (tests import them from here too)
from samskaping.core.models import Workshop
from samskaping.ideas.model import Idea
from samskaping.server.access import reset_secret
from samskaping.server.launch import ServerConfig, free_port, start_server
from samskaping.store import STORE_FILENAME, Store

CHROMIUM = os.environ.get("SAMSKAPING_CHROMIUM", "/usr/bin/chromium")
# Flags for Debian's chromium on a machine with no network but loopback, as root.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_generate_tests(metafunc):
    from postgres_cluster import parametrize_backends

    parametrize_backends(metafunc)


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL cluster for the tests (``PGHOST`` … as ``pg_virtualenv`` sets them): fresh databases on it."""
    from postgres_cluster import Cluster

    cluster = Cluster.from_environment()
    yield cluster
    cluster.close()


@pytest.fixture
def backend() -> str:
    """The store backend of a test that does not run on several (``tests/store/conftest.py`` runs its on each)."""
    return "sqlite"


@pytest.fixture
def make_store(tmp_path, backend, request):
    """Open stores on one file in ``tmp_path`` (or one PostgreSQL database per path); several stand in
    for several kernels."""
    stores: list[Store] = []
    databases: dict[Path, str] = {}

    def make(path: Path | None = None) -> Store:
        path = path or tmp_path / STORE_FILENAME
        if backend == "postgresql":
            cluster = request.getfixturevalue("postgres")
            if path not in databases:
                databases[path] = cluster.new_database()
            store = Store(database_url=databases[path])
        else:
            store = Store(path)
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.close()
    if databases:
        cluster = request.getfixturevalue("postgres")
        for url in databases.values():
            cluster.drop_database(url)


@pytest.fixture
def store(make_store) -> Store:
    return make_store()


@pytest.fixture
def workshop(store) -> Workshop:
    return store.workshops.create(Workshop(title="Idédugnad om fravær", question="Hva kan vi gjøre sammen?"))


@pytest.fixture
def add_ideas(store, workshop):
    def add(*texts: str, group: str = "ansatt", session_id: str = "s1") -> list[Idea]:
        return [
            store.ideas.add(Idea(workshop_id=workshop.id, text=text, group=group, session_id=session_id))
            for text in texts
        ]

    return add


# -- a real Voilà server and a real browser -----------------------------------


@pytest.fixture(scope="session")
def server_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("server-data")


@dataclass
class LiveServer:
    """A running ``samskaping serve``: its settings and its process."""

    config: ServerConfig
    process: subprocess.Popen
    secret: str = ""

    def __getattr__(self, name):
        return getattr(self.config, name)

    def kernel_count(self) -> int:
        """How many kernel processes Voilà has running now (Linux /proc)."""
        children = Path(f"/proc/{self.process.pid}/task").glob("*/children")
        return sum(len(path.read_text().split()) for path in children)


@pytest.fixture(scope="session")
def voila_server(server_data_dir):
    """``samskaping serve`` on a free localhost port, with its own data folder."""
    config = ServerConfig(data_dir=server_data_dir, port=free_port(), pool_size=2)
    secret = reset_secret(server_data_dir)
    with open(server_data_dir / "voila.log", "wb") as log:
        process = start_server(config, stdout=log, stderr=subprocess.STDOUT)
        yield LiveServer(config, process, secret)
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server_store(voila_server):
    store = Store(voila_server.data_dir / STORE_FILENAME)
    yield store
    store.close()


@pytest.fixture(scope="module")
def browser():
    """A fresh chromium per test module: a module that drives crafted websockets cannot leave it stuck for the next."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium (make test does it) "
            "or set SAMSKAPING_CHROMIUM."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A fresh browser context the size of a small phone (360 x 740)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nb-NO")
    yield context
    _close(context)


@pytest.fixture
def laptop(browser, voila_server):
    """The facilitator's laptop: a large window, logged in with the facilitator secret."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    login(context, voila_server)
    yield context
    _close(context)


def _with_options(command: list[str], options: dict[str, object]) -> list[str]:
    """``command`` with each ``--Name=value`` of ``options`` replacing any earlier ``--Name=...``."""
    kept = [arg for arg in command if arg.split("=", 1)[0].lstrip("-") not in options]
    return kept + [f"--{name}={value}" for name, value in options.items()]


@pytest.fixture
def make_voila_server(tmp_path):
    """Start a ``samskaping serve`` of the test's own, with Voilà options changed.

    ``make_voila_server(pool_size=1, **{"SamskapingLimits.max_pages": 3})`` runs
    the kit's command line with those ``--Name=value`` options replacing the
    defaults; the log goes to ``server.data_dir / "voila.log"``. Stopped after
    the test. ``config={"ip": "0.0.0.0", "certfile": ...}`` sets fields of the
    :class:`ServerConfig` the command line is built from; ``preexec_fn`` runs
    in the server's process before Voilà starts (a lower limit on open files).
    """
    from samskaping.server.launch import server_env, voila_command, wait_until_ready

    started: list[tuple[subprocess.Popen, object]] = []

    def make(*, pool_size: int = 1, env: dict[str, str] | None = None, config: dict | None = None,
             preexec_fn=None, **options) -> LiveServer:
        fields = {"pool_size": pool_size, "data_dir": tmp_path / f"server-{len(started)}", **(config or {})}
        config = ServerConfig(port=free_port(fields.get("ip", "127.0.0.1")), **fields)
        config.data_dir.mkdir(parents=True, exist_ok=True)
        secret = reset_secret(config.data_dir)
        log = open(config.data_dir / "voila.log", "ab")  # noqa: SIM115 - outlives make(); closed at teardown
        process = subprocess.Popen(
            _with_options(voila_command(config), options),
            env={**server_env(config), **(env or {})}, stdout=log, stderr=subprocess.STDOUT, preexec_fn=preexec_fn,
        )
        started.append((process, log))
        wait_until_ready(config.local_url, process=process)
        return LiveServer(config, process, secret)

    yield make
    for process, log in started:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def pytest_terminal_summary(terminalreporter):
    """The visible marker of every message a language shows in bokmål instead (README: «Språk»)."""
    from samskaping.core.catalogue import LANGUAGES, NB, po

    lines = []
    for lang in LANGUAGES[1:]:
        r = po.status(lang, NB)
        fallback = len(r.missing) + len(r.outdated) + len(r.bad_placeholders)
        lines.append(f"{lang}: {len(r.translated)} oversatt, {len(r.unreviewed)} venter på gjennomgang, "
                     f"{fallback} vises på bokmål (av {r.total})")
    terminalreporter.write_sep("-", "oversettelser")
    for line in lines:
        terminalreporter.write_line(line)
