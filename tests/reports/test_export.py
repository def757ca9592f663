"""Exports for the steering group: one report, six formats, and hostile text that survives them all.

Each format is opened with its own library (python-docx, python-pptx,
openpyxl, html.parser, pypdf) and checked against the report it was written
from, so the formats cannot drift apart. The PDF is also rendered to pixels
with pdftoppm (poppler-utils) when the machine has it; without it, the test
checks the PDF's structure instead (embedded font, images, text).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pptx import Presentation
from pptx.util import Inches
from pypdf import PdfReader

from samskaping.core.exceptions import ImportFormatError, InvalidInputError
from samskaping.core.i18n import error_text, t
from samskaping.core.models import Workshop
from samskaping.core.tables import xml_text
from samskaping.demo import create_demo
from samskaping.ideas.model import MAX_IDEA_LENGTH, Concept, ConceptFeedback, Idea, Voting, WallTheme
from samskaping.ideas.voting import results
from samskaping.journeys.model import DEFAULT_PHASES, Journey, Step
from samskaping.reports import archive as export
from samskaping.reports.archive import FORMATS, export_workshop_files, write_zip
from samskaping.reports.build import build_report
from samskaping.reports.model import Bullets, Paragraph, ReportFigure, Table
from samskaping.room.model import Arrival, Evaluation
from samskaping.stakeholders.model import Relation, Stakeholder
from samskaping.store import STORE_FILENAME, Store
from samskaping.store.archive import read_zip

WRITERS = {"docx": export.write_docx, "pdf": export.write_pdf, "html": export.write_html,
           "pptx": export.write_pptx, "xlsx": export.write_xlsx}
SHEETS_NB = ["Interessenter", "Involveringsplan", "Tjenestereise-steg", "Idéer", "Konsepter",
             "Tilbakemeldinger på konsepter", "Deltakelse", "Evaluering"]


# --- Fixtures: the demo workshop and a hostile one, each exported once per module ----------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("demo") / STORE_FILENAME)
    workshop = create_demo(store)
    yield store, workshop, build_report(store, workshop.id)
    store.close()


def _write_all(report, folder: Path) -> dict[str, Path]:
    return {fmt: writer(report, folder / f"report.{fmt}") for fmt, writer in WRITERS.items()}


@pytest.fixture(scope="module")
def demo_files(demo, tmp_path_factory):
    return _write_all(demo[2], tmp_path_factory.mktemp("demo-files"))


SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"
EMOJI = "Fest 🎉👨‍👩‍👧 for alle"
SAMI = "Sámegiella: ÁČĐŊŠŦŽ áčđŋšŧž"
CONTROL = "Før\x00midt\x07etter\x1bslutt"
MULTILINE = "Linje én\nLinje to\tmed tabulator & <b>fet</b>"
FEEDBACK_FORMULA = "=SUM(A1:A9) er et bra konsept"


def _long(n: int) -> str:
    """Exactly ``n`` characters of words with everything hostile in them."""
    words = ("leksehjelp på biblioteket", SCRIPT, "&amp;", FORMULA, "🎉", "čđŋšŧž", '"sitat"', "ÆØÅ")
    text, i = "", 0
    while len(text) < n:
        text += words[i % len(words)] + " "
        i += 1
    return text[: n - 1] + "x"


def _hostile_workshop(store: Store) -> Workshop:
    w = store.workshops.create(Workshop(title=f"Verksted {SCRIPT} {SAMI}", question=f"{FORMULA} {EMOJI}\nHvordan?"))
    texts = [SCRIPT, FORMULA, EMOJI, SAMI, CONTROL, MULTILINE, _long(MAX_IDEA_LENGTH), "+SUM(1;2)", "@import x",
             "-1+2 er tre", "Duplikat av skriptidéen"]
    groups = ["ungdom", "ansatt", "bruker", "leder"]
    ideas = [store.ideas.add(Idea(w.id, text, group=groups[n % len(groups)], session_id=f"s{n}"))
             for n, text in enumerate(texts)]
    a = store.stakeholders.save(Stakeholder(w.id, '=HYPERLINK("http://x")', "oppvekst", 5, 5, notes=_long(2000),
                                           strategy=f"{SCRIPT} strategi"))
    b = store.stakeholders.save(Stakeholder(w.id, f"<b>PPT</b> {SAMI}", "helse", 2, 4, channel=EMOJI))
    store.stakeholders.save_relation(Relation(w.id, a.id, b.id, "konflikt"))
    for variant in ("dagens", "onsket"):
        journey = store.journeys.save(Journey(w.id, f"Reise {SCRIPT}", case=_long(4000), variant=variant))
        store.journeys.add_step(
            Step(journey.id, 0, DEFAULT_PHASES[0], "skole", "møte", f"{FORMULA} skjer", quote=EMOJI)
        )
        store.journeys.add_step(
            Step(journey.id, 1, DEFAULT_PHASES[1], "PPT", "brev", SAMI, wait_days=10, experience=-2)
        )
    store.themes.save_theming(w.id, [WallTheme(w.id, "t1", f"{SCRIPT} tema", benefit=4, effort=2),
                              WallTheme(w.id, "t2", FORMULA, position=1, benefit=2, effort=4)],
                       {idea.id: ("t1" if n % 2 else "t2") for n, idea in enumerate(ideas[:-2])})
    store.votes.set_voting(Voting(w.id, dots=5, state="apen"))
    for n, idea in enumerate(ideas[:8]):  # the eight hostile ideas get 2 dots each: the slide's top eight
        store.votes.add_dot(idea.id, f"v{n}", "ungdom")
        store.votes.add_dot(idea.id, f"w{n}", "ansatt")
        store.votes.set_stance(idea.id, f"v{n}", "enig", "ungdom")
        store.votes.set_stance(idea.id, f"w{n}", "enig" if n % 2 else "uenig", "ansatt")
    store.votes.add_dot(ideas[8].id, "x1", "leder")
    store.votes.add_dot(ideas[10].id, "x2", "leder")  # a vote on an idea that is merged below counts for its target
    store.ideas.merge(ideas[10].id, ideas[0].id)
    store.votes.set_voting(Voting(w.id, dots=5, state="lukket"))
    concept = store.concepts.save(Concept(w.id, f"={SCRIPT}", description=_long(2000), target_group=EMOJI,
                                          theme_ids=("t1",), stakeholder_ids=(a.id, b.id), next_step=FORMULA))
    store.concepts.save_feedback(ConceptFeedback(concept.id, "v1", "ikke_bra", f"{SCRIPT} {SAMI}", "ungdom"))
    store.concepts.save_feedback(ConceptFeedback(concept.id, "w1", "bra", FEEDBACK_FORMULA, "ansatt"))
    store.room.register_arrival(Arrival(w.id, "v1", "ungdom", a.id))
    store.room.save_evaluation(Evaluation(w.id, "v1", 4, 5, f"{SCRIPT} {CONTROL}"))
    return w


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("hostile") / STORE_FILENAME)
    workshop = _hostile_workshop(store)
    report = build_report(store, workshop.id)
    files = _write_all(report, tmp_path_factory.mktemp("hostile-files"))
    yield store, workshop, report, files
    store.close()


# --- Readers: what a person sees in each format, as text ------------------------------------


def _docx_text(path: Path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pptx_text(path: Path) -> str:
    parts = []
    for slide in Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts).replace("\v", "\n")  # python-pptx reads a line break as a vertical tab


def _xlsx_text(path: Path) -> str:
    workbook = openpyxl.load_workbook(path)
    return "\n".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
                     if cell.value is not None)


class _Page(HTMLParser):
    """Text, headings, tags and attributes of a page, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict]] = []
        self._heading: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading, self._buffer = tag, []

    def handle_endtag(self, tag):
        if tag == self._heading:
            self.headings.append((tag, "".join(self._buffer)))
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self._buffer.append(data)


def _html(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


# --- The report -----------------------------------------------------------------------------


def test_the_demo_report_has_every_section_in_order(demo):
    _, _, report = demo
    assert [s.key for s in report.sections] == [
        "attendance", "stakeholders", "journeys", "themes", "voting", "concepts", "evaluation", "samskaping", "method"]
    assert report.title_page.question and report.title_page.phase == "Idé"
    journeys = next(s for s in report.sections if s.key == "journeys")
    assert [c.key for c in journeys.children] == ["journey-1", "journey-2", "comparison-1"]
    assert [f.key for f in report.figures()] == [
        "stakeholder-grid", "stakeholder-network", "journey-1-dagens", "journey-2-onsket", "journey-comparison-1"]


def test_the_sheets_hold_every_row_of_the_data(demo):
    report = demo[2]
    data = report.data
    counts = [len(data["stakeholders"]), len(data["stakeholders"]), sum(len(j["steps"]) for j in data["journeys"]),
              len(data["ideas"]), len(data["concepts"]), len(data["concept_feedback"]),
              len({a["group"] for a in data["arrivals"]}), len(data["evaluations"])]
    assert [s.title for s in report.sheets] == SHEETS_NB
    # 28 concept answers: 14 on each of the demo's 2 concepts
    assert [len(s.rows) for s in report.sheets] == counts == [14, 14, 23, 60, 2, 28, 7, 12]
    plan = next(s for s in report.sheets if s.key == "plan")
    assert plan.rows is next(b for b in report.tables() if b.key == "plan").rows  # one table, two places


def test_votes_match_the_store_and_count_merged_ideas_for_their_target(hostile):
    store, workshop, report, _ = hostile
    tallies = results(store, workshop.id, reveal=True)
    ideas = next(s for s in report.sheets if s.key == "ideas")
    texts = [idea.text for idea in store.ideas.list(workshop.id)]
    for idea, row in zip(store.ideas.list(workshop.id), ideas.rows, strict=True):
        assert row[0] == idea.text
        assert row[3] == (tallies[idea.id].dots if idea.id in tallies else 0)
    assert ideas.rows[texts.index(SCRIPT)][3] == 3  # two dots of its own, one from the merged duplicate


def test_sections_appear_only_when_their_data_exists(store, workshop, tmp_path):
    report = build_report(store, workshop.id)
    assert [s.key for s in report.sections] == ["method"]
    assert len(report.slides) == 1 and not report.figures()
    assert all(not sheet.rows for sheet in report.sheets)
    for fmt, writer in WRITERS.items():  # an empty workshop still exports
        assert writer(report, tmp_path / f"empty.{fmt}").stat().st_size > 0


def test_a_municipalitys_own_sector_is_shown_as_written_in_the_plan_the_sheet_and_the_files(store, workshop,
                                                                                             tmp_path):
    """Issue 18: a sector the kit does not know ("Tillitsvalgte") is kept; known ones are labels."""
    store.stakeholders.save(Stakeholder(workshop.id, "Fellesutvalget", "Tillitsvalgte", 2, 4))
    store.stakeholders.save(Stakeholder(workshop.id, "Helsestasjon", "helse", 5, 4))
    report = build_report(store, workshop.id)
    plan = next(b for b in report.tables() if b.key == "plan")
    assert {row[0]: row[1] for row in plan.rows} == {"Fellesutvalget": "Tillitsvalgte", "Helsestasjon": "Helse"}
    sheet = next(s for s in report.sheets if s.key == "stakeholders")
    assert [row[1] for row in sheet.rows] == ["Tillitsvalgte", "Helse"]
    for fmt, read in (("docx", _docx_text), ("xlsx", _xlsx_text)):
        text = read(WRITERS[fmt](report, tmp_path / f"report.{fmt}"))
        assert "Tillitsvalgte" in text and "sector.Tillitsvalgte" not in text, fmt


def test_the_report_says_where_the_family_carried_the_case_itself(store, workshop):
    """Issue 18: the family's own step between two services is counted in the journey's summary and comparison."""
    today = store.journeys.save(Journey(workshop.id, "Skolevegring"))
    for n, (service, what, coordinator) in enumerate([
        ("skole", "Kontaktlærer tar opp fraværet", "kontaktlærer"),
        ("far", "Far ringer selv PPT og forklarer alt på nytt", ""),
        ("PPT", "Henvisning og utredning", ""),
    ]):
        store.journeys.add_step(Step(today.id, n, DEFAULT_PHASES[2], service, "møte", what, coordinator=coordinator))
    wanted = store.journeys.save(Journey(workshop.id, "Skolevegring", variant="onsket"))
    for n, service in enumerate(("skole", "PPT")):
        store.journeys.add_step(Step(wanted.id, n, DEFAULT_PHASES[2], service, "møte", "Teammøte",
                                     coordinator="stafettholder"))
    report = build_report(store, workshop.id)
    bullets = [line for block in report.blocks() if isinstance(block, Bullets) for line in block.items]
    assert "Familien bar saken videre selv i 1 av 1 overgang." in bullets
    assert "Overganger der familien bar saken videre selv: 1 → 0 (1 færre)." in bullets
    assert "Steg der familien selv bærer informasjonen: 1 → 0 (1 færre)." in bullets


def test_the_report_speaks_the_workshops_language_unless_told(store, tmp_path):
    english = store.workshops.create(Workshop(title="Idea café", lang="en"))
    assert build_report(store, english.id).sections[-1].title == "How the workshop was run"
    assert build_report(store, english.id, lang="nb").sections[-1].title == "Slik ble verkstedet gjennomført"
    assert build_report(store, english.id, lang="nn").sections[-1].title == "Slik vart verkstaden gjennomført"
    # North Sámi covers the participant's page; a document of a Sámi workshop is in bokmål.
    assert build_report(store, english.id, lang="se").sections[-1].title == "Slik ble verkstedet gjennomført"
    with pytest.raises(InvalidInputError) as caught:
        build_report(store, english.id, lang="de")
    assert caught.value.reason == "bad_choice"


def test_the_method_section_says_how_personal_data_was_handled(store, workshop):
    store.ideas.add(Idea(workshop.id, "Ring mor på 912 34 567"))
    method = build_report(store, workshop.id).sections[-1]
    texts = [block.text for block in method.blocks]
    assert t("report.method.privacy") in texts
    assert t("report.method.privacy_count", data="1 personopplysning") in texts
    store.privacy.set_masking(workshop.id, False, by="prosessleder")
    texts = [block.text for block in build_report(store, workshop.id).sections[-1].blocks]
    assert t("report.method.privacy_off") in texts and t("report.method.privacy") not in texts


# --- Each format, opened with its own library -------------------------------------------------


def test_docx_has_real_headings_tables_and_pictures(demo, demo_files):
    _, _, report = demo
    doc = Document(demo_files["docx"])
    headings = [(int(p.style.name.split()[-1]), p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [(level, section.title) for level, section in report.walk()]
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [report.title_page.title]
    assert len(doc.tables) == len(report.tables()) >= 10  # one per section table and one per theme
    assert len(doc.inline_shapes) == len(report.figures())
    assert all(shape.width > Inches(5) for shape in doc.inline_shapes)
    assert {s.orientation for s in doc.sections} == {0, 1}  # portrait, and landscape for the journey maps
    first_row = doc.tables[0].rows[0]
    assert all(run.bold for cell in first_row.cells for run in cell.paragraphs[0].runs)
    assert doc.core_properties.title == report.title_page.title


def test_pptx_has_one_slide_per_planned_slide_in_16_9(demo, demo_files):
    _, _, report = demo
    deck = Presentation(demo_files["pptx"])
    assert len(deck.slides) == len(report.slides) == 10  # title, grid, network, 2 journeys, comparison,
    assert deck.slide_width * 9 == deck.slide_height * 16  # themes, votes, 2 concepts
    assert [slide.shapes.title.text_frame.text for slide in deck.slides] == [s.title for s in report.slides]
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == sum(1 for s in report.slides if s.figure)
    assert all(shape.image.size[0] / (shape.width / 914400) <= 200 for shape in pictures)  # presentation dpi
    tables = [shape for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert len(tables) == 1 and len(tables[0].table.rows) == 9  # header and the top eight ideas


def test_xlsx_has_a_sheet_per_table_with_every_row(demo, demo_files):
    _, _, report = demo
    workbook = openpyxl.load_workbook(demo_files["xlsx"])
    assert workbook.sheetnames == SHEETS_NB
    for sheet, table in zip(workbook, report.sheets, strict=True):
        assert sheet.max_row == len(table.rows) + 1
        assert [c.value for c in sheet[1]] == list(table.header)
        assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"
    ideas = workbook["Idéer"]
    assert [c.value for c in ideas["A"][1:]] == [idea["text"] for idea in report.data["ideas"]]


def test_html_is_one_file_with_headings_and_no_script(demo, demo_files):
    _, _, report = demo
    page = _html(demo_files["html"])
    assert page.headings[0] == ("h1", report.title_page.title)
    assert page.headings[1:] == [(f"h{level + 1}", section.title) for level, section in report.walk()]
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "iframe" not in tags
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    assert len(images) == len(report.figures()) and all(a["src"].startswith("data:image/svg+xml;base64,")
                                                        for a in images)
    csp = next(a for tag, a in page.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp["content"]
    assert tags.count("table") == len(report.tables())


def test_pdf_has_pages_an_outline_and_renders(demo, demo_files, tmp_path):
    _, _, report = demo
    data = demo_files["pdf"].read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= len(report.sections) + 1  # a title page, then the chapters (the long ones on new pages)

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    assert list(titles(reader.outline)) == [section.title for _, section in report.walk()]
    text = "".join(page.extract_text() for page in reader.pages[:3])
    assert "Hvem deltok" in text and "Side 1 av" in reader.pages[0].extract_text()
    if shutil.which("pdftoppm"):
        from PIL import Image

        subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "3", "-png", str(demo_files["pdf"]),
                        str(tmp_path / "page")], check=True)
        pages = sorted(tmp_path.glob("page-*.png"))
        assert len(pages) == 3
        for path in pages:
            grey = Image.open(path).convert("L")
            dark = sum(grey.histogram()[:200]) / (grey.width * grey.height)
            assert dark > 0.005, path  # not blank: text and lines are drawn
    # Also what any renderer needs, with or without poppler here: the font inside the file, and every figure.
    fonts = [f for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    assert all("/FontFile2" in f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts)
    assert sum(len(page.images) for page in reader.pages) == len(report.figures())


def test_importing_the_writers_loads_no_office_library():
    code = ("import sys, samskaping.reports.archive; "
            "print(sorted(m for m in ('docx', 'pptx', 'fpdf', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- Hostile text ----------------------------------------------------------------------------


def test_hostile_text_was_stored_as_typed(hostile):
    store, workshop, report, _ = hostile
    texts = {idea.text for idea in store.ideas.list(workshop.id)}
    assert {SCRIPT, FORMULA, SAMI, MULTILINE, "Førmidtetterslutt"} <= texts  # control characters removed on entry
    assert "Fest 🎉👨👩👧 for alle" in texts  # the zero-width joiners go too (models.clean_text)
    assert max(len(text) for text in texts) == MAX_IDEA_LENGTH
    assert len(report.data["journeys"][0]["case"]) == 4000  # the longest free text the kit takes


def _expected(report, *, slides: bool = False, sheet: bool = False) -> list[str]:
    """Stored free texts that must come back unchanged from a format."""
    data = report.data
    concept = data["concepts"][0]
    texts = [concept["description"], concept["target_group"], concept["next_step"],
             *(theme["label"] for theme in data["themes"]), *(row["comment"] for row in data["concept_feedback"])]
    if not sheet:  # the workbook holds tables only: no title page, no case stories
        texts += [data["workshop"]["title"], data["workshop"]["question"], data["journeys"][0]["case"]]
    if slides:
        return texts + [idea["text"] for idea in data["ideas"][:8]]
    texts += [idea["text"] for idea in data["ideas"] if not idea["hidden"]]
    texts += [s["name"] for s in data["stakeholders"]] + [e["change"] for e in data["evaluations"]]
    if sheet:
        texts += [data["stakeholders"][0]["notes"], data["journeys"][0]["steps"][0]["what"]]
    return texts


@pytest.mark.parametrize("fmt, read", [("docx", _docx_text), ("pptx", _pptx_text), ("xlsx", _xlsx_text),
                                       ("html", lambda path: "\n".join(_html(path).text))])
def test_hostile_text_comes_back_unchanged(hostile, fmt, read):
    _, _, report, files = hostile
    found = read(files[fmt])
    expected = _expected(report, slides=fmt == "pptx", sheet=fmt == "xlsx")
    missing = [text[:60] for text in expected if text not in found]
    assert not missing
    assert SCRIPT in found and SAMI in found


def test_html_escapes_every_free_text(hostile):
    raw = hostile[3]["html"].read_text(encoding="utf-8")
    assert "<script" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "<b>PPT</b>" not in raw and "&lt;b&gt;PPT&lt;/b&gt;" in raw


def test_xlsx_never_stores_a_formula(hostile):
    workbook = openpyxl.load_workbook(hostile[3]["xlsx"])
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    risky = [cell for cell in cells if isinstance(cell.value, str) and cell.value[:1] in "=+-@"]
    assert {cell.value for cell in risky} >= {FORMULA, "+SUM(1;2)", "@import x", '=HYPERLINK("http://x")',
                                              FEEDBACK_FORMULA}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)


def test_every_writer_removes_control_characters_it_is_given(hostile, tmp_path):
    _, _, report, _ = hostile
    report.sections[0].blocks += [Paragraph("A\x00B\x07C\x1bD\ufffe"), Bullets(("E\x0bF",)),
                                  Table("x", "G\x01", ("H\x02",), (("I\x03J",),))]
    report.sheets[0] = Table("x", "K\x04", ("L\x05",), (("M\x06N",),))
    files = _write_all(report, tmp_path)
    for fmt, read in (("docx", _docx_text), ("pptx", _pptx_text), ("xlsx", _xlsx_text),
                      ("html", lambda p: "\n".join(_html(p).text))):
        text = read(files[fmt])
        assert not any(ch in text for ch in "\x00\x01\x02\x03\x07\x1b\ufffe"), fmt
    assert "ABCD" in _docx_text(files["docx"]) and "MN" in _xlsx_text(files["xlsx"])
    assert PdfReader(files["pdf"]).pages


def test_pdf_writes_a_row_taller_than_a_page_as_lines(store, workshop, tmp_path):
    report = build_report(store, workshop.id)
    words = " ".join(f"ord{n}" for n in range(1500))
    report.sections[0].blocks.append(Table("tall", "Høy rad", ("Smal", "Bred"), ((words, 1),), (1, 9)))
    text = "".join(page.extract_text() for page in PdfReader(export.write_pdf(report, tmp_path / "r.pdf")).pages)
    assert "Smal: ord0 ord1" in text and "ord1499" in text and "Bred: 1" in text


def test_the_sanitiser_keeps_what_a_person_wrote():
    assert xml_text("Æøå ÁČĐŊŠŦŽ 🎉\tlinje\r\nto\x00") == "Æøå ÁČĐŊŠŦŽ 🎉\tlinje\nto"
    assert xml_text(FORMULA) == FORMULA and xml_text(SCRIPT) == SCRIPT


# --- The archive and the dispatcher -----------------------------------------------------------


def test_zip_holds_everything_and_imports_into_a_fresh_store(hostile, make_store, tmp_path):
    store, workshop, report, _ = hostile
    path = write_zip(store, workshop.id, tmp_path / "verksted.zip")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {"workshop.json", "report.docx", "report.pdf", "report.html", "deck.pptx", "workbook.xlsx"} <= names
        for figure in report.figures():
            assert {f"figures/{figure.key}.png", f"figures/{figure.key}.svg"} <= names
        assert archive.read("figures/stakeholder-grid.png").startswith(b"\x89PNG")
        Document(io.BytesIO(archive.read("report.docx")))
        Presentation(io.BytesIO(archive.read("deck.pptx")))
        openpyxl.load_workbook(io.BytesIO(archive.read("workbook.xlsx")))
    data = read_zip(path)
    assert data["format"] == "samskaping-workshop" and data["version"] == 1
    fresh = make_store(tmp_path / "fresh" / STORE_FILENAME)
    imported = fresh.archive.import_workshop(data)
    assert imported.id == workshop.id
    assert fresh.archive.export_workshop(imported.id) == store.archive.export_workshop(workshop.id)


def test_zip_json_is_the_cli_export(demo, tmp_path):
    from samskaping.store.archive import read_export

    store, workshop, _ = demo
    export_workshop_files(store, workshop.id, "json", tmp_path / "w.json")
    assert read_export(tmp_path / "w.json") == {"format": "samskaping-workshop", "version": 1,
                                                **store.archive.export_workshop(workshop.id)}


@pytest.mark.parametrize("content, reason", [
    (b"not a zip", "report.zip.not_zip"),
    (None, "report.zip.no_json"),
    ({"format": "noe annet", "workshop": {}}, None),
    ({"format": "samskaping-workshop", "version": 99, "workshop": {}}, None),
])
def test_read_zip_names_what_is_wrong(tmp_path, content, reason):
    path = tmp_path / "feil.zip"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("annet.txt" if content is None else "workshop.json", json.dumps(content or {}))
    with pytest.raises(ImportFormatError) as caught:
        read_zip(path)
    if reason:
        assert caught.value.params["detail"] == t(reason)
    assert str(path) in error_text(caught.value)
    with pytest.raises(ImportFormatError):
        read_zip(tmp_path / "finnes-ikke.zip")


def test_export_workshop_files_writes_each_format(store, workshop, tmp_path):
    store.ideas.add(Idea(workshop.id, "Leksehjelp på biblioteket", group="ungdom"))
    for fmt in FORMATS:
        path = export_workshop_files(store, workshop.id, fmt, tmp_path / f"verksted.{fmt}")
        assert path.stat().st_size > 0
    buffer = io.BytesIO()
    assert export_workshop_files(store, workshop.id, "html", buffer) is None and b"Leksehjelp" in buffer.getvalue()
    with pytest.raises(InvalidInputError) as caught:
        export_workshop_files(store, workshop.id, "odt", tmp_path / "x.odt")
    assert caught.value.reason == "bad_choice" and "odt" in error_text(caught.value)


def test_write_xlsx_takes_store_data_without_drawing(demo, tmp_path):
    store, workshop, _ = demo
    path = export.write_xlsx(store.archive.export_workshop(workshop.id), tmp_path / "data.xlsx", lang="en")
    assert openpyxl.load_workbook(path).sheetnames[0] == "Stakeholders"


def test_figures_are_drawn_once_and_shared(hostile):
    _, _, report, _ = hostile
    figure = report.figures()[0]
    assert isinstance(figure, ReportFigure)
    assert figure.png() is figure.png() and figure.figure is figure.figure
    assert len(figure.png(600)) < len(figure.png())


def test_documents_say_what_each_figure_shows_and_lay_tables_out_by_their_grid(demo, demo_files):
    """Universell utforming of the documents: alt text with the figure's content, column widths in the grid."""
    from docx.oxml.ns import qn

    _, _, report = demo
    doc = Document(demo_files["docx"])
    alts = [shape._inline.docPr.get("descr") for shape in doc.inline_shapes]
    assert alts == [figure.alt for figure in report.figures()] and all(alts)
    assert alts[0].startswith("Interessentkart med") and "Nøkkelspillere:" in alts[0]
    assert any(alt.startswith("Tjenestereisekart:") for alt in alts)
    plan = next(table for table in doc.tables if [c.text for c in table.rows[0].cells][3:4] == ["Strategi"])
    grid = [int(col.get(qn("w:w"))) for col in plan._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid.index(max(grid)) == 3  # the strategy column is the widest, in the grid LibreOffice reads
    assert plan.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # the header repeats on every page
    deck = Presentation(demo_files["pptx"])
    descriptions = [shape._element.nvPicPr.cNvPr.get("descr") for slide in deck.slides for shape in slide.shapes
                    if shape.shape_type == 13]
    assert descriptions and all(descr.startswith(("Interessentkart", "Relasjonsnettverk", "Tjenestereisekart",
                                                  "Dagens og ønsket", "Prioriteringsmatrise"))
                                for descr in descriptions)


@pytest.mark.parametrize("lang", ["nb", "nn", "en", "se"])
def test_every_document_builds_in_every_language(demo, tmp_path, lang):
    """A nynorsk workshop's report is nynorsk in every format; a North Sámi workshop's is in bokmål."""
    store, workshop, _ = demo
    written = lang if lang != "se" else "nb"
    heading = t("report.method.title", written)
    tag = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB", "se": "nb-NO"}[lang]
    readers = {"docx": _docx_text, "pptx": _pptx_text, "xlsx": _xlsx_text}
    for fmt in ("docx", "pdf", "pptx", "xlsx"):
        path = export_workshop_files(store, workshop.id, fmt, tmp_path / f"rapport-{lang}.{fmt}", lang=lang)
        if fmt == "pdf":
            text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
            assert heading in text.replace("\n", " "), fmt
        elif fmt == "xlsx":
            assert t("report.sheet.ideas", written) in openpyxl.load_workbook(path).sheetnames
        elif fmt == "pptx":
            assert t("report.slide.voting", written) in readers[fmt](path)
        else:
            assert heading in readers[fmt](path), fmt
    assert Document(tmp_path / f"rapport-{lang}.docx").core_properties.language == tag
