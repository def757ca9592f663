"""The report as a workbook: one sheet per table of the report.

A cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) is
stored as text, never as a formula, and reads back unchanged
(:func:`samskaping.core.tables.fill_sheet`).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from samskaping.core.tables import fill_sheet, xml_text
from samskaping.reports.build import report_from_data
from samskaping.reports.files import Destination, deliver
from samskaping.reports.model import Report

__all__ = ["write_xlsx"]


def _sheet_title(text: str) -> str:
    """A worksheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "", xml_text(text))[:31] or "Ark"


def write_xlsx(report_or_store_data: Report | dict, path: Destination, *, lang: str | None = None) -> Path | None:
    """Write the report's tables as an Excel workbook, one sheet per table.

    Takes a :class:`~samskaping.reports.model.Report` or the data of
    ``Store.export_workshop`` (then no figure is drawn). Sheets:
    stakeholders, involvement plan, journey steps (all journeys), ideas (merged
    duplicates too; posts the facilitator hid only when the data was exported
    with them), concepts, attendance, evaluation. Header row bold and frozen,
    with a filter; columns sized to their content; numbers stay numbers; a text
    that starts like a formula is stored as text (Excel shows it, never runs
    it) and reads back unchanged.
    """
    from openpyxl import Workbook

    report = report_or_store_data if isinstance(report_or_store_data, Report) else \
        report_from_data(report_or_store_data, lang=lang)
    workbook = Workbook()
    workbook.properties.creator = "Samskaping"
    workbook.properties.title = xml_text(report.title_page.title)
    for n, block in enumerate(report.sheets):
        sheet = workbook.active if n == 0 else workbook.create_sheet()
        sheet.title = _sheet_title(block.title)
        fill_sheet(sheet, block.header, block.rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return deliver(buffer.getvalue(), path)
