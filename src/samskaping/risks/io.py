"""Risk assessments in and out of files: the plan's ROS table from CSV and Excel; CSV, JSON and Excel out.

Project plans keep their risk assessment as a table: number, risk, likelihood,
consequence, measures, who is responsible. :func:`read_risk_file` reads such a
sheet as the municipality wrote it (Norwegian Excel's cp1252 and semicolons,
long headings such as "Sannsynlighet (vurderingskala 1-5 der 5 er mest
sannsynlig)", the matrix's words "Meget liten" ... "Svært alvorlig" instead of
numbers) and reports every bad row by its row number instead of failing.

Exports follow the rules of :mod:`samskaping.core.tables`: free text leaves the
kit only past the personal-data guard (:func:`export_text`), and no cell a
person typed can run as a formula. Every file the kit writes, in any language,
reads back to the same risks.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, DEFAULT_LANG, t
from samskaping.core.keys import fold
from samskaping.core.models import MAX_TITLE_LENGTH
from samskaping.core.privacy.staff import check, mask_staff_text
from samskaping.core.tables import (
    MAX_IMPORT_ROWS,
    Headings,
    Problem,
    cell_text,
    csv_text,
    fill_sheet,
    parse_nr,
    sheet_records,
    shown,
    unguard,
)
from samskaping.risks.model import (
    DEFAULT_THRESHOLDS,
    LEVEL_SHADES,
    MAX_NOTE_LENGTH,
    MAX_NR,
    MAX_OWNER_LENGTH,
    RISK_STATUSES,
    SCALES,
    Risk,
    RiskStatus,
    Thresholds,
    display_numbers,
    parse_scale,
    scale_words,
)

__all__ = [
    "EXPORT_COLUMNS", "RiskImport", "parse_risk_table", "read_risk_file", "describe", "export_text",
    "risks_to_rows", "risks_json", "risks_csv", "write_risks_xlsx",
]

#: The columns of an exported risk assessment, in order (also the keys of :func:`risks_to_rows`).
EXPORT_COLUMNS = ("nr", "title", "likelihood", "consequence", "score", "level", "measures", "owner", "status")
#: Without these columns no row can be read.
_REQUIRED_FIELDS = ("title", "likelihood", "consequence")
#: How many rows that are not empty may stand above the header (a title, a note).
_HEADER_SEARCH = 10


@dataclass
class RiskImport:
    """What an import produced: the rows that were good, and every problem found.

    ``problems`` are by row number as a spreadsheet shows them (the file's own
    problems on the header's row). ``warnings`` are good rows with something to
    tell: a cell that looks like a person's name (reason ``person_name``),
    which the store masks, since nobody checked the file.
    """

    risks: list[Risk]
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- Headings ------------------------------------------------------------------------------

_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    # Bokmål, nynorsk and English, folded; the catalogue's own headings in every language are added.
    "nr": ("nr", "#", "no", "nummer", "number", "lopenummer", "lopenr", "risiko nr", "risikonr", "ksf nr"),
    "title": (
        "risiko", "risikoforhold", "hendelse", "uonsket hendelse", "uonskt hending", "hending", "ksf",
        "kritisk suksessfaktor", "kritiske suksessfaktorer", "risk", "risks", "title", "tittel", "beskrivelse",
        "description", "event",
    ),
    "likelihood": ("sannsynlighet", "sannsynlegheit", "likelihood", "probability", "s", "l"),
    "consequence": ("konsekvens", "konsekvenser", "konsekvensar", "consequence", "impact", "severity", "k", "c"),
    # Our own exports carry the score and the level; both follow from the scores, so they are recognised, not read.
    "score": (
        "risikoverdi", "risikoscore", "risikotall", "risikotal", "score", "risk score", "poeng", "s x k", "sxk",
        "s × k", "l x c", "l × c",
    ),
    "level": ("risikoniva", "niva", "level", "risk level", "risikograd"),
    "measures": (
        "risikoreduserende tiltak", "risikoreduserande tiltak", "tiltak", "measures", "mitigation",
        "mitigating measures", "risk reducing measures", "forebyggende tiltak", "kvalitetssikring",
    ),
    "owner": ("ansvarlig", "ansvar", "ansvarleg", "owner", "responsible"),
    "status": ("status", "state"),
}
# Long headings copied from a plan are matched on how they start ("Sannsynlighet for at
# det skjer", "Tiltak for å redusere risiko", even the matrix's "SANSYNNLIG HET").
_HEADER_PREFIXES = (
    ("uonsket hendelse", "title"),
    ("uonskt hending", "title"),
    ("risikoforhold", "title"),
    ("kritisk suksessfaktor", "title"),
    ("kritiske suksessfaktorer", "title"),
    ("hva kan ga galt", "title"),
    ("kva kan ga gale", "title"),
    ("what could go wrong", "title"),
    ("beskrivelse", "title"),
    ("risikoredus", "measures"),
    ("tiltak", "measures"),
    ("measure", "measures"),
    ("mitigat", "measures"),
    ("sannsyn", "likelihood"),
    ("sansyn", "likelihood"),
    ("likelihood", "likelihood"),
    ("probabil", "likelihood"),
    ("konsekv", "consequence"),
    ("consequen", "consequence"),
    ("impact", "consequence"),
    ("risikoniva", "level"),
    ("risk level", "level"),
    ("risikoverdi", "score"),
    ("risk score", "score"),
    ("ansvar", "owner"),
    ("owner", "owner"),
    ("responsib", "owner"),
)


@cache
def _headings() -> Headings:
    """The headings with the catalogue's own in every language: built on first use (each language's file is read)."""
    synonyms = {
        key: (*words, *(fold(t(f"risk.field.{key}", lang)) for lang in CATALOGUE))
        for key, words in _HEADER_SYNONYMS.items()
    }
    return Headings(synonyms, _HEADER_PREFIXES)


def _heading_key(heading: str) -> str | None:
    """The field a heading names; "Sannsynlighet × konsekvens" is the score, not the likelihood.

    >>> _heading_key("Sannsynlighet (vurderingskala 1-5 der 5 er mest sannsynlig)"), _heading_key("NR")
    ('likelihood', 'nr')
    >>> _heading_key("Sannsynlighet x konsekvens"), _heading_key("Farge")
    ('score', None)
    """
    folded = fold(heading)
    if any(word in folded for word in ("sannsyn", "sansyn", "likelihood")) and any(
        word in folded for word in ("konsekv", "consequen")
    ):
        return "score"
    return _headings().key(heading)


def _match(headings: Sequence[str], row: int) -> tuple[dict[str, int], list[Problem]]:
    """``{field: column index}`` for the known headings, and a problem for each unknown or repeated one.

    Many ROS templates have both "Uønsket hendelse" and a computed "Risiko"
    column: when two headings name the risk and one is just "Risiko", that
    one is the score.
    """
    keys = [_heading_key(heading) if heading.strip() else None for heading in headings]
    titles = [i for i, key in enumerate(keys) if key == "title"]
    plain = [i for i in titles if fold(headings[i]) in ("risiko", "risk")]
    if len(titles) > 1 and plain and len(plain) < len(titles):
        keys[plain[0]] = "score"
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for index, (heading, key) in enumerate(zip(headings, keys, strict=True)):
        if not heading.strip():
            continue
        if key is None:
            problems.append(Problem(row, "", "unknown_column", shown(heading)))
        elif key in columns:
            problems.append(Problem(row, key, "duplicate_column", shown(heading)))
        else:
            columns[key] = index
    return columns, problems


def _header_row(table: list[list[str]]) -> int | None:
    """The index of the header: the first row with two known headings among the first rows that are not empty.

    A sheet copied from a plan may start with its section title ("4.2 Risikovurdering").
    Without two known headings, the first row that is not empty.
    """
    filled = [i for i, record in enumerate(table) if any(cell.strip() for cell in record)]
    for i in filled[:_HEADER_SEARCH]:
        if len({_heading_key(cell) for cell in table[i] if cell.strip()} - {None}) >= 2:
            return i
    return filled[0] if filled else None


# --- Cells -----------------------------------------------------------------------------------

_STATUS_SYNONYMS: dict[str, tuple[str, ...]] = {
    "apen": ("apen", "open", "ny", "new", "ikke startet", "ikkje starta", "not started"),
    "tiltak": (
        "tiltak", "tiltak pagar", "tiltak i gang", "tiltak iverksatt", "tiltak sett i verk", "iverksatt", "pagar",
        "under arbeid",
        "i gang", "in progress", "ongoing", "measures under way",
    ),
    "lukket": ("lukket", "lukka", "lukt", "closed", "ferdig", "avsluttet", "avslutta", "done", "lost", "loyst"),
}


@cache
def _status_lookup() -> dict[str, RiskStatus]:
    return {
        **{fold(t(f"risk.status.{s}", lang)): s for s in RISK_STATUSES for lang in CATALOGUE},
        **{word: RiskStatus(key) for key, words in _STATUS_SYNONYMS.items() for word in words},
    }


def _one_line_length(text: str) -> int:
    return len(" ".join(text.split()))


def _parse_row(cells: dict[str, str], row: int, project_id: str) -> tuple[Risk, bool] | list[Problem]:
    """One data row (field -> text) as a risk and whether it carried its own number, or every problem it has."""
    found: list[Problem] = []
    values: dict[str, object] = {}
    title = cells["title"].strip()
    if not title:
        found.append(Problem(row, "title", "missing_title", ""))
    elif _one_line_length(title) > MAX_TITLE_LENGTH:
        found.append(Problem(row, "title", "too_long", shown(title)))
    for key in SCALES:
        raw = cells[key].strip()
        if not raw:
            found.append(Problem(row, key, "missing_value", ""))
            continue
        try:
            values[key] = parse_scale(raw, key)
        except InvalidInputError:
            found.append(Problem(row, key, "bad_scale", shown(raw)))
    nr_text = cells.get("nr", "").strip()
    nr = _row_nr(nr_text) if nr_text else 0
    if nr is None:
        found.append(Problem(row, "nr", "bad_nr", shown(nr_text)))
    status_text = cells.get("status", "").strip()
    status = _status_lookup().get(fold(status_text)) if status_text else RiskStatus.APEN
    if status is None:
        found.append(Problem(row, "status", "unknown_status", shown(status_text)))
    if len(cells.get("measures", "").strip()) > MAX_NOTE_LENGTH:
        found.append(Problem(row, "measures", "too_long", shown(cells["measures"])))
    if _one_line_length(cells.get("owner", "")) > MAX_OWNER_LENGTH:
        found.append(Problem(row, "owner", "too_long", shown(cells["owner"])))
    if found:
        return found
    try:
        risk = Risk(
            project_id, title, values["likelihood"], values["consequence"], nr=nr or 0,
            measures=cells.get("measures", ""), owner=cells.get("owner", ""), status=status,
        )
    except InvalidInputError as exc:  # e.g. a title of only control characters
        name = str(exc.params.get("field", ""))
        reason = "missing_title" if (name, exc.reason) == ("title", "empty") else exc.reason
        return [Problem(row, name, reason, shown(cells.get(name, "")))]
    return risk, bool(nr)


def _number(risks: list[tuple[Risk, bool, int]]) -> None:
    """Give each risk without a number its position in the file, or the next free number if that is taken."""
    used = {risk.nr for risk, own, _ in risks if own}
    for risk, own, position in risks:
        if own:
            continue
        number = position
        if number in used:
            number = max(used) + 1
        risk.nr = number
        used.add(number)


def _person_names(risk: Risk, row: int) -> list[Problem]:
    """A warning for each field of a good row that looks like a person's name (never the name itself)."""
    fields = dict.fromkeys(warning.field for warning in check(risk).names)
    return [Problem(row, name, "person_name", "") for name in fields]


def parse_risk_table(records: Iterable[Sequence[object]], project_id: str) -> RiskImport:
    """Rows of cells, as a CSV file or a worksheet holds them, to the risks of a project.

    The header is the first row with two known headings (a section title may
    stand above it); row numbers are the spreadsheet's. Columns for the risk,
    its likelihood and its consequence are required; number, measures, owner
    and status are read when present, score and level are recognised and left
    (they follow from the scores). Likelihood and consequence are whole
    numbers 1-5 or the matrix's words (:func:`~samskaping.risks.model.parse_scale`);
    nothing else is guessed. A risk without a number gets its position in the
    file (or the next free number); a number used twice is reported. A row with
    any problem is left out and each of its problems is reported.
    O(rows x columns).

    >>> table = [["4.2 Risikovurdering"], ["Nr", "Risiko", "Sannsynlighet", "Konsekvens"],
    ...          ["1", "Koordinator slutter", "Liten", "Alvorlig"], ["2", "Ingen møter", "høy", "3"],
    ...          ["", "Rutiner tas ikke i bruk", 3.0, "Svært alvorlig"]]
    >>> result = parse_risk_table(table, "p1")
    >>> [(r.nr, r.title, r.likelihood, r.consequence) for r in result.risks]
    [(1, 'Koordinator slutter', 2, 4), (3, 'Rutiner tas ikke i bruk', 3, 5)]
    >>> result.problems
    [Problem(row=4, field='likelihood', reason='bad_scale', value='høy')]
    """
    table = [[cell_text(value) for value in record] for record in records]
    start = _header_row(table)
    if start is None:
        return RiskImport([], [Problem(1, "", "empty_file", "")])
    header_row = start + 1
    column, problems = _match(table[start], header_row)
    missing = [key for key in _REQUIRED_FIELDS if key not in column]
    if missing:
        return RiskImport([], problems + [Problem(header_row, key, "missing_column", "") for key in missing])

    parsed: list[tuple[Risk, bool, int]] = []
    warnings: list[Problem] = []
    own_numbers: set[int] = set()
    rows = 0
    for index in range(start + 1, len(table)):
        record = table[index]
        if not any(cell.strip() for cell in record):
            continue
        rows += 1
        if rows > MAX_IMPORT_ROWS:
            problems.append(Problem(index + 1, "", "too_many_rows", str(MAX_IMPORT_ROWS)))
            break
        cells = {key: unguard(record[i]) if i < len(record) else "" for key, i in column.items()}
        result = _parse_row(cells, index + 1, project_id)
        if isinstance(result, list):
            problems += result
            continue
        risk, own = result
        if own and risk.nr in own_numbers:
            problems.append(Problem(index + 1, "nr", "duplicate_nr", str(risk.nr)))
            continue
        if own:
            own_numbers.add(risk.nr)
        parsed.append((risk, own, rows))
        warnings += _person_names(risk, index + 1)
    if not rows:
        problems.append(Problem(header_row, "", "empty_file", ""))
    _number(parsed)
    return RiskImport([risk for risk, _, _ in parsed], problems, warnings)


def read_risk_file(data: bytes, filename: str, project_id: str) -> RiskImport:
    """Read an uploaded risk assessment, choosing CSV or Excel by the file name's ending.

    ``.csv`` and ``.txt`` are read as CSV (comma, semicolon or tab; UTF-8 with
    or without BOM, UTF-16 or cp1252), ``.xlsx`` with openpyxl (first sheet,
    computed values); both go through :func:`parse_risk_table`. Any other file,
    or one that is too large (:func:`~samskaping.core.tables.sheet_records`),
    gives a single problem naming the file. Nothing is stored. O(size of the file).

    >>> data = "NR;Risiko;Sannsynlighet;Konsekvens\\n2;Prosjektet forankres ikke;Stor;4\\n".encode("cp1252")
    >>> [(r.nr, r.likelihood, r.consequence, r.score) for r in read_risk_file(data, "ros.csv", "p1").risks]
    [(2, 4, 4, 16)]
    """
    records = sheet_records(data, filename)
    if isinstance(records, Problem):
        return RiskImport([], [records])
    return parse_risk_table(records, project_id)


def _header(column: str, lang: str) -> str:
    """A column heading from the catalogue, first letter capitalised (``"Sannsynlighet"``)."""
    text = t(f"risk.field.{column}", lang)
    return text[:1].upper() + text[1:]


def describe(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """The sentence to show a person for an import problem (``risk.import.<reason>``).

    >>> describe(Problem(5, "likelihood", "bad_scale", "høy"))
    'Rad 5: sannsynlighet «høy» er ikke på skalaen. Skriv et helt tall fra 1 til 5 eller et av ordene: \
1 = Meget liten, 2 = Liten, 3 = Moderat, 4 = Stor, 5 = Meget stor.'
    >>> describe(Problem(4, "title", "missing_title"))
    'Rad 4: risikoen mangler. Skriv kort hva som kan gå galt.'
    """
    key = f"risk.import.{problem.reason}"
    if key not in CATALOGUE[DEFAULT_LANG]:
        return f"{problem.row}: {problem.field} {problem.reason} {problem.value}".strip()
    field_label = t(f"risk.field.{problem.field}", lang) if problem.field else ""
    if problem.field in SCALES:
        choices = scale_words(problem.field, lang)
    else:
        choices = ", ".join(t(f"risk.status.{s}", lang) for s in RISK_STATUSES)
    if problem.reason == "too_many_rows":
        max_length = MAX_IMPORT_ROWS
    else:
        max_length = {"title": MAX_TITLE_LENGTH, "owner": MAX_OWNER_LENGTH}.get(problem.field, MAX_NOTE_LENGTH)
    return t(
        key, lang, row=problem.row, field=field_label, value=problem.value,
        header=_header(problem.field, lang) if problem.field else "", choices=choices, max=max_length,
    )


# --- Export ------------------------------------------------------------------------------------


def export_text(value: str) -> str:
    """A risk's free text on its way out: personal data masked, names of roles and services as stored.

    Titles, measures and owners are staff-typed text
    (:mod:`samskaping.core.privacy.staff`): names were checked when stored, so
    only the other kinds (fødselsnummer, phone, e-mail ...) are masked here.

    >>> export_text("Koordinator, 912 34 567")
    'Koordinator, [telefon]'
    """
    return mask_staff_text(value).text


def risks_to_rows(risks: Iterable[Risk], *, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[dict]:
    """The risks as plain dicts with the keys of :data:`EXPORT_COLUMNS`, in input order.

    ``nr`` is the number the matrix shows (:func:`~samskaping.risks.model.display_numbers`),
    ``level`` and ``status`` are keys (``"hoy"``, ``"apen"``); free text has
    passed :func:`export_text`. O(n).

    >>> risks_to_rows([Risk("p", "Ingen fremdrift", 3, 4, nr=4)])
    [{'nr': 4, 'title': 'Ingen fremdrift', 'likelihood': 3, 'consequence': 4, 'score': 12, 'level': 'hoy', \
'measures': '', 'owner': '', 'status': 'apen'}]
    """
    risks = list(risks)
    numbers = display_numbers(risks)
    return [
        {
            "nr": numbers[r.id],
            "title": export_text(r.title),
            "likelihood": r.likelihood,
            "consequence": r.consequence,
            "score": r.score,
            "level": str(r.level(thresholds)),
            "measures": export_text(r.measures),
            "owner": export_text(r.owner),
            "status": str(r.status),
        }
        for r in risks
    ]


def risks_json(risks: Iterable[Risk], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """The risks as ``{"risks": [...]}``, each with the keys of :data:`EXPORT_COLUMNS` in that order.

    What a report or another tool reads: numbers as numbers, level and status
    as keys, æøå as they are. O(n).

    >>> print(risks_json([Risk("p", "Brukerstemmen tas ikke med", 3, 4, nr=4)]))
    {"risks": [{"nr": 4, "title": "Brukerstemmen tas ikke med", "likelihood": 3, "consequence": 4, \
"score": 12, "level": "hoy", "measures": "", "owner": "", "status": "apen"}]}
    """
    return json.dumps({"risks": risks_to_rows(risks, thresholds=thresholds)}, ensure_ascii=False)


def _table(risks: Iterable[Risk], lang: str, thresholds: Thresholds) -> tuple[list[str], list[list[object]]]:
    """Headings and rows as a person reads them: level and status as words in ``lang``."""
    rows = []
    for row in risks_to_rows(risks, thresholds=thresholds):
        row["level"] = t(f"risk.level.{row['level']}", lang)
        row["status"] = t(f"risk.status.{row['status']}", lang)
        rows.append([row[column] for column in EXPORT_COLUMNS])
    return [_header(column, lang) for column in EXPORT_COLUMNS], rows


def risks_csv(
    risks: Iterable[Risk], *, lang: str = DEFAULT_LANG, thresholds: Thresholds = DEFAULT_THRESHOLDS,
    delimiter: str = ",",
) -> str:
    """The risks as CSV text with the catalogue's headings in ``lang``; it reads back with :func:`read_risk_file`.

    Formula-like cells get a leading apostrophe (import takes it off); lines
    end in CRLF. Write it as UTF-8 with a BOM (``encoding="utf-8-sig"``) so
    Excel shows æøå; Norwegian Excel opens ``delimiter=";"`` straight into columns. O(n).

    >>> for line in risks_csv([Risk("p", "=Ingen møter", 2, 2, nr=3)]).splitlines():
    ...     print(line)
    Nr.,Risiko,Sannsynlighet,Konsekvens,Risikoverdi,Risikonivå,Risikoreduserende tiltak,Ansvarlig,Status
    3,'=Ingen møter,2,2,4,Lav,,,Åpen
    """
    header, rows = _table(risks, lang, thresholds)
    return csv_text(header, rows, delimiter)


def write_risks_xlsx(
    risks: Iterable[Risk],
    path: str | os.PathLike | IO[bytes],
    *,
    lang: str = DEFAULT_LANG,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Path | None:
    """Write the risk assessment as an Excel workbook for the plan or the steering group.

    One sheet, "Risikovurdering" (in ``lang``), with the columns of
    :data:`EXPORT_COLUMNS`: score as a number, level and status as words, the
    level cell shaded as in the matrix. No cell becomes a formula
    (:func:`~samskaping.core.tables.fill_sheet`), and the file reads back with
    :func:`read_risk_file`. ``path`` may be a binary buffer (a download); a
    file is written in one go and its path returned. O(n).
    """
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    risks = list(risks)
    workbook = Workbook()
    workbook.properties.creator = "Samskaping"
    sheet = workbook.active
    sheet.title = t("risk.sheet.risks", lang)[:31]  # Excel's limit for a sheet name
    fill_sheet(sheet, *_table(risks, lang, thresholds))
    level_column = EXPORT_COLUMNS.index("level") + 1
    for row, risk in enumerate(risks, start=2):
        shade = LEVEL_SHADES[risk.level(thresholds)].lstrip("#").upper()
        sheet.cell(row=row, column=level_column).fill = PatternFill("solid", start_color=shade, end_color=shade)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not isinstance(path, (str, os.PathLike)):
        path.write(buffer.getvalue())
        return None
    path = Path(path)
    path.write_bytes(buffer.getvalue())
    return path


def _row_nr(raw: str) -> int | None:
    return parse_nr(raw, MAX_NR)

