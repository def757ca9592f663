"""The goal tree picture: files, every text whole and inside its box, no overlaps, children right of parents."""

from __future__ import annotations

import random
import time
import xml.etree.ElementTree as ET

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers import overlapping
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.plotting import A4_LANDSCAPE
from samskaping.goals.model import Goal, numbering
from samskaping.goals.plot import (
    LEVEL_COLOURS,
    draw_goal_tree,
    draw_goal_tree_artists,
    goal_tree_alt_text,
    save_goal_tree,
)

P = "p1"
SVG = "{http://www.w3.org/2000/svg}"
SENTENCES = [
    "Alle ansatte oppgir «stor grad av» kompetanse i hvordan kommunen kan bistå med godt foreldrestøttearbeid.",
    "Alle elever med bekymringsfullt skolefravær opplever at lærer og/eller andre tillitspersoner snakker med dem.",
    "Foresatte og barnet/ungdommen vet hvem de skal forholde seg til og hvem som følger dem opp.",
    "Alle ansatte kjenner til felles rutiner for arbeid med elever med bekymringsfullt skolefravær.",
    "Gjennomføringen i videregående skole har økt fra 83 % til 100 %.",
    "Alle ungdommer/foresatte får tilbud om en elektronisk stafettlogg når en sak kommer til nærværsteamet.",
    "Alle ansatte i nærværsteamet bruker feedbackverktøy.",
]


def plan(effekt: int = 2, per_effekt: int = 2, *, seed: int = 1, long: bool = False) -> list[Goal]:
    """One samfunnsmål, ``effekt`` effektmål, ``per_effekt`` resultatmål under each, in the seeds' words."""
    rng = random.Random(seed)
    s = Goal(P, "samfunnsmal", "Kommunen skal være et trygt og godt sted å vokse opp for alle barn og unge.")
    goals = [s]
    for i in range(effekt):
        e = Goal(P, "effektmal", rng.choice(SENTENCES) * (3 if long else 1), parent_id=s.id)
        goals.append(e)
        for _ in range(per_effekt):
            text = " ".join(rng.sample(SENTENCES, 3 if long else 1))
            goals.append(Goal(P, "resultatmal", text, indicator=f"Andel som svarer «i stor grad» ({i + 1})",
                              parent_id=e.id))
    return goals


def geometry(artists):
    """The drawn boxes and texts as the renderer measures them, in display pixels."""
    figure = artists.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = {gid: box.get_window_extent(renderer) for gid, box in artists.boxes.items()}
    texts = {gid: text.get_window_extent(renderer) for gid, text in artists.texts.items()}
    indicators = {gid: text.get_window_extent(renderer) for gid, text in artists.indicators.items()}
    return renderer, boxes, texts, indicators


def inside(inner, outer) -> bool:
    return outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1


CASES = {
    "one goal": [Goal(P, "samfunnsmal", "Trygg oppvekst")],
    "three levels, two each": plan(2, 2),
    "fifteen goals": plan(2, 6),
    "fifteen goals, long texts": plan(2, 6, long=True),
    "wide": plan(4, 2, seed=3),
    "one chain of long goals": plan(1, 1, long=True),
}


@pytest.mark.parametrize("goals", CASES.values(), ids=CASES.keys())
def test_every_goal_is_a_box_with_its_whole_text_inside_and_no_boxes_overlap(goals):
    started = time.perf_counter()
    artists = draw_goal_tree_artists(goals, title="Mål og gevinster")
    assert time.perf_counter() - started < 5
    assert tuple(artists.figure.get_size_inches()) == pytest.approx(A4_LANDSCAPE)
    renderer, boxes, texts, indicators = geometry(artists)
    assert set(boxes) == set(texts) == {g.id for g in goals}
    page = artists.figure.bbox
    numbers = numbering(goals)
    for goal in goals:
        assert inside(texts[goal.id], boxes[goal.id]), goal.text[:30]
        assert inside(boxes[goal.id], page)
        # The whole text, never cut: the drawn lines joined again are the number and the goal.
        drawn = artists.texts[goal.id].get_text()
        assert " ".join(drawn.split()) == f"{numbers[goal.id]} {' '.join(goal.text.split())}"
        assert "…" not in drawn
        if goal.level == "resultatmal":
            assert inside(indicators[goal.id], boxes[goal.id])
            assert indicators[goal.id].y1 <= texts[goal.id].y0  # under the goal, not over it
            assert " ".join(artists.indicators[goal.id].get_text().split()) == f"Indikator: {goal.indicator}"
    assert overlapping(boxes) == []
    if sum(len(goal.text) for goal in goals) < 1500:  # a plan's usual goals stay readable on paper
        assert artists.fontsize >= 6.5


@pytest.mark.parametrize("goals", CASES.values(), ids=CASES.keys())
def test_each_child_is_right_of_its_parent_and_a_line_joins_them(goals):
    artists = draw_goal_tree_artists(goals)
    _, boxes, _, _ = geometry(artists)
    by_id = {g.id: g for g in goals}
    children = [g for g in goals if g.parent_id in by_id]
    assert set(artists.lines) == {g.id for g in children}
    for child in children:
        parent, own = boxes[child.parent_id], boxes[child.id]
        assert own.x0 > parent.x1
        xs, ys = artists.lines[child.id].get_data()
        to_display = artists.ax.transData.transform
        start, end = to_display((xs[0], ys[0])), to_display((xs[-1], ys[-1]))
        assert start[0] == pytest.approx(parent.x1, abs=1) and parent.y0 <= start[1] <= parent.y1
        assert end[0] == pytest.approx(own.x0, abs=1) and own.y0 <= end[1] <= own.y1


def test_a_parent_sits_level_with_its_children_and_siblings_keep_their_order():
    goals = plan(2, 3)
    _, boxes, _, _ = geometry(draw_goal_tree_artists(goals))
    s, e1, e2 = goals[0], goals[1], goals[5]
    first, last = boxes[goals[2].id], boxes[goals[4].id]
    middle = (boxes[e1.id].y0 + boxes[e1.id].y1) / 2
    assert last.y0 <= middle <= first.y1
    assert boxes[e1.id].y0 > boxes[e2.id].y1  # the first effektmål above the second
    assert boxes[goals[2].id].y0 > boxes[goals[3].id].y1 > boxes[goals[4].id].y1
    s_middle = (boxes[s.id].y0 + boxes[s.id].y1) / 2
    assert boxes[e2.id].y0 < s_middle < boxes[e1.id].y1


def test_columns_are_named_by_level_in_the_reader_language():
    goals = plan(1, 1)
    artists = draw_goal_tree_artists(goals)
    assert {level: text.get_text() for level, text in artists.level_names.items()} == {
        "samfunnsmal": "Samfunnsmål", "effektmal": "Effektmål", "resultatmal": "Resultatmål"}
    for goal in goals:
        assert to_hex(artists.boxes[goal.id].get_edgecolor()) == LEVEL_COLOURS[goal.level].lower()
    only_top = draw_goal_tree_artists([Goal(P, "samfunnsmal", "Trygg oppvekst")])
    assert list(only_top.level_names) == ["samfunnsmal"]
    assert only_top.level_names["samfunnsmal"].get_color() == LEVEL_COLOURS["samfunnsmal"]


def test_goals_without_a_parent_stand_alone_and_skip_level_parents_still_get_a_line():
    s = Goal(P, "samfunnsmal", "Trygg oppvekst")
    stray = Goal(P, "effektmal", "Flere unge i arbeid")
    skip = Goal(P, "resultatmal", "Veileder for fravær", indicator="Ja/nei", parent_id=s.id)
    up = Goal(P, "effektmal", "Peker opp feil vei", parent_id=skip.id)  # a lower level cannot be above it
    artists = draw_goal_tree_artists([s, stray, skip, up])
    _, boxes, texts, _ = geometry(artists)
    assert set(artists.lines) == {skip.id}
    assert overlapping(boxes) == []
    assert all(inside(texts[g], boxes[g]) for g in boxes)


def test_dollar_signs_and_markup_in_a_goal_are_drawn_as_written(tmp_path):
    text = "Kostnad $5 per elev og $x^2$ <script>alert('x')</script> & \\n"
    goals = [Goal(P, "samfunnsmal", "Trygg oppvekst"),
             Goal(P, "effektmal", text), Goal(P, "resultatmal", "Alle får svar", indicator="$ <b>fet</b>")]
    goals[1].parent_id = goals[0].id
    goals[2].parent_id = goals[1].id
    artists = draw_goal_tree_artists(goals, title="$Mål$ <i>")
    drawn = artists.texts[goals[1].id]
    assert text in " ".join(drawn.get_text().split("\n"))
    assert drawn.get_parse_math() is False and not drawn.get_usetex()
    assert artists.indicators[goals[2].id].get_parse_math() is False
    for suffix in ("png", "pdf"):
        assert save_goal_tree(goals, tmp_path / f"mål.{suffix}").stat().st_size > 1000
    data = save_goal_tree(goals, tmp_path / "mål.svg", title="$Mål$ <i>").read_text(encoding="utf-8")
    root = ET.fromstring(data)
    assert not [element for element in root.iter() if element.tag.endswith("script")]
    words = " ".join(element.text or "" for element in root.iter(f"{SVG}text"))
    assert "<script>alert('x')</script>" in words and "$x^2$" in words and "$Mål$ <i>" in words
    assert "&lt;script&gt;" in data


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf", "PDF"])
def test_save_goal_tree_writes_valid_files(tmp_path, suffix):
    path = save_goal_tree(plan(2, 2), tmp_path / f"målhierarki.{suffix}", lang="nb")
    data = path.read_bytes()
    kind = suffix.lower()
    if kind == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    elif kind == "pdf":
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    else:
        assert ET.fromstring(data).tag == f"{SVG}svg"
        assert "Samfunnsmål" in data.decode("utf-8")


def test_fmt_chooses_the_format_over_the_suffix_and_a_bad_one_fails_before_drawing(tmp_path):
    path = save_goal_tree(plan(1, 1), tmp_path / "figur.bin", "png")
    assert path.read_bytes().startswith(b"\x89PNG")
    assert save_goal_tree(plan(1, 1), tmp_path / "figur", fmt="SVG").read_bytes().lstrip().startswith(b"<?xml")
    for bad in ({"path": tmp_path / "figur.jpg"}, {"path": tmp_path / "figur.png", "fmt": "gif"}):
        with pytest.raises(InvalidInputError) as info:
            save_goal_tree(plan(1, 1), **bad)
        assert info.value.reason == "bad_image_format"
    assert not (tmp_path / "figur.jpg").exists()


def test_the_same_goals_give_the_same_svg(tmp_path):
    goals = plan(2, 3)
    first = save_goal_tree(goals, tmp_path / "a.svg").read_bytes()
    assert save_goal_tree(goals, tmp_path / "b.svg").read_bytes() == first


def test_an_empty_tree_says_so():
    figure = draw_goal_tree([])
    assert isinstance(figure, Figure)
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert texts == ["Ingen mål er registrert ennå."]
    assert goal_tree_alt_text([]) == "Målhierarkiet er tomt: ingen mål er registrert ennå."


def test_the_alt_text_names_every_goal_with_the_numbers_the_picture_shows():
    goals = plan(2, 2)
    text = goal_tree_alt_text(goals)
    lines = text.split("\n")
    assert lines[0].startswith("Målhierarki med 7 mål (samfunnsmål: 1, effektmål: 2, resultatmål: 4).")
    assert len(lines) == 1 + len(goals)
    assert lines[1] == f"Samfunnsmål 1: {goals[0].text}"
    assert lines[2] == f"  Effektmål 1.1: {goals[1].text}"
    assert lines[3] == f"    Resultatmål 1.1.1: {goals[2].text} (Indikator: {goals[2].indicator})"
    artists = draw_goal_tree_artists(goals)
    for goal in goals:
        number = numbering(goals)[goal.id]
        assert artists.texts[goal.id].get_text().startswith(f"{number} ")
        assert f" {number}: " in text
    for lang in ("nn", "en"):
        assert "{" not in goal_tree_alt_text(goals, lang=lang)


def random_plan(seed: int) -> list[Goal]:
    """1-15 goals in a random hierarchy, texts from a word to a paragraph, some long words and capital Å."""
    rng = random.Random(seed)
    words = " ".join(SENTENCES).split() + ["Åpen", "Ålesund-modellen", "kompetanseheving-og-sertifiseringsløp"]
    goals: list[Goal] = []
    for _ in range(rng.randint(1, 15)):
        level = rng.choice(["samfunnsmal", "effektmal", "resultatmal"])
        above = {"effektmal": "samfunnsmal", "resultatmal": "effektmal"}.get(level)
        parents = [g for g in goals if g.level == above]
        text = " ".join(rng.choice(words) for _ in range(rng.choice([1, 5, 15, 40, 70])))
        indicator = " ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        goals.append(Goal(P, level, text, indicator=indicator,
                          parent_id=rng.choice(parents).id if parents and rng.random() < 0.9 else ""))
    return goals


@pytest.mark.parametrize("seed", range(12))
def test_any_plan_of_up_to_fifteen_goals_fits_one_page_without_overlap(seed):
    goals = random_plan(seed)
    artists = draw_goal_tree_artists(goals, title="Mål")
    _, boxes, texts, indicators = geometry(artists)
    page = artists.figure.bbox
    assert overlapping(boxes) == []
    for goal in goals:
        assert inside(texts[goal.id], boxes[goal.id]) and inside(boxes[goal.id], page)
        if goal.id in indicators:
            assert inside(indicators[goal.id], boxes[goal.id])
    for child_id in artists.lines:
        child = next(g for g in goals if g.id == child_id)
        assert boxes[child_id].x0 > boxes[child.parent_id].x1
