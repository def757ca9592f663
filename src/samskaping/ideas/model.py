"""The idea round's plain objects: ideas, themes on the wall, voting, concepts and feedback.

Only dataclasses and the rules that guard their values live here, so the
participant page imports them without numpy, scikit-learn or matplotlib. The
store saves and loads exactly these; every free-text field is listed in the
class's ``FREE_TEXT`` for the privacy guard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.keys import Key
from samskaping.core.models import (
    Group,
    check_whole_number,
    clean_text,
    dataclass_from_dict,
    dataclass_to_dict,
    new_id,
    now,
)

__all__ = [
    "Stance", "VotingState", "FeedbackStance", "MAX_IDEA_LENGTH", "Idea", "WallTheme", "Placement", "MAX_LABEL",
    "STANCES", "VOTING_STATES", "Voting",
    "Concept", "ConceptFeedback", "FEEDBACK_STANCES", "MAX_DOTS", "IDEAS_PER_MINUTE", "MAX_NAME",
    "MAX_TEXT", "check_pace", "withheld",
]

MAX_IDEA_LENGTH = 1000


@dataclass
class Idea:
    """One idea typed by a participant, or by the facilitator for someone on paper (``on_paper``)."""

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("text",)

    workshop_id: str
    text: str
    group: Group = Group.ANNET
    session_id: str = ""
    hidden: bool = False
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)
    on_paper: bool = False

    def __post_init__(self) -> None:
        self.text = clean_text(self.text, field="text", max_length=MAX_IDEA_LENGTH)
        self.group = Group.parse(self.group or Group.ANNET, "group")
        self.hidden = bool(self.hidden)
        self.on_paper = bool(self.on_paper)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Idea:
        return cls(**dataclass_from_dict(cls, data))

MAX_LABEL = 120


@dataclass
class WallTheme:
    """A theme on the wall: its label, whether it is pinned, and its place on the benefit/effort matrix."""

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("label",)

    workshop_id: str
    id: str
    label: str
    pinned: bool = False
    position: int = 0
    benefit: int | None = None
    effort: int | None = None

    def __post_init__(self) -> None:
        self.label = clean_text(self.label, field="label", max_length=MAX_LABEL)
        self.pinned = bool(self.pinned)
        for name in ("benefit", "effort"):
            if getattr(self, name) is not None:
                check_whole_number(getattr(self, name), name, 1, 5, floats=False, scale="1 (low) to 5 (high)")


@dataclass(frozen=True)
class Placement:
    """Which theme an idea is in, and whether the facilitator put it there by hand."""

    idea_id: str
    theme_id: str
    manual: bool = False

class Stance(Key):
    """An answer to an idea while voting: agree, disagree, or pass."""

    ENIG = "enig"
    UENIG = "uenig"
    PASS = "pass"


STANCES: tuple[Stance, ...] = tuple(Stance)
#: ``ikke_startet`` -> ``apen`` (votes are cast, results hidden) -> ``lukket`` (results shown).
class VotingState(Key):
    """Where a voting round is: not started, open, or closed (results shown)."""

    IKKE_STARTET = "ikke_startet"
    APEN = "apen"
    LUKKET = "lukket"


VOTING_STATES: tuple[VotingState, ...] = tuple(VotingState)
MAX_DOTS = 20


@dataclass
class Voting:
    """The voting round of a workshop: how many dots each browser has, and its state."""

    workshop_id: str
    dots: int = 3
    state: VotingState = VotingState.IKKE_STARTET

    def __post_init__(self) -> None:
        if isinstance(self.dots, bool) or not isinstance(self.dots, int) or not 1 <= self.dots <= MAX_DOTS:
            raise InvalidInputError(
                f"dots {self.dots!r} is outside 1-{MAX_DOTS}; give each participant for example 3 dots.",
                reason="out_of_range", field="dots", value=self.dots, min=1, max=MAX_DOTS,
            )
        self.state = VotingState.parse(self.state, "state")

    @property
    def is_open(self) -> bool:
        return self.state == "apen"

    @property
    def results_visible(self) -> bool:
        """Results stay hidden while people vote, so early counts do not steer later votes."""
        return self.state == "lukket"


#: One browser may send this many ideas a minute; more is a script or a stuck key, not a person.
IDEAS_PER_MINUTE = 30


def check_pace(idea: Idea, sent_last_minute: int) -> None:
    """Refuse ``idea`` if its browser already sent :data:`IDEAS_PER_MINUTE` ideas in the last minute.

    Ideas typed in for someone on paper, and ideas with no browser, are never
    held back. The store counts inside the write transaction, so two tabs of
    one browser cannot slip past together.

    >>> check_pace(Idea("w1", "Mer leksehjelp", session_id="s1"), 29)
    >>> check_pace(Idea("w1", "Mer leksehjelp", session_id="s1"), 30)
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: Session 's1' sent 30 ideas in the last minute; wait a moment.
    """
    if not idea.session_id or idea.on_paper:
        return
    if sent_last_minute >= IDEAS_PER_MINUTE:
        raise InvalidInputError(
            f"Session {idea.session_id!r} sent {sent_last_minute} ideas in the last minute; wait a moment.",
            reason="too_fast", field="text", value=sent_last_minute, max=IDEAS_PER_MINUTE,
        )


def withheld(ideas: Iterable[Idea], merges: Mapping[str, str]) -> set[str]:
    """Ids of the ideas that stay out of exports unless asked for: the hidden ones.

    A facilitator hides a post because it could point someone out, so it stays
    out of every file by default. Merging a near-duplicate hides it as well,
    but its point is made by the idea it went into (where its votes count), so
    a merged idea is withheld only when that idea is: hidden, withheld, or gone.
    ``merges`` maps a merged idea's id to the idea it went into. O(n).

    >>> ideas = [Idea("w", "Leksehjelp", id="a"), Idea("w", "Mer leksehjelp", hidden=True, id="b"),
    ...          Idea("w", "Ring Ola", hidden=True, id="c"), Idea("w", "Ring Ola nå", hidden=True, id="d")]
    >>> sorted(withheld(ideas, {"b": "a", "d": "c"}))
    ['c', 'd']
    """
    by_id = {idea.id: idea for idea in ideas}
    out = {key for key, idea in by_id.items() if idea.hidden and key not in merges}
    for key in by_id.keys() & merges.keys():
        target, seen = merges[key], {key}
        while target in merges and target not in seen:  # a chain, though the store keeps merges flat
            seen.add(target)
            target = merges[target]
        if target in out or target not in by_id or target in seen:
            out.add(key)
    return out


MAX_NAME = 120
MAX_TEXT = 2000


@dataclass
class Concept:
    """A concept: name, description, who it is for, what grew into it, and the next step."""

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("name", "description", "target_group", "next_step")
    #: Typed by staff: checked for people's names (a warning to confirm), never silently masked.
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    workshop_id: str
    name: str
    description: str = ""
    target_group: str = ""
    theme_ids: tuple[str, ...] = ()
    stakeholder_ids: tuple[str, ...] = ()
    next_step: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.name = clean_text(self.name, field="name", max_length=MAX_NAME)
        for name in ("description", "target_group", "next_step"):
            setattr(self, name, clean_text(getattr(self, name), field=name, max_length=MAX_TEXT, required=False))
        self.theme_ids = tuple(dict.fromkeys(self.theme_ids))
        self.stakeholder_ids = tuple(dict.fromkeys(self.stakeholder_ids))

    def to_dict(self) -> dict:
        data = dataclass_to_dict(self)
        data["theme_ids"], data["stakeholder_ids"] = list(self.theme_ids), list(self.stakeholder_ids)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Concept:
        kwargs = dataclass_from_dict(cls, data)
        for name in ("theme_ids", "stakeholder_ids"):
            kwargs[name] = tuple(kwargs.get(name) or ())
        return cls(**kwargs)


#: How a participant answers when a concept is shown back: it fits, it does not, or not sure.
class FeedbackStance(Key):
    """An answer to a concept shown back to the room: good, not good, or not sure."""

    BRA = "bra"
    IKKE_BRA = "ikke_bra"
    USIKKER = "usikker"


FEEDBACK_STANCES: tuple[FeedbackStance, ...] = tuple(FeedbackStance)


@dataclass
class ConceptFeedback:
    """One browser's answer to a concept shown back to the room, with an optional comment."""

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("comment",)

    concept_id: str
    session_id: str
    stance: str
    comment: str = ""
    group: Group = Group.ANNET
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.stance = FeedbackStance.parse(self.stance, "stance")
        self.group = Group.parse(self.group or Group.ANNET, "group")
        self.comment = clean_text(self.comment, field="comment", max_length=MAX_TEXT, required=False)
