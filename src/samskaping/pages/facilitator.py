"""The facilitator page: create or pick a workshop, show how to join, watch ideas arrive.

The wall polls the store for changes by change number (``seq``) once a
second, so a new idea costs one small query, not a re-read of the wall; cards
already on the wall are kept and only changed ones are redrawn.
"""

from __future__ import annotations

from collections import Counter

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import LANGUAGE_NAMES, LANGUAGES, error_text, group_label, phase_label, t
from samskaping.core.models import DEFAULT_GROUPS, GROUPS, PHASES, Workshop
from samskaping.ideas.model import Idea
from samskaping.pages.base import (
    StaffPage,
    card_html,
    confirm_button,
    esc,
    labelled,
    live_html,
    live_widget,
    page_box,
    status,
    style,
)
from samskaping.pages.facilitator_panels import ConceptsPanel, EvaluationPanel, FlowBar, RoomPanel, VotingPanel
from samskaping.pages.request import PageRequest
from samskaping.server.routes import IDEAS_URL_PATH, STAKEHOLDER_URL_PATH, WALL_URL_PATH, join_url
from samskaping.store import Store

__all__ = ["FacilitatorPage", "facilitator_page", "qr_svg"]

def qr_svg(url: str) -> str:
    """An inline SVG QR code of ``url`` (segno writes only markup it generates)."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=5, dark="#111", title=None)


class FacilitatorPage(StaffPage):
    """The facilitator's page; ``.widget`` is what Voilà shows.

    It is also where workshops are created: unlike the other staff pages it
    opens one only when asked, by the link or the 'Open' button.
    """

    poll_seconds = 1.0  # the wall: a new idea should show within about a second
    picker_button = True
    open_first = False

    def __init__(self, store: Store, request: PageRequest | None = None):
        super().__init__(store, request)
        self._ideas: dict[str, Idea] = {}
        self._cards: dict[str, tuple[widgets.VBox, widgets.HTML, widgets.Button]] = {}
        self._seq = self._removed_seq = 0

        lang = self.lang
        self.title = labelled(widgets.Text(layout=widgets.Layout(width="100%")), t("facilitator.new.name", lang))
        self.question = labelled(widgets.Textarea(layout=widgets.Layout(width="100%")),
                                 t("facilitator.new.question", lang))
        phases = [(phase_label(p, lang), p) for p in PHASES]
        self.phase = labelled(widgets.Dropdown(options=phases, value="ide"), t("facilitator.new.phase", lang))
        self.language = labelled(widgets.Dropdown(options=[(LANGUAGE_NAMES[code], code) for code in LANGUAGES],
                                                  value=lang), t("facilitator.new.lang", lang))
        language_help = widgets.HTML(f'<p class="sk-help">{esc(t("facilitator.new.lang.help", lang))}</p>')
        self.groups = {
            group: widgets.Checkbox(value=group in DEFAULT_GROUPS, description=group_label(group, lang), indent=False)
            for group in GROUPS if group != "annet"
        }
        groups_box = widgets.Box(list(self.groups.values()), layout=widgets.Layout(flex_flow="row wrap"))
        groups_box.add_class("sk-groups")
        self.create_button = widgets.Button(description=t("facilitator.new.create", lang), button_style="primary")
        self.create_button.on_click(lambda _: self.create())
        self.create_status = live_html()
        self.new_form = widgets.Accordion(
            [widgets.VBox([self.title, self.question, self.phase, self.language, language_help,
                           widgets.HTML(f'<p id="sk-groups-label">{esc(t("facilitator.new.groups", lang))}</p>'),
                           groups_box, self.create_button])],
            titles=(t("facilitator.new.title", lang),),
        )
        self.setup = widgets.VBox(
            [
                widgets.HTML(f"<h1>{esc(t('facilitator.title', lang))}</h1>"),
                self.picker.widget,
                self.new_form,
                self.create_status,
            ]
        )

        self.heading = widgets.HTML()
        self.join_panel = widgets.HTML()
        self.counts = widgets.HTML()
        self.privacy = widgets.HTML()
        self.wall_count = live_html()
        self.wall_status = live_html()
        self.wall = widgets.Box(layout=widgets.Layout(display="flex", flex_flow="row wrap", width="100%"))
        self.ideas_link = widgets.HTML()
        self.flow = FlowBar(store, lang, on_change=self._show_step)
        self.room = RoomPanel(store, lang)
        self.voting = VotingPanel(store, lang)
        self.evaluation = EvaluationPanel(store, lang)
        self.concepts = ConceptsPanel(store, lang)
        self._panels = {
            "join": widgets.HBox([self.join_panel, self.counts], layout=widgets.Layout(
                flex_flow="row wrap", justify_content="space-between")),
            "counts": widgets.VBox([self.privacy]),
            "wall": widgets.VBox([self.wall_count, self.wall_status, self.wall]),
            "room": self.room.widget,
            "voting": self.voting.widget,
            "evaluation": self.evaluation.widget,
            "concepts": self.concepts.widget,
            "ideas_link": self.ideas_link,
        }
        self.panels = widgets.VBox()
        self._revisions: dict[str, int] = {}
        self.board = widgets.VBox([self.heading, self.flow.widget, self.panels])
        self.widget = page_box([style(lang), self.setup, self.board], max_width="70rem")
        self._open_requested()

    # -- actions ----------------------------------------------------------

    def create(self) -> Workshop | None:
        """Create a workshop from the form and open it."""
        try:
            workshop = self.store.workshops.create(
                Workshop(title=self.title.value, question=self.question.value, phase=self.phase.value,
                         lang=self.language.value,
                         groups=tuple(group for group, box in self.groups.items() if box.value)),
                organisation=self.request.organisation,
            )
        except SamskapingError as exc:
            self.create_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.create_status.value = status(t("facilitator.new.created", self.lang, title=workshop.title))
        self.title.value = self.question.value = ""
        self._load_workshops()
        self.open(workshop.id)
        return workshop

    def show_error(self, text: str) -> None:
        self.create_status.value = status(text, "error")

    def opened(self) -> None:
        """Show the open workshop on the wall."""
        workshop = self.workshop
        self._ideas.clear()
        self._cards.clear()
        self._seq = self._removed_seq = 0
        self.wall.children = ()
        url = join_url(self.request.base_url, workshop)
        stakeholder_map = f"{self.request.base_url}{STAKEHOLDER_URL_PATH}?verksted={workshop.id}"
        wall = f"{self.request.base_url}{WALL_URL_PATH}?verksted={workshop.id}"
        ideas_page = f"{self.request.base_url}{IDEAS_URL_PATH}?verksted={workshop.id}"
        self.ideas_link.value = (f'<p><a href="{esc(ideas_page)}" target="_blank">'
                                 f'{esc(t("facilitator.link.ideas", self.lang))}</a></p>')
        self.heading.value = (
            f"<h1>{esc(workshop.title)}</h1>"
            f'<div class="sk-question">{esc(workshop.question or workshop.title)}</div>'
            f'<p><a href="{esc(wall)}" target="_blank">{esc(t("facilitator.link.wall", self.lang))}</a> · '
            f'<a href="{esc(stakeholder_map)}" target="_blank">'
            f'{esc(t("facilitator.link.stakeholders", self.lang))}</a></p>'
        )
        self.join_panel.value = (
            f"<h2>{esc(t('facilitator.join.title', self.lang))}</h2>"
            f'<div style="display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap">'
            f'<div role="img" aria-label="{esc(t("facilitator.join.qr", self.lang, url=url))}">{qr_svg(url)}</div><div>'
            f'<div class="sk-code">{esc(t("facilitator.join.code", self.lang, code=workshop.join_code))}</div>'
            f'<div class="sk-help">{esc(t("facilitator.join.link", self.lang, url=url))}</div>'
            f"</div></div>"
        )
        self._revisions = {}
        self.flow.show(workshop)
        self._show_step()
        self.refresh()

    def toggle_hidden(self, idea_id: str) -> None:
        """Hide an idea from the wall, or show it again."""
        idea = self._ideas[idea_id]
        self.store.ideas.set_hidden(idea_id, not idea.hidden)
        self.refresh()

    def delete(self, idea_id: str) -> None:
        """Delete an idea for good, on a participant's request: it leaves the store, every wall and export."""
        try:
            self.store.ideas.delete(idea_id, by="prosessleder", workshop_id=self.workshop.id)
        except SamskapingError as exc:
            self.wall_status.value = status(error_text(exc, self.lang), "error")
            return
        self.refresh()

    def _take_down(self, removed: list[str]) -> None:
        """Remove deleted ideas' cards (deleted here or on another screen)."""
        gone = [self._cards.pop(idea_id)[0] for idea_id in removed if idea_id in self._cards]
        for idea_id in removed:
            self._ideas.pop(idea_id, None)
        if gone:
            self.wall.children = tuple(card for card in self.wall.children if card not in gone)

    def _show_step(self) -> None:
        """Show the panels of the current flow step."""
        self.panels.children = [self._panels[name] for name in self.flow.step.panels]
        self._revisions = {}
        self._refresh_panels()

    def _refresh_panels(self) -> None:
        """Redraw the panels whose data changed since the last look (one query for all of them)."""
        revisions = self.store.workshops.revisions(self.workshop.id)
        step = self.flow.index
        for topic, panels in (("room", (self.flow, self.room, self.evaluation)), ("votes", (self.voting,)),
                              ("stakeholders", (self.room,)), ("ideas", (self.concepts,))):
            if self._revisions.get(topic) != revisions[topic]:
                self._revisions[topic] = revisions[topic]
                for panel in panels:
                    panel.refresh(self.workshop)
        if self.flow.index != step:  # another laptop moved to another step
            self._show_step()

    def refresh(self) -> int:
        """Bring the wall and panels up to date with the store; returns how many ideas changed."""
        if self.workshop is None:
            return 0
        self.flow.tick()
        self._refresh_panels()
        changed, self._seq = self.store.ideas.changed_since(self.workshop.id, self._seq)
        removed, self._removed_seq = self.store.ideas.removed_since(self.workshop.id, self._removed_seq)
        self._take_down(removed)
        if not changed and not removed and self._cards:
            return 0
        new_cards = []
        for idea in changed:
            self._ideas[idea.id] = idea
            if idea.id in self._cards:
                self._draw_card(idea)
            else:
                new_cards.append(self._make_card(idea))
        if new_cards:
            self.wall.children = tuple(reversed(new_cards)) + tuple(self.wall.children)
        self._draw_counts()
        self._draw_privacy()
        return len(changed)

    # -- display ----------------------------------------------------------

    def _load_workshops(self) -> list[Workshop]:
        """List the workshops; with none yet, open the form for a new one and say so."""
        workshops = super()._load_workshops()
        self.new_form.selected_index = None if workshops else 0
        if not workshops:
            self.create_status.value = f'<p class="sk-help">{esc(t("facilitator.pick.none", self.lang))}</p>'
        return workshops

    def _make_card(self, idea: Idea) -> widgets.VBox:
        text = widgets.HTML()  # stretched by the card; width=100% plus the widget margin ran 4 px over
        button = widgets.Button(layout=widgets.Layout(width="auto"))
        button.on_click(lambda _, idea_id=idea.id: self.toggle_hidden(idea_id))
        delete = confirm_button(t("facilitator.delete", self.lang), t("facilitator.delete.confirm", self.lang),
                                lambda idea_id=idea.id: self.delete(idea_id))
        actions = widgets.HBox([button, delete],
                               layout=widgets.Layout(justify_content="flex-end", flex_flow="row wrap"))
        card = widgets.VBox([text, actions], layout=widgets.Layout(width="17rem", margin="0 0.6rem 0.6rem 0"))
        card.add_class("sk-wall-card")
        self._cards[idea.id] = (card, text, button)
        self._draw_card(idea)
        return card

    def _draw_card(self, idea: Idea) -> None:
        _, text, button = self._cards[idea.id]
        text.value = card_html(
            idea.text, idea.group, self.lang, hidden=idea.hidden, hidden_label=t("facilitator.hidden.badge", self.lang),
            paper_label=t("facilitator.paper.badge", self.lang) if idea.on_paper else "",
        )
        button.description = t("facilitator.show" if idea.hidden else "facilitator.hide", self.lang)

    def _draw_privacy(self) -> None:
        """How much personal data the guard masked here: counts only, never the originals."""
        if not self.workshop.masking:
            self.privacy.value = status(t("facilitator.privacy.off", self.lang), "error")
            return
        counts = self.store.privacy.masked_counts(self.workshop.id)
        if not counts:
            self.privacy.value = f'<p class="sk-help">{esc(t("facilitator.privacy.none", self.lang))}</p>'
            return
        kinds = ", ".join(f"{t(f'privacy.kind.{kind}', self.lang)} {n}" for kind, n in counts.items())
        self.privacy.value = (
            f'<p class="sk-help">{esc(t("facilitator.privacy.masked", self.lang, count=sum(counts.values())))}'
            f" ({esc(kinds)})</p>"
        )

    def _draw_counts(self) -> None:
        visible = [idea for idea in self._ideas.values() if not idea.hidden]
        hidden = len(self._ideas) - len(visible)
        per_group = Counter(idea.group for idea in visible)
        rows = "".join(
            f"<tr><td>{esc(group_label(g, self.lang))}</td><td>{per_group[g]}</td></tr>"
            for g in GROUPS
            if per_group[g]
        )
        self.counts.value = (
            f"<h2>{esc(t('facilitator.counts.title', self.lang))}</h2><table class='sk-counts'>{rows}</table>"
            if rows
            else ""
        )
        if not self._ideas:
            self.wall_count.value = f'<h2>{esc(t("facilitator.wall.title", self.lang))}</h2>' \
                f'<p class="sk-help">{esc(t("facilitator.wall.empty", self.lang))}</p>'
        else:
            self.wall_count.value = f'<h2>{esc(t("facilitator.wall.title", self.lang))}</h2>' \
                '<p class="sk-help">' \
                f'{esc(t("facilitator.wall.count", self.lang, visible=len(visible), hidden=hidden))}</p>'


def facilitator_page(store: Store | None = None, request: PageRequest | None = None) -> widgets.Widget:
    """Build the facilitator page for the current Voilà request and start its live wall."""
    return live_widget(FacilitatorPage, store, request)
