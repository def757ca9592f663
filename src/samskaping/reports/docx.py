"""The report as a Word document: real heading styles, real tables, figures with text alternatives.

python-docx is imported inside the writer, so importing this module is cheap.
"""

from __future__ import annotations

import io
import string
from datetime import UTC, datetime
from pathlib import Path

from samskaping.core.i18n import language_tag, t
from samskaping.core.tables import xml_text
from samskaping.reports.files import Destination, deliver, is_wide
from samskaping.reports.model import Bullets, Facts, Paragraph, Report, ReportFigure, Section, Table

__all__ = ["write_docx"]

# --- Word ---------------------------------------------------------------------------------


def write_docx(report: Report, path: Destination) -> Path | None:
    """Write the report as a Word document: real heading styles, real tables, figures as pictures.

    A4 portrait; sections with a journey map turn to landscape pages. The
    title page uses the "Title" style, sections "Heading 1" and "Heading 2"
    (so Word's navigation pane and table of contents work), tables have a
    header row that repeats on every page, pictures are
    :data:`~samskaping.reports.model.PRINT_PIXELS` wide (print resolution) with the
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
    language = language_tag(report.lang)
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    cell_style = doc.styles.add_style(xml_text(t("report.table_style", report.lang)), WD_STYLE_TYPE.PARAGRAPH)
    cell_style.base_style = doc.styles["Normal"]
    cell_style.font.size = Pt(9)
    cell_style.paragraph_format.space_after = Pt(0)
    props = doc.core_properties
    props.title, props.subject, props.language = (
        xml_text(report.title_page.title), xml_text(report.title_page.kind), language
    )
    props.author = props.last_modified_by = "Samskaping"
    props.created = props.modified = datetime.now(UTC).replace(tzinfo=None)

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
            doc.add_paragraph(xml_text(block.title), style="Caption").paragraph_format.keep_with_next = True
        columns = len(block.header)
        grid = doc.add_table(rows=1 + len(block.rows), cols=columns)
        grid.style = doc.styles["Table Grid"]
        grid.autofit = False
        weights = block.widths or (1,) * columns
        width = usable(doc.sections[-1])[0]
        widths = [Emu(int(width * w / sum(weights))) for w in weights]
        for column, column_width in zip(grid.columns, widths, strict=True):
            column.width = column_width  # the table grid: LibreOffice lays columns out by it, not by the cells
        rows = grid.rows
        repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
        repeat.set(qn("w:val"), "true")
        rows[0]._tr.get_or_add_trPr().append(repeat)
        for n, (row, values) in enumerate(zip(rows, (block.header, *block.rows), strict=True)):
            for cell, value, cell_width in zip(row.cells, values, widths, strict=True):
                cell.width = cell_width
                paragraph = cell.paragraphs[0]
                paragraph.style = cell_style
                run = paragraph.add_run(xml_text(value))
                if n == 0:
                    run.bold = True
                elif isinstance(value, (int, float)):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        doc.add_paragraph()

    def figure(block: ReportFigure) -> None:
        width, height = usable(doc.sections[-1])
        shape_width = min(width, int(height * 0.7 / block.aspect))
        shape = doc.add_picture(io.BytesIO(block.png()), width=Emu(shape_width))
        shape._inline.docPr.set("descr", xml_text(block.alt or block.caption))  # alt text, for screen readers
        picture = doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        doc.add_paragraph(xml_text(block.caption), style="Caption")

    def blocks(section: Section) -> None:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                doc.add_paragraph(xml_text(block.text), style="Quote" if block.style == "quote" else None)
            elif isinstance(block, Bullets):
                if block.title:  # a label over the list, on the same page as its first item
                    label = doc.add_paragraph()
                    label.add_run(xml_text(block.title)).bold = True
                    label.paragraph_format.keep_with_next = True
                for item in block.items:
                    doc.add_paragraph(xml_text(item), style="List Bullet")
            elif isinstance(block, Facts):
                for label, value in block.items:
                    paragraph = doc.add_paragraph()
                    paragraph.add_run(xml_text(label) + ": ").bold = True
                    paragraph.add_run(xml_text(value))
            elif isinstance(block, Table):
                table(block)
            elif isinstance(block, ReportFigure):
                figure(block)

    cover = report.title_page
    doc.add_heading(xml_text(cover.title), level=0)
    doc.add_paragraph(xml_text(cover.kind), style="Subtitle")
    for label, value in cover.facts:
        paragraph = doc.add_paragraph()
        paragraph.add_run(xml_text(label) + ": ").bold = True
        paragraph.add_run(xml_text(value))
    if cover.question:
        doc.add_paragraph().add_run(xml_text(cover.question_label)).bold = True
        doc.add_paragraph(xml_text(cover.question), style="Quote")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    wide = False
    for level, section in report.walk():
        if (level == 1 or section.blocks) and is_wide(section) != wide:
            wide = not wide
            page(doc.add_section(WD_SECTION.NEW_PAGE), wide)
        doc.add_heading(xml_text(section.title), level=min(level, 9))
        blocks(section)
    buffer = io.BytesIO()
    doc.save(buffer)
    return deliver(buffer.getvalue(), path)
