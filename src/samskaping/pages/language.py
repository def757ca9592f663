"""The language switch at the top of a participant's page: one tap, and a reload keeps the choice."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from samskaping.core.i18n import LANGUAGE_NAMES, LANGUAGES, t
from samskaping.pages.base import esc, labelled

__all__ = ["LanguageSwitch"]


class LanguageSwitch:
    """A row of buttons, each language named in itself, so anyone finds theirs without reading another.

    ``on_choose(lang)`` runs when a person taps a language (not when the page sets it);
    the hidden marker then tells the kit's script to put ``lang=`` in the address.
    """

    def __init__(self, lang: str, on_choose: Callable[[str], None]):
        self.buttons = widgets.ToggleButtons(options=[(LANGUAGE_NAMES[code], code) for code in LANGUAGES],
                                             value=lang, style={"button_width": "auto"},
                                             tooltips=[LANGUAGE_NAMES[code] for code in LANGUAGES],
                                             layout=widgets.Layout(width="100%"))
        self.buttons.add_class("sk-lang")
        self.mark = widgets.HTML(layout=widgets.Layout(display="none"))
        self._setting = False
        self.buttons.observe(lambda change: self._tapped(change["new"], on_choose), names="value")
        self.widget = widgets.VBox([self.buttons, self.mark])
        self.show(lang)

    def show(self, lang: str) -> None:
        """Mark ``lang`` as the page's language and name the switch in it, without counting as a tap."""
        self._setting = True
        try:
            self.buttons.value = lang
        finally:
            self._setting = False
        labelled(self.buttons, t("participant.language", lang), visible=False)

    def _tapped(self, lang: str, on_choose: Callable[[str], None]) -> None:
        if self._setting or lang not in LANGUAGES:
            return
        self.mark.value = f'<span hidden data-sk-chosen-lang="{esc(lang)}"></span>'
        on_choose(lang)
