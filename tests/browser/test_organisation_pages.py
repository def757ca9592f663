"""Two municipalities on one installation: each one's staff pages show its own workshops and projects only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import _close, login
from samskaping.core.models import Workshop
from samskaping.projects.model import Organisation
from samskaping.server.access import new_secret, secret_record
from samskaping.store import STORE_FILENAME, Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE_TIMEOUT_MS = 60_000


def test_staff_of_one_organisation_never_see_anothers_workshop_or_project(make_voila_server, browser):
    server = make_voila_server()
    secret = new_secret()
    with Store(server.data_dir / STORE_FILENAME) as store:
        store.organisations.create(Organisation("nordby", "Nordby kommune"), secret_record(secret))
        ours = store.workshops.create(Workshop("Fritid for ungdom i Nordby"), organisation="nordby")
        theirs = store.workshops.create(Workshop("Hemmelig verksted i standard"))
    nordby = SimpleNamespace(login_url=server.login_url, secret=secret)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nb-NO")
    try:
        login(context, nordby)
        page = context.new_page()
        page.goto(f"{server.local_url}/voila/render/fasilitator.ipynb")
        page.locator("select option", has_text="Fritid for ungdom i Nordby").wait_for(state="attached",
                                                                                 timeout=PAGE_TIMEOUT_MS)
        options = [o.replace("\xa0", " ") for o in page.locator("select option").all_text_contents()]
        assert any("Fritid for ungdom" in option for option in options)
        assert not any("Hemmelig" in option for option in options)

        page.goto(f"{server.local_url}/voila/render/interessenter.ipynb?verksted={theirs.id}")
        page.get_by_text("Fant ikke").first.wait_for(timeout=PAGE_TIMEOUT_MS)  # as if it were not there
        assert "Hemmelig verksted" not in page.content()

        page.goto(f"{server.local_url}/voila/render/prosjekt.ipynb?prosjekt={theirs.join_code}")
        page.get_by_text("Fant ikke").first.wait_for(timeout=PAGE_TIMEOUT_MS)
        assert "Hemmelig verksted" not in page.content()
        page.goto(f"{server.local_url}/voila/render/prosjekt.ipynb")
        page.locator(".sk-question", has_text="Fritid for ungdom i Nordby").wait_for(timeout=PAGE_TIMEOUT_MS)
        assert "Hemmelig verksted" not in page.content()
    finally:
        _close(context)

    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nb-NO")
    try:
        login(context, server)  # the installation's own secret: the default organisation
        page = context.new_page()
        page.goto(f"{server.local_url}/voila/render/fasilitator.ipynb?verksted={ours.id}")
        page.get_by_text("Fant ikke").first.wait_for(timeout=PAGE_TIMEOUT_MS)
        page.locator("select option", has_text="Hemmelig verksted").wait_for(state="attached", timeout=PAGE_TIMEOUT_MS)
        options = [o.replace("\xa0", " ") for o in page.locator("select option").all_text_contents()]
        assert any("Hemmelig verksted" in option for option in options)
        assert not any("Fritid for ungdom" in option for option in options)
    finally:
        _close(context)
