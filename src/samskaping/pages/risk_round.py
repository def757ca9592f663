"""The risk round: the room rates the project's risks on its phones, and staff see where it disagrees.

A risk assessment written by a coordinator alone misses what the room knows. In a
risk round each phone rates each risk (likelihood and consequence, 1-5, with the
scale's words); the staff panel shows the room's median and the lowest and highest
rating, because the spread is the point to discuss ("some of you say 2, some 5"),
and adopts the room's rating when the discussion has settled it. Ratings are per
device, never shown one by one.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import decimal, error_text, t
from samskaping.core.models import Workshop
from samskaping.pages.base import esc, labelled, live_html, require_stage, status
from samskaping.risks.model import SCALE_MAX, SCALE_MIN, Risk, RiskRating, display_numbers, room_ratings, scale_word
from samskaping.room.model import Stage
from samskaping.store import Store

__all__ = ["RiskRoundPanel", "RiskRoundView"]


def _scale(scale: str, label: str, lang: str, value: int | None) -> widgets.Dropdown:
    """1 – Meget liten … 5 – Meget stor, starting at "Velg …" (0: a dropdown shows no text for ``None``)."""
    options = [(t("participant.risk.choose", lang), 0)] + [
        (f"{n} – {scale_word(n, scale, lang)}", n) for n in range(SCALE_MIN, SCALE_MAX + 1)]
    return labelled(widgets.Dropdown(options=options, value=value or 0, layout=widgets.Layout(width="100%")), label)


class RiskRoundView:
    """A phone in a risk round; built like the ballot (``.widget`` goes on the participant page)."""

    def __init__(self, store: Store, workshop_id: str, session_id: str, group: Callable[[], str], lang: str):
        self.store, self.workshop_id, self.session_id, self.lang = store, workshop_id, session_id, lang
        self.header = widgets.HTML()
        self.rows = widgets.VBox()
        self.widget = widgets.VBox([self.header, self.rows], layout=widgets.Layout(width="100%"))
        self.forms: dict[str, tuple[widgets.Dropdown, widgets.Dropdown, widgets.HTML]] = {}

    def build(self) -> None:
        """Each of the project's risks with this phone's earlier rating filled in."""
        lang = self.lang
        project = self.store.projects.of_workshop(self.workshop_id)
        risks = self.store.risks.list(project.id)
        mine = {r.risk_id: r for r in self.store.risks.ratings(self.workshop_id) if r.session_id == self.session_id}
        help_text = t("participant.risk.help" if risks else "participant.risk.none", lang)
        self.header.value = (f"<h2>{esc(t('participant.risk.title', lang))}</h2>"
                             f'<p class="sk-help">{esc(help_text)}</p>')
        numbers = display_numbers(risks)
        self.forms, rows = {}, []
        for risk in risks:
            earlier = mine.get(risk.id)
            likelihood = _scale("likelihood", t("participant.risk.likelihood", lang), lang,
                                earlier.likelihood if earlier else None)
            consequence = _scale("consequence", t("participant.risk.consequence", lang), lang,
                                 earlier.consequence if earlier else None)
            send = widgets.Button(description=t("participant.risk.send", lang), button_style="primary",
                                  layout=widgets.Layout(width="100%"))
            message = live_html()
            send.on_click(lambda _, risk_id=risk.id: self.send(risk_id))
            self.forms[risk.id] = (likelihood, consequence, message)
            nr = esc(t("participant.risk.nr", lang, nr=numbers[risk.id]))
            card = widgets.VBox([widgets.HTML(f'<div class="sk-card"><strong>{nr}</strong> {esc(risk.title)}</div>'),
                                 likelihood, consequence, message, send],
                                layout=widgets.Layout(margin="0 0 1rem 0"))
            card.add_class("sk-risk-rating")
            rows.append(card)
        self.rows.children = rows

    def send(self, risk_id: str) -> bool:
        """Keep this phone's rating of one risk (again: it replaces the earlier one)."""
        likelihood, consequence, message = self.forms[risk_id]
        if not likelihood.value or not consequence.value:
            message.value = status(t("participant.risk.missing", self.lang), "error")
            return False
        try:
            require_stage(self.store, self.workshop_id, Stage.RISIKO)
            self.store.risks.rate(RiskRating(risk_id, self.workshop_id, self.session_id, likelihood.value,
                                             consequence.value))
        except SamskapingError as exc:
            message.value = status(error_text(exc, self.lang), "error")
            return False
        message.value = status(t("participant.risk.thanks", self.lang))
        return True


class RiskRoundPanel:
    """Staff's side of a risk round in one workshop: open and close it, read the room, adopt its rating."""

    def __init__(self, store: Store, lang: str, *, chooser: widgets.Widget | None = None):
        """``chooser``: the page's choice of workshop, shown under the title."""
        self.store, self.lang = store, lang
        self.workshop: Workshop | None = None
        self.risks: list[Risk] = []
        self.title = widgets.HTML(f"<h2>{esc(t('risk.round.title', lang))}</h2>"
                                  f'<p class="sk-help">{esc(t("risk.round.help", lang))}</p>')
        self.open_button = widgets.Button(description=t("risk.round.open", lang), button_style="primary")
        self.close_button = widgets.Button(description=t("risk.round.close", lang))
        self.open_button.on_click(lambda _: self.open_round())
        self.close_button.on_click(lambda _: self.close_round())
        self.state = live_html()
        self.rows = widgets.VBox()
        self.widget = widgets.VBox([self.title, *([chooser] if chooser else []),
                                    widgets.HBox([self.open_button, self.close_button]), self.state, self.rows])
        self.widget.add_class("sk-risk-round")

    def show(self, workshop: Workshop | None) -> None:
        """Follow ``workshop``'s phones (one of the project's workshops; ``None``: none chosen)."""
        self.workshop = workshop
        self.refresh()

    def open_round(self) -> None:
        self.store.room.set_stage(self.workshop.id, Stage.RISIKO)
        self.refresh()

    def close_round(self) -> None:
        self.store.room.set_stage(self.workshop.id, Stage.IDEER)
        self.refresh()

    def refresh(self) -> None:
        """The room's rating of each risk, with the adopt button, and whether the round is open."""
        lang = self.lang
        if self.workshop is None:
            self.rows.children = ()
            self.state.value = ""
            return
        project = self.store.projects.of_workshop(self.workshop.id)
        self.risks = self.store.risks.list(project.id)
        stage, _, _ = self.store.room.stage(self.workshop.id)
        self.state.value = status(t("risk.round.is_open" if stage == Stage.RISIKO else "risk.round.is_closed", lang),
                                  "ok" if stage == Stage.RISIKO else "help")
        room = room_ratings(self.store.risks.ratings(self.workshop.id))
        numbers = display_numbers(self.risks)
        rows = []
        for risk in self.risks:
            heading = (f"<strong>{esc(t('participant.risk.nr', lang, nr=numbers[risk.id]))}</strong> "
                       f"{esc(risk.title)} · {risk.likelihood} × {risk.consequence}")
            rated = room.get(risk.id)
            if rated is None:
                rows.append(widgets.HTML(f'<p>{heading}<br><span class="sk-help">'
                                         f'{esc(t("risk.round.none", lang))}</span></p>'))
                continue
            line = t("risk.round.row", lang, likelihood=decimal(rated.likelihood, lang, 1),
                     consequence=decimal(rated.consequence, lang, 1), l_low=rated.likelihood_range[0],
                     l_high=rated.likelihood_range[1], c_low=rated.consequence_range[0],
                     c_high=rated.consequence_range[1], answers=rated.answers)
            warn = f' <strong class="sk-warn-line">{esc(t("risk.round.disagree", lang))}</strong>' \
                if rated.disagreement else ""
            likelihood, consequence = rated.adopted()
            adopt = widgets.Button(description=t("risk.round.adopt", lang, likelihood=likelihood,
                                                 consequence=consequence), layout=widgets.Layout(width="auto"))
            adopt.on_click(lambda _, risk_id=risk.id, lc=(likelihood, consequence): self.adopt(risk_id, *lc))
            rows.append(widgets.VBox([widgets.HTML(f"<p>{heading}<br>{esc(line)}{warn}</p>"), adopt]))
        self.rows.children = rows

    def adopt(self, risk_id: str, likelihood: int, consequence: int) -> Risk:
        """Give the risk the room's rating, and say so."""
        risk = self.store.risks.adopt(risk_id, likelihood, consequence)
        self.refresh()
        self.state.value = status(t("risk.round.adopted", self.lang, nr=risk.nr, likelihood=likelihood,
                                    consequence=consequence))
        return risk
