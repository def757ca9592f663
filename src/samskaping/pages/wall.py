"""The wall for the projector: the room's ideas, large enough to read from the back of the room.

The facilitator's page is for running the workshop (moderation, the flow,
the panels); this page is what the room sees on the big screen. It shows the
join code and QR code at the top (never cut off), then the visible ideas:
as one wall while they arrive, and as one column per theme once the
facilitator has themed them. A hidden idea is gone from it at once, not
struck through: it was hidden because it should not be read out.
"""

from __future__ import annotations

import ipywidgets as widgets

from samskaping.core.i18n import group_label, staff_lang, t
from samskaping.ideas.model import Idea
from samskaping.pages.base import StaffPage, esc, lang_marker, live_html, live_widget, page_box, status, style
from samskaping.pages.facilitator import qr_svg
from samskaping.pages.request import PageRequest
from samskaping.server.routes import join_url
from samskaping.store import Store

__all__ = ["WallPage", "wall_page"]

_CSS = """
<style>
.sk-wall, .sk-wall .widget-html-content { font-size: clamp(1.1rem, 1.4vw, 2.2rem); }
.sk-wall .sk-wall-head { display: flex; gap: 2rem; align-items: center; justify-content: space-between;
  flex-wrap: wrap; }
.sk-wall .sk-wall-head > div:first-child { flex: 1 1 30rem; min-width: 0; }
.sk-wall .sk-wall-head h1 { font-size: 1.6em; line-height: 1.2; margin: 0; }
.sk-wall .sk-wall-question { font-size: 1.15em; line-height: 1.35; max-width: 60ch; }
.sk-wall .sk-wall-join { flex: 0 0 auto; display: flex; gap: 1rem; align-items: center; }
.sk-wall .sk-wall-join svg { width: clamp(7rem, 11vw, 14rem); height: auto; display: block; }
.sk-wall .sk-wall-code { color: inherit; text-decoration: none; font-size: 1.8em; font-weight: 700;
  letter-spacing: 0.15em; white-space: nowrap; }
.sk-wall .sk-wall-ideas { display: grid; gap: 0.8rem; grid-template-columns: repeat(auto-fill, minmax(16em, 1fr)); }
.sk-wall .sk-wall-themes { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(15em, 1fr)); }
.sk-wall .sk-wall-themes h2 { font-size: 1.15em; margin: 0 0 0.5rem; border-bottom: 3px solid #1f5fa8; }
.sk-wall .sk-wall-themes .sk-card { margin-bottom: 0.6rem; }
.sk-wall .sk-card { font-size: 1em; line-height: 1.35; }
.sk-wall .sk-badge { font-size: 0.7em; }
</style>
"""


class WallPage(StaffPage):
    """The projector's wall of one workshop; ``.widget`` is what Voilà shows."""

    topics = ("wall", "ideas")
    poll_seconds = 1.0  # a new idea should be on the screen within about a second

    def __init__(self, store: Store, request: PageRequest | None = None):
        super().__init__(store, request)
        self.head = widgets.HTML()
        self.count = live_html()
        self.ideas = widgets.HTML()
        self.message = live_html()
        self.picker.widget.layout.display = "none"  # the screen shows one workshop; staff choose it by link
        self.widget = page_box([style(self.lang), widgets.HTML(_CSS), self.message, self.picker.widget, self.head,
                                self.count, self.ideas], max_width="none")
        self.widget.add_class("sk-wall")
        self._open_requested()

    def show_error(self, text: str) -> None:
        self.message.value = status(text, "error")

    def opened(self) -> None:
        workshop = self.workshop
        if not self.request.get("lang"):  # the room reads the workshop's language unless the link names another
            self.lang = staff_lang(workshop.lang)
        url = join_url(self.request.base_url, workshop)
        qr = t("facilitator.join.qr", self.lang, url=url)
        self.head.value = (
            '<div class="sk-wall-head"><div>'
            f"<h1>{esc(workshop.title)}</h1>"
            f'<p class="sk-wall-question">{esc(workshop.question or workshop.title)}</p></div>'
            f'<div class="sk-wall-join"><div role="img" aria-label="{esc(qr)}">{qr_svg(url)}</div>'
            f'<a class="sk-wall-code" href="{esc(url)}" target="_blank">'
            f'{esc(t("facilitator.join.code", self.lang, code=workshop.join_code))}</a>'
            f"</div></div>{lang_marker(self.lang)}"
        )
        self.refresh(force=True)

    def refresh(self, *, force: bool = False) -> bool:
        """Redraw when an idea arrived, was hidden or merged, or the themes changed."""
        if not self._moved(force):
            return False
        merged = self.store.ideas.merges(self.workshop.id)
        ideas = [i for i in self.store.ideas.list(self.workshop.id) if not i.hidden and i.id not in merged]
        self.count.value = f"<p>{esc(t('wall.count', self.lang, count=len(ideas)))}</p>"
        themes = self.store.themes.list(self.workshop.id)
        placements = self.store.themes.placements(self.workshop.id)
        if not ideas:
            self.ideas.value = f'<p class="sk-help">{esc(t("facilitator.wall.empty", self.lang))}</p>'
        elif themes and placements:
            self.ideas.value = self._columns(ideas, themes, placements)
        else:
            self.ideas.value = '<div class="sk-wall-ideas">' + "".join(
                self._card(idea) for idea in reversed(ideas)) + "</div>"
        return True

    def _columns(self, ideas: list[Idea], themes, placements) -> str:
        members: dict[str, list[Idea]] = {theme.id: [] for theme in themes}
        unplaced = []
        for idea in ideas:
            placement = placements.get(idea.id)
            (members[placement.theme_id] if placement and placement.theme_id in members else unplaced).append(idea)
        columns = [(theme.label, members[theme.id]) for theme in themes if members[theme.id]]
        if unplaced:
            columns.append((t("ideas.page.unplaced", self.lang), unplaced))
        return '<div class="sk-wall-themes">' + "".join(
            f"<section><h2>{esc(label)} ({len(items)})</h2>{''.join(self._card(i) for i in items)}</section>"
            for label, items in columns) + "</div>"

    def _card(self, idea: Idea) -> str:
        return (f'<div class="sk-card">{esc(idea.text)}'
                f'<span class="sk-badge">{esc(group_label(idea.group, self.lang))}</span></div>')


def wall_page(store: Store | None = None, request: PageRequest | None = None) -> widgets.Widget:
    """Build the projector's wall for the current Voilà request."""
    return live_widget(WallPage, store, request)
