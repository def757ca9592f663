"""Goal sheets: a plan's table in (CSV and Excel), CSV, Excel and JSON out, and back to the same goals."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from helpers import workbook as xlsx
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.tables import Problem
from samskaping.goals.io import (
    COLUMNS,
    JSON_KEYS,
    describe,
    goals_csv,
    goals_json,
    goals_to_rows,
    ordered,
    parse_goal_table,
    read_goal_file,
    read_goals_json,
    write_goals_xlsx,
)
from samskaping.goals.model import Goal, check_goals

P = "p1"
FIELDS = ("level", "text", "indicator", "source", "when", "owner")

# A Siljan-style sheet as a coordinator saves it from Norwegian Excel: cp1252, semicolons, the plan's words.
SILJAN = "\r\n".join([
    "Nivå;Målformulering;Måleindikator;Datakilde;Tidspunkt;Ansvarlig",
    "Hovedmål;Alle barn og unge i kommunen har en trygg og god oppvekst.;;;;Kommunalsjef oppvekst",  # 2
    "Delmål;Alle barn og unge møter i barnehage og på skole, og bekymringsfullt fravær blir fulgt opp.;;;;",  # 3
    "Resultatmål;Alle ansatte kjenner til felles rutiner for arbeid med elever med bekymringsfullt skolefravær.;"
    "Andel ansatte som svarer «i stor grad»;Spørreundersøkelse til ansatte;Høsten 2025;Nærværskoordinator",  # 4
    "Resultatmål;;Antall saker;Fagsystem;Årlig;Rektor",  # 5: no goal text
    "Tiltak;Etablere et nærværsteam.;;;;",  # 6: a measure, not a goal level
    "Kulturmål;Alle ansatte opplever at kommunen er en lærende organisasjon.;Medarbeiderundersøkelsen;"
    "10-FAKTOR;Våren 2026;Kommunalsjef",  # 7
    "Delmål;Foresatte vet hvor de skal henvende seg for å få hjelp og støtte i foreldrerollen.;;;;",  # 8
    "Struktur mål;Alle ansatte bruker strukturene i kommunens BTI-modell.;Andel saker med stafettlogg;"
    "Stafettloggen;Desember 2025;BTI-koordinator",  # 9
    ";;;;;",  # 10: empty, skipped but counted
    ";Hovedmål: Flere utsatte barn og familier får hjelp tidlig.;;;;",  # 11: the level starts the text
    "Prosessmål;Alle ungdommer får tilbud om stafettlogg.;Andel med logg;Stafettloggen;Årlig;Helsesykepleier",  # 12
]) + "\r\n"


def hierarchy() -> list[Goal]:
    """Goals as a store might hold them: not in tree order, with orphans, formula-like and multi-line text."""
    s1 = Goal(P, "samfunnsmal", "Kommunen skal være et trygt og godt sted å vokse opp.", owner="Kommunedirektør")
    s2 = Goal(P, "samfunnsmal", "Flere utsatte barn og familier får hjelp tidlig.")
    e1 = Goal(P, "effektmal", "Alle barn og unge har en trygg voksen.\nDe kan fortelle hvordan de har det.",
              parent_id=s1.id)
    e2 = Goal(P, "effektmal", "=Tjenestene samarbeider til det beste for familiene", parent_id=s1.id)
    e3 = Goal(P, "effektmal", "Foresatte vet hvor de får hjelp.", parent_id=s2.id)
    e4 = Goal(P, "effektmal", "Et effektmål uten samfunnsmål.")
    r1 = Goal(P, "resultatmal", "Alle ansatte er kurset i COS-P.", indicator="Andel ansatte kurset (mål: 100 %)",
              source="Kursliste", when="Desember 2025", owner="Prosjektleder", parent_id=e1.id)
    r2 = Goal(P, "resultatmal", "-2 i fravær per elev", indicator="@fraværsprosent", source="+Visma",
              when="Hvert halvår", owner="Rektor", parent_id=e2.id)
    r3 = Goal(P, "resultatmal", "Familier vet hvem som følger dem opp; «én dør inn».",
              indicator="Spørreskjema, spørsmål 4", source='Foresatte, "brukerundersøkelsen"', parent_id=e1.id)
    r4 = Goal(P, "resultatmal", "Resultatmål under et foreldreløst effektmål.", indicator="Ja/nei", parent_id=e4.id)
    r5 = Goal(P, "resultatmal", "Resultatmål helt uten effektmål.", indicator="Ja/nei")
    return [s1, r2, e1, r1, e2, s2, e4, r5, e3, r3, r4]


def shape(goals: list[Goal]) -> list[tuple]:
    """Each goal's fields and its parent's position in the list: what must survive a round trip."""
    position = {goal.id: i for i, goal in enumerate(goals)}
    return [(*(getattr(goal, name) for name in FIELDS), position.get(goal.parent_id)) for goal in goals]


# --- Import -------------------------------------------------------------------------------


def test_a_siljan_style_sheet_keeps_good_rows_reports_bad_ones_and_infers_parents():
    result = read_goal_file(SILJAN.encode("cp1252"), "Hovedmål og delmål.csv", P)
    goals = result.goals
    assert [(g.nr, g.level, g.text[:24]) for g in goals] == [
        (1, "samfunnsmal", "Alle barn og unge i komm"),
        (2, "effektmal", "Alle barn og unge møter "),
        (3, "resultatmal", "Alle ansatte kjenner til"),
        (4, "resultatmal", "Alle ansatte opplever at"),
        (5, "effektmal", "Foresatte vet hvor de sk"),
        (6, "resultatmal", "Alle ansatte bruker stru"),
        (7, "samfunnsmal", "Flere utsatte barn og fa"),
        (8, "resultatmal", "Alle ungdommer får tilbu"),
    ]
    parent = {g.id: g.parent_id for g in goals}
    assert [goals.index(next(p for p in goals if p.id == parent[g.id])) + 1 if parent[g.id] else None
            for g in goals] == [None, 1, 2, 2, 1, 5, None, None]
    r1 = goals[2]
    assert (r1.indicator, r1.source, r1.when, r1.owner) == (
        "Andel ansatte som svarer «i stor grad»", "Spørreundersøkelse til ansatte", "Høsten 2025",
        "Nærværskoordinator")
    assert result.problems == [
        Problem(5, "text", "missing_text", ""),
        Problem(6, "level", "unknown_level", "Tiltak"),
        Problem(12, "level", "no_parent", "resultatmal"),
    ]
    assert not result.ok
    assert [describe(p) for p in result.problems] == [
        "Rad 5: målet mangler tekst, så raden ble ikke lest inn. Skriv målet i kolonnen «Mål», eller slett raden.",
        "Rad 6: nivået «Tiltak» kjenner vi ikke, så raden ble ikke lest inn. Bruk samfunnsmål (hovedmål, "
        "overordnet mål), effektmål (delmål, gevinst) eller resultatmål (prosessmål, kulturmål, strukturmål).",
        "Rad 12: resultatmål uten effektmål over seg i filen. Målet er lest inn, men henger ikke under noe mål. "
        "Flytt raden under det målet det hører til, og les inn filen på nytt.",
    ]
    # The kept orphan is what check_goals reports too.
    assert [(issue.kind, issue.id) for issue in check_goals(goals) if issue.kind == "orphan"] == [
        ("orphan", goals[7].id)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_in_every_encoding_and_separator_norwegian_spreadsheets_write(encoding, delimiter):
    text = "Nivå{d}Mål{d}Datakjelde\nHovudmål{d}Trygg oppvekst i Ålesund{d}\nEffektmål{d}Færre bekymringar{d}Ungdata\n"
    result = read_goal_file(text.format(d=delimiter).encode(encoding), "mål.txt", P)
    assert result.problems == []
    assert [(g.level, g.text, g.source) for g in result.goals] == [
        ("samfunnsmal", "Trygg oppvekst i Ålesund", ""), ("effektmal", "Færre bekymringar", "Ungdata")]
    assert result.goals[1].parent_id == result.goals[0].id


def test_an_evaluation_table_reads_its_question_as_the_indicator_and_skips_the_other_columns():
    table = [
        [],
        ["Nivå", "Mål/delmål", "Aktiviteter", "Evalueringsspørsmål", "Datakilde", "Metode", "Tidspunkt"],
        ["Effektmål", "Skape oppmerksomhet, engasjement og eierskap omkring tiltaket.", "Samskapingsdag",
         "Hvor mange og hvem deltok på samskapingsdagen?", "Deltakerne", "Registrering ved ankomst", "Mars 2025"],
        ["", "", "Reportasje i lokalavisa", "Hvor mange har lest reportasjen?", "Journalist", "Lesertall", ""],
    ]
    result = parse_goal_table(table, P)
    (goal,) = result.goals
    assert (goal.level, goal.indicator, goal.source, goal.when) == (
        "effektmal", "Hvor mange og hvem deltok på samskapingsdagen?", "Deltakerne", "Mars 2025")
    assert result.problems == [
        Problem(2, "", "unknown_column", "Aktiviteter"),
        Problem(2, "", "unknown_column", "Metode"),
        Problem(3, "level", "no_parent", "effektmal"),
        Problem(4, "text", "missing_text", ""),
    ]
    assert describe(result.problems[0]) == "Kolonnen «Aktiviteter» kjenner vi ikke igjen, og den ble hoppet over."


def test_an_excel_workbook_with_nynorsk_headings_reads_its_first_sheet():
    data = xlsx([
        ["Nivå", "Mål", "Indikator", "Datakjelde", "Tidspunkt", "Ansvarleg"],
        ["Hovudmål", "Alle barn og unge veks opp trygt.", None, None, None, "Kommunalsjef"],
        ["Delmål", "Foreldre får støtte tidleg.", None, None, None, None],
        ["Resultatmål", "Alle tilsette er kurset i COS-P.", 0.9, "Kursliste", 2025, "Prosjektleiar"],
        [None, None, None, None, None, None],
        ["Resultatmål", "Foreldremøte om foreldrerolla i alle barnehagar.", "Talet på møte", None, None, None],
    ])
    result = read_goal_file(data, "mål.XLSX", P)
    assert result.problems == []
    assert [(g.level, g.text, g.indicator, g.when) for g in result.goals] == [
        ("samfunnsmal", "Alle barn og unge veks opp trygt.", "", ""),
        ("effektmal", "Foreldre får støtte tidleg.", "", ""),
        ("resultatmal", "Alle tilsette er kurset i COS-P.", "0.9", "2025"),
        ("resultatmal", "Foreldremøte om foreldrerolla i alle barnehagar.", "Talet på møte", ""),
    ]
    assert result.goals[3].parent_id == result.goals[1].id


@pytest.mark.parametrize("data,filename,expected", [
    (b"", "mal.csv", [Problem(1, "", "empty_file", "")]),
    ("Nivå;Mål\n;;\n".encode(), "mal.csv", [Problem(1, "", "empty_file", "")]),
    ("Mål;Indikator\nTrygg oppvekst;\n".encode(), "mal.csv", [Problem(1, "level", "missing_column", "")]),
    (b"Farge\nbla\n", "mal.csv", [Problem(1, "", "unknown_column", "Farge"), Problem(1, "level", "missing_column"),
                                  Problem(1, "text", "missing_column")]),
    (b"...", "C:\\fakepath\\plan.docx", [Problem(1, "", "bad_file_type", "plan.docx")]),
    (b"...", "plan.xls", [Problem(1, "", "old_excel", "plan.xls")]),
    (b"PK\x03\x04 not really", "plan.xlsx", [Problem(1, "", "bad_xlsx", "plan.xlsx")]),
    (b"PK\x03\x04 a workbook named csv", "plan.csv", [Problem(1, "", "not_csv", "plan.csv")]),
])
def test_files_that_cannot_be_read_give_one_problem_that_says_why(data, filename, expected):
    result = read_goal_file(data, filename, P)
    assert result.goals == [] and result.problems == expected
    for problem in result.problems:
        for lang in ("nb", "nn", "en"):
            assert "{" not in describe(problem, lang)
    if expected[-1].reason == "missing_column":
        header = {"level": "Nivå", "text": "Mål"}[expected[-1].field]
        assert describe(expected[-1]) == (
            f"Filen mangler kolonnen «{header}». Legg den til i overskriftsraden og prøv igjen.")


def test_a_too_long_cell_skips_its_row_and_says_how_long_it_may_be():
    text = "Nivå;Mål;Indikator\nEffektmål;" + "x" * 1001 + ";\nEffektmål;Kort mål;" + "y" * 501 + "\nEffektmål;Ok;\n"
    result = read_goal_file(text.encode(), "mal.csv", P)
    assert [g.text for g in result.goals] == ["Ok"]
    assert [(p.row, p.field, p.reason) for p in result.problems[:2]] == [
        (2, "text", "too_long"), (3, "indicator", "too_long")]
    assert describe(result.problems[0]).endswith("Kort den ned til 1000 tegn eller færre.")
    assert describe(result.problems[1]).endswith("Kort den ned til 500 tegn eller færre.")


def test_a_person_name_in_a_good_row_is_a_warning_not_a_problem():
    text = "Nivå;Mål;Ansvarlig\nHovedmål;Trygg oppvekst;Kari Nordmann\nDelmål;Tidlig hjelp;NAV Nordby\n"
    result = read_goal_file(text.encode(), "mal.csv", P)
    assert len(result.goals) == 2 and result.problems == []
    assert result.warnings == [Problem(2, "owner", "person_name", "")]
    assert describe(result.warnings[0]).startswith("Rad 2: ansvarlig ser ut som et personnavn.")


def test_english_headings_and_levels_read_as_the_kit_writes_them_in_english():
    text = ("Level,Goal,Indicator,Data source,When,Owner\n"
            "Impact goal,Safe childhood,,,,Head of services\n"
            "Outcome goal,Early help,,,,\n"
            "Output goal,Staff trained,Share trained,Course list,December 2025,Project manager\n")
    result = read_goal_file(text.encode(), "goals.csv", P)
    assert result.problems == []
    assert [g.level for g in result.goals] == ["samfunnsmal", "effektmal", "resultatmal"]
    assert result.goals[2].source == "Course list" and result.goals[2].parent_id == result.goals[1].id


# --- Order ---------------------------------------------------------------------------------


def test_ordered_lists_depth_first_with_goals_that_have_no_parent_where_none_can_be_taken():
    goals = hierarchy()
    assert [g.text[:22] for g in ordered(goals)] == [
        "Resultatmål helt uten ",  # r5: before every effektmål
        "Et effektmål uten samf",  # e4: before every samfunnsmål
        "Resultatmål under et f",  # r4
        "Kommunen skal være et ",  # s1
        "Alle barn og unge har ",  # e1
        "Alle ansatte er kurset",  # r1
        "Familier vet hvem som ",  # r3
        "=Tjenestene samarbeide",  # e2
        "-2 i fravær per elev",  # r2
        "Flere utsatte barn og ",  # s2
        "Foresatte vet hvor de ",  # e3
    ]


# --- JSON ----------------------------------------------------------------------------------


def test_goals_json_has_exactly_the_contract_keys_and_parents_as_positions():
    goals = hierarchy()
    data = json.loads(goals_json(goals))
    assert list(data) == ["goals"]
    assert all(list(entry) == list(JSON_KEYS) for entry in data["goals"])
    assert JSON_KEYS == ("level", "text", "indicator", "source", "when", "owner", "parent")
    assert [entry["level"] for entry in data["goals"]] == [g.level.value for g in goals]
    assert [entry["parent"] for entry in data["goals"]] == [None, 5, 1, 3, 1, None, None, None, 6, 3, 7]
    assert data["goals"][2]["text"] == "Alle barn og unge har en trygg voksen.\nDe kan fortelle hvordan de har det."
    assert data["goals"][3]["indicator"] == "Andel ansatte kurset (mål: 100 %)"
    assert "\\u00e6" not in goals_json(goals) and "ø" in goals_json(goals)
    # A parent that is not in the list is no position.
    assert json.loads(goals_json(goals[1:2]))["goals"][0]["parent"] is None


def test_read_goals_json_gives_back_the_same_goals_and_parents():
    goals = hierarchy()
    back = read_goals_json(goals_json(goals), "p2")
    assert shape(back) == shape(goals)
    assert [g.nr for g in back] == list(range(1, len(goals) + 1))
    assert {g.project_id for g in back} == {"p2"}
    assert read_goals_json(goals_json(goals).encode("utf-8"), P)[0].text == goals[0].text
    assert read_goals_json('{"goals": []}', P) == []


def test_goals_json_masks_personal_data():
    goal = Goal(P, "effektmal", "Ring helsesykepleier på 912 34 567", owner="Prosjektleder")
    assert json.loads(goals_json([goal]))["goals"][0]["text"] == "Ring helsesykepleier på [telefon]"


@pytest.mark.parametrize("text,reason,number,field", [
    ("{not json", "not_goals_json", None, None),
    ("[1, 2]", "not_goals_json", None, None),
    ('{"goals": {"level": "effektmal"}}', "not_goals_json", None, None),
    ('{"goals": ["Trygg oppvekst"]}', "bad_goal_entry", 1, "goals"),
    ('{"goals": [{"level": "effektmal", "text": "x", "colour": "red"}]}', "bad_goal_entry", 1, "colour"),
    ('{"goals": [{"level": "effektmal"}]}', "bad_goal_entry", 1, "text"),
    ('{"goals": [{"text": "x"}]}', "bad_goal_entry", 1, "level"),
    ('{"goals": [{"level": "tiltak", "text": "x"}]}', "bad_goal_entry", 1, "level"),
    ('{"goals": [{"level": "effektmal", "text": " "}]}', "bad_goal_entry", 1, "text"),
    ('{"goals": [{"level": "effektmal", "text": "x", "owner": null}]}', "bad_goal_entry", 1, "owner"),
    ('{"goals": [{"level": "effektmal", "text": "x"}, {"level": "effektmal", "text": "y", "parent": 3}]}',
     "bad_goal_entry", 2, "parent"),
    ('{"goals": [{"level": "effektmal", "text": "x", "parent": 1}]}', "bad_goal_entry", 1, "parent"),
    ('{"goals": [{"level": "effektmal", "text": "x", "parent": 0}]}', "bad_goal_entry", 1, "parent"),
    ('{"goals": [{"level": "effektmal", "text": "x"}, {"level": "resultatmal", "text": "y", "parent": "1"}]}',
     "bad_goal_entry", 2, "parent"),
    ('{"goals": [{"level": "effektmal", "text": "x"}, {"level": "resultatmal", "text": "y", "parent": true}]}',
     "bad_goal_entry", 2, "parent"),
])
def test_read_goals_json_refuses_what_it_cannot_read_naming_the_goal_and_field(text, reason, number, field):
    from samskaping.goals.model import describe_error

    with pytest.raises(InvalidInputError) as info:
        read_goals_json(text, P)
    assert info.value.reason == reason
    if number is not None:
        assert (info.value.params["number"], info.value.params["field"]) == (number, field)
        assert describe_error(info.value).startswith(f"Mål nr. {number} i filen kan ikke leses (feltet «{field}»).")
    else:
        assert describe_error(info.value).startswith("Filen er ikke mål slik Samskaping skriver dem")


# --- CSV and Excel out, and back --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_csv_reads_back_to_the_same_goals(lang):
    goals = hierarchy()
    text = goals_csv(goals, lang=lang)
    result = read_goal_file(text.encode("utf-8-sig"), "mål.csv", P)
    assert shape(result.goals) == shape(ordered(goals))
    # The two goals without a parent of the level above are reported again, nothing else.
    assert [(p.reason, p.value) for p in result.problems] == [
        ("no_parent", "resultatmal"), ("no_parent", "effektmal")]
    assert result.warnings == []


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_xlsx_reads_back_to_the_same_goals(lang, tmp_path):
    goals = hierarchy()
    path = write_goals_xlsx(goals, tmp_path / f"mål-{lang}.xlsx", lang=lang)
    result = read_goal_file(path.read_bytes(), path.name, P)
    assert shape(result.goals) == shape(ordered(goals))
    assert [p.reason for p in result.problems] == ["no_parent", "no_parent"]
    buffer = io.BytesIO()
    assert write_goals_xlsx(goals, buffer, lang=lang) is None
    assert shape(read_goal_file(buffer.getvalue(), "x.xlsx", P).goals) == shape(ordered(goals))


def test_csv_headings_and_levels_are_words_and_formulas_never_run():
    goals = hierarchy()
    lines = goals_csv(goals).splitlines()
    assert lines[0] == "Nivå,Mål,Indikator,Datakilde,Tidspunkt,Ansvarlig"
    assert lines[1].startswith("Resultatmål,Resultatmål helt uten effektmål.")
    assert "Effektmål,'=Tjenestene samarbeider" in goals_csv(goals)
    assert "Resultatmål,'-2 i fravær per elev,'@fraværsprosent,'+Visma,Hvert halvår,Rektor" in goals_csv(goals)
    assert goals_csv(goals, delimiter=";").splitlines()[0] == "Nivå;Mål;Indikator;Datakilde;Tidspunkt;Ansvarlig"
    assert goals_csv([]).splitlines() == ["Nivå,Mål,Indikator,Datakilde,Tidspunkt,Ansvarlig"]


def test_xlsx_cells_are_strings_not_formulas(tmp_path):
    path = write_goals_xlsx(hierarchy(), tmp_path / "mål.xlsx")
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.title == "Mål"
    assert [cell.value for cell in sheet[1]] == ["Nivå", "Mål", "Indikator", "Datakilde", "Tidspunkt", "Ansvarlig"]
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value}
    formula_like = cells["=Tjenestene samarbeider til det beste for familiene"]
    assert formula_like.data_type == "s" and formula_like.quotePrefix
    assert cells["-2 i fravær per elev"].data_type == "s"


def test_rows_have_the_columns_in_order_and_mask_personal_data():
    goal = Goal(P, "resultatmal", "Alle får svar", indicator="Ring 912 34 567", owner="NAV Nordby")
    (row,) = goals_to_rows([goal])
    assert tuple(row) == COLUMNS == FIELDS
    assert (row["level"], row["indicator"], row["owner"]) == ("resultatmal", "Ring [telefon]", "NAV Nordby")
    assert goals_to_rows([goal], lang="nb")[0]["level"] == "Resultatmål"
