"""The name check on the staff pages: a person's name is shown back, and nothing is stored until staff choose.

What staff type for a stakeholder, a concept or a journey names
organisations, places and roles. The personal-data guard no longer masks names
there (:mod:`samskaping.core.privacy.staff`); instead a page asks
:meth:`NameCheck.passes` before it stores. When a field looks like a person's
name ("Kari Nordmann") the page shows the warning with the words it means, and
two buttons: "Lagre som skrevet" stores exactly that text as typed, "Skriv om"
stores nothing. Text changed after the warning is checked again. Fødselsnummer,
phone numbers and e-mail are masked whatever staff choose; :meth:`NameCheck.masked_note`
says so after saving.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from samskaping.core.i18n import t
from samskaping.core.privacy.staff import check, staff_text_fields
from samskaping.pages.base import esc, live_html, status

__all__ = ["NameCheck"]


class NameCheck:
    """The warning and its two buttons under one staff form; ``.widget`` goes below the form's status line.

    ``label(field)`` names a field as the form does.
    """

    def __init__(self, lang: str, label: Callable[[str], str]):
        self.lang = lang
        self.label = label
        self.message = live_html()
        self.confirm_button = widgets.Button(description=t("privacy.check.confirm", lang), button_style="warning")
        self.rephrase_button = widgets.Button(description=t("privacy.check.rephrase", lang))
        self.buttons = widgets.HBox([self.confirm_button, self.rephrase_button],
                                    layout=widgets.Layout(flex_flow="row wrap", display="none"))
        self.widget = widgets.VBox([self.message, self.buttons])
        self._pending: tuple[tuple, Callable[[], object]] | None = None  # (what was warned about, save again)
        self._confirmed: tuple | None = None
        self.confirm_button.on_click(lambda _: self.confirm())
        self.rephrase_button.on_click(lambda _: self.rephrase())

    def passes(self, item: object, again: Callable[[], object], before: object | None = None) -> bool:
        """Whether ``item`` may be stored now: no field looks like a person's name, or staff confirmed this text.

        Otherwise the warning shows, and ``again`` (the page's own save, which
        reads the form anew) runs when staff choose "Lagre som skrevet". A
        field that is as stored in ``before`` (the object being edited) is
        not asked about again: moving a stakeholder does not repeat the question.
        """
        found = [w for w in check(item).names
                 if before is None or getattr(before, w.field, None) != getattr(item, w.field)]
        key = _key(item)
        if not found or key == self._confirmed:
            self.clear()
            return True
        self._pending, self._confirmed = (key, again), None
        lines = "".join(
            f"<li>{esc(t('privacy.check.where', self.lang, field=self.label(w.field), text=w.text))}</li>"
            for w in found
        )
        self.message.value = (
            f'<div class="sk-warning" role="alert"><strong>{esc(t("privacy.check.person_name", self.lang))}'
            f"</strong><ul>{lines}</ul>{esc(t('privacy.check.help', self.lang))}</div>"
        )
        self.buttons.layout.display = None
        return False

    @property
    def waiting(self) -> bool:
        """True while a warning waits for staff to choose."""
        return self._pending is not None

    def confirm(self) -> object:
        """Store as typed: run the page's save again, which now passes for exactly the text that was warned about."""
        if self._pending is None:
            return None
        key, again = self._pending
        self._confirmed = key
        try:
            return again()
        finally:
            self._confirmed = None

    def rephrase(self) -> None:
        """Store nothing; say so, so staff write a role or a group and save again."""
        self._pending = None
        self.buttons.layout.display = "none"
        self.message.value = status(t("privacy.check.rephrased", self.lang))

    def clear(self) -> None:
        self._pending = None
        self.buttons.layout.display = "none"
        self.message.value = ""

    def masked_note(self, item: object) -> str:
        """The sentence that says which other personal data the guard replaces in ``item`` ("" when none)."""
        masked = check(item).masked
        if not masked:
            return ""
        kinds = ", ".join(t(f"privacy.kind.{kind}", self.lang) for kind in masked)
        return t("privacy.check.masked", self.lang, kinds=kinds)


def _key(item: object) -> tuple:
    """What staff saw in the warning: the object's type and its staff-typed text."""
    return (type(item).__name__, *(getattr(item, name) for name in staff_text_fields(type(item))))
