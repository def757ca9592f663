"""Shared pieces of the kit's matplotlib figures.

The stakeholder grid and network (:mod:`samskaping.stakeholders.plot`), the
priority matrix (:mod:`samskaping.ideas.plot`) and the journey map
(:mod:`samskaping.journeys.plot`) go to the same places (A4 reports, slides,
the steering group's e-mail) and follow the same rules, kept here once:

* Figures are drawn on a :class:`~matplotlib.figure.Figure` of their own (or
  on an ``ax`` you pass), never through pyplot's global state.
* Free text is drawn literally (:data:`SAFE_TEXT`: no math text, no TeX), so
  "$x$ <script>" stays that.
* Labels never overlap: :func:`place_labels` is a small greedy routine rather
  than a new dependency.
* The grid and the matrix share their quadrant axes (:func:`draw_quadrant_axes`).
* Files are PNG, SVG or PDF, chosen by the file name's suffix
  (:func:`check_format`, before drawing: :func:`save_drawing`), and carry no
  timestamp (:func:`save_figure`), so the same data gives the same file.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text

from samskaping.core.exceptions import InvalidInputError

__all__ = [
    "A4_LANDSCAPE", "IMAGE_FORMATS", "SAFE_TEXT", "new_axes", "short", "check_format", "save_figure",
    "save_drawing", "place_labels", "draw_quadrant_axes",
]

A4_LANDSCAPE = (11.69, 8.27)
IMAGE_FORMATS = ("png", "svg", "pdf")
#: Keyword arguments for every text drawn from free text: shown literally, never as math or TeX.
SAFE_TEXT = {"parse_math": False, "usetex": False}

_MAX_LABEL_CHARS = 32


def new_axes(ax: Axes | None, *, right: float) -> tuple[Figure, Axes]:
    """The caller's axes, or a fresh A4 landscape figure with room on the right for a legend.

    A figure of its own (with an Agg canvas, to measure text on), never
    pyplot's, so pages and kernels do not share state. ``right`` is where the
    axes end, as a fraction of the width. O(1).
    """
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


def short(name: str) -> str:
    """A name as a point's label: on one line and at most 32 characters, cut with "…".

    A long name would cover its neighbours; the full name stays in the tables. O(len(name)).

    >>> short("Pedagogisk-psykologisk tjeneste (PPT), Nordre Follo")
    'Pedagogisk-psykologisk tjeneste…'
    """
    name = " ".join(name.split())
    return name if len(name) <= _MAX_LABEL_CHARS else name[: _MAX_LABEL_CHARS - 1] + "…"


def check_format(path: str | Path, fmt: str | None = None) -> tuple[Path, str]:
    """The path and its image format (``"png"``, ``"svg"`` or ``"pdf"``): ``fmt`` when given, else the suffix.

    Checked before drawing, so a wrong name fails at once with
    :class:`~samskaping.core.exceptions.InvalidInputError` (``bad_image_format``)
    that names the file (or the format) and the endings that work. O(1).

    >>> check_format("kart.SVG"), check_format("kart", "PDF")
    ((PosixPath('kart.SVG'), 'svg'), (PosixPath('kart'), 'pdf'))
    """
    if fmt is not None:
        suffix = str(fmt).lower().lstrip(".")
        if suffix not in IMAGE_FORMATS:
            raise InvalidInputError(
                f"Cannot save {Path(path).name!r} as {fmt!r}; use png, svg or pdf.", reason="bad_image_format",
                field="fmt", value=str(fmt), choices=", ".join(f".{name}" for name in IMAGE_FORMATS),
            )
        return Path(path), suffix
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


def save_figure(figure: Figure, path: Path, suffix: str, dpi: int) -> Path:
    """Write ``figure``: real <text> in SVG (searchable, editable), no timestamps, in one write.

    Without timestamps the same data gives the same file; writing once means
    a failed render leaves no half-written file. Returns ``path``.
    """
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(suffix)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "samskaping", "text.usetex": False}):
        figure.savefig(buffer, format=suffix, dpi=dpi, metadata=metadata)
    path.write_bytes(buffer.getvalue())
    return path


def save_drawing(draw: Callable[[], Figure], path: str | Path, dpi: int) -> Path:
    """Check ``path``'s suffix, then ``draw()`` the figure and write it with :func:`save_figure`.

    Every ``save_*`` of the plots does this: the name is checked first, so a
    wrong suffix fails at once, before seconds of drawing. Returns the path. O(1)
    besides the drawing.

    >>> drawn = []
    >>> try:
    ...     save_drawing(lambda: drawn.append("figure"), "kart.docx", dpi=150)
    ... except InvalidInputError as exc:
    ...     print(exc.reason, drawn)
    bad_image_format []
    """
    path, suffix = check_format(path)
    return save_figure(draw(), path, suffix, dpi)


# --- Quadrant axes ---------------------------------------------------------------------


def draw_quadrant_axes(
    ax: Axes,
    *,
    limits: tuple[float, float],
    line: float,
    labels: tuple[str, str],
    title: str,
    corners: Mapping[str, str],
    names: Mapping[str, str],
    colours: Mapping[str, str],
    shades: Mapping[str, str],
) -> tuple[dict[str, tuple[float, float, float, float]], dict[str, Text]]:
    """Square whole-number axes cut into four shaded, named quadrants by lines at ``line``.

    The stakeholder grid (interest x influence) and the priority matrix (effort x
    benefit) are the same kind of picture and must look alike in one report:
    both axes span ``limits`` with a tick at each whole number, ``labels`` are
    (x, y), and each quadrant ``corners[key]`` (``"top left"``, ``"bottom right"``,
    …) is shaded ``shades[key]`` and named ``names[key]`` in ``colours[key]`` in
    its outer corner, in the order of ``corners``. Returns each quadrant's data
    box ``(x0, y0, x1, y1)`` (a label's home region for :func:`place_labels`)
    and its name's text, by key. O(1).
    """
    low, high = limits
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_xticks(range(math.ceil(low), math.floor(high) + 1))
    ax.set_yticks(range(math.ceil(low), math.floor(high) + 1))
    ax.tick_params(length=0)
    ax.set_xlabel(labels[0], fontsize=12)
    ax.set_ylabel(labels[1], fontsize=12)
    for spine in ax.spines.values():
        spine.set_color("#999999")
    if title:
        ax.set_title(title, loc="left", fontsize=14, pad=12, **SAFE_TEXT)

    regions, texts = {}, {}
    for key, corner in corners.items():
        va, ha = corner.split()
        x0, x1 = (line, high) if ha == "right" else (low, line)
        y0, y1 = (line, high) if va == "top" else (low, line)
        regions[key] = (x0, y0, x1, y1)
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=shades[key], edgecolor="none", zorder=0))
        texts[key] = ax.text(
            x1 - 0.06 if ha == "right" else x0 + 0.06, y1 - 0.06 if va == "top" else y0 + 0.06,
            names[key], ha=ha, va=va, fontsize=12, fontweight="bold", color=colours[key], alpha=0.85, zorder=1,
            **SAFE_TEXT,
        )
    ax.axvline(line, color="#888888", lw=1.2, zorder=1)
    ax.axhline(line, color="#888888", lw=1.2, zorder=1)
    return regions, texts


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


def place_labels(
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
    Returns the labels (in input order) and the leader lines.
    O(n² k) for n labels and k ≈ 120 candidates, plus O(n · area / 16) for
    labels that need the grid; 0.1-0.4 s for 80 labels on A4.
    """
    renderer = _renderer(figure)
    to_display = ax.transData.transform
    px_per_pt = figure.dpi / 72.0
    labels = [
        ax.annotate(
            text, xy=xy, xytext=(0, 0), textcoords="offset points", ha="left", va="bottom",
            fontsize=fontsize, annotation_clip=False, zorder=5, bbox=_LABEL_BACKGROUND, **SAFE_TEXT,
        )
        for xy, text in zip(anchors, texts, strict=True)
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
    for label_, (x, y) in zip(labels, points, strict=True):
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
