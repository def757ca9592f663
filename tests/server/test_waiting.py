"""A phone that arrives while every warm kernel is taken sees "Et øyeblikk …", then its page (raw client)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from samskaping.server.app import WAIT_ROUNDS
from security.raw_http import PARTICIPANT_PAGE, kernel_id, request, wait_for, waiting_url

pytestmark = pytest.mark.slow


def test_a_phone_without_a_warm_kernel_is_told_to_wait_and_then_gets_its_page(make_voila_server):
    server = make_voila_server(pool_size=1)
    assert wait_for(lambda: kernel_id(request(server, "GET", PARTICIPANT_PAGE)[2]) is not None, 60)
    time.sleep(12)  # the pool is warm again
    with ThreadPoolExecutor(1) as other_phone:
        first = other_phone.submit(request, server, "GET", f"{PARTICIPANT_PAGE}?kode=ABC234")  # takes the warm kernel
        time.sleep(0.5)
        status, headers, body = request(server, "GET", f"{PARTICIPANT_PAGE}?kode=ABC234&lang=nb")
        assert kernel_id(first.result()[2]) is not None
    assert status == 503, body[:300]
    assert "Et øyeblikk" in body and 'lang="nb"' in body
    assert dict(headers)["Retry-After"] == "2"
    assert waiting_url(body) == f"{PARTICIPANT_PAGE}?kode=ABC234&lang=nb&vent=1"
    assert kernel_id(body) is None  # no kernel was started for the waiting page

    # Coming back as the page says, the phone gets its page once the pool has a warm kernel again.
    path, answers = waiting_url(body), []

    def comes_back() -> bool:
        nonlocal path
        answers.append(request(server, "GET", path))
        if answers[-1][0] == 200:
            return True
        path = waiting_url(answers[-1][2]) or path
        return False

    assert wait_for(comes_back, 60), answers[-1][2][:300]
    assert kernel_id(answers[-1][2]) is not None
    assert "vent=" in path and int(path.rsplit("vent=", 1)[1]) <= WAIT_ROUNDS


def test_after_the_last_round_the_phone_gets_a_kernel_of_its_own(make_voila_server):
    server = make_voila_server(pool_size=1)
    assert wait_for(lambda: kernel_id(request(server, "GET", PARTICIPANT_PAGE)[2]) is not None, 60)
    status, _, body = request(server, "GET", f"{PARTICIPANT_PAGE}?vent={WAIT_ROUNDS}")
    assert status == 200 and kernel_id(body) is not None, body[:300]


def test_voilas_spinner_speaks_the_pages_language(make_voila_server):
    server = make_voila_server(pool_size=0)
    _, _, body = request(server, "GET", f"{PARTICIPANT_PAGE}?lang=en")
    assert '<h2 id="loading_text">One moment …</h2>' in body
    assert "Running" not in body
