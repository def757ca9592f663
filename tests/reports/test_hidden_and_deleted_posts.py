"""Hidden posts stay out of every export unless asked for; deleted posts are gone from every later export.

A post a facilitator hid could point out a family; the guides tell coordinators
to file the exports in the archive. So every format (Word, PDF, HTML,
PowerPoint, Excel, JSON, the ZIP) is searched, inside its compressed parts, for
the hidden post's text.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from samskaping import cli
from samskaping.core.i18n import t
from samskaping.ideas.model import Idea, Voting, WallTheme
from samskaping.reports.archive import FORMATS, export_workshop_files
from samskaping.reports.build import build_report
from samskaping.store import open_store
from samskaping.store.archive import hidden_posts, read_export, read_zip

HIDDEN = "Innlegg om familien qqzzyx som ikke skal ut"
DELETED = "Innlegg som ble slettet vvxxkk"
VISIBLE = "Synlig idé om leksehjelp kvvbnm"


def _text(name: str, data: bytes) -> str:
    """Every text a file holds: workbooks and PDFs read, other zip containers (docx, pptx, zip) member by member."""
    if name.endswith(".pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if name.endswith(".xlsx"):  # cells, as Excel shows them (the XML keeps shared strings apart)
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        return "\n".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row)
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(_text(member, archive.read(member)) for member in archive.namelist())
    return data.decode("utf-8", "replace")


@pytest.fixture
def room(store, workshop):
    """A workshop with a visible idea, a hidden one with votes and a theme, and one to delete."""
    visible = store.ideas.add(Idea(workshop.id, VISIBLE, group="ansatt", session_id="s1"))
    hidden = store.ideas.add(Idea(workshop.id, HIDDEN, group="foresatt", session_id="s2"))
    doomed = store.ideas.add(Idea(workshop.id, DELETED, group="ungdom", session_id="s3"))
    store.themes.save_theming(workshop.id, [WallTheme(workshop.id, "t1", "Leksehjelp")],
                              {visible.id: "t1", hidden.id: "t1", doomed.id: "t1"})
    store.votes.set_voting(Voting(workshop.id, dots=3, state="apen"))
    for idea in (visible, hidden, doomed):
        store.votes.add_dot(idea.id, "s9", "leder")
        store.votes.set_stance(idea.id, "s9", "enig", "leder")
    store.votes.set_voting(Voting(workshop.id, dots=3, state="lukket"))
    store.ideas.set_hidden(hidden.id)
    return visible, hidden, doomed


def _exports(store, workshop, tmp_path: Path, **options) -> dict[str, str]:
    return {fmt: _text(f"x.{fmt}", export_workshop_files(store, workshop.id, fmt, tmp_path / f"x.{fmt}",
                                                         **options).read_bytes())
            for fmt in FORMATS}


def test_hidden_posts_are_in_no_export_by_default_and_each_file_says_so(store, workshop, room, tmp_path):
    texts = _exports(store, workshop, tmp_path)
    assert set(texts) == {"docx", "pdf", "html", "pptx", "xlsx", "zip", "json"}
    for fmt, text in texts.items():
        assert VISIBLE in text, fmt
        assert HIDDEN not in text, fmt
    left_out = t("report.method.hidden_left_out", posts="1 innlegg")
    for fmt in ("docx", "html", "zip"):
        assert left_out in texts[fmt], fmt
    assert t("export.hidden.left_out", count=1) in texts["json"]


def test_the_archive_json_leaves_out_the_hidden_posts_votes_and_placement(store, workshop, room):
    visible, hidden, _ = room
    data = store.archive.export_workshop(workshop.id)
    assert data["hidden_posts"] == hidden_posts(1, False, "nb")
    assert [idea["id"] for idea in data["ideas"]] == [visible.id, room[2].id]
    for part in ("placements", "dots", "stances"):
        assert hidden.id not in {row["idea_id"] for row in data[part]}, part


def test_include_hidden_keeps_them_says_why_and_they_stay_hidden_when_imported(store, workshop, room, tmp_path,
                                                                              make_store):
    texts = _exports(store, workshop, tmp_path, include_hidden=True)
    for fmt, text in texts.items():
        assert HIDDEN in text, fmt
    assert t("report.method.hidden_included", posts="1 innlegg") in texts["docx"]
    data = json.loads(texts["json"])
    assert data["hidden_posts"]["included"] is True and "--include-hidden" in data["hidden_posts"]["note"]
    other = make_store(tmp_path / "flyttet" / "samskaping.sqlite3")
    moved = other.archive.import_workshop(read_zip(tmp_path / "x.zip"))
    [kept] = [idea for idea in other.ideas.list(moved.id) if idea.text == HIDDEN]
    assert kept.hidden
    assert HIDDEN not in json.dumps(other.archive.export_workshop(moved.id))  # and out of the next archive file


def test_a_deleted_post_is_gone_from_the_store_and_every_later_export(store, workshop, room, tmp_path):
    _, _, doomed = room
    before = store.archive.export_workshop(workshop.id)
    store.ideas.delete(doomed.id, by="prosessleder")
    assert DELETED in json.dumps(before)  # an earlier file is a copy the kit cannot reach
    assert doomed.id not in {idea.id for idea in store.ideas.list(workshop.id)}
    for fmt, text in _exports(store, workshop, tmp_path, include_hidden=True).items():
        assert DELETED not in text, fmt
    (action, by, at), = store.privacy.log(workshop.id)
    assert (action, by) == ("idea_deleted", "prosessleder")
    assert all(DELETED not in str(entry) and doomed.id not in str(entry) for entry in store.privacy.log(workshop.id))


def test_a_report_without_hidden_posts_says_nothing_about_them(store, workshop, tmp_path):
    store.ideas.add(Idea(workshop.id, VISIBLE, session_id="s1"))
    method = build_report(store, workshop.id).sections[-1]
    assert not any("skjulte" in getattr(block, "text", "") for block in method.blocks)
    assert store.archive.export_workshop(workshop.id)["hidden_posts"]["note"] == t("export.hidden.none")


def test_the_cli_exports_without_hidden_posts_unless_told_and_json_import_is_the_move_path(run_cli, tmp_path, room,
                                                                                            workshop, store):
    plain, full = tmp_path / "arkiv.json", tmp_path / "kopi.json"
    assert run_cli("export", workshop.id, "--format", "json", "--out", str(plain)) == 0
    assert run_cli("export", workshop.id, "--format", "json", "--include-hidden", "--out", str(full)) == 0
    assert run_cli("export", workshop.id, "--format", "docx", "--out", str(tmp_path / "r.docx")) == 0
    assert HIDDEN not in plain.read_text(encoding="utf-8") and HIDDEN in full.read_text(encoding="utf-8")
    assert HIDDEN not in _text("r.docx", (tmp_path / "r.docx").read_bytes())
    assert read_export(full)["hidden_posts"]["included"] is True
    target = tmp_path / "ny-maskin"
    assert cli.main(["import", str(full), "--data-dir", str(target)]) == 0
    with open_store(target) as moved:
        [copy] = moved.workshops.list()
        assert [idea.text for idea in moved.ideas.list(copy.id) if idea.hidden] == [HIDDEN]


@pytest.fixture
def run_cli(store):
    """``samskaping ...`` against the test's store."""
    folder = str(store.path.parent)

    def run(*args: str) -> int:
        return cli.main([*args, "--data-dir", folder])

    return run
