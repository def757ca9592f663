"""Panels of the facilitator page: the guided flow, the room, voting, evaluation.

Each panel owns its widgets and a ``refresh()`` that reads the store; the
facilitator page decides which panels the current flow step shows and calls
``refresh()`` from its polling loop when the matching revision moved.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import decimal, error_text, group_label, t
from samskaping.core.models import GROUPS, Workshop, offered_groups
from samskaping.ideas.model import FEEDBACK_STANCES, Voting
from samskaping.ideas.voting import consensus, results
from samskaping.pages.base import esc, live_html, status
from samskaping.room.attendance import representativity, representativity_text
from samskaping.room.evaluation import summarise
from samskaping.room.flow import FLOW, step_at, timer_text
from samskaping.store import Store
from samskaping.store.room import MAX_EXPECTED

__all__ = ["ConceptsPanel", "FlowBar", "RoomPanel", "VotingPanel", "EvaluationPanel"]

class FlowBar:
    """Step n of N, what to do now, a timer, and previous/next buttons."""

    def __init__(self, store: Store, lang: str, on_change: Callable[[], None]):
        self.store, self.lang, self.on_change = store, lang, on_change
        self.workshop: Workshop | None = None
        self.title = widgets.HTML()
        self.timer = widgets.HTML()
        self.help = widgets.HTML()
        self.previous_button = widgets.Button(description=t("flow.previous", lang), icon="arrow-left")
        self.next_button = widgets.Button(description=t("flow.next", lang), icon="arrow-right", button_style="primary")
        self.previous_button.on_click(lambda _: self.go(-1))
        self.next_button.on_click(lambda _: self.go(+1))
        self.widget = widgets.VBox([
            widgets.HBox([self.title, self.timer], layout=widgets.Layout(justify_content="space-between",
                                                                         flex_flow="row wrap")),
            self.help,
            widgets.HBox([self.previous_button, self.next_button]),
        ])
        self.widget.add_class("sk-flow")
        self.index = 0
        self.started = None

    def show(self, workshop: Workshop) -> None:
        """Show the workshop's step; opened for the first time, its first step starts now (and its timer)."""
        if self.store.room.stage(workshop.id)[2] is None:
            self.store.room.set_stage(workshop.id, step_at(0).stage, 0)
        self.refresh(workshop)

    @property
    def step(self):
        return step_at(self.index)

    def go(self, offset: int) -> None:
        """Move to the previous or next step; the participants' phones follow its stage."""
        index = min(max(self.index + offset, 0), len(FLOW) - 1)
        self.store.room.set_stage(self.workshop.id, step_at(index).stage, index)
        self.refresh(self.workshop)
        self.on_change()

    def refresh(self, workshop: Workshop) -> None:
        """Read the current step (on opening, and when the room's revision moved: another laptop may have stepped)."""
        self.workshop = workshop
        _, self.index, self.started = self.store.room.stage(workshop.id)
        step = self.step
        title = t(f"flow.{step.key}.title", self.lang)
        self.title.value = f"<h2>{esc(t('flow.step', self.lang, n=self.index + 1, total=len(FLOW), title=title))}</h2>"
        self.help.value = f'<p class="sk-help">{esc(t(f"flow.{step.key}.help", self.lang))}</p>'
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(FLOW) - 1
        self.tick()

    def tick(self) -> None:
        """Update the timer (called every poll; no store read: the start time came with the step)."""
        if self.workshop is None:
            return
        text, overrun = timer_text(self.started, self.step.minutes)
        label = esc(t("flow.timer", self.lang))
        self.timer.value = f'<div class="sk-timer{" sk-overrun" if overrun else ""}">{label} {esc(text)}</div>'


class _HtmlPanel:
    """A panel that is one block of HTML, drawn whole by ``refresh(workshop)``."""

    def __init__(self, store: Store, lang: str):
        self.store, self.lang = store, lang
        self.html = widgets.HTML()
        self.widget = self.html


class ConceptsPanel(_HtmlPanel):
    """The concepts the phones are answering, with the room's answers so far and the comments."""

    def refresh(self, workshop: Workshop) -> None:
        answers: dict[str, list] = {}
        for answer in self.store.concepts.feedback(workshop.id):
            answers.setdefault(answer.concept_id, []).append(answer)
        items = []
        for concept in self.store.concepts.list(workshop.id):
            given = answers.get(concept.id, [])
            counts = ", ".join(f"{t(f'concepts.view.{stance}', self.lang)} {sum(a.stance == stance for a in given)}"
                               for stance in FEEDBACK_STANCES)
            comments = "".join(f"<li>{esc(a.comment)}</li>" for a in given if a.comment)
            items.append(f'<li><strong>{esc(concept.name)}</strong> – {esc(counts)}'
                         f'{f"<ul>{comments}</ul>" if comments else ""}</li>')
        body = f"<ul>{''.join(items)}</ul>" if items else \
            f'<p class="sk-help">{esc(t("concepts.view.none", self.lang))}</p>'
        self.html.value = f"<h2>{esc(t('facilitator.concepts.title', self.lang))}</h2>{body}"


class RoomPanel(_HtmlPanel):
    """Who registered, by group, and which key players and user groups are missing; how many to get ready for.

    The expected number goes to the store; the server keeps that many
    participant pages warm (server/warm.py), so phones that join together all
    get their form quickly.
    """

    def __init__(self, store: Store, lang: str):
        super().__init__(store, lang)
        self.workshop: Workshop | None = None
        self.expected = widgets.BoundedIntText(value=0, min=0, max=MAX_EXPECTED,
                                               description=t("facilitator.room.expected", lang),
                                               style={"description_width": "initial"},
                                               layout=widgets.Layout(width="auto"))
        self.ready = widgets.Button(description=t("facilitator.room.ready", lang))
        self.ready.on_click(lambda _: self.get_ready())
        self.ready_status = live_html()
        self.widget = widgets.VBox([self.html, widgets.HBox([self.expected, self.ready],
                                                            layout=widgets.Layout(flex_flow="row wrap")),
                                    self.ready_status])

    def get_ready(self) -> None:
        """Store how many participants this workshop expects; the server gets that many pages ready."""
        if self.workshop is None:
            return
        try:
            self.store.room.expect(self.workshop.id, int(self.expected.value))
        except SamskapingError as exc:
            self.ready_status.value = status(error_text(exc, self.lang), "error")
            return
        count = int(self.expected.value)
        message = t("facilitator.room.ready.done", self.lang, count=count) if count else \
            t("facilitator.room.ready.off", self.lang)
        self.ready_status.value = status(message)

    def refresh(self, workshop: Workshop) -> None:
        if self.workshop is None or self.workshop.id != workshop.id:
            self.expected.value = self.store.room.expected(workshop.id)
            self.ready_status.value = ""
        self.workshop = workshop
        stakeholders = self.store.stakeholders.list(workshop.id)
        result = representativity(stakeholders, self.store.room.arrivals(workshop.id), offered_groups(workshop))
        lines = representativity_text(result, self.lang)
        items = "".join(
            f'<li class="{"sk-warn-line" if n >= 2 else ""}">{esc(line)}</li>' for n, line in enumerate(lines)
        )
        self.html.value = f"<h2>{esc(t('facilitator.room.title', self.lang))}</h2><ul>{items}</ul>"


class VotingPanel:
    """Open and close voting; while open only counts, after closing the tally by group and consensus."""

    def __init__(self, store: Store, lang: str):
        self.store, self.lang = store, lang
        self.workshop: Workshop | None = None
        self.dots = widgets.BoundedIntText(value=3, min=1, max=20, description=t("facilitator.voting.dots", lang),
                                           layout=widgets.Layout(width="10rem"))
        self.open_button = widgets.Button(description=t("facilitator.voting.open", lang), button_style="primary")
        self.close_button = widgets.Button(description=t("facilitator.voting.close", lang), button_style="warning")
        self.message = live_html()
        self.results = widgets.HTML()
        self.open_button.on_click(lambda _: self.set_state("apen"))
        self.close_button.on_click(lambda _: self.set_state("lukket"))
        self.widget = widgets.VBox([
            widgets.HTML(f"<h2>{esc(t('facilitator.voting.title', lang))}</h2>"),
            widgets.HBox([self.dots, self.open_button, self.close_button], layout=widgets.Layout(flex_flow="row wrap")),
            self.message, self.results,
        ])

    def set_state(self, state: str) -> None:
        try:
            self.store.votes.set_voting(Voting(self.workshop.id, dots=self.dots.value, state=state))
            if state == "apen":
                self.store.room.set_stage(self.workshop.id, "stemming", self.store.room.stage(self.workshop.id)[1])
        except SamskapingError as exc:
            self.message.value = status(error_text(exc, self.lang), "error")
            return
        self.refresh(self.workshop)

    def refresh(self, workshop: Workshop) -> None:
        self.workshop = workshop
        voting = self.store.votes.voting(workshop.id)
        self.dots.value = voting.dots
        self.open_button.disabled = voting.is_open
        self.close_button.disabled = not voting.is_open
        if voting.state == "ikke_startet":
            self.message.value = f'<p class="sk-help">{esc(t("facilitator.voting.not_started", self.lang))}</p>'
            self.results.value = ""
            return
        dots, answers = self.store.votes.count(workshop.id)
        if voting.is_open:
            self.message.value = status(t("facilitator.voting.count", self.lang, dots=dots, answers=answers))
            self.results.value = ""
            return
        self.message.value = ""
        self.results.value = self._table(workshop)

    def _table(self, workshop: Workshop) -> str:
        tallies = results(self.store, workshop.id) or {}
        texts = {idea.id: idea.text for idea in self.store.ideas.list(workshop.id)}
        verdicts = {v.idea_id: v.kind for v in consensus(tallies)}
        ranked = sorted(tallies.values(), key=lambda item: (-item.dots, texts.get(item.idea_id, "")))
        head = "".join(f'<th scope="col">{esc(t(f"facilitator.voting.{c}", self.lang))}</th>'
                       for c in ("idea", "dots_col", "by_group", "agree", "disagree", "verdict"))
        rows = []
        for item in ranked:
            by_group = ", ".join(f"{group_label(g, self.lang)} {item.dots_by_group[g]}"
                                 for g in GROUPS if item.dots_by_group[g])
            verdict = t(f"facilitator.voting.{verdicts.get(item.idea_id, 'uavklart')}", self.lang)
            rows.append(f"<tr><td>{esc(texts.get(item.idea_id, '?'))}</td><td>{item.dots}</td>"
                        f"<td>{esc(by_group)}</td><td>{item.stances['enig']}</td><td>{item.stances['uenig']}</td>"
                        f"<td>{esc(verdict)}</td></tr>")
        return f'<div class="sk-scroll"><table class="sk-plan"><tr>{head}</tr>{"".join(rows)}</table></div>'


class EvaluationPanel(_HtmlPanel):
    """The evaluation summary: means, distributions and the comments (masked)."""

    def refresh(self, workshop: Workshop) -> None:
        result = summarise(self.store.room.evaluations(workshop.id))
        title = f"<h2>{esc(t('facilitator.evaluation.title', self.lang))}</h2>"
        if not result.answers:
            self.html.value = title + f'<p class="sk-help">{esc(t("facilitator.evaluation.none", self.lang))}</p>'
            return
        line = t("evaluation.summary", self.lang, answers=result.answers, day=decimal(result.day_mean, self.lang),
                 voice=decimal(result.voice_mean, self.lang))
        comments = "".join(f"<li>{esc(c)}</li>" for c in result.comments)
        bars = "".join(f"<tr><td>{n}</td><td>{'▮' * result.day_counts[n]}</td>"
                       f"<td>{'▮' * result.voice_counts[n]}</td></tr>"
                       for n in range(1, 6))
        self.html.value = (f"{title}<p>{esc(line)}</p><table class='sk-counts'>"
                           f"<tr><th></th><th>{esc(t('evaluation.day.short', self.lang))}</th>"
                           f"<th>{esc(t('evaluation.voice.short', self.lang))}</th></tr>{bars}</table>"
                           f"<ul>{comments}</ul>")
