"""What the report states as fact: the day the workshop was held, its phase in KS' veikart, the midline rule,
the samskapingsplan ticked off from the workshop, and the groups it offered."""

from __future__ import annotations

from datetime import datetime, timedelta

from samskaping.core.i18n import t
from samskaping.core.models import Workshop
from samskaping.ideas.model import Concept, Idea, Voting
from samskaping.reports.build import build_report, held, report_from_data
from samskaping.reports.model import Paragraph, Table
from samskaping.room.model import Arrival, Evaluation
from samskaping.stakeholders.analysis import midline_rule
from samskaping.stakeholders.model import Stakeholder

CREATED = datetime.fromisoformat("2026-03-04T15:00:00+00:00")  # the afternoon before, as the guides advise
DAY = datetime.fromisoformat("2026-03-05T08:50:00+00:00")


def _held_workshop(store, **kwargs) -> Workshop:
    workshop = store.workshops.create(Workshop("Idédugnad om nærvær", created=CREATED, **kwargs))
    store.room.register_arrival(Arrival(workshop.id, "s1", "ansatt", at=DAY))
    store.ideas.add(Idea(workshop.id, "Ring hjem andre fraværsdag", group="ansatt", session_id="s1",
                         created=DAY + timedelta(minutes=20)))
    store.ideas.add(Idea(workshop.id, "Lapp skrevet inn uka etter", on_paper=True, session_id="cli",
                         created=DAY + timedelta(days=6)))
    store.room.save_evaluation(Evaluation(workshop.id, "s1", 4, 5, created=DAY + timedelta(hours=2)))
    return workshop


def test_the_report_is_dated_the_day_the_workshop_was_held_not_created(store):
    workshop = _held_workshop(store)
    report = build_report(store, workshop.id)
    assert report.title_page.date == "05.03.2026"
    assert dict(report.title_page.facts)[t("report.held")] == "05.03.2026"
    intro = report.sections[-1].blocks[0].text
    assert intro.startswith("Verkstedet ble holdt 05.03.2026") and "04.03.2026" not in intro
    assert held(report.data) == (DAY, DAY + timedelta(hours=2))  # paper typed in a week later does not count


def test_a_workshop_held_over_two_days_shows_both(store):
    workshop = _held_workshop(store)
    store.votes.set_voting(Voting(workshop.id, dots=3, state="apen"))
    [idea, _] = store.ideas.list(workshop.id)
    store.votes.add_dot(idea.id, "s1", "ansatt")  # now, long after the fifth of March
    report = build_report(store, workshop.id, lang="en")
    assert report.title_page.date.startswith("2026-03-05 – ")


def test_a_workshop_not_held_yet_says_so_with_the_day_it_was_made(store):
    workshop = store.workshops.create(Workshop("Planlagt", created=CREATED))
    report = build_report(store, workshop.id)
    assert report.title_page.date == t("report.not_held", date="04.03.2026")
    assert t("report.date") in dict(report.title_page.facts)
    assert report.sections[-1].blocks[0].text.startswith("Verkstedet ble laget 04.03.2026, men ingenting")


def test_the_report_names_the_phase_of_service_design_and_its_place_in_ks_veikart(store):
    workshop = _held_workshop(store, phase="innsikt")
    report = build_report(store, workshop.id)
    facts = dict(report.title_page.facts)
    assert facts[t("report.phase")] == "Innsikt"
    assert facts[t("report.ks_phase")] == "«Forankring» og «Innsikt»"
    intro = report.sections[-1].blocks[0].text
    assert "tjenestedesignprosessen" in intro and "KS' veikart for tjenesteinnovasjon" in intro
    en = report_from_data(report.data, lang="en")
    assert dict(en.title_page.facts)["Phase in KS' roadmap"] == "“Anchoring” and “Insight”"


def test_the_stakeholder_section_says_which_midline_rule_made_the_quadrants(store):
    workshop = _held_workshop(store)
    store.stakeholders.save(Stakeholder(workshop.id, "NAV", "nav", 3, 4))
    store.stakeholders.save(Stakeholder(workshop.id, "PPT", "oppvekst", 5, 5))
    section = next(s for s in build_report(store, workshop.id).sections if s.key == "stakeholders")
    assert Paragraph(midline_rule()) in section.blocks
    plan = next(block for block in section.blocks if isinstance(block, Table))
    assert {row[0]: row[2] for row in plan.rows} == {
        "NAV": t("stakeholder.plan.on_line", quadrant="Nøkkelspillere"), "PPT": "Nøkkelspillere"}


def test_the_samskapingsplan_section_ticks_off_only_what_the_workshop_did(store):
    workshop = _held_workshop(store)
    store.stakeholders.save(Stakeholder(workshop.id, "PPT", "oppvekst", 5, 5))
    store.concepts.save(Concept(workshop.id, "Nærværsteam"))
    section = next(s for s in build_report(store, workshop.id).sections if s.key == "samskaping")
    [table] = [block for block in section.blocks if isinstance(block, Table)]
    assert [row[0] for row in table.rows] == ["Innsikt", "Idé", "Idé", "Idé"]  # in the plan's phase order
    activities = " ".join(row[1] for row in table.rows)
    assert "(interessenter: 1)" in activities and "(idéer: 2; grupper: ansatt)" in activities
    assert "(konsepter: 1)" in activities and "Verkstedet evaluert av deltakerne (svar: 1)" in activities
    assert "tjenestereise" not in activities  # no journey was drawn, so none is claimed


def test_attendance_misses_only_the_user_groups_the_workshop_offered(store):
    staff = _held_workshop(store, groups=("ansatt", "leder"))
    lines = next(s for s in build_report(store, staff.id).sections if s.key == "attendance").blocks
    assert not any(t("attendance.missing.groups", groups="").split(":")[0] in getattr(b, "text", "") for b in lines)
    school = _held_workshop(store, groups=("barn", "ansatt"))
    section = next(s for s in build_report(store, school.id).sections if s.key == "attendance")
    assert any("Barn" in item for block in section.blocks for item in getattr(block, "items", ()))
