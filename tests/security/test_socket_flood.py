"""One page cannot freeze the server by opening websockets to its own kernel (issue 17, items 1 and 11).

Any page knows its kernel's id, and every websocket to ``/api/kernels/<id>/channels``
holds about ten file descriptors. Before the caps, 300 sockets on one kernel
under ``ulimit -n 1024`` used up the server's descriptors: a new phone's page
took 80 s and the log grew by hundreds of MB ("Too many open files" at full
speed, one warning per refused message). Here an attacker floods a real server
started with that limit, then a fresh page from another device must load in
under 5 s and the log must stay under 2 MB.

These tests speak only HTTP and websockets, and import nothing of the server's
new rules, so they run against any version of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time

import pytest
from raw_http import open_page, request, wait_for

resource = pytest.importorskip("resource")  # POSIX only: the test lowers the server's limit on open files
websockets_client = pytest.importorskip("websockets.asyncio.client")

pytestmark = [pytest.mark.slow]

NOFILE = 1024
FLOOD = 300
FRESH_PAGE_SECONDS = 5
LOG_BYTES = 2 * 2**20


@pytest.fixture
def limited_server(make_voila_server):
    """A server of the test's own whose limit on open files is ``ulimit -n 1024`` (soft and hard, as bash sets)."""

    def start(nofile: int = NOFILE):
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        limit = nofile if hard == resource.RLIM_INFINITY else min(nofile, hard)

        def lower_the_limit():  # runs in the child, before Voilà starts
            resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

        server = make_voila_server(pool_size=2, preexec_fn=lower_the_limit)
        server.log = server.data_dir / "voila.log"
        return server

    return start


async def _flood(server, kernel: str, count: int, *, first: int = 0, timeout: float = 20) -> tuple[list, list]:
    """Open ``count`` websockets to ``kernel`` at once, each its own session, and keep every one the server
    accepts: (open, refused)."""

    async def one(session: int):
        try:
            return await websockets_client.connect(_websocket_url(server, kernel, session), open_timeout=timeout,
                                                   close_timeout=1, max_size=None)
        except Exception as error:  # noqa: BLE001 - refused (an HTTP status), reset, or timed out: all count
            return error

    results = await asyncio.gather(*(one(first + i) for i in range(count)))
    return ([r for r in results if not isinstance(r, BaseException)],
            [r for r in results if isinstance(r, BaseException)])


def _status(error: BaseException) -> int | None:
    response = getattr(error, "response", None)
    return getattr(response, "status_code", None)


def _websocket_url(server, kernel: str, session: int) -> str:
    return f"{server.url.replace('http', 'ws', 1)}/api/kernels/{kernel}/channels?session_id=flood-{session}"


def test_a_flood_of_websockets_on_one_kernel_leaves_a_fresh_page_fast_and_the_log_small(limited_server):
    server = limited_server()
    status, _, kernel, _ = open_page(server)  # the attacker's own page: it learns its kernel's id
    assert status == 200 and kernel

    async def attack():
        held, refused = [], []
        for round_ in range(3):  # the attacker keeps trying: three waves of 300, bounded
            opened, failed = await asyncio.wait_for(_flood(server, kernel, FLOOD, first=round_ * FLOOD), timeout=120)
            held += opened
            refused += failed
        # Forbidden kernel messages on the sockets it got: each used to be one warning line.
        message = json.dumps({"header": {"msg_id": "x", "msg_type": "execute_request", "session": "s",
                                         "username": "", "version": "5.3", "date": ""},
                              "parent_header": {}, "metadata": {}, "channel": "shell",
                              "content": {"code": "1", "silent": False}})
        for ws in held[:3]:
            for _ in range(1000):
                try:
                    await ws.send(message)
                except Exception:  # noqa: BLE001 - the server dropped the socket: the attack goes on elsewhere
                    break
        # While the attacker holds its sockets, another device opens a fresh page.
        started = time.monotonic()
        fresh = await asyncio.to_thread(open_page, server, source="127.0.0.2" if _can_bind("127.0.0.2") else None)
        seconds = time.monotonic() - started
        for ws in held:
            with contextlib.suppress(Exception):
                await ws.close()
        return held, refused, fresh, seconds

    held, refused, fresh, seconds = asyncio.run(attack())

    assert fresh[0] == 200 and fresh[2], "a fresh page must still load during the flood"
    assert seconds < FRESH_PAGE_SECONDS, f"a fresh page took {seconds:.1f} s during the flood"
    assert len(held) <= 3, f"{len(held)} websockets were let through to one page's kernel"
    assert {_status(error) for error in refused} <= {429, 503}, {repr(e)[:200] for e in refused}
    time.sleep(1)
    size = server.log.stat().st_size
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert size < LOG_BYTES, f"the log grew to {size} bytes"
    assert "Too many open files" not in log
    assert "Dropped a" not in log, "refused messages should be counted, not logged one by one"
    assert log.count("Refused or failed") <= 2, "at most one summary a minute (the first refusal's, maybe one more)"
    assert request(server, "GET", "/voila/static/voila.js")[0] == 200


def test_refusals_are_summarised_once_a_minute_not_logged_line_by_line(limited_server):
    server = limited_server()
    status, _, kernel, _ = open_page(server)
    assert status == 200 and kernel

    async def attack():
        opened, refused = await asyncio.wait_for(_flood(server, kernel, 50), timeout=60)
        for ws in opened:
            await ws.close()
        return opened, refused

    opened, refused = asyncio.run(attack())
    assert len(opened) <= 3 and len(refused) >= 47
    assert wait_for(lambda: "Refused or failed" in server.log.read_text(errors="replace"), 10)
    log = server.log.read_text(encoding="utf-8", errors="replace")
    summary = next(line for line in log.splitlines() if "Refused or failed" in line)
    assert "websocket refused" in summary, summary
    assert log.count(f"/api/kernels/{kernel}/channels") <= 10, "a refused socket gets no log line of its own"


def _can_bind(address: str) -> bool:
    import socket

    with socket.socket() as sock:
        try:
            sock.bind((address, 0))
        except OSError:
            return False
    return True
