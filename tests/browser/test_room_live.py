"""The room in a real browser: one participant per phone, live updates, layout that fits a phone."""

from __future__ import annotations

import time

import pytest

from samskaping.core.models import Workshop
from samskaping.ideas.model import Voting
from samskaping.pages.request import PageRequest
from samskaping.server.app import DEVICE_COOKIE
from samskaping.server.routes import join_url
from security.raw_http import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE_TIMEOUT_MS = 60_000


@pytest.fixture
def room(server_store):
    return server_store.workshops.create(Workshop("Rommet", question="Hva trenger ungdom i helgene?"))


def _open(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.get_by_text("Hva trenger ungdom i helgene?").wait_for(timeout=PAGE_TIMEOUT_MS)
    return page


def test_a_reload_and_a_second_tab_are_one_participant_with_one_dot_budget(voila_server, server_store, room, phone):
    page = _open(phone, join_url(voila_server.local_url, room))
    page.get_by_role("button", name="Ungdom").click()
    page.get_by_text("Registrert som Ungdom").wait_for()
    page.locator("textarea").fill("Åpen hall på lørdager")
    page.get_by_role("button", name="Send idé").click()
    page.get_by_text("Takk! Idéen din er sendt.").wait_for(timeout=15_000)
    cookie = next(c for c in phone.cookies() if c["name"] == DEVICE_COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    page.reload()
    page.get_by_text("Hva trenger ungdom i helgene?").wait_for(timeout=PAGE_TIMEOUT_MS)
    page.get_by_text("Registrert som Ungdom").wait_for(timeout=15_000)  # not asked again
    assert page.get_by_role("button", name="Ungdom").is_hidden()
    page.locator(".sk-mine").get_by_text("Åpen hall på lørdager").wait_for()
    second = _open(phone, join_url(voila_server.local_url, room))
    second.get_by_text("Registrert som Ungdom").wait_for(timeout=15_000)
    second.get_by_role("button", name="Endre").click()  # a change of mind shows the choice, marked
    second.locator(".widget-toggle-button.mod-active", has_text="Ungdom").wait_for(timeout=15_000)
    assert len(server_store.room.arrivals(room.id)) == 1

    server_store.votes.set_voting(Voting(room.id, 2, "apen"))
    server_store.room.set_stage(room.id, "stemming")
    for tab in (page, second, page):  # three dots tried from two tabs of one phone: two are counted
        tab.get_by_role("button", name="Prikk").first.click(timeout=30_000)
        time.sleep(1)
    [arrival] = server_store.room.arrivals(room.id)
    assert wait_for(lambda: sum(server_store.votes.my_dots(room.id, arrival.session_id).values()) == 2, 10)
    assert server_store.votes.count(room.id) == (2, 0)


def test_a_page_cannot_pose_as_another_device_with_a_header(voila_server, server_store, room, browser):
    """The device id comes only from the server's signed cookie; a client's own X-Samskaping-Device is replaced."""
    victim = PageRequest(device="victimsdeviceid0000000").participant(room.id)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nb-NO",
                                  extra_http_headers={"X-Samskaping-Device": "victimsdeviceid0000000"})
    try:
        page = _open(context, join_url(voila_server.local_url, room))
        page.get_by_role("button", name="Leder").click()
        page.get_by_text("Registrert som Leder").wait_for()
        sessions = {arrival.session_id for arrival in server_store.room.arrivals(room.id)}
        assert sessions and victim not in sessions
    finally:
        context.close()


def test_a_concept_saved_while_phones_are_open_reaches_them_without_a_reload(voila_server, server_store, room, phone):
    from samskaping.ideas.model import Concept

    server_store.room.set_stage(room.id, "konsepter")
    page = _open(phone, join_url(voila_server.local_url, room))
    page.get_by_text("Det er ingen konsepter ennå.").wait_for(timeout=30_000)
    server_store.concepts.save(Concept(room.id, "Åpen hall hver lørdag", description="Kommunen låser opp, frivillige"))
    page.get_by_text("Åpen hall hver lørdag").wait_for(timeout=15_000)
    page.get_by_role("button", name="Bra", exact=True).click()
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_text("Takk! Du kan endre svaret og sende på nytt.").wait_for(timeout=15_000)
    [answer] = server_store.concepts.feedback(room.id)
    assert answer.stance == "bra"


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_wall_fits_the_projector_and_reads_from_the_back_of_the_room(voila_server, server_store, room, browser,
                                                                          size):
    from helpers import _close, login
    from samskaping.ideas.model import Idea

    shown = server_store.ideas.add(Idea(room.id, "Åpen idrettshall hver lørdag", "ungdom"))
    hidden = server_store.ideas.add(Idea(room.id, "Dette skal ikke vises", "annet"))
    server_store.ideas.set_hidden(hidden.id)
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nb-NO")
    try:
        login(context, voila_server)
        page = context.new_page()
        page.goto(f"{voila_server.local_url}/voila/render/vegg.ipynb?verksted={room.id}")
        card = page.locator(".sk-card", has_text=shown.text)
        card.wait_for(timeout=PAGE_TIMEOUT_MS)
        assert page.get_by_text("Dette skal ikke vises").count() == 0
        for part in (page.locator(".sk-wall-join svg"), page.get_by_text(f"Kode: {room.join_code}")):
            box = part.bounding_box()
            assert box and box["x"] >= 0 and box["y"] >= 0
            assert box["x"] + box["width"] <= size[0] and box["y"] + box["height"] <= size[1]  # never cut off
        font = float(card.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
        assert font >= (24 if size[0] >= 1920 else 18)
        server_store.ideas.add(Idea(room.id, "Kveldsåpent bibliotek", "leder"))
        page.locator(".sk-card", has_text="Kveldsåpent bibliotek").wait_for(timeout=10_000)  # live
    finally:
        _close(context)


def test_the_address_follows_the_workshop_so_a_reload_opens_the_new_one(voila_server, server_store, room, laptop):
    page = laptop.new_page()
    page.goto(f"{voila_server.facilitator_url}?verksted={room.id}")
    page.get_by_text("Hva trenger ungdom i helgene?").first.wait_for(timeout=PAGE_TIMEOUT_MS)
    page.get_by_text("Nytt verksted", exact=True).click()  # the accordion's title
    page.get_by_label("Tittel").fill("Adressetest")
    page.get_by_role("button", name="Lag verksted").click()
    page.get_by_role("heading", name="Adressetest").wait_for(timeout=15_000)
    created = next(w for w in server_store.workshops.list() if w.title == "Adressetest")
    assert wait_for(lambda: f"verksted={created.id}" in page.url, 10), page.url
    page.reload()
    page.get_by_role("heading", name="Adressetest").wait_for(timeout=PAGE_TIMEOUT_MS)
    assert page.get_by_role("heading", name="Rommet", exact=True).count() == 0


def test_a_stage_change_brings_a_scrolled_phone_to_the_new_part(voila_server, server_store, room, phone):
    page = _open(phone, join_url(voila_server.local_url, room))
    page.get_by_role("button", name="Ungdom").click()
    page.get_by_text("Registrert som Ungdom").wait_for()
    for n in range(8):  # a long "Dine idéer" list to scroll past
        page.locator("textarea").fill(f"Idé nummer {n} om helgene, med litt mer tekst så den tar plass")
        page.get_by_role("button", name="Send idé").click()
        page.locator(".sk-mine").get_by_text(f"Idé nummer {n} om").wait_for(timeout=15_000)
    page.locator(".sk-mine-row").last.scroll_into_view_if_needed()
    scrolled = "Math.max(window.scrollY, (document.getElementById('rendered_cells') || {}).scrollTop || 0)"
    assert page.evaluate(scrolled) > 200
    server_store.room.set_stage(room.id, "evaluering")
    page.get_by_text("Hvordan var dagen?").wait_for(timeout=15_000)
    assert wait_for(lambda: page.evaluate(scrolled) == 0, 5)
