"""The goal tree as a picture: samfunnsmål on the left, effektmål in the middle, resultatmål on the right.

The steering group and the project plan get this "logisk modell" on one A4
landscape page. It reads left to right, from why to what: on A4 landscape a
column of resultatmål keeps its boxes wide, so a goal of two sentences wraps
into a few lines instead of a narrow tower of broken words, and fifteen goals
still fit. Every goal is shown whole: texts are wrapped to their box and the
whole tree shrinks its font until everything fits, never cut. Each goal
carries its outline number ("1.2.1"), the same as in the text alternative
(:func:`goal_tree_alt_text`); a resultatmål shows its indicator under it.

Drawn on a :class:`~matplotlib.figure.Figure` of its own, never through
pyplot; goal texts are drawn literally (no math text, no TeX), so
"$x$ <script>" stays that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Text

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.plotting import A4_LANDSCAPE, SAFE_TEXT, check_format, save_figure
from samskaping.goals.model import LEVELS, Branch, Goal, GoalLevel, level_label, numbering, tree, walk

__all__ = [
    "LEVEL_COLOURS", "LEVEL_SHADES", "GoalTreeArtists", "draw_goal_tree_artists", "draw_goal_tree",
    "save_goal_tree", "goal_tree_alt_text",
]

#: Okabe-Ito, told apart with any colour vision; the column heading names the level too, for grey prints.
LEVEL_COLOURS = {"samfunnsmal": "#0072B2", "effektmal": "#009E73", "resultatmal": "#D55E00"}
LEVEL_SHADES = {"samfunnsmal": "#DCEAF5", "effektmal": "#DDF1EA", "resultatmal": "#FBE3D3"}

#: How much of the width each level's column gets: resultatmål carry an indicator and are the most.
_COLUMN_WEIGHT = {"samfunnsmal": 0.85, "effektmal": 1.0, "resultatmal": 1.5}
_MAX_COLUMN = 5.0  # in: wider lines are hard to read
_MARGIN = 0.35  # in, left, right and bottom
_HEADING = 0.65  # in at the top for the level names
_TITLE = 0.45  # in more for a title
_COLUMN_GAP = 0.55  # in between columns, where the lines run
# Spaces grow and shrink with the font, in em (the font size): a tree of fifteen goals keeps its words large.
_BAND_GAP = 0.9  # em between neighbouring goals in a column
_PAD = 0.6  # em inside a box, around its text
_INDICATOR_GAP = 0.35  # em between a goal and its indicator
_INDICATOR_SCALE = 0.86  # the indicator's font size, relative to the goal's
_WRAP_SLACK = 0.98  # wrap a little short of the box: a line is measured word by word
_MAX_FONT, _MIN_FONT = 11.0, 1.0
_MAX_SPREAD = 4.0  # a tree with room to spare spreads out: gaps up to this many times their least


@dataclass
class GoalTreeArtists:
    """What :func:`draw_goal_tree_artists` drew, by goal id, for tests and for pages that add to it."""

    figure: Figure
    ax: Axes
    boxes: dict[str, FancyBboxPatch] = field(default_factory=dict)
    texts: dict[str, Text] = field(default_factory=dict)
    indicators: dict[str, Text] = field(default_factory=dict)  # resultatmål with an indicator
    lines: dict[str, Line2D] = field(default_factory=dict)  # by the child's id, to its parent
    level_names: dict[str, Text] = field(default_factory=dict)  # by level, the column headings
    fontsize: float = 0.0  # the goals' font size, pt


# --- Measuring text -----------------------------------------------------------------------


class _Measure:
    """Text widths and heights in inches as the renderer draws them, remembered per text and size.

    Measured at the very size drawn: at 6 pt, hinting makes a line up to a
    tenth wider than the same line at 10 pt scaled down.
    """

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.renderer = figure.canvas.get_renderer()
        self.dpi = figure.dpi
        self.widths: dict[tuple[str, float, bool], float] = {}

    def width(self, text: str, size: float, italic: bool = False) -> float:
        """``text``'s width in inches at ``size`` pt, on one line."""
        known = self.widths.get((text, size, italic))
        if known is None:
            prop = FontProperties(size=size, style="italic" if italic else "normal")
            known, _, _ = self.renderer.get_text_width_height_descent(text, prop, ismath=False)
            known = self.widths[text, size, italic] = known / self.dpi
        return known

    def text_height(self, text: str, size: float, italic: bool = False) -> float:
        """The height in inches of ``text`` as drawn at ``size`` pt (line breaks and tall letters counted)."""
        probe = Text(0, 0, text, fontsize=size, style="italic" if italic else "normal", figure=self.figure,
                     **SAFE_TEXT)
        return probe.get_window_extent(self.renderer).height / self.dpi


def _split_word(word: str, room: float, size: float, measure: _Measure, italic: bool) -> list[str]:
    """A word wider than the box, in pieces that fit: after a hyphen or slash where it has one, else anywhere.

    >>> from matplotlib.figure import Figure
    >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
    >>> measure = _Measure(FigureCanvasAgg(Figure()).figure)
    >>> _split_word("kompetanseheving-og-sertifiseringsløp", 1.6, 10, measure, False)
    ['kompetanseheving-', 'og-sertifiseringsløp']
    """
    pieces, current = [], ""
    for part in re.split(r"(?<=[-/])", word):
        if current and measure.width(current + part, size, italic) <= room:
            current += part
            continue
        if current:
            pieces.append(current)
        current = ""
        for ch in part:
            if current and measure.width(current + ch, size, italic) > room:
                pieces.append(current)
                current = ch
            else:
                current += ch
    return [*pieces, current] if current else pieces


def _wrap(text: str, room: float, size: float, measure: _Measure, italic: bool = False) -> list[str]:
    """``text`` in lines no wider than ``room`` inches at ``size`` pt; its own line breaks are kept."""
    lines: list[str] = []
    space = measure.width("x x", size, italic) - measure.width("xx", size, italic)
    for paragraph in text.split("\n"):
        line, width = "", 0.0
        for word in paragraph.split():
            fits = measure.width(word, size, italic) <= room
            pieces = [word] if fits else _split_word(word, room, size, measure, italic)
            for piece in pieces:
                piece_width = measure.width(piece, size, italic)
                if line and width + space + piece_width <= room:
                    line, width = f"{line} {piece}", width + space + piece_width
                else:
                    if line:
                        lines.append(line)
                    line, width = piece, piece_width
        lines.append(line)
    return lines


# --- Layout -------------------------------------------------------------------------------


@dataclass
class _Box:
    goal: Goal
    main: str  # the wrapped goal, with its number
    indicator: str  # the wrapped indicator line, or ""
    height: float  # in
    text_height: float  # in, of the goal's text (without the indicator)
    x0: float = 0.0
    width: float = 0.0
    y0: float = 0.0  # bottom, in


def _columns(goals: Sequence[Goal], width: float) -> dict[str, tuple[float, float]]:
    """Each level's column ``(x0, width)`` in inches: only the levels in use, centred on the page."""
    used = [level for level in LEVELS if any(goal.level == level for goal in goals)]
    room = width - 2 * _MARGIN - _COLUMN_GAP * (len(used) - 1)
    total = sum(_COLUMN_WEIGHT[level] for level in used)
    widths = {level: min(room * _COLUMN_WEIGHT[level] / total, _MAX_COLUMN) for level in used}
    x = (width - sum(widths.values()) - _COLUMN_GAP * (len(used) - 1)) / 2
    columns = {}
    for level in used:
        columns[level.value] = (x, widths[level])
        x += widths[level] + _COLUMN_GAP
    return columns


def _boxes(goals: Sequence[Goal], columns, size: float, measure: _Measure, lang: str) -> dict[str, _Box]:
    """Every goal's text wrapped to its column, and its box's height, at font ``size``."""
    numbers = numbering(goals)
    boxes = {}
    small, em = size * _INDICATOR_SCALE, size / 72
    for goal in goals:
        x0, width = columns[goal.level]
        room = (width - 2 * _PAD * em) * _WRAP_SLACK
        main = "\n".join(_wrap(f"{numbers[goal.id]} {goal.text}", room, size, measure))
        text_height = measure.text_height(main, size)
        height = 2 * _PAD * em + text_height
        indicator = ""
        if goal.level == GoalLevel.RESULTATMAL and goal.indicator:
            text = t("goal.tree.indicator", lang, indicator=goal.indicator)
            indicator = "\n".join(_wrap(text, room, small, measure, italic=True))
            height += _INDICATOR_GAP * em + measure.text_height(indicator, small, italic=True)
        boxes[goal.id] = _Box(goal, main, indicator, height, text_height, x0, width)
    return boxes


def _need(branch: Branch, boxes: dict[str, _Box], gap: float) -> float:
    """The height a goal and everything under it take: its own box, or its children's stacked, the larger."""
    goal, children = branch
    return max(boxes[goal.id].height, _total(children, boxes, gap))


def _total(branches: Sequence[Branch], boxes: dict[str, _Box], gap: float) -> float:
    """The height of ``branches`` stacked, ``gap`` inches apart."""
    return sum(_need(branch, boxes, gap) for branch in branches) + gap * max(len(branches) - 1, 0)


def _place(branches: Sequence[Branch], boxes: dict[str, _Box], top: float, gap: float) -> None:
    """Stack ``branches`` downwards from ``top``: each goal centred on the band its children share.

    Each goal's band is what it needs (:func:`_need`), so the bands of
    neighbours in a column never overlap, and each box lies in its band.
    """
    for goal, children in branches:
        band = _need((goal, children), boxes, gap)
        _place(children, boxes, top - (band - _total(children, boxes, gap)) / 2, gap)
        box = boxes[goal.id]
        box.y0 = top - band / 2 - box.height / 2
        top -= band + gap


#: The font sizes tried, largest first: quarter points down to 4 pt, then tenths (a tree that needs them is huge).
_SIZES = [_MAX_FONT - 0.25 * i for i in range(int((_MAX_FONT - 4) / 0.25))] + [
    4 - 0.1 * i for i in range(int((4 - _MIN_FONT) / 0.1) + 1)]


def _font_size(branches, goals, columns, room: float, measure: _Measure, lang: str) -> float:
    """The largest of :data:`_SIZES` at which the whole tree fits ``room`` inches high.

    A smaller font never needs more room, so a binary search finds it:
    about six layouts, each measured as drawn. O(n log sizes).
    """

    def fits(size: float) -> bool:
        return _total(branches, _boxes(goals, columns, size, measure, lang), _BAND_GAP * size / 72) <= room

    low, high = 0, len(_SIZES) - 1  # the answer is in _SIZES[low:high + 1]; the last is the fallback
    while low < high:
        middle = (low + high) // 2
        if fits(_SIZES[middle]):
            high = middle
        else:
            low = middle + 1
    return _SIZES[low]


# --- Drawing ------------------------------------------------------------------------------


def _new_figure() -> tuple[Figure, Axes]:
    """An A4 landscape figure whose one axes are the page, in inches from the bottom left."""
    figure = Figure(figsize=A4_LANDSCAPE)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, A4_LANDSCAPE[0])
    ax.set_ylim(0, A4_LANDSCAPE[1])
    ax.set_axis_off()
    return figure, ax


def _draw(figure: Figure, ax: Axes, goals: Sequence[Goal], size: float, title: str, lang: str) -> GoalTreeArtists:
    """Lay the tree out at font ``size`` and draw it on ``ax`` (cleared first)."""
    ax.clear()
    ax.set_xlim(0, A4_LANDSCAPE[0])
    ax.set_ylim(0, A4_LANDSCAPE[1])
    ax.set_axis_off()
    artists = GoalTreeArtists(figure, ax, fontsize=size)
    width, height = A4_LANDSCAPE
    top = height - _HEADING - (_TITLE if title else 0.0)
    if title:
        ax.text(_MARGIN, height - _MARGIN, title, ha="left", va="top", fontsize=14, fontweight="bold", **SAFE_TEXT)
    measure = _Measure(figure)
    columns = _columns(goals, width)
    branches = tree(goals)
    boxes = _boxes(goals, columns, size, measure, lang)
    room, em = top - _MARGIN, size / 72
    # Room to spare goes between the goals (up to a point), the rest above and below the tree.
    gap = _BAND_GAP * em
    bands = sum(1 for _ in walk(branches)) - 1
    total = _total(branches, boxes, gap)
    if bands and total < room:
        gap = min(gap + (room - total) / bands, gap * _MAX_SPREAD)
        total = _total(branches, boxes, gap)
    _place(branches, boxes, top - max(room - total, 0) / 2, gap)

    for level, (x0, column_width) in columns.items():
        artists.level_names[level] = ax.text(
            x0 + column_width / 2, top + 0.18, level_label(level, lang), ha="center", va="bottom", fontsize=13,
            fontweight="bold", color=LEVEL_COLOURS[level], **SAFE_TEXT,
        )
    for box in boxes.values():
        level = box.goal.level.value
        artists.boxes[box.goal.id] = ax.add_patch(FancyBboxPatch(
            (box.x0, box.y0), box.width, box.height, boxstyle="round,pad=0,rounding_size=0.06",
            facecolor=LEVEL_SHADES[level], edgecolor=LEVEL_COLOURS[level], linewidth=1.2, zorder=2,
            gid=f"goal-{box.goal.id}",
        ))
        y1 = box.y0 + box.height
        artists.texts[box.goal.id] = ax.text(
            box.x0 + _PAD * em, y1 - _PAD * em, box.main, ha="left", va="top", fontsize=size, color="#1A1A1A",
            zorder=3, **SAFE_TEXT,
        )
        if box.indicator:
            below = y1 - _PAD * em - box.text_height - _INDICATOR_GAP * em
            artists.indicators[box.goal.id] = ax.text(
                box.x0 + _PAD * em, below, box.indicator, ha="left", va="top", fontsize=size * _INDICATOR_SCALE,
                style="italic", color="#333333", zorder=3, **SAFE_TEXT,
            )
    for parent, child in _pairs(branches):
        a, b = boxes[parent.id], boxes[child.id]
        ya, yb = a.y0 + a.height / 2, b.y0 + b.height / 2
        elbow = b.x0 - _COLUMN_GAP / 2
        artists.lines[child.id] = ax.add_line(Line2D(
            [a.x0 + a.width, elbow, elbow, b.x0], [ya, ya, yb, yb], color="#555555", linewidth=1.0, zorder=1,
        ))
    return artists


def _pairs(branches: Sequence[Branch]) -> Iterable[tuple[Goal, Goal]]:
    """Every (parent, child) of the tree, depth first."""
    for goal, children in branches:
        for child, _ in children:
            yield goal, child
        yield from _pairs(children)


def _fits(artists: GoalTreeArtists) -> bool:
    """Whether every text lies inside its box and every box on the page, as the renderer draws them."""
    renderer = artists.figure.canvas.get_renderer()
    page = artists.figure.bbox
    for goal_id, box in artists.boxes.items():
        outer = box.get_window_extent(renderer)
        if outer.y0 < page.y0 or outer.y1 > page.y1:
            return False
        for text in (artists.texts[goal_id], artists.indicators.get(goal_id)):
            if text is None:
                continue
            inner = text.get_window_extent(renderer)
            if inner.x0 < outer.x0 or inner.x1 > outer.x1 or inner.y0 < outer.y0 or inner.y1 > outer.y1:
                return False
    return True


def draw_goal_tree_artists(
    goals: Iterable[Goal], *, lang: str = DEFAULT_LANG, title: str = ""
) -> GoalTreeArtists:
    """Draw the goal tree on an A4 landscape figure and return what was drawn.

    One column per level in use, named at the top in its colour; each goal a
    box with its outline number and whole text, a resultatmål's indicator in
    smaller italics under it; a line from each goal's left edge to its
    parent's right edge. A goal sits level with the middle of its children,
    and neighbours never overlap. The font is the largest (at most 11 pt)
    at which the whole tree fits the page; after drawing, every text is
    measured against its box, and the font shrinks until all fit. A goal
    without a parent of a higher level stands on its own. O(n · sizes tried).
    """
    goals = list(goals)
    figure, ax = _new_figure()
    if not goals:
        ax.text(A4_LANDSCAPE[0] / 2, A4_LANDSCAPE[1] / 2, t("goal.tree.empty", lang), ha="center", va="center",
                fontsize=14, color="#666666")
        if title:
            ax.text(_MARGIN, A4_LANDSCAPE[1] - _MARGIN, title, ha="left", va="top", fontsize=14, fontweight="bold",
                    **SAFE_TEXT)
        return GoalTreeArtists(figure, ax)
    width, height = A4_LANDSCAPE
    room = height - _HEADING - (_TITLE if title else 0.0) - _MARGIN
    size = _font_size(tree(goals), goals, _columns(goals, width), room, _Measure(figure), lang)
    artists = _draw(figure, ax, goals, size, title, lang)
    while not _fits(artists) and size > _MIN_FONT / 2:
        size *= 0.93
        artists = _draw(figure, ax, goals, size, title, lang)
    return artists


def draw_goal_tree(goals: Iterable[Goal], *, lang: str = DEFAULT_LANG, title: str = "") -> Figure:
    """The goal tree as an A4 landscape figure (:func:`draw_goal_tree_artists`, for when only the picture counts)."""
    return draw_goal_tree_artists(goals, lang=lang, title=title).figure


def save_goal_tree(
    goals: Iterable[Goal], path: str | Path, fmt: str | None = None, *, lang: str = DEFAULT_LANG, title: str = "",
    dpi: int = 150,
) -> Path:
    """Draw the goal tree and write it as PNG, SVG or PDF: ``fmt``, or else the file name's suffix.

    SVG keeps the goals as real text (searchable, editable); files carry no
    timestamp, so the same goals give the same file. A format that is none of
    the three raises :class:`InvalidInputError` (``bad_image_format``) before
    anything is drawn.

    >>> from samskaping.core.exceptions import InvalidInputError
    >>> try:
    ...     save_goal_tree([], "mål.docx")
    ... except InvalidInputError as exc:
    ...     print(exc.reason)
    bad_image_format
    """
    path, suffix = check_format(path, fmt)
    return save_figure(draw_goal_tree(goals, lang=lang, title=title), path, suffix, dpi)


def goal_tree_alt_text(goals: Iterable[Goal], *, lang: str = DEFAULT_LANG) -> str:
    """The goal tree in words, for a screen reader or a report's figure text: what the picture shows.

    A sentence on how many goals of each level there are and how they are
    drawn, then one line per goal in the tree's order, indented by depth,
    with the outline number the picture shows and a resultatmål's indicator.
    Plain text: escape it for where it goes (HTML ``alt``). O(n).

    >>> s = Goal("p", "samfunnsmal", "Trygg oppvekst")
    >>> r = Goal("p", "resultatmal", "Felles rutiner", indicator="Andel skoler", parent_id=s.id)
    >>> print(goal_tree_alt_text([s, r]).split("\\n", 1)[1])
    Samfunnsmål 1: Trygg oppvekst
      Resultatmål 1.1: Felles rutiner (Indikator: Andel skoler)
    """
    goals = list(goals)
    if not goals:
        return t("goal.alt.empty", lang)
    counts = ", ".join(
        t("goal.alt.count", lang, level=level_label(level, lang).lower(), count=sum(g.level == level for g in goals))
        for level in LEVELS if any(g.level == level for g in goals)
    )
    lines = [t("goal.alt.summary", lang, count=len(goals), counts=counts)]
    numbers = numbering(goals)
    for goal, depth in walk(tree(goals)):
        line = t("goal.alt.goal", lang, level=level_label(goal.level, lang), nr=numbers[goal.id],
                 text=" ".join(goal.text.split()))
        if goal.level == GoalLevel.RESULTATMAL and goal.indicator:
            line += f" ({t('goal.tree.indicator', lang, indicator=goal.indicator)})"
        lines.append("  " * depth + line)
    return "\n".join(lines)
