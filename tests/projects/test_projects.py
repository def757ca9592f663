"""Projects: every workshop belongs to one, a workshop's code finds its project, and deleting a workshop
leaves the project (and its registers) in place."""

from __future__ import annotations

import json
import sqlite3

import pytest

from samskaping.cli import main
from samskaping.core.exceptions import InvalidInputError, ProjectNotFoundError
from samskaping.core.models import Workshop
from samskaping.projects.model import MAX_MUNICIPALITIES, Project
from samskaping.store import STORE_FILENAME, Store
from samskaping.store import db as store_db
from samskaping.store.schema import MIGRATIONS


def test_a_workshop_without_a_project_gets_one_named_after_it(store):
    workshop = store.workshops.create(Workshop("Idédugnad om fravær", phase="ide"))
    project = store.projects.get(workshop.join_code)
    assert (project.title, project.phase) == ("Idédugnad om fravær", "tjenesteutvikling")
    assert [w.id for w in store.projects.workshops(project.id)] == [workshop.id]


def test_workshops_join_a_project_and_any_of_them_finds_it(store):
    project = store.projects.create(Project("0-24 samarbeid", municipalities="Nordby, Sørvik"))
    first = store.workshops.create(Workshop("Innsikt", phase="innsikt"), project_id=project.id)
    second = store.workshops.create(Workshop("Idédugnad"), project_id=project.id)
    assert [w.id for w in store.projects.workshops(project.id)] == [first.id, second.id]
    for ref in (project.id, first.id, second.join_code, second.join_code.lower()):
        assert store.projects.get(ref).id == project.id
    assert store.projects.get(project.id).municipalities == ("Nordby", "Sørvik")


def test_deleting_a_workshop_keeps_its_project(store):
    project = store.projects.create(Project("Felles plan"))
    workshop = store.workshops.create(Workshop("Innsikt"), project_id=project.id)
    store.workshops.delete(workshop.id)
    assert store.projects.get(project.id).title == "Felles plan"
    assert store.projects.workshops(project.id) == []


def test_an_unknown_project_is_named_and_nothing_is_stored(store):
    with pytest.raises(ProjectNotFoundError) as caught:
        store.workshops.create(Workshop("Innsikt"), project_id="finnesikke")
    assert caught.value.params["ref"] == "finnesikke"
    assert store.workshops.list() == []
    with pytest.raises(ProjectNotFoundError):
        store.projects.get("ABCDEF")


def test_a_project_is_checked_like_any_other_input():
    with pytest.raises(InvalidInputError) as caught:
        Project("   ")
    assert caught.value.reason == "empty"
    with pytest.raises(InvalidInputError) as caught:
        Project("Nettverk", municipalities=[f"Kommune {n}" for n in range(MAX_MUNICIPALITIES + 1)])
    assert caught.value.reason == "too_many_municipalities"
    with pytest.raises(InvalidInputError):
        Project("Nettverk", phase="ferdig")


def test_a_store_from_before_projects_gives_each_workshop_its_own(tmp_path, monkeypatch):
    path = tmp_path / STORE_FILENAME
    before = next(n for n, step in enumerate(MIGRATIONS) if "CREATE TABLE projects" in step)
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", before)
    Store(path).close()  # a file one version older, written as that version wrote it
    db = sqlite3.connect(path)
    db.execute("INSERT INTO workshops (id, title, question, phase, lang, join_code, created)"
               " VALUES ('w1', 'Innsikt i Nordby', '', 'innsikt', 'nb', 'ABCDEF', '2026-01-01T10:00:00+00:00')")
    db.execute("INSERT INTO workshops (id, title, question, phase, lang, join_code, created)"
               " VALUES ('w2', 'Idédugnad', '', 'ide', 'nn', 'GHJKLM', '2026-02-01T10:00:00+00:00')")
    db.commit()
    db.close()
    monkeypatch.undo()
    with Store(path) as new:
        first, second = new.projects.get("w1"), new.projects.get("GHJKLM")
        assert (first.title, first.phase) == ("Innsikt i Nordby", "innsikt")
        assert (second.title, second.phase) == ("Idédugnad", "tjenesteutvikling")
        assert first.id != second.id
        assert [w.id for w in new.projects.workshops(first.id)] == ["w1"]


def test_the_project_commands(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "project", "new", "0-24 samarbeid", "--municipalities", "Nordby, Sørvik",
                 "--phase", "innsikt"]) == 0
    project_id = capsys.readouterr().out.splitlines()[-1]
    assert main([*data, "new", "Innsikt", "--project", project_id]) == 0
    workshop_id = capsys.readouterr().out.splitlines()[-1]
    assert main([*data, "new", "Idédugnad", "--project", workshop_id]) == 0  # a workshop's id finds its project
    capsys.readouterr()
    assert main([*data, "project", "list", "--json"]) == 0
    [project] = json.loads(capsys.readouterr().out)
    assert (project["id"], project["phase"], project["municipalities"]) == (project_id, "innsikt", ["Nordby", "Sørvik"])
    assert len(project["workshops"]) == 2 and project["workshops"][0] == workshop_id
    assert main([*data, "project", "list"]) == 0
    assert "2 verksteder  0-24 samarbeid" in capsys.readouterr().out
    assert main([*data, "new", "X", "--project", "finnesikke"]) == 1
    assert "Fant ikke prosjektet «finnesikke»" in capsys.readouterr().err
    with Store(tmp_path / STORE_FILENAME) as store:
        assert len(store.workshops.list()) == 2


def test_the_ideas_of_all_the_projects_workshops_are_grouped_together(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path)]
    with Store(tmp_path / STORE_FILENAME) as store:
        from samskaping.ideas.model import Idea

        project = store.projects.create(Project("0-24 samarbeid"))
        first = store.workshops.create(Workshop("Innsikt"), project_id=project.id)
        second = store.workshops.create(Workshop("Idédugnad"), project_id=project.id)
        other = store.workshops.create(Workshop("Et annet prosjekts verksted"))
        texts = {first.id: ["Leksehjelp på biblioteket", "Gratis leksehjelp etter skolen", "Foreldrekurs om søvn"],
                 second.id: ["Mer leksehjelp i helgene", "Kurs for foreldre om skjermbruk", "Foreldremøte om søvn"],
                 other.id: ["Dette hører ikke til prosjektet"]}
        for workshop_id, items in texts.items():
            for text in items:
                store.ideas.add(Idea(workshop_id, text, session_id="s"))
        hidden = store.ideas.add(Idea(first.id, "Skjult innlegg", session_id="s"))
        store.ideas.set_hidden(hidden.id, True)
    assert main([*data, "project", "ideas", second.join_code, "--themes", "2", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    ideas = payload["ideas"]
    assert sorted(i["text"] for i in ideas) == sorted(texts[first.id] + texts[second.id])
    assert {i["workshop"] for i in ideas} == {first.id, second.id}
    themes = {i["text"]: i["theme"] for i in ideas}
    assert themes["Leksehjelp på biblioteket"] == themes["Mer leksehjelp i helgene"]  # across the workshops
    assert main([*data, "project", "ideas", project.id]) == 0
    assert "(Idédugnad)" in capsys.readouterr().out


def test_pooled_ideas_carry_the_kommune_their_phone_chose(tmp_path, capsys):
    from samskaping.ideas.model import Idea
    from samskaping.reports.project import build_project_report
    from samskaping.room.model import Arrival

    data = ["--data-dir", str(tmp_path)]
    with Store(tmp_path / STORE_FILENAME) as store:
        project = store.projects.create(Project("Felles 0-24", municipalities="Nordby, Sørvik"))
        workshop = store.workshops.create(Workshop("Samskapingsdag"), project_id=project.id)
        store.room.register_arrival(Arrival(workshop.id, "nordby-1", "ansatt", municipality="Nordby"))
        store.room.register_arrival(Arrival(workshop.id, "sorvik-1", "foresatt", municipality="Sørvik"))
        for session, text in [("nordby-1", "Leksehjelp på biblioteket"), ("nordby-1", "Mer leksehjelp i helgene"),
                              ("sorvik-1", "Foreldrekurs om søvn"), ("ukjent", "Kurs for foreldre om skjermbruk")]:
            store.ideas.add(Idea(workshop.id, text, session_id=session))
        report = build_project_report(store, project.id, "innsikt")
    assert main([*data, "project", "ideas", project.id, "--json"]) == 0
    came_from = {i["text"]: i["municipality"] for i in json.loads(capsys.readouterr().out)["ideas"]}
    assert came_from == {"Leksehjelp på biblioteket": "Nordby", "Mer leksehjelp i helgene": "Nordby",
                         "Foreldrekurs om søvn": "Sørvik", "Kurs for foreldre om skjermbruk": ""}
    assert main([*data, "project", "ideas", project.id, "--kommune", "sørvik"]) == 0
    out = capsys.readouterr().out
    assert "Foreldrekurs om søvn  (Samskapingsdag · Sørvik)" in out and "Leksehjelp" not in out
    text = "\n".join(block.text for section in report.sections for child in (section, *section.children)
                     for block in child.blocks if hasattr(block, "text"))
    assert "Idéer per kommune (slik deltakerne svarte da de kom): Nordby 2, Sørvik 1." in text


def test_a_joint_projects_title_keeps_its_municipalities_and_loses_personal_data(store):
    project = store.projects.create(Project("0-24 Nordby og Sørvik", municipalities="Nordby, Sørvik"))
    assert store.projects.get(project.id).title == "0-24 Nordby og Sørvik"
    other = store.projects.create(Project("Ring Kari Hansen på 912 34 567", municipalities="Nordby, Sørvik"))
    assert store.projects.get(other.id).title == "Ring [navn] på [telefon]"
    alone = store.projects.create(Project("0-24 Nordby og Sørvik"))  # no municipalities given: read as names
    assert store.projects.get(alone.id).title == "0-24 [navn] og [navn]"
