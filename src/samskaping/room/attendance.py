"""Who is in the room, by group, and who is missing from the stakeholder map.

The seeds' evaluation plans ask "how many and who attended the co-creation
day?". Participants tap their group on arrival (no name); they may also say
which service or organisation they come from, chosen from the workshop's
stakeholder map. Before the idea round the facilitator sees which key players
and user groups have no one present, while there is still time to call them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from samskaping.core.i18n import group_label, t
from samskaping.core.models import DEFAULT_GROUPS, GROUPS, Group
from samskaping.room.model import USER_GROUPS, Arrival

__all__ = ["Representativity", "representativity", "representativity_text"]

@dataclass
class Representativity:
    """Attendance by group and the gaps against the stakeholder map."""

    present: int
    by_group: Counter
    missing_key_players: list  # stakeholders in the key-player quadrant with no one present
    missing_user_stakeholders: list  # stakeholders of the 'brukere' sector with no one present
    missing_user_groups: tuple[str, ...]  # user groups the workshop offers with no one registered


def representativity(stakeholders: list, arrivals: list[Arrival],
                     offered: Iterable[Group] = DEFAULT_GROUPS) -> Representativity:
    """Compare who registered with the stakeholder map. O(stakeholders + arrivals).

    A user group (:data:`~samskaping.room.model.USER_GROUPS`) is missed only
    when the workshop ``offered`` it (:func:`~samskaping.core.models.offered_groups`):
    a staff seminar is not short of children.

    >>> from samskaping.stakeholders.model import Stakeholder
    >>> skole = Stakeholder("w", "Skole", "oppvekst", 5, 5)
    >>> brukere = Stakeholder("w", "Foreldre", "brukere", 5, 3)
    >>> r = representativity([skole, brukere], [Arrival("w", "s1", "ansatt", skole.id)])
    >>> [s.name for s in r.missing_key_players], r.missing_user_groups
    (['Foreldre'], ('bruker', 'foresatt', 'ungdom'))
    >>> representativity([], [], offered=("ansatt", "barn")).missing_user_groups
    ('barn',)
    """
    offered = set(offered)
    from samskaping.stakeholders.analysis import quadrant

    by_group = Counter(arrival.group for arrival in arrivals)
    represented = {arrival.stakeholder_id for arrival in arrivals if arrival.stakeholder_id}
    missing_key = [s for s in stakeholders if quadrant(s) == "nokkelspillere" and s.id not in represented]
    missing_users = [s for s in stakeholders if s.sector == "brukere" and s.id not in represented]
    return Representativity(
        present=len(arrivals),
        by_group=by_group,
        missing_key_players=missing_key,
        missing_user_stakeholders=missing_users,
        missing_user_groups=tuple(g for g in USER_GROUPS if g in offered and not by_group[g]),
    )


def representativity_text(result: Representativity, lang: str = "nb") -> list[str]:
    """Plain sentences for the facilitator page and the report."""
    lines = [t("attendance.present", lang, count=result.present)]
    if result.by_group:
        lines.append(", ".join(f"{group_label(g, lang)}: {result.by_group[g]}" for g in GROUPS if result.by_group[g]))
    if result.missing_key_players:
        lines.append(t("attendance.missing.key", lang, names=", ".join(s.name for s in result.missing_key_players)))
    if result.missing_user_stakeholders:
        lines.append(t("attendance.missing.users", lang,
                       names=", ".join(s.name for s in result.missing_user_stakeholders)))
    if result.missing_user_groups:
        lines.append(t("attendance.missing.groups", lang,
                       groups=", ".join(group_label(g, lang) for g in result.missing_user_groups)))
    return lines
