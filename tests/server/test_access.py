"""The facilitator secret: made once, stored hashed, checked, changeable."""

from __future__ import annotations

import json
import stat

from samskaping.cli import main
from samskaping.server.access import SECRET_FILE, check_secret, ensure_secret, reset_secret


def test_secret_is_made_once_stored_hashed_and_private(tmp_path):
    secret = ensure_secret(tmp_path)
    assert secret and ensure_secret(tmp_path) is None
    stored = (tmp_path / SECRET_FILE).read_text()
    assert secret not in stored and secret.replace("-", "") not in stored
    assert set(json.loads(stored)) == {"salt", "hash", "iterations"}
    assert stat.S_IMODE((tmp_path / SECRET_FILE).stat().st_mode) == 0o600


def test_checking_forgives_case_spaces_and_dashes_but_nothing_else(tmp_path):
    secret = ensure_secret(tmp_path)
    assert check_secret(tmp_path, secret)
    assert check_secret(tmp_path, " " + secret.upper().replace("-", " ") + " ")
    assert not check_secret(tmp_path, secret[:-1] + ("a" if secret[-1] != "a" else "b"))
    assert not check_secret(tmp_path / "elsewhere", secret)


def test_reset_makes_the_old_secret_stop_working(tmp_path):
    old = ensure_secret(tmp_path)
    new = reset_secret(tmp_path)
    assert new != old and check_secret(tmp_path, new) and not check_secret(tmp_path, old)


def test_cli_secret_reset_prints_the_new_secret_once(tmp_path, capsys):
    assert main(["secret", "--reset", "--data-dir", str(tmp_path)]) == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert check_secret(tmp_path, secret)
    assert main(["secret", "--data-dir", str(tmp_path)]) == 0
    assert secret not in capsys.readouterr().out
