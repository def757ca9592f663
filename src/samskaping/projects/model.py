"""A project: what several workshops, a risk register and a goal hierarchy belong to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.models import (
    MAX_TITLE_LENGTH,
    KsPhase,
    clean_text,
    dataclass_from_dict,
    dataclass_to_dict,
    new_id,
    now,
)

__all__ = ["DEFAULT_ORGANISATION", "MAX_MUNICIPALITIES", "Organisation", "Project", "check_organisation_id"]

#: The organisation every project belongs to until a deployment has several (and all stored before).
DEFAULT_ORGANISATION = "standard"

#: A regional network is a handful of municipalities (one seed plan: five); a longer list is a mistake.
MAX_MUNICIPALITIES = 40


@dataclass
class Project:
    """A municipality's (or a network's) project: its workshops share its registers.

    ``phase`` is where the project is in KS' veikart (forankring … ny praksis);
    ``municipalities`` are the ones taking part, so ideas and arrivals can be
    told apart in a joint project.

    >>> Project("0-24 samarbeid", municipalities=["Nordby", " Sørvik "]).municipalities
    ('Nordby', 'Sørvik')
    >>> Project("Felles plan", municipalities="Nordby, Sørvik,").municipalities
    ('Nordby', 'Sørvik')
    """

    FREE_TEXT: ClassVar[tuple[str, ...]] = ("title",)

    title: str
    phase: KsPhase = KsPhase.FORANKRING
    municipalities: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)
    #: The organisation (a municipality in a shared deployment) whose staff see the project.
    organisation_id: str = DEFAULT_ORGANISATION

    def __post_init__(self) -> None:
        self.title = clean_text(self.title, field="title", max_length=MAX_TITLE_LENGTH)
        self.organisation_id = check_organisation_id(self.organisation_id)
        self.phase = KsPhase.parse(self.phase, "phase")
        if isinstance(self.municipalities, str):  # "Nordby, Sørvik" as typed on a command line
            self.municipalities = tuple(self.municipalities.split(","))
        names = [clean_text(name, field="municipalities", max_length=MAX_TITLE_LENGTH)
                 for name in self.municipalities if str(name).strip()]
        if len(names) > MAX_MUNICIPALITIES:
            raise InvalidInputError(f"{len(names)} municipalities is more than {MAX_MUNICIPALITIES}.",
                                    reason="too_many_municipalities", field="municipalities", count=len(names),
                                    max=MAX_MUNICIPALITIES)
        self.municipalities = tuple(dict.fromkeys(names))

    def to_dict(self) -> dict:
        data = dataclass_to_dict(self)
        data["municipalities"] = list(self.municipalities)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Project:
        return cls(**dataclass_from_dict(cls, data))


def check_organisation_id(value: object) -> str:
    """An organisation's id as typed on a command line: lower case letters, digits and dashes.

    >>> check_organisation_id(" Nordby-kommune ")
    'nordby-kommune'
    >>> check_organisation_id("nordby kommune")
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: Organisation id 'nordby kommune' may hold only a-z, 0-9 and -; \
write it like nordby-kommune.
    """
    text = str(value or "").strip().lower()
    if not text or len(text) > 40 or not all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in text):
        raise InvalidInputError(
            f"Organisation id {value!r} may hold only a-z, 0-9 and -; write it like nordby-kommune.",
            reason="bad_organisation_id", field="organisation", value=str(value),
        )
    return text


@dataclass
class Organisation:
    """A municipality (or another body) in a deployment shared by several: its staff see its projects only."""

    FREE_TEXT: ClassVar[tuple[str, ...]] = ()

    id: str
    name: str
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.id = check_organisation_id(self.id)
        self.name = clean_text(self.name, field="name", max_length=MAX_TITLE_LENGTH)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Organisation:
        return cls(**dataclass_from_dict(cls, data))
