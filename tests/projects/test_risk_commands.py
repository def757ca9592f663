"""`samskaping risks import/export`: a municipality's ROS sheet in, the register and the matrix out."""

from __future__ import annotations

import json

import openpyxl

from samskaping.cli import main
from samskaping.core.models import Workshop
from samskaping.store import STORE_FILENAME, Store

SHEET = (
    "Nr;Risiko;Sannsynlighet (vurderingskala 1-5 der 5 er mest sannsynlig);"
    "Konsekvens (vurderingsskala 1-5 der 5 er største konsekvens);Risikoreduserende tiltak;Ansvarlig\n"
    "1;Arbeidsgruppa møtes ikke;1;2;Fast møteplan;Prosjektleder\n"
    "2;Prosjektet forankres ikke blant ansatte;Stor;4;Informasjon på personalmøter;Arbeidsgruppa\n"
    "3;Uklart ansvar;høy;2;;\n"
    "4;Brukerstemmen tas ikke med;3;Alvorlig;Ressurspersoner;Prosjektledelsen\n"
)


def _project(tmp_path, capsys) -> tuple[list[str], str]:
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "new", "Innsiktsverksted"]) == 0
    code = capsys.readouterr().out.splitlines()[0].rsplit(" ", 1)[-1].rstrip(".")
    return data, code


def test_a_ros_sheet_is_read_into_the_project_of_a_workshop_code(tmp_path, capsys):
    data, code = _project(tmp_path, capsys)
    sheet = tmp_path / "ros.csv"
    sheet.write_bytes(SHEET.encode("cp1252"))
    assert main([*data, "risks", "import", code, str(sheet)]) == 0
    out, err = capsys.readouterr()
    assert "3 risikoer lest inn" in out
    assert "Rad 4" in err and "høy" in err  # the bad row, by its row number; the others are kept
    assert main([*data, "risks", "export", code, "--format", "json", "--out", "-"]) == 0
    risks = json.loads(capsys.readouterr().out)["risks"]
    assert [(r["nr"], r["likelihood"], r["consequence"], r["score"], r["level"]) for r in risks] == [
        (1, 1, 2, 2, "lav"), (2, 4, 4, 16, "hoy"), (4, 3, 4, 12, "hoy")]
    assert list(risks[0]) == ["nr", "title", "likelihood", "consequence", "score", "level", "measures", "owner",
                              "status"]


def test_reading_a_sheet_again_updates_by_number_and_loses_nothing(tmp_path, capsys):
    data, code = _project(tmp_path, capsys)
    sheet = tmp_path / "ros.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    main([*data, "risks", "import", code, str(sheet)])
    sheet.write_text("Nr;Risiko;Sannsynlighet;Konsekvens\n2;Prosjektet forankres ikke blant ansatte;2;4\n"
                     "5;Nøkkelperson slutter;3;5\n", encoding="utf-8")
    capsys.readouterr()
    assert main([*data, "risks", "import", code, str(sheet)]) == 0
    assert "(1 oppdatert)" in capsys.readouterr().out
    with Store(tmp_path / STORE_FILENAME) as store:
        project = store.projects.get(code)
        risks = {r.nr: r for r in store.risks.list(project.id)}
    assert sorted(risks) == [1, 2, 4, 5] and risks[2].likelihood == 2 and risks[1].measures == "Fast møteplan"


def test_the_matrix_and_the_workbook_are_written_in_the_asked_language(tmp_path, capsys):
    data, code = _project(tmp_path, capsys)
    sheet = tmp_path / "ros.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    main([*data, "risks", "import", code, str(sheet)])
    for fmt, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF"), ("svg", b"<?xml")):
        out = tmp_path / f"matrise.{fmt}"
        assert main([*data, "risks", "export", code, "--format", fmt, "--out", str(out)]) == 0
        assert out.read_bytes().startswith(magic)
    svg = (tmp_path / "matrise.svg").read_text()
    assert "Sannsynlighet" in svg and "Nr. 2" in svg
    out = tmp_path / "ros.xlsx"
    assert main([*data, "--lang", "nn", "risks", "export", code, "--format", "xlsx", "--out", str(out)]) == 0
    sheet_rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert "Sannsyn" in " ".join(str(c) for c in sheet_rows[0]) and len(sheet_rows) == 4
    assert f"Skreiv {out}." in capsys.readouterr().out


def test_risks_stay_with_the_project_when_its_workshop_is_deleted(tmp_path, capsys):
    data, code = _project(tmp_path, capsys)
    sheet = tmp_path / "ros.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    main([*data, "risks", "import", code, str(sheet)])
    with Store(tmp_path / STORE_FILENAME) as store:
        project = store.projects.get(code)
        workshop = store.workshops.get(code)
        store.workshops.create(Workshop("Idédugnad"), project_id=project.id)
        store.workshops.delete(workshop.id)
        assert len(store.risks.list(project.id)) == 3


def test_a_project_cuts_its_risk_levels_itself_and_every_output_follows(tmp_path, capsys):
    from samskaping.reports.project import build_project_report

    data, code = _project(tmp_path, capsys)
    sheet = tmp_path / "ros.csv"
    sheet.write_bytes(SHEET.encode("cp1252"))
    main([*data, "risks", "import", code, str(sheet)])
    capsys.readouterr()
    assert main([*data, "risks", "levels", code]) == 0
    assert "lav 1–4, middels 5–9, høy 10–25" in capsys.readouterr().out
    assert main([*data, "risks", "levels", code, "--middels", "3", "--hoy", "13"]) == 0
    assert "lav 1–2, middels 3–12, høy 13–25" in capsys.readouterr().out
    assert main([*data, "risks", "levels", code, "--hoy", "3"]) == 1  # not above middels: refused, kept
    assert "passer ikke sammen" in capsys.readouterr().err
    assert main([*data, "risks", "export", code, "--format", "json", "--out", "-"]) == 0
    levels = {r["nr"]: (r["score"], r["level"]) for r in json.loads(capsys.readouterr().out)["risks"]}
    assert levels == {1: (2, "lav"), 2: (16, "hoy"), 4: (12, "middels")}  # 12 is høy by the default
    out = tmp_path / "ros.xlsx"
    assert main([*data, "risks", "export", code, "--format", "xlsx", "--out", str(out)]) == 0
    values = [row for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True)]
    assert [row[5] for row in values[1:]] == ["Lav", "Høy", "Middels"]
    with Store(tmp_path / STORE_FILENAME) as store:
        project = store.projects.get(code)
        assert (store.risks.thresholds(project.id).middels, store.risks.thresholds(project.id).hoy) == (3, 13)
        report = build_project_report(store, project.id, "status")
    texts = [block.text for section in report.sections for block in section.blocks if hasattr(block, "text")]
    assert "1 risiko(er) har høy risiko nå; tiltakene står i tabellen." in texts
