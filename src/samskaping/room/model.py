"""What the room records: arrivals (a group, never a name), evaluations, and the stage.

Plain dataclasses and the rules for their values; the store saves and loads
them, the participant page imports them without anything heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from samskaping.core.keys import Key
from samskaping.core.models import MAX_TITLE_LENGTH, Group, check_whole_number, clean_text, new_id, now
from samskaping.core.privacy.staff import person_names

__all__ = [
    "Arrival", "Evaluation", "Stage", "USER_GROUPS", "MAX_COMMENT", "STAGES", "ONE_PERSON_TITLES", "one_person",
]

#: Participant groups that speak for the people the services are for.
USER_GROUPS = (Group.BRUKER, Group.FORESATT, Group.BARN, Group.UNGDOM)

#: Titles that one person holds in a municipality, school or service, lower case, singular
#: (indefinite and definite, bokmål and nynorsk). A word of a stakeholder's name that is one
#: of these, or ends in one ("barnehagestyrer", "NAV-leder", "oppvekstsjef"), makes it one
#: person: offered under "Jeg kommer fra", it would name whoever picks it. Plurals and groups
#: ("ledere", "rektorene", "kommunedirektørens ledergruppe") do not match. Extend the list
#: when a municipality's register has another.
ONE_PERSON_TITLES = (
    "ordfører", "ordføreren", "ordførar", "ordføraren", "rådmann", "rådmannen", "kommunedirektør",
    "kommunedirektøren", "direktør", "direktøren", "kommunalsjef", "kommunalsjefen", "sjef", "sjefen",
    "leder", "lederen", "leiar", "leiaren", "rektor", "rektoren", "styrer", "styreren", "styrar", "styraren",
    "overlege", "overlegen", "kommunelege", "kommunelegen", "kommunepsykolog", "kommunepsykologen",
    "koordinator", "koordinatoren", "verneombud", "verneombudet", "hovedtillitsvalgt",
    "sokneprest", "soknepresten", "biskop", "biskopen", "lensmann", "lensmannen", "politikontakt",
    "politikontakten", "mayor", "principal", "headteacher",
)
_NAME_WORDS = re.compile(r"[^\W\d_]+")


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
    #: In a project of several municipalities, the kommune the phone said it comes from ("" if none).
    municipality: str = ""

    def __post_init__(self) -> None:
        self.group = Group.parse(self.group or Group.ANNET, "group")
        self.municipality = clean_text(self.municipality or "", field="municipality", max_length=MAX_TITLE_LENGTH,
                                       required=False)

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
    """What participants' pages show: the idea form, the ballot, the concepts to comment on, the evaluation,
    or the project's risks to rate (a risk round, opened from the project page)."""

    IDEER = "ideer"
    STEMMING = "stemming"
    KONSEPTER = "konsepter"
    EVALUERING = "evaluering"
    RISIKO = "risiko"


STAGES: tuple[Stage, ...] = tuple(Stage)


def one_person(name: str) -> bool:
    """Whether a stakeholder called ``name`` is one person: a one-person title, or a person's name.

    Such a stakeholder is left out of "Jeg kommer fra" on the phones: the
    list offers groups and organisations, never a choice that names whoever
    picks it (:data:`ONE_PERSON_TITLES`; a name as the guard sees one,
    :func:`~samskaping.core.privacy.staff.person_names`). O(len(name)).

    >>> [one_person(n) for n in ("Kommunedirektøren", "Enhetsleder skole", "NAV-leder", "Kari Nordmann")]
    [True, True, True, True]
    >>> [one_person(n) for n in ("NAV Nordby", "Rektorene", "Kommunedirektørens ledergruppe", "Helsestasjonen")]
    [False, False, False, False]
    """
    if any(word.lower().endswith(ONE_PERSON_TITLES) for word in _NAME_WORDS.findall(name)):
        return True
    return bool(person_names(name))
