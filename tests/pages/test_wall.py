"""The wall for the projector: visible ideas only, themes as columns, live, escaped."""

from __future__ import annotations

from samskaping.ideas.model import Idea, WallTheme
from samskaping.pages.request import PageRequest
from samskaping.pages.wall import WallPage


def _wall(store, workshop) -> WallPage:
    return WallPage(store, PageRequest.from_query_string(f"verksted={workshop.id}", "http://10.0.0.5:8866"))


def test_the_wall_shows_the_join_code_and_new_ideas_and_never_a_hidden_one(store, workshop):
    wall = _wall(store, workshop)
    assert workshop.join_code in wall.head.value and "<svg" in wall.head.value
    assert "http://10.0.0.5:8866/voila/render/deltaker.ipynb?kode=" in wall.head.value  # the QR's words
    kind = store.ideas.add(Idea(workshop.id, "Leksehjelp <b>på</b> biblioteket", "ungdom"))
    rude = store.ideas.add(Idea(workshop.id, "Noe som ikke skal leses opp", "annet"))
    assert wall.refresh()
    assert "Leksehjelp &lt;b&gt;på&lt;/b&gt; biblioteket" in wall.ideas.value and "2 idéer" in wall.count.value
    store.ideas.set_hidden(rude.id)
    assert wall.refresh()
    assert "Noe som ikke skal leses opp" not in wall.ideas.value and "1 idéer" in wall.count.value
    assert not wall.refresh()  # nothing moved: nothing redrawn
    store.ideas.merge(store.ideas.add(Idea(workshop.id, "Leksehjelp på bibl.", "ansatt")).id, kind.id)
    wall.refresh()
    assert "på bibl." not in wall.ideas.value  # a merged duplicate leaves the wall


def test_once_themed_the_wall_shows_one_column_per_theme_with_the_unplaced_last(store, workshop):
    ideas = [store.ideas.add(Idea(workshop.id, text)) for text in
             ("Leksehjelp for alle", "Gratis fritidskort", "Foreldrekurs om kvelden")]
    store.themes.save_theming(workshop.id, [WallTheme(workshop.id, "t1", "Skole"), WallTheme(workshop.id, "t2",
                                                                                             "Fritid")],
                              {ideas[0].id: "t1", ideas[1].id: "t2"})
    wall = _wall(store, workshop)
    html = wall.ideas.value
    assert html.index("Skole (1)") < html.index("Leksehjelp") < html.index("Fritid (1)") < html.index("Gratis")
    assert html.index("Uten tema") > html.index("Gratis") and "Foreldrekurs" in html[html.index("Uten tema"):]
