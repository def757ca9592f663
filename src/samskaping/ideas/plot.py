"""The priority matrix: which actions give much benefit for little effort.

After voting, a workshop scores its candidate actions ("tiltak") for benefit
("gevinst", 1-5) and effort ("innsats", 1-5). The matrix puts effort across
and benefit up, in four quadrants: quick wins (much benefit, little effort),
big projects (much benefit, much effort), small steps (little of either) and
not worth it (little benefit, much effort). As on the stakeholder grid, a 3
counts as high, so the lines sit at 2.5.

Like :mod:`samskaping.stakeholders.plot` it draws on a
:class:`~matplotlib.figure.Figure` of its own (or an ``ax`` you pass), never
through pyplot, returns its artists, draws labels literally (no math text) and
places them with the same routine (:mod:`samskaping.core.plotting`), so no two overlap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.keys import Key
from samskaping.core.models import MAX_TITLE_LENGTH, check_whole_number, clean_text
from samskaping.core.plotting import draw_quadrant_axes, new_axes, place_labels, save_drawing, short

__all__ = [
    "Priority", "PRIORITY_QUADRANTS", "PriorityArtists", "draw_priority_matrix", "priority_quadrant",
    "save_priority_matrix",
]

class Priority(Key):
    """The quadrants of the benefit/effort matrix (``ideas.priority.<key>`` in the catalogue), in reading order."""

    QUICK_WINS = "quick_wins"
    BIG_PROJECTS = "big_projects"
    SMALL_STEPS = "small_steps"
    NOT_WORTH = "not_worth"


PRIORITY_QUADRANTS: tuple[Priority, ...] = tuple(Priority)
_COLOURS = {"quick_wins": "#009E73", "big_projects": "#0072B2", "small_steps": "#6E6E6E", "not_worth": "#D55E00"}
_SHADES = {"quick_wins": "#DDF1EA", "big_projects": "#DCEAF5", "small_steps": "#EFEFEF", "not_worth": "#FBE3D3"}
#: Where each quadrant sits: effort across, benefit up.
_CORNERS = {"quick_wins": "top left", "big_projects": "top right", "small_steps": "bottom left",
            "not_worth": "bottom right"}
_LOW, _HIGH, _LINE = 0.4, 5.6, 2.5
_MARKER_AREA = 60.0
_SPREAD = 0.4  # data units: points in one cell stay inside it


@dataclass
class PriorityArtists:
    """What :func:`draw_priority_matrix` drew, for tests and pages that add to it."""

    figure: Figure
    ax: Axes
    points: PathCollection | None
    labels: list[Text]  # one per item, in input order
    positions: list[tuple[float, float]]  # (effort, benefit) after spreading, in input order
    leaders: list[Annotation] = field(default_factory=list)
    quadrant_names: dict[str, Text] = field(default_factory=dict)


def priority_quadrant(benefit: int, effort: int) -> Priority:
    """The quadrant of an action; a 3 counts as high.

    >>> priority_quadrant(5, 1), priority_quadrant(4, 4), priority_quadrant(2, 2), priority_quadrant(1, 5)
    ('quick_wins', 'big_projects', 'small_steps', 'not_worth')
    """
    high_benefit, high_effort = benefit > _LINE, effort > _LINE
    if high_benefit:
        return Priority.BIG_PROJECTS if high_effort else Priority.QUICK_WINS
    return Priority.NOT_WORTH if high_effort else Priority.SMALL_STEPS


def _spread(cells: Sequence[tuple[int, int]]) -> list[tuple[float, float]]:
    """Positions with items in the same cell on a small sunflower spiral (deterministic, input order)."""
    crowd: dict[tuple[int, int], list[int]] = {}
    for i, cell in enumerate(cells):
        crowd.setdefault(cell, []).append(i)
    golden = math.pi * (3 - math.sqrt(5))
    positions: list[tuple[float, float]] = [(0.0, 0.0)] * len(cells)
    for (x, y), members in crowd.items():
        n = len(members)
        for k, i in enumerate(members):
            if n == 1:
                positions[i] = (float(x), float(y))
                continue
            r = min(_SPREAD, 0.1 + 0.035 * n) * math.sqrt((k + 0.5) / n)
            angle = k * golden + math.pi / 4
            positions[i] = (x + r * math.cos(angle), y + r * math.sin(angle))
    return positions


def _read_items(items: Iterable[Sequence]) -> list[tuple[str, int, int]]:
    rows = []
    for item in items:
        label, benefit, effort = item
        rows.append((clean_text(str(label), field="label", max_length=MAX_TITLE_LENGTH),
                     check_whole_number(benefit, "benefit", 1, 5), check_whole_number(effort, "effort", 1, 5)))
    return rows


def draw_priority_matrix(
    items: Iterable[Sequence], *, lang: str = DEFAULT_LANG, ax: Axes | None = None, title: str = ""
) -> PriorityArtists:
    """Draw actions on the benefit x effort matrix with the four quadrants named.

    ``items`` are ``(label, benefit, effort)`` with scores 1-5. Items in the
    same cell are spread so none hides another; labels never overlap each
    other or the quadrant names. With no ``ax`` the figure is A4 landscape.
    O(n² k) for the labels (:func:`samskaping.core.plotting.place_labels`).

    >>> artists = draw_priority_matrix([("Leksehjelp", 5, 1), ("Nytt fagsystem", 2, 5)])
    >>> [label.get_text() for label in artists.labels]
    ['Leksehjelp', 'Nytt fagsystem']
    """
    rows = _read_items(items)
    figure, ax = new_axes(ax, right=0.95)
    regions, names = draw_quadrant_axes(
        ax, limits=(_LOW, _HIGH), line=_LINE, title=title,
        labels=(t("ideas.priority.axis.effort", lang), t("ideas.priority.axis.benefit", lang)),
        corners=_CORNERS, names={key: t(f"ideas.priority.{key}", lang) for key in _CORNERS},
        colours=_COLOURS, shades=_SHADES,
    )
    if not rows:
        ax.text(3.0, 3.0, t("ideas.priority.empty", lang), ha="center", va="center", fontsize=13,
                color="#666666", zorder=2)
        return PriorityArtists(figure, ax, None, [], [], [], names)

    positions = _spread([(effort, benefit) for _, benefit, effort in rows])
    xy = np.array(positions)
    colours = [_COLOURS[priority_quadrant(benefit, effort)] for _, benefit, effort in rows]
    points = ax.scatter(xy[:, 0], xy[:, 1], s=_MARKER_AREA, c=colours, edgecolors="#222222", linewidths=0.6, zorder=3)
    radius_px = math.sqrt(_MARKER_AREA) / 2 * figure.dpi / 72
    home = [regions[priority_quadrant(benefit, effort)] for _, benefit, effort in rows]
    fontsize = 9.0 if len(rows) <= 25 else 8.0 if len(rows) <= 50 else 7.0
    labels, leaders = place_labels(
        figure, ax, positions, [short(label) for label, _, _ in rows], [radius_px] * len(rows),
        fontsize=fontsize, obstacles=names.values(), regions=home,
    )
    return PriorityArtists(figure, ax, points, labels, positions, leaders, names)


def save_priority_matrix(
    items: Iterable[Sequence], path: str | Path, *, lang: str = DEFAULT_LANG, title: str = "", dpi: int = 150
) -> Path:
    """Draw the matrix and write it as PNG, SVG or PDF, chosen by the file name's suffix.

    >>> save_priority_matrix([], "matrise.docx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: Cannot save 'matrise.docx' as 'docx'; use a file name ending in ...
    """
    return save_drawing(lambda: draw_priority_matrix(items, lang=lang, title=title).figure, path, dpi)
