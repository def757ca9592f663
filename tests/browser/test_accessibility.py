"""Universell utforming: every page, in every state a person reaches, meets WCAG 2.1 A and AA.

axe-core (the rule engine behind most accessibility audits, bundled by the
``axe-playwright-python`` package) runs inside a real chromium on pages a real
Voilà serves; any violation fails the test and names the rule and the element.
Keyboard-only use, visible focus, reflow at 320 CSS px and 200 % zoom, the
page language and the live regions are checked the way a person would meet them.
"""

from __future__ import annotations

import time
from importlib import resources

import pytest

from samskaping.core.models import Workshop
from samskaping.demo import create_demo
from samskaping.goals.model import Goal
from samskaping.ideas.model import Voting
from samskaping.projects.model import Project
from samskaping.risks.model import Risk
from samskaping.server.routes import join_url
from security.raw_http import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TIMEOUT_MS = 90_000
STAFF_PAGES = {"facilitator": "fasilitator", "ideas": "ideer", "stakeholders": "interessenter",
               "journeys": "tjenestereise", "wall": "vegg", "project": "prosjekt"}
#: The project page is about a project: a workshop's id finds its project (``?prosjekt=``).
LINK_PARAMETER = {"project": "prosjekt"}


@pytest.fixture(scope="module")
def demo(server_store):
    return create_demo(server_store)


@pytest.fixture(scope="module")
def empty(server_store):
    return server_store.workshops.create(Workshop("Tomt verksted", question="Hva trenger familiene?"))


def violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line per element."""
    page.add_script_tag(content=AXE)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           WCAG_21_AA)
    return [f"{v['id']}: {v['help']} -> {node['target']}" for v in result["violations"] for node in v["nodes"]]


def _ready(page, text: str | None = None) -> None:
    """Wait until the page's widgets are drawn (its heading, and ``text`` when given)."""
    page.locator(".sk-page h1").first.wait_for(timeout=PAGE_TIMEOUT_MS)
    if text:
        page.get_by_text(text).filter(visible=True).first.wait_for(timeout=PAGE_TIMEOUT_MS)
    time.sleep(2)  # the rest of the widgets arrive just after the first ones


def _staff_url(server, page: str, workshop: Workshop) -> str:
    parameter = LINK_PARAMETER.get(page, "verksted")
    return f"{server.local_url}/voila/render/{STAFF_PAGES[page]}.ipynb?{parameter}={workshop.id}"


def test_the_participant_page_has_no_violation_in_any_stage(voila_server, server_store, demo, phone):
    """Join, register, the idea round, voting, concepts and the evaluation, on a phone."""
    page = phone.new_page()
    page.goto(voila_server.participant_url)
    _ready(page)
    found = {"join": violations(page)}
    page.goto(join_url(voila_server.local_url, demo))
    _ready(page, demo.title)
    found["ideas"] = violations(page)
    page.get_by_role("button", name="Ansatt").click()
    page.get_by_text("Registrert som Ansatt").wait_for()
    found["registered"] = violations(page)
    server_store.votes.set_voting(Voting(demo.id, 3, "apen"))
    stages = [("stemming", "Stemmegivning"), ("konsepter", "Leksehjelp"), ("evaluering", "Hvordan var dagen?")]
    try:
        for stage, text in stages:
            server_store.room.set_stage(demo.id, stage)
            # The first match may be one the page keeps hidden (an earlier stage's): wait for one that shows.
            page.get_by_text(text).filter(visible=True).first.wait_for(timeout=30_000)
            time.sleep(1)
            found[stage] = violations(page)
    finally:  # the demo goes back to the idea round for the next test, whatever happened here
        server_store.room.set_stage(demo.id, "ideer")
        server_store.votes.set_voting(Voting(demo.id, 3, "lukket"))
    assert found == {key: [] for key in found}
    assert page.evaluate("document.documentElement.lang") == "nb"


@pytest.mark.parametrize("name", list(STAFF_PAGES))
def test_every_staff_page_has_no_violation_with_the_demo_and_empty(voila_server, demo, empty, laptop, name):
    found = {}
    for workshop in (demo, empty):
        page = laptop.new_page()
        page.goto(_staff_url(voila_server, name, workshop))
        _ready(page)
        found[workshop.title] = violations(page)
        page.close()
    assert found == {key: [] for key in found}


def test_figures_say_what_they_show_and_empty_ones_show_no_broken_picture(voila_server, demo, empty, laptop):
    page = laptop.new_page()
    page.goto(_staff_url(voila_server, "stakeholders", demo))
    _ready(page)
    grid = page.locator(".sk-figure img").first
    grid.wait_for(timeout=30_000)
    assert grid.get_attribute("alt").startswith("Interessentkart med")
    assert "Nøkkelspillere:" in grid.get_attribute("alt")
    page.goto(_staff_url(voila_server, "journeys", empty))
    _ready(page)
    assert page.locator("img:not([alt])").count() == 0
    assert page.locator(".sk-figure img").count() == 0  # nothing to draw yet: words, not a broken image
    assert page.get_by_text("Kartet tegnes når reisen har sitt første steg.").is_visible()


def _tab_to(page, describe: str, test: str, limit: int = 60) -> None:
    """Press Tab until the focused element passes the JavaScript ``test`` (given ``el``); fail after ``limit``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({test}); }})()"):
            return
    raise AssertionError(f"Tab never reached {describe}")


def _focus_ring(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth) || 0")


def test_a_participant_can_take_part_with_the_keyboard_alone(voila_server, server_store, phone):
    workshop = server_store.workshops.create(Workshop("Tastatur", question="Hva trengs i fritida?"))
    page = phone.new_page()
    page.goto(join_url(voila_server.local_url, workshop))
    _ready(page, "Hva trengs i fritida?")

    _tab_to(page, "the group button 'Ungdom'", "el.textContent.trim() === 'Ungdom'")
    assert _focus_ring(page) >= 2
    page.keyboard.press("Enter")
    page.get_by_text("Registrert som Ungdom").wait_for()
    _tab_to(page, "the idea field", "el.tagName === 'TEXTAREA'")
    assert _focus_ring(page) >= 2
    page.keyboard.type("Gratis trening for ungdom i helgene", delay=40)  # as a person types
    time.sleep(0.5)
    _tab_to(page, "the send button", "el.textContent.trim() === 'Send idé'")
    page.keyboard.press("Enter")
    page.get_by_text("Takk! Idéen din er sendt.").wait_for(timeout=15_000)
    assert [(i.text, i.group) for i in server_store.ideas.list(workshop.id)] == [
        ("Gratis trening for ungdom i helgene", "ungdom")]

    server_store.votes.set_voting(Voting(workshop.id, 3, "apen"))
    server_store.room.set_stage(workshop.id, "stemming")
    page.get_by_text("Stemmegivning").wait_for(timeout=30_000)
    page.locator("body").click(position={"x": 1, "y": 1})  # keyboard focus starts from the top again
    _tab_to(page, "a dot button", "el.textContent.trim() === 'Prikk'")
    page.keyboard.press(" ")
    assert wait_for(lambda: sum(server_store.votes.my_dots(workshop.id, _session(server_store, workshop)).values())
                    == 1, 10)

    server_store.room.set_stage(workshop.id, "evaluering")
    page.get_by_text("Hvordan var dagen?").first.wait_for(timeout=30_000)
    page.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(2):  # the day, then having a voice: a 4 for each
        _tab_to(page, "a score button 4", "el.textContent.trim() === '4' && !el.classList.contains('mod-active')")
        page.keyboard.press("Enter")
    _tab_to(page, "the evaluation's send button", "el.textContent.trim() === 'Send evaluering'")
    page.keyboard.press("Enter")
    assert wait_for(lambda: [(e.day, e.voice) for e in server_store.room.evaluations(workshop.id)] == [(4, 4)], 10)


def _session(store, workshop: Workshop) -> str:
    [idea] = store.ideas.list(workshop.id)
    return idea.session_id


def test_the_facilitator_runs_the_steps_with_the_keyboard(voila_server, server_store, laptop):
    workshop = server_store.workshops.create(Workshop("Stegvis", question="Hva nå?"))
    page = laptop.new_page()
    page.goto(_staff_url(voila_server, "facilitator", workshop))
    _ready(page, "Stegvis")
    _tab_to(page, "the next step button", "el.textContent.trim().startsWith('Neste')")
    assert _focus_ring(page) >= 2
    page.keyboard.press("Enter")
    assert wait_for(lambda: server_store.room.stage(workshop.id)[1] == 1, 15)


def _overflowing(page) -> list[str]:
    """Elements whose text is cut off sideways, and the page itself when it scrolls sideways."""
    return page.evaluate("""() => {
        const cut = [];
        const root = document.scrollingElement;
        if (root.scrollWidth > root.clientWidth + 1) cut.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
        for (const el of document.querySelectorAll('.sk-page button, .sk-page label, .sk-page .widget-html-content')) {
            // A data table may scroll inside its own box (WCAG 1.4.10 exempts two-dimensional content).
            const scrolls = ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
            if (el.offsetParent && !scrolls && el.scrollWidth > el.clientWidth + 1) {
                cut.push(el.textContent.trim().slice(0, 40));
            }
        }
        return cut;
    }""")


def test_nothing_is_cut_off_or_scrolls_sideways_at_320_px_with_wider_text_spacing(voila_server, demo, browser):
    """WCAG 1.4.10 reflow (320 CSS px) and 1.4.12 text spacing, on the phone page."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nb-NO")
    try:
        page = context.new_page()
        page.goto(join_url(voila_server.local_url, demo))
        _ready(page, demo.title)
        assert _overflowing(page) == []
        page.add_style_tag(content="* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
                                   " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }")
        time.sleep(0.5)
        assert _overflowing(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("name", ["facilitator", "ideas", "stakeholders", "journeys", "project"])
def test_staff_pages_reflow_at_200_percent_zoom(voila_server, demo, browser, name):
    """WCAG 1.4.4: a 1280 px laptop at 200 % zoom is 640 CSS px wide; nothing scrolls sideways."""
    from helpers import _close, login

    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2, locale="nb-NO")
    try:
        login(context, voila_server)
        page = context.new_page()
        page.goto(_staff_url(voila_server, name, demo))
        _ready(page)
        assert _overflowing(page) == []
    finally:
        _close(context)


def test_an_english_page_says_so_and_messages_are_live_regions(voila_server, demo, phone):
    page = phone.new_page()
    page.goto(join_url(voila_server.local_url, demo) + "&lang=en")
    _ready(page, demo.title)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_role("button", name="Employee").click()
    status = page.locator("[aria-live=polite]").filter(has_text="Registered as Employee")
    status.wait_for(timeout=15_000)


@pytest.fixture(scope="module")
def full_project(server_store):
    """A project with workshops, risks in every level and a goal tree with a check to show: the page at its fullest."""
    project = server_store.projects.create(Project("Sammen mot vold og overgrep", municipalities="Nordby, Sørvik"))
    workshop = server_store.workshops.create(Workshop("Innsiktsworkshop med foreldre", phase="innsikt"),
                                             project_id=project.id)
    server_store.risks.merge(project.id, [
        Risk(project.id, "Prosjektet forankres ikke blant ansatte i skole og barnehage", 4, 4, nr=1,
             measures="Informasjon på personalmøter og i ledermøtet; tillitsvalgte med fra start",
             owner="Prosjektleder"),
        Risk(project.id, "Koordinator slutter", 2, 5, nr=2, measures="Rutinene skrives ned", owner="Kommunalsjef"),
        Risk(project.id, "Brukerstemmen tas ikke med", 3, 2, nr=3, owner="Erfaringskonsulent", status="tiltak"),
        Risk(project.id, "Frivillige trekker seg", 1, 2, nr=4),
    ])
    top = server_store.goals.save(Goal(project.id, "samfunnsmal", "Barn og unge i Nordby vokser opp trygt"))
    effect = server_store.goals.save(Goal(project.id, "effektmal", "Vold oppdages tidligere", parent_id=top.id))
    server_store.goals.save(Goal(project.id, "resultatmal", "Alle ansatte har kurs i samtaler med barn",
                                 indicator="Andel ansatte med kurs", source="Kursliste", when="Juni 2027",
                                 parent_id=effect.id))
    server_store.goals.save(Goal(project.id, "resultatmal", "Felles handlingsveileder", parent_id=effect.id))
    return workshop


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["project-1366x768", "project-1920x1080"])
def test_the_project_page_fits_a_laptop_and_a_big_screen_and_a_risk_is_added_by_keyboard(
        voila_server, server_store, full_project, browser, size):
    """No violation, nothing cut off, and a risk typed, scored and saved with the keyboard alone."""
    from helpers import _close, login

    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nb-NO")
    try:
        login(context, voila_server)
        page = context.new_page()
        page.goto(_staff_url(voila_server, "project", full_project))
        _ready(page, "Sammen mot vold og overgrep")
        page.locator(".sk-figure img").nth(1).wait_for(timeout=PAGE_TIMEOUT_MS)  # the matrix and the goal tree
        assert violations(page) == []
        assert _overflowing(page) == []
        matrix = page.locator(".sk-figure img").first
        alt = matrix.get_attribute("alt")  # 4 risks, and one more from the keyboard for each size before
        assert alt.startswith("Risikomatrise med ") and "Høy: Nr. 1 (4 × 4 = 16), Nr. 2 (2 × 5 = 10)." in alt
        assert matrix.bounding_box()["width"] >= 500  # readable, not squeezed beside the form

        project = server_store.projects.get(full_project.id)
        title = f"Tastatur {width}"
        _tab_to(page, "the risk field", "el.tagName === 'INPUT' && el.labels && el.labels[0] && "
                                        "el.labels[0].textContent.trim() === 'Risiko'", limit=80)
        assert _focus_ring(page) >= 2
        page.keyboard.type(title, delay=20)
        page.keyboard.press("Tab")  # to likelihood: a list a keyboard chooses in by typing the number
        page.keyboard.type("4")
        page.keyboard.press("Tab")
        page.keyboard.type("2")
        time.sleep(0.5)
        _tab_to(page, "the save button", "el.textContent.trim() === 'Lagre risikoen'")
        page.keyboard.press("Enter")
        assert wait_for(lambda: [(r.likelihood, r.consequence) for r in server_store.risks.list(project.id)
                                 if r.title == title] == [(4, 2)], 15)
        page.locator("table.sk-risks").get_by_text(title).wait_for(timeout=15_000)
        time.sleep(1)
        assert violations(page) == []
    finally:
        _close(context)
