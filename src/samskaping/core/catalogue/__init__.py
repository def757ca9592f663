"""The message catalogue: every word a person reads, one module per part of the kit.

Each part module here defines an ``NB`` dict: the bokmål text of each key, the
source every other language is translated from. The other languages are gettext
``.po`` files under ``samskaping/locale`` (see :mod:`.po`), read the first time a page
asks for them. A key defined by two modules is an error, so parts cannot
overwrite each other's texts. A new part of the kit adds a module; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from functools import cache

from samskaping.core.catalogue import po

__all__ = ["CATALOGUE", "LANGUAGES", "NB", "SOURCE_LANG"]

SOURCE_LANG = "nb"
#: Every language shipped: bokmål, nynorsk, English and North Sámi (the participant's page).
LANGUAGES = ("nb", "nn", "en", "se")


def _build() -> dict[str, str]:
    texts: dict[str, str] = {}
    owner: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, text in getattr(module, "NB", {}).items():
            if key in texts and owner[key] != info.name:
                raise RuntimeError(f"Message key {key!r} is defined in both {owner[key]} and {info.name}.")
            texts[key] = text
            owner[key] = info.name
    return texts


NB = _build()


@cache
def _translated(lang: str) -> dict[str, str]:
    return po.load(lang, NB)


class _Catalogue(Mapping[str, dict[str, str]]):
    """``CATALOGUE[lang]``: the texts of one language by key; a language's file is read on first use."""

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang == SOURCE_LANG:
            return NB
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return _translated(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


CATALOGUE = _Catalogue()
