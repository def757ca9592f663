"""Shared pieces of the pages: styles, escaping, small widget builders, the live-update loop, the staff pages.

Every piece of free text shown in an ``HTML`` widget goes through :func:`esc`;
widgets whose ``value`` is plain text (``Text``, ``Textarea``, ``Label``)
need no escaping.
"""

from __future__ import annotations

import asyncio
import base64
import html
import io
import logging
from collections.abc import Callable

import ipywidgets as widgets

from samskaping.core.exceptions import InvalidInputError, SamskapingError
from samskaping.core.i18n import DEFAULT_LANG, choose_lang, error_text, group_label, staff_lang, t
from samskaping.core.models import Workshop
from samskaping.pages.request import PageRequest, page_request
from samskaping.store import Store, open_store

__all__ = [
    "esc", "style", "lang_marker", "page_box", "require_stage", "status", "live_html", "labelled", "scale",
    "confirm_button",
    "Picture", "card_html", "figure_bytes", "download_links", "LivePage", "WorkshopPicker", "StaffPage", "live_widget",
]

_CSS = """
<style>
.sk-page { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 16px; }
.sk-page h1 { font-size: 1.5rem; margin: 0.2rem 0 0.4rem; }
.sk-page h2 { font-size: 1.2rem; margin: 0.8rem 0 0.3rem; }
.sk-page h1.sk-compact { font-size: 1.15rem; margin: 0 0 0.2rem; }
.sk-question { font-size: 1.15rem; background: #f3f6fb; border-left: 4px solid #1f5fa8;
  padding: 0.5rem 0.75rem; margin: 0.3rem 0 0.6rem; white-space: pre-wrap; }
.sk-help { color: #444; font-size: 0.95rem; }
.sk-ok { color: #0b6b2f; font-weight: 600; }
.sk-error { color: #a01818; font-weight: 600; }
.sk-warning { color: #6b4a00; background: #fff4d6; border: 1px solid #e0b84c; border-radius: 6px; padding: 0.5rem; }
.sk-warning .sk-card { margin-top: 0.4rem; color: #222; }
.sk-plan { border-collapse: collapse; font-size: 0.9rem; }
.sk-plan th, .sk-plan td { border: 1px solid #ccc; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
.sk-card { box-sizing: border-box; background: #fff8c5; border: 1px solid #e5d97a; border-radius: 6px;
  padding: 0.5rem 0.7rem; white-space: pre-wrap; overflow-wrap: anywhere; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.sk-card.sk-hidden { background: #eee; color: #777; text-decoration: line-through; }
.sk-badge { display: inline-block; font-size: 0.8rem; background: #1f5fa8; color: #fff; border-radius: 3px;
  padding: 0 0.35rem; margin-left: 0.4rem; text-decoration: none; }
.sk-paper { background: #6b6b6b; }
.sk-mine li { margin-bottom: 0.3rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.sk-page .jupyter-button.sk-small { min-height: 2rem; font-size: 14px; }
.sk-page .jupyter-button.sk-confirm { background: #a01818; color: #fff; font-weight: 700; }
.sk-mine-row { align-items: flex-start; gap: 0.4rem; border-bottom: 1px solid #ddd; padding: 0.3rem 0; }
.sk-wall-card .sk-card { min-height: 4rem; }
.sk-timer { font-size: 1.4rem; font-variant-numeric: tabular-nums; }
.sk-overrun { color: #a01818; }
.sk-flow { border: 2px solid #1f5fa8; border-radius: 8px; padding: 0.3rem 0.8rem; margin: 0.5rem 0; }
.sk-warn-line { color: #8a4b00; font-weight: 600; }
.sk-counts td { padding: 0.1rem 0.6rem 0.1rem 0; }
.sk-page .widget-textarea textarea { font-size: 16px; box-sizing: border-box; }
.sk-page .sk-idea textarea { min-height: 7rem; }
.sk-page .widget-text input, .sk-page select { font-size: 16px; }
.sk-page .jupyter-button { font-size: 16px; height: auto; min-height: 2.6rem; width: auto; max-width: 100%;
  min-width: 2.6rem; white-space: normal; line-height: 1.25; padding: 0.35rem 0.9rem; }
.sk-code { font-size: 2.2rem; font-weight: 700; letter-spacing: 0.2rem; }
/* Universell utforming (WCAG 2.1 AA). A label only a screen reader reads (the field's purpose is plain
   from what stands beside it): */
.sk-page .sk-sr-label > .widget-label { position: absolute !important; width: 1px; height: 1px; margin: -1px;
  padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
/* A label above its field, the whole width: nothing is cut off on a phone or at 200 % zoom. */
.sk-page .sk-field { flex-direction: column; align-items: stretch; width: 100%; height: auto; }
.sk-page .sk-field > .widget-label { width: auto; max-width: none; text-align: left; margin: 0.4rem 0 0.2rem;
  white-space: normal; line-height: 1.3; height: auto; }
.sk-page .sk-field > select, .sk-page .sk-field > input, .sk-page .sk-field > textarea,
.sk-page .sk-field > .widget-readout { width: 100%; flex: 0 0 auto; }
.sk-page .sk-field > textarea { min-height: 4rem; }
.sk-page select, .sk-page input, .sk-page textarea { font-family: inherit; }
.sk-page .sk-field > select, .sk-page .sk-field > input { min-height: 2.4rem; }
/* Choice buttons wrap their words instead of cutting them ("Bruker eller pårørende"). */
.sk-page .widget-toggle-buttons { flex-wrap: wrap; height: auto; }
.sk-page .widget-toggle-buttons .widget-toggle-button { white-space: normal; height: auto; min-height: 2.6rem;
  line-height: 1.25; padding: 0.4rem 0.5rem; overflow: visible; text-overflow: clip; overflow-wrap: anywhere;
  hyphens: auto; }
.sk-page .widget-label { white-space: normal; overflow-wrap: anywhere; }
/* The chosen option is unmistakable: colour, weight and a check mark, which screen readers read too. */
.sk-page .widget-toggle-button.mod-active { background: #1f5fa8; color: #fff; font-weight: 700; }
.sk-page .widget-toggle-button.mod-active::before { content: "✓ "; }
/* The room's ratings in a risk round, read by staff at the table: body-size text. */
.sk-page .sk-risk-round .widget-html-content { font-size: 1rem; }
/* The language switch: one small row at the top, out of the way of the question. */
.sk-page .sk-lang { margin: 0 0 0.3rem; }
.sk-page .sk-lang .widget-toggle-button { min-height: 2.2rem; min-width: 0; font-size: 13px;
  padding: 0.1rem 0.3rem; margin: 0 0.2rem 0.25rem 0; }
/* Focus is always visible, for people who use the keyboard. */
.sk-page :focus-visible, .sk-page .jupyter-button:focus, .sk-page select:focus, .sk-page input:focus,
.sk-page textarea:focus { outline: 3px solid #1f5fa8 !important; outline-offset: 2px; }
/* Accordion headers: Jupyter's grey on grey is 4.45:1; AA asks 4.5:1. */
.sk-page .jupyter-widget-Collapse-header, .sk-page .jupyter-widget-Collapse-header > span { color: #222; }
.sk-page .sk-figure img { display: block; width: 100%; height: auto; }
/* Long words and links wrap; a data table scrolls inside its own box, never the whole page. */
.sk-page .widget-html-content { overflow-wrap: anywhere; }
.sk-page .sk-scroll { overflow-x: auto; max-width: 100%; }
.sk-page .sk-figure-empty { color: #444; font-style: italic; padding: 0.5rem 0; }
.sk-page button, .sk-page .widget-label, .sk-page .widget-html-content { min-width: 0; }
</style>
"""


def esc(text: str) -> str:
    """Escape free text for an HTML widget.

    >>> esc('<img src=x onerror=alert(1)> & "hei"')
    '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;hei&quot;'
    """
    return html.escape(text, quote=True)


def style(lang: str = DEFAULT_LANG) -> widgets.HTML:
    """The page's stylesheet, as a widget to put first on a page, with the page's language.

    The kit's script (``/samskaping/a11y.js``) sets ``<html lang>`` from the
    last ``data-sk-lang`` marker on the page (:func:`lang_marker`).
    """
    return widgets.HTML(_CSS + lang_marker(lang))


def lang_marker(lang: str) -> str:
    """An invisible marker saying which language the page is in, for screen readers (WCAG 3.1.1).

    >>> lang_marker("en")
    '<span hidden data-sk-lang="en"></span>'
    """
    return f'<span hidden data-sk-lang="{esc(lang)}"></span>'


def page_box(children: list, *, max_width: str = "40rem") -> widgets.VBox:
    """A column that fills a phone screen and stays readable on a projector."""
    box = widgets.VBox(children, layout=widgets.Layout(width="100%", max_width=max_width, padding="0 0.25rem"))
    box.add_class("sk-page")
    return box


def require_stage(store: Store, workshop_id: str, stage: str) -> None:
    """Refuse an action the room's current stage does not offer, whatever the phone's widgets say.

    A phone's form may be stale (the facilitator moved on a second ago) or
    driven over the websocket with the form hidden; the store's stage decides.
    """
    current, _, _ = store.room.stage(workshop_id)
    if current != stage:
        raise InvalidInputError(
            f"The workshop is at stage {current!r}, which does not take this ({stage!r}); the page shows what is open.",
            reason="stage_closed", stage=current,
        )


def status(message: str = "", kind: str = "ok") -> str:
    """HTML for a confirmation (``ok``) or a friendly error (``error``) line.

    Shown in a :func:`live_html` widget, the line is read out by screen readers
    when it changes (``role="status"``); an error is read out at once
    (``role="alert"``).
    """
    role = "alert" if kind == "error" else "status"
    return f'<div class="sk-{kind}" role="{role}">{esc(message)}</div>' if message else ""


def live_html(value: str = "") -> widgets.HTML:
    """An HTML widget whose changes screen readers announce: confirmations, errors, stage changes.

    The page's script (``/samskaping/a11y.js``) makes the widget's content a
    polite live region; a region that is always there is announced reliably,
    a ``role="status"`` element that appears with the text is not.
    """
    widget = widgets.HTML(value)
    widget.add_class("sk-live")
    return widget


def labelled(widget: widgets.Widget, label: str, *, visible: bool = True) -> widgets.Widget:
    """Give a form field its name: a label above it, or one only a screen reader reads.

    Every field needs an accessible name (WCAG 1.3.1, 4.1.2); ``visible=False``
    is for fields whose purpose is plain from what stands beside them (a theme
    picker under each idea). The label is the widget's ``description``, which
    ipywidgets ties to the field with ``<label for>``.
    """
    widget.description = label
    widget.description_allow_html = False
    widget.style.description_width = "initial"
    widget.add_class("sk-field" if visible else "sk-sr-label")
    return widget


def scale(label: str, lang: str, value: int = 3) -> widgets.Dropdown:
    """A 1-5 score as a labelled list (1 – lav … 5 – høy): a keyboard and a screen reader can use it.

    The kit used sliders here, whose handles no screen reader could name.
    """
    words = {1: t("field.scale.low", lang), 3: t("field.scale.middle", lang), 5: t("field.scale.high", lang)}
    options = [(t("field.benefit.value", lang, value=n, word=words[n]) if n in words else str(n), n)
               for n in range(1, 6)]
    return labelled(widgets.Dropdown(options=options, value=value), label)


def confirm_button(label: str, confirm_label: str, on_confirm) -> widgets.Button:
    """A button that asks once more before it does something that cannot be undone (deleting a post).

    The first press turns it red with ``confirm_label`` ("Slett for godt?");
    the second calls ``on_confirm()``. No browser dialog: those are easy to
    tap away on a phone and invisible to some screen readers.
    """
    button = widgets.Button(description=label)
    button.add_class("sk-small")

    def pressed(_) -> None:
        if "sk-confirm" in button._dom_classes:
            button.remove_class("sk-confirm")
            button.description = label
            on_confirm()
        else:
            button.add_class("sk-confirm")
            button.description = confirm_label

    button.on_click(pressed)
    return button


class Picture:
    """A figure on a page, with its text alternative: a screen reader hears what it shows, not "bilde".

    ``widget`` goes on the page; :meth:`show` puts a PNG there with ``alt``
    (the analysis's own plain-language summary) and keeps the bytes in
    :attr:`png`; :meth:`clear` shows a line of text instead of an empty,
    broken image.
    """

    def __init__(self, *, max_width: str = "100%") -> None:
        self.widget = widgets.HTML(layout=widgets.Layout(width="100%", max_width=max_width))
        self.widget.add_class("sk-figure")
        self.png = b""
        self.alt = ""

    def show(self, png: bytes, alt: str) -> None:
        self.png, self.alt = png, alt
        data = base64.b64encode(png).decode("ascii")
        self.widget.value = f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}">'

    def clear(self, placeholder: str = "") -> None:
        self.png, self.alt = b"", ""
        self.widget.value = f'<p class="sk-figure-empty">{esc(placeholder)}</p>' if placeholder else ""


def card_html(text: str, group: str, lang: str, *, hidden: bool = False, hidden_label: str = "",
              paper_label: str = "") -> str:
    """One idea as a sticky note: escaped text, the author's group, and 'from paper' when typed in for someone."""
    badge = f'<span class="sk-badge">{esc(group_label(group, lang))}</span>'
    if paper_label:
        badge += f'<span class="sk-badge sk-paper">{esc(paper_label)}</span>'
    extra = f' <em>({esc(hidden_label)})</em>' if hidden and hidden_label else ""
    css = "sk-card sk-hidden" if hidden else "sk-card"
    return f'<div class="{css}">{esc(text)}{badge}{extra}</div>'


def figure_bytes(figure, fmt: str = "png", dpi: int = 100) -> bytes:
    """A matplotlib figure as PNG/SVG/PDF bytes, for an Image widget or a download."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=dpi)
    return buffer.getvalue()


MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_links(files: dict[str, bytes]) -> str:
    """HTML links that download each file from the page itself (data: URLs; nothing is stored on a server).

    >>> download_links({"kart.csv": b"a,b"})
    '<p><a download="kart.csv" href="data:text/csv;base64,YSxi">kart.csv</a></p>'
    """
    links = []
    for name, data in files.items():
        mime = MIME_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
        links.append(f'<a download="{esc(name)}" href="data:{mime};base64,{base64.b64encode(data).decode()}">'
                     f"{esc(name)}</a>")
    return "<p>" + " · ".join(links) + "</p>"


class LivePage:
    """A page that keeps itself up to date while it is open.

    Several people work on one workshop from their own kernels, so a page asks
    the store every ``poll_seconds`` whether something changed (``refresh()``
    does one small query and redraws only on change). The loop runs in the
    kernel's event loop and survives a failed round: a busy store is retried.
    """

    poll_seconds: float = 2.0
    _task: asyncio.Task | None = None

    def refresh(self):  # pragma: no cover - every page defines it
        raise NotImplementedError

    def start_live(self, interval: float | None = None) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._poll(interval or self.poll_seconds))

    def stop_live(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _poll(self, interval: float) -> None:
        while True:
            try:
                self.refresh()
            except Exception:  # keep the page alive; the next round may succeed
                logging.getLogger(type(self).__module__).exception("%s refresh failed", type(self).__name__)
            await asyncio.sleep(interval)


class WorkshopPicker:
    """The drop-down where staff choose the workshop a page shows: one for every staff page.

    ``open(ref)`` finds a workshop by id or join code, keeps it as ``workshop``,
    shows it in the drop-down and calls ``on_open()`` to draw it; a workshop
    that is not there goes to ``on_error(text)`` and the open one stays.
    Choosing in the drop-down opens at once, or, with ``button``, only on the
    'Open' button next to it (the facilitator page).
    """

    def __init__(self, store: Store, lang: str, *, on_open: Callable[[], None], on_error: Callable[[str], None],
                 button: bool = False, organisation: str = ""):
        self.store, self.lang, self.on_open, self.on_error = store, lang, on_open, on_error
        self.organisation = organisation  # staff see their own organisation's workshops only
        self.workshop: Workshop | None = None
        self.dropdown = widgets.Dropdown(description=t("facilitator.pick.label", lang),
                                         layout=widgets.Layout(width="100%", max_width="36rem"))
        self.address = widgets.HTML()  # tells the page's script which workshop the address bar should name
        self.address.layout.display = "none"
        if button:
            self.button = widgets.Button(description=t("facilitator.pick.open", lang))
            self.button.on_click(lambda _: self.dropdown.value and self.open(self.dropdown.value))
            self.widget = widgets.HBox([self.dropdown, self.button, self.address],
                                       layout=widgets.Layout(flex_flow="row wrap"))
        else:
            self.dropdown.observe(lambda change: change["new"] and self._choose(change["new"]), names="value")
            self.widget = widgets.HBox([self.dropdown, self.address], layout=widgets.Layout(width="100%"))

    def load(self) -> list[Workshop]:
        """List the store's workshops to choose from (again after one was created)."""
        workshops = self.store.workshops.list(organisation=self.organisation)
        self.dropdown.options = [(f"{w.title} ({w.join_code})", w.id) for w in workshops]
        return workshops

    def open(self, ref: str) -> None:
        """Show the workshop with id or join code ``ref``; say so kindly if there is none."""
        try:
            workshop = self.store.workshops.get(ref, organisation=self.organisation)
        except SamskapingError as exc:
            self.on_error(error_text(exc, self.lang))
            return
        self.workshop = workshop
        self.dropdown.value = workshop.id  # _choose ignores the workshop already open: one open, not two
        # A reload opens this workshop, not the one the link first named (the page's script updates the address).
        self.address.value = f'<span data-sk-workshop="{esc(workshop.id)}"></span>'
        self.on_open()

    def _choose(self, workshop_id: str) -> None:
        if self.workshop is None or workshop_id != self.workshop.id:
            self.open(workshop_id)


class StaffPage(LivePage):
    """A staff page about one workshop, chosen in its :class:`WorkshopPicker` or given as ``?verksted=``.

    Every staff page reads one store in the request's language and redraws
    when the revisions of its ``topics`` move. Subclasses call
    ``super().__init__`` first, put ``self.picker.widget`` on the page, call
    :meth:`_open_requested` last, and define ``opened()`` (draw
    ``self.workshop``) and ``show_error(text)``.
    """

    topics: tuple[str, ...] = ()  # the revisions (Store.workshops.revisions) this page draws from
    picker_button = False  # choose with an 'Open' button instead of on choosing
    open_first = True  # without ?verksted=, open the first workshop

    def __init__(self, store: Store, request: PageRequest | None = None):
        self.store = store
        self.request = request or PageRequest()
        self.lang = staff_lang(choose_lang(self.request.get("lang"), self._linked_language()))
        self._revision: tuple | None = None
        self.picker = WorkshopPicker(store, self.lang, on_open=self._opened, on_error=self.show_error,
                                     button=self.picker_button, organisation=self.request.organisation)

    def _linked_language(self) -> str | None:
        """The language of the workshop the link names: a nynorsk workshop's staff pages are in nynorsk."""
        ref = self.request.get("verksted")
        if not ref:
            return None
        try:
            return self.store.workshops.get(ref, organisation=self.request.organisation).lang
        except SamskapingError:
            return None  # the picker says so once the page is built

    @property
    def workshop(self) -> Workshop | None:
        """The open workshop (the picker keeps it)."""
        return self.picker.workshop

    def open(self, ref: str) -> None:
        """Show the workshop with id or join code ``ref``; say so kindly if there is none."""
        self.picker.open(ref)

    def _load_workshops(self) -> list[Workshop]:
        """List the workshops in the picker (a page may show more about them)."""
        return self.picker.load()

    def _open_requested(self) -> None:
        """Open the workshop the link names (``?verksted=``), else, with ``open_first``, the first one."""
        workshops = self._load_workshops()
        ref = self.request.get("verksted") or (workshops[0].id if workshops and self.open_first else "")
        if ref:
            self.open(ref)

    def _opened(self) -> None:
        self._revision = None  # a new workshop: draw everything once
        self.opened()

    def _moved(self, force: bool = False) -> bool:
        """Whether this page's topics changed since it last drew (one small query); remembers what it saw."""
        if self.workshop is None:
            return False
        revisions = self.store.workshops.revisions(self.workshop.id)
        revision = tuple(revisions[topic] for topic in self.topics)
        if revision == self._revision and not force:
            return False
        self._revision = revision
        return True


def live_widget(page_class: type[LivePage], store: Store | None = None,
                request: PageRequest | None = None) -> widgets.Widget:
    """Build a page for the current Voilà request, keep it up to date, and return the widget Voilà shows."""
    page = page_class(store or open_store(), request or page_request())
    page.start_live()
    return page.widget
