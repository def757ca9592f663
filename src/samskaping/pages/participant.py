"""The participant page: join a workshop, say who you are (one tap), send ideas, vote, evaluate.

Opened on phones, often on poor wifi, by people who have never seen a
notebook: one column, large touch targets, one clear message after each
action, and nothing here that can lose what was already sent. What the page
shows follows the facilitator (idea round, voting, evaluation): it asks the
store for the workshop's stage every two seconds, one small query.
"""

from __future__ import annotations

import logging
import math
import secrets
import sys
import time
from datetime import date

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError, WorkshopNotFoundError
from samskaping.core.i18n import choose_lang, error_text, group_label, t
from samskaping.core.models import GROUPS, Workshop, offered_groups
from samskaping.core.privacy.detect import mask
from samskaping.ideas.model import MAX_IDEA_LENGTH, Idea
from samskaping.pages.arrival import ArrivalChoices
from samskaping.pages.base import (
    LivePage,
    confirm_button,
    esc,
    labelled,
    lang_marker,
    live_html,
    live_widget,
    page_box,
    require_stage,
    status,
    style,
)
from samskaping.pages.language import LanguageSwitch
from samskaping.pages.request import PageRequest, page_request
from samskaping.room.model import Stage
from samskaping.store import Store, open_store

__all__ = ["ParticipantPage", "participant_page"]

_log = logging.getLogger("samskaping.participant")
if not _log.handlers:  # to the server's log (the kernel's own stderr), never to the page the phone shows
    _log.addHandler(logging.StreamHandler(sys.__stderr__))
    _log.propagate = False
#: Wrong join codes a page may try before it must pause; each further one doubles the pause.
JOIN_TRIES = 5
JOIN_PAUSE_SECONDS = 30

class ParticipantPage(LivePage):
    """One participant's page; ``.widget`` is what Voilà shows.

    ``session_id`` identifies this participant in the workshop: derived from
    the device id the server keeps in a signed cookie (so a reload or a
    second tab is the same participant, with the same dots and "Mine idéer"),
    random when the page runs without a server. It says nothing about the person.
    """

    # A stage change (voting, concepts) should reach every phone within about a second; one
    # round is a one-row query, so sixty phones asking every second cost the server little.
    poll_seconds = 1.0

    def __init__(self, store: Store, request: PageRequest | None = None, *, session_id: str | None = None):
        self.store = store
        self.request = request or PageRequest()
        self._fixed_session = session_id is not None
        self._wrong_codes, self._join_locked_until = 0, 0.0
        self.session_id = session_id or secrets.token_urlsafe(12)
        self.lang = choose_lang(self.request.get("lang"))
        self.workshop: Workshop | None = None

        self.language = LanguageSwitch(self.lang, self.choose_language)
        self.header = widgets.HTML()
        self.code = widgets.Text(layout=widgets.Layout(width="100%"))
        self.join_button = widgets.Button(button_style="primary", layout=widgets.Layout(width="100%"))
        self.join_status = live_html()
        self.join_form = widgets.VBox([self.code, self.join_button, self.join_status])

        self.text = widgets.Textarea(layout=widgets.Layout(width="100%"))
        self.text.add_class("sk-idea")
        self.counter = widgets.HTML()
        self.group = widgets.Dropdown(layout=widgets.Layout(width="100%"))
        self.group.add_class("sk-group")
        self.group.layout.display = "none"  # the group is asked once, on arrival; this holds it for the ideas
        self.send_button = widgets.Button(button_style="primary", icon="paper-plane",
                                          layout=widgets.Layout(width="100%"))
        self.send_status = live_html()
        self.mine = widgets.VBox()
        self.mine.add_class("sk-mine")
        self.mine_status = live_html()
        # The masked preview and the confirmation stand above the button, where the eye is when it presses.
        self.idea_form = widgets.VBox(
            [self.text, self.counter, self.group, self.send_status, self.send_button, self.mine]
        )
        self.arrival_form = ArrivalChoices(on_choice=self.register, on_change=lambda: None)
        self.arrival = self.arrival_form.widget
        self.arrival_group, self.arrival_from = self.arrival_form.group, self.arrival_form.origin
        self.arrival_kommune, self.arrival_done = self.arrival_form.kommune, self.arrival_form.done
        self.change_button = self.arrival_form.change_button
        self.ballot = None
        self.concepts = None
        self.evaluation = None
        self.risk_round = None
        self.waiting = live_html()
        self.stage_box = widgets.VBox([self.idea_form])
        self.stage = "ideer"
        self._revision = -1
        for box in (self.arrival, self.stage_box):
            box.layout.display = "none"

        self.join_button.on_click(lambda _: self.join(self.code.value))
        self.send_button.on_click(lambda _: self.submit())
        self.text.observe(lambda _: self._text_changed(), names="value")
        self._confirmed_text: str | None = None

        self.stage_mark = widgets.HTML(layout=widgets.Layout(display="none"))  # the page scrolls up when it moves
        self.widget = page_box([style(self.lang), self.language.widget, self.header, self.join_form,
                                self.arrival, self.stage_box, self.stage_mark])
        self._apply_language()
        if self.request.get("kode"):
            self.join(self.request.get("kode"))

    def take_request(self, request: PageRequest) -> None:
        """Serve ``request`` with this page, built before it came.

        A warm kernel builds the page's sixty-odd widgets while it waits for a
        phone; only the workshop, the language and the device are left for
        when the phone arrives. When a room joins at once, that is the work
        every phone waits for in turn on the server's cores.
        """
        self.request = request
        if not self._fixed_session:
            self.session_id = secrets.token_urlsafe(12)
        self.lang = choose_lang(request.get("lang"))
        self._apply_language()
        if request.get("kode"):
            self.join(request.get("kode"))

    # -- actions ----------------------------------------------------------

    def join(self, code: str) -> bool:
        """Open the workshop with ``code``; say so kindly if there is none."""
        code = (code or "").strip()
        if not code:
            self.join_status.value = status(t("participant.join.help", self.lang), "error")
            return False
        wait = math.ceil(self._join_locked_until - time.monotonic())
        if wait > 0:  # guessing codes: a few tries, then ever longer pauses (per page; pages per device are capped)
            self.join_status.value = status(t("participant.join.locked", self.lang, seconds=wait), "error")
            return False
        try:
            workshop = self.store.workshops.get(code)
        except WorkshopNotFoundError:
            self._wrong_codes += 1
            _log.warning("A participant page was given a join code that fits no workshop (%d in a row).",
                         self._wrong_codes)  # never the code itself
            if self._wrong_codes >= JOIN_TRIES:
                self._join_locked_until = time.monotonic() + JOIN_PAUSE_SECONDS * 2 ** (self._wrong_codes - JOIN_TRIES)
            self.join_status.value = status(t("participant.join.unknown", self.lang, code=code), "error")
            return False
        if workshop.delete_after is not None and workshop.delete_after < date.today():
            self.join_status.value = status(t("participant.join.ended", self.lang), "error")
            return False
        self.workshop = workshop
        self._wrong_codes = 0
        if not self._fixed_session:
            self.session_id = self.request.participant(self.workshop.id) or self.session_id
        self.lang = choose_lang(self.request.get("lang"), self.workshop.lang)
        self._apply_language()
        self.join_form.layout.display = "none"
        self.arrival.layout.display = None
        self.stage_box.layout.display = None
        self._show_arrival()
        self._restore_arrival()
        self._show_mine()
        self.refresh()
        return True

    def _restore_arrival(self) -> None:
        earlier = next((a for a in self.store.room.arrivals(self.workshop.id) if a.session_id == self.session_id),
                       None)
        if earlier is not None:
            self.arrival_form.restore(earlier)

    def register(self) -> None:
        """Register this browser's group (and optionally organisation): no name, one tap."""
        from samskaping.room.model import Arrival

        group = self.arrival_group.value or "annet"
        self.store.room.register_arrival(
            Arrival(self.workshop.id, self.session_id, group, self.arrival_from.value or "",
                    municipality=self.arrival_kommune.value or "")
        )
        if group != "annet":
            self.group.value = group
        self.arrival_done.value = status(t("arrival.done", self.lang, group=group_label(group, self.lang)))
        self._registered()

    def _registered(self) -> None:
        """Once registered, the header and the question of who you are shrink to a line: the phone is for ideas."""
        self.arrival_form.registered()
        self._apply_header(compact=True)

    def refresh(self) -> bool:
        """Show what the facilitator has opened: the idea form, the ballot or the evaluation form."""
        if self.workshop is None:
            return False
        revisions = self.store.workshops.revisions(self.workshop.id)
        revision = (revisions["room"], revisions["votes"], revisions["ideas"])
        if revision == self._revision:
            return False
        if self._revision != -1 and revision[2] != self._revision[2]:
            self._show_mine()  # the facilitator themed the ideas: say where this browser's ideas went
        self._revision = revision
        stage, _, _ = self.store.room.stage(self.workshop.id)
        voting = self.store.votes.voting(self.workshop.id)
        if stage == "stemming" and voting.is_open:
            from samskaping.pages.ballot import Ballot

            self.ballot = self._stage_view("stemming", self.ballot, Ballot)
            self.stage_box.children = [self.ballot.widget]
        elif stage == "stemming":
            self.waiting.value = f'<p class="sk-help">{esc(t("stage.waiting", self.lang))}</p>'
            self.stage_box.children = [self.waiting]
        elif stage in (Stage.KONSEPTER, Stage.RISIKO):  # read afresh each round: a concept or risk saved meanwhile
            if stage == Stage.KONSEPTER:
                from samskaping.pages.concept_view import ConceptFeedbackView as view_class
            else:
                from samskaping.pages.risk_round import RiskRoundView as view_class
            name = "concepts" if stage == Stage.KONSEPTER else "risk_round"
            view = self._stage_view(stage, getattr(self, name), view_class, again=self.stage == stage)
            setattr(self, name, view)
            self.stage_box.children = [view.widget]
        elif stage == "evaluering":
            if self.evaluation is None:
                from samskaping.pages.evaluation_form import EvaluationForm

                self.evaluation = EvaluationForm(self.store, self.workshop.id, self.session_id, self.lang)
            self.stage_box.children = [self.evaluation.widget]
        else:
            self.stage_box.children = [self.idea_form]
        if stage != self.stage:  # voting, concepts, evaluation: the new part comes right under the title
            self.arrival.layout.display = None if stage == Stage.IDEER else "none"
        if stage != self.stage or not self.stage_mark.value:
            # The page's script scrolls to the top when this marker changes; it is there from the first
            # look, so the first change of stage counts too (not only the ones after it).
            self.stage_mark.value = f'<span data-sk-stage="{esc(stage)}"></span>'
        self.stage = stage
        return True

    def _stage_view(self, stage: str, view, view_class, *, again: bool = False):
        """``view`` while ``stage`` lasts (keeping what was typed); a new one, read afresh, each time it begins.

        ``again``: read the view's items afresh anyway (the store moved while the stage lasts).
        """
        if self.stage != stage or view is None:
            view = view_class(self.store, self.workshop.id, self.session_id, lambda: self.group.value or "annet",
                              self.lang)
        elif not again:
            return view
        view.build()
        return view

    def submit(self) -> Idea | None:
        """Store the typed idea; on success clear the field and confirm.

        If the text holds what looks like personal data, the first press only
        shows the masked version (what will be stored); pressing again sends
        it, and editing the text starts over.
        """
        if self.workshop is None:
            return None
        try:
            require_stage(self.store, self.workshop.id, Stage.IDEER)
            idea = Idea(
                workshop_id=self.workshop.id,
                text=self.text.value,
                group=self.group.value or "annet",
                session_id=self.session_id,
            )
            if self.workshop.masking and self._confirmed_text != self.text.value:
                masked = mask(idea.text)
                if masked.findings:
                    self._confirmed_text = self.text.value
                    self.send_button.description = t("participant.send.masked", self.lang)
                    self.send_status.value = (
                        f'<div class="sk-warning" role="status">{esc(t("participant.masked.notice", self.lang))}'
                        f'<div class="sk-card">{esc(masked.text)}</div></div>'
                    )
                    return None
            self.store.ideas.add(idea)
        except SamskapingError as exc:
            self.send_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.text.value = ""
        self.send_status.value = status(t("participant.sent", self.lang), "ok")
        self._show_mine()
        return idea

    def _text_changed(self) -> None:
        self._update_counter()
        if self._confirmed_text is not None and self.text.value != self._confirmed_text:
            self._confirmed_text = None
            self.send_button.description = t("participant.send", self.lang)

    # -- display ----------------------------------------------------------

    def choose_language(self, lang: str) -> None:
        """The switch at the top: the whole page in ``lang`` at once, what was sent and chosen kept.

        The address gets ``lang=`` (through the kit's script), so a reload stays in the chosen language.
        """
        if lang == self.lang:
            return
        self.lang = lang
        self._apply_language()
        if self.workshop is None:
            return
        self._show_arrival()  # while no group is chosen (above), so relabelling registers nothing
        self._restore_arrival()
        self._show_mine()
        self.ballot = self.concepts = self.evaluation = self.risk_round = None  # built again, in the new language
        self._revision = -1
        self.refresh()

    def _apply_language(self) -> None:
        lang = self.lang
        self.language.show(lang)
        self._apply_header(compact=self.arrival_form.folded)
        labelled(self.code, t("participant.join.code", lang))
        self.join_button.description = t("participant.join.button", lang)
        labelled(self.text, t("participant.idea.label", lang))
        self.text.placeholder = t("participant.idea.placeholder", lang)
        groups = offered_groups(self.workshop) if self.workshop else GROUPS
        chosen = self.group.value or ""
        labelled(self.group, t("participant.group.label", lang))
        self.group.options = [(t("participant.group.none", lang), "")] + [
            (group_label(g, lang), g) for g in GROUPS if g != "annet"  # every group: an older post may name any
        ]
        self.group.value = chosen
        self.send_button.description = t("participant.send", lang)
        self.arrival_form.relabel(lang, groups)
        self._update_counter()

    def _apply_header(self, *, compact: bool) -> None:
        """The title, the question and the privacy text; ``compact`` after registering: one reminder line."""
        lang = self.lang
        if self.workshop is None:
            self.header.value = f"<h1>{esc(t('participant.join.title', lang))}</h1>" \
                f'<p class="sk-help">{esc(t("participant.join.help", lang))}</p>{lang_marker(lang)}'
            return
        question = f'<div class="sk-question">{esc(self.workshop.question or self.workshop.title)}</div>'
        more = (f'<details class="sk-help"><summary>{esc(t("participant.privacy.more", lang))}</summary>'
                f'<p>{esc(t("participant.privacy.long", lang))}</p></details>{lang_marker(lang)}')
        if compact:
            self.header.value = (f'<h1 class="sk-compact">{esc(self.workshop.title)}</h1>{question}'
                                 f'<p class="sk-help">{esc(t("participant.reminder", lang))}</p>{more}')
            return
        self.header.value = (
            f"<h1>{esc(self.workshop.title)}</h1>{question}"
            f'<p class="sk-help">{esc(t("participant.privacy.short", lang))} '
            f'<strong>{esc(t("participant.reminder", lang))}</strong></p>{more}'
        )

    def _update_counter(self) -> None:
        count = len(self.text.value.strip())
        kind = "error" if count > MAX_IDEA_LENGTH else "help"
        text = t("participant.idea.counter", self.lang, count=count, max=MAX_IDEA_LENGTH)
        self.counter.value = f'<div class="sk-{kind}">{esc(text)}</div>'

    def _where_ideas_went(self) -> dict[str, str]:
        """Idea id -> a line saying which theme (and concept) it ended up in, once the facilitator has themed."""
        if not self.store.workshops.revision(self.workshop.id, "ideas"):
            return {}
        themes = {theme.id: theme.label for theme in self.store.themes.list(self.workshop.id)}
        concepts = self.store.concepts.list(self.workshop.id)
        lines = {}
        for idea_id, placement in self.store.themes.placements(self.workshop.id).items():
            if placement.theme_id not in themes:
                continue
            names = [c.name for c in concepts if placement.theme_id in c.theme_ids]
            text = t("participant.mine.theme", self.lang, theme=themes[placement.theme_id])
            if names:
                text += " " + t("participant.mine.concept", self.lang, concepts=", ".join(names))
            lines[idea_id] = f'<br><span class="sk-help">{esc(text)}</span>'
        return lines

    def _show_arrival(self) -> None:
        self.arrival_form.show(self.store, self.workshop, self.lang)

    def _show_mine(self) -> None:
        """This device's ideas, newest first, each with where it went and a button to delete it."""
        ideas = self.store.ideas.list(self.workshop.id, session_id=self.session_id)
        title = widgets.HTML(f"<h2>{esc(t('participant.mine.title', self.lang))}</h2>")
        if not ideas:
            empty = widgets.HTML(f'<p class="sk-help">{esc(t("participant.mine.empty", self.lang))}</p>')
            self.mine.children = (title, self.mine_status, empty)
            return
        hidden = esc(t("participant.mine.hidden", self.lang))
        where = self._where_ideas_went()
        rows = []
        for idea in reversed(ideas):
            text = widgets.HTML(f"<div>{esc(idea.text)}{' <em>' + hidden + '</em>' if idea.hidden else ''}"
                                f"{where.get(idea.id, '')}</div>", layout=widgets.Layout(flex="1 1 auto"))
            delete = confirm_button(t("participant.mine.delete", self.lang),
                                    t("participant.mine.delete.confirm", self.lang),
                                    lambda idea_id=idea.id: self.delete(idea_id))
            delete.tooltip = t("participant.mine.delete.label", self.lang, text=idea.text[:60])
            row = widgets.HBox([text, delete])
            row.add_class("sk-mine-row")
            rows.append(row)
        self.mine.children = (title, self.mine_status, *rows)

    def delete(self, idea_id: str) -> bool:
        """Delete one of this device's own ideas for good (the store refuses anyone else's)."""
        try:
            self.store.ideas.delete(idea_id, by="deltaker", session_id=self.session_id, workshop_id=self.workshop.id)
        except SamskapingError as exc:
            self.mine_status.value = status(error_text(exc, self.lang), "error")
            return False
        self.mine_status.value = status(t("participant.mine.deleted", self.lang), "ok")
        self._show_mine()
        return True


def participant_page(store: Store | None = None, request: PageRequest | None = None) -> widgets.Widget:
    """Build the participant page for the current Voilà request: the widgets first, then (in a warm
    kernel) wait for the phone and fill in its workshop (:meth:`ParticipantPage.take_request`)."""
    if request is not None:
        return live_widget(ParticipantPage, store, request)
    page = ParticipantPage(store or open_store())
    page.take_request(page_request())
    page.start_live()
    return page.widget
