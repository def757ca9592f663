"""The organisation's objects: roles and their words, the RACI matrix, forankring, meetings, milestones, pilots."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import error_text
from samskaping.core.models import KsPhase
from samskaping.core.privacy.staff import check, staff_text_fields
from samskaping.organisation.model import (
    ROLE_KINDS,
    ForankringEntry,
    Meeting,
    Milestone,
    Pilot,
    PilotStatus,
    Purpose,
    Raci,
    Responsibility,
    Role,
    RoleKind,
    Task,
    display_numbers,
    format_date,
    parse_due,
    parse_phase,
    responsibility_table,
    role_label,
    when_text,
)

P = "p1"


# --- Words for the choices ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        # the seeds' own words: Siljan, Nesseby, Selbu, Midt-Telemark
        ("Prosjekteiere", "prosjekteier"), ("Prosjektansvarlig", "prosjekteier"), ("Styret", "styringsgruppe"),
        ("Styringsgruppa", "styringsgruppe"), ("Prosessledere", "prosjektleder"), ("Prosjektledelsen", "prosjektleder"),
        ("Arbeidsgrupper", "arbeidsgruppe"), ("Prosjektgruppa", "arbeidsgruppe"), ("Ekspertgrupper", "arbeidsgruppe"),
        ("Prosjektkoordinator", "koordinator"), ("Ressursgruppa", "ressurspersoner"),
        ("Ressurspersoner", "ressurspersoner"), ("Høringsgruppa", "referansegruppe"),
        ("Referansegruppen", "referansegruppe"), ("Brukerpanelet", "brukerpanel"), ("Brukerråd", "brukerpanel"),
        # nynorsk
        ("Prosjekteigar", "prosjekteier"), ("Prosjektleiar", "prosjektleder"), ("Prosjektleiinga", "prosjektleder"),
        ("Ressurspersonar", "ressurspersoner"), ("Brukarpanel", "brukerpanel"), ("Koordinatorar", "koordinator"),
        # English
        ("Project owner", "prosjekteier"), ("Steering group", "styringsgruppe"), ("Project manager", "prosjektleder"),
        ("working groups", "arbeidsgruppe"), ("Coordinator", "koordinator"), ("Resource persons", "ressurspersoner"),
        ("Reference group", "referansegruppe"), ("User panel", "brukerpanel"),
        # keys, case and spacing
        ("PROSJEKT-EIER", "prosjekteier"), (" styrings gruppe ", "styringsgruppe"), ("brukerpanel", "brukerpanel"),
    ],
)
def test_a_role_is_read_from_the_words_plans_write(word, kind):
    assert RoleKind.parse(word, "kind") == kind
    assert Role(P, word, "Kommunalsjef oppvekst").kind == kind


@pytest.mark.parametrize("word", ["Sjef", "Rådmann", "", "Nærværsteam", 3, None])
def test_anything_else_is_not_a_role_and_the_error_lists_the_roles(word):
    with pytest.raises(InvalidInputError) as info:
        Role(P, word, "Kommunalsjef oppvekst")
    assert info.value.reason == "bad_choice" and info.value.params["field"] == "kind"
    assert info.value.params["choices"] == ", ".join(ROLE_KINDS)
    assert error_text(info.value).startswith(f"«{word}» er ikke et gyldig valg. Velg en av: prosjekteier")


@pytest.mark.parametrize(
    ("word", "code"),
    [("A", "a"), ("a", "a"), ("Ansvarlig", "a"), ("ansvarleg", "a"), ("Accountable", "a"),
     ("U", "u"), ("Utfører", "u"), ("responsible", "u"),  # the English "R" is the Norwegian "U"
     ("R", "r"), ("Rådføres", "r"), ("rådspurd", "r"), ("C", "r"), ("Consulted", "r"),
     ("I", "i"), ("Informeres", "i"), ("informert", "i"), ("Informed", "i")],
)
def test_raci_codes_are_the_norwegian_letters_and_words(word, code):
    assert Raci.parse(word, "code") == code
    assert Raci(code).letter == code.upper()


@pytest.mark.parametrize(
    ("word", "purpose"),
    [("Informere", "informere"), ("informasjon", "informere"), ("Orientering", "informere"), ("inform", "informere"),
     ("Involvere", "involvere"), ("involvering", "involvere"), ("innspill", "involvere"),
     ("Forankre", "forankre"), ("forankring", "forankre"), ("forankra", "forankre"),
     ("Beslutte", "beslutte"), ("vedtak", "beslutte"), ("godkjenning", "beslutte"), ("avgjerd", "beslutte"),
     ("decide", "beslutte")],
)
def test_a_purpose_is_read_from_its_verb_or_noun(word, purpose):
    assert ForankringEntry(P, "Ungdomsrådet", purpose=word).purpose == purpose


@pytest.mark.parametrize(
    ("word", "status"),
    [("Planlagt", "planlagt"), ("ikke startet", "planlagt"), ("planned", "planlagt"), ("Pågår", "pagar"),
     ("i gang", "pagar"), ("in progress", "pagar"), ("Avsluttet", "avsluttet"), ("avslutta", "avsluttet"),
     ("ferdig", "avsluttet"), ("completed", "avsluttet")],
)
def test_a_pilot_status_is_read_from_its_words(word, status):
    assert Pilot(P, "", "Nærværsteam", status=word).status == status


@pytest.mark.parametrize(
    ("word", "phase"),
    [("Innsiktsfasen", "innsikt"), ("Idéfasen", "tjenesteutvikling"), ("Utformings- og utprøvingsfasen", "pilotering"),
     ("Implementeringsfasen", "overgang_til_drift"), ("Forankring", "forankring"), ("Pilotering", "pilotering"),
     ("Overgang til drift", "overgang_til_drift"), ("Ny praksis", "ny_praksis"),
     ("Tjenesteutvikling", "tjenesteutvikling"),
     ("insight phase", "innsikt"), ("Utprøvingsfasa", "pilotering"), ("", ""), (None, "")],
)
def test_a_milestone_phase_is_a_ks_phase_from_the_kits_or_ks_words(word, phase):
    assert parse_phase(word) == phase
    assert Milestone(P, "Underveisevaluering", phase=word).phase == phase


def test_an_unknown_phase_is_refused():
    with pytest.raises(InvalidInputError) as info:
        Milestone(P, "Underveisevaluering", phase="Sommerferie")
    assert (info.value.reason, info.value.params["field"]) == ("bad_choice", "phase")
    assert info.value.params["choices"] == ", ".join(KsPhase)


# --- Dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "due", "words"),
    [
        ("1.11.18", date(2018, 11, 1), ""), ("01.11.2018", date(2018, 11, 1), ""), ("2019-03-01", date(2019, 3, 1), ""),
        ("2019-03-01T00:00:00", date(2019, 3, 1), ""), ("4. mars 2021", date(2021, 3, 4), ""),
        ("4 March 2021", date(2021, 3, 4), ""), ("31/10/2022", date(2022, 10, 31), ""),
        (date(2020, 6, 30), date(2020, 6, 30), ""), (datetime(2020, 6, 30, 12), date(2020, 6, 30), ""),
        # the plan's words are kept around a date, and kept alone when there is none
        ("Innen 1.11.18", date(2018, 11, 1), "Innen 1.11.18"),
        ("Vår 2019", None, "Vår 2019"), ("Vår 2019 Vår 2020", None, "Vår 2019 Vår 2020"),
        ("September 2018", None, "September 2018"), ("Prosjektperiodens slutt", None, "Prosjektperiodens slutt"),
        ("2020", None, "2020"), (2020, None, "2020"), ("  Høst\n2019 ", None, "Høst 2019"),
        # two days: which one the plan means is not guessed
        ("1.3.2019 og 1.6.2019", None, "1.3.2019 og 1.6.2019"), ("", None, ""), (None, None, ""),
    ],
)
def test_a_time_frame_gives_a_date_only_when_it_names_one_day(cell, due, words):
    assert parse_due(cell) == (due, words)


@pytest.mark.parametrize("cell", ["31.02.2019", "30.13.2019", "2019-02-30", "1.1.1018", "Innen 31.4.20"])
def test_a_day_that_does_not_exist_is_refused(cell):
    with pytest.raises(InvalidInputError) as info:
        parse_due(cell)
    assert info.value.reason == "bad_date"
    assert error_text(info.value).endswith("Skriv datoen som 1.11.2018 eller 2018-11-01.")


def test_dates_are_written_as_a_norwegian_reader_writes_them():
    assert format_date(date(2018, 11, 1)) == "1. november 2018"
    assert format_date(date(2019, 3, 4), short=True) == "4.3.2019"
    assert when_text(Milestone(P, "Ferdig plan", date(2018, 11, 1))) == "1.11.2018"
    assert when_text(Milestone(P, "Ferdig plan", date(2018, 11, 1), "Innen 1.11.18")) == "Innen 1.11.18"
    assert when_text(Milestone(P, "Underveisvurdering", due_text="Vår 2019")) == "Vår 2019"
    assert when_text(Milestone(P, "Sluttrapport")) == ""


# --- Validation -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "field", "reason"),
    [
        (lambda: Role("", "koordinator"), "project_id", "empty"),
        (lambda: Role(P, "koordinator", "x" * 501), "holder", "too_long"),
        (lambda: Role(P, "koordinator", nr=-1), "nr", "out_of_range"),
        (lambda: Task(P, "  "), "title", "empty"),
        (lambda: Responsibility("t1", "koordinator", "X"), "code", "bad_choice"),
        (lambda: Responsibility("t1", "rektor", "A"), "role_kind", "bad_choice"),
        (lambda: ForankringEntry(P, ""), "audience", "empty"),
        (lambda: ForankringEntry(P, "Ungdomsrådet", purpose="feire"), "purpose", "bad_choice"),
        (lambda: Meeting(P, ""), "name", "empty"),
        (lambda: Milestone(P, ""), "title", "empty"),
        (lambda: Milestone(P, "Sluttrapport", due="Vår 2019"), "due", "bad_date"),
        (lambda: Milestone(P, "Sluttrapport", due=date(1900, 1, 1)), "due", "bad_date"),
        (lambda: Milestone(P, "Sluttrapport", done="ja"), "done", "not_yes_no"),
        (lambda: Pilot(P, "", "Foreldrekurs", start=date(2022, 5, 1), end=date(2022, 4, 30)), "end", "bad_period"),
        (lambda: Pilot(P, "", "Foreldrekurs", status="kanskje"), "status", "bad_choice"),
    ],
)
def test_a_bad_value_is_refused_naming_the_field_and_the_catalogue_has_its_sentence(make, field, reason):
    with pytest.raises(InvalidInputError) as info:
        make()
    assert (info.value.params["field"], info.value.reason) == (field, reason)
    assert not error_text(info.value).startswith(("{", "error."))
    assert "{" not in error_text(info.value)


def test_the_period_error_names_both_days():
    with pytest.raises(InvalidInputError) as info:
        Pilot(P, "c1", "Foreldrekurs", start=date(2022, 5, 1), end=date(2022, 4, 30))
    assert error_text(info.value) == (
        "Utprøvingen slutter (2022-04-30) før den starter (2022-05-01). Rett start- eller sluttdatoen.")


def test_text_is_cleaned_to_one_line_where_a_table_cell_is_one_line():
    role = Role(P, "Styringsgruppe", " Sektorsjef\r\n oppvekst ", "Godkjenne planen\nGi retningslinjer")
    assert role.holder == "Sektorsjef oppvekst"
    assert role.responsibilities == "Godkjenne planen\nGi retningslinjer"  # a list stays a list
    assert role.label() == "Styringsgruppe" and role_label("styringsgruppe") == "Styringsgruppe"
    assert Role(P, "arbeidsgruppe", name="Arbeidsgruppe nærvær").label() == "Arbeidsgruppe nærvær"


def test_a_pilot_may_be_of_a_concept_outside_the_kit_and_its_days_may_be_open():
    pilot = Pilot(P, " ", "Foreldrekurs", start="2022-05-01")
    assert (pilot.concept_id, pilot.start, pilot.end) == ("", date(2022, 5, 1), None)
    assert pilot.status == PilotStatus.PLANLAGT


def test_staff_text_is_checked_for_names_and_no_field_escapes_the_guard():
    for cls in (Role, Task, ForankringEntry, Meeting, Milestone, Pilot):
        assert set(staff_text_fields(cls)) <= set(cls.FREE_TEXT)
        text_fields = {name for name, kind in cls.__annotations__.items() if kind == "str"}
        assert text_fields - {"project_id", "stakeholder_id", "concept_id", "id"} <= set(cls.FREE_TEXT), cls
    role = Role(P, "Koordinator", "Barnehagestyrer Kari Nordmann, tlf. 912 34 567")
    result = check(role)
    assert [warning.field for warning in result.names] == ["holder"]
    assert result.masked["telefon"] == 1


# --- Round trips ---------------------------------------------------------------------------------------


def test_every_object_comes_back_from_its_dict_as_it_was():
    task = Task(P, "Utarbeide prosjektplan", nr=1)
    objects = [
        Role(P, "prosjekteier", "Kommunalsjef oppvekst", "Godkjenne planen", 1, name="Prosjekteiere", duties="Støtte"),
        task,
        Responsibility(task.id, "prosjektleder", "A"),
        ForankringEntry(P, "Hovedutvalg helse og oppvekst", "Møte", "13.10.20", "beslutte", "Koordinator", "s1", 3,
                        content="Powerpoint-presentasjon og innspill"),
        Meeting(P, "Arbeidsgruppe", "En gang i måneden", "Progresjon", "Arbeidsgruppa", 1),
        Milestone(P, "Ferdigstille prosjektplan", date(2018, 11, 1), "Innen 1.11.18", "Prosjektledelsen", "innsikt",
                  True, 2, actions="Arbeidsgruppemøter"),
        Pilot(P, "c1", "Nærværsteam", "Ungdomsskolen", date(2022, 5, 1), date(2022, 10, 31), "Fravær per måned",
              "Intervju med elever", "pagar", 1),
    ]
    for item in objects:
        data = item.to_dict()
        assert isinstance(data["created"], str)
        back = type(item).from_dict(data)
        assert back == item
        assert back.to_dict() == data
    milestone = objects[5].to_dict()
    assert (milestone["due"], milestone["phase"], milestone["done"]) == ("2018-11-01", "innsikt", True)


def test_from_dict_refuses_unknown_fields():
    with pytest.raises(InvalidInputError) as info:
        Meeting.from_dict({"project_id": P, "name": "Arbeidsgruppe", "rom": "Kantina"})
    assert info.value.reason == "unknown_fields"


# --- The responsibility matrix -------------------------------------------------------------------------


def test_the_responsibility_table_has_a_row_per_task_and_a_column_per_role_in_order():
    plan, routines = Task(P, "Utarbeide prosjektplan", nr=1), Task(P, "Utarbeide rutiner")
    report = Task(P, "Rapportere", nr=2)
    cells = [
        Responsibility(plan.id, "Prosjektledelsen", "A"), Responsibility(plan.id, "Arbeidsgruppa", "U"),
        Responsibility(plan.id, "Styringsgruppe", "I"), Responsibility(routines.id, "Arbeidsgruppa", "A"),
        Responsibility(routines.id, "Arbeidsgruppa", "U"), Responsibility(routines.id, "Ressursgruppa", "R"),
        Responsibility(report.id, "Prosjektledelsen", "U"), Responsibility(report.id, "Prosjekteier", "A"),
    ]
    header, rows = responsibility_table([plan, routines, report], cells)
    assert header == ["Oppgave", "Prosjekteier", "Styringsgruppe", "Prosjektleder", "Arbeidsgruppe", "Ressurspersoner"]
    assert rows == [
        ["Utarbeide prosjektplan", "", "I", "A", "U", ""],
        ["Rapportere", "A", "", "U", "", ""],
        ["Utarbeide rutiner", "", "", "", "A/U", "R"],  # not numbered: after the numbered ones
    ]
    header, rows = responsibility_table([plan], cells[:1], kinds=["koordinator", "prosjektleder"])
    assert header == ["Oppgave", "Koordinator", "Prosjektleder"] and rows == [["Utarbeide prosjektplan", "", "A"]]


def test_a_responsibility_for_a_task_not_in_the_list_is_refused():
    with pytest.raises(InvalidInputError) as info:
        responsibility_table([Task(P, "Rapportere")], [Responsibility("nowhere", "koordinator", "U")])
    assert info.value.reason == "unknown_task"
    assert error_text(info.value).startswith("Ansvaret gjelder en oppgave som ikke finnes")


def test_unnumbered_items_get_the_next_free_numbers():
    meetings = [Meeting(P, "A"), Meeting(P, "B", nr=3), Meeting(P, "C"), Meeting(P, "D", nr=1)]
    assert [display_numbers(meetings)[m.id] for m in meetings] == [4, 3, 5, 1]
    assert Purpose.BESLUTTE.value == "beslutte"
