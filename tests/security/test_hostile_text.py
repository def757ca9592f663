"""Hostile free text through every place a person types: stored clean, refused in bokmål, never markup.

Entry points: an idea (``Store.add_idea`` and the participant form), a workshop's title
and question, a stakeholder's name and notes, a journey and its steps, a theme's label, a
concept, a concept comment and the evaluation form; and the validators under them
(:func:`~samskaping.core.models.clean_text`, :func:`~samskaping.core.models.check_choice`,
:func:`~samskaping.core.models.check_id`). The text is empty, white space, 100 kB, full of NUL,
control and right-to-left characters, lone surrogates, HTML, JavaScript, SVG and
spreadsheet formulas, or anything hypothesis makes.

The properties:

* accepted text is stored exactly as ``clean_text`` documents it (line ends ``\\n``; Cc, Cf
  and lone surrogates dropped; NFC; trimmed) and the personal-data guard masks it;
* refused text raises :class:`~samskaping.core.exceptions.InvalidInputError` whose bokmål sentence
  names the rule, and nothing stored changes (every row of every table, compared whole);
* accepted text shown as HTML (a wall card, the participant's own list, the evaluation
  form, the facilitator's wall, the HTML report and its SVG figures) is inert: no script
  element, no ``on...`` attribute, no ``javascript:`` link.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import json
import re
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as widgets
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import html_of
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import error_text
from samskaping.core.models import MAX_TITLE_LENGTH, Workshop, check_choice, check_id, clean_text
from samskaping.core.privacy.detect import mask
from samskaping.ideas.model import MAX_IDEA_LENGTH, Concept, ConceptFeedback, Idea, WallTheme
from samskaping.journeys.model import (
    MAX_CASE_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_PHASE_LENGTH,
    MAX_SERVICE_LENGTH,
    MAX_WHAT_LENGTH,
    Journey,
    Step,
)
from samskaping.pages.base import card_html, esc
from samskaping.pages.evaluation_form import EvaluationForm
from samskaping.pages.participant import ParticipantPage
from samskaping.pages.request import PageRequest
from samskaping.stakeholders.model import Stakeholder
from samskaping.store import STORE_FILENAME, Store

EXAMPLES = settings(max_examples=60, deadline=None)
FEW = settings(max_examples=25, deadline=None)

HOSTILE = [
    "", " ", "\t\n \r\n\u00a0\u2003", "x" * 100_000, "NUL\x00midt\x00", "\x07\x1b]0;tittel\x07\x1b[31mrød\x7f\x85",
    "\u202eLES BAKLENGS\u202c", "\u200f\u2066høyre\u2069\ufeff\u200b", "halv \ud800 surrogat \udfff",
    "e\x00\u0301 og A\u030a", "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "<svg onload=alert(1)>",
    '"><svg/onload=alert(1)>', "<svg><script>alert(1)</script></svg>", "<a href='javascript:alert(1)'>lenke</a>",
    "</div><iframe src=//evil.example></iframe>", "{{7*7}} ${7*7} {title}", '=HYPERLINK("http://evil.example";"x")',
    "+cmd|' /C calc'!A0", "@SUM(1+1)", "Ring Kari Nordmann på 912 34 567, kari@example.no",
]
#: Text of every kind: the list above, or any Unicode string with lone surrogates mixed in.
_SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)
hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.one_of(st.characters(exclude_categories=()), _SURROGATE), max_size=200),
    st.lists(st.sampled_from(HOSTILE[4:]), min_size=2, max_size=4).map("".join),
)

ENGLISH = re.compile(r"Traceback|\b[A-Z]\w*(Error|Exception)\b|NoneType|codec can't|has no attribute")
NORWEGIAN = re.compile(r"\b(ikke|kan|feltet|teksten|tegn|skriv|velg|er|og|for)\b", re.IGNORECASE)


# --- Helpers ------------------------------------------------------------------------------------


@contextlib.contextmanager
def fresh_store():
    """A new store with one workshop, for one example: refusals are compared against it whole."""
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / STORE_FILENAME) as store:
        workshop = store.workshops.create(Workshop(title="Idédugnad om fravær", question="Hva kan vi gjøre?"))
        yield store, workshop


def snapshot(store: Store) -> str:
    """Every row of every table, and every workshop's export."""
    db = store.db._db
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    rows = {name: sorted(repr(tuple(row)) for row in db.execute(f'SELECT * FROM "{name}"')) for name in tables}
    exports = {w.id: store.archive.export_workshop(w.id) for w in store.workshops.list()}
    return json.dumps({"rows": rows, "exports": exports}, sort_keys=True, ensure_ascii=False)


def cleaned(text: str, max_length: int, *, required: bool = True, one_line: bool = False) -> str | None:
    """What the kit stores for ``text`` (``clean_text``, then the guard), or ``None`` if it is refused."""
    try:
        text = clean_text(text, field="f", max_length=max_length, required=required)
    except InvalidInputError:
        return None
    return mask(" ".join(text.split()) if one_line else text).text


def assert_refusal_explained(exc: InvalidInputError) -> None:
    message = error_text(exc)
    assert message.strip() and message != str(exc), message
    assert NORWEGIAN.search(message) and not ENGLISH.search(message), message


@contextlib.contextmanager
def refused_or_stored(store: Store):
    """Run the block: it stores, or raises InvalidInputError with a bokmål sentence and stores nothing."""
    before = snapshot(store)
    try:
        yield
    except InvalidInputError as exc:
        assert_refusal_explained(exc)
        assert snapshot(store) == before


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def assert_inert(markup: str, *, allowed: frozenset[str] = frozenset()) -> _Markup:
    """No element or attribute that runs anything; ``allowed`` names the kit's own svg/img tags, if any."""
    markup = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "data:", markup)
    assert not re.search(r"<\s*script", markup, re.IGNORECASE), markup[:500]
    parser = _Markup()
    parser.feed(markup)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag not in {"script", "iframe", "object", "embed", "foreignobject", "base", "meta"} or (
            tag == "meta" and "meta" in allowed), tag
        assert tag not in {"svg", "img", "a"} or tag in allowed, (tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    return parser


def page_html(*roots: widgets.Widget) -> str:
    """The HTML of every HTML widget under ``roots``, shown or not."""
    found, stack, seen = [], list(roots), set()
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        if isinstance(widget, widgets.HTML):
            found.append(widget.value)
        stack.extend(getattr(widget, "children", ()))
    return "\n".join(found)


# --- The validators -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=hostile, max_length=st.integers(1, 300), required=st.booleans())
def test_clean_text_does_exactly_what_it_documents(text, max_length, required):
    try:
        result = clean_text(text, field="text", max_length=max_length, required=required)
    except InvalidInputError as exc:
        assert exc.reason in ("empty", "too_long")
        assert_refusal_explained(exc)
        return
    for ch in result:  # no control, format (bidi, zero width) or lone surrogate character; tab and line break stay
        assert ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"), repr(ch)
    assert unicodedata.is_normalized("NFC", result)
    assert result == result.strip() and all(line == line.rstrip() for line in result.split("\n"))
    assert len(result) <= max_length and (result or not required)
    assert clean_text(result, field="text", max_length=max_length, required=required) == result  # idempotent
    # Nothing else is lost or added: the visible characters are the ones typed, in order.
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs") and not ch.isspace())
    assert unicodedata.normalize("NFD", kept) == unicodedata.normalize("NFD", "".join(result.split()))


@pytest.mark.parametrize("text, stored", [
    ("  Mer\r\nfritid \x00 ", "Mer\nfritid"),
    ("\u202eLES BAKLENGS\u202c", "LES BAKLENGS"),
    ("halv \ud800 surrogat", "halv  surrogat"),
    ("e\x00\u0301", "é"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # stored as typed: escaped where it is shown
])
def test_clean_text_examples(text, stored):
    assert clean_text(text, field="text", max_length=100) == stored


@pytest.mark.parametrize("text, reason, words", [
    ("", "empty", "tomt"), (" \t\u00a0\n", "empty", "tomt"), ("\x00\u202e\u200b", "empty", "tomt"),
    ("x" * 100_000, "too_long", "100000"), (None, "not_text", "tekst"), (["liste"], "not_text", "tekst"),
])
def test_clean_text_refusals_name_the_rule(text, reason, words):
    with pytest.raises(InvalidInputError) as caught:
        clean_text(text, field="text", max_length=MAX_IDEA_LENGTH)
    assert caught.value.reason == reason
    assert_refusal_explained(caught.value)
    assert words in error_text(caught.value)


_ANYTHING = st.one_of(hostile, st.none(), st.integers(), st.floats(), st.booleans(), st.lists(st.text(max_size=3)),
                      st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.binary(max_size=4))


@EXAMPLES
@given(value=_ANYTHING)
def test_check_choice_and_check_id_refuse_anything_else_in_bokmal(value):
    for check in (lambda: check_choice(value, ("ansatt", "leder"), "group"), lambda: check_id(value, "workshop_id")):
        try:
            result = check()
        except InvalidInputError as exc:
            assert_refusal_explained(exc)
        else:
            assert isinstance(result, str) and result.strip()


# --- Through the store ------------------------------------------------------------------------


@EXAMPLES
@given(text=hostile, group=st.one_of(st.sampled_from(["ansatt", "ungdom", ""]), hostile))
def test_an_idea_is_stored_cleaned_and_masked_or_refused_with_nothing_stored(text, group):
    with fresh_store() as (store, workshop), refused_or_stored(store):
        store.ideas.add(Idea(workshop.id, text, group=group))
        (stored,) = store.ideas.list(workshop.id)
        assert stored.text == cleaned(text, MAX_IDEA_LENGTH)
        assert stored.group == (group or "annet")


@EXAMPLES
@given(title=hostile, question=hostile)
def test_a_workshop_title_and_question_are_stored_cleaned_or_refused(title, question):
    with fresh_store() as (store, _), refused_or_stored(store):
        workshop = store.workshops.create(Workshop(title=title, question=question))
        stored = store.workshops.get(workshop.id)
        assert stored.title == cleaned(title, MAX_TITLE_LENGTH)
        assert stored.question == cleaned(question, 1000, required=False)


@EXAMPLES
@given(name=hostile, notes=hostile, sector=st.one_of(st.just("nav"), hostile),
       interest=st.one_of(st.integers(0, 6), st.floats(), hostile))
def test_a_stakeholder_is_stored_cleaned_or_refused(name, notes, sector, interest):
    with fresh_store() as (store, workshop), refused_or_stored(store):
        store.stakeholders.save(Stakeholder(workshop.id, name, sector, interest, 3, notes=notes, channel=notes))
        (stored,) = store.stakeholders.list(workshop.id)
        assert stored.name == cleaned(name, 200)
        assert stored.notes == stored.channel == cleaned(notes, 2000, required=False)


@EXAMPLES
@given(title=hostile, phase=hostile, service=hostile, what=hostile, quote=hostile, position=st.integers(-5, 10**20))
def test_a_journey_and_its_step_are_stored_cleaned_or_refused(title, phase, service, what, quote, position):
    with fresh_store() as (store, workshop), refused_or_stored(store):
        journey = Journey(workshop.id, title, case=quote, phases=[phase, "Tiltak"])
        step = Step(journey.id, position, phase, service, "møte", what, quote=quote)
        store.journeys.save(journey)
        store.journeys.add_step(step)
        (stored_journey,) = store.journeys.list(workshop.id)
        (stored_step,) = store.journeys.steps(journey.id)
        assert stored_journey.title == cleaned(title, MAX_TITLE_LENGTH)
        assert stored_journey.case == cleaned(quote, MAX_CASE_LENGTH, required=False)
        assert stored_journey.phases[0] == stored_step.phase == cleaned(phase, MAX_PHASE_LENGTH, one_line=True)
        assert stored_step.what == cleaned(what, MAX_WHAT_LENGTH)
        assert stored_step.quote == cleaned(quote, MAX_NOTE_LENGTH, required=False)
        assert cleaned(service, MAX_SERVICE_LENGTH, one_line=True) is not None


@EXAMPLES
@given(label=hostile, name=hostile, comment=hostile)
def test_theme_labels_concepts_and_comments_are_stored_cleaned_or_refused(label, name, comment):
    with fresh_store() as (store, workshop):
        with refused_or_stored(store):
            store.themes.save_theming(workshop.id, [WallTheme(workshop.id, "t1", label)], {})
            assert store.themes.list(workshop.id)[0].label == cleaned(label, 120)
        with refused_or_stored(store):
            concept = Concept(workshop.id, name, description=comment)
            store.concepts.save(concept)
            (stored,) = store.concepts.list(workshop.id)
            assert stored.name == cleaned(name, 120)
            assert stored.description == cleaned(comment, 2000, required=False)
            with refused_or_stored(store):
                store.concepts.save_feedback(ConceptFeedback(concept.id, "s1", "bra", comment))
                assert store.concepts.feedback(workshop.id)[0].comment == cleaned(comment, 2000, required=False)


# --- Through the pages, and out as HTML ------------------------------------------------------------


@EXAMPLES
@given(text=hostile)
def test_esc_and_a_wall_card_show_any_text_as_text(text):
    assert html.unescape(esc(text)) == text
    card = assert_inert(card_html(text, "ungdom", "nb", hidden=True, hidden_label="<b>skjult</b>"))
    assert {tag for tag, _ in card.tags} <= {"div", "span", "em"}
    assert text.replace("\r\n", "\n").replace("\r", "\n") in (
        "".join(card.text).replace("\r\n", "\n").replace("\r", "\n")
    )


@EXAMPLES
@given(text=hostile)
def test_the_participant_form_stores_cleaned_text_or_says_why_not_and_shows_no_markup(text):
    with fresh_store() as (store, workshop):
        page = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id="s1")
        before = snapshot(store)
        page.text.value = text
        idea = page.submit() or page.submit()  # personal data: the first press shows the masked text
        shown = page_html(page.widget, page.idea_form)
        assert_inert(shown)
        expected = cleaned(text, MAX_IDEA_LENGTH)
        if expected is None:
            assert idea is None and 'class="sk-error"' in page.send_status.value
            assert NORWEGIAN.search(page.send_status.value) and not ENGLISH.search(page.send_status.value)
            assert snapshot(store) == before
        else:
            assert [i.text for i in store.ideas.list(workshop.id)] == [expected]
            assert esc(expected) in html_of(page.mine)


@FEW
@given(change=hostile, day=st.integers(1, 5))
def test_the_evaluation_form_stores_cleaned_text_or_says_why_not(change, day):
    with fresh_store() as (store, workshop):
        store.room.set_stage(workshop.id, "evaluering")  # the form takes answers only then
        form = EvaluationForm(store, workshop.id, "s1", "nb")
        before = snapshot(store)
        form.day.value, form.voice.value, form.change.value = day, 3, change
        sent = form.send()
        assert_inert(page_html(form.widget))
        expected = cleaned(change, 1000, required=False)
        if expected is None:
            assert sent is None and NORWEGIAN.search(form.status.value) and snapshot(store) == before
        else:
            assert [e.change for e in store.room.evaluations(workshop.id)] == [expected]


@FEW
@given(headings=st.lists(hostile, min_size=1, max_size=4), name=st.sampled_from(["liste.csv", "liste.xlsx",
                                                                                "<svg onload=alert(1)>.csv"]))
def test_an_uploaded_register_quotes_hostile_cells_as_text_and_stores_nothing(headings, name):
    """The stakeholder page names a file's unknown columns back to the coordinator: as text, in bokmål."""
    from samskaping.pages.stakeholders import StakeholderPage

    content = ";".join(h.replace(";", ",").replace("\n", " ").replace("\r", " ") for h in headings) + "\n"
    with fresh_store() as (store, workshop):
        page = StakeholderPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))
        before = snapshot(store)
        assert page.import_files([{"name": name, "content": content.encode("utf-8", "surrogatepass")}]) == 0
        assert snapshot(store) == before
        status = page.upload_status.value
        assert_inert(status)
        assert 'class="sk-error"' in status and NORWEGIAN.search(status) and not ENGLISH.search(status)


@pytest.fixture(scope="module")
def hostile_workshop(tmp_path_factory):
    """A workshop with every hostile text in every free-text field that accepts it."""
    store = Store(tmp_path_factory.mktemp("fiendtlig") / STORE_FILENAME)
    texts = [text for text in HOSTILE if cleaned(text, 200) is not None]
    workshop = store.workshops.create(Workshop(title="<script>alert('tittel')</script>",
                                              question="<svg onload=alert(1)> Hva kan vi gjøre?"))
    for i, text in enumerate(texts):
        store.ideas.add(Idea(workshop.id, text, group="ungdom", session_id=f"s{i}"))
        store.stakeholders.save(Stakeholder(workshop.id, text, "nav", 1 + i % 5, 5 - i % 5, notes=text))
    journey = store.journeys.save(Journey(workshop.id, texts[0], case=texts[1], phases=["<b>Fase</b>", "Tiltak"]))
    for i, text in enumerate(texts[:8]):
        store.journeys.add_step(Step(journey.id, i, "<b>Fase</b>", text[:80], "møte", text, quote=text, wait_days=i))
    store.themes.save_theming(
        workshop.id, [WallTheme(workshop.id, f"t{i}", text[:120]) for i, text in enumerate(texts[:5])],
        {idea.id: "t0" for idea in store.ideas.list(workshop.id)},
    )
    store.concepts.save(Concept(workshop.id, texts[2][:120], description=texts[3], next_step=texts[4]))
    yield store, workshop
    store.close()


def test_the_facilitators_wall_shows_hostile_ideas_as_text(hostile_workshop):
    from samskaping.pages.facilitator import FacilitatorPage

    store, workshop = hostile_workshop
    page = FacilitatorPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))
    page.refresh()
    shown = page_html(page.widget, *page._panels.values())
    assert_inert(shown, allowed=frozenset({"svg", "a", "img"}))  # the join QR code (svg), links to the other pages
    for idea in store.ideas.list(workshop.id):
        assert esc(idea.text) in shown


def test_the_html_report_and_its_figures_show_hostile_text_as_text(hostile_workshop):
    from samskaping.reports.build import build_report
    from samskaping.reports.html import write_html

    store, workshop = hostile_workshop
    buffer = io.BytesIO()
    write_html(build_report(store, workshop.id), buffer)
    page = buffer.getvalue().decode("utf-8")
    assert_inert(page, allowed=frozenset({"img", "a", "meta"}))  # figures as data: images, the contents' anchors
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert esc("<script>alert('tittel')</script>") in page
    for data in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", page):
        figure = assert_inert(base64.b64decode(data).decode("utf-8"), allowed=frozenset({"svg"}))
        assert [tag for tag, _ in figure.tags].count("svg") == 1  # the figure itself; labels are text
