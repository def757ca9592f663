"""Stakeholder analysis: quadrants, strategies and the involvement plan.

The quadrant of the Mendelow grid decides the default involvement strategy,
channel and frequency; a coordinator may write their own.
:func:`involvement_plan` turns the grid into the "involveringsplan" (who is
involved how, how often, in which phase). It is not the seeds'
"samskapingsplan", which is a checklist of co-creation activities per phase
(the kit's template is ``workshop/maler/samskapingsplan-mal.md``).

On the 1-5 scales the middle score is neither high nor low. The kit's rule is
written down once (:data:`MIDLINE`, :data:`MIDLINE_HIGH`), every function
takes it as ``midline``/``midline_high``, stakeholders scored on the line are
found by :func:`on_midline`, and :func:`midline_rule` says the rule in words
for the plan and the report. Everything here is pure; every label and sentence
comes from the message catalogue (:func:`samskaping.core.i18n.t`).
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
    "MIDLINE", "MIDLINE_HIGH", "PlanRow", "label", "sector_label", "sector_choices", "quadrant", "on_midline",
    "midline_rule", "strategy_for", "involvement_plan", "move", "replay",
]

#: The score that splits the 1-5 scales into low and high: a score above it is high, below it low.
MIDLINE: float = 3
#: Whether a score *on* the midline counts as high (the kit's default: a 3 is worth involving
#: rather than forgetting) or low. The grid marks stakeholders on the line, and the plan and
#: the report say which way they were counted (:func:`midline_rule`).
MIDLINE_HIGH: bool = True

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
    stakeholder_or_interest_influence: object, *, midline: float = MIDLINE, midline_high: bool = MIDLINE_HIGH
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


def on_midline(stakeholder_or_interest_influence: object, *, midline: float = MIDLINE) -> bool:
    """Whether interest or influence sits exactly on the midline, so the quadrant rests on the rule.

    A fractional midline (2.5) has no one on it. O(1).

    >>> on_midline((3, 5)), on_midline((4, 2)), on_midline((3, 5), midline=2.5)
    (True, False, False)
    """
    return midline in _scores(stakeholder_or_interest_influence)


def midline_rule(lang: str = DEFAULT_LANG, *, midline: float = MIDLINE, midline_high: bool = MIDLINE_HIGH) -> str:
    """The rule that made the quadrants, in a sentence for the plan and the report.

    >>> midline_rule("en")[:47], "3 is on the midline and is counted as high" in midline_rule("en")
    ('Interest and influence are scored 1-5. A score ', True)
    >>> "regnet som lav" in midline_rule(midline_high=False), midline_rule(midline=2.5)[-40:]
    (True, '2,5 regnes som høy og under 2,5 som lav.')
    """
    shown = f"{midline:g}" if lang == "en" else f"{midline:g}".replace(".", ",")
    if midline != int(midline):
        return t("stakeholder.midline.none", lang, midline=shown)
    return t(f"stakeholder.midline.{'high' if midline_high else 'low'}", lang, midline=shown)


def strategy_for(
    stakeholder: Stakeholder, *, lang: str = DEFAULT_LANG, midline: float = MIDLINE, midline_high: bool = MIDLINE_HIGH
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
    ``on_line``: interest or influence is on the midline, so the quadrant
    follows the rule (:func:`midline_rule`) rather than the scores alone.
    """

    stakeholder_id: str
    name: str
    sector: str
    quadrant: str
    strategy: str
    channel: str
    frequency: str
    phase: str
    on_line: bool = False


def _own_or_default(own: str, kind: str, key: str, lang: str) -> str:
    return own if own.strip() else t(f"stakeholder.{kind}.{key}", lang)


def involvement_plan(
    stakeholders: Iterable[Stakeholder], *, lang: str = DEFAULT_LANG, midline: float = MIDLINE,
    midline_high: bool = MIDLINE_HIGH,
) -> list[PlanRow]:
    """The involvement plan ("involveringsplan"): one row per stakeholder, generated from the grid.

    Empty strategy, channel and frequency fall back to the quadrant's defaults,
    written from the interessentanalyse in the seeds (key players: information
    meetings and expert groups, key to implementation; keep satisfied: status
    meetings where they decide, politicians at least every half year; keep
    informed: newsletter at milestones; monitor: when needed, with local media
    as the channel to residents and for recruiting their representatives), so
    the plan is complete the moment the grid is. Rows are in quadrant order
    (:data:`QUADRANTS`), then by name. O(n log n).

    >>> nav = Stakeholder("w", "NAV", "nav", 2, 5)
    >>> ppt = Stakeholder("w", "PPT", "oppvekst", 5, 3, channel="Fagmøte", phase="innsikt")
    >>> for row in involvement_plan([nav, ppt]):
    ...     print(row.name, row.quadrant, row.channel, row.frequency, row.phase or "(alle faser)", row.on_line,
    ...           sep=" | ")
    PPT | nokkelspillere | Fagmøte | månedlig | innsikt | True
    NAV | bor_tilfredsstilles | Statusmøte i utvalget der de vedtar | minst hvert halvår | (alle faser) | False
    """
    rows = []
    for s in stakeholders:
        key = quadrant(s, midline=midline, midline_high=midline_high)
        rows.append(
            PlanRow(
                stakeholder_id=s.id,
                name=s.name,
                sector=s.sector,
                quadrant=key,
                strategy=strategy_for(s, lang=lang, midline=midline, midline_high=midline_high),
                channel=_own_or_default(s.channel, "channel", key, lang),
                frequency=_own_or_default(s.frequency, "frequency", key, lang),
                phase=s.phase,
                on_line=on_midline(s, midline=midline),
            )
        )
    order = {key: i for i, key in enumerate(QUADRANTS)}
    return sorted(rows, key=lambda r: (order[r.quadrant], r.name.casefold(), r.name, r.stakeholder_id))
