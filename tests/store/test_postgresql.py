"""PostgreSQL as the shared store: the same commands and output as SQLite, a move from the file, clear failures.

The store's other tests run on PostgreSQL too (``tests/postgres_cluster.py``); these are about
what only a database has: its URL, its connection, and moving an installation into it.
"""

from __future__ import annotations

import json
import re

from samskaping.cli import main
from samskaping.demo import create_demo
from samskaping.reports.project_archive import export_project
from samskaping.store import STORE_FILENAME, Store
from samskaping.store.pg import translate_schema
from samskaping.store.schema import MIGRATIONS


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _without_ids(text: str) -> str:
    """Command output with the parts that differ between two runs (ids, codes, times) taken out."""
    text = re.sub(r"\b[0-9a-f]{16}\b", "ID", text)
    text = re.sub(r"\b[A-Z0-9]{6}\b", "CODE", text)
    return re.sub(r"\d{4}-\d\d-\d\dT[\d:.+]+", "TIME", text)


def test_every_command_gives_the_same_output_on_postgresql_and_writes_no_file(postgres, tmp_path, capsys,
                                                                             monkeypatch):
    runs = {}
    for backend in ("sqlite", "postgresql"):
        folder = tmp_path / backend
        if backend == "postgresql":
            monkeypatch.setenv("SAMSKAPING_DATABASE_URL", postgres.new_database())
        steps = [
            ("project", "new", "Oppvekst 0-24", "--municipalities", "Nordby, Sørvik"),
            ("new", "Idédugnad", "--question", "Hva kan vi gjøre sammen?"),
            ("list", "--json"),
            ("project", "list", "--json"),
        ]
        outputs = []
        for step in steps:
            code, out, err = _run(capsys, *step, "--data-dir", str(folder))
            assert code == 0, err
            outputs.append(_without_ids(out))
        [workshop] = json.loads(_run(capsys, "list", "--json", "--data-dir", str(folder))[1])
        assert workshop["title"] == "Idédugnad"
        code, out, err = _run(capsys, "ideas", "add", workshop["id"], "Ring Kari Hansen på 912 34 567",
                              "--data-dir", str(folder))
        assert code == 0, err
        outputs.append(_without_ids(out))
        runs[backend] = outputs
        if backend == "postgresql":
            assert not (folder / STORE_FILENAME).exists()  # with PostgreSQL chosen, no SQLite file
    assert runs["postgresql"] == runs["sqlite"]


def test_migrate_moves_every_row_and_the_exports_read_the_same(postgres, tmp_path, capsys):
    folder = tmp_path / "data"
    with Store(folder / STORE_FILENAME) as source:
        workshop = create_demo(source)
        project = source.projects.get(workshop.id)
        before = {"workshop": source.archive.export_workshop(workshop.id),
                  "project": export_project(source, project.id),
                  "wall": source.ideas.changed_since(workshop.id, 0)[1]}
    url = postgres.new_database()
    code, out, err = _run(capsys, "migrate", "--to", url, "--data-dir", str(folder))
    assert code == 0, err
    assert re.search(r"Flyttet \d+ rader, 1 prosjekter og 1 verksteder til postgresql://", out)
    assert "  ideas: 60" in out and "  stakeholders: 14" in out
    assert url.split("@")[0].split(":")[-1] not in out  # the password is never printed
    with Store(database_url=url) as target:
        assert target.archive.export_workshop(workshop.id) == before["workshop"]
        assert export_project(target, project.id) == before["project"]
        assert target.ideas.changed_since(workshop.id, 0)[1] == before["wall"]  # open walls keep their place
        moves = len(target.stakeholders.moves(workshop.id))
        target.stakeholders.save(target.stakeholders.list(workshop.id)[0], moved_by="etter flyttingen")
        assert len(target.stakeholders.moves(workshop.id)) == moves  # numbering goes on after the copied rows
    code, _, err = _run(capsys, "migrate", "--to", url, "--data-dir", str(folder))
    assert code == 1 and "har verksteder eller prosjekter fra før" in err
    with Store(folder / STORE_FILENAME) as source:  # the file is only read
        assert source.archive.export_workshop(workshop.id) == before["workshop"]


def test_a_database_that_cannot_be_reached_is_named_in_norwegian_without_its_password(tmp_path, capsys):
    url = "postgresql://kit:hemmelig-passord@127.0.0.1:9/samskaping"  # port 9 (discard): nothing listens
    code, _, err = _run(capsys, "--database-url", url, "list")
    assert code == 1
    assert "Får ikke kontakt med databasen postgresql://kit@127.0.0.1:9/samskaping" in err
    assert "hemmelig-passord" not in err
    code, _, err = _run(capsys, "--database-url", "mysql://kit:pw@db/x", "list")
    assert code == 1 and "er ikke en adresse til en PostgreSQL-database" in err and "pw" not in err


def test_the_schema_reads_as_postgresql_types():
    statements = [s for n, step in enumerate(MIGRATIONS) for s in translate_schema(step)]
    text = "\n".join(statements)
    assert "AUTOINCREMENT" not in text and "GENERATED BY DEFAULT AS IDENTITY" in text
    assert not re.search(r"\bREAL\b|\bINTEGER\b", text)
    assert "DROP TABLE stakeholders CASCADE" in text


def test_two_stores_on_one_database_see_each_others_changes(make_store, workshop):
    from samskaping.ideas.model import Idea

    other = make_store()  # a second kernel, on another server, same database
    before = other.workshops.revision(workshop.id, "wall")
    make_store().ideas.add(Idea(workshop.id, "Leksehjelp på biblioteket"))
    assert other.workshops.revision(workshop.id, "wall") == before + 1
    assert [idea.text for idea in other.ideas.list(workshop.id)] == ["Leksehjelp på biblioteket"]
