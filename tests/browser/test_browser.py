"""A real headless chromium against a real Voilà started by the tests."""

from __future__ import annotations

import pytest

from samskaping.core.i18n import t
from samskaping.core.models import Workshop
from samskaping.ideas.model import Idea
from samskaping.ideas.voting import results
from samskaping.server.routes import join_url

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAYLOAD = "<img src=x onerror=alert(1)>"
# Functional limits, not benchmarks: a page that takes longer than this is broken.
PAGE_TIMEOUT_MS = 60_000
WALL_TIMEOUT_MS = 15_000


@pytest.fixture
def live_workshop(server_store):
    return server_store.workshops.create(Workshop(title="Nettlesertest", question="Hva trenger familiene?"))


def _watch_dialogs(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def test_participant_sends_idea_and_facilitator_sees_it_live(voila_server, server_store, live_workshop, phone, laptop):
    participant = phone.new_page()
    dialogs = _watch_dialogs(participant)
    participant.goto(join_url(voila_server.url, live_workshop))
    participant.get_by_text("Hva trenger familiene?").wait_for(timeout=PAGE_TIMEOUT_MS)

    participant.get_by_role("button", name="Ungdom").click()  # the group is asked once, on arrival
    participant.get_by_text("Registrert som Ungdom").wait_for(timeout=WALL_TIMEOUT_MS)
    participant.locator("textarea").fill(PAYLOAD)
    participant.get_by_role("button", name="Send idé").click()
    participant.get_by_text("Takk! Idéen din er sendt.").wait_for(timeout=WALL_TIMEOUT_MS)
    participant.locator(".sk-mine").get_by_text(PAYLOAD).wait_for()
    assert participant.locator("img[src='x']").count() == 0

    [stored] = server_store.ideas.list(live_workshop.id)
    assert (stored.text, stored.group) == (PAYLOAD, "ungdom")

    wall = laptop.new_page()
    wall_dialogs = _watch_dialogs(wall)
    wall.goto(f"{voila_server.facilitator_url}?verksted={live_workshop.id}")
    wall.locator(".sk-card").get_by_text(PAYLOAD).wait_for(timeout=PAGE_TIMEOUT_MS)
    assert wall.get_by_text(f"Kode: {live_workshop.join_code}").is_visible()
    assert wall.locator("svg").count() >= 1  # the QR code

    # A second idea appears on the open wall without reloading it.
    participant.locator("textarea").fill("Fast kontaktperson i skolen")
    participant.get_by_role("button", name="Send idé").click()
    wall.locator(".sk-card").get_by_text("Fast kontaktperson i skolen").wait_for(timeout=WALL_TIMEOUT_MS)
    assert wall.locator("img[src='x']").count() == 0
    assert dialogs == [] and wall_dialogs == []


def test_facilitator_hides_an_idea(voila_server, server_store, live_workshop, laptop):
    server_store.ideas.add(Idea(workshop_id=live_workshop.id, text="Upassende innlegg"))
    wall = laptop.new_page()
    wall.goto(f"{voila_server.facilitator_url}?verksted={live_workshop.id}")
    wall.locator(".sk-card").get_by_text("Upassende innlegg").wait_for(timeout=PAGE_TIMEOUT_MS)
    wall.get_by_role("button", name="Skjul").click()
    wall.get_by_role("button", name="Vis igjen").wait_for(timeout=WALL_TIMEOUT_MS)
    assert server_store.ideas.list(live_workshop.id)[0].hidden


def test_participant_page_fits_a_small_phone_and_refuses_empty_ideas(voila_server, live_workshop, phone):
    page = phone.new_page()
    page.goto(join_url(voila_server.url, live_workshop))
    page.locator("textarea").wait_for(timeout=PAGE_TIMEOUT_MS)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Send idé").click()
    page.get_by_text("Feltet er tomt. Skriv minst ett ord.").wait_for(timeout=WALL_TIMEOUT_MS)


def test_join_by_typing_the_code(voila_server, live_workshop, phone):
    page = phone.new_page()
    page.goto(voila_server.participant_url)
    page.get_by_text("Bli med i verkstedet").wait_for(timeout=PAGE_TIMEOUT_MS)
    page.locator("input[type='text']").fill(live_workshop.join_code.lower())
    page.get_by_role("button", name="Bli med").click()
    page.get_by_text("Hva trenger familiene?").wait_for(timeout=WALL_TIMEOUT_MS)


def test_add_a_stakeholder_on_the_page_and_see_it_on_the_grid(voila_server, server_store, live_workshop, laptop):
    page = laptop.new_page()
    page.goto(f"{voila_server.url}/voila/render/interessenter.ipynb?verksted={live_workshop.id}")
    page.get_by_label("Navn", exact=True).wait_for(timeout=PAGE_TIMEOUT_MS)
    grid = page.locator("img").first
    grid.wait_for(timeout=PAGE_TIMEOUT_MS)
    before = grid.get_attribute("src")
    page.get_by_label("Navn", exact=True).fill("Helsestasjonen <b>")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("«Helsestasjonen <b>» er lagret.").wait_for(timeout=WALL_TIMEOUT_MS)
    page.locator(".sk-plan").get_by_text("Helsestasjonen <b>").wait_for(timeout=WALL_TIMEOUT_MS)
    assert grid.get_attribute("src") != before  # the grid was redrawn with the new point
    assert page.locator("b:text('Helsestasjonen')").count() == 0
    [stored] = server_store.stakeholders.list(live_workshop.id)
    assert stored.name == "Helsestasjonen <b>"


def test_add_a_step_on_the_journey_page_and_see_it_on_the_map(voila_server, server_store, live_workshop, laptop):
    from samskaping.journeys.model import Journey

    journey = server_store.journeys.save(Journey(live_workshop.id, "Dagens reise"))
    page = laptop.new_page()
    page.goto(f"{voila_server.url}/voila/render/tjenestereise.ipynb?verksted={live_workshop.id}&reise={journey.id}")
    page.get_by_label("Hva skjer", exact=True).wait_for(timeout=PAGE_TIMEOUT_MS)
    page.get_by_label("Hva skjer", exact=True).fill("Kontaktlærer ser <høyt> fravær")
    page.get_by_role("combobox", name="Tjeneste").fill("skole")
    page.get_by_role("button", name="Legg til steg").click()
    page.get_by_text("Steget er lagt til.").wait_for(timeout=WALL_TIMEOUT_MS)
    page.get_by_role("option", name="Kontaktlærer ser <høyt> fravær", exact=False).wait_for(
        state="attached", timeout=WALL_TIMEOUT_MS)
    page.wait_for_function("() => document.querySelector('img') && document.querySelector('img').naturalWidth > 500")
    [step] = server_store.journeys.steps(journey.id)
    assert step.what == "Kontaktlærer ser <høyt> fravær"


def test_vote_on_the_phone_and_see_the_tally_after_closing(voila_server, server_store, live_workshop, phone, laptop):
    from samskaping.ideas.model import Voting

    idea = server_store.ideas.add(Idea(workshop_id=live_workshop.id, text="Leksehjelp på biblioteket"))
    server_store.votes.set_voting(Voting(live_workshop.id, dots=2, state="apen"))
    server_store.room.set_stage(live_workshop.id, "stemming", 3)
    voter = phone.new_page()
    voter.goto(join_url(voila_server.url, live_workshop))
    voter.get_by_text("Stemmegivning").first.wait_for(timeout=PAGE_TIMEOUT_MS)
    voter.get_by_role("button", name="Prikk").click()
    voter.get_by_text("Prikker igjen: 1").wait_for(timeout=WALL_TIMEOUT_MS)
    voter.get_by_role("button", name="Enig", exact=True).click()
    wall = laptop.new_page()
    wall.goto(f"{voila_server.facilitator_url}?verksted={live_workshop.id}")
    wall.get_by_text("1 prikker og 1 svar").wait_for(timeout=PAGE_TIMEOUT_MS)
    assert wall.locator("table.sk-plan").count() == 0  # hidden while voting is open
    wall.get_by_role("button", name="Steng og vis resultat").click()
    wall.locator("table.sk-plan").get_by_text("Leksehjelp på biblioteket").wait_for(timeout=WALL_TIMEOUT_MS)
    assert results(server_store, live_workshop.id)[idea.id].dots == 1


def test_evaluation_form_on_the_phone(voila_server, server_store, live_workshop, phone):
    server_store.room.set_stage(live_workshop.id, "evaluering", 5)
    page = phone.new_page()
    page.goto(join_url(voila_server.url, live_workshop))
    page.get_by_text("Hvordan var dagen?").wait_for(timeout=PAGE_TIMEOUT_MS)
    page.get_by_title(t("evaluation.score", question=t("evaluation.day"), n=4)).click()
    page.get_by_title(t("evaluation.score", question=t("evaluation.voice"), n=5)).click()
    page.locator("textarea").last.fill("Mer tid til idérunden")
    page.get_by_role("button", name="Send evaluering").click()
    page.get_by_text("Takk for at du svarte!").wait_for(timeout=WALL_TIMEOUT_MS)
    [evaluation] = server_store.room.evaluations(live_workshop.id)
    assert (evaluation.day, evaluation.voice, evaluation.change) == (4, 5, "Mer tid til idérunden")


def test_a_phone_switches_language_mid_workshop_and_a_reload_keeps_it(voila_server, server_store, live_workshop,
                                                                      phone):
    page = phone.new_page()
    page.goto(join_url(voila_server.url, live_workshop))
    page.get_by_text("Hva trenger familiene?").wait_for(timeout=PAGE_TIMEOUT_MS)
    page.get_by_role("button", name="Ungdom").click()
    page.get_by_text("Registrert som Ungdom").wait_for(timeout=WALL_TIMEOUT_MS)

    page.get_by_role("button", name="Nynorsk").click()  # one tap
    page.get_by_text(t("participant.reminder", "nn")).wait_for(timeout=WALL_TIMEOUT_MS)
    page.wait_for_function("document.documentElement.lang === 'nn'", timeout=WALL_TIMEOUT_MS)
    page.wait_for_function("new URL(location.href).searchParams.get('lang') === 'nn'", timeout=WALL_TIMEOUT_MS)
    page.locator("textarea").fill("Fleire vaksne ute i friminutta")
    page.get_by_role("button", name=t("participant.send", "nn")).click()
    page.get_by_text(t("participant.sent", "nn")).wait_for(timeout=WALL_TIMEOUT_MS)

    page.reload()
    page.get_by_text(t("participant.reminder", "nn")).wait_for(timeout=PAGE_TIMEOUT_MS)  # still nynorsk
    page.locator(".sk-mine").get_by_text("Fleire vaksne ute i friminutta").wait_for(timeout=WALL_TIMEOUT_MS)
    page.get_by_role("button", name="Davvisámegiella").click()
    page.get_by_role("button", name=t("participant.send", "se")).wait_for(timeout=WALL_TIMEOUT_MS)
    page.wait_for_function("document.documentElement.lang === 'se'", timeout=WALL_TIMEOUT_MS)

    [arrival] = server_store.room.arrivals(live_workshop.id)  # one phone, one participant, still Ungdom
    assert arrival.group == "ungdom"
    [idea] = server_store.ideas.list(live_workshop.id)
    assert (idea.text, idea.group) == ("Fleire vaksne ute i friminutta", "ungdom")
