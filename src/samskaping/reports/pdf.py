"""The report as a PDF, written with fpdf2.

fpdf2 rather than reportlab: both are well kept and pure Python, but fpdf2
draws a string exactly as given, while reportlab's ``Paragraph`` parses its text
as XML-like markup, so every free text would need escaping and one missed ``<``
or ``&`` would break the document. fpdf2 embeds (and subsets) a TrueType font,
repeats table headings on each page, writes an outline of the headings, and
needs only Pillow and fontTools, which matplotlib already brings. Its licence is
LGPL-3.0: used as a library, unmodified, that is fine for this MIT project. The
font is DejaVu Sans from matplotlib's own data folder (æøå and the Northern
Sami letters ÁČĐŊŠŦŽ áčđŋšŧž), so no system font is needed; emoji have no glyph
in it and are left out of the PDF (the other formats keep them).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from samskaping.core.i18n import language_tag, t
from samskaping.core.tables import xml_text
from samskaping.reports.files import Destination, deliver, is_wide
from samskaping.reports.model import Bullets, Facts, Paragraph, Report, ReportFigure, Table

__all__ = ["write_pdf"]

# --- PDF ------------------------------------------------------------------------------------


#: DejaVu Sans in the four styles the PDF uses, as matplotlib ships it.
_PDF_FONTS = (("", "DejaVuSans"), ("B", "DejaVuSans-Bold"), ("I", "DejaVuSans-Oblique"),
              ("BI", "DejaVuSans-BoldOblique"))


def _font_folder() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@functools.lru_cache(maxsize=1)
def _pdf_glyphs() -> frozenset[int]:
    """The characters every style of the PDF font can draw."""
    from fontTools.ttLib import TTFont

    found = None
    for _, name in _PDF_FONTS:
        with TTFont(_font_folder() / f"{name}.ttf", lazy=True) as font:
            codes = set(font.getBestCmap())
        found = codes if found is None else found & codes
    return frozenset(found)


def _pdf_text(value: object) -> str:
    """:func:`_text` as the PDF font can draw it: a tab as spaces, characters it has no glyph for (emoji) left out.

    fpdf2 would leave them out too, but with a warning on the console for each.
    """
    glyphs = _pdf_glyphs()
    text = xml_text(value).replace("\t", "    ")
    return "".join(ch for ch in text if ch == "\n" or ord(ch) in glyphs)


def write_pdf(report: Report, path: Destination) -> Path | None:
    """Write the report as a PDF: the same content as the Word document, with fpdf2.

    A4 portrait, landscape pages for journey maps; headings in the document
    outline (bookmarks); tables with the heading row repeated on every page;
    "Side n av m" at the foot of each page; DejaVu Sans embedded. A table row
    too tall for one page is written as label-value lines instead.

    Pages break where a reader expects (see :class:`_Layout`): the cover
    stands alone; a chapter starts a new page unless all of it fits in the
    room left; a heading, a table's caption, a list's label and a short lead-in
    sentence stay on the page of what they introduce; a figure shrinks a
    little rather than leave the last few lines of its section alone on a page.
    """
    from fpdf import FPDF
    from fpdf.fonts import TextStyle

    lang = report.lang
    folder = _font_folder()

    class _Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.set_text_color(90)
            self.cell(0, 6, t("report.page", lang, page=self.page_no(), pages="{nb}"), align="C")
            self.set_text_color(0)

    pdf = _Document(format="A4", unit="mm")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    for style, name in _PDF_FONTS:
        pdf.add_font("DejaVu", style, folder / f"{name}.ttf")
    pdf.set_lang(language_tag(lang))
    pdf.set_title(xml_text(report.title_page.title))
    pdf.set_subject(xml_text(report.title_page.kind))
    pdf.set_author("Samskaping")
    pdf.set_creator("Samskaping")
    pdf.set_section_title_styles(*(TextStyle(font_family="DejaVu", font_style="B", font_size_pt=size, t_margin=top,
                                             b_margin=bottom) for size, top, bottom in _HEADINGS))
    layout = _Layout(pdf)
    layout.cover(report.title_page)
    for level, section in report.walk():
        layout.section(section, level)
    return deliver(bytes(pdf.output()), path)


#: Section headings by level: size in points, space above and below in mm.
_HEADINGS = ((16, 4, 3), (12.5, 3, 2))
#: Body text size in points; table text; the caption of a table or label of a list.
_BODY, _TABLE, _LABEL = 10, 8.5, 9
#: A paragraph this many lines long or shorter is a lead-in: it stays on the page of what follows it.
_LEAD_LINES = 3
#: A figure may shrink to this share of the height it could have, so the rest of its section fits beside it.
_FIGURE_SHRINK = 0.7
#: Room for a figure's caption below it (mm).
_CAPTION = 12
#: The rest of a figure's section is kept beside it when it takes at most this share of a page.
_FIGURE_TAIL = 0.35
#: Space between the two columns of a list under a wide figure (mm).
_GUTTER = 8


def _line(size: float = _BODY) -> float:
    """The height of one line of ``size`` points, in mm, with leading."""
    return size * 0.3528 * 1.4


class _Layout:
    """Lays the report's blocks out on the PDF's pages, and measures them first to break pages well.

    Every ``*_height`` method gives the height a block takes in mm (``start``:
    the least of it that must share a page with what comes before it, such as
    a heading). Measuring is fpdf2's own line breaking (``dry_run``), so it
    agrees with what is drawn. O(characters) per text measured; each text is
    measured once per width and font (the page-break decisions ask again and
    again, so the answers are kept).
    """

    def __init__(self, pdf) -> None:
        self.pdf = pdf
        self.first = True  # the next chapter is the first after the cover
        self._lines: dict[tuple, int] = {}

    # --- Room on the page --------------------------------------------------------------------

    @property
    def page(self) -> float:
        """The height of a whole page's text area."""
        return self.pdf.page_break_trigger - self.pdf.t_margin

    @property
    def left(self) -> float:
        """The height left on this page."""
        return self.pdf.page_break_trigger - self.pdf.get_y()

    @property
    def fresh(self) -> bool:
        """Nothing is on this page yet."""
        return self.pdf.get_y() <= self.pdf.t_margin + 0.5

    def new_page(self, orientation: str | None = None) -> None:
        self.pdf.add_page(orientation=orientation or self.pdf.cur_orientation)

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` fits in what is left (or could fit on no page anyway)."""
        if height > self.left and not self.fresh and height <= self.page:
            self.new_page()

    # --- Measuring ---------------------------------------------------------------------------

    def lines(self, value: object, width: float, style: str = "", size: float = _BODY) -> int:
        """How many lines ``value`` takes in ``width`` mm, as fpdf2 breaks them."""
        key = (str(value), round(width, 3), style, size)
        if key not in self._lines:
            self.pdf.set_font("DejaVu", style, size)
            self._lines[key] = len(self.pdf.multi_cell(width, _line(size), _pdf_text(value), dry_run=True,
                                                       output="LINES"))
        return self._lines[key]

    def heading_height(self, title: str, level: int) -> float:
        size, top, bottom = _HEADINGS[min(level, len(_HEADINGS)) - 1]
        return top + self.lines(title, self.pdf.epw, "B", size) * size * 0.3528 + bottom

    def paragraph_height(self, block: Paragraph, start: bool = False) -> float:
        indent = 4 if block.style == "quote" else 0
        lines = self.lines(block.text, self.pdf.epw - indent, "I" if block.style == "quote" else "")
        return (min(lines, _LEAD_LINES) if start else lines) * _line() + 2

    def item_height(self, item: str, width: float | None = None) -> float:
        return self.lines(item, (width or self.pdf.epw) - 5) * _line() + 0.8

    def columns(self, block: Bullets) -> tuple[int, float]:
        """Where a list splits into two balanced columns, and the taller column's height (label included)."""
        width = (self.pdf.epw - _GUTTER) / 2
        heights = [self.item_height(item, width) for item in block.items]
        split = min(range(len(heights) + 1), key=lambda k: max(sum(heights[:k]), sum(heights[k:])))
        return split, self.label_height(block.title) + max(sum(heights[:split]), sum(heights[split:])) + 1.5

    def wide(self) -> bool:
        return self.pdf.cur_orientation.value == "L"

    def label_height(self, title: str) -> float:
        return self.lines(title, self.pdf.epw, "B", _LABEL) * _line(_LABEL) + 0.5 if title else 0

    def fact_height(self, label: str, value: str) -> float:
        return self.lines(f"{label}: {value}", self.pdf.epw) * _line()

    def widths(self, block: Table) -> list[float]:
        weights = block.widths or (1,) * len(block.header)
        return [self.pdf.epw * w / sum(weights) for w in weights]

    def row_heights(self, block: Table) -> list[float]:
        """Each row's height as fpdf2 draws it (1 mm padding above and below), the header row first."""
        widths = self.widths(block)
        return [max(self.lines(v, w - 2, "B" if n == 0 else "", _TABLE) for v, w in zip(values, widths, strict=True))
                * _line(_TABLE) + 2 for n, values in enumerate((block.header, *block.rows))]

    def fits(self, block: Table) -> bool:
        """Whether every row of the table fits on one page (else it is written as label-value lines)."""
        return max(self.row_heights(block)) + _CAPTION <= self.page

    def figure_height(self, block: ReportFigure, start: bool = False) -> float:
        """A figure starts a page that has less than 60 % left; it takes at most the page's width."""
        if start:
            return min(self.page * 0.6, self.pdf.epw * block.aspect) + _CAPTION
        return min(self.pdf.epw * block.aspect, self.page - _CAPTION) + _CAPTION + 3

    def height(self, block, start: bool = False) -> float:
        """The height of ``block``, or with ``start`` the least of it that must stand on one page.

        A list on a landscape page is measured in two columns, as :meth:`bullets` sets it there.
        """
        if isinstance(block, Paragraph):
            return self.paragraph_height(block, start)
        if isinstance(block, Bullets) and self.wide() and not start:
            return self.columns(block)[1]
        if isinstance(block, Bullets):
            items = block.items[:1] if start else block.items
            return self.label_height(block.title) + sum(self.item_height(item) for item in items) + 1.5
        if isinstance(block, Facts):
            items = block.items[:1] if start else block.items
            return sum(self.fact_height(label, value) for label, value in items) + 1.5
        if isinstance(block, Table):
            caption = self.label_height(block.title)
            if not self.fits(block):
                rows = block.rows[:1] if start else block.rows
                return caption + sum(self.fact_height(h, v) for row in rows for h, v in zip(block.header, row,
                                                                                           strict=True))
            rows = self.row_heights(block)
            return caption + sum(rows[:2] if start else rows) + 3
        return self.figure_height(block, start)

    def lead(self, blocks: list) -> float:
        """What must share a page with a heading: short lead-in paragraphs, then the start of what they introduce."""
        need = 0.0
        for n, block in enumerate(blocks):
            if isinstance(block, Paragraph) and n + 1 < len(blocks) and \
                    self.paragraph_height(block) <= _LEAD_LINES * _line() + 2:
                need += self.paragraph_height(block)
                continue
            return need + self.height(block, start=True)
        return need

    def section_lead(self, section, level: int) -> float:
        """A heading with the start of its first block, or of its first subsection when it has no blocks."""
        need = self.heading_height(section.title, level)
        if section.blocks:
            return need + self.lead(section.blocks)
        return need + (self.section_lead(section.children[0], level + 1) if section.children else 0)

    def section_height(self, section, level: int) -> float:
        """The whole of a section with its subsections."""
        return (self.heading_height(section.title, level) + sum(self.height(block) for block in section.blocks)
                + sum(self.section_height(child, level + 1) for child in section.children))

    # --- Drawing -----------------------------------------------------------------------------

    def text(self, value: str, style: str = "", size: float = _BODY, indent: float = 0) -> None:
        pdf = self.pdf
        pdf.set_font("DejaVu", style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, _line(size), _pdf_text(value), align="L", new_x="LMARGIN", new_y="NEXT")

    def facts(self, items) -> None:
        pdf = self.pdf
        for label, value in items:
            self.keep(self.fact_height(label, value))
            pdf.set_font("DejaVu", "B", _BODY)
            pdf.write(_line(), _pdf_text(label) + ": ")
            pdf.set_font("DejaVu", "", _BODY)
            pdf.write(_line(), _pdf_text(value))
            pdf.ln(_line())
        pdf.ln(1.5)

    def bullet(self, item: str, x: float, width: float) -> None:
        pdf = self.pdf
        pdf.set_font("DejaVu", "", _BODY)
        y = pdf.get_y()
        pdf.set_x(x)
        pdf.cell(5, _line(), "•")
        pdf.set_xy(x + 5, y)
        pdf.multi_cell(width - 5, _line(), _pdf_text(item), align="L", new_x="LEFT", new_y="NEXT")
        pdf.ln(0.8)

    def bullets(self, block: Bullets) -> None:
        """A list, one column on a portrait page; on a landscape page two, when all of it fits there."""
        pdf = self.pdf
        split, height = self.columns(block) if self.wide() else (0, 0.0)
        if self.wide() and height <= self.left:
            if block.title:
                self.text(block.title, "B", _LABEL)
                pdf.ln(0.5)
            top, width, bottom = pdf.get_y(), (pdf.epw - _GUTTER) / 2, pdf.get_y()
            for column, items in enumerate((block.items[:split], block.items[split:])):
                pdf.set_y(top)
                for item in items:
                    self.bullet(item, pdf.l_margin + column * (width + _GUTTER), width)
                bottom = max(bottom, pdf.get_y())
            pdf.set_xy(pdf.l_margin, bottom)
            pdf.ln(1.5)
            return
        if block.title:
            self.text(block.title, "B", _LABEL)
            pdf.ln(0.5)
        for item in block.items:
            height = self.item_height(item)  # a short item is not split; a long one starts where it can
            self.keep(height if height <= _LEAD_LINES * _line() + 0.8 else _line())
            self.bullet(item, pdf.l_margin, pdf.epw)
        pdf.ln(1.5)

    def table(self, block: Table) -> None:
        from fpdf.fonts import FontFace

        pdf = self.pdf
        if block.title:
            self.text(block.title, "B", _LABEL)
            pdf.ln(0.5)
        if not self.fits(block):
            for values in block.rows:
                self.facts(zip(block.header, (_pdf_text(v) for v in values), strict=True))
            return
        pdf.set_font("DejaVu", "", _TABLE)
        with pdf.table(col_widths=block.widths or (1,) * len(block.header), text_align="LEFT", v_align="TOP",
                       line_height=_line(_TABLE), padding=1,
                       headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 245)),
                       first_row_as_headings=True, repeat_headings=1) as grid:  # the header row on every page
            for values in (block.header, *block.rows):
                row = grid.row()
                for value in values:
                    row.cell(_pdf_text(value), align="RIGHT" if isinstance(value, (int, float)) else "LEFT")
        pdf.ln(3)

    def figure(self, block: ReportFigure, after: float = 0) -> None:
        """The figure as large as the page allows; ``after`` is the rest of its section, kept beside it if it can.

        A figure starts the next page when less than 60 % of this one is left.
        When the rest of its section would not fit below it, it shrinks (to no
        less than :data:`_FIGURE_SHRINK` of its height) so that it does, rather
        than leave those lines alone on a page.
        """
        pdf = self.pdf
        if self.left - _CAPTION < (self.page - _CAPTION) * 0.6:
            self.new_page()
        room = self.left - _CAPTION
        height = min(pdf.epw * block.aspect, room)
        if after and height + 3 + after > room >= after + 3 + height * _FIGURE_SHRINK:
            height = room - after - 3
        width = height / block.aspect
        pdf.image(io.BytesIO(block.png()), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height,
                  alt_text=xml_text(block.caption))
        pdf.ln(1)
        self.text(block.caption, "I", 8.5)
        pdf.ln(2)

    def cover(self, cover) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_y(60)
        self.text(cover.kind, "", 13)
        pdf.ln(2)
        self.text(cover.title, "B", 24)
        pdf.ln(6)
        self.facts(cover.facts)
        if cover.question:
            pdf.ln(4)
            self.text(cover.question_label, "B")
            self.text(cover.question, "I", 12, indent=4)

    def section(self, section, level: int) -> None:
        """A heading and its blocks (its subsections come next in :meth:`Report.walk`)."""
        pdf = self.pdf
        orientation = "L" if is_wide(section) else "P"
        turn = orientation != pdf.cur_orientation.value and (level == 1 or bool(section.blocks))
        if turn or (level == 1 and self.first):  # journey maps on landscape pages; the cover stands alone
            self.new_page(orientation)
        elif level == 1 and not self.fresh:  # a chapter goes on with this page only if all of it fits there
            if self.section_height(section, level) + 6 > self.left:
                self.new_page(orientation)
            else:
                pdf.ln(6)
        else:  # no heading alone at the foot of a page
            self.keep(self.section_lead(section, level))
        self.first = False
        pdf.start_section(_pdf_text(section.title), level=level - 1)
        blocks = section.blocks
        for n, block in enumerate(blocks):
            if n:  # a short lead-in sentence, a caption or a list's label stays with what it introduces
                self.keep(self.lead(blocks[n:]))
            if isinstance(block, Paragraph):
                self.text(block.text, "I" if block.style == "quote" else "", indent=4 if block.style == "quote" else 0)
                pdf.ln(2)
            elif isinstance(block, Bullets):
                self.bullets(block)
            elif isinstance(block, Facts):
                self.facts(block.items)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, ReportFigure):
                rest = sum(self.height(other) for other in blocks[n + 1:])
                self.figure(block, rest if rest <= self.page * _FIGURE_TAIL else 0)
