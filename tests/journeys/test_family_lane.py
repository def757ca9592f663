"""The family's own lane: a family step between two services is the family carrying the case.

Issue 18: a journey with "Far ringer selv PPT og forklarer alt på nytt" showed
``family_carried_info_steps: 0`` because only the ticked box counted. The journey here
is written the way a coordinator writes one up after interviews: a semicolon sheet from
Norwegian Excel (cp1252), the family's steps under "Mor", "Far", "Foreldrene" and
"Familien" at the start, between services and at the end, one family step where the
stafettholder comes home (coordinated: not the family carrying) and the box ticked
once where the parents bring papers to PPT.
"""

from __future__ import annotations

import json

import pytest
from matplotlib.colors import to_hex

from samskaping.cli import main
from samskaping.core.i18n import t
from samskaping.journeys.analysis import (
    compare,
    compare_text,
    family_carrying_steps,
    handovers,
    phases_where_family_carried_info,
    services,
    summary,
    summary_text,
)
from samskaping.journeys.io import journey_summary_json, read_steps_file
from samskaping.journeys.model import DEFAULT_PHASES, FAMILY, Journey, Step, is_family
from samskaping.journeys.plot import draw_comparison, draw_journey

W = "w1"
BEKYMRING, KONTAKT, KARTLEGGING, TILTAK, OPPFOLGING, OVERGANG = DEFAULT_PHASES

#: Today's journey as the coordinator wrote it: phase (empty: as above), actor, touchpoint, what, experience,
#: wait, coordinator, "familien bærer info".
TODAY = [
    (BEKYMRING, "Mor", "annet", "Mor merker at sønnen har vondt i magen hver morgen og ikke vil på skolen", "-1", "",
     "", ""),
    ("", "Skolen", "møte", "Kontaktlærer tar opp fraværet i foreldresamtalen", "0", "2 uker", "kontaktlærer", ""),
    (KONTAKT, "Foreldrene", "telefon", "Foreldrene ringer selv helsestasjonen fordi ingen sa hvem de skulle kontakte",
     "-1", "3", "", ""),
    ("", "Helsestasjonen", "møte", "Samtale med helsesykepleier om søvn og magesmerter", "0", "10", "", ""),
    (KARTLEGGING, "Helsestasjonen", "brev", "Helsesykepleier anbefaler henvisning til PPT", "0", "7", "", ""),
    ("", "Far", "telefon", "Far ringer selv PPT og forklarer alt på nytt", "-2", "5", "", ""),
    ("", "PPT", "brev", "Henvisningen er mottatt; brev om seks ukers ventetid", "-2", "6 uker", "", ""),
    ("", "PPT", "møte", "Utredning; foreldrene tar med papirene fra helsestasjonen", "-1", "21", "", "x"),
    (TILTAK, "Skolen", "møte", "Ansvarsgruppemøte og tilrettelagt skoledag", "1", "14", "rektor", ""),
    ("", "Familien", "hjemmebesøk", "Stafettholderen besøker familien hjemme", "1", "7", "stafettholder", ""),
    ("", "BUP", "brev", "Henvisning til BUP; første time om ni uker", "-2", "63", "", ""),
    (OPPFOLGING, "Mor", "digitalt", "Mor sender selv rapporten fra BUP til skolen på e-post", "-1", "20", "", ""),
    ("", "Skolen", "møte", "Oppfølgingsmøte på skolen", "0", "14", "rektor", ""),
    (OVERGANG, "Familien", "annet", "Familien forbereder overgangen til ungdomsskolen alene", "-1", "", "", ""),
]
HEADER = ("Fase", "Aktør", "Kontaktpunkt", "Hva skjer", "Opplevelse", "Ventetid", "Koordinator",
          "Familien bærer info selv?")

WANTED = [
    (BEKYMRING, "skole", "telefon", "Kontaktlærer ringer hjem andre fraværsdag", None, "kontaktlærer"),
    (KONTAKT, "skole", "møte", "Fast tverrfaglig team møter familien; en fast kontaktperson blir stafettholder", 7,
     "stafettholder"),
    (KARTLEGGING, "PPT", "møte", "PPT og helsesykepleier kartlegger sammen", 14, "stafettholder"),
    (TILTAK, "familien", "hjemmebesøk", "Stafettholderen og foreldrene lager planen hjemme", 7, "stafettholder"),
    (TILTAK, "BUP", "digitalt", "BUP veileder teamet digitalt", 21, "stafettholder"),
    (OPPFOLGING, "skole", "møte", "Faste oppfølgingsmøter der alle hører det samme", 14, "stafettholder"),
    (OVERGANG, "foreldrene", "annet", "Foreldrene og sønnen besøker ungdomsskolen", None, ""),
]


def _sheet() -> bytes:
    # Excel writes a separator for every empty cell, in the title row and the empty row too.
    lines = ["Dagens tjenestereise, sak 2 (anonymisert)" + ";" * 7, ";" * 7, ";".join(HEADER)]
    lines += [";".join(f'"{cell}"' if ";" in cell else cell for cell in row) for row in TODAY]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


@pytest.fixture
def today() -> tuple[Journey, list[Step]]:
    journey = Journey(W, "Gutt 10 år med skolevegring")
    result = read_steps_file(_sheet(), "Tjenestereise sak 2.csv", journey)
    assert result.problems == []
    return journey, result.steps


@pytest.fixture
def wanted() -> tuple[Journey, list[Step]]:
    journey = Journey(W, "Gutt 10 år med skolevegring", variant="onsket")
    steps = [Step(journey.id, n, phase, service, touchpoint, what, wait_days=wait, coordinator=coordinator)
             for n, (phase, service, touchpoint, what, wait, coordinator) in enumerate(WANTED)]
    return journey, steps


def numbers(steps) -> list[int]:
    return [step.position + 1 for step in steps]


# --- The lane and the handovers ------------------------------------------------------------------


@pytest.mark.parametrize("written", ["Familien", "foreldrene", "Far", "mor", "Moren", "Foresatte", "Mamma",
                                     "Familien selv", "Parents", "the family"])
def test_what_a_coordinator_writes_for_the_family_is_the_familys_lane(written):
    step = Step("j", 0, TILTAK, written, "annet", "Ringer selv")
    assert step.service == FAMILY and is_family(written)
    assert not is_family("Familiesenteret") and not is_family("Familievernkontoret")


def test_the_coordinators_sheet_puts_mor_far_and_foreldrene_in_the_familys_lane(today):
    _, steps = today
    assert len(steps) == 14
    assert numbers(s for s in steps if s.service == FAMILY) == [1, 3, 6, 10, 12, 14]
    assert services(steps) == ["skole", "helsestasjon", "PPT", "BUP"]
    assert [s.family_carries_info for s in steps].count(True) == 1


def test_a_family_step_between_two_services_is_one_handover_carried_by_the_family(today):
    _, steps = today
    found = handovers(steps)
    assert [(h.from_service, h.to_service, numbers(h.family_steps), h.carried_by_family, h.coordinated)
            for h in found] == [
        ("skole", "helsestasjon", [3], True, False),  # "Foreldrene ringer selv helsestasjonen"
        ("helsestasjon", "PPT", [6], True, False),  # "Far ringer selv PPT og forklarer alt på nytt"
        ("PPT", "skole", [], False, False),
        ("skole", "BUP", [10], False, False),  # the stafettholder came home: not the family carrying
        ("BUP", "skole", [12], True, False),  # "Mor sender selv rapporten ... på e-post"
    ]
    assert [(numbers([h.from_step])[0], numbers([h.to_step])[0]) for h in found] == [
        (2, 4), (5, 7), (8, 9), (9, 11), (11, 13)]
    # The family's steps at the start (1) and the end (14) carry nothing across.
    assert numbers(family_carrying_steps(steps)) == [3, 6, 12]
    assert phases_where_family_carried_info(steps) == [KONTAKT, KARTLEGGING, OPPFOLGING]


def test_the_summary_counts_the_family_carrying_from_the_lanes_and_keeps_the_box(today):
    journey, steps = today
    s = summary(journey, steps)
    assert (s.steps, s.services, s.handovers, s.uncoordinated_handovers) == (14, 4, 5, 5)
    assert (s.family_carried_handovers, s.family_carried_info_steps) == (3, 4)  # steps 3, 6, 12 and the box at 8
    by_number = {step.position + 1: step.id for step in steps}
    assert s.family_carried_step_ids == tuple(by_number[n] for n in (3, 6, 8, 12))
    assert s.family_carried_phases == (KONTAKT, KARTLEGGING, OPPFOLGING)

    lines = summary_text(journey, steps)
    assert lines[:3] == [
        "Familien møtte 4 tjenester og 5 overganger.",
        "5 av 5 overganger skjedde uten at noen koordinerte.",
        "Familien bar saken videre selv i 3 av 5 overganger.",
    ]
    assert lines[-1] == (
        "Familien bar selv informasjon mellom tjenestene i fasene Første kontakt, Kartlegging og Oppfølging.")
    assert summary_text(journey, steps, "en")[2] == "The family carried the case on by itself at 3 of 5 handovers."


def test_one_handover_carried_by_the_family_reads_in_the_singular():
    journey = Journey(W, "Fravær")
    steps = [Step(journey.id, 0, TILTAK, "skole", "møte", "Møte", coordinator="kontaktlærer"),
             Step(journey.id, 1, TILTAK, "far", "telefon", "Far ringer selv PPT og forklarer alt på nytt"),
             Step(journey.id, 2, TILTAK, "PPT", "brev", "Henvisning", wait_days=42)]
    assert "Familien bar saken videre selv i 1 av 1 overgang." in summary_text(journey, steps)
    assert "The family carried the case on by itself at 1 of 1 handover." in summary_text(journey, steps, "en")
    assert summary(journey, steps).family_carried_info_steps == 1  # was 0: only the box counted
    calm = [steps[0], steps[2]]
    assert not any("bar saken" in line for line in summary_text(journey, calm))


def test_the_json_summary_exposes_the_family_carrying(today):
    journey, steps = today
    data = json.loads(json.dumps(journey_summary_json(journey, steps)))
    assert (data["family_carried_info_steps"], data["family_carried_handovers"], data["handovers"]) == (4, 3, 5)
    assert [(h["carried_by_family"], h["family_steps"]) for h in data["handover_list"]] == [
        (True, [3]), (True, [6]), (False, []), (False, [10]), (True, [12])]
    assert "Familien bar saken videre selv i 3 av 5 overganger." in data["sentences"]


def test_the_cli_summary_says_it_and_its_json_counts_it(tmp_path, capsys):
    def run(*args: str) -> tuple[int, str]:
        code = main([*args, "--data-dir", str(tmp_path / "data")])
        return code, capsys.readouterr().out

    workshop_id = run("new", "Innsiktsworkshop")[1].split()[-1]
    sheet = tmp_path / "Tjenestereise sak 2.csv"
    sheet.write_bytes(_sheet())
    code, out = run("journeys", "import", workshop_id, str(sheet), "--title", "Gutt 10 år med skolevegring")
    journey_id = out.split()[-1]
    assert code == 0
    code, out = run("journeys", "summary", workshop_id, journey_id)
    assert code == 0 and "- Familien bar saken videre selv i 3 av 5 overganger." in out.splitlines()
    code, out = run("journeys", "summary", workshop_id, journey_id, "--json")
    data = json.loads(out)
    assert (data["family_carried_info_steps"], data["family_carried_handovers"]) == (4, 3)


# --- Today against the wanted journey ----------------------------------------------------------


def test_the_comparison_counts_the_handovers_the_family_no_longer_carries(today, wanted):
    (a, today_steps), (b, wanted_steps) = today, wanted
    assert [h.carried_by_family for h in handovers(wanted_steps)] == [False, False, False]  # the coordinator is there
    assert all(h.coordinated for h in handovers(wanted_steps))
    c = compare(a, today_steps, b, wanted_steps)
    assert (c.today.family_carried_handovers, c.wanted.family_carried_handovers) == (3, 0)
    assert (c.family_carried_handovers_removed, c.family_carried_removed) == (3, 4)
    lines = compare_text(a, today_steps, b, wanted_steps)
    assert "Steg der familien selv bærer informasjonen: 4 → 0 (4 færre)." in lines
    assert "Overganger der familien bar saken videre selv: 3 → 0 (3 færre)." in lines
    assert "Handovers the family carried on by itself: 3 → 0 (3 fewer)." in compare_text(
        a, today_steps, b, wanted_steps, "en")


# --- The map -----------------------------------------------------------------------------------


def test_the_map_marks_the_arrows_into_the_family_carrying_the_case_with_a_legend_entry(today):
    journey, steps = today
    artists = draw_journey(journey, steps)
    by_number = {step.position + 1: step for step in steps}
    carried = [arrow for arrow in artists.arrows if arrow in artists.family_carried_arrows]
    assert len(carried) == len(artists.family_carried_arrows) == 3
    ends = [artists.arrows.index(arrow) + 2 for arrow in carried]  # arrow k joins step k+1 to step k+2
    assert ends == [3, 6, 12]
    for arrow, n in zip(carried, ends, strict=True):
        assert arrow.patchB is artists.cards[by_number[n].id]
        assert to_hex(arrow.get_edgecolor()) == "#cc79a7"
        assert arrow.get_linestyle() not in ("-", "solid")
        assert arrow not in artists.handover_arrows
    # The handover arrow leaves the family for the next service.
    assert artists.arrows[ends[1] - 1] in artists.handover_arrows
    legend = [text.get_text() for text in artists.legend.get_texts()]
    assert t("journey.plot.legend.family_carried_case") in legend
    assert artists.stats.get_text().endswith("familien bar saken videre selv i 3 av 5 overganger")
    english = draw_journey(journey, steps, lang="en")
    assert "The family carries the case on itself" in [text.get_text() for text in english.legend.get_texts()]


def test_the_comparison_map_draws_the_mark_and_the_counted_difference(today, wanted, tmp_path):
    artists = draw_comparison(*today, *wanted)
    assert len(artists.today.family_carried_arrows) == 3 and artists.wanted.family_carried_arrows == []
    caption = "\n".join(text.get_text() for text in artists.caption)
    assert "Overganger der familien bar saken videre selv: 3 → 0 (3 færre)." in caption
    path = tmp_path / "reise.png"
    artists.figure.savefig(path)
    assert path.read_bytes().startswith(b"\x89PNG")
