"""The store is its owner's alone: the data folder 0700, the store file and its companions 0600.

Another local user (a shared laptop, a terminal server) must not read what
participants wrote. New stores are made so whatever the umask; stores made
before the rule (folder 0755, files 0644) are tightened when they are opened,
the default data folder too.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from samskaping.core.models import Workshop
from samskaping.ideas.model import Idea
from samskaping.store import STORE_FILENAME, Store
from samskaping.store.schema import MIGRATIONS, SCHEMA_VERSION

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

SAMSKAPING = shutil.which("samskaping", path=str(Path(sys.executable).parent))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def cli(*argv: str, env: dict[str, str] | None = None, umask: int = -1) -> subprocess.CompletedProcess:
    command = [SAMSKAPING] if SAMSKAPING else [sys.executable, "-m", "samskaping.cli"]
    return subprocess.run([*command, *argv], capture_output=True, text=True, timeout=120, env=env, umask=umask)


def test_a_new_store_is_private_whatever_the_umask(tmp_path):
    """Made under umask 000, a folder would be 0777 and the files 0666: readable and writable by everyone."""
    folder = tmp_path / "ny" / "data"
    old = os.umask(0)
    try:
        with Store(folder / STORE_FILENAME) as store:
            workshop = store.workshops.create(Workshop("Privat"))
            store.ideas.add(Idea(workshop.id, "Skrevet mens butikken er åpen"))  # the WAL and its index exist now
            path = store.path
            assert [p.exists() for p in companions(path)] == [True, True]
            assert mode(folder) == 0o700
            assert mode(path) == 0o600
            assert [mode(p) for p in companions(path)] == [0o600, 0o600]
    finally:
        os.umask(old)


def test_the_command_line_makes_the_default_data_folder_private(tmp_path):
    """No --data-dir and no $SAMSKAPING_DATA: the per-user folder under $XDG_DATA_HOME, made by a real process."""
    env = {key: value for key, value in os.environ.items() if key not in ("SAMSKAPING_DATA", "LOCALAPPDATA")}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path / "home"))
    done = cli("new", "Standardmappen", env=env, umask=0o022)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "xdg" / "samskaping"
    assert mode(folder) == 0o700
    assert mode(folder / STORE_FILENAME) == 0o600


def test_an_existing_loose_store_is_tightened_when_opened(tmp_path):
    """An install from before the rule: folder 0755, store, -wal and -shm 0644, while a page holds the store open."""
    folder = tmp_path / "data"
    page = Store(folder / STORE_FILENAME)  # a kernel with the store open keeps -wal and -shm on disk
    try:
        workshop = page.workshops.create(Workshop("Fra før"))
        page.ideas.add(Idea(workshop.id, "Lagret før regelen"))
        path = page.path
        folder.chmod(0o755)
        for file in (path, *companions(path)):
            file.chmod(0o644)
        assert [mode(folder), mode(path), *map(mode, companions(path))] == [0o755, 0o644, 0o644, 0o644]

        with Store(path) as opened:
            assert opened.ideas.count(workshop.id) == 1

        assert mode(folder) == 0o700
        assert [mode(path), *map(mode, companions(path))] == [0o600, 0o600, 0o600]
        page.ideas.add(Idea(workshop.id, "Etter"))  # the page that had it open writes on
        assert page.ideas.count(workshop.id) == 2
    finally:
        page.close()


def test_the_command_line_tightens_an_existing_default_data_folder(tmp_path):
    folder = tmp_path / "xdg" / "samskaping"
    with Store(folder / STORE_FILENAME) as store:
        store.workshops.create(Workshop("Fra før"))
    folder.chmod(0o755)
    (folder / STORE_FILENAME).chmod(0o644)
    env = {key: value for key, value in os.environ.items() if key not in ("SAMSKAPING_DATA", "LOCALAPPDATA")}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path / "home"))
    done = cli("list", env=env)
    assert done.returncode == 0 and "Fra før" in done.stdout, done.stderr
    assert (mode(folder), mode(folder / STORE_FILENAME)) == (0o700, 0o600)


def test_a_read_only_store_stays_read_only(tmp_path):
    """Tightening takes permissions away and never adds one: a store someone made read-only is left so."""
    with Store(tmp_path / STORE_FILENAME) as store:
        store.workshops.create(Workshop("Skrivebeskyttet"))
    (tmp_path / STORE_FILENAME).chmod(0o444)
    try:
        with Store(tmp_path / STORE_FILENAME) as store:
            assert [w.title for w in store.workshops.list()] == ["Skrivebeskyttet"]
        assert mode(tmp_path / STORE_FILENAME) == 0o400
    finally:
        (tmp_path / STORE_FILENAME).chmod(0o600)


def test_the_backup_taken_before_a_migration_is_private(tmp_path):
    """A migration copies the whole store beside it: the copy holds the same texts, so it gets the same mode."""
    path = tmp_path / STORE_FILENAME
    db = sqlite3.connect(path)  # a store of schema version 1, as the first release left it
    db.executescript(MIGRATIONS[0])
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version (version) VALUES (1)")
    db.execute("INSERT INTO workshops (id, title, phase, join_code, created) VALUES"
               " ('w1', 'Før oppgraderingen', 'ide', 'ABC234', '2025-01-01T10:00:00+00:00')")
    db.commit()
    db.close()
    path.chmod(0o644)
    old = os.umask(0o022)
    try:
        with Store(path) as store:
            assert [w.title for w in store.workshops.list()] == ["Før oppgraderingen"]
            assert store.db._db.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        os.umask(old)
    [backup] = tmp_path.glob("samskaping.v1.backup.sqlite3")
    assert (mode(path), mode(backup)) == (0o600, 0o600)
