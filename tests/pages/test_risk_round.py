"""The risk round: phones rate the project's risks, staff see the median and the spread, and adopt it."""

from __future__ import annotations

import pytest

from helpers import html_of
from samskaping.core.models import Workshop
from samskaping.pages.participant import ParticipantPage
from samskaping.pages.request import PageRequest
from samskaping.pages.risk_round import RiskRoundPanel
from samskaping.projects.model import Project
from samskaping.risks.model import Risk, RiskRating, room_ratings
from samskaping.room.model import Stage

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def room(store):
    project = store.projects.create(Project("0-24 samarbeid"))
    workshop = store.workshops.create(Workshop("Oppstartsverksted"), project_id=project.id)
    forankring = store.risks.save(Risk(project.id, "Prosjektet forankres ikke blant ansatte", 2, 2))
    hostile = store.risks.save(Risk(project.id, HOSTILE, 1, 1))
    return workshop, forankring, hostile


def _phone(store, workshop, device):
    return ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id=device)


def test_phones_rate_each_risk_and_staff_read_the_room(store, room):
    workshop, forankring, hostile = room
    panel = RiskRoundPanel(store, "nb")
    panel.show(workshop)
    phones = [_phone(store, workshop, f"p{n}") for n in range(3)]
    panel.open_round()
    assert store.room.stage(workshop.id)[0] == Stage.RISIKO
    for phone, (likelihood, consequence) in zip(phones, ((2, 4), (5, 4), (4, 3)), strict=True):
        phone.refresh()
        assert phone.stage_box.children == (phone.risk_round.widget,)
        form_l, form_c, _ = phone.risk_round.forms[forankring.id]
        form_l.value, form_c.value = likelihood, consequence
        assert phone.risk_round.send(forankring.id)
    # A second rating from one phone replaces its first: three phones, three answers.
    form_l, _, _ = phones[0].risk_round.forms[forankring.id]
    form_l.value = 3
    assert phones[0].risk_round.send(forankring.id)
    room_rating = room_ratings(store.risks.ratings(workshop.id))[forankring.id]
    assert (room_rating.answers, room_rating.likelihood, room_rating.likelihood_range) == (3, 4, (3, 5))
    panel.refresh()
    text = html_of(panel.widget)
    assert "sannsynlighet 4,0 (fra 3 til 5), konsekvens 4,0 (fra 3 til 4), 3 svar" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and HOSTILE not in text
    panel.adopt(forankring.id, *room_rating.adopted())
    adopted = next(r for r in store.risks.list(forankring.project_id) if r.id == forankring.id)
    assert (adopted.likelihood, adopted.consequence) == (4, 4)


def test_spread_is_flagged_and_half_steps_round_to_the_cautious_side():
    ratings = [RiskRating("r", "w", device, likely, severe) for device, likely, severe in (("a", 1, 2), ("b", 4, 3))]
    room = room_ratings(ratings)["r"]
    assert room.disagreement and room.adopted() == (3, 3)  # 2.5 → 3, 2.5 → 3
    calm = room_ratings([RiskRating("r", "w", "a", 3, 3), RiskRating("r", "w", "b", 4, 3)])["r"]
    assert not calm.disagreement


def test_a_phone_must_choose_both_and_a_closed_round_takes_nothing(store, room):
    workshop, forankring, _ = room
    store.room.set_stage(workshop.id, Stage.RISIKO)
    phone = _phone(store, workshop, "p1")
    form_l, form_c, message = phone.risk_round.forms[forankring.id]
    form_l.value = 3
    assert phone.risk_round.send(forankring.id) is False and "Velg både" in message.value
    form_c.value = 2
    store.room.set_stage(workshop.id, Stage.IDEER)  # closed while the phone was typing
    assert phone.risk_round.send(forankring.id) is False and "sk-error" in message.value
    assert store.risks.ratings(workshop.id) == []


def test_a_rating_of_another_projects_risk_is_refused(store, room):
    workshop, _, _ = room
    other = store.projects.create(Project("Et annet prosjekt"))
    foreign = store.risks.save(Risk(other.id, "Noe annet", 3, 3))
    store.room.set_stage(workshop.id, Stage.RISIKO)
    from samskaping.core.exceptions import InvalidInputError

    with pytest.raises(InvalidInputError) as caught:
        store.risks.rate(RiskRating(foreign.id, workshop.id, "p1", 3, 3))
    assert caught.value.reason == "unknown_risk"
    assert store.risks.ratings(workshop.id) == []


def test_the_project_page_runs_the_round_in_its_newest_workshop(store, room):
    from samskaping.pages.project import ProjectPage

    workshop, forankring, _ = room
    page = ProjectPage(store, PageRequest.from_query_string(f"prosjekt={workshop.join_code}"))
    assert page.round.workshop.id == workshop.id
    page.round.open_round()
    phone = _phone(store, workshop, "p1")
    form_l, form_c, _ = phone.risk_round.forms[forankring.id]
    form_l.value, form_c.value = 4, 5
    phone.risk_round.send(forankring.id)
    page.refresh()  # the page's poll: the phone's rating shows without a reload
    assert "1 svar" in html_of(page.round.widget)
