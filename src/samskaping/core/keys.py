"""Value keys: the word the kit stores for a choice (a group, a phase, a quadrant).

A key is stored and exported as lower-case ASCII with words joined by ``_``
(``"bor_tilfredsstilles"``, ``"onsket"``, ``"mote"``): the one fold of
:func:`key_of`. Each set of choices is a :class:`Key` (a ``StrEnum``), so a
value is a plain string wherever it goes (SQL, JSON, a catalogue key) and a
member of its set in the code. Reading one back accepts any spelling that
folds to the key (``"Møte"``, ``"møte"``, ``"Bør tilfredsstilles"``), so files
written by people, and exports from before the keys were folded, still read.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Self

from samskaping.core.exceptions import InvalidInputError

__all__ = ["Key", "fold", "key_of"]


def fold(text: str) -> str:
    """Lower-case, no accents, æ/ø/å spelt out: what a header, sector or phase is matched on.

    People write the same heading many ways ("Påvirkning", "pavirkning",
    "Interesse (1-5)"); folded, they compare equal. O(len(text)).

    >>> fold("  Påvirkning (1-5): "), fold("Hvordan_berøres")
    ('pavirkning', 'hvordan berores')
    """
    text = text.strip().casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if "(" in text:  # "Interesse (1-5)" -> "interesse"
        text = text.split("(", 1)[0]
    text = text.replace("_", " ").replace("-", " ").strip(" :*.\t")
    return " ".join(text.split())


def key_of(text: str) -> str:
    """The key a spelling folds to: :func:`fold`, with words joined by ``_``.

    >>> key_of("Bør tilfredsstilles"), key_of("Hjemmebesøk"), key_of("ikke-startet")
    ('bor_tilfredsstilles', 'hjemmebesok', 'ikke_startet')
    """
    return fold(text).replace(" ", "_")


class Key(StrEnum):
    """A set of choices whose values are keys; ``Key("Møte")`` finds the member whose key is ``"mote"``.

    A member reads as its value, in ``repr`` too, so objects holding keys print
    as the data they are (``Step(touchpoint='mote')``) in messages and doctests.
    """

    def __repr__(self) -> str:
        return repr(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if isinstance(value, str):
            folded = key_of(value)
            for member in cls:
                if member.value == folded:
                    return member
        return None

    @classmethod
    def parse(cls, value: object, field: str) -> Self:
        """The member for ``value``, or :class:`InvalidInputError` (``bad_choice``) naming it and the choices."""
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(cls)
            raise InvalidInputError(
                f"{field} {value!r} is not one of {choices}.", reason="bad_choice", field=field, value=value,
                choices=choices,
            ) from None
