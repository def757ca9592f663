"""What ``samskaping serve`` tells the facilitator: every page's link, the secret in a frame, and only the part of
Voilà's log that matters (all of it with ``--verbose``)."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from samskaping import cli
from samskaping.core.models import Workshop
from samskaping.server.access import check_secret
from samskaping.server.launch import ServerConfig, free_port, voila_command
from samskaping.server.routes import (
    FACILITATOR_URL_PATH,
    IDEAS_URL_PATH,
    JOURNEY_URL_PATH,
    PARTICIPANT_URL_PATH,
    PROJECT_URL_PATH,
    STAKEHOLDER_URL_PATH,
    WALL_URL_PATH,
)

SECRET = "abcd-efgh-jkmn-pqrs"
STAFF_PATHS = (FACILITATOR_URL_PATH, WALL_URL_PATH, IDEAS_URL_PATH, STAKEHOLDER_URL_PATH, JOURNEY_URL_PATH)


def _links(banner: str) -> list[str]:
    return [word for line in banner.splitlines() for word in line.split() if word.startswith(("http://", "https://"))]


def _box(banner: str) -> list[str]:
    """The lines of the frame, from its top edge to its bottom edge."""
    lines = banner.splitlines()
    top = next(n for n, line in enumerate(lines) if line.startswith(("╔", "+=")))
    bottom = next(n for n, line in enumerate(lines) if n > top and line.startswith(("╚", "+=")))
    return lines[top:bottom + 1]


# -- the banner -----------------------------------------------------------------------------


def test_the_banner_links_every_page_and_each_staff_page_opens_the_demo():
    demo = Workshop("Fravær", join_code="ABC234")
    config = ServerConfig(data_dir=Path("/tmp/x"), port=8866)
    banner = cli.serve_banner(config, demo=demo, secret=SECRET)
    base = "http://127.0.0.1:8866"
    assert _links(banner) == [f"{base}{PARTICIPANT_URL_PATH}?kode=ABC234", f"{base}/samskaping/logg-inn",
                              *(f"{base}{path}?verksted=ABC234" for path in STAFF_PATHS),
                              f"{base}{PROJECT_URL_PATH}?prosjekt=ABC234"]
    assert f"Deltakere:     {base}{PARTICIPANT_URL_PATH}?kode=ABC234" in banner
    for label in ("Logg inn:", "Prosessleder:", "Vegg (lerret):", "Idéer:", "Interessenter:", "Tjenestereise:",
                  "Prosjekt:"):
        assert label in banner.splitlines(), label  # the links are too long to stand beside their labels here
    assert "krever nøkkelen" in banner and "Data lagres i: /tmp/x" in banner


def test_without_a_demo_each_link_stands_beside_its_label():
    config = ServerConfig(data_dir=Path("/tmp/x"), port=8866)
    lines = cli.serve_banner(config).splitlines()
    base = "http://127.0.0.1:8866"
    for label, path in (("Deltakere:", PARTICIPANT_URL_PATH), ("Logg inn:", "/samskaping/logg-inn"),
                        ("Prosessleder:", FACILITATOR_URL_PATH), ("Vegg (lerret):", WALL_URL_PATH),
                        ("Idéer:", IDEAS_URL_PATH), ("Interessenter:", STAKEHOLDER_URL_PATH),
                        ("Tjenestereise:", JOURNEY_URL_PATH)):
        assert f"{label:<15}{base}{path}" in lines, label


@pytest.mark.parametrize("demo", [None, Workshop("Fravær", join_code="ABC234")])
@pytest.mark.parametrize("fields", [{}, {"port": 65535, "certfile": Path("/c.pem")},
                                    {"ip": "0.0.0.0", "public_host": "192.168.100.200", "port": 65535}])
def test_the_banner_fits_an_80_column_terminal(demo, fields):
    config = ServerConfig(data_dir=Path("/tmp/x"), **{"port": 8866, **fields})
    banner = cli.serve_banner(config, demo=demo, secret=SECRET, quiet=True)
    too_long = [line for line in banner.splitlines() if len(line) >= 80]
    assert too_long == []
    assert len(_links(banner)) == 8 + bool(config.public_host)


def test_serve_room_says_it_gets_pages_ready_and_passes_the_room_to_the_server():
    config = ServerConfig(data_dir=Path("/tmp/x"), room=30, room_memory_mb=2000)
    assert "Gjør klar sider til 30 deltakere" in cli.serve_banner(config)
    assert "Gjør klar" not in cli.serve_banner(ServerConfig(data_dir=Path("/tmp/x")))
    command = voila_command(config)
    assert "--SamskapingRoom.expected=30" in command and "--SamskapingRoom.memory_mb=2000" in command


def test_a_new_secret_stands_in_a_frame_that_says_what_it_is_for():
    banner = cli.serve_banner(ServerConfig(data_dir=Path("/tmp/x")), secret=SECRET)
    box = _box(banner)
    assert box[0] == "╔" + "═" * 77 + "╗" and box[-1] == "╚" + "═" * 77 + "╝"
    assert all(line.startswith("║ ") and line.endswith(" ║") and len(line) == 79 for line in box[1:-1])
    inside = " ".join(line.strip("║ ") for line in box[1:-1])
    assert f"NØKKEL TIL PROSESSLEDERSIDENE:  {SECRET}" in inside
    assert "Ikke vis den til deltakerne" in " ".join(inside.split()) and "skriv den ned" in inside
    assert banner.count(SECRET) == 1


def test_a_secret_already_set_is_not_shown_and_the_banner_says_how_to_get_a_new_one():
    banner = cli.serve_banner(ServerConfig(data_dir=Path("/tmp/x")))
    assert "╔" not in banner and "samskaping secret --reset" in banner


def test_a_terminal_without_box_drawing_characters_gets_a_frame_of_plain_ones(monkeypatch):
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(io.BytesIO(), encoding="cp1252"))
    banner = cli.serve_banner(ServerConfig(data_dir=Path("/tmp/x")), secret=SECRET)
    banner.encode("cp1252")  # all of it can be printed there
    box = _box(banner)
    assert box[0] == "+" + "=" * 77 + "+" and any(SECRET in line for line in box)
    assert all(line.startswith("| ") and line.endswith(" |") for line in box[1:-1])


def test_english_banner_with_lang_en(monkeypatch):
    token = cli._LANG.set("en")
    try:
        banner = cli.serve_banner(ServerConfig(data_dir=Path("/tmp/x")), secret=SECRET, quiet=True)
    finally:
        cli._LANG.reset(token)
    assert "Participants:" in banner and "Wall (screen):" in banner and "SECRET FOR THE STAFF PAGES" in banner
    assert "--verbose" in banner


# -- Voilà's log, thinned ---------------------------------------------------------------------

VOILA_LOG = """\
[SamskapingVoila] Using /tmp to store connection files
[SamskapingVoila] Voilà is running at:
http://127.0.0.1:8866/
[SamskapingVoila] WARNING | Notebook deltaker.ipynb is not trusted
[SamskapingVoila] Kernel started: 4ae9e793-fd6b-49e5-813f-eec546287c73
[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication is sent in plain text.
[SamskapingVoila] Using pre-heated kernel: affb870f for deltaker.ipynb
[tornado.access] WARNING | 404 GET /favicon.ico (127.0.0.1) 3.79ms
[tornado.access] WARNING | 503 GET /voila/render/deltaker.ipynb (10.0.0.7) 1.20ms
[tornado.application] ERROR | Uncaught exception GET /voila/render/vegg.ipynb (127.0.0.1)
Traceback (most recent call last):
  File "x.py", line 1, in <module>
ValueError: boom
[SamskapingVoila] Kernel shutdown: 4ae9e793
Fatal Python error: Segmentation fault
[W 2026-01-01 10:00:00.000 ServerApp] A warning in jupyter_server's own format
[I 2026-01-01 10:00:00.000 ServerApp] An info line in that format
[SamskapingVoila] CRITICAL | ERROR: the Voilà server could not be started because no available port could be found.
"""

SHOWN = """\
[tornado.access] WARNING | 503 GET /voila/render/deltaker.ipynb (10.0.0.7) 1.20ms
[tornado.application] ERROR | Uncaught exception GET /voila/render/vegg.ipynb (127.0.0.1)
Traceback (most recent call last):
  File "x.py", line 1, in <module>
ValueError: boom
Fatal Python error: Segmentation fault
[W 2026-01-01 10:00:00.000 ServerApp] A warning in jupyter_server's own format
[SamskapingVoila] CRITICAL | ERROR: the Voilà server could not be started because no available port could be found.
"""


def test_the_log_keeps_warnings_and_errors_with_their_tracebacks_and_drops_info_and_noise():
    out = io.StringIO()
    log = cli.VoilaLog(out)
    os.write(log.pipe, VOILA_LOG.encode("utf-8"))
    log.close(wait=10)
    assert out.getvalue() == SHOWN


# -- a real serve -----------------------------------------------------------------------------


def _start(tmp_path: Path, name: str, *options: str) -> tuple[subprocess.Popen, Path, Path, Path]:
    exe = shutil.which("samskaping", path=str(Path(sys.executable).parent))
    assert exe, "the samskaping console script is not installed next to this Python"
    data, out, err = tmp_path / name, tmp_path / f"{name}.out", tmp_path / f"{name}.err"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen(
            [exe, "serve", "--demo", "--pool", "1", "--port", str(free_port()), "--data-dir", str(data), *options],
            stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "80"},
        )
    return process, data, out, err


def _banner(process: subprocess.Popen, out: Path, err: Path) -> str:
    deadline = time.monotonic() + 120
    while "Data lagres i:" not in out.read_text(encoding="utf-8") and time.monotonic() < deadline:
        assert process.poll() is None, err.read_text(encoding="utf-8", errors="replace")[-3000:]
        time.sleep(0.2)
    time.sleep(0.5)
    return out.read_text(encoding="utf-8")


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)  # serve stops Voilà and its kernels, as on Ctrl+C
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


@pytest.mark.slow
def test_a_real_serve_prints_the_links_and_the_secret_and_keeps_jupyters_chatter_out(tmp_path):
    quiet, quiet_data, quiet_out, quiet_err = _start(tmp_path, "stille")
    verbose, _, verbose_out, verbose_err = _start(tmp_path, "alt", "--verbose")
    try:
        banners = {}
        for name, (process, out, err) in {"stille": (quiet, quiet_out, quiet_err),
                                          "alt": (verbose, verbose_out, verbose_err)}.items():
            banners[name] = _banner(process, out, err)
            join = next(line.split()[-1] for line in banners[name].splitlines() if line.startswith("Deltakere:"))
            with urllib.request.urlopen(join, timeout=120) as response:  # a phone opens the page: a kernel starts
                assert response.status == 200 and "?kode=" in join
        time.sleep(3)
    finally:
        _stop(quiet)
        _stop(verbose)
    banner = banners["stille"]
    links = _links(banner)
    assert len(links) == 8
    for path in (PARTICIPANT_URL_PATH, "/samskaping/logg-inn", *STAFF_PATHS, PROJECT_URL_PATH):
        assert any(path in link for link in links), path
    assert [line for line in banner.splitlines() if len(line) >= 80 and not line.startswith("Data lagres i:")] == []
    secret_line = next(line for line in _box(banner) if "NØKKEL TIL PROSESSLEDERSIDENE" in line)
    assert check_secret(quiet_data, secret_line.strip("║ ").split()[-1])
    assert "--verbose" in banner and "--verbose" not in banners["alt"]

    quiet_log = quiet_err.read_text(encoding="utf-8", errors="replace")
    verbose_log = verbose_err.read_text(encoding="utf-8", errors="replace")
    for chatter in ("not trusted", "without encryption", "Kernel started", "Using pre-heated kernel"):
        assert chatter not in quiet_log, (chatter, quiet_log[-2000:])
        assert chatter in verbose_log, (chatter, verbose_log[-2000:])  # it was said; only the filter hid it


@pytest.mark.slow
def test_a_serve_that_cannot_start_shows_voilas_error_and_says_so_in_norwegian(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        exe = shutil.which("samskaping", path=str(Path(sys.executable).parent))
        result = subprocess.run(
            [exe, "serve", "--pool", "0", "--port", str(port), "--data-dir", str(tmp_path)],
            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    assert result.returncode == 1 and result.stdout == ""
    assert "CRITICAL" in result.stderr and "could not be started" in result.stderr  # Voilà's own error, not hidden
    assert f"Feil: Sidene startet ikke; meldingen fra Voilà over sier hvorfor. Er porten {port}" in result.stderr
    assert "Traceback" not in result.stderr
