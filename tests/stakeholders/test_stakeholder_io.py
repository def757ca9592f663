"""Stakeholder files: Excel and CSV in, CSV, JSON and Excel out, and nothing a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from helpers import workbook as xlsx
from samskaping.core.i18n import t
from samskaping.core.tables import MAX_IMPORT_ROWS, Problem
from samskaping.stakeholders import io as stakeholder_io
from samskaping.stakeholders.analysis import strategy_for
from samskaping.stakeholders.io import (
    EXPORT_COLUMNS,
    PLAN_COLUMNS,
    describe,
    read_stakeholder_csv,
    read_stakeholder_file,
    stakeholders_csv,
    stakeholders_json,
    stakeholders_to_rows,
    write_plan_csv,
    write_stakeholders_xlsx,
)
from samskaping.stakeholders.model import Stakeholder

W = "w1"
COMPARED = ("name", "sector", "interest", "influence", "affected", "strategy", "justification",
            "contact_role", "notes", "channel", "frequency", "phase")




def fields(s: Stakeholder) -> tuple:
    return tuple(getattr(s, name) for name in COMPARED)


@pytest.fixture
def register() -> list[Stakeholder]:
    return [
        Stakeholder(W, "Helsestasjon", "helse", 5, 4, affected="Daglig kontakt med familier, «tidlig innsats»",
                    justification="Møter alle småbarnsfamilier", contact_role="leder", channel="Ekspertgruppe",
                    frequency="månedlig", phase="innsikt"),
        Stakeholder(W, "Politikere (hovedutvalg)", "politikk", 2, 5, strategy="Orienteres i hovedutvalget.",
                    notes='Sitat: "hold oss orientert"\nandre linje'),
        Stakeholder(W, "Frivilligsentralen", "frivillighet", 4, 2,
                    notes="- rekrutterer leksehjelpere; +1 fra ungdomsrådet"),
        Stakeholder(W, "Lokalavisa", "media", 1, 1, contact_role="@redaksjonen", phase="implementering"),
        Stakeholder(W, '=HYPERLINK("http://x")', "annet", 3, 3),
    ]


# --- Import: Excel ---------------------------------------------------------------------


def test_xlsx_keeps_good_rows_and_reports_each_bad_one_with_its_row():
    data = xlsx([
        ["Navn", "Sektor", "Interesse", "Innflytelse", "Hvordan berøres", "Kanal", "Fase"],
        ["PPT", "Oppvekst", 4.0, 3, "Endrede samarbeidsavtaler", "Fagmøte", "Idé"],  # row 2: good, 4.0 is 4
        [None, "helse", 3, 3],  # row 3: missing name
        ["Ungdomsrådet", "brukere", 7, 2],  # row 4: interest 7
        ["NAV", "nav", "høy", 4],  # row 5: text in a number column
        [None, None, None, None],  # row 6: empty, skipped but counted
        ["Helsestasjon", "Helse", "5", 4.0],  # row 7: good, a number typed as text
    ])
    result = read_stakeholder_file(data, "interessenter.xlsx", W)
    assert [(s.name, s.sector, s.interest, s.influence) for s in result.stakeholders] == [
        ("PPT", "oppvekst", 4, 3),
        ("Helsestasjon", "helse", 5, 4),
    ]
    assert isinstance(result.stakeholders[0].interest, int)
    assert (result.stakeholders[0].affected, result.stakeholders[0].channel) == ("Endrede samarbeidsavtaler", "Fagmøte")
    assert result.stakeholders[0].phase == "ide"
    assert result.problems == [
        Problem(3, "name", "missing_name", ""),
        Problem(4, "interest", "out_of_range", "7"),
        Problem(5, "interest", "not_a_number", "høy"),
    ]
    assert [describe(p) for p in result.problems] == [
        "Rad 3: navnet mangler. Skriv hvem interessenten er (gruppe, organisasjon eller rolle).",
        "Rad 4: interesse 7 er utenfor 1–5. Skriv et helt tall fra 1 til 5.",
        "Rad 5: interesse «høy» er ikke et tall. Skriv et helt tall fra 1 til 5.",
    ]


def test_xlsx_and_csv_report_the_same_problems_for_the_same_sheet():
    table = [
        [],
        ["Interessent", "Interesse (1-5)", "Påvirkning (1-5)", "Farge", "Navn"],
        ["Barnehager", 5, 4, "blå", "x"],
        ["Skoler", 2.5, 4, "", ""],
        ["Kulturskole", 3, None, "", ""],
    ]
    from_xlsx = read_stakeholder_file(xlsx(table), "liste.xlsx", W)
    text = "\n".join(",".join("" if v is None else str(v) for v in row) for row in table) + "\n"
    from_csv = read_stakeholder_file(text.encode("utf-8"), "liste.csv", W)
    assert from_xlsx.problems == from_csv.problems == [
        Problem(2, "", "unknown_column", "Farge"),
        Problem(2, "name", "duplicate_column", "Navn"),
        Problem(4, "interest", "not_a_whole_number", "2.5"),
        Problem(5, "influence", "missing_value", ""),
    ]
    assert [fields(s) for s in from_xlsx.stakeholders] == [fields(s) for s in from_csv.stakeholders]


def test_xlsx_with_english_headers():
    data = xlsx([
        ["Name", "Sector", "Interest", "Influence", "How affected", "Strategy", "Justification",
         "Contact role", "Notes", "Channel", "Frequency", "Phase"],
        ["Youth council", "Service users", 5, 2, "Voice of young people", "Workshops", "Required by law",
         "leader", None, "Meeting", "every term", "Design and trial"],
    ])
    result = read_stakeholder_file(data, "Stakeholders.XLSX", W)
    assert result.problems == []
    (youth,) = result.stakeholders
    assert (youth.sector, youth.interest, youth.influence, youth.contact_role) == ("brukere", 5, 2, "leader")
    assert (youth.channel, youth.frequency, youth.phase) == ("Meeting", "every term", "utforming")
    assert youth.notes == ""


def test_xlsx_stops_reading_after_the_row_limit():
    rows = [["Navn", "Interesse", "Innflytelse"]] + [[f"Gruppe {i}", 3, 3] for i in range(MAX_IMPORT_ROWS + 50)]
    result = read_stakeholder_file(xlsx(rows), "stor.xlsx", W)
    assert len(result.stakeholders) == MAX_IMPORT_ROWS
    assert [p.reason for p in result.problems] == ["too_many_rows"]
    assert describe(result.problems[0]) == (
        f"Filen har flere enn {MAX_IMPORT_ROWS} rader. Bare de første {MAX_IMPORT_ROWS} ble lest; del filen opp."
    )


# --- Import: the wrong file -------------------------------------------------------------


@pytest.mark.parametrize(
    "filename,data,reason,sentence",
    [
        ("referat.docx", b"PK\x03\x04", "bad_file_type",
         "Filen «referat.docx» kan ikke leses. Bruk en Excel-fil (.xlsx) eller en CSV-fil (.csv eller .txt)."),
        ("interessenter", b"navn", "bad_file_type",
         "Filen «interessenter» kan ikke leses. Bruk en Excel-fil (.xlsx) eller en CSV-fil (.csv eller .txt)."),
        ("C:\\fakepath\\gammel.xls", b"\xd0\xcf\x11\xe0", "old_excel",
         "Filen «gammel.xls» er i det gamle Excel-formatet (.xls). Åpne den i Excel, velg «Lagre som» og "
         "«Excel-arbeidsbok (.xlsx)», og prøv igjen."),
        ("skadet.xlsx", b"navn,interesse,innflytelse\nPPT,3,3\n", "bad_xlsx",
         "Filen «skadet.xlsx» kunne ikke åpnes som en Excel-arbeidsbok; den kan være skadet. "
         "Lagre den på nytt som .xlsx eller CSV og prøv igjen."),
    ],
)
def test_a_file_that_cannot_be_read_is_named_with_the_formats_that_work(filename, data, reason, sentence):
    result = read_stakeholder_file(data, filename, W)
    assert result.stakeholders == []
    (problem,) = result.problems
    assert problem.reason == reason
    assert describe(problem) == sentence
    assert problem.value in describe(problem, "en")


def test_txt_and_csv_go_to_the_csv_reader():
    data = "navn\tinteresse\tinnflytelse\nPPT\t3\t3\n".encode("utf-16")
    assert [s.name for s in read_stakeholder_file(data, "eksport.txt", W).stakeholders] == ["PPT"]
    assert read_stakeholder_file(xlsx([["navn"]]), "feil.csv", W).problems == [Problem(1, "", "not_csv", "feil.csv")]


# --- Export: rows, CSV, JSON -----------------------------------------------------------


def test_rows_have_every_column_with_quadrant_and_strategy(register):
    rows = stakeholders_to_rows(register)
    assert [list(row) for row in rows] == [list(EXPORT_COLUMNS)] * len(register)
    health, politicians, volunteers, paper, _ = rows
    assert (health["quadrant"], health["interest"], health["phase"]) == ("nokkelspillere", 5, "innsikt")
    assert health["strategy"] == t("stakeholder.strategy.nokkelspillere")  # the default, written out
    assert politicians["quadrant"] == "bor_tilfredsstilles"
    assert politicians["strategy"] == "Orienteres i hovedutvalget."  # their own
    assert volunteers["quadrant"] == "holdes_informert"
    assert (paper["quadrant"], paper["sector"], paper["channel"]) == ("minimal_innsats", "media", "")
    english = stakeholders_to_rows(register, lang="en")
    assert english[0]["strategy"] == strategy_for(register[0], lang="en")


def test_json_rows_have_quadrant_and_strategy(register):
    text = stakeholders_json(register)
    assert "Frivilligsentralen" in text and "\\u" not in text  # æøå kept as they are
    rows = json.loads(text)
    assert rows == stakeholders_to_rows(register)
    assert [row["quadrant"] for row in rows] == [
        "nokkelspillere", "bor_tilfredsstilles", "holdes_informert", "minimal_innsats", "nokkelspillere"
    ]
    assert all(row["strategy"] for row in rows)
    assert stakeholders_json([]) == "[]"


def test_csv_export_reimports_to_equal_stakeholders(register):
    text = stakeholders_csv(register)
    assert text.splitlines()[0] == ",".join(EXPORT_COLUMNS)
    result = read_stakeholder_csv(text.encode("utf-8"), W)
    assert result.problems == []
    assert [fields(s) for s in result.stakeholders] == [fields(s) for s in register]
    # The default strategy written out reads back as "use the default", not frozen text.
    assert result.stakeholders[0].strategy == ""


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_export_defuses_formulas(start):
    s = Stakeholder(W, "PPT", "oppvekst", 3, 3, notes="x")
    s.notes = start + "cmd|' /C calc'!A0"  # set after validation: clean_text would trim a tab or CR
    s.contact_role = start + "1+1"
    (row,) = list(csv.DictReader(io.StringIO(stakeholders_csv([s]), newline="")))
    assert row["notes"] == "'" + start + "cmd|' /C calc'!A0"
    assert row["contact_role"] == "'" + start + "1+1"
    assert (row["name"], row["interest"]) == ("PPT", "3")  # ordinary text and numbers untouched


def test_csv_export_keeps_an_apostrophe_that_is_not_a_guard():
    s = Stakeholder(W, "'Kulturhuset'", "annet", 3, 3)
    (row,) = list(csv.DictReader(io.StringIO(stakeholders_csv([s]), newline="")))
    assert row["name"] == "'Kulturhuset'"
    assert read_stakeholder_csv(stakeholders_csv([s]).encode(), W).stakeholders[0].name == "'Kulturhuset'"


# --- Export: Excel ---------------------------------------------------------------------


def test_xlsx_export_has_both_sheets_frozen_bold_and_sized(register, tmp_path):
    path = write_stakeholders_xlsx(register, tmp_path / "interessenter.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Interessenter", "Involveringsplan"]
    stakeholders, plan = workbook["Interessenter"], workbook["Involveringsplan"]
    for sheet, columns in ((stakeholders, EXPORT_COLUMNS), (plan, PLAN_COLUMNS)):
        assert sheet.freeze_panes == "A2"
        header = [cell.value for cell in sheet[1]]
        assert header == [t(f"stakeholder.field.{c}")[:1].upper() + t(f"stakeholder.field.{c}")[1:] for c in columns]
        assert all(cell.font.bold for cell in sheet[1])
        widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
        assert all(8 <= width <= 60 for width in widths), widths
    assert [cell.value for cell in stakeholders[1]][:5] == ["Navn", "Sektor", "Interesse", "Innflytelse", "Kvadrant"]
    assert [cell.value for cell in plan[1]] == ["Navn", "Sektor", "Kvadrant", "Strategi", "Kanal", "Hyppighet", "Fase"]
    # Sized to content: the long strategy column is wider than the interest column, and capped.
    assert stakeholders.column_dimensions["F"].width == 60
    assert stakeholders.column_dimensions["C"].width < 15
    assert stakeholders.max_row == plan.max_row == len(register) + 1


def test_xlsx_export_stores_formulas_as_text(register, tmp_path):
    path = write_stakeholders_xlsx(register, tmp_path / "interessenter.xlsx")
    sheet = openpyxl.load_workbook(path)["Interessenter"]
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)}
    hyperlink = cells['=HYPERLINK("http://x")']
    assert hyperlink.data_type == "s" and hyperlink.quotePrefix
    for text in ("@redaksjonen", "- rekrutterer leksehjelpere; +1 fra ungdomsrådet"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    assert not cells["Helsestasjon"].quotePrefix
    assert sheet["C2"].value == 5 and sheet["C2"].data_type == "n"


def test_xlsx_export_reads_as_words_and_reimports(register, tmp_path):
    path = write_stakeholders_xlsx(register, tmp_path / "interessenter.xlsx")
    sheet = openpyxl.load_workbook(path)["Interessenter"]
    assert [sheet["B2"].value, sheet["E2"].value, sheet["M2"].value] == ["Helse", "Nøkkelspillere", "Innsikt"]
    assert sheet["M3"].value == "Alle faser"
    result = read_stakeholder_file(path.read_bytes(), path.name, W)
    assert result.problems == []
    assert [fields(s) for s in result.stakeholders] == [fields(s) for s in register]


def test_xlsx_plan_sheet_is_the_involvement_plan(register, tmp_path):
    path = write_stakeholders_xlsx(register, tmp_path / "plan.xlsx")
    plan = openpyxl.load_workbook(path)["Involveringsplan"]
    rows = [[cell.value for cell in row] for row in plan.iter_rows(min_row=2)]
    assert [row[0] for row in rows] == [
        '=HYPERLINK("http://x")', "Helsestasjon", "Politikere (hovedutvalg)", "Frivilligsentralen", "Lokalavisa"
    ]
    assert rows[1][2:] == ["Nøkkelspillere", t("stakeholder.strategy.nokkelspillere"), "Ekspertgruppe", "månedlig",
                           "Innsikt"]
    assert rows[2][4:] == ["Statusmøte i utvalget der de vedtar", "minst hvert halvår", "Alle faser"]
    assert rows[4][4:] == ["Ved behov", "ved behov", "Implementering"]


def test_xlsx_export_in_english(register, tmp_path):
    path = write_stakeholders_xlsx(register, tmp_path / "stakeholders.xlsx", lang="en")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Stakeholders", "Involvement plan"]
    assert [cell.value for cell in workbook["Stakeholders"][1]][:5] == [
        "Name", "Sector", "Interest", "Influence", "Quadrant"]
    assert workbook["Involvement plan"]["E4"].value == "Status meeting in the committee where they decide"
    again = read_stakeholder_file(path.read_bytes(), path.name, W)
    assert again.problems == [] and [fields(s) for s in again.stakeholders] == [fields(s) for s in register]


def test_xlsx_export_to_a_buffer_for_a_download(register, tmp_path):
    buffer = io.BytesIO()
    assert write_stakeholders_xlsx(register, buffer) is None
    path = write_stakeholders_xlsx(register, tmp_path / "same.xlsx")
    again = read_stakeholder_file(buffer.getvalue(), "download.xlsx", W)
    assert [fields(s) for s in again.stakeholders] == [fields(s) for s in register]
    assert openpyxl.load_workbook(buffer).sheetnames == openpyxl.load_workbook(path).sheetnames


def test_xlsx_export_of_an_empty_register(tmp_path):
    workbook = openpyxl.load_workbook(write_stakeholders_xlsx([], tmp_path / "tom.xlsx"))
    assert [sheet.max_row for sheet in workbook] == [1, 1]


# --- Export: the plan as CSV -----------------------------------------------------------


def test_plan_csv_to_a_path_a_text_buffer_and_a_byte_buffer(register, tmp_path):
    path = tmp_path / "plan.csv"
    write_plan_csv(register, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads æøå
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Navn", "Sektor", "Kvadrant", "Strategi", "Kanal", "Hyppighet", "Fase"]
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")"  # defused here too
    assert rows[3][2:] == ["Bør tilfredsstilles", "Orienteres i hovedutvalget.", "Statusmøte i utvalget der de vedtar",
                           "minst hvert halvår", "Alle faser"]
    text = io.StringIO()
    write_plan_csv(register, text, delimiter=";", lang="en")
    assert text.getvalue().splitlines()[0] == "Name;Sector;Quadrant;Strategy;Channel;Frequency;Phase"
    raw = io.BytesIO()
    write_plan_csv(register, raw)
    assert raw.getvalue() == data


# --- One way out ------------------------------------------------------------------------


def test_every_export_passes_free_text_through_export_text(register, tmp_path, monkeypatch):
    monkeypatch.setattr(stakeholder_io, "export_text", lambda value: f"<{value}>")
    (row, *_) = stakeholders_to_rows(register)
    assert (row["name"], row["contact_role"], row["notes"]) == ("<Helsestasjon>", "<leder>", "<>")
    assert (row["sector"], row["quadrant"], row["interest"]) == ("helse", "nokkelspillere", 5)  # keys and numbers
    assert "<Helsestasjon>" in stakeholders_csv(register)
    assert json.loads(stakeholders_json(register))[0]["strategy"].startswith("<Involveres")
    buffer = io.StringIO()
    write_plan_csv(register, buffer)
    assert "<Ekspertgruppe>" in buffer.getvalue() and "<månedlig>" in buffer.getvalue()
    workbook = openpyxl.load_workbook(write_stakeholders_xlsx(register, tmp_path / "x.xlsx"))
    assert workbook["Interessenter"]["A2"].value == "<Helsestasjon>"
    assert workbook["Involveringsplan"]["A3"].value == "<Helsestasjon>"


# --- names: organisations kept as written, a person's name reported by row (issue 16, item 7) ----


def test_a_workbook_keeps_organisation_names_and_reports_persons_by_row():
    data = xlsx([[], ["Interessent", "Interesse", "Innflytelse", "Kontaktrolle"],
                 ["NAV Nordby", 4, 5, "Veileder"], ["Nordby ungdomsråd", 3, 2, "Kari Nordmann"],
                 ["Ola Hansen", 2, 2, None], ["Foreldreutvalget (FAU) Nordby", 4, 2, None]])
    result = read_stakeholder_file(data, "register.xlsx", W)
    assert [s.name for s in result.stakeholders] == [
        "NAV Nordby", "Nordby ungdomsråd", "Ola Hansen", "Foreldreutvalget (FAU) Nordby"]
    assert result.problems == [] and result.ok
    assert [(w.row, w.field) for w in result.warnings] == [(4, "contact_role"), (5, "name")]  # as the sheet shows
    lines = [describe(w) for w in result.warnings]
    assert lines[0].startswith("Rad 4: «kontaktrolle» ser ut som et personnavn")
    assert "Kari" not in " ".join(lines) and "Ola" not in " ".join(lines)
    assert describe(result.warnings[1], "en").startswith("Row 5: “name” looks like a person's name")


def test_exports_keep_names_as_stored_and_mask_numbers(tmp_path):
    register = [Stakeholder(W, "Psykisk helse Nordby", "helse", 4, 4, contact_role="Kari Nordmann, 912 34 567")]
    (row,) = stakeholders_to_rows(register)
    assert (row["name"], row["contact_role"]) == ("Psykisk helse Nordby", "Kari Nordmann, [telefon]")
    assert "Psykisk helse Nordby" in stakeholders_csv(register) and "912" not in stakeholders_csv(register)
    sheet = openpyxl.load_workbook(write_stakeholders_xlsx(register, tmp_path / "x.xlsx"))["Interessenter"]
    assert sheet["A2"].value == "Psykisk helse Nordby"
