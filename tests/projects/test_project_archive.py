"""A whole project in one file: out, and in again as a new project (in another store, or beside itself)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from samskaping.cli import main
from samskaping.core.exceptions import ImportFormatError
from samskaping.demo import create_demo
from samskaping.goals.model import numbering
from samskaping.indicators.model import Measurement
from samskaping.organisation.model import Milestone, Responsibility, Role, Task
from samskaping.reports.project_archive import export_project, import_project
from samskaping.risks.model import Thresholds
from samskaping.store import STORE_FILENAME, Store


def _fill(store):
    workshop = create_demo(store)
    project = store.projects.get(workshop.id)
    goals = store.goals.list(project.id)
    store.organisation.save(Role(project.id, "prosjektleder", holder="Kommunalsjef oppvekst"), checked=True)
    task = store.organisation.save(Task(project.id, "Skrive prosjektplanen"))
    store.organisation.set_responsibility(Responsibility(task.id, "prosjektleder", "a"))
    store.organisation.save(Milestone(project.id, "Underveisvurdering", due_text="Vår 2028"))
    store.indicators.save(Measurement(project.id, goals[1].id, "nullpunkt", date(2026, 9, 1), 14, unit="%"))
    store.risks.set_thresholds(project.id, Thresholds(4, 12))
    return project


def _counts(store, project_id):
    goals = store.goals.list(project_id)
    return {
        "workshops": len(store.projects.workshops(project_id)),
        "ideas": sum(store.ideas.count(w.id) for w in store.projects.workshops(project_id)),
        "risks": [(r.nr, r.title, r.score) for r in store.risks.list(project_id)],
        "factors": len(store.risks.success_factors(project_id)),
        # parents are stored before their children, so siblings keep their order but the list may not
        "goals": sorted((g.level, g.text, numbering(goals)[g.id]) for g in goals),
        "links": len(store.goals.links(project_id)),
        "roles": len(store.organisation.list("roles", project_id)),
        "cells": len(store.organisation.responsibilities(project_id)),
        "milestones": len(store.organisation.list("milestones", project_id)),
        "measurements": [(m.kind, m.value) for m in store.indicators.measurements(project_id)],
        "risk_levels": store.risks.thresholds(project_id),
        "stakeholders": len(store.stakeholders.register(project_id)),
    }


def test_a_project_moves_to_another_store_whole(make_store, tmp_path):
    first, second = make_store(tmp_path / "a.sqlite3"), make_store(tmp_path / "b.sqlite3")
    project = _fill(first)
    text = export_project(first, project.id)
    copy = import_project(second, json.loads(text))
    assert copy.title == project.title
    assert _counts(second, copy.id) == _counts(first, project.id)
    assert _counts(second, copy.id)["links"] == 2  # matched by the concepts' names in the copied workshop


def test_reading_a_project_in_twice_beside_itself_overwrites_nothing(store):
    project = _fill(store)
    before = _counts(store, project.id)
    data = json.loads(export_project(store, project.id))
    copies = [import_project(store, data), import_project(store, data)]
    assert len({c.id for c in copies} | {project.id}) == 3
    assert _counts(store, project.id) == before
    assert all(_counts(store, c.id) == before for c in copies)


def test_the_commands_and_a_wrong_file(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path)]
    with Store(tmp_path / STORE_FILENAME) as store:
        code = create_demo(store).join_code
    out = tmp_path / "prosjekt.json"
    assert main([*data, "project", "export", code, "--out", str(out)]) == 0
    assert json.loads(out.read_text())["format"] == "samskaping-project"
    assert main([*data, "project", "import", str(out)]) == 0
    assert "Leste inn prosjektet" in capsys.readouterr().out
    workshop_file = tmp_path / "verksted.json"
    assert main([*data, "export", code, "--out", str(workshop_file)]) == 0
    assert main([*data, "project", "import", str(workshop_file)]) == 1  # a workshop's file is not a project's
    assert "samskaping-project" in capsys.readouterr().err
    with Store(tmp_path / STORE_FILENAME) as store, pytest.raises(ImportFormatError):
        import_project(store, {"format": "noe annet"})
