"""The forankringsplan drafted from a stakeholder register: who is involved, anchored, informed, and who decides."""

from __future__ import annotations

import pytest

from samskaping.core.i18n import t
from samskaping.organisation.forankring import PURPOSE_OF, forankringsplan_from
from samskaping.organisation.model import ForankringEntry, Purpose
from samskaping.stakeholders.analysis import quadrant
from samskaping.stakeholders.model import Quadrant, Stakeholder

P, W = "p1", "w1"


@pytest.fixture
def register() -> list[Stakeholder]:
    """A register as Selbu's interessentanalyse has it: groups and bodies, roles only, one per quadrant at least."""
    return [
        Stakeholder(W, "Lokalavisa", "media", 1, 2),  # minimal innsats
        Stakeholder(W, "Skoler", "oppvekst", 5, 4, strategy="Ekspertgrupper og fagmøter", channel="Rektormøte",
                    frequency="annenhver uke"),  # key player with its own words
        Stakeholder(W, "Hovedutvalg helse og oppvekst", "politikk", 2, 5),  # bør tilfredsstilles
        Stakeholder(W, "Frivilligsentralen", "frivillighet", 4, 2),  # holdes informert
        Stakeholder(W, "Helsestasjonen", "helse", 5, 5),  # key player, the quadrant's defaults
        Stakeholder(W, "Tillitsvalgte", "Tillitsvalgte", 2, 4, channel="Fellesutvalget"),  # bør tilfredsstilles
        Stakeholder(W, "Ungdomsrådet", "brukere", 4, 3),  # on the midline: a key player by the default rule
    ]


def by_audience(entries: list[ForankringEntry]) -> dict[str, list[ForankringEntry]]:
    found: dict[str, list[ForankringEntry]] = {}
    for entry in entries:
        found.setdefault(entry.audience, []).append(entry)
    return found


def test_each_quadrant_gets_its_purpose_and_key_players_also_decide(register):
    entries = forankringsplan_from(register, project_id=P)
    purposes = {name: [e.purpose for e in lines] for name, lines in by_audience(entries).items()}
    assert purposes == {
        "Helsestasjonen": ["involvere", "beslutte"],
        "Skoler": ["involvere", "beslutte"],
        "Ungdomsrådet": ["involvere", "beslutte"],
        "Hovedutvalg helse og oppvekst": ["forankre"],
        "Tillitsvalgte": ["forankre"],
        "Frivilligsentralen": ["informere"],
        "Lokalavisa": ["informere"],
    }
    for s in register:  # the purpose follows the grid's own rule
        assert by_audience(entries)[s.name][0].purpose == PURPOSE_OF[quadrant(s)]


def test_lines_come_in_the_involvement_plans_order_numbered_and_tied_to_their_stakeholder(register):
    entries = forankringsplan_from(register, project_id=P)
    assert [e.nr for e in entries] == list(range(1, len(entries) + 1))
    assert [e.audience for e in entries] == [
        "Helsestasjonen", "Helsestasjonen", "Skoler", "Skoler", "Ungdomsrådet", "Ungdomsrådet",
        "Hovedutvalg helse og oppvekst", "Tillitsvalgte", "Frivilligsentralen", "Lokalavisa",
    ]
    ids = {s.name: s.id for s in register}
    assert all(e.stakeholder_id == ids[e.audience] and e.project_id == P for e in entries)


def test_how_and_when_are_the_stakeholders_own_words_or_the_quadrants_defaults(register):
    lines = by_audience(forankringsplan_from(register, project_id=P))
    school = lines["Skoler"][0]
    assert (school.how, school.when, school.content) == ("Rektormøte", "annenhver uke", "Ekspertgrupper og fagmøter")
    health = lines["Helsestasjonen"][0]
    assert (health.how, health.when) == (t("stakeholder.channel.nokkelspillere"),
                                         t("stakeholder.frequency.nokkelspillere"))
    assert health.content == t("org.forankring.content.involvere")
    council = lines["Hovedutvalg helse og oppvekst"][0]
    assert (council.how, council.when) == ("Statusmøte i utvalget der de vedtar", "minst hvert halvår")
    assert lines["Tillitsvalgte"][0].how == "Fellesutvalget"
    assert (lines["Frivilligsentralen"][0].how, lines["Frivilligsentralen"][0].when) == (
        "Nyhetsbrev og informasjonsmøte", "ved milepæler")
    media = lines["Lokalavisa"][0]
    assert (media.how, media.when, media.content) == ("Ved behov", "ved behov", t("org.forankring.content.minimal"))
    decide = lines["Skoler"][1]
    assert (decide.how, decide.when, decide.content) == (
        "Møte der konseptene legges fram til godkjenning", "når konseptene er ferdige",
        "Godkjenning av konseptene og endringene som foreslås.")


def test_the_owner_is_the_coordinator_unless_another_is_given(register):
    assert {e.owner for e in forankringsplan_from(register, project_id=P)} == {"Koordinator"}
    assert {e.owner for e in forankringsplan_from(register, project_id=P, owner=" Prosjektleder ")} == {"Prosjektleder"}


def test_the_midline_rule_is_the_grids(register):
    strict = by_audience(forankringsplan_from(register, project_id=P, midline_high=False))
    assert [e.purpose for e in strict["Ungdomsrådet"]] == [Purpose.INFORMERE]  # 4, 3: holdes informert
    assert quadrant((4, 3), midline_high=False) == Quadrant.HOLDES_INFORMERT


def test_an_empty_register_gives_an_empty_plan():
    assert forankringsplan_from([], project_id=P) == []
