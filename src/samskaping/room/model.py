"""What the room records: arrivals (a group, never a name), evaluations, and the stage.

Plain dataclasses and the rules for their values; the store saves and loads
them, the participant page imports them without anything heavy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from samskaping.core.keys import Key
from samskaping.core.models import Group, check_whole_number, clean_text, new_id, now

__all__ = ["Arrival", "Evaluation", "Stage", "USER_GROUPS", "MAX_COMMENT", "STAGES"]

#: Participant groups that speak for the people the services are for.
USER_GROUPS = (Group.BRUKER, Group.FORESATT, Group.BARN, Group.UNGDOM)


@dataclass
class Arrival:
    """One browser's registration on arrival: its group, and optionally its organisation on the map."""

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ()

    workshop_id: str
    session_id: str
    group: Group = Group.ANNET
    stakeholder_id: str = ""
    at: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.group = Group.parse(self.group or Group.ANNET, "group")

MAX_COMMENT = 1000


@dataclass
class Evaluation:
    """One participant's evaluation (one per browser; sending again replaces it)."""

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("change",)

    workshop_id: str
    session_id: str
    day: int
    voice: int
    change: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        for name in ("day", "voice"):
            check_whole_number(getattr(self, name), name, 1, 5, floats=False, scale="1 (poor) to 5 (very good)")
        self.change = clean_text(self.change, field="change", max_length=MAX_COMMENT, required=False)

class Stage(Key):
    """What participants' pages show: the idea form, the ballot, the concepts to comment on, or the evaluation."""

    IDEER = "ideer"
    STEMMING = "stemming"
    KONSEPTER = "konsepter"
    EVALUERING = "evaluering"


STAGES: tuple[Stage, ...] = tuple(Stage)
