"""Staff pages need the facilitator secret; the participant page needs only the join code."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

from samskaping.core.models import Workshop
from samskaping.server.routes import join_url

pytestmark = [pytest.mark.slow]

STAFF_PAGES = ["fasilitator.ipynb", "interessenter.ipynb", "tjenestereise.ipynb", "ideer.ipynb", "vegg.ipynb"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str) -> tuple[int, str]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=20) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def _settled_kernel_count(server, *, tries: int = 30) -> int:
    """The kernel count once the preheated pool has stopped refilling after earlier tests (bounded wait)."""
    count = server.kernel_count()
    for _ in range(tries):
        time.sleep(1)
        now = server.kernel_count()
        if now == count:
            return now
        count = now
    return count


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_a_staff_page_without_the_secret_goes_to_the_login_and_starts_no_kernel(voila_server, page):
    before = _settled_kernel_count(voila_server)
    status, location = _get(f"{voila_server.url}/voila/render/{page}?verksted=x")
    assert status == 302 and "/samskaping/logg-inn?neste=" in location
    assert voila_server.kernel_count() <= before


@pytest.mark.browser
def test_wrong_secret_is_refused_and_the_right_one_opens_the_page(voila_server, browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(voila_server.facilitator_url)
        assert "/samskaping/logg-inn" in page.url
        page.locator("input[name=nokkel]").fill("feil-feil-feil-feil")
        page.locator("button[type=submit]").click()
        page.get_by_text("Feil nøkkel").wait_for(timeout=10_000)
        page.locator("input[name=nokkel]").fill(voila_server.secret.upper())
        page.locator("button[type=submit]").click()
        page.get_by_role("heading", name="Prosessleder").wait_for(timeout=60_000)
        cookie = next(c for c in context.cookies() if c["name"] == "samskaping_staff")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    finally:
        context.close()


@pytest.mark.browser
def test_a_phone_with_the_join_link_gets_the_participant_page_without_a_secret(voila_server, server_store, phone):
    workshop = server_store.workshops.create(Workshop(title="Åpen for deltakere"))
    page = phone.new_page()
    page.goto(join_url(voila_server.url, workshop))
    page.get_by_role("heading", name="Åpen for deltakere").wait_for(timeout=60_000)
    assert "logg-inn" not in page.url


def test_login_post_without_the_xsrf_token_is_refused(voila_server):
    request = urllib.request.Request(voila_server.login_url, data=f"nokkel={voila_server.secret}".encode(),
                                     method="POST")
    try:
        urllib.request.urlopen(request, timeout=10)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 403


def test_login_does_not_redirect_off_the_server(voila_server, browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{voila_server.login_url}?neste=https://example.org/")
        assert page.locator("input[name=neste]").get_attribute("value").endswith("/voila/render/fasilitator.ipynb")
    finally:
        context.close()
