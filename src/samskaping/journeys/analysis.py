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
:func:`steps_without_coordinator`, :func:`family_carrying_steps`,
:func:`phases_where_family_carried_info`), sums it up (:func:`summary`,
:func:`summary_text`) and compares today's journey with the wanted one
(:func:`compare`, :func:`compare_text`).

The family is not a service it meets: steps in the family's own lane
(:data:`FAMILY`) are drawn, but they are not counted among the services and a
handover is from one *service* to the next. When the family's own steps sit
between service A and service B ("Far ringer selv PPT og forklarer alt på
nytt"), that is still **one** handover, from A to B, and it was **carried by
the family**: nobody passed the case on, the family did. This is read from the
lanes alone; the ``family_carries_info`` box stays for the other cases (the
family brings the papers to a meeting). A family step where someone
coordinates (the stafettholder on a home visit) is the coordinator carrying
the case, not the family; family steps before the first service or after the
last, or between two steps of one service, carry nothing across. Steps are
always analysed in ``position`` order (steps with the same position keep the
order they came in).

Everything here is pure: no storage, no widgets, no plotting. Labels and
sentences come from the message catalogue (``journey.*``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.keys import fold
from samskaping.journeys.model import SERVICES, Journey, Step, Touchpoint, is_family, service_key

__all__ = [
    "Handover", "JourneySummary", "Comparison", "in_order", "service_label", "touchpoint_label",
    "variant_label", "days_text", "count_text", "handovers", "services", "total_wait", "longest_wait",
    "steps_without_coordinator", "low_points", "family_carrying_steps", "family_carried_step_ids",
    "phases_where_family_carried_info", "summary",
    "summary_text", "compare", "compare_text",
]

# --- Labels -------------------------------------------------------------------------------


def service_label(service: str, lang: str = DEFAULT_LANG) -> str:
    """How a service reads in a sentence: a suggested one from the catalogue, any other as typed.

    >>> service_label("barnevern"), service_label("barnevern", "en"), service_label("Familiesenteret")
    ('barnevernet', 'child welfare', 'Familiesenteret')
    """
    return t(f"journey.service.{service}", lang) if service in SERVICES else service


def touchpoint_label(touchpoint: str, lang: str = DEFAULT_LANG) -> str:
    """A touchpoint as a person reads it.

    >>> touchpoint_label("hjemmebesok", "en"), touchpoint_label("Hjemmebesøk")
    ('home visit', 'hjemmebesøk')
    """
    try:
        return t(f"journey.touchpoint.{Touchpoint(touchpoint)}", lang)
    except ValueError:
        return touchpoint


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

    >>> [s.what for s in in_order([Step("j", 2, "Tiltak", "NAV", "møte", "B"),
    ...                            Step("j", 1, "Tiltak", "BUP", "brev", "A")])]
    ['A', 'B']
    """
    return sorted(steps, key=lambda step: step.position)


@dataclass(frozen=True)
class Handover:
    """The family passes from one service to another ("grenseflate").

    ``wait_days`` is the wait before ``to_step`` (``None``: not known).
    ``family_steps`` are the family's own steps between the two services, in
    order. The handover is ``carried_by_family`` when one of them has nobody
    coordinating: the family took the case from one service to the next
    itself. ``coordinated`` is true when the same person or role coordinates
    on both sides (a "stafettholder" carries the baton across) and the family
    did not carry the case or the information itself (its own steps in
    between, or the ``family_carries_info`` box at ``to_step`` or on them).
    """

    from_step: Step
    to_step: Step
    from_service: str
    to_service: str
    wait_days: int | None
    coordinated: bool
    family_steps: tuple[Step, ...] = ()

    @property
    def carried_by_family(self) -> bool:
        """Whether the family took the case across itself: one of its steps in between has no coordinator."""
        return any(not step.coordinator for step in self.family_steps)


def _same_coordinator(a: Step, b: Step) -> bool:
    return bool(a.coordinator) and fold(a.coordinator) == fold(b.coordinator)


def handovers(steps: Iterable[Step]) -> list[Handover]:
    """Every place where the family moves on to another service, in order.

    A step whose service differs from the previous service step's is a
    handover; the family's own steps (:data:`FAMILY`) in between do not make
    it two: they are its ``family_steps``, and when nobody coordinates at one
    of them the family carried the case across (see the module docstring),
    so the handover was not coordinated. O(n log n).

    >>> steps = [Step("j", 0, "Tiltak", "skole", "møte", "Møte", coordinator="kontaktlærer"),
    ...          Step("j", 1, "Tiltak", "far", "telefon", "Far ringer selv PPT og forklarer alt på nytt"),
    ...          Step("j", 2, "Tiltak", "PPT", "brev", "Henvisning", wait_days=42),
    ...          Step("j", 3, "Tiltak", "PPT", "møte", "Kartlegging", wait_days=14)]
    >>> [(h.from_service, h.to_service, h.wait_days, h.coordinated, h.carried_by_family) for h in handovers(steps)]
    [('skole', 'PPT', 42, False, True)]
    """
    found: list[Handover] = []
    previous: Step | None = None
    between: list[Step] = []
    for step in in_order(steps):
        if is_family(step.service):
            between.append(step)
            continue
        if previous is not None and service_key(step.service) != service_key(previous.service):
            carried = step.family_carries_info or any(s.family_carries_info or not s.coordinator for s in between)
            coordinated = _same_coordinator(previous, step) and not carried
            found.append(Handover(previous, step, previous.service, step.service, step.wait_days, coordinated,
                                  tuple(between)))
        previous, between = step, []
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
        if not is_family(step.service) and key not in seen:
            seen[key] = step.service
    return list(seen.values())


def total_wait(steps: Iterable[Step]) -> int:
    """Days waited in all (unknown waits count as none). O(n).

    >>> total_wait([Step("j", 0, "Tiltak", "NAV", "møte", "A", wait_days=14),
    ...             Step("j", 1, "Tiltak", "BUP", "møte", "B")])
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


def family_carrying_steps(steps: Iterable[Step]) -> list[Step]:
    """The family's own steps that carried the case from one service to another, in order.

    Read from the lanes alone (the steps of :attr:`Handover.family_steps`
    where nobody coordinates), whether or not anyone ticked
    ``family_carries_info``. O(n log n).

    >>> steps = [Step("j", 0, "Bekymring", "mor", "annet", "Mor merker at sønnen ikke vil på skolen"),
    ...          Step("j", 1, "Bekymring", "skole", "møte", "Møte med kontaktlærer"),
    ...          Step("j", 2, "Bekymring", "far", "telefon", "Far ringer selv PPT og forklarer alt på nytt"),
    ...          Step("j", 3, "Kartlegging", "PPT", "brev", "Henvisning"),
    ...          Step("j", 4, "Kartlegging", "familien", "annet", "Familien venter")]
    >>> [s.what for s in family_carrying_steps(steps)]
    ['Far ringer selv PPT og forklarer alt på nytt']
    """
    return [s for h in handovers(steps) if h.carried_by_family for s in h.family_steps if not s.coordinator]


def family_carried_step_ids(steps: Iterable[Step]) -> set[str]:
    """The ids of every step where the family carried the case or the information itself: the box, or the lane.

    O(n log n).
    """
    steps = list(steps)
    return {s.id for s in steps if s.family_carries_info} | {s.id for s in family_carrying_steps(steps)}


def phases_where_family_carried_info(steps: Iterable[Step]) -> list[str]:
    """The phases in which the family itself carried information between services, each once, in order.

    A step counts when ``family_carries_info`` is ticked or when it is one of
    :func:`family_carrying_steps`. O(n log n).

    >>> phases_where_family_carried_info([Step("j", 0, "Tiltak", "NAV", "møte", "A", family_carries_info=True),
    ...     Step("j", 1, "Kartlegging", "BUP", "møte", "B"),
    ...     Step("j", 2, "Tiltak", "PPT", "brev", "C", family_carries_info=True)])
    ['Tiltak']
    """
    ordered = in_order(steps)
    carried = family_carried_step_ids(ordered)
    phases: dict[str, None] = {}
    for step in ordered:
        if step.id in carried:
            phases.setdefault(step.phase)
    return list(phases)


@dataclass(frozen=True)
class JourneySummary:
    """The counts that tell where a journey breaks, and the steps behind them.

    All counts are ints (waits in days; ``longest_wait_days`` is 0 when no wait
    is known). ``family_carried_info_steps`` counts the steps where the family
    carried the case or the information itself (the box, or its own step
    between two services), ``family_carried_handovers`` the handovers it
    carried (:attr:`Handover.carried_by_family`). ``longest_wait_previous`` is
    the step before the longest wait (``None`` when it was the first step).
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
    family_carried_handovers: int
    service_names: tuple[str, ...] = ()
    handover_details: tuple[Handover, ...] = ()
    longest_wait_step: Step | None = None
    longest_wait_previous: Step | None = None
    uncoordinated_step_ids: tuple[str, ...] = ()
    low_point_step_ids: tuple[str, ...] = ()
    family_carried_phases: tuple[str, ...] = ()
    family_carried_step_ids: tuple[str, ...] = ()


def summary(journey: Journey, steps: Iterable[Step]) -> JourneySummary:
    """Count services, handovers, waits, gaps in coordination and low points. O(n log n).

    Phases where the family carried information are listed in the journey's
    phase order.

    >>> j = Journey("w1", "Skolefravær")
    >>> s = summary(j, [Step(j.id, 0, "Kartlegging", "skole", "møte", "Møte", coordinator="kontaktlærer"),
    ...                 Step(j.id, 1, "Kartlegging", "far", "telefon", "Far ringer selv PPT"),
    ...                 Step(j.id, 2, "Kartlegging", "PPT", "brev", "Henvisning", wait_days=42, experience=-2)])
    >>> s.services, s.handovers, s.uncoordinated_handovers, s.total_wait_days, s.steps_without_coordinator
    (2, 1, 1, 42, 2)
    >>> s.family_carried_handovers, s.family_carried_info_steps
    (1, 1)
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
    carrying = family_carried_step_ids(ordered)
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
        family_carried_info_steps=len(carrying),
        family_carried_handovers=sum(h.carried_by_family for h in found),
        service_names=tuple(names),
        handover_details=tuple(found),
        longest_wait_step=longest[0] if longest else None,
        longest_wait_previous=previous,
        uncoordinated_step_ids=tuple(step.id for step in lonely),
        low_point_step_ids=tuple(step.id for step in low),
        family_carried_phases=tuple(carried),
        family_carried_step_ids=tuple(step.id for step in ordered if step.id in carrying),
    )


def summary_text(journey: Journey, steps: Iterable[Step], lang: str = DEFAULT_LANG) -> list[str]:
    """Plain-language sentences about the journey, for the report and the page.

    Services and handovers first, then how many handovers nobody coordinated
    and how many the family carried itself, the waiting, the steps without a
    coordinator, the low points and where the family carried the information
    itself. Sentences about nothing (no waits) are left out. O(n log n).

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
            key = "uncoordinated_one" if s.handovers == 1 else "uncoordinated"  # "1 av 1 overgang"
            lines.append(text(key, count=s.uncoordinated_handovers, total=s.handovers))
        else:
            lines.append(text("all_coordinated"))
    if s.family_carried_handovers:
        key = "family_carried_case_one" if s.handovers == 1 else "family_carried_case_many"
        lines.append(text(key, count=s.family_carried_handovers, total=s.handovers))
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
    family_carried_handovers_removed: int
    low_points_removed: int


def compare(
    today: Journey, today_steps: Iterable[Step], wanted: Journey, wanted_steps: Iterable[Step]
) -> Comparison:
    """Count what the wanted journey removes from today's. O(n log n).

    >>> a, b = Journey("w", "Fravær"), Journey("w", "Fravær", variant="onsket")
    >>> today = [Step(a.id, 0, "Tiltak", "skole", "møte", "Møte"),
    ...          Step(a.id, 1, "Tiltak", "PPT", "brev", "Vent", wait_days=60),
    ...          Step(a.id, 2, "Tiltak", "BUP", "brev", "Vent", wait_days=40)]
    >>> wanted = [Step(b.id, 0, "Tiltak", "skole", "møte", "Team", coordinator="stafettholder"),
    ...           Step(b.id, 1, "Tiltak", "PPT", "møte", "Råd", wait_days=7, coordinator="stafettholder")]
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
        family_carried_handovers_removed=now_.family_carried_handovers - then.family_carried_handovers,
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
    >>> today = [Step(a.id, 0, "Tiltak", "skole", "møte", "Møte"),
    ...          Step(a.id, 1, "Tiltak", "PPT", "brev", "Vent", wait_days=60)]
    >>> wanted = [Step(b.id, 0, "Tiltak", "skole", "møte", "Team", wait_days=7, coordinator="stafettholder")]
    >>> for line in compare_text(a, today, b, wanted)[:3]:
    ...     print(line)
    Overganger: 1 → 0 (1 færre).
    Overganger uten koordinering: 1 → 0 (1 færre).
    Ventetid til sammen: 60 → 7 dager (53 dager kortere).
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
        ("family_carried_case", "family_carried_handovers", "family_carried_handovers_removed", False),
        ("low_points", "low_points", "low_points_removed", False),
    ]
    return [
        t(f"journey.compare.{key}", lang, before=getattr(c.today, count), after=getattr(c.wanted, count),
          change=_change(getattr(c, difference), lang, days=days))
        for key, count, difference, days in rows
    ]
