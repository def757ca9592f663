"""Reading and writing the spreadsheets coordinators keep (CSV and XLSX).

Stakeholder registers (:mod:`samskaping.stakeholders.io`) and service journeys
(:mod:`samskaping.journeys.io`) travel as the same kind of file, so they share
how such a file is opened and written: what Norwegian Excel and LibreOffice
produce (``;`` or ``,``, UTF-8, UTF-16 or cp1252), how a cell becomes text and
how a heading is matched, and the two rules for every export:

* Free text leaves the kit only through :func:`export_text`, where the
  personal-data guard (:func:`samskaping.core.privacy.detect.mask`) sits.
* A text cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, CR)
  is never evaluated by a spreadsheet: CSV gets a leading apostrophe
  (:func:`formula_safe`), which import takes off again (:func:`unguard`).

What a row means (headers, synonyms, row checks) stays with each table's own
module; everything here is about cells and files.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from samskaping.core.keys import fold
from samskaping.core.privacy.detect import mask

__all__ = [
    "parse_nr", "FORMULA_START", "cell_text", "shown", "unguard", "decode", "sniff_delimiter", "csv_records",
    "file_name", "worksheet_records", "xlsx_records", "export_text", "formula_safe", "csv_text", "Problem",
    "MAX_IMPORT_ROWS", "IMPORT_SUFFIXES", "MAX_IMPORT_BYTES", "MAX_XLSX_PART", "Headings", "too_large",
    "sheet_records", "xml_text", "fill_sheet",
]

#: A cell starting with one of these is a formula to a spreadsheet. Exports put
#: an apostrophe in front (:func:`formula_safe`); import takes it off (:func:`unguard`).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: A worksheet wider than this is not a register or a journey; the rest is ignored.
_MAX_COLUMNS = 100
#: How much of a bad cell an import problem quotes.
_MAX_VALUE_SHOWN = 80
#: What a quoted cell must not carry into a message: control characters (C0, DEL, C1), which
#: can move a terminal's cursor, and the marks that turn text around (bidi embeddings,
#: overrides and isolates, LRM, RLM, ALM). Line breaks and tabs become a space; the rest go.
_UNSHOWN = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
                          *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_UNSHOWN.update(dict.fromkeys(map(ord, "\t\n\v\f\x85\u2028\u2029"), " "))


# --- Cells ------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell as text: ``None`` is empty, a spreadsheet's ``4.0`` is ``"4"``.

    CSV gives text and a worksheet gives numbers, dates and ``None``; as text,
    both go through one parser. O(1).

    >>> cell_text(None), cell_text(4.0), cell_text(2.5), cell_text("NAV")
    ('', '4', '2.5', 'NAV')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def shown(value: str) -> str:
    """A cell as an import problem quotes it: on one line, trimmed, cut to 80 characters with "…".

    A whole pasted letter in one cell would drown the sentence that explains
    what is wrong with it. Control characters and right-to-left overrides are
    dropped, so a quoted cell cannot turn the sentence around on the page or
    send escape codes to a terminal; what is left reads as the cell did.
    O(len(value)).

    >>> shown("  7 "), len(shown("x" * 500))
    ('7', 80)
    >>> shown("\\u202eNAV\\u202c \\x1b[31mØst\\x1b[0m\\r\\nside 2\\x00")
    'NAV [31mØst[0m side 2'
    """
    value = value.translate(_UNSHOWN).strip()
    return value if len(value) <= _MAX_VALUE_SHOWN else value[: _MAX_VALUE_SHOWN - 1] + "…"


def unguard(text: str) -> str:
    """Drop the apostrophe an export put before a formula-like cell ("'=SUM" -> "=SUM").

    So an exported file reads back unchanged; an apostrophe before anything
    else is the person's own and stays. O(1).

    >>> unguard("'=SUM(A1)"), unguard("'Sitat'")
    ('=SUM(A1)', "'Sitat'")
    """
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_START else text


# --- Files in ---------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else cp1252.

    Those are what spreadsheets in Norway save as CSV; cp1252 never fails, so
    a file always opens. O(size of the file).

    >>> decode("Påvirkning".encode("cp1252")), decode("Påvirkning".encode("utf-16"))
    ('Påvirkning', 'Påvirkning')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Norwegian Windows saves "CSV" as cp1252; its five unused bytes become U+FFFD.
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of ``;``, ``,`` and tab outside quotes.

    Norwegian Excel writes ``;`` (the comma is the decimal mark); most other
    tools write ``,``. Counting on the header line is enough and never guesses
    a letter, which :class:`csv.Sniffer` sometimes does. O(length of the first line).

    >>> sniff_delimiter('Navn;"Interesse, 1-5";Innflytelse\\n'), sniff_delimiter("navn\\n")
    (';', ',')
    """
    line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda ch: (counts[ch], ch == ";"))
    return best if counts[best] else ","


def csv_records(data: bytes | str) -> list[list[str]] | None:
    """The cells of a CSV file in any of the encodings and separators Norwegian spreadsheets write.

    ``None`` when the bytes are not CSV at all (an Excel workbook, a binary
    file, a NUL byte or a cell over the csv module's 128 KiB limit), so the
    caller can say so instead of listing nonsense rows. O(size of the file).

    >>> csv_records("Navn;Interesse\\nNAV;4\\n".encode("cp1252"))
    [['Navn', 'Interesse'], ['NAV', '4']]
    >>> csv_records(b"PK\\x03\\x04...") is None
    True
    """
    if isinstance(data, str):
        text = data
    else:
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        workbook = data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))  # .xlsx (zip), old .xls
        if workbook or (b"\x00" in data[:2048] and not utf16):
            return None
        text = decode(data)
    text = text.lstrip("\ufeff")
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
    except csv.Error:
        return None


def file_name(filename: str) -> str:
    """The name without folders (browsers on Windows may send ``C:\\fakepath\\liste.csv``).

    The name is what a problem quotes and what the ending is read from, so it
    loses control characters and right-to-left overrides as :func:`shown` cells
    do. O(len(filename)).

    >>> file_name("C:\\\\fakepath\\\\liste.csv"), file_name("fil\\u202egnp.csv")
    ('liste.csv', 'filgnp.csv')
    """
    return str(filename).replace("\\", "/").rsplit("/", 1)[-1].translate(_UNSHOWN)


def worksheet_records(sheet, *, max_rows: int) -> list[tuple]:
    """The rows of a read-only worksheet, stopping where a table must have ended.

    Reads the header (the first row that is not empty) and at most
    ``max_rows + 1`` rows after it, enough for the parser to report "too many
    rows"; a sheet styled down to row 1,048,576 is not read to the end. Rows
    are cut to 100 cells. O(max_rows x columns).
    """
    sheet.reset_dimensions()  # some tools write wrong dimensions; read what is there
    records: list[tuple] = []
    after_header = None
    for record in sheet.iter_rows(values_only=True):
        records.append(record[:_MAX_COLUMNS])
        if after_header is None:
            if any(value is not None and str(value).strip() for value in record):
                after_header = 0
            elif len(records) > max_rows:
                break
        else:
            after_header += 1
            if after_header > max_rows:
                break
    return records


def xlsx_records(data: bytes, *, max_rows: int) -> list[tuple] | None:
    """The rows of an Excel workbook's first sheet, computed values rather than formulas.

    So a score a formula computes counts as the number it shows. ``None``
    when the workbook cannot be opened or its sheet cannot be read (zip, XML
    and openpyxl errors all mean the same to a person). Reads as
    :func:`worksheet_records`. O(max_rows x columns).
    """
    # Imported here: openpyxl takes a quarter of a second to load, and the
    # domain modules that use this module's text helpers should not pay for it.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # zip, XML and openpyxl errors all mean the same to a person: cannot be opened
        return None
    try:
        return worksheet_records(workbook.worksheets[0], max_rows=max_rows)
    except Exception:  # a damaged sheet may only fail while it is read
        return None
    finally:
        workbook.close()


# --- Files out --------------------------------------------------------------------------


def export_text(value: str) -> str:
    """Every piece of free text on its way out of the kit passes the personal-data guard here.

    The store already keeps text masked; masking again is a no-op for it and
    catches anything that reached the register another way. Spreadsheets and
    CSV files travel by e-mail, so they are masked even in a workshop where
    masking of stored text was turned off.

    >>> export_text("Kontakt: rektor Ola Hansen, 912 34 567")
    'Kontakt: rektor [navn], [telefon]'
    """
    return mask(value).text


def formula_safe(value: object) -> object:
    """A text that a spreadsheet would run as a formula, with an apostrophe in front.

    A cell is typed by people and opened by others; it must never run. Other
    values pass unchanged. O(1).

    >>> formula_safe("=HYPERLINK(\\"http://x\\")"), formula_safe("-2"), formula_safe(-2)
    ('\\'=HYPERLINK("http://x")', "'-2", -2)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str = ",") -> str:
    """CSV text with a header row, every cell made :func:`formula_safe`; lines end in CRLF (RFC 4180).

    The one writer of the kit's CSV exports. O(cells).

    >>> csv_text(["navn", "tall"], [["=1+1", 3]])
    "navn,tall\\r\\n'=1+1,3\\r\\n"
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows([formula_safe(value) for value in row] for row in rows)
    return buffer.getvalue()
#: A register is tens of rows; a file far beyond this is a wrong file.
MAX_IMPORT_ROWS = 2000
#: What a stakeholder register or a journey is read from.
IMPORT_SUFFIXES = (".csv", ".txt", ".xlsx")
#: An uploaded sheet larger than this is refused unread: a register of 2000 rows or a journey
#: of 500 steps is well under a megabyte, so this leaves room for pictures and styling.
MAX_IMPORT_BYTES = 20 * 1024 * 1024
#: A part of a workbook, other than a worksheet, that unpacks to more than this is refused
#: unopened (openpyxl reads such parts whole: a zip bomb would fill the memory). Worksheets
#: are read row by row and stop where a table must have ended, so they may be any size.
MAX_XLSX_PART = 100 * 1024 * 1024


# --- Import from a spreadsheet table ---------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an imported file.

    ``row`` counts like a spreadsheet: the header is row 1, the first
    stakeholder row 2 (problems with the header or the whole file use the
    header's row). ``field`` is the English field name (``"interest"``),
    ``reason`` the end of its catalogue key ``stakeholder.import.<reason>``,
    ``value`` the text as found in the file (shortened when long), or the file
    name when the file itself cannot be read.
    """

    row: int
    field: str
    reason: str
    value: str = ""


def too_large(data: bytes, suffix: str) -> bool:
    """Whether an uploaded sheet is too large to open, so it is refused before it is read.

    That is a file over :data:`MAX_IMPORT_BYTES`, or a workbook with a part
    other than a worksheet that says it unpacks to over :data:`MAX_XLSX_PART`.
    A damaged workbook is not "too large"; opening it reports it. O(number of parts).

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


def sheet_records(data: bytes, filename: str, *, max_rows: int = MAX_IMPORT_ROWS) -> list[Sequence[object]] | Problem:
    """The rows of an uploaded sheet, chosen by the file name's ending, or the one problem that stops it.

    ``.csv`` and ``.txt`` are read as CSV (comma, semicolon or tab; UTF-8,
    UTF-16 or cp1252); ``.xlsx`` with openpyxl (first sheet, values not
    formulas, at most ``max_rows`` rows past the first filled one). A file that
    is :func:`too_large`, an old ``.xls``, any other kind of file, or one that
    cannot be read gives a :class:`Problem` on row 1 naming the file.
    Shared by the stakeholder and journey imports. O(size of the file).

    >>> sheet_records(b"navn;interesse\\nNAV;3\\n", "liste.CSV")
    [['navn', 'interesse'], ['NAV', '3']]
    >>> sheet_records(b"...", "C:\\\\fakepath\\\\liste.docx")
    Problem(row=1, field='', reason='bad_file_type', value='liste.docx')
    """
    name = file_name(filename)
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in IMPORT_SUFFIXES:
        return Problem(1, "", "old_excel" if suffix == ".xls" else "bad_file_type", name)
    if too_large(data, suffix):
        return Problem(1, "", "too_large", name)
    if suffix == ".xlsx":
        records = xlsx_records(data, max_rows=max_rows)
        return Problem(1, "", "bad_xlsx", name) if records is None else records
    records = csv_records(data)  # a workbook, a binary file or a cell over the csv module's limit: not a table
    return Problem(1, "", "not_csv", name) if records is None else records


@dataclass(frozen=True)
class Headings:
    """How the headings of a table map to field names: exact synonyms first, then how a long heading starts.

    People write the same heading many ways ("Påvirkning", "pavirkning",
    "Interesse (1-5)"); folded (:func:`~samskaping.core.keys.fold`), they
    compare equal. ``prefixes`` are tried in order, for long headings copied
    from a plan ("Hvordan berøres av / påvirker endringen").
    """

    synonyms: Mapping[str, tuple[str, ...]]
    prefixes: tuple[tuple[str, str], ...] = ()

    def key(self, heading: str) -> str | None:
        """The field ``heading`` names, or ``None``.

        >>> Headings({"influence": ("innflytelse", "pavirkning")}).key(" Påvirkning (1-5) ")
        'influence'
        """
        folded = fold(heading)
        for key, synonyms in self.synonyms.items():
            if folded in synonyms:
                return key
        for prefix, key in self.prefixes:
            if folded.startswith(prefix):
                return key
        return None

    def match(self, headings: Iterable[str | None], row: int) -> tuple[dict[int, str], list[Problem]]:
        """``{column index: field}`` for the known headings, and a problem for each unknown or repeated one.

        Empty headings are skipped; a field named twice keeps its first column.

        >>> Headings({"name": ("navn",)}).match(["Navn", "", "Farge", "navn"], 1)
        ({0: 'name'}, [Problem(row=1, field='', reason='unknown_column', value='Farge'), \
Problem(row=1, field='name', reason='duplicate_column', value='navn')])
        """
        columns: dict[int, str] = {}
        problems: list[Problem] = []
        for index, heading in enumerate(headings):
            if heading is None or not heading.strip():
                continue
            key = self.key(heading)
            if key is None:
                problems.append(Problem(row, "", "unknown_column", shown(heading)))
            elif key in columns.values():
                problems.append(Problem(row, key, "duplicate_column", shown(heading)))
            else:
                columns[index] = key
        return columns, problems


# --- Writing office files -----------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Any cell or free text as every office format can hold it: control characters out, line ends as ``\\n``.

    python-docx and python-pptx refuse the characters XML cannot hold, and
    openpyxl would write a broken file. Tabs and line breaks stay; nothing
    else is changed, so what a person wrote reads back the same. O(len).

    >>> xml_text("Før\\x00 midt\\x07\\r\\nslutt\\x1b 🎉"), xml_text(None), xml_text(3)
    ('Før midt\\nslutt 🎉', '', '3')
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text)


def fill_sheet(sheet, header: Sequence[str], rows: Iterable[Sequence[object]], *, min_width: int = 8,
               max_width: int = 60) -> None:
    """Write a table to an openpyxl worksheet the one safe way: no cell becomes a formula.

    A text that starts like a formula (:data:`FORMULA_START`) is stored as a
    string with Excel's quote prefix, so Excel shows it, never runs it, and it
    reads back unchanged; numbers stay numbers; every text passes
    :func:`xml_text`. The header is bold and frozen with a filter, text wraps,
    and each column is as wide as its longest line (within the bounds).
    O(cells).
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    widths = [len(xml_text(text)) for text in header]
    for column, text in enumerate(header, start=1):
        sheet.cell(row=1, column=column, value=xml_text(text)).font = bold
    count = 0
    for r, values in enumerate(rows, start=2):
        count += 1
        for column, value in enumerate(values, start=1):
            if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)):
                value = xml_text(value)
            cell = sheet.cell(row=r, column=column, value=value)
            if isinstance(value, str):
                cell.alignment = wrap
                if value.startswith(FORMULA_START):
                    cell.data_type = "s"  # a string, never a formula
                    cell.quotePrefix = True  # and Excel keeps it a string when the cell is edited
            longest = max((len(line) for line in xml_text(value).split("\n")), default=0)
            widths[column - 1] = max(widths[column - 1], longest)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, min_width), max_width)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{count + 1}"


def parse_nr(raw: str, highest: int = 9999) -> int | None:
    """A row's number as plans write it ("2", "2.", "Nr. 2", "#2"), or ``None`` when it is not one.

    >>> parse_nr("Nr. 2"), parse_nr("#12"), parse_nr("1.1"), parse_nr("0")
    (2, 12, None, None)
    """
    text = fold(raw).replace(" ", "").rstrip(".")
    for prefix in ("nr.", "nr", "no.", "no", "#"):
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 1 <= number <= highest else None

