"""Deleting a post for real, and the participant groups a workshop offers, in the store."""

from __future__ import annotations

import sqlite3

import pytest

from helpers import stored_bytes
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.models import DEFAULT_GROUPS, Workshop, offered_groups
from samskaping.ideas.model import Idea, Voting
from samskaping.store import STORE_FILENAME, Store
from samskaping.store import db as store_db
from samskaping.store.schema import MIGRATIONS

SECRET = "Familien i gule huset trenger hjelp qpwoei"




def test_a_facilitator_deletes_a_post_and_only_the_log_remembers_that_it_happened(store, workshop, add_ideas):
    keep, gone = add_ideas("Leksehjelp på biblioteket", SECRET)
    store.ideas.delete(gone.id, by=" prosessleder ")
    assert [idea.id for idea in store.ideas.list(workshop.id)] == [keep.id]
    [(action, by, at)] = store.privacy.log(workshop.id)
    assert (action, by) == ("idea_deleted", "prosessleder")
    raw = stored_bytes(store)
    assert SECRET.encode() not in raw  # secure_delete and a checkpoint: no copy left in the file or the WAL
    assert b"idea_deleted" in raw


def test_a_participant_deletes_only_their_own_post(store, workshop, add_ideas):
    [mine] = add_ideas("Min idé", session_id="telefon-1")
    [theirs] = add_ideas("Din idé", session_id="telefon-2")
    [paper] = [store.ideas.add(Idea(workshop.id, "Fra papir", session_id="", on_paper=True))]
    for idea, session in ((theirs, "telefon-1"), (paper, ""), (paper, "telefon-1")):
        with pytest.raises(InvalidInputError) as info:
            store.ideas.delete(idea.id, by="deltaker", session_id=session)
        assert info.value.reason == "not_yours"
    store.ideas.delete(mine.id, by="deltaker", session_id="telefon-1")
    assert {idea.text for idea in store.ideas.list(workshop.id)} == {"Din idé", "Fra papir"}
    assert [entry[:2] for entry in store.privacy.log(workshop.id)] == [("idea_deleted", "deltaker")]


def test_delete_refuses_an_unknown_post_another_workshops_post_and_no_name_for_the_log(store, workshop, add_ideas):
    [idea] = add_ideas("Leksehjelp")
    other = store.workshops.create(Workshop("Et annet verksted"))
    with pytest.raises(InvalidInputError) as info:
        store.ideas.delete("finnes-ikke", by="prosessleder")
    assert info.value.reason == "not_found"
    with pytest.raises(InvalidInputError) as info:
        store.ideas.delete(idea.id, by="prosessleder", workshop_id=other.id)
    assert info.value.reason == "not_found"
    with pytest.raises(InvalidInputError) as info:
        store.ideas.delete(idea.id, by="  ")
    assert info.value.reason == "empty"
    assert store.ideas.count(workshop.id) == 1 and store.privacy.log(workshop.id) == []


def test_a_deletion_takes_its_votes_and_placement_and_the_wall_learns_of_it(store, workshop, add_ideas):
    a, b = add_ideas("Første", "Andre")
    store.votes.set_voting(Voting(workshop.id, dots=3, state="apen"))
    store.votes.add_dot(b.id, "s9", "leder")
    store.ideas.merge(a.id, b.id)  # a is now a duplicate of b
    _, seen = store.ideas.changed_since(workshop.id)
    store.ideas.delete(b.id, by="prosessleder")
    assert store.ideas.removed_since(workshop.id, seen) == ([b.id], seen + 1)
    assert store.ideas.removed_since(workshop.id, seen + 1) == ([], seen + 1)
    assert store.ideas.merges(workshop.id) == {} and store.ideas.list(workshop.id)[0].hidden  # a stays hidden
    data = store.archive.export_workshop(workshop.id, include_hidden=True)
    assert data["dots"] == [] and [idea["id"] for idea in data["ideas"]] == [a.id]
    # A new idea never reuses the deleted one's change number, so a wall that saw it misses nothing.
    [c] = add_ideas("Tredje")
    changed, newest = store.ideas.changed_since(workshop.id, seen + 1)
    assert [idea.id for idea in changed] == [c.id] and newest == seen + 2


def test_a_workshop_stores_the_groups_it_offers(store):
    school = store.workshops.create(Workshop("Elevråd", groups=("barn", "ungdom", "ansatt")))
    assert store.workshops.get(school.id).groups == ("ansatt", "barn", "ungdom", "annet")
    before = store.workshops.revision(school.id, "room")
    assert store.workshops.set_groups(school.id, ["foresatte", "barn"]) == ("foresatt", "barn", "annet")
    assert offered_groups(store.workshops.get(school.id)) == ("foresatt", "barn", "annet")
    assert store.workshops.revision(school.id, "room") == before + 1  # open pages reload their menus
    assert store.workshops.set_groups(school.id, []) == DEFAULT_GROUPS


def test_a_store_from_before_groups_and_deletions_is_migrated(tmp_path, monkeypatch):
    path = tmp_path / STORE_FILENAME
    before_groups = next(n for n, step in enumerate(MIGRATIONS) if '"groups"' in step)
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", before_groups)
    Store(path).close()  # a file one version older, written as that version wrote it:
    monkeypatch.undo()
    db = sqlite3.connect(path)
    assert "groups" not in {row[1] for row in db.execute("PRAGMA table_info(workshops)")}
    db.execute("INSERT INTO workshops VALUES"
               " ('w1', 'Fra før', '', 'ide', 'nb', 'ABCDEF', '2026-01-01T10:00:00+00:00', 1, NULL)")
    db.commit()
    db.close()
    with Store(path) as new:
        assert new.workshops.get("w1").groups == DEFAULT_GROUPS
        [idea] = [new.ideas.add(Idea("w1", "Ny idé", session_id="s"))]
        new.ideas.delete(idea.id, by="prosessleder")
        assert new.ideas.removed_since("w1") == ([idea.id], 2)  # after the idea's own number
