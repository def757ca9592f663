"""The risk matrix: 5 x 5 cells of likelihood and consequence, each risk by its number.

Drawn as the seed plans draw it (Nesseby's "Risikovurdering"): likelihood up the
side, 1 "Meget liten" at the bottom to 5 "Meget stor" at the top; consequence
along the bottom, 1 "Ubetydelig" on the left to 5 "Svært alvorlig" on the right;
each risk as "Nr. 2" in its cell. It goes on a projector in a steering-group
meeting and into an A4 plan, so:

* each cell is shaded by the level of its score and also says that level in
  words ("Høy (16)"), so colour is never the only cue (colour-blind safe
  tints that darken with the level, :data:`~samskaping.risks.model.LEVEL_SHADES`);
* labels are as large as their cell allows (18 pt for one risk), stacked in
  columns that never overlap or leave the cell; a crowded cell drops "Nr."
  and, beyond that, lists its numbers in one text;
* a key beside the matrix names each number's risk, drawn literally (no math
  text: "$x$ <script>" stays that), after the personal-data guard;
* :func:`matrix_alt_text` says the same in words (universell utforming).

Like the other plots, it draws on a :class:`~matplotlib.figure.Figure` of its
own (or an ``ax`` you pass), never through pyplot. Every label carries the gid
``risk-<id>`` (:func:`risk_labels` finds them), each cell ``cell-<likelihood>-<consequence>``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.plotting import A4_LANDSCAPE, SAFE_TEXT, check_format, save_figure
from samskaping.core.privacy.staff import mask_staff_text
from samskaping.risks.model import (
    DEFAULT_THRESHOLDS,
    LEVEL_SHADES,
    RISK_LEVELS,
    SCALE_MAX,
    SCALE_MIN,
    Risk,
    Thresholds,
    display_numbers,
    scale_word,
)

__all__ = ["draw_matrix", "save_matrix", "matrix_alt_text", "risk_labels", "cell_labels"]

_STEPS = range(SCALE_MIN, SCALE_MAX + 1)
#: Label sizes to try, largest first: "Nr. 2" (projector size down to small print), then "2" alone.
_FULL_SIZES = (18.0, 16.0, 14.0, 13.0, 12.0, 11.0, 10.0)
_SHORT_SIZES = (14.0, 12.0, 11.0, 10.0, 9.0)
#: A crowded cell's numbers in one text, as a last resort (the alt text and the key name them all).
_LIST_SIZES = (10.0, 9.0, 8.0, 7.0)
_PAD = 0.2  # the chip around a label, in units of its font size
_GAP_PT = 2.0  # between two chips
_MARGIN_PT = 3.0  # between the chips and the cell's edge
_CORNER_SIZE = 10.0  # the level in words, in each cell's top left corner
_KEY_SIZE = 10.0
_CHIP = {"boxstyle": f"round,pad={_PAD}", "facecolor": "white", "edgecolor": "#333333", "linewidth": 1.0}


# --- Measuring --------------------------------------------------------------------------------


def _renderer(figure: Figure):
    get = getattr(figure.canvas, "get_renderer", None)
    if get is not None:
        return get()
    width, height = figure.get_size_inches() * figure.dpi
    return RendererAgg(int(width), int(height), figure.dpi)


def _size_px(figure: Figure, renderer, text: str, size: float, weight: str = "bold") -> tuple[float, float]:
    """Width and height in pixels of ``text`` drawn at ``size`` points, as the renderer will draw it."""
    probe = Text(0, 0, text, fontsize=size, fontweight=weight, **SAFE_TEXT)
    probe.set_figure(figure)
    box = probe.get_window_extent(renderer)
    return box.width, box.height


def _cell_box(ax: Axes, likelihood: int, consequence: int) -> tuple[float, float, float, float]:
    """A cell's box in display pixels: x0, y0, x1, y1 (consequence across, likelihood up)."""
    (x0, y0), (x1, y1) = ax.transData.transform(
        [(consequence - 0.5, likelihood - 0.5), (consequence + 0.5, likelihood + 0.5)]
    )
    return x0, y0, x1, y1


# --- Fitting a cell's labels --------------------------------------------------------------------


def _grid(n: int, chip_w: float, chip_h: float, room_w: float, room_h: float) -> tuple[int, int] | None:
    """The fewest columns (and so rows) in which ``n`` chips fit the room, or ``None``."""
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        if cols * chip_w <= room_w and rows * chip_h <= room_h:
            return cols, rows
    return None


def _fit(
    figure: Figure, renderer, texts: Sequence[str], sizes: Sequence[float], room_w: float, room_h: float
) -> tuple[float, int, int, float, float] | None:
    """The largest size at which the chips of ``texts`` fit the room: size, columns, rows, chip width and height.

    A chip's room (pixels) is the widest and tallest text plus its padding and
    the gap to the next chip; the last column and row need no gap.
    """
    px = figure.dpi / 72
    for size in sizes:
        measured = [_size_px(figure, renderer, text, size) for text in texts]
        pad = 2 * _PAD * size * px
        chip_w = max(w for w, _ in measured) + pad + _GAP_PT * px
        chip_h = max(h for _, h in measured) + pad + _GAP_PT * px
        grid = _grid(len(texts), chip_w, chip_h, room_w + _GAP_PT * px, room_h + _GAP_PT * px)
        if grid:
            return size, *grid, chip_w, chip_h
    return None


def _number_list(figure: Figure, renderer, numbers: Sequence[int], room_w: float, room_h: float) -> tuple[str, float]:
    """A crowded cell's numbers as lines of "1, 2, 3", at the largest size that fits; cut with "+N" if none does."""
    for size in _LIST_SIZES:
        for shown in range(len(numbers), 0, -1):
            words = [str(n) for n in numbers[:shown]]
            rest = len(numbers) - shown
            lines: list[str] = []
            for word in words:
                trial = f"{lines[-1]}, {word}" if lines else word
                if lines and _size_px(figure, renderer, trial, size)[0] <= room_w:
                    lines[-1] = trial
                else:
                    lines.append(word)
            if rest:
                lines.append(f"+{rest}")
            text = "\n".join(lines)
            w, h = _size_px(figure, renderer, text, size)
            if w <= room_w and h <= room_h:
                return text, size
            if size != _LIST_SIZES[-1]:
                break  # try a smaller size before cutting
    return f"+{len(numbers)}", _LIST_SIZES[-1]


def _draw_cell_labels(
    figure: Figure, ax: Axes, renderer, box: tuple[float, float, float, float],
    members: Sequence[tuple[int, Risk]], lang: str,
) -> list[Text]:
    """Stack the labels of one cell's risks in its free room, top to bottom, left to right."""
    px = figure.dpi / 72
    x0, y0, x1, y1 = box
    header = (_CORNER_SIZE * 1.3 + 2) * px
    room = (x0 + _MARGIN_PT * px, y0 + _MARGIN_PT * px, x1 - _MARGIN_PT * px, y1 - header - _MARGIN_PT * px)
    room_w, room_h = room[2] - room[0], room[3] - room[1]
    centre = ((room[0] + room[2]) / 2, (room[1] + room[3]) / 2)
    to_data = ax.transData.inverted().transform

    full = [t("risk.matrix.label", lang, nr=nr) for nr, _ in members]
    short = [str(nr) for nr, _ in members]
    for texts, sizes in ((full, _FULL_SIZES), (short, _SHORT_SIZES)):
        fitted = _fit(figure, renderer, texts, sizes, room_w, room_h)
        if fitted is None:
            continue
        size, cols, rows, chip_w, chip_h = fitted
        labels = []
        for k, ((_, risk), text) in enumerate(zip(members, texts, strict=True)):
            row, col = divmod(k, cols)
            in_row = min(cols, len(members) - row * cols)  # the last row is centred too
            x = centre[0] + (col - (in_row - 1) / 2) * chip_w
            y = centre[1] + ((rows - 1) / 2 - row) * chip_h
            labels.append(ax.text(
                *to_data((x, y)), text, ha="center", va="center", fontsize=size, fontweight="bold",
                color="#111111", bbox=_CHIP, zorder=4, gid=f"risk-{risk.id}", **SAFE_TEXT,
            ))
        return labels
    text, size = _number_list(figure, renderer, [nr for nr, _ in members], room_w, room_h)
    label = ax.text(
        *to_data(centre), text, ha="center", va="center", fontsize=size, fontweight="bold", color="#111111",
        zorder=4, linespacing=1.15, gid="risks-" + "-".join(risk.id for _, risk in members), **SAFE_TEXT,
    )
    return [label]


# --- The key beside the matrix ------------------------------------------------------------------


def _width(figure: Figure, renderer, text: str) -> float:
    return _size_px(figure, renderer, text, _KEY_SIZE, "normal")[0]


def _fit_line(figure: Figure, renderer, text: str, width: float) -> str:
    """``text`` cut with "…" until it is no wider than ``width`` pixels at the key's size."""
    if _width(figure, renderer, text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest cut that fits
        middle = (low + high + 1) // 2
        if _width(figure, renderer, text[:middle].rstrip() + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _wrap(figure: Figure, renderer, text: str, width: float, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines no wider than ``width`` pixels, word by word; the last cut with "…"."""
    words = text.split()
    out: list[str] = []
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and _width(figure, renderer, f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if _width(figure, renderer, line) > width:  # one word wider than the key
            words.insert(0, line)
            break
        out.append(line)
    if words:
        out.append(_fit_line(figure, renderer, " ".join(words), width))
    return out


def _draw_key(figure: Figure, ax: Axes, renderer, numbered: Sequence[tuple[int, Risk]], lang: str,
              thresholds: Thresholds) -> None:
    """The levels' legend, the formula and the list "Nr. 2: title", to the right of the matrix."""
    px = figure.dpi / 72
    axes_box = ax.get_window_extent(renderer)
    fig_w, fig_h = figure.bbox.width, figure.bbox.height
    left = axes_box.x1 + 22 * px
    width = fig_w - left - 16 * px
    if width < 80 * px:
        return  # no room beside a caller's axes: the alt text and the tables name the risks
    handles = []
    for level in reversed(RISK_LEVELS):
        low, high = thresholds.span(level)
        handles.append(Patch(
            facecolor=LEVEL_SHADES[level], edgecolor="#555555",
            label=t("risk.matrix.range", lang, level=t(f"risk.level.{level}", lang), low=low, high=high),
        ))
    legend = figure.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(left / fig_w, axes_box.y1 / fig_h), frameon=False,
        fontsize=11, title=t("risk.matrix.legend", lang), title_fontsize=12, alignment="left",
        borderaxespad=0, borderpad=0,
    )
    y = legend.get_window_extent(renderer).y0 - 10 * px
    formula = figure.text(left / fig_w, y / fig_h, t("risk.matrix.formula", lang), ha="left", va="top",
                          fontsize=_KEY_SIZE, color="#333333", **SAFE_TEXT)
    y = formula.get_window_extent(renderer).y0 - 14 * px
    if not numbered:
        figure.text(left / fig_w, y / fig_h, t("risk.matrix.empty", lang), ha="left", va="top",
                    fontsize=_KEY_SIZE, color="#333333", **SAFE_TEXT)
        return
    title = figure.text(left / fig_w, y / fig_h, t("risk.matrix.key", lang), ha="left", va="top", fontsize=12,
                        fontweight="bold", **SAFE_TEXT)
    y = title.get_window_extent(renderer).y0 - 4 * px
    line = _KEY_SIZE * 1.45 * px
    fits = max(int((y - axes_box.y0) // line), 1)
    ordered = sorted(numbered, key=lambda item: item[0])
    # Two lines a risk when they all fit so, else one; a long list ends in "… og 3 til".
    per_risk = 2 if 2 * len(ordered) <= fits else 1
    shown = ordered if len(ordered) * per_risk <= fits else ordered[: fits - 1]
    row = 0
    for nr, risk in shown:
        prefix = f"{t('risk.matrix.label', lang, nr=nr)}: "
        indent = _width(figure, renderer, prefix.rstrip()) + _width(figure, renderer, "n")
        title = " ".join(mask_staff_text(risk.title).text.split())
        for k, text in enumerate(_wrap(figure, renderer, title, width - indent, per_risk)):
            x = left + (indent if k else 0)
            figure.text(x / fig_w, (y - row * line) / fig_h, prefix + text if k == 0 else text, ha="left",
                        va="top", fontsize=_KEY_SIZE, gid=f"key-{risk.id}-{k}", **SAFE_TEXT)
            row += 1
    if len(shown) < len(ordered):
        more = t("risk.matrix.more", lang, count=len(ordered) - len(shown))
        figure.text(left / fig_w, (y - row * line) / fig_h, more, ha="left", va="top", fontsize=_KEY_SIZE,
                    gid="key-more", **SAFE_TEXT)


# --- The matrix ------------------------------------------------------------------------------------


def _new_axes(ax: Axes | None) -> tuple[Figure, Axes]:
    """The caller's axes, or A4 landscape with room for the scale words on the left and the key on the right."""
    if ax is not None:
        return ax.figure, ax
    figure = Figure(figsize=A4_LANDSCAPE)
    FigureCanvasAgg(figure)
    figure.subplots_adjust(left=0.16, right=0.66, bottom=0.15, top=0.90)
    return figure, figure.add_subplot()


def draw_matrix(
    risks: Iterable[Risk],
    *,
    lang: str = DEFAULT_LANG,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    title: str = "",
    ax: Axes | None = None,
) -> Figure:
    """Draw the 5 x 5 risk matrix with every risk as "Nr. N" in its cell, and the key beside it.

    Likelihood runs up (1 at the bottom), consequence across (1 on the left),
    each step named by the catalogue's scale word and its number; each cell is
    shaded by the level of its score under ``thresholds`` and says the level
    and score in words. Several risks in one cell are stacked in columns at the
    largest size that fits (18 pt for one, about 10 pt for eight); labels never
    overlap and never leave their cell. ``title`` (free text, drawn literally)
    defaults to "Risikomatrise". With an ``ax``, lay its figure out first:
    the labels are measured once. Returns the figure: :func:`risk_labels`
    finds each risk's label. O(n + cells x sizes).
    """
    risks = list(risks)
    numbers = display_numbers(risks)
    figure, ax = _new_axes(ax)
    renderer = _renderer(figure)
    ax.set_xlim(0.5, SCALE_MAX + 0.5)
    ax.set_ylim(0.5, SCALE_MAX + 0.5)
    ax.set_xticks(list(_STEPS), [f"{scale_word(n, 'consequence', lang)}\n{n}" for n in _STEPS], fontsize=11)
    ax.set_yticks(list(_STEPS), [f"{scale_word(n, 'likelihood', lang)}  {n}" for n in _STEPS], fontsize=11)
    ax.tick_params(length=0)
    ax.set_xlabel(t("risk.axis.consequence", lang), fontsize=14, fontweight="bold", labelpad=8)
    ax.set_ylabel(t("risk.axis.likelihood", lang), fontsize=14, fontweight="bold", labelpad=8)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(title or t("risk.matrix.title", lang), loc="left", fontsize=16, pad=12, **SAFE_TEXT)

    cells: dict[tuple[int, int], list[tuple[int, Risk]]] = {}
    for risk in risks:
        cells.setdefault((risk.likelihood, risk.consequence), []).append((numbers[risk.id], risk))
    for likelihood in _STEPS:
        for consequence in _STEPS:
            score = likelihood * consequence
            level = thresholds.level(score)
            ax.add_patch(Rectangle(
                (consequence - 0.5, likelihood - 0.5), 1, 1, facecolor=LEVEL_SHADES[level], edgecolor="white",
                linewidth=3, zorder=0, gid=f"cell-{likelihood}-{consequence}",
            ))
            x0, _, _, y1 = _cell_box(ax, likelihood, consequence)
            corner = ax.transData.inverted().transform((x0 + 5 * figure.dpi / 72, y1 - 3 * figure.dpi / 72))
            ax.text(
                *corner, t("risk.matrix.cell", lang, level=t(f"risk.level.{level}", lang), score=score),
                ha="left", va="top", fontsize=_CORNER_SIZE, color="#333333", zorder=1,
                gid=f"level-{likelihood}-{consequence}", **SAFE_TEXT,
            )
    for (likelihood, consequence), members in cells.items():
        members.sort(key=lambda item: (item[0], item[1].id))
        _draw_cell_labels(figure, ax, renderer, _cell_box(ax, likelihood, consequence), members, lang)
    _draw_key(figure, ax, renderer, [(numbers[r.id], r) for r in risks], lang, thresholds)
    return figure


def risk_labels(figure: Figure) -> dict[str, Text]:
    """Each risk's label in a figure :func:`draw_matrix` drew, by risk id (a listed cell's text under each of its ids).

    For pages and tests that check where a risk was put. O(number of texts).
    """
    found: dict[str, Text] = {}
    for ax in figure.axes:
        for text in ax.texts:
            gid = text.get_gid() or ""
            if gid.startswith("risk-"):
                found[gid.removeprefix("risk-")] = text
            elif gid.startswith("risks-"):
                found.update(dict.fromkeys(gid.removeprefix("risks-").split("-"), text))
    return found


def cell_labels(figure: Figure) -> dict[tuple[int, int], Text]:
    """The level text of each cell (``"Høy (16)"``), by (likelihood, consequence). O(number of texts)."""
    found = {}
    for ax in figure.axes:
        for text in ax.texts:
            gid = text.get_gid() or ""
            if gid.startswith("level-"):
                likelihood, consequence = gid.removeprefix("level-").split("-")
                found[int(likelihood), int(consequence)] = text
    return found


def save_matrix(
    risks: Iterable[Risk],
    path: str | Path,
    fmt: str | None = None,
    *,
    lang: str = DEFAULT_LANG,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    title: str = "",
    dpi: int = 150,
) -> Path:
    """Draw the matrix and write it as PNG, SVG or PDF: ``fmt``, or the file name's suffix.

    The format is checked before drawing; SVG keeps the labels as real text;
    files carry no timestamp, so the same risks give the same file.

    >>> from samskaping.core.exceptions import InvalidInputError
    >>> try:
    ...     save_matrix([], "ros.docx")
    ... except InvalidInputError as exc:
    ...     print(exc.reason, exc.params["value"])
    bad_image_format ros.docx
    """
    path, suffix = check_format(path, fmt)
    figure = draw_matrix(risks, lang=lang, thresholds=thresholds, title=title)
    return save_figure(figure, path, suffix, dpi)


# --- In words ---------------------------------------------------------------------------------------


def matrix_alt_text(
    risks: Iterable[Risk], *, lang: str = DEFAULT_LANG, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> str:
    """The matrix in words, for a screen reader and a document's alt text (universell utforming).

    The risks by level, highest first, and within a level by score, each as
    "Nr. 2 (4 × 4 = 16)": likelihood × consequence = score, the same numbers
    the picture shows. O(n log n).

    >>> risks = [Risk("p", "A", 1, 2, nr=1), Risk("p", "B", 4, 4, nr=2), Risk("p", "C", 2, 2, nr=3),
    ...          Risk("p", "D", 3, 4, nr=4)]
    >>> print(matrix_alt_text(risks))
    Risikomatrise med 4 risikoer (sannsynlighet × konsekvens = risikoverdi). Høy: Nr. 2 (4 × 4 = 16), \
Nr. 4 (3 × 4 = 12). Middels: ingen. Lav: Nr. 3 (2 × 2 = 4), Nr. 1 (1 × 2 = 2).
    """
    risks = list(risks)
    if not risks:
        return t("risk.alt.none", lang)
    numbers = display_numbers(risks)
    parts = [t("risk.alt.one", lang) if len(risks) == 1 else t("risk.alt.many", lang, count=len(risks))]
    for level in reversed(RISK_LEVELS):
        members = sorted((r for r in risks if r.level(thresholds) == level), key=lambda r: (-r.score, numbers[r.id]))
        name = t(f"risk.level.{level}", lang)
        if not members:
            parts.append(t("risk.alt.level_none", lang, level=name))
            continue
        items = ", ".join(
            t("risk.alt.item", lang, nr=numbers[r.id], likelihood=r.likelihood, consequence=r.consequence,
              score=r.score)
            for r in members
        )
        parts.append(t("risk.alt.level", lang, level=name, risks=items))
    return " ".join(parts)
