"""The command line, run in-process through ``main`` and once as a real console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from samskaping.cli import build_parser, main


@pytest.fixture
def run(tmp_path, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--data-dir", str(tmp_path / "data")])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_new_prints_the_id_alone_on_the_last_line(run):
    code, out, _ = run("new", "Idédugnad", "--question", "Hva nå?")
    workshop_id = out.strip().splitlines()[-1]
    assert code == 0 and len(workshop_id) == 16
    code, out, _ = run("list", "--json")
    [listed] = json.loads(out)
    assert listed["id"] == workshop_id and listed["question"] == "Hva nå?" and listed["ideas"] == 0


def test_ideas_add_and_list_json(run):
    workshop_id = run("new", "Verksted")[1].split()[-1]
    assert run("ideas", "add", workshop_id, "Mer leksehjelp", "--group", "frivillig")[0] == 0
    code, out, _ = run("ideas", "list", workshop_id, "--json")
    [idea] = json.loads(out)
    assert (idea["text"], idea["group"]) == ("Mer leksehjelp", "frivillig")


def test_bad_input_gives_a_norwegian_message_and_exit_1(run):
    workshop_id = run("new", "Verksted")[1].split()[-1]
    code, _, err = run("ideas", "add", workshop_id, "   ")
    assert code == 1 and "Feltet er tomt" in err
    code, _, err = run("ideas", "list", "FINNESIKKE")
    assert code == 1 and "FINNESIKKE" in err and "samskaping list" in err


def test_export_then_import_into_another_installation(run, tmp_path, capsys):
    workshop_id = run("new", "Eksport")[1].split()[-1]
    run("ideas", "add", workshop_id, "Idé med «sitat» og 🎉")
    out_file = tmp_path / "w.json"
    assert run("export", workshop_id, "--format", "json", "--out", str(out_file))[0] == 0
    code = main(["import", str(out_file), "--data-dir", str(tmp_path / "other")])
    imported_id = capsys.readouterr().out.split()[-1]
    assert code == 0 and imported_id == workshop_id
    main(["export", imported_id, "--out", "-", "--data-dir", str(tmp_path / "other")])
    assert json.loads(capsys.readouterr().out) == json.loads(out_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "content, expected",
    [("not json", "ikke en eksport"), ('{"format": "other"}', "format"), ('{"format": "samskaping-workshop", "version": 99, "workshop": {}}', "99")],
)
def test_import_of_a_wrong_file_is_explained(run, tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, _, err = run("import", str(path))
    assert code == 1 and expected in err


def test_import_of_a_missing_file_is_explained(run, tmp_path):
    code, _, err = run("import", str(tmp_path / "finnes-ikke.json"))
    assert code == 1 and "finnes-ikke.json" in err


def test_demo_creates_a_workshop_with_ideas(run):
    workshop_id = run("demo")[1].split()[-1]
    code, out, _ = run("ideas", "list", workshop_id, "--json")
    ideas = json.loads(out)
    assert len(ideas) >= 10 and len({i["group"] for i in ideas}) >= 5


def test_every_command_takes_data_dir():
    parser = build_parser()
    for argv in (["serve"], ["new", "T"], ["list"], ["ideas", "add", "W", "x"], ["ideas", "list", "W"],
                 ["export", "W", "--out", "-"], ["import", "f"], ["demo"]):
        assert parser.parse_args([*argv, "--data-dir", "/tmp/x"]).data_dir.name == "x"


def test_console_script_is_installed(tmp_path):
    exe = shutil.which("samskaping", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe, "the samskaping console script is not installed next to this Python"
    result = subprocess.run([exe, "new", "Fra skallet", "--data-dir", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0 and len(result.stdout.strip().splitlines()[-1]) == 16
