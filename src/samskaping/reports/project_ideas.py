"""The ideas of all a project's workshops, pulled together into themes.

An idédugnad rarely stands alone: expert groups meet three to five times and a
samskapingsdag follows. A coordinator wants one set of themes over all of it,
with each idea still saying where it came from: its workshop and, in a joint
project, the kommune its phone said it came from on arrival. The command line
(``samskaping project ideas``), the project page and the innsiktsrapport all
read the pool from here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from samskaping.core.i18n import DEFAULT_LANG
from samskaping.core.models import Workshop
from samskaping.ideas.model import Idea

__all__ = ["PooledIdea", "PooledTheme", "by_municipality", "pool", "pooled_ideas"]


@dataclass(frozen=True)
class PooledIdea:
    """One idea in the project's pool, with where it came from."""

    idea: Idea
    workshop: Workshop
    #: The kommune the participant's phone chose on arrival ("" if none was asked or said).
    municipality: str = ""


@dataclass(frozen=True)
class PooledTheme:
    """A theme over the project's workshops and the ideas in it, in the order they came."""

    id: str
    label: str
    ideas: tuple[PooledIdea, ...]

    @property
    def workshops(self) -> list[str]:
        """The titles of the workshops its ideas came from, in the order the workshops were held."""
        return list(dict.fromkeys(item.workshop.title for item in self.ideas))


def pooled_ideas(store, project_id: str, *, municipality: str = "") -> list[PooledIdea]:
    """Every visible idea of the project's workshops, oldest workshop first (merged ideas count once).

    ``municipality``: only the ideas from phones that said they come from that kommune.
    """
    pooled = []
    for workshop in store.projects.workshops(project_id):
        merged = store.ideas.merges(workshop.id)
        came_from = {arrival.session_id: arrival.municipality for arrival in store.room.arrivals(workshop.id)}
        pooled += [PooledIdea(idea, workshop, came_from.get(idea.session_id, ""))
                   for idea in store.ideas.list(workshop.id) if not idea.hidden and idea.id not in merged]
    if municipality:
        wanted = municipality.casefold()
        pooled = [item for item in pooled if item.municipality.casefold() == wanted]
    return pooled


def pool(pooled: list[PooledIdea], *, themes: int | None = None, lang: str = DEFAULT_LANG) -> list[PooledTheme]:
    """Group the pool into themes (``themes`` of them, or as many as the ideas suggest); none for no ideas."""
    from samskaping.ideas.clustering import cluster  # scikit-learn: only when the pool is grouped

    if not pooled:
        return []
    result = cluster([item.idea.text for item in pooled], themes=themes, lang=lang)
    return [PooledTheme(theme.id, theme.label,
                        tuple(item for item, assigned in zip(pooled, result.assignment, strict=True)
                              if assigned == theme.id))
            for theme in result.themes]


def by_municipality(pooled: list[PooledIdea]) -> Counter[str]:
    """How many ideas came from each kommune (ideas from phones that said none are left out)."""
    return Counter(item.municipality for item in pooled if item.municipality)
