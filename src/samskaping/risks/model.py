"""Risks and critical success factors of a project: the plan's "Risikoanalyse og kvalitetssikring".

The seed plans rank critical success factors ("kritiske suksessfaktorer", 3 to 1
where 3 matters most), list what follows when one fails, and score each risk for
likelihood ("sannsynlighet", 1-5) and consequence ("konsekvens", 1-5) on a 5 x 5
matrix, with measures ("risikoreduserende tiltak") for the worst. Only the
dataclasses and the rules for their values live here: the store saves and loads
them, and the pages import them without matplotlib or openpyxl.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import ClassVar

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, DEFAULT_LANG, t
from samskaping.core.keys import Key, fold
from samskaping.core.models import (
    MAX_TITLE_LENGTH,
    check_id,
    check_whole_number,
    clean_text,
    dataclass_from_dict,
    dataclass_to_dict,
    display_numbers,
    new_id,
    now,
)

__all__ = [
    "RiskLevel", "RiskStatus", "Scale", "RISK_LEVELS", "RISK_STATUSES", "SCALES", "SCALE_MIN", "SCALE_MAX",
    "SCORE_MAX", "MAX_NR", "DEFAULT_THRESHOLDS", "LEVEL_SHADES", "PRIORITY_MIN", "PRIORITY_MAX",
    "MAX_NOTE_LENGTH", "MAX_OWNER_LENGTH", "MAX_CONSEQUENCES", "Thresholds", "Risk", "SuccessFactor",
    "parse_scale", "scale_word", "scale_words", "display_numbers", "RiskRating", "RoomRating", "room_ratings",
    "DISAGREEMENT",
]


class RiskLevel(Key):
    """How serious a risk is, from its score (:class:`Thresholds`), lowest first."""

    LAV = "lav"
    MIDDELS = "middels"
    HOY = "hoy"


class RiskStatus(Key):
    """Where the work on a risk stands: still open, measures under way, or closed."""

    APEN = "apen"
    TILTAK = "tiltak"
    LUKKET = "lukket"


class Scale(Key):
    """The two 1-5 scales a risk is scored on (``risk.scale.<scale>.<n>`` in the catalogue)."""

    LIKELIHOOD = "likelihood"
    CONSEQUENCE = "consequence"


RISK_LEVELS: tuple[RiskLevel, ...] = tuple(RiskLevel)
RISK_STATUSES: tuple[RiskStatus, ...] = tuple(RiskStatus)
SCALES: tuple[Scale, ...] = tuple(Scale)

SCALE_MIN, SCALE_MAX = 1, 5
SCORE_MAX = SCALE_MAX * SCALE_MAX
#: A success factor's rank, as the seeds give it: 3 is the most important, 1 the least.
PRIORITY_MIN, PRIORITY_MAX = 1, 3
#: Measures are a few sentences or a bullet list copied from the plan.
MAX_NOTE_LENGTH = 2000
#: An owner is a role or a group ("Koordinator", "Prosjektledelsen").
MAX_OWNER_LENGTH = 200
#: The highest number in a plan's list of risks or success factors.
MAX_NR = 9999
#: What may follow from a failed success factor: the seeds list two to four.
MAX_CONSEQUENCES = 20

#: What plans and templates write on each scale besides the catalogue's own labels, folded
#: (:func:`~samskaping.core.keys.fold`): bokmål, nynorsk and English. Extend it when a
#: municipality's word means a step; nothing else is ever read as a number ("høy" is not).
_SCALE_SYNONYMS: dict[str, dict[int, tuple[str, ...]]] = {
    "likelihood": {
        1: ("meget liten", "svaert liten", "veldig liten", "sers liten", "svaert lita", "sers lita", "very low",
            "very unlikely", "rare"),
        2: ("liten", "lita", "lite", "low", "unlikely"),
        3: ("moderat", "middels", "moderate", "medium", "possible"),
        4: ("stor", "high", "likely"),
        5: ("meget stor", "svaert stor", "veldig stor", "sers stor", "very high", "very likely", "almost certain"),
    },
    "consequence": {
        1: ("ubetydelig", "ubetydeleg", "negligible", "insignificant"),
        2: ("lav", "lag", "liten", "lita", "mindre alvorlig", "mindre alvorleg", "low", "minor"),
        3: ("moderat", "middels", "moderate", "medium"),
        4: ("alvorlig", "alvorleg", "serious", "major", "severe"),
        5: ("svaert alvorlig", "meget alvorlig", "veldig alvorlig", "svaert alvorleg", "sers alvorleg", "kritisk",
            "critical", "very serious", "catastrophic"),
    },
}


# --- Thresholds and levels ------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """Where a score (likelihood x consequence, 1-25) turns middels and høy.

    A score of at least ``hoy`` is høy, at least ``middels`` middels, anything
    lower lav. The defaults (5 and 10) give the usual green, yellow and red
    bands of a Norwegian ROS matrix; a project that wants another cut says so
    here, and the matrix, the tables and the text all follow it.

    >>> Thresholds().level(4), Thresholds().level(5), Thresholds().level(10)
    ('lav', 'middels', 'hoy')
    >>> Thresholds(middels=8, hoy=8)
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: middels 8 is not below hoy 8; use 1 <= middels < hoy <= 25.
    """

    middels: int = 5
    hoy: int = 10

    def __post_init__(self) -> None:
        # Frozen: the checked values are written with object.__setattr__.
        object.__setattr__(self, "middels", check_whole_number(self.middels, "middels", 1, SCORE_MAX))
        object.__setattr__(self, "hoy", check_whole_number(self.hoy, "hoy", 1, SCORE_MAX))
        if not self.middels < self.hoy:
            raise InvalidInputError(
                f"middels {self.middels} is not below hoy {self.hoy}; use 1 <= middels < hoy <= 25.",
                reason="bad_thresholds", field="thresholds", middels=self.middels, hoy=self.hoy, max=SCORE_MAX,
            )

    def level(self, score: int) -> RiskLevel:
        """The level of ``score`` (a whole number 1-25). O(1)."""
        score = check_whole_number(score, "score", 1, SCORE_MAX)
        if score >= self.hoy:
            return RiskLevel.HOY
        return RiskLevel.MIDDELS if score >= self.middels else RiskLevel.LAV

    def span(self, level: RiskLevel | str) -> tuple[int, int]:
        """The lowest and highest score of ``level``, for a legend ("Middels: 5–9").

        >>> Thresholds().span("middels"), Thresholds(3, 20).span("hoy")
        ((5, 9), (20, 25))
        """
        level = RiskLevel.parse(level, "level")
        return {
            RiskLevel.LAV: (1, self.middels - 1),
            RiskLevel.MIDDELS: (self.middels, self.hoy - 1),
            RiskLevel.HOY: (self.hoy, SCORE_MAX),
        }[level]


#: The usual cut: 1-4 lav, 5-9 middels, 10-25 høy.
DEFAULT_THRESHOLDS = Thresholds()

#: The shade of each level, in the matrix and in the workbook alike: light tints of the Okabe-Ito
#: bluish green, yellow and vermillion, which any colour vision tells apart, and that grow darker
#: with the level, so a grey print keeps the order. The level is always written out as well.
LEVEL_SHADES = {"lav": "#E0F3E8", "middels": "#F6DC6E", "hoy": "#EE9A76"}


# --- Scale words ------------------------------------------------------------------------


def scale_word(value: int, scale: Scale | str, lang: str = DEFAULT_LANG) -> str:
    """The catalogue's word for step ``value`` of ``scale``, as the matrix labels it.

    >>> scale_word(1, "likelihood"), scale_word(5, "consequence")
    ('Meget liten', 'Svært alvorlig')
    """
    return t(f"risk.scale.{Scale.parse(scale, 'scale')}.{value}", lang)


def scale_words(scale: Scale | str, lang: str = DEFAULT_LANG) -> str:
    """Every step of ``scale`` with its word, for a message that says what is accepted.

    >>> scale_words("likelihood")
    '1 = Meget liten, 2 = Liten, 3 = Moderat, 4 = Stor, 5 = Meget stor'
    """
    return ", ".join(f"{n} = {scale_word(n, scale, lang)}" for n in range(SCALE_MIN, SCALE_MAX + 1))


def _loose(text: str) -> str:
    """:func:`~samskaping.core.keys.fold`, and "æ" written "a" too: "Svart alvorlig" from a keyboard without æ.

    >>> _loose("SVÆRT alvorlig"), _loose("svart alvorlig")
    ('svart alvorlig', 'svart alvorlig')
    """
    return fold(text).replace("ae", "a")


@cache
def _scale_lookup(scale: str) -> dict[str, int]:
    """Every word for a step of ``scale`` (:func:`_loose`): the catalogue's in each language and the synonyms.

    Built on first use, since every language's file is read for it (a phone's
    kernel, which never reads a sheet, is spared that).
    """
    found = {_loose(t(f"risk.scale.{scale}.{n}", lang)): n for n in range(SCALE_MIN, SCALE_MAX + 1)
             for lang in CATALOGUE}
    found.update({_loose(word): n for n, words in _SCALE_SYNONYMS[scale].items() for word in words})
    return found


def _number(value: object) -> float | None:
    """A number from a cell: an int, a float, or text such as ``"3"`` or ``"3,0"``; else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", ".").replace("\u2212", "-"))
        except ValueError:
            return None
    return None


def parse_scale(value: object, scale: Scale | str) -> int:
    """A step 1-5 of ``scale`` (``"likelihood"`` or ``"consequence"``) from a number or a scale word.

    Plans write the step as a number (``3``, ``"3"``, ``"3,0"``) or as the
    word of the matrix ("Meget liten", "Svært alvorlig"), in bokmål, nynorsk or
    English and in any case (:func:`~samskaping.core.keys.fold`, æ also as "a";
    a note in brackets is ignored). Nothing else is guessed: "høy" is not on either
    scale. Anything that is not a step raises :class:`InvalidInputError`
    (``bad_scale``) naming the value and the accepted words. O(len(value)).

    >>> parse_scale("3,0", "likelihood"), parse_scale("SVÆRT ALVORLIG", "consequence")
    (3, 5)
    >>> parse_scale("very low", "likelihood"), parse_scale("Ubetydeleg", "consequence")
    (1, 1)
    >>> parse_scale("høy", "likelihood")
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: likelihood 'høy' is not on the 1-5 scale; \
write a whole number from 1 to 5 or one of: Meget liten, Liten, Moderat, Stor, Meget stor.
    """
    scale = Scale.parse(scale, "scale")
    number = _number(value)
    if number is not None and math.isfinite(number) and number.is_integer() and SCALE_MIN <= number <= SCALE_MAX:
        return int(number)
    if number is None and isinstance(value, str):
        step = _scale_lookup(scale).get(_loose(value))
        if step is not None:
            return step
    words = ", ".join(scale_word(n, scale) for n in range(SCALE_MIN, SCALE_MAX + 1))
    raise InvalidInputError(
        f"{scale} {value!r} is not on the 1-5 scale; write a whole number from 1 to 5 or one of: {words}.",
        reason="bad_scale", field=str(scale), value=value, choices=scale_words(scale), min=SCALE_MIN, max=SCALE_MAX,
    )


# --- The objects ---------------------------------------------------------------------------


def _one_line(value: object, name: str, max_length: int, *, required: bool) -> str:
    """Free text on one line (line breaks and runs of spaces become one space), cleaned as titles are."""
    # Room for what cleaning may add (NFC rarely lengthens); the length that counts is checked on one line, below.
    longest = len(value) * 2 if isinstance(value, str) else 0
    text = " ".join(clean_text(value, field=name, max_length=longest, required=required).split())
    if len(text) > max_length:
        raise InvalidInputError(
            f"{name} has {len(text)} characters; shorten it to {max_length} or fewer.",
            reason="too_long", field=name, length=len(text), max=max_length,
        )
    return text


def _check_nr(value: object, name: str) -> int:
    """A number in the plan's list: 0 (none yet) up to :data:`MAX_NR`."""
    return check_whole_number(value, name, 0, MAX_NR, scale=f"1 to {MAX_NR}, or 0 for none")


@dataclass
class Risk:
    """One risk of a project, scored for likelihood and consequence (1-5 each).

    ``nr`` is its number in the plan ("Nr. 2" in the matrix); 0 means not
    numbered yet (:func:`display_numbers` gives it the next free one).
    ``measures`` are the risk-reducing measures, ``owner`` who sees to them
    (a role: "Koordinator", "Prosjektledelsen"), ``status`` how far they have come.

    >>> r = Risk("p1", "Prosjektet forankres ikke blant ansatte", 4, 4, nr=2)
    >>> r.score, r.level(), r.level(Thresholds(middels=10, hoy=20))
    (16, 'hoy', 'middels')
    >>> Risk("p1", "Koordinator slutter", 7, 2)
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: likelihood 7 is outside 1-5; use a whole number from 1 to 5.
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("title", "measures", "owner")
    #: Typed by staff: names here are checked on the page, not masked (:mod:`samskaping.core.privacy.staff`).
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    title: str
    likelihood: int
    consequence: int
    nr: int = 0
    measures: str = ""
    owner: str = ""
    status: RiskStatus = RiskStatus.APEN
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.title = _one_line(self.title, "title", MAX_TITLE_LENGTH, required=True)
        self.likelihood = check_whole_number(self.likelihood, "likelihood", SCALE_MIN, SCALE_MAX)
        self.consequence = check_whole_number(self.consequence, "consequence", SCALE_MIN, SCALE_MAX)
        self.nr = _check_nr(self.nr, "nr")
        self.measures = clean_text(self.measures, field="measures", max_length=MAX_NOTE_LENGTH, required=False)
        self.owner = _one_line(self.owner, "owner", MAX_OWNER_LENGTH, required=False)
        self.status = RiskStatus.parse(self.status, "status")

    @property
    def score(self) -> int:
        """Likelihood times consequence, 1-25: what the level and the matrix colour follow."""
        return self.likelihood * self.consequence

    def level(self, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> RiskLevel:
        """The risk's level under ``thresholds`` (by default 5 and 10). O(1)."""
        return thresholds.level(self.score)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Risk:
        return cls(**dataclass_from_dict(cls, data))


@dataclass
class SuccessFactor:
    """A critical success factor ("KSF"): what must hold for the project to succeed.

    ``priority`` ranks it as the seeds do, 3 (most important) to 1;
    ``consequences`` are what follows when it fails ("Ingen fremdrift",
    "Rutiner tas ikke i bruk"), one line each; ``risk_nr`` ties it to the
    risk with that number (0: none), whose score says how likely the failure
    is; ``measures`` are how the project guards it ("kvalitetssikring").

    >>> f = SuccessFactor("p1", "Prosjektet forankres blant ansatte", 3, nr=2,
    ...                   consequences=["Ingen fremdrift", "", " Rutiner tas\\nikke i bruk "], risk_nr=2)
    >>> f.consequences
    ('Ingen fremdrift', 'Rutiner tas ikke i bruk')
    >>> SuccessFactor("p1", "Brukerstemmen tas med", 4)
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: priority 4 is outside 1-3; \
use a whole number from 3 (most important) to 1.
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("title", "consequences", "measures")
    #: Typed by staff: names here are checked on the page, not masked.
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    title: str
    priority: int
    nr: int = 0
    consequences: tuple[str, ...] = ()
    risk_nr: int = 0
    measures: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.title = _one_line(self.title, "title", MAX_TITLE_LENGTH, required=True)
        self.priority = check_whole_number(
            self.priority, "priority", PRIORITY_MIN, PRIORITY_MAX, scale="3 (most important) to 1"
        )
        self.nr = _check_nr(self.nr, "nr")
        self.consequences = _check_consequences(self.consequences)
        self.risk_nr = _check_nr(self.risk_nr, "risk_nr")
        self.measures = clean_text(self.measures, field="measures", max_length=MAX_NOTE_LENGTH, required=False)

    def to_dict(self) -> dict:
        """A JSON-ready dict; ``consequences`` is a list (JSON has no tuples)."""
        data = dataclass_to_dict(self)
        data["consequences"] = list(self.consequences)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> SuccessFactor:
        return cls(**dataclass_from_dict(cls, data))


def _check_consequences(value: object) -> tuple[str, ...]:
    """What follows from a failed success factor: one line each, empty ones dropped.

    A text is read as one consequence per line, as a person pastes a list.
    """
    if isinstance(value, str):
        value = value.split("\n")
    if not isinstance(value, (list, tuple)):
        raise InvalidInputError(
            f"consequences {value!r} is not a list of texts.", reason="not_text", field="consequences"
        )
    lines = [_one_line(item, "consequences", MAX_TITLE_LENGTH, required=False) for item in value]
    lines = [line for line in lines if line]
    if len(lines) > MAX_CONSEQUENCES:
        raise InvalidInputError(
            f"consequences has {len(lines)} lines; keep {MAX_CONSEQUENCES} or fewer.",
            reason="too_long", field="consequences", length=len(lines), max=MAX_CONSEQUENCES,
        )
    return tuple(lines)


# --- The risk round: the room rates each risk on its phones ---------------------------------

#: How far apart two phones' ratings of one axis must be for the room to disagree: "2" against "5".
DISAGREEMENT = 3


@dataclass
class RiskRating:
    """One phone's rating of one risk in a risk round (one per device: a new one replaces it)."""

    FREE_TEXT: ClassVar[tuple[str, ...]] = ()

    risk_id: str
    workshop_id: str
    session_id: str
    likelihood: int
    consequence: int
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.likelihood = check_whole_number(self.likelihood, "likelihood", SCALE_MIN, SCALE_MAX)
        self.consequence = check_whole_number(self.consequence, "consequence", SCALE_MIN, SCALE_MAX)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> RiskRating:
        return cls(**dataclass_from_dict(cls, data))


@dataclass(frozen=True)
class RoomRating:
    """What the room said about one risk: the median of each axis, and how far apart the phones were.

    The median, not the mean: one phone's 5 among 1s should not move the room's answer.
    The spread is the point to discuss, so it is kept as the lowest and highest rating.
    """

    risk_id: str
    answers: int
    likelihood: float
    consequence: float
    likelihood_range: tuple[int, int]
    consequence_range: tuple[int, int]

    @property
    def disagreement(self) -> bool:
        """Some phones rated an axis :data:`DISAGREEMENT` or more apart."""
        return any(high - low >= DISAGREEMENT for low, high in (self.likelihood_range, self.consequence_range))

    def adopted(self) -> tuple[int, int]:
        """The room's rating as whole scale steps, a half rounded up (the cautious side of a risk).

        >>> RoomRating("r", 2, 2.5, 4.0, (2, 3), (4, 4)).adopted()
        (3, 4)
        """
        return math.floor(self.likelihood + 0.5), math.floor(self.consequence + 0.5)


def room_ratings(ratings: Iterable[RiskRating]) -> dict[str, RoomRating]:
    """The room's rating of each risk that has any, by risk id. O(n log n).

    >>> ratings = [RiskRating("r1", "w", s, lk, c) for s, lk, c in (("a", 2, 4), ("b", 5, 4), ("c", 3, 3))]
    >>> room = room_ratings(ratings)["r1"]
    >>> room.likelihood, room.consequence, room.likelihood_range, room.disagreement
    (3, 4, (2, 5), True)
    """
    by_risk: dict[str, list[RiskRating]] = {}
    for rating in ratings:
        by_risk.setdefault(rating.risk_id, []).append(rating)
    return {
        risk_id: RoomRating(
            risk_id, len(items),
            statistics.median(r.likelihood for r in items), statistics.median(r.consequence for r in items),
            (min(r.likelihood for r in items), max(r.likelihood for r in items)),
            (min(r.consequence for r in items), max(r.consequence for r in items)),
        )
        for risk_id, items in by_risk.items()
    }
