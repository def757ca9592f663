"""Stakeholder registers in and out of files: CSV and Excel as municipalities keep them.

A table reader takes the lists municipalities already keep in spreadsheets and
reports every bad row by its row number instead of failing; the register and
the involvement plan go back out as CSV, JSON and a formula-safe workbook.
"""

from __future__ import annotations

import io
import json
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, DEFAULT_LANG, t
from samskaping.core.keys import fold
from samskaping.core.models import PHASES
from samskaping.core.privacy.staff import check, mask_staff_text
from samskaping.core.tables import (
    MAX_IMPORT_ROWS,
    Headings,
    Problem,
    cell_text,
    csv_records,
    csv_text,
    fill_sheet,
    sheet_records,
    shown,
    unguard,
)
from samskaping.stakeholders.analysis import involvement_plan, label, quadrant, sector_label, strategy_for
from samskaping.stakeholders.model import (
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_SECTOR_LENGTH,
    QUADRANTS,
    SCORE_MAX,
    SCORE_MIN,
    TEXT_FIELDS,
    Stakeholder,
    is_known_sector,
    parse_sector,
)

__all__ = [
    "ImportResult", "parse_stakeholder_rows", "parse_stakeholder_table", "read_stakeholder_csv", "describe",
    "describe_other_sectors",
    "EXPORT_COLUMNS", "PLAN_COLUMNS",
    "read_stakeholder_file", "stakeholders_to_rows", "stakeholders_csv", "stakeholders_json",
    "write_stakeholders_xlsx", "write_plan_csv",
]

@dataclass
class ImportResult:
    """What an import produced: the rows that were good, and every problem found.

    ``other_sectors`` lists, once each and as first written, the sectors of
    good rows that are not among the kit's (kept as written, drawn as
    "annet"), so a person can spot a typo of a known one. ``warnings`` are
    good rows with something to tell, by row number: a cell that looks like a
    person's name (reason ``person_name``), which the store masks, since
    nobody checked the file; organisation names ("NAV Nordby") are kept as
    written (:mod:`samskaping.core.privacy.staff`).
    """

    stakeholders: list[Stakeholder]
    problems: list[Problem]
    other_sectors: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    # Bokmål, nynorsk and English: the kit's own exports in each language read back in.
    "name": ("navn", "namn", "name", "interessent", "interessenter", "stakeholder", "hvem", "kven", "gruppe", "aktor"),
    "sector": ("sektor", "sector", "omrade", "tjenesteomrade"),
    "interest": ("interesse", "interest"),
    "influence": ("innflytelse", "pavirkning", "paverknad", "makt", "influence", "power"),
    # Our own exports carry the quadrant; it follows from the scores, so it is recognised and not read.
    "quadrant": ("kvadrant", "quadrant"),
    "affected": ("berores", "hvordan berores", "korleis dei blir berorte", "affected", "how affected", "impact"),
    "strategy": ("strategi", "strategy", "involvering", "involveringsstrategi"),
    "justification": ("begrunnelse", "grunngiving", "justification", "hvorfor", "kvifor", "why"),
    "contact_role": ("kontakt", "kontaktrolle", "contact", "contact role"),
    "notes": ("notater", "notat", "merknad", "merknader", "kommentar", "notes", "note", "comments"),
    "channel": ("kanal", "kanaler", "channel", "channels"),
    "frequency": ("hyppighet", "frekvens", "hvor ofte", "frequency", "how often"),
    "phase": ("fase", "faser", "phase", "phases"),
}
# Long seed headers ("Hvordan berøres av / påvirker endringen", "Strategi for
# involvering, dialog og opplæring") are matched on how they start; the order
# matters ("berøres ... påvirker" is about being affected, not influence).
_HEADER_PREFIXES = (
    ("hvordan berores", "affected"),
    ("korleis dei blir berorte", "affected"),
    ("korleis blir", "affected"),
    ("berores", "affected"),
    ("how affected", "affected"),
    ("strategi", "strategy"),
    ("strategy", "strategy"),
    ("begrunnelse", "justification"),
    ("kontakt", "contact_role"),
    ("contact", "contact_role"),
    ("merknad", "notes"),
    ("kanal", "channel"),
    ("hyppighet", "frequency"),
    ("frekvens", "frequency"),
    ("interessent", "name"),
    ("interesse", "interest"),
    ("interest", "interest"),
    ("innflytelse", "influence"),
    ("pavirkning", "influence"),
    ("paverknad", "influence"),
    ("grunngiving", "justification"),
    ("influence", "influence"),
)
_HEADINGS = Headings(_HEADER_SYNONYMS, _HEADER_PREFIXES)
#: Without these columns no row can be read.
_REQUIRED_FIELDS = ("name", "interest", "influence")

_PHASE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "innsikt": ("innsikt", "innsiktsfase", "innsiktsfasen", "insight"),
    "ide": ("ide", "ideer", "idefase", "idefasen", "idea", "ideas"),
    "utforming": (
        "utforming", "utproving", "utformingsfasen", "utprovingsfasen", "utformings og utprovingsfasen",
        "design", "trial", "design and trial",
    ),
    "implementering": ("implementering", "implementeringsfasen", "implementation"),
    "": ("alle", "alle faser", "all", "all phases"),
}
_PHASE_LOOKUP = {
    **{fold(t(f"phase.{p}", lang)): p for p in PHASES for lang in CATALOGUE},
    **{fold(t("stakeholder.phase.all", lang)): "" for lang in CATALOGUE},
    **{syn: key for key, syns in _PHASE_SYNONYMS.items() for syn in syns},
}
#: The quadrants' default strategies in every language: an export writes them
#: out, and reading one back must leave "use the default" (``""``), not freeze it.
_DEFAULT_STRATEGIES = frozenset(
    t(f"stakeholder.strategy.{q}", lang) for lang in CATALOGUE for q in QUADRANTS
)
#: clean_text's reasons, as import problems.
_ROW_REASONS = {"empty": "missing_name"}


def _parse_score(raw: str, field: str, row: int) -> int | Problem:
    text = raw.strip()
    if not text:
        return Problem(row, field, "missing_value", "")
    try:
        number = float(text.replace(",", ".").replace("\u2212", "-"))
    except ValueError:
        return Problem(row, field, "not_a_number", shown(text))
    if not math.isfinite(number):
        return Problem(row, field, "not_a_number", shown(text))
    if not number.is_integer():
        return Problem(row, field, "not_a_whole_number", shown(text))
    if not SCORE_MIN <= number <= SCORE_MAX:
        return Problem(row, field, "out_of_range", shown(text))
    return int(number)


def _map_headers(headers: list[str]) -> tuple[dict[str, str], list[Problem]]:
    """Map file headers to field names; report unknown and repeated ones (row 1)."""
    columns, problems = _HEADINGS.match(headers, 1)
    return {headers[index]: key for index, key in columns.items()}, problems


def _parse_row(cells: dict[str, str], row: int, workshop_id: str) -> Stakeholder | list[Problem]:
    """One data row (field -> text) as a stakeholder, or every problem it has."""
    found: list[Problem] = []
    values: dict[str, object] = {}
    name = cells["name"].strip()
    if not name:
        found.append(Problem(row, "name", "missing_name", ""))
    elif len(name) > MAX_NAME_LENGTH:
        found.append(Problem(row, "name", "too_long", shown(name)))
    for key in ("interest", "influence"):
        score = _parse_score(cells[key], key, row)
        if isinstance(score, Problem):
            found.append(score)
        else:
            values[key] = score
    # Any sector is kept: the kit's own (and their synonyms) become keys, the rest stays as written.
    try:
        sector = parse_sector(cells.get("sector", ""))
    except InvalidInputError as exc:  # longer than MAX_SECTOR_LENGTH: a note in the wrong column
        found.append(Problem(row, "sector", exc.reason, shown(cells["sector"])))
    phase_text = cells.get("phase", "").strip()
    phase = _PHASE_LOOKUP.get(fold(phase_text)) if phase_text else ""
    if phase is None:
        found.append(Problem(row, "phase", "unknown_phase", shown(phase_text)))
    for key in TEXT_FIELDS:
        if len(cells.get(key, "").strip()) > MAX_NOTE_LENGTH:
            found.append(Problem(row, key, "too_long", shown(cells[key])))
    if found:
        return found
    try:
        stakeholder = Stakeholder(
            workshop_id,
            name,
            sector,
            values["interest"],
            values["influence"],
            phase=phase,
            **{key: cells.get(key, "") for key in TEXT_FIELDS},
        )
    except InvalidInputError as exc:  # e.g. a name of only control characters
        field_name = str(exc.params.get("field", ""))
        return [Problem(row, field_name, _ROW_REASONS.get(exc.reason, exc.reason), shown(name))]
    if stakeholder.strategy in _DEFAULT_STRATEGIES:
        stakeholder.strategy = ""
    return stakeholder


def parse_stakeholder_rows(rows: list[dict[str, object]], workshop_id: str) -> ImportResult:
    """Turn spreadsheet rows into stakeholders, keeping the good and reporting the bad.

    ``rows`` are dicts from header to cell (as :class:`csv.DictReader` gives
    them; rows that are entirely empty are skipped but still counted, so row
    numbers match the spreadsheet). Headers may be Norwegian or English with
    synonyms (see ``_HEADER_SYNONYMS``). A sector the kit knows, in any
    spelling or synonym (:func:`~samskaping.stakeholders.model.parse_sector`),
    becomes its key; any other ("Tillitsvalgte") is kept as written and
    listed in ``other_sectors``; an empty one means "annet". An empty phase
    means "all phases". Scores must be whole numbers 1-5: words ("høy") are
    reported, never guessed. A strategy that is word for word a quadrant's
    default is read as "use the default", so an exported register re-imports
    unchanged. A row with any problem is left out and each of its problems is
    reported. O(rows x columns).

    >>> result = parse_stakeholder_rows(
    ...     [{"Navn": "PPT", "Sektor": "Oppvekst", "Interesse": "4", "Påvirkning": "3"},
    ...      {"Navn": "Ungdomsrådet", "Sektor": "", "Interesse": "7", "Påvirkning": "2"},
    ...      {"Navn": "Fellesutvalget", "Sektor": "Tillitsvalgte", "Interesse": "2", "Påvirkning": "4"}], "w1")
    >>> [(s.name, s.sector, s.interest, s.influence) for s in result.stakeholders]
    [('PPT', 'oppvekst', 4, 3), ('Fellesutvalget', 'Tillitsvalgte', 2, 4)]
    >>> result.problems, result.other_sectors
    ([Problem(row=3, field='interest', reason='out_of_range', value='7')], ['Tillitsvalgte'])
    """
    headers: list[str] = []
    for row in rows:
        headers += [h for h in row if h not in headers and h is not None]
    if not rows or not headers:
        return ImportResult([], [Problem(1, "", "empty_file", "")])
    mapping, problems = _map_headers(headers)
    missing = [key for key in _REQUIRED_FIELDS if key not in mapping.values()]
    if missing:
        problems += [Problem(1, key, "missing_column", "") for key in missing]
        return ImportResult([], problems)
    column = {key: header for header, key in mapping.items()}

    stakeholders, warnings = [], []
    filled = 0
    for index, raw in enumerate(rows[:MAX_IMPORT_ROWS]):
        if not any(cell_text(value).strip() for value in raw.values()):
            continue
        filled += 1
        cells = {key: unguard(cell_text(raw.get(header))) for key, header in column.items()}
        parsed = _parse_row(cells, index + 2, workshop_id)
        if isinstance(parsed, Stakeholder):
            stakeholders.append(parsed)
            warnings += _person_names(parsed, index + 2)
        else:
            problems += parsed
    if not filled:
        problems.append(Problem(1, "", "empty_file", ""))
    if len(rows) > MAX_IMPORT_ROWS:
        problems.append(Problem(MAX_IMPORT_ROWS + 2, "", "too_many_rows", str(len(rows))))
    return ImportResult(stakeholders, problems, _other_sectors(stakeholders), warnings)


def _person_names(stakeholder: Stakeholder, row: int) -> list[Problem]:
    """A warning for each field of a good row that looks like a person's name (never the name itself).

    >>> _person_names(Stakeholder("w1", "Kari Nordmann", "helse", 3, 3), 2)
    [Problem(row=2, field='name', reason='person_name', value='')]
    >>> _person_names(Stakeholder("w1", "NAV Nordby", "nav", 3, 3), 2)
    []
    """
    fields = dict.fromkeys(warning.field for warning in check(stakeholder).names)
    return [Problem(row, name, "person_name", "") for name in fields]


def _other_sectors(stakeholders: Iterable[Stakeholder]) -> list[str]:
    """The sectors not among the kit's, once each (ignoring case), as first written."""
    seen: dict[str, str] = {}
    for s in stakeholders:
        if not is_known_sector(s.sector):
            seen.setdefault(fold(s.sector), s.sector)
    return list(seen.values())


def parse_stakeholder_table(records: Iterable[Sequence[object]], workshop_id: str) -> ImportResult:
    """Rows of cells, as a CSV file or a worksheet holds them, to stakeholders.

    What CSV and Excel files share: the header is the first row that is not
    empty, and the empty rows above it still count, so every row number is the
    one the spreadsheet shows; a header written twice keeps its first column
    (the rest are reported); cells may be numbers (``4.0``) or ``None``. Then
    :func:`parse_stakeholder_rows`. O(rows x columns).

    >>> table = [[], ["Navn", "Interesse", "Innflytelse"], ["NAV", 4.0, 5], ["PPT", 6, None]]
    >>> result = parse_stakeholder_table(table, "w1")
    >>> [(s.name, s.interest) for s in result.stakeholders]
    [('NAV', 4)]
    >>> [(p.row, p.field, p.reason) for p in result.problems]
    [(4, 'interest', 'out_of_range'), (4, 'influence', 'missing_value')]
    """
    table = [[cell_text(value) for value in record] for record in records]
    start = next((i for i, record in enumerate(table) if any(cell.strip() for cell in record)), None)
    if start is None:
        return ImportResult([], [Problem(1, "", "empty_file", "")])
    header = [cell.strip() for cell in table[start]]
    # Rows become dicts, so a header written twice would silently lose a column: keep the first.
    keep, repeated = [], []
    for i, name in enumerate(header):
        if name and name in header[:i]:
            repeated.append(Problem(1, _HEADINGS.key(name) or "", "duplicate_column", shown(name)))
        else:
            keep.append(i)
    rows = [{header[i]: (record[i] if i < len(record) else "") for i in keep} for record in table[start + 1 :]]
    result = parse_stakeholder_rows(rows, workshop_id)
    problems = [p for p in result.problems if p.row == 1] + repeated + [p for p in result.problems if p.row > 1]
    # Shift row numbers by any empty rows above the header.
    result.problems[:] = [Problem(p.row + start, p.field, p.reason, p.value) for p in problems]
    result.warnings[:] = [Problem(p.row + start, p.field, p.reason, p.value) for p in result.warnings]
    return result


# --- CSV --------------------------------------------------------------------------------


def read_stakeholder_csv(data: bytes | str, workshop_id: str) -> ImportResult:
    """Read a stakeholder list saved from a spreadsheet as CSV.

    Accepts comma, semicolon or tab separators and UTF-8 (BOM or not), UTF-16
    or cp1252 text, because that is what Excel and LibreOffice in Norway
    produce. An Excel workbook itself is refused with a problem that says how
    to save it as CSV (:func:`samskaping.stakeholders.io.read_stakeholder_file`
    reads workbooks). O(size of the file).

    >>> data = "Navn;Sektor;Interesse;Innflytelse\\nHelsestasjon;Helse;5;4\\n".encode("cp1252")
    >>> [s.name for s in read_stakeholder_csv(data, "w1").stakeholders]
    ['Helsestasjon']
    """
    records = csv_records(data)
    if records is None:  # a workbook, a binary file or a cell over the csv module's limit: not a register
        return ImportResult([], [Problem(1, "", "not_csv", "")])
    return parse_stakeholder_table(records, workshop_id)


def describe(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """The sentence to show a person for an import problem (``stakeholder.import.<reason>``).

    >>> describe(Problem(4, "interest", "out_of_range", "7"))
    'Rad 4: interesse 7 er utenfor 1–5. Skriv et helt tall fra 1 til 5.'
    >>> describe(Problem(3, "name", "missing_name"), "en")
    'Row 3: the name is missing. Write who the stakeholder is (group, organisation or role).'
    """
    key = f"stakeholder.import.{problem.reason}"
    if key not in CATALOGUE[DEFAULT_LANG]:
        return f"{problem.row}: {problem.field} {problem.reason} {problem.value}".strip()
    field_label = label(f"stakeholder.field.{problem.field}", lang) if problem.field else ""
    if problem.reason == "too_many_rows":
        max_length = MAX_IMPORT_ROWS
    else:
        max_length = {"name": MAX_NAME_LENGTH, "sector": MAX_SECTOR_LENGTH}.get(problem.field, MAX_NOTE_LENGTH)
    choices = [label(f"phase.{p}", lang) for p in PHASES]
    return t(
        key,
        lang,
        row=problem.row,
        field=field_label,
        value=problem.value,
        header=field_label.capitalize(),
        choices=", ".join(choices),
        max=max_length,
    )

def describe_other_sectors(result: ImportResult, lang: str = DEFAULT_LANG) -> str:
    """The sentence that names the sectors kept as written (``""`` when there are none), to show after an import.

    >>> data = "Navn;Sektor;Interesse;Innflytelse\\nFellesutvalget;Tillitsvalgte;2;4\\n".encode("cp1252")
    >>> print(describe_other_sectors(read_stakeholder_csv(data, "w1")))
    Sektorer som ikke er blant kartets egne, er lest inn som skrevet og tegnes som «Annet»: Tillitsvalgte.
    """
    if not result.other_sectors:
        return ""
    sectors = ", ".join(result.other_sectors)
    return t("stakeholder.other_sectors", lang, other=label("sector.annet", lang), sectors=sectors)


#: The columns of an exported register, in order; the English keys re-import as headers.
EXPORT_COLUMNS = (
    "name", "sector", "interest", "influence", "quadrant", "strategy",
    "affected", "justification", "contact_role", "notes", "channel", "frequency", "phase",
)
#: The columns of the involvement plan, in order.
PLAN_COLUMNS = ("name", "sector", "quadrant", "strategy", "channel", "frequency", "phase")

#: The columns a person typed; only these pass through :func:`export_text`.
_FREE_TEXT = ("name", *TEXT_FIELDS)


def export_text(value: str) -> str:
    """A register's free text on its way out: personal data masked, names as stored.

    The register is staff-typed text (:mod:`samskaping.core.privacy.staff`):
    its names were checked when stored ("NAV Nordby" stays), so only the other
    kinds (fødselsnummer, phone, e-mail ...) are masked here, even in a
    workshop where masking of stored text was turned off.

    >>> export_text("NAV Nordby, 912 34 567")
    'NAV Nordby, [telefon]'
    """
    return mask_staff_text(value).text


# --- Import -----------------------------------------------------------------------------


def read_stakeholder_file(data: bytes, filename: str, workshop_id: str) -> ImportResult:
    """Read an uploaded stakeholder list, choosing CSV or Excel by the file name's ending.

    ``.csv`` and ``.txt`` are read as CSV, ``.xlsx`` with openpyxl (first
    sheet, values not formulas, so a score computed by a formula counts); both
    then share one parser. Any other file, or one that is too large
    (:func:`~samskaping.core.tables.sheet_records`), gives a single problem that
    names the file and what to do. O(size of the file).

    >>> result = read_stakeholder_file(b"navn;interesse;innflytelse\\nNAV;3;5\\n", "liste.CSV", "w1")
    >>> [(s.name, s.influence) for s in result.stakeholders]
    [('NAV', 5)]
    >>> read_stakeholder_file(b"...", "C:\\\\fakepath\\\\liste.docx", "w1").problems
    [Problem(row=1, field='', reason='bad_file_type', value='liste.docx')]
    """
    records = sheet_records(data, filename)
    if isinstance(records, Problem):
        return ImportResult([], [records])
    return parse_stakeholder_table(records, workshop_id)


# --- Export -----------------------------------------------------------------------------


def _sector_cell(sector: str, lang: str | None) -> str:
    """A sector for a file: a known one as its key (``lang`` None) or label, a municipality's own as written."""
    if is_known_sector(sector):
        return sector if lang is None else sector_label(sector, lang)
    return export_text(sector)


def _label(column: str, value: str, lang: str) -> str:
    """A key as a person reads it in a spreadsheet: its label in the catalogue, not the key."""
    if column == "sector":
        return _sector_cell(value, lang)
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
    is a key too, or the municipality's own sector as written; ``phase`` is a
    key (``""`` means all phases). Free text has passed
    :func:`export_text`. O(n).

    >>> (row,) = stakeholders_to_rows([Stakeholder("w", "PPT", "oppvekst", 5, 4, channel="Fagmøte")])
    >>> row["quadrant"], row["strategy"][:27], row["channel"], row["phase"]
    ('nokkelspillere', 'Involveres aktivt fra start', 'Fagmøte', '')
    """
    rows = []
    for s in stakeholders:
        row = {
            "name": s.name,
            "sector": _sector_cell(s.sector, None),
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
    >>> header.split(",")[:6]
    ['name', 'sector', 'interest', 'influence', 'quadrant', 'strategy']
    >>> row
    "'=1+1,nav,1,1,minimal_innsats,Ved behov,,,,,,,"
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
            cell = export_text(value) if column in _FREE_TEXT else _label(column, value, lang)
            if column == "quadrant" and plan_row.on_line:
                cell = t("stakeholder.plan.on_line", lang, quadrant=cell)
            cells.append(cell)
        rows.append(cells)
    return [_header(column, lang) for column in PLAN_COLUMNS], rows


def write_plan_csv(
    stakeholders: Iterable[Stakeholder],
    path_or_buffer: str | os.PathLike | IO,
    *,
    lang: str = DEFAULT_LANG,
    delimiter: str = ",",
) -> None:
    """Write the involvement plan (:func:`~samskaping.stakeholders.analysis.involvement_plan`) as CSV.

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


def write_stakeholders_xlsx(
    stakeholders: Iterable[Stakeholder], path: str | os.PathLike | IO[bytes], *, lang: str = DEFAULT_LANG
) -> Path | None:
    """Write an Excel workbook for the steering group: the register and the involvement plan.

    Sheet "Interessenter" has one row per stakeholder (the columns of
    :data:`EXPORT_COLUMNS`, sector, quadrant and phase as words) and reads
    back with :func:`read_stakeholder_file`; sheet "Involveringsplan" is the
    plan (a quadrant that rests on a score on the midline is marked so).
    Titles and headings come from the catalogue in ``lang``. ``path`` may
    also be a binary buffer (a download); a file is written in one go and its
    path returned. O(n log n).
    """
    from openpyxl import Workbook

    stakeholders = list(stakeholders)
    workbook = Workbook()
    workbook.properties.creator = "Samskaping"
    register = workbook.active
    register.title = t("stakeholder.sheet.stakeholders", lang)
    rows = stakeholders_to_rows(stakeholders, lang=lang)
    fill_sheet(
        register,
        [_header(column, lang) for column in EXPORT_COLUMNS],
        ([_label(column, row[column], lang) for column in EXPORT_COLUMNS] for row in rows),
    )
    fill_sheet(workbook.create_sheet(t("stakeholder.sheet.plan", lang)), *_plan_table(stakeholders, lang))
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not isinstance(path, (str, os.PathLike)):
        path.write(buffer.getvalue())
        return None
    path = Path(path)
    path.write_bytes(buffer.getvalue())
    return path
