"""Concepts shown back to the room: each participant says whether a concept fits, and why.

In the seeds the coordinator "sammenstiller" the ideas into concepts that go
back to the groups for feedback. Here they go back to the phones: one answer
per concept (bra / ikke bra / usikker) and an optional comment, which passes
the personal-data guard like all free text.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import error_text, t
from samskaping.ideas.model import FEEDBACK_STANCES, ConceptFeedback
from samskaping.pages.base import esc, labelled, live_html, require_stage, status
from samskaping.room.model import Stage
from samskaping.store import Store

__all__ = ["ConceptFeedbackView"]

class ConceptFeedbackView:
    """The concepts of a workshop with an answer and a comment field each; ``.widget`` goes on the phone."""

    def __init__(self, store: Store, workshop_id: str, session_id: str, group: Callable[[], str], lang: str):
        self.store, self.workshop_id, self.session_id, self.group, self.lang = (
            store, workshop_id, session_id, group, lang
        )
        self.rows = widgets.VBox()
        self.widget = widgets.VBox([widgets.HTML(f"<h2>{esc(t('concepts.view.title', lang))}</h2>"
                                                 f'<p class="sk-help">{esc(t("concepts.view.help", lang))}</p>'),
                                    self.rows])
        self.forms: dict[str, tuple[widgets.ToggleButtons, widgets.Textarea, widgets.HTML]] = {}
        self._rows: dict[str, widgets.VBox] = {}

    def build(self) -> None:
        """Show the workshop's concepts; called again when they change, it keeps what was typed.

        A concept added while the phones are open appears on them without a
        reload; one already shown keeps its answer and half-written comment.
        """
        rows = []
        shown: dict[str, tuple[widgets.ToggleButtons, widgets.Textarea, widgets.HTML]] = {}
        for concept in self.store.concepts.list(self.workshop_id):
            if concept.id not in self.forms:
                self._rows[concept.id] = self._row(concept)
            shown[concept.id] = self.forms[concept.id]
            rows.append(self._rows[concept.id])
        self.forms = shown
        self.rows.children = rows or [widgets.HTML(f'<p class="sk-help">{esc(t("concepts.view.none", self.lang))}</p>')]

    def _row(self, concept) -> widgets.VBox:
        stance = widgets.ToggleButtons(
            options=[(t(f"concepts.view.{s}", self.lang), s) for s in FEEDBACK_STANCES], value=None,
            style={"button_width": "6.5rem"},
        )
        comment = labelled(widgets.Textarea(layout=widgets.Layout(width="100%"), rows=2),
                           t("concepts.view.comment", self.lang))
        send = widgets.Button(description=t("concepts.view.send", self.lang), button_style="primary")
        message = live_html()
        send.on_click(lambda _, c=concept.id: self.send(c))
        self.forms[concept.id] = (stance, comment, message)
        details = t("concepts.view.details", self.lang, target=concept.target_group or "–",
                    next=concept.next_step or "–")
        return widgets.VBox([
            widgets.HTML(f'<div class="sk-card"><strong>{esc(concept.name)}</strong><br>{esc(concept.description)}'
                         f'<br><span class="sk-help">{esc(details)}</span></div>'),
            stance, comment, send, message,
        ], layout=widgets.Layout(margin="0 0 1rem 0"))

    def send(self, concept_id: str) -> bool:
        stance, comment, message = self.forms[concept_id]
        if stance.value is None:
            message.value = status(t("concepts.view.pick", self.lang), "error")
            return False
        try:
            require_stage(self.store, self.workshop_id, Stage.KONSEPTER)
            self.store.concepts.save_feedback(
                ConceptFeedback(concept_id, self.session_id, stance.value, comment.value, self.group())
            )
        except SamskapingError as exc:
            message.value = status(error_text(exc, self.lang), "error")
            return False
        message.value = status(t("concepts.view.thanks", self.lang))
        return True
