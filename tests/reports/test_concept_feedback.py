"""Issue 16, item 8: every export carries everything, says only what happened, and counts in good Norwegian.

The room's answers to the concepts (bra / ikke bra / usikker, with comments the
store masked) are written from a real SQLite store into every format and read
back with each format's own library. The method section ("Slik ble verkstedet
gjennomført") is checked against workshops that skipped steps, and every number
the report writes before a noun against "1 deltaker" / "2 deltakere".
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from samskaping.core.catalogue import CATALOGUE
from samskaping.core.i18n import t
from samskaping.ideas.model import Concept, ConceptFeedback, Idea, Voting, WallTheme
from samskaping.reports import archive as export
from samskaping.reports.build import build_report
from samskaping.reports.model import Bullets, Paragraph
from samskaping.room.model import Arrival, Evaluation

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x";"klikk")'
WRITERS = {"docx": export.write_docx, "pdf": export.write_pdf, "html": export.write_html,
           "pptx": export.write_pptx, "xlsx": export.write_xlsx}


# --- Reading each format back as text -------------------------------------------------------------


def _docx(path: Path) -> str:
    doc = Document(path)
    return "\n".join([p.text for p in doc.paragraphs]
                     + [cell.text for table in doc.tables for row in table.rows for cell in row.cells])


def _pdf(path: Path) -> str:
    """The PDF's text with its line breaks undone, so a sentence wrapped over two lines reads as one."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def _pptx(path: Path) -> str:
    parts = []
    for slide in Presentation(path).slides:
        parts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _xlsx(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
                     if cell.value is not None)


READERS = {"docx": _docx, "pdf": _pdf, "html": _html, "pptx": _pptx, "xlsx": _xlsx}


# --- A workshop whose concepts went back to the room ----------------------------------------------


@pytest.fixture
def shown_back(store, workshop):
    """Three concepts: one with three answers and comments, one with a single answer, one nobody answered."""
    team = store.concepts.save(Concept(workshop.id, "Nærværsteam", description="Fast team på hver skole.",
                                       target_group="Elever med høyt fravær", next_step="Prøve ut på to skoler"))
    course = store.concepts.save(Concept(workshop.id, "Foreldrekurs", description="Kurs for foreldre."))
    store.concepts.save(Concept(workshop.id, "Åpen dør hos PPT"))
    answers = [
        (team, "s1", "bra", "Endelig et fast team qwbra", "ansatt"),
        (team, "s2", "bra", "", "leder"),
        (team, "s3", "ikke_bra", f"Ring meg på 912 34 567 {SCRIPT}", "foresatt"),
        (course, "s4", "usikker", FORMULA, "ungdom"),
    ]
    for concept, session, stance, comment, group in answers:
        store.concepts.save_feedback(ConceptFeedback(concept.id, session, stance, comment, group))
    return workshop


TEAM_COUNTS = "Tilbakemeldinger fra deltakerne: 3 svar – bra 2, ikke bra 1, usikker 0."
COURSE_COUNTS = "Tilbakemeldinger fra deltakerne: 1 svar – bra 0, ikke bra 0, usikker 1."
MASKED = f"Ikke bra: Ring meg på [telefon] {SCRIPT}"


def test_the_report_model_carries_each_concepts_answers_once(store, shown_back):
    report = build_report(store, shown_back.id)
    concepts = next(s for s in report.sections if s.key == "concepts")
    team, course, door = concepts.children
    assert Paragraph(TEAM_COUNTS) in team.blocks
    [comments] = [b for b in team.blocks if isinstance(b, Bullets)]
    assert comments.title == "Kommentarer fra deltakerne"
    assert comments.items == ("Bra: Endelig et fast team qwbra", MASKED)  # the answer without a comment is counted only
    assert Paragraph(COURSE_COUNTS) in course.blocks
    assert door.blocks == [Paragraph(t("report.concepts.no_feedback"))]
    assert "912 34 567" not in repr(report.sections) + repr(report.sheets) + repr(report.slides)


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_format_carries_the_answers_and_comments(store, shown_back, tmp_path, fmt):
    report = build_report(store, shown_back.id)
    text = READERS[fmt](WRITERS[fmt](report, tmp_path / f"r.{fmt}"))
    assert "912 34 567" not in text  # masked when it was stored
    if fmt == "xlsx":  # the workbook: numbers in the concepts sheet, each answer on the feedback sheet
        return
    assert TEAM_COUNTS in text and COURSE_COUNTS in text
    assert "Bra: Endelig et fast team qwbra" in text
    assert MASKED in text and f"Usikker: {FORMULA}" in text
    if fmt != "pptx":
        assert "Kommentarer fra deltakerne" in text and t("report.concepts.no_feedback") in text


def test_the_workbook_counts_the_answers_and_lists_each_on_its_own_sheet(store, shown_back, tmp_path):
    path = export.write_xlsx(build_report(store, shown_back.id), tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    concepts = [[cell.value for cell in row] for row in book["Konsepter"].iter_rows()]
    assert concepts[0][-3:] == ["Bra", "Ikke bra", "Usikker"]
    assert [(row[0], *row[-3:]) for row in concepts[1:]] == [
        ("Nærværsteam", 2, 1, 0), ("Foreldrekurs", 0, 0, 1), ("Åpen dør hos PPT", 0, 0, 0)]
    sheet = book["Tilbakemeldinger på konsepter"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["Konsept", "Gruppe", "Svar", "Kommentar"],
        ["Nærværsteam", "Ansatt", "Bra", "Endelig et fast team qwbra"],
        ["Nærværsteam", "Leder", "Bra", None],
        ["Nærværsteam", "Forelder eller foresatt", "Ikke bra", f"Ring meg på [telefon] {SCRIPT}"],
        ["Foreldrekurs", "Ungdom", "Usikker", FORMULA],
    ]
    formula = sheet.cell(row=5, column=4)
    assert formula.data_type == "s" and formula.quotePrefix  # shown as text, never run


def test_the_web_page_escapes_the_comments(store, shown_back, tmp_path):
    raw = export.write_html(build_report(store, shown_back.id), tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_slides_shorten_many_comments_and_the_notes_keep_them_all(store, workshop, tmp_path):
    concept = store.concepts.save(Concept(workshop.id, "Nærværsteam"))
    for n in range(7):
        comment = f"Kommentar nummer {n} " + "ord " * 60
        store.concepts.save_feedback(ConceptFeedback(concept.id, f"s{n}", "bra", comment))
    report = build_report(store, workshop.id)
    [slide] = [s for s in report.slides if s.title == t("report.slide.concept", name="Nærværsteam")]
    assert slide.bullets[0] == "Tilbakemeldinger fra deltakerne: 7 svar – bra 7, ikke bra 0, usikker 0."
    assert len(slide.bullets) == 5 and slide.bullets[-1] == t("report.more", count=4)
    assert all(len(line) <= 150 for line in slide.bullets[1:])
    assert sum("Kommentar nummer" in note for note in slide.notes) == 7


def test_no_feedback_sentence_when_the_concepts_were_never_shown_back(store, workshop):
    store.concepts.save(Concept(workshop.id, "Nærværsteam", description="Fast team."))
    report = build_report(store, workshop.id)
    concepts = next(s for s in report.sections if s.key == "concepts")
    assert concepts.children[0].blocks == [Paragraph("Fast team.")]
    method = " ".join(b.text for b in report.sections[-1].blocks)
    assert "vist tilbake" not in method
    assert len(next(s for s in report.sheets if s.key == "feedback").rows) == 0


# --- The method says only what happened -----------------------------------------------------------


def _method(store, workshop_id: str, lang: str = "nb") -> str:
    """The method section's text, one line per paragraph (a paragraph per step of the day)."""
    return "\n".join(block.text for block in build_report(store, workshop_id, lang=lang).sections[-1].blocks)


def _sentence(key: str, lang: str = "nb") -> re.Pattern:
    """The method sentence ``key`` with any numbers in it."""
    parts = re.split(r"\{\w+\}", CATALOGUE[lang][f"report.method.{key}"])
    return re.compile(".+".join(re.escape(part) for part in parts))


def test_a_workshop_without_voting_has_no_voting_sentence(store, workshop):
    ideas = [store.ideas.add(Idea(workshop.id, text, session_id="s1", group="ansatt"))
             for text in ("Leksehjelp på biblioteket", "Fast kontaktperson på skolen")]
    store.themes.save_theming(workshop.id, [WallTheme(workshop.id, "t1", "Skole")], {i.id: "t1" for i in ideas})
    store.votes.set_voting(Voting(workshop.id, dots=3, state="lukket"))  # a round opened and closed, no votes
    text = _method(store, workshop.id)
    for key in ("voting", "voting_dots", "voting_stances"):
        assert not _sentence(key).search(text), key
    assert "prikk" not in text and "stemmene" not in text.lower()  # the intro's rule for the date says "stemme"
    assert t("report.method.themes", themes="1 tema") in text
    assert t("report.method.themes_suggested") in text
    for key in ("concepts", "concepts_themes", "feedback", "evaluation", "arrival", "ideas_paper", "merged",
                "themes_placed", "themes_rated"):  # none of these happened
        assert not _sentence(key).search(text), key
    assert "voting" not in [s.key for s in build_report(store, workshop.id).sections]

    store.votes.set_voting(Voting(workshop.id, dots=3, state="apen"))
    store.votes.add_dot(ideas[0].id, "s1", "ansatt")  # one dot: now the dots are told, and still no agree/disagree
    text = _method(store, workshop.id)
    assert f'{t("report.method.voting_dots", dots="3 prikker")} {t("report.method.voting")}' in text
    assert t("report.method.voting_stances") not in text
    voting = next(s for s in build_report(store, workshop.id).sections if s.key == "voting")
    assert voting.blocks[0] == Paragraph("1 deltaker satte 1 prikk.")
    assert voting.children == []  # no answers, so no "samlende" or "splittende" ideas to claim


def test_the_method_tells_paper_hand_placing_merging_and_rating_only_when_they_happened(store, workshop):
    paper = store.ideas.add(Idea(workshop.id, "Lapp om leksehjelp", on_paper=True, session_id="cli"))
    copy = store.ideas.add(Idea(workshop.id, "Lapp om leksehjelp igjen", on_paper=True, session_id="cli"))
    store.themes.save_theming(workshop.id, [WallTheme(workshop.id, "t1", "Skole", benefit=4, effort=2)], {})
    store.themes.place_idea(paper.id, "t1")
    store.ideas.merge(copy.id, paper.id)
    text = _method(store, workshop.id)
    assert t("report.method.ideas_phone") not in text  # nothing came from a phone
    assert " ".join([t("report.method.ideas_paper", ideas="2 idéer"), t("report.method.ideas_total", ideas="2 idéer"),
                     t("report.method.merged", ideas="1 idé")]) in text.splitlines()
    assert t("report.method.themes_placed", ideas="1 idé") in text
    assert t("report.method.themes_suggested") not in text  # every idea was placed by hand
    assert t("report.method.themes_rated", themes="1 tema") in text


def test_the_method_tells_concepts_feedback_and_evaluation_when_there_were_some(store, shown_back):
    store.room.save_evaluation(Evaluation(shown_back.id, "s1", 4, 5))
    text = _method(store, shown_back.id)
    assert f'{t("report.method.concepts", concepts="3 konsepter")} {t("report.method.feedback", answers="4 svar")}' \
        in text.splitlines()
    assert t("report.method.evaluation", participants="1 deltaker") in text


# --- Norwegian (and English) plurals ---------------------------------------------------------------


def test_every_count_has_a_singular_and_a_plural_in_both_languages():
    kinds = {key.rsplit(".", 2)[1] for key in CATALOGUE["nb"] if key.startswith("report.count.")}
    assert kinds >= {"ideas", "themes", "dots", "participants", "concepts", "answers", "posts", "personal"}
    for lang in ("nb", "en"):
        for kind in kinds:
            assert CATALOGUE[lang][f"report.count.{kind}.one"].startswith("{n} "), (lang, kind)
            assert CATALOGUE[lang][f"report.count.{kind}.many"].startswith("{n} "), (lang, kind)


def _workshop_of(store, workshop, n: int):
    """``n`` of everything: arrivals, ideas from phones, themes, concepts, answers and evaluations."""
    for k in range(n):
        store.room.register_arrival(Arrival(workshop.id, f"s{k}", "ansatt"))
        store.ideas.add(Idea(workshop.id, f"Idé nummer {k}", session_id=f"s{k}", group="ansatt"))
        store.room.save_evaluation(Evaluation(workshop.id, f"s{k}", 4, 4))
    ideas = store.ideas.list(workshop.id)
    themes = [WallTheme(workshop.id, f"t{k}", f"Tema {k}", position=k) for k in range(n)]
    store.themes.save_theming(workshop.id, themes, {idea.id: f"t{k}" for k, idea in enumerate(ideas)})
    for k in range(n):
        concept = store.concepts.save(Concept(workshop.id, f"Konsept {k}", theme_ids=(f"t{k}",)))
        store.concepts.save_feedback(ConceptFeedback(concept.id, f"s{k}", "bra"))
    store.votes.set_voting(Voting(workshop.id, dots=1, state="apen"))
    for k, idea in enumerate(ideas):
        store.votes.add_dot(idea.id, f"s{k}", "ansatt")
        store.votes.set_stance(idea.id, f"s{k}", "enig", "ansatt")
    store.votes.set_voting(Voting(workshop.id, dots=1, state="lukket"))


def _report_text(store, workshop_id: str, tmp_path: Path, lang: str = "nb") -> str:
    return _docx(export.write_docx(build_report(store, workshop_id, lang=lang), tmp_path / f"r-{lang}.docx"))


SINGULAR_NB = ["1 deltaker registrerte seg ved ankomst.", "1 deltaker satte 1 prikk og ga 1 svar",
               "1 idé i 1 tema.", "Idéene ble samlet i 1 tema.", "Til sammen er 1 idé med i rapporten.",
               "Temaene ble gjort om til 1 konsept.", "til sammen kom det 1 svar.",
               "Etter verkstedet svarte 1 deltaker på", "1 deltaker svarte. Dagen:",
               "Hver deltaker hadde 1 prikk å sette"]
PLURAL_NB = ["2 deltakere registrerte seg ved ankomst.", "2 deltakere satte 2 prikker og ga 2 svar",
             "2 idéer i 2 temaer.", "Idéene ble samlet i 2 temaer.", "Til sammen er 2 idéer med i rapporten.",
             "Temaene ble gjort om til 2 konsepter.", "til sammen kom det 2 svar.",
             "Etter verkstedet svarte 2 deltakere på", "2 deltakere svarte. Dagen:"]
SINGULAR_EN = ["1 participant registered on arrival.", "1 participant placed 1 dot and gave 1 answer",
               "1 idea in 1 theme.", "The ideas were gathered into 1 theme.", "This report holds 1 idea in all.",
               "The themes were turned into 1 concept.", ": 1 answer in all.", "After the workshop, 1 participant",
               "1 participant answered. The day:"]
PLURAL_EN = ["2 participants registered on arrival.", "2 participants placed 2 dots and gave 2 answers",
             "2 ideas in 2 themes.", "The themes were turned into 2 concepts.", ": 2 answers in all."]
#: A plural noun after "1", or a singular one after another number: what the report must never write.
WRONG_NB = re.compile(r"\b1 (deltakere|idéer|temaer|prikker|konsepter|personopplysninger)\b"
                      r"|\b([02-9]|\d\d+) (deltaker|idé|tema|prikk|konsept|personopplysning)\b")
WRONG_EN = re.compile(r"\b1 (participants|ideas|themes|dots|concepts|answers|posts)\b"
                      r"|\b([02-9]|\d\d+) (participant|idea|theme|dot|concept|answer|post)\b")


@pytest.mark.parametrize(("n", "nb", "en"), [(1, SINGULAR_NB, SINGULAR_EN), (2, PLURAL_NB, PLURAL_EN)],
                         ids=["one of everything: singular", "two of everything: plural"])
def test_counts_are_written_in_the_singular_or_plural(store, workshop, tmp_path, n, nb, en):
    _workshop_of(store, workshop, n)
    text = _report_text(store, workshop.id, tmp_path)
    missing = [sentence for sentence in nb if sentence not in text]
    assert not missing
    assert not WRONG_NB.search(text), WRONG_NB.search(text)
    english = _report_text(store, workshop.id, tmp_path, "en")
    assert not [sentence for sentence in en if sentence not in english]
    assert not WRONG_EN.search(english), WRONG_EN.search(english)


def test_hidden_posts_and_masked_data_are_counted_in_the_singular_too(store, workshop):
    store.ideas.add(Idea(workshop.id, "Ring meg på 912 34 567", session_id="s1"))
    hidden = store.ideas.add(Idea(workshop.id, "Skjult", session_id="s2"))
    store.ideas.set_hidden(hidden.id)
    text = _method(store, workshop.id)
    assert "1 innlegg som prosesslederen skjulte, er ikke med i rapporten" in text
    assert "I dette verkstedet ble 1 personopplysning funnet og skjult." in text
    english = _method(store, workshop.id, "en")
    assert "leaves out 1 post that the facilitator hid" in english
    assert "found and hid 1 piece of personal data." in english

