"""Street addresses with a house number, and postnummer with a place.

A street name ending in -gata, -gaten, -gate, -gt, -veien, -vegen, -vei, -veg,
-vn, -stien, -bakken, -plassen, -torget, -allé, -lia, -haugen, -åsen, -jordet,
nynorsk -bryggja, -stølen, North Sami -geaidnu (road), -gáhta (street)
... (or a capitalised name + ``gate``/``vei``/``plass`` as in ``Kong Oscars
gate``), typed with a capital or not, followed by a house number (``12B``,
``3 A``, ``5-7``, ``nr. 4``); and postnummer + sted (``7580 Selbu``, also
``7580 selbu`` for a known place). A year followed by a capitalised word (``i
2024 Oslo``) is not taken for a postnummer, and a number followed by a unit
(``Fjelldalen 3 dager``) is not a house number.
"""

from __future__ import annotations

import re

from samskaping.core.privacy.base import (
    CALENDAR,
    DIGIT,
    LOWER,
    PLACES_LOWER,
    SERVICES,
    SP,
    UPPER,
    WE,
    Finding,
    finding,
    has_digit_run,
)

__all__ = ["find_adresse"]

_STREET_SUFFIX = (
    r"(?:gata|gaten|gate|gt\.?|veien|vegen|vei|veg|vn\.?|stien|stig|stigen|bakken|bakke"
    r"|plassen|plass|torget|torg|allé|alléen|alleen|ringen|brygga|bryggen|kaia|kaien"
    r"|svingen|tunet|løkka|lia|lii|haugen|åsen|jordet|kroken|myra|vollen|marka|tjernet"
    r"|moen|enga|engen|sletta|bråten|feltet|grenda|toppen|lunden|berget|vika|viken|kollen"
    r"|stranda|bekken|odden|bukta|tråkket|slyngen|grend|faret|kleiva|tangen"
    r"|bryggja|brekka|teigen|stølen|geaidnu|gáhta)"
)
_HOUSE_NUMBER = (
    rf"{SP}+(?:nr\.?{SP}*)?(?P<number>[0-9]{{1,4}}(?:[-–][0-9]{{1,4}})?"
    rf"(?:[a-h]{WE}|{SP}?[A-H]{WE})?)"
    r"(?![0-9]|[.,][0-9])"
    r"(?!\s*(?:år\b|åring|%|kr\b|kroner|prosent|ganger|gonger|dager|dagar|uker|veker|timer|timar|min\b"
    r"|minutt|måneder|månader|mnd|barn\b|born\b|elever|elevar|personer|personar|deltakere|deltakarar|stk"
    r"|\.\s*(?:klasse|trinn)))"
)
_STREET = re.compile(
    rf"""
    (?<![\w\]-])
    (?:
        [{UPPER}][{LOWER}{UPPER}-]*?{_STREET_SUFFIX}          # Storgata, Kirkeveien, Granlia
      | [{LOWER}]{{2,}}{_STREET_SUFFIX}                      # nygata, kirkevn (typed fast)
      | (?:[{UPPER}][\w'’.-]*{SP}+){{1,3}}                    # Kong Oscars gate
        (?i:gate|gata|vei|veg|veien|vegen|allé|plass|torg|bakke|sti)
    )
    {_HOUSE_NUMBER}
    """,
    re.VERBOSE,
)
_PLACE_PREFIX = r"(?:Øvre|Nedre|Indre|Ytre|Nordre|Søndre|Store|Lille|Vestre|Østre)"
_POSTNUMMER = re.compile(
    rf"""
    (?<![\w.,/:+\]-])(?<![\d\[\]]{SP})
    (?P<postnummer>[0-9]{{4}}){SP}+
    (?P<place>
        (?:{_PLACE_PREFIX}{SP}+)?
        [{UPPER}{LOWER}][{LOWER}{UPPER}]+
        (?:-[{UPPER}][{LOWER}{UPPER}]+|{SP}i{SP}[{UPPER}{LOWER}][{LOWER}]+)?
    )
    {WE}(?!-)
    """,
    re.VERBOSE,
)
_YEAR_CUE = re.compile(
    r"\b(?:i|fra|frå|til|før|etter|siden|sidan|innen|innan|per|år|året|høsten|hausten|våren|sommeren"
    r"|sommaren|vinteren|jula|og|eller|mellom|rundt|ca\.?)\s*$",
    re.IGNORECASE,
)


def find_adresse(text: str) -> list[Finding]:
    """Street addresses and postnummer + place in ``text``.

    >>> [text[f.start:f.end] for text in ["Bor i granlia 4b, 7580 selbu."] for f in find_adresse(text)]
    ['granlia 4b', '7580 selbu']
    """
    if not DIGIT.search(text):
        return []
    found = [finding("adresse", m.start(), m.end()) for m in _STREET.finditer(text)]
    if has_digit_run(text, 4):
        found.extend(finding("adresse", m.start(), m.end()) for m in _POSTNUMMER.finditer(text) if _is_place(text, m))
    return found


def _is_place(text: str, m: re.Match) -> bool:
    """A postnummer match names a place: not a service, a month, a year or a plain word."""
    place = m["place"]
    if place.lower() in SERVICES or place in CALENDAR:
        return False
    if place[0].islower() and place.split()[0] not in PLACES_LOWER:
        return False  # "2000 barn", "1500 personer"
    year_like = 1900 <= int(m["postnummer"]) <= 2099
    return not (year_like and _YEAR_CUE.search(text, max(0, m.start() - 12), m.start()))
