"""A phone fetches Voilà's script chunks as one file (server/bundle.py), in a real chromium."""

from __future__ import annotations

import re

import pytest

from samskaping.core.models import Workshop
from samskaping.room.model import Stage
from samskaping.server.bundle import CHUNKS_FILE, chunk_ids
from samskaping.server.routes import join_url

pytestmark = pytest.mark.browser

_CHUNK = re.compile(r"/voila/static/(\d+)\.voila\.js")


def test_a_phone_asks_for_no_script_chunk_outside_the_bundle(voila_server, server_store, phone):
    room = server_store.workshops.create(Workshop(title="Ett skript", question="Hva gjør fritiden bedre?"))
    page = phone.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(join_url(voila_server.url, room))
    page.get_by_role("button", name="Foresatt").click()
    page.locator("textarea").fill("Gratis utlån av utstyr")
    page.get_by_role("button", name="Send idé").click()
    page.get_by_text("Takk! Idéen din er sendt.").wait_for(timeout=15_000)
    server_store.room.set_stage(room.id, Stage.STEMMING, 0)  # the ballot: widgets the idea form does not use
    page.locator('[data-sk-stage="stemming"]').wait_for(state="attached", timeout=15_000)
    page.wait_for_timeout(1_000)
    outside = [m.group(1) for url in asked if (m := _CHUNK.search(url))]
    assert not outside, (f"Voilà's chunks changed: write these ids into {CHUNKS_FILE.name}: "
                         f"{' '.join(dict.fromkeys([*chunk_ids(), *outside]))}")
    assert sum("/samskaping/voila-chunks." in url for url in asked) == 1

    # A reload works from the kept file too (test_cache.py: kept a year, 304 when asked again).
    asked.clear()
    page.reload()
    page.locator('[data-sk-stage="stemming"]').wait_for(state="attached", timeout=60_000)
    assert not [url for url in asked if _CHUNK.search(url)]
