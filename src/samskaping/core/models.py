"""What every concept shares: the workshop, ids and times, participant groups, clean text.

These objects carry no behaviour beyond validating and converting themselves
to and from plain dicts (for JSON export). Each concept keeps its own objects
in its ``model`` module and refers to a workshop by ``Workshop.id``.
"""

from __future__ import annotations

import dataclasses
import functools
import secrets
import typing
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import ClassVar

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.keys import Key, key_of

__all__ = [
    "Group", "Phase", "KsPhase", "Language", "PHASES", "KS_PHASES", "KS_PHASES_OF", "GROUPS", "DEFAULT_GROUPS",
    "LANGUAGES", "MAX_TITLE_LENGTH", "Workshop", "check_choice", "check_groups", "check_id", "check_whole_number",
    "display_numbers",
    "clean_text", "dataclass_from_dict", "dataclass_to_dict", "new_id", "new_join_code", "normalise_join_code",
    "now", "offered_groups", "MAX_QUESTION_LENGTH", "JOIN_CODE_LENGTH",
]


class Phase(Key):
    """The four phases of the service-design process the seed plans follow, in order.

    Innsikt, idé, utforming og utprøving, implementering: the process as the
    Selbu plan describes tjenestedesign. It is *not* KS' "Veikart for
    tjenesteinnovasjon", which has six phases (:class:`KsPhase`); each kit
    phase maps onto those in :data:`KS_PHASES_OF`.
    """

    INNSIKT = "innsikt"
    IDE = "ide"
    UTFORMING = "utforming"
    IMPLEMENTERING = "implementering"


class KsPhase(Key):
    """The six phases of KS' current "Veikart for tjenesteinnovasjon", in order."""

    FORANKRING = "forankring"
    INNSIKT = "innsikt"
    TJENESTEUTVIKLING = "tjenesteutvikling"
    PILOTERING = "pilotering"
    OVERGANG_TIL_DRIFT = "overgang_til_drift"
    NY_PRAKSIS = "ny_praksis"


class Group(Key):
    """Participant groups; ``annet`` is also what "no answer" means.

    The seeds' own groups: employees, managers, service users, parents and
    guardians (foresatte), children, young people, residents (innbyggere),
    volunteers, politicians, research and competence centres
    (kompetansemiljø) and private businesses. A workshop offers a few of
    them (:attr:`Workshop.groups`); every one stays readable in stored and
    exported data. A few spellings people write fold to their key too:

    >>> Group("Foresatte"), Group("Private aktører"), Group("pårørende")
    ('foresatt', 'privat_aktor', 'bruker')
    """

    ANSATT = "ansatt"
    LEDER = "leder"
    BRUKER = "bruker"
    FORESATT = "foresatt"
    BARN = "barn"
    UNGDOM = "ungdom"
    INNBYGGER = "innbygger"
    FRIVILLIG = "frivillig"
    POLITIKER = "politiker"
    KOMPETANSEMILJO = "kompetansemiljo"
    PRIVAT_AKTOR = "privat_aktor"
    ANNET = "annet"

    @classmethod
    def _missing_(cls, value: object) -> Group | None:
        found = super()._missing_(value)
        if found is None and isinstance(value, str):
            alias = _GROUP_SPELLINGS.get(key_of(value))
            return cls(alias) if alias else None
        return found


#: Plural and other everyday spellings of a group, folded (:func:`~samskaping.core.keys.key_of`).
_GROUP_SPELLINGS = {
    "ansatte": "ansatt", "ledere": "leder", "brukere": "bruker", "parorende": "bruker",
    "bruker_eller_parorende": "bruker", "foresatte": "foresatt", "forelder": "foresatt", "foreldre": "foresatt",
    "innbyggere": "innbygger", "frivillige": "frivillig", "politikere": "politiker",
    "kompetansemiljoer": "kompetansemiljo", "privat": "privat_aktor", "private_aktorer": "privat_aktor",
    "privat_aktorer": "privat_aktor",
}


class Language(Key):
    """The languages the kit speaks: North Sámi on the participant's page, the others everywhere."""

    NB = "nb"
    NN = "nn"
    EN = "en"
    SE = "se"


#: Each set in order, for pages and tables that list every choice.
PHASES: tuple[Phase, ...] = tuple(Phase)
KS_PHASES: tuple[KsPhase, ...] = tuple(KsPhase)
GROUPS: tuple[Group, ...] = tuple(Group)
LANGUAGES: tuple[Language, ...] = tuple(Language)

#: Where each workshop phase of the kit sits in KS' veikart. The insight workshop maps the
#: stakeholders (forankring) and today's journey (innsikt); ideas and concepts are KS'
#: tjenesteutvikling, which the design workshop carries on into a pilot; the implementation
#: workshop plans the overgang til drift. KS' last phase, ny praksis (evaluation and benefits
#: once the change is in daily use), comes after the kit's workshops.
KS_PHASES_OF: dict[Phase, tuple[KsPhase, ...]] = {
    Phase.INNSIKT: (KsPhase.FORANKRING, KsPhase.INNSIKT),
    Phase.IDE: (KsPhase.TJENESTEUTVIKLING,),
    Phase.UTFORMING: (KsPhase.TJENESTEUTVIKLING, KsPhase.PILOTERING),
    Phase.IMPLEMENTERING: (KsPhase.OVERGANG_TIL_DRIFT,),
}

#: The groups a new workshop offers on the phone: short enough to read at a glance, and
#: ending in "annet / vil ikke si". A school, a youth council or a co-creation day with
#: private businesses picks its own (``samskaping new --groups``).
DEFAULT_GROUPS: tuple[Group, ...] = (
    Group.ANSATT, Group.LEDER, Group.BRUKER, Group.FORESATT, Group.UNGDOM, Group.FRIVILLIG, Group.POLITIKER,
    Group.ANNET,
)

MAX_TITLE_LENGTH = 200
MAX_QUESTION_LENGTH = 1000

# No 0/O, 1/I/L: a join code is read aloud and typed on phones.
_JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def now() -> datetime:
    """The current time in UTC, to the microsecond (stored as ISO 8601)."""
    return datetime.now(UTC)


def new_id() -> str:
    """A random id: 16 hex characters, unique enough for one installation."""
    return secrets.token_hex(8)


def new_join_code() -> str:
    """A random 6-character join code without look-alike characters."""
    return "".join(secrets.choice(_JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: str) -> str:
    """Upper-case a typed join code and drop spaces and dashes.

    >>> normalise_join_code(" ab-c 123 ")
    'ABC123'
    """
    return "".join(ch for ch in code.upper() if ch.isalnum())


def clean_text(text: str, *, field: str, max_length: int, required: bool = True) -> str:
    """Return ``text`` as it will be stored, or raise :class:`InvalidInputError`.

    Free text comes from phones and pasted documents: use ``\\n`` line ends,
    drop control and bidi-override characters that would garble the wall (Unicode
    categories Cc and Cf, except tab and line break) and lone surrogates (which a
    browser may send and no file can hold), normalise to NFC (after dropping, so
    an accent split from its letter by a control character joins it again), trim
    it, and refuse it when empty or too long.

    >>> clean_text("  Mer\\r\\nfritid \\x00 ", field="text", max_length=50)
    'Mer\\nfritid'
    >>> clean_text("\\u202eIdé\\ud800 e\\x00\\u0301", field="text", max_length=50)
    'Idé é'
    >>> clean_text("   ", field="text", max_length=50)
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: text is empty: write at least one word.
    """
    if not isinstance(text, str):
        raise InvalidInputError(
            f"{field} must be text, not {type(text).__name__}.", reason="not_text", field=field
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    if required and not text:
        raise InvalidInputError(f"{field} is empty: write at least one word.", reason="empty", field=field)
    if len(text) > max_length:
        raise InvalidInputError(
            f"{field} has {len(text)} characters; shorten it to {max_length} or fewer.",
            reason="too_long",
            field=field,
            length=len(text),
            max=max_length,
        )
    return text


def check_choice(value: str, choices: tuple[str, ...], field: str) -> str:
    """Return ``value`` if it is one of ``choices``, else raise :class:`InvalidInputError` (``bad_choice``).

    >>> check_choice("ide", PHASES, "phase")
    'ide'
    """
    if value not in choices:
        raise InvalidInputError(
            f"{field} {value!r} is not one of {', '.join(choices)}.",
            reason="bad_choice",
            field=field,
            value=value,
            choices=", ".join(choices),
        )
    return value


def check_id(value: object, field: str) -> str:
    """Return the id ``value`` without surrounding spaces, or raise :class:`InvalidInputError` (``empty``).

    Objects refer to each other by id (a stakeholder to its workshop, a step
    to its journey); an empty id would tie them to nothing. O(len(value)).

    >>> check_id(" 3f2a ", "workshop_id")
    '3f2a'
    >>> check_id("", "journey_id")
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: journey_id '' is not an id; pass the id of an existing object.
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(
            f"{field} {value!r} is not an id; pass the id of an existing object.", reason="empty", field=field
        )
    return value.strip()


def check_whole_number(
    value: object, field: str, low: int, high: int, *, floats: bool = True, scale: str = ""
) -> int:
    """Return ``value`` as an int in ``low..high``, or raise :class:`InvalidInputError` naming it.

    Scores (interest, benefit, a day's rating) and positions arrive from
    widgets, spreadsheets and JSON files, where 4 may come as ``4.0`` and a
    tick box as ``True``; one rule for all of them keeps the reasons (and so
    the catalogue's sentences) the same everywhere. An integer-valued float
    counts as its int unless ``floats`` is false; ``bool`` never counts. The
    reason is ``not_a_whole_number`` for a float it refuses, ``not_a_number``
    for anything else that is not an int, ``out_of_range`` outside
    ``low..high``; the params are always ``field``, ``value``, ``min`` and
    ``max``. ``scale`` says how to read the ends in the English message
    ("1 (low) to 5 (high)"); by default "``low`` to ``high``". O(1).

    >>> check_whole_number(4.0, "interest", 1, 5)
    4
    >>> check_whole_number(7, "interest", 1, 5)
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: interest 7 is outside 1-5; use a whole number from 1 to 5.
    """
    if floats and isinstance(value, float) and value.is_integer():
        value = int(value)
    params = {"field": field, "value": value, "min": low, "max": high}
    fix = f"use a whole number from {scale or f'{low} to {high}'}."
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float):
            raise InvalidInputError(f"{field} {value!r} is not a whole number; {fix}", reason="not_a_whole_number",
                                    **params)
        raise InvalidInputError(f"{field} {value!r} is not a number; {fix}", reason="not_a_number", **params)
    if not low <= value <= high:
        span = f"{low}-{high}" if low >= 0 else f"{low}..{high}"
        raise InvalidInputError(f"{field} {value} is outside {span}; {fix}", reason="out_of_range", **params)
    return value


def check_groups(groups: object) -> tuple[Group, ...]:
    """The participant groups a workshop offers, in the kit's order, each once, ending in ``annet``.

    Any spelling that folds to a group is read (``"Foresatte"``); nothing
    chosen means :data:`DEFAULT_GROUPS`. ``annet`` ("annet / vil ikke si") is
    always offered, so no one has to pick a group that is not theirs. A group
    that does not exist raises :class:`InvalidInputError` (``bad_choice``). O(n).

    >>> check_groups(["Foresatte", "barn", "ansatt", "barn"])
    ('ansatt', 'foresatt', 'barn', 'annet')
    >>> check_groups(()) == DEFAULT_GROUPS
    True
    """
    if isinstance(groups, str):
        groups = [part for part in groups.split(",") if part.strip()]
    if groups is not None and not isinstance(groups, (list, tuple, set, frozenset)):
        raise InvalidInputError(f"groups {groups!r} is not a list of groups.", reason="bad_choice", field="groups",
                                value=groups, choices=", ".join(GROUPS))
    chosen = {Group.parse(group, "groups") for group in groups or ()}
    if not chosen:
        return DEFAULT_GROUPS
    return tuple(group for group in GROUPS if group in chosen or group is Group.ANNET)


@dataclass
class Workshop:
    """One workshop: a question put to a room of people, and what they answer.

    ``masking`` is on unless a facilitator explicitly turns it off (the store
    records who and when); ``delete_after`` is the retention date after which
    ``samskaping purge`` deletes the workshop with all its data. ``groups``
    are the participant groups its pages offer (:func:`offered_groups`);
    left empty, a workshop offers :data:`DEFAULT_GROUPS`.
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("title", "question")

    title: str
    question: str = ""
    phase: Phase = Phase.IDE
    lang: Language = Language.NB
    id: str = field(default_factory=new_id)
    join_code: str = field(default_factory=new_join_code)
    created: datetime = field(default_factory=now)
    masking: bool = True
    delete_after: date | None = None
    groups: tuple[Group, ...] = DEFAULT_GROUPS

    def __post_init__(self) -> None:
        self.title = clean_text(self.title, field="title", max_length=MAX_TITLE_LENGTH)
        self.question = clean_text(
            self.question, field="question", max_length=MAX_QUESTION_LENGTH, required=False
        )
        self.phase = Phase.parse(self.phase, "phase")
        self.lang = Language.parse(self.lang, "lang")
        if not isinstance(self.join_code, str):
            raise InvalidInputError(
                f"join_code must be text, not {type(self.join_code).__name__}.", reason="not_text", field="join_code"
            )
        self.join_code = normalise_join_code(self.join_code)
        self.masking = bool(self.masking)
        if isinstance(self.delete_after, datetime):
            self.delete_after = self.delete_after.date()
        self.groups = check_groups(self.groups)

    def to_dict(self) -> dict:
        """A JSON-ready dict; ``groups`` is a list of keys (JSON has no tuples)."""
        data = dataclass_to_dict(self)
        data["groups"] = [str(group) for group in self.groups]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Workshop:
        return cls(**dataclass_from_dict(cls, data))


def offered_groups(workshop: Workshop) -> tuple[Group, ...]:
    """The participant groups a workshop's pages offer, in order, ending in ``annet``.

    The participant page lists these on arrival and with each idea, so a
    school's workshop shows "Barn" and "Foresatt" instead of "Bruker".
    O(len(groups)).

    >>> offered_groups(Workshop("Elevrådsmøte", groups=("barn", "ungdom", "ansatt")))
    ('ansatt', 'barn', 'ungdom', 'annet')
    """
    return check_groups(workshop.groups)


def dataclass_to_dict(obj) -> dict:
    """A dataclass as a JSON-ready dict: times become ISO 8601 text."""
    data = dataclasses.asdict(obj)
    for key, value in data.items():
        if isinstance(value, date):  # datetime too
            data[key] = value.isoformat()
    return data


def dataclass_from_dict(cls, data: dict) -> dict:
    """Keyword arguments for ``cls`` from a dict: unknown and missing fields refused, times parsed.

    A field annotated ``datetime`` (or ``date``) given as text is parsed from
    ISO 8601, so ``from_dict(to_dict(x)) == x``. The dict usually comes from a
    file, so anything else (not a dict, a required field missing, a time that
    is a number) raises :class:`InvalidInputError` naming the fields, never a
    ``TypeError``.

    >>> dataclass_from_dict(Workshop, {"question": "Hva nå?"})
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: Workshop lacks the field(s) title.
    """
    if not isinstance(data, dict):
        raise InvalidInputError(
            f"{cls.__name__} must be an object of fields, not {type(data).__name__}.", reason="not_an_object",
            field=cls.__name__,
        )
    known = _time_fields(cls)
    unknown = {str(name) for name in data} - {f.name for f in dataclasses.fields(cls)}
    if unknown:
        raise InvalidInputError(
            f"{cls.__name__} has no field(s) {', '.join(sorted(unknown))}.",
            reason="unknown_fields",
            field=", ".join(sorted(unknown)),
        )
    missing = [f.name for f in dataclasses.fields(cls)
               if f.name not in data and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if missing:
        raise InvalidInputError(
            f"{cls.__name__} lacks the field(s) {', '.join(missing)}.",
            reason="missing_fields",
            field=", ".join(missing),
        )
    kwargs = dict(data)
    for name, value in data.items():
        kind = known.get(name)
        if kind is None or value is None or isinstance(value, date):
            continue
        if not isinstance(value, str):
            raise InvalidInputError(
                f"{name} {value!r} is not an ISO 8601 time.", reason="bad_time", field=name, value=value
            )
        try:
            kwargs[name] = kind.fromisoformat(value)
        except ValueError:
            raise InvalidInputError(
                f"{name} {value!r} is not an ISO 8601 {'time' if kind is datetime else 'date (YYYY-MM-DD)'}.",
                reason="bad_time",
                field=name,
                value=value,
            ) from None
    return kwargs


@functools.cache
def _time_fields(cls: type) -> dict[str, type]:
    """``{field: datetime or date}`` for the fields of ``cls`` that hold a time (``date | None`` too)."""
    found = {}
    for name, hint in typing.get_type_hints(cls).items():
        for kind in (hint, *typing.get_args(hint)):
            if kind in (datetime, date):
                found[name] = kind
                break
    return found


def display_numbers(items) -> dict[str, int]:
    """The number each numbered row (a risk, a milestone, a role) is shown with, by id.

    Its own ``nr``, or, not numbered yet (``nr`` 0), the next number after the
    highest in use, in list order: a table, a picture and a sentence name a row
    the same way and never with a number another row has. O(n).

    >>> from types import SimpleNamespace as Row
    >>> rows = [Row(id="a", nr=2), Row(id="b", nr=0), Row(id="c", nr=1)]
    >>> [display_numbers(rows)[row.id] for row in rows]
    [2, 3, 1]
    """
    items = list(items)
    last = max((item.nr for item in items), default=0)
    numbers = {}
    for item in items:
        if item.nr:
            numbers[item.id] = item.nr
        else:
            last += 1
            numbers[item.id] = last
    return numbers

