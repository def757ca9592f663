"""``samskaping serve --lan``: phones on the venue's network reach the laptop, and the facilitator is warned.

By default the server listens on 127.0.0.1 only. With ``--lan`` it listens on
every address, prints this machine's address on the local network as a link
and a QR code, and warns that everyone on the network can reach it; the
kernels get the network link (``SAMSKAPING_URL``) for the join link and QR
code on the facilitator's page.
"""

from __future__ import annotations

import io
import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import segno

from samskaping import cli
from samskaping.server import launch as server
from samskaping.server.launch import READY_PATH, ServerConfig, free_port, lan_address, server_env, voila_command

LAN_HOST = "192.168.1.23"


def _system_addresses() -> list[str] | None:
    """The IPv4 addresses the operating system lists for this machine (not via the code under test), or None."""
    for command in (["ip", "-4", "-o", "addr", "show"], ["hostname", "-I"]):
        if not shutil.which(command[0]):
            continue
        result = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
        if result.returncode != 0:
            continue
        words = result.stdout.split()
        if command[0] == "ip":  # "... inet 192.0.2.2/24 brd ...": the word after "inet"
            words = [words[i + 1].split("/")[0] for i, word in enumerate(words[:-1]) if word == "inet"]
        return [word for word in words if _is_ipv4(word)]
    return None


def _is_ipv4(word: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(word), ipaddress.IPv4Address)
    except ValueError:
        return False


def _non_loopback(addresses: list[str]) -> list[str]:
    return [a for a in addresses if not ipaddress.ip_address(a).is_loopback]


# -- finding the address -----------------------------------------------------


def test_the_lan_address_is_one_of_the_machines_own_and_never_loopback():
    listed = _system_addresses()
    if listed is None:
        pytest.skip("neither `ip` nor `hostname -I` is available to list this machine's addresses")
    found = lan_address()
    if not _non_loopback(listed):
        assert found is None, f"the machine lists no network address ({listed}), yet lan_address() gave {found}"
        return
    assert found is not None, f"the machine has {_non_loopback(listed)}, but lan_address() found none"
    assert not ipaddress.ip_address(found).is_loopback and found in listed


def test_with_only_loopback_there_is_no_lan_address(monkeypatch):
    class NoRoute:
        def __init__(self, *args):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def connect(self, address):
            raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(server.socket, "socket", NoRoute)
    monkeypatch.setattr(server.socket, "getaddrinfo", lambda *a, **k: [(2, 2, 17, "", ("127.0.1.1", 0))])
    assert lan_address() is None


# -- what serve --lan prints and passes on ---------------------------------------


def _lan_config(**fields) -> ServerConfig:
    return ServerConfig(data_dir=Path("/tmp/x"), port=8866, ip="0.0.0.0", public_host=LAN_HOST, **fields)


def test_the_banner_gives_the_network_link_as_a_qr_code_and_warns_who_can_reach_the_server():
    config = _lan_config()
    banner = cli.serve_banner(config, secret="abcd-efgh-jkmn-pqrs")
    link = f"http://{LAN_HOST}:8866/voila/render/deltaker.ipynb"
    assert f"Deltakere:     {link}" in banner and f"skriver inn: {link}" in banner
    qr = io.StringIO()
    segno.make(link).terminal(out=qr, compact=True)
    assert qr.getvalue().rstrip("\n") in banner, "the QR code should hold the participants' network link"
    assert "Prosessleder:  http://127.0.0.1:8866/voila/render/fasilitator.ipynb" in banner  # staff stay on the laptop
    for words in ("ADVARSEL: Med --lan kan alle på dette nettverket nå sidene", "krever nøkkelen. Ikke del den",
                  "lukket nett eller et gjestenett", "Stopp tjeneren med Ctrl+C", "ukryptert (http)"):
        assert words in banner, words
    assert "ukryptert" not in cli.serve_banner(_lan_config(certfile=Path("/c.pem")))
    assert "https://192.168.1.23:8866/voila/render/deltaker.ipynb" in cli.serve_banner(
        _lan_config(certfile=Path("/c.pem"))
    )


def test_without_lan_the_banner_has_no_qr_code_or_warning_and_the_server_stays_on_localhost():
    config = ServerConfig(data_dir=Path("/tmp/x"), port=8866)
    banner = cli.serve_banner(config)
    assert "ADVARSEL" not in banner and "█" not in banner
    assert "--Voila.ip=127.0.0.1" in voila_command(config)
    assert server_env(config)["SAMSKAPING_URL"] == "http://127.0.0.1:8866"


def test_lan_listens_everywhere_and_gives_the_kernels_the_network_link():
    config = _lan_config()
    assert "--Voila.ip=0.0.0.0" in voila_command(config)
    assert server_env(config)["SAMSKAPING_URL"] == f"http://{LAN_HOST}:8866"  # join link and QR on the facilitator page
    assert config.local_url == "http://127.0.0.1:8866"


def test_serve_lan_without_a_network_address_says_so_and_starts_nothing(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(server, "lan_address", lambda: None)
    monkeypatch.setattr(server, "start_server", lambda *a, **k: pytest.fail("nothing should start"))
    assert cli.main(["serve", "--lan", "--data-dir", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert "Fant ingen adresse for denne maskinen på lokalnettet" in err and "start uten --lan" in err
    assert not (tmp_path / "data").exists()


# -- a real serve --lan ---------------------------------------------------------


@pytest.mark.slow
def test_serve_lan_answers_on_the_machines_network_address(tmp_path):
    listed = _system_addresses()
    if listed is None or not _non_loopback(listed):
        pytest.skip(f"this machine has no non-loopback IPv4 address to serve on (it lists {listed})")
    exe = shutil.which("samskaping", path=str(Path(sys.executable).parent))
    assert exe, "the samskaping console script is not installed next to this Python"
    port = free_port("0.0.0.0")
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen(
            [exe, "serve", "--lan", "--pool", "0", "--port", str(port), "--data-dir", str(tmp_path / "data")],
            stdout=stdout, stderr=stderr, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    try:
        deadline = time.monotonic() + 90
        while "Ctrl+C når verkstedet" not in out.read_text(encoding="utf-8") and time.monotonic() < deadline:
            assert process.poll() is None, err.read_text(encoding="utf-8", errors="replace")[-2000:]
            time.sleep(0.2)
        printed = out.read_text(encoding="utf-8")
        link = next(line.split()[-1] for line in printed.splitlines() if line.startswith("Deltakere:"))
        host = link.split("//", 1)[1].split(":", 1)[0]
        assert not ipaddress.ip_address(host).is_loopback and host in listed, link
        assert "▀" in printed or "▄" in printed, "the QR code should be printed"
        with urllib.request.urlopen(f"http://{host}:{port}{READY_PATH}", timeout=10) as response:
            assert response.status == 200
    finally:
        process.send_signal(signal.SIGTERM)  # serve stops Voilà and its kernels, as on Ctrl+C
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
