"""The store is the heart of the kit: many kernels write one file and nothing is lost."""

from __future__ import annotations

import json
import multiprocessing
import re
import sqlite3

import pytest

from samskaping.core.exceptions import InvalidInputError, SchemaTooNewError, StoreClosedError, WorkshopNotFoundError
from samskaping.core.models import GROUPS, Workshop
from samskaping.ideas.model import Idea
from samskaping.store import SCHEMA_VERSION, STORE_FILENAME, Store

WRITERS = 8
IDEAS_PER_WRITER = 250


def _write_ideas(path: str, workshop_id: str, writer: int, count: int) -> int:
    """One 'kernel': its own process and its own store on the shared file."""
    store = Store(path)
    try:
        for i in range(count):
            # a session per 25 ideas: one browser may send at most 30 a minute
            store.ideas.add(Idea(workshop_id=workshop_id, text=f"idé {writer}-{i}", session_id=f"w{writer}-{i // 25}"))
    finally:
        store.close()
    return count


def test_many_processes_write_every_idea_exactly_once(store, workshop, backend):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(WRITERS) as pool:
        written = pool.starmap(
            _write_ideas,
            [(store.location, workshop.id, writer, IDEAS_PER_WRITER) for writer in range(WRITERS)],
        )
    assert sum(written) == WRITERS * IDEAS_PER_WRITER
    ideas = store.ideas.list(workshop.id)
    assert len(ideas) == 2000
    assert len({idea.id for idea in ideas}) == 2000
    assert len({idea.text for idea in ideas}) == 2000
    for writer in range(WRITERS):
        assert sum(idea.text.startswith(f"idé {writer}-") for idea in ideas) == IDEAS_PER_WRITER
    changed, seq = store.ideas.changed_since(workshop.id, 0)
    assert len(changed) == 2000 and seq == 2000
    if backend == "sqlite":
        assert store.db._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_saving_the_same_idea_twice_stores_it_once(store, workshop):
    idea = Idea(workshop_id=workshop.id, text="Fast kontaktperson")
    store.ideas.add(idea)
    store.ideas.add(idea)
    assert store.ideas.count(workshop.id) == 1


def test_idea_for_missing_workshop_is_refused(store):
    with pytest.raises(WorkshopNotFoundError, match="nope"):
        store.ideas.add(Idea(workshop_id="nope", text="x"))


def test_workshop_found_by_id_or_typed_join_code(store, workshop):
    assert store.workshops.get(workshop.id) == workshop
    typed = workshop.join_code.lower()[:3] + " " + workshop.join_code.lower()[3:]
    assert store.workshops.get(typed) == workshop
    with pytest.raises(WorkshopNotFoundError, match="ZZZZZZ"):
        store.workshops.get("ZZZZZZ")


def test_clashing_join_code_gets_a_fresh_one(store, workshop):
    other = store.workshops.create(Workshop(title="Annen", join_code=workshop.join_code))
    assert other.join_code != workshop.join_code
    assert store.workshops.get(other.join_code).id == other.id


def test_wall_sees_new_and_hidden_ideas_from_another_kernel(make_store, workshop, store):
    wall = make_store()
    first, seq = wall.ideas.changed_since(workshop.id)
    assert first == [] and seq == 0
    idea = store.ideas.add(Idea(workshop_id=workshop.id, text="Leksehjelp"))
    changed, seq = wall.ideas.changed_since(workshop.id, seq)
    assert [i.id for i in changed] == [idea.id]
    assert wall.ideas.changed_since(workshop.id, seq) == ([], seq)
    store.ideas.set_hidden(idea.id)
    changed, seq2 = wall.ideas.changed_since(workshop.id, seq)
    assert seq2 > seq and changed[0].hidden


def test_other_workshops_ideas_do_not_leak(store, workshop):
    other = store.workshops.create(Workshop(title="Annen"))
    store.ideas.add(Idea(workshop_id=other.id, text="Hemmelig"))
    assert store.ideas.list(workshop.id) == []
    assert store.ideas.changed_since(workshop.id, 0)[0] == []


def test_closed_store_refuses_use_and_names_the_file(store):
    store.close()
    store.close()
    with pytest.raises(StoreClosedError, match=re.escape(str(store.path))):  # the file, or the database
        store.workshops.list()


def test_store_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / STORE_FILENAME
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError) as info:
        Store(path)
    assert info.value.params["found"] == SCHEMA_VERSION + 1
    assert path.read_bytes() == before


def test_reopening_keeps_data_and_schema(tmp_path):
    path = tmp_path / STORE_FILENAME
    with Store(path) as first:
        w = first.workshops.create(Workshop(title="Varig"))
        first.ideas.add(Idea(workshop_id=w.id, text="Blir"))
    with Store(path) as again:
        assert again.ideas.count(w.id) == 1
        assert again.db._db.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert again.db._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert again.db._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def _rich_workshop(store: Store) -> Workshop:
    workshop = store.workshops.create(
        Workshop(title='Verksted «med» "sitater" 🎈', question="Linje 1\nLinje 2 — æøå ÆØÅ", lang="en")
    )
    texts = ["Emoji 👨‍👩‍👧 og ❤️", 'Sitat: "hei" og \'hå\'', "Flere\nlinjer\n\nher", "<b>html</b> & co"]
    for i, group in enumerate(GROUPS):
        store.ideas.add(Idea(workshop_id=workshop.id, text=texts[i % len(texts)] + f" {i}", group=group,
                            session_id=f"s{i}", hidden=i == 3))
    return workshop


def test_json_round_trip_is_lossless(make_store, tmp_path):
    """The backup and move path: an export with the hidden posts kept brings back everything, hidden as hidden."""
    source = make_store()
    workshop = _rich_workshop(source)
    data = source.archive.export_workshop(workshop.id, include_hidden=True)
    exported = json.loads(json.dumps(data, ensure_ascii=False))
    target = make_store(tmp_path / "other" / STORE_FILENAME)
    imported = target.archive.import_workshop(exported)
    assert imported.id == workshop.id
    again = target.archive.export_workshop(imported.id, include_hidden=True)
    assert again == source.archive.export_workshop(workshop.id, include_hidden=True)
    assert {idea.group for idea in target.ideas.list(imported.id)} == set(GROUPS)
    assert [idea.hidden for idea in target.ideas.list(imported.id)].count(True) == 1
    assert again["hidden_posts"]["included"] and again["hidden_posts"]["count"] == 1


def test_importing_twice_makes_a_copy_and_keeps_the_original(store):
    workshop = _rich_workshop(store)
    data = store.archive.export_workshop(workshop.id, include_hidden=True)
    copy = store.archive.import_workshop(data)
    assert copy.id != workshop.id and copy.join_code != workshop.join_code
    assert store.archive.export_workshop(workshop.id, include_hidden=True) == data
    original_texts = [i.text for i in store.ideas.list(workshop.id)]
    assert [i.text for i in store.ideas.list(copy.id)] == original_texts
    assert not {i.id for i in store.ideas.list(copy.id)} & {i.id for i in store.ideas.list(workshop.id)}


def test_bad_import_changes_nothing(store, workshop, add_ideas):
    add_ideas("Finnes fra før")
    before = store.archive.export_workshop(workshop.id)
    bad = _rich_workshop_data_with_bad_idea()
    with pytest.raises(InvalidInputError):
        store.archive.import_workshop(bad)
    assert [w.id for w in store.workshops.list()] == [workshop.id]
    assert store.archive.export_workshop(workshop.id) == before


def _rich_workshop_data_with_bad_idea() -> dict:
    w = Workshop(title="Ny")
    good = Idea(workshop_id=w.id, text="ok").to_dict()
    bad = dict(good, id="x2", text="   ")
    return {"workshop": w.to_dict(), "ideas": [good, bad]}
