"""The stakeholder grid and network pictures: files, labels that never overlap, safe text."""

from __future__ import annotations

import random
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers import overlapping
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import error_text
from samskaping.core.plotting import A4_LANDSCAPE
from samskaping.stakeholders.analysis import quadrant
from samskaping.stakeholders.model import SECTORS, Relation, Stakeholder
from samskaping.stakeholders.plot import (
    QUADRANT_COLOURS,
    RELATION_STYLES,
    SECTOR_COLOURS,
    draw_grid,
    draw_network,
    save_grid,
    save_network,
)

W = "w1"
SVG = "{http://www.w3.org/2000/svg}"
ROLES = [
    "Helsestasjon", "Skoler", "Barnehager", "PPT", "Barnevern", "NAV", "Psykisk helsetjeneste",
    "Fastleger", "Flyktningetjenesten", "Kulturskole", "Frivilligsentralen", "Ungdomsrådet",
    "Politikere (hovedutvalg)", "Tillitsvalgte", "Administrasjon", "Lokalavisa", "Brukere",
    "Idrettslag", "Redd Barna", "SLT-koordinator",
]


def register(n: int, *, seed: int = 2024, cells: int = 9) -> list[Stakeholder]:
    """``n`` stakeholders spread over a few cells only, so many share a cell."""
    rng = random.Random(seed)
    chosen = rng.sample([(i, f) for i in range(1, 6) for f in range(1, 6)], cells)
    return [
        Stakeholder(W, f"{ROLES[k % len(ROLES)]} {k // len(ROLES) + 1}", rng.choice(SECTORS), *rng.choice(chosen))
        for k in range(n)
    ]


def extents(artists):
    renderer = artists.figure.canvas.get_renderer()
    artists.figure.canvas.draw()
    return renderer, {sid: text.get_window_extent(renderer) for sid, text in artists.labels.items()}




# --- Files ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf", "PNG"])
def test_save_grid_writes_valid_files(tmp_path, suffix):
    path = save_grid(register(12), tmp_path / f"kart.{suffix}", title="Interessentkart 0-24")
    data = path.read_bytes()
    kind = suffix.lower()
    if kind == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    elif kind == "pdf":
        assert data.startswith(b"%PDF")
    else:
        root = ET.fromstring(data)
        assert root.tag == f"{SVG}svg"


def test_save_grid_refuses_other_formats_before_drawing(tmp_path):
    with pytest.raises(InvalidInputError) as info:
        save_grid(register(3), tmp_path / "kart.jpg")
    assert "'kart.jpg'" in str(info.value) and ".png, .svg or .pdf" in str(info.value)
    assert info.value.reason == "bad_image_format"
    assert error_text(info.value) == (
        "Bildet «kart.jpg» kan ikke lagres i det formatet. Gi filen en av disse endelsene: .png, .svg, .pdf."
    )
    assert not (tmp_path / "kart.jpg").exists()
    with pytest.raises(InvalidInputError, match="without a suffix"):
        save_grid([], tmp_path / "kart")


def test_same_register_gives_the_same_svg(tmp_path):
    people = register(20)
    a = save_grid(people, tmp_path / "a.svg").read_bytes()
    b = save_grid(people, tmp_path / "b.svg").read_bytes()
    assert a == b


# --- The grid ---------------------------------------------------------------------------


def test_eighty_stakeholders_all_labelled_without_overlap():
    people = register(80)
    started = time.perf_counter()
    artists = draw_grid(people, title="Interessentkart")
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"drawing 80 stakeholders took {elapsed:.1f} s"
    assert isinstance(artists.figure, Figure)
    assert tuple(artists.figure.get_size_inches()) == pytest.approx(A4_LANDSCAPE)

    renderer, boxes = extents(artists)
    assert set(boxes) == {s.id for s in people}
    assert [artists.labels[s.id].get_text() for s in people] == [s.name for s in people]
    assert overlapping(boxes) == []
    axes_box = artists.ax.get_window_extent(renderer)
    for box in boxes.values():
        assert axes_box.x0 <= box.x0 and box.x1 <= axes_box.x1
        assert axes_box.y0 <= box.y0 and box.y1 <= axes_box.y1
    quadrant_boxes = [t.get_window_extent(renderer) for t in artists.quadrant_names.values()]
    assert overlapping({**{f"q{i}": b for i, b in enumerate(quadrant_boxes)}, **boxes}) == []


@pytest.mark.parametrize("seed,cells", [(1, 3), (2, 25), (3, 5)])
def test_labels_do_not_overlap_for_other_crowds(seed, cells):
    artists = draw_grid(register(80, seed=seed, cells=cells))
    _, boxes = extents(artists)
    assert len(boxes) == 80
    assert overlapping(boxes) == []


def test_points_sharing_a_cell_are_spread_but_stay_in_their_cell():
    people = [Stakeholder(W, f"Skole {k}", "oppvekst", 4, 2) for k in range(8)]
    artists = draw_grid(people)
    xy = np.array([artists.positions[s.id] for s in people])
    assert len({tuple(p) for p in xy.round(6)}) == 8
    assert np.all(np.abs(xy - [4, 2]) < 0.5)
    distances = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    assert distances[~np.eye(8, dtype=bool)].min() > 0.05
    assert draw_grid(people).positions == artists.positions  # deterministic


def test_points_are_coloured_by_sector():
    people = [Stakeholder(W, s, s, 3, 3) for s in SECTORS]
    artists = draw_grid(people)
    assert set(artists.points) == set(SECTORS)
    for sector, collection in artists.points.items():
        assert to_hex(collection.get_facecolor()[0]) == SECTOR_COLOURS[sector].lower()
    legend = [t.get_text() for t in artists.ax.get_legend().get_texts()]
    assert legend[:3] == ["Oppvekst", "Helse", "NAV"]
    assert len({c.lower() for c in SECTOR_COLOURS.values()}) == len(SECTORS)


def test_axis_labels_title_and_quadrant_names_by_language():
    nb = draw_grid(register(5), title="Kart")
    assert (nb.ax.get_xlabel(), nb.ax.get_ylabel()) == ("Interesse", "Innflytelse")
    assert nb.ax.get_title(loc="left") == "Kart"
    assert {t.get_text() for t in nb.quadrant_names.values()} == {
        "Nøkkelspillere", "Bør tilfredsstilles", "Holdes informert", "Minimal innsats",
    }
    en = draw_grid(register(5), lang="en")
    assert (en.ax.get_xlabel(), en.ax.get_ylabel()) == ("Interest", "Influence")
    assert en.quadrant_names["minimal_innsats"].get_text() == "Monitor"


@pytest.mark.parametrize("midline_high,line", [(True, 2.5), (False, 3.5)])
def test_quadrant_lines_follow_the_midline_rule(midline_high, line):
    artists = draw_grid([], midline_high=midline_high)
    xs = [drawn.get_xdata()[0] for drawn in artists.ax.lines]
    assert line in xs
    # Every point is drawn inside the shaded quadrant the rule gives it.
    people = [Stakeholder(W, f"{i}{f}", "annet", i, f) for i in range(1, 6) for f in range(1, 6)]
    artists = draw_grid(people, midline_high=midline_high)
    for s in people:
        x, y = artists.positions[s.id]
        inside = {"nokkelspillere": x > line and y > line, "bor_tilfredsstilles": x < line < y,
                  "holdes_informert": y < line < x, "minimal_innsats": x < line and y < line}
        assert inside[quadrant(s, midline_high=midline_high)], s.name


@pytest.mark.parametrize("midline_high,side", [(True, "høy"), (False, "lav")])
def test_stakeholders_on_the_midline_get_a_ring_and_the_legend_says_how_they_were_counted(midline_high, side):
    on, off = Stakeholder(W, "NAV", "nav", 3, 5), Stakeholder(W, "PPT", "oppvekst", 5, 4)
    artists = draw_grid([on, off], midline_high=midline_high)
    assert artists.on_line_ids == (on.id,)
    assert [tuple(xy) for xy in artists.on_line.get_offsets()] == [artists.positions[on.id]]
    legend = [text.get_text() for text in artists.ax.get_legend().get_texts()]
    assert f"på midtlinjen (3),\nregnet som {side}" in legend[-1]
    assert draw_grid([off]).on_line is None  # no one on the line: no ring, no legend entry
    assert len(draw_grid([off]).ax.get_legend().get_texts()) == 1


def test_draws_on_a_given_ax():
    figure = Figure(figsize=(8, 6))
    FigureCanvasAgg(figure)
    figure.subplots_adjust(right=0.75)
    ax = figure.add_subplot()
    artists = draw_grid(register(15), ax=ax)
    assert artists.figure is figure and artists.ax is ax
    assert overlapping(extents(artists)[1]) == []


def test_free_text_is_drawn_literally_and_svg_stays_well_formed(tmp_path):
    nasty = '$x$ <script>alert("hei")</script> & Co'
    people = [Stakeholder(W, nasty, "media", 2, 2), Stakeholder(W, "Pris: $5 og $6", "annet", 4, 4)]
    artists = draw_grid(people, title="<b>$\\alpha$</b>")
    for text in artists.labels.values():
        assert text.get_parse_math() is False and not text.get_usetex()
    path = save_grid(people, tmp_path / "kart.svg", title="<b>$\\alpha$</b>")
    raw = path.read_text(encoding="utf-8")
    root = ET.fromstring(raw)  # well-formed XML
    assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "script"]
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    texts = ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]
    assert any(t.startswith('$x$ <script>alert("hei")') for t in texts)  # shortened to fit, but literal
    assert "Pris: $5 og $6" in texts
    assert "<b>$\\alpha$</b>" in texts


def test_long_names_are_shortened_on_the_map():
    long = "Tjenesten for barn, unge og familier med behov for sammensatte tjenester"
    artists = draw_grid([Stakeholder(W, long, "helse", 4, 4)])
    (text,) = artists.labels.values()
    assert text.get_text().endswith("…") and len(text.get_text()) <= 32
    assert long.startswith(text.get_text()[:-1])


def test_plotting_never_touches_pyplot():
    code = (
        "import sys\n"
        "from samskaping.stakeholders.model import Stakeholder, Relation\n"
        "from samskaping.stakeholders.plot import draw_grid, draw_network\n"
        "a, b = Stakeholder('w', 'A', 'nav', 3, 3), Stakeholder('w', 'B', 'helse', 2, 4)\n"
        "draw_grid([a, b]); draw_network([a, b], [Relation('w', a.id, b.id)])\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# --- The network ------------------------------------------------------------------------


@pytest.fixture
def network():
    names = ["Skole", "PPT", "Barnevern", "Politikere", "Tillitsvalgte", "Media"]
    scores = [(5, 4), (4, 3), (5, 5), (2, 5), (2, 4), (1, 1)]
    people = {n: Stakeholder(W, n, "annet", *sc) for n, sc in zip(names, scores, strict=True)}
    relations = [
        Relation(W, people["Skole"].id, people["PPT"].id),
        Relation(W, people["PPT"].id, people["Barnevern"].id),
        Relation(W, people["Barnevern"].id, people["Politikere"].id, "rapporterer_til"),
        Relation(W, people["Politikere"].id, people["Tillitsvalgte"].id, "konflikt", 3.0),
        Relation(W, people["Skole"].id, people["Tillitsvalgte"].id, "informerer"),
    ]
    return people, relations


def test_network_nodes_edges_and_labels(network):
    people, relations = network
    artists = draw_network(people.values(), relations)
    ids = [s.id for s in people.values()]
    colours = [to_hex(c) for c in artists.nodes.get_facecolors()]
    assert colours == [QUADRANT_COLOURS[quadrant(people[n])].lower() for n in people]
    sizes = dict(zip(ids, artists.nodes.get_sizes(), strict=True))
    assert sizes[people["PPT"].id] > sizes[people["Media"].id]  # size by number of ties
    assert set(artists.edges) == {"samarbeider_med", "rapporterer_til", "informerer", "konflikt"}
    conflict = artists.edges["konflikt"]
    assert to_hex(conflict.get_colors()[0]) == RELATION_STYLES["konflikt"]["color"].lower()
    assert conflict.get_linewidths()[0] > artists.edges["samarbeider_med"].get_linewidths()[0]
    assert {t.get_text() for t in artists.labels.values()} == set(people)
    assert overlapping(extents(artists)[1]) == []
    # The isolated stakeholder sits below the rest instead of squeezing the network.
    ys = {sid: xy[1] for sid, xy in artists.positions.items()}
    assert ys[people["Media"].id] < min(y for sid, y in ys.items() if sid != people["Media"].id)


def test_network_is_reproducible_and_saved(network, tmp_path):
    people, relations = network
    assert draw_network(people.values(), relations).positions == draw_network(people.values(), relations).positions
    assert save_network(people.values(), relations, tmp_path / "nett.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(InvalidInputError):
        save_network(people.values(), relations, tmp_path / "nett.gif")


def test_empty_network_says_so():
    artists = draw_network([], [], lang="en")
    assert artists.nodes is None
    assert [t.get_text() for t in artists.ax.texts] == ["No stakeholders yet"]
