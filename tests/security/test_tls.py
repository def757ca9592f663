"""``samskaping serve --certfile --keyfile``: the pages over https, and a clear message when the files are wrong.

The certificate is made in the test with the ``openssl`` command line (the
``cryptography`` package is not a dependency of the kit).
"""

from __future__ import annotations

import http.client
import re
import shutil
import ssl
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from samskaping import cli
from samskaping.server import launch as server
from samskaping.server.app import WAIT_ROUNDS
from samskaping.server.launch import ServerConfig, server_env, voila_command


@pytest.fixture
def certificate(tmp_path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key (PEM), valid for two days."""
    if not shutil.which("openssl"):
        pytest.skip("the openssl command is not installed, so no test certificate can be made")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


def _unverified() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def test_a_certificate_turns_on_https_for_voila_the_kernels_and_the_links(tmp_path):
    config = ServerConfig(data_dir=tmp_path, port=8866, certfile=Path("/c.pem"), keyfile=Path("/k.pem"))
    command = voila_command(config)
    assert "--SamskapingVoila.certfile=/c.pem" in command and "--SamskapingVoila.keyfile=/k.pem" in command
    assert server_env(config)["VOILA_WS_PROTOCOL"] == "wss"  # preheated kernels fetch their request over TLS
    assert config.participant_url.startswith("https://127.0.0.1:8866/") and config.login_url.startswith("https://")
    plain = ServerConfig(data_dir=tmp_path)
    assert not [arg for arg in voila_command(plain) if "certfile" in arg]
    assert "VOILA_WS_PROTOCOL" not in server_env(plain) or server_env(plain)["VOILA_WS_PROTOCOL"] != "wss"


@pytest.mark.slow
def test_pages_are_served_over_https_and_plain_http_on_that_port_is_refused(make_voila_server, certificate):
    cert, key = certificate
    # A pool of one: the page comes from a preheated kernel, which must fetch its request over wss.
    live = make_voila_server(pool_size=1, config={"certfile": cert, "keyfile": key})
    assert live.url.startswith("https://")
    # vent=: past "Et øyeblikk …", so the page waits for the pool's kernel even while it is still starting.
    with urllib.request.urlopen(live.participant_url + f"?lang=en&vent={WAIT_ROUNDS}", timeout=90,
                                context=_unverified()) as response:
        body = response.read().decode("utf-8", "replace")
    assert response.status == 200 and "jupyter-config-data" in body
    assert "application/vnd.jupyter.widget-view+json" in body, "the page's kernel should have built the page"
    kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', body).group(1)
    log = (live.data_dir / "voila.log").read_text(encoding="utf-8", errors="replace")
    assert f"Using pre-heated kernel: {kernel_id}" in log

    plain = live.url.replace("https://", "http://", 1) + "/voila/templates/lab/static/voila.js"
    with pytest.raises((OSError, http.client.HTTPException)):
        urllib.request.urlopen(plain, timeout=10)
    with pytest.raises(urllib.error.URLError) as untrusted:  # a self-signed certificate is not trusted by default
        urllib.request.urlopen(live.url + "/voila/templates/lab/static/voila.js", timeout=10)
    assert isinstance(untrusted.value.reason, ssl.SSLCertVerificationError)


# -- wrong files: a Norwegian sentence before anything starts ---------------------------


@pytest.fixture
def serve(monkeypatch, tmp_path, capsys):
    """Run ``samskaping serve ARGS`` with starting Voilà forbidden; return (exit code, stderr, data dir made?)."""
    monkeypatch.setattr(server, "start_server", lambda *a, **k: pytest.fail("nothing should start"))
    data = tmp_path / "data"

    def run(*args: str) -> tuple[int, str, bool]:
        code = cli.main(["serve", "--data-dir", str(data), *args])
        return code, capsys.readouterr().err, data.exists()

    return run


def test_a_missing_certificate_or_key_is_named_in_norwegian(serve, certificate, tmp_path):
    cert, key = certificate
    missing = tmp_path / "finnes-ikke.pem"
    code, err, started = serve("--certfile", str(missing), "--keyfile", str(key))
    assert code == 1 and not started
    assert f"Feil: Finner ikke filen {missing} (--certfile). Sjekk stien og prøv igjen" in err
    code, err, started = serve("--certfile", str(cert), "--keyfile", str(missing))
    assert code == 1 and not started and f"Finner ikke filen {missing} (--keyfile)" in err
    code, err, started = serve("--keyfile", str(key))
    assert code == 1 and not started and "--keyfile" in err and "uten --certfile" in err


def test_files_that_are_not_a_certificate_and_its_key_are_refused(serve, certificate, tmp_path):
    cert, key = certificate
    garbage = tmp_path / "tull.pem"
    garbage.write_text("dette er ikke et sertifikat\n", encoding="utf-8")
    for certfile, keyfile in ((garbage, key), (cert, garbage), (key, cert)):
        code, err, started = serve("--certfile", str(certfile), "--keyfile", str(keyfile))
        assert code == 1 and not started
        assert f"Sertifikatet {certfile} og nøkkelen {keyfile} kan ikke brukes sammen" in err
    assert cli.tls_problem(cert, key) is None and cli.tls_problem(None, None) is None
