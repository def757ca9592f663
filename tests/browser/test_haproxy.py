"""Several kit servers behind HAProxy (``deploy/haproxy.cfg``) on one PostgreSQL database.

The shipped proxy configuration is run as it is: the phone and the wall reach different
servers through one address, a server that dies hands its phones to another (the same
participant there), and a browser cannot pose as the machine itself through the proxy.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import _close, login, send_idea
from samskaping.core.models import Workshop
from samskaping.server.launch import free_port
from samskaping.server.routes import join_url
from samskaping.store import Store
from security.raw_http import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "haproxy.cfg"
PAGE_TIMEOUT_MS = 60_000


@pytest.fixture
def proxy_port():
    return free_port()


@pytest.fixture
def haproxy(proxy_port, tmp_path):
    """``haproxy`` on ``deploy/haproxy.cfg``; ``start(kit1, kit2)`` points it at two servers."""
    binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(binary).exists():
        pytest.fail("HAProxy not found: install Debian's haproxy (make test does it).", pytrace=False)
    started = []

    def start(first, second, *, bind: str = "", port: int = 0) -> subprocess.Popen:
        port = port or proxy_port
        env = {"SAMSKAPING_PROXY_BIND": bind or f"127.0.0.1:{port}",
               "SAMSKAPING_KIT1": f"127.0.0.1:{first.port}", "SAMSKAPING_KIT2": f"127.0.0.1:{second.port}"}
        log = open(tmp_path / "haproxy.log", "wb")  # noqa: SIM115 - closed with the process below
        process = subprocess.Popen([binary, "-db", "-f", str(CONFIG)], env=env, stdout=log, stderr=subprocess.STDOUT)
        started.append((process, log))
        assert wait_for(lambda: _listening(port), 10), (tmp_path / "haproxy.log").read_text()
        return process

    yield start
    for process, log in started:
        process.terminate()
        process.wait(10)
        log.close()


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _pinned(browser, proxy: str, server: str, size: tuple[int, int]):
    """A browser context that HAProxy's cookie sends to ``server`` (kit1 or kit2)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nb-NO")
    context.add_cookies([{"name": "SAMSKAPING_TJENER", "value": server, "url": proxy}])
    return context


def test_behind_haproxy_the_wall_of_one_server_shows_a_phone_of_another_and_a_dead_server_loses_nobody(
        postgres, make_voila_server, haproxy, proxy_port, browser, tmp_path):
    url = postgres.new_database()
    proxy = f"http://127.0.0.1:{proxy_port}"
    shared = {"data_dir": tmp_path / "shared", "proxy_url": proxy}  # one secret and cookie key for both
    first = make_voila_server(env={"SAMSKAPING_DATABASE_URL": url}, config=shared)
    second = make_voila_server(env={"SAMSKAPING_DATABASE_URL": url}, config=shared)
    haproxy(first, second)
    with Store(database_url=url) as store:
        room = store.workshops.create(Workshop("Samskapingsdag", question="Hva trenger familiene?"))
        wall_context = _pinned(browser, proxy, "kit2", (1366, 768))
        phone_context = _pinned(browser, proxy, "kit1", (390, 844))
        try:
            login(wall_context, SimpleNamespace(login_url=f"{proxy}/samskaping/logg-inn", secret=second.secret))
            wall = wall_context.new_page()
            wall.goto(f"{proxy}/voila/render/vegg.ipynb?verksted={room.id}")
            wall.get_by_text(f"Kode: {room.join_code}").wait_for(timeout=PAGE_TIMEOUT_MS)
            assert proxy.removeprefix("http://") in wall.content()  # the join link names the proxy

            phone = send_idea(phone_context, join_url(proxy, room), room, "Foresatt",
                              "Én kontaktperson for hele familien")
            wall.locator(".sk-card", has_text="Én kontaktperson for hele familien").wait_for(timeout=15_000)

            first.process.kill()  # the phone's server dies; its next page load goes to the other
            first.process.wait(20)
            time.sleep(1)
            phone.reload()
            phone.get_by_text("Hva trenger familiene?").wait_for(timeout=PAGE_TIMEOUT_MS)
            phone.get_by_text("Registrert som Forelder eller foresatt").wait_for(timeout=15_000)  # the same one
            phone.locator(".sk-mine").get_by_text("Én kontaktperson for hele familien").wait_for(timeout=15_000)
        finally:
            _close(phone_context)
            _close(wall_context)
        assert [i.text for i in store.ideas.list(room.id)] == ["Én kontaktperson for hele familien"]
        assert len(store.room.arrivals(room.id)) == 1


def test_through_the_proxy_a_browser_cannot_pose_as_the_machine_itself(postgres, make_voila_server, haproxy,
                                                                       tmp_path):
    """A device on the network sends headers saying it is 127.0.0.1; the proxy's own address count wins."""
    from samskaping.server.launch import lan_address

    address = lan_address()
    assert address, "this test needs a network address besides loopback (a device on the LAN)"
    port = free_port("0.0.0.0")
    url = postgres.new_database()
    shared = {"data_dir": tmp_path / "shared", "proxy_url": f"http://{address}:{port}"}
    first = make_voila_server(env={"SAMSKAPING_DATABASE_URL": url}, config=shared)
    second = make_voila_server(env={"SAMSKAPING_DATABASE_URL": url}, config=shared)
    haproxy(first, second, bind=f"0.0.0.0:{port}", port=port)
    path = "/voila/query/0b6c1f0e-2f7a-4c1e-9a51-1c2b3d4e5f60"
    assert _status(("127.0.0.1", first.port), None, path, "") == 400  # the machine itself: let through
    for header in ("", "X-Real-Ip: 127.0.0.1\r\n", "X-Forwarded-For: 127.0.0.1\r\n"):
        assert _status((address, port), address, path, header) == 403, header


def _status(target: tuple[str, int], source: str | None, path: str, headers: str) -> int:
    """The status of one raw GET from ``source``, as an attacker's own client sends it."""
    with socket.create_connection(target, timeout=10, source_address=(source, 0) if source else None) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {target[0]}:{target[1]}\r\n{headers}Connection: close\r\n\r\n"
                     .encode())
        reply = sock.recv(200).decode("latin-1")
    return int(reply.split()[1])
