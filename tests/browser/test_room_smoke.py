"""A small room in a real browser: 10 phones send 3 ideas each; nothing is lost or doubled.

The smoke version of benchmarks/bench_room.py: it asserts what must hold,
not how fast (timings belong in the benchmark).
"""

from __future__ import annotations

import pytest

from samskaping.core.models import Workshop
from samskaping.server.routes import join_url

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONES = 10
IDEAS_EACH = 3


def test_ten_phones_three_ideas_each_all_stored_once(voila_server, server_store, browser):
    workshop = server_store.workshops.create(Workshop(title="Røyktest", question="Hva trengs?"))
    contexts = [browser.new_context(viewport={"width": 360, "height": 740}) for _ in range(PHONES)]
    try:
        pages = []
        for context in contexts:
            page = context.new_page()
            page.goto(join_url(voila_server.url, workshop))
            pages.append(page)
        for page in pages:
            page.locator("textarea").wait_for(timeout=90_000)
        for round_ in range(IDEAS_EACH):
            for n, page in enumerate(pages):
                page.locator("textarea").fill(f"Idé {round_} fra telefon {n}")
                page.get_by_role("button", name="Send idé").click()
            for n, page in enumerate(pages):
                page.locator(".sk-mine").get_by_text(f"Idé {round_} fra telefon {n}").wait_for(timeout=30_000)
        ideas = server_store.ideas.list(workshop.id)
        assert len(ideas) == PHONES * IDEAS_EACH
        assert len({idea.text for idea in ideas}) == PHONES * IDEAS_EACH
        assert len({idea.session_id for idea in ideas}) == PHONES
    finally:
        for context in contexts:
            for page in context.pages:
                page.close(run_before_unload=True)
            context.close()
