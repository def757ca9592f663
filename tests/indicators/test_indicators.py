"""Evaluation over time: kind words, what a plan entry and a measurement accept, progress, checks, the kit's forms."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import samskaping
from samskaping.core.catalogue import indicators as texts
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, error_text
from samskaping.indicators.model import (
    KINDS,
    MAX_NOTE_LENGTH,
    MAX_TEXT_LENGTH,
    Direction,
    EvaluationPlanEntry,
    Issue,
    IssueKind,
    Measurement,
    MeasurementKind,
    describe_error,
    describe_issue,
    from_attendance,
    from_workshop_evaluations,
    kind_label,
    parse_date,
    parse_kind,
    parse_value,
    plan_issues,
    progress,
    series,
)
from samskaping.room.evaluation import summarise
from samskaping.room.model import Arrival, Evaluation

P = "p1"
PACKAGE = Path(samskaping.__file__).parent / "indicators"


# --- Kinds, dates and values -------------------------------------------------------------------


@pytest.mark.parametrize("word,kind", [
    ("nullpunkt", "nullpunkt"), ("Nullpunktsmåling", "nullpunkt"), ("nullpunktsanalyse", "nullpunkt"),
    ("Baseline", "nullpunkt"), ("Førmåling", "nullpunkt"), ("før-måling", "nullpunkt"), ("NULLPUNKT", "nullpunkt"),
    ("Underveis", "underveis"), ("Undervegs", "underveis"), ("Underveisevaluering", "underveis"),
    ("midtveis", "underveis"), ("Mellomevaluering", "underveis"), ("Interim", "underveis"),
    ("Slutt", "slutt"), ("Sluttevaluering", "slutt"), ("etter", "slutt"), ("Final", "slutt"),
    ("Etter-måling", "slutt"),
])
def test_kind_words_in_bokmal_nynorsk_and_english(word, kind):
    assert parse_kind(word) == kind
    assert MeasurementKind(word) is MeasurementKind(kind)


@pytest.mark.parametrize("value", ["Kartlegging", "", "  ", None, 3, "nullpunkt og slutt"])
def test_an_unknown_kind_names_the_value_and_the_words_that_work(value):
    with pytest.raises(InvalidInputError) as info:
        parse_kind(value)
    exc = info.value
    assert exc.reason == "bad_measurement_kind" and exc.params["value"] == value
    for word in ("nullpunkt", "nullpunktsmåling", "underveis", "midtveis", "slutt", "sluttevaluering"):
        assert word in str(exc)
    assert describe_error(exc).startswith(f"«{value}» er ikke en type måling. Bruk nullpunkt (nullpunktsmåling")
    assert error_text(exc) == describe_error(exc)  # the CLI and the pages say the same
    for lang in ("nn", "en"):
        assert "{" not in describe_error(exc, lang) and "{" not in error_text(exc, lang)


def test_kinds_in_order_with_labels():
    assert KINDS == ("nullpunkt", "underveis", "slutt")
    assert [kind_label(kind) for kind in KINDS] == ["Nullpunkt", "Underveis", "Slutt"]


@pytest.mark.parametrize("text,day", [
    ("2025-03-15", date(2025, 3, 15)), ("2025-03-15T00:00:00", date(2025, 3, 15)), ("15.03.2025", date(2025, 3, 15)),
    ("15.3.2025", date(2025, 3, 15)), ("5.3.25", date(2025, 3, 5)), ("15/03/2025", date(2025, 3, 15)),
    (" 01.12.2024 ", date(2024, 12, 1)), (datetime(2025, 3, 15, 13, 5), date(2025, 3, 15)),
])
def test_dates_as_people_and_spreadsheets_write_them(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31.02.2025", "mars 2025", "2025", "15.03.1850", "", None, 20250315])
def test_a_date_that_is_none_says_how_to_write_one(text):
    with pytest.raises(InvalidInputError) as info:
        parse_date(text)
    assert info.value.reason == "bad_measured_date"
    assert describe_error(info.value) == f"Datoen «{text}» kan ikke leses. Skriv den som 15.03.2025 eller 2025-03-15."


@pytest.mark.parametrize("text,expected", [
    ("42", (42.0, "")), ("4,25", (4.25, "")), ("4.25", (4.25, "")), ("83 %", (83.0, "%")), ("83%", (83.0, "%")),
    ("1 234", (1234.0, "")), ("1\u00a0234,5", (1234.5, "")), ("1.234,5", (1234.5, "")), ("1,234.5", (1234.5, "")),
    ("-3,5", (-3.5, "")), ("\u22123", (-3.0, "")), ("", (None, "")), ("–", (None, "")), ("Ikke målt", (None, "")),
    (7, (7.0, "")), (None, (None, "")),
])
def test_values_with_a_decimal_comma_spaces_and_percent(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["mange", "4,2,1", "12 av 20", "1e400", float("nan"), True, "∞"])
def test_a_value_that_is_no_number_is_refused(text):
    with pytest.raises(InvalidInputError) as info:
        parse_value(text)
    assert info.value.reason == "bad_measured_value"
    assert "Skriv et tall som 42, 3,5 eller 83 %" in describe_error(info.value)


# --- The objects -------------------------------------------------------------------------------


def test_a_plan_entry_cleans_its_text_and_keeps_its_lines_where_a_cell_may_have_them():
    entry = EvaluationPlanEntry(" p1 ", " g1 ", "  Hvor mange deltok?\r\nHvordan opplevde de dagen? ",
                                method="Registrering\nved ankomst", source=" Deltakerne ", when="Mars\t2025",
                                who="Prosjektleder", use="Rapportering.\nGrunnlag for videre arbeid.",
                                activity="Samskapingsdag")
    assert (entry.project_id, entry.goal_id) == ("p1", "g1")
    assert entry.question == "Hvor mange deltok?\nHvordan opplevde de dagen?"
    assert (entry.method, entry.source, entry.when) == ("Registrering ved ankomst", "Deltakerne", "Mars 2025")
    assert entry.use == "Rapportering.\nGrunnlag for videre arbeid."
    assert entry.nr == 0 and re.fullmatch(r"[0-9a-f]{16}", entry.id)
    assert entry.created.tzinfo is UTC
    assert EvaluationPlanEntry.from_dict(entry.to_dict()) == entry
    assert set(EvaluationPlanEntry.FREE_TEXT) == {"question", "activity", "method", "source", "when", "who", "use"}


@pytest.mark.parametrize("kwargs,reason,field", [
    ({"question": "  "}, "empty", "question"),
    ({"question": "x" * (MAX_TEXT_LENGTH + 1)}, "too_long", "question"),
    ({"method": "x" * 501}, "too_long", "method"),
    ({"who": None}, "not_text", "who"),
    ({"goal_id": ""}, "empty", "goal_id"),
    ({"nr": -1}, "out_of_range", "nr"),
])
def test_a_plan_entry_refuses_bad_values_naming_the_field(kwargs, reason, field):
    values = {"project_id": P, "goal_id": "g1", "question": "Hvem deltok?", **kwargs}
    with pytest.raises(InvalidInputError) as info:
        EvaluationPlanEntry(**values)
    assert info.value.reason == reason and info.value.params["field"] == field


def test_a_measurement_holds_a_number_or_a_note_and_reads_back_from_its_dict():
    m = Measurement(" p1 ", "g1", "Nullpunktsmåling", "15.01.2025", 41, " % ", note=" Svarprosent 72 ",
                    source="Spørreundersøkelse\ntil ansatte", indicator="Andel «i stor grad»")
    assert (m.kind, m.measured, m.value, m.unit) == ("nullpunkt", date(2025, 1, 15), 41.0, "%")
    assert isinstance(m.value, float) and m.kind is MeasurementKind.NULLPUNKT
    assert (m.note, m.source) == ("Svarprosent 72", "Spørreundersøkelse til ansatte")
    data = m.to_dict()
    assert data["measured"] == "2025-01-15" and data["kind"] == "nullpunkt" and data["value"] == 41.0
    assert Measurement.from_dict(data) == m
    note_only = Measurement(P, "g1", "underveis", date(2025, 6, 1), None, note="Intervju med fem familier")
    assert note_only.value is None
    assert Measurement.from_dict(note_only.to_dict()) == note_only


@pytest.mark.parametrize("kwargs,reason,field", [
    ({"value": None}, "no_measured_value", "value"),
    ({"value": float("inf")}, "bad_measured_value", "value"),
    ({"value": "42"}, "bad_measured_value", "value"),
    ({"value": True}, "bad_measured_value", "value"),
    ({"value": 1e13}, "bad_measured_value", "value"),
    ({"kind": "kartlegging"}, "bad_measurement_kind", "kind"),
    ({"measured": "i fjor"}, "bad_measured_date", "measured"),
    ({"unit": "x" * 41}, "too_long", "unit"),
    ({"note": "x" * (MAX_NOTE_LENGTH + 1)}, "too_long", "note"),
    ({"goal_id": " "}, "empty", "goal_id"),
])
def test_a_measurement_refuses_bad_values_with_a_sentence_for_each(kwargs, reason, field):
    values = {"project_id": P, "goal_id": "g1", "kind": "underveis", "measured": date(2025, 6, 1), "value": 3.0,
              **kwargs}
    with pytest.raises(InvalidInputError) as info:
        Measurement(**values)
    assert info.value.reason == reason and info.value.params["field"] == field
    sentence = describe_error(info.value)
    assert sentence and "{" not in sentence and sentence == error_text(info.value)


def test_the_no_value_sentence_says_what_to_write():
    with pytest.raises(InvalidInputError) as info:
        Measurement(P, "g1", "slutt", date(2025, 6, 1), None, note="  ")
    assert describe_error(info.value) == (
        "En måling trenger en verdi eller en merknad. Skriv tallet, eller det dere fant.")


# --- Progress ----------------------------------------------------------------------------------


def test_progress_from_the_baseline_to_the_latest_value(goals, measurements):
    r1 = goals["r1"]
    shuffled = [measurements[2], measurements[0], measurements[1]]
    p = progress(shuffled)
    assert (p.goal_id, p.unit, p.count, p.notes) == (r1.id, "%", 3, 0)
    assert (p.first.value, p.latest.value, p.change, p.direction) == (41.0, 83.0, 42.0, Direction.OPP)
    assert p.has_nullpunkt and p.from_nullpunkt


def test_progress_down_flat_and_too_few_values():
    a = Measurement(P, "g", "nullpunkt", date(2025, 1, 1), 12.5, "%")
    b = Measurement(P, "g", "slutt", date(2025, 12, 1), 9.0, "%")
    down = progress([a, b])
    assert (down.change, down.direction) == (-3.5, "ned")
    same = progress([a, Measurement(P, "g", "slutt", date(2025, 12, 1), 12.55, "%")], flat_within=0.1)
    assert same.direction == "flat" and same.change == pytest.approx(0.05)
    one = progress([b, Measurement(P, "g", "underveis", date(2025, 5, 1), None, note="Fokusgruppe")])
    assert (one.count, one.notes, one.change, one.direction) == (1, 1, None, None)
    assert not one.has_nullpunkt and not one.from_nullpunkt
    empty = progress([])
    assert (empty.goal_id, empty.count, empty.first, empty.direction) == ("", 0, None, None)


def test_a_baseline_on_the_same_day_as_a_final_measurement_comes_first():
    final = Measurement(P, "g", "slutt", date(2025, 6, 1), 4)
    baseline = Measurement(P, "g", "nullpunkt", date(2025, 6, 1), 2)
    p = progress([final, baseline])
    assert (p.first.kind, p.latest.kind, p.direction) == ("nullpunkt", "slutt", "opp")


def test_progress_refuses_values_of_different_goals_indicators_or_units_and_series_splits_them(goals):
    one = from_workshop_evaluations(P, "g1", "Samskapingsdag", [Evaluation("w", "a", 4, 5)], date(2025, 3, 1))
    with pytest.raises(InvalidInputError) as info:
        progress(one)  # "day" and "voice" are two indicators
    assert info.value.reason == "mixed_series" and "series()" in str(info.value)
    assert describe_error(info.value).startswith("Målingene gjelder mer enn ett mål")
    other_goal = Measurement(P, "g2", "slutt", date(2025, 6, 1), 3.0)
    with pytest.raises(InvalidInputError):
        progress([one[0], other_goal])
    split = series([*one, other_goal])
    assert list(split) == [("g1", "Opplevelse av dagen", "snitt 1–5"),
                           ("g1", "Opplevde at stemmen ble hørt", "snitt 1–5"), ("g2", "", "")]
    assert [progress(found).count for found in split.values()] == [1, 1, 1]


# --- Checks --------------------------------------------------------------------------------


def test_a_project_with_its_plan_and_baselines_has_no_issues(goal_list, goals, plan, measurements):
    r2, r3 = goals["r2"], goals["r3"]
    full_plan = [*plan, EvaluationPlanEntry(P, r2.id, "Hvor mange skoler har team?"),
                 EvaluationPlanEntry(P, r3.id, "Vet familiene hvem som følger dem opp?", method="Intervju")]
    baseline = Measurement(P, r3.id, "nullpunkt", date(2025, 1, 10), None, note="Intervju før oppstart")
    assert plan_issues(goal_list, full_plan, [*measurements, baseline]) == []
    assert plan_issues([], [], []) == []


def test_issues_find_a_missing_plan_a_missing_baseline_a_final_before_the_baseline_and_deleted_goals(
        goal_list, goals, plan, measurements):
    s, e1, r1, r2, r3 = (goals[key] for key in ("s", "e1", "r1", "r2", "r3"))
    s.indicator = "Ungdata"  # a samfunnsmål is not in the plan's scope
    early = Measurement(P, r2.id, "slutt", date(2024, 12, 1), 0, "antall")
    stray = Measurement(P, "deleted-goal", "slutt", date(2025, 6, 1), 2)
    lost = EvaluationPlanEntry(P, "deleted-goal", "Hvem deltok?")
    issues = plan_issues(goal_list, [*plan, lost], [*measurements, early, stray])
    assert issues == [
        Issue("no_plan", r2.id, "indicator.issue.no_plan"),
        Issue("slutt_before_nullpunkt", r2.id, "indicator.issue.slutt_before_nullpunkt", early.id,
              (date(2024, 12, 1), date(2025, 2, 1))),
        Issue("no_plan", r3.id, "indicator.issue.no_plan"),
        Issue("no_nullpunkt", r3.id, "indicator.issue.no_nullpunkt"),
        Issue("unknown_goal", "deleted-goal", "indicator.issue.unknown_goal.entry", lost.id),
        Issue("unknown_goal", "deleted-goal", "indicator.issue.unknown_goal.measurement", stray.id,
              (date(2025, 6, 1),)),
    ]
    assert IssueKind.NO_PLAN == "no_plan"
    sentences = [describe_issue(issue, goal_list) for issue in issues]
    assert sentences[0] == (
        "Resultatmål 1.1.2 «Alle skoler har et nærværsteam.» har en indikator, men ingen rad i evalueringsplanen. "
        "Skriv hvordan, når og av hvem det skal måles (evalueringsspørsmål, metode, datakilde, tidspunkt).")
    assert sentences[1] == (
        "Resultatmål 1.1.2 «Alle skoler har et nærværsteam.» har en sluttmåling 01.12.2024, før nullpunktsmålingen "
        "01.02.2025. Sjekk datoen og typen på målingene.")
    assert sentences[3].startswith("Resultatmål 1.2.1 «Alle ungdommer får tilbud om stafettlogg.» har målinger, "
                                   "men ingen nullpunktsmåling.")
    assert sentences[4].startswith("En rad i evalueringsplanen hører til et mål som ikke finnes lenger (deleted-goal).")
    assert sentences[5].startswith("En måling fra 01.06.2025 hører til et mål")
    for lang in ("nn", "en"):
        for issue in issues:
            text = describe_issue(issue, goal_list, lang)
            assert text and "{" not in text


def test_an_effektmal_with_an_indicator_needs_a_plan_row_and_one_without_does_not(goals):
    e1, e2 = goals["e1"], goals["e2"]
    assert [(i.kind, i.goal_id) for i in plan_issues([e1, e2], [], [])] == [("no_plan", e1.id)]
    assert "Effektmål 1 «Skape oppmerksomhet" in describe_issue(plan_issues([e1], [], [])[0], [e1])


# --- The kit's own forms -----------------------------------------------------------------------


def test_the_workshop_evaluation_form_feeds_two_means_with_the_workshop_and_the_count(goals):
    answers = [Evaluation("w1", f"s{i}", day, voice, "Mer tid" if i == 0 else "")
               for i, (day, voice) in enumerate([(4, 5), (5, 5), (3, 4), (4, 3), (5, 4), (2, 3), (4, 4)])]
    day, voice = from_workshop_evaluations(P, goals["e1"].id, "Samskapingsdag i kulturhuset", answers,
                                           date(2025, 3, 12), kind="nullpunkt")
    summary = summarise(answers)
    assert (day.value, voice.value) == (summary.day_mean, summary.voice_mean) == (3.86, 4.0)
    for m in (day, voice):
        assert (m.project_id, m.goal_id, m.kind, m.measured) == (P, goals["e1"].id, "nullpunkt", date(2025, 3, 12))
        assert m.unit == "snitt 1–5" and m.source == "Evalueringsskjema i etterkant"
        assert m.note == "Evalueringsskjema etter «Samskapingsdag i kulturhuset»: 7 svar."
    assert (day.indicator, voice.indicator) == ("Opplevelse av dagen", "Opplevde at stemmen ble hørt")
    assert "Mer tid" not in day.note  # the free-text comments stay in the workshop
    assert from_workshop_evaluations(P, "g1", "Tom", [], date(2025, 3, 12)) == []
    later = from_workshop_evaluations(P, goals["e1"].id, "Idédugnad", answers[:2], datetime(2025, 10, 1, 18, 0))
    assert later[0].kind == "underveis" and later[0].measured == date(2025, 10, 1) and later[0].value == 4.5
    both = series([day, voice, *later])
    assert [progress(found).direction for found in both.values()] == ["opp", "opp"]


def test_the_nynorsk_form_names_its_indicators_in_nynorsk_or_falls_back_to_bokmal():
    day, _ = from_workshop_evaluations(P, "g1", "Idékafé", [Evaluation("w", "a", 4, 4)], date(2025, 3, 1), lang="nn")
    assert day.indicator in (CATALOGUE["nn"].get("indicator.workshop.day"), "Opplevelse av dagen")
    assert "{" not in day.note and "Idékafé" in day.note


def test_arrivals_give_the_count_by_group_as_participation():
    arrivals = [Arrival("w1", f"s{i}", group) for i, group in enumerate(
        ["ansatt", "ansatt", "foresatt", "ungdom", "ansatt", "frivillig", "foresatt"])]
    [total] = from_attendance(P, "g1", "Samskapingsdag", arrivals, date(2025, 3, 12), kind="nullpunkt")
    assert (total.value, total.unit, total.indicator, total.kind) == (7.0, "antall", "Deltakelse", "nullpunkt")
    assert total.note == ("Registrering ved ankomst på «Samskapingsdag»: 7 til stede (Ansatt: 3, "
                          "Forelder eller foresatt: 2, Ungdom: 1, Frivillig: 1).")
    assert total.source == "Registrering ved ankomst"
    by_group = from_attendance(P, "g1", "Samskapingsdag", arrivals, date(2025, 3, 12), by_group=True)
    assert [(m.indicator, m.value) for m in by_group] == [
        ("Deltakelse", 7.0), ("Deltakelse: Ansatt", 3.0), ("Deltakelse: Forelder eller foresatt", 2.0),
        ("Deltakelse: Ungdom", 1.0), ("Deltakelse: Frivillig", 1.0)]
    assert len(series(by_group)) == 5  # each group its own line over time
    assert from_attendance(P, "g1", "Samskapingsdag", [], date(2025, 3, 12)) == []


# --- Texts ----------------------------------------------------------------------------------


def test_the_catalogue_part_has_only_indicator_keys_and_every_key_the_code_asks_for():
    mirrored = {key: text for key, text in texts.NB.items() if key.startswith("error.InvalidInputError.")}
    assert mirrored and all(texts.NB[f"indicator.error.{key.rsplit('.', 1)[1]}"] == text
                            for key, text in mirrored.items())
    assert all(key.startswith("indicator.") for key in texts.NB if key not in mirrored)
    assert all(CATALOGUE["nb"][key] == text for key, text in texts.NB.items())
    source = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.glob("*.py"))
    literal = set(re.findall(r"""["'](indicator\.[a-z_.]+[a-z_])["']""", source))
    assert literal and literal <= set(texts.NB), literal - set(texts.NB)
    built = {f"indicator.kind.{kind}" for kind in KINDS} | {f"indicator.direction.{d}" for d in Direction}
    built |= {f"indicator.workshop.{name}" for name in ("day", "voice")}
    built |= {f"indicator.field.{name}" for name in ("goal", "plan_goal", "activity", "question", "source", "method",
                                                     "when", "use", "who", "indicator", "kind", "measured", "value",
                                                     "unit", "note")}
    assert built <= set(texts.NB), built - set(texts.NB)
    raised = {"bad_measurement_kind", "no_measured_value", "bad_measured_value", "bad_measured_date", "mixed_series",
              "not_indicators_json", "bad_indicator_entry"}
    assert {key.rsplit(".", 1)[1] for key in mirrored} == raised


def test_every_text_fills_its_placeholders():
    for key, text in texts.NB.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        assert all(re.fullmatch(r"[a-z_]+", name) for name in fields), key


def test_a_goal_module_is_all_an_indicator_model_needs_of_other_concepts():
    source = (PACKAGE / "model.py").read_text(encoding="utf-8")
    imported = set(re.findall(r"^from (samskaping\.[\w.]+) import", source, re.M))
    assert imported <= {"samskaping.core.exceptions", "samskaping.core.i18n", "samskaping.core.keys",
                        "samskaping.core.models", "samskaping.goals.model"}, imported
    assert not re.search(r"^import (matplotlib|openpyxl|numpy)", source, re.M)


def test_issue_sentences_for_a_goal_not_given_still_read(goals):
    issue = Issue("no_nullpunkt", "gone", "indicator.issue.no_nullpunkt")
    assert "{" not in describe_issue(issue, [goals["s"]])

