"""The participant's ballot: dots and agree/disagree on the workshop's ideas.

Shown on the participant page while the facilitator has voting open. Each
idea gets a dot button (the store refuses a dot beyond the browser's limit,
even from two tabs at once) and enig / uenig / pass. Results are not shown
here: they appear on the facilitator's screen when voting closes.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import error_text, t
from samskaping.pages.base import esc, live_html, status
from samskaping.store import Store

__all__ = ["Ballot"]

class Ballot:
    """The voting view of one browser in one workshop; ``.widget`` goes on the participant page."""

    def __init__(self, store: Store, workshop_id: str, session_id: str, group: Callable[[], str], lang: str,
                 *, on_paper: bool = False):
        self.store, self.workshop_id, self.session_id = store, workshop_id, session_id
        self.group, self.lang, self.on_paper = group, lang, on_paper
        self.header = widgets.HTML()
        self.status = live_html()
        self.rows = widgets.VBox()
        self.widget = widgets.VBox([self.header, self.status, self.rows], layout=widgets.Layout(width="100%"))
        self._dots: dict[str, widgets.HTML] = {}

    def build(self) -> None:
        """List the ideas open for voting (visible, not merged), newest last."""
        merged = self.store.ideas.merges(self.workshop_id)
        ideas = [i for i in self.store.ideas.list(self.workshop_id) if not i.hidden and i.id not in merged]
        self._dots = {}
        rows = []
        for idea in ideas:
            count = widgets.HTML(layout=widgets.Layout(min_width="3rem"))
            plus = widgets.Button(description=t("ballot.dot.add", self.lang), icon="plus",
                                  layout=widgets.Layout(width="auto"))
            minus = widgets.Button(description="", icon="minus", tooltip=t("ballot.dot.remove", self.lang),
                                   layout=widgets.Layout(width="3rem"))
            stance = widgets.ToggleButtons(
                options=[(t(f"ballot.stance.{s}", self.lang), s) for s in ("enig", "uenig", "pass")],
                value=None, style={"button_width": "5.5rem"},
            )
            plus.on_click(lambda _, i=idea.id: self.add_dot(i))
            minus.on_click(lambda _, i=idea.id: self.remove_dot(i))
            stance.observe(lambda change, i=idea.id: change["new"] and self.answer(i, change["new"]), names="value")
            self._dots[idea.id] = count
            card = widgets.VBox(
                [widgets.HTML(f'<div class="sk-card">{esc(idea.text)}</div>'),
                 widgets.HBox([plus, minus, count], layout=widgets.Layout(align_items="center")), stance],
                layout=widgets.Layout(margin="0 0 0.8rem 0"),
            )
            card.add_class("sk-ballot-idea")
            rows.append(card)
        self.rows.children = rows
        self._show_dots()

    def add_dot(self, idea_id: str) -> bool:
        try:
            self.store.votes.add_dot(idea_id, self.session_id, self.group(), on_paper=self.on_paper)
        except SamskapingError as exc:
            self.status.value = status(error_text(exc, self.lang), "error")
            return False
        self.status.value = ""
        self._show_dots()
        return True

    def remove_dot(self, idea_id: str) -> None:
        try:
            self.store.votes.remove_dot(idea_id, self.session_id)
        except SamskapingError as exc:
            self.status.value = status(error_text(exc, self.lang), "error")
            return
        self.status.value = ""
        self._show_dots()

    def answer(self, idea_id: str, stance: str) -> bool:
        try:
            self.store.votes.set_stance(idea_id, self.session_id, stance, self.group(), on_paper=self.on_paper)
        except SamskapingError as exc:
            self.status.value = status(error_text(exc, self.lang), "error")
            return False
        return True

    def _show_dots(self) -> None:
        mine = self.store.votes.my_dots(self.workshop_id, self.session_id)
        voting = self.store.votes.voting(self.workshop_id)
        left = voting.dots - sum(mine.values())
        self.header.value = (
            f"<h2>{esc(t('ballot.title', self.lang))}</h2>"
            f'<p class="sk-help">{esc(t("ballot.help", self.lang, dots=voting.dots))}</p>'
            f'<p class="sk-ok" role="status">{esc(t("ballot.left", self.lang, left=left))}</p>'
        )
        for idea_id, label in self._dots.items():
            label.value = f"<strong>{'●' * mine[idea_id]}</strong>" if mine[idea_id] else ""
