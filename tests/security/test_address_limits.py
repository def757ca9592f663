"""One device on the venue's wifi cannot fill the room's page cap.

Each page's kernel is noted with the address that asked for it; an address
with ``max_pages_per_address`` pages open (or opening) gets a 503 page asking
it to close some tabs. The laptop itself (loopback) is exempt by default; the
real-server tests turn that off (``limit_loopback``) and speak from several
loopback addresses (127.0.0.1, 127.0.0.2, ...) to be several devices.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
import typing

import pytest
from raw_http import close_page, open_page, wait_for

from samskaping.server.app import _PageKernels
from samskaping.server.security import DEVICE, FULL, SamskapingLimits, full_page

DEVICE_TEXT = "Denne enheten har mange sider fra verkstedet åpne"
FULL_TEXT = "Fullt akkurat nå"

# -- the rules, without a server ----------------------------------------------


class _Manager:
    """Stands in for Voilà's kernel manager: the kernel ids alive now."""

    def __init__(self, *kernels: str):
        self.kernels = list(kernels)

    def list_kernel_ids(self):
        return list(self.kernels)


class _Request:
    pass


def _open(limits, manager, kernel_id, address, participant_page=True):
    """A page request from ``address`` that gets ``kernel_id`` (or the reason it was refused)."""
    request = _Request()
    reason = limits.refusal(request, manager, participant_page=participant_page, address=address)
    if reason is None:
        manager.kernels.append(kernel_id)
        limits.page_kernel(request, kernel_id)
    return reason


def test_one_address_gets_its_share_and_then_the_device_page():
    limits, manager = SamskapingLimits(max_pages=10, max_pages_per_address=2, staff_reserve=1), _Manager()
    assert _open(limits, manager, "a1", "10.0.0.5") is None
    assert _open(limits, manager, "a2", "10.0.0.5") is None
    assert _open(limits, manager, "a3", "10.0.0.5") == DEVICE
    assert _open(limits, manager, "b1", "10.0.0.6") is None  # another device is not affected
    assert _open(limits, manager, "a3", "10.0.0.5", participant_page=False) is None  # staff pages: the reserve
    assert limits.pages_of("10.0.0.5", manager) == 3
    manager.kernels.remove("a1")  # the page closed: its kernel is gone, and so is the note
    assert limits.pages_of("10.0.0.5", manager) == 2 and "a1" not in limits._kernel_addresses


def test_pages_still_opening_count_for_their_address_even_after_the_client_hung_up():
    limits, manager = SamskapingLimits(max_pages=10, max_pages_per_address=2), _Manager()
    first, second = _Request(), _Request()
    assert limits.admit(first, manager, participant_page=True, address="10.0.0.5")
    assert limits.admit(second, manager, participant_page=True, address="10.0.0.5")
    assert limits.refusal(_Request(), manager, participant_page=True, address="10.0.0.5") == DEVICE
    limits.opened(first)  # hung up before its kernel existed ...
    manager.kernels.append("k1")
    limits.page_kernel(first, "k1")  # ... but the kernel still started: it is still this address's
    assert limits.pages_of("10.0.0.5", manager) == 2


def test_the_laptop_itself_is_exempt_unless_asked():
    limits, manager = SamskapingLimits(max_pages=10, max_pages_per_address=1), _Manager()
    for i, address in enumerate(["127.0.0.1", "127.0.0.1", "::1", "::1", "::ffff:127.0.0.1"]):
        assert _open(limits, manager, f"k{i}", address) is None
    strict = SamskapingLimits(max_pages=10, max_pages_per_address=1, limit_loopback=True)
    manager = _Manager()
    assert _open(strict, manager, "k1", "127.0.0.1") is None and _open(strict, manager, "k2", "127.0.0.1") == DEVICE


def test_the_room_being_full_wins_over_the_device_limit():
    limits, manager = SamskapingLimits(max_pages=2, max_pages_per_address=2), _Manager()
    assert _open(limits, manager, "a1", "10.0.0.5") is None and _open(limits, manager, "b1", "10.0.0.6") is None
    assert _open(limits, manager, "a2", "10.0.0.5") == FULL


def test_the_page_handler_learns_its_kernel_from_the_pool_or_a_new_start():
    class Manager:
        notebook_data: typing.ClassVar[dict] = {}

        async def get_rendered_notebook(self, notebook_name, **kwargs):
            return "task", [], "pool-kernel"

        def start_kernel(self, **kwargs):  # may be sync or async in Voilà
            return "new-kernel"

    got = []
    kernels = _PageKernels(Manager(), got.append)
    assert asyncio.run(kernels.get_rendered_notebook(notebook_name="deltaker.ipynb"))[2] == "pool-kernel"
    assert asyncio.run(kernels.start_kernel(kernel_name="python3")) == "new-kernel"
    assert got == ["pool-kernel", "new-kernel"] and kernels.notebook_data == {}


def test_the_device_page_asks_to_close_tabs_and_retries_by_itself():
    norsk, english = full_page("nb", 30, reason=DEVICE), full_page("en", 30, reason=DEVICE)
    assert DEVICE_TEXT in norsk and "Lukk noen faner" in norsk and FULL_TEXT not in norsk
    assert "Close some tabs" in english and '<meta http-equiv="refresh" content="30">' in norsk


# -- a real server, several loopback addresses as devices ---------------------------


def _can_speak_from(address: str) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((address, 0))
        except OSError:
            return False
    return True


@pytest.fixture
def devices():
    sources = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
    if not all(_can_speak_from(address) for address in sources):
        pytest.skip("this system cannot send from 127.0.0.2 and 127.0.0.3 (only Linux routes all of 127/8)")
    return sources


@pytest.mark.slow
def test_one_device_gets_two_pages_then_is_asked_to_close_tabs_until_it_closes_some(make_voila_server, devices):
    started = time.monotonic()
    phone, other = devices[0], devices[1]
    server = make_voila_server(pool_size=1, **{
        "SamskapingLimits.max_pages": 10,
        "SamskapingLimits.max_pages_per_address": 2,
        "SamskapingLimits.limit_loopback": True,
        "VoilaKernelManager.kernel_pools_config": json.dumps({"deltaker.ipynb": {"pool_size": 1},
                                                              "default": {"pool_size": 0}}),
    })
    assert wait_for(lambda: server.kernel_count() == 1, 30), "the pool should fill"

    answers = [open_page(server, source=phone) for _ in range(4)]  # a bounded loop: far fewer than the room's cap of 10
    assert [status for status, *_ in answers] == [200, 200, 503, 503]
    assert DEVICE_TEXT in answers[2][1] and FULL_TEXT not in answers[2][1]
    assert server.kernel_count() <= 3, "a refused page must not start a kernel"

    status, _, kernel_id, xsrf = open_page(server, source=other)
    assert status == 200, "another device still gets a page"
    assert close_page(server, kernel_id, xsrf) == 204

    for _, _, kernel_id, xsrf in answers[:2]:
        assert close_page(server, kernel_id, xsrf) == 204
    status, _, kernel_id, xsrf = open_page(server, source=phone)
    assert status == 200 and kernel_id, "after closing its pages the device gets a page again"
    assert close_page(server, kernel_id, xsrf) == 204

    log = (server.data_dir / "voila.log").read_text(encoding="utf-8", errors="replace")
    assert "503 GET /voila/render/deltaker.ipynb (127.0.0.1)" in log
    assert time.monotonic() - started < 120


@pytest.mark.slow
def test_the_room_cap_still_holds_across_devices(make_voila_server, devices):
    # No pools: every page starts its own kernel, so kernels and pages match one to one.
    server = make_voila_server(pool_size=0, **{
        "SamskapingLimits.max_pages": 3,
        "SamskapingLimits.max_pages_per_address": 2,
        "SamskapingLimits.limit_loopback": True,
        "VoilaKernelManager.kernel_pools_config": json.dumps({"default": {"pool_size": 0}}),
    })
    first, second, third = devices
    pages = [open_page(server, source=first), open_page(server, source=first), open_page(server, source=second)]
    assert [status for status, *_ in pages] == [200, 200, 200]
    for source in (second, third):
        status, body, _, _ = open_page(server, source=source)
        assert status == 503 and FULL_TEXT in body and DEVICE_TEXT not in body
    for _, _, kernel_id, xsrf in pages:
        assert close_page(server, kernel_id, xsrf) == 204
    status, _, kernel_id, xsrf = open_page(server, source=third)
    assert status == 200
    assert close_page(server, kernel_id, xsrf) == 204


@pytest.mark.slow
def test_opening_and_closing_pages_in_a_loop_is_slowed_per_address(make_voila_server, devices):
    # 127 pages a minute from one address, each a new kernel, slowed everyone else (the hardening issue).
    phone, other = devices[0], devices[1]
    server = make_voila_server(pool_size=1, **{
        "SamskapingLimits.max_pages_per_address": 10,
        "SamskapingLimits.pages_per_address_per_minute": 3,
        "SamskapingLimits.limit_loopback": True,
    })
    kernels_before = None
    statuses = []
    for _ in range(5):  # a bounded loop: open a page, close it, again
        status, body, kernel_id, xsrf = open_page(server, source=phone)
        statuses.append(status)
        if status == 200:
            assert close_page(server, kernel_id, xsrf, source=phone) == 204
        else:
            refused, kernels_before = body, server.kernel_count()
    assert statuses == [200, 200, 200, 503, 503]
    assert "på kort tid" in refused and DEVICE_TEXT not in refused
    assert server.kernel_count() <= kernels_before, "a refused page must not start a kernel"
    status, _, kernel_id, xsrf = open_page(server, source=other)
    assert status == 200, "another device still gets a page"
    assert close_page(server, kernel_id, xsrf, source=other) == 204
