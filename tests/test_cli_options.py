"""The command line's global options (before or after the command) and its help, in bokmål unless ``--lang en``."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from samskaping.cli import build_parser, main
from samskaping.core.catalogue import CATALOGUE
from samskaping.core.i18n import t
from samskaping.core.models import GROUPS, KS_PHASES


@pytest.fixture
def cli(capsys):
    """``main(args)`` as the exit code (also when argparse exits) with what it printed."""

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _titles(cli, data_dir: Path) -> list[str]:
    code, out, _ = cli("list", "--json", "--data-dir", str(data_dir))
    assert code == 0
    return [workshop["title"] for workshop in json.loads(out)]


# -- --data-dir and --lang, before or after the command ---------------------------------


def test_data_dir_works_before_after_and_between_the_command_words(cli, tmp_path):
    first, second = tmp_path / "første", tmp_path / "andre"
    assert cli("--data-dir", str(first), "new", "Før kommandoen")[0] == 0
    assert cli("new", "Etter kommandoen", "--data-dir", str(first))[0] == 0
    assert cli("new", "--data-dir", str(second), "Midt i")[0] == 0
    assert sorted(_titles(cli, first)) == ["Etter kommandoen", "Før kommandoen"]
    assert _titles(cli, second) == ["Midt i"]
    code, out, _ = cli("--data-dir", str(second), "list", "--json")
    assert code == 0 and [w["title"] for w in json.loads(out)] == ["Midt i"]

    workshop_id = json.loads(cli("list", "--json", "--data-dir", str(second))[1])[0]["id"]
    for argv in (["--data-dir", str(second), "ideas", "add", workshop_id, "Før"],
                 ["ideas", "--data-dir", str(second), "add", workshop_id, "Mellom"],
                 ["ideas", "add", workshop_id, "Etter", "--data-dir", str(second)]):
        assert cli(*argv)[0] == 0, argv
    code, out, _ = cli("ideas", "list", workshop_id, "--json", "--data-dir", str(second))
    assert sorted(idea["text"] for idea in json.loads(out)) == ["Etter", "Før", "Mellom"]


def test_an_option_after_the_command_wins_over_the_same_option_before_it(cli, tmp_path):
    before, after = tmp_path / "før", tmp_path / "etter"
    assert cli("--data-dir", str(before), "new", "Hvor havner jeg?", "--data-dir", str(after))[0] == 0
    assert _titles(cli, after) == ["Hvor havner jeg?"] and _titles(cli, before) == []
    code, out, _ = cli("--lang", "en", "list", "--lang", "nb", "--data-dir", str(before))
    assert code == 0 and "Ingen verksteder ennå" in out


def test_lang_before_or_after_the_command_picks_the_language_of_the_messages(cli, tmp_path):
    data = str(tmp_path / "data")
    assert "Ingen verksteder ennå" in cli("list", "--data-dir", data)[1]
    assert "No workshops yet" in cli("--lang", "en", "list", "--data-dir", data)[1]
    assert "No workshops yet" in cli("list", "--data-dir", data, "--lang", "en")[1]
    code, _, err = cli("--lang", "en", "ideas", "list", "FINNESIKKE", "--data-dir", data)
    assert code == 1 and err.startswith("Error: ") and "FINNESIKKE" in err
    code, _, err = cli("ideas", "list", "FINNESIKKE", "--data-dir", data)
    assert code == 1 and err.startswith("Feil: ")


def test_lang_also_sets_a_new_workshops_language_wherever_it_stands(cli, tmp_path):
    data = str(tmp_path / "data")
    cli("new", "Standard", "--data-dir", data)
    cli("--lang", "en", "new", "Engelsk før", "--data-dir", data)
    cli("new", "Engelsk etter", "--lang", "en", "--data-dir", data)
    languages = {w["title"]: w["lang"] for w in json.loads(cli("list", "--json", "--data-dir", data)[1])}
    assert languages == {"Standard": "nb", "Engelsk før": "en", "Engelsk etter": "en"}


def test_every_command_takes_the_global_options_on_both_sides():
    parser = build_parser()
    for argv in (["serve"], ["new", "T"], ["list"], ["ideas", "add", "W", "x"], ["ideas", "list", "W"],
                 ["ideas", "delete", "W", "I", "--by", "x"], ["export", "W", "--out", "-"], ["import", "f"],
                 ["stakeholders", "export", "W", "--format", "csv", "--out", "-"], ["journeys", "list", "W"],
                 ["delete", "W"], ["purge"], ["retention", "W"], ["masking", "W", "on", "--by", "x"],
                 ["secret"], ["demo"]):
        before = parser.parse_args(["--data-dir", "/tmp/før", "--lang", "en", *argv])
        after = parser.parse_args([*argv, "--data-dir", "/tmp/etter", "--lang", "en"])
        neither = parser.parse_args(argv)
        assert (before.data_dir.name, before.lang) == ("før", "en"), argv
        assert (after.data_dir.name, after.lang) == ("etter", "en"), argv
        assert (neither.data_dir, neither.lang) == (None, None), argv


def test_the_console_script_takes_data_dir_before_and_after_the_command(tmp_path):
    exe = shutil.which("samskaping", path=str(Path(sys.executable).parent))
    assert exe, "the samskaping console script is not installed next to this Python"
    data = str(tmp_path / "data")
    created = subprocess.run([exe, "--data-dir", data, "new", "Fra skallet"], capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    workshop_id = created.stdout.split()[-1]
    first, second = tmp_path / "før.json", tmp_path / "etter.json"
    for argv in ([exe, "--data-dir", data, "export", workshop_id, "--out", str(first)],
                 [exe, "export", "--data-dir", data, workshop_id, "--out", str(second)]):
        result = subprocess.run(argv, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert json.loads(first.read_text(encoding="utf-8"))["workshop"]["title"] == "Fra skallet"
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


# -- help in bokmål, English with --lang en ------------------------------------------------

ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "arguments are required",
           "invalid choice", "error:", "workshop id", "folder for")


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """Every command path (``("ideas", "add")``) with its parser, the groups included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _commands(sub, (*prefix, name))


def test_the_help_of_every_command_is_in_bokmal_and_fits_80_columns(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    paths = [()] + [path for path, _ in _commands(build_parser())]
    assert len(paths) >= 20
    for path in paths:
        code, out, err = cli(*path, "--help")
        assert code == 0 and err == "", path
        assert out.startswith(f"bruk: samskaping{' ' if path else ''}{' '.join(path)}"), out[:80]
        assert "\nvalg:\n" in out and "vis denne hjelpeteksten og avslutt" in out, path
        assert not [word for word in ENGLISH if word in out], (path, out)
        assert max(len(line) for line in out.splitlines()) <= 80, path
    code, out, _ = cli("delete", "--help")
    assert "posisjonelle argumenter:\n  VERKSTED" in out and "verkstedets id eller deltakerkode" in out
    assert "-y, --yes" in out and "slett uten å spørre først" in out
    code, out, _ = cli("--help")
    assert "kommandoer:" in out and "før eller etter kommandoen" in out
    assert "slett et verksted med alle data;" in out


def test_every_help_text_comes_from_the_catalogue():
    texts = {t(key, groups=", ".join(GROUPS), phases=", ".join(KS_PHASES)) for key in CATALOGUE["nb"]}
    parser = build_parser()
    parsers = [parser] + [sub for _, sub in _commands(parser)]
    missing = [(p.prog, action.option_strings or action.dest, action.help) for p in parsers for action in p._actions
               if action.help not in texts and action.help != argparse.SUPPRESS
               and not isinstance(action, argparse._SubParsersAction)]
    assert missing == []
    helps = [choice.help for p in parsers for action in p._actions
             if isinstance(action, argparse._SubParsersAction) for choice in action._choices_actions]
    assert helps and all(text in texts for text in helps)


def test_english_help_with_lang_en_before_or_after(cli):
    for argv in (["--lang", "en", "delete", "--help"], ["delete", "--help", "--lang", "en"],
                 ["delete", "--lang=en", "--help"]):
        code, out, _ = cli(*argv)
        assert code == 0 and out.startswith("usage: samskaping delete"), argv
        assert "positional arguments:\n  WORKSHOP" in out and "Delete a workshop with all its data" in out
        assert "bruk:" not in out and "verksted" not in out.lower()


def test_argparse_errors_are_norwegian_and_argparse_is_english_again_afterwards(cli):
    code, _, err = cli("new")
    assert code == 2 and "bruk: samskaping new" in err
    assert "samskaping new: feil: disse argumentene mangler: TITTEL" in err
    code, _, err = cli("bogus")
    assert code == 2 and "argumentet KOMMANDO: ugyldig valg: 'bogus' (velg blant 'serve'" in err
    code, _, err = cli("serve", "--port", "åtte")
    assert code == 2 and "argumentet --port: «åtte» er ikke et helt tall" in err
    code, _, err = cli("list", "--tull")
    assert code == 2 and "ukjente argumenter: --tull" in err
    code, _, err = cli("--lang", "en", "new")
    assert code == 2 and "samskaping new: error: the following arguments are required: TITLE" in err
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"
