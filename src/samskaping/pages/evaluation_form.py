"""The evaluation form on the participant page (shown when the facilitator opens it)."""

from __future__ import annotations

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import error_text, t
from samskaping.pages.base import esc, labelled, live_html, require_stage, status
from samskaping.room.model import Evaluation, Stage
from samskaping.store import Store

__all__ = ["EvaluationForm"]

class EvaluationForm:
    """Two 1-5 questions and one free-text question; ``.widget`` goes on the participant page."""

    def __init__(self, store: Store, workshop_id: str, session_id: str, lang: str):
        self.store, self.workshop_id, self.session_id, self.lang = store, workshop_id, session_id, lang
        scale = [(str(n), n) for n in range(1, 6)]
        self.day = widgets.ToggleButtons(options=scale, value=None, style={"button_width": "3rem"},
                                         tooltips=[t("evaluation.score", lang, question=t("evaluation.day", lang), n=n)
                                                   for n in range(1, 6)])
        self.voice = widgets.ToggleButtons(options=scale, value=None, style={"button_width": "3rem"},
                                           tooltips=[t("evaluation.score", lang, question=t("evaluation.voice", lang),
                                                       n=n) for n in range(1, 6)])
        self.change = labelled(widgets.Textarea(layout=widgets.Layout(width="100%"), rows=3),
                               t("evaluation.change", lang))
        self.send_button = widgets.Button(description=t("evaluation.send", lang), button_style="primary",
                                          layout=widgets.Layout(width="100%"))
        self.status = live_html()
        self.send_button.on_click(lambda _: self.send())

        def label(key: str) -> widgets.HTML:
            return widgets.HTML(f'<p class="sk-help">{esc(t(key, lang))}</p>')

        self.widget = widgets.VBox([
            widgets.HTML(f"<h2>{esc(t('evaluation.title', lang))}</h2>"),
            label("evaluation.day"), self.day, label("evaluation.voice"), self.voice,
            self.change, self.send_button, self.status,
        ])

    def send(self) -> Evaluation | None:
        if self.day.value is None or self.voice.value is None:
            self.status.value = status(t("evaluation.missing", self.lang), "error")
            return None
        try:
            require_stage(self.store, self.workshop_id, Stage.EVALUERING)
            evaluation = Evaluation(self.workshop_id, self.session_id, self.day.value, self.voice.value,
                                    self.change.value)
            self.store.room.save_evaluation(evaluation)
        except SamskapingError as exc:
            self.status.value = status(error_text(exc, self.lang), "error")
            return None
        self.status.value = status(t("evaluation.thanks", self.lang))
        return evaluation
