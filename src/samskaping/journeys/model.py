"""A service journey and its steps, and the rules their values follow.

The seeds build "dagens tjenestereise" from interviews with families, anonymised
into cases, and set it against the journey they want. A :class:`Journey` is one
such case in one variant (today's or the wanted one) with its phases; a
:class:`Step` is one thing that happens to the family, in one service (a lane of
the map), in one phase, at one touchpoint, with the family's experience, the
waiting time before it and who, if anyone, coordinates.

Only dataclasses and validation: the store saves and loads these, and the
analysis (:mod:`samskaping.journeys.analysis`) reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.keys import Key, fold
from samskaping.core.models import (
    MAX_TITLE_LENGTH,
    check_id,
    check_whole_number,
    clean_text,
    dataclass_from_dict,
    dataclass_to_dict,
    new_id,
    now,
)

__all__ = [
    "Variant", "Touchpoint", "PhaseTemplate", "VARIANTS", "PHASE_TEMPLATES", "DEFAULT_PHASES", "default_phases",
    "phase_template", "SERVICES", "FAMILY", "TOUCHPOINTS",
    "EXPERIENCE_MIN", "EXPERIENCE_MAX",
    "MAX_PHASES", "MAX_PHASE_LENGTH", "MAX_SERVICE_LENGTH", "MAX_WAIT_DAYS", "JOURNEY_TEXT_FIELDS",
    "STEP_TEXT_FIELDS", "STEP_STAFF_FIELDS",
    "Journey", "Step", "check_step", "check_belongs", "check_phases", "service_key", "is_family",
    "MAX_CASE_LENGTH",
    "MAX_WHAT_LENGTH", "MAX_NOTE_LENGTH", "MAX_COORDINATOR_LENGTH", "MAX_POSITION",
]



class Variant(Key):
    """Today's journey and the wanted one."""

    DAGENS = "dagens"
    ONSKET = "onsket"


class Touchpoint(Key):
    """How the family meets the service at a step."""

    MOTE = "mote"
    TELEFON = "telefon"
    BREV = "brev"
    DIGITALT = "digitalt"
    HJEMMEBESOK = "hjemmebesok"
    ANNET = "annet"


class PhaseTemplate(Key):
    """The sets of phases a new journey can start with.

    ``standard``: a family's path from the first concern to the next
    transition. ``bti``: the levels of the BTI model (Bedre tverrfaglig
    innsats), which several seed municipalities organise their help by: the
    first two levels are early help within one service, the last two need
    services to work together, so a journey laid out by level shows where a
    case had to move up and who held the baton there.
    """

    STANDARD = "standard"
    BTI = "bti"


VARIANTS: tuple[Variant, ...] = tuple(Variant)
TOUCHPOINTS: tuple[Touchpoint, ...] = tuple(Touchpoint)
PHASE_TEMPLATES: tuple[PhaseTemplate, ...] = tuple(PhaseTemplate)


def phase_template(name: str = PhaseTemplate.STANDARD, lang: str = DEFAULT_LANG) -> tuple[str, ...]:
    """The phases of template ``name`` (:class:`PhaseTemplate`), in ``lang``; a coordinator may rename any.

    Each template's phases are one catalogue text with ``|`` between them
    (``journey.default_phases``, ``journey.phases.bti``), and its name for a
    menu is ``journey.template.<name>``. An unknown name raises
    :class:`InvalidInputError` (``bad_choice``). The BTI levels follow the
    model's four levels as municipalities' handlingsveiledere name them; a
    municipality whose own guide words them differently renames the phases.

    >>> phase_template("bti")[0], len(phase_template("BTI", "en"))
    ('Nivå 0: Undring og bekymring', 4)
    """
    key = PhaseTemplate.parse(name, "template")
    return tuple(t("journey.default_phases" if key is PhaseTemplate.STANDARD else f"journey.phases.{key}",
                   lang).split("|"))


def default_phases(lang: str = DEFAULT_LANG) -> tuple[str, ...]:
    """The phases a new journey starts with unless another template is chosen, in ``lang``.

    >>> default_phases("en")[:2]
    ('Concern arises', 'First contact')
    """
    return phase_template(PhaseTemplate.STANDARD, lang)


DEFAULT_PHASES = default_phases()
#: Services suggested for the lanes; any other short text is accepted as it is.
SERVICES = (
    "familie", "helsestasjon", "barnehage", "skole", "PPT", "barnevern", "NAV", "BUP", "fastlege",
    "frivillighet", "politi",
)
#: The family's own lane: drawn first, never counted as a service. A step here between two
#: services is the family carrying the case itself (:func:`~samskaping.journeys.analysis.handovers`).
FAMILY = "familie"
#: The family's experience of a step, from very bad to very good.
EXPERIENCE_MIN, EXPERIENCE_MAX = -2, 2
#: Free-text fields the store masks (``phases`` is a tuple: mask each name).
JOURNEY_TEXT_FIELDS = ("title", "case", "phases")
STEP_TEXT_FIELDS = ("phase", "service", "what", "pain_point", "quote", "coordinator")
#: Of those, what staff write about the journey: names there are checked on the page, not masked
#: (:mod:`samskaping.core.privacy.staff`). A ``quote`` is the family's own words: masked like a participant's.
STEP_STAFF_FIELDS = ("phase", "service", "what", "pain_point", "coordinator")

MAX_PHASES = 12
MAX_PHASE_LENGTH = 60
MAX_SERVICE_LENGTH = 60
MAX_CASE_LENGTH = 4000
MAX_WHAT_LENGTH = 500
MAX_NOTE_LENGTH = 1000
MAX_COORDINATOR_LENGTH = 100
MAX_POSITION = 9999
#: Ten years: a longer wait is a typing slip.
MAX_WAIT_DAYS = 3650

# What people write for the suggested services (folded: lower case, æøå spelt out).
_SERVICE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "familie": ("familie", "familien", "familien selv", "family", "the family", "foreldre", "foreldrene",
                "foreldrene selv", "forelder", "foresatte", "foresatt", "far", "faren", "pappa", "mor", "moren",
                "mamma", "barnet", "ungdommen", "parents", "parent", "father", "mother", "dad", "mum", "guardians",
                "the child"),
    "helsestasjon": ("helsestasjon", "helsestasjonen", "skolehelsetjeneste", "skolehelsetjenesten",
                     "helsestasjon og skolehelsetjeneste", "helsestasjon og skolehelsetjenesten",
                     "health clinic", "health centre", "health center"),
    "barnehage": ("barnehage", "barnehagen", "kindergarten", "nursery"),
    "skole": ("skole", "skolen", "school"),
    "PPT": ("ppt", "pp tjenesten", "pp tjeneste", "pedagogisk psykologisk tjeneste"),
    "barnevern": ("barnevern", "barnevernet", "barneverntjenesten", "barnevernstjenesten", "barnevernstjeneste",
                  "child welfare", "child protection"),
    "NAV": ("nav",),
    "BUP": ("bup",),
    "fastlege": ("fastlege", "fastlegen", "lege", "legen", "gp", "doctor"),
    "frivillighet": ("frivillighet", "frivilligheten", "frivillige", "frivillig", "volunteers", "voluntary sector"),
    "politi": ("politi", "politiet", "police"),
}
_SERVICE_LOOKUP = {syn: key for key, syns in _SERVICE_SYNONYMS.items() for syn in syns}
#: English names of the variants, as a file written in English has them.
_VARIANT_SYNONYMS = {"today": Variant.DAGENS, "wanted": Variant.ONSKET}


# --- Small checks -----------------------------------------------------------------


def _one_line(text: object, field: str, max_length: int, required: bool = True) -> str:
    """:func:`~samskaping.core.models.clean_text`, then every run of white space as one space."""
    return " ".join(clean_text(text, field=field, max_length=max_length, required=required).split())


def check_phases(value: object) -> tuple[str, ...]:
    """Phase names as a tuple: text may also come one phase per line (a form's text box).

    Each name on one line, none twice (ignoring case), at least one and at
    most :data:`MAX_PHASES`; otherwise :class:`InvalidInputError` says which
    rule was broken. A journey checks its phases with this, and so does an
    import that adds the phases a file uses. O(n).

    >>> check_phases("Kartlegging\\n\\n  Tiltak  ")
    ('Kartlegging', 'Tiltak')
    """
    if isinstance(value, str):
        value = [line for line in value.split("\n") if line.strip()]
    if not isinstance(value, (list, tuple)):
        raise InvalidInputError(
            f"phases must be a list of names, not {type(value).__name__}.", reason="not_text", field="phases"
        )
    names: list[str] = []
    seen: set[str] = set()
    for item in value:
        name = _one_line(item, "phases", MAX_PHASE_LENGTH)
        if name.casefold() in seen:
            raise InvalidInputError(
                f"The phase {name!r} is listed twice; give every phase its own name.",
                reason="duplicate_phase",
                field="phases",
                value=name,
            )
        seen.add(name.casefold())
        names.append(name)
    if not names:
        raise InvalidInputError("A journey needs at least one phase.", reason="no_phases", field="phases")
    if len(names) > MAX_PHASES:
        raise InvalidInputError(
            f"The journey has {len(names)} phases; use {MAX_PHASES} or fewer.",
            reason="too_many_phases",
            field="phases",
            count=len(names),
            max=MAX_PHASES,
        )
    return tuple(names)


def service_key(service: str) -> str:
    """What two spellings of one service have in common ("Helsestasjonen", "helsestasjon"; "Far", "familien").

    Steps in services with the same key share a lane and pass no handover
    between them. O(len(service)).

    >>> service_key("Barnevern-tjenesten") == service_key("barnevern tjenesten")
    True
    >>> service_key("Helsestasjonen"), service_key("Mor")
    ('helsestasjon', 'familie')
    """
    return fold(_normalise_service(service))


def is_family(service: str) -> bool:
    """Whether ``service`` is the family's own lane (:data:`FAMILY`: "familien", "foreldrene", "far", "mor" ...).

    >>> is_family("Foreldrene"), is_family("Far"), is_family("PPT")
    (True, True, False)
    """
    return service_key(service) == FAMILY


def _normalise_service(service: str) -> str:
    """A suggested service in its own spelling ("Barnevernet" -> "barnevern"), any other as typed."""
    return _SERVICE_LOOKUP.get(fold(service), service)


# --- The objects ------------------------------------------------------------------------


@dataclass
class Journey:
    """One anonymised case as a service journey: today's (``"dagens"``) or the wanted (``"onsket"``).

    ``case`` tells the case in a few anonymised sentences (roles, never names).
    ``phases`` are the columns of the map, in order: unique names of at most
    60 characters (:data:`DEFAULT_PHASES` unless the coordinator changes them;
    text with one phase per line is accepted too).
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = JOURNEY_TEXT_FIELDS
    #: Typed by staff: names here are checked on the page, not masked.
    STAFF_TEXT: ClassVar[tuple[str, ...]] = JOURNEY_TEXT_FIELDS

    workshop_id: str
    title: str
    case: str = ""
    variant: Variant = Variant.DAGENS
    phases: tuple[str, ...] = DEFAULT_PHASES
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.workshop_id = check_id(self.workshop_id, "workshop_id")
        self.title = clean_text(self.title, field="title", max_length=MAX_TITLE_LENGTH)
        self.case = clean_text(self.case, field="case", max_length=MAX_CASE_LENGTH, required=False)
        variant = _VARIANT_SYNONYMS.get(fold(self.variant), self.variant) if isinstance(self.variant, str) else None
        self.variant = Variant.parse(variant or Variant.DAGENS, "variant")
        self.phases = check_phases(self.phases)

    def to_dict(self) -> dict:
        """A JSON-ready dict; ``phases`` is a list (JSON has no tuples)."""
        data = dataclass_to_dict(self)
        data["phases"] = list(self.phases)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Journey:
        return cls(**dataclass_from_dict(cls, data))


@dataclass
class Step:
    """One thing that happens to the family: where (``service``), when (``phase``), how (``touchpoint``).

    ``position`` orders the steps of a journey (0 first). ``phase`` must be one
    of the journey's phases; a step does not know its journey, so
    :func:`check_step` checks that. ``service`` is free text (a lane of the
    map); the suggested :data:`SERVICES` are recognised in any case and common
    forms ("Barnevernet" is ``"barnevern"``). ``experience`` is the family's,
    from -2 (very bad) to 2 (very good); ``wait_days`` the days the family
    waited since the previous step (``None``: not known). ``coordinator`` names
    the role that coordinates at this step (``""``: nobody);
    ``family_carries_info`` is true when the family itself had to carry
    information between services here.
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = STEP_TEXT_FIELDS
    #: Typed by staff: names here are checked on the page, not masked (not the family's ``quote``).
    STAFF_TEXT: ClassVar[tuple[str, ...]] = STEP_STAFF_FIELDS

    journey_id: str
    position: int
    phase: str
    service: str
    touchpoint: Touchpoint
    what: str
    experience: int = 0
    pain_point: str = ""
    quote: str = ""
    wait_days: int | None = None
    coordinator: str = ""
    family_carries_info: bool = False
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.journey_id = check_id(self.journey_id, "journey_id")
        self.position = check_whole_number(self.position, "position", 0, MAX_POSITION)
        self.phase = _one_line(self.phase, "phase", MAX_PHASE_LENGTH)
        self.service = _normalise_service(_one_line(self.service, "service", MAX_SERVICE_LENGTH))
        touchpoint = self.touchpoint.strip() if isinstance(self.touchpoint, str) else self.touchpoint
        self.touchpoint = Touchpoint.parse(touchpoint or Touchpoint.ANNET, "touchpoint")
        self.what = clean_text(self.what, field="what", max_length=MAX_WHAT_LENGTH)
        self.experience = check_whole_number(self.experience, "experience", EXPERIENCE_MIN, EXPERIENCE_MAX)
        self.pain_point = clean_text(self.pain_point, field="pain_point", max_length=MAX_NOTE_LENGTH, required=False)
        self.quote = clean_text(self.quote, field="quote", max_length=MAX_NOTE_LENGTH, required=False)
        if self.wait_days is not None:
            try:
                self.wait_days = check_whole_number(self.wait_days, "wait_days", 0, MAX_WAIT_DAYS)
            except InvalidInputError:
                raise InvalidInputError(
                    f"wait_days {self.wait_days!r} is not a number of days; use a whole number from 0 to "
                    f"{MAX_WAIT_DAYS}, or None when the wait is not known.",
                    reason="bad_wait_days",
                    field="wait_days",
                    value=self.wait_days,
                    max=MAX_WAIT_DAYS,
                ) from None
        self.coordinator = _one_line(self.coordinator, "coordinator", MAX_COORDINATOR_LENGTH, required=False)
        self.family_carries_info = bool(self.family_carries_info)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Step:
        return cls(**dataclass_from_dict(cls, data))


def check_belongs(journey: Journey, step: Step) -> Step:
    """``step``, if it is one of ``journey``'s steps; else :class:`InvalidInputError` (``not_found``) naming both."""
    if step.journey_id != journey.id:
        raise InvalidInputError(
            f"Step {step.id!r} belongs to journey {step.journey_id!r}, not {journey.id!r}.",
            reason="not_found",
            field="journey_id",
            value=step.journey_id,
        )
    return step


def check_step(journey: Journey, step: Step) -> Step:
    """Check that ``step`` belongs to ``journey`` and sits in one of its phases; return it.

    The phase is matched without regard to case and written as the journey
    spells it. Raises :class:`InvalidInputError` (``unknown_phase``, naming the
    phase and the journey's phases; ``not_found`` for a step of another
    journey). O(phases).

    >>> j = Journey("w1", "Skolefravær")
    >>> check_step(j, Step(j.id, 0, "kartlegging", "PPT", "møte", "Utredning")).phase
    'Kartlegging'
    >>> short = Journey("w1", "Skolefravær", phases=("Kartlegging", "Tiltak"))
    >>> try:
    ...     check_step(short, Step(short.id, 1, "Utredning", "PPT", "møte", "Testing"))
    ... except InvalidInputError as exc:
    ...     print(exc)
    The phase 'Utredning' is not in the journey; use one of Kartlegging, Tiltak, or add it to the journey first.
    """
    check_belongs(journey, step)
    match = {name.casefold(): name for name in journey.phases}.get(step.phase.casefold())
    if match is None:
        choices = ", ".join(journey.phases)
        raise InvalidInputError(
            f"The phase {step.phase!r} is not in the journey; use one of {choices}, or add it to the journey first.",
            reason="unknown_phase",
            field="phase",
            value=step.phase,
            choices=choices,
        )
    step.phase = match
    return step
