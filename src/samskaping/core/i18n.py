"""Looking up the words a person reads: bokmål, nynorsk, English and North Sámi.

Pages and the CLI never hold UI text of their own; they ask :func:`t` for a
key of the catalogue (:mod:`samskaping.core.catalogue`, one module per part).
Bokmål is the default and the source the others are translated from (gettext
``.po`` files); a message a language lacks is shown in bokmål, message by
message, never as a key or a crash. North Sámi covers what a participant reads;
staff pages and documents of a Sámi workshop are in bokmål (:func:`staff_lang`).
Errors are looked up by the exception's class name (and, for
:class:`InvalidInputError`, its reason).
"""

from __future__ import annotations

import string

from samskaping.core.catalogue import CATALOGUE, LANGUAGES
from samskaping.core.exceptions import InvalidInputError, SamskapingError

__all__ = [
    "DEFAULT_LANG", "LANGUAGES", "LANGUAGE_NAMES", "STAFF_LANGUAGES", "t", "error_text", "choose_lang", "decimal",
    "group_label", "language_tag", "phase_label", "staff_lang",
]

DEFAULT_LANG = "nb"
#: Each language by its own name, as a switch shows it: a reader finds their language without reading another.
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "se": "Davvisámegiella", "en": "English"}
#: The languages staff pages, the wall and documents are written in; North Sámi covers the participant's page.
STAFF_LANGUAGES = ("nb", "nn", "en")
_TAGS = {"nb": "nb-NO", "nn": "nn-NO", "se": "se-NO", "en": "en-GB"}


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
        if lang in LANGUAGES:
            return lang
    return DEFAULT_LANG


def staff_lang(lang: str | None) -> str:
    """The language of a staff page, the wall or a document: ``lang`` if the kit writes those in it, else bokmål.

    >>> staff_lang("nn"), staff_lang("se"), staff_lang(None)
    ('nn', 'nb', 'nb')
    """
    return lang if lang in STAFF_LANGUAGES else DEFAULT_LANG


def language_tag(lang: str) -> str:
    """The BCP 47 tag a document or page carries, for spell-checkers and screen readers.

    >>> language_tag("nn"), language_tag("se"), language_tag("en")
    ('nn-NO', 'se-NO', 'en-GB')
    """
    return _TAGS.get(lang, _TAGS[DEFAULT_LANG])


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

