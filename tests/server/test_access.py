"""The facilitator secret: made once, stored hashed, checked, changeable."""

from __future__ import annotations

import json
import os
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


def test_cli_secret_reset_prints_the_new_secret_once(tmp_path, monkeypatch):
    terminal = _Terminal(True)
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["secret", "--reset", "--data-dir", str(tmp_path)]) == 0
    [secret] = [line for line in terminal.buffer.getvalue().splitlines() if check_secret(tmp_path, line)]
    terminal.buffer.truncate(0)
    assert main(["secret", "--data-dir", str(tmp_path)]) == 0
    assert secret not in terminal.buffer.getvalue()


# -- a reset ends every staff session (issue 17, item 10) ----------------------------


def test_the_staff_token_belongs_to_the_current_secret_and_changes_with_every_reset(tmp_path):
    from samskaping.server.access import is_staff_token, staff_token

    assert staff_token(tmp_path) is None and not is_staff_token(tmp_path, "1")
    secret = ensure_secret(tmp_path)
    token = staff_token(tmp_path)
    assert token and is_staff_token(tmp_path, token) and is_staff_token(tmp_path, token.encode())
    assert secret.replace("-", "") not in token and token not in (tmp_path / SECRET_FILE).read_text()
    for forged in ("1", "", None, token[:-1], token.upper() if token != token.upper() else token + "0"):
        assert not is_staff_token(tmp_path, forged), forged
    reset_secret(tmp_path)
    assert not is_staff_token(tmp_path, token), "the old session's token must stop working"
    assert is_staff_token(tmp_path, staff_token(tmp_path))


class _Terminal:
    """Standard output as a terminal (or not)."""

    def __init__(self, tty: bool):
        import io

        self.buffer, self.tty = io.StringIO(), tty

    def write(self, text):
        return self.buffer.write(text)

    def flush(self):
        pass

    def isatty(self):
        return self.tty


def test_cli_secret_reset_shows_the_secret_only_on_a_terminal(tmp_path, monkeypatch):
    from samskaping.server.access import SECRET_NOTE

    terminal = _Terminal(True)
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["secret", "--reset", "--data-dir", str(tmp_path)]) == 0
    shown = [line for line in terminal.buffer.getvalue().splitlines() if check_secret(tmp_path, line.strip())]
    assert len(shown) == 1 and not (tmp_path / SECRET_NOTE).exists()


def test_cli_secret_reset_to_a_log_writes_the_secret_to_a_private_file_and_prints_its_path(tmp_path, monkeypatch):
    from samskaping.server.access import SECRET_NOTE

    log = _Terminal(False)
    monkeypatch.setattr("sys.stdout", log)
    old_umask = os.umask(0)  # the most permissive umask: the file must still be private
    try:
        assert main(["secret", "--reset", "--data-dir", str(tmp_path)]) == 0
    finally:
        os.umask(old_umask)
    printed = log.buffer.getvalue()
    note = tmp_path / SECRET_NOTE
    secret = note.read_text(encoding="utf-8").strip()
    assert check_secret(tmp_path, secret)
    assert secret not in printed and secret.replace("-", "") not in printed
    assert str(note) in printed and "logge inn på nytt" in printed
    assert stat.S_IMODE(note.stat().st_mode) == 0o600
