"""Evaluation over time through the store and the CLI, and into the plan's evaluation section."""

from __future__ import annotations

import json

from samskaping.cli import main
from samskaping.demo import create_demo
from samskaping.reports.plan import build_plan
from samskaping.store import STORE_FILENAME, Store

MEASUREMENTS = ("Mål;Type;Dato;Verdi;Enhet;Merknad\n"
                "1.1;nullpunkt;1.9.2026;14 %;;Fraværsregistreringen\n"
                "1.1;underveis;1.3.2027;11;%;\n"
                "1.1;slutt;1.12.2027;8;%;\n"
                "9.9;slutt;1.12.2027;3;;\n")
PLAN = ("Mål/delmål;Aktiviteter;Evalueringsspørsmål;Datakilde;Metode;Tidspunkt;Analyse/bruk\n"
        "1.1 Færre elever har bekymringsfullt fravær;Nærværsteam;Går fraværet ned?;Skolene;Registerdata;"
        "Hvert halvår;Styringsgruppa\n")


def test_measurements_and_the_plan_are_read_in_and_reach_the_plan_document(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path)]
    with Store(tmp_path / STORE_FILENAME) as store:
        workshop = create_demo(store)
    sheet = tmp_path / "malinger.csv"
    sheet.write_bytes(MEASUREMENTS.encode("cp1252"))
    assert main([*data, "indicators", "import", workshop.join_code, str(sheet), "--kind", "measurements"]) == 0
    out, err = capsys.readouterr()
    assert "3 målinger lest inn" in out and "9.9" in err  # the row whose goal the project has not
    plan = tmp_path / "evalueringsplan.csv"
    plan.write_text(PLAN, encoding="utf-8")
    assert main([*data, "indicators", "import", workshop.id, str(plan), "--kind", "plan"]) == 0
    assert main([*data, "indicators", "from-workshop", workshop.id, "--goal", "1.2", "--workshop",
                 workshop.join_code]) == 0
    assert "2 målinger fra" in capsys.readouterr().out.splitlines()[-1]  # the day's and the voice's mean
    assert main([*data, "indicators", "from-workshop", workshop.id, "--goal", "7.7", "--workshop", workshop.id]) == 1
    assert "Fant ikke målet «7.7»" in capsys.readouterr().err
    assert main([*data, "indicators", "export", workshop.id, "--format", "json", "--out", "-"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [m["kind"] for m in exported["measurements"] if m["goal"].startswith("1.1")] == [
        "nullpunkt", "underveis", "slutt"]
    chart = tmp_path / "malinger.svg"
    assert main([*data, "indicators", "export", workshop.id, "--format", "svg", "--out", str(chart)]) == 0
    assert "Nullpunkt" in chart.read_text()
    with Store(tmp_path / STORE_FILENAME) as store:
        section = next(s for s in build_plan(store, workshop.id).sections if s.key == "evaluation")
    keys = [getattr(block, "key", "") for block in section.blocks]
    assert keys[:3] == ["evaluation-plan", "indicators", "measurements"] and "evaluation" in keys


def test_measurements_survive_a_goal_hierarchy_read_in_again(store):
    workshop = create_demo(store)
    project = store.projects.get(workshop.id)
    from samskaping.indicators.model import Measurement, plan_issues

    goals = store.goals.list(project.id)
    store.indicators.save(Measurement(project.id, goals[1].id, "nullpunkt", "2026-09-01", 14, unit="%"))
    store.goals.add_all(project.id, [], replace=True)
    [kept] = store.indicators.measurements(project.id)
    assert kept.value == 14
    assert [issue.kind for issue in plan_issues([], [], [kept])] == ["unknown_goal"]
