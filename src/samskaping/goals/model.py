"""A project's goal hierarchy ("mål og gevinster"): samfunnsmål, effektmål, resultatmål.

Municipal project plans write their goals in three levels: one or two
samfunnsmål ("hovedmålet er at kommunen skal være et trygt og godt sted å vokse
opp"), effektmål under them (the "delmål", the gains for children and families)
and resultatmål under those (what the project delivers, each with an
indicator, a data source, a time and an owner, as the evaluation plans'
"Mål/delmål | Evalueringsspørsmål | Datakilde | Tidspunkt" tables have them).
The concepts ("tiltak") of the workshops serve goals (:class:`GoalLink`).

Only dataclasses, the rules for their values and pure checks live here: the
store saves and loads them, and nothing here imports a plotting or office
library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import ClassVar

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, DEFAULT_LANG, error_text, t
from samskaping.core.keys import Key, fold
from samskaping.core.models import (
    check_id,
    check_whole_number,
    clean_text,
    dataclass_from_dict,
    dataclass_to_dict,
    new_id,
    now,
)

__all__ = [
    "GoalLevel", "IssueKind", "LEVELS", "LINE_FIELDS", "MAX_TEXT_LENGTH", "MAX_LINE_LENGTH", "MAX_NR",
    "LEVEL_WORDS", "Goal", "GoalLink", "GoalIssue", "Branch",
    "parse_level", "level_label", "level_above", "tree", "walk", "numbering",
    "check_goals", "describe_issue", "describe_error",
]


class GoalLevel(Key):
    """The three levels of a goal hierarchy, from the top down.

    ``GoalLevel("Hovedmål")`` and ``GoalLevel("output goal")`` find their level
    too (:func:`parse_level` says which words count).
    """

    SAMFUNNSMAL = "samfunnsmal"
    EFFEKTMAL = "effektmal"
    RESULTATMAL = "resultatmal"

    @classmethod
    def _missing_(cls, value: object) -> GoalLevel | None:
        if isinstance(value, str):
            key = _level_lookup().get(_compact(value))
            return cls(key) if key else None
        return None


class IssueKind(Key):
    """What :func:`check_goals` finds wrong with a hierarchy."""

    MISSING_INDICATOR = "missing_indicator"
    ORPHAN = "orphan"
    BAD_PARENT = "bad_parent"
    CONCEPT_WITHOUT_GOAL = "concept_without_goal"


LEVELS: tuple[GoalLevel, ...] = tuple(GoalLevel)
#: The fields of a goal besides its text, each one line (a cell of the evaluation table).
LINE_FIELDS = ("indicator", "source", "when", "owner")
#: A goal is a sentence or a short paragraph; the seeds' longest is about 400 characters.
MAX_TEXT_LENGTH = 1000
#: An indicator or an evaluation question may be a few sentences; a source, a time or an owner is shorter.
MAX_LINE_LENGTH = 500
#: A project has tens of goals; a number beyond this is a typing slip.
MAX_NR = 9999

#: What plans call each level, folded and without spaces (:func:`_compact`): bokmål, nynorsk, English.
#: Siljan writes "Effekt mål" and "Struktur mål", so words are compared without spaces; "delmål" is
#: an effektmål as Midt-Telemark uses it, and process, culture and structure goals are results.
LEVEL_WORDS: dict[GoalLevel, tuple[str, ...]] = {
    GoalLevel.SAMFUNNSMAL: (
        "samfunnsmal", "hovedmal", "hovudmal", "overordnetmal", "overordnamal", "overordnedemal",
        "visjonsmal", "impactgoal", "impactgoals", "impact", "societalgoal", "societalobjective", "overallgoal",
        "overallobjective", "maingoal", "mainobjective",
    ),
    GoalLevel.EFFEKTMAL: (
        "effektmal", "delmal", "gevinst", "gevinster", "gevinstmal", "vinst", "outcomegoal", "outcomegoals",
        "outcome", "effectgoal", "effectgoals", "subgoal", "subgoals", "subobjective", "benefit", "benefits",
    ),
    GoalLevel.RESULTATMAL: (
        "resultatmal", "prosessmal", "kulturmal", "strukturmal", "leveransemal", "outputgoal", "outputgoals",
        "output", "resultgoal", "resultgoals", "processgoal", "processgoals", "deliverable",
    ),
}
#: The words a person is told to use when a level is not understood.
_LEVEL_CHOICES = (
    "samfunnsmål (hovedmål, overordnet mål), effektmål (delmål, gevinst), "
    "resultatmål (prosessmål, kulturmål, strukturmål)"
)
#: "Delmål 2", "Resultatmål 1.3", "b)": the numbering plans put after a level word.
_NUMBERING = re.compile(r"^(\d+(\.\d+)*[.)]?|[a-z]\))$")


# --- Levels ------------------------------------------------------------------------------


def _compact(text: str) -> str:
    """A level word as it is compared: folded, numbering and punctuation dropped, no spaces.

    >>> _compact("Effekt mål 2:"), _compact("Delmål 1)"), _compact("Output goals")
    ('effektmal', 'delmal', 'outputgoals')
    """
    words = "".join(ch if ch.isalnum() or ch in ".)" else " " for ch in fold(text)).split()
    words = [word for word in words if not _NUMBERING.match(word)]
    return "".join(ch for ch in "".join(words) if ch.isalnum())


@cache
def _level_lookup() -> dict[str, str]:
    """Every word for a level: the synonyms and the catalogue's labels in each language (read on first use)."""
    lookup = {_compact(level.value): level.value for level in LEVELS}
    for level in LEVELS:
        for lang in CATALOGUE:
            lookup.setdefault(_compact(t(f"goal.level.{level}", lang)), level.value)
    for level, words in LEVEL_WORDS.items():
        lookup.update(dict.fromkeys(words, level.value))
    return lookup


def parse_level(value: object) -> GoalLevel:
    """The level a word names, in bokmål, nynorsk or English, or :class:`InvalidInputError` (``bad_level``).

    Plans name the same level many ways ("Hovedmål", "Overordnet mål",
    "Delmål 2", "Effekt mål", "Kulturmål"); all fold to one of three. The error
    names the value and the words that work. O(len(value)).

    >>> parse_level("Hovudmål"), parse_level("Delmål 2"), parse_level("Struktur mål"), parse_level("Outcome goal")
    ('samfunnsmal', 'effektmal', 'resultatmal', 'effektmal')
    >>> parse_level("Tiltak")
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: level 'Tiltak' is not a goal level; use samfunnsmål \
(hovedmål, overordnet mål), effektmål (delmål, gevinst), resultatmål (prosessmål, kulturmål, strukturmål).
    """
    if isinstance(value, GoalLevel):
        return value
    try:
        return GoalLevel(value)
    except ValueError:
        raise InvalidInputError(
            f"level {value!r} is not a goal level; use {_LEVEL_CHOICES}.",
            reason="bad_level", field="level", value=value, choices=_LEVEL_CHOICES,
        ) from None


def level_label(level: str, lang: str = DEFAULT_LANG) -> str:
    """A level as a heading shows it ("Resultatmål", "Output goal").

    >>> level_label("effektmal"), level_label(GoalLevel.RESULTATMAL)
    ('Effektmål', 'Resultatmål')
    """
    return t(f"goal.level.{level}", lang)


def level_above(level: str) -> GoalLevel | None:
    """The level a goal of ``level`` hangs under, or ``None`` for a samfunnsmål.

    >>> level_above("resultatmal"), level_above("samfunnsmal")
    ('effektmal', None)
    """
    index = LEVELS.index(GoalLevel(level))
    return LEVELS[index - 1] if index else None


# --- The objects ---------------------------------------------------------------------------


def _line(value: object, name: str) -> str:
    """A one-line field: cleaned as free text, its lines joined with spaces (a pasted cell keeps its words)."""
    longest = len(value) if isinstance(value, str) else 0  # the length is checked on one line, below
    text = " ".join(clean_text(value, field=name, max_length=max(longest, 1), required=False).split())
    if len(text) > MAX_LINE_LENGTH:
        raise InvalidInputError(
            f"{name} has {len(text)} characters; shorten it to {MAX_LINE_LENGTH} or fewer.",
            reason="too_long", field=name, value=text, length=len(text), max=MAX_LINE_LENGTH,
        )
    return text


@dataclass
class Goal:
    """One goal of a project: its level, its words and how it is measured.

    ``indicator`` is how the goal is measured (a number, or the evaluation
    question: "Hvor mange og hvem deltok på samskapingsdagen?"), ``source``
    where the data come from ("spørreskjema til foresatte"), ``when`` the time
    of measuring ("mars 2025", "ved prosjektslutt"), ``owner`` the role that
    measures (a role, not a person). ``parent_id`` is the goal above it
    (``""`` for a samfunnsmål, or for a goal not yet placed); ``nr`` its
    place in the project's list (1-based; 0 until it has one). The text may
    have line breaks; the other fields are one line each.
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("text", *LINE_FIELDS)
    #: Typed by staff: names here are checked, not masked (:mod:`samskaping.core.privacy.staff`).
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    level: GoalLevel
    text: str
    indicator: str = ""
    source: str = ""
    when: str = ""
    owner: str = ""
    parent_id: str = ""
    nr: int = 0
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.level = parse_level(self.level)
        self.text = clean_text(self.text, field="text", max_length=MAX_TEXT_LENGTH)
        for name in LINE_FIELDS:
            setattr(self, name, _line(getattr(self, name), name))
        self.id = check_id(self.id, "id")
        self.parent_id = check_id(self.parent_id, "parent_id") if self.parent_id else ""
        if self.parent_id == self.id:
            raise InvalidInputError(
                f"Goal {self.id!r} cannot be its own parent; pick the goal above it or leave parent_id empty.",
                reason="self_parent", field="parent_id", value=self.parent_id,
            )
        self.nr = check_whole_number(self.nr, "nr", 0, MAX_NR)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Goal:
        return cls(**dataclass_from_dict(cls, data))


@dataclass
class GoalLink:
    """A concept ("tiltak") of a workshop that serves a goal: the line from what is done to why.

    One concept may serve several goals and one goal have several concepts.
    """

    goal_id: str
    concept_id: str

    def __post_init__(self) -> None:
        self.goal_id = check_id(self.goal_id, "goal_id")
        self.concept_id = check_id(self.concept_id, "concept_id")

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> GoalLink:
        return cls(**dataclass_from_dict(cls, data))


# --- The tree ------------------------------------------------------------------------------

#: A goal and the branches under it.
Branch = tuple[Goal, list["Branch"]]


def _nests_under(goal: Goal, parent: Goal | None) -> bool:
    """Whether ``goal`` is drawn under ``parent``: only a goal of a higher level can be above it."""
    return parent is not None and LEVELS.index(parent.level) < LEVELS.index(goal.level)


def tree(goals: Iterable[Goal]) -> list[Branch]:
    """The goals as nested ``(goal, branches)`` pairs, each list in the given order.

    A goal hangs under its parent when the parent is among ``goals`` and of a
    higher level (a resultatmål may hang under a samfunnsmål, which
    :func:`check_goals` reports as ``bad_parent``); any other goal is a root.
    So every goal appears once and there can be no cycle. O(n).

    >>> s = Goal("p", "samfunnsmal", "Trygg oppvekst")
    >>> e = Goal("p", "effektmal", "Tidlig hjelp", parent_id=s.id)
    >>> r = Goal("p", "resultatmal", "Felles rutiner", parent_id=e.id)
    >>> [(g.text, [(c.text, len(cc)) for c, cc in kids]) for g, kids in tree([r, s, e])]
    [('Trygg oppvekst', [('Tidlig hjelp', 1)])]
    """
    goals = list(goals)
    by_id = {goal.id: goal for goal in goals}
    children: dict[str, list[Goal]] = {}
    roots = []
    for goal in goals:
        if _nests_under(goal, by_id.get(goal.parent_id)):
            children.setdefault(goal.parent_id, []).append(goal)
        else:
            roots.append(goal)

    def branch(goal: Goal) -> Branch:
        return goal, [branch(child) for child in children.get(goal.id, [])]

    return [branch(goal) for goal in roots]


def walk(branches: Sequence[Branch], depth: int = 0) -> Iterable[tuple[Goal, int]]:
    """Every goal of :func:`tree`'s branches, depth first, with its depth (0 for a root). O(n)."""
    for goal, children in branches:
        yield goal, depth
        yield from walk(children, depth + 1)


def numbering(goals: Iterable[Goal]) -> dict[str, str]:
    """Each goal's outline number by id: "1" for the first root, "1.2" for its second child, and so on.

    The figure, its text alternative and the reports number goals alike, so a
    reader can point at "resultatmål 1.2.1". O(n).

    >>> s = Goal("p", "samfunnsmal", "Trygg oppvekst")
    >>> e1, e2 = (Goal("p", "effektmal", text, parent_id=s.id) for text in ("A", "B"))
    >>> list(numbering([s, e1, e2]).values())
    ['1', '1.1', '1.2']
    """
    numbers: dict[str, str] = {}

    def number(branches: Sequence[Branch], prefix: str) -> None:
        for position, (goal, children) in enumerate(branches, start=1):
            numbers[goal.id] = f"{prefix}{position}"
            number(children, f"{prefix}{position}.")

    number(tree(goals), "")
    return numbers


# --- Checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalIssue:
    """One thing a coordinator should fix in the hierarchy.

    ``id`` is the goal's id, or the concept's for ``concept_without_goal``;
    ``text_key`` the catalogue key of its sentence (:func:`describe_issue`).
    """

    kind: IssueKind
    id: str
    text_key: str


def _issue(kind: IssueKind, subject: str, level: str = "") -> GoalIssue:
    key = f"goal.issue.{kind}" + (f".{level}" if kind in (IssueKind.ORPHAN, IssueKind.BAD_PARENT) else "")
    return GoalIssue(kind, subject, key)


def check_goals(
    goals: Iterable[Goal], links: Iterable[GoalLink] = (), concept_ids: Iterable[str] = ()
) -> list[GoalIssue]:
    """What keeps the hierarchy from being a plan the project can be evaluated against.

    In goal order: a resultatmål without an indicator (``missing_indicator``:
    what is not measured cannot be evaluated), an effektmål or resultatmål
    without a parent among ``goals`` (``orphan``), a goal whose parent is not
    of the level right above it (``bad_parent``; a samfunnsmål has none);
    then each of ``concept_ids`` that no link ties to one of ``goals``
    (``concept_without_goal``: a tiltak that serves no goal). O(n + links).

    >>> s = Goal("p", "samfunnsmal", "Trygg oppvekst")
    >>> r = Goal("p", "resultatmal", "Alle ansatte er kurset i COS-P", parent_id=s.id)
    >>> [(i.kind, i.id == r.id) for i in check_goals([s, r], [GoalLink(r.id, "k1")], ["k1", "k2"])]
    [('missing_indicator', True), ('bad_parent', True), ('concept_without_goal', False)]
    """
    goals = list(goals)
    by_id = {goal.id: goal for goal in goals}
    issues = []
    for goal in goals:
        if goal.level == GoalLevel.RESULTATMAL and not goal.indicator:
            issues.append(_issue(IssueKind.MISSING_INDICATOR, goal.id))
        parent = by_id.get(goal.parent_id) if goal.parent_id else None
        above = level_above(goal.level)
        if parent is None and above is not None:
            issues.append(_issue(IssueKind.ORPHAN, goal.id, goal.level))
        elif parent is not None and parent.level != above:
            issues.append(_issue(IssueKind.BAD_PARENT, goal.id, goal.level))
    served = {link.concept_id for link in links if link.goal_id in by_id}
    for concept_id in dict.fromkeys(concept_ids):
        if concept_id not in served:
            issues.append(_issue(IssueKind.CONCEPT_WITHOUT_GOAL, concept_id))
    return issues


def _quoted(text: str, limit: int = 80) -> str:
    """A goal's text on one line, cut with "…", to quote in a sentence."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe_issue(
    issue: GoalIssue, goals: Iterable[Goal], lang: str = DEFAULT_LANG, *,
    concepts: Mapping[str, str] | None = None,
) -> str:
    """The sentence to show a coordinator for ``issue``: what is wrong, with which goal, and what to do.

    ``concepts`` names concepts by id (their titles), for ``concept_without_goal``;
    without it the id is quoted.

    >>> s = Goal("p", "samfunnsmal", "Trygg oppvekst")
    >>> r = Goal("p", "resultatmal", "Felles rutiner", parent_id=s.id)
    >>> print(describe_issue(check_goals([s, r])[1], [s, r]))
    Resultatmål 1.1 «Felles rutiner» ligger under samfunnsmål «Trygg oppvekst». Et resultatmål skal ligge under et \
effektmål: flytt det dit.
    """
    goals = list(goals)
    by_id = {goal.id: goal for goal in goals}
    number = numbering(goals)
    if issue.kind == IssueKind.CONCEPT_WITHOUT_GOAL:
        name = (concepts or {}).get(issue.id, issue.id)
        return t(issue.text_key, lang, concept=_quoted(name))
    goal = by_id.get(issue.id)
    if goal is None:
        return t(issue.text_key, lang, goal=issue.id, nr="", parent="", parent_level="")
    parent = by_id.get(goal.parent_id)
    parent_level = level_label(parent.level, lang).lower() if parent else ""
    return t(
        issue.text_key, lang, goal=_quoted(goal.text), nr=number.get(goal.id, ""),
        parent=_quoted(parent.text) if parent else "", parent_level=parent_level,
    )


def describe_error(exc: BaseException, lang: str = DEFAULT_LANG) -> str:
    """The sentence for an error raised here: the goal catalogue's own (``goal.error.<reason>``), else the kit's.

    >>> try:
    ...     parse_level("Tiltak")
    ... except InvalidInputError as exc:
    ...     print(describe_error(exc))
    Nivået «Tiltak» er ikke et målnivå. Bruk samfunnsmål (hovedmål, overordnet mål), effektmål (delmål, \
gevinst) eller resultatmål (prosessmål, kulturmål, strukturmål).
    """
    key = f"goal.error.{getattr(exc, 'reason', '')}"
    if isinstance(exc, InvalidInputError) and key in CATALOGUE[DEFAULT_LANG]:
        return t(key, lang, **{**exc.params, "choices": t("goal.level.choices", lang)})
    return error_text(exc, lang)
