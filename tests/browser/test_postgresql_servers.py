"""Two kit servers on one PostgreSQL database: a phone on one, the wall on the other.

A samskapingsdag too large for one laptop runs several ``samskaping serve`` on one
database (README: «Større installasjoner»). The wall must show what phones send
through any of them, and a server that dies must not take a confirmed idea with it.
"""

from __future__ import annotations

import pytest

from helpers import _close, login, send_idea
from samskaping.core.models import Workshop
from samskaping.server.routes import join_url
from samskaping.store import Store
from security.raw_http import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE_TIMEOUT_MS = 60_000


def test_an_idea_sent_through_one_server_reaches_the_wall_of_another_and_outlives_it(postgres, make_voila_server,
                                                                                      browser):
    url = postgres.new_database()
    shared = {"SAMSKAPING_DATABASE_URL": url}
    first, second = make_voila_server(env=shared), make_voila_server(env=shared)
    with Store(database_url=url) as store:
        room = store.workshops.create(Workshop("Samskapingsdag", question="Hva trenger familiene?"))

        wall_context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nb-NO")
        phone_context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nb-NO")
        try:
            login(wall_context, second)
            wall = wall_context.new_page()
            wall.goto(f"{second.local_url}/voila/render/vegg.ipynb?verksted={room.id}")
            wall.get_by_text(f"Kode: {room.join_code}").wait_for(timeout=PAGE_TIMEOUT_MS)

            send_idea(phone_context, join_url(first.local_url, room), room, "Foresatt",
                      "Én kontaktperson for hele familien")

            wall.locator(".sk-card", has_text="Én kontaktperson for hele familien").wait_for(timeout=15_000)
        finally:
            _close(phone_context)
            _close(wall_context)

        first.process.kill()  # the server the phone used dies at once
        first.process.wait(20)
        assert wait_for(lambda: [i.text for i in store.ideas.list(room.id)] == ["Én kontaktperson for hele familien"],
                        5)
        assert [(a.group, bool(a.session_id)) for a in store.room.arrivals(room.id)] == [("foresatt", True)]
