"""Faults with a real Voilà: a page's kernel killed while it sends, a server restarted mid-workshop."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from samskaping.core.models import Workshop
from samskaping.server.routes import join_url
from samskaping.store import open_store

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PAGE_TIMEOUT_MS = 60_000


def _kernel_pid(kernel_id: str) -> int:
    """The process of the kernel with ``kernel_id`` (its command line names its connection file)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if f"kernel-{kernel_id}.json" in cmdline.read_text():
                return int(cmdline.parent.name)
        except OSError:
            continue
    raise LookupError(f"no process for kernel {kernel_id}")


def _send(page, text: str) -> None:
    """Send ``text`` and wait until the page lists it: from then on it is a confirmed idea."""
    page.locator("textarea").fill(text)
    page.get_by_role("button", name="Send idé").click()
    page.locator(".sk-mine").get_by_text(text).wait_for(timeout=PAGE_TIMEOUT_MS)


def _open(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.locator("textarea").wait_for(timeout=PAGE_TIMEOUT_MS)
    return page


def _ideas_and_integrity(data_dir: Path, workshop_id: str) -> tuple[list[str], str]:
    with open_store(data_dir) as store:
        return ([idea.text for idea in store.ideas.list(workshop_id)],
                store.db._db.execute("PRAGMA integrity_check").fetchone()[0])


def test_a_kernel_killed_while_sending_loses_no_confirmed_idea(make_voila_server, phone):
    server = make_voila_server(pool_size=1)
    with open_store(server.data_dir) as store:
        workshop = store.workshops.create(Workshop(title="Krasj", question="Hva trengs?"))
    page = _open(phone, join_url(server.url, workshop))
    confirmed = [f"Bekreftet idé {i}" for i in range(3)]
    for text in confirmed:
        _send(page, text)
    kernel_id = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")

    page.locator("textarea").fill("Idé på vei da kjernen døde")
    page.get_by_role("button", name="Send idé").click()
    os.kill(_kernel_pid(kernel_id), signal.SIGKILL)

    texts, integrity = _ideas_and_integrity(server.data_dir, workshop.id)
    assert integrity == "ok"
    assert texts[:3] == confirmed
    assert texts[3:] in ([], ["Idé på vei da kjernen døde"])  # the one in flight landed whole or not at all
    # The server and the workshop carry on: a new page sends as before.
    assert server.process.poll() is None
    _send(_open(phone, join_url(server.url, workshop)), "Etter krasjet")
    assert _ideas_and_integrity(server.data_dir, workshop.id)[0][-1] == "Etter krasjet"


def test_restarting_the_server_keeps_every_idea_and_the_join_code(make_voila_server, phone):
    first = make_voila_server(pool_size=1)
    with open_store(first.data_dir) as store:
        workshop = store.workshops.create(Workshop(title="Omstart", question="Hva trengs?"))
    page = _open(phone, join_url(first.url, workshop))
    for text in ("Før omstart 1", "Før omstart 2"):
        _send(page, text)
    page.close()
    first.process.send_signal(signal.SIGTERM)  # what Ctrl+C in the terminal does
    first.process.wait(30)

    second = make_voila_server(pool_size=1, config={"data_dir": first.data_dir})
    _send(_open(phone, join_url(second.url, workshop)), "Etter omstart")

    texts, integrity = _ideas_and_integrity(first.data_dir, workshop.id)
    assert texts == ["Før omstart 1", "Før omstart 2", "Etter omstart"]
    assert integrity == "ok"
