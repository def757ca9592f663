"""Shared pieces of the pages: styles, escaping and small widget builders.

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

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import error_text, group_label, t

__all__ = [
    "esc", "style", "page_box", "status", "card_html", "figure_bytes", "download_links", "LivePage",
    "StaffPage",
]

_CSS = """
<style>
.sk-page { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 16px; }
.sk-page h1 { font-size: 1.5rem; margin: 0.2rem 0 0.4rem; }
.sk-page h2 { font-size: 1.2rem; margin: 0.8rem 0 0.3rem; }
.sk-question { font-size: 1.15rem; background: #f3f6fb; border-left: 4px solid #1f5fa8;
  padding: 0.5rem 0.75rem; margin: 0.3rem 0 0.6rem; white-space: pre-wrap; }
.sk-help { color: #444; font-size: 0.95rem; }
.sk-ok { color: #0b6b2f; font-weight: 600; }
.sk-error { color: #a01818; font-weight: 600; }
.sk-warning { color: #6b4a00; background: #fff4d6; border: 1px solid #e0b84c; border-radius: 6px; padding: 0.5rem; }
.sk-warning .sk-card { margin-top: 0.4rem; color: #222; }
.sk-plan { border-collapse: collapse; font-size: 0.9rem; }
.sk-plan th, .sk-plan td { border: 1px solid #ccc; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
.sk-card { box-sizing: border-box; background: #fff8c5; border: 1px solid #e5d97a; border-radius: 6px; padding: 0.5rem 0.7rem;
  white-space: pre-wrap; overflow-wrap: anywhere; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.sk-card.sk-hidden { background: #eee; color: #777; text-decoration: line-through; }
.sk-badge { display: inline-block; font-size: 0.8rem; background: #1f5fa8; color: #fff; border-radius: 3px;
  padding: 0 0.35rem; margin-left: 0.4rem; text-decoration: none; }
.sk-paper { background: #6b6b6b; }
.sk-mine li { margin-bottom: 0.3rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.sk-page .jupyter-button.sk-small { height: 2rem; font-size: 14px; }
.sk-wall-card .sk-card { min-height: 4rem; }
.sk-timer { font-size: 1.4rem; font-variant-numeric: tabular-nums; }
.sk-overrun { color: #a01818; }
.sk-flow { border: 2px solid #1f5fa8; border-radius: 8px; padding: 0.3rem 0.8rem; margin: 0.5rem 0; }
.sk-warn-line { color: #8a4b00; font-weight: 600; }
.sk-counts td { padding: 0.1rem 0.6rem 0.1rem 0; }
.sk-page .widget-textarea textarea { font-size: 16px; box-sizing: border-box; }
.sk-page .sk-idea textarea { min-height: 7rem; }
.sk-page .widget-text input, .sk-page select { font-size: 16px; }
.sk-page .jupyter-button { font-size: 16px; height: 2.6rem; }
.sk-code { font-size: 2.2rem; font-weight: 700; letter-spacing: 0.2rem; }
</style>
"""


def esc(text: str) -> str:
    """Escape free text for an HTML widget.

    >>> esc('<img src=x onerror=alert(1)> & "hei"')
    '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;hei&quot;'
    """
    return html.escape(text, quote=True)


def style() -> widgets.HTML:
    """The page's stylesheet, as a widget to put first on a page."""
    return widgets.HTML(_CSS)


def page_box(children: list, *, max_width: str = "40rem") -> widgets.VBox:
    """A column that fills a phone screen and stays readable on a projector."""
    box = widgets.VBox(children, layout=widgets.Layout(width="100%", max_width=max_width, padding="0 0.25rem"))
    box.add_class("sk-page")
    return box


def status(message: str = "", kind: str = "ok") -> str:
    """HTML for a confirmation (``ok``) or a friendly error (``error``) line."""
    return f'<div class="sk-{kind}" role="status">{esc(message)}</div>' if message else ""


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


class StaffPage(LivePage):
    """A staff page about one workshop, chosen in a drop-down or given as ``?verksted=``.

    Subclasses set ``store``, ``request`` and ``lang``, call :meth:`_workshop_picker`
    while building and :meth:`_open_requested` last, and define ``opened()``
    (draw the workshop) and ``show_error(text)``.
    """

    workshop = None

    def _workshop_picker(self) -> widgets.Dropdown:
        self.picker = widgets.Dropdown(description=t("facilitator.pick.label", self.lang))
        self.picker.observe(lambda change: change["new"] and self._choose(change["new"]), names="value")
        return self.picker

    def _open_requested(self) -> None:
        workshops = self.store.workshops.list()
        self.picker.options = [(f"{w.title} ({w.join_code})", w.id) for w in workshops]
        ref = self.request.get("verksted") or (workshops[0].id if workshops else "")
        if ref:
            self.open(ref)

    def open(self, ref: str) -> None:
        """Show the workshop with id or join code ``ref``; say so kindly if there is none."""
        try:
            self.workshop = self.store.workshops.get(ref)
        except SamskapingError as exc:
            self.show_error(error_text(exc, self.lang))
            return
        self.picker.value = self.workshop.id  # _choose ignores the workshop already open: one open, not two
        self.opened()

    def _choose(self, workshop_id: str) -> None:
        if self.workshop is None or workshop_id != self.workshop.id:
            self.open(workshop_id)
