"""Concepts: what the themes become when the group decides what to try.

In the seeds the coordinator "sammenstiller" the ideas into concepts that go
back to the expert groups for feedback. A concept names the themes it grew
from and the stakeholders who must be involved, so the report can show the
line from a sticky note to a decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .models import GROUPS, check_choice, clean_text, dataclass_from_dict, dataclass_to_dict, new_id, now

__all__ = ["Concept", "ConceptFeedback", "FEEDBACK_STANCES"]

MAX_NAME = 120
MAX_TEXT = 2000


@dataclass
class Concept:
    """A concept: name, description, who it is for, what grew into it, and the next step."""

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
    def from_dict(cls, data: dict) -> "Concept":
        kwargs = dataclass_from_dict(cls, data)
        for name in ("theme_ids", "stakeholder_ids"):
            kwargs[name] = tuple(kwargs.get(name) or ())
        return cls(**kwargs)


#: How a participant answers when a concept is shown back: it fits, it does not, or not sure.
FEEDBACK_STANCES = ("bra", "ikke_bra", "usikker")


@dataclass
class ConceptFeedback:
    """One browser's answer to a concept shown back to the room, with an optional comment."""

    concept_id: str
    session_id: str
    stance: str
    comment: str = ""
    group: str = "annet"
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        check_choice(self.stance, FEEDBACK_STANCES, "stance")
        self.group = check_choice(self.group or "annet", GROUPS, "group")
        self.comment = clean_text(self.comment, field="comment", max_length=MAX_TEXT, required=False)
