"""Guessing the facilitator secret: five wrong tries per address per five minutes, then HTTP 429.

While an address is throttled the secret is not checked at all, so even the
right secret is refused until the oldest wrong try leaves the window. A
right secret before that clears the address's wrong tries.
"""

from __future__ import annotations

import json
import re
import socket
from urllib.parse import urlencode

import pytest
from raw_http import cookie, request

from samskaping.server.security import SamskapingLimits, throttled_page

WAIT_TEXT = "Det er skrevet feil nøkkel for mange ganger fra denne enheten"

# -- the rules, with a clock the test turns --------------------------------------


class _Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_five_wrong_tries_then_wait_until_the_oldest_leaves_the_window():
    clock = _Clock()
    limits = SamskapingLimits(clock=clock, login_attempts=5, login_window_seconds=300)
    for _ in range(5):
        assert limits.login_wait("10.0.0.5") == 0
        limits.login_failed("10.0.0.5")
        clock.now += 10
    assert limits.login_wait("10.0.0.5") == 300 - 50  # the first wrong try was 50 s ago
    assert limits.login_wait("10.0.0.6") == 0  # other devices may still try
    clock.now += 250
    assert limits.login_wait("10.0.0.5") == 0  # the first try has left the window: one more try
    limits.login_failed("10.0.0.5")
    assert limits.login_wait("10.0.0.5") == 10


def test_a_right_secret_clears_the_wrong_tries():
    limits = SamskapingLimits(clock=_Clock(), login_attempts=5)
    for _ in range(4):
        limits.login_failed("10.0.0.5")
    limits.login_succeeded("10.0.0.5")
    for _ in range(4):
        limits.login_failed("10.0.0.5")
    assert limits.login_wait("10.0.0.5") == 0


def test_the_state_stays_small(monkeypatch):
    from samskaping.server import security

    monkeypatch.setattr(security, "_MAX_ADDRESSES", 50)
    clock = _Clock()
    limits = SamskapingLimits(clock=clock, login_attempts=3, login_window_seconds=60)
    for i in range(200):
        for _ in range(5):
            limits.login_failed(f"10.0.{i // 250}.{i % 250}")
        clock.now += 1
    assert len(limits._wrong_logins) <= 50
    assert all(len(times) <= 3 for times in limits._wrong_logins.values())
    assert limits.login_wait("10.0.0.199") > 0  # the newest are kept


def test_the_wait_page_says_how_many_minutes_and_that_the_right_secret_waits_too():
    page = throttled_page("nb", 241)
    assert "Vent 5 min før du prøver igjen" in page and "Til da avvises også riktig nøkkel" in page
    assert "Vent 1 min" in throttled_page("nb", 5) and "Wait 1 min" in throttled_page("en", 5)


# -- a real server ---------------------------------------------------------------------


def _post(server, form: dict, *, source: str) -> tuple[int, str, str]:
    """GET the login form from ``source`` for its _xsrf cookie, then POST ``form``: (status, Location, body)."""
    status, headers, page = request(server, "GET", "/samskaping/logg-inn", source=source)
    assert status == 200
    xsrf = f"_xsrf={cookie(headers, '_xsrf')}"
    token = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    status, headers, body = request(server, "POST", "/samskaping/logg-inn", source=source,
                                    body=urlencode({"_xsrf": token, **form}).encode(),
                                    headers={"Cookie": xsrf, "Content-Type": "application/x-www-form-urlencoded"})
    return status, dict(headers).get("Location", ""), body


@pytest.fixture
def login_server(make_voila_server):
    """A server without pools (no kernel is needed to log in), holding logins to 5 per 300 s."""
    return make_voila_server(pool_size=0, **{
        "VoilaKernelManager.kernel_pools_config": json.dumps({"default": {"pool_size": 0}}),
        "SamskapingLimits.login_attempts": 5,
        "SamskapingLimits.login_window_seconds": 300,
    })


def _source(address: str) -> str:
    with socket.socket() as sock:
        try:
            sock.bind((address, 0))
        except OSError:
            pytest.skip(f"this system cannot send from {address} (only Linux routes all of 127/8)")
    return address


@pytest.mark.slow
def test_five_wrong_secrets_then_even_the_right_one_gets_429(login_server):
    for attempt in range(5):
        status, _, body = _post(login_server, {"nokkel": f"feil-{attempt}"}, source="127.0.0.1")
        assert status == 403 and "Feil nøkkel" in body, attempt
    status, location, body = _post(login_server, {"nokkel": login_server.secret}, source="127.0.0.1")
    assert status == 429 and not location
    assert WAIT_TEXT in body and "Vent 5 min" in body and "Til da avvises også riktig nøkkel" in body
    # Another device is not locked out.
    status, location, _ = _post(login_server, {"nokkel": login_server.secret}, source=_source("127.0.0.2"))
    assert status == 302 and "/voila/render/fasilitator.ipynb" in location

    log = (login_server.data_dir / "voila.log").read_text(encoding="utf-8", errors="replace")
    assert "429 POST /samskaping/logg-inn (127.0.0.1)" in log and login_server.secret not in log


@pytest.mark.slow
def test_a_right_secret_before_the_limit_resets_the_count(login_server):
    for _ in range(4):
        assert _post(login_server, {"nokkel": "feil"}, source="127.0.0.1")[0] == 403
    assert _post(login_server, {"nokkel": login_server.secret}, source="127.0.0.1")[0] == 302
    for attempt in range(5):  # five more wrong tries are allowed again ...
        assert _post(login_server, {"nokkel": "feil"}, source="127.0.0.1")[0] == 403, attempt
    assert _post(login_server, {"nokkel": "feil"}, source="127.0.0.1")[0] == 429  # ... and no more
