"""Commands that delete ask first: ``ja`` deletes, anything else or no answer keeps everything; ``--yes`` for scripts.

Counted in the store file itself (SQLite), not through the command line that is under test.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from samskaping.cli import main
from samskaping.store import STORE_FILENAME


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run(data_dir, capsys, monkeypatch):
    """``samskaping ARGS --data-dir DATA`` in-process with ``answer`` on standard input (``None``: pytest's
    own stdin, which cannot be read, as a job without a terminal); returns (exit code, stdout, stderr)."""

    def run(*args: str, answer: str | None = None) -> tuple[int, str, str]:
        if answer is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(answer))
        code = main([*args, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def rows(data_dir: Path, table: str, workshop_id: str | None = None) -> int:
    with sqlite3.connect(data_dir / STORE_FILENAME) as db:
        if workshop_id is None:
            return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return db.execute(f"SELECT COUNT(*) FROM {table} WHERE workshop_id = ?", (workshop_id,)).fetchone()[0]


@pytest.fixture
def demo(run, data_dir) -> str:
    workshop_id = run("demo")[1].split()[-1]
    assert rows(data_dir, "workshops") == 1 and rows(data_dir, "ideas", workshop_id) == 60
    return workshop_id


QUESTION = ("Slette verkstedet «Idédugnad: nærvær i skolen og støtte til foreldre» med 60 idéer? "
            "Skriv ja for å bekrefte:")


@pytest.mark.parametrize("answer", ["nei\n", "n\n", "\n", "jo\n", "ja takk\n", "yes\n"])
def test_delete_keeps_the_workshop_unless_the_answer_is_ja(run, data_dir, demo, answer):
    code, out, err = run("delete", demo, answer=answer)
    assert code == 1 and out == ""
    assert QUESTION in err and "Avbrutt: ingenting er slettet" in err
    assert rows(data_dir, "workshops") == 1 and rows(data_dir, "ideas", demo) == 60


@pytest.mark.parametrize("answer", ["", None])
def test_delete_without_an_answer_keeps_the_workshop_and_says_how_scripts_delete(run, data_dir, demo, answer):
    code, out, err = run("delete", demo, answer=answer)  # stdin at its end, or none that can be read
    assert code == 1 and out == ""
    assert QUESTION in err and "fikk ikke noe svar" in err and "--yes" in err
    assert rows(data_dir, "workshops") == 1 and rows(data_dir, "ideas", demo) == 60


@pytest.mark.parametrize("answer", ["ja\n", "Ja\n", "  JA  \n", "ja"])
def test_delete_with_ja_deletes_the_workshop_and_everything_in_it(run, data_dir, demo, answer):
    code, out, err = run("delete", demo, answer=answer)
    assert code == 0 and QUESTION in err and "Avbrutt" not in err
    assert "Slettet verkstedet" in out and "60 idéer" in out
    assert rows(data_dir, "workshops") == 0 and rows(data_dir, "ideas") == 0
    assert rows(data_dir, "stakeholders") == 14 and "interessentregister (14 interessenter) er beholdt" in out


def test_project_delete_asks_then_removes_the_register_too(run, data_dir, demo):
    code, _, err = run("project", "delete", demo, answer="nei\n")
    assert code == 1 and "med 1 verksteder, 60 idéer, 14 interessenter" in err
    assert rows(data_dir, "stakeholders") == 14
    code, out, _ = run("project", "delete", demo, answer="ja\n")
    assert code == 0 and "Slettet prosjektet" in out and "14 interessenter" in out
    assert [rows(data_dir, table) for table in ("projects", "workshops", "ideas", "stakeholders", "risks")] == [0] * 5


@pytest.mark.parametrize("flag", ["--yes", "-y"])
def test_delete_with_yes_deletes_without_asking(run, data_dir, demo, flag):
    code, out, err = run("delete", demo, flag)
    assert code == 0 and "Skriv ja" not in err and "60 idéer" in out
    assert rows(data_dir, "workshops") == 0 and rows(data_dir, "ideas") == 0


def test_in_english_the_word_is_yes(run, data_dir, demo):
    code, _, err = run("--lang", "en", "delete", demo, answer="ja\n")
    assert code == 1 and "Type yes to confirm" in err and "nothing was deleted" in err
    assert rows(data_dir, "workshops") == 1
    code, out, _ = run("delete", demo, "--lang", "en", answer="yes\n")
    assert code == 0 and "Deleted the workshop" in out and rows(data_dir, "workshops") == 0


def test_a_workshop_that_is_not_there_is_named_before_any_question(run, demo):
    code, _, err = run("delete", "FINNESIKKE", answer="ja\n")
    assert code == 1 and "FINNESIKKE" in err and "Skriv ja" not in err


def test_ideas_delete_names_the_post_and_deletes_it_only_on_ja(run, data_dir, demo):
    idea_id = run("ideas", "add", demo, "Et innlegg noen vil ha bort")[1].split()[-1]
    code, _, err = run("ideas", "delete", demo, idea_id, "--by", "prosessleder", answer="nei\n")
    assert code == 1 and f"Slette innlegget {idea_id} («Et innlegg noen vil ha bort»)" in err
    assert "Skriv ja for å bekrefte" in err and rows(data_dir, "ideas", demo) == 61
    assert rows(data_dir, "privacy_log") == 0
    code, out, _ = run("ideas", "delete", demo, idea_id, "--by", "prosessleder", answer="ja\n")
    assert code == 0 and "personvernloggen" in out and rows(data_dir, "ideas", demo) == 60
    other = run("ideas", "add", demo, "Et til")[1].split()[-1]
    code, _, err = run("ideas", "delete", demo, other, "--by", "prosessleder", "--yes")
    assert code == 0 and "Skriv ja" not in err and rows(data_dir, "ideas", demo) == 60


def test_purge_lists_what_it_would_delete_and_asks(run, data_dir):
    old = run("new", "Gammelt", "--delete-after", "2025-01-31")[1].split()[-1]
    run("new", "Nytt", "--delete-after", "2099-01-31")
    run("ideas", "add", old, "En idé")
    code, out, err = run("purge", answer="nei\n")
    assert code == 1 and out == ""
    assert f"- «Gammelt» ({old}), slettedato 2025-01-31: 1 idéer" in err
    assert "Slette dette verkstedet med alle data? Skriv ja for å bekrefte:" in err and "Nytt" not in err
    assert rows(data_dir, "workshops") == 2 and rows(data_dir, "ideas") == 1
    code, out, _ = run("purge")  # a job without a terminal and without --yes deletes nothing
    assert code == 1 and rows(data_dir, "workshops") == 2
    code, out, _ = run("purge", answer="ja\n")
    assert code == 0 and "Gammelt" in out and rows(data_dir, "workshops") == 1 and rows(data_dir, "ideas") == 0


def test_the_console_script_asks_on_standard_error_and_reads_the_answer_from_standard_input(data_dir, run, demo):
    exe = shutil.which("samskaping", path=str(Path(sys.executable).parent))
    assert exe, "the samskaping console script is not installed next to this Python"
    command = [exe, "delete", demo, "--data-dir", str(data_dir)]
    for stdin in ({"input": "nei\n"}, {"stdin": subprocess.DEVNULL}):
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, **stdin)
        assert result.returncode == 1 and result.stdout == "" and QUESTION in result.stderr, stdin
        assert rows(data_dir, "workshops") == 1 and rows(data_dir, "ideas", demo) == 60
    result = subprocess.run(command, input="ja\n", capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Slettet verkstedet" in result.stdout
    assert rows(data_dir, "workshops") == 0 and rows(data_dir, "ideas") == 0
