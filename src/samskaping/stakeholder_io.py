"""Stakeholder registers in and out of files: CSV and Excel in; CSV, JSON and Excel out.

Municipalities keep their "interessentkartlegging" in spreadsheets, and the
steering group wants one back. :func:`read_stakeholder_file` opens what a
coordinator uploads (``.csv``/``.txt`` or ``.xlsx``) and hands the cells to the
one table parser, :func:`samskaping.stakeholders.parse_stakeholder_table`, so
both formats accept the same headers, check rows the same way and report the
same row numbers. Exports write the register (with each stakeholder's quadrant
and strategy) and the involvement plan ("samskapingsplan").

Two rules for every export (kept in :mod:`samskaping.tables`):

* Free text leaves the kit only through :func:`~samskaping.tables.export_text`,
  the single place where the personal-data guard sits.
* A text cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, CR)
  is never evaluated by a spreadsheet: CSV gets a leading apostrophe (which
  import takes off again), Excel stores it as quoted text.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path
from typing import IO, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .messages import DEFAULT_LANG, t
from .stakeholders import (
    MAX_IMPORT_ROWS,
    TEXT_FIELDS,
    ImportResult,
    Problem,
    Stakeholder,
    involvement_plan,
    parse_stakeholder_table,
    quadrant,
    read_stakeholder_csv,
    strategy_for,
)
from .tables import FORMULA_START, csv_text, export_text, file_name, xlsx_records

__all__ = [
    "IMPORT_SUFFIXES",
    "MAX_IMPORT_BYTES",
    "MAX_XLSX_PART",
    "too_large",
    "EXPORT_COLUMNS",
    "PLAN_COLUMNS",
    "read_stakeholder_file",
    "stakeholders_to_rows",
    "stakeholders_csv",
    "stakeholders_json",
    "write_stakeholders_xlsx",
    "write_plan_csv",
]

#: What :func:`read_stakeholder_file` opens.
IMPORT_SUFFIXES = (".csv", ".txt", ".xlsx")
#: An uploaded sheet larger than this is refused unread: a register of 2000 rows or a journey
#: of 500 steps is well under a megabyte, so this leaves room for pictures and styling.
MAX_IMPORT_BYTES = 20 * 1024 * 1024
#: A part of a workbook, other than a worksheet, that unpacks to more than this is refused
#: unopened (openpyxl reads such parts whole: a zip bomb would fill the memory). Worksheets
#: are read row by row and stop where a table must have ended, so they may be any size.
MAX_XLSX_PART = 100 * 1024 * 1024
#: The columns of an exported register, in order; the English keys re-import as headers.
EXPORT_COLUMNS = (
    "name", "sector", "interest", "influence", "quadrant", "strategy",
    "affected", "justification", "contact_role", "notes", "channel", "frequency", "phase",
)
#: The columns of the involvement plan, in order.
PLAN_COLUMNS = ("name", "sector", "quadrant", "strategy", "channel", "frequency", "phase")

#: The columns a person typed; only these pass through :func:`~samskaping.tables.export_text`.
_FREE_TEXT = ("name", *TEXT_FIELDS)
_MIN_WIDTH, _MAX_WIDTH = 8, 60


# --- Import -----------------------------------------------------------------------------


def too_large(data: bytes, suffix: str) -> bool:
    """Whether an uploaded sheet is too large to open, so it is refused before it is read.

    That is a file over :data:`MAX_IMPORT_BYTES`, or a workbook with a part
    other than a worksheet that says it unpacks to over :data:`MAX_XLSX_PART`.
    Shared by the stakeholder and journey imports. A damaged workbook is not
    "too large"; opening it reports it. O(number of parts).

    >>> too_large(b"navn;interesse\\n", ".csv"), too_large(b"x" * (MAX_IMPORT_BYTES + 1), ".csv")
    (False, True)
    """
    if len(data) > MAX_IMPORT_BYTES:
        return True
    if suffix != ".xlsx":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as workbook:
            parts = workbook.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return any(part.file_size > MAX_XLSX_PART for part in parts if not part.filename.startswith("xl/worksheets/"))


def _read_xlsx(data: bytes, name: str, workshop_id: str) -> ImportResult:
    """The first worksheet of an Excel workbook, computed values rather than formulas."""
    records = xlsx_records(data, max_rows=MAX_IMPORT_ROWS)
    if records is None:
        return ImportResult([], [Problem(1, "", "bad_xlsx", name)])
    return parse_stakeholder_table(records, workshop_id)


def read_stakeholder_file(data: bytes, filename: str, workshop_id: str) -> ImportResult:
    """Read an uploaded stakeholder list, choosing CSV or Excel by the file name's ending.

    ``.csv`` and ``.txt`` go to :func:`~samskaping.stakeholders.read_stakeholder_csv`;
    ``.xlsx`` is opened with openpyxl (first sheet, values not formulas, so a
    score computed by a formula counts); both then share one parser. Any other
    file, or one that is :func:`too_large`, gives a single problem that names
    the file and what to do. O(size of the file).

    >>> result = read_stakeholder_file(b"navn;interesse;innflytelse\\nNAV;3;5\\n", "liste.CSV", "w1")
    >>> [(s.name, s.influence) for s in result.stakeholders]
    [('NAV', 5)]
    >>> read_stakeholder_file(b"...", "C:\\\\fakepath\\\\liste.docx", "w1").problems
    [Problem(row=1, field='', reason='bad_file_type', value='liste.docx')]
    """
    name = file_name(filename)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in IMPORT_SUFFIXES and too_large(data, suffix):
        return ImportResult([], [Problem(1, "", "too_large", name)])
    if suffix == ".xlsx":
        return _read_xlsx(data, name, workshop_id)
    if suffix in IMPORT_SUFFIXES:  # .csv, .txt
        return read_stakeholder_csv(data, workshop_id)
    reason = "old_excel" if suffix == ".xls" else "bad_file_type"
    return ImportResult([], [Problem(1, "", reason, name)])


# --- Export -----------------------------------------------------------------------------


def _label(column: str, value: str, lang: str) -> str:
    """A key as a person reads it in a spreadsheet: ``"nokkelspillere"`` -> ``"Nøkkelspillere"``."""
    if column == "sector":
        return t(f"sector.{value}", lang)
    if column == "quadrant":
        return t(f"quadrant.{value}", lang)
    if column == "phase":
        return t(f"phase.{value}", lang) if value else t("stakeholder.phase.all", lang)
    return value


def _header(column: str, lang: str) -> str:
    """A column heading from the catalogue, first letter capitalised (``"Hvordan berøres"``)."""
    text = t(f"stakeholder.field.{column}", lang)
    return text[:1].upper() + text[1:]


def stakeholders_to_rows(stakeholders: Iterable[Stakeholder], *, lang: str = DEFAULT_LANG) -> list[dict]:
    """The register as plain dicts with the keys of :data:`EXPORT_COLUMNS`, in input order.

    ``quadrant`` is the quadrant key (``"nokkelspillere"`` ...), ``strategy``
    the stakeholder's own or its quadrant's default in ``lang``; ``sector``
    and ``phase`` are keys too (``phase`` ``""`` means all phases). Free text
    has passed :func:`~samskaping.tables.export_text`. O(n).

    >>> (row,) = stakeholders_to_rows([Stakeholder("w", "PPT", "oppvekst", 5, 4, channel="Fagmøte")])
    >>> row["quadrant"], row["strategy"][:27], row["channel"], row["phase"]
    ('nokkelspillere', 'Involveres aktivt fra start', 'Fagmøte', '')
    """
    rows = []
    for s in stakeholders:
        row = {
            "name": s.name,
            "sector": s.sector,
            "interest": s.interest,
            "influence": s.influence,
            "quadrant": quadrant(s),
            "strategy": strategy_for(s, lang=lang),
            **{key: getattr(s, key) for key in TEXT_FIELDS if key != "strategy"},
            "phase": s.phase,
        }
        rows.append({key: export_text(row[key]) if key in _FREE_TEXT else row[key] for key in EXPORT_COLUMNS})
    return rows


def stakeholders_csv(stakeholders: Iterable[Stakeholder], *, lang: str = DEFAULT_LANG) -> str:
    """The register as CSV text: comma separated, English keys as the header, so it re-imports.

    Formula-like cells get a leading apostrophe (import removes it). Lines end
    in CRLF (RFC 4180). Write the text as UTF-8; with a BOM
    (``encoding="utf-8-sig"``) Excel reads æ, ø, å right. O(n).

    >>> header, row = stakeholders_csv([Stakeholder("w", "=1+1", "nav", 1, 1, strategy="Ved behov")]).splitlines()
    >>> header.split(",")[:6], row
    (['name', 'sector', 'interest', 'influence', 'quadrant', 'strategy'], "'=1+1,nav,1,1,minimal_innsats,Ved behov,,,,,,,")
    """
    rows = stakeholders_to_rows(stakeholders, lang=lang)
    return csv_text(EXPORT_COLUMNS, ([row[key] for key in EXPORT_COLUMNS] for row in rows))


def stakeholders_json(stakeholders: Iterable[Stakeholder], *, lang: str = DEFAULT_LANG) -> str:
    """The register as a JSON array of :func:`stakeholders_to_rows` dicts (æøå kept as they are). O(n)."""
    return json.dumps(stakeholders_to_rows(stakeholders, lang=lang), ensure_ascii=False, indent=2)


def _plan_table(stakeholders: Iterable[Stakeholder], lang: str) -> tuple[list[str], list[list[str]]]:
    """Headings and rows of the involvement plan, as a person reads them."""
    rows = []
    for plan_row in involvement_plan(stakeholders, lang=lang):
        cells = []
        for column in PLAN_COLUMNS:
            value = getattr(plan_row, column)
            cells.append(export_text(value) if column in _FREE_TEXT else _label(column, value, lang))
        rows.append(cells)
    return [_header(column, lang) for column in PLAN_COLUMNS], rows


def write_plan_csv(
    stakeholders: Iterable[Stakeholder],
    path_or_buffer: str | os.PathLike | IO,
    *,
    lang: str = DEFAULT_LANG,
    delimiter: str = ",",
) -> None:
    """Write the involvement plan (:func:`~samskaping.stakeholders.involvement_plan`) as CSV.

    A document for people: headings, quadrants and phases in ``lang``, the
    quadrant defaults filled in. A path or binary buffer gets UTF-8 with a BOM
    (so Excel shows æøå), a text buffer gets the text. Norwegian Excel opens
    ``delimiter=";"`` files straight into columns. O(n log n).
    """
    header, rows = _plan_table(stakeholders, lang)
    text = csv_text(header, rows, delimiter)
    if isinstance(path_or_buffer, (str, os.PathLike)):
        Path(path_or_buffer).write_bytes(text.encode("utf-8-sig"))
    elif isinstance(path_or_buffer, io.TextIOBase):
        path_or_buffer.write(text)
    else:
        path_or_buffer.write(text.encode("utf-8-sig"))


def _fill_sheet(sheet, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Bold frozen header, wrapped text, formula-like text kept as text, widths from the content."""
    widths = [len(text) for text in header]
    for col, text in enumerate(header, start=1):
        sheet.cell(row=1, column=col, value=text).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)  # openpyxl refuses these; clean_text drops them anyway
            cell = sheet.cell(row=r, column=col, value=value)
            cell.alignment = wrap
            if isinstance(value, str) and value.startswith(FORMULA_START):
                cell.data_type = "s"  # a string, never a formula
                cell.quotePrefix = True  # and Excel keeps it a string when the cell is edited
            longest = max((len(line) for line in str(value).split("\n")), default=0)
            widths[col - 1] = max(widths[col - 1], longest)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def write_stakeholders_xlsx(
    stakeholders: Iterable[Stakeholder], path: str | os.PathLike | IO[bytes], *, lang: str = DEFAULT_LANG
) -> Path | None:
    """Write an Excel workbook for the steering group: the register and the involvement plan.

    Sheet "Interessenter" has one row per stakeholder (the columns of
    :data:`EXPORT_COLUMNS`, sector, quadrant and phase as words) and reads
    back with :func:`read_stakeholder_file`; sheet "Samskapingsplan" is the
    plan. Titles and headings come from the catalogue in ``lang``. ``path``
    may also be a binary buffer (a download); a file is written in one go and
    its path returned. O(n log n).
    """
    stakeholders = list(stakeholders)
    workbook = Workbook()
    workbook.properties.creator = "Samskaping"
    register = workbook.active
    register.title = t("stakeholder.sheet.stakeholders", lang)
    rows = stakeholders_to_rows(stakeholders, lang=lang)
    _fill_sheet(
        register,
        [_header(column, lang) for column in EXPORT_COLUMNS],
        ([_label(column, row[column], lang) for column in EXPORT_COLUMNS] for row in rows),
    )
    _fill_sheet(workbook.create_sheet(t("stakeholder.sheet.plan", lang)), *_plan_table(stakeholders, lang))
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not isinstance(path, (str, os.PathLike)):
        path.write(buffer.getvalue())
        return None
    path = Path(path)
    path.write_bytes(buffer.getvalue())
    return path
