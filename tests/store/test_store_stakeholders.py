"""Stakeholders, relations and the history of moves in the shared store."""

from __future__ import annotations

import sqlite3

import pytest

from samskaping.core.exceptions import InvalidInputError, WorkshopNotFoundError
from samskaping.core.models import Workshop
from samskaping.stakeholders.model import Relation, Stakeholder
from samskaping.store import STORE_FILENAME, Store
from samskaping.store import db as store_db


@pytest.fixture
def ppt(store, workshop):
    return store.stakeholders.save(Stakeholder(workshop.id, "PPT", "oppvekst", 4, 3), moved_by="koordinator")


def test_saved_stakeholder_comes_back_equal(store, workshop, ppt):
    assert store.stakeholders.list(workshop.id) == [ppt]


def test_moves_are_kept_as_history_and_other_edits_are_not(store, workshop, ppt):
    ppt.interest, ppt.influence = 5, 5
    store.stakeholders.save(ppt, moved_by="gruppe 2")
    ppt.notes = "Ny merknad"
    store.stakeholders.save(ppt, moved_by="gruppe 2")
    history = store.stakeholders.moves(workshop.id)
    assert [(m.interest, m.influence, m.moved_by) for m in history] == [(4, 3, "koordinator"), (5, 5, "gruppe 2")]
    [stored] = store.stakeholders.list(workshop.id)
    assert stored.notes == "Ny merknad" and (stored.interest, stored.influence) == (5, 5)


def test_every_change_moves_the_revision_seen_by_another_kernel(make_store, store, workshop):
    other = make_store()
    assert other.workshops.revision(workshop.id, "stakeholders") == 0
    a = store.stakeholders.save(Stakeholder(workshop.id, "Skole", "oppvekst", 5, 4))
    b = store.stakeholders.save(Stakeholder(workshop.id, "Barnevern", "oppvekst", 4, 4))
    store.stakeholders.save_relation(Relation(workshop.id, a.id, b.id))
    store.stakeholders.delete(b.id)
    assert other.workshops.revision(workshop.id, "stakeholders") == 4
    assert other.stakeholders.relations(workshop.id) == []  # went with the stakeholder


def test_relation_to_a_stakeholder_of_another_workshop_is_refused(store, workshop, ppt):
    other = store.workshops.create(Workshop(title="Annet verksted"))
    stranger = store.stakeholders.save(Stakeholder(other.id, "NAV", "nav", 3, 3))
    with pytest.raises(InvalidInputError, match="add both stakeholders"):
        store.stakeholders.save_relation(Relation(workshop.id, ppt.id, stranger.id))
    assert store.stakeholders.relations(workshop.id) == []


def test_stakeholder_for_a_missing_workshop_is_refused(store):
    with pytest.raises(WorkshopNotFoundError):
        store.stakeholders.save(Stakeholder("ingen", "PPT", "oppvekst", 3, 3))


def test_workshop_export_round_trip_includes_the_map(make_store, tmp_path, store, workshop, ppt):
    nav = store.stakeholders.save(Stakeholder(workshop.id, "NAV", "nav", 2, 4, strategy="Statusmøte"))
    store.stakeholders.save_relation(Relation(workshop.id, ppt.id, nav.id, kind="informerer", weight=2))
    ppt.interest = 2
    store.stakeholders.save(ppt)
    data = store.archive.export_workshop(workshop.id)
    target = make_store(tmp_path / "b" / STORE_FILENAME)
    target.archive.import_workshop(data)
    assert target.archive.export_workshop(workshop.id) == data
    copy = store.archive.import_workshop(data)  # same file again: a copy with new ids
    copied = store.archive.export_workshop(copy.id)
    assert [s["name"] for s in copied["stakeholders"]] == ["PPT", "NAV"]
    [relation] = store.stakeholders.relations(copy.id)
    assert {relation.source_id, relation.target_id} == {s.id for s in store.stakeholders.list(copy.id)}
    assert len(copied["stakeholder_moves"]) == 3
    assert store.archive.export_workshop(workshop.id) == data


def test_old_store_is_migrated_after_a_backup_and_keeps_its_ideas(tmp_path, monkeypatch):
    path = tmp_path / STORE_FILENAME
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", 1)
    Store(path).close()  # a version-1 file, written as version 1 wrote it:
    db = sqlite3.connect(path)
    db.execute("INSERT INTO workshops VALUES"
               " ('w1', 'Fra versjon 1', '', 'ide', 'nb', 'ABCDEF', '2025-01-01T10:00:00+00:00')")
    db.execute("INSERT INTO ideas VALUES ('i1', 'w1', 'Gammel idé', 'ansatt', 's', 0, '2025-01-01T10:01:00+00:00', 1)")
    db.commit()
    db.close()
    monkeypatch.undo()
    with Store(path) as new:
        assert [i.text for i in new.ideas.list("w1")] == ["Gammel idé"]
        assert new.workshops.get("w1").masking is True
        new.stakeholders.save(Stakeholder("w1", "Helsestasjon", "helse", 5, 3))
    backup = tmp_path / "samskaping.v1.backup.sqlite3"
    assert backup.exists()
    db = sqlite3.connect(backup)
    assert db.execute("SELECT version FROM schema_version").fetchone()[0] == 1
    assert db.execute("SELECT text FROM ideas").fetchall() == [("Gammel idé",)]
    db.close()


def test_a_sector_of_the_municipalitys_own_is_stored_and_exported_as_written(make_store, tmp_path, store, workshop):
    """Issue 18: "Tillitsvalgte" is kept (TEXT column), a known one stays its key, both survive an archive."""
    unions = store.stakeholders.save(Stakeholder(workshop.id, "Fellesutvalget", " Tillitsvalgte ", 2, 4))
    health = store.stakeholders.save(Stakeholder(workshop.id, "Helsestasjon", "Helse- og omsorg", 5, 4))
    assert [s.sector for s in store.stakeholders.list(workshop.id)] == ["Tillitsvalgte", "helse"]
    assert store.stakeholders.list(workshop.id) == [unions, health]
    data = store.archive.export_workshop(workshop.id)
    assert [s["sector"] for s in data["stakeholders"]] == ["Tillitsvalgte", "helse"]
    target = make_store(tmp_path / "b" / STORE_FILENAME)
    target.archive.import_workshop(data)
    assert [s.sector for s in target.stakeholders.list(workshop.id)] == ["Tillitsvalgte", "helse"]
    assert target.archive.export_workshop(workshop.id) == data


def test_a_sector_typed_freely_passes_the_personal_data_guard(store, workshop):
    store.stakeholders.save(Stakeholder(workshop.id, "Kontakt", "Ring 912 34 567", 2, 2))
    [stored] = store.stakeholders.list(workshop.id)
    assert stored.sector == "Ring [telefon]"
    assert store.privacy.masked_counts(workshop.id) == {"telefon": 1}
    raw = store.db._db.execute("SELECT sector FROM stakeholders").fetchone()[0]
    assert "912" not in raw
