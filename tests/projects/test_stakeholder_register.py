"""One stakeholder register per project: shared by its workshops, kept when a workshop goes."""

import json
import sqlite3
from types import SimpleNamespace

import pytest

from samskaping.cli import main
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.models import Workshop
from samskaping.projects.model import Project
from samskaping.reports.project_archive import export_project, import_project
from samskaping.room.model import Arrival
from samskaping.stakeholders.model import Relation, Stakeholder
from samskaping.store import STORE_FILENAME, Store
from samskaping.store import db as store_db
from samskaping.store.schema import MIGRATIONS


@pytest.fixture
def project_of_two(store):
    """A project with an innsikt workshop and an idédugnad after it."""
    project = store.projects.create(Project("Oppvekst 0-24"))
    first = store.workshops.create(Workshop(title="Innsikt", phase="innsikt"), project_id=project.id)
    second = store.workshops.create(Workshop(title="Idédugnad"), project_id=project.id)
    return project, first, second


def test_a_stakeholder_mapped_in_one_workshop_is_in_every_workshop_of_the_project(store, project_of_two):
    project, first, second = project_of_two
    before = store.workshops.revision(second.id, "stakeholders")
    ppt = store.stakeholders.save(Stakeholder(first.id, "PPT", "oppvekst", 4, 3))
    nav = store.stakeholders.save(Stakeholder(second.id, "NAV Nordby", "nav", 2, 5))
    store.stakeholders.save_relation(Relation(second.id, ppt.id, nav.id, kind="informerer"))
    for workshop in (first, second):
        assert [s.name for s in store.stakeholders.list(workshop.id)] == ["PPT", "NAV Nordby"]
        assert len(store.stakeholders.relations(workshop.id)) == 1
        assert len(store.stakeholders.moves(workshop.id)) == 2
    assert store.workshops.revision(second.id, "stakeholders") == before + 3  # the other page's map is told
    other = store.workshops.create(Workshop(title="Et annet prosjekt"))
    assert store.stakeholders.list(other.id) == []


def test_any_workshop_of_the_project_may_move_a_stakeholder_another_project_may_not(store, project_of_two):
    project, first, second = project_of_two
    ppt = store.stakeholders.save(Stakeholder(first.id, "PPT", "oppvekst", 4, 3))
    ppt.workshop_id, ppt.influence = second.id, 5
    store.stakeholders.save(ppt, moved_by="idédugnaden")
    assert [(m.influence, m.moved_by) for m in store.stakeholders.moves(first.id)][-1] == (5, "idédugnaden")
    stranger = store.workshops.create(Workshop(title="Et annet prosjekt"))
    ppt.workshop_id = stranger.id
    with pytest.raises(InvalidInputError, match="register of project") as caught:
        store.stakeholders.save(ppt)
    assert caught.value.reason == "bad_choice"
    assert store.stakeholders.list(stranger.id) == []
    assert store.stakeholders.list(first.id)[0].influence == 5


def test_deleting_every_workshop_keeps_the_register_for_the_next_one(store, project_of_two):
    project, first, second = project_of_two
    ppt = store.stakeholders.save(Stakeholder(first.id, "PPT", "oppvekst", 4, 3))
    nav = store.stakeholders.save(Stakeholder(first.id, "NAV Nordby", "nav", 2, 5))
    store.stakeholders.save_relation(Relation(first.id, ppt.id, nav.id, kind="samarbeider_med"))
    assert store.workshops.delete(first.id) == {"ideas": 0, "journeys": 0, "kept": 2}
    assert store.workshops.delete(second.id)["kept"] == 2
    later = store.workshops.create(Workshop(title="Samskapingsdag"), project_id=project.id)
    assert [s.name for s in store.stakeholders.list(later.id)] == ["PPT", "NAV Nordby"]
    assert len(store.stakeholders.relations(later.id)) == 1
    assert len(store.stakeholders.moves(later.id)) == 2


def test_cli_delete_and_purge_say_the_register_is_kept(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path)]
    main(["project", "new", "Oppvekst 0-24", *data])
    project_id = capsys.readouterr().out.split()[-1]
    main(["new", "Innsikt", "--project", project_id, *data])
    workshop_id = capsys.readouterr().out.split()[-1]
    with Store(tmp_path / STORE_FILENAME) as store:
        store.stakeholders.save(Stakeholder(workshop_id, "PPT", "oppvekst", 4, 3))
    assert main(["delete", workshop_id, "--yes", *data]) == 0
    out = capsys.readouterr().out
    assert "interessentregister (1 interessenter) er beholdt" in out
    with Store(tmp_path / STORE_FILENAME) as store:
        assert [s.name for s in store.stakeholders.register(project_id)] == ["PPT"]


def test_a_project_file_stores_the_shared_register_once(store, make_store, tmp_path, project_of_two):
    project, first, second = project_of_two
    ppt = store.stakeholders.save(Stakeholder(first.id, "PPT", "oppvekst", 4, 3))
    nav = store.stakeholders.save(Stakeholder(second.id, "NAV Nordby", "nav", 2, 5))
    store.stakeholders.save_relation(Relation(first.id, ppt.id, nav.id, kind="informerer"))
    store.room.register_arrival(Arrival(second.id, "telefon-1", "ansatt", stakeholder_id=nav.id))
    data = json.loads(export_project(store, project.id))
    assert [len(w["stakeholders"]) for w in data["workshops"]] == [2, 2]  # each workshop file stands alone

    for target in (make_store(tmp_path / "b" / STORE_FILENAME), store):  # a new machine, then the same one again
        copy = import_project(target, data)
        register = target.stakeholders.register(copy.id)
        assert [s.name for s in register] == ["PPT", "NAV Nordby"]
        db = target.db._db
        assert db.execute("SELECT COUNT(*) FROM stakeholders WHERE project_id = ?", (copy.id,)).fetchone()[0] == 2
        assert db.execute("SELECT COUNT(*) FROM relations WHERE project_id = ?", (copy.id,)).fetchone()[0] == 1
        [relation] = target.stakeholders.relations(target.projects.workshops(copy.id)[0].id)
        assert {relation.source_id, relation.target_id} == {s.id for s in register}
        arrival_links = db.execute(
            "SELECT a.stakeholder_id FROM arrivals a JOIN workshops w ON w.id = a.workshop_id WHERE w.project_id = ?",
            (copy.id,)).fetchall()
        assert [row[0] for row in arrival_links] == [register[1].id]
    assert len(store.stakeholders.register(project.id)) == 2  # the original is untouched


def test_a_store_from_before_the_register_moves_each_map_to_its_workshops_project(tmp_path, monkeypatch):
    path = tmp_path / STORE_FILENAME
    before = next(n for n, step in enumerate(MIGRATIONS) if "stakeholders_new" in step)
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", before)
    Store(path).close()  # a file one version older, written as that version wrote it:
    db = sqlite3.connect(path)
    db.executemany("INSERT INTO projects (id, title, created) VALUES (?, ?, '2026-01-01T10:00:00+00:00')",
                   [("p1", "Felles"), ("p2", "Alene")])
    first, second, alone = (SimpleNamespace(id=w) for w in ("w1", "w2", "w3"))
    db.executemany("INSERT INTO workshops (id, title, phase, join_code, created, project_id)"
                   " VALUES (?, ?, 'ide', ?, '2026-01-01T10:00:00+00:00', ?)",
                   [("w1", "Innsikt", "AAAAAA", "p1"), ("w2", "Idédugnad", "BBBBBB", "p1"),
                    ("w3", "Alene", "CCCCCC", "p2")])
    rows = [("s1", first.id, "PPT"), ("s2", first.id, "Skolen"), ("s3", second.id, "NAV"), ("s4", alone.id, "Kirken")]
    db.executemany("INSERT INTO stakeholders (id, workshop_id, name, sector, interest, influence, created)"
                   " VALUES (?, ?, ?, 'oppvekst', 3, 3, '2026-01-01T10:00:00+00:00')", rows)
    db.execute("INSERT INTO relations (id, workshop_id, source_id, target_id, kind) VALUES"
               " ('r1', ?, 's1', 's2', 'informerer')", (first.id,))
    db.executemany("INSERT INTO stakeholder_moves (stakeholder_id, interest, influence, at)"
                   " VALUES (?, 3, 3, '2026-01-01T10:00:00+00:00')", [(r[0],) for r in rows])
    db.commit()
    db.close()
    monkeypatch.undo()
    with Store(path) as new:
        assert [s.name for s in new.stakeholders.list(second.id)] == ["PPT", "Skolen", "NAV"]
        assert [s.name for s in new.stakeholders.list(alone.id)] == ["Kirken"]
        assert len(new.stakeholders.relations(second.id)) == 1
        assert len(new.stakeholders.moves(first.id)) == 3
        assert new.db._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # on again after the rebuild
        new.workshops.delete(first.id)
        assert len(new.stakeholders.moves(second.id)) == 3
