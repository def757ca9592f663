"""Evaluation plans and measurements in and out of files: the plan's table, measurement sheets, JSON.

Coordinators write the evaluation plan as the seeds do, a table "Mål/delmål |
Aktiviteter | Evalueringsspørsmål | Datakilde | Metode | Tidspunkt |
Analyse/bruk" (Midt-Telemark's), often copied from Word into Excel; and they
keep what was measured in a sheet "Mål | Type | Dato | Verdi | Enhet |
Merknad". Each row names its goal by its text, or by its outline number
("1.2", as the goal tree shows it), and is matched to the project's goals; a
row with an empty goal cell belongs to the goal above it (a merged cell in
Word). Bad rows are reported by their row number and skipped, the rest is
kept. Out, both go as CSV and a formula-safe workbook with the headings in
the reader's language, and together as a JSON the kit reads back.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import IO

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, DEFAULT_LANG, t
from samskaping.core.keys import fold
from samskaping.core.privacy.staff import check, mask_staff_text
from samskaping.core.tables import (
    MAX_IMPORT_ROWS,
    Headings,
    Problem,
    cell_text,
    csv_text,
    fill_sheet,
    sheet_records,
    shown,
    unguard,
)
from samskaping.goals.model import Goal, numbering, tree, walk
from samskaping.indicators.model import (
    MAX_LINE_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_TEXT_LENGTH,
    MAX_UNIT_LENGTH,
    EvaluationPlanEntry,
    Measurement,
    day_text,
    kind_label,
    parse_date,
    parse_kind,
    parse_value,
)

__all__ = [
    "PlanImport", "MeasurementImport", "PLAN_COLUMNS", "MEASUREMENT_COLUMNS", "PLAN_JSON_KEYS",
    "MEASUREMENT_JSON_KEYS", "find_goal", "parse_plan_table", "read_plan_file", "parse_measurement_table",
    "read_measurement_file", "describe", "export_text", "goal_cell", "plan_to_rows", "plan_csv", "write_plan_xlsx",
    "measurements_to_rows", "measurements_csv", "write_measurements_xlsx", "indicators_json", "read_indicators_json",
]


@dataclass
class PlanImport:
    """What a plan import produced: the entries that were good, in file order, and every problem found.

    ``warnings`` are good rows with something to tell: a cell that looks like
    a person's name (``person_name``).
    """

    entries: list[EvaluationPlanEntry]
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class MeasurementImport:
    """What a measurement import produced: the good measurements, in file order, and every problem found."""

    measurements: list[Measurement]
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


#: The columns of a plan sheet, in Midt-Telemark's order, then who is responsible.
PLAN_COLUMNS = ("goal", "activity", "question", "source", "method", "when", "use", "who")
#: The columns of a measurement sheet, in order.
MEASUREMENT_COLUMNS = ("goal", "indicator", "kind", "measured", "value", "unit", "note", "source")
#: The keys of each plan entry and each measurement in :func:`indicators_json`, in order.
PLAN_JSON_KEYS = ("goal", "goal_id", "question", "activity", "method", "source", "when", "who", "use")
MEASUREMENT_JSON_KEYS = ("goal", "goal_id", "kind", "measured", "value", "unit", "indicator", "note", "source")

_GOAL_WORDS = (
    "mal/delmal", "mal / delmal", "mal og delmal", "mal", "maal", "delmal", "maet", "goal", "goals", "goal/subgoal",
    "objective", "objectives",
)
_PLAN_SYNONYMS: dict[str, tuple[str, ...]] = {
    # Bokmål, nynorsk and English; the catalogue's headings in every language are added (_headings).
    "goal": _GOAL_WORDS,
    "activity": ("aktiviteter", "aktivitet", "tiltak", "activities", "activity"),
    "question": (
        "evalueringssporsmal", "evalueringsspm", "sporsmal", "evaluation question", "evaluation questions",
        "question", "questions",
    ),
    "source": ("datakilde", "datakilder", "datakjelde", "datakjelder", "kilde", "kjelde", "data source", "source"),
    "method": ("metode", "metoder", "metodar", "method", "methods", "datainnsamling", "innsamlingsmetode"),
    "when": ("tidspunkt", "nar", "when", "tid", "time", "timing", "frist"),
    "use": (
        "analyse/bruk", "analyse / bruk", "analyse og bruk", "bruk", "analyse", "use", "analysis", "analysis/use",
        "analysis / use", "bruk av resultatene", "bruk av resultata",
    ),
    "who": ("ansvarlig", "ansvarleg", "ansvar", "hvem", "kven", "who", "responsible", "owner"),
}
_PLAN_PREFIXES = (
    ("evalueringssporsmal", "question"),
    ("aktivitet", "activity"),
    ("datakild", "source"),
    ("datakjeld", "source"),
    ("metode", "method"),
    ("tidspunkt", "when"),
    ("analyse", "use"),
    ("ansvarl", "who"),
)
_MEASUREMENT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "goal": _GOAL_WORDS,
    "indicator": (
        "indikator", "indikatorar", "indikatorer", "indicator", "maleindikator", "hva er malt", "kva er malt",
    ),
    "kind": (
        "type", "maling", "malingstype", "type maling", "kind", "type of measurement", "measurement",
        "evaluering",
    ),
    "measured": ("dato", "date", "malt", "malingsdato", "maledato", "tidspunkt", "measured", "day"),
    "value": ("verdi", "value", "resultat", "tal", "tall", "result", "malt verdi"),
    "unit": ("enhet", "eining", "unit", "maleenhet", "maleeining"),
    "note": (
        "merknad", "merknader", "merknadar", "kommentar", "kommentarer", "kommentarar", "note", "notes", "comment",
        "comments", "funn", "findings",
    ),
    "source": ("datakilde", "datakilder", "datakjelde", "kilde", "kjelde", "data source", "source"),
}
_MEASUREMENT_PREFIXES = (("datakild", "source"), ("datakjeld", "source"), ("merknad", "note"))
_PLAN_REQUIRED = ("goal", "question")
_MEASUREMENT_REQUIRED = ("goal", "kind", "measured")
_MAX_LENGTHS = {
    "question": MAX_TEXT_LENGTH, "activity": MAX_TEXT_LENGTH, "use": MAX_TEXT_LENGTH, "note": MAX_NOTE_LENGTH,
    "unit": MAX_UNIT_LENGTH,
}
#: A goal cell that starts with an outline number: "1.2", "1.2.", "1.2 Alle barn …".
_OUTLINE = re.compile(r"^(\d{1,4}(?:\.\d{1,4})*)\.?(?:\s+(.*))?$", re.S)
#: A goal's text matched by its start: at least this many characters of it.
_MIN_PREFIX = 15


@cache
def _headings(table: str) -> Headings:
    """The synonyms and each column's heading in every language, so any export of the kit reads back."""
    synonyms, prefixes = (
        (_PLAN_SYNONYMS, _PLAN_PREFIXES) if table == "plan" else (_MEASUREMENT_SYNONYMS, _MEASUREMENT_PREFIXES))
    found = {
        key: tuple(dict.fromkeys((*words, *(fold(_heading(key, lang, table)) for lang in CATALOGUE))))
        for key, words in synonyms.items()
    }
    return Headings(found, prefixes)


def _heading(key: str, lang: str, table: str) -> str:
    """A column's heading as an export writes it ("Mål/delmål", "Evalueringsspørsmål", "Dato")."""
    name = "plan_goal" if table == "plan" and key == "goal" else key
    return t(f"indicator.field.{name}", lang).capitalize()


# --- Goals by their text or number ---------------------------------------------------------------


def _words(text: str) -> str:
    """A goal's text as it is compared: lower case, on one line, without a final full stop."""
    return " ".join(text.casefold().split()).rstrip(" .")


def find_goal(cell: str, goals: Sequence[Goal], numbers: dict[str, str] | None = None) -> tuple[Goal | None, str]:
    """The goal a cell names, and ``""``; or ``None`` and why (``unknown_goal``, ``ambiguous_goal``).

    In this order: the goal whose whole text the cell is (case and spaces
    aside); the goal whose outline number the cell starts with ("1.2",
    "1.2 Alle barn …", as :func:`~samskaping.goals.model.numbering` gives
    them); the one goal whose text starts with the cell, or the cell with its
    text (15 characters at least: the first sentence copied from the plan).
    ``numbers`` may be passed when calling for many cells. O(goals).

    >>> from samskaping.goals.model import Goal
    >>> s = Goal("p", "samfunnsmal", "Trygg oppvekst for alle barn og unge")
    >>> e = Goal("p", "effektmal", "Skape oppmerksomhet, engasjement og eierskap omkring tiltaket.", parent_id=s.id)
    >>> [find_goal(cell, [s, e])[0].text[:14] for cell in ("1.1", "1 Trygg", "Skape oppmerksomhet, engasjement")]
    ['Skape oppmerks', 'Trygg oppvekst', 'Skape oppmerks']
    >>> find_goal("3.4", [s, e])
    (None, 'unknown_goal')
    """
    numbers = numbering(goals) if numbers is None else numbers
    wanted = _words(cell)
    exact = [goal for goal in goals if _words(goal.text) == wanted]
    if len(exact) == 1:
        return exact[0], ""
    outline = _OUTLINE.match(cell.strip())
    if outline:
        by_number = [goal for goal in goals if numbers.get(goal.id) == outline[1]]
        if by_number:
            return by_number[0], ""
        if outline[2]:
            wanted = _words(outline[2])
    if len(exact) > 1:
        return None, "ambiguous_goal"
    starts = [
        goal for goal in goals
        if (len(wanted) >= _MIN_PREFIX and _words(goal.text).startswith(wanted))
        or (len(_words(goal.text)) >= _MIN_PREFIX and wanted.startswith(_words(goal.text)))
        or _words(goal.text) == wanted
    ]
    if len(starts) == 1:
        return starts[0], ""
    return None, "ambiguous_goal" if starts else "unknown_goal"


# --- Import --------------------------------------------------------------------------------------


def _table(records: Iterable[Sequence[object]], table: str, required: Sequence[str]):
    """The header's row number, the column of each field and the header's problems, and the body rows.

    Returns ``(header_row, index_of, problems, body)``, or ``(header_row, None, problems, [])``
    when the file is empty or a required column is missing.
    """
    rows = [[cell_text(value) for value in record] for record in records]
    start = next((i for i, record in enumerate(rows) if any(cell.strip() for cell in record)), None)
    if start is None:
        return 1, None, [Problem(1, "", "empty_file", "")], []
    header_row = start + 1
    columns, problems = _headings(table).match([cell.strip() for cell in rows[start]], header_row)
    missing = [key for key in required if key not in columns.values()]
    if missing:
        return header_row, None, problems + [Problem(header_row, key, "missing_column", "") for key in missing], []
    return header_row, {key: index for index, key in columns.items()}, problems, rows[start + 1:]


def _read_rows(
    records: Iterable[Sequence[object]], goals: Sequence[Goal], table: str, required: Sequence[str],
    parse: Callable[[dict[str, str], int, Goal], object],
) -> tuple[list, list[Problem], list[Problem]]:
    """The rows of a table, each matched to its goal and parsed: ``(items, problems, warnings)``.

    A row with an empty goal cell belongs to the goal of the row above
    (``missing_goal`` when there is none). O(rows x (columns + goals)).
    """
    header_row, index_of, problems, body = _table(records, table, required)
    if index_of is None:
        return [], problems, []
    goals = list(goals)
    numbers = numbering(goals)
    items: list = []
    warnings: list[Problem] = []
    last: Goal | None = None
    filled = 0
    for offset, record in enumerate(body[:MAX_IMPORT_ROWS]):
        row = header_row + 1 + offset
        if not any(cell.strip() for cell in record):
            continue
        filled += 1
        cells = {key: unguard(record[i]) if i < len(record) else "" for key, i in index_of.items()}
        goal_cell = " ".join(cells["goal"].split())
        if goal_cell:
            last, reason = find_goal(goal_cell, goals, numbers)
            if last is None:
                problems.append(Problem(row, "goal", reason, shown(goal_cell)))
                continue
        elif last is None:
            problems.append(Problem(row, "goal", "missing_goal", ""))
            continue
        parsed = parse(cells, row, last)
        if isinstance(parsed, Problem):
            problems.append(parsed)
            continue
        items.append(parsed)
        fields = dict.fromkeys(warning.field for warning in check(parsed).names)
        warnings += [Problem(row, name, "person_name", "") for name in fields]
    if not filled:
        problems.append(Problem(header_row, "", "empty_file", ""))
    if len(body) > MAX_IMPORT_ROWS:
        problems.append(Problem(header_row + MAX_IMPORT_ROWS + 1, "", "too_many_rows", str(len(body))))
    return items, problems, warnings


def _too_long(cells: dict[str, str], row: int, names: Iterable[str]) -> Problem | None:
    for name in names:
        text = cells.get(name, "")
        one_line = " ".join(text.split())
        limit = _MAX_LENGTHS.get(name, MAX_LINE_LENGTH)
        if len(text.strip() if name in _MAX_LENGTHS else one_line) > limit:
            return Problem(row, name, "too_long", shown(text))
    return None


def _problem_of(exc: InvalidInputError, row: int, cells: dict[str, str]) -> Problem:
    """An object's refusal of a cell as an import problem on ``row``."""
    name = str(exc.params.get("field", ""))
    reason = {"empty": f"missing_{name}", "too_long": "too_long"}.get(exc.reason, exc.reason)
    return Problem(row, name, reason, shown(cells.get(name, "")) if name in cells else "")


def _plan_row(project_id: str) -> Callable[[dict[str, str], int, Goal], EvaluationPlanEntry | Problem]:
    def parse(cells: dict[str, str], row: int, goal: Goal) -> EvaluationPlanEntry | Problem:
        if not cells.get("question", "").strip():
            return Problem(row, "question", "missing_question", "")
        too_long = _too_long(cells, row, PLAN_COLUMNS[1:])
        if too_long:
            return too_long
        try:
            return EvaluationPlanEntry(project_id, goal.id, **{key: cells.get(key, "") for key in PLAN_COLUMNS[1:]})
        except InvalidInputError as exc:
            return _problem_of(exc, row, cells)

    return parse


def parse_plan_table(records: Iterable[Sequence[object]], project_id: str, goals: Sequence[Goal]) -> PlanImport:
    """Rows of cells, as a CSV file or a worksheet holds them, to evaluation plan entries for ``goals``.

    The header is the first row that is not empty; row numbers are the ones
    the spreadsheet shows. Each row's goal is found by :func:`find_goal`; a
    goal nobody knows (``unknown_goal``), two goals of the same text
    (``ambiguous_goal``) or a row without an evaluation question
    (``missing_question``) keeps the row out. Entries get ``nr`` 1, 2, … in
    file order. O(rows x (columns + goals)).

    >>> from samskaping.goals.model import Goal
    >>> e = Goal("p", "effektmal", "Skape engasjement og eierskap omkring tiltaket.")
    >>> table = [["Mål/delmål", "Evalueringsspørsmål", "Metode"],
    ...          ["1", "Hvor mange og hvem deltok?", "Registrering ved ankomst"],
    ...          ["", "Hvordan opplevde deltakerne dagen?", "Evalueringsskjema"], ["2", "Hvem mangler?", ""]]
    >>> result = parse_plan_table(table, "p1", [e])
    >>> [(x.nr, x.goal_id == e.id, x.question, x.method) for x in result.entries]
    [(1, True, 'Hvor mange og hvem deltok?', 'Registrering ved ankomst'), \
(2, True, 'Hvordan opplevde deltakerne dagen?', 'Evalueringsskjema')]
    >>> result.problems
    [Problem(row=4, field='goal', reason='unknown_goal', value='2')]
    """
    entries, problems, warnings = _read_rows(records, goals, "plan", _PLAN_REQUIRED, _plan_row(project_id))
    for nr, entry in enumerate(entries, start=1):
        entry.nr = nr
    return PlanImport(entries, problems, warnings)


def read_plan_file(data: bytes, filename: str, project_id: str, goals: Sequence[Goal]) -> PlanImport:
    """Read an uploaded evaluation plan, CSV or Excel by the file name's ending, for ``goals``.

    ``.csv`` and ``.txt`` are read as CSV (``;``, ``,`` or tab; UTF-8 with or
    without BOM, UTF-16 or cp1252: what Norwegian spreadsheets save), ``.xlsx``
    from its first sheet. Headings may be bokmål, nynorsk or English
    ("Mål/delmål", "Evalueringsspørsmål", "Datakjelde", "Analyse/bruk",
    "Ansvarleg"); then :func:`parse_plan_table`. Any other file gives one
    problem naming the file. O(size of the file).
    """
    records = sheet_records(data, filename)
    if isinstance(records, Problem):
        return PlanImport([], [records])
    return parse_plan_table(records, project_id, goals)


def _measurement_row(project_id: str) -> Callable[[dict[str, str], int, Goal], Measurement | Problem]:
    def parse(cells: dict[str, str], row: int, goal: Goal) -> Measurement | Problem:
        kind_text = cells["kind"].strip()
        if not kind_text:
            return Problem(row, "kind", "missing_kind", "")
        try:
            kind = parse_kind(kind_text)
        except InvalidInputError:
            return Problem(row, "kind", "unknown_kind", shown(kind_text))
        day_cell = cells["measured"].strip()
        if not day_cell:
            return Problem(row, "measured", "missing_date", "")
        try:
            measured = parse_date(day_cell)
        except InvalidInputError:
            return Problem(row, "measured", "bad_date", shown(day_cell))
        try:
            value, unit = parse_value(cells.get("value", ""))
        except InvalidInputError:
            return Problem(row, "value", "bad_value", shown(cells.get("value", "")))
        too_long = _too_long(cells, row, ("indicator", "unit", "note", "source"))
        if too_long:
            return too_long
        if value is None and not cells.get("note", "").strip():
            return Problem(row, "value", "no_value", "")
        try:
            return Measurement(
                project_id, goal.id, kind, measured, value, cells.get("unit", "").strip() or unit,
                note=cells.get("note", ""), source=cells.get("source", ""), indicator=cells.get("indicator", ""),
            )
        except InvalidInputError as exc:
            return _problem_of(exc, row, cells)

    return parse


def parse_measurement_table(
    records: Iterable[Sequence[object]], project_id: str, goals: Sequence[Goal]
) -> MeasurementImport:
    """Rows of cells to measurements of ``goals``: goal, kind, date, value or note, unit.

    Each row's goal is found by :func:`find_goal` (an empty goal cell: the
    row above's); the kind is any word :func:`~samskaping.indicators.model.parse_kind`
    knows ("Nullpunktsmåling", "Undervegs", "Final"); the date 15.03.2025 or
    2025-03-15 (an Excel date too); the value a number with a decimal comma
    or point ("83 %" gives the unit "%" when the unit cell is empty), or empty
    when the row has a note. A row that breaks one of these is kept out and
    reported by its row number. O(rows x (columns + goals)).

    >>> from samskaping.goals.model import Goal
    >>> r = Goal("p", "resultatmal", "Alle ansatte kjenner rutinene for fravær.")
    >>> table = [["Mål", "Type", "Dato", "Verdi", "Enhet", "Merknad"],
    ...          ["1", "Nullpunktsmåling", "15.01.2025", "41 %", "", ""],
    ...          ["", "Slutt", "2025-11-30", "4,5", "", ""], ["", "Midtveis", "1.6.25", "", "", ""]]
    >>> result = parse_measurement_table(table, "p1", [r])
    >>> [(m.kind, m.measured.isoformat(), m.value, m.unit) for m in result.measurements]
    [('nullpunkt', '2025-01-15', 41.0, '%'), ('slutt', '2025-11-30', 4.5, '')]
    >>> result.problems
    [Problem(row=4, field='value', reason='no_value', value='')]
    """
    measurements, problems, warnings = _read_rows(
        records, goals, "measurements", _MEASUREMENT_REQUIRED, _measurement_row(project_id))
    return MeasurementImport(measurements, problems, warnings)


def read_measurement_file(data: bytes, filename: str, project_id: str, goals: Sequence[Goal]) -> MeasurementImport:
    """Read an uploaded measurement sheet, CSV or Excel by the file name's ending, for ``goals``.

    Read as :func:`read_plan_file` reads a plan; then :func:`parse_measurement_table`.
    """
    records = sheet_records(data, filename)
    if isinstance(records, Problem):
        return MeasurementImport([], [records])
    return parse_measurement_table(records, project_id, goals)


def describe(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """The sentence to show a person for an import problem (``indicator.import.<reason>``).

    >>> describe(Problem(4, "goal", "unknown_goal", "3.4"))
    'Rad 4: målet «3.4» finnes ikke i prosjektet, så raden ble ikke lest inn. Skriv målets nummer (som «1.2») \
eller teksten slik den står i målhierarkiet.'
    """
    key = f"indicator.import.{problem.reason}"
    if key not in CATALOGUE[DEFAULT_LANG]:
        return f"{problem.row}: {problem.field} {problem.reason} {problem.value}".strip()
    known = problem.field in PLAN_COLUMNS or problem.field in MEASUREMENT_COLUMNS
    field_label = t(f"indicator.field.{problem.field}", lang) if known else ""
    limit = MAX_IMPORT_ROWS if problem.reason == "too_many_rows" else _MAX_LENGTHS.get(problem.field, MAX_LINE_LENGTH)
    return t(
        key, lang, row=problem.row, field=field_label, value=problem.value, header=field_label.capitalize(),
        choices=t("indicator.kind.choices", lang), max=limit,
    )


# --- Out -----------------------------------------------------------------------------------


def export_text(value: str) -> str:
    """Free text on its way out: personal data masked, names of organisations and roles as written.

    >>> export_text("Helsesykepleier, tlf. 912 34 567")
    'Helsesykepleier, tlf. [telefon]'
    """
    return mask_staff_text(value).text


def goal_cell(goal_id: str, goals: Sequence[Goal], numbers: dict[str, str] | None = None) -> str:
    """A goal as an export names it: its outline number and its text ("1.2 Alle barn …"), which reads back.

    A goal not among ``goals`` is named by its id, which reads back only as
    an unknown goal. O(goals).
    """
    numbers = numbering(goals) if numbers is None else numbers
    goal = next((g for g in goals if g.id == goal_id), None)
    if goal is None:
        return goal_id
    return f"{numbers[goal.id]} {' '.join(export_text(goal.text).split())}"


def _goal_order(goals: Sequence[Goal]) -> dict[str, int]:
    """Each goal's place in the tree's order, so exports list goal 1.1 before goal 1.2."""
    return {goal.id: i for i, (goal, _) in enumerate(walk(tree(goals)))}


def plan_to_rows(
    plan: Iterable[EvaluationPlanEntry], goals: Sequence[Goal], *, lang: str = DEFAULT_LANG
) -> list[dict[str, str]]:
    """The plan as dicts with the keys of :data:`PLAN_COLUMNS`, in the goals' order and then the plan's.

    Free text has passed :func:`export_text`. O(n log n).
    """
    goals = list(goals)
    numbers, order = numbering(goals), _goal_order(goals)
    entries = sorted(plan, key=lambda e: (order.get(e.goal_id, len(order)), e.nr))
    return [
        {"goal": goal_cell(entry.goal_id, goals, numbers),
         **{key: export_text(getattr(entry, key)) for key in PLAN_COLUMNS[1:]}}
        for entry in entries
    ]


def _number_text(value: float | None, lang: str) -> str:
    """A value as a reader of ``lang`` writes it, without needless decimals: "4,25", "83", "4.25".

    >>> _number_text(4.25, "nb"), _number_text(83.0, "nn"), _number_text(0.1 + 0.2, "en"), _number_text(None, "nb")
    ('4,25', '83', '0.3', '')
    """
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return text if lang == "en" else text.replace(".", ",")


def measurements_to_rows(
    measurements: Iterable[Measurement], goals: Sequence[Goal], *, lang: str = DEFAULT_LANG
) -> list[dict[str, object]]:
    """The measurements as dicts with the keys of :data:`MEASUREMENT_COLUMNS`, by goal and then by time.

    ``kind`` is its label in ``lang``, ``measured`` the day as ``lang``
    writes it, ``value`` the number (``None`` for a note only); free text
    has passed :func:`export_text`. O(n log n).
    """
    goals = list(goals)
    numbers, order = numbering(goals), _goal_order(goals)
    rows = []
    for m in sorted(measurements, key=lambda m: (order.get(m.goal_id, len(order)), m.measured, m.created)):
        rows.append({
            "goal": goal_cell(m.goal_id, goals, numbers), "indicator": export_text(m.indicator),
            "kind": kind_label(m.kind, lang), "measured": day_text(m.measured, lang), "value": m.value,
            "unit": export_text(m.unit), "note": export_text(m.note), "source": export_text(m.source),
        })
    return rows


def _plan_header(lang: str) -> list[str]:
    return [_heading(key, lang, "plan") for key in PLAN_COLUMNS]


def _measurement_header(lang: str) -> list[str]:
    return [_heading(key, lang, "measurements") for key in MEASUREMENT_COLUMNS]


def plan_csv(
    plan: Iterable[EvaluationPlanEntry], goals: Sequence[Goal], *, lang: str = DEFAULT_LANG, delimiter: str = ","
) -> str:
    """The evaluation plan as CSV: Midt-Telemark's headings in ``lang``, one entry a row.

    Reads back with :func:`read_plan_file` for the same goals. Formula-like
    cells get a leading apostrophe (import takes it off); lines end in CRLF.
    Write it as UTF-8 with a BOM (``encoding="utf-8-sig"``) for Excel. O(n).

    >>> from samskaping.goals.model import Goal
    >>> e = Goal("p", "effektmal", "Mobilisere lokale ressurser")
    >>> plan_csv([EvaluationPlanEntry("p", e.id, "Hvem deltok?", method="Registrering")], [e]).splitlines()[1]
    '1 Mobilisere lokale ressurser,,Hvem deltok?,,Registrering,,,'
    """
    rows = plan_to_rows(plan, goals, lang=lang)
    return csv_text(_plan_header(lang), ([row[key] for key in PLAN_COLUMNS] for row in rows), delimiter)


def measurements_csv(
    measurements: Iterable[Measurement], goals: Sequence[Goal], *, lang: str = DEFAULT_LANG, delimiter: str = ","
) -> str:
    """The measurements as CSV: headings, kinds, days and decimal marks in ``lang``; reads back the same.

    >>> from samskaping.goals.model import Goal
    >>> r = Goal("p", "resultatmal", "Færre elever med høyt fravær")
    >>> text = measurements_csv([Measurement("p", r.id, "nullpunkt", date(2025, 1, 15), 12.5, "%")], [r])
    >>> print(text.splitlines()[1])
    1 Færre elever med høyt fravær,,Nullpunkt,15.01.2025,"12,5",%,,
    """
    rows = measurements_to_rows(measurements, goals, lang=lang)
    return csv_text(
        _measurement_header(lang),
        ([_number_text(row[key], lang) if key == "value" else row[key] for key in MEASUREMENT_COLUMNS]
         for row in rows),
        delimiter,
    )


def _write_workbook(sheet_title: str, header: list[str], rows: Iterable[Sequence[object]],
                    path: str | os.PathLike | IO[bytes]) -> Path | None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.properties.creator = "Samskaping"
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    fill_sheet(sheet, header, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not isinstance(path, (str, os.PathLike)):
        path.write(buffer.getvalue())
        return None
    path = Path(path)
    path.write_bytes(buffer.getvalue())
    return path


def write_plan_xlsx(
    plan: Iterable[EvaluationPlanEntry], goals: Sequence[Goal], path: str | os.PathLike | IO[bytes], *,
    lang: str = DEFAULT_LANG,
) -> Path | None:
    """Write the evaluation plan as an Excel workbook: one sheet, headings in ``lang``.

    No cell becomes a formula (:func:`~samskaping.core.tables.fill_sheet`);
    it reads back with :func:`read_plan_file`. ``path`` may be a binary buffer
    (a download); a file is written in one go and its path returned. O(n).
    """
    rows = plan_to_rows(plan, goals, lang=lang)
    return _write_workbook(t("indicator.sheet.plan", lang), _plan_header(lang),
                           ([row[key] for key in PLAN_COLUMNS] for row in rows), path)


def write_measurements_xlsx(
    measurements: Iterable[Measurement], goals: Sequence[Goal], path: str | os.PathLike | IO[bytes], *,
    lang: str = DEFAULT_LANG,
) -> Path | None:
    """Write the measurements as an Excel workbook: values as numbers, headings, kinds and days in ``lang``.

    Reads back with :func:`read_measurement_file`. O(n).
    """
    rows = measurements_to_rows(measurements, goals, lang=lang)
    return _write_workbook(t("indicator.sheet.measurements", lang), _measurement_header(lang),
                           ([row[key] for key in MEASUREMENT_COLUMNS] for row in rows), path)


# --- JSON ----------------------------------------------------------------------------------


def indicators_json(
    plan: Iterable[EvaluationPlanEntry], measurements: Iterable[Measurement], goals: Sequence[Goal] = ()
) -> str:
    """The plan and the measurements as ``{"plan": [...], "measurements": [...]}``.

    Each names its goal by ``goal_id`` and, when ``goals`` has it, by its
    outline number (``goal``: "1.2"), so it reads back into the same project
    or, by number, into one whose goals were imported again; ``kind`` is the
    key, ``measured`` an ISO date, ``value`` a number or ``null``. Free text
    has passed :func:`export_text`. In the given order. O(n).

    >>> from samskaping.goals.model import Goal
    >>> r = Goal("p", "resultatmal", "Færre elever med høyt fravær")
    >>> data = json.loads(indicators_json([], [Measurement("p", r.id, "slutt", date(2025, 6, 1), 9.5, "%")], [r]))
    >>> {key: data["measurements"][0][key] for key in ("goal", "kind", "measured", "value")}
    {'goal': '1', 'kind': 'slutt', 'measured': '2025-06-01', 'value': 9.5}
    """
    numbers = numbering(list(goals))
    entries = [
        {"goal": numbers.get(entry.goal_id), "goal_id": entry.goal_id,
         **{key: export_text(getattr(entry, key)) for key in PLAN_JSON_KEYS[2:]}}
        for entry in plan
    ]
    values = [
        {"goal": numbers.get(m.goal_id), "goal_id": m.goal_id, "kind": m.kind.value, "measured": m.measured.isoformat(),
         "value": m.value, **{key: export_text(getattr(m, key)) for key in MEASUREMENT_JSON_KEYS[5:]}}
        for m in measurements
    ]
    return json.dumps({"plan": entries, "measurements": values}, ensure_ascii=False, indent=2)


def _not_ours(detail: str) -> InvalidInputError:
    return InvalidInputError(
        f"This is not an evaluation plan as Samskaping writes it: {detail}. "
        'Give JSON with "plan" and "measurements", lists as indicators_json writes them.',
        reason="not_indicators_json", value=detail,
    )


def _bad_entry(part: str, number: int, name: str, detail: str) -> InvalidInputError:
    return InvalidInputError(
        f"{detail}; correct it or export the evaluation again.", reason="bad_indicator_entry", part=part,
        number=number, field=name, value=detail,
    )


def _goal_of(entry: dict, part: str, number: int, goals: Sequence[Goal] | None, numbers: dict[str, str]) -> str:
    """The goal id an entry belongs to: its ``goal_id`` when known, else the goal of its number."""
    goal_id = entry.get("goal_id")
    if goals is None:
        if not isinstance(goal_id, str) or not goal_id.strip():
            raise _bad_entry(part, number, "goal_id", f"{part} {number} has no goal_id")
        return goal_id
    if any(goal.id == goal_id for goal in goals):
        return goal_id
    wanted = entry.get("goal")
    found = [goal.id for goal in goals if wanted is not None and numbers.get(goal.id) == str(wanted)]
    if not found:
        raise _bad_entry(part, number, "goal", f"{part} {number} names goal {goal_id!r} / {wanted!r}, which is "
                         "not among the project's goals")
    return found[0]


def _entries(data: dict, part: str, keys: Sequence[str]) -> list[dict]:
    entries = data.get(part, [])
    if not isinstance(entries, list):
        raise _not_ours(f'"{part}" is not a list')
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise _bad_entry(part, number, part, f"{part} {number} is not an object")
        unknown = sorted(str(key) for key in entry if key not in keys)
        if unknown:
            raise _bad_entry(part, number, ", ".join(unknown), f"{part} {number} has unknown keys {unknown}")
    return entries


def read_indicators_json(
    text: str | bytes, project_id: str, goals: Sequence[Goal] | None = None
) -> tuple[list[EvaluationPlanEntry], list[Measurement]]:
    """The plan entries and measurements of an :func:`indicators_json` text, for ``project_id``.

    With ``goals``, each entry belongs to the goal of its ``goal_id`` if that
    is among them, else to the goal of its outline number (``goal``); without,
    ``goal_id`` is taken as it is. Plan entries get ``nr`` 1, 2, … in list
    order. A text that is not such JSON raises :class:`InvalidInputError`
    (``not_indicators_json``); an entry that cannot be read raises it with
    ``bad_indicator_entry``, naming its list, number and field. Nothing is
    read in part. O(n x goals).

    >>> plan, measurements = read_indicators_json('{"plan": [], "measurements": [{"goal_id": "g1", '
    ...     '"kind": "nullpunkt", "measured": "2025-01-15", "value": 41}]}', "p1")
    >>> [(m.goal_id, m.kind, m.measured.isoformat(), m.value) for m in measurements]
    [('g1', 'nullpunkt', '2025-01-15', 41.0)]
    """
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:  # JSONDecodeError and undecodable bytes are ValueErrors
        raise _not_ours(f"not JSON ({exc})") from None
    if not isinstance(data, dict) or not ({"plan", "measurements"} & set(data)):
        raise _not_ours('no "plan" or "measurements"')
    numbers = numbering(list(goals)) if goals is not None else {}
    plan: list[EvaluationPlanEntry] = []
    for number, entry in enumerate(_entries(data, "plan", PLAN_JSON_KEYS), start=1):
        goal_id = _goal_of(entry, "plan", number, goals, numbers)
        if "question" not in entry:
            raise _bad_entry("plan", number, "question", f"plan {number} has no 'question'")
        try:
            plan.append(EvaluationPlanEntry(project_id, goal_id, nr=number,
                                            **{key: entry.get(key, "") for key in PLAN_JSON_KEYS[2:]}))
        except InvalidInputError as exc:
            raise _bad_entry("plan", number, str(exc.params.get("field", "")), f"plan {number}: {exc}") from None
    measurements: list[Measurement] = []
    for number, entry in enumerate(_entries(data, "measurements", MEASUREMENT_JSON_KEYS), start=1):
        goal_id = _goal_of(entry, "measurements", number, goals, numbers)
        for key in ("kind", "measured"):
            if key not in entry:
                raise _bad_entry("measurements", number, key, f"measurements {number} has no {key!r}")
        try:
            measured = entry["measured"]
            if not isinstance(measured, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", measured):
                raise InvalidInputError(f"measured {measured!r} is not an ISO date", reason="bad_measured_date",
                                        field="measured")
            measurements.append(Measurement(
                project_id, goal_id, entry["kind"], date.fromisoformat(measured), entry.get("value"),
                **{key: entry.get(key, "") for key in MEASUREMENT_JSON_KEYS[5:]},
            ))
        except (InvalidInputError, ValueError) as exc:
            name = str(getattr(exc, "params", {}).get("field", "measured"))
            raise _bad_entry("measurements", number, name, f"measurements {number}: {exc}") from None
    return plan, measurements
