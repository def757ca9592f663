"""The draft prosjektplan: the seeds' order, what the project holds, what is left to write, in every format."""

from __future__ import annotations

import pytest
from docx import Document
from pypdf import PdfReader

from samskaping.cli import main
from samskaping.core.i18n import t
from samskaping.core.models import Workshop
from samskaping.demo import create_demo
from samskaping.projects.model import Project
from samskaping.reports.docx import write_docx
from samskaping.reports.html import write_html
from samskaping.reports.pdf import write_pdf
from samskaping.reports.plan import build_plan
from samskaping.risks.model import Risk, SuccessFactor
from samskaping.store import STORE_FILENAME, Store

ORDER = ["background", "goals", "stakeholders", "organisation", "progress", "risks", "measures", "evaluation"]
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def project(store):
    """The demo project (goals, risks, success factors, a workshop with concepts) and one more workshop."""
    workshop = create_demo(store)
    project = store.projects.get(workshop.id)
    store.workshops.create(Workshop("Samskapingsdag"), project_id=project.id)
    store.risks.save(Risk(project.id, HOSTILE, 1, 2))
    store.risks.save_success_factor(SuccessFactor(project.id, "Koordinator har tid", 3,
                                                  consequences=("Ingen møter", "Arbeidet stopper")))
    return project


def test_the_plan_follows_the_seeds_order_and_holds_what_the_project_has(store, project):
    report = build_plan(store, project.id)
    assert [s.key for s in report.sections] == ORDER
    assert report.title_page.kind == "Utkast til prosjektplan"
    by_key = {s.key: s for s in report.sections}
    goal_table = next(b for b in by_key["goals"].blocks if getattr(b, "key", "") == "goals")
    assert [row[0] for row in goal_table.rows] == ["1", "1.1", "1.2", "1.1.1", "1.1.2", "1.2.1"]
    issues = next(b for b in by_key["goals"].blocks if getattr(b, "title", "") == t("plan.goals.issues"))
    assert any("Foreldreveiledning i gruppe" in item for item in issues.items)  # a resultatmål without indicator
    risk_table = next(b for b in by_key["risks"].blocks if getattr(b, "key", "") == "risks")
    assert [(row[0], row[4], row[5]) for row in risk_table.rows][:2] == [(1, 16, "Høy"), (2, 12, "Høy")]
    assert risk_table.rows[-1][1] == HOSTILE  # stored as text; each writer escapes it
    assert by_key["organisation"].blocks[0].text.startswith("Ikke fylt ut ennå")
    concepts = by_key["measures"].children
    assert [str(c.blocks[-1].items[-1][1]) for c in concepts] == ["1.1", "1.2"]  # the goals each concept serves


def test_every_format_is_written_and_free_text_stays_text(store, project, tmp_path):
    report = build_plan(store, project.id)
    pdf = write_pdf(report, tmp_path / "plan.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Kritiske suksessfaktorer og risikovurdering" in text and "Koordinator har tid" in text
    docx = write_docx(report, tmp_path / "plan.docx")
    assert "Interessentanalyse og samskapingsplan" in [p.text for p in Document(docx).paragraphs]
    html = write_html(report, tmp_path / "plan.html").read_text(encoding="utf-8")
    assert HOSTILE not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_plan_in_nynorsk_and_an_empty_project_says_what_is_missing(store, tmp_path, capsys):
    empty = store.projects.create(Project("Nytt prosjekt"))
    report = build_plan(store, empty.id, lang="nn")
    texts = [b.text for s in report.sections for b in s.blocks if hasattr(b, "text")]
    assert t("plan.goals.empty", "nn") in texts and t("plan.risks.empty", "nn") in texts
    assert report.sections[1].title == "Mål" and report.sections[4].title == "Framdrift"


def test_samskaping_plan_export(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path)]
    with Store(tmp_path / STORE_FILENAME) as store:
        code = create_demo(store).join_code
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!doctype html")):
        out = tmp_path / f"plan.{fmt}"
        assert main([*data, "plan", "export", code, "--format", fmt, "--out", str(out)]) == 0
        assert out.read_bytes()[:14].lower().startswith(magic.lower())
    assert main([*data, "plan", "export", "finnesikke", "--format", "pdf", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "Fant ikke prosjektet" in capsys.readouterr().err
