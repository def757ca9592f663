"""DNS rebinding: a web page the laptop visits must not reach the server under its own name (issue 17, item 8).

A page on ``rebind.attacker.example`` can make its name resolve to 127.0.0.1;
the browser then sends the server ``Host: rebind.attacker.example`` and lets
that page read the answers, from loopback, which the per-device caps exempt.
The server answers only to the names it is reached by: loopback
(``127.0.0.1``, ``localhost``, ``[::1]``) and ``allowed_hosts`` (with
``serve --lan``: the LAN address and this machine's name). Anything else gets
a short 403 page, on every route, websockets included, and starts nothing.
"""

from __future__ import annotations

import base64
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from raw_http import PARTICIPANT_PAGE, close_page, cookie, open_page, request

from samskaping.server.launch import ServerConfig, voila_command

REBIND = "rebind.attacker.example"
STATIC = "/voila/static/voila.js"


def _upgrade(server, path: str, host: str) -> int:
    """A websocket upgrade request for ``path`` naming ``host``, sent raw: the status the server answers."""
    url = urlsplit(server.url)
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        first = b""
        while b"\r\n" not in first:
            chunk = sock.recv(1024)
            if not chunk:
                break
            first += chunk
    return int(first.split(b" ", 2)[1])


@pytest.mark.slow
def test_a_foreign_host_gets_403_on_every_route_and_starts_nothing(voila_server):
    port = urlsplit(voila_server.url).port
    for host in (REBIND, f"{REBIND}:{port}", "127.0.0.1.attacker.example", "localhost.attacker.example", "x"):
        status, headers, body = request(voila_server, "GET", PARTICIPANT_PAGE + "?kode=ABC234",
                                        headers={"Host": host})
        assert status == 403, host
        assert "Ukjent adresse" in body and "jupyter-config-data" not in body, host
        assert cookie(headers, "_xsrf") is None and cookie(headers, "samskaping_enhet") is None
    for method, path in [("GET", STATIC), ("GET", "/"), ("GET", "/samskaping/logg-inn"),
                         ("GET", "/voila/render/fasilitator.ipynb"), ("GET", "/api/kernels"),
                         ("POST", f"/voila/api/shutdown/{'0' * 8}-0000-0000-0000-{'0' * 12}"),
                         ("POST", "/samskaping/logg-inn"), ("HEAD", STATIC), ("PUT", STATIC)]:
        body = None if method in ("GET", "HEAD") else b""
        status, _, _ = request(voila_server, method, path, headers={"Host": REBIND}, body=body)
        assert status == 403, (method, path, status)


@pytest.mark.slow
def test_a_foreign_host_gets_no_websocket_to_a_page_it_knows(voila_server):
    status, _, kernel, xsrf = open_page(voila_server)
    assert status == 200 and kernel
    try:
        channels = f"/api/kernels/{kernel}/channels?session_id=rebind"
        assert _upgrade(voila_server, channels, REBIND) == 403
        assert _upgrade(voila_server, f"/voila/query/{kernel}", REBIND) == 403
        assert _upgrade(voila_server, channels.replace("rebind", "own"), urlsplit(voila_server.url).netloc) == 101
    finally:
        close_page(voila_server, kernel, xsrf)


@pytest.mark.slow
def test_the_machines_own_names_are_answered(voila_server):
    port = urlsplit(voila_server.url).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST.:{port}", f"[::1]:{port}", "127.0.0.1"):
        assert request(voila_server, "GET", STATIC, headers={"Host": host})[0] == 200, host
    log = (voila_server.data_dir / "voila.log").read_text(encoding="utf-8", errors="replace")
    assert REBIND not in log, "a refused host is counted, never written to the log"


@pytest.mark.slow
def test_allowed_hosts_adds_names(make_voila_server):
    server = make_voila_server(pool_size=0, **{"SamskapingLimits.allowed_hosts": "verksted.example"})
    port = urlsplit(server.url).port
    assert request(server, "GET", STATIC, headers={"Host": f"verksted.example:{port}"})[0] == 200
    assert request(server, "GET", STATIC, headers={"Host": f"Verksted.Example:{port}"})[0] == 200
    assert request(server, "GET", STATIC, headers={"Host": f"{REBIND}:{port}"})[0] == 403


def test_serve_lan_answers_to_its_lan_address_and_name_and_only_loopback_otherwise():
    local = voila_command(ServerConfig(data_dir=Path("/tmp/x")))
    assert not [arg for arg in local if arg.startswith("--SamskapingLimits.allowed_hosts")]
    lan = voila_command(ServerConfig(data_dir=Path("/tmp/x"), ip="0.0.0.0", public_host="192.168.1.23"))
    hosts = [arg.split("=", 1)[1] for arg in lan if arg.startswith("--SamskapingLimits.allowed_hosts=")]
    assert hosts[0] == "192.168.1.23" and socket.gethostname().lower() in hosts
    assert REBIND not in hosts and "*" not in hosts
