"""The translations, kept as gettext ``.po`` files a translator opens in Poedit or Weblate.

Bokmål is the source language: its texts live in the part modules beside this one,
each under a key. Every other language is a file
``samskaping/locale/<lang>/LC_MESSAGES/samskaping.po`` in which an entry's context
(``msgctxt``) is the key, its ``msgid`` the bokmål text and its ``msgstr`` the
translation, so a translator reads the bokmål sentence and writes their own.

The files are read as they are (Babel parses them in about 30 ms), so correcting a
``.po`` file and restarting the kit is all a translator does; nothing is compiled.

A translation is used only while its ``msgid`` is the bokmål text of today: when
a bokmål text changes, ``pybabel update`` marks the old translation *fuzzy*
and the kit shows bokmål for that message until a translator has looked. North
Sámi is the exception (:data:`SHOWN_UNREVIEWED`): its translations await review
by a native speaker and carry the fuzzy flag until one confirms them, but a
participant is better served by a draft in their own language than by bokmål.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import IO

__all__ = [
    "DOMAIN", "LOCALE_DIR", "SHOWN_UNREVIEWED", "Status", "extract", "load", "po_path", "read", "status",
    "template", "update", "write_template",
]

DOMAIN = "samskaping"
LOCALE_DIR = Path(__file__).resolve().parent.parent.parent / "locale"
#: Languages whose translations are shown while they still await a native speaker's review.
SHOWN_UNREVIEWED = frozenset({"se"})

#: ``{name}`` for our texts, ``%(name)s`` and ``%s`` for argparse's, which the CLI translates too.
_PLACEHOLDER = re.compile(r"{\w+}|%\(\w+\)[a-z]|%[a-z]")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str):
    """The Babel catalogue of ``lang``'s ``.po`` file (empty when there is none)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN)
    with path.open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN, abort_invalid=True)


def load(lang: str, source: Mapping[str, str]) -> dict[str, str]:
    """The texts of ``lang`` by key: only translations of today's bokmål, fuzzy ones only where shown."""
    texts = {}
    for message in read(lang):
        key = message.context
        if not key or not message.string or source.get(key) != message.id:
            continue
        if message.fuzzy and lang not in SHOWN_UNREVIEWED:
            continue
        if _placeholders(message.string) <= _placeholders(message.id):
            texts[key] = message.string
    return texts


@dataclass
class Status:
    """How far one language's file has come, message by message."""

    lang: str
    total: int
    translated: list[str] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    bad_placeholders: list[str] = field(default_factory=list)


def status(lang: str, source: Mapping[str, str]) -> Status:
    """Which keys ``lang`` translates, which await review, and which fall back to bokmål (and why)."""
    found = {m.context: m for m in read(lang) if m.context}
    report = Status(lang, len(source))
    for key, text in source.items():
        message = found.get(key)
        if message is None or not message.string:
            report.missing.append(key)
        elif message.id != text:
            report.outdated.append(key)
        elif not _placeholders(message.string) <= _placeholders(text):
            report.bad_placeholders.append(key)
        elif message.fuzzy:
            report.unreviewed.append(key)
        else:
            report.translated.append(key)
    return report


def template(source: Mapping[str, str]):
    """The ``.pot`` template: every bokmål text under its key, as ``pybabel extract`` writes it."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(domain=DOMAIN, project="samskaping", version="1", msgid_bugs_address="", fuzzy=False,
                      copyright_holder="samskaping", last_translator="", language_team="")
    for key, text in source.items():
        catalog.add(text, context=key, flags=_flags(text))
    return catalog


def write_template(source: Mapping[str, str]) -> Path:
    """Write ``samskaping.pot``, the template a translator starts a new language from (Poedit: "New from POT")."""
    from babel.messages.pofile import read_po, write_po

    path = LOCALE_DIR / f"{DOMAIN}.pot"
    catalog = template(source)
    if path.exists():
        with path.open("rb") as file:
            catalog.creation_date = read_po(file).creation_date  # an unchanged template stays the same file
    catalog.header_comment = _HEADER
    with path.open("wb") as file:
        write_po(file, catalog, width=100)
    return path


def update(lang: str, source: Mapping[str, str], translations: Mapping[str, tuple] | None = None) -> Path:
    """Bring ``lang``'s file in step with today's bokmål, as ``pybabel update`` does, but key by key.

    A translation whose bokmål text changed keeps its words, marked fuzzy with the
    old bokmål beside it (``#| msgid``), so a translator sees what changed; it is
    never matched to another key's text. Keys no longer in the kit are dropped.
    ``translations`` (key: ``(text, awaiting review[, translator's comments])``) are written in too.
    Returns the path.
    """
    from babel.messages.pofile import write_po

    prior = read(lang)
    old = {m.context: m for m in prior if m.context}
    catalog = template(source)
    catalog.locale = lang
    catalog.creation_date = prior.creation_date  # an unchanged file stays byte for byte the same
    if not translations:
        catalog.revision_date = prior.revision_date
    catalog.header_comment = _HEADER
    for message in catalog:
        if not message.id:
            continue
        given = (translations or {}).get(message.context)
        before = old.get(message.context)
        if given:
            message.string, unreviewed, *comments = given
            message.user_comments = list(comments[0]) if comments else []
            if unreviewed:
                message.flags.add("fuzzy")
        elif before is not None and before.string:
            message.string = before.string
            message.user_comments = before.user_comments
            if before.fuzzy or before.id != message.id:
                message.flags.add("fuzzy")
            if before.id != message.id:
                message.previous_id = [before.id]
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=100, include_previous=True)
    return path


def extract(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple]:
    """A Babel extractor for the part modules (``babel.cfg``): each bokmål text under its key.

    The part module is imported, so texts built in code count too; the line is where the key is written.
    """
    name = Path(getattr(fileobj, "name", "")).stem
    if name.startswith("_"):  # the package's __init__ holds every part's texts merged, not a part of its own
        return
    source = fileobj.read().decode("utf-8")
    module = import_module(f"{__package__}.{name}")
    for key, text in getattr(module, "NB", {}).items():
        lineno = next((n for n, line in enumerate(source.splitlines(), 1) if f'"{key}"' in line), 0)
        yield lineno, "pgettext", (key, text), []


_HEADER = """\
# Translations of samskaping. Edit msgstr only: msgctxt is the kit's key, msgid the bokmål text.
# Keep every {placeholder}. An entry flagged fuzzy awaits review and is not shown, except in
# North Sámi (se), where it is shown until a native speaker confirms it by removing the flag.
#"""


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _flags(text: str) -> tuple[str, ...]:
    if "{" in text and _PLACEHOLDER.search(text):
        return ("python-brace-format",)
    return ("python-format",) if "%" in text and _PLACEHOLDER.search(text) else ()
