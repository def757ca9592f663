"""Themes and the facilitator's decisions survive a new clustering run."""

from __future__ import annotations

import pytest

from samskaping.core.exceptions import InvalidInputError
from samskaping.ideas.model import WallTheme


def test_a_new_run_keeps_pinned_themes_and_manual_placements(store, workshop, add_ideas):
    a, b, c, d = add_ideas("Leksehjelp", "Gratis frokost", "Foreldrekurs", "Foreldrekafé")
    w = workshop.id
    store.themes.save_theming(w, [WallTheme(w, "t1", "Skole"), WallTheme(w, "t2", "Foreldre")],
                       {a.id: "t1", b.id: "t1", c.id: "t2", d.id: "t2"})
    store.themes.update(WallTheme(w, "t2", "Foreldrestøtte", pinned=True, position=1))
    store.themes.place_idea(b.id, "t2")  # the facilitator moves 'frokost' by hand
    e = add_ideas("Kveldsmat for familier")[0]
    store.themes.save_theming(w, [WallTheme(w, "t1", "Mat"), WallTheme(w, "t2", "Anna"), WallTheme(w, "t3", "Nytt")],
                       {a.id: "t3", b.id: "t1", c.id: "t1", d.id: "t1", e.id: "t1"})
    themes = {t.id: t for t in store.themes.list(w)}
    assert themes["t2"].label == "Foreldrestøtte" and themes["t2"].pinned
    assert themes["t1"].label == "Mat" and "t3" in themes
    placed = {idea_id: p.theme_id for idea_id, p in store.themes.placements(w).items()}
    assert placed == {a.id: "t3", b.id: "t2", c.id: "t2", d.id: "t2", e.id: "t1"}
    assert store.themes.placements(w)[b.id].manual


def test_merging_themes_moves_the_ideas(store, workshop, add_ideas):
    a, b = add_ideas("Leksehjelp", "Gratis frokost")
    w = workshop.id
    store.themes.save_theming(w, [WallTheme(w, "t1", "A"), WallTheme(w, "t2", "B")], {a.id: "t1", b.id: "t2"})
    store.themes.merge(w, "t2", "t1")
    assert [t.id for t in store.themes.list(w)] == ["t1"]
    assert {p.theme_id for p in store.themes.placements(w).values()} == {"t1"}


def test_theme_labels_are_masked_and_checked(store, workshop):
    store.themes.update(WallTheme(workshop.id, "t1", "Temaet til Kari Nordmann", benefit=4, effort=2))
    [theme] = store.themes.list(workshop.id)
    assert "Kari" not in theme.label and (theme.benefit, theme.effort) == (4, 2)
    with pytest.raises(InvalidInputError):
        WallTheme(workshop.id, "t1", "X", benefit=9)
    with pytest.raises(InvalidInputError):
        store.themes.place_idea("nope", "t1")
