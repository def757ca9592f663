"""`samskaping goals import/export`: a project's goal hierarchy in and out, checked as it comes in."""

from __future__ import annotations

import json

from samskaping.cli import main
from samskaping.store import STORE_FILENAME, Store

SHEET = (
    "Nivå;Mål;Indikator;Datakilde;Når;Ansvarlig\n"
    "Hovedmål;Flere barn og familier får hjelp tidlig;;;;\n"
    "Delmål;Ansatte oppdager bekymring tidligere;Andel saker meldt før 10 år;Fagsystemet;Årlig;Oppvekstsjef\n"
    "Resultatmål;Alle ansatte er kurset i BTI;Andel kurset;Kursliste;Høst 2027;Koordinator\n"
    "Resultatmål;Fast tverrfaglig møte hver måned;;;;\n"
    "Tiltak;Dette er ikke et mål;;;;\n"
)


def _setup(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "project", "new", "0-24 samarbeid"]) == 0
    project_id = capsys.readouterr().out.splitlines()[-1]
    sheet = tmp_path / "mal.csv"
    sheet.write_bytes(SHEET.encode("cp1252"))
    return data, project_id, sheet


def test_a_goal_sheet_is_read_with_parents_and_checked(tmp_path, capsys):
    data, project_id, sheet = _setup(tmp_path, capsys)
    assert main([*data, "goals", "import", project_id, str(sheet)]) == 0
    out, err = capsys.readouterr()
    assert "4 mål lest inn i «0-24 samarbeid»" in out
    assert "Fast tverrfaglig møte hver måned" in out and "indikator" in out  # a resultatmål without an indicator
    assert "Rad 6" in err and "Tiltak" in err
    assert main([*data, "goals", "export", project_id, "--format", "json", "--out", "-"]) == 0
    goals = json.loads(capsys.readouterr().out)["goals"]
    assert [(g["level"], g["parent"]) for g in goals] == [
        ("samfunnsmal", None), ("effektmal", 1), ("resultatmal", 2), ("resultatmal", 2)]
    assert list(goals[0]) == ["level", "text", "indicator", "source", "when", "owner", "parent"]


def test_an_exported_hierarchy_replaces_the_old_one_and_the_tree_is_drawn(tmp_path, capsys):
    data, project_id, sheet = _setup(tmp_path, capsys)
    main([*data, "goals", "import", project_id, str(sheet)])
    exported = tmp_path / "mal.json"
    assert main([*data, "goals", "export", project_id, "--format", "json", "--out", str(exported)]) == 0
    capsys.readouterr()
    assert main([*data, "goals", "import", project_id, str(exported), "--replace"]) == 0
    assert "de 4 som var der, er erstattet" in capsys.readouterr().out
    with Store(tmp_path / STORE_FILENAME) as store:
        goals = store.goals.list(project_id)
    assert len(goals) == 4 and goals[2].parent_id == goals[1].id and goals[1].parent_id == goals[0].id
    for fmt, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF"), ("svg", b"<?xml")):
        out = tmp_path / f"maltre.{fmt}"
        assert main([*data, "goals", "export", project_id, "--format", fmt, "--out", str(out)]) == 0
        assert out.read_bytes().startswith(magic)
    assert "Samfunnsmål" in (tmp_path / "maltre.svg").read_text()


def test_names_in_an_imported_sheet_are_masked(tmp_path, capsys):
    data, project_id, _ = _setup(tmp_path, capsys)
    sheet = tmp_path / "mal.csv"
    sheet.write_text("Nivå;Mål;Ansvarlig\nSamfunnsmål;Trygg oppvekst;Kari Nordmann\n", encoding="utf-8")
    assert main([*data, "goals", "import", project_id, str(sheet)]) == 0
    with Store(tmp_path / STORE_FILENAME) as store:
        [goal] = store.goals.list(project_id)
    assert goal.owner == "[navn]"
