"""Service journeys: a family's path through the services, and where it breaks.

The seeds build "dagens tjenestereise" from interviews with families, anonymised
into cases, and set it against the journey they want. A :class:`Journey` is one
such case in one variant (``"dagens"`` or ``"onsket"``) with its phases; a
:class:`Step` is one thing that happens to the family, in one service (a lane of
the map), in one phase, at one touchpoint, with the family's experience, the
waiting time before it and who, if anyone, coordinates.

The research the seeds cite (Fafo "Trøbbel i grenseflatene", NOU 2017:12) finds
the failures at the **handovers** between services: nobody coordinates, the
family waits and carries the information itself. The analysis here counts
exactly that (:func:`handovers`, :func:`total_wait`, :func:`longest_wait`,
:func:`steps_without_coordinator`, :func:`phases_where_family_carried_info`),
sums it up (:func:`summary`, :func:`summary_text`) and compares today's journey
with the wanted one (:func:`compare`, :func:`compare_text`).

The family is not a service it meets: steps in the family's own lane
(:data:`FAMILY`) are drawn, but they are not counted among the services and a
handover is from one *service* to the next. Steps are always analysed in
``position`` order (steps with the same position keep the order they came in).

Everything here is pure: no storage, no widgets, no plotting. Labels and
sentences come from the message catalogue (``journey.*``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Sequence

from .exceptions import InvalidInputError
from .messages import DEFAULT_LANG, t
from .models import (
    MAX_TITLE_LENGTH,
    check_choice,
    check_id,
    clean_text,
    dataclass_from_dict,
    dataclass_to_dict,
    new_id,
    now,
)
from .tables import fold

__all__ = [
    "VARIANTS",
    "DEFAULT_PHASES",
    "SERVICES",
    "FAMILY",
    "TOUCHPOINTS",
    "EXPERIENCE_MIN",
    "EXPERIENCE_MAX",
    "MAX_PHASES",
    "MAX_PHASE_LENGTH",
    "MAX_SERVICE_LENGTH",
    "MAX_WAIT_DAYS",
    "JOURNEY_TEXT_FIELDS",
    "STEP_TEXT_FIELDS",
    "Journey",
    "Step",
    "Handover",
    "JourneySummary",
    "Comparison",
    "check_step",
    "check_phases",
    "in_order",
    "service_key",
    "service_label",
    "touchpoint_label",
    "variant_label",
    "days_text",
    "count_text",
    "handovers",
    "services",
    "total_wait",
    "longest_wait",
    "steps_without_coordinator",
    "low_points",
    "phases_where_family_carried_info",
    "summary",
    "summary_text",
    "compare",
    "compare_text",
]

#: Today's journey and the wanted one.
VARIANTS = ("dagens", "onsket")
#: The phases a new journey starts with; a coordinator may rename, add or drop them.
DEFAULT_PHASES = ("Bekymring oppstår", "Første kontakt", "Kartlegging", "Tiltak", "Oppfølging", "Overgang")
#: Services suggested for the lanes; any other short text is accepted as it is.
SERVICES = (
    "familie", "helsestasjon", "barnehage", "skole", "PPT", "barnevern", "NAV", "BUP", "fastlege",
    "frivillighet", "politi",
)
#: The family's own lane: drawn first, never counted as a service.
FAMILY = "familie"
TOUCHPOINTS = ("møte", "telefon", "brev", "digitalt", "hjemmebesøk", "annet")
#: The family's experience of a step, from very bad to very good.
EXPERIENCE_MIN, EXPERIENCE_MAX = -2, 2
#: Free-text fields the store masks (``phases`` is a tuple: mask each name).
JOURNEY_TEXT_FIELDS = ("title", "case", "phases")
STEP_TEXT_FIELDS = ("phase", "service", "what", "pain_point", "quote", "coordinator")

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
    "familie": ("familie", "familien", "family", "the family", "foreldre", "foreldrene", "parents"),
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
_VARIANT_LOOKUP = {"dagens": "dagens", "onsket": "onsket", "today": "dagens", "wanted": "onsket"}


# --- Small checks -----------------------------------------------------------------


def _whole_number(value: object, field: str, low: int, high: int) -> int:
    """``value`` as an int in ``low..high``, or :class:`InvalidInputError` naming it."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(
            f"{field} {value!r} is not a whole number; use a whole number from {low} to {high}.",
            reason="not_a_whole_number" if isinstance(value, float) else "not_a_number",
            field=field,
            value=value,
            min=low,
            max=high,
        )
    if not low <= value <= high:
        raise InvalidInputError(
            f"{field} {value} is outside {low}..{high}; use a whole number from {low} to {high}.",
            reason="out_of_range",
            field=field,
            value=value,
            min=low,
            max=high,
        )
    return value


def _one_line(text: object, field: str, max_length: int, required: bool = True) -> str:
    """:func:`~samskaping.models.clean_text`, then every run of white space as one space."""
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
    """What two spellings of one service have in common ("Helsestasjonen", "helsestasjon").

    Steps in services with the same key share a lane and pass no handover
    between them. O(len(service)).

    >>> service_key("Barnevern-tjenesten") == service_key("barnevern tjenesten")
    True
    """
    return fold(service)


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

    workshop_id: str
    title: str
    case: str = ""
    variant: str = "dagens"
    phases: tuple[str, ...] = DEFAULT_PHASES
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.workshop_id = check_id(self.workshop_id, "workshop_id")
        self.title = clean_text(self.title, field="title", max_length=MAX_TITLE_LENGTH)
        self.case = clean_text(self.case, field="case", max_length=MAX_CASE_LENGTH, required=False)
        variant = fold(self.variant) if isinstance(self.variant, str) else self.variant
        self.variant = check_choice(_VARIANT_LOOKUP.get(variant, self.variant) or "dagens", VARIANTS, "variant")
        self.phases = check_phases(self.phases)

    def to_dict(self) -> dict:
        """A JSON-ready dict; ``phases`` is a list (JSON has no tuples)."""
        data = dataclass_to_dict(self)
        data["phases"] = list(self.phases)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Journey":
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

    journey_id: str
    position: int
    phase: str
    service: str
    touchpoint: str
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
        self.position = _whole_number(self.position, "position", 0, MAX_POSITION)
        self.phase = _one_line(self.phase, "phase", MAX_PHASE_LENGTH)
        self.service = _normalise_service(_one_line(self.service, "service", MAX_SERVICE_LENGTH))
        touchpoint = self.touchpoint.strip().lower() if isinstance(self.touchpoint, str) else self.touchpoint
        self.touchpoint = check_choice(touchpoint or "annet", TOUCHPOINTS, "touchpoint")
        self.what = clean_text(self.what, field="what", max_length=MAX_WHAT_LENGTH)
        self.experience = _whole_number(self.experience, "experience", EXPERIENCE_MIN, EXPERIENCE_MAX)
        self.pain_point = clean_text(self.pain_point, field="pain_point", max_length=MAX_NOTE_LENGTH, required=False)
        self.quote = clean_text(self.quote, field="quote", max_length=MAX_NOTE_LENGTH, required=False)
        if self.wait_days is not None:
            try:
                self.wait_days = _whole_number(self.wait_days, "wait_days", 0, MAX_WAIT_DAYS)
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
    def from_dict(cls, data: dict) -> "Step":
        return cls(**dataclass_from_dict(cls, data))


def check_step(journey: Journey, step: Step) -> Step:
    """Check that ``step`` belongs to ``journey`` and sits in one of its phases; return it.

    The phase is matched without regard to case and written as the journey
    spells it. Raises :class:`InvalidInputError` (``unknown_phase``, naming the
    phase and the journey's phases; ``not_found`` for a step of another
    journey). O(phases).

    >>> j = Journey("w1", "Skolefravær")
    >>> check_step(j, Step(j.id, 0, "kartlegging", "PPT", "møte", "Utredning")).phase
    'Kartlegging'
    >>> check_step(j, Step(j.id, 1, "Utredning", "PPT", "møte", "Testing"))
    Traceback (most recent call last):
    ...
    samskaping.exceptions.InvalidInputError: The phase 'Utredning' is not in the journey; use one of Bekymring oppstår, Første kontakt, Kartlegging, Tiltak, Oppfølging, Overgang, or add it to the journey first.
    """
    if step.journey_id != journey.id:
        raise InvalidInputError(
            f"Step {step.id!r} belongs to journey {step.journey_id!r}, not {journey.id!r}.",
            reason="not_found",
            field="journey_id",
            value=step.journey_id,
        )
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


# --- Labels -------------------------------------------------------------------------------


def service_label(service: str, lang: str = DEFAULT_LANG) -> str:
    """How a service reads in a sentence: a suggested one from the catalogue, any other as typed.

    >>> service_label("barnevern"), service_label("barnevern", "en"), service_label("Familiesenteret")
    ('barnevernet', 'child welfare', 'Familiesenteret')
    """
    return t(f"journey.service.{service}", lang) if service in SERVICES else service


def touchpoint_label(touchpoint: str, lang: str = DEFAULT_LANG) -> str:
    """A touchpoint as a person reads it.

    >>> touchpoint_label("hjemmebesøk", "en")
    'home visit'
    """
    return t(f"journey.touchpoint.{touchpoint}", lang) if touchpoint in TOUCHPOINTS else touchpoint


def variant_label(variant: str, lang: str = DEFAULT_LANG) -> str:
    """The variant as a person reads it.

    >>> variant_label("onsket")
    'Ønsket tjenestereise'
    """
    return t(f"journey.variant.{variant}", lang)


def days_text(days: int, lang: str = DEFAULT_LANG) -> str:
    """A number of days in words: ``"1 dag"``, ``"42 dager"``.

    >>> days_text(1), days_text(42, "en")
    ('1 dag', '42 days')
    """
    return t(f"journey.days.{'one' if days == 1 else 'many'}", lang, n=days)


def count_text(kind: str, n: int, lang: str = DEFAULT_LANG) -> str:
    """``n`` services or handovers (``kind``: ``"service"``, ``"handover"``) in words, singular or plural.

    >>> count_text("service", 1), count_text("handover", 3, "en")
    ('1 tjeneste', '3 handovers')
    """
    return t(f"journey.count.{kind}.{'one' if n == 1 else 'many'}", lang, n=n)


def _join(names: Sequence[str], lang: str) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('journey.and', lang)} {names[-1]}"


# --- Analysis -----------------------------------------------------------------------------


def in_order(steps: Iterable[Step]) -> list[Step]:
    """The steps by ``position``; equal positions keep their order. O(n log n).

    >>> [s.what for s in in_order([Step("j", 2, "Tiltak", "NAV", "møte", "B"), Step("j", 1, "Tiltak", "BUP", "brev", "A")])]
    ['A', 'B']
    """
    return sorted(steps, key=lambda step: step.position)


@dataclass(frozen=True)
class Handover:
    """The family passes from one service to another ("grenseflate").

    ``wait_days`` is the wait before ``to_step`` (``None``: not known).
    ``coordinated`` is true when the same person or role coordinates on both
    sides (a "stafettholder" carries the baton across) and the family did not
    have to carry the information itself, at ``to_step`` or in its own steps
    in between.
    """

    from_step: Step
    to_step: Step
    from_service: str
    to_service: str
    wait_days: int | None
    coordinated: bool


def _same_coordinator(a: Step, b: Step) -> bool:
    return bool(a.coordinator) and fold(a.coordinator) == fold(b.coordinator)


def handovers(steps: Iterable[Step]) -> list[Handover]:
    """Every place where the family moves on to another service, in order.

    A step whose service differs from the previous service step's is a
    handover; the family's own steps (:data:`FAMILY`) in between do not break
    it (but when the family carried information there, it was not
    coordinated). O(n log n).

    >>> steps = [Step("j", 0, "Tiltak", "skole", "møte", "Møte", coordinator="kontaktlærer"),
    ...          Step("j", 1, "Tiltak", "familie", "telefon", "Foreldrene ringer", family_carries_info=True),
    ...          Step("j", 2, "Tiltak", "PPT", "brev", "Henvisning", wait_days=42),
    ...          Step("j", 3, "Tiltak", "PPT", "møte", "Kartlegging", wait_days=14)]
    >>> [(h.from_service, h.to_service, h.wait_days, h.coordinated) for h in handovers(steps)]
    [('skole', 'PPT', 42, False)]
    """
    found: list[Handover] = []
    previous: Step | None = None
    carried = False
    for step in in_order(steps):
        if service_key(step.service) == FAMILY:
            carried = carried or step.family_carries_info
            continue
        if previous is not None and service_key(step.service) != service_key(previous.service):
            coordinated = _same_coordinator(previous, step) and not (carried or step.family_carries_info)
            found.append(Handover(previous, step, previous.service, step.service, step.wait_days, coordinated))
        previous, carried = step, False
    return found


def services(steps: Iterable[Step]) -> list[str]:
    """The services the family meets, each once, in the order it meets them (not the family itself).

    O(n log n).

    >>> services([Step("j", 1, "Tiltak", "NAV", "møte", "B"), Step("j", 0, "Tiltak", "Barnevernet", "brev", "A"),
    ...           Step("j", 2, "Tiltak", "familie", "annet", "C"), Step("j", 3, "Tiltak", "barnevern", "møte", "D")])
    ['barnevern', 'NAV']
    """
    seen: dict[str, str] = {}
    for step in in_order(steps):
        key = service_key(step.service)
        if key != FAMILY and key not in seen:
            seen[key] = step.service
    return list(seen.values())


def total_wait(steps: Iterable[Step]) -> int:
    """Days waited in all (unknown waits count as none). O(n).

    >>> total_wait([Step("j", 0, "Tiltak", "NAV", "møte", "A", wait_days=14), Step("j", 1, "Tiltak", "BUP", "møte", "B")])
    14
    """
    return sum(step.wait_days or 0 for step in steps)


def longest_wait(steps: Iterable[Step]) -> tuple[Step, int] | None:
    """The step the family waited longest for, and the days; ``None`` when no wait is known.

    The first of equally long waits wins. O(n log n).

    >>> step, days = longest_wait([Step("j", 0, "Tiltak", "NAV", "møte", "A", wait_days=14),
    ...                            Step("j", 1, "Tiltak", "BUP", "brev", "B", wait_days=63)])
    >>> step.service, days
    ('BUP', 63)
    """
    best: Step | None = None
    for step in in_order(steps):
        if step.wait_days and (best is None or step.wait_days > best.wait_days):
            best = step
    return (best, best.wait_days) if best is not None else None


def steps_without_coordinator(steps: Iterable[Step]) -> list[Step]:
    """The steps where nobody coordinates, in order. O(n log n).

    >>> [s.what for s in steps_without_coordinator([Step("j", 0, "Tiltak", "NAV", "møte", "A"),
    ...     Step("j", 1, "Tiltak", "BUP", "møte", "B", coordinator="barnekoordinator")])]
    ['A']
    """
    return [step for step in in_order(steps) if not step.coordinator]


def low_points(steps: Iterable[Step], threshold: int = -1) -> list[Step]:
    """The emotional low points: steps the family experienced at ``threshold`` or worse, in order. O(n log n).

    >>> [s.what for s in low_points([Step("j", 0, "Tiltak", "NAV", "møte", "A", experience=-2),
    ...     Step("j", 1, "Tiltak", "BUP", "møte", "B", experience=0)])]
    ['A']
    """
    return [step for step in in_order(steps) if step.experience <= threshold]


def phases_where_family_carried_info(steps: Iterable[Step]) -> list[str]:
    """The phases in which the family itself carried information between services, each once, in order. O(n log n).

    >>> phases_where_family_carried_info([Step("j", 0, "Tiltak", "NAV", "møte", "A", family_carries_info=True),
    ...     Step("j", 1, "Kartlegging", "BUP", "møte", "B"), Step("j", 2, "Tiltak", "PPT", "brev", "C", family_carries_info=True)])
    ['Tiltak']
    """
    phases: dict[str, None] = {}
    for step in in_order(steps):
        if step.family_carries_info:
            phases.setdefault(step.phase)
    return list(phases)


@dataclass(frozen=True)
class JourneySummary:
    """The counts that tell where a journey breaks, and the steps behind them.

    All counts are ints (waits in days; ``longest_wait_days`` is 0 when no wait
    is known). ``longest_wait_previous`` is the step before the longest wait
    (``None`` when it was the first step).
    """

    steps: int
    services: int
    handovers: int
    uncoordinated_handovers: int
    total_wait_days: int
    longest_wait_days: int
    steps_without_coordinator: int
    low_points: int
    family_carried_info_steps: int
    service_names: tuple[str, ...] = ()
    handover_details: tuple[Handover, ...] = ()
    longest_wait_step: Step | None = None
    longest_wait_previous: Step | None = None
    uncoordinated_step_ids: tuple[str, ...] = ()
    low_point_step_ids: tuple[str, ...] = ()
    family_carried_phases: tuple[str, ...] = ()


def summary(journey: Journey, steps: Iterable[Step]) -> JourneySummary:
    """Count services, handovers, waits, gaps in coordination and low points. O(n log n).

    Phases where the family carried information are listed in the journey's
    phase order.

    >>> j = Journey("w1", "Skolefravær")
    >>> s = summary(j, [Step(j.id, 0, "Kartlegging", "skole", "møte", "Møte", coordinator="kontaktlærer"),
    ...                 Step(j.id, 1, "Kartlegging", "PPT", "brev", "Henvisning", wait_days=42, experience=-2)])
    >>> s.services, s.handovers, s.uncoordinated_handovers, s.total_wait_days, s.steps_without_coordinator
    (2, 1, 1, 42, 1)
    """
    ordered = in_order(steps)
    found = handovers(ordered)
    longest = longest_wait(ordered)
    previous = None
    if longest is not None:
        index = next(i for i, step in enumerate(ordered) if step is longest[0])
        previous = ordered[index - 1] if index else None
    rank = {name: i for i, name in enumerate(journey.phases)}
    carried = phases_where_family_carried_info(ordered)
    carried.sort(key=lambda name: rank.get(name, len(rank)))
    names = services(ordered)
    lonely = steps_without_coordinator(ordered)
    low = low_points(ordered)
    return JourneySummary(
        steps=len(ordered),
        services=len(names),
        handovers=len(found),
        uncoordinated_handovers=sum(not h.coordinated for h in found),
        total_wait_days=total_wait(ordered),
        longest_wait_days=longest[1] if longest else 0,
        steps_without_coordinator=len(lonely),
        low_points=len(low),
        family_carried_info_steps=sum(step.family_carries_info for step in ordered),
        service_names=tuple(names),
        handover_details=tuple(found),
        longest_wait_step=longest[0] if longest else None,
        longest_wait_previous=previous,
        uncoordinated_step_ids=tuple(step.id for step in lonely),
        low_point_step_ids=tuple(step.id for step in low),
        family_carried_phases=tuple(carried),
    )


def summary_text(journey: Journey, steps: Iterable[Step], lang: str = DEFAULT_LANG) -> list[str]:
    """Plain-language sentences about the journey, for the report and the page.

    Services and handovers first, then how many handovers nobody coordinated,
    the waiting, the steps without a coordinator, the low points and where the
    family carried the information itself. Sentences about nothing (no waits)
    are left out. O(n log n).

    >>> j = Journey("w1", "Skolefravær")
    >>> steps = [Step(j.id, 0, "Kartlegging", "skole", "møte", "Møte på skolen", coordinator="kontaktlærer"),
    ...          Step(j.id, 1, "Kartlegging", "PPT", "brev", "Henvisning", wait_days=42, experience=-2),
    ...          Step(j.id, 2, "Tiltak", "barnevern", "hjemmebesøk", "Undersøkelse", wait_days=7,
    ...               family_carries_info=True)]
    >>> for line in summary_text(j, steps): print(line)
    Familien møtte 3 tjenester og 2 overganger.
    2 av 2 overganger skjedde uten at noen koordinerte.
    Familien ventet 49 dager til sammen.
    Lengste ventetid var 42 dager, mellom skolen og PPT.
    Ingen koordinerte i 2 av 3 steg.
    Familien hadde det vanskelig i 1 av 3 steg.
    Familien bar selv informasjon mellom tjenestene i fasen Tiltak.
    >>> summary_text(j, steps, "en")[0]
    'The family met 3 services and 2 handovers.'
    """
    def text(key: str, **params: object) -> str:
        return t(f"journey.summary.{key}", lang, **params)

    s = summary(journey, steps)
    if not s.steps:
        return [text("empty")]
    lines = [text("services_handovers", services=count_text("service", s.services, lang),
                  handovers=count_text("handover", s.handovers, lang))]
    if s.handovers:
        if s.uncoordinated_handovers:
            lines.append(text("uncoordinated", count=s.uncoordinated_handovers, total=s.handovers))
        else:
            lines.append(text("all_coordinated"))
    if s.total_wait_days:
        lines.append(text("total_wait", days=days_text(s.total_wait_days, lang)))
    if s.longest_wait_step is not None:
        days = days_text(s.longest_wait_days, lang)
        before, after = s.longest_wait_previous, s.longest_wait_step
        if before is not None and service_key(before.service) != service_key(after.service):
            lines.append(text("longest_between", days=days, a=service_label(before.service, lang),
                              b=service_label(after.service, lang)))
        else:
            lines.append(text("longest_in_phase", days=days, phase=after.phase))
    if s.steps_without_coordinator:
        lines.append(text("no_coordinator", count=s.steps_without_coordinator, total=s.steps))
    else:
        lines.append(text("always_coordinated"))
    if s.low_points:
        lines.append(text("low_points", count=s.low_points, total=s.steps))
    if s.family_carried_phases:
        key = "family_carried_one" if len(s.family_carried_phases) == 1 else "family_carried_many"
        lines.append(text(key, phases=_join(s.family_carried_phases, lang)))
    return lines


# --- Today against the wanted journey -------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """How much the wanted journey improves on today's: positive numbers are fewer, shorter, better.

    A negative number means the wanted journey has more of it (more
    handovers, a longer wait), which a workshop may well choose.
    """

    today: JourneySummary
    wanted: JourneySummary
    handovers_removed: int
    uncoordinated_handovers_removed: int
    wait_reduced_days: int
    longest_wait_reduced_days: int
    steps_without_coordinator_removed: int
    services_fewer: int
    family_carried_removed: int
    low_points_removed: int


def compare(
    today: Journey, today_steps: Iterable[Step], wanted: Journey, wanted_steps: Iterable[Step]
) -> Comparison:
    """Count what the wanted journey removes from today's. O(n log n).

    >>> a, b = Journey("w", "Fravær"), Journey("w", "Fravær", variant="onsket")
    >>> today = [Step(a.id, 0, "Tiltak", "skole", "møte", "Møte"), Step(a.id, 1, "Tiltak", "PPT", "brev", "Vent", wait_days=60),
    ...          Step(a.id, 2, "Tiltak", "BUP", "brev", "Vent", wait_days=40)]
    >>> wanted = [Step(b.id, 0, "Tiltak", "skole", "møte", "Team", coordinator="barnekoordinator"),
    ...           Step(b.id, 1, "Tiltak", "PPT", "møte", "Råd", wait_days=7, coordinator="barnekoordinator")]
    >>> c = compare(a, today, b, wanted)
    >>> c.handovers_removed, c.wait_reduced_days, c.steps_without_coordinator_removed, c.services_fewer
    (1, 93, 3, 1)
    """
    now_, then = summary(today, today_steps), summary(wanted, wanted_steps)
    return Comparison(
        today=now_,
        wanted=then,
        handovers_removed=now_.handovers - then.handovers,
        uncoordinated_handovers_removed=now_.uncoordinated_handovers - then.uncoordinated_handovers,
        wait_reduced_days=now_.total_wait_days - then.total_wait_days,
        longest_wait_reduced_days=now_.longest_wait_days - then.longest_wait_days,
        steps_without_coordinator_removed=now_.steps_without_coordinator - then.steps_without_coordinator,
        services_fewer=now_.services - then.services,
        family_carried_removed=now_.family_carried_info_steps - then.family_carried_info_steps,
        low_points_removed=now_.low_points - then.low_points,
    )


def _change(difference: int, lang: str, *, days: bool = False) -> str:
    """``difference`` = today minus wanted, as words: "3 færre", "2 flere", "60 dager kortere", "uendret"."""
    if difference == 0:
        return t("journey.change.same", lang)
    if days:
        key = "shorter" if difference > 0 else "longer"
        return t(f"journey.change.{key}", lang, days=days_text(abs(difference), lang))
    return t(f"journey.change.{'fewer' if difference > 0 else 'more'}", lang, n=abs(difference))


def compare_text(
    today: Journey,
    today_steps: Iterable[Step],
    wanted: Journey,
    wanted_steps: Iterable[Step],
    lang: str = DEFAULT_LANG,
) -> list[str]:
    """One sentence per count, today's number -> the wanted number (and the change). O(n log n).

    >>> a, b = Journey("w", "Fravær"), Journey("w", "Fravær", variant="onsket")
    >>> today = [Step(a.id, 0, "Tiltak", "skole", "møte", "Møte"), Step(a.id, 1, "Tiltak", "PPT", "brev", "Vent", wait_days=60)]
    >>> wanted = [Step(b.id, 0, "Tiltak", "skole", "møte", "Team", wait_days=7, coordinator="barnekoordinator")]
    >>> compare_text(a, today, b, wanted)[:3]
    ['Overganger: 1 → 0 (1 færre).', 'Overganger uten koordinering: 1 → 0 (1 færre).', 'Ventetid til sammen: 60 → 7 dager (53 dager kortere).']
    """
    c = compare(today, today_steps, wanted, wanted_steps)
    rows = [
        ("handovers", "handovers", "handovers_removed", False),
        ("uncoordinated", "uncoordinated_handovers", "uncoordinated_handovers_removed", False),
        ("wait", "total_wait_days", "wait_reduced_days", True),
        ("longest_wait", "longest_wait_days", "longest_wait_reduced_days", True),
        ("no_coordinator", "steps_without_coordinator", "steps_without_coordinator_removed", False),
        ("services", "services", "services_fewer", False),
        ("family_carried", "family_carried_info_steps", "family_carried_removed", False),
        ("low_points", "low_points", "low_points_removed", False),
    ]
    return [
        t(f"journey.compare.{key}", lang, before=getattr(c.today, count), after=getattr(c.wanted, count),
          change=_change(getattr(c, difference), lang, days=days))
        for key, count, difference, days in rows
    ]
