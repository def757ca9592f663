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

from samskaping.core.i18n import t
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
    """
    from fpdf import FPDF
    from fpdf.fonts import FontFace, TextStyle

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
    pdf.set_lang("nb-NO" if lang == "nb" else "en-GB")
    pdf.set_title(xml_text(report.title_page.title))
    pdf.set_subject(xml_text(report.title_page.kind))
    pdf.set_author("Samskaping")
    pdf.set_creator("Samskaping")
    pdf.set_section_title_styles(
        TextStyle(font_family="DejaVu", font_style="B", font_size_pt=16, t_margin=4, b_margin=3),
        TextStyle(font_family="DejaVu", font_style="B", font_size_pt=12.5, t_margin=3, b_margin=2),
    )

    body = 10

    def line(size: float = body) -> float:
        return size * 0.3528 * 1.4  # points to mm, with leading

    def text(value: str, style: str = "", size: float = body, indent: float = 0) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, line(size), _pdf_text(value), align="L", new_x="LMARGIN", new_y="NEXT")

    def facts(items) -> None:
        for label, value in items:
            pdf.set_font("DejaVu", "B", body)
            pdf.write(line(), _pdf_text(label) + ": ")
            pdf.set_font("DejaVu", "", body)
            pdf.write(line(), _pdf_text(value))
            pdf.ln(line())
        pdf.ln(1.5)

    def fits(block: Table, widths: list[float], size: float) -> bool:
        pdf.set_font("DejaVu", "", size)
        room = pdf.page_break_trigger - pdf.t_margin - 12
        for values in (block.header, *block.rows):
            lines = max(len(pdf.multi_cell(w - 2, line(size), _pdf_text(v), dry_run=True, output="LINES"))
                        for v, w in zip(values, widths, strict=True))
            if lines * line(size) + 2 > room:
                return False
        return True

    def table(block: Table) -> None:
        size = 8.5
        weights = block.widths or (1,) * len(block.header)
        widths = [pdf.epw * w / sum(weights) for w in weights]
        if block.title:
            if pdf.will_page_break(25):
                pdf.add_page(orientation=pdf.cur_orientation)
            text(block.title, "B", 9)
        if not fits(block, widths, size):
            for values in block.rows:
                facts(zip(block.header, (_pdf_text(v) for v in values), strict=True))
            return
        pdf.set_font("DejaVu", "", size)
        with pdf.table(col_widths=weights, text_align="LEFT", v_align="TOP", line_height=line(size), padding=1,
                       headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 245)),
                       first_row_as_headings=True, repeat_headings=1) as grid:
            for values in (block.header, *block.rows):
                row = grid.row()
                for value in values:
                    row.cell(_pdf_text(value), align="RIGHT" if isinstance(value, (int, float)) else "LEFT")
        pdf.ln(3)

    def figure(block: ReportFigure) -> None:
        room = pdf.page_break_trigger - pdf.t_margin - 12  # a whole page, less the caption
        left = pdf.page_break_trigger - pdf.get_y() - 12
        if left < room * 0.6:  # too little left on this page: the figure starts the next one
            pdf.add_page(orientation=pdf.cur_orientation)
            left = room
        width = min(pdf.epw, left / block.aspect)
        height = width * block.aspect
        pdf.image(io.BytesIO(block.png()), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height,
                  alt_text=xml_text(block.caption))
        pdf.ln(1)
        text(block.caption, "I", 8.5)
        pdf.ln(2)

    cover = report.title_page
    pdf.add_page()
    pdf.set_y(60)
    text(cover.kind, "", 13)
    pdf.ln(2)
    text(cover.title, "B", 24)
    pdf.ln(6)
    facts(cover.facts)
    if cover.question:
        pdf.ln(4)
        text(cover.question_label, "B")
        text(cover.question, "I", 12, indent=4)

    for level, section in report.walk():
        orientation = "L" if is_wide(section) else "P"
        if level == 1 or (section.blocks and orientation != pdf.cur_orientation.value):
            pdf.add_page(orientation=orientation)  # each chapter on a new page; journey maps on landscape pages
        else:  # no heading alone at the foot of a page: keep room for what follows it
            first = section.blocks[0] if section.blocks else None
            room = pdf.page_break_trigger - pdf.t_margin
            if pdf.will_page_break(room * 0.6 + 15 if isinstance(first, ReportFigure) else 35):
                pdf.add_page(orientation=pdf.cur_orientation)
        pdf.start_section(_pdf_text(section.title), level=level - 1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text(block.text, "I" if block.style == "quote" else "", indent=4 if block.style == "quote" else 0)
                pdf.ln(2)
            elif isinstance(block, Bullets):
                for item in block.items:
                    pdf.set_font("DejaVu", "", body)
                    if pdf.will_page_break(line()):  # the bullet goes where its text starts
                        pdf.add_page(orientation=pdf.cur_orientation)
                    y = pdf.get_y()
                    pdf.cell(5, line(), "•")
                    pdf.set_xy(pdf.l_margin + 5, y)
                    text(item, indent=5)
                    pdf.ln(0.8)
                pdf.ln(1.5)
            elif isinstance(block, Facts):
                facts(block.items)
            elif isinstance(block, Table):
                table(block)
            elif isinstance(block, ReportFigure):
                figure(block)
    return deliver(bytes(pdf.output()), path)
