"""The message catalogue: every word a person reads, one module per part of the kit.

Each module here defines ``NB`` and ``EN`` dicts. They are merged into one
:data:`CATALOGUE` (``{"nb": {...}, "en": {...}}``) that :func:`samskaping.core.i18n.t`
looks up; a key defined by two modules is an error, so parts cannot overwrite
each other's texts. A new part of the kit adds a module; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil

__all__ = ["CATALOGUE", "LANGUAGES"]

LANGUAGES = ("nb", "en")


def _build() -> dict[str, dict[str, str]]:
    catalogue: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    owner: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for lang in LANGUAGES:
            for key, text in getattr(module, lang.upper()).items():
                if key in catalogue[lang] and owner[key] != info.name:
                    raise RuntimeError(f"Message key {key!r} is defined in both {owner[key]} and {info.name}.")
                catalogue[lang][key] = text
                owner[key] = info.name
    return catalogue


CATALOGUE = _build()
