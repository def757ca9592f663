"""The report as a workbook: one sheet per table of the report.

A cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) is
stored as text, never as a formula, and reads back unchanged
(:func:`samskaping.core.tables.formula_safe`).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from samskaping.core.tables import FORMULA_START
from samskaping.reports.build import report_from_data
from samskaping.reports.files import Destination, deliver, xml_text
from samskaping.reports.model import Report

__all__ = ["write_xlsx"]

# --- Workbook -------------------------------------------------------------------------------

_MIN_WIDTH, _MAX_WIDTH = 8, 60


def _sheet_title(text: str) -> str:
    """A worksheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "", xml_text(text))[:31] or "Ark"


def write_xlsx(report_or_store_data: Report | dict, path: Destination, *, lang: str | None = None) -> Path | None:
    """Write the report's tables as an Excel workbook, one sheet per table.

    Takes a :class:`~samskaping.reports.model.Report` or the data of
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
    workbook.properties.title = xml_text(report.title_page.title)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for n, block in enumerate(report.sheets):
        sheet = workbook.active if n == 0 else workbook.create_sheet()
        sheet.title = _sheet_title(block.title)
        widths = [len(xml_text(cell)) for cell in block.header]
        for column, value in enumerate(block.header, start=1):
            sheet.cell(row=1, column=column, value=xml_text(value)).font = bold
        for r, values in enumerate(block.rows, start=2):
            for column, value in enumerate(values, start=1):
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    value = xml_text(value) if value is not None else None
                cell = sheet.cell(row=r, column=column, value=value)
                if isinstance(value, str):
                    cell.alignment = wrap
                    if value.startswith(FORMULA_START):
                        cell.data_type = "s"  # a string, never a formula
                        cell.quotePrefix = True  # and Excel keeps it a string when the cell is edited
                longest = max((len(line) for line in xml_text(value).split("\n")), default=0)
                widths[column - 1] = max(widths[column - 1], longest)
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(block.header))}{len(block.rows) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return deliver(buffer.getvalue(), path)
