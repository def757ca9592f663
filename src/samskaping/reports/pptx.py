"""The report as slides (python-pptx): the slide plan of the report, one figure or list per slide."""

from __future__ import annotations

import io
from pathlib import Path

from samskaping.core.i18n import language_tag
from samskaping.core.tables import xml_text
from samskaping.reports.files import Destination, deliver
from samskaping.reports.model import Report

__all__ = ["write_pptx"]

# --- Slides ---------------------------------------------------------------------------------

#: Pixels per inch of a picture as placed on a slide: sharp on a projector, small enough to e-mail.
SLIDE_DPI = 170


def write_pptx(report: Report, path: Destination) -> Path | None:
    """Write the slide plan (:attr:`Report.slides`) as a 16:9 PowerPoint deck.

    A title slide, then one slide per figure, theme list, vote table and
    concept. Titles sit in the title placeholder, text in text boxes and the
    vote in a real table, all editable; pictures are scaled to about 170
    pixels per inch as placed, with the caption as alt text. Slides show
    texts shortened (:data:`~samskaping.reports.model.SLIDE_TEXT`); the speaker notes
    hold them whole.
    """
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: 16:9
    deck.core_properties.title = xml_text(report.title_page.title)
    deck.core_properties.author = deck.core_properties.last_modified_by = "Samskaping"
    deck.core_properties.language = language_tag(report.lang)
    margin, top = Inches(0.5), Inches(1.3)
    area_width, area_height = deck.slide_width - 2 * margin, deck.slide_height - top - Inches(0.35)

    def fill(frame, lines, size: float, bullets: bool = False) -> None:
        frame.word_wrap = True
        for n, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            paragraph.text = xml_text(line)
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
            picture._element.nvPicPr.cNvPr.set("descr", xml_text(plan.figure.alt or plan.figure.caption))
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
            for column, weight in zip(grid.columns, weights, strict=True):
                column.width = Emu(int(area_width * weight / sum(weights)))
            for row, values in zip(grid.rows, (plan.table.header, *plan.table.rows), strict=True):
                row.height = Inches(0.4)
                for cell, value in zip(row.cells, values, strict=True):
                    fill(cell.text_frame, [value], 14)
        if plan.notes:
            slide.notes_slide.notes_text_frame.text = xml_text("\n".join(plan.notes))
    buffer = io.BytesIO()
    deck.save(buffer)
    return deliver(buffer.getvalue(), path)
