"""Journey files: steps from CSV and Excel with every bad row reported, CSV and JSON out, and
nothing a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import json

import pytest

from helpers import workbook as xlsx
from samskaping.core.exceptions import ImportFormatError, InvalidInputError
from samskaping.core.i18n import CATALOGUE
from samskaping.journeys.analysis import summary
from samskaping.journeys.demo import demo_journeys
from samskaping.journeys.io import (
    EXPORT_COLUMNS,
    MAX_IMPORT_STEPS,
    Problem,
    describe,
    journey_json,
    journey_summary_json,
    parse_steps_table,
    read_journey_json,
    read_steps_file,
    steps_csv,
    steps_to_rows,
)
from samskaping.journeys.model import DEFAULT_PHASES, Journey, Step

W = "w1"
COMPARED = ("position", "phase", "service", "touchpoint", "what", "experience", "pain_point", "quote", "wait_days",
            "coordinator", "family_carries_info")


def fields(step: Step) -> tuple:
    return tuple(getattr(step, name) for name in COMPARED)




@pytest.fixture
def journey() -> Journey:
    return Journey(W, "Skolefravær")


GOOD_AND_BAD = (
    "Fase;Tjeneste;Kontaktpunkt;Hva skjer;Opplevelse;Smertepunkt;Sitat;Ventetid;Koordinator;Familien bærer info\n"
    "Bekymring oppstår;Skolen;Møte;Kontaktlærer ser fravær;-1;;;;kontaktlærer;nei\n"     # 2 good
    "Første kontakt;Helsestasjonen;Telefon;;0;;;10;;ja\n"                                 # 3 missing what
    "Kartlegging;PPT;Brev;Henvisning sendt;5;Lang ventetid;;42;;\n"                      # 4 experience 5
    "Kartlegging;PPT;Møte;Kartlegging;-2;;«Vi hørte ingenting»;lenge;;x\n"               # 5 text as wait
    "Utredning;BUP;Møte;Samtaler;0;;;14;;\n"                                              # 6 unknown phase
    ";;;;;;;;;\n"                                                                         # 7 empty: skipped
    "Tiltak;NAV;Digitalt;Søknad om støtte;1;;;3 uker;barnekoordinator;nei\n"              # 8 good
)


# --- Import ----------------------------------------------------------------------------------


def test_good_rows_are_kept_and_each_bad_row_reported_with_its_row_number(journey):
    result = read_steps_file(GOOD_AND_BAD.encode("cp1252"), "reise.csv", journey)
    assert [(s.position, s.phase, s.service, s.what, s.experience, s.wait_days) for s in result.steps] == [
        (0, "Bekymring oppstår", "skole", "Kontaktlærer ser fravær", -1, None),
        (1, "Tiltak", "NAV", "Søknad om støtte", 1, 21),
    ]
    assert result.steps[0].coordinator == "kontaktlærer" and result.steps[1].touchpoint == "digitalt"
    assert all(s.journey_id == journey.id for s in result.steps)
    assert [(p.row, p.field, p.reason, p.value) for p in result.problems] == [
        (3, "what", "missing_value", ""),
        (4, "experience", "out_of_range", "5"),
        (5, "wait_days", "bad_wait", "lenge"),
        (6, "phase", "unknown_phase", "Utredning"),
    ]
    assert result.unknown_phases == ["Utredning"] and not result.ok
    assert journey.phases == DEFAULT_PHASES  # reported, not added
    sentences = [describe(p) for p in result.problems]
    assert sentences == [
        "Rad 3: hva skjer mangler, så raden ble ikke lest inn. Fyll det inn og les inn filen på nytt.",
        "Rad 4: opplevelse 5 er utenfor skalaen. Skriv et helt tall fra -2 (svært dårlig) til 2 (svært godt).",
        "Rad 5: ventetiden «lenge» kan ikke leses. Skriv antall dager som et helt tall fra 0 til 3650 (eller for "
        "eksempel «3 uker»), eller la feltet stå tomt.",
        "Rad 6: fasen «Utredning» finnes ikke i reisen, så raden ble ikke lest inn. Legg fasen til i reisen eller "
        "rett den i filen, og les inn filen på nytt.",
    ]
    assert describe(result.problems[3], journey=journey).endswith(
        "Fasene i reisen er: Bekymring oppstår, Første kontakt, Kartlegging, Tiltak, Oppfølging, Overgang."
    )


def test_unknown_phases_can_be_added_for_a_journey_made_from_the_file(journey):
    result = read_steps_file(GOOD_AND_BAD.encode("utf-8"), "reise.csv", journey, add_phases=True, first_position=5)
    assert [s.phase for s in result.steps] == ["Bekymring oppstår", "Utredning", "Tiltak"]
    assert [s.position for s in result.steps] == [5, 6, 7]
    assert journey.phases == (*DEFAULT_PHASES, "Utredning") and result.unknown_phases == ["Utredning"]
    assert [p.row for p in result.problems] == [3, 4, 5]


def test_english_headers_comma_utf8_bom_and_a_title_above_the_header(journey):
    data = (
        "Today's journey, case 3\n"
        "\n"
        "Phase,Actor,Touchpoint,What happens,Experience,Pain point,Quote,Wait (days),Coordinator,Family carries info\n"
        "Kartlegging,Child welfare,home visit,Home visit,-2,Story told again,\"«Again, from the start»\",14,,yes\n"
        ",GP,phone,Referral to BUP,+1,,,2 weeks,stafettholder,no\n"
    ).encode("utf-8-sig")
    result = read_steps_file(data, "journey.txt", journey)
    assert result.problems == []
    first, second = result.steps
    assert (first.service, first.touchpoint, first.quote, first.family_carries_info) == (
        "barnevern", "hjemmebesok", "«Again, from the start»", True)
    assert (second.phase, second.service, second.experience, second.wait_days) == ("Kartlegging", "fastlege", 1, 14)


@pytest.mark.parametrize(
    "cell,days",
    [("14", 14), ("14 d", 14), ("14 dager", 14), ("3 uker", 21), ("2 mnd", 60), ("ca. 10", 10), ("1,5 uker", 10),
     ("", None), ("0", 0)],
)
def test_waits_may_be_written_in_days_weeks_or_months(journey, cell, days):
    result = parse_steps_table([["fase", "tjeneste", "hva skjer", "ventetid"], ["Tiltak", "NAV", "Møte", cell]],
                               journey)
    assert result.problems == [] and result.steps[0].wait_days == days


@pytest.mark.parametrize("cell", ["-3", "1,5", "lenge", "14 år", "9999"])
def test_bad_waits_are_reported(journey, cell):
    result = parse_steps_table([["fase", "tjeneste", "hva skjer", "ventetid"], ["Tiltak", "NAV", "Møte", cell]],
                               journey)
    assert result.steps == [] and [(p.row, p.reason) for p in result.problems] == [(2, "bad_wait")]


@pytest.mark.parametrize(
    "column,cell,reason",
    [
        ("opplevelse", "god", "not_a_number"),
        ("opplevelse", "1.5", "not_a_whole_number"),
        ("opplevelse", "-3", "out_of_range"),
        ("kontaktpunkt", "faks", "unknown_touchpoint"),
        ("familien bærer info", "kanskje", "not_yes_no"),
        ("hva skjer", "x" * 501, "too_long"),
    ],
)
def test_every_bad_cell_has_a_reason_and_a_sentence_in_both_languages(journey, column, cell, reason):
    headers = ["fase", "tjeneste", "hva skjer"] + ([column] if column != "hva skjer" else [])
    row = ["Tiltak", "NAV", cell if column == "hva skjer" else "Møte"] + ([cell] if column != "hva skjer" else [])
    result = parse_steps_table([headers, row], journey)
    assert [p.reason for p in result.problems] == [reason]
    for lang in ("nb", "en"):
        text = describe(result.problems[0], lang)
        assert "{" not in text and text.startswith(("Rad 2", "Row 2"))


def test_touchpoints_and_yes_no_in_the_words_people_use(journey):
    table = [["fase", "tjeneste", "hva skjer", "kontaktpunkt", "familien bærer info"]] + [
        ["Tiltak", "NAV", "Møte", touchpoint, carries]
        for touchpoint, carries in [("Telefon", "ja"), ("e-post", "x"), ("Hjemmebesøk", "Nei"), ("meeting", ""),
                                    ("", "yes"), ("Brev", "✓")]
    ]
    result = parse_steps_table(table, journey)
    assert [(s.touchpoint, s.family_carries_info) for s in result.steps] == [
        ("telefon", True), ("digitalt", True), ("hjemmebesok", False), ("mote", False), ("annet", True), ("brev", True),
    ]


def test_missing_columns_unknown_and_repeated_columns(journey):
    result = parse_steps_table([["Tjeneste", "Hva skjer", "Farge"], ["NAV", "Møte", "rød"]], journey)
    assert result.steps == []
    assert [(p.row, p.field, p.reason, p.value) for p in result.problems] == [
        (1, "", "unknown_column", "Farge"), (1, "phase", "missing_column", "")]
    assert describe(result.problems[1]) == (
        "Filen mangler kolonnen «Fase». Legg den til i overskriftsraden og prøv igjen."
    )
    result = parse_steps_table([["Fase", "Tjeneste", "Hva skjer", "Hendelse", "Nr"],
                                ["Tiltak", "NAV", "Møte", "x", "1"]], journey)
    assert [s.what for s in result.steps] == ["Møte"]
    assert [(p.reason, p.value) for p in result.problems] == [("duplicate_column", "Hendelse")]


def test_empty_files_and_files_that_are_not_sheets(journey):
    assert [p.reason for p in read_steps_file(b"", "tom.csv", journey).problems] == ["empty_file"]
    assert [p.reason for p in read_steps_file(b"fase;tjeneste;hva skjer\n", "tom.csv", journey).problems] == [
        "empty_file"]
    assert [p.reason for p in read_steps_file(xlsx([]), "reise.csv", journey).problems] == ["not_csv"]
    assert read_steps_file(b"x", "reise.xls", journey).problems == [Problem(1, "", "old_excel", "reise.xls")]
    assert read_steps_file(b"x", "C:\\fakepath\\reise.docx", journey).problems == [
        Problem(1, "", "bad_file_type", "reise.docx")]
    assert read_steps_file(b"PK\x03\x04 broken", "reise.xlsx", journey).problems == [
        Problem(1, "", "bad_xlsx", "reise.xlsx")]
    for problem in (Problem(1, "", r, "f")
                    for r in ("empty_file", "not_csv", "old_excel", "bad_file_type", "bad_xlsx")):
        assert "{" not in describe(problem) and "{" not in describe(problem, "en")


def test_too_many_rows_are_cut_and_reported(journey):
    table = [["fase", "tjeneste", "hva skjer"]] + [["Tiltak", "NAV", f"Steg {i}"] for i in range(MAX_IMPORT_STEPS + 5)]
    result = parse_steps_table(table, journey)
    assert len(result.steps) == MAX_IMPORT_STEPS
    assert [(p.row, p.reason) for p in result.problems] == [(MAX_IMPORT_STEPS + 2, "too_many_rows")]


def test_xlsx_with_numbers_empty_rows_and_a_title_row(journey):
    data = xlsx([
        ["Dagens tjenestereise"],
        [],
        ["Fase", "Aktør", "Hendelse", "Opplevelse", "Venting", "Stafettholder", "Familien bærer info"],
        ["Kartlegging", "PPT", "Henvisning", -1.0, 42.0, None, "x"],
        [],
        [None, "PPT", "Testing", 7, 14, None, None],
        ["Tiltak", "Barnevernet", "Hjemmebesøk", 0, None, "barnekoordinator", "nei"],
    ])
    result = read_steps_file(data, "reise.XLSX", journey)
    assert [(s.position, s.phase, s.service, s.experience, s.wait_days, s.family_carries_info)
            for s in result.steps] == [
        (0, "Kartlegging", "PPT", -1, 42, True),
        (1, "Tiltak", "barnevern", 0, None, False),
    ]
    assert [(p.row, p.field, p.reason, p.value) for p in result.problems] == [(6, "experience", "out_of_range", "7")]


# --- Export ------------------------------------------------------------------------------------


TRICKY = [
    ("=HYPERLINK(\"http://x\")", "+47 er ikke et nummer her", "-Vi ventet", "@rektor"),
    ("Møte, med komma", "Sitat med \"anførsel\"\nog ny linje", "", ""),
]


@pytest.fixture
def steps(journey) -> list[Step]:
    return [
        Step(journey.id, 0, "Bekymring oppstår", "skole", "møte", TRICKY[0][0], experience=-2, pain_point=TRICKY[0][2],
             quote=TRICKY[0][3], coordinator="kontaktlærer"),
        Step(journey.id, 1, "Kartlegging", "Familiesenteret", "hjemmebesøk", TRICKY[1][0], experience=1,
             quote=TRICKY[1][1], wait_days=42, family_carries_info=True),
        Step(journey.id, 2, "Tiltak", "BUP", "digitalt", "-2 er ikke en formel", wait_days=0,
             coordinator="=barnekoordinator"),
    ]


def test_csv_export_reimports_equal(journey, steps):
    text = steps_csv(journey, steps)
    assert text.splitlines()[0] == ",".join(EXPORT_COLUMNS)
    back = read_steps_file(text.encode("utf-8-sig"), "eksport.csv", journey)
    assert back.problems == []
    assert [fields(s) for s in back.steps] == [fields(s) for s in steps]


def test_csv_export_never_starts_a_cell_with_a_formula(journey, steps):
    rows = list(csv.reader(io.StringIO(steps_csv(journey, steps), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [cell for cell in cells if cell.startswith("-") and not cell.lstrip("-").isdigit()]
    assert "'=HYPERLINK(\"http://x\")" in cells and "'-Vi ventet" in cells and "'=barnekoordinator" in cells
    assert "-2" in cells  # a number stays a number


def test_exports_mask_personal_data_and_check_the_journey(journey):
    step = Step(journey.id, 0, "Tiltak", "NAV", "telefon", "Mor ringte fra 912 34 567", quote="Ring 912 34 567")
    assert "912 34 567" not in steps_csv(journey, [step])
    assert "[telefon]" in steps_to_rows([step])[0]["what"]
    assert "912 34 567" not in journey_json(journey, [step])
    other = Journey(W, "Annen reise")
    with pytest.raises(InvalidInputError, match="belongs to journey"):
        steps_csv(other, [step])


def test_json_round_trip(journey, steps):
    text = journey_json(journey, list(reversed(steps)))
    data = json.loads(text)
    assert set(data) == {"journey", "steps"}
    assert data["journey"]["phases"] == list(journey.phases)
    assert [s["position"] for s in data["steps"]] == [0, 1, 2]
    assert "Møte, med komma" in text  # æøå kept, not \u escapes
    back_journey, back_steps = read_journey_json(text)
    assert back_journey == journey and back_steps == steps
    assert read_journey_json(text.encode("utf-8-sig"))[1] == steps


def test_demo_round_trips_through_json_and_csv():
    for journey, items in demo_journeys(W):
        assert read_journey_json(journey_json(journey, items)) == (journey, items)
        back = read_steps_file(steps_csv(journey, items).encode(), "demo.csv", journey)
        assert back.problems == [] and [fields(s) for s in back.steps] == [fields(s) for s in items]


@pytest.mark.parametrize("text", ["ikke json", "[]", '{"journey": {}}', '{"steps": []}'])
def test_read_journey_json_refuses_other_files(text):
    with pytest.raises(ImportFormatError) as info:
        read_journey_json(text, name="feil.json")
    assert info.value.params["path"] == "feil.json"


def test_read_journey_json_refuses_steps_outside_the_journey(journey, steps):
    data = json.loads(journey_json(journey, steps))
    data["steps"][0]["phase"] = "Utredning"
    with pytest.raises(InvalidInputError) as info:
        read_journey_json(json.dumps(data))
    assert info.value.reason == "unknown_phase"


def test_summary_json_has_the_counts_and_is_plain_json(journey, steps):
    data = journey_summary_json(journey, steps)
    s = summary(journey, steps)
    for key in ("steps", "services", "handovers", "total_wait_days", "longest_wait_days",
                "steps_without_coordinator"):
        assert data[key] == getattr(s, key) and isinstance(data[key], int)
    assert (data["steps"], data["services"], data["handovers"], data["total_wait_days"]) == (3, 3, 2, 42)
    # Two keys added on purpose (issue 18): whether the family carried the handover, and its steps in between.
    assert data["handover_list"][0] == {"from_step": 1, "to_step": 2, "from_service": "skole",
                                        "to_service": "Familiesenteret", "wait_days": 42, "coordinated": False,
                                        "carried_by_family": False, "family_steps": []}
    assert data["sentences"][0] == "Familien møtte 3 tjenester og 2 overganger."
    assert journey_summary_json(journey, steps, lang="en")["sentences"][0] == (
        "The family met 3 services and 2 handovers."
    )
    assert json.loads(json.dumps(data)) == data


def test_every_import_reason_has_a_sentence_in_both_languages():
    reasons = {key.split(".")[-1] for key in CATALOGUE["nb"] if key.startswith("journey.import.")}
    assert {"missing_value", "unknown_phase", "bad_wait", "out_of_range", "not_yes_no", "unknown_touchpoint",
            "too_many_rows", "missing_column"} <= reasons
    for reason in reasons:
        assert f"journey.import.{reason}" in CATALOGUE["en"]
