"""Kernel exhaustion: every page GET starts a 55-105 MB kernel, so the server caps open pages.

Past the cap a page request gets a short page in Norwegian (HTTP 503) and no
kernel; kernels whose page never connected are culled, and then the server
serves pages again.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from raw_http import wait_for

from samskaping.server.app import WAIT_ROUNDS
from samskaping.server.security import DEFAULT_MAX_PAGES, SamskapingLimits, full_page, pages_in_use

# -- the rules, without a server ----------------------------------------------


class _Manager:
    """Stands in for Voilà's kernel manager: kernel ids and pools of tasks."""

    def __init__(self, kernels, pools=None):
        self.kernels, self._pools = list(kernels), pools or {}

    def list_kernel_ids(self):
        return list(self.kernels)


def _pool_task(kernel_id: str | None, loop) -> asyncio.Future:
    task = loop.create_future()
    if kernel_id is not None:
        task.set_result({"kernel_id": kernel_id})
    return task


def test_kernels_waiting_in_a_pool_are_not_pages():
    loop = asyncio.new_event_loop()
    try:
        pools = {"deltaker.ipynb": [_pool_task("p1", loop), _pool_task("p2", loop), _pool_task(None, loop)]}
        assert pages_in_use(_Manager(["p1", "p2", "a", "b"], pools)) == 2
        assert pages_in_use(_Manager(["p1", "p2", "starting"], pools)) == 1  # a pool kernel still preparing counts
        assert pages_in_use(_Manager(["a", "b"])) == 2
    finally:
        loop.close()


def test_the_cap_counts_pages_still_opening_and_keeps_a_reserve_for_the_facilitator():
    limits = SamskapingLimits(max_pages=2, staff_reserve=1)
    manager = _Manager(["a"])

    class Request:
        pass

    first, second, third = Request(), Request(), Request()
    assert limits.admit(first, manager, participant_page=True)
    assert not limits.admit(second, manager, participant_page=True)  # "a" + first still opening
    assert limits.admit(second, manager, participant_page=False)  # the facilitator's reserve
    assert not limits.admit(third, manager, participant_page=False)
    limits.opened(first)
    limits.opened(first)  # twice is fine
    assert (limits.admit(third, manager, participant_page=False)
            and not limits.admit(Request(), manager, participant_page=False))


def test_max_pages_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("SAMSKAPING_MAX_PAGES", raising=False)
    assert SamskapingLimits().max_pages == DEFAULT_MAX_PAGES
    monkeypatch.setenv("SAMSKAPING_MAX_PAGES", "40")
    assert SamskapingLimits().max_pages == 40
    for bad in ("0", "-3", "mange", "2.5"):
        monkeypatch.setenv("SAMSKAPING_MAX_PAGES", bad)
        with pytest.raises(ValueError, match="SAMSKAPING_MAX_PAGES must be a whole number"):
            SamskapingLimits().max_pages  # noqa: B018


def test_the_full_page_speaks_the_readers_language_and_retries_by_itself():
    norsk, english = full_page("nb", seconds=30), full_page("en", seconds=30)
    assert "Fullt akkurat nå" in norsk and "prøver siden igjen av seg selv om 30 sekunder" in norsk
    assert "Full right now" in english and 'lang="en"' in english
    assert '<meta http-equiv="refresh" content="30">' in norsk


# -- a real server with a cap of three pages -----------------------------------

LIMIT = 3
POOL = 1
REQUESTS = 10
SECRET = "CAPSECRET42"


def _get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=55) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


@pytest.mark.slow
def test_a_burst_of_page_requests_stops_at_the_cap_and_the_server_recovers(make_voila_server):
    started = time.monotonic()
    server = make_voila_server(
        pool_size=POOL,
        **{
            "SamskapingLimits.max_pages": LIMIT,
            "VoilaKernelManager.kernel_pools_config": json.dumps(
                {"deltaker.ipynb": {"pool_size": POOL}, "default": {"pool_size": 0}}
            ),
            "MappingKernelManager.cull_idle_timeout": 2,
            "MappingKernelManager.cull_interval": 1,
        },
    )
    assert wait_for(lambda: server.kernel_count() == POOL, 20), "the pool should fill"

    # Past the rounds of "Et øyeblikk …" (tests/server/test_waiting.py), as a phone that has waited its turn.
    url = f"{server.participant_url}?kode={SECRET}&vent={WAIT_ROUNDS}"
    most = 0
    with ThreadPoolExecutor(REQUESTS) as pool:
        futures = [pool.submit(_get, url) for _ in range(REQUESTS)]
        while not all(f.done() for f in futures):
            most = max(most, server.kernel_count())
            time.sleep(0.05)
    answers = [f.result() for f in futures]
    most = max(most, server.kernel_count())

    served = [body for status, body, _ in answers if status == 200]
    refused = [(body, headers) for status, body, headers in answers if status == 503]
    assert len(served) + len(refused) == REQUESTS, [status for status, _, _ in answers]
    assert 1 <= len(served) <= LIMIT
    assert len(refused) >= REQUESTS - LIMIT
    assert most <= LIMIT + POOL, f"{most} kernels ran at once; the cap is {LIMIT} pages + a pool of {POOL}"
    body, headers = refused[0]
    assert "Fullt akkurat nå" in body and "prøver siden igjen av seg selv" in body
    assert headers.get("Retry-After") == "30"

    # Nobody connected to those pages, so their kernels are culled, and pages open again.
    assert wait_for(lambda: server.kernel_count() == POOL, 30), f"{server.kernel_count()} kernels left"
    status, body, _ = _get(f"{server.participant_url}?vent={WAIT_ROUNDS}")
    assert status == 200 and "jupyter-config-data" in body

    log = (server.data_dir / "voila.log").read_text(encoding="utf-8", errors="replace")
    assert "503 GET /voila/render/deltaker.ipynb" in log
    assert SECRET not in log
    assert time.monotonic() - started < 60
