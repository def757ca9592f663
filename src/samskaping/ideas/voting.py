"""Voting on ideas: dot votes, agree/disagree/pass, and consensus across groups.

A workshop mixes employees, leaders, young people, parents and politicians.
An idea every group supports is worth more to the steering group than one
that wins only because one group came in numbers; an idea that splits the
groups is worth a conversation. So votes are tallied per participant group,
and :func:`consensus` sorts ideas into those that unite and those that split.

The store enforces the rules while people vote (dots per browser, voting
open); this module only counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from samskaping.core.keys import Key
from samskaping.core.models import GROUPS

__all__ = ["Agreement", "IdeaTally", "Verdict", "tally", "consensus", "results"]


@dataclass
class IdeaTally:
    """What one idea got: dots and stances, in total and per participant group."""

    idea_id: str
    dots: int = 0
    dots_by_group: Counter = field(default_factory=Counter)
    stances: Counter = field(default_factory=Counter)
    stances_by_group: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def agree_share(self, group: str) -> float | None:
        """Share of a group's agree/disagree answers that agree (``pass`` not counted); None if no answers."""
        counts = self.stances_by_group.get(group, Counter())
        answered = counts["enig"] + counts["uenig"]
        return counts["enig"] / answered if answered else None


class Agreement(Key):
    """How the groups stand on an idea: it unites them, splits them, or is not settled."""

    SAMLENDE = "samlende"
    SPLITTENDE = "splittende"
    UAVKLART = "uavklart"


@dataclass(frozen=True)
class Verdict:
    """How the groups stand on an idea (:class:`Agreement`), and each group's share that agrees."""

    idea_id: str
    kind: Agreement
    support: dict[str, float]


def tally(dots: list[tuple[str, str]], stances: list[tuple[str, str, str]]) -> dict[str, IdeaTally]:
    """Count ``(idea_id, group)`` dots and ``(idea_id, group, stance)`` answers per idea. O(votes).

    >>> result = tally([("i1", "ungdom"), ("i1", "ansatt"), ("i2", "ungdom")], [("i1", "leder", "enig")])
    >>> result["i1"].dots, dict(result["i1"].dots_by_group), result["i1"].agree_share("leder")
    (2, {'ungdom': 1, 'ansatt': 1}, 1.0)
    """
    result: dict[str, IdeaTally] = {}
    for idea_id, group in dots:
        item = result.setdefault(idea_id, IdeaTally(idea_id))
        item.dots += 1
        item.dots_by_group[group] += 1
    for idea_id, group, stance in stances:
        item = result.setdefault(idea_id, IdeaTally(idea_id))
        item.stances[stance] += 1
        item.stances_by_group[group][stance] += 1
    return result


def consensus(tallies: dict[str, IdeaTally], *, threshold: float = 0.6, min_groups: int = 2) -> list[Verdict]:
    """Which ideas unite the groups and which split them, from agree/disagree answers.

    An idea *unites* (``samlende``) when at least ``min_groups`` groups
    answered and every one of them agrees by at least ``threshold``; it
    *splits* (``splittende``) when one group agrees by ``threshold`` or more
    and another disagrees by as much. Everything else is ``uavklart``.
    Uniting ideas come first, most supported first. O(ideas x groups).

    >>> t = tally([], [("a", "ungdom", "enig"), ("a", "ansatt", "enig"),
    ...               ("b", "ungdom", "enig"), ("b", "ansatt", "uenig")])
    >>> [(v.idea_id, v.kind) for v in consensus(t)]
    [('a', 'samlende'), ('b', 'splittende')]
    """
    order = {kind: rank for rank, kind in enumerate(Agreement)}
    verdicts = []
    for idea_id, item in tallies.items():
        support = {g: share for g in GROUPS if (share := item.agree_share(g)) is not None}
        if len(support) >= min_groups and min(support.values()) >= threshold:
            kind = Agreement.SAMLENDE
        elif support and max(support.values()) >= threshold and min(support.values()) <= 1 - threshold:
            kind = Agreement.SPLITTENDE
        else:
            kind = Agreement.UAVKLART
        verdicts.append(Verdict(idea_id, kind, support))
    mean = {v.idea_id: (sum(v.support.values()) / len(v.support) if v.support else 0.0) for v in verdicts}
    return sorted(verdicts, key=lambda v: (order[v.kind], -mean[v.idea_id], v.idea_id))


def results(store, workshop_id: str, *, reveal: bool = False) -> dict[str, IdeaTally] | None:
    """The tally of a workshop's votes (:func:`tally`); ``None`` until voting is closed.

    Results stay hidden while people vote, so early counts do not steer later
    votes; ``reveal`` is for the report, which shows them anyway. Votes on an
    idea merged into another count for the one it was merged into.
    """
    if not reveal and not store.votes.voting(workshop_id).results_visible:
        return None
    return tally(*store.votes.cast(workshop_id))
