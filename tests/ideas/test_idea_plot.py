"""The priority matrix picture: files, quadrants, labels that never overlap, safe text."""

import random

import pytest
from matplotlib.figure import Figure

from helpers import overlapping
from samskaping.core.exceptions import InvalidInputError
from samskaping.ideas.plot import draw_priority_matrix, priority_quadrant, save_priority_matrix

ACTIONS = ["Leksehjelp på biblioteket", "Nærværsteam", "Fritidskortet", "Chat med helsesykepleier",
           "Felles fagdag", "Ungdomspanel", "Drop-in på helsestasjonen", "Stafettlogg", "Foreldrekurs",
           "Fadderordning", "Åpen hall fredag", "Kommunepsykolog"]


def items(n, seed=3):
    rng = random.Random(seed)
    return [(f"{ACTIONS[i % len(ACTIONS)]} {i}", rng.randint(1, 5), rng.randint(1, 5)) for i in range(n)]




@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_files_are_valid(tmp_path, suffix, magic):
    path = save_priority_matrix(items(10), tmp_path / f"matrise.{suffix}")
    data = path.read_bytes()
    assert data.startswith(magic) and len(data) > 1000
    if suffix == "svg":
        assert "Raske gevinster" in data.decode("utf-8")


def test_same_items_same_file(tmp_path):
    a = save_priority_matrix(items(10), tmp_path / "a.svg").read_bytes()
    b = save_priority_matrix(items(10), tmp_path / "b.svg").read_bytes()
    assert a == b


def test_bad_file_name_is_refused(tmp_path):
    with pytest.raises(InvalidInputError) as caught:
        save_priority_matrix(items(3), tmp_path / "matrise.docx")
    assert caught.value.reason == "bad_image_format"


@pytest.mark.parametrize("n", [5, 20, 40])
def test_labels_never_overlap(n):
    artists = draw_priority_matrix(items(n))
    renderer = artists.figure.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in artists.labels]
    names = [text.get_window_extent(renderer) for text in artists.quadrant_names.values()]
    assert len(boxes) == n
    assert overlapping(boxes) == []
    assert overlapping(boxes + names) == []
    axes = artists.ax.get_window_extent(renderer)
    assert all(axes.x0 <= b.x0 and b.x1 <= axes.x1 and axes.y0 <= b.y0 and b.y1 <= axes.y1 for b in boxes)


def test_quadrants_axes_and_positions():
    artists = draw_priority_matrix([("Raskt", 5, 1), ("Stort", 5, 5), ("Lite", 1, 1), ("Dyrt", 1, 5)])
    assert {k: v.get_text() for k, v in artists.quadrant_names.items()} == {
        "quick_wins": "Raske gevinster", "big_projects": "Store prosjekter",
        "small_steps": "Småtiltak", "not_worth": "Lite verdt"}
    assert artists.ax.get_xlabel() == "Innsats" and artists.ax.get_ylabel() == "Gevinst"
    assert artists.positions == [(1.0, 5.0), (5.0, 5.0), (1.0, 1.0), (5.0, 1.0)]
    assert priority_quadrant(3, 2) == "quick_wins"  # a 3 counts as high


def test_english_and_own_axes():
    figure = Figure()
    ax = figure.add_subplot()
    artists = draw_priority_matrix(items(4), lang="en", ax=ax)
    assert artists.figure is figure and artists.ax is ax
    assert artists.quadrant_names["quick_wins"].get_text() == "Quick wins"
    assert ax.get_xlabel() == "Effort"


def test_same_cell_points_are_spread():
    artists = draw_priority_matrix([(f"Tiltak {i}", 4, 2) for i in range(6)])
    assert len(set(artists.positions)) == 6
    assert all(1.5 < x < 2.5 and 3.5 < y < 4.5 for x, y in artists.positions)


def test_labels_are_literal_text():
    artists = draw_priority_matrix([("$x^2$ <b>", 3, 3)])
    assert artists.labels[0].get_text() == "$x^2$ <b>"


def test_empty_matrix_says_so():
    artists = draw_priority_matrix([])
    assert artists.points is None
    assert any("Ingen tiltak" in text.get_text() for text in artists.ax.texts)


@pytest.mark.parametrize("bad, reason", [((0, 3), "out_of_range"), ((6, 3), "out_of_range"),
                                         (("høy", 3), "not_a_number"), ((2.5, 3), "not_a_whole_number")])
def test_bad_scores_are_refused(bad, reason):
    with pytest.raises(InvalidInputError) as caught:
        draw_priority_matrix([("Tiltak", *bad)])
    assert caught.value.reason == reason
