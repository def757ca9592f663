"""Stakeholder analysis: quadrants, strategies and the involvement plan.

The quadrant of the Mendelow grid decides the default involvement strategy,
channel and frequency; a coordinator may write their own.
:func:`involvement_plan` turns the grid into the "samskapingsplan" (who is
involved how, how often, in which phase). Everything here is pure; every label
and sentence comes from the message catalogue (:func:`samskaping.core.i18n.t`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.keys import fold
from samskaping.stakeholders.model import (
    QUADRANTS,
    SECTORS,
    Move,
    Quadrant,
    Stakeholder,
    check_score,
    is_known_sector,
)

__all__ = [
    "PlanRow", "label", "sector_label", "sector_choices", "quadrant", "strategy_for", "involvement_plan", "move",
    "replay",
]

def label(key: str, lang: str = DEFAULT_LANG) -> str:
    """The display label for ``key`` (``"sector.nav"``, ``"quadrant.minimal_innsats"``).

    The same as :func:`samskaping.core.i18n.t` without parameters: falls back to
    bokmål, then to the key.

    >>> label("quadrant.bor_tilfredsstilles")
    'Bør tilfredsstilles'
    >>> label("relation.konflikt", "en")
    'Conflict'
    """
    return t(key, lang)


def sector_label(sector: str, lang: str = DEFAULT_LANG) -> str:
    """A sector as a person reads it: a known one from the catalogue, a municipality's own as written.

    >>> sector_label("nav", "en"), sector_label("Tillitsvalgte", "en")
    ('NAV (labour and welfare)', 'Tillitsvalgte')
    """
    return t(f"sector.{sector}", lang) if is_known_sector(sector) else sector


def sector_choices(stakeholders: Iterable[Stakeholder], lang: str = DEFAULT_LANG) -> list[tuple[str, str]]:
    """(label, value) for a sector menu: the kit's sectors, then the register's own ones, each once.

    A menu of only the kit's eight could not show, or keep, a sector a
    municipality imported ("Kirke"); spellings that differ only in case count
    once, as first written. O(n).

    >>> sector_choices([Stakeholder("w", "Menighetsrådet", "Kirke", 2, 2),
    ...                 Stakeholder("w", "Prost", "kirke", 2, 2)])[-2:]
    [('Annet', 'annet'), ('Kirke', 'Kirke')]
    """
    own: dict[str, str] = {}
    for s in stakeholders:
        if not is_known_sector(s.sector):
            own.setdefault(fold(s.sector), s.sector)
    return [(sector_label(s, lang), s.value) for s in SECTORS] + [(text, text) for text in own.values()]


def move(stakeholder: Stakeholder, *, interest: int, influence: int, moved_by: str = "") -> Move:
    """Move ``stakeholder`` (in place) and return the history row to store.

    Validates first, so a bad score leaves the stakeholder where it was.

    >>> s = Stakeholder("w1", "PPT", "oppvekst", 3, 2)
    >>> m = move(s, interest=5, influence=4, moved_by="ekspertgruppe 1")
    >>> (s.interest, s.influence, m.moved_by, quadrant(s))
    (5, 4, 'ekspertgruppe 1', 'nokkelspillere')
    """
    row = Move(stakeholder.id, interest, influence, moved_by)
    stakeholder.interest, stakeholder.influence = row.interest, row.influence
    return row


def replay(stakeholders: Sequence[Stakeholder], moves: Sequence[Move], step: int) -> list[Stakeholder]:
    """The map as it stood after the first ``step`` moves: to replay a group discussion.

    Stakeholders not yet placed by then are left out; the others stand where
    their latest move up to ``step`` put them. The originals are not changed.
    O(n + m).

    >>> ppt = Stakeholder("w1", "PPT", "oppvekst", 5, 5)
    >>> history = [Move(ppt.id, 2, 2, "gruppe 1"), Move(ppt.id, 5, 5, "gruppe 2")]
    >>> [(s.interest, s.influence) for s in replay([ppt], history, 1)]
    [(2, 2)]
    >>> replay([ppt], history, 0)
    []
    """
    place: dict[str, tuple[int, int]] = {}
    for row in moves[: max(step, 0)]:
        place[row.stakeholder_id] = (row.interest, row.influence)
    return [
        replace(item, interest=place[item.id][0], influence=place[item.id][1])
        for item in stakeholders
        if item.id in place
    ]


# --- Quadrants and strategies ----------------------------------------------------


def _scores(item: object) -> tuple[int, int]:
    if hasattr(item, "interest") and hasattr(item, "influence"):
        pair = (item.interest, item.influence)
    elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
        pair = tuple(item)
    else:
        raise InvalidInputError(
            f"{item!r} is neither a stakeholder nor an (interest, influence) pair.",
            reason="not_a_position",
            value=str(item),
        )
    return check_score(pair[0], "interest"), check_score(pair[1], "influence")


def quadrant(
    stakeholder_or_interest_influence: object, *, midline: float = 3, midline_high: bool = True
) -> Quadrant:
    """The quadrant key for a stakeholder or an ``(interest, influence)`` pair.

    On a 1-5 scale the middle score is ambiguous. The rule: a score above
    ``midline`` is high, below it is low, and a score *equal* to the midline is
    high when ``midline_high`` (the default: a 3 is worth involving rather than
    forgetting) and low otherwise. A fractional midline (2.5) has no ties.
    O(1).

    >>> quadrant((5, 5)), quadrant((1, 5)), quadrant((5, 1)), quadrant((1, 1))
    ('nokkelspillere', 'bor_tilfredsstilles', 'holdes_informert', 'minimal_innsats')
    >>> quadrant((3, 3)), quadrant((3, 3), midline_high=False)
    ('nokkelspillere', 'minimal_innsats')
    >>> quadrant((2, 4), midline=2, midline_high=False)
    'bor_tilfredsstilles'
    """
    interest, influence = _scores(stakeholder_or_interest_influence)

    def high(score: int) -> bool:
        return score > midline or (score == midline and midline_high)

    if high(influence):
        return Quadrant.NOKKELSPILLERE if high(interest) else Quadrant.BOR_TILFREDSSTILLES
    return Quadrant.HOLDES_INFORMERT if high(interest) else Quadrant.MINIMAL_INNSATS


def strategy_for(
    stakeholder: Stakeholder, *, lang: str = DEFAULT_LANG, midline: float = 3, midline_high: bool = True
) -> str:
    """The stakeholder's own strategy, or the default for its quadrant.

    >>> media = Stakeholder("w1", "Lokalavisa", "media", 1, 2)
    >>> strategy_for(media).startswith("Kontaktes ved behov")
    True
    >>> media.strategy = "Pressemelding etter hver samskapingsdag."
    >>> strategy_for(media)
    'Pressemelding etter hver samskapingsdag.'
    """
    if stakeholder.strategy.strip():
        return stakeholder.strategy
    key = quadrant(stakeholder, midline=midline, midline_high=midline_high)
    return t(f"stakeholder.strategy.{key}", lang)


@dataclass(frozen=True)
class PlanRow:
    """One line of the involvement plan: how, how often and when a stakeholder takes part.

    ``quadrant`` and ``phase`` are keys (``""`` = all phases); the texts are the
    stakeholder's own or the quadrant's default, in the plan's language.
    """

    stakeholder_id: str
    name: str
    sector: str
    quadrant: str
    strategy: str
    channel: str
    frequency: str
    phase: str


def _own_or_default(own: str, kind: str, key: str, lang: str) -> str:
    return own if own.strip() else t(f"stakeholder.{kind}.{key}", lang)


def involvement_plan(stakeholders: Iterable[Stakeholder], *, lang: str = DEFAULT_LANG) -> list[PlanRow]:
    """The "samskapingsplan": one row per stakeholder, generated from the grid.

    Empty strategy, channel and frequency fall back to the quadrant's defaults
    in the municipalities' words (key players: expert group and working
    meetings, monthly; keep satisfied: status meeting every half year, as the
    seeds ask of politicians; keep informed: newsletter at milestones;
    monitor: when needed), so the plan is complete the moment the grid is.
    Rows are in quadrant order (:data:`QUADRANTS`), then by name. O(n log n).

    >>> nav = Stakeholder("w", "NAV", "nav", 2, 5)
    >>> ppt = Stakeholder("w", "PPT", "oppvekst", 5, 4, channel="Fagmøte", phase="innsikt")
    >>> for row in involvement_plan([nav, ppt]):
    ...     print(row.name, row.quadrant, row.channel, row.frequency, row.phase or "(alle faser)", sep=" | ")
    PPT | nokkelspillere | Fagmøte | månedlig | innsikt
    NAV | bor_tilfredsstilles | Statusmøte | hvert halvår | (alle faser)
    """
    rows = []
    for s in stakeholders:
        key = quadrant(s)
        rows.append(
            PlanRow(
                stakeholder_id=s.id,
                name=s.name,
                sector=s.sector,
                quadrant=key,
                strategy=strategy_for(s, lang=lang),
                channel=_own_or_default(s.channel, "channel", key, lang),
                frequency=_own_or_default(s.frequency, "frequency", key, lang),
                phase=s.phase,
            )
        )
    order = {key: i for i, key in enumerate(QUADRANTS)}
    return sorted(rows, key=lambda r: (order[r.quadrant], r.name.casefold(), r.name, r.stakeholder_id))
