"""Evaluating a project over time against its goals: the evaluation plan and what was measured.

The seed plans measure their goals three times: a baseline before the work
starts ("nullpunktsmåling", "nullpunktsanalyse": a survey of employees,
interviews with families), evaluations on the way ("underveisevalueringer",
once a half-year) and a final one ("sluttevaluering": the survey again, and
whether the resultatmål were reached). What is measured, how and for what
comes from the evaluation plan, Midt-Telemark's table "Mål/delmål |
Aktiviteter | Evalueringsspørsmål | Datakilde | Metode | Tidspunkt |
Analyse/bruk": one :class:`EvaluationPlanEntry` per row. Each measurement
(:class:`Measurement`) is a number with its unit, or only a note (an
interview's findings). The kit's own forms feed in too: the evaluation after
a workshop (:func:`from_workshop_evaluations`) and the registration at arrival
(:func:`from_attendance`), which answer the plans' "Hvordan opplevde
deltakerne dagen?" and "Hvor mange og hvem deltok?".

Only dataclasses, the rules for their values and pure checks live here: the
store saves and loads them, and nothing here imports a plotting or office
library. Goals are :class:`~samskaping.goals.model.Goal` objects; their outline
numbers and level names come from :mod:`samskaping.goals.model` (light too).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import ClassVar, Protocol

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, DEFAULT_LANG, error_text, group_label, t
from samskaping.core.keys import Key, fold
from samskaping.core.models import (
    GROUPS,
    check_id,
    check_whole_number,
    clean_text,
    dataclass_from_dict,
    dataclass_to_dict,
    new_id,
    now,
)
from samskaping.goals.model import Goal, GoalLevel, level_label, numbering

__all__ = [
    "MeasurementKind", "Direction", "IssueKind", "KINDS", "KIND_WORDS", "METHODS", "MAX_TEXT_LENGTH",
    "MAX_LINE_LENGTH", "MAX_UNIT_LENGTH", "MAX_NOTE_LENGTH", "MAX_NR", "MAX_VALUE",
    "EvaluationPlanEntry", "Measurement", "Progress", "Issue",
    "parse_kind", "kind_label", "parse_date", "parse_value", "day_text", "ordered_measurements", "series", "progress",
    "plan_issues", "describe_issue", "describe_error", "from_workshop_evaluations", "from_attendance",
]


class MeasurementKind(Key):
    """When in the project a measurement is taken: before (the baseline), on the way, or at the end.

    ``MeasurementKind("Nullpunktsmåling")`` and ``MeasurementKind("midtveis")``
    find their kind too (:func:`parse_kind` says which words count).
    """

    NULLPUNKT = "nullpunkt"
    UNDERVEIS = "underveis"
    SLUTT = "slutt"

    @classmethod
    def _missing_(cls, value: object) -> MeasurementKind | None:
        if isinstance(value, str):
            key = _kind_lookup().get(_compact(value))
            return cls(key) if key else None
        return None


class Direction(Key):
    """Which way an indicator moved from its first value to its latest."""

    OPP = "opp"
    NED = "ned"
    FLAT = "flat"


class IssueKind(Key):
    """What :func:`plan_issues` finds missing or wrong in an evaluation."""

    NO_PLAN = "no_plan"
    NO_NULLPUNKT = "no_nullpunkt"
    SLUTT_BEFORE_NULLPUNKT = "slutt_before_nullpunkt"
    UNKNOWN_GOAL = "unknown_goal"


KINDS: tuple[MeasurementKind, ...] = tuple(MeasurementKind)
#: What plans call each kind, folded and without spaces (:func:`_compact`): bokmål, nynorsk, English.
#: The seeds write "nullpunktsmåling", "nullpunktsanalyse", "underveisevaluering", "mellomevaluering",
#: "følgeevaluering", "sluttevaluering"; the catalogue's labels in every language are added.
KIND_WORDS: dict[MeasurementKind, tuple[str, ...]] = {
    MeasurementKind.NULLPUNKT: (
        "nullpunkt", "nullpunktsmaling", "nullpunktmaling", "nullpunktsanalyse", "nullpunktanalyse",
        "nullpunktsundersokelse", "nullpunktsundersoking", "nullpunktskartlegging", "nullmaling", "baseline",
        "baselinemaling", "formaling", "forundersokelse", "forundersoking", "startmaling", "utgangspunkt",
        "baselinemeasurement", "baselinesurvey", "before", "pre", "premeasurement",
    ),
    MeasurementKind.UNDERVEIS: (
        "underveis", "undervegs", "underveisevaluering", "undervegsevaluering", "underveismaling",
        "undervegsmaling", "underveisvurdering", "undervegsvurdering", "midtveis", "midtvegs",
        "midtveisevaluering", "midtvegsevaluering", "midtveismaling", "mellomevaluering", "mellommaling",
        "folgeevaluering", "interim", "interimevaluation", "midterm", "midtermevaluation", "midway", "progress",
        "during", "ongoing",
    ),
    MeasurementKind.SLUTT: (
        "slutt", "sluttevaluering", "sluttmaling", "sluttundersokelse", "sluttundersoking", "sluttrapport",
        "etter", "ettermaling", "etterundersokelse", "etterundersoking", "final", "finalevaluation",
        "finalmeasurement", "endline", "end", "after", "post", "postmeasurement",
    ),
}
#: The words a person is told to use when a kind is not understood.
_KIND_CHOICES = (
    "nullpunkt (nullpunktsmåling, baseline, førmåling), underveis (underveisevaluering, midtveis) "
    "eller slutt (sluttevaluering, etter)"
)
#: Methods the seed plans name, offered as suggestions; any method may be written.
METHODS = (
    "spørreskjema", "intervju", "fokusgruppe", "registerdata", "observasjon", "registrering ved ankomst",
    "evalueringsskjema", "dokumentanalyse", "refleksjonsmøte",
)
#: An evaluation question may be several questions in one cell, as the seeds write them.
MAX_TEXT_LENGTH = 1000
#: A method, a source, a time or an owner is one line.
MAX_LINE_LENGTH = 500
#: "%", "antall", "snitt 1–5", "andel ansatte".
MAX_UNIT_LENGTH = 40
#: What an interview or an observation found, in a few paragraphs.
MAX_NOTE_LENGTH = 2000
#: A plan has tens of rows; a number beyond this is a typing slip.
MAX_NR = 9999
#: No indicator of a municipality's project is larger: a value beyond this is a typing slip.
MAX_VALUE = 1e12
#: The order of the kinds within a day: a baseline and a final measurement on the same date read in that order.
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
#: Dates as Norwegian spreadsheets and people write them: 15.03.2025, 15.3.25, 15/03/2025.
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_EMPTY_VALUES = frozenset({"", "-", "–", "—", "n/a", "na", "ikke malt", "ikkje malt", "not measured"})


# --- Kinds ---------------------------------------------------------------------------------


def _compact(text: str) -> str:
    """A kind word as it is compared: folded, without spaces or punctuation.

    >>> _compact("Nullpunkts-måling"), _compact("Før måling"), _compact("Sluttevaluering:")
    ('nullpunktsmaling', 'formaling', 'sluttevaluering')
    """
    return "".join(ch for ch in fold(text) if ch.isalnum())


@cache
def _kind_lookup() -> dict[str, str]:
    """Every word for a kind: the synonyms and the catalogue's labels in each language (read on first use)."""
    lookup = {kind.value: kind.value for kind in KINDS}
    for kind in KINDS:
        for lang in CATALOGUE:
            lookup.setdefault(_compact(t(f"indicator.kind.{kind}", lang)), kind.value)
    for kind, words in KIND_WORDS.items():
        lookup.update(dict.fromkeys(words, kind.value))
    return lookup


def parse_kind(value: object) -> MeasurementKind:
    """The kind a word names, or :class:`InvalidInputError` (``bad_measurement_kind``) naming the words that work.

    O(len(value)).

    >>> parse_kind("Nullpunktsmåling"), parse_kind("Midtveis"), parse_kind("Sluttevaluering"), parse_kind("baseline")
    ('nullpunkt', 'underveis', 'slutt', 'nullpunkt')
    >>> parse_kind("Kartlegging")
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: kind 'Kartlegging' is not a kind of measurement; use nullpunkt \
(nullpunktsmåling, baseline, førmåling), underveis (underveisevaluering, midtveis) or slutt (sluttevaluering, etter).
    """
    if isinstance(value, MeasurementKind):
        return value
    try:
        return MeasurementKind(value)
    except ValueError:
        raise InvalidInputError(
            f"kind {value!r} is not a kind of measurement; use nullpunkt (nullpunktsmåling, baseline, førmåling), "
            "underveis (underveisevaluering, midtveis) or slutt (sluttevaluering, etter).",
            reason="bad_measurement_kind", field="kind", value=value, choices=_KIND_CHOICES,
        ) from None


def kind_label(kind: str, lang: str = DEFAULT_LANG) -> str:
    """A kind as a table or a legend shows it ("Nullpunkt"; "Baseline" in English).

    >>> kind_label("slutt"), kind_label(MeasurementKind.NULLPUNKT)
    ('Slutt', 'Nullpunkt')
    """
    return t(f"indicator.kind.{kind}", lang)


# --- Values ----------------------------------------------------------------------------------


def parse_date(value: object, name: str = "measured") -> date:
    """A day from a date, a datetime, or text as people and spreadsheets write it.

    ISO (``2025-03-15``, with or without a time), ``15.03.2025``, ``15.3.25``
    and ``15/03/2025``. Anything else raises :class:`InvalidInputError`
    (``bad_measured_date``). O(len(value)).

    >>> parse_date("15.3.25"), parse_date("2025-03-15T00:00:00"), parse_date(datetime(2025, 3, 15, 9))
    (datetime.date(2025, 3, 15), datetime.date(2025, 3, 15), datetime.date(2025, 3, 15))
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        found = _ISO_DAY.match(text)
        parts = None
        if found:
            parts = (int(found[1]), int(found[2]), int(found[3]))
        elif found := _DMY.match(text):
            year = int(found[3])
            parts = (year + 2000 if len(found[3]) == 2 else year, int(found[2]), int(found[1]))
        if parts is not None and 1900 <= parts[0] <= 2200:
            try:
                return date(*parts)
            except ValueError:
                pass
    raise InvalidInputError(
        f"{name} {value!r} is not a date; write it as 15.03.2025 or 2025-03-15.",
        reason="bad_measured_date", field=name, value=value,
    )


def parse_value(text: object) -> tuple[float | None, str]:
    """A measured value as a sheet gives it, and the unit written with it (``"%"``), or ``(None, "")`` for none.

    A decimal comma or point, spaces between thousands, a trailing ``%``;
    an empty cell or a dash is no value. Anything else raises
    :class:`InvalidInputError` (``bad_measured_value``). O(len(text)).

    >>> parse_value("83 %"), parse_value("4,25"), parse_value("1 234"), parse_value("1.234,5"), parse_value("–")
    ((83.0, '%'), (4.25, ''), (1234.0, ''), (1234.5, ''), (None, ''))
    """
    if text is None:
        return None, ""
    if isinstance(text, bool):
        raise _bad_value(text)
    if isinstance(text, (int, float)):
        return _check_value(text), ""
    if not isinstance(text, str):
        raise _bad_value(text)
    raw = " ".join(text.split())
    if fold(raw) in _EMPTY_VALUES:
        return None, ""
    unit = ""
    number = raw
    if number.endswith("%"):
        unit, number = "%", number[:-1]
    number = number.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2212", "-")
    if "," in number and "." in number:  # 1.234,5 or 1,234.5: the last mark is the decimal one
        thousands = "." if number.rfind(",") > number.rfind(".") else ","
        number = number.replace(thousands, "")
    if not _NUMBER.match(number):
        raise _bad_value(text)
    return _check_value(float(number.replace(",", "."))), unit


def _bad_value(value: object) -> InvalidInputError:
    return InvalidInputError(
        f"value {value!r} is not a number; write a number such as 42, 3,5 or 83 %, or leave it empty and write a note.",
        reason="bad_measured_value", field="value", value=value,
    )


def _check_value(value: object) -> float:
    """A number as a measurement holds it: a finite float within :data:`MAX_VALUE`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad_value(value)
    number = float(value)
    if not math.isfinite(number) or abs(number) > MAX_VALUE:
        raise _bad_value(value)
    return number


def _line(value: object, name: str, max_length: int = MAX_LINE_LENGTH) -> str:
    """A one-line field: cleaned as free text, its lines joined with spaces (a pasted cell keeps its words)."""
    longest = len(value) if isinstance(value, str) else 0  # the length is checked on one line, below
    text = " ".join(clean_text(value, field=name, max_length=max(longest, 1), required=False).split())
    if len(text) > max_length:
        raise InvalidInputError(
            f"{name} has {len(text)} characters; shorten it to {max_length} or fewer.",
            reason="too_long", field=name, value=text, length=len(text), max=max_length,
        )
    return text


# --- The objects ---------------------------------------------------------------------------

#: The one-line fields of an evaluation plan entry.
_PLAN_LINES = ("method", "source", "when", "who")


@dataclass
class EvaluationPlanEntry:
    """One row of the evaluation plan: how one goal is evaluated.

    ``question`` is the evaluation question ("Hvor mange og hvem deltok på
    samskapingsdagen?"; several in one cell are kept), ``method`` how the data
    are collected (:data:`METHODS`: spørreskjema, intervju, registerdata,
    observasjon …), ``source`` who or what gives them ("deltakerne",
    "Ungdata"), ``when`` the time ("mars 2025", "hvert halvår"), ``who`` the
    role responsible (a role, not a person), ``use`` what the answer is used
    for ("analyse/bruk": "rapportering til Hdir, grunnlag for videre
    utvikling"), ``activity`` the activity evaluated ("samskapingsdag").
    ``nr`` is its place in the plan (1-based; 0 until it has one).
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("question", "activity", "use", *_PLAN_LINES)
    #: Typed by staff: names here are checked, not masked (:mod:`samskaping.core.privacy.staff`).
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    goal_id: str
    question: str
    method: str = ""
    source: str = ""
    when: str = ""
    who: str = ""
    use: str = ""
    nr: int = 0
    activity: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.goal_id = check_id(self.goal_id, "goal_id")
        self.question = clean_text(self.question, field="question", max_length=MAX_TEXT_LENGTH)
        for name in ("activity", "use"):
            setattr(self, name, clean_text(getattr(self, name), field=name, max_length=MAX_TEXT_LENGTH,
                                           required=False))
        for name in _PLAN_LINES:
            setattr(self, name, _line(getattr(self, name), name))
        self.nr = check_whole_number(self.nr, "nr", 0, MAX_NR)
        self.id = check_id(self.id, "id")

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> EvaluationPlanEntry:
        return cls(**dataclass_from_dict(cls, data))


@dataclass
class Measurement:
    """One measurement of a goal: a number with its unit, or only a note (what an interview found).

    ``kind`` says when in the project it was taken (:class:`MeasurementKind`),
    ``measured`` the day. ``value`` is a number or ``None``; a measurement
    without a value must have a ``note``. ``unit`` is how to read the value
    ("%", "antall", "snitt 1–5"); ``source`` where it comes from
    ("Spørreundersøkelse til ansatte"); ``indicator`` which number it is, when
    a goal is measured by more than one ("Opplevelse av dagen", "Ble stemmen
    hørt"); empty means the goal's own indicator.
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("note", "source", "indicator", "unit")
    #: Typed by staff: names here are checked, not masked (:mod:`samskaping.core.privacy.staff`).
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    goal_id: str
    kind: MeasurementKind
    measured: date
    value: float | None
    unit: str = ""
    note: str = ""
    source: str = ""
    indicator: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.goal_id = check_id(self.goal_id, "goal_id")
        self.kind = parse_kind(self.kind)
        self.measured = parse_date(self.measured)
        self.value = None if self.value is None else _check_value(self.value)
        self.unit = _line(self.unit, "unit", MAX_UNIT_LENGTH)
        self.note = clean_text(self.note, field="note", max_length=MAX_NOTE_LENGTH, required=False)
        self.source = _line(self.source, "source")
        self.indicator = _line(self.indicator, "indicator")
        if self.value is None and not self.note:
            raise InvalidInputError(
                "A measurement needs a value or a note; write the number, or what was found.",
                reason="no_measured_value", field="value",
            )
        self.id = check_id(self.id, "id")

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Measurement:
        return cls(**dataclass_from_dict(cls, data))


# --- Progress ------------------------------------------------------------------------------


def _order(measurement: Measurement) -> tuple:
    return measurement.measured, _KIND_ORDER[measurement.kind], measurement.created


def ordered_measurements(measurements: Iterable[Measurement]) -> list[Measurement]:
    """The measurements in time order: by day, a baseline before an interim before a final one on the same day.

    O(n log n).
    """
    return sorted(measurements, key=_order)


def series(measurements: Iterable[Measurement]) -> dict[tuple[str, str, str], list[Measurement]]:
    """The measurements with a value, by ``(goal_id, indicator, unit)``, each in time order.

    One series is one line on the chart and one :func:`progress`: values in
    other units or of another indicator of the same goal are not compared
    with it. Series come in the order their first measurement is given.
    O(n log n).

    >>> ms = [Measurement("p", "g", "slutt", date(2025, 6, 1), 4.1, "snitt 1–5"),
    ...       Measurement("p", "g", "nullpunkt", date(2025, 1, 1), 3.2, "snitt 1–5"),
    ...       Measurement("p", "g", "nullpunkt", date(2025, 1, 1), 61, "%")]
    >>> {key: [m.value for m in found] for key, found in series(ms).items()}
    {('g', '', 'snitt 1–5'): [3.2, 4.1], ('g', '', '%'): [61.0]}
    """
    found: dict[tuple[str, str, str], list[Measurement]] = {}
    for measurement in measurements:
        if measurement.value is not None:
            found.setdefault((measurement.goal_id, measurement.indicator, measurement.unit), []).append(measurement)
    return {key: ordered_measurements(values) for key, values in found.items()}


@dataclass(frozen=True)
class Progress:
    """How one indicator of one goal moved: from its first value to its latest.

    ``count`` is the number of measurements with a value, ``notes`` those with
    only a note; ``change`` is latest minus first (``None`` with fewer than
    two values), ``direction`` its sign (``flat`` within the tolerance).
    ``has_nullpunkt`` says whether any measurement given is a baseline,
    ``from_nullpunkt`` whether the first value is one: only then is the
    change measured from where the project started.
    """

    goal_id: str
    indicator: str
    unit: str
    count: int
    notes: int
    first: Measurement | None
    latest: Measurement | None
    change: float | None
    direction: Direction | None
    has_nullpunkt: bool
    from_nullpunkt: bool


def progress(measurements: Iterable[Measurement], *, flat_within: float = 0.0) -> Progress:
    """The progress of one goal's indicator: its first and latest value, the change and its direction.

    ``measurements`` are one goal's; those with a value must be one series
    (one indicator in one unit, :func:`series`), or :class:`InvalidInputError`
    (``mixed_series``) says to split them; notes may be among them. A change
    within ``flat_within`` (in the unit: 0.1 for a 1-5 mean) is ``flat``. O(n log n).

    >>> p = progress([Measurement("p", "g", "slutt", date(2025, 11, 1), 4.1, "snitt 1–5"),
    ...               Measurement("p", "g", "nullpunkt", date(2025, 1, 15), 3.2, "snitt 1–5"),
    ...               Measurement("p", "g", "underveis", date(2025, 6, 1), None, note="Intervju med fem familier")])
    >>> p.first.value, p.latest.value, p.change, p.direction, p.from_nullpunkt, p.notes
    (3.2, 4.1, 0.9, 'opp', True, 1)
    """
    measurements = ordered_measurements(measurements)
    goals = {m.goal_id for m in measurements}
    valued = [m for m in measurements if m.value is not None]
    kinds = {(m.indicator, m.unit) for m in valued}
    if len(goals) > 1 or len(kinds) > 1:
        what = f"goals {sorted(goals)}" if len(goals) > 1 else f"indicators and units {sorted(kinds)}"
        raise InvalidInputError(
            f"progress compares the values of one goal's indicator in one unit, not of {what}; "
            "split the measurements with series() first.",
            reason="mixed_series", field="measurements", value=what,
        )
    first = valued[0] if valued else None
    latest = valued[-1] if valued else None
    change = direction = None
    if len(valued) >= 2:
        change = round(latest.value - first.value, 10)
        direction = Direction.FLAT if abs(change) <= flat_within else Direction.OPP if change > 0 else Direction.NED
    indicator, unit = next(iter(kinds)) if kinds else ("", "")
    return Progress(
        goal_id=next(iter(goals), ""), indicator=indicator, unit=unit, count=len(valued),
        notes=len(measurements) - len(valued), first=first, latest=latest, change=change, direction=direction,
        has_nullpunkt=any(m.kind == MeasurementKind.NULLPUNKT for m in measurements),
        from_nullpunkt=first is not None and first.kind == MeasurementKind.NULLPUNKT,
    )


# --- Checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """One thing a coordinator should fix before the project can be evaluated against its goals.

    ``goal_id`` is the goal concerned; ``subject_id`` the measurement or plan
    entry concerned, or ``""``; ``dates`` the days a sentence names (the final
    measurement's and the baseline's); ``text_key`` the catalogue key of its
    sentence (:func:`describe_issue`).
    """

    kind: IssueKind
    goal_id: str
    text_key: str
    subject_id: str = ""
    dates: tuple[date, ...] = ()


#: The levels whose goals an evaluation plan must cover when they have an indicator.
_PLANNED_LEVELS = (GoalLevel.EFFEKTMAL, GoalLevel.RESULTATMAL)


def plan_issues(
    goals: Iterable[Goal], plan: Iterable[EvaluationPlanEntry], measurements: Iterable[Measurement]
) -> list[Issue]:
    """What keeps the project from being evaluated against its goals, goal by goal in the given order.

    For each goal: an effektmål or resultatmål with an indicator but no row
    in the evaluation plan (``no_plan``: nobody has said how, when and by whom
    it is measured); a goal with measurements but no baseline (``no_nullpunkt``:
    a change cannot be shown without a starting point); each final measurement
    dated before the goal's first baseline (``slutt_before_nullpunkt``: a
    kind or a date typed wrong). Then each plan entry and measurement whose
    goal is not among ``goals`` (``unknown_goal``: the goal was deleted).
    O(goals + plan + measurements).

    >>> from samskaping.goals.model import Goal
    >>> r = Goal("p", "resultatmal", "Alle ansatte er kurset i COS-P", indicator="Andel ansatte kurset")
    >>> m = Measurement("p", r.id, "underveis", date(2025, 6, 1), 40, "%")
    >>> [issue.kind for issue in plan_issues([r], [], [m])]
    ['no_plan', 'no_nullpunkt']
    """
    goals = list(goals)
    plan = list(plan)
    measurements = list(measurements)
    known = {goal.id for goal in goals}
    planned = {entry.goal_id for entry in plan}
    by_goal: dict[str, list[Measurement]] = {}
    for measurement in ordered_measurements(measurements):
        by_goal.setdefault(measurement.goal_id, []).append(measurement)
    issues: list[Issue] = []
    for goal in goals:
        if goal.level in _PLANNED_LEVELS and goal.indicator and goal.id not in planned:
            issues.append(Issue(IssueKind.NO_PLAN, goal.id, "indicator.issue.no_plan"))
        own = by_goal.get(goal.id, [])
        baselines = [m for m in own if m.kind == MeasurementKind.NULLPUNKT]
        if own and not baselines:
            issues.append(Issue(IssueKind.NO_NULLPUNKT, goal.id, "indicator.issue.no_nullpunkt"))
        if baselines:
            start = baselines[0].measured
            for measurement in own:
                if measurement.kind == MeasurementKind.SLUTT and measurement.measured < start:
                    issues.append(Issue(IssueKind.SLUTT_BEFORE_NULLPUNKT, goal.id,
                                        "indicator.issue.slutt_before_nullpunkt", measurement.id,
                                        (measurement.measured, start)))
    for entry in plan:
        if entry.goal_id not in known:
            issues.append(Issue(IssueKind.UNKNOWN_GOAL, entry.goal_id, "indicator.issue.unknown_goal.entry", entry.id))
    for measurement in measurements:
        if measurement.goal_id not in known:
            issues.append(Issue(IssueKind.UNKNOWN_GOAL, measurement.goal_id,
                                "indicator.issue.unknown_goal.measurement", measurement.id, (measurement.measured,)))
    return issues


def _quoted(text: str, limit: int = 80) -> str:
    """A text on one line, cut with "…", to quote in a sentence."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def day_text(day: date, lang: str = DEFAULT_LANG) -> str:
    """A day as a reader of ``lang`` writes it: 15.03.2025 in Norwegian, 2025-03-15 in English.

    >>> day_text(date(2025, 3, 5)), day_text(date(2025, 3, 5), "en")
    ('05.03.2025', '2025-03-05')
    """
    return day.isoformat() if lang == "en" else day.strftime("%d.%m.%Y")


def describe_issue(issue: Issue, goals: Iterable[Goal], lang: str = DEFAULT_LANG) -> str:
    """The sentence to show a coordinator for ``issue``: what is missing, for which goal, and what to do.

    The goal is named by its level, its outline number (as the goal tree
    shows it) and its text.

    >>> from samskaping.goals.model import Goal
    >>> r = Goal("p", "resultatmal", "Alle ansatte er kurset i COS-P", indicator="Andel ansatte kurset")
    >>> print(describe_issue(plan_issues([r], [], [])[0], [r]))
    Resultatmål 1 «Alle ansatte er kurset i COS-P» har en indikator, men ingen rad i evalueringsplanen. Skriv \
hvordan, når og av hvem det skal måles (evalueringsspørsmål, metode, datakilde, tidspunkt).
    """
    goals = list(goals)
    goal = next((g for g in goals if g.id == issue.goal_id), None)
    days = [day_text(day, lang) for day in issue.dates] + ["", ""]
    if goal is None:
        return t(issue.text_key, lang, goal=issue.goal_id, nr="", level="", date=days[0], start=days[1])
    return t(
        issue.text_key, lang, goal=_quoted(goal.text), nr=numbering(goals).get(goal.id, ""),
        level=level_label(goal.level, lang), date=days[0], start=days[1],
    )


def describe_error(exc: BaseException, lang: str = DEFAULT_LANG) -> str:
    """The sentence for an error raised here: the catalogue's own (``indicator.error.<reason>``), else the kit's.

    >>> try:
    ...     parse_kind("Kartlegging")
    ... except InvalidInputError as exc:
    ...     print(describe_error(exc))
    «Kartlegging» er ikke en type måling. Bruk nullpunkt (nullpunktsmåling, baseline, førmåling), underveis \
(underveisevaluering, midtveis) eller slutt (sluttevaluering, etter).
    """
    key = f"indicator.error.{getattr(exc, 'reason', '')}"
    if isinstance(exc, InvalidInputError) and key in CATALOGUE[DEFAULT_LANG]:
        return t(key, lang, **{**exc.params, "choices": t("indicator.kind.choices", lang)})
    return error_text(exc, lang)


# --- From the kit's own forms ----------------------------------------------------------------


class _Scored(Protocol):
    """What :func:`from_workshop_evaluations` reads of an evaluation (:class:`samskaping.room.model.Evaluation`)."""

    day: int
    voice: int


class _Arrived(Protocol):
    """What :func:`from_attendance` reads of an arrival (:class:`samskaping.room.model.Arrival`)."""

    group: str


def from_workshop_evaluations(
    project_id: str, goal_id: str, workshop_title: str, evaluations: Iterable[_Scored], when: date, *,
    kind: str = MeasurementKind.UNDERVEIS, lang: str = DEFAULT_LANG,
) -> list[Measurement]:
    """The evaluation form after a workshop as two measurements of a goal: the mean "day" and "voice" scores.

    The seeds' plans ask "Hvordan opplevde deltakerne dagen?" and answer it
    with an evaluation form afterwards; the kit's form asks how the day was
    and whether one's voice was heard, each 1-5
    (:class:`~samskaping.room.model.Evaluation`). Each mean (two decimals)
    becomes a measurement in the unit "snitt 1–5", its indicator naming the
    question and its note the workshop and the number of answers, in
    ``lang``. No answers give no measurements. O(n).

    >>> from samskaping.room.model import Evaluation
    >>> day, voice = from_workshop_evaluations("p", "g", "Samskapingsdag", [Evaluation("w", "a", 4, 5),
    ...                                        Evaluation("w", "b", 3, 4)], date(2025, 3, 12))
    >>> (day.indicator, day.value, day.unit), (voice.indicator, voice.value), day.note
    (('Opplevelse av dagen', 3.5, 'snitt 1–5'), ('Opplevde at stemmen ble hørt', 4.5), \
'Evalueringsskjema etter «Samskapingsdag»: 2 svar.')
    """
    evaluations = list(evaluations)
    if not evaluations:
        return []
    scores = {
        name: [check_whole_number(getattr(e, name), name, 1, 5, floats=False) for e in evaluations]
        for name in ("day", "voice")
    }
    note = t("indicator.workshop.note", lang, workshop=_quoted(workshop_title), count=len(evaluations))
    return [
        Measurement(
            project_id, goal_id, kind, when, round(statistics.fmean(values), 2), t("indicator.unit.mean", lang),
            note=note, source=t("indicator.workshop.source", lang), indicator=t(f"indicator.workshop.{name}", lang),
        )
        for name, values in scores.items()
    ]


def from_attendance(
    project_id: str, goal_id: str, workshop_title: str, arrivals: Iterable[_Arrived], when: date, *,
    kind: str = MeasurementKind.UNDERVEIS, by_group: bool = False, lang: str = DEFAULT_LANG,
) -> list[Measurement]:
    """The registration at arrival as a measurement of participation ("deltakelse"): how many, and who.

    The seeds' plans ask "Hvor mange og hvem deltok på samskapingsdagen?" and
    answer it with registration at arrival (:class:`~samskaping.room.model.Arrival`:
    a group, never a name). The count of participants is the value (unit
    "antall"), the count per group is told in the note; with ``by_group``,
    each group present also becomes a measurement of its own ("Deltakelse:
    Ungdom"), in the kit's order of groups. No arrivals give no
    measurements: nobody registered is not nobody came. O(n).

    >>> from samskaping.room.model import Arrival
    >>> [total] = from_attendance("p", "g", "Idédugnad", [Arrival("w", "a", "ansatt"), Arrival("w", "b", "ungdom"),
    ...                           Arrival("w", "c", "ansatt")], date(2025, 3, 12))
    >>> total.indicator, total.value, total.unit, total.note
    ('Deltakelse', 3.0, 'antall', 'Registrering ved ankomst på «Idédugnad»: 3 til stede (Ansatt: 2, Ungdom: 1).')
    """
    counts = Counter(str(arrival.group) for arrival in arrivals)
    if not counts:
        return []
    order = [group for group in GROUPS if counts[group]] + sorted(g for g in counts if g not in GROUPS)
    groups = ", ".join(f"{group_label(group, lang)}: {counts[group]}" for group in order)
    total = sum(counts.values())
    unit = t("indicator.attendance.unit", lang)
    source = t("indicator.attendance.source", lang)
    note = t("indicator.attendance.note", lang, workshop=_quoted(workshop_title), count=total, groups=groups)
    found = [Measurement(project_id, goal_id, kind, when, total, unit, note=note, source=source,
                         indicator=t("indicator.attendance.indicator", lang))]
    if by_group:
        found += [
            Measurement(project_id, goal_id, kind, when, counts[group], unit, source=source,
                        indicator=t("indicator.attendance.group", lang, group=group_label(group, lang)))
            for group in order
        ]
    return found

