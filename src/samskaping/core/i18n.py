"""Looking up the words a person reads, in bokmål and English.

Pages and the CLI never hold UI text of their own; they ask :func:`t` for a
key of the catalogue (:mod:`samskaping.core.catalogue`, one module per part).
Bokmål is the default and the reference: English must have the same keys and
the same ``{placeholders}`` (a test checks it). Errors are looked up by the
exception's class name (and, for :class:`InvalidInputError`, its reason).
"""

from __future__ import annotations

import string

from samskaping.core.catalogue import CATALOGUE
from samskaping.core.exceptions import InvalidInputError, SamskapingError

__all__ = ["DEFAULT_LANG", "t", "error_text", "choose_lang", "decimal", "group_label", "phase_label"]

DEFAULT_LANG = "nb"


class _Lenient(dict):
    """Leave an unknown ``{placeholder}`` visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for ``key`` in ``lang``, filled with ``params``.

    Falls back to bokmål, then to the key itself, so a missing translation
    shows up as readable text rather than a crash in front of a room.

    >>> t("participant.idea.counter", count=3, max=1000)
    '3 av 1000 tegn'
    >>> t("participant.send", "en")
    'Send idea'
    """
    text = CATALOGUE.get(lang, {}).get(key) or CATALOGUE[DEFAULT_LANG].get(key) or key
    return string.Formatter().vformat(text, (), _Lenient(params))


def error_text(exc: BaseException, lang: str = DEFAULT_LANG) -> str:
    """The sentence to show a person for ``exc``.

    >>> from samskaping.core.exceptions import InvalidInputError
    >>> error_text(InvalidInputError("x", reason="empty"))
    'Feltet er tomt. Skriv minst ett ord.'
    """
    if not isinstance(exc, SamskapingError):
        return t("error.unexpected", lang)
    key = f"error.{type(exc).__name__}"
    if isinstance(exc, InvalidInputError):
        key = f"{key}.{exc.reason}"
    if key not in CATALOGUE[DEFAULT_LANG]:
        return str(exc)
    return t(key, lang, **exc.params)


def choose_lang(asked: str | None = None, workshop_lang: str | None = None) -> str:
    """The page language: ``?lang=`` wins, then the workshop's, then bokmål.

    >>> choose_lang("en", "nb")
    'en'
    >>> choose_lang("xx", None)
    'nb'
    """
    for lang in (asked, workshop_lang):
        if lang in CATALOGUE:
            return lang
    return DEFAULT_LANG


def group_label(group: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"group.{group}", lang)


def phase_label(phase: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"phase.{phase}", lang)


def decimal(value: float | None, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A number as a reader of ``lang`` writes it: a decimal comma in Norwegian, ``–`` for no value.

    >>> decimal(4.25), decimal(4.25, "en"), decimal(None)
    ('4,2', '4.2', '–')
    """
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")

