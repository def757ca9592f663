"""Risk assessments in and out of files: a plan's ROS sheet read row by row, and every export read back."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from helpers import workbook as xlsx
from samskaping.core.i18n import t
from samskaping.core.tables import Problem
from samskaping.risks.io import (
    EXPORT_COLUMNS,
    describe,
    parse_risk_table,
    read_risk_file,
    risks_csv,
    risks_json,
    risks_to_rows,
    write_risks_xlsx,
)
from samskaping.risks.model import Risk, RiskStatus, Thresholds

P = "p1"
LIKELIHOOD_HEADER = "Sannsynlighet (vurderingskala 1-5 der 5 er mest sannsynlig)"
CONSEQUENCE_HEADER = "Konsekvens (vurderingsskala 1-5 der 5 er største konsekvens)"


def fields(risk: Risk) -> tuple:
    return (risk.nr, risk.title, risk.likelihood, risk.consequence, risk.measures, risk.owner, risk.status)


@pytest.fixture
def assessment() -> list[Risk]:
    """Risks as a project plan has them, with text a spreadsheet would run or a CSV would split."""
    return [
        Risk(P, "Koordinator utfører ikke sine arbeidsoppgaver", 1, 2, nr=1, owner="Prosjektledelsen"),
        Risk(P, "Prosjektet forankres ikke blant ansatte", 4, 4, nr=2,
             measures="• Hyppig informasjon til ansatte\n• Evaluering av tiltak på underveisvurdering",
             owner="Arbeidsgruppa", status=RiskStatus.TILTAK),
        Risk(P, "Medlemmer i arbeidsgruppa tar ikke sitt ansvar", 2, 2, nr=3, status=RiskStatus.LUKKET),
        Risk(P, "Brukerstemmen tas ikke med; «ressurspersoner», \"sitat\"", 3, 4, nr=4,
             measures="- bevisst utvalg av ressurspersoner", owner="@koordinator"),
        Risk(P, '=HYPERLINK("http://x")', 5, 5, nr=5, measures="+1 fra ungdomsrådet"),
    ]


def nesseby_sheet() -> bytes:
    """A risk sheet as Nesseby's plan has it, saved by Norwegian Excel: cp1252, semicolons, long headings."""
    lines = [
        f"NR;Risiko;{LIKELIHOOD_HEADER};{CONSEQUENCE_HEADER};Risikoreduserende tiltak;Ansvarlig",
        "1;Koordinator utfører ikke sine arbeidsoppgaver;1;2;;Prosjektledelsen",  # row 2
        "2;Prosjektet forankres ikke blant ansatte;4;4;Hyppig informasjon til ansatte;Arbeidsgruppa",  # row 3
        "3;Medlemmer i arbeidsgruppa tar ikke sitt ansvar;Liten;Lav;;",  # row 4: the matrix's words
        '4;Brukerstemmen tas ikke med i prosjektarbeidet;Moderat;Alvorlig;"Bevisst utvalg; evaluering";Koordinator',
        "5;Store utskiftninger i personalgruppa;høy;3;;",  # row 6: "høy" is on neither scale
        "6;Ansatte mangler nødvendig kompetanse;7;2;;",  # row 7: 7 is off the scale
        "7;;3;3;Tiltak uten risiko;",  # row 8: no title
        "",  # an empty line is skipped but counted
        "9;Tiltak treffer ikke målgruppen;Meget stor;Svært alvorlig;;",  # row 10
    ]
    return "\r\n".join(lines).encode("cp1252")


# --- Import -----------------------------------------------------------------------------------


def test_a_nesseby_sheet_keeps_the_good_rows_and_reports_each_bad_one_by_its_row():
    result = read_risk_file(nesseby_sheet(), "Risikovurdering.csv", P)
    assert [(r.nr, r.title, r.likelihood, r.consequence, r.score) for r in result.risks] == [
        (1, "Koordinator utfører ikke sine arbeidsoppgaver", 1, 2, 2),
        (2, "Prosjektet forankres ikke blant ansatte", 4, 4, 16),
        (3, "Medlemmer i arbeidsgruppa tar ikke sitt ansvar", 2, 2, 4),
        (4, "Brukerstemmen tas ikke med i prosjektarbeidet", 3, 4, 12),
        (9, "Tiltak treffer ikke målgruppen", 5, 5, 25),
    ]
    assert [(r.measures, r.owner) for r in result.risks][1:4] == [
        ("Hyppig informasjon til ansatte", "Arbeidsgruppa"), ("", ""), ("Bevisst utvalg; evaluering", "Koordinator")]
    assert all(r.project_id == P for r in result.risks)
    assert result.problems == [
        Problem(6, "likelihood", "bad_scale", "høy"),
        Problem(7, "likelihood", "bad_scale", "7"),
        Problem(8, "title", "missing_title", ""),
    ]
    assert result.warnings == [] and not result.ok
    assert [describe(p) for p in result.problems] == [
        "Rad 6: sannsynlighet «høy» er ikke på skalaen. Skriv et helt tall fra 1 til 5 eller et av ordene: "
        "1 = Meget liten, 2 = Liten, 3 = Moderat, 4 = Stor, 5 = Meget stor.",
        "Rad 7: sannsynlighet «7» er ikke på skalaen. Skriv et helt tall fra 1 til 5 eller et av ordene: "
        "1 = Meget liten, 2 = Liten, 3 = Moderat, 4 = Stor, 5 = Meget stor.",
        "Rad 8: risikoen mangler. Skriv kort hva som kan gå galt.",
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_csv_in_every_encoding_and_separator_norwegian_spreadsheets_write(encoding, separator):
    text = separator.join(["Nr.", "Uønsket hendelse", "Sannsynlighet", "Konsekvens", "Tiltak", "Ansvarlig"])
    text += "\n" + separator.join(["1", "Rutiner tas ikke i bruk", "Stor", "Svært alvorlig", "Opplæring",
                                   "Virksomhetsleder"]) + "\n"
    result = read_risk_file(text.encode(encoding), "ros.txt", P)
    assert result.problems == []
    [risk] = result.risks
    assert fields(risk) == (1, "Rutiner tas ikke i bruk", 4, 5, "Opplæring", "Virksomhetsleder", "apen")


def test_an_excel_sheet_with_a_section_title_numbers_and_formulas_values():
    data = xlsx([
        ["4.2 Risikovurdering"],
        [],
        ["#", "Risikoforhold", "Sannsynlighet for at det skjer", "Konsekvens for prosjektet", "Risiko",
         "Tiltak for å redusere risiko", "Ansvar", "Status"],
        [1, "Ingen arbeidsgruppemøter", 2.0, 3, 6, "Faste møtedatoer", "Koordinator", "Lukket"],  # row 4
        [None, "Arbeid med prosjektet stopper opp", "Moderat", "4", 12, None, None, "under arbeid"],  # row 5
        [3, "Kommunen får ikke system for rutinene", 6, 1, None, None, None, None],  # row 6
        [1, "Samme nummer to ganger", 1, 1, None, None, None, None],  # row 7
        ["1.1", "Et undernummer", 1, 1, None, None, None, "kanskje"],  # row 8
    ])
    result = read_risk_file(data, "ROS 0-24.xlsx", P)
    assert [fields(r) for r in result.risks] == [
        (1, "Ingen arbeidsgruppemøter", 2, 3, "Faste møtedatoer", "Koordinator", "lukket"),
        (2, "Arbeid med prosjektet stopper opp", 3, 4, "", "", "tiltak"),  # no number: its position
    ]
    assert result.problems == [
        Problem(6, "likelihood", "bad_scale", "6"),
        Problem(7, "nr", "duplicate_nr", "1"),
        Problem(8, "nr", "bad_nr", "1.1"),
        Problem(8, "status", "unknown_status", "kanskje"),
    ]
    assert describe(result.problems[1]) == "Rad 7: nummeret 1 er brukt på en rad over. Gi hver risiko sitt eget nummer."
    assert describe(result.problems[3]) == (
        "Rad 8: statusen «kanskje» kjenner vi ikke. Bruk en av: Åpen, Tiltak pågår, Lukket, "
        "eller la feltet stå tomt for åpen.")


def test_a_risk_without_a_number_takes_its_position_or_the_next_free_one():
    table = [["Risiko", "S", "K", "Nr"], ["A", 1, 1, ""], ["B", 1, 1, "1"], ["C", 1, 1, ""], ["D", 1, 1, "Nr. 7"]]
    result = parse_risk_table(table, P)
    assert result.problems == []
    assert [(r.title, r.nr) for r in result.risks] == [("A", 8), ("B", 1), ("C", 3), ("D", 7)]


def test_sheets_in_nynorsk_and_english_are_read():
    nynorsk = ("Nr;Risiko;Sannsynlegheit;Konsekvens;Risikoreduserande tiltak;Ansvarleg\n"
               "1;Prosjektet blir ikkje forankra;Svært lita;Svært alvorleg;Informasjon på personalmøte;"
               "Prosjektleiinga\n").encode()
    english = (b"No.,Risk,Likelihood,Impact,Measures,Owner,Status\n"
               b"1,Staff turnover,Very high,Negligible,Induction for new staff,Project group,Closed\n")
    [nn] = read_risk_file(nynorsk, "ros.csv", P).risks
    [en] = read_risk_file(english, "ros.csv", P).risks
    assert fields(nn) == (1, "Prosjektet blir ikkje forankra", 1, 5, "Informasjon på personalmøte", "Prosjektleiinga",
                          "apen")
    assert fields(en) == (1, "Staff turnover", 5, 1, "Induction for new staff", "Project group", "lukket")


def test_an_event_column_beside_a_risk_column_reads_the_risk_column_as_the_score():
    """Many ROS templates: "Uønsket hendelse" names the risk, "Risiko" holds S x K."""
    table = [["Uønsket hendelse", "Sannsynlighet", "Konsekvens", "Risiko", "Sannsynlighet x konsekvens"],
             ["Ingen fremdrift", 2, 5, 10, 10]]
    result = parse_risk_table(table, P)
    assert [(r.title, r.score) for r in result.risks] == [("Ingen fremdrift", 10)]
    assert result.problems == [Problem(1, "score", "duplicate_column", "Sannsynlighet x konsekvens")]


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (b"", "ros.csv", Problem(1, "", "empty_file", "")),
        (b"Risiko;Sannsynlighet;Konsekvens\n", "ros.csv", Problem(1, "", "empty_file", "")),
        (b"Risiko;Farge\nA;gul\n", "ros.csv", Problem(1, "likelihood", "missing_column", "")),
        (b"...", "C:\\fakepath\\ros.docx", Problem(1, "", "bad_file_type", "ros.docx")),
        (b"...", "ros.xls", Problem(1, "", "old_excel", "ros.xls")),
        (b"PK\x03\x04 broken", "ros.xlsx", Problem(1, "", "bad_xlsx", "ros.xlsx")),
        (b"PK\x03\x04 not text", "ros.csv", Problem(1, "", "not_csv", "ros.csv")),
    ],
)
def test_a_file_that_cannot_be_read_says_so_in_one_sentence(data, name, problem):
    result = read_risk_file(data, name, P)
    assert result.risks == [] and problem in result.problems
    sentence = describe(problem)
    assert "{" not in sentence and sentence.endswith(".")


def test_missing_values_and_long_texts_are_reported_with_their_field():
    table = [["Risiko", "Sannsynlighet", "Konsekvens", "Ansvarlig", "Farge"],
             ["A", "", "3", "", "gul"], ["x" * 201, 2, 2, "", ""], ["C", 2, 2, "y" * 201, ""]]
    result = parse_risk_table(table, P)
    assert result.risks == []
    assert [(p.row, p.field, p.reason) for p in result.problems] == [
        (1, "", "unknown_column"), (2, "likelihood", "missing_value"), (3, "title", "too_long"),
        (4, "owner", "too_long")]
    assert describe(result.problems[1]) == (
        "Rad 2: sannsynlighet mangler. Skriv et helt tall fra 1 til 5 eller et av ordene på skalaen: "
        "1 = Meget liten, 2 = Liten, 3 = Moderat, 4 = Stor, 5 = Meget stor.")
    assert describe(result.problems[2]) == "Rad 3: risiko er for lang. Kort den ned til 200 tegn eller færre."
    assert describe(result.problems[0]) == "Kolonnen «Farge» kjenner vi ikke igjen, og den ble hoppet over."


def test_an_owner_who_looks_like_a_person_is_a_warning_not_a_problem():
    table = [["Risiko", "Sannsynlighet", "Konsekvens", "Ansvarlig"], ["Ingen møter", 2, 2, "Kari Nordmann"],
             ["Ingen rutiner", 2, 2, "NAV Nordby"]]
    result = parse_risk_table(table, P)
    assert len(result.risks) == 2 and result.problems == []
    assert result.warnings == [Problem(2, "owner", "person_name", "")]
    assert describe(result.warnings[0]).startswith("Rad 2: «ansvarlig» ser ut som et personnavn")


# --- Export -----------------------------------------------------------------------------------


def test_the_json_contract_has_exactly_these_keys_in_this_order(assessment):
    data = json.loads(risks_json(assessment))
    assert list(data) == ["risks"]
    assert [list(row) for row in data["risks"]] == [
        ["nr", "title", "likelihood", "consequence", "score", "level", "measures", "owner", "status"]] * 5
    assert list(EXPORT_COLUMNS) == list(data["risks"][0])
    assert data["risks"][1] == {
        "nr": 2, "title": "Prosjektet forankres ikke blant ansatte", "likelihood": 4, "consequence": 4, "score": 16,
        "level": "hoy", "measures": "• Hyppig informasjon til ansatte\n• Evaluering av tiltak på underveisvurdering",
        "owner": "Arbeidsgruppa", "status": "tiltak"}
    assert [row["level"] for row in data["risks"]] == ["lav", "hoy", "lav", "hoy", "hoy"]
    assert "ø" in risks_json(assessment)  # ensure_ascii=False
    strict = json.loads(risks_json(assessment, Thresholds(middels=2, hoy=20)))
    assert [row["level"] for row in strict["risks"]] == ["middels", "middels", "middels", "middels", "hoy"]
    assert json.loads(risks_json([])) == {"risks": []}


def test_exports_mask_personal_data_but_keep_roles():
    risk = Risk(P, "Ingen møter", 2, 2, owner="Koordinator, tlf 912 34 567")
    [row] = risks_to_rows([risk])
    assert row["owner"] == "Koordinator, tlf [telefon]"
    assert row["nr"] == 1  # not numbered yet: shown as the next free number


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_csv_written_in_each_language_reads_back_to_the_same_risks(assessment, lang):
    text = risks_csv(assessment, lang=lang)
    header = text.splitlines()[0].split(",")
    assert header[1] == t("risk.field.title", lang).capitalize()
    assert text.splitlines()[-1].startswith('5,"\'=HYPERLINK(')  # a formula is never a formula
    for data in (text.encode("utf-8-sig"), risks_csv(assessment, lang=lang, delimiter=";").encode("cp1252")):
        back = read_risk_file(data, f"ros-{lang}.csv", P)
        assert back.problems == []
        assert [fields(r) for r in back.risks] == [fields(r) for r in assessment]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_workbook_written_in_each_language_reads_back_to_the_same_risks(assessment, lang, tmp_path):
    path = write_risks_xlsx(assessment, tmp_path / f"ros-{lang}.xlsx", lang=lang)
    back = read_risk_file(path.read_bytes(), path.name, P)
    assert back.problems == []
    assert [fields(r) for r in back.risks] == [fields(r) for r in assessment]

    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.title == t("risk.sheet.risks", lang)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(t(f"risk.field.{c}", lang)[:1].upper() + t(f"risk.field.{c}", lang)[1:]
                            for c in EXPORT_COLUMNS)
    assert [row[4] for row in rows[1:]] == [2, 16, 4, 12, 25]  # the score, as numbers
    assert [row[5] for row in rows[1:]] == [t(f"risk.level.{level}", lang)
                                            for level in ("lav", "hoy", "lav", "hoy", "hoy")]
    formula = sheet.cell(row=6, column=2)
    assert formula.value == '=HYPERLINK("http://x")' and formula.data_type == "s"
    assert sheet.cell(row=5, column=8).data_type == "s"  # "@koordinator"


def test_the_nb_workbook_has_a_risikovurdering_sheet_with_shaded_levels(assessment):
    buffer = io.BytesIO()
    assert write_risks_xlsx(assessment, buffer, thresholds=Thresholds(3, 12)) is None
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    assert sheet.title == "Risikovurdering"
    levels = [sheet.cell(row=r, column=6).value for r in range(2, 7)]
    assert levels == ["Lav", "Høy", "Middels", "Høy", "Høy"]
    fills = {sheet.cell(row=r, column=6).fill.start_color.rgb[-6:] for r in range(2, 7)}
    assert len(fills) == 3  # one shade per level
