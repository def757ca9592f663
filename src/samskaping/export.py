"""Documents for the steering group, all laid out from one :class:`~samskaping.report.Report`.

A coordinator gets from a finished workshop to the documents in minutes:
Word (:func:`write_docx`), PDF (:func:`write_pdf`), one self-contained web page
(:func:`write_html`), slides (:func:`write_pptx`), a workbook
(:func:`write_xlsx`) and an archive of all of them with the workshop's data
(:func:`write_zip`, read back with :func:`read_zip`).
:func:`export_workshop_files` picks the writer by format name. The writers
only lay out what :func:`~samskaping.report.build_report` decided, so the
formats cannot disagree, and the figures are drawn once for all of them.

Free text is untrusted. The store has masked personal data already (the
report is built from ``Store.export_workshop``); the writers add no second
guard but make the text safe for each format:

* every free text, cell and heading passes :func:`_text`, which removes the
  control characters XML cannot hold (python-docx and python-pptx refuse
  them; openpyxl would write a broken file);
* HTML escapes all of it (:func:`html.escape`), carries no script, and forbids
  scripts with a Content-Security-Policy, in case one ever slipped in;
* a workbook cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab,
  CR) is stored as text, never as a formula, and reads back unchanged;
* the PDF draws text literally (no markup is parsed).

The PDF is written with **fpdf2** rather than reportlab. Both are well kept
and pure Python; fpdf2 draws a string exactly as given, while reportlab's
``Paragraph`` parses its text as XML-like markup, so every free text would
need escaping and one missed ``<`` or ``&`` would break the document. fpdf2
embeds (and subsets) a TrueType font, repeats table headings on each page,
writes an outline of the headings, and needs only Pillow and fontTools, which
matplotlib already brings (plus defusedxml). Its licence is LGPL-3.0: used as
a library, unmodified, that is fine for this MIT project. The font is DejaVu
Sans from matplotlib's own data folder (æøå and the Northern Sami letters
ÁČĐŊŠŦŽ áčđŋšŧž), so no system font is needed; emoji have no glyph in it and
are left out of the PDF (the other formats keep them).

The office libraries are imported inside the writers, so importing this
module is cheap.
"""

from __future__ import annotations

import functools
import html
import io
import json
import os
import re
import string
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Callable

from .exceptions import ImportFormatError
from .messages import t
from .models import check_choice
from .report import Bullets, Facts, Paragraph, Report, ReportFigure, Section, Table, build_report, report_from_data
from .tables import FORMULA_START

__all__ = [
    "FORMATS",
    "ARCHIVE_JSON",
    "write_docx",
    "write_pdf",
    "write_html",
    "write_pptx",
    "write_xlsx",
    "write_zip",
    "read_zip",
    "parse_export",
    "export_workshop_files",
]

#: What :func:`export_workshop_files` writes.
FORMATS = ("docx", "pdf", "html", "pptx", "xlsx", "zip", "json")
#: The workshop's data inside an archive: the same file ``samskaping export --format json`` writes.
ARCHIVE_JSON = "workshop.json"
#: A workshop.json larger than this, in an archive or alone, is refused unread (a real one is a few MB).
MAX_ARCHIVE_JSON = 256 * 1024 * 1024

Destination = str | os.PathLike | IO[bytes]

# Characters XML 1.0 cannot hold (or should not: C1 controls, non-characters), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def _text(value: object) -> str:
    """Any cell or free text as every format can hold it: control characters out, line ends as ``\\n``.

    The one sanitiser of the writers. Tabs and line breaks stay; nothing
    else is changed, so what a person wrote reads back the same. O(len).

    >>> _text("Før\\x00 midt\\x07\\r\\nslutt\\x1b 🎉"), _text(None), _text(3)
    ('Før midt\\nslutt 🎉', '', '3')
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text)


def _deliver(data: bytes, path: Destination) -> Path | None:
    """Write the file in one go (a failed export leaves no half file); a buffer gets the bytes."""
    if isinstance(path, (str, os.PathLike)):
        path = Path(path)
        path.write_bytes(data)
        return path
    path.write(data)
    return None


def _is_wide(section: Section) -> bool:
    """Whether a section goes on landscape pages: it shows a wide figure, or it only heads wide sections."""
    if any(isinstance(block, ReportFigure) and block.wide for block in section.blocks):
        return True
    return not section.blocks and bool(section.children) and _is_wide(section.children[0])


def _envelope(data: dict) -> str:
    """The workshop data as ``samskaping export --format json`` writes it, envelope and all."""
    from .cli import EXPORT_FORMAT, EXPORT_VERSION  # here, not at the top: the CLI may import this module

    clean = {key: value for key, value in data.items() if key not in ("format", "version")}
    envelope = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, **clean}
    return json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"


# --- Word ---------------------------------------------------------------------------------


def write_docx(report: Report, path: Destination) -> Path | None:
    """Write the report as a Word document: real heading styles, real tables, figures as pictures.

    A4 portrait; sections with a journey map turn to landscape pages. The
    title page uses the "Title" style, sections "Heading 1" and "Heading 2"
    (so Word's navigation pane and table of contents work), tables have a
    header row that repeats on every page, pictures are
    :data:`~samskaping.report.PRINT_PIXELS` wide (print resolution) with the
    caption as alt text, the footer numbers the pages, and the text language is
    set for the spelling checker. Everything stays editable.
    """
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Emu, Pt

    doc = Document()
    language = "nb-NO" if report.lang == "nb" else "en-GB"
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    cell_style = doc.styles.add_style(_text(t("report.table_style", report.lang)), WD_STYLE_TYPE.PARAGRAPH)
    cell_style.base_style = doc.styles["Normal"]
    cell_style.font.size = Pt(9)
    cell_style.paragraph_format.space_after = Pt(0)
    props = doc.core_properties
    props.title, props.subject, props.language = _text(report.title_page.title), _text(report.title_page.kind), language
    props.author = props.last_modified_by = "Samskaping"
    props.created = props.modified = datetime.now(timezone.utc).replace(tzinfo=None)

    def page(section, wide: bool) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        short, long = Cm(21.0), Cm(29.7)
        section.page_width, section.page_height = (long, short) if wide else (short, long)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.2))

    def usable(section) -> tuple[int, int]:
        return (section.page_width - section.left_margin - section.right_margin,
                section.page_height - section.top_margin - section.bottom_margin)

    def field(paragraph, instruction: str) -> None:
        element = OxmlElement("w:fldSimple")
        element.set(qn("w:instr"), instruction)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        element.append(run)
        paragraph._p.append(element)

    first = doc.sections[0]
    page(first, False)
    footer = first.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for literal, name, _, _ in string.Formatter().parse(t("report.page", report.lang)):
        if literal:
            footer.add_run(literal)
        if name:
            field(footer, "PAGE" if name == "page" else "NUMPAGES")

    def table(block: Table) -> None:
        if block.title:
            doc.add_paragraph(_text(block.title), style="Caption").paragraph_format.keep_with_next = True
        columns = len(block.header)
        grid = doc.add_table(rows=1 + len(block.rows), cols=columns)
        grid.style = doc.styles["Table Grid"]
        grid.autofit = False
        weights = block.widths or (1,) * columns
        width = usable(doc.sections[-1])[0]
        widths = [Emu(int(width * w / sum(weights))) for w in weights]
        rows = grid.rows
        repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
        repeat.set(qn("w:val"), "true")
        rows[0]._tr.get_or_add_trPr().append(repeat)
        for n, (row, values) in enumerate(zip(rows, (block.header, *block.rows))):
            for cell, value, cell_width in zip(row.cells, values, widths):
                cell.width = cell_width
                paragraph = cell.paragraphs[0]
                paragraph.style = cell_style
                run = paragraph.add_run(_text(value))
                if n == 0:
                    run.bold = True
                elif isinstance(value, (int, float)):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        doc.add_paragraph()

    def figure(block: ReportFigure) -> None:
        width, height = usable(doc.sections[-1])
        shape_width = min(width, int(height * 0.7 / block.aspect))
        shape = doc.add_picture(io.BytesIO(block.png()), width=Emu(shape_width))
        shape._inline.docPr.set("descr", _text(block.caption))  # alt text, for screen readers
        picture = doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        doc.add_paragraph(_text(block.caption), style="Caption")

    def blocks(section: Section) -> None:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                doc.add_paragraph(_text(block.text), style="Quote" if block.style == "quote" else None)
            elif isinstance(block, Bullets):
                for item in block.items:
                    doc.add_paragraph(_text(item), style="List Bullet")
            elif isinstance(block, Facts):
                for label, value in block.items:
                    paragraph = doc.add_paragraph()
                    paragraph.add_run(_text(label) + ": ").bold = True
                    paragraph.add_run(_text(value))
            elif isinstance(block, Table):
                table(block)
            elif isinstance(block, ReportFigure):
                figure(block)

    cover = report.title_page
    doc.add_heading(_text(cover.title), level=0)
    doc.add_paragraph(_text(cover.kind), style="Subtitle")
    for label, value in cover.facts:
        paragraph = doc.add_paragraph()
        paragraph.add_run(_text(label) + ": ").bold = True
        paragraph.add_run(_text(value))
    if cover.question:
        doc.add_paragraph().add_run(_text(cover.question_label)).bold = True
        doc.add_paragraph(_text(cover.question), style="Quote")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    wide = False
    for level, section in report.walk():
        if (level == 1 or section.blocks) and _is_wide(section) != wide:
            wide = not wide
            page(doc.add_section(WD_SECTION.NEW_PAGE), wide)
        doc.add_heading(_text(section.title), level=min(level, 9))
        blocks(section)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _deliver(buffer.getvalue(), path)


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
    text = _text(value).replace("\t", "    ")
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
    pdf.set_title(_text(report.title_page.title))
    pdf.set_subject(_text(report.title_page.kind))
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
                        for v, w in zip(values, widths))
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
                facts(zip(block.header, (_pdf_text(v) for v in values)))
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
                  alt_text=_text(block.caption))
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
        orientation = "L" if _is_wide(section) else "P"
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
    return _deliver(bytes(pdf.output()), path)


# --- One web page ------------------------------------------------------------------------

_CSS = """
body { font-family: "DejaVu Sans", system-ui, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1d;
  line-height: 1.45; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
.title-page { border-bottom: 3px solid #1f5fa8; padding-bottom: 1rem; margin-bottom: 1.5rem; }
.kind { color: #555; margin: 0; }
h1 { font-size: 2rem; margin: 0.3rem 0 0.8rem; }
h2 { font-size: 1.45rem; border-bottom: 1px solid #ccd; padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1.15rem; margin-top: 1.4rem; }
.free, dd { white-space: pre-wrap; overflow-wrap: anywhere; }
td { white-space: pre-wrap; overflow-wrap: break-word; }
blockquote { margin: 0.6rem 0; padding: 0.5rem 0.9rem; background: #f3f6fb; border-left: 4px solid #1f5fa8;
  font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
.table { overflow-x: auto; margin: 0.8rem 0 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-weight: 700; padding: 0.3rem 0; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #e6ecf5; }
td.num { text-align: right; white-space: nowrap; }
figure { margin: 1rem 0; }
figure img { width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-style: italic; color: #444; font-size: 0.9rem; }
nav ol { columns: 2; }
@page { size: A4; margin: 18mm; }
@media print { main { max-width: none; padding: 0; } nav { display: none; } h2, h3, caption { break-after: avoid; }
  figure, tr { break-inside: avoid; } }
"""


def write_html(report: Report, path: Destination) -> Path | None:
    """Write the report as one self-contained web page: figures inline as SVG data, styles inline, no script.

    Opens offline in any browser and prints on A4. Every text is escaped; the
    page also forbids scripts and outside requests (Content-Security-Policy),
    so even a text that got past escaping could not run or call home.
    """
    def e(value: object) -> str:
        return html.escape(_text(value), quote=True)

    def table(block: Table) -> str:
        head = "".join(f'<th scope="col">{e(cell)}</th>' for cell in block.header)
        rows = "".join(
            "<tr>" + "".join(f'<td class="num">{e(v)}</td>' if isinstance(v, (int, float)) else f"<td>{e(v)}</td>"
                             for v in values) + "</tr>"
            for values in block.rows
        )
        caption = f"<caption>{e(block.title)}</caption>" if block.title else ""
        weights = block.widths or (1,) * len(block.header)
        columns = "".join(f'<col style="width: {100 * w / sum(weights):.1f}%">' for w in weights)
        return (f'<div class="table"><table>{caption}<colgroup>{columns}</colgroup>'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")

    def figure(block: ReportFigure) -> str:
        import base64

        data = base64.b64encode(block.svg()).decode("ascii")
        return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{e(block.caption)}">'
                f"<figcaption>{e(block.caption)}</figcaption></figure>")

    def block_html(block) -> str:
        if isinstance(block, Paragraph):
            return f'<blockquote class="free">{e(block.text)}</blockquote>' if block.style == "quote" \
                else f'<p class="free">{e(block.text)}</p>'
        if isinstance(block, Bullets):
            return "<ul>" + "".join(f'<li class="free">{e(item)}</li>' for item in block.items) + "</ul>"
        if isinstance(block, Facts):
            return '<dl class="facts">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in block.items) + "</dl>"
        if isinstance(block, Table):
            return table(block)
        return figure(block)

    def section_html(section: Section, level: int) -> str:
        inner = "".join(block_html(block) for block in section.blocks)
        inner += "".join(section_html(child, level + 1) for child in section.children)
        return f'<section id="s-{e(section.key)}"><h{level + 1}>{e(section.title)}</h{level + 1}>{inner}</section>'

    cover = report.title_page
    facts = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in cover.facts)
    question = (f'<p><strong>{e(cover.question_label)}</strong></p><blockquote class="free">{e(cover.question)}'
                "</blockquote>") if cover.question else ""
    contents = "".join(f'<li><a href="#s-{e(s.key)}">{e(s.title)}</a></li>' for s in report.sections)
    page = (
        f'<!DOCTYPE html>\n<html lang="{e(report.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'\">\n"
        f'<meta name="generator" content="Samskaping">\n<title>{e(cover.title)}</title>\n<style>{_CSS}</style>\n'
        f'</head>\n<body>\n<main>\n<header class="title-page"><p class="kind">{e(cover.kind)}</p>'
        f'<h1>{e(cover.title)}</h1><dl class="facts">{facts}</dl>{question}</header>\n'
        f"<nav><ol>{contents}</ol></nav>\n"
        + "\n".join(section_html(section, 1) for section in report.sections)
        + "\n</main>\n</body>\n</html>\n"
    )
    return _deliver(page.encode("utf-8"), path)


# --- Slides ---------------------------------------------------------------------------------

#: Pixels per inch of a picture as placed on a slide: sharp on a projector, small enough to e-mail.
SLIDE_DPI = 170


def write_pptx(report: Report, path: Destination) -> Path | None:
    """Write the slide plan (:attr:`Report.slides`) as a 16:9 PowerPoint deck.

    A title slide, then one slide per figure, theme list, vote table and
    concept. Titles sit in the title placeholder, text in text boxes and the
    vote in a real table, all editable; pictures are scaled to about 170
    pixels per inch as placed, with the caption as alt text. Slides show
    texts shortened (:data:`~samskaping.report.SLIDE_TEXT`); the speaker notes
    hold them whole.
    """
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: 16:9
    deck.core_properties.title = _text(report.title_page.title)
    deck.core_properties.author = deck.core_properties.last_modified_by = "Samskaping"
    deck.core_properties.language = "nb-NO" if report.lang == "nb" else "en-GB"
    margin, top = Inches(0.5), Inches(1.3)
    area_width, area_height = deck.slide_width - 2 * margin, deck.slide_height - top - Inches(0.35)

    def fill(frame, lines, size: float, bullets: bool = False) -> None:
        frame.word_wrap = True
        for n, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            paragraph.text = _text(line)
            for run in paragraph.runs:
                run.font.size = Pt(size)
            if bullets:
                properties = paragraph._p.get_or_add_pPr()
                properties.set("marL", str(Inches(0.3)))
                properties.set("indent", str(-Inches(0.3)))
                char = properties.makeelement(qn("a:buChar"), {"char": "•"})
                properties.append(char)
                paragraph.space_after = Pt(size * 0.4)

    def title(slide, text: str) -> None:
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = margin, Inches(0.3), area_width, Inches(0.9)
        fill(shape.text_frame, [text], 28 if len(text) <= 60 else 22 if len(text) <= 110 else 16)

    for n, plan in enumerate(report.slides):
        if n == 0:
            slide = deck.slides.add_slide(deck.slide_layouts[0])
            heading, subtitle = slide.placeholders[0], slide.placeholders[1]
            heading.left, heading.top, heading.width, heading.height = margin + Inches(0.3), Inches(1.5), \
                area_width - Inches(0.6), Inches(2.2)
            size = 40 if len(plan.title) <= 60 else 30 if len(plan.title) <= 120 else 22
            fill(heading.text_frame, [plan.title], size)
            subtitle.left, subtitle.top, subtitle.width, subtitle.height = margin + Inches(0.3), Inches(3.9), \
                area_width - Inches(0.6), Inches(2.8)
            fill(subtitle.text_frame, plan.subtitle.split("\n"), 18)
        else:
            slide = deck.slides.add_slide(deck.slide_layouts[5])
            title(slide, plan.title)
        if plan.figure is not None:
            width = min(area_width, int(area_height / plan.figure.aspect))
            height = int(width * plan.figure.aspect)
            picture = slide.shapes.add_picture(
                io.BytesIO(plan.figure.png(int(width / 914400 * SLIDE_DPI))),
                margin + (area_width - width) // 2, top, width=Emu(width), height=Emu(height))
            picture._element.nvPicPr.cNvPr.set("descr", _text(plan.figure.caption))
        if plan.bullets:
            box = slide.shapes.add_textbox(margin, top, area_width, area_height)
            length = sum(len(item) for item in plan.bullets)
            fill(box.text_frame, plan.bullets, 20 if length <= 700 else 16 if length <= 1400 else 13, bullets=True)
            box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        if plan.table is not None:
            rows, columns = len(plan.table.rows) + 1, len(plan.table.header)
            shape = slide.shapes.add_table(rows, columns, margin, top, area_width, Inches(0.4) * rows)
            grid = shape.table
            weights = plan.table.widths or (1,) * columns
            for column, weight in zip(grid.columns, weights):
                column.width = Emu(int(area_width * weight / sum(weights)))
            for row, values in zip(grid.rows, (plan.table.header, *plan.table.rows)):
                row.height = Inches(0.4)
                for cell, value in zip(row.cells, values):
                    fill(cell.text_frame, [value], 14)
        if plan.notes:
            slide.notes_slide.notes_text_frame.text = _text("\n".join(plan.notes))
    buffer = io.BytesIO()
    deck.save(buffer)
    return _deliver(buffer.getvalue(), path)


# --- Workbook -------------------------------------------------------------------------------

_MIN_WIDTH, _MAX_WIDTH = 8, 60


def _sheet_title(text: str) -> str:
    """A worksheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "", _text(text))[:31] or "Ark"


def write_xlsx(report_or_store_data: Report | dict, path: Destination, *, lang: str | None = None) -> Path | None:
    """Write the report's tables as an Excel workbook, one sheet per table.

    Takes a :class:`~samskaping.report.Report` or the data of
    ``Store.export_workshop`` (then no figure is drawn). Sheets:
    stakeholders, involvement plan, journey steps (all journeys), ideas (all,
    hidden too), concepts, attendance, evaluation. Header row bold and frozen,
    with a filter; columns sized to their content; numbers stay numbers; a text
    that starts like a formula is stored as text (Excel shows it, never runs
    it) and reads back unchanged.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    report = report_or_store_data if isinstance(report_or_store_data, Report) else \
        report_from_data(report_or_store_data, lang=lang)
    workbook = Workbook()
    workbook.properties.creator = "Samskaping"
    workbook.properties.title = _text(report.title_page.title)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for n, block in enumerate(report.sheets):
        sheet = workbook.active if n == 0 else workbook.create_sheet()
        sheet.title = _sheet_title(block.title)
        widths = [len(_text(cell)) for cell in block.header]
        for column, value in enumerate(block.header, start=1):
            sheet.cell(row=1, column=column, value=_text(value)).font = bold
        for r, values in enumerate(block.rows, start=2):
            for column, value in enumerate(values, start=1):
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    value = _text(value) if value is not None else None
                cell = sheet.cell(row=r, column=column, value=value)
                if isinstance(value, str):
                    cell.alignment = wrap
                    if value.startswith(FORMULA_START):
                        cell.data_type = "s"  # a string, never a formula
                        cell.quotePrefix = True  # and Excel keeps it a string when the cell is edited
                longest = max((len(line) for line in _text(value).split("\n")), default=0)
                widths[column - 1] = max(widths[column - 1], longest)
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(block.header))}{len(block.rows) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _deliver(buffer.getvalue(), path)


# --- The archive ----------------------------------------------------------------------------

_WRITERS: dict[str, Callable[[Report, Destination], Path | None]] = {
    "docx": write_docx, "pdf": write_pdf, "html": write_html, "pptx": write_pptx, "xlsx": write_xlsx,
}
#: File names in an archive, by format.
_ARCHIVE_NAMES = {"docx": "report.docx", "pdf": "report.pdf", "html": "report.html", "pptx": "deck.pptx",
                  "xlsx": "workbook.xlsx"}


def write_zip(store, workshop_id: str, path: Destination, *, lang: str | None = None) -> Path | None:
    """Write everything in one archive: the workshop's data, every figure, and every document.

    ``workshop.json`` is exactly what ``samskaping export --format json``
    writes (read it back with :func:`read_zip`, import it with
    ``Store.import_workshop``); ``figures/`` holds each figure as PNG and SVG;
    then ``report.docx``, ``report.pdf``, ``report.html``, ``deck.pptx`` and
    ``workbook.xlsx``, all from one report, so all from the same data.
    """
    report = build_report(store, workshop_id, lang=lang)
    buffer = io.BytesIO()
    deflate, store_ = zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED  # PNG and office files are compressed already
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(ARCHIVE_JSON, _envelope(report.data), compress_type=deflate)
        for figure in report.figures():
            archive.writestr(f"figures/{figure.key}.png", figure.png(), compress_type=store_)
            archive.writestr(f"figures/{figure.key}.svg", figure.svg(), compress_type=deflate)
        for fmt, writer in _WRITERS.items():
            out = io.BytesIO()
            writer(report, out)
            archive.writestr(_ARCHIVE_NAMES[fmt], out.getvalue(),
                             compress_type=deflate if fmt in ("pdf", "html") else store_)
    return _deliver(buffer.getvalue(), path)


def read_zip(path: str | os.PathLike) -> dict:
    """The workshop data in an archive from :func:`write_zip`, checked like ``samskaping import`` checks JSON.

    Returns what :func:`samskaping.cli.read_export` returns for a JSON export
    (envelope keys included), ready for ``Store.import_workshop``. Anything
    else (no file, not a ZIP archive, no ``workshop.json``, one larger than
    :data:`MAX_ARCHIVE_JSON` unpacked, not JSON, another format or a newer
    version) raises :class:`~samskaping.exceptions.ImportFormatError` naming
    the file and what is wrong. Only ``workshop.json`` is read; nothing in the
    archive is unpacked to disk, so member names like ``../../x`` do no harm.
    """
    name = str(path)
    if not Path(path).is_file():
        raise ImportFormatError(f"No file at {name!r}.", path=name, detail=t("cli.file.missing", path=name))
    if not zipfile.is_zipfile(path):
        raise ImportFormatError(f"{name!r} is not a ZIP archive.", path=name, detail=t("report.zip.not_zip"))
    too_large = ImportFormatError(f"{ARCHIVE_JSON} in {name!r} is over {MAX_ARCHIVE_JSON} bytes.", path=name,
                                  detail=t("report.zip.too_large"))
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo(ARCHIVE_JSON)
            except KeyError:
                raise ImportFormatError(f"{name!r} has no {ARCHIVE_JSON}.", path=name,
                                        detail=t("report.zip.no_json")) from None
            if info.file_size > MAX_ARCHIVE_JSON:  # refused unread: a zip bomb never unpacks
                raise too_large
            with archive.open(info) as member:
                raw = member.read(MAX_ARCHIVE_JSON + 1)  # the size in the directory may lie
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
            zlib.error) as exc:  # damaged, encrypted or compressed in a way Python cannot read
        raise ImportFormatError(f"{name!r} is a damaged ZIP archive: {exc}.", path=name,
                                detail=t("report.zip.damaged")) from None
    if len(raw) > MAX_ARCHIVE_JSON:
        raise too_large
    return parse_export(raw, name, member=ARCHIVE_JSON)


def parse_export(raw: bytes, name: str, *, member: str = "") -> dict:
    """The workshop data in the bytes of a ``samskaping export --format json`` file, envelope keys included.

    The one check of an export's text, for a JSON file and for the
    ``workshop.json`` of an archive: UTF-8 (a BOM is fine), JSON, an object
    with ``"format": "samskaping-workshop"`` and a ``workshop``, and a whole
    version number this kit reads. Anything else raises
    :class:`~samskaping.exceptions.ImportFormatError` naming ``name`` and,
    in Norwegian, what is wrong. O(len(raw)).

    >>> parse_export(b'{"format": "samskaping-workshop", "version": 1, "workshop": {}}', "w.json")["version"]
    1
    >>> parse_export(b"[1, 2", "w.json")
    Traceback (most recent call last):
    ...
    samskaping.exceptions.ImportFormatError: 'w.json' is not JSON: Expecting ',' delimiter: line 1 column 6 (char 5).
    """
    from .cli import EXPORT_FORMAT, EXPORT_VERSION

    where = f"{member} in {name!r}" if member else repr(name)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFormatError(f"{where} is not UTF-8 text.", path=name, detail=t("import.not_utf8")) from None
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{where} is not JSON: {exc}.", path=name,
                                detail=t("import.not_json", line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise ImportFormatError(f"{where} is nested too deep to be JSON we read.", path=name,
                                detail=t("import.too_deep")) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT or "workshop" not in data:
        raise ImportFormatError(
            f"{where} is not a samskaping workshop export (no \"format\": \"{EXPORT_FORMAT}\").",
            path=name, detail=f'"format": "{EXPORT_FORMAT}" mangler',
        )
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version > EXPORT_VERSION:
        raise ImportFormatError(
            f"{where} has export version {version!r}; this samskaping reads {EXPORT_VERSION}.",
            path=name, detail=t("import.bad_version", version=version, supported=EXPORT_VERSION),
        )
    return data


def export_workshop_files(store, workshop_id: str, fmt: str, path: Destination, *,
                          lang: str | None = None) -> Path | None:
    """Export a workshop in one format of :data:`FORMATS`, to a file (or a binary buffer).

    ``json`` is the data as ``samskaping export`` writes it; ``zip`` is
    :func:`write_zip`; the others lay out :func:`~samskaping.report.build_report`.
    An unknown format raises :class:`~samskaping.exceptions.InvalidInputError`
    (``bad_choice``) before anything is read.
    """
    check_choice(fmt, FORMATS, "format")
    if fmt == "json":
        return _deliver(_envelope(store.export_workshop(workshop_id)).encode("utf-8"), path)
    if fmt == "zip":
        return write_zip(store, workshop_id, path, lang=lang)
    return _WRITERS[fmt](build_report(store, workshop_id, lang=lang), path)
