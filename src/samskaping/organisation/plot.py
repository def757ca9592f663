"""The milestone plan as a timeline: milestones as diamonds on their day, pilots as bars, months along the bottom.

Plans show their "milepælsplan" per phase (Selbu's "Tidsplan": innsiktsfasen,
idéfasen, utformings- og utprøvingsfasen, implementeringsfasen) and their
trials as periods ("Utprøvingsperiode mai–oktober"). On one A4 landscape page,
for the steering group and the plan:

* one row per milestone and per pilot, names in a column on the left, grouped
  under their KS phase (a heading row per phase, shaded in the phase's colour)
  so the phase is read in words as well as in colour; pilots come last, under
  their own heading, as bars from their first to their last day;
* each milestone is a diamond in its phase's colour (Okabe-Ito, with a dark
  edge, :data:`PHASE_COLOURS`) on its day, with the date beside it;
* a milestone with only words for its time ("Vår 2019") is not guessed onto
  the axis: it is listed in the box "Uten dato" on the right, with its words;
  so is a pilot without both its days;
* months along the bottom in the language asked for ("jan", "feb"), thinned
  to every second, third … month when they would touch, the year under each
  January; a dashed line marks ``today`` when it is on the axis;
* names, dates and months never overlap and never leave the page: names too
  long for their column end in "…" (the text alternative, :func:`gantt_alt_text`,
  and the tables have them whole), and a plan with more rows than fit ends in
  "… og 3 til".

Drawn on a :class:`~matplotlib.figure.Figure` of its own, never through
pyplot; free text is drawn literally (no math text, no TeX) after the
personal-data guard.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.models import KS_PHASES
from samskaping.core.plotting import A4_LANDSCAPE, SAFE_TEXT, check_format, save_figure
from samskaping.core.privacy.staff import mask_staff_text
from samskaping.organisation.model import Milestone, Pilot, display_numbers, format_date, phase_label, when_text

__all__ = [
    "PHASE_COLOURS", "NO_PHASE_COLOUR", "PILOT_COLOUR", "GanttArtists", "draw_gantt_artists", "draw_gantt",
    "save_gantt", "gantt_alt_text",
]

#: Okabe-Ito, told apart with any colour vision, one per KS phase; every diamond has a dark edge
#: (so yellow shows on white) and every phase a heading row with its name.
PHASE_COLOURS = {
    "forankring": "#E69F00", "innsikt": "#56B4E9", "tjenesteutvikling": "#009E73", "pilotering": "#F0E442",
    "overgang_til_drift": "#0072B2", "ny_praksis": "#CC79A7",
}
NO_PHASE_COLOUR = "#999999"
PILOT_COLOUR = "#D55E00"

# Figure layout, as fractions of the A4 landscape page.
_LEFT, _AXES_LEFT, _AXES_RIGHT, _RIGHT = 0.025, 0.32, 0.735, 0.975
_BOTTOM, _TOP = 0.11, 0.87
_MIN_HEIGHT = 0.3  # of the page: the timeline of a short plan
_SIZES = (10.5, 10.0, 9.0, 8.0, 7.5, 7.0)  # the rows' font size, largest that fits
_ROW_SPACING = 1.45  # a row is this many text heights
_INDENT = 12.0  # pt: items under their phase heading
_GAP = 6.0  # pt between the names' column and the axes, and around date labels
_BOX_SIZE = 9.0  # the legend's and the undated box's text
_STEPS = (1, 2, 3, 4, 6, 12)  # months between labelled ticks
# Keeps a date readable where the today line or a year's line passes behind it (the padding stays in the gap).
_DATE_BACKGROUND = {"boxstyle": "square,pad=0.12", "facecolor": "white", "alpha": 0.85, "edgecolor": "none"}


@dataclass
class GanttArtists:
    """What :func:`draw_gantt_artists` drew, by milestone or pilot id, for tests and pages that add to it."""

    figure: Figure
    ax: Axes
    diamonds: dict[str, Line2D] = field(default_factory=dict)  # dated milestones
    bars: dict[str, Rectangle] = field(default_factory=dict)  # dated pilots
    labels: dict[str, Text] = field(default_factory=dict)  # each row's name, by item id
    dates: dict[str, Text] = field(default_factory=dict)  # the date beside a diamond or a bar
    headings: dict[str, Text] = field(default_factory=dict)  # by phase key, "" for none, "pilots"
    undated: list[Text] = field(default_factory=list)  # the box "Uten dato": its heading and lines
    months: list[Text] = field(default_factory=list)  # the labelled month ticks
    today: Text | None = None
    more: Text | None = None  # "… og 3 til" when not every row fits
    fontsize: float = 0.0


# --- Measuring and fitting text -----------------------------------------------------------


class _Measure:
    """Text sizes in pixels as the renderer draws them."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.renderer = figure.canvas.get_renderer()

    def size(self, text: str, fontsize: float, weight: str = "normal") -> tuple[float, float]:
        probe = Text(0, 0, text, fontsize=fontsize, fontweight=weight, figure=self.figure, **SAFE_TEXT)
        box = probe.get_window_extent(self.renderer)
        return box.width, box.height

    def fit(self, text: str, fontsize: float, width: float, weight: str = "normal") -> str:
        """``text`` on one line, cut with "…" until it is no wider than ``width`` pixels."""
        text = " ".join(text.split())
        if self.size(text, fontsize, weight)[0] <= width:
            return text
        low, high = 0, len(text)
        while low < high:  # the longest cut that fits
            middle = (low + high + 1) // 2
            if self.size(text[:middle].rstrip() + "…", fontsize, weight)[0] <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "…"

    def lines(self, text: str, fontsize: float, width: float, most: int) -> str:
        """``text`` in at most ``most`` lines no wider than ``width`` pixels; the last cut with "…" if need be."""
        wrapped = self.wrap(text, fontsize, width)
        if len(wrapped) <= most:
            return "\n".join(wrapped)
        words = text.split()
        kept = " ".join(wrapped[: most - 1]).split()
        return "\n".join([*wrapped[: most - 1], self.fit(" ".join(words[len(kept):]), fontsize, width)])

    def wrap(self, text: str, fontsize: float, width: float) -> list[str]:
        """``text`` in lines no wider than ``width`` pixels, word by word (a word too wide is cut with "…")."""
        lines: list[str] = []
        for word in text.split():
            trial = f"{lines[-1]} {word}" if lines else word
            if lines and self.size(trial, fontsize)[0] <= width:
                lines[-1] = trial
            else:
                lines.append(self.fit(word, fontsize, width))
        return lines


def _shown(text: str) -> str:
    """Free text as the picture draws it: past the personal-data guard, on one line."""
    return " ".join(mask_staff_text(text).text.split())


# --- Rows ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    kind: str  # "heading", "milestone" or "pilot"
    key: str  # the heading's phase key ("" none, "pilots"), or the item's id
    text: str
    item: Milestone | Pilot | None = None


def _dated_pilot(pilot: Pilot) -> bool:
    return pilot.start is not None and pilot.end is not None


def _rows(milestones: Sequence[Milestone], pilots: Sequence[Pilot], lang: str) -> list[_Row]:
    """Headings and items in order: phases in KS order (none last), each by date; then the pilots by start."""
    numbers = display_numbers(milestones)
    rows: list[_Row] = []
    for phase in (*KS_PHASES, ""):
        members = sorted((m for m in milestones if m.due and m.phase == phase),
                         key=lambda m: (m.due, numbers[m.id]))
        if not members:
            continue
        rows.append(_Row("heading", str(phase), phase_label(phase, lang)))
        for m in members:
            title = _shown(m.title)
            rows.append(_Row("milestone", m.id, t("org.gantt.done", lang, title=title) if m.done else title, m))
    dated = sorted((p for p in pilots if _dated_pilot(p)), key=lambda p: (p.start, p.end))
    if dated:
        rows.append(_Row("heading", "pilots", t("org.gantt.pilots", lang)))
        for p in dated:
            text = _shown(p.title) + (f" ({_shown(p.place)})" if p.place.strip() else "")
            rows.append(_Row("pilot", p.id, text, p))
    return rows


def _undated(milestones: Sequence[Milestone], pilots: Sequence[Pilot], lang: str) -> list[tuple[str, str]]:
    """(id, line) for each milestone without a day and each pilot without both days, in list order."""
    lines = []
    for m in milestones:
        if m.due is None:
            when = _shown(when_text(m, lang)) or t("org.gantt.no_time", lang)
            title = _shown(m.title)
            lines.append((m.id, t("org.gantt.undated_item", lang, when=when,
                                  title=t("org.gantt.done", lang, title=title) if m.done else title)))
    for p in pilots:
        if not _dated_pilot(p):
            lines.append((p.id, t("org.gantt.undated_item", lang, when=_pilot_when(p, lang),
                                  title=f"{_shown(p.title)} ({t('org.gantt.pilot', lang).lower()})")))
    return lines


def _pilot_when(pilot: Pilot, lang: str) -> str:
    if pilot.start and pilot.end:
        return t("org.date.period", lang, start=format_date(pilot.start, lang, short=True),
                 end=format_date(pilot.end, lang, short=True))
    if pilot.start:
        return t("org.date.from", lang, start=format_date(pilot.start, lang, short=True))
    if pilot.end:
        return t("org.date.until", lang, end=format_date(pilot.end, lang, short=True))
    return t("org.gantt.no_time", lang)


# --- The time axis ------------------------------------------------------------------------------


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _span(milestones: Sequence[Milestone], pilots: Sequence[Pilot]) -> tuple[date, date] | None:
    """From the first day of the first month to the first day after the last month with a dated item."""
    days = [m.due for m in milestones if m.due] + [d for p in pilots if _dated_pilot(p) for d in (p.start, p.end)]
    if not days:
        return None
    return _month_start(min(days)), _next_month(max(days))


def _months(start: date, end: date) -> list[date]:
    found, day = [], start
    while day <= end:
        found.append(day)
        day = _next_month(day)
    return found


def _month_labels(ax: Axes, measure: _Measure, months: list[date], lang: str, size: float) -> list[Text]:
    """Ticks at every month, labels at every ``step``-th (from January) where they do not touch; the year under."""
    ax.set_xticks([m.toordinal() for m in months], minor=True)
    ax.tick_params(axis="x", which="minor", length=3, color="#999999")
    axes_box = ax.get_window_extent(measure.renderer)
    x0, x1 = ax.get_xlim()
    px_per_day = axes_box.width / (x1 - x0)
    widest = max(measure.size(t(f"org.month.{n}", lang), size)[0] for n in range(1, 13))
    widest = max(widest, measure.size("2088", size)[0])
    need = widest + 8  # px between two labels' centres
    step = next((s for s in _STEPS if s * 28 * px_per_day >= need), 12)
    labelled = [m for m in months if (m.month - 1) % step == 0] or months[:1]
    if step == 12 and 365 * px_per_day < need:  # a plan over decades: every n-th January
        labelled = labelled[:: math.ceil(need / (365 * px_per_day))]
    first = labelled[0]
    if step == 12:  # every label is a January: the year says it
        texts = [str(m.year) for m in labelled]
    else:
        texts = [t(f"org.month.{m.month}", lang) + (f"\n{m.year}" if m.month == 1 or m is first else "")
                 for m in labelled]
    ax.set_xticks([m.toordinal() for m in labelled], texts, fontsize=size)
    ax.tick_params(axis="x", which="major", length=6, color="#666666")
    for m in months:  # a line at each new year; a faint one at each month while months are labelled closely
        if m.month == 1:
            ax.axvline(m.toordinal(), color="#888888", lw=0.9, zorder=0)
        elif step <= 3:
            ax.axvline(m.toordinal(), color="#E4E4E4", lw=0.6, zorder=0)
    return list(ax.get_xticklabels())


# --- Drawing ---------------------------------------------------------------------------------------


def _new_figure() -> tuple[Figure, Axes]:
    figure = Figure(figsize=A4_LANDSCAPE)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((_AXES_LEFT, _BOTTOM, _AXES_RIGHT - _AXES_LEFT, _TOP - _BOTTOM))
    return figure, ax


def _font_size(measure: _Measure, rows: int, room: float) -> tuple[float, int]:
    """The largest size at which ``rows`` rows fit ``room`` pixels, and how many rows fit at it."""
    for size in _SIZES:
        row_px = measure.size("Åg", size)[1] * _ROW_SPACING
        if rows * row_px <= room:
            return size, rows
    size = _SIZES[-1]
    return size, max(int(room // (measure.size("Åg", size)[1] * _ROW_SPACING)), 1)


def _draw_rows(figure: Figure, ax: Axes, measure: _Measure, rows: list[_Row], drawn: GanttArtists,
               size: float, lang: str) -> None:
    """Each row's name in the left column, and its diamond or bar with its date on the timeline."""
    px = figure.dpi / 72
    fig_w, fig_h = figure.bbox.width, figure.bbox.height
    axes_box = ax.get_window_extent(measure.renderer)
    name_right = axes_box.x0 - _GAP * px
    x_lo, x_hi = ax.get_xlim()
    row_px = axes_box.height / max(len(rows), 1)
    marker = min(11.0, 0.62 * row_px / px)  # pt
    date_size = max(size - 1.5, 6.5)
    # A long name takes two lines when the rows are tall enough for them (a short plan), else one with "…".
    most = 2 if row_px >= 2.5 * measure.size("Åg", size)[1] else 1
    for i, row in enumerate(rows):
        y = ax.transData.transform((x_lo, i))[1]
        if row.kind == "heading":
            colour = PHASE_COLOURS.get(row.key, NO_PHASE_COLOUR if row.key == "" else PILOT_COLOUR)
            ax.add_patch(Rectangle((x_lo, i - 0.5), x_hi - x_lo, 1, facecolor=colour, alpha=0.16, edgecolor="none",
                                   zorder=0))
            text = measure.fit(row.text, size, name_right - _LEFT * fig_w, "bold")
            drawn.headings[row.key] = figure.text(_LEFT, y / fig_h, text, ha="left", va="center", fontsize=size,
                                                  fontweight="bold", gid=f"heading-{row.key or 'none'}", **SAFE_TEXT)
            continue
        left = _LEFT * fig_w + _INDENT * px
        text = measure.lines(row.text, size, name_right - left, most)
        drawn.labels[row.key] = figure.text(left / fig_w, y / fig_h, text, ha="left", va="center", fontsize=size,
                                            linespacing=1.1, gid=f"label-{row.key}", **SAFE_TEXT)
        item = row.item
        if isinstance(item, Milestone):
            x = item.due.toordinal()
            colour = PHASE_COLOURS.get(item.phase, NO_PHASE_COLOUR)
            (diamond,) = ax.plot([x], [i], linestyle="none", marker="D", markersize=marker, markerfacecolor=colour,
                                 markeredgecolor="#222222", markeredgewidth=1.0, zorder=3, gid=f"milestone-{item.id}")
            drawn.diamonds[item.id] = diamond
            centre = ax.transData.transform((x, i))[0]
            span = (centre - marker * px / 2, centre + marker * px / 2)
            label = format_date(item.due, lang, short=True)
        else:
            start, end = item.start.toordinal(), item.end.toordinal() + 1  # through the last day
            x0, x1 = ax.transData.transform([(start, i), (end, i)])[:, 0]
            least = 3 * px  # a one-day pilot is still a visible bar
            if x1 - x0 < least:
                x0, x1 = (x0 + x1 - least) / 2, (x0 + x1 + least) / 2
            to_data = ax.transData.inverted().transform
            (d0, _), (d1, _) = to_data([(x0, y), (x1, y)])
            bar = Rectangle((d0, i - 0.3), d1 - d0, 0.6, facecolor=PILOT_COLOUR, edgecolor="#222222", linewidth=0.8,
                            alpha=0.55 if item.status == "planlagt" else 0.9, zorder=3, gid=f"pilot-{item.id}")
            ax.add_patch(bar)
            drawn.bars[item.id] = bar
            span = (x0, x1)
            label = _pilot_when(item, lang)
        width, _ = measure.size(label, date_size)
        gap = _GAP * px / 2
        if span[1] + gap + width <= axes_box.x1 - gap:
            x, ha = span[1] + gap, "left"
        elif span[0] - gap - width >= axes_box.x0 + gap:
            x, ha = span[0] - gap, "right"
        else:
            continue  # no room either side: the axis and the alt text say it
        drawn.dates[item.id] = ax.text(*ax.transData.inverted().transform((x, y)), label, ha=ha, va="center",
                                       fontsize=date_size, color="#333333", zorder=4, gid=f"date-{item.id}",
                                       bbox=_DATE_BACKGROUND, **SAFE_TEXT)


def _draw_side(figure: Figure, ax: Axes, measure: _Measure, drawn: GanttArtists, handles: list,
               undated: list[tuple[str, str]], lang: str) -> None:
    """The legend, then the box "Uten dato", in the column right of the timeline."""
    px = figure.dpi / 72
    fig_w, fig_h = figure.bbox.width, figure.bbox.height
    axes_box = ax.get_window_extent(measure.renderer)
    left = axes_box.x1 + 18 * px
    width = _RIGHT * fig_w - left
    top = axes_box.y1
    if handles:
        legend = figure.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(left / fig_w, top / fig_h), frameon=False,
            fontsize=_BOX_SIZE, title=t("org.gantt.legend", lang), title_fontsize=_BOX_SIZE + 1, alignment="left",
            borderaxespad=0, borderpad=0, handlelength=1.6,
        )
        top = legend.get_window_extent(measure.renderer).y0 - 16 * px
    if not undated:
        return
    heading = figure.text(left / fig_w, top / fig_h, t("org.gantt.undated", lang), ha="left", va="top",
                          fontsize=_BOX_SIZE + 1, fontweight="bold", gid="undated", **SAFE_TEXT)
    drawn.undated.append(heading)
    y = heading.get_window_extent(measure.renderer).y0 - 4 * px
    line = measure.size("Åg", _BOX_SIZE)[1] * 1.25
    room = int((y - _BOTTOM * fig_h) // line)  # down to the page's margin, even below a short timeline
    entries = [(item_id, measure.wrap(entry, _BOX_SIZE, width - 10 * px)) for item_id, entry in undated]
    lines: list[tuple[str, int, str]] = []
    for index, (item_id, wrapped) in enumerate(entries):
        more_after = index < len(entries) - 1
        if len(lines) + len(wrapped) + more_after > room:  # whole items only, and room to say how many are left
            hidden = len(entries) - index
            lines.append(("more", 0, t("org.gantt.more", lang, count=hidden)))
            break
        lines += [(item_id, k, text) for k, text in enumerate(wrapped)]
    for row, (item_id, k, text) in enumerate(lines):
        x = left + (10 * px if k else 0)
        drawn.undated.append(figure.text(x / fig_w, (y - row * line) / fig_h, text, ha="left", va="top",
                                         fontsize=_BOX_SIZE, gid=f"undated-{item_id}-{k}", **SAFE_TEXT))


def draw_gantt_artists(
    milestones: Iterable[Milestone],
    pilots: Iterable[Pilot] = (),
    *,
    lang: str = DEFAULT_LANG,
    today: date | None = None,
    title: str = "",
) -> GanttArtists:
    """Draw the timeline (see the module) and return what was drawn, by item id.

    ``today``, when on the axis, is a dashed line labelled "I dag"; ``title``
    (drawn literally) defaults to "Milepælsplan". O(n log n + n x label fitting).
    """
    milestones, pilots = list(milestones), list(pilots)
    figure, ax = _new_figure()
    measure = _Measure(figure)
    drawn = GanttArtists(figure, ax)
    figure.text(_LEFT, 0.955, title or t("org.gantt.title", lang), ha="left", va="top", fontsize=16,
                gid="title", **SAFE_TEXT)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    ax.spines["bottom"].set_color("#999999")
    ax.set_yticks([])
    rows = _rows(milestones, pilots, lang)
    axes_box = ax.get_window_extent(measure.renderer)
    size, fits = _font_size(measure, len(rows), axes_box.height)
    drawn.fontsize = size
    tallest = measure.size("Åg", size)[1] * _ROW_SPACING * 2  # a short plan keeps its rows together at the top
    if rows and len(rows) * tallest < axes_box.height:
        height = max(len(rows) * tallest / figure.bbox.height, _MIN_HEIGHT)
        ax.set_position((_AXES_LEFT, _TOP - height, _AXES_RIGHT - _AXES_LEFT, height))
        axes_box = ax.get_window_extent(measure.renderer)
    hidden = 0
    if fits < len(rows):
        keep = rows[: fits - 1]
        hidden = sum(1 for row in rows[fits - 1:] if row.kind != "heading")
        rows = keep
    ax.set_ylim(max(len(rows), 1) - 0.5 + (1 if hidden else 0), -0.5)

    span = _span(milestones, pilots)
    if span is None:
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        ax.text(0.5, 0.5, t("org.gantt.empty", lang), ha="center", va="center", fontsize=12, color="#555555",
                transform=ax.transAxes, gid="empty", **SAFE_TEXT)
    else:
        start, end = span
        days = end.toordinal() - start.toordinal()
        pad = days * (7 * figure.dpi / 72 + 4) / max(axes_box.width - 14 * figure.dpi / 72 - 8, 1)
        ax.set_xlim(start.toordinal() - pad, end.toordinal() + pad)
        drawn.months = _month_labels(ax, measure, _months(start, end), lang, 9.0)
        _draw_rows(figure, ax, measure, rows, drawn, size, lang)
        if hidden:
            y = ax.transData.transform((0, len(rows)))[1]
            drawn.more = figure.text(_LEFT + _INDENT / 72 * figure.dpi / figure.bbox.width, y / figure.bbox.height,
                                     t("org.gantt.more", lang, count=hidden), ha="left", va="center", fontsize=size,
                                     gid="more", **SAFE_TEXT)
        lo, hi = ax.get_xlim()
        if today is not None and lo <= today.toordinal() <= hi:
            ax.axvline(today.toordinal(), color="#222222", lw=1.2, linestyle="--", zorder=2, gid="today-line")
            drawn.today = ax.text(today.toordinal(), 1.0, t("org.gantt.today", lang), ha="center", va="bottom",
                                  transform=ax.get_xaxis_transform(), fontsize=9, color="#222222", gid="today",
                                  **SAFE_TEXT)

    handles: list = []
    shown_phases = [row.key for row in rows if row.kind == "heading" and row.key != "pilots"]
    for key in shown_phases:
        handles.append(Line2D([], [], linestyle="none", marker="D", markersize=8, markeredgecolor="#222222",
                              markerfacecolor=PHASE_COLOURS.get(key, NO_PHASE_COLOUR), label=phase_label(key, lang)))
    if drawn.bars:
        handles.append(Patch(facecolor=PILOT_COLOUR, edgecolor="#222222", alpha=0.9, label=t("org.gantt.pilot", lang)))
    if drawn.today is not None:
        handles.append(Line2D([], [], color="#222222", lw=1.2, linestyle="--", label=t("org.gantt.today", lang)))
    _draw_side(figure, ax, measure, drawn, handles, _undated(milestones, pilots, lang), lang)
    return drawn


def draw_gantt(
    milestones: Iterable[Milestone],
    pilots: Iterable[Pilot] = (),
    *,
    lang: str = DEFAULT_LANG,
    today: date | None = None,
    title: str = "",
) -> Figure:
    """The timeline as an A4 landscape figure (:func:`draw_gantt_artists`, for when only the picture counts)."""
    return draw_gantt_artists(milestones, pilots, lang=lang, today=today, title=title).figure


def save_gantt(
    milestones: Iterable[Milestone],
    pilots: Iterable[Pilot],
    path: str | Path,
    fmt: str | None = None,
    *,
    lang: str = DEFAULT_LANG,
    today: date | None = None,
    title: str = "",
    dpi: int = 150,
) -> Path:
    """Draw the timeline and write it as PNG, SVG or PDF: ``fmt``, or else the file name's suffix.

    SVG keeps the names as real text; files carry no timestamp, so the same
    plan gives the same file. A format that is none of the three raises
    :class:`InvalidInputError` (``bad_image_format``) before anything is drawn.

    >>> from samskaping.core.exceptions import InvalidInputError
    >>> try:
    ...     save_gantt([], [], "plan.docx")
    ... except InvalidInputError as exc:
    ...     print(exc.reason)
    bad_image_format
    """
    path, suffix = check_format(path, fmt)
    figure = draw_gantt(milestones, pilots, lang=lang, today=today, title=title)
    return save_figure(figure, path, suffix, dpi)


# --- In words ---------------------------------------------------------------------------------------


def _count(kind: str, count: int, lang: str) -> str:
    return t(f"org.alt.{kind}.{count if count < 2 else 'n'}", lang, count=count)


def gantt_alt_text(
    milestones: Iterable[Milestone], pilots: Iterable[Pilot] = (), *, lang: str = DEFAULT_LANG,
    today: date | None = None,
) -> str:
    """The timeline in words, for a screen reader and a report's figure text (universell utforming).

    How many milestones and pilots there are and the months they span; then
    each phase's milestones in date order with their dates, the pilots with
    their periods, and the milestones and pilots without a date with the
    plan's words for their time. Plain text: escape it for where it goes. O(n log n).

    >>> plan = [Milestone("p", "Prosjektplan ferdig", date(2018, 11, 1), phase="innsikt", done=True),
    ...         Milestone("p", "Underveisvurdering", due_text="Vår 2019"),
    ...         Milestone("p", "Sluttrapport", date(2020, 6, 30), phase="overgang_til_drift")]
    >>> print(gantt_alt_text(plan, [Pilot("p", "", "Nærværsteam", "Ungdomsskolen", date(2019, 8, 15),
    ...                                   date(2019, 12, 20))]))
    Milepælsplan med 3 milepæler og 1 utprøving, fra november 2018 til juni 2020. \
Innsikt: Prosjektplan ferdig (1. november 2018, nådd). Overgang til drift: Sluttrapport (30. juni 2020). \
Utprøvinger: Nærværsteam, Ungdomsskolen (15. august 2019–20. desember 2019). Uten dato: Underveisvurdering (Vår 2019).
    """
    milestones, pilots = list(milestones), list(pilots)
    if not milestones and not pilots:
        return t("org.alt.empty", lang)
    counts = {"milestones": _count("milestones", len(milestones), lang), "pilots": _count("pilots", len(pilots), lang)}
    span = _span(milestones, pilots)
    if span is None:
        parts = [t("org.alt.summary_undated", lang, **counts)]
    else:
        last = date.fromordinal(span[1].toordinal() - 1)
        parts = [t("org.alt.summary", lang, **counts,
                   start=f"{t(f'org.month_long.{span[0].month}', lang)} {span[0].year}",
                   end=f"{t(f'org.month_long.{last.month}', lang)} {last.year}")]
    for row in _rows(milestones, pilots, lang):
        if row.kind != "heading" or row.key == "pilots":
            continue
        members = sorted((m for m in milestones if m.due and m.phase == row.key), key=lambda m: m.due)
        items = ", ".join(
            t("org.alt.milestone_done" if m.done else "org.alt.milestone", lang, title=_shown(m.title),
              when=format_date(m.due, lang))
            for m in members
        )
        parts.append(t("org.alt.phase", lang, phase=row.text, items=items))
    dated = sorted((p for p in pilots if _dated_pilot(p)), key=lambda p: (p.start, p.end))
    if dated:
        items = ", ".join(
            t("org.alt.pilot_place" if p.place.strip() else "org.alt.pilot", lang, title=_shown(p.title),
              place=_shown(p.place),
              period=t("org.date.period", lang, start=format_date(p.start, lang), end=format_date(p.end, lang)))
            for p in dated
        )
        parts.append(t("org.alt.pilots", lang, items=items))
    undated = [t("org.alt.milestone_done" if m.done else "org.alt.milestone", lang, title=_shown(m.title),
                 when=_shown(when_text(m, lang)) or t("org.gantt.no_time", lang).lower())
               for m in milestones if m.due is None]
    undated += [t("org.alt.milestone", lang, title=_shown(p.title), when=_pilot_when(p, lang))
                for p in pilots if not _dated_pilot(p)]
    if undated:
        parts.append(t("org.alt.undated", lang, items=", ".join(undated)))
    if today is not None:
        parts.append(t("org.alt.today", lang, date=format_date(today, lang)))
    return " ".join(parts)
