"""Themes as the facilitator keeps them on the wall, between clustering runs.

Clustering (:mod:`samskaping.ideas`) proposes themes; the facilitator then
renames, pins, merges and moves ideas by hand. Those decisions are stored
here (with the store) so the next run, after more ideas arrive, keeps pinned
themes and manually placed ideas where the facilitator put them.
"""

from __future__ import annotations

from samskaping.core.exceptions import InvalidInputError
from samskaping.ideas.model import Idea, WallTheme

__all__ = ["theming_items", "suggest_themes", "spread_ideas", "split_stored_theme"]

def theming_items(store, workshop_id: str) -> list[Idea]:
    """The ideas that take part in theming: visible and not merged into another."""
    merged = store.ideas.merges(workshop_id)
    return [idea for idea in store.ideas.list(workshop_id) if not idea.hidden and idea.id not in merged]


def suggest_themes(store, workshop_id: str, *, themes: int | None = None, lang: str = "nb"):
    """Propose themes for a workshop's ideas and store them; returns the clustering.

    The first run clusters from scratch; later runs (:func:`samskaping.ideas.clustering.recluster`)
    keep pinned themes, hand-placed ideas and labels people wrote.
    """
    from samskaping.ideas.clustering import cluster, recluster

    items = theming_items(store, workshop_id)
    placed, previous = _stored_clustering(store, workshop_id, items)
    result = recluster(items, previous, lang=lang) if placed else cluster(items, themes=themes, lang=lang)
    _store_result(store, workshop_id, result)
    return result


def split_stored_theme(store, workshop_id: str, theme_id: str, *, lang: str = "nb"):
    """Split one theme in two by grouping its ideas again; the other themes stay as they are."""
    from samskaping.ideas.clustering import split_theme

    placed, previous = _stored_clustering(store, workshop_id, theming_items(store, workshop_id))
    result = split_theme(previous, placed, theme_id, lang=lang)
    _store_result(store, workshop_id, result)
    return result


def _stored_clustering(store, workshop_id: str, items: list):
    """The placed ideas and the stored theming as a :class:`samskaping.ideas.clustering.Clustering`."""
    from samskaping.ideas.clustering import Clustering, Theme

    stored = store.themes.list(workshop_id)
    placements = store.themes.placements(workshop_id)
    placed = [idea for idea in items if idea.id in placements] if stored else []
    return placed, Clustering(
        themes=[Theme(th.id, th.label, 0, named=True) for th in stored],
        assignment=[placements[idea.id].theme_id for idea in placed],
        keys=[idea.id for idea in placed],
        manual={idea.id: placements[idea.id].theme_id for idea in placed if placements[idea.id].manual},
        pinned=frozenset(th.id for th in stored if th.pinned),
    )


def spread_ideas(store, workshop_id: str, *, lang: str = "nb"):
    """Seeded grouping: place every idea not placed by hand into the themes on the wall.

    A theme draws ideas by the ideas placed in it by hand (and those of a
    pinned theme) and by its name, so a theme the facilitator only named
    ("Skyss og transport") gets its ideas too. At least one idea must have
    been placed by hand somewhere (the page says so otherwise).
    """
    from samskaping.ideas.clustering import seeded_grouping

    themes = store.themes.list(workshop_id)
    pinned = {theme.id for theme in themes if theme.pinned}
    placements = store.themes.placements(workshop_id)
    if not any(placement.manual for placement in placements.values()):
        raise InvalidInputError(
            f"Workshop {workshop_id!r} has no hand-placed ideas; put at least one idea in a theme first.",
            reason="no_seeds", field="themes", value=workshop_id,
        )
    items = theming_items(store, workshop_id)
    present = {idea.id for idea in items}
    seeds: dict[str, list[str]] = {theme.id: [] for theme in themes}
    for idea_id, placement in placements.items():
        if idea_id in present and (placement.manual or placement.theme_id in pinned):
            seeds.setdefault(placement.theme_id, []).append(idea_id)
    names = {theme.id: theme.label for theme in themes}
    result = seeded_grouping(items, seeds, names=names, lang=lang)
    _store_result(store, workshop_id, result)
    return result


def _store_result(store, workshop_id: str, result) -> None:
    """Save a clustering, keeping the label, pin and priorities of themes that already existed."""
    old = {theme.id: theme for theme in store.themes.list(workshop_id)}
    themes = []
    for position, theme in enumerate(result.themes):
        kept = old.get(theme.id)
        themes.append(WallTheme(workshop_id, theme.id, kept.label if kept else theme.label,
                                kept.pinned if kept else False, position,
                                kept.benefit if kept else None, kept.effort if kept else None))
    store.themes.save_theming(workshop_id, themes, dict(zip(result.keys, result.assignment, strict=True)))
