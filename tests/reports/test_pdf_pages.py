"""Issue 16, item 8: the PDF breaks its pages where a reader expects.

Read back page by page with pypdf: no page ends with a heading, a table's
header row starts every page the table runs over, a figure keeps the few lines
of its section beside it, and short chapters share a page instead of each
leaving most of one blank.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from samskaping.demo import create_demo
from samskaping.ideas.model import Concept, ConceptFeedback, Idea, WallTheme
from samskaping.reports.build import build_report
from samskaping.reports.model import Bullets, ReportFigure
from samskaping.reports.pdf import write_pdf
from samskaping.room.model import Arrival, Evaluation
from samskaping.store import STORE_FILENAME, Store

FOOTER = re.compile(r"^Side \d+ av \d+$")


def _pages(path: Path) -> list[list[str]]:
    """Each page's lines of text, the page number at its foot left out."""
    pages = [[line.strip() for line in page.extract_text().splitlines()] for page in PdfReader(path).pages]
    return [[line for line in lines if line and not FOOTER.match(line)] for lines in pages]


def _flat(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(lines))


def test_no_page_ends_with_a_heading(store, workshop, tmp_path):
    """Forty concepts of every length, some with comments: their headings fall all over the pages."""
    for n in range(40):
        description = " ".join(["Et tilbud der skole og helsestasjon jobber sammen."] * (1 + n * 7 % 11))
        concept = store.concepts.save(Concept(workshop.id, f"Konsept nummer {n}", description=description,
                                              target_group="Elever" if n % 3 else "", next_step="Prøve ut"))
        for k in range(n % 4):
            store.concepts.save_feedback(ConceptFeedback(concept.id, f"s{n}-{k}", ("bra", "usikker")[k % 2],
                                                         "Dette trenger vi. " * (1 + k * 3)))
    report = build_report(store, workshop.id)
    pages = _pages(write_pdf(report, tmp_path / "r.pdf"))
    titles = {section.title for _, section in report.walk()}
    assert len(pages) >= 6
    ended = [(n, lines[-1]) for n, lines in enumerate(pages, start=1) if lines and lines[-1] in titles]
    assert not ended  # (page, heading) left alone at the foot of a page
    for n in range(40):  # and every heading is on the page of the text that follows it
        page = next(lines for lines in pages if f"Konsept nummer {n}" in lines)
        assert page.index(f"Konsept nummer {n}") < len(page) - 1


def test_a_long_tables_header_row_starts_every_page_it_runs_over(store, workshop, tmp_path):
    ideas = [store.ideas.add(Idea(workshop.id, f"Langtabellidé {n:03d} om leksehjelp og nærvær", session_id=f"s{n}",
                                  group="ansatt")) for n in range(150)]
    store.themes.save_theming(workshop.id, [WallTheme(workshop.id, "t1", "Skole")], {i.id: "t1" for i in ideas})
    pages = _pages(write_pdf(build_report(store, workshop.id), tmp_path / "r.pdf"))
    header = "Idé Gruppe Prikker Prikker per gruppe Enig Uenig"
    spanned = [lines for lines in pages if any(line.startswith("Langtabellidé") for line in lines)]
    assert len(spanned) >= 3
    for lines in spanned:
        first_row = next(n for n, line in enumerate(lines) if line.startswith("Langtabellidé"))
        assert header in lines[:first_row], lines[:first_row + 1]
    first = spanned[0]
    assert first.index("Idéer i temaet") < first.index(header)  # the caption stays with the table
    rows = [line.split(" om ")[0] for lines in spanned for line in lines if line.startswith("Langtabellidé")]
    assert rows == [f"Langtabellidé {n:03d}" for n in range(150)]  # every row once, in order


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-pdf")
    store = Store(folder / STORE_FILENAME)
    report = build_report(store, create_demo(store).id)
    yield report, _pages(write_pdf(report, folder / "report.pdf"))
    store.close()


def test_a_figure_keeps_the_few_lines_of_its_section_on_its_page(demo_pdf):
    """The journey maps, the comparison and the network: their summaries are on the page of the figure."""
    report, pages = demo_pdf
    checked = 0
    for _, section in report.walk():
        blocks = section.blocks
        for n, block in enumerate(blocks[:-1]):
            if isinstance(block, ReportFigure) and all(isinstance(b, Bullets) for b in blocks[n + 1:]):
                page = next(_flat(lines) for lines in pages if block.caption in _flat(lines))
                items = [item for b in blocks[n + 1:] for item in b.items]
                assert all(item[:25] in page for item in items), section.title  # two columns on a wide page
                checked += 1
    assert checked == 4  # the network, two journeys, the comparison


def test_no_page_holds_only_a_figure_or_a_few_lines(demo_pdf):
    _, pages = demo_pdf
    assert all(len(lines) >= 8 for lines in pages[1:]), [len(lines) for lines in pages]


def test_short_chapters_share_a_page(store, workshop, tmp_path):
    """A small workshop: six short chapters on a couple of pages, not one page each."""
    store.room.register_arrival(Arrival(workshop.id, "s1", "ansatt"))
    idea = store.ideas.add(Idea(workshop.id, "Leksehjelp på biblioteket", session_id="s1", group="ansatt"))
    store.themes.save_theming(workshop.id, [WallTheme(workshop.id, "t1", "Skole")], {idea.id: "t1"})
    store.concepts.save(Concept(workshop.id, "Leksehjelp", theme_ids=("t1",)))
    store.room.save_evaluation(Evaluation(workshop.id, "s1", 4, 5, "Mer tid"))
    report = build_report(store, workshop.id)
    assert len(report.sections) == 6
    pages = _pages(write_pdf(report, tmp_path / "r.pdf"))
    assert len(pages) <= 3  # the cover, then the chapters as they fit
    assert any({"Konsepter", "Evaluering"} <= set(lines) for lines in pages)
    assert pages[0][0] == "Rapport fra samskapingsverksted" and "Hvem deltok" not in pages[0]  # the cover alone
