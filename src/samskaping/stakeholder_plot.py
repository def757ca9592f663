"""Pictures of the stakeholder analysis: the interest x influence grid and the network.

The grid is what the steering group and the project plan get ("interessent-
kartlegging"), so it must print on A4, read in black and white and by people
with colour-blindness (Okabe-Ito colours *and* a marker shape per sector), and
show every name without labels piling up. Labels are placed by a small greedy
routine (:func:`_place_labels`) rather than a new dependency.

Plots are drawn on a :class:`~matplotlib.figure.Figure` of their own (or on an
``ax`` you pass), never through pyplot's global state, and return their artists
so tests can check colours, positions and labels. Names are free text: they are
drawn literally (no math text, no TeX), so "$x$ <script>" stays that.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text

from .exceptions import InvalidInputError
from .messages import DEFAULT_LANG, t
from .stakeholders import (
    QUADRANTS,
    RELATION_KINDS,
    SECTORS,
    Relation,
    Stakeholder,
    quadrant,
    relation_graph,
)

__all__ = [
    "A4_LANDSCAPE",
    "IMAGE_FORMATS",
    "SECTOR_COLOURS",
    "SECTOR_MARKERS",
    "QUADRANT_COLOURS",
    "RELATION_STYLES",
    "GridArtists",
    "NetworkArtists",
    "draw_grid",
    "save_grid",
    "draw_network",
    "save_network",
]

A4_LANDSCAPE = (11.69, 8.27)
IMAGE_FORMATS = ("png", "svg", "pdf")

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
RELATION_STYLES = {
    "samarbeider_med": {"color": "#555555", "linestyle": "-"},
    "rapporterer_til": {"color": "#0072B2", "linestyle": "--"},
    "informerer": {"color": "#009E73", "linestyle": ":"},
    "konflikt": {"color": "#D55E00", "linestyle": "-"},
}

_MARKER_AREA = 50.0  # pt², about 7 pt across
_MAX_LABEL_CHARS = 32
_JITTER_RADIUS = 0.4  # data units, for a crowded cell; a cell is 1 wide, so points stay in it
_SAFE_TEXT = {"parse_math": False, "usetex": False}


@dataclass
class GridArtists:
    """What :func:`draw_grid` drew, for tests and for pages that add to it."""

    figure: Figure
    ax: Axes
    points: dict[str, PathCollection]  # by sector
    labels: dict[str, Text]  # by stakeholder id
    positions: dict[str, tuple[float, float]]  # by stakeholder id, data coordinates after spreading
    leaders: list[Annotation] = field(default_factory=list)
    quadrant_names: dict[str, Text] = field(default_factory=dict)


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


# --- Shared helpers ------------------------------------------------------------------


def _new_axes(ax: Axes | None, *, right: float) -> tuple[Figure, Axes]:
    """The caller's axes, or a fresh A4 landscape figure with room on the right for a legend."""
    if ax is not None:
        return ax.figure, ax
    figure = Figure(figsize=A4_LANDSCAPE)
    FigureCanvasAgg(figure)
    figure.subplots_adjust(left=0.07, right=right, bottom=0.08, top=0.91)
    return figure, figure.add_subplot()


def _renderer(figure: Figure):
    """A renderer to measure text with (the Agg one when the canvas has it)."""
    get = getattr(figure.canvas, "get_renderer", None)
    if get is not None:
        return get()
    width, height = figure.get_size_inches() * figure.dpi
    return RendererAgg(int(width), int(height), figure.dpi)


def _short(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= _MAX_LABEL_CHARS else name[: _MAX_LABEL_CHARS - 1] + "…"


def _check_format(path: str | Path) -> tuple[Path, str]:
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in IMAGE_FORMATS:
        raise InvalidInputError(
            f"Cannot save {path.name!r} as {suffix or 'a file without a suffix'!r}; "
            "use a file name ending in .png, .svg or .pdf.",
            reason="bad_image_format",
            field="path",
            value=path.name,
            choices=", ".join(f".{suffix}" for suffix in IMAGE_FORMATS),
        )
    return path, suffix


def _save(figure: Figure, path: Path, suffix: str, dpi: int) -> Path:
    """Write ``figure``: real <text> in SVG (searchable, editable), no timestamps, in one write."""
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(suffix)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "samskaping", "text.usetex": False}):
        figure.savefig(buffer, format=suffix, dpi=dpi, metadata=metadata)
    path.write_bytes(buffer.getvalue())
    return path


# --- Label placement -------------------------------------------------------------------

_HARD = 1e6  # per px² of overlap with another label, a fixed text, or outside the axes
_SOFT = 20.0  # per px² of a point hidden under a label
_AWAY = 0.5  # per px² of a label outside its point's quadrant
_PAD = 2.0  # px kept free around every placed label
_NEAR = 170.0  # pt: how far the cheap first grid search looks from the point
# A faint background keeps a label readable where a leader line passes behind it;
# its padding (0.1 em, under 1 px at 7 pt) stays inside _PAD.
_LABEL_BACKGROUND = {"boxstyle": "square,pad=0.1", "facecolor": "white", "alpha": 0.7, "edgecolor": "none"}


def _overlap(cands: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Summed overlap area of each candidate box (K, 4) with ``boxes`` (P, 4): x0, y0, x1, y1."""
    if len(boxes) == 0 or len(cands) == 0:
        return np.zeros(len(cands))
    w = np.minimum(cands[:, None, 2], boxes[None, :, 2]) - np.maximum(cands[:, None, 0], boxes[None, :, 0])
    h = np.minimum(cands[:, None, 3], boxes[None, :, 3]) - np.maximum(cands[:, None, 1], boxes[None, :, 1])
    return (np.clip(w, 0, None) * np.clip(h, 0, None)).sum(axis=1)


def _outside(cands: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    inside = _overlap(cands, bounds[None, :])
    return (cands[:, 2] - cands[:, 0]) * (cands[:, 3] - cands[:, 1]) - inside


def _away(cands: np.ndarray, home: np.ndarray | None, i: int) -> np.ndarray:
    """Area (px²) of each candidate outside label ``i``'s home region, times ``_AWAY``."""
    if home is None:
        return np.zeros(len(cands))
    return _AWAY * _outside(cands, home[i])


def _distance(cands: np.ndarray, x: float, y: float) -> np.ndarray:
    """Distance from (x, y) to the nearest point of each box."""
    dx = np.maximum(np.maximum(cands[:, 0] - x, x - cands[:, 2]), 0)
    dy = np.maximum(np.maximum(cands[:, 1] - y, y - cands[:, 3]), 0)
    return np.hypot(dx, dy)


def _ring_candidates(x: float, y: float, w: float, h: float, radii: Sequence[float]) -> np.ndarray:
    """Boxes around (x, y): 8 directions on the first ring, 16 further out; right first."""
    first = [0, 180, 90, 270, 45, 135, 315, 225]
    rest = first + [22.5, 157.5, 202.5, 337.5, 67.5, 112.5, 247.5, 292.5]
    boxes = []
    for i, radius in enumerate(radii):
        for angle in first if i == 0 else rest:
            c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            px, py = x + radius * c, y + radius * s
            x0 = px if c > 0.38 else px - w if c < -0.38 else px - w / 2
            y0 = py if s > 0.38 else py - h if s < -0.38 else py - h / 2
            boxes.append((x0, y0, x0 + w, y0 + h))
    return np.array(boxes)


def _within(boxes: np.ndarray, window: np.ndarray) -> np.ndarray:
    """The boxes that touch ``window``: the only ones a candidate inside it can overlap."""
    keep = (boxes[:, 0] < window[2]) & (boxes[:, 2] > window[0]) & (boxes[:, 1] < window[3]) & (boxes[:, 3] > window[1])
    return boxes[keep]


def _grid_candidates(w: float, h: float, bounds: np.ndarray, step: float) -> np.ndarray:
    xs = np.arange(bounds[0], bounds[2] - w, step)
    ys = np.arange(bounds[1], bounds[3] - h, step)
    if len(xs) == 0 or len(ys) == 0:
        return np.empty((0, 4))
    gx, gy = np.meshgrid(xs, ys)
    gx, gy = gx.ravel(), gy.ravel()
    return np.column_stack([gx, gy, gx + w, gy + h])


def _place_labels(
    figure: Figure,
    ax: Axes,
    anchors: Sequence[tuple[float, float]],
    texts: Sequence[str],
    radii_px: Sequence[float],
    *,
    fontsize: float,
    obstacles: Iterable[Text] = (),
    regions: Sequence[tuple[float, float, float, float]] | None = None,
) -> tuple[list[Annotation], list[Annotation]]:
    """Put one label next to each anchor (data coordinates) so that no two labels overlap.

    Greedy and deterministic: the most crowded points choose first. Each label
    tries boxes on rings around its point (near and to the right preferred),
    scored by, in this order of weight: overlap with labels already placed,
    fixed texts and the axes edge (must be zero); points hidden under it; the
    part outside its home region (``regions``: one data box per label, e.g. its
    quadrant, so labels stay with their quadrant when they can); distance.
    When the best ring box still collides or hides a point, a 4-px grid is
    searched, near the point first and then over the whole axes, and the label
    gets a leader line. Text sizes are measured with the renderer; labels are
    offsets in points from their point, so they stay put at any dpi.
    O(n² k) for n labels and k ≈ 120 candidates, plus O(n · area / 16) for
    labels that need the grid; 0.1-0.4 s for 80 labels on A4.
    """
    renderer = _renderer(figure)
    to_display = ax.transData.transform
    px_per_pt = figure.dpi / 72.0
    labels = [
        ax.annotate(
            text, xy=xy, xytext=(0, 0), textcoords="offset points", ha="left", va="bottom",
            fontsize=fontsize, annotation_clip=False, zorder=5, bbox=_LABEL_BACKGROUND, **_SAFE_TEXT,
        )
        for xy, text in zip(anchors, texts)
    ]
    if not labels:
        return [], []
    points = to_display(np.asarray(anchors, dtype=float))
    radii = np.asarray(radii_px, dtype=float)
    point_boxes = np.column_stack([points - radii[:, None], points + radii[:, None]])
    fixed = np.array([text.get_window_extent(renderer).extents for text in obstacles if text.get_text()]).reshape(-1, 4)
    axes_box = ax.get_window_extent(renderer)
    bounds = np.array(axes_box.extents) + np.array([_PAD, _PAD, -_PAD, -_PAD])
    if regions is not None:
        corners = np.asarray(regions, dtype=float).reshape(-1, 2)
        home = to_display(corners).reshape(-1, 4)
    else:
        home = None

    sizes, shifts = [], []
    for label_, (x, y) in zip(labels, points):
        box = label_.get_window_extent(renderer)
        sizes.append((box.width, box.height))
        shifts.append((box.x0 - x, box.y0 - y))  # where the box sits for offset (0, 0)

    # Most crowded first: they have the fewest good spots.
    near = np.hypot(points[:, None, 0] - points[None, :, 0], points[:, None, 1] - points[None, :, 1]) < 60
    order = sorted(range(len(labels)), key=lambda i: (-int(near[i].sum()), -points[i, 1], points[i, 0], i))

    placed = np.empty((0, 4))
    leaders: list[Annotation] = []
    for i in order:
        x, y = points[i]
        w, h = sizes[i]
        base = radii[i] + 2 * px_per_pt
        ring_radii = [base + extra * px_per_pt for extra in (0, 6, 14, 26, 42, 64, 92, 126)]
        cands = _ring_candidates(x, y, w, h, ring_radii)
        padded = placed + np.array([-_PAD, -_PAD, _PAD, _PAD])
        hard = _overlap(cands, padded) + _overlap(cands, fixed) + _outside(cands, bounds)
        soft = _SOFT * _overlap(cands, point_boxes) + _away(cands, home, i)
        score = _HARD * hard + soft + _distance(cands, x, y)
        best = int(np.argmin(score + np.arange(len(cands)) * 1e-3))
        if hard[best] > 0 or soft[best] > 0:
            # Nearby first (cheap), the whole axes only when nothing nearby is free.
            for reach in (_NEAR * px_per_pt, math.inf):
                window = np.array([max(bounds[0], x - reach - w), max(bounds[1], y - reach - h),
                                   min(bounds[2], x + reach + w), min(bounds[3], y + reach + h)])
                grid = _grid_candidates(w, h, window, step=4.0)
                if not len(grid):
                    continue
                g_hard = _overlap(grid, _within(padded, window)) + _overlap(grid, _within(fixed, window))
                g_soft = _SOFT * _overlap(grid, _within(point_boxes, window)) + _away(grid, home, i)
                g_score = _HARD * g_hard + g_soft + _distance(grid, x, y)
                g_best = int(np.argmin(g_score))
                if g_score[g_best] < score[best]:
                    cands, best, score = grid, g_best, g_score
                if g_hard[g_best] == 0:
                    break
        x0, y0, x1, y1 = cands[best]
        placed = np.vstack([placed, cands[best]])
        dx, dy = x0 - shifts[i][0] - x, y0 - shifts[i][1] - y
        labels[i].xyann = (dx / px_per_pt, dy / px_per_pt)
        gap = float(_distance(cands[best : best + 1], x, y)[0])
        if gap > radii[i] + 8 * px_per_pt:
            # A leader from the point to the nearest point of the label's box.
            ex, ey = min(max(x, x0), x1), min(max(y, y0), y1)
            leaders.append(
                ax.annotate(
                    "", xy=anchors[i], xytext=((ex - x) / px_per_pt, (ey - y) / px_per_pt),
                    textcoords="offset points", annotation_clip=False, zorder=4,
                    arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 0.6,
                                "shrinkA": 0, "shrinkB": radii[i] / px_per_pt},
                )
            )
    return labels, leaders


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
    midline: float = 3,
    midline_high: bool = True,
) -> GridArtists:
    """Draw the interest x influence grid with the four quadrants and every stakeholder.

    Interest runs across, influence up, 1-5 each, as in the seeds. The quadrant
    lines follow :func:`~samskaping.stakeholders.quadrant` (with the default
    midline, a 3 is high, so the lines sit at 2.5). Points are coloured and
    shaped by sector; points in the same cell are spread so none hides another;
    labels never overlap each other (tested with 80 stakeholders). With no
    ``ax`` the figure is A4 landscape with the sector legend on the right; with
    an ``ax``, lay its figure out first (no constrained layout), because label
    positions are measured once. O(n² k) for the labels; about 1 s for 80.
    """
    stakeholders = list(stakeholders)
    figure, ax = _new_axes(ax, right=0.80)
    lo, hi = 0.4, 5.6
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.tick_params(length=0)
    ax.set_xlabel(t("stakeholder.axis.interest", lang), fontsize=12)
    ax.set_ylabel(t("stakeholder.axis.influence", lang), fontsize=12)
    for spine in ax.spines.values():
        spine.set_color("#999999")
    if title:
        ax.set_title(title, loc="left", fontsize=14, pad=12, **_SAFE_TEXT)

    # Quadrants: shaded, named in their outer corner.
    b = _boundary(midline, midline_high)
    regions = {
        "nokkelspillere": (b, b, hi, hi, "right", "top"),
        "bor_tilfredsstilles": (lo, b, b, hi, "left", "top"),
        "holdes_informert": (b, lo, hi, b, "right", "bottom"),
        "minimal_innsats": (lo, lo, b, b, "left", "bottom"),
    }
    names = {}
    for key, (x0, y0, x1, y1, ha, va) in regions.items():
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=_QUADRANT_SHADES[key], edgecolor="none", zorder=0))
        tx = x1 - 0.06 if ha == "right" else x0 + 0.06
        ty = y1 - 0.06 if va == "top" else y0 + 0.06
        names[key] = ax.text(
            tx, ty, t(f"quadrant.{key}", lang), ha=ha, va=va, fontsize=12, fontweight="bold",
            color=QUADRANT_COLOURS[key], alpha=0.85, zorder=1, **_SAFE_TEXT,
        )
    ax.axvline(b, color="#888888", lw=1.2, zorder=1)
    ax.axhline(b, color="#888888", lw=1.2, zorder=1)

    # Points, one collection per sector (the legend comes from them).
    positions = _spread(stakeholders)
    points = {}
    for sector in SECTORS:
        members = [s for s in stakeholders if s.sector == sector]
        if not members:
            continue
        xy = np.array([positions[s.id] for s in members])
        points[sector] = ax.scatter(
            xy[:, 0], xy[:, 1], s=_MARKER_AREA, c=SECTOR_COLOURS[sector], marker=SECTOR_MARKERS[sector],
            edgecolors="#222222", linewidths=0.6, zorder=3, label=t(f"sector.{sector}", lang),
        )
    if points:
        ax.legend(
            loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=10,
            title=t("stakeholder.legend.sector", lang), title_fontsize=11, alignment="left",
        )

    radius_px = math.sqrt(_MARKER_AREA) / 2 * figure.dpi / 72
    home = [regions[quadrant(s, midline=midline, midline_high=midline_high)][:4] for s in stakeholders]
    texts, leaders = _place_labels(
        figure, ax, [positions[s.id] for s in stakeholders], [_short(s.name) for s in stakeholders],
        [radius_px] * len(stakeholders), fontsize=_font_size(len(stakeholders)), obstacles=names.values(),
        regions=home,
    )
    return GridArtists(
        figure=figure,
        ax=ax,
        points=points,
        labels={s.id: text for s, text in zip(stakeholders, texts)},
        positions=positions,
        leaders=leaders,
        quadrant_names=names,
    )


def save_grid(
    stakeholders: Iterable[Stakeholder],
    path: str | Path,
    *,
    title: str = "",
    lang: str = DEFAULT_LANG,
    midline: float = 3,
    midline_high: bool = True,
    dpi: int = 150,
) -> Path:
    """Draw the grid and write it as PNG, SVG or PDF, chosen by the file name's suffix.

    SVG keeps names as real text (searchable, editable in Word or Inkscape);
    files carry no timestamp, so the same register gives the same file.

    >>> save_grid([], "kart.docx")
    Traceback (most recent call last):
    ...
    samskaping.exceptions.InvalidInputError: Cannot save 'kart.docx' as 'docx'; use a file name ending in .png, .svg or .pdf.
    """
    path, suffix = _check_format(path)
    artists = draw_grid(stakeholders, title=title, lang=lang, midline=midline, midline_high=midline_high)
    return _save(artists.figure, path, suffix, dpi)


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
    figure, ax = _new_axes(ax, right=0.78)
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
    texts, leaders = _place_labels(
        figure, ax, [positions[n] for n in graph], [_short(by_id[n].name) for n in graph], radii,
        fontsize=_font_size(len(graph)),
    )
    return NetworkArtists(
        figure=figure,
        ax=ax,
        nodes=nodes,
        edges=edges,
        labels=dict(zip(graph, texts)),
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
    path, suffix = _check_format(path)
    artists = draw_network(stakeholders, relations, lang=lang)
    return _save(artists.figure, path, suffix, dpi)
