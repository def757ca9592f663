"""Exports of the demo workshop: seconds from the store to DOCX + PPTX + XLSX (target <= 10 s), and to PDF.

    python benchmarks/bench_export.py [--repeats 5] [--images docs/images]

Each run builds a fresh report, so the figures are drawn again: the time is
what a coordinator waits for after pressing "export". ``--images DIR`` also
writes the two pictures in docs/exports.md: a page of the PDF (rendered with
pdftoppm) and a slide of the deck (drawn from the deck's own shapes).
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, summary, timed  # noqa: E402
from samskaping.demo import create_demo
from samskaping.reports.archive import write_zip
from samskaping.reports.build import build_report
from samskaping.reports.docx import write_docx
from samskaping.reports.html import write_html
from samskaping.reports.pdf import write_pdf
from samskaping.reports.pptx import write_pptx
from samskaping.reports.xlsx import write_xlsx
from samskaping.store import Store


def office(store: Store, workshop_id: str, out: Path) -> None:
    report = build_report(store, workshop_id)
    write_docx(report, out / "report.docx")
    write_pptx(report, out / "deck.pptx")
    write_xlsx(report, out / "workbook.xlsx")


def pdf(store: Store, workshop_id: str, out: Path) -> None:
    write_pdf(build_report(store, workshop_id), out / "report.pdf")


def html(store: Store, workshop_id: str, out: Path) -> None:
    write_html(build_report(store, workshop_id), out / "report.html")


# --- The pictures of docs/exports.md --------------------------------------------------------------


def page_image(pdf_path: Path, page: int, target: Path) -> None:
    """One page of the PDF as PNG, as poppler renders it (apt package poppler-utils)."""
    if not shutil.which("pdftoppm"):
        raise SystemExit("pdftoppm not found: apt-get install poppler-utils")
    subprocess.run(["pdftoppm", "-r", "80", "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf_path),
                    str(target.with_suffix(""))], check=True)


def slide_image(pptx_path: Path, index: int, target: Path) -> None:
    """Draw a slide from its shapes (pictures, text boxes, tables) at their places: no office suite needed.

    An approximation of what PowerPoint shows (fonts and line breaks may
    differ slightly); pictures are the deck's own.
    """
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle
    from PIL import Image
    from pptx import Presentation

    deck = Presentation(pptx_path)
    width, height = deck.slide_width, deck.slide_height
    slide = deck.slides[index]
    figure = Figure(figsize=(width / 914400, height / 914400), dpi=110)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.set_axis_off()
    ax.add_patch(Rectangle((0, 0), width, height, facecolor="white", edgecolor="#999999", linewidth=1, zorder=-10))

    def text(frame, left, top, box_width, default=18.0, weight="normal"):
        y = top + 45720
        for paragraph in frame.paragraphs:
            size = next((run.font.size.pt for run in paragraph.runs if run.font.size), default)
            bullet = paragraph._p.pPr is not None and paragraph._p.pPr.find(
                "{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is not None
            per_line = max(int(box_width / 12700 / (size * 0.55)), 8)
            lines = textwrap.wrap(paragraph.text.replace("\v", " "), per_line) or [""]
            for n, line in enumerate(lines):
                prefix = ("• " if n == 0 else "   ") if bullet else ""
                ax.text(left + 91440, y, prefix + line, fontsize=size, va="top", ha="left", fontweight=weight,
                        parse_math=False)
                y += size * 1.2 * 12700
            y += size * 0.4 * 12700

    for shape in slide.shapes:
        if shape.shape_type == 13:  # a picture
            image = np.asarray(Image.open(io.BytesIO(shape.image.blob)).convert("RGB"))
            ax.imshow(image, extent=(shape.left, shape.left + shape.width, shape.top + shape.height, shape.top),
                      interpolation="antialiased")
        elif shape.has_table:
            y = shape.top
            for r, row in enumerate(shape.table.rows):
                x = shape.left
                for column, cell in zip(shape.table.columns, row.cells, strict=True):
                    ax.add_patch(Rectangle((x, y), column.width, row.height, facecolor="#4472C4" if r == 0 else
                                           "#E9EBF5", edgecolor="white"))
                    text(cell.text_frame, x, y, column.width, 14, "bold" if r == 0 else "normal")
                    x += column.width
                y += row.height
        elif shape.has_text_frame:
            is_title = shape.is_placeholder and shape.placeholder_format.idx == 0
            text(shape.text_frame, shape.left, shape.top, shape.width, 28 if is_title else 18)
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    figure.savefig(target, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--images", type=Path, default=None, metavar="DIR",
                        help="also write report-page.png and slide.png for docs/exports.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        store = Store(out / "bench.sqlite3")
        workshop = create_demo(store)
        print(f"# Exports of the demo workshop: 60 ideas, 14 stakeholders, 2 journeys, 5 figures ({machine()})")
        print(f"{'DOCX + PPTX + XLSX':<22} {summary(timed(lambda: office(store, workshop.id, out), args.repeats))}")
        print(f"{'PDF':<22} {summary(timed(lambda: pdf(store, workshop.id, out), args.repeats))}")
        print(f"{'HTML':<22} {summary(timed(lambda: html(store, workshop.id, out), args.repeats))}")
        print(f"{'ZIP (all of them)':<22} "
              f"{summary(timed(lambda: write_zip(store, workshop.id, out / 'all.zip'), args.repeats))}")
        if args.images:
            args.images.mkdir(parents=True, exist_ok=True)
            page_image(out / "report.pdf", 3, args.images / "report-page.png")
            slide_image(out / "deck.pptx", 1, args.images / "slide.png")
            print(f"wrote {args.images / 'report-page.png'} and {args.images / 'slide.png'}")
        store.close()


if __name__ == "__main__":
    main()
