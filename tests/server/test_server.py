"""The server side of serving pages: kernels of closed pages go away, XSRF still holds."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from samskaping.server.launch import ServerConfig, voila_command
from security.raw_http import wait_for

pytestmark = pytest.mark.slow


def _settled_count(server, seconds=2.0):
    """The kernel count once it has stopped changing (pools refill after use)."""
    last, since = server.kernel_count(), time.monotonic()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = server.kernel_count()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return now
    return last


def test_closing_a_page_shuts_its_kernel_down(voila_server, phone):
    before = _settled_count(voila_server)
    page = phone.new_page()
    page.goto(voila_server.participant_url)
    page.locator("input[type='text']").wait_for(timeout=60_000)
    assert wait_for(lambda: voila_server.kernel_count() == before + 1, 30), "the pool should refill"
    page.close(run_before_unload=True)
    assert wait_for(lambda: voila_server.kernel_count() == before, 30), (
        f"{voila_server.kernel_count()} kernels after closing the page; expected {before}"
    )


def _post(url, data: dict, cookie: str | None = None) -> int:
    request = urllib.request.Request(url, data=urlencode(data).encode(), method="POST")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(
    "data, cookie",
    [
        ({}, None),  # a cross-site form knows no token
        ({"_xsrf": "2|aaaaaaaa|bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb|1"}, None),  # guessed token, no cookie
        ({"_xsrf": "2|aaaaaaaa|bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb|1"},
         "_xsrf=2|cccccccc|eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee|1"),  # token and cookie disagree
    ],
)
def test_forged_shutdown_requests_are_still_refused(voila_server, data, cookie):
    before = _settled_count(voila_server)
    url = f"{voila_server.url}/voila/api/shutdown/00000000-0000-0000-0000-000000000000"
    assert _post(url, data, cookie) == 403
    assert voila_server.kernel_count() == before


def test_voila_runs_through_the_kits_launcher_bound_to_localhost():
    command = voila_command(ServerConfig(data_dir="/tmp/x"))
    assert command[1:3] == ["-m", "samskaping.server.app"]
    assert "--Voila.ip=127.0.0.1" in command and "--Voila.port_retries=0" in command
