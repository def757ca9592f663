"""The project's innsiktsrapport, status report and sluttrapport: their sections, from what the project holds."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from samskaping.cli import main
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.models import Workshop
from samskaping.demo import create_demo
from samskaping.ideas.model import Idea
from samskaping.indicators.model import Measurement
from samskaping.organisation.model import Milestone
from samskaping.reports.project import build_project_report


@pytest.fixture
def project(store):
    workshop = create_demo(store)
    project = store.projects.get(workshop.id)
    second = store.workshops.create(Workshop("Samskapingsdag"), project_id=project.id)
    store.ideas.add(Idea(second.id, "Mer leksehjelp på biblioteket etter skolen", session_id="s"))
    goals = store.goals.list(project.id)
    for kind, day, value in (("nullpunkt", date(2026, 9, 1), 14), ("slutt", date(2027, 12, 1), 8)):
        store.indicators.save(Measurement(project.id, goals[1].id, kind, day, value, unit="%"))
    store.organisation.save(Milestone(project.id, "Prosjektplan vedtatt", due=date(2027, 1, 15), done=True))
    store.organisation.save(Milestone(project.id, "Underveisvurdering", due=date(2026, 11, 1)))
    store.organisation.save(Milestone(project.id, "Sluttrapport", due=date(2028, 6, 1), owner="Prosjektleder"))
    return project


def test_the_status_report_says_where_the_project_stands(store, project):
    report = build_project_report(store, project.id, "status", today=date(2026, 12, 7))
    assert report.title_page.kind == "Statusrapport til styringsgruppen"
    assert [s.key for s in report.sections] == ["where", "goal-progress", "risks", "measures", "next"]
    where = report.sections[0].blocks[0].items
    assert "Milepæler nådd: 1 av 3." in where
    assert "Forsinket: «Underveisvurdering» skulle vært nådd 1.11.2026." in where
    progress = report.sections[1].blocks[0].items
    assert progress == ("1.1 Færre elever har bekymringsfullt fravær: fra 14,0 % (1.9.2026) til 8,0 % (1.12.2027).",)
    assert report.sections[2].blocks[0].text == "3 risiko(er) har høy risiko nå; tiltakene står i tabellen."
    assert report.sections[-1].blocks[0].items == ("Sluttrapport: 1.6.2028 (ansvarlig: Prosjektleder)",)


def test_the_insight_report_pulls_the_workshops_together(store, project):
    report = build_project_report(store, project.id, "innsikt", lang="nn")
    assert report.title_page.kind == "Innsiktsrapport"
    assert [s.key for s in report.sections] == ["workshops", "stakeholders", "ideas"]
    ideas = report.sections[2]
    assert ideas.blocks[0].text.startswith("61 idear frå 2 verkstad(er)")
    assert any("Samskapingsdag" in child.blocks[-1].text for child in ideas.children)  # an idea keeps its workshop


def test_the_final_report_and_the_command(store, project, tmp_path, capsys):
    report = build_project_report(store, project.id, "slutt")
    assert [s.key for s in report.sections] == ["goals", "evaluation", "measures", "progress", "risks", "learning"]
    with pytest.raises(InvalidInputError):
        build_project_report(store, project.id, "arsrapport")
    store.close()
    data = ["--data-dir", str(store.path.parent)]
    out = tmp_path / "status.docx"
    assert main([*data, "report", project.id, "--kind", "status", "--format", "docx", "--out", str(out)]) == 0
    headings = [p.text for p in Document(out).paragraphs if p.style.name.startswith("Heading")]
    assert "Hvor prosjektet står" in headings and "Neste steg" in headings
    final = tmp_path / "s.pdf"
    assert main([*data, "report", project.id, "--kind", "slutt", "--format", "pdf", "--out", str(final)]) == 0
    assert final.read_bytes().startswith(b"%PDF")
