"""A small room in a real browser: 10 phones send 3 ideas each; nothing is lost or doubled.

The smoke version of benchmarks/bench_room.py: it asserts what must hold,
not how fast (timings belong in the benchmark).
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from samskaping.core.models import Workshop
from samskaping.server.routes import join_url
from samskaping.store import open_store

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


STORM_PHONES = 8


def test_phones_that_open_the_link_in_the_same_second_all_get_the_form(make_voila_server, browser):
    # More phones than warm kernels, all at once: the server falls behind, and a page whose widgets
    # reached the server late used to come without its form (a blank page, for good).
    server = make_voila_server(pool_size=2)
    store = open_store(server.config.data_dir)
    workshop = store.workshops.create(Workshop(title="Storm", question="Hva trengs?"))
    time.sleep(3)  # the pool of two is warm; the other six phones wait for kernels started as they come
    contexts = [browser.new_context(viewport={"width": 360, "height": 740}) for _ in range(STORM_PHONES)]
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:  # "commit": the next phone does not wait for this one's page
            page.goto(join_url(server.url, workshop), wait_until="commit", timeout=90_000)
        usable = 0
        for page in pages:
            try:
                page.locator("textarea").wait_for(timeout=90_000)
                usable += 1
            except PlaywrightTimeout:
                pass
        log = (server.config.data_dir / "voila.log").read_text(errors="replace")
        assert usable == STORM_PHONES, f"{usable} of {STORM_PHONES} phones got the form"
        assert "Timeout waiting for IOPub output" not in log
    finally:
        for context in contexts:
            for page in context.pages:
                page.close(run_before_unload=True)
            context.close()
