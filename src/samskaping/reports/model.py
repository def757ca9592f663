"""The content model of a report: sections of blocks, a title page, slides.

:func:`~samskaping.reports.build.build_report` decides what goes in; the writers
lay these blocks out. Figures are drawn once per report, when a writer first asks
for them, and their PNG and SVG bytes are kept.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

__all__ = [
    "PRINT_PIXELS", "SLIDE_TEXT", "Paragraph", "Bullets", "Facts", "Table", "ReportFigure", "Section",
    "TitlePage", "Slide", "Report", "Block",
]

#: Width in pixels of every figure's PNG: 300 dpi across a portrait A4 text
#: column (16 cm), about 200 dpi across a landscape one.
PRINT_PIXELS = 2000
#: Characters of one free text shown on a slide; the speaker notes hold it whole.
SLIDE_TEXT = 300


# --- The content model ------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """Running text. ``style`` is ``"body"``, or ``"quote"`` for a case or question told in people's words."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Bullets:
    """Sentences that read best as a list: the analyses' summaries, comments.

    ``title`` is an optional label over the list ("Kommentarer fra deltakerne"),
    kept with the list's first item on a page.
    """

    items: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True)
class Facts:
    """Label-value pairs ("Målgruppe: ..."): a concept's short fields, too few for a table."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row: the same rows feed a document table and a worksheet.

    ``key`` is stable and ASCII (``"plan"``, ``"theme-t3"``); ``title`` is the
    caption (or the sheet's name); cells are text, numbers or ``None``;
    ``widths`` are relative column widths for pages (empty: equal).
    """

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple, ...]
    widths: tuple[float, ...] = ()


class ReportFigure:
    """A figure of the report, drawn once on first use; its PNG and SVG bytes are kept.

    ``wide`` figures (A3 journey maps) get a landscape page in documents;
    ``alt`` says in words what the figure shows (the text alternative, read
    by screen readers; the caption when empty).
    :meth:`png` gives :data:`PRINT_PIXELS` across, or fewer when asked (a
    slide), scaled down from the print image rather than drawn again.
    """

    def __init__(self, key: str, caption: str, draw: Callable[[], object], *, wide: bool = False,
                 alt: str = "") -> None:
        self.key, self.caption, self.wide, self.alt = key, caption, wide, alt
        self._draw = draw
        self._figure = None
        self._png: dict[int, bytes] = {}
        self._svg: bytes | None = None

    def __repr__(self) -> str:
        return f"<ReportFigure {self.key!r}>"

    @property
    def figure(self):
        """The matplotlib :class:`~matplotlib.figure.Figure` (drawn now if it was not yet)."""
        if self._figure is None:
            self._figure = self._draw()
        return self._figure

    @property
    def aspect(self) -> float:
        """Height over width."""
        width, height = self.figure.get_size_inches()
        return height / width

    def png(self, width: int | None = None) -> bytes:
        """PNG bytes :data:`PRINT_PIXELS` wide, or ``width`` pixels wide when that is smaller."""
        if PRINT_PIXELS not in self._png:
            self._png[PRINT_PIXELS] = _render(self.figure, "png", PRINT_PIXELS / self.figure.get_size_inches()[0])
        if width is None or width >= PRINT_PIXELS:
            return self._png[PRINT_PIXELS]
        if width not in self._png:
            from PIL import Image

            with Image.open(io.BytesIO(self._png[PRINT_PIXELS])) as image:
                small = image.resize((width, max(round(width * image.height / image.width), 1)), Image.LANCZOS)
                buffer = io.BytesIO()
                small.save(buffer, format="PNG")
            self._png[width] = buffer.getvalue()
        return self._png[width]

    def svg(self) -> bytes:
        """SVG bytes with texts as real text (searchable) and no timestamp."""
        if self._svg is None:
            self._svg = _render(self.figure, "svg", 72)
        return self._svg


def _render(figure, fmt: str, dpi: float) -> bytes:
    """The figure as bytes, as :func:`samskaping.core.plotting.save_figure` writes files (no timestamp,
    SVG text as text)."""
    import matplotlib

    buffer = io.BytesIO()
    metadata = {"svg": {"Date": None}}.get(fmt)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "samskaping", "text.usetex": False}):
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


Block = Paragraph | Bullets | Facts | Table | ReportFigure


@dataclass
class Section:
    """A heading with its blocks, then its subsections (one level down)."""

    key: str
    title: str
    blocks: list = field(default_factory=list)
    children: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class TitlePage:
    """What the first page (and the first slide) says: title, kind of document, date, phase, question."""

    title: str
    kind: str
    date: str
    phase: str
    question: str
    facts: tuple[tuple[str, str], ...]
    question_label: str


@dataclass
class Slide:
    """One slide: a title, then a figure, bullets or a table; ``notes`` are the speaker notes.

    Slides show at most :data:`SLIDE_TEXT` characters of any free text (a long
    description would run off the slide); the notes hold the whole text.
    """

    title: str
    subtitle: str = ""
    figure: ReportFigure | None = None
    bullets: tuple[str, ...] = ()
    table: Table | None = None
    notes: tuple[str, ...] = ()


@dataclass
class Report:
    """A finished workshop as documents show it; see the module docstring.

    ``data`` is the export it was built from (``Store.export_workshop``), so an
    archive can carry exactly that.
    """

    lang: str
    title_page: TitlePage
    sections: list[Section]
    slides: list[Slide]
    sheets: list[Table]
    data: dict = field(repr=False)

    def walk(self) -> Iterator[tuple[int, Section]]:
        """Every section with its level (1 for the top), in reading order."""

        def visit(section: Section, level: int) -> Iterator[tuple[int, Section]]:
            yield level, section
            for child in section.children:
                yield from visit(child, level + 1)

        for section in self.sections:
            yield from visit(section, 1)

    def blocks(self) -> Iterator[Block]:
        """Every block of the document, in reading order."""
        for _, section in self.walk():
            yield from section.blocks

    def tables(self) -> list[Table]:
        """The document's tables (a slide's table is not among them)."""
        return [block for block in self.blocks() if isinstance(block, Table)]

    def figures(self) -> list[ReportFigure]:
        """Every figure once: the document's in reading order, then any only a slide shows."""
        found: dict[int, ReportFigure] = {}
        for item in [*self.blocks(), *(slide.figure for slide in self.slides)]:
            if isinstance(item, ReportFigure):
                found.setdefault(id(item), item)
        return list(found.values())
