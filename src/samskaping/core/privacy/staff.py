"""Text staff type for the map, the journeys and the concepts: names are checked, not silently masked.

Participants' free text (ideas, comments, evaluations) is masked before it is
stored, and stays so. What a coordinator types for a stakeholder, a concept or
a journey is different: it names organisations, places and roles ("NAV
Nordby", "Psykisk helse Nordby", "Nordby ungdomsråd"), and a ``[navn]`` put
in silently made the grid, the plan and every export wrong. So a class lists
those fields in ``STAFF_TEXT`` (a subset of its ``FREE_TEXT``), and there:

* the guard masks every kind of personal data but names (fødselsnummer,
  phone numbers, e-mail, addresses, dates of birth, ages): :func:`mask_staff_text`;
* a staff page asks :func:`check` first; when something looks like a person's
  name it warns and stores only when staff confirm (as typed) or rephrase;
* text no person has checked (an imported sheet, a direct call of the store)
  gets ``mask_staff_text(text, names=True)``: names that look like a person
  are masked, organisation names are kept as written.

What looks like a person is the guard's name detection (:mod:`.names`) less
what sits in an organisation's name. A finding is taken for a place or an
organisation, not a person, when

* it holds no listed given name, and one of its own words is an organisation
  word ("Nordby Vel", "Nordby-skolen"), or the word right before it (across a
  bracket: "Foreldreutvalget (FAU) Nordby") or right after it is an
  organisation word, also after "barne- og" ("Nordby barne- og
  ungdomsskole"), or it is joined by "og"/"," to such a finding ("Nordby og
  Sørby barnevern").

An organisation word is an acronym (NAV, PPT, FAU, IL), a service the guard
knows (:data:`~.base.SERVICES`), one of :data:`ORGANISATION_WORDS`, or a word
that ends like an organisation (:data:`ORGANISATION_ENDINGS`: "...skolen",
"...tjenesten", "...rådet", "...laget"). A given name next to an organisation
still warns ("Kari Hansen (NAV)"), and so does a role next to a surname
("Rektor Hansen"). Participants' text is masked by
:func:`~.detect.mask` alone: none of this weakens it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from samskaping.core.privacy.base import SERVICES, Finding
from samskaping.core.privacy.detect import Masked, mask
from samskaping.core.privacy.names import name_lists

__all__ = [
    "ORGANISATION_WORDS", "ORGANISATION_ENDINGS", "NameWarning", "Check", "is_organisation_word", "person_names",
    "mask_staff_text", "staff_text_fields", "check",
]

#: Words that name an organisation or a service in a stakeholder register (lower case, whole words).
ORGANISATION_WORDS = frozenset(
    [
        "vel", "kors", "frelsesarmeen", "frivillig", "frivillige", "frivilligheten", "bymisjon", "bymisjonen",
        "helse", "omsorg", "oppvekst", "barnevern", "familievern", "politi", "psykiatri", "psykiatrien", "idrett",
        "kultur", "sokn", "prestegjeld", "fylke", "fylket", "legevakt", "legevakta", "sanitet", "misjon", "redd",
        "rotary", "lions", "club", "kiwanis",
    ]
)
#: How the name of an organisation ends (lower case): "Helsestasjonen", "Nordby-skolen", "Ungdomsrådet".
ORGANISATION_ENDINGS = (
    "skole", "skolen", "skule", "skulen", "barnehage", "barnehagen", "barnehagar", "tjeneste", "tjenesten",
    "tjenester", "tjenestene", "teneste", "tenesta", "tenester", "senter", "senteret", "sentral", "sentralen",
    "kontor", "kontoret", "råd", "rådet", "utvalg", "utvalget", "utval", "utvalet", "lag", "laget", "forening",
    "foreningen", "forbund", "forbundet", "klubb", "klubben", "organisasjon", "organisasjonen", "team", "teamet",
    "enhet", "enheten", "avdeling", "avdelingen", "seksjon", "seksjonen", "etat", "etaten", "kommune", "kommunen",
    "menighet", "menigheten", "kirke", "kirken", "kyrkje", "kyrkja", "stasjon", "stasjonen", "klinikk",
    "klinikken", "sykehus", "sykehuset", "sjukehus", "sjukehuset", "bibliotek", "biblioteket", "hus", "huset",
    "direktorat", "direktoratet", "vern", "vernet", "stiftelse", "stiftelsen", "gruppe", "gruppa", "gruppen",
    "nettverk", "nettverket", "forum", "institutt", "instituttet", "universitet", "høgskole", "høgskolen",
    "høyskole", "høyskolen", "akademi", "akademiet", "tjenesta", "verksted", "verkstedet",
)

_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
_WORD_BEFORE = re.compile(rf"({_WORD})[ \t\u00a0()]*$")
_WORD_AFTER = re.compile(rf"[ \t\u00a0]+({_WORD})")
_COORDINATED = re.compile(rf"[ \t\u00a0]+[^\W\d_]+-[ \t\u00a0]+(?:og|eller)[ \t\u00a0]+({_WORD})")  # barne- og ...
_JOINED = re.compile(r"[ \t\u00a0]*(?:,|og|eller|&)[ \t\u00a0]*")
_WORDS = re.compile(_WORD)
_LOOK_BACK = 80  # characters before a finding where the word before it is looked for (keeps it O(n))


@dataclass(frozen=True)
class NameWarning:
    """A field of a staff-typed object and the words in it that look like a person's name."""

    field: str
    text: str


@dataclass(frozen=True)
class Check:
    """What a staff page learns before it stores an object.

    ``names``: the words that look like a person's name, by field (warn, store
    only when confirmed). ``masked``: the other personal data the guard will
    replace, by kind (fødselsnummer, telefon, epost ...), to tell staff.
    """

    names: tuple[NameWarning, ...]
    masked: Counter


def is_organisation_word(word: str) -> bool:
    """Whether ``word`` names an organisation or a service (rules in the module doc).

    >>> [is_organisation_word(w) for w in ("NAV", "helse", "Ungdomsrådet", "NAV-kontoret", "Rektor", "Hansen")]
    [True, True, True, True, False, False]
    """
    if len(word) >= 2 and word.isupper():
        return True
    lower = word.lower()
    if lower in SERVICES or lower in ORGANISATION_WORDS:
        return True
    return lower.endswith(ORGANISATION_ENDINGS)


def person_names(text: str) -> tuple[Finding, ...]:
    """The guard's name findings in ``text`` that look like a person, not an organisation or a place.

    O(n) in the length of the text, like :func:`~.detect.mask`.

    >>> [text[f.start:f.end] for text in ("Kari Nordmann", "Rektor Hansen") for f in person_names(text)]
    ['Kari Nordmann', 'Hansen']
    >>> [person_names(t) for t in ("NAV Nordby", "Psykisk helse Nordby", "Nordby ungdomsråd", "PPT Vest")]
    [(), (), (), ()]
    """
    return _persons(text, mask(text).findings)


def _persons(text: str, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """:func:`person_names` among ``findings``, the guard's findings in ``text``."""
    names = [f for f in findings if f.kind == "navn"]
    if not names:
        return ()
    places: set[int] = set()  # starts of findings taken for a place or an organisation
    for f in reversed(names):  # right to left: "Nordby og Sørby barnevern" looks at Sørby first
        if _organisation(text, f, places):
            places.add(f.start)
    return tuple(f for f in names if f.start not in places)


def _organisation(text: str, f: Finding, places: set[int]) -> bool:
    lists = name_lists()
    words = _WORDS.findall(text[f.start : f.end])
    if any(part in lists.given for w in words for part in w.split("-")):
        return False  # a given name next to an organisation is still a person: Kari Hansen (NAV)
    if any(is_organisation_word(part) for w in words if w not in lists.surnames for part in (w, *w.split("-")[1:])):
        return True  # Nordby Vel, Nordby-skolen
    before = _WORD_BEFORE.search(text, max(0, f.start - _LOOK_BACK), f.start)
    if before and is_organisation_word(before.group(1)):
        return True  # Psykisk helse Nordby, Foreldreutvalget (FAU) Nordby
    for pattern in (_WORD_AFTER, _COORDINATED):
        after = pattern.match(text, f.end)
        if after and is_organisation_word(after.group(1)):
            return True  # Nordby ungdomsråd, Nordby barne- og ungdomsskole
    joined = _JOINED.match(text, f.end)
    return bool(joined and joined.end() > f.end and joined.end() in places)  # Nordby og Sørby barnevern


def mask_staff_text(text: str, *, names: bool = False) -> Masked:
    """``text`` with every kind of personal data masked but names (``names=True``: and person-like names).

    Staff-typed text keeps the names staff checked; numbers, e-mail and
    addresses never reach the store. With ``names=True`` (text nobody
    checked: an import) a name is masked when it looks like a person
    (:func:`person_names`), and an organisation's name is kept as written.
    Idempotent, like :func:`~.detect.mask`.

    >>> mask_staff_text("Kari Nordmann, 912 34 567").text
    'Kari Nordmann, [telefon]'
    >>> mask_staff_text("Kari Nordmann i Psykisk helse Nordby", names=True).text
    '[navn] i Psykisk helse Nordby'
    """
    result = mask(text)
    if not result.findings:
        return result
    persons = {(f.start, f.end) for f in _persons(text, result.findings)} if names else set()
    kept = tuple(f for f in result.findings if f.kind != "navn" or (f.start, f.end) in persons)
    if len(kept) == len(result.findings):
        return result
    parts, pos = [], 0
    for f in kept:
        parts += [text[pos : f.start], f.replacement]
        pos = f.end
    parts.append(text[pos:])
    return Masked("".join(parts), kept)


def staff_text_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that staff type and the kit checks for names instead of masking them.

    A class lists them in ``STAFF_TEXT`` (each also in its ``FREE_TEXT``);
    a class without it has none: all its free text is masked.
    """
    return tuple(getattr(cls, "STAFF_TEXT", ()))


def check(item: object) -> Check:
    """What storing ``item`` from a staff page would do: names to confirm, other data the guard masks.

    >>> from samskaping.stakeholders.model import Stakeholder
    >>> result = check(Stakeholder("w1", "Kari Nordmann", "helse", 3, 3, notes="Ring 912 34 567"))
    >>> result.names, result.masked
    ((NameWarning(field='name', text='Kari Nordmann'),), Counter({'telefon': 1}))
    >>> check(Stakeholder("w1", "NAV Nordby", "nav", 3, 3)).names
    ()
    """
    staff = staff_text_fields(type(item))
    names: list[NameWarning] = []
    masked: Counter = Counter()
    for field in getattr(type(item), "FREE_TEXT", ()):
        value = getattr(item, field)
        for text in value if isinstance(value, tuple) else (value,):
            findings = mask(text).findings
            if field in staff:
                names += [NameWarning(field, text[f.start : f.end]) for f in _persons(text, findings)]
                findings = tuple(f for f in findings if f.kind != "navn")
            masked.update(f.kind for f in findings)
    return Check(tuple(names), masked)
