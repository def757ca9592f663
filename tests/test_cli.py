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

    run.data_dir = tmp_path / "data"
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


def test_new_chooses_the_groups_the_phones_offer(run, capsys):
    workshop_id = run("new", "Elevrådet", "--groups", "Barn,ungdom,ansatte")[1].split()[-1]
    code, out, _ = run("list", "--json")
    [listed] = json.loads(out)
    assert listed["groups"] == ["ansatt", "barn", "ungdom", "annet"]
    assert json.loads(run("list", "--json")[1])[0]["id"] == workshop_id
    with pytest.raises(SystemExit):  # argparse refuses the argument, in Norwegian, with the groups there are
        run("new", "X", "--groups", "barn,katter")
    err = capsys.readouterr().err
    assert "katter" in err and "privat_aktor" in err
    default = run("new", "Vanlig")[1].split()[-1]
    [plain] = [w for w in json.loads(run("list", "--json")[1]) if w["id"] == default]
    assert plain["groups"][-1] == "annet" and "foresatt" in plain["groups"] and "barn" not in plain["groups"]


def test_ideas_list_leaves_hidden_posts_out_unless_asked_and_delete_removes_one_for_good(run):
    workshop_id = run("new", "Verksted")[1].split()[-1]
    keep = run("ideas", "add", workshop_id, "Mer leksehjelp")[1].split()[-1]
    hide = run("ideas", "add", workshop_id, "Skjult innlegg")[1].split()[-1]
    gone = run("ideas", "add", workshop_id, "Slett meg")[1].split()[-1]
    code, out, _ = run("ideas", "list", workshop_id)
    assert code == 0 and out.splitlines()[0].startswith(f"{keep}  [annet] Mer leksehjelp")
    with _store_of(run) as store:
        store.ideas.set_hidden(hide)
    code, out, err = run("ideas", "list", workshop_id)
    assert "Skjult innlegg" not in out and "1 innlegg" in err
    assert "Skjult innlegg" in run("ideas", "list", workshop_id, "--include-hidden")[1]
    assert "Skjult innlegg" not in run("ideas", "list", workshop_id, "--json")[1]
    code, out, err = run("ideas", "delete", workshop_id, gone, "--by", "prosessleder")  # asks; no answer here
    assert code == 1 and "Slett meg" in err and "ingenting er slettet" in err
    assert "Slett meg" in run("ideas", "list", workshop_id)[1]
    code, out, _ = run("ideas", "delete", workshop_id, gone, "--by", "prosessleder", "--yes")
    assert code == 0 and gone in out and "personvernloggen" in out
    assert "Slett meg" not in run("ideas", "list", workshop_id, "--include-hidden")[1]
    code, _, err = run("ideas", "delete", workshop_id, gone, "--by", "prosessleder", "-y")
    assert code == 1 and gone in err
    with pytest.raises(SystemExit):
        run("ideas", "delete", workshop_id, keep, "--yes")  # --by is required: the log needs a role
    with _store_of(run) as store:
        assert [entry[:2] for entry in store.privacy.log(workshop_id)] == [("idea_deleted", "prosessleder")]


def _store_of(run):
    """The store ``run`` writes to (its ``--data-dir``)."""
    from samskaping.store import open_store

    return open_store(run.data_dir)


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
    [("not json", "ikke en eksport"), ('{"format": "other"}', "format"),
     ('{"format": "samskaping-workshop", "version": 99, "workshop": {}}', "99")],
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


def test_anonymize_masks_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Ring Kari på 912 34 567\n"))
    assert main(["anonymize"]) == 0
    assert capsys.readouterr().out == "Ring [navn] på [telefon]\n"


def test_anonymize_json_gives_offsets_into_each_line(monkeypatch, capsys):
    import io

    lines = "Ingen data her\nE-post: ola@example.org\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["anonymize", "--json"]) == 0
    first, second = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert first == {"text": "Ingen data her", "findings": []}
    [finding] = second["findings"]
    assert finding["kind"] == "epost"
    assert "E-post: ola@example.org"[finding["start"]:finding["end"]] == "ola@example.org"


def test_delete_says_what_it_deleted(run):
    workshop_id = run("demo")[1].split()[-1]
    code, out, _ = run("delete", workshop_id, "--yes")
    assert code == 0 and "60 idéer" in out
    assert json.loads(run("list", "--json")[1]) == []


def test_purge_deletes_only_workshops_past_their_date(run):
    old = run("new", "Gammelt", "--delete-after", "2025-01-31")[1].split()[-1]
    keep = run("new", "Nytt", "--delete-after", "2099-01-31")[1].split()[-1]
    run("new", "Uten dato")
    code, out, _ = run("purge", "--yes")
    assert code == 0 and "Gammelt" in out and old in out
    assert {w["title"] for w in json.loads(run("list", "--json")[1])} == {"Nytt", "Uten dato"}
    assert run("retention", keep, "--delete-after", "2020-01-01")[0] == 0
    assert "Nytt" in run("purge", "-y")[1]
    code, out, _ = run("purge")
    assert code == 0 and "Ingen verksteder har passert slettedatoen" in out  # nothing to delete: nothing to ask


def test_bad_date_is_explained(run, capsys):
    with pytest.raises(SystemExit):
        run("new", "X", "--delete-after", "31.01.2025")
    assert "ÅÅÅÅ-MM-DD" in capsys.readouterr().err


def test_masking_off_needs_a_name_for_the_log(run):
    workshop_id = run("new", "Verksted")[1].split()[-1]
    with pytest.raises(SystemExit):
        run("masking", workshop_id, "off")
    assert run("masking", workshop_id, "off", "--by", "prosessleder")[0] == 0
    run("ideas", "add", workshop_id, "Ring 912 34 567")
    assert "912 34 567" in run("ideas", "list", workshop_id)[1]


def test_stakeholders_import_then_export_all_formats(run, tmp_path):
    workshop_id = run("new", "Kart")[1].split()[-1]
    source = tmp_path / "interessenter.csv"
    source.write_text("Navn;Sektor;Interesse;Innflytelse\nPPT;oppvekst;4;3\n;helse;3;3\nNAV;nav;7;2\n",
                      encoding="cp1252")
    code, out, err = run("stakeholders", "import", workshop_id, str(source))
    assert code == 0 and "Importerte 1" in out
    assert "3" in err and "4" in err  # the two bad rows, by row number
    [row] = json.loads(run("stakeholders", "export", workshop_id, "--format", "json", "--out", "-")[1])
    assert (row["name"], row["quadrant"]) == ("PPT", "nokkelspillere") and row["strategy"]
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF", "xlsx": b"PK"}
    for fmt, start in magic.items():
        out_file = tmp_path / f"kart.{fmt}"
        assert run("stakeholders", "export", workshop_id, "--format", fmt, "--out", str(out_file))[0] == 0
        assert out_file.read_bytes().startswith(start), fmt


def test_demo_text_passes_the_personal_data_guard_untouched():
    from samskaping.core.privacy.detect import mask
    from samskaping.demo import DEMO_IDEAS, DEMO_QUESTION, DEMO_STAKEHOLDERS, DEMO_TITLE

    texts = [DEMO_TITLE, DEMO_QUESTION, *(text for text, _ in DEMO_IDEAS)]
    texts += [field for row in DEMO_STAKEHOLDERS for field in row if isinstance(field, str)]
    assert [text for text in texts if mask(text).findings] == []


def test_demo_has_a_stakeholder_map_with_every_quadrant(run):
    workshop_id = run("demo")[1].split()[-1]
    rows = json.loads(run("stakeholders", "export", workshop_id, "--format", "json", "--out", "-")[1])
    assert len(rows) >= 12
    assert {r["quadrant"] for r in rows} == {
        "nokkelspillere", "bor_tilfredsstilles", "holdes_informert", "minimal_innsats"
    }


def test_journeys_import_list_summary_export(run, tmp_path):
    workshop_id = run("new", "Reiser")[1].split()[-1]
    source = tmp_path / "steg.csv"
    source.write_text(
        "fase;tjeneste;kontaktpunkt;hva skjer;opplevelse;ventetid;koordinator\n"
        "Bekymring oppstår;skole;møte;Lærer ser fravær;-1;;\n"
        "Første kontakt;PPT;brev;Henvisning;-2;42;\n"
        "Kartlegging;barnevern;møte;Melding;0;14;barnekoordinator\n"
        "Tiltak;skole;møte;;0;;\n", encoding="utf-8")
    code, out, err = run("journeys", "import", workshop_id, str(source), "--title", "Dagens reise")
    assert code == 0 and "Importerte 3 steg" in out and "5" in err  # the row without 'hva skjer'
    journey_id = out.split()[-1]
    assert "Dagens reise" in run("journeys", "list", workshop_id)[1]
    summary = json.loads(run("journeys", "summary", workshop_id, "Dagens reise", "--json")[1])
    assert {k: summary[k] for k in ("steps", "services", "handovers", "total_wait_days", "longest_wait_days",
                                    "steps_without_coordinator")} == {
        "steps": 3, "services": 3, "handovers": 2, "total_wait_days": 56, "longest_wait_days": 42,
        "steps_without_coordinator": 2}
    for fmt, start in {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<?xml"}.items():
        out_file = tmp_path / f"reise.{fmt}"
        assert run("journeys", "export", workshop_id, journey_id, "--format", fmt, "--out", str(out_file))[0] == 0
        assert out_file.read_bytes().startswith(start)
    data = json.loads(run("journeys", "export", workshop_id, journey_id, "--format", "json", "--out", "-")[1])
    assert len(data["steps"]) == 3


def test_ideas_cluster_stores_themes_for_every_idea(run):
    workshop_id = run("demo")[1].split()[-1]
    data = json.loads(run("ideas", "cluster", workshop_id, "--json")[1])
    assert len(data["themes"]) >= 2 and len(data["ideas"]) >= 50
    assert {idea["theme"] for idea in data["ideas"]} <= {theme["id"] for theme in data["themes"]}


def test_ideas_cluster_file_counts_lines_from_one_and_takes_seeds(tmp_path, capsys):
    ideas = tmp_path / "ideer.txt"
    ideas.write_text("Mer leksehjelp\n\nLeksehjelp for flere\nForeldrekurs\nKurs for foreldre\n"
                     "Gratis fritid\nFritidsklubb for alle\n", encoding="utf-8")
    assert main(["ideas", "cluster-file", str(ideas), "--json", "--themes", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [i["line"] for i in data["ideas"]] == [1, 3, 4, 5, 6, 7] and len(data["themes"]) <= 3
    seeds = tmp_path / "seeds.tsv"
    seeds.write_text("skole\tMer leksehjelp\nforeldre\tForeldrekurs\nfritid\tGratis fritid\n", encoding="utf-8")
    assert main(["ideas", "cluster-file", str(ideas), "--json", "--seeds", str(seeds)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {t["id"] for t in data["themes"]} == {"skole", "foreldre", "fritid"}
    assert {i["text"]: i["theme"] for i in data["ideas"]}["Mer leksehjelp"] == "skole"


def test_export_every_format_and_import_the_archive(run, tmp_path, capsys):
    workshop_id = run("demo")[1].split()[-1]
    magic = {"docx": b"PK", "pptx": b"PK", "xlsx": b"PK", "zip": b"PK", "pdf": b"%PDF", "html": b"<!doctype html"}
    for fmt, start in magic.items():
        out_file = tmp_path / f"rapport.{fmt}"
        assert run("export", workshop_id, "--format", fmt, "--out", str(out_file))[0] == 0
        assert out_file.read_bytes()[:20].lower().startswith(start.lower()), fmt
    code = main(["import", str(tmp_path / "rapport.zip"), "--data-dir", str(tmp_path / "other")])
    assert code == 0 and capsys.readouterr().out.split()[-1] == workshop_id
