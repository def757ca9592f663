"""The service-journey map: swimlanes per service, columns per phase, the family's experience below.

The map is what a workshop looks at together and what the steering group gets
on A3: one lane per service (the family's own lane first), one column per
phase, every step a card, arrows from step to step. What the seeds ask a
journey view to show is drawn so that it is seen from across a room (and,
through badges and outlines rather than colour alone, in black and white):

* **handovers** between services: thick arrows, vermilion when nobody
  coordinated them and orange when someone did, with the wait on the arrow
  ("42 d");
* **no coordinator**: a dashed card outline and a "!" badge ("K"/"C" when
  someone coordinates);
* **pain points**: a thick vermilion outline; the family carrying the
  information itself: an "i" badge;
* the family **carrying the case** between two services (its own step in
  between, :func:`~samskaping.journeys.analysis.family_carrying_steps`): a
  thick dashed reddish-purple arrow from the service into the family's lane
  (the handover arrow then leaves the family for the next service), and the
  count above the map;
* the family's **experience** (-2..2) as a curve under the lanes, low points
  marked.

Cards never overlap: a card gets the next free slot of its lane within its
phase, and slots follow the step order, so arrows run left to right within a
phase. Plots are drawn on a :class:`~matplotlib.figure.Figure` of their own (or
an ``ax`` you pass), never through pyplot, and return their artists. Free text
is drawn literally (no math text, no TeX).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch, Rectangle
from matplotlib.text import Text

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.plotting import SAFE_TEXT, save_drawing
from samskaping.journeys.analysis import (
    compare_text,
    count_text,
    days_text,
    family_carrying_steps,
    handovers,
    in_order,
    service_label,
    summary,
    variant_label,
)
from samskaping.journeys.model import EXPERIENCE_MAX, EXPERIENCE_MIN, FAMILY, TOUCHPOINTS, Journey, Step, service_key

__all__ = [
    "A3_LANDSCAPE", "EXPERIENCE_COLOURS", "HANDOVER_COLOUR", "UNCOORDINATED_COLOUR", "PAIN_COLOUR",
    "JourneyArtists", "ComparisonArtists", "draw_journey", "save_journey", "draw_comparison",
    "save_comparison",
]

A3_LANDSCAPE = (16.54, 11.69)

#: Okabe-Ito colours, from very bad (vermilion) to very good (blue).
EXPERIENCE_COLOURS = {-2: "#D55E00", -1: "#E69F00", 0: "#999999", 1: "#56B4E9", 2: "#0072B2"}
UNCOORDINATED_COLOUR = "#D55E00"
HANDOVER_COLOUR = "#E69F00"
PAIN_COLOUR = "#D55E00"
_STEP_COLOUR = "#777777"
_COORDINATOR_COLOUR = "#009E73"
_NO_COORDINATOR_COLOUR = "#D55E00"
_FAMILY_COLOUR = "#CC79A7"
_CARD_EDGE = "#555555"
_LANE_SHADES = ("#F3F3F3", "#FFFFFF")
_FAMILY_SHADE = "#FBEFF6"
_BAND_SHADE = "#F4F6FA"

_CARD_WIDTH, _CARD_HEIGHT = 0.84, 0.78  # of a slot and a lane
_MAX_CARD_IN = (2.1, 1.15)  # a card larger than this (inches) only wastes paper
_MAX_LANE_IN = 1.5  # when the map has its own figure, lanes are at most this tall
_BAND_GAP = 0.35  # lanes between the last lane and the experience curve
_MIN_FONT, _MAX_FONT = 5.5, 9.0
_CHAR_EM = 0.6  # average width of a DejaVu Sans character, in em
_MAX_LANE_LABEL = 28


@dataclass
class JourneyArtists:
    """What :func:`draw_journey` drew, for tests and for pages that add to it.

    Cards, their texts and badges are keyed by step id; ``arrows`` join
    consecutive steps in order, ``handover_arrows`` are those of them that
    enter a :class:`~samskaping.journeys.analysis.Handover`'s ``to_step`` and
    ``family_carried_arrows`` those that enter a family step carrying the case
    (:func:`~samskaping.journeys.analysis.family_carrying_steps`).
    """

    figure: Figure
    ax: Axes
    cards: dict[str, FancyBboxPatch] = field(default_factory=dict)
    card_texts: dict[str, Text] = field(default_factory=dict)
    numbers: dict[str, Text] = field(default_factory=dict)
    touchpoint_marks: dict[str, Text] = field(default_factory=dict)
    coordinator_marks: dict[str, Text] = field(default_factory=dict)
    no_coordinator_marks: dict[str, Text] = field(default_factory=dict)
    family_marks: dict[str, Text] = field(default_factory=dict)
    arrows: list[FancyArrowPatch] = field(default_factory=list)
    handover_arrows: list[FancyArrowPatch] = field(default_factory=list)
    family_carried_arrows: list[FancyArrowPatch] = field(default_factory=list)
    wait_labels: list[Text] = field(default_factory=list)
    lane_labels: dict[str, Text] = field(default_factory=dict)  # by service, as first written
    phase_labels: dict[str, Text] = field(default_factory=dict)
    emotion_line: Line2D | None = None
    emotion_points: PathCollection | None = None
    low_point_marks: PathCollection | None = None
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)  # card centres, data coordinates
    title: Text | None = None
    stats: Text | None = None
    legend: Legend | None = None


@dataclass
class ComparisonArtists:
    """What :func:`draw_comparison` drew: both maps and the caption with the counted differences."""

    figure: Figure
    today: JourneyArtists
    wanted: JourneyArtists
    caption: list[Text]


# --- Layout ----------------------------------------------------------------------------------


@dataclass
class _Layout:
    lanes: list[str]  # service as first written, family first
    lane_of: dict[str, int]  # step id -> lane index
    phases: list[str]  # the journey's, then any unknown ones in order of appearance
    columns: list[tuple[float, float]]  # x from, x to per phase
    centre: dict[str, tuple[float, float]]  # step id -> card centre
    curve_x: dict[str, float]  # step id -> x of its point on the experience curve
    width: float  # slots in all
    band: tuple[float, float]  # y of the experience band


def _layout(journey: Journey, ordered: Sequence[Step]) -> _Layout:
    """Lanes, phase columns and a slot for every card, so that no two cards share a place.

    Within a phase, each step takes the slot after its lane's last card in
    that phase, and never a slot before the previous step's of the phase, so
    slots follow the step order. A phase is as wide as its most crowded lane
    (at least one slot). O(n).
    """
    keys: dict[str, str] = {}
    if any(service_key(s.service) == FAMILY for s in ordered):
        keys[FAMILY] = next(s.service for s in ordered if service_key(s.service) == FAMILY)
    for step in ordered:
        keys.setdefault(service_key(step.service), step.service)
    lane_index = {key: i for i, key in enumerate(keys)}
    lane_of = {s.id: lane_index[service_key(s.service)] for s in ordered}

    phase_index = {name.casefold(): i for i, name in enumerate(journey.phases)}
    phases = list(journey.phases)
    for step in ordered:
        if step.phase.casefold() not in phase_index:
            phase_index[step.phase.casefold()] = len(phases)
            phases.append(step.phase)
    slot: dict[str, int] = {}
    last_in_phase: dict[int, int] = {}
    last_in_cell: dict[tuple[int, int], int] = {}
    for step in ordered:
        p, lane = phase_index[step.phase.casefold()], lane_of[step.id]
        k = max(last_in_phase.get(p, 0), last_in_cell.get((lane, p), -1) + 1)
        slot[step.id] = last_in_phase[p] = last_in_cell[lane, p] = k
    columns, x = [], 0.0
    for p in range(len(phases)):
        used = max((k + 1 for (_, q), k in last_in_cell.items() if q == p), default=1)
        columns.append((x, x + used))
        x += used

    n_lanes = max(len(keys), 1)
    centre = {}
    for step in ordered:
        x0 = columns[phase_index[step.phase.casefold()]][0]
        centre[step.id] = (x0 + slot[step.id] + 0.5, n_lanes - lane_of[step.id] - 0.5)
    # On the curve, steps sharing a slot (in other lanes) are spread across it in step order.
    sharing: dict[float, list[str]] = {}
    for step in ordered:
        sharing.setdefault(centre[step.id][0], []).append(step.id)
    curve_x = {}
    for cx, ids in sharing.items():
        for j, sid in enumerate(ids):
            curve_x[sid] = cx - 0.5 + (j + 0.5) / len(ids)
    band_height = max(1.5, min(2.2, 0.22 * n_lanes))
    band = (-_BAND_GAP - band_height, -_BAND_GAP)
    return _Layout(list(keys.values()), lane_of, phases, columns, centre, curve_x, max(x, 1.0), band)


def _height_units(layout: _Layout) -> float:
    """The map's height in lanes: the lanes, the gap, the experience band and a margin."""
    return max(len(layout.lanes), 1) - layout.band[0] + 0.1


def _short(text: str, limit: int = 110) -> str:
    """One line of at most ``limit`` characters (a title of 200 would run off the page)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lane_name(service: str, lang: str) -> str:
    name = service_label(service, lang)
    name = name if len(name) <= _MAX_LANE_LABEL else name[: _MAX_LANE_LABEL - 1] + "…"
    name = name[:1].upper() + name[1:]
    return "\n".join(textwrap.wrap(name, 16, break_long_words=True)[:2])


def _fit(text: str, width_pt: float, height_pt: float, size: float) -> tuple[str, bool]:
    """``text`` wrapped into a box of the given size at font ``size``, and whether it had to be cut.

    What does not fit is cut and ends in "…". Character widths are estimated
    (no renderer needed); the card clips the text in any case.
    """
    per_line = max(int(width_pt / (size * _CHAR_EM)), 3)
    lines = max(int(height_pt / (size * 1.25)), 1)
    wrapped = textwrap.wrap(" ".join(text.split()), per_line, break_long_words=True, break_on_hyphens=True)
    cut = len(wrapped) > lines
    if cut:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: per_line - 1].rstrip() + "…"
    return "\n".join(wrapped), cut


def _badge_height(size: float) -> float:
    """The row of badges at the top of a card, in points."""
    return size * 1.5


def _badge_column(size: float) -> float:
    """A column of badges at the side of a wide card, in points."""
    return size * 1.6 + 3


def _text_room(w_pt: float, h_pt: float, size: float, side: bool) -> tuple[float, float]:
    """The box (points) left for the text of a card once its badges have their place."""
    if side:
        return w_pt - 2 * _badge_column(size) - 2, h_pt - 4
    return w_pt - 6, h_pt - _badge_height(size) - 4


def _font_size(texts: Sequence[str], width_pt: float, height_pt: float, side: bool) -> float:
    """The largest card font (in half points) at which nine texts in ten fit their card uncut.

    Never so large that the badges do not fit, never below ``_MIN_FONT``
    (then long texts are cut). O(n · sizes).
    """
    size = _MAX_FONT
    while size > _MIN_FONT:
        width, height = _text_room(width_pt, height_pt, size, side)
        badges_fit = height_pt >= size * 3.4 if side else height >= size * 1.25
        if badges_fit and width > size * 4:
            fits = sum(not _fit(text, width, height, size)[1] for text in texts)
            if fits >= 0.9 * len(texts):
                return size
        size -= 0.5
    return _MIN_FONT


def _new_axes(ax: Axes | None) -> tuple[Figure, Axes, bool]:
    if ax is not None:
        return ax.figure, ax, False
    figure = Figure(figsize=A3_LANDSCAPE)
    FigureCanvasAgg(figure)
    figure.subplots_adjust(left=0.095, right=0.985, top=0.88, bottom=0.11)
    return figure, figure.add_subplot(), True


def _axes_inches(ax: Axes) -> tuple[float, float]:
    box = ax.get_position()
    width, height = ax.figure.get_size_inches()
    return box.width * width, box.height * height


# --- Arrows ---------------------------------------------------------------------------------


def _bezier(a: np.ndarray, b: np.ndarray, rad: float, n: int = 24) -> np.ndarray:
    """Points on matplotlib's ``arc3`` connection from ``a`` to ``b`` (display coordinates)."""
    mid = (a + b) / 2
    d = b - a
    control = mid + rad * np.array([d[1], -d[0]])
    s = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - s) ** 2 * a + 2 * (1 - s) * s * control + s**2 * b


def _hits(points: np.ndarray, boxes: np.ndarray) -> int:
    """How many of ``points`` fall inside any of ``boxes`` (x0, y0, x1, y1)."""
    if not len(boxes):
        return 0
    inside = (
        (points[:, None, 0] > boxes[None, :, 0]) & (points[:, None, 0] < boxes[None, :, 2])
        & (points[:, None, 1] > boxes[None, :, 1]) & (points[:, None, 1] < boxes[None, :, 3])
    )
    return int(inside.any(axis=1).sum())


def _route(a: np.ndarray, b: np.ndarray, others: np.ndarray) -> float:
    """The ``arc3`` bend that keeps an arrow off other cards: straight when it can. O(cards)."""
    best, fewest = 0.0, math.inf
    for rad in (0.0, 0.25, -0.25, 0.45, -0.45, 0.7, -0.7, 1.0, -1.0):
        count = _hits(_bezier(a, b, rad), others)
        if count < fewest:
            best, fewest = rad, count
        if count == 0:
            break
    return best


# --- The map --------------------------------------------------------------------------------


def draw_journey(
    journey: Journey,
    steps: Iterable[Step],
    *,
    lang: str = DEFAULT_LANG,
    ax: Axes | None = None,
    legend: bool = True,
) -> JourneyArtists:
    """Draw the journey map: lanes per service, columns per phase, cards, arrows and the experience curve.

    With no ``ax`` the figure is A3 landscape (lanes at most 1.5 in tall when
    there are few). With an ``ax``, lay its figure out first: card sizes and
    text are measured once, from the axes' size. Card texts are the step's
    "what" in one font size for all cards (the largest at which nine in ten
    fit), wrapped and cut with "…" where they still do not; the step number
    and the touchpoint letter sit on the card's left (top-left corner on a
    narrow card), the coordinator and "family carries" badges on its right.
    An arrow that would cross another card bends around it. Readable with 30
    steps in 10 services (tested). O(n · cards) for the arrow routing; about
    0.2 s to draw and 0.8 s to write a PNG for 30 steps.
    """
    ordered = in_order(steps)
    figure, ax, own = _new_axes(ax)
    layout = _layout(journey, ordered)
    n_lanes = max(len(layout.lanes), 1)
    y_high = float(n_lanes)
    y_low = y_high - _height_units(layout)
    width_in, height_in = _axes_inches(ax)
    if own and height_in / (y_high - y_low) > _MAX_LANE_IN:
        box = ax.get_position()
        new_height = _MAX_LANE_IN * (y_high - y_low) / figure.get_size_inches()[1]
        ax.set_position([box.x0, box.y1 - new_height, box.width, new_height])
        width_in, height_in = _axes_inches(ax)
    ax.set_xlim(0, layout.width)
    ax.set_ylim(y_low, y_high)
    ax.set_axis_off()
    x_in = width_in / layout.width  # inches per slot
    y_in = height_in / (y_high - y_low)  # inches per lane
    artists = JourneyArtists(figure=figure, ax=ax)

    # Title and the counts that matter, above the phase names.
    s = summary(journey, ordered)
    artists.title = ax.set_title(
        t("journey.plot.title", lang, variant=variant_label(journey.variant, lang), title=_short(journey.title)),
        loc="left", fontsize=15, fontweight="bold", pad=50, **SAFE_TEXT,
    )
    stats = t(
        "journey.plot.stats", lang,
        services=count_text("service", s.services, lang), handovers=count_text("handover", s.handovers, lang),
        uncoordinated=s.uncoordinated_handovers, wait=days_text(s.total_wait_days, lang),
        no_coordinator=s.steps_without_coordinator, steps=s.steps,
    )
    if s.family_carried_handovers:
        stats += t("journey.plot.stats_family", lang, count=s.family_carried_handovers,
                   handovers=count_text("handover", s.handovers, lang))
    artists.stats = ax.annotate(stats, xy=(0, 1), xycoords="axes fraction", xytext=(0, 32),
                                textcoords="offset points", fontsize=10, color="#333333", va="bottom",
                                annotation_clip=False, **SAFE_TEXT)

    # Lanes, the band for the curve, phase columns.
    label_size = float(np.clip(y_in * 72 / 3.2, 7.0, 10.0))
    for i, service in enumerate(layout.lanes):
        y0 = n_lanes - i - 1
        family = service_key(service) == FAMILY
        shade = _FAMILY_SHADE if family else _LANE_SHADES[i % 2]
        ax.add_patch(Rectangle((0, y0), layout.width, 1, facecolor=shade, edgecolor="none", zorder=0))
        artists.lane_labels[service] = ax.annotate(
            _lane_name(service, lang), xy=(0, y0 + 0.5), xytext=(-6, 0), textcoords="offset points",
            ha="right", va="center", fontsize=label_size, fontweight="bold" if family else "normal",
            annotation_clip=False, **SAFE_TEXT,
        )
    b0, b1 = layout.band
    ax.add_patch(Rectangle((0, b0), layout.width, b1 - b0, facecolor=_BAND_SHADE, edgecolor="none", zorder=0))
    ax.annotate("\n".join(textwrap.wrap(t("journey.plot.emotion", lang), 16)), xy=(0, (b0 + b1) / 2),
                xytext=(-26, 0), textcoords="offset points", ha="right", va="center", fontsize=label_size,
                annotation_clip=False)
    for x0, _ in layout.columns[1:]:
        ax.plot([x0, x0], [b0, n_lanes], color="#BBBBBB", lw=0.8, zorder=1)
    for name, (x0, x1) in zip(layout.phases, layout.columns, strict=True):
        chars = max(int((x1 - x0) * x_in * 72 / (10 * _CHAR_EM)), 6)
        text = "\n".join(textwrap.wrap(name, chars, break_long_words=True)[:2])
        artists.phase_labels[name] = ax.annotate(
            text, xy=((x0 + x1) / 2, 1), xycoords=("data", "axes fraction"), xytext=(0, 4),
            textcoords="offset points", ha="center", va="bottom", fontsize=10, fontweight="bold",
            annotation_clip=False, **SAFE_TEXT,
        )
    if not ordered:
        ax.text(layout.width / 2, n_lanes / 2, t("journey.plot.no_steps", lang), ha="center", va="center",
                fontsize=14, color="#666666")
        return artists

    # Cards. Wide, low cards keep their badges in a column on each side; others in a row on top.
    card_w = min(_CARD_WIDTH, _MAX_CARD_IN[0] / x_in)
    card_h = min(_CARD_HEIGHT, _MAX_CARD_IN[1] / y_in)
    w_pt, h_pt = card_w * x_in * 72, card_h * y_in * 72
    side = w_pt > 2.4 * h_pt
    size = _font_size([step.what for step in ordered], w_pt, h_pt, side)
    pt_x, pt_y = 1 / (72 * x_in), 1 / (72 * y_in)  # one point in data units
    rounding = min(0.08, card_w * 0.12)
    mark = {"ha": "center", "va": "center", "fontsize": size * 0.85, "fontweight": "bold", "color": "white",
            "zorder": 4}
    for step in ordered:
        cx, cy = layout.centre[step.id]
        artists.positions[step.id] = (cx, cy)
        left, top, right = cx - card_w / 2, cy + card_h / 2, cx + card_w / 2
        coordinated = bool(step.coordinator)
        card = FancyBboxPatch(
            (left, cy - card_h / 2), card_w, card_h, boxstyle=f"round,pad=0,rounding_size={rounding}",
            mutation_aspect=x_in / y_in, facecolor="white", zorder=3,
            edgecolor=PAIN_COLOUR if step.pain_point else _CARD_EDGE,
            linewidth=2.2 if step.pain_point else 0.9, linestyle="-" if coordinated else (0, (3, 2)),
        )
        ax.add_patch(card)
        artists.cards[step.id] = card
        number = str(step.position + 1)
        if side:
            column = _badge_column(size)
            lx, rx = left + column / 2 * pt_x, right - column / 2 * pt_x
            rows = [top - (2 + size * 0.75) * pt_y, top - (2 + size * 2.3) * pt_y]
            places = {"number": (lx, rows[0], "center"), "touchpoint": (lx, rows[1], "center"),
                      "mark": (rx, rows[0]), "family": (rx, rows[1])}
            text_at, room = (cx, top - 2 * pt_y), _text_room(w_pt, h_pt, size, side)
        else:
            row = top - _badge_height(size) / 2 * pt_y
            mark_x = right - (3 + size * 0.6) * pt_x
            places = {"number": (left + 3 * pt_x, row, "left"),
                      "touchpoint": (left + (6 + size * 0.62 * len(number)) * pt_x, row, "left"),
                      "mark": (mark_x, row), "family": (mark_x - size * 1.9 * pt_x, row)}
            text_at, room = (cx, top - (_badge_height(size) + 1) * pt_y), _text_room(w_pt, h_pt, size, side)
        x, y, ha = places["number"]
        artists.numbers[step.id] = ax.text(
            x, y, number, ha=ha, va="center", fontsize=size, fontweight="bold", color="#333333", zorder=4,
        )
        x, y, ha = places["touchpoint"]
        artists.touchpoint_marks[step.id] = ax.text(
            x, y, _touchpoint_letter(step.touchpoint, lang), ha=ha, va="center", fontsize=size * 0.9,
            color="#333333", zorder=4, bbox={"boxstyle": "round,pad=0.15", "facecolor": "#E8E8E8", "edgecolor": "none"},
        )
        key, colour, found = (
            ("coordinator", _COORDINATOR_COLOUR, artists.coordinator_marks) if coordinated
            else ("no_coordinator", _NO_COORDINATOR_COLOUR, artists.no_coordinator_marks)
        )
        found[step.id] = ax.text(
            *places["mark"], t(f"journey.plot.mark.{key}", lang), **mark,
            bbox={"boxstyle": "circle,pad=0.15", "facecolor": colour, "edgecolor": "none"},
        )
        if step.family_carries_info:
            artists.family_marks[step.id] = ax.text(
                *places["family"], t("journey.plot.mark.family_carries", lang), **mark,
                bbox={"boxstyle": "circle,pad=0.15", "facecolor": _FAMILY_COLOUR, "edgecolor": "none"},
            )
        text = ax.text(
            *text_at, _fit(step.what, *room, size)[0], ha="center", va="top", fontsize=size, linespacing=1.1,
            zorder=4, **SAFE_TEXT,
        )
        text.set_clip_path(card)
        artists.card_texts[step.id] = text

    _draw_arrows(artists, layout, ordered, card_w, card_h, size, lang)
    _draw_curve(artists, layout, ordered)
    if legend:
        artists.legend = _legend(ax, lang)
    return artists


def _touchpoint_letter(touchpoint: str, lang: str) -> str:
    return t(f"journey.touchpoint_letter.{touchpoint}", lang) if touchpoint in TOUCHPOINTS else "?"


def _draw_arrows(
    artists: JourneyArtists, layout: _Layout, ordered: Sequence[Step], card_w: float, card_h: float,
    size: float, lang: str,
) -> None:
    """An arrow from each step to the next: thick and coloured into a handover, with the wait written on it.

    An arrow into a family step that carries the case is thick, dashed and in the family's colour.
    """
    ax = artists.ax
    to_display = ax.transData.transform
    from_display = ax.transData.inverted().transform
    ids = [step.id for step in ordered]
    corners = np.array([[layout.centre[i][0] - card_w / 2, layout.centre[i][1] - card_h / 2,
                         layout.centre[i][0] + card_w / 2, layout.centre[i][1] + card_h / 2] for i in ids])
    boxes = np.hstack([to_display(corners[:, :2]), to_display(corners[:, 2:])])
    into = {h.to_step.id: h for h in handovers(ordered)}
    carrying = {step.id for step in family_carrying_steps(ordered)}
    for k in range(1, len(ordered)):
        before, step = ordered[k - 1], ordered[k]
        a, b = to_display(np.array([layout.centre[before.id], layout.centre[step.id]]))
        others = np.delete(boxes, [k - 1, k], axis=0)
        rad = _route(a, b, others)
        handover = into.get(step.id)
        if step.id in carrying:
            style = {"color": _FAMILY_COLOUR, "lw": 2.0, "linestyle": (0, (4, 2)), "mutation_scale": 13}
        elif handover is None:
            style = {"color": _STEP_COLOUR, "lw": 1.0, "mutation_scale": 9}
        else:
            colour = HANDOVER_COLOUR if handover.coordinated else UNCOORDINATED_COLOUR
            style = {"color": colour, "lw": 2.6, "mutation_scale": 15}
        arrow = FancyArrowPatch(
            layout.centre[before.id], layout.centre[step.id], patchA=artists.cards[before.id],
            patchB=artists.cards[step.id], arrowstyle="-|>", connectionstyle=f"arc3,rad={rad}",
            shrinkA=1, shrinkB=1, zorder=2 if handover is None else 2.5, **style,
        )
        ax.add_patch(arrow)
        artists.arrows.append(arrow)
        if handover is not None:
            artists.handover_arrows.append(arrow)
        if step.id in carrying:
            artists.family_carried_arrows.append(arrow)
        if step.wait_days:
            if abs(b[1] - a[1]) < 1 and rad == 0:
                # Side by side in a lane: the gap between cards is narrow, so write above the arrow.
                where = ((layout.centre[before.id][0] + layout.centre[step.id][0]) / 2,
                         layout.centre[step.id][1] + card_h / 2)
                va = "bottom"
            else:
                where = tuple(from_display(_bezier(a, b, rad, 3)[1]))
                va = "center"
            artists.wait_labels.append(ax.text(
                *where, t("journey.plot.days_short", lang, n=step.wait_days), ha="center", va=va,
                fontsize=max(size, 6.5) + (1 if handover else 0), fontweight="bold" if handover else "normal",
                color=style["color"] if handover else "#444444", zorder=5,
                bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
            ))


def _draw_curve(artists: JourneyArtists, layout: _Layout, ordered: Sequence[Step]) -> None:
    """The family's experience, -2 at the bottom of the band and 2 at the top; low points marked."""
    ax = artists.ax
    b0, b1 = layout.band
    middle, scale = (b0 + b1) / 2, (b1 - b0) * 0.4 / EXPERIENCE_MAX
    for level in range(EXPERIENCE_MIN, EXPERIENCE_MAX + 1):
        y = middle + level * scale
        ax.plot([0, layout.width], [y, y], color="#BBBBBB" if level == 0 else "#E2E2E2",
                lw=0.9 if level == 0 else 0.6, linestyle="--" if level == 0 else "-", zorder=1)
        ax.annotate(f"{level:+d}".replace("-", "\u2212") if level else "0", xy=(0, y), xytext=(-4, 0),
                    textcoords="offset points", ha="right", va="center", fontsize=7, color="#666666",
                    annotation_clip=False)
    xs = np.array([layout.curve_x[s.id] for s in ordered])
    ys = np.array([middle + s.experience * scale for s in ordered])
    (artists.emotion_line,) = ax.plot(xs, ys, color="#555555", lw=1.4, zorder=2)
    artists.emotion_points = ax.scatter(
        xs, ys, s=36, c=[EXPERIENCE_COLOURS[s.experience] for s in ordered], edgecolors="#333333",
        linewidths=0.5, zorder=3,
    )
    low = [i for i, s in enumerate(ordered) if s.experience <= -1]
    if low:
        artists.low_point_marks = ax.scatter(
            xs[low], ys[low], s=120, marker="o", facecolors="none", edgecolors=PAIN_COLOUR, linewidths=1.6,
            zorder=3,
        )


def _legend(ax: Axes, lang: str) -> Legend:
    def text(key: str) -> str:
        return t(f"journey.plot.legend.{key}", lang)

    badge = {"marker": "o", "linestyle": "", "markersize": 8, "markeredgecolor": "none"}
    handles = [
        Line2D([], [], color=_STEP_COLOUR, lw=1.0, label=text("step")),
        Line2D([], [], color=UNCOORDINATED_COLOUR, lw=2.6, label=text("handover_uncoordinated")),
        Line2D([], [], color=HANDOVER_COLOUR, lw=2.6, label=text("handover")),
        Line2D([], [], color=_FAMILY_COLOUR, lw=2.0, linestyle=(0, (4, 2)), label=text("family_carried_case")),
        Patch(facecolor="white", edgecolor=PAIN_COLOUR, linewidth=2.0, label=text("pain_point")),
        Patch(facecolor="white", edgecolor=_CARD_EDGE, linewidth=0.9, linestyle=(0, (3, 2)),
              label=text("no_coordinator")),
        Line2D([], [], markerfacecolor=_COORDINATOR_COLOUR, label=text("coordinator"), **badge),
        Line2D([], [], markerfacecolor=_FAMILY_COLOUR, label=text("family_carries"), **badge),
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="none",
               markeredgecolor=PAIN_COLOUR, markeredgewidth=1.6, label=text("low_point")),
    ]
    items = " · ".join(
        f"{t(f'journey.touchpoint_letter.{tp}', lang)} {t(f'journey.touchpoint.{tp}', lang)}" for tp in TOUCHPOINTS
    )
    return ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.005), ncol=4, frameon=False, fontsize=8.5,
        title=t("journey.plot.legend.touchpoints", lang, items=items),
        title_fontsize=8.5, alignment="left", handlelength=2.4,
    )


def save_journey(
    journey: Journey, steps: Iterable[Step], path: str | Path, *, lang: str = DEFAULT_LANG, dpi: int = 150
) -> Path:
    """Draw the journey map and write it as PNG, SVG or PDF, chosen by the file name's suffix.

    SVG keeps the texts as real text; files carry no timestamp, so the same
    journey gives the same file.

    >>> from samskaping.core.exceptions import InvalidInputError
    >>> try:
    ...     save_journey(Journey("w1", "Fravær"), [], "reise.docx")
    ... except InvalidInputError as exc:
    ...     print(exc)
    Cannot save 'reise.docx' as 'docx'; use a file name ending in .png, .svg or .pdf.
    """
    return save_drawing(lambda: draw_journey(journey, steps, lang=lang).figure, path, dpi)


# --- Today against the wanted journey -------------------------------------------------------


def draw_comparison(
    today: Journey,
    today_steps: Iterable[Step],
    wanted: Journey,
    wanted_steps: Iterable[Step],
    *,
    lang: str = DEFAULT_LANG,
) -> ComparisonArtists:
    """Today's map above the wanted one on A3 landscape, with the counted differences as a caption.

    The caption is :func:`~samskaping.journeys.analysis.compare_text` in two columns.
    O(n · cards) like :func:`draw_journey`.
    """
    today_steps, wanted_steps = list(today_steps), list(wanted_steps)
    figure = Figure(figsize=A3_LANDSCAPE)
    FigureCanvasAgg(figure)
    # Each map gets height in proportion to its lanes, so cards are the same size in both.
    units = [_height_units(_layout(j, in_order(s))) for j, s in ((today, today_steps), (wanted, wanted_steps))]
    room = 0.895 - 0.145 - 0.085  # between the caption and the top, less the second map's title
    upper, lower = (room * u / sum(units) for u in units)
    top = figure.add_axes((0.095, 0.895 - upper, 0.89, upper))
    bottom = figure.add_axes((0.095, 0.145, 0.89, lower))
    first = draw_journey(today, today_steps, lang=lang, ax=top, legend=False)
    second = draw_journey(wanted, wanted_steps, lang=lang, ax=bottom, legend=True)
    lines = compare_text(today, today_steps, wanted, wanted_steps, lang)
    half = (len(lines) + 1) // 2
    caption = [
        figure.text(x, 0.075, "\n".join(part), ha="left", va="top", fontsize=9.5, linespacing=1.4, **SAFE_TEXT)
        for x, part in ((0.095, lines[:half]), (0.54, lines[half:]))
    ]
    return ComparisonArtists(figure=figure, today=first, wanted=second, caption=caption)


def save_comparison(
    today: Journey,
    today_steps: Iterable[Step],
    wanted: Journey,
    wanted_steps: Iterable[Step],
    path: str | Path,
    *,
    lang: str = DEFAULT_LANG,
    dpi: int = 150,
) -> Path:
    """Draw :func:`draw_comparison` and write it as PNG, SVG or PDF (by suffix)."""
    return save_drawing(lambda: draw_comparison(today, today_steps, wanted, wanted_steps, lang=lang).figure, path, dpi)
