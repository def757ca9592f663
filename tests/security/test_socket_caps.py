"""The rules behind the websocket caps and the counted refusals, without a server (issue 17, items 1 and 11)."""

from __future__ import annotations

import errno
import io
import logging
import socket

import pytest

from samskaping.server.security import (
    DEVICE,
    FILES,
    FULL,
    PAGE,
    SOCKET_STATUS,
    PageChannelsConnection,
    RefusalTally,
    SamskapingLimits,
    add_guarded_accept_handler,
    fd_limit,
    open_fds,
    raise_fd_limit,
)


class _Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _tally() -> tuple[RefusalTally, io.StringIO, _Clock]:
    stream = io.StringIO()
    logger = logging.getLogger(f"samskaping-tally-{id(stream)}")
    logger.propagate = False
    logger.addHandler(logging.StreamHandler(stream))
    clock = _Clock()
    return RefusalTally(logger, interval=60, clock=clock), stream, clock


def test_a_flood_of_refusals_is_one_line_at_once_then_one_summary_a_minute():
    tally, stream, clock = _tally()
    for _ in range(2000):
        tally.note("kernel message a page may not send (execute_request on shell)")
    assert len(stream.getvalue().splitlines()) == 1, "the first refusal is logged at once, the rest counted"
    for _ in range(300):
        tally.note("websocket refused: the page's kernel has as many as a page uses")
    clock.now += 30
    assert not tally.flush() and len(stream.getvalue().splitlines()) == 1
    clock.now += 31
    assert tally.flush()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert "1999 x kernel message a page may not send (execute_request on shell)" in lines[1]
    assert "300 x websocket refused" in lines[1]
    assert not tally.flush(), "nothing new: no line"
    assert tally.totals["kernel message a page may not send (execute_request on shell)"] == 2000


def test_the_kinds_are_bounded_whatever_a_client_sends():
    tally, stream, clock = _tally()
    for i in range(1000):
        tally.note(f"kind {i}")
    clock.now += 61
    tally.flush()
    assert len(stream.getvalue()) < 4000 and "other" in stream.getvalue()


def test_refused_kernel_messages_are_counted_not_logged(monkeypatch, caplog):
    import samskaping.server.security as security

    tally, stream, _ = _tally()
    monkeypatch.setattr(security, "REFUSALS", tally)
    connection = PageChannelsConnection.__new__(PageChannelsConnection)
    monkeypatch.setattr(PageChannelsConnection, "_peek", lambda self, msg: (msg[0], msg[1], None))
    with caplog.at_level(logging.INFO):
        for _ in range(500):
            connection.handle_incoming_message(("shell", "execute_request"))
            connection.handle_incoming_message(("control", "secret text <b>that must not be logged</b>"))
    assert not caplog.records, "no line per refused message"
    assert len(stream.getvalue().splitlines()) == 1
    assert tally.totals["kernel message a page may not send (execute_request on shell)"] == 500
    assert tally.totals["kernel message a page may not send (another type on control)"] == 500
    assert "must not be logged" not in str(dict(tally.totals))


def test_websockets_are_capped_per_page_per_device_and_in_all(monkeypatch):
    monkeypatch.setattr("samskaping.server.security.fd_room", lambda needed: True)
    limits = SamskapingLimits(max_sockets_per_page=3, max_sockets_per_address=5, max_sockets=8)
    sockets = [object() for _ in range(12)]
    answers = [limits.socket_refusal(s, "k1", "10.0.0.5") for s in sockets[:4]]
    assert answers == [None, None, None, PAGE]
    assert limits.socket_refusal(sockets[4], "k2", "10.0.0.5") is None
    assert limits.socket_refusal(sockets[5], "k2", "10.0.0.5") is None
    assert limits.socket_refusal(sockets[6], "k3", "10.0.0.5") == DEVICE  # 5 for this device
    assert limits.socket_refusal(sockets[6], "k3", "127.0.0.1") is None  # loopback: no device cap
    assert limits.socket_refusal(sockets[7], "k3", "10.0.0.6") is None
    assert limits.socket_refusal(sockets[8], "k4", "10.0.0.7") is None  # 8 open now
    assert limits.socket_refusal(sockets[9], "k4", "10.0.0.7") == FULL
    limits.socket_closed(sockets[0])
    limits.socket_closed(sockets[0])  # twice is harmless
    assert limits.sockets_open("k1") == 2 and limits.sockets_open() == 7
    assert limits.socket_refusal(sockets[9], "k1", "10.0.0.5") is None, "a closed socket frees its place"
    assert {SOCKET_STATUS[r] for r in (PAGE, DEVICE)} == {429} and {SOCKET_STATUS[r] for r in (FULL, FILES)} == {503}


def test_a_page_cannot_open_and_close_sockets_in_a_loop(monkeypatch):
    monkeypatch.setattr("samskaping.server.security.fd_room", lambda needed: True)
    clock = _Clock()
    limits = SamskapingLimits(clock=clock, socket_opens_per_minute=5)
    answers = []
    for _ in range(8):
        socket_ = object()
        answers.append(limits.socket_refusal(socket_, "k1", "10.0.0.5"))
        limits.socket_closed(socket_)
        clock.now += 1
    assert answers == [None] * 5 + [PAGE] * 3
    assert limits.socket_refusal(object(), "k2", "10.0.0.5") is None, "another page is not affected"
    clock.now += 60
    assert limits.socket_refusal(object(), "k1", "10.0.0.5") is None, "a minute later the page may again"


def test_no_websocket_opens_without_headroom_in_file_descriptors(monkeypatch):
    monkeypatch.setattr("samskaping.server.security.fd_room", lambda needed: False)
    assert SamskapingLimits().socket_refusal(object(), "k1", "10.0.0.5") == FILES


def test_the_default_total_grows_with_the_page_cap():
    assert SamskapingLimits(max_pages=120, staff_reserve=4).max_sockets == 372


@pytest.mark.skipif(fd_limit() is None, reason="no limit on open files on this system")
def test_the_soft_limit_is_raised_to_the_hard_limit_in_a_child():
    import subprocess
    import sys

    code = (
        "import resource; from samskaping.server.security import raise_fd_limit\n"
        "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, hard), hard))\n"
        "after = raise_fd_limit(); print(after[0] == hard or after[0] >= 10240, after[0] > 256)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split() == ["True", "True"]
    assert raise_fd_limit() is not None and (open_fds() is None or open_fds() > 0)


def test_a_full_file_table_pauses_accepting_instead_of_spinning(monkeypatch):
    """tornado's accept handler let EMFILE out on every loop turn; the guarded one counts it and pauses."""
    import asyncio

    import samskaping.server.security as security

    tally, stream, _ = _tally()
    monkeypatch.setattr(security, "REFUSALS", tally)

    class Listener:
        def __init__(self):
            self.calls = 0
            self.sock = socket.socket()

        def fileno(self):
            return self.sock.fileno()

        def accept(self):
            self.calls += 1
            raise OSError(errno.EMFILE, "Too many open files")

    async def run():
        listener = Listener()
        listener.sock.bind(("127.0.0.1", 0))
        listener.sock.listen()
        client = socket.create_connection(listener.sock.getsockname())  # the listener is readable from now on
        stop = add_guarded_accept_handler(listener, lambda connection, address: None, pause=0.5)
        await asyncio.sleep(1.2)
        stop()
        client.close()
        listener.sock.close()
        return listener.calls

    calls = asyncio.run(run())
    assert 1 <= calls <= 4, f"accept was tried {calls} times in 1.2 s: it should pause 0.5 s after each failure"
    assert len(stream.getvalue().splitlines()) == 1 and "out of file descriptors" in stream.getvalue()
