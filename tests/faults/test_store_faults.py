"""Faults: a writer killed mid-stream, a full disk, a read-only or locked store, an unusable data folder, a
flooding browser."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from samskaping.cli import main
from samskaping.core.exceptions import InvalidInputError, StoreBusyError, StoreFullError, StoreUnavailableError
from samskaping.core.i18n import error_text
from samskaping.core.models import Workshop
from samskaping.ideas.model import IDEAS_PER_MINUTE, Idea
from samskaping.store import STORE_FILENAME, Store

WRITER = """
import sys
from samskaping.core.models import Workshop
from samskaping.ideas.model import Idea
from samskaping.store import Store
store = Store(sys.argv[1])
for i in range(100000):
    store.ideas.add(Idea(workshop_id=sys.argv[2], text=f"bekreftet {i}", session_id=f"k{i // 20}"))
    print(i, flush=True)  # printed only after the write committed: a confirmed idea
"""


def test_a_writer_killed_mid_stream_loses_no_confirmed_idea_and_corrupts_nothing(store, workshop):
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(store.path), workshop.id],
                               stdout=subprocess.PIPE, text=True)
    confirmed = -1
    deadline = time.monotonic() + 30
    while confirmed < 150 and time.monotonic() < deadline:
        confirmed = int(process.stdout.readline())
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    stored = {idea.text for idea in store.ideas.list(workshop.id)}
    assert {f"bekreftet {i}" for i in range(confirmed + 1)} <= stored
    assert len(stored) in (confirmed + 1, confirmed + 2)  # the one being written may or may not have landed
    assert store.db._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_full_disk_gives_a_clear_message_and_keeps_what_was_stored(store, workshop, add_ideas):
    add_ideas("Lagret før disken ble full")
    pages = store.db._db.execute("PRAGMA page_count").fetchone()[0]
    store.db._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from now on
    with pytest.raises(StoreFullError) as info:
        for i in range(200):
            store.ideas.add(Idea(workshop_id=workshop.id, text="x" * 900 + str(i), session_id=f"f{i}"))
    assert "Disken er full" in error_text(info.value)
    assert "Lagret før disken ble full" in {i.text for i in store.ideas.list(workshop.id)}


def test_a_read_only_store_gives_a_clear_message_and_keeps_what_was_stored(store, workshop, add_ideas):
    add_ideas("Lagret før filen ble skrivebeskyttet")
    # query_only makes SQLite refuse writes with the error a read-only file or folder gives (SQLITE_READONLY);
    # the tests run as root, where file permissions would not stop a write.
    store.db._db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreUnavailableError) as info:
        store.ideas.add(Idea(workshop_id=workshop.id, text="Mens filen er skrivebeskyttet", session_id="ro"))
    assert "Kan ikke åpne eller skrive datafilen" in error_text(info.value)
    assert "readonly" in str(info.value)
    assert [i.text for i in store.ideas.list(workshop.id)] == ["Lagret før filen ble skrivebeskyttet"]
    store.db._db.execute("PRAGMA query_only = OFF")  # writable again: the page goes on as before
    store.ideas.add(Idea(workshop_id=workshop.id, text="Etter", session_id="ro"))
    assert store.ideas.count(workshop.id) == 2


def test_an_unusable_data_folder_is_explained_not_a_traceback(tmp_path, capsys):
    blocker = tmp_path / "ikke-en-mappe"
    blocker.write_text("en fil der mappen skulle vært")
    with pytest.raises(StoreUnavailableError) as info:
        Store(blocker / STORE_FILENAME)
    assert "ikke-en-mappe" in error_text(info.value)
    assert main(["list", "--data-dir", str(blocker)]) == 1
    assert "Kan ikke åpne eller skrive datafilen" in capsys.readouterr().err
    assert blocker.read_text() == "en fil der mappen skulle vært"


def test_a_store_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / STORE_FILENAME
    path.write_bytes(b"dette er ikke SQLite" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreUnavailableError):
        Store(path)
    assert path.read_bytes() == before


def test_one_browser_cannot_flood_a_workshop(store, workshop):
    for i in range(IDEAS_PER_MINUTE):
        store.ideas.add(Idea(workshop_id=workshop.id, text=f"idé {i}", session_id="flom"))
    with pytest.raises(InvalidInputError) as info:
        store.ideas.add(Idea(workshop_id=workshop.id, text="én til", session_id="flom"))
    assert info.value.reason == "too_fast" and "Vent et minutt" in error_text(info.value)
    store.ideas.add(Idea(workshop_id=workshop.id, text="en annen telefon", session_id="annen"))
    store.ideas.add(Idea(workshop_id=workshop.id, text="fra papir", session_id="flom", on_paper=True))
    assert store.ideas.count(workshop.id) == IDEAS_PER_MINUTE + 2


def test_a_store_locked_by_another_program_says_wait_and_keeps_everything(tmp_path):
    store = Store(tmp_path / STORE_FILENAME, timeout=0.1)
    workshop = store.workshops.create(Workshop(title="Låst", question="Hva trengs?"))
    store.ideas.add(Idea(workshop_id=workshop.id, text="Før låsen", session_id="s"))
    locker = sqlite3.connect(store.path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # e.g. a backup program holding the file
    try:
        with pytest.raises(StoreBusyError) as info:
            store.ideas.add(Idea(workshop_id=workshop.id, text="Mens filen er låst", session_id="s"))
        assert "Vent litt og prøv igjen; ingenting er tapt." in error_text(info.value)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    store.ideas.add(Idea(workshop_id=workshop.id, text="Etter låsen", session_id="s"))
    assert [idea.text for idea in store.ideas.list(workshop.id)] == ["Før låsen", "Etter låsen"]
    store.close()
