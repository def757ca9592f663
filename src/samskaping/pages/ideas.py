"""The ideas page: from a wall of sticky notes to themes, priorities and concepts.

Facilitators used to spend an hour moving paper notes into groups. Here the
kit proposes themes (or, the main path, the facilitator drops one or two
ideas into each theme and the kit places the rest), the group corrects it by
hand, and every correction survives the next run when more ideas arrive.
Themes are then placed on a benefit/effort matrix and turned into concepts.
Clustering and plotting are imported here only, never on a phone.
"""

from __future__ import annotations

import secrets
from collections import Counter

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import error_text, group_label, t
from samskaping.core.models import GROUPS
from samskaping.ideas.model import Concept, Idea, WallTheme
from samskaping.ideas.theming import split_stored_theme, spread_ideas, suggest_themes, theming_items
from samskaping.pages.base import (
    Picture,
    StaffPage,
    download_links,
    esc,
    figure_bytes,
    labelled,
    live_html,
    live_widget,
    page_box,
    scale,
    status,
    style,
)
from samskaping.pages.name_check import NameCheck
from samskaping.pages.request import PageRequest
from samskaping.reports.figures import matrix_text
from samskaping.store import Store

__all__ = ["IdeasPage", "ideas_page"]

UNPLACED = ""
#: The catalogue key of each concept field's label, for the name check.
_CONCEPT_LABELS = {"name": "ideas.concept.name", "description": "ideas.concept.description",
                   "target_group": "ideas.concept.target", "next_step": "ideas.concept.next"}


class IdeasPage(StaffPage):
    """The ideas page of one workshop; ``.widget`` is what Voilà shows."""

    topics = ("ideas", "wall", "stakeholders")

    def __init__(self, store: Store, request: PageRequest | None = None):
        super().__init__(store, request)
        self.ideas: list[Idea] = []
        self.themes: list[WallTheme] = []
        lang = self.lang

        count = widgets.BoundedIntText(value=0, min=0, max=20, layout=widgets.Layout(width="12rem"))
        self.theme_count = labelled(count, t("ideas.page.count", lang))
        self.suggest_button = widgets.Button(description=t("ideas.page.suggest", lang), button_style="primary",
                                             icon="magic")
        self.new_theme = labelled(widgets.Text(), t("ideas.page.new_theme", lang))
        self.new_theme_button = widgets.Button(description=t("ideas.page.new_theme.add", lang))
        self.spread_button = widgets.Button(description=t("ideas.page.spread", lang), icon="sitemap")
        self.message = live_html()
        self.board = widgets.VBox()
        self.merge_from = labelled(widgets.Dropdown(), t("ideas.page.merge.from", lang))
        self.merge_into = labelled(widgets.Dropdown(), t("ideas.page.merge.into", lang))
        self.merge_button = widgets.Button(description=t("ideas.page.merge", lang))
        self.duplicates = widgets.VBox()
        self.matrix = Picture(max_width="50rem")
        self.matrix_links = widgets.HTML()

        wide = widgets.Layout(width="100%")
        self.concept_name = labelled(widgets.Text(layout=wide), t("ideas.concept.name", lang))
        self.concept_description = labelled(widgets.Textarea(layout=wide, rows=3), t("ideas.concept.description", lang))
        self.concept_target = labelled(widgets.Text(layout=wide), t("ideas.concept.target", lang))
        self.concept_themes = labelled(widgets.SelectMultiple(rows=5), t("ideas.concept.themes", lang))
        self.concept_stakeholders = labelled(widgets.SelectMultiple(rows=5), t("ideas.concept.stakeholders", lang))
        self.concept_next = labelled(widgets.Text(layout=wide), t("ideas.concept.next", lang))
        self.concept_button = widgets.Button(description=t("ideas.concept.save", lang), button_style="primary")
        self.concept_status = live_html()
        self.concept_check = NameCheck(lang, lambda name: t(_CONCEPT_LABELS[name], lang))
        self.concept_list = widgets.HTML()

        groups = [(group_label(g, lang), g) for g in GROUPS]
        self.paper_group = labelled(widgets.Dropdown(options=groups, value="annet"), t("ideas.paper.group", lang))
        self.paper_button = widgets.Button(description=t("ideas.paper.new", lang), icon="file-alt")
        self.paper_box = widgets.VBox()

        self.suggest_button.on_click(lambda _: self.suggest())
        self.new_theme_button.on_click(lambda _: self.add_theme(self.new_theme.value))
        self.spread_button.on_click(lambda _: self.spread())
        self.merge_button.on_click(lambda _: self.merge(self.merge_from.value, self.merge_into.value))
        self.concept_button.on_click(lambda _: self.save_concept())
        self.paper_button.on_click(lambda _: self.paper_ballot())

        def section(key: str, *children) -> widgets.VBox:
            return widgets.VBox([widgets.HTML(f"<h2>{esc(t(key, lang))}</h2>"), *children])

        self.widget = page_box([
            style(lang),
            widgets.HTML(f"<h1>{esc(t('ideas.page.title', lang))}</h1>"),
            self.picker.widget,
            section("ideas.page.themes",
                    widgets.HTML(f'<p class="sk-help">{esc(t("ideas.page.help", lang))}</p>'),
                    widgets.HBox([self.theme_count, self.suggest_button], layout=widgets.Layout(flex_flow="row wrap")),
                    widgets.HBox([self.new_theme, self.new_theme_button, self.spread_button],
                                 layout=widgets.Layout(flex_flow="row wrap")),
                    self.message, self.board,
                    widgets.HBox([self.merge_from, self.merge_into, self.merge_button],
                                 layout=widgets.Layout(flex_flow="row wrap"))),
            section("ideas.page.duplicates", self.duplicates),
            section("ideas.page.matrix", self.matrix.widget, self.matrix_links),
            section("ideas.page.concepts", self.concept_name, self.concept_description, self.concept_target,
                    widgets.HBox([self.concept_themes, self.concept_stakeholders],
                                 layout=widgets.Layout(flex_flow="row wrap")),
                    self.concept_next, self.concept_button, self.concept_status, self.concept_check.widget,
                    self.concept_list),
            section("ideas.paper.title", widgets.HTML(f'<p class="sk-help">{esc(t("ideas.paper.help", lang))}</p>'),
                    widgets.HBox([self.paper_group, self.paper_button]), self.paper_box),
        ], max_width="80rem")
        self._open_requested()

    # -- themes -----------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.message.value = status(text, "error")

    def opened(self) -> None:
        self.refresh()

    def suggest(self):
        """Propose themes for all ideas; a second run keeps pinned themes and hand-placed ideas."""
        if not theming_items(self.store, self.workshop.id):
            self.message.value = status(t("ideas.page.no_ideas", self.lang), "error")
            return None
        try:
            result = suggest_themes(self.store, self.workshop.id, themes=self.theme_count.value or None,
                                    lang=self.lang)
        except SamskapingError as exc:
            self.message.value = status(error_text(exc, self.lang), "error")
            return None
        self.message.value = status(t("ideas.page.suggested", self.lang, themes=len(result.themes)))
        self.refresh(force=True)
        return result

    def spread(self):
        """Seeded grouping: place every idea not yet placed by hand near the ideas placed in each theme."""
        try:
            result = spread_ideas(self.store, self.workshop.id, lang=self.lang)
        except SamskapingError as exc:
            reason = getattr(exc, "reason", "")
            self.message.value = status(t("ideas.page.no_seeds", self.lang) if reason == "no_seeds"
                                        else error_text(exc, self.lang), "error")
            return None
        self.message.value = status(t("ideas.page.spread.done", self.lang))
        self.refresh(force=True)
        return result

    def add_theme(self, label: str) -> WallTheme | None:
        try:
            taken = {th.id for th in self.store.themes.list(self.workshop.id)}
            number = 1
            while f"t{number}" in taken:
                number += 1
            theme = WallTheme(self.workshop.id, f"t{number}", label, position=len(taken))
            self.store.themes.update(theme)
        except SamskapingError as exc:
            self.message.value = status(error_text(exc, self.lang), "error")
            return None
        self.new_theme.value = ""
        self.refresh(force=True)
        return theme

    def place(self, idea_id: str, theme_id: str) -> None:
        if theme_id:
            self.store.themes.place_idea(idea_id, theme_id)
            self.refresh(force=True)

    def update(self, theme: WallTheme, **changes) -> None:
        try:
            self.store.themes.update(WallTheme(**{**theme.__dict__, **changes}))
        except SamskapingError as exc:
            self.message.value = status(error_text(exc, self.lang), "error")
            return
        self.refresh(force=True)

    def merge(self, source: str | None, target: str | None) -> None:
        if source and target and source != target:
            self.store.themes.merge(self.workshop.id, source, target)
            self.refresh(force=True)

    def split(self, theme_id: str) -> None:
        try:
            split_stored_theme(self.store, self.workshop.id, theme_id, lang=self.lang)
        except SamskapingError as exc:
            self.message.value = status(error_text(exc, self.lang), "error")
            return
        self.refresh(force=True)

    def merge_ideas(self, duplicate_id: str, into_id: str) -> None:
        self.store.ideas.merge(duplicate_id, into_id)
        self.refresh(force=True)

    # -- concepts and paper -------------------------------------------------

    def save_concept(self) -> Concept | None:
        """Save the concept form; a person's name in it waits for staff to confirm or rephrase it."""
        try:
            concept = Concept(
                self.workshop.id, self.concept_name.value, description=self.concept_description.value,
                target_group=self.concept_target.value, theme_ids=tuple(self.concept_themes.value),
                stakeholder_ids=tuple(self.concept_stakeholders.value), next_step=self.concept_next.value,
            )
            if not self.concept_check.passes(concept, self.save_concept):
                self.concept_status.value = ""
                return None
            note = self.concept_check.masked_note(concept)
            self.store.concepts.save(concept, checked=True)
        except SamskapingError as exc:
            self.concept_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.concept_status.value = status(" ".join(filter(None, (
            t("ideas.concept.saved", self.lang, name=concept.name), note))))
        for field in (self.concept_name, self.concept_description, self.concept_target, self.concept_next):
            field.value = ""
        self.refresh(force=True)
        return concept

    def paper_ballot(self):
        """A ballot for one paper voting slip: the facilitator types in its dots, marked as from paper."""
        from samskaping.pages.ballot import Ballot

        ballot = Ballot(self.store, self.workshop.id, "papir-" + secrets.token_hex(4),
                        lambda group=self.paper_group.value: group, self.lang, on_paper=True)
        ballot.build()
        self.paper_box.children = [ballot.widget]
        return ballot

    # -- drawing ------------------------------------------------------------

    def refresh(self, *, force: bool = False) -> bool:
        if not self._moved(force):
            return False
        w = self.workshop.id
        self.ideas = theming_items(self.store, w)
        self.themes = self.store.themes.list(w)
        self._draw_board()
        self._draw_duplicates()
        self._draw_matrix()
        self._draw_concepts()
        return True

    def _draw_board(self) -> None:
        placements = self.store.themes.placements(self.workshop.id)
        choices = [(t("ideas.page.unplaced", self.lang), UNPLACED)] + [(th.label, th.id) for th in self.themes]
        self.merge_from.options = self.merge_into.options = [(th.label, th.id) for th in self.themes]
        self.concept_themes.options = [(th.label, th.id) for th in self.themes]
        columns = []
        for theme in [None, *self.themes]:
            theme_id = theme.id if theme else UNPLACED
            members = [i for i in self.ideas if (placements[i.id].theme_id if i.id in placements else UNPLACED)
                       == theme_id]
            if theme is None and not members:
                continue
            cards = []
            for idea in members:
                move = labelled(widgets.Dropdown(options=choices, value=theme_id, layout=widgets.Layout(width="100%")),
                                t("field.idea.theme", self.lang, idea=_short(idea.text)), visible=False)
                move.observe(lambda change, i=idea.id: self.place(i, change["new"]), names="value")
                manual = ""
                if idea.id in placements and placements[idea.id].manual:
                    manual = f' <span class="sk-help">{esc(t("ideas.page.manual", self.lang))}</span>'
                cards.append(widgets.VBox([widgets.HTML(f'<div class="sk-card">{esc(idea.text)}{manual}</div>'),
                                           move]))
            header = self._theme_header(theme, len(members))
            column = widgets.VBox([header, *cards], layout=widgets.Layout(width="18rem", margin="0 0.6rem 0.8rem 0"))
            column.add_class("sk-theme")
            columns.append(column)
        self.board.children = [widgets.Box(columns, layout=widgets.Layout(display="flex", flex_flow="row wrap"))]

    def _theme_header(self, theme: WallTheme | None, size: int) -> widgets.Widget:
        if theme is None:
            return widgets.HTML(f"<h3>{esc(t('ideas.page.unplaced', self.lang))} ({size})</h3>")
        label = labelled(widgets.Text(value=theme.label, layout=widgets.Layout(width="100%"), continuous_update=False),
                         t("field.theme.label", self.lang), visible=False)
        label.observe(lambda change, th=theme: change["new"].strip() and self.update(th, label=change["new"]),
                      names="value")
        pin = widgets.Checkbox(value=theme.pinned, description=t("ideas.page.pin", self.lang), indent=False)
        pin.observe(lambda change, th=theme: self.update(th, pinned=change["new"]), names="value")
        benefit = scale(t("ideas.page.benefit", self.lang), self.lang, theme.benefit or 3)
        effort = scale(t("ideas.page.effort", self.lang), self.lang, theme.effort or 3)
        benefit.observe(lambda change, th=theme: self.update(th, benefit=change["new"], effort=th.effort or 3),
                        names="value")
        effort.observe(lambda change, th=theme: self.update(th, effort=change["new"], benefit=th.benefit or 3),
                       names="value")
        split = widgets.Button(description=t("ideas.page.split", self.lang), icon="cut",
                               layout=widgets.Layout(width="auto"), disabled=size < 2)
        split.on_click(lambda _, th=theme: self.split(th.id))
        count = t("ideas.page.size.one", self.lang) if size == 1 else t("ideas.page.size", self.lang, count=size)
        return widgets.VBox([label, widgets.HTML(f'<span class="sk-help">{esc(count)}</span>'), pin, benefit, effort,
                             split])

    def _draw_duplicates(self) -> None:
        from samskaping.ideas.clustering import near_duplicates

        rows = []
        for i, j, similarity in near_duplicates(self.ideas)[:10] if len(self.ideas) > 1 else []:
            a, b = self.ideas[i], self.ideas[j]
            button = widgets.Button(description=t("ideas.page.merge_ideas", self.lang),
                                    layout=widgets.Layout(width="auto"))
            button.on_click(lambda _, dup=b.id, into=a.id: self.merge_ideas(dup, into))
            rows.append(widgets.HBox([widgets.HTML(
                f'<div class="sk-help">«{esc(a.text)}» ≈ «{esc(b.text)}» ({similarity:.0%})</div>'), button],
                layout=widgets.Layout(align_items="center", flex_flow="row wrap")))
        self.duplicates.children = rows or [
            widgets.HTML(f'<p class="sk-help">{esc(t("ideas.page.no_duplicates", self.lang))}</p>')
        ]

    def _draw_matrix(self) -> None:
        rated = [(th.label, th.benefit, th.effort) for th in self.themes if th.benefit and th.effort]
        if not rated:
            self.matrix.clear()
            self.matrix_links.value = f'<p class="sk-help">{esc(t("ideas.page.matrix.help", self.lang))}</p>'
            return
        from samskaping.ideas.plot import draw_priority_matrix

        figure = draw_priority_matrix(rated, lang=self.lang, title=self.workshop.title).figure
        self.matrix.show(figure_bytes(figure, "png", dpi=80), matrix_text(rated, self.lang))
        self.matrix_links.value = download_links({f"prioritering.{fmt}": figure_bytes(figure, fmt)
                                                  for fmt in ("png", "svg", "pdf")})

    def _draw_concepts(self) -> None:
        stakeholders = self.store.stakeholders.list(self.workshop.id)
        self.concept_stakeholders.options = [(s.name, s.id) for s in stakeholders]
        names = {s.id: s.name for s in stakeholders}
        labels = {th.id: th.label for th in self.themes}
        feedback: dict[str, list] = {}
        for answer in self.store.concepts.feedback(self.workshop.id):
            feedback.setdefault(answer.concept_id, []).append(answer)
        items = []
        for concept in self.store.concepts.list(self.workshop.id):
            themes = ", ".join(labels.get(i, i) for i in concept.theme_ids)
            who = ", ".join(names.get(i, "?") for i in concept.stakeholder_ids)
            line = t("ideas.concept.line", self.lang, target=concept.target_group or "–", themes=themes or "–",
                     who=who or "–", next=concept.next_step or "–")
            answers = feedback.get(concept.id, [])
            counts = Counter(a.stance for a in answers)
            heard = t("ideas.concept.feedback", self.lang, bra=counts["bra"], ikke_bra=counts["ikke_bra"],
                      usikker=counts["usikker"]) if answers else ""
            comments = "".join(f"<li>{esc(a.comment)}</li>" for a in answers if a.comment)
            items.append(f"<li><strong>{esc(concept.name)}</strong> – {esc(concept.description)}"
                         f'<br><span class="sk-help">{esc(line)}</span>'
                         f'{"<br>" + esc(heard) if heard else ""}{f"<ul>{comments}</ul>" if comments else ""}</li>')
        self.concept_list.value = f"<ul>{''.join(items)}</ul>" if items else ""


def ideas_page(store: Store | None = None, request: PageRequest | None = None) -> widgets.Widget:
    """Build the ideas page for the current Voilà request and keep it in sync."""
    return live_widget(IdeasPage, store, request)


def _short(text: str, limit: int = 60) -> str:
    """The start of an idea, to name the field that moves it (a screen reader reads the whole label)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
