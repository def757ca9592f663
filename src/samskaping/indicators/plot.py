"""Indicators over time as a picture: one small panel per goal, the baseline, interim and final values marked.

The steering group asks "are we getting there?": each goal that has numbers
gets a panel with its values over time, every panel on the same time axis so
a later measurement is always further right, and the baseline
("nullpunkt"), interim ("underveis") and final ("slutt") measurements told
apart by their marker (square, circle, diamond; named in the legend, for
grey prints too). The panel's title is the goal's outline number and its text
shortened to two lines, the value axis carries the unit. Goals measured only
in words (interviews, observations) are listed under the panels. One A4
landscape page; the fonts shrink until no label overlaps another or leaves
its panel or the page. :func:`indicator_alt_text` says the same in words.

Drawn on a :class:`~matplotlib.figure.Figure` of its own, never through
pyplot; goal texts are drawn literally (no math text, no TeX).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import date2num, num2date
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import Bbox

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.plotting import A4_LANDSCAPE, SAFE_TEXT, check_format, save_figure
from samskaping.goals.model import Goal, numbering, tree, walk
from samskaping.indicators.model import (
    KINDS,
    Measurement,
    MeasurementKind,
    day_text,
    kind_label,
    ordered_measurements,
    progress,
    series,
)

__all__ = [
    "KIND_MARKERS", "SERIES_COLOURS", "MAX_PANELS", "IndicatorChartArtists", "draw_indicator_chart_artists",
    "draw_indicator_chart", "save_indicator_chart", "indicator_alt_text",
]

#: One marker per kind, told apart without colour: a hollow square, a filled circle, a filled diamond.
KIND_MARKERS = {"nullpunkt": "s", "underveis": "o", "slutt": "D"}
#: Okabe-Ito, told apart with any colour vision: one colour per indicator within a panel.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: More panels than this would be too small to read on A4; the rest are named under them.
MAX_PANELS = 12
#: The most goals listed as measured in words; the rest are counted.
_MAX_NOTE_LINES = 8
#: A goal listed under the panels is cut to this many characters (the text alternative has it whole).
_MAX_NOTE_GOAL = 100

_MARGIN = 0.4  # in, around the page
_GAP_X = 0.35  # in between panels side by side
_GAP_Y = 0.12  # in between rows of panels
_GAP = 0.12  # in between the heading, the legend, the panels and the notes
_RIGHT_PAD = 0.15  # in between a panel's axes and the right edge of its room
_TITLE_SIZE = 14.0
_MIN_FONT = 4.5
_UNIT_SCALE = re.compile(r"1\s*[-–—]\s*5")


@dataclass
class _Panel:
    key: str  # goal id and unit
    goal: Goal
    number: str
    unit: str
    lines: list[tuple[str, list[Measurement]]]  # (indicator, its measurements in time order)


@dataclass
class IndicatorChartArtists:
    """What :func:`draw_indicator_chart_artists` drew, for tests and for pages that add to it.

    Panels are keyed ``"<goal id>|<unit>"`` (:attr:`panel_goals` gives the
    goal); ``points`` has each drawn measurement's marker by measurement id.
    """

    figure: Figure
    axes: dict[str, Axes] = field(default_factory=dict)
    titles: dict[str, Text] = field(default_factory=dict)
    cells: dict[str, Bbox] = field(default_factory=dict)  # each panel's room on the page, in inches
    panel_goals: dict[str, str] = field(default_factory=dict)
    points: dict[str, Line2D] = field(default_factory=dict)
    lines: dict[str, Line2D] = field(default_factory=dict)  # by "<panel key>|<indicator>"
    legend: Legend | None = None
    heading: Text | None = None
    notes: Text | None = None
    message: Text | None = None  # the text of an empty chart
    fontsize: float = 0.0

    def labels(self) -> list[tuple[str, Text | Legend]]:
        """Every text drawn, with the panel it belongs to (``""`` for the page's own): what must not overlap."""
        found: list[tuple[str, Text | Legend]] = [
            ("", artist) for artist in (self.heading, self.legend, self.notes, self.message) if artist is not None]
        for key, ax in self.axes.items():
            found.append((key, self.titles[key]))
            found += [(key, label) for label in (*ax.get_xticklabels(), *ax.get_yticklabels()) if label.get_text()]
            if ax.yaxis.label.get_text():
                found.append((key, ax.yaxis.label))
            if ax.get_legend() is not None:
                found.append((key, ax.get_legend()))
        return found


# --- Measuring text -----------------------------------------------------------------------


class _Measure:
    """Text widths and heights in inches, as the renderer draws them."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.renderer = figure.canvas.get_renderer()

    def width(self, text: str, size: float, bold: bool = False) -> float:
        prop = FontProperties(size=size, weight="bold" if bold else "normal")
        width, _, _ = self.renderer.get_text_width_height_descent(text, prop, ismath=False)
        return width / self.figure.dpi

    def height(self, text: str, size: float, bold: bool = False) -> float:
        probe = Text(0, 0, text, fontsize=size, fontweight="bold" if bold else "normal", figure=self.figure,
                     **SAFE_TEXT)
        return probe.get_window_extent(self.renderer).height / self.figure.dpi

    def wrap(self, text: str, room: float, size: float, max_lines: int | None = None, bold: bool = False) -> str:
        """``text`` on lines no wider than ``room`` inches; beyond ``max_lines``, the last line ends in "…"."""
        lines: list[str] = []
        for word in " ".join(text.split()).split(" "):
            while self.width(word, size, bold) > room and len(word) > 1:  # a word wider than the room: cut it
                cut = len(word) - 1
                while cut > 1 and self.width(word[:cut] + "-", size, bold) > room:
                    cut -= 1
                lines, word = self._add(lines, word[:cut] + "-", room, size, bold), word[cut:]
            lines = self._add(lines, word, room, size, bold)
        if max_lines is not None and len(lines) > max_lines:
            last = lines[max_lines - 1]
            while last and self.width(last + "…", size, bold) > room:
                last = last[:-1].rstrip()
            lines = [*lines[: max_lines - 1], last.rstrip(" .,;:") + "…"]
        return "\n".join(lines)

    def _add(self, lines: list[str], word: str, room: float, size: float, bold: bool) -> list[str]:
        if lines and lines[-1] and self.width(f"{lines[-1]} {word}", size, bold) <= room:
            return [*lines[:-1], f"{lines[-1]} {word}"]
        return [*lines, word]

    def shorten(self, text: str, room: float, size: float) -> str:
        """``text`` on one line, cut with "…" to fit ``room`` inches."""
        text = " ".join(text.split())
        if self.width(text, size) <= room:
            return text
        while text and self.width(text + "…", size) > room:
            text = text[:-1].rstrip()
        return text + "…"


# --- What is drawn ---------------------------------------------------------------------------


def _panels(goals: Sequence[Goal], measurements: Sequence[Measurement]) -> tuple[list[_Panel], list[Goal]]:
    """The panels in the goal tree's order (one per goal and unit), and the goals with notes only."""
    numbers = numbering(goals)
    found = series(measurements)
    panels: list[_Panel] = []
    only_notes: list[Goal] = []
    for goal, _ in walk(tree(goals)):
        keys = [key for key in found if key[0] == goal.id]
        if not keys:
            if any(m.goal_id == goal.id for m in measurements):
                only_notes.append(goal)
            continue
        units = list(dict.fromkeys(unit for _, _, unit in keys))
        for unit in units:
            lines = [(indicator, found[key]) for key in keys if key[2] == unit for indicator in (key[1],)]
            panels.append(_Panel(f"{goal.id}|{unit}", goal, numbers[goal.id], unit, lines))
    return panels, only_notes


def _grid(count: int) -> tuple[int, int]:
    """Columns and rows for ``count`` panels on A4 landscape: wide panels, at most four side by side.

    >>> [_grid(n) for n in (1, 2, 3, 4, 5, 7, 12)]
    [(1, 1), (2, 1), (3, 1), (2, 2), (3, 2), (4, 2), (4, 3)]
    """
    columns = count if count <= 3 else 2 if count == 4 else 3 if count <= 6 else 4
    return columns, math.ceil(count / columns)


def _x_range(measurements: Sequence[Measurement]) -> tuple[float, float]:
    """The time axis every panel shares, with room on both sides of the first and last day."""
    days = [m.measured for m in measurements]
    first, last = min(days), max(days)
    pad = max(timedelta(days=(last - first).days * 0.06), timedelta(days=20))
    return date2num(first - pad), date2num(last + pad)


#: Steps between month ticks, smallest first; a span under three months gets day ticks instead.
_MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24, 60, 120)
_DAY_STEPS = (1, 2, 7, 14)


def _months(lang: str) -> list[str]:
    return [name.strip() for name in t("indicator.chart.months", lang).split(",")]


def _date_label(value: float, by_month: bool, lang: str) -> str:
    """A tick's date: the month and year for month ticks ("mars 2025"), else the day as ``lang`` writes it."""
    day = num2date(value).date()
    if by_month:
        names = _months(lang)
        return f"{names[day.month - 1]} {day.year}" if len(names) == 12 else day.strftime("%m.%Y")
    return day_text(day, lang)


def _candidates(limits: tuple[float, float]) -> Iterable[tuple[list[float], bool]]:
    """Tick dates within ``limits`` for each step, the finest first: whole days, then first days of months."""
    first, last = num2date(limits[0]).date(), num2date(limits[1]).date()
    if (last - first).days < 92:
        for step in _DAY_STEPS:
            days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
            yield [float(date2num(day)) for day in days if day.toordinal() % step == 0], False
    for step in _MONTH_STEPS:
        ticks = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            day = date(year, month, 1)
            if first <= day and (year * 12 + month - 1) % step == 0:
                ticks.append(float(date2num(day)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        yield ticks, True


def _x_ticks(limits: tuple[float, float], width: float, size: float, lang: str, measure: _Measure,
             overhang: tuple[float, float]) -> tuple[list[float], bool]:
    """Dates on the time axis, as many as fit ``width`` inches with room between their labels; month ticks or not.

    The finest step whose labels, measured, keep a gap between them; a
    label may reach ``overhang`` inches (left, right) beyond the axes, no
    further. At least one tick. O(span in days).
    """
    span = limits[1] - limits[0]
    found: tuple[list[float], bool] = ([], False)
    for ticks, by_month in _candidates(limits):
        ticks = [x for x in ticks if _within_panel(x, limits, width, measure.width(
            _date_label(x, by_month, lang), size), overhang)]
        if not ticks:
            continue
        found = (ticks, by_month)
        labels = [measure.width(_date_label(x, by_month, lang), size) for x in ticks]
        gaps = [(b - a) / span * width - (wa + wb) / 2 for a, b, wa, wb in
                zip(ticks, ticks[1:], labels, labels[1:], strict=False)]
        if all(gap >= 0.12 for gap in gaps):
            return found
    ticks, by_month = found
    return ticks[:1], by_month


def _within_panel(x: float, limits: tuple[float, float], width: float, label: float,
                  overhang: tuple[float, float]) -> bool:
    """Whether a tick label ``label`` inches wide, centred on ``x``, stays within the axes and ``overhang``."""
    at = (x - limits[0]) / (limits[1] - limits[0]) * width
    return at - label / 2 >= -overhang[0] and at + label / 2 <= width + overhang[1]


def _number(value: float, lang: str) -> str:
    """A tick's value as ``lang`` writes it: no needless decimals, a decimal comma in Norwegian."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return text if lang == "en" else text.replace(".", ",")


def _y_axis(panel: _Panel) -> tuple[tuple[float, float], list[float]]:
    """The value axis: 1-5 for a mean of 1-5 scores, 0-100 for percentages, else the values with room."""
    values = [m.value for _, found in panel.lines for m in found]
    low, high = min(values), max(values)
    if _UNIT_SCALE.search(panel.unit) and low >= 1 and high <= 5:
        return (0.7, 5.3), [1.0, 2.0, 3.0, 4.0, 5.0]
    if panel.unit.strip() == "%" and low >= 0 and high <= 100:
        return (-5.0, 105.0), [0.0, 25.0, 50.0, 75.0, 100.0]
    pad = (high - low) * 0.18 if high > low else max(abs(high) * 0.2, 1.0)
    counts = all(float(value).is_integer() for value in values)
    from_zero = low >= 0 and (low - pad < 0 or low <= high / 2 or counts)
    limits = (-pad * 0.3 if from_zero else low - pad, high + pad)
    locator = MaxNLocator(nbins=4, integer=counts)
    ticks = [float(y) for y in locator.tick_values(*limits) if limits[0] <= y <= limits[1]]
    return limits, ticks


def _legend_handles(size: float) -> list[Line2D]:
    return [
        Line2D([], [], linestyle="none", marker=KIND_MARKERS[kind], markersize=size * 0.85, color="#333333",
               markerfacecolor="white" if kind == MeasurementKind.NULLPUNKT else "#333333", markeredgewidth=1.3)
        for kind in KINDS
    ]


# --- Drawing ------------------------------------------------------------------------------


def _new_figure() -> Figure:
    figure = Figure(figsize=A4_LANDSCAPE)
    FigureCanvasAgg(figure)
    return figure


def _fraction(figure: Figure, x0: float, y0: float, width: float, height: float) -> tuple[float, ...]:
    w, h = figure.get_size_inches()
    return x0 / w, y0 / h, width / w, height / h


def _note_lines(only_notes: Sequence[Goal], hidden: Sequence[_Panel], measurements: Sequence[Measurement],
                numbers: dict[str, str], lang: str, limit: int | None = _MAX_NOTE_LINES) -> list[str]:
    """The lines under the panels: the goals measured only in words (at most ``limit``), and the panels left out."""
    lines = []
    limit = len(only_notes) if limit is None else limit
    for goal in only_notes[:limit]:
        own = ordered_measurements(m for m in measurements if m.goal_id == goal.id)
        last = own[-1]
        key = "indicator.chart.note_line_one" if len(own) == 1 else "indicator.chart.note_line"
        text = " ".join(goal.text.split())
        if limit is not None and len(text) > _MAX_NOTE_GOAL:
            text = text[: _MAX_NOTE_GOAL - 1].rstrip() + "…"
        lines.append(t(key, lang, nr=numbers.get(goal.id, ""), goal=text, count=len(own),
                       date=day_text(last.measured, lang), kind=kind_label(last.kind, lang).lower()))
    if len(only_notes) > limit:
        lines.append(t("indicator.chart.more_notes", lang, count=len(only_notes) - limit))
    if hidden:
        lines.append(t("indicator.chart.more_panels", lang, count=len(hidden), max=MAX_PANELS))
    return lines


def _draw(figure: Figure, panels: Sequence[_Panel], note_lines: Sequence[str], size: float, title: str,
          lang: str) -> IndicatorChartArtists:
    """Lay the chart out at font ``size`` (the panels' titles; ticks a little smaller) and draw it."""
    figure.clear()
    artists = IndicatorChartArtists(figure, fontsize=size)
    measure = _Measure(figure)
    width, height = A4_LANDSCAPE
    small = size * 0.88
    top = height - _MARGIN
    if title:
        text = measure.shorten(title, width - 2 * _MARGIN, _TITLE_SIZE)
        artists.heading = figure.text(_MARGIN / width, top / height, text, ha="left", va="top",
                                      fontsize=_TITLE_SIZE, fontweight="bold", **SAFE_TEXT)
        top -= measure.height(text, _TITLE_SIZE, bold=True) + _GAP
    labels = [kind_label(kind, lang) for kind in KINDS]
    artists.legend = figure.legend(
        _legend_handles(size + 1), labels, loc="upper right", bbox_to_anchor=((width - _MARGIN) / width, top / height),
        ncols=len(KINDS), frameon=False, fontsize=size + 0.5, borderaxespad=0, borderpad=0, handletextpad=0.4,
        columnspacing=1.4,
    )
    top -= measure.height("Åg", size + 0.5) * 1.5 + _GAP
    bottom = _MARGIN
    if note_lines:
        room = width - 2 * _MARGIN
        body = "\n".join(measure.wrap(line, room, small) for line in note_lines)
        heading = t("indicator.chart.notes_heading", lang)
        text = f"{heading}\n{body}"
        artists.notes = figure.text(_MARGIN / width, bottom / height, text, ha="left", va="bottom", fontsize=small,
                                    linespacing=1.3, **SAFE_TEXT)
        bottom += measure.height(text, small) + 2 * _GAP
    if not panels:
        return artists

    columns, rows = _grid(len(panels))
    cell_width = (width - 2 * _MARGIN - (columns - 1) * _GAP_X) / columns
    cell_height = (top - bottom - (rows - 1) * _GAP_Y) / rows
    title_height = measure.height("Åg\nÅg", size, bold=True) + 0.06
    tick_height = measure.height("0123", small) + 4 / 72 + 0.04
    x_limits = _x_range([m for panel in panels for _, found in panel.lines for m in found])
    y_axes = [_y_axis(panel) for panel in panels]
    y_labels = [[_number(y, lang) for y in y_ticks] for _, y_ticks in y_axes]
    # One left edge for every panel's axes, so the axes line up and share their time ticks.
    label_room = max((measure.width(text, small) for labels in y_labels for text in labels), default=0.0) + 4 / 72
    left = label_room + measure.height("Åg", small) + 0.1
    axes_width = cell_width - left - _RIGHT_PAD
    axes_height = cell_height - title_height - tick_height
    for index, panel in enumerate(panels):
        column, row = index % columns, index // columns
        x0 = _MARGIN + column * (cell_width + _GAP_X)
        y1 = top - row * (cell_height + _GAP_Y)
        y0 = y1 - cell_height
        artists.cells[panel.key] = Bbox.from_extents(x0, y0, x0 + cell_width, y1)
        artists.panel_goals[panel.key] = panel.goal.id
        (y_limits, y_ticks), tick_labels = y_axes[index], y_labels[index]
        ax = figure.add_axes(_fraction(figure, x0 + left, y0 + tick_height, axes_width, max(axes_height, 0.2)))
        artists.axes[panel.key] = ax
        _draw_panel(ax, panel, artists, x_limits, y_limits, y_ticks, tick_labels, small, lang, measure, axes_width,
                    (left * 0.75, _RIGHT_PAD - 0.01))
        heading = measure.wrap(f"{panel.number} {panel.goal.text}", cell_width, size, max_lines=2, bold=True)
        artists.titles[panel.key] = figure.text(x0 / width, y1 / height, heading, ha="left", va="top", fontsize=size,
                                                fontweight="bold", linespacing=1.15, **SAFE_TEXT)
        unit = panel.unit or t("indicator.chart.value", lang)
        ax.set_ylabel(measure.shorten(unit, max(axes_height, 0.2) - 0.04, small), fontsize=small, labelpad=3,
                      **SAFE_TEXT)
    return artists


def _draw_panel(ax: Axes, panel: _Panel, artists: IndicatorChartArtists, x_limits, y_limits, y_ticks, tick_labels,
                small: float, lang: str, measure: _Measure, axes_width: float,
                overhang: tuple[float, float]) -> None:
    """One goal's values over time: a line per indicator, a marker per measurement by its kind."""
    ax.set_xlim(*x_limits)
    ax.set_ylim(*y_limits)
    x_ticks, by_month = _x_ticks(x_limits, axes_width, small, lang, measure, overhang)
    ax.set_xticks(x_ticks, [_date_label(x, by_month, lang) for x in x_ticks], fontsize=small)
    ax.set_yticks(y_ticks, tick_labels, fontsize=small)
    ax.tick_params(length=3, pad=2, colors="#333333")
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    handles = []
    for number, (indicator, found) in enumerate(panel.lines):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        xs = [date2num(m.measured) for m in found]
        ys = [m.value for m in found]
        line = ax.plot(xs, ys, color=colour, linewidth=1.4, zorder=2)[0]
        artists.lines[f"{panel.key}|{indicator}"] = line
        handles.append((line, indicator or panel.goal.indicator or t("indicator.chart.value", lang)))
        for m, x, y in zip(found, xs, ys, strict=True):
            hollow = m.kind == MeasurementKind.NULLPUNKT
            artists.points[m.id] = ax.plot(
                [x], [y], linestyle="none", marker=KIND_MARKERS[m.kind], markersize=small * 0.9, color=colour,
                markerfacecolor="white" if hollow else colour, markeredgewidth=1.3, zorder=3, gid=f"measurement-{m.id}",
            )[0]
    if len(handles) > 1 or any(indicator for indicator, _ in panel.lines):
        room = axes_width * 0.8
        ax.legend([line for line, _ in handles], [measure.shorten(name, room, small * 0.9) for _, name in handles],
                  loc="best", fontsize=small * 0.9, frameon=True, framealpha=0.85, edgecolor="#DDDDDD",
                  handlelength=1.4, borderpad=0.3, labelspacing=0.25)


def _overlap(a: Bbox, b: Bbox) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _fits(artists: IndicatorChartArtists) -> bool:
    """Whether no two labels overlap and each stays on the page and in its panel, as the renderer draws them."""
    figure = artists.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    page = figure.bbox
    dpi = figure.dpi
    boxes = []
    for key, artist in artists.labels():
        box = artist.get_window_extent(renderer)
        if box.x0 < page.x0 - 1 or box.x1 > page.x1 + 1 or box.y0 < page.y0 - 1 or box.y1 > page.y1 + 1:
            return False
        if key:
            cell = artists.cells[key]
            if box.x0 < cell.x0 * dpi - 1 or box.x1 > cell.x1 * dpi + 1 or box.y0 < cell.y0 * dpi - 1 \
                    or box.y1 > cell.y1 * dpi + 1:
                return False
        boxes.append(box)
    for i, box in enumerate(boxes):
        for other in boxes[i + 1:]:
            if _overlap(box, other):
                return False
    return True


def draw_indicator_chart_artists(
    goals: Iterable[Goal], measurements: Iterable[Measurement], *, lang: str = DEFAULT_LANG, title: str = ""
) -> IndicatorChartArtists:
    """Draw the measurements of ``goals`` over time on an A4 landscape figure and return what was drawn.

    One panel per goal with values (per unit, when a goal is measured in more
    than one), in the goal tree's order, at most :data:`MAX_PANELS`; all
    panels share one time axis. In a panel each indicator is a line in its
    own colour (named in a small legend when there are several or they have
    names) and each measurement a marker of its kind. Goals with only notes
    are listed under the panels, and measurements of goals not among
    ``goals`` are left out. The font is the largest (at most 9 pt) at which
    every label fits, measured as drawn. O(n log n + panels · sizes tried).
    """
    goals = list(goals)
    known = {goal.id for goal in goals}
    measurements = [m for m in measurements if m.goal_id in known]
    figure = _new_figure()
    panels, only_notes = _panels(goals, measurements)
    shown_panels, hidden = panels[:MAX_PANELS], panels[MAX_PANELS:]
    note_lines = _note_lines(only_notes, hidden, measurements, numbering(goals), lang)
    if not shown_panels and not note_lines:
        artists = IndicatorChartArtists(figure)
        width, height = A4_LANDSCAPE
        artists.message = figure.text(0.5, 0.5, t("indicator.chart.empty", lang), ha="center", va="center",
                                      fontsize=14, color="#666666")
        if title:
            artists.heading = figure.text(_MARGIN / width, 1 - _MARGIN / height, title, ha="left", va="top",
                                          fontsize=_TITLE_SIZE, fontweight="bold", **SAFE_TEXT)
        return artists
    size = 9.0 if len(shown_panels) <= 6 else 8.0
    artists = _draw(figure, shown_panels, note_lines, size, title, lang)
    while not _fits(artists) and size > _MIN_FONT:
        size *= 0.9
        artists = _draw(figure, shown_panels, note_lines, size, title, lang)
    return artists


def draw_indicator_chart(
    goals: Iterable[Goal], measurements: Iterable[Measurement], *, lang: str = DEFAULT_LANG, title: str = ""
) -> Figure:
    """The indicator chart as an A4 landscape figure (:func:`draw_indicator_chart_artists`, for the picture only)."""
    return draw_indicator_chart_artists(goals, measurements, lang=lang, title=title).figure


def save_indicator_chart(
    goals: Iterable[Goal], measurements: Iterable[Measurement], path: str | Path, fmt: str | None = None, *,
    lang: str = DEFAULT_LANG, title: str = "", dpi: int = 150,
) -> Path:
    """Draw the indicator chart and write it as PNG, SVG or PDF: ``fmt``, or else the file name's suffix.

    SVG keeps the texts as real text; files carry no timestamp, so the same
    measurements give the same file. A format that is none of the three
    raises :class:`InvalidInputError` (``bad_image_format``) before anything
    is drawn.

    >>> from samskaping.core.exceptions import InvalidInputError
    >>> try:
    ...     save_indicator_chart([], [], "indikatorer.docx")
    ... except InvalidInputError as exc:
    ...     print(exc.reason)
    bad_image_format
    """
    path, suffix = check_format(path, fmt)
    return save_figure(draw_indicator_chart(goals, measurements, lang=lang, title=title), path, suffix, dpi)


def indicator_alt_text(goals: Iterable[Goal], measurements: Iterable[Measurement], *, lang: str = DEFAULT_LANG) -> str:
    """The chart in words, for a screen reader or a report's figure text: every value the panels show.

    A sentence on what the chart shows, then per panel the goal's number and
    text and its unit, and per indicator each measurement (kind, day, value)
    and the change from the first value to the latest; then the goals
    measured only in words. Plain text: escape it for where it goes. O(n log n).

    >>> from samskaping.goals.model import Goal
    >>> r = Goal("p", "resultatmal", "Færre elever med høyt fravær")
    >>> ms = [Measurement("p", r.id, "nullpunkt", date(2025, 1, 15), 12.5, "%"),
    ...       Measurement("p", r.id, "slutt", date(2025, 11, 30), 9, "%")]
    >>> print(indicator_alt_text([r], ms).split("\\n", 1)[1])
    Mål 1 «Færre elever med høyt fravær» (%):
      nullpunkt 15.01.2025: 12,5; slutt 30.11.2025: 9. Endring fra første til siste måling: -3,5 (ned).
    """
    goals = list(goals)
    known = {goal.id for goal in goals}
    measurements = [m for m in measurements if m.goal_id in known]
    panels, only_notes = _panels(goals, measurements)
    if not panels and not only_notes:
        return t("indicator.alt.empty", lang)
    lines = [t("indicator.alt.summary", lang, count=len({p.goal.id for p in panels}), panels=len(panels))]
    for panel in panels:
        unit = panel.unit or t("indicator.chart.value", lang)
        lines.append(t("indicator.alt.panel", lang, nr=panel.number, goal=" ".join(panel.goal.text.split()),
                       unit=unit))
        for indicator, found in panel.lines:
            points = "; ".join(
                t("indicator.alt.point", lang, kind=kind_label(m.kind, lang).lower(), date=day_text(m.measured, lang),
                  value=_number(m.value, lang))
                for m in found
            )
            line = f"{indicator}: {points}" if indicator else points
            moved = progress(found)
            if moved.change is not None:
                change = ("+" if moved.change > 0 else "") + _number(moved.change, lang)
                line += ". " + t("indicator.alt.change", lang, change=change,
                                 direction=t(f"indicator.direction.{moved.direction}", lang))
            else:
                line += "."
            lines.append("  " + line)
    if only_notes:
        lines.append(t("indicator.chart.notes_heading", lang))
        lines += ["  " + line for line in _note_lines(only_notes, [], measurements, numbering(goals), lang, None)]
    return "\n".join(lines)
