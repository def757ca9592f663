"""The question a phone answers on arrival: who are you (one tap), from where on the map, which kommune."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from samskaping.core.i18n import group_label, t
from samskaping.core.models import Workshop
from samskaping.pages.base import esc, labelled, live_html
from samskaping.room.model import Arrival, one_person
from samskaping.store import Store

__all__ = ["ArrivalChoices"]


class ArrivalChoices:
    """The group buttons, «Jeg kommer fra» (the map's organisations) and, in a joint project, the kommune.

    No name is asked. ``on_choice()`` runs when a person chooses (the page registers then);
    after registering the choices fold away to a "change" button, so the phone is for ideas.
    """

    def __init__(self, on_choice: Callable[[], None], on_change: Callable[[], None]):
        self.title = widgets.HTML()
        self.group = widgets.ToggleButtons(value=None, style={"button_width": "9.5rem"})
        self.origin = widgets.Dropdown(layout=widgets.Layout(width="100%"))
        self.kommune = widgets.Dropdown(layout=widgets.Layout(width="100%", display="none"))
        self.done = live_html()
        self.change_button = widgets.Button(layout=widgets.Layout(width="auto", display="none"))
        self.change_button.add_class("sk-small")
        self.change_button.on_click(lambda _: (self.ask(), on_change()))
        self.group.observe(lambda change: change["new"] and on_choice(), names="value")
        for chosen in (self.origin, self.kommune):
            chosen.observe(lambda change: self.group.value and on_choice(), names="value")
        self.widget = widgets.VBox([self.title, self.group, self.origin, self.kommune, self.done, self.change_button])
        self.widget.add_class("sk-arrival")

    def relabel(self, lang: str, groups) -> None:
        """The texts in ``lang`` and the workshop's ``groups``; nothing is chosen by relabelling."""
        self.change_button.description = t("arrival.change", lang)
        self.title.value = f"<h2>{esc(t('arrival.title', lang))}</h2>"
        self.group.value = None  # first: new labels on a chosen button would choose the first group
        self.group.options = [(group_label(g, lang), g) for g in groups]

    def show(self, store: Store, workshop: Workshop, lang: str) -> None:
        """The map's groups and organisations (never a one-person role or a person), and the project's kommuner."""
        stakeholders = []
        if store.workshops.revision(workshop.id, "stakeholders") > 0:
            stakeholders = [s for s in store.stakeholders.list(workshop.id) if not one_person(s.name)]
        self.origin.options = [(t("arrival.from.none", lang), "")] + [(s.name, s.id) for s in stakeholders]
        labelled(self.origin, t("arrival.from", lang))
        self.origin.layout.display = None if stakeholders else "none"
        kommuner = store.projects.of_workshop(workshop.id).municipalities
        kommuner = kommuner if len(kommuner) > 1 else ()  # one municipality: nothing to tell apart
        self.kommune.options = [(t("participant.municipality.none", lang), "")] + [(k, k) for k in kommuner]
        labelled(self.kommune, t("participant.municipality.title", lang))
        self.kommune.layout.display = None if kommuner else "none"
        for chosen in (self.origin, self.kommune):
            if chosen.value is None:  # a list filled after it was made shows a blank line, not "Vil ikke si"
                chosen.value = ""

    def restore(self, earlier: Arrival) -> None:
        """Show what a phone chose before (a reload, a second tab) instead of asking again."""
        for chosen, value in ((self.origin, earlier.stakeholder_id), (self.kommune, earlier.municipality)):
            if value in {option for _, option in chosen.options}:
                chosen.value = value
        if earlier.group in {value for _, value in self.group.options}:
            self.group.value = earlier.group  # shown as chosen; registering again changes nothing

    def registered(self) -> None:
        for widget in (self.title, self.group, self.origin, self.kommune):
            widget.layout.display = "none"
        self.change_button.layout.display = None

    def ask(self) -> None:
        """Show the choices again, to correct them."""
        self.title.layout.display = self.group.layout.display = None
        for chosen in (self.origin, self.kommune):
            chosen.layout.display = None if len(chosen.options) > 1 else "none"
        self.change_button.layout.display = "none"

    @property
    def folded(self) -> bool:
        return self.change_button.layout.display != "none"
