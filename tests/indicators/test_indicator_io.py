"""Evaluation plans and measurements: a Midt-Telemark table in, sheets in, CSV, Excel and JSON out and back."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import openpyxl
import pytest

from helpers import workbook as xlsx
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.tables import Problem
from samskaping.goals.io import goals_json, read_goals_json
from samskaping.indicators.io import (
    MEASUREMENT_COLUMNS,
    PLAN_COLUMNS,
    describe,
    find_goal,
    indicators_json,
    measurements_csv,
    measurements_to_rows,
    parse_plan_table,
    plan_csv,
    plan_to_rows,
    read_indicators_json,
    read_measurement_file,
    read_plan_file,
    write_measurements_xlsx,
    write_plan_xlsx,
)
from samskaping.indicators.model import EvaluationPlanEntry, Measurement

P = "p1"

# Midt-Telemark's table as a coordinator copies it from the plan into Excel and saves it as CSV on Norwegian
# Windows: cp1252, semicolons, an empty column where the plan had two, a merged goal cell left empty.
MIDT_TELEMARK = "\r\n".join([
    "Mål/delmål;Aktiviteter;Evalueringsspørsmål;Datakilde;;Metode;Tidspunkt;Analyse/bruk;Ansvarlig",
    '"Skape oppmerksomhet, engasjement og eierskap omkring tiltaket og mobilisere lokale ressurser i '
    'tiltaksutviklingen.";Gjennomføre samskapingsdag i samarbeid med frivilligheten, foreldre og kommuneansatte.;'
    "Hvor mange og hvem deltok på samskapingsdagen?;Deltakerne;;Registrering ved ankomst;Mars 2025;"
    "Rapportering til Bufdir;Prosjektleder",  # 2
    ";;Hvordan opplevde deltakerne dagen og opplegget?;Deltakerne;;Evalueringsskjema i etterkant;Mars 2025;"
    "Grunnlag for videre utvikling av tiltaket;Prosjektleder",  # 3: the merged goal cell
    ";Samarbeide med lokalavis om en reportasje fra samlingen;Hvor mange har lest reportasjen?;"
    "Journalist i lokalavis;;Rapportering av lesertall;;Grunnlag for en kommunikasjonsstrategi;",  # 4
    "Alle ansatte kjenner til felles rutiner for arbeid med elever;Kurs i fraværsrutiner;"
    "Kjenner ansatte rutinene for fravær?;Ansatte i skolene;;Spørreskjema;Høsten 2025;Justere opplæringen;"
    "Nærværskoordinator",  # 5: the start of the goal's text
    "Et mål som ikke står i planen;Foreldremøter;Kom foreldrene?;Foresatte;;Registrering;Våren 2026;;",  # 6: bad
    ";;;;;;;;",  # 7: empty
    '"1.2 Foresatte vet hvor de skal henvende seg";Åpen dør på helsestasjonen;"Vet foresatte hvem de skal '
    'kontakte?";Foresatte;;Spørreskjema;Våren 2026;Sluttrapport;Helsesykepleier',  # 8: by its number
]) + "\r\n"


def plan_shape(entries, goals) -> list[tuple]:
    """What must survive a round trip: each entry's goal (by position) and fields, in order."""
    position = {goal.id: i for i, goal in enumerate(goals)}
    return [(position.get(e.goal_id), e.question, e.activity, e.method, e.source, e.when, e.use, e.who)
            for e in entries]


def measurement_shape(measurements, goals) -> list[tuple]:
    position = {goal.id: i for i, goal in enumerate(goals)}
    return sorted((position.get(m.goal_id), m.kind.value, m.measured, m.value, m.unit, m.indicator, m.note, m.source)
                  for m in measurements)


# --- Goals by text or number ----------------------------------------------------------------------


def test_a_goal_is_found_by_its_text_its_number_or_the_start_of_its_text(goals, goal_list):
    e1, r1, e2 = goals["e1"], goals["r1"], goals["e2"]
    assert find_goal(e1.text.upper() + " ", goal_list) == (e1, "")
    assert find_goal("  Skape   oppmerksomhet, engasjement og eierskap omkring tiltaket og mobilisere lokale "
                     "ressurser i tiltaksutviklingen", goal_list) == (e1, "")  # no full stop, spaces
    assert find_goal("1.1.1", goal_list) == (r1, "")
    assert find_goal("1.2.", goal_list) == (e2, "")
    assert find_goal("1.2 Foresatte vet", goal_list) == (e2, "")
    assert find_goal("9.9 Alle ansatte kjenner til felles rutiner", goal_list) == (r1, "")  # a wrong number, its text
    assert find_goal("Alle ansatte kjenner til felles rutiner", goal_list) == (r1, "")
    assert find_goal("Alle", goal_list) == (None, "unknown_goal")  # too short to be the start of a goal
    assert find_goal("Ungdata", goal_list) == (None, "unknown_goal")
    twin = goals["r2"].__class__(P, "resultatmal", "Alle skoler har et nærværsteam.", parent_id=e2.id)
    assert find_goal("Alle skoler har et nærværsteam", [*goal_list, twin]) == (None, "ambiguous_goal")


# --- The plan in ---------------------------------------------------------------------------------


def test_a_midt_telemark_plan_reads_each_row_for_its_goal_and_reports_the_bad_row(goals, goal_list):
    result = read_plan_file(MIDT_TELEMARK.encode("cp1252"), "Evalueringsplan.csv", P, goal_list)
    entries = result.entries
    e1, r1, e2 = goals["e1"], goals["r1"], goals["e2"]
    assert [(e.nr, e.goal_id) for e in entries] == [(1, e1.id), (2, e1.id), (3, e1.id), (4, r1.id), (5, e2.id)]
    first = entries[0]
    assert (first.activity, first.question, first.source, first.method, first.when, first.use, first.who) == (
        "Gjennomføre samskapingsdag i samarbeid med frivilligheten, foreldre og kommuneansatte.",
        "Hvor mange og hvem deltok på samskapingsdagen?", "Deltakerne", "Registrering ved ankomst", "Mars 2025",
        "Rapportering til Bufdir", "Prosjektleder")
    assert entries[1].question == "Hvordan opplevde deltakerne dagen og opplegget?"
    assert entries[1].method == "Evalueringsskjema i etterkant"
    assert (entries[2].question, entries[2].when, entries[2].who) == ("Hvor mange har lest reportasjen?", "", "")
    assert entries[4].question == "Vet foresatte hvem de skal kontakte?"
    assert result.problems == [Problem(6, "goal", "unknown_goal", "Et mål som ikke står i planen")]
    assert not result.ok and result.warnings == []
    assert describe(result.problems[0]) == (
        "Rad 6: målet «Et mål som ikke står i planen» finnes ikke i prosjektet, så raden ble ikke lest inn. Skriv "
        "målets nummer (som «1.2») eller teksten slik den står i målhierarkiet.")


def test_rows_without_a_goal_above_or_without_a_question_are_left_out_by_their_row_number(goal_list):
    table = [[], ["Mål/delmål", "Evalueringsspørsmål", "Metode"],
             ["", "Hvem deltok?", "Registrering"],  # 3: nothing above to belong to
             ["1.1", "", "Intervju"],  # 4: no question
             ["1.1", "Hvem deltok?", "x" * 501],  # 5: too long
             ["1.1", "Hvordan var dagen?", "Evalueringsskjema"]]
    result = parse_plan_table(table, P, goal_list)
    assert [(e.nr, e.question) for e in result.entries] == [(1, "Hvordan var dagen?")]
    assert result.problems == [
        Problem(3, "goal", "missing_goal", ""), Problem(4, "question", "missing_question", ""),
        Problem(5, "method", "too_long", "x" * 79 + "…")]
    assert [describe(p) for p in result.problems] == [
        "Rad 3: raden sier ikke hvilket mål den gjelder, og ingen rad over den gjør det. Skriv målets nummer "
        "(som «1.2») eller teksten i kolonnen «Mål».",
        "Rad 4: evalueringsspørsmålet mangler, så raden ble ikke lest inn. Skriv hva dere vil finne ut i kolonnen "
        "«Evalueringsspørsmål».",
        "Rad 5: metode er for lang, så raden ble ikke lest inn. Kort den ned til 500 tegn eller færre.",
    ]


def test_a_nynorsk_plan_in_excel_reads_its_first_sheet(goals, goal_list):
    data = xlsx([
        ["Mål/delmål", "Evalueringsspørsmål", "Datakjelde", "Metode", "Tidspunkt", "Analyse/bruk", "Ansvarleg",
         "Farge"],
        ["1.1.2", "Kor mange skular har team?", "Registerdata", "Oppteljing", "Desember 2025", "Sluttrapport",
         "Rektor", "raud"],
    ])
    result = read_plan_file(data, "plan.xlsx", P, goal_list)
    [entry] = result.entries
    assert (entry.goal_id, entry.source, entry.who, entry.use) == (goals["r2"].id, "Registerdata", "Rektor",
                                                                   "Sluttrapport")
    assert result.problems == [Problem(1, "", "unknown_column", "Farge")]


@pytest.mark.parametrize("data,filename,expected", [
    (b"", "plan.csv", [Problem(1, "", "empty_file", "")]),
    (b"Metode;Tidspunkt\nIntervju;Mars\n", "plan.csv",
     [Problem(1, "goal", "missing_column", ""), Problem(1, "question", "missing_column", "")]),
    (b"...", "C:\\fakepath\\plan.docx", [Problem(1, "", "bad_file_type", "plan.docx")]),
    (b"...", "plan.xls", [Problem(1, "", "old_excel", "plan.xls")]),
])
def test_files_that_cannot_be_read_give_a_problem_that_says_why(goal_list, data, filename, expected):
    result = read_plan_file(data, filename, P, goal_list)
    assert result.entries == [] and result.problems == expected
    assert all(describe(p) and "{" not in describe(p) for p in expected)


def test_a_person_name_in_a_good_row_is_a_warning(goal_list):
    result = parse_plan_table([["Mål", "Evalueringsspørsmål", "Ansvarlig"], ["1.1", "Hvem deltok?", "Kari Nordmann"]],
                              P, goal_list)
    assert len(result.entries) == 1 and result.problems == []
    assert result.warnings == [Problem(2, "who", "person_name", "")]
    assert describe(result.warnings[0]).startswith("Rad 2: ansvarlig ser ut som et personnavn.")


# --- Measurements in -----------------------------------------------------------------------------


def test_a_measurement_sheet_reads_kinds_dates_and_values_as_people_write_them(goals, goal_list):
    text = "\r\n".join([
        "Mål;Type;Dato;Verdi;Enhet;Merknad",
        "1.1.1;Nullpunktsmåling;15.01.2025;41 %;;Spørreundersøkelse til ansatte",  # 2
        ";Undervegs;1.9.25;58;%;",  # 3: the goal above
        ";Sluttevaluering;2026-05-30;83,0;%;",  # 4
        "1.2.1;Midtveis;01.06.2025;;;Intervju med fem familier",  # 5: a note only
        "1.1.2;Kartlegging;01.02.2025;1;antall;",  # 6: unknown kind
        "1.1.2;Nullpunkt;i fjor;1;antall;",  # 7: bad date
        "1.1.2;Nullpunkt;;1;antall;",  # 8: no date
        "1.1.2;Nullpunkt;01.02.2025;mange;antall;",  # 9: bad value
        "1.1.2;Slutt;01.06.2026;;antall;",  # 10: neither value nor note
        "1.1.2;;01.06.2026;3;antall;",  # 11: no kind
        "1.1.2;Baseline;01.02.2025;1;antall;",  # 12
    ]) + "\r\n"
    result = read_measurement_file(text.encode("cp1252"), "målinger.csv", P, goal_list)
    r1, r2, r3 = goals["r1"], goals["r2"], goals["r3"]
    assert [(m.goal_id, m.kind, m.measured, m.value, m.unit, m.note) for m in result.measurements] == [
        (r1.id, "nullpunkt", date(2025, 1, 15), 41.0, "%", "Spørreundersøkelse til ansatte"),
        (r1.id, "underveis", date(2025, 9, 1), 58.0, "%", ""),
        (r1.id, "slutt", date(2026, 5, 30), 83.0, "%", ""),
        (r3.id, "underveis", date(2025, 6, 1), None, "", "Intervju med fem familier"),
        (r2.id, "nullpunkt", date(2025, 2, 1), 1.0, "antall", ""),
    ]
    assert result.problems == [
        Problem(6, "kind", "unknown_kind", "Kartlegging"), Problem(7, "measured", "bad_date", "i fjor"),
        Problem(8, "measured", "missing_date", ""), Problem(9, "value", "bad_value", "mange"),
        Problem(10, "value", "no_value", ""), Problem(11, "kind", "missing_kind", ""),
    ]
    sentences = [describe(p) for p in result.problems]
    assert sentences[0] == ("Rad 6: typen «Kartlegging» kjenner vi ikke, så raden ble ikke lest inn. Bruk nullpunkt "
                            "(nullpunktsmåling, baseline, førmåling), underveis (underveisevaluering, midtveis) eller "
                            "slutt (sluttevaluering, etter).")
    assert sentences[1] == ("Rad 7: datoen «i fjor» kan ikke leses, så raden ble ikke lest inn. Skriv den som "
                            "15.03.2025 eller 2025-03-15.")
    assert sentences[5].endswith("i kolonnen «Type».")
    for lang in ("nn", "en"):
        assert all("{" not in describe(p, lang) for p in result.problems)


def test_an_excel_sheet_of_measurements_gives_dates_and_numbers_as_excel_keeps_them(goals, goal_list):
    data = xlsx([["Mål", "Type", "Dato", "Verdi", "Enhet", "Merknad", "Indikator", "Datakilde"],
                 [goals["r1"].text, "Slutt", datetime(2026, 5, 30), 0.5 + 82.5, "%", None, "Andel", "Ungdata"],
                 ["1.1.2", "Final", "2026-06-01", 4, "antall", None, None, None]])
    result = read_measurement_file(data, "målinger.xlsx", P, goal_list)
    assert result.problems == []
    assert [(m.goal_id, m.kind, m.measured, m.value, m.indicator, m.source) for m in result.measurements] == [
        (goals["r1"].id, "slutt", date(2026, 5, 30), 83.0, "Andel", "Ungdata"),
        (goals["r2"].id, "slutt", date(2026, 6, 1), 4.0, "", "")]


# --- Out and back ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_plan_as_csv_reads_back_to_the_same_entries(goal_list, plan, lang):
    plan = [*plan, EvaluationPlanEntry(P, goal_list[1].id, "=Hvor mange?\nOg hvem?", method="-2 per skole",
                                       use="@rapport\nTil styringsgruppen", nr=3)]
    text = plan_csv(plan, goal_list, lang=lang)
    assert text.splitlines()[0].count(",") == len(PLAN_COLUMNS) - 1
    for delimiter, encoding in ((",", "utf-8-sig"), (";", "cp1252")):
        data = plan_csv(plan, goal_list, lang=lang, delimiter=delimiter).encode(encoding)
        result = read_plan_file(data, "plan.csv", P, goal_list)
        assert result.problems == [] and result.warnings == []
        assert plan_shape(result.entries, goal_list) == plan_shape(
            sorted(plan, key=lambda e: (e.goal_id != goal_list[1].id, e.nr)), goal_list)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_plan_as_excel_reads_back_and_no_cell_is_a_formula(goal_list, plan, lang, tmp_path):
    plan[0].question = "=SUM(A1)"
    path = write_plan_xlsx(plan, goal_list, tmp_path / f"plan-{lang}.xlsx", lang=lang)
    result = read_plan_file(path.read_bytes(), path.name, P, goal_list)
    assert result.problems == []
    assert plan_shape(result.entries, goal_list) == plan_shape(plan, goal_list)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [cell.data_type for cell in sheet[2]][2] == "s" and sheet.cell(2, 3).value == "=SUM(A1)"
    buffer = io.BytesIO()
    assert write_plan_xlsx(plan, goal_list, buffer, lang=lang) is None
    assert plan_shape(read_plan_file(buffer.getvalue(), "x.xlsx", P, goal_list).entries, goal_list) == plan_shape(
        plan, goal_list)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_measurements_as_csv_and_excel_read_back_to_the_same(goal_list, measurements, lang, tmp_path):
    measurements = [*measurements, Measurement(P, goal_list[3].id, "underveis", date(2025, 9, 1), -0.25, "endring",
                                               note="=Nedgang\nfra i fjor", indicator="Endring i andel")]
    text = measurements_csv(measurements, goal_list, lang=lang)
    assert text.splitlines()[0].count(",") == len(MEASUREMENT_COLUMNS) - 1
    for data, name in ((text.encode("utf-8-sig"), "m.csv"),
                       (measurements_csv(measurements, goal_list, lang=lang, delimiter=";").encode("cp1252"), "m.csv")):
        result = read_measurement_file(data, name, P, goal_list)
        assert result.problems == []
        assert measurement_shape(result.measurements, goal_list) == measurement_shape(measurements, goal_list)
    path = write_measurements_xlsx(measurements, goal_list, tmp_path / "m.xlsx", lang=lang)
    result = read_measurement_file(path.read_bytes(), "m.xlsx", P, goal_list)
    assert result.problems == []
    assert measurement_shape(result.measurements, goal_list) == measurement_shape(measurements, goal_list)
    values = [row[4] for row in openpyxl.load_workbook(path).worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert 41 in values and None in values  # numbers stay numbers; a note-only row has no value


def test_rows_name_goals_by_number_in_tree_order_with_days_and_decimal_marks_in_the_reader_language(
        goals, goal_list, plan, measurements):
    rows = plan_to_rows(reversed(plan), goal_list)
    assert [row["goal"][:6] for row in rows] == ["1.1 Sk", "1.1.1 "]
    assert list(rows[0]) == list(PLAN_COLUMNS)
    nb = measurements_to_rows(measurements, goal_list)
    assert [row["goal"].split()[0] for row in nb] == ["1.1.1"] * 3 + ["1.1.2"] * 2 + ["1.2.1"]
    assert (nb[0]["kind"], nb[0]["measured"], nb[0]["value"]) == ("Nullpunkt", "15.01.2025", 41.0)
    assert "«i stor grad»" not in nb[0]["goal"]
    text = measurements_csv(measurements[:1], goal_list, lang="nb")
    assert text.splitlines()[0] == "Mål,Indikator,Type,Dato,Verdi,Enhet,Merknad,Datakilde"
    assert plan_csv([], goal_list).splitlines()[0] == (
        "Mål/delmål,Aktiviteter,Evalueringsspørsmål,Datakilde,Metode,Tidspunkt,Analyse/bruk,Ansvarlig")


def test_exports_mask_personal_data(goal_list, goals):
    m = Measurement(P, goals["r3"].id, "underveis", date(2025, 6, 1), None,
                    note="Mor ringte fra 912 34 567, fnr 01017012345")
    entry = EvaluationPlanEntry(P, goals["r3"].id, "Ring 912 34 567 for intervju?")
    for text in (measurements_csv([m], goal_list), plan_csv([entry], goal_list), indicators_json([entry], [m])):
        assert "912 34 567" not in text and "01017012345" not in text
        assert "[telefon]" in text


# --- JSON --------------------------------------------------------------------------------------


def test_json_reads_back_into_the_same_project_and_by_number_into_goals_imported_again(
        goal_list, plan, measurements):
    text = indicators_json(plan, measurements, goal_list)
    data = json.loads(text)
    assert set(data) == {"plan", "measurements"}
    assert list(data["plan"][0]) == ["goal", "goal_id", "question", "activity", "method", "source", "when", "who",
                                     "use"]
    assert data["measurements"][0]["goal"] == "1.1.1" and data["measurements"][5]["value"] is None
    back_plan, back = read_indicators_json(text, P, goal_list)
    assert plan_shape(back_plan, goal_list) == plan_shape(plan, goal_list)
    assert [e.nr for e in back_plan] == [1, 2]
    assert measurement_shape(back, goal_list) == measurement_shape(measurements, goal_list)
    # Goals exported and imported again get new ids: the outline number finds them.
    again = read_goals_json(goals_json(goal_list), "p2")
    plan2, back2 = read_indicators_json(text, "p2", again)
    assert plan_shape(plan2, again) == plan_shape(plan, goal_list)
    assert measurement_shape(back2, again) == measurement_shape(measurements, goal_list)
    assert {m.project_id for m in back2} == {"p2"}
    # Without goals, the ids are taken as they are.
    _, raw = read_indicators_json(text.encode("utf-8"), P)
    assert [m.goal_id for m in raw] == [m.goal_id for m in measurements]


@pytest.mark.parametrize("text,reason,field", [
    ("not json", "not_indicators_json", None),
    ("[]", "not_indicators_json", None),
    ('{"plan": {}}', "not_indicators_json", None),
    ('{"measurements": [{"goal_id": "g1", "kind": "slutt", "measured": "2025-06-01", "value": 3, "colour": 1}]}',
     "bad_indicator_entry", "colour"),
    ('{"measurements": [{"goal_id": "g1", "kind": "kartlegging", "measured": "2025-06-01", "value": 3}]}',
     "bad_indicator_entry", "kind"),
    ('{"measurements": [{"goal_id": "g1", "kind": "slutt", "measured": "01.06.2025", "value": 3}]}',
     "bad_indicator_entry", "measured"),
    ('{"measurements": [{"goal_id": "g1", "kind": "slutt", "measured": "2025-06-01", "value": null}]}',
     "bad_indicator_entry", "value"),
    ('{"measurements": [{"goal_id": "g1", "kind": "slutt", "value": 1}]}', "bad_indicator_entry", "measured"),
    ('{"plan": [{"goal_id": "g1"}]}', "bad_indicator_entry", "question"),
    ('{"plan": [{"question": "Hvem?"}]}', "bad_indicator_entry", "goal_id"),
    ('{"plan": ["x"]}', "bad_indicator_entry", "plan"),
])
def test_json_that_cannot_be_read_is_refused_whole_naming_the_entry_and_field(text, reason, field):
    with pytest.raises(InvalidInputError) as info:
        read_indicators_json(text, P)
    assert info.value.reason == reason
    if field:
        assert info.value.params["field"] == field and info.value.params["number"] == 1
    from samskaping.indicators.model import describe_error

    assert describe_error(info.value) and "{" not in describe_error(info.value)


def test_json_with_a_goal_that_is_not_in_the_project_is_refused(goal_list):
    text = '{"plan": [{"goal": "7.7", "goal_id": "gone", "question": "Hvem?"}], "measurements": []}'
    with pytest.raises(InvalidInputError) as info:
        read_indicators_json(text, P, goal_list)
    assert info.value.reason == "bad_indicator_entry" and info.value.params["field"] == "goal"


# Headings and kinds as the nynorsk and English catalogues word them (until their .po files carry them, the
# exports above fall back to bokmål; these show the translated sheets read back too).
TRANSLATED = {
    "nn": {"plan_goal": "mål/delmål", "activity": "aktivitetar", "question": "evalueringsspørsmål",
           "source": "datakjelde", "method": "metode", "when": "tidspunkt", "use": "analyse/bruk", "who": "ansvarleg",
           "goal": "mål", "indicator": "indikator", "kind": "type", "measured": "dato", "value": "verdi",
           "unit": "eining", "note": "merknad", "kinds": ("Nullpunkt", "Undervegs", "Slutt")},
    "en": {"plan_goal": "goal/sub-goal", "activity": "activities", "question": "evaluation question",
           "source": "data source", "method": "method", "when": "timing", "use": "analysis/use", "who": "responsible",
           "goal": "goal", "indicator": "indicator", "kind": "kind", "measured": "date", "value": "value",
           "unit": "unit", "note": "note", "kinds": ("Baseline", "Interim", "Final")},
}


@pytest.fixture
def translated(monkeypatch):
    """The catalogue with ``TRANSLATED``'s words, and the heading and kind lookups built afresh from it."""
    from samskaping.core.i18n import CATALOGUE
    from samskaping.indicators import io as indicator_io
    from samskaping.indicators import model

    for lang, words in TRANSLATED.items():
        texts = CATALOGUE[lang]
        for name, word in words.items():
            if name != "kinds":
                monkeypatch.setitem(texts, f"indicator.field.{name}", word)
        for kind, word in zip(("nullpunkt", "underveis", "slutt"), words["kinds"], strict=True):
            monkeypatch.setitem(texts, f"indicator.kind.{kind}", word)
    indicator_io._headings.cache_clear()
    model._kind_lookup.cache_clear()
    yield
    indicator_io._headings.cache_clear()
    model._kind_lookup.cache_clear()


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_translated_sheets_read_back_to_the_same(translated, goal_list, plan, measurements, lang, tmp_path):
    header = plan_csv(plan, goal_list, lang=lang).splitlines()[0]
    assert header.split(",")[0] == TRANSLATED[lang]["plan_goal"].capitalize()
    assert plan_shape(read_plan_file(plan_csv(plan, goal_list, lang=lang).encode(), "p.csv", P, goal_list).entries,
                      goal_list) == plan_shape(plan, goal_list)
    text = measurements_csv(measurements, goal_list, lang=lang)
    assert TRANSLATED[lang]["kinds"][1] in text
    result = read_measurement_file(text.encode(), "m.csv", P, goal_list)
    assert result.problems == []
    assert measurement_shape(result.measurements, goal_list) == measurement_shape(measurements, goal_list)
    path = write_measurements_xlsx(measurements, goal_list, tmp_path / "m.xlsx", lang=lang)
    assert measurement_shape(read_measurement_file(path.read_bytes(), "m.xlsx", P, goal_list).measurements,
                             goal_list) == measurement_shape(measurements, goal_list)
