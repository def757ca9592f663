"""The report as one self-contained web page.

All text is escaped (:func:`html.escape`); the page carries no script and
forbids scripts with a Content-Security-Policy, in case one ever slipped in.
"""

from __future__ import annotations

import html
from pathlib import Path

from samskaping.core.tables import xml_text
from samskaping.reports.files import Destination, deliver
from samskaping.reports.model import Bullets, Facts, Paragraph, Report, ReportFigure, Section, Table

__all__ = ["write_html"]

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
.list-title { font-weight: 700; margin-bottom: 0.2rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #e6ecf5; }
td.num { text-align: right; white-space: nowrap; }
figure { margin: 1rem 0; }
figure img { width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-style: italic; color: #444; font-size: 0.9rem; }
nav ol { columns: 2; }
@page { size: A4; margin: 18mm; }
@media print { main { max-width: none; padding: 0; } nav { display: none; } h2, h3, h4, caption, .list-title {
  break-after: avoid; }
  figure, tr { break-inside: avoid; } }
"""


def write_html(report: Report, path: Destination) -> Path | None:
    """Write the report as one self-contained web page: figures inline as SVG data, styles inline, no script.

    Opens offline in any browser and prints on A4. Every text is escaped; the
    page also forbids scripts and outside requests (Content-Security-Policy),
    so even a text that got past escaping could not run or call home.
    """
    def e(value: object) -> str:
        return html.escape(xml_text(value), quote=True)

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
        return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{e(block.alt or block.caption)}">'
                f"<figcaption>{e(block.caption)}</figcaption></figure>")

    def block_html(block) -> str:
        if isinstance(block, Paragraph):
            return f'<blockquote class="free">{e(block.text)}</blockquote>' if block.style == "quote" \
                else f'<p class="free">{e(block.text)}</p>'
        if isinstance(block, Bullets):
            title = f'<p class="list-title">{e(block.title)}</p>' if block.title else ""
            return title + "<ul>" + "".join(f'<li class="free">{e(item)}</li>' for item in block.items) + "</ul>"
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
    return deliver(page.encode("utf-8"), path)
