"""Stakeholders, the relations between them, and their moves on the grid.

The seeds' "interessentkartlegging" places every group, organisation or role on
a Mendelow grid (interest 1-5 across, influence 1-5 up). Only dataclasses and the
rules for their values live here: the store saves and loads them, and the
participant page imports them without networkx.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import ClassVar

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, t
from samskaping.core.keys import Key, fold
from samskaping.core.models import (
    Phase,
    check_id,
    check_whole_number,
    clean_text,
    dataclass_from_dict,
    dataclass_to_dict,
    new_id,
    now,
)

__all__ = [
    "Sector", "RelationKind", "Quadrant", "SECTORS", "RELATION_KINDS", "QUADRANTS", "SCORE_MIN", "SCORE_MAX",
    "TEXT_FIELDS", "Stakeholder",
    "Relation", "Move", "MAX_NAME_LENGTH", "MAX_NOTE_LENGTH", "MAX_SECTOR_LENGTH", "check_score", "sector_key",
    "parse_sector", "is_known_sector", "sector_group",
]



class Sector(Key):
    """The sectors the kit knows, each with its colour and symbol on the grid.

    A municipality's own sectors ("administrasjon", "tillitsvalgte", "kirke")
    are kept as written (:func:`parse_sector`) and drawn as ``annet``.
    """

    OPPVEKST = "oppvekst"
    HELSE = "helse"
    NAV = "nav"
    FRIVILLIGHET = "frivillighet"
    POLITIKK = "politikk"
    BRUKERE = "brukere"
    MEDIA = "media"
    ANNET = "annet"


class RelationKind(Key):
    """How two stakeholders are tied."""

    SAMARBEIDER_MED = "samarbeider_med"
    RAPPORTERER_TIL = "rapporterer_til"
    INFORMERER = "informerer"
    KONFLIKT = "konflikt"


class Quadrant(Key):
    """Mendelow's quadrants, in the order the seeds list them."""

    NOKKELSPILLERE = "nokkelspillere"
    BOR_TILFREDSSTILLES = "bor_tilfredsstilles"
    HOLDES_INFORMERT = "holdes_informert"
    MINIMAL_INNSATS = "minimal_innsats"


SECTORS: tuple[Sector, ...] = tuple(Sector)
RELATION_KINDS: tuple[RelationKind, ...] = tuple(RelationKind)
QUADRANTS: tuple[Quadrant, ...] = tuple(Quadrant)
_SECTOR_VALUES = frozenset(s.value for s in SECTORS)
#: The free-text fields of a stakeholder besides its name, in field order (each a text box on the page).
TEXT_FIELDS = ("affected", "strategy", "justification", "contact_role", "notes", "channel", "frequency")

SCORE_MIN, SCORE_MAX = 1, 5
MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 2000
#: A sector is a word or two ("helse og omsorg"); a longer cell is a note in the wrong column.
MAX_SECTOR_LENGTH = 60

#: What people write for the kit's sectors, folded (:func:`_sector_fold`). Extend it when a
#: municipality's word means one of the eight; any other sector is kept as written.
_SECTOR_SYNONYMS: dict[str, tuple[str, ...]] = {
    "oppvekst": (
        "oppvekst", "oppvekst og utdanning", "oppvekstsektoren", "sektor oppvekst", "utdanning", "skole",
        "skoler", "barnehage", "barnehager", "skole og barnehage", "barnehage og skole", "education",
        "childhood", "schools",
    ),
    "helse": (
        "helse", "helse og omsorg", "helse og velferd", "helsesektoren", "sektor helse", "helsetjenester",
        "helsetjenesten", "health", "health and care",
    ),
    "nav": ("nav", "nav kontoret", "arbeid og velferd"),
    "frivillighet": (
        "frivillighet", "frivilligheten", "frivillig", "frivillige", "frivillig sektor", "frivillige organisasjoner",
        "lag og foreninger", "ideell sektor", "voluntary", "volunteers",
    ),
    "politikk": ("politikk", "politikere", "politiker", "politisk", "politisk niva", "politics", "politicians"),
    "brukere": (
        "brukere", "bruker", "brukerne", "innbyggere", "innbyggerne", "brukerrepresentanter", "brukerorganisasjoner",
        "foreldre", "familier", "barn og unge", "barn unge og familier", "parorende", "users", "service users",
        "parents", "families",
    ),
    "media": ("media", "medier", "presse", "lokalmedia", "lokalavis", "press"),
    "annet": ("annet", "andre", "diverse", "other"),
}


# --- Sectors -------------------------------------------------------------------


def _sector_fold(text: str) -> str:
    """:func:`~samskaping.core.keys.fold` without punctuation and "og": "Helse/omsorg" is "Helse og omsorg".

    >>> _sector_fold("Barn, unge & familier"), _sector_fold("Helse- og omsorg (kommunal)")
    ('barn unge familier', 'helse omsorg')
    """
    words = "".join(ch if ch.isalnum() else " " for ch in fold(text)).split()
    return " ".join(word for word in words if word not in ("og", "and"))


@cache
def _sector_lookup() -> dict[str, Sector]:
    """Every way a sector is named: built on first use, since every language's file is read for it
    (a phone's kernel, which never reads a sheet, is spared that)."""
    return {
        **{_sector_fold(t(f"sector.{s}", lang)): s for s in SECTORS for lang in CATALOGUE},
        **{_sector_fold(syn): Sector(key) for key, syns in _SECTOR_SYNONYMS.items() for syn in syns},
        **{_sector_fold(s.value): s for s in SECTORS},
    }


def sector_key(text: str) -> Sector | None:
    """The kit's sector that ``text`` names (its key, label in any language or a synonym), or ``None``.

    >>> sector_key("Helse- og omsorg"), sector_key("Service users"), sector_key("Kirke")
    ('helse', 'brukere', None)
    """
    return _sector_lookup().get(_sector_fold(text))


def parse_sector(value: object) -> Sector | str:
    """A stakeholder's sector: a known one as its key, any other as the municipality wrote it.

    Municipalities sort stakeholders by their own sectors ("administrasjon",
    "tillitsvalgte", "kommunedirektør"); dropping those rows lost real
    stakeholders, so they are kept: on one line, cleaned, at most
    :data:`MAX_SECTOR_LENGTH` characters (else :class:`InvalidInputError`,
    ``too_long``). Empty means ``annet``. O(len(value)).

    >>> parse_sector(" Frivillige "), parse_sector(""), parse_sector("Tillitsvalgte\\n(Fellesutvalget) ")
    ('frivillighet', 'annet', 'Tillitsvalgte (Fellesutvalget)')
    """
    if value is None:
        return Sector.ANNET
    longest = len(value) if isinstance(value, str) else 0  # the length is checked on one line, below
    text = " ".join(clean_text(value, field="sector", max_length=longest, required=False).split())
    if len(text) > MAX_SECTOR_LENGTH:
        raise InvalidInputError(
            f"sector has {len(text)} characters; shorten it to {MAX_SECTOR_LENGTH} or fewer.",
            reason="too_long", field="sector", value=text, length=len(text), max=MAX_SECTOR_LENGTH,
        )
    if not text:
        return Sector.ANNET
    return sector_key(text) or text


def is_known_sector(sector: str) -> bool:
    """Whether ``sector`` is one of the kit's :data:`SECTORS` (not one kept as the municipality wrote it).

    >>> is_known_sector("nav"), is_known_sector("Kirke")
    (True, False)
    """
    return sector in _SECTOR_VALUES


def sector_group(sector: str) -> Sector:
    """The kit's sector a stakeholder is drawn and coloured as: its own, or ``annet`` for a sector of its own.

    >>> sector_group("helse"), sector_group("Tillitsvalgte")
    ('helse', 'annet')
    """
    return Sector(sector) if is_known_sector(sector) else Sector.ANNET


# --- The objects ---------------------------------------------------------------


def check_score(value: object, field: str) -> int:
    """A 1-5 score as an int, or :class:`InvalidInputError` naming the value (:func:`check_whole_number`)."""
    return check_whole_number(value, field, SCORE_MIN, SCORE_MAX)


def _parse_time(kwargs: dict, name: str) -> None:
    value = kwargs.get(name)
    if isinstance(value, str):
        try:
            kwargs[name] = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInputError(
                f"{name} {value!r} is not an ISO 8601 time.", reason="bad_time", field=name, value=value
            ) from None


@dataclass
class Stakeholder:
    """A group, organisation or role placed on the interest x influence grid.

    ``strategy``, ``channel`` ("møte", "nyhetsbrev") and ``frequency``
    ("månedlig") are the coordinator's own words; empty means "use the
    quadrant's default" (:func:`strategy_for`, :func:`involvement_plan`), so a
    stakeholder moved to another quadrant gets the new default without anyone
    editing text. ``sector`` is one of :data:`SECTORS` or, when the
    municipality sorts by its own ("tillitsvalgte"), that text
    (:func:`parse_sector`, :func:`is_known_sector`). ``phase`` is the one of
    :data:`~samskaping.core.models.PHASES` the stakeholder is involved in, or
    ``""`` for all of them.
    """

    #: The fields the privacy guard masks before this is stored or exported (a sector may be typed freely).
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("name", "sector", *TEXT_FIELDS)
    #: Typed by staff: names here are checked on the page, not masked (:mod:`samskaping.core.privacy.staff`).
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    workshop_id: str
    name: str
    sector: Sector | str
    interest: int
    influence: int
    affected: str = ""
    strategy: str = ""
    justification: str = ""
    contact_role: str = ""
    notes: str = ""
    channel: str = ""
    frequency: str = ""
    phase: Phase | str = ""  # "" means every phase
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.workshop_id = check_id(self.workshop_id, "workshop_id")
        self.name = clean_text(self.name, field="name", max_length=MAX_NAME_LENGTH)
        self.sector = parse_sector(self.sector)
        self.interest = check_score(self.interest, "interest")
        self.influence = check_score(self.influence, "influence")
        for name in TEXT_FIELDS:
            setattr(self, name, clean_text(getattr(self, name), field=name, max_length=MAX_NOTE_LENGTH, required=False))
        phase = clean_text(self.phase, field="phase", max_length=MAX_NAME_LENGTH, required=False).lower()
        self.phase = Phase.parse(phase, "phase") if phase else ""

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Stakeholder:
        return cls(**dataclass_from_dict(cls, data))


@dataclass
class Relation:
    """A tie between two stakeholders: who works with, reports to, informs or is in conflict with whom.

    ``source_id -> target_id`` keeps the direction ("NAV rapporterer til
    politikerne"); the network analysis treats ties as undirected, because
    information and trust flow both ways along them.
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ()

    workshop_id: str
    source_id: str
    target_id: str
    kind: RelationKind = RelationKind.SAMARBEIDER_MED
    weight: float = 1.0
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        self.workshop_id = check_id(self.workshop_id, "workshop_id")
        self.source_id = check_id(self.source_id, "source_id")
        self.target_id = check_id(self.target_id, "target_id")
        if self.source_id == self.target_id:
            raise InvalidInputError(
                f"Relation from {self.source_id!r} to itself; pick two different stakeholders.",
                reason="self_relation",
                field="target_id",
                value=self.target_id,
            )
        self.kind = RelationKind.parse(self.kind, "kind")
        weight = self.weight
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) or weight <= 0:
            raise InvalidInputError(
                f"weight {weight!r} is not a positive number; use for example 1 (normal) or 2 (strong).",
                reason="bad_weight",
                field="weight",
                value=weight,
            )
        self.weight = float(weight)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Relation:
        return cls(**dataclass_from_dict(cls, data))


@dataclass
class Move:
    """One row of a stakeholder's history: where it was put, by whom, when.

    Workshops move stakeholders as they learn; the history shows the steering
    group how the picture changed (and undoes a slip of the finger).
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("moved_by",)

    stakeholder_id: str
    interest: int
    influence: int
    moved_by: str = ""
    at: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.stakeholder_id = check_id(self.stakeholder_id, "stakeholder_id")
        self.interest = check_score(self.interest, "interest")
        self.influence = check_score(self.influence, "influence")
        self.moved_by = clean_text(self.moved_by, field="moved_by", max_length=MAX_NAME_LENGTH, required=False)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Move:
        kwargs = dataclass_from_dict(cls, data)
        _parse_time(kwargs, "at")
        return cls(**kwargs)
