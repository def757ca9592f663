"""Pictures of the stakeholder analysis: the interest x influence grid and the network.

The grid is what the steering group and the project plan get ("interessent-
kartlegging"), so it must print on A4, read in black and white and by people
with colour-blindness (Okabe-Ito colours *and* a marker shape per sector), and
show every name without labels piling up. Labels are placed by a small greedy
routine (:func:`samskaping.core.plotting.place_labels`) rather than a new dependency.

Plots are drawn on a :class:`~matplotlib.figure.Figure` of their own (or on an
``ax`` you pass), never through pyplot's global state, and return their artists
so tests can check colours, positions and labels. Names are free text: they are
drawn literally (no math text, no TeX), so "$x$ <script>" stays that.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.plotting import draw_quadrant_axes, new_axes, place_labels, save_drawing, short
from samskaping.stakeholders.analysis import MIDLINE, MIDLINE_HIGH, on_midline, quadrant
from samskaping.stakeholders.model import QUADRANTS, RELATION_KINDS, SECTORS, Relation, Stakeholder, sector_group
from samskaping.stakeholders.network import relation_graph

__all__ = [
    "SECTOR_COLOURS", "SECTOR_MARKERS", "QUADRANT_COLOURS", "RELATION_STYLES", "GridArtists",
    "NetworkArtists", "draw_grid", "save_grid", "draw_network", "save_network",
]

#: Okabe-Ito, the palette designed to be told apart with any colour vision.
SECTOR_COLOURS = {
    "oppvekst": "#0072B2",
    "helse": "#009E73",
    "nav": "#E69F00",
    "frivillighet": "#CC79A7",
    "politikk": "#D55E00",
    "brukere": "#56B4E9",
    "media": "#F0E442",
    "annet": "#000000",
}
#: A shape per sector too, so a grey print still tells sectors apart.
SECTOR_MARKERS = {
    "oppvekst": "o",
    "helse": "s",
    "nav": "D",
    "frivillighet": "^",
    "politikk": "v",
    "brukere": "P",
    "media": "X",
    "annet": "h",
}
QUADRANT_COLOURS = {
    "nokkelspillere": "#D55E00",
    "bor_tilfredsstilles": "#0072B2",
    "holdes_informert": "#009E73",
    "minimal_innsats": "#6E6E6E",
}
_QUADRANT_SHADES = {
    "nokkelspillere": "#FBE3D3",
    "bor_tilfredsstilles": "#DCEAF5",
    "holdes_informert": "#DDF1EA",
    "minimal_innsats": "#EFEFEF",
}
#: Where each quadrant sits: interest across, influence up.
_CORNERS = {"nokkelspillere": "top right", "bor_tilfredsstilles": "top left", "holdes_informert": "bottom right",
            "minimal_innsats": "bottom left"}
RELATION_STYLES = {
    "samarbeider_med": {"color": "#555555", "linestyle": "-"},
    "rapporterer_til": {"color": "#0072B2", "linestyle": "--"},
    "informerer": {"color": "#009E73", "linestyle": ":"},
    "konflikt": {"color": "#D55E00", "linestyle": "-"},
}

_MARKER_AREA = 50.0  # pt², about 7 pt across
_RING_AREA = 190.0  # pt², a ring around a point on the midline
_JITTER_RADIUS = 0.4  # data units, for a crowded cell; a cell is 1 wide, so points stay in it


@dataclass
class GridArtists:
    """What :func:`draw_grid` drew, for tests and for pages that add to it."""

    figure: Figure
    ax: Axes
    points: dict[str, PathCollection]  # by the kit's sector; a municipality's own sectors are in "annet"
    labels: dict[str, Text]  # by stakeholder id
    positions: dict[str, tuple[float, float]]  # by stakeholder id, data coordinates after spreading
    leaders: list[Annotation] = field(default_factory=list)
    quadrant_names: dict[str, Text] = field(default_factory=dict)
    on_line: PathCollection | None = None  # rings around stakeholders scored on the midline
    on_line_ids: tuple[str, ...] = ()


@dataclass
class NetworkArtists:
    """What :func:`draw_network` drew."""

    figure: Figure
    ax: Axes
    nodes: PathCollection | None
    edges: dict[str, LineCollection]  # by relation kind
    labels: dict[str, Text]  # by stakeholder id
    positions: dict[str, tuple[float, float]]
    leaders: list[Annotation] = field(default_factory=list)


# --- The grid ---------------------------------------------------------------------------


def _spread(stakeholders: Sequence[Stakeholder]) -> dict[str, tuple[float, float]]:
    """Positions with stakeholders in the same cell spread on a sunflower spiral.

    Deterministic (sorted by name, then id). The spiral grows with the crowd
    (two share a small circle, thirty use most of the cell) but stays within
    ``_JITTER_RADIUS`` of the centre, so a point never crosses into another
    cell or quadrant. O(n log n).
    """
    cells: dict[tuple[int, int], list[Stakeholder]] = {}
    for s in stakeholders:
        cells.setdefault((s.interest, s.influence), []).append(s)
    golden = math.pi * (3 - math.sqrt(5))
    positions = {}
    for (x, y), group in cells.items():
        group = sorted(group, key=lambda s: (s.name.casefold(), s.id))
        n = len(group)
        for k, s in enumerate(group):
            if n == 1:
                positions[s.id] = (float(x), float(y))
                continue
            r = min(_JITTER_RADIUS, 0.1 + 0.035 * n) * math.sqrt((k + 0.5) / n)
            angle = k * golden + math.pi / 4
            positions[s.id] = (x + r * math.cos(angle), y + r * math.sin(angle))
    return positions


def _boundary(midline: float, midline_high: bool) -> float:
    """Where the quadrant line goes between whole-number cells, matching :func:`quadrant`."""
    lowest_high = math.ceil(midline) if (midline_high or midline != int(midline)) else int(midline) + 1
    return lowest_high - 0.5


def _font_size(n: int) -> float:
    return 9.0 if n <= 25 else 8.0 if n <= 50 else 7.0


def draw_grid(
    stakeholders: Iterable[Stakeholder],
    *,
    title: str = "",
    lang: str = DEFAULT_LANG,
    ax: Axes | None = None,
    midline: float = MIDLINE,
    midline_high: bool = MIDLINE_HIGH,
) -> GridArtists:
    """Draw the interest x influence grid with the four quadrants and every stakeholder.

    Interest runs across, influence up, 1-5 each, as in the seeds. The quadrant
    lines follow :func:`~samskaping.stakeholders.analysis.quadrant` (with the default
    midline, a 3 is high, so the lines sit at 2.5). A stakeholder scored on the
    midline gets a ring, and the legend says which way the line was counted,
    so a 3 is never silently high. Points are coloured and
    shaped by sector (a sector of the municipality's own, "Tillitsvalgte",
    as "annet": eight colours are what a legend and a grey print can hold);
    points in the same cell are spread so none hides another;
    labels never overlap each other (tested with 80 stakeholders). With no
    ``ax`` the figure is A4 landscape with the sector legend on the right; with
    an ``ax``, lay its figure out first (no constrained layout), because label
    positions are measured once. O(n² k) for the labels; about 1 s for 80.
    """
    stakeholders = list(stakeholders)
    figure, ax = new_axes(ax, right=0.80)
    # Quadrants: shaded, named in their outer corner.
    regions, names = draw_quadrant_axes(
        ax, limits=(0.4, 5.6), line=_boundary(midline, midline_high), title=title,
        labels=(t("stakeholder.axis.interest", lang), t("stakeholder.axis.influence", lang)),
        corners=_CORNERS, names={key: t(f"quadrant.{key}", lang) for key in _CORNERS},
        colours=QUADRANT_COLOURS, shades=_QUADRANT_SHADES,
    )

    # Points, one collection per sector (the legend comes from them).
    positions = _spread(stakeholders)
    points = {}
    for sector in SECTORS:
        members = [s for s in stakeholders if sector_group(s.sector) == sector]
        if not members:
            continue
        xy = np.array([positions[s.id] for s in members])
        points[sector] = ax.scatter(
            xy[:, 0], xy[:, 1], s=_MARKER_AREA, c=SECTOR_COLOURS[sector], marker=SECTOR_MARKERS[sector],
            edgecolors="#222222", linewidths=0.6, zorder=3, label=t(f"sector.{sector}", lang),
        )
    on_line = [s for s in stakeholders if on_midline(s, midline=midline)]
    rings = None
    if on_line:
        xy = np.array([positions[s.id] for s in on_line])
        side = t(f"stakeholder.midline.side.{'high' if midline_high else 'low'}", lang)
        rings = ax.scatter(
            xy[:, 0], xy[:, 1], s=_RING_AREA, facecolors="none", edgecolors="#222222", linewidths=1.1, zorder=2,
            label=t("stakeholder.midline.marker", lang, midline=f"{midline:g}", side=side),
        )
    if points:
        ax.legend(
            loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=10,
            title=t("stakeholder.legend.sector", lang), title_fontsize=11, alignment="left",
        )

    radius_px = math.sqrt(_MARKER_AREA) / 2 * figure.dpi / 72
    home = [regions[quadrant(s, midline=midline, midline_high=midline_high)] for s in stakeholders]
    texts, leaders = place_labels(
        figure, ax, [positions[s.id] for s in stakeholders], [short(s.name) for s in stakeholders],
        [radius_px] * len(stakeholders), fontsize=_font_size(len(stakeholders)), obstacles=names.values(),
        regions=home,
    )
    return GridArtists(
        figure=figure,
        ax=ax,
        points=points,
        labels={s.id: text for s, text in zip(stakeholders, texts, strict=True)},
        positions=positions,
        leaders=leaders,
        quadrant_names=names,
        on_line=rings,
        on_line_ids=tuple(s.id for s in on_line),
    )


def save_grid(
    stakeholders: Iterable[Stakeholder],
    path: str | Path,
    *,
    title: str = "",
    lang: str = DEFAULT_LANG,
    midline: float = MIDLINE,
    midline_high: bool = MIDLINE_HIGH,
    dpi: int = 150,
) -> Path:
    """Draw the grid and write it as PNG, SVG or PDF, chosen by the file name's suffix.

    SVG keeps names as real text (searchable, editable in Word or Inkscape);
    files carry no timestamp, so the same register gives the same file.

    >>> from samskaping.core.exceptions import InvalidInputError
    >>> try:
    ...     save_grid([], "kart.docx")
    ... except InvalidInputError as exc:
    ...     print(exc)
    Cannot save 'kart.docx' as 'docx'; use a file name ending in .png, .svg or .pdf.
    """
    return save_drawing(
        lambda: draw_grid(stakeholders, title=title, lang=lang, midline=midline, midline_high=midline_high).figure,
        path, dpi,
    )


# --- The network -------------------------------------------------------------------------


def _network_layout(graph, seed: int) -> dict[str, tuple[float, float]]:
    """Spring layout for stakeholders with ties; those without sit in a row underneath.

    Left to the spring layout, isolated nodes drift to the edges and squeeze the
    part of the network worth reading into the middle.
    """
    alone = [n for n in graph if graph.degree(n) == 0]
    tied = graph.subgraph(n for n in graph if graph.degree(n) > 0)
    positions: dict[str, tuple[float, float]] = {}
    if len(tied):
        k = 2.0 / math.sqrt(len(tied))
        layout = nx.spring_layout(tied, seed=seed, weight=None, k=k)
        positions = {n: (float(p[0]), float(p[1])) for n, p in layout.items()}
    if alone:
        xs = [p[0] for p in positions.values()] or [-1.0, 1.0]
        ys = [p[1] for p in positions.values()] or [0.0]
        x0, x1 = min(xs), max(xs)
        if x1 - x0 < 1e-9:
            x0, x1 = x0 - 1.0, x1 + 1.0
        y = min(ys) - 0.35 * max(max(ys) - min(ys), 1.0) if positions else 0.0
        step = (x1 - x0) / max(len(alone) - 1, 1)
        for i, n in enumerate(alone):
            positions[n] = (x0 + i * step if len(alone) > 1 else (x0 + x1) / 2, y)
    return {n: positions[n] for n in graph}


def draw_network(
    stakeholders: Iterable[Stakeholder],
    relations: Iterable[Relation],
    *,
    ax: Axes | None = None,
    lang: str = DEFAULT_LANG,
    seed: int = 7,
) -> NetworkArtists:
    """Draw who is tied to whom: nodes coloured by quadrant, sized by number of ties.

    Edges are styled by kind (dashed: reports to, dotted: informs, red: conflict)
    and thicker for heavier weight; direction is not drawn. The spring layout is
    seeded, so the same register gives the same picture; stakeholders without
    ties sit in a row underneath. O(n²) per layout step.
    """
    stakeholders = list(stakeholders)
    graph = relation_graph(stakeholders, relations)
    figure, ax = new_axes(ax, right=0.78)
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, t("stakeholder.network.empty", lang), ha="center", va="center",
                transform=ax.transAxes, fontsize=14, color="#666666")
        return NetworkArtists(figure, ax, None, {}, {}, {})

    positions = _network_layout(graph, seed)
    xy = np.array([positions[n] for n in graph])
    span = max(float(np.ptp(xy[:, 0])), float(np.ptp(xy[:, 1])), 1.0)
    pad = 0.18 * span
    ax.set_xlim(xy[:, 0].min() - pad, xy[:, 0].max() + pad)
    ax.set_ylim(xy[:, 1].min() - pad, xy[:, 1].max() + pad)

    edges = {}
    for kind in RELATION_KINDS:
        chosen = [(u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == kind]
        if not chosen:
            continue
        segments = [(positions[u], positions[v]) for u, v, _ in chosen]
        widths = [min(1.0 + d["weight"], 5.0) for _, _, d in chosen]
        edges[kind] = ax.add_collection(
            LineCollection(
                segments, linewidths=widths, zorder=1, label=t(f"relation.{kind}", lang), **RELATION_STYLES[kind]
            )
        )

    degree = dict(graph.degree())
    sizes = np.array([120.0 + 90.0 * degree[n] for n in graph])
    colours = [QUADRANT_COLOURS[graph.nodes[n]["quadrant"]] for n in graph]
    nodes = ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colours, edgecolors="white", linewidths=1.0, zorder=2)

    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=QUADRANT_COLOURS[q],
               markeredgecolor="white", label=t(f"quadrant.{q}", lang))
        for q in QUADRANTS
    ] + [
        Line2D([], [], lw=2, label=t(f"relation.{kind}", lang), **RELATION_STYLES[kind]) for kind in edges
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10)

    by_id = {s.id: s for s in stakeholders}
    radii = np.sqrt(sizes) / 2 * figure.dpi / 72
    texts, leaders = place_labels(
        figure, ax, [positions[n] for n in graph], [short(by_id[n].name) for n in graph], radii,
        fontsize=_font_size(len(graph)),
    )
    return NetworkArtists(
        figure=figure,
        ax=ax,
        nodes=nodes,
        edges=edges,
        labels=dict(zip(graph, texts, strict=True)),
        positions=positions,
        leaders=leaders,
    )


def save_network(
    stakeholders: Iterable[Stakeholder],
    relations: Iterable[Relation],
    path: str | Path,
    *,
    lang: str = DEFAULT_LANG,
    dpi: int = 150,
) -> Path:
    """Draw the relation network and write it as PNG, SVG or PDF (by suffix)."""
    return save_drawing(lambda: draw_network(stakeholders, relations, lang=lang).figure, path, dpi)
