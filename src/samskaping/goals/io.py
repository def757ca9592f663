"""Goal hierarchies in and out of files: the sheets project plans keep, and a JSON the kit reads back.

Coordinators have their goals in a spreadsheet already (the plan's "Hovedmål
og delmål", the evaluation table's "Mål/delmål | Evalueringsspørsmål |
Datakilde | Tidspunkt"). A sheet is read row by row: the hierarchy is the
order of the rows (a resultatmål belongs to the effektmål above it), bad rows
are reported by their row number and skipped, and the rest is kept. Out, the
hierarchy goes as CSV and a formula-safe workbook with the headings in the
reader's language, and as a small JSON whose parents are positions in its list.
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
from samskaping.goals.model import (
    LEVELS,
    LINE_FIELDS,
    MAX_LINE_LENGTH,
    MAX_TEXT_LENGTH,
    Branch,
    Goal,
    GoalLevel,
    level_above,
    level_label,
    parse_level,
    tree,
)

__all__ = [
    "GoalImport", "COLUMNS", "JSON_KEYS", "parse_goal_table", "read_goal_file", "describe", "ordered",
    "export_text", "goals_to_rows", "goals_csv", "write_goals_xlsx", "goals_json", "read_goals_json",
]


@dataclass
class GoalImport:
    """What an import produced: the goals that were good, in file order, and every problem found.

    A row without goal text or with a level nobody knows is left out and
    reported by its row number; a goal with nothing of the level above it in
    the file is kept without a parent and reported (``no_parent``; ``value``
    is its level). ``warnings`` are good rows with something to tell: a cell
    that looks like a person's name (``person_name``).
    """

    goals: list[Goal]
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


#: The columns of a goal sheet, in order; each is a field of :class:`~samskaping.goals.model.Goal`.
COLUMNS = ("level", "text", *LINE_FIELDS)
#: The keys of each goal in :func:`goals_json`, in order.
JSON_KEYS = ("level", "text", "indicator", "source", "when", "owner", "parent")

_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    # Bokmål, nynorsk and English; the catalogue's headings in every language are added (_headings).
    "level": ("niva", "nivaa", "malniva", "type", "maltype", "level", "goal level", "kategori"),
    "text": (
        "mal", "maal", "malformulering", "malsetting", "goal", "goals", "objective", "mal/delmal", "mal og delmal",
        "formulering", "beskrivelse",
    ),
    "indicator": (
        "indikator", "indikatorer", "maleindikator", "maleindikatorer", "indicator", "indicators",
        "evalueringssporsmal", "evaluation question", "evaluation questions", "malemetode", "measure", "kpi",
        "suksesskriterium", "suksesskriterier",
    ),
    "source": ("datakilde", "datakilder", "datakjelde", "datakjelder", "kilde", "kjelde", "data source", "source"),
    "when": ("tidspunkt", "nar", "when", "tid", "time", "frist", "deadline", "malepunkt"),
    "owner": ("ansvar", "ansvarlig", "ansvarleg", "owner", "responsible", "eier", "malt av"),
}
# Long headings copied from a plan ("Indikator (hvordan måles det?)" folds at the bracket already).
_HEADER_PREFIXES = (
    ("evalueringssporsmal", "indicator"),
    ("indikator", "indicator"),
    ("datakild", "source"),
    ("datakjeld", "source"),
    ("ansvarl", "owner"),
    ("tidspunkt", "when"),
    ("malformulering", "text"),
)
#: Without these columns no row can be read.
_REQUIRED = ("level", "text")
_MAX_LENGTHS = {"text": MAX_TEXT_LENGTH, **dict.fromkeys(LINE_FIELDS, MAX_LINE_LENGTH)}
_LEVEL_KEYS = frozenset(level.value for level in LEVELS)


@cache
def _headings() -> Headings:
    """The synonyms, and each column's heading in every language, so any export of the kit reads back."""
    synonyms = {
        key: tuple(dict.fromkeys((*words, *(fold(t(f"goal.field.{key}", lang)) for lang in CATALOGUE))))
        for key, words in _HEADER_SYNONYMS.items()
    }
    return Headings(synonyms, _HEADER_PREFIXES)


def _level_in_text(text: str) -> tuple[GoalLevel | None, str]:
    """A level written at the start of the goal ("Hovedmål: Flere utsatte barn …"), and the rest.

    >>> _level_in_text("Hovedmål: Trygg oppvekst"), _level_in_text("Mål: x")
    (('samfunnsmal', 'Trygg oppvekst'), (None, 'Mål: x'))
    """
    head, colon, rest = text.partition(":")
    if colon and rest.strip() and len(head) <= 30:
        try:
            return parse_level(head), rest.strip()
        except InvalidInputError:
            pass
    return None, text


def _parse_row(cells: dict[str, str], row: int, project_id: str) -> Goal | Problem:
    """One data row (field -> text) as a goal without a parent, or the problem that keeps it out."""
    text = cells["text"].strip()
    level_text = cells["level"].strip()
    level: GoalLevel | None = None
    if level_text:
        try:
            level = parse_level(level_text)
        except InvalidInputError:
            return Problem(row, "level", "unknown_level", shown(level_text))
    elif text:
        level, text = _level_in_text(text)
    if not text:
        return Problem(row, "text", "missing_text", "")
    if level is None:
        return Problem(row, "level", "missing_level", "")
    if len(text) > MAX_TEXT_LENGTH:
        return Problem(row, "text", "too_long", shown(text))
    for key in LINE_FIELDS:
        if len(" ".join(cells.get(key, "").split())) > MAX_LINE_LENGTH:
            return Problem(row, key, "too_long", shown(cells[key]))
    try:
        return Goal(project_id, level, text, **{key: cells.get(key, "") for key in LINE_FIELDS})
    except InvalidInputError as exc:  # e.g. a goal of only control characters
        name = str(exc.params.get("field", "text"))
        reason = "missing_text" if exc.reason == "empty" else exc.reason
        return Problem(row, name, reason, "" if reason == "missing_text" else shown(text))


def parse_goal_table(records: Iterable[Sequence[object]], project_id: str) -> GoalImport:
    """Rows of cells, as a CSV file or a worksheet holds them, to a goal hierarchy.

    The header is the first row that is not empty; row numbers are the ones
    the spreadsheet shows. The level may be in its own column or start the
    goal ("Hovedmål: …"). Each goal's parent is the nearest goal above it of
    the level right above it, within the same branch: a resultatmål hangs
    under the last effektmål, an effektmål under the last samfunnsmål, and a
    new samfunnsmål starts a new branch (a resultatmål after it and before any
    effektmål has no parent, which is reported, not guessed). Goals get
    ``nr`` 1, 2, … in file order. O(rows x columns).

    >>> table = [["Nivå", "Mål", "Indikator"], ["Hovedmål", "Trygg oppvekst", ""],
    ...          ["Delmål", "Tidlig hjelp", ""], ["Resultatmål", "Felles rutiner", "Andel skoler"],
    ...          ["Tiltak", "Nærværsteam", ""]]
    >>> result = parse_goal_table(table, "p1")
    >>> [(g.nr, g.level, g.text, [p.text for p in result.goals if p.id == g.parent_id]) for g in result.goals]
    [(1, 'samfunnsmal', 'Trygg oppvekst', []), (2, 'effektmal', 'Tidlig hjelp', ['Trygg oppvekst']), \
(3, 'resultatmal', 'Felles rutiner', ['Tidlig hjelp'])]
    >>> result.problems
    [Problem(row=5, field='level', reason='unknown_level', value='Tiltak')]
    """
    table = [[cell_text(value) for value in record] for record in records]
    start = next((i for i, record in enumerate(table) if any(cell.strip() for cell in record)), None)
    if start is None:
        return GoalImport([], [Problem(1, "", "empty_file", "")])
    header_row = start + 1
    columns, problems = _headings().match([cell.strip() for cell in table[start]], header_row)
    missing = [key for key in _REQUIRED if key not in columns.values()]
    if missing:
        return GoalImport([], problems + [Problem(header_row, key, "missing_column", "") for key in missing])
    index_of = {key: index for index, key in columns.items()}

    goals: list[Goal] = []
    warnings: list[Problem] = []
    last: dict[GoalLevel, Goal] = {}
    body = table[start + 1 :]
    filled = 0
    for offset, record in enumerate(body[:MAX_IMPORT_ROWS]):
        row = header_row + 1 + offset
        if not any(cell.strip() for cell in record):
            continue
        filled += 1
        cells = {key: unguard(record[i]) if i < len(record) else "" for key, i in index_of.items()}
        parsed = _parse_row(cells, row, project_id)
        if isinstance(parsed, Problem):
            problems.append(parsed)
            continue
        goal = parsed
        goal.nr = len(goals) + 1
        above = level_above(goal.level)
        if above is not None:
            parent = last.get(above)
            if parent is None:
                problems.append(Problem(row, "level", "no_parent", goal.level.value))
            else:
                goal.parent_id = parent.id
        last[goal.level] = goal
        for lower in LEVELS[LEVELS.index(goal.level) + 1 :]:  # a new branch: what was below belongs to the old one
            last.pop(lower, None)
        goals.append(goal)
        warnings += _person_names(goal, row)
    if not filled:
        problems.append(Problem(header_row, "", "empty_file", ""))
    if len(body) > MAX_IMPORT_ROWS:
        problems.append(Problem(header_row + MAX_IMPORT_ROWS + 1, "", "too_many_rows", str(len(body))))
    return GoalImport(goals, problems, warnings)


def _person_names(goal: Goal, row: int) -> list[Problem]:
    """A warning for each field of a good row that looks like a person's name (never the name itself)."""
    fields = dict.fromkeys(warning.field for warning in check(goal).names)
    return [Problem(row, name, "person_name", "") for name in fields]


def read_goal_file(data: bytes, filename: str, project_id: str) -> GoalImport:
    """Read an uploaded goal sheet, CSV or Excel by the file name's ending, into a hierarchy.

    ``.csv`` and ``.txt`` are read as CSV (``;``, ``,`` or tab; UTF-8 with or
    without BOM, UTF-16 or cp1252: what Norwegian spreadsheets save), ``.xlsx``
    from its first sheet (values, not formulas). Headings may be bokmål,
    nynorsk or English with synonyms ("Nivå", "Målformulering",
    "Evalueringsspørsmål", "Datakjelde", "Tidspunkt", "Ansvarleg"); then
    :func:`parse_goal_table`. Any other file, or one that is too large, gives
    one problem naming the file. O(size of the file).

    >>> data = "Nivå;Mål;Indikator\\nHovedmål;Trygg oppvekst;\\nDelmål;Færre bekymringer;".encode("cp1252")
    >>> [(g.level, g.text) for g in read_goal_file(data, "mål.csv", "p1").goals]
    [('samfunnsmal', 'Trygg oppvekst'), ('effektmal', 'Færre bekymringer')]
    >>> read_goal_file(b"...", "C:\\\\fakepath\\\\mål.docx", "p1").problems
    [Problem(row=1, field='', reason='bad_file_type', value='mål.docx')]
    """
    records = sheet_records(data, filename)
    if isinstance(records, Problem):
        return GoalImport([], [records])
    return parse_goal_table(records, project_id)


def describe(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """The sentence to show a person for an import problem (``goal.import.<reason>``).

    >>> describe(Problem(7, "level", "no_parent", "resultatmal"))
    'Rad 7: resultatmål uten effektmål over seg i filen. Målet er lest inn, men henger ikke under noe mål. \
Flytt raden under det målet det hører til, og les inn filen på nytt.'
    >>> describe(Problem(3, "level", "unknown_level", "Tiltak"))[:48]
    'Rad 3: nivået «Tiltak» kjenner vi ikke, så raden'
    """
    key = f"goal.import.{problem.reason}"
    if key not in CATALOGUE[DEFAULT_LANG]:
        return f"{problem.row}: {problem.field} {problem.reason} {problem.value}".strip()
    field_label = t(f"goal.field.{problem.field}", lang) if problem.field in COLUMNS else ""
    level = above = ""
    if problem.reason == "no_parent" and problem.value in _LEVEL_KEYS:
        level = level_label(problem.value, lang).lower()
        upper = level_above(problem.value)
        above = level_label(upper, lang).lower() if upper else ""
    limit = MAX_IMPORT_ROWS if problem.reason == "too_many_rows" else _MAX_LENGTHS.get(problem.field, MAX_LINE_LENGTH)
    return t(
        key, lang, row=problem.row, field=field_label, value=problem.value, header=field_label.capitalize(),
        choices=t("goal.level.choices", lang), max=limit, level=level, above=above,
    )


# --- Out -----------------------------------------------------------------------------------


def ordered(goals: Iterable[Goal]) -> list[Goal]:
    """The goals in the order a sheet lists them, so reading it back hangs each goal where it was.

    Depth first (:func:`~samskaping.goals.model.tree`), each goal right after
    its parent's earlier children. A goal without a parent of the level right
    above goes where nothing can be taken for its parent: before everything
    else (a resultatmål with no effektmål, then an effektmål with no
    samfunnsmål and its resultatmål), or before its parent's other children
    (a resultatmål right under a samfunnsmål). So a sheet reads back to the
    same tree, and what :func:`~samskaping.goals.model.check_goals` reports
    stays reported. O(n log n).

    >>> s = Goal("p", "samfunnsmal", "S")
    >>> e, r = Goal("p", "effektmal", "E", parent_id=s.id), Goal("p", "resultatmal", "R")
    >>> [g.text for g in ordered([s, e, r])]
    ['R', 'S', 'E']
    """

    def depth(branch: Branch) -> int:
        return LEVELS.index(branch[0].level)

    def visit(branches: list[Branch], parent_depth: int) -> Iterable[Goal]:
        if parent_depth < 0:  # the roots: the deepest first, where nothing is above them yet
            branches = sorted(branches, key=lambda b: -depth(b))
        else:  # under a goal: a child that skips a level first, before a goal it could be taken to hang under
            branches = sorted(branches, key=lambda b: depth(b) == parent_depth + 1)
        for branch in branches:
            yield branch[0]
            yield from visit(branch[1], depth(branch))

    return list(visit(tree(goals), -1))


def export_text(value: str) -> str:
    """A goal's free text on its way out: personal data masked, names of organisations and roles as written.

    >>> export_text("Helsesykepleier, tlf. 912 34 567")
    'Helsesykepleier, tlf. [telefon]'
    """
    return mask_staff_text(value).text


def goals_to_rows(goals: Iterable[Goal], *, lang: str | None = None) -> list[dict[str, str]]:
    """The goals as dicts with the keys of :data:`COLUMNS`, in :func:`ordered` order.

    ``level`` is the key, or with ``lang`` its label ("Resultatmål");
    free text has passed :func:`export_text`. O(n).
    """
    rows = []
    for goal in ordered(goals):
        row = {"level": level_label(goal.level, lang) if lang else goal.level.value}
        row.update({key: export_text(getattr(goal, key)) for key in COLUMNS[1:]})
        rows.append(row)
    return rows


def _header(lang: str) -> list[str]:
    return [t(f"goal.field.{key}", lang).capitalize() for key in COLUMNS]


def goals_csv(goals: Iterable[Goal], *, lang: str = DEFAULT_LANG, delimiter: str = ",") -> str:
    """The hierarchy as CSV: headings and levels in ``lang``, one goal a row, parents by row order.

    Reads back with :func:`read_goal_file` to the same goals. Formula-like
    cells get a leading apostrophe (import takes it off); lines end in CRLF.
    Write it as UTF-8 with a BOM (``encoding="utf-8-sig"``) for Excel. O(n).

    >>> goals_csv([Goal("p", "samfunnsmal", "=Trygg oppvekst", owner="Kommunalsjef")]).splitlines()
    ['Nivå,Mål,Indikator,Datakilde,Tidspunkt,Ansvarlig', "Samfunnsmål,'=Trygg oppvekst,,,,Kommunalsjef"]
    """
    rows = goals_to_rows(goals, lang=lang)
    return csv_text(_header(lang), ([row[key] for key in COLUMNS] for row in rows), delimiter)


def write_goals_xlsx(
    goals: Iterable[Goal], path: str | os.PathLike | IO[bytes], *, lang: str = DEFAULT_LANG
) -> Path | None:
    """Write the hierarchy as an Excel workbook: one sheet, headings and levels in ``lang``.

    No cell becomes a formula (:func:`~samskaping.core.tables.fill_sheet`);
    it reads back with :func:`read_goal_file`. ``path`` may be a binary buffer
    (a download); a file is written in one go and its path returned. O(n).
    """
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.properties.creator = "Samskaping"
    sheet = workbook.active
    sheet.title = t("goal.sheet.goals", lang)[:31]
    rows = goals_to_rows(goals, lang=lang)
    fill_sheet(sheet, _header(lang), ([row[key] for key in COLUMNS] for row in rows))
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not isinstance(path, (str, os.PathLike)):
        path.write(buffer.getvalue())
        return None
    path = Path(path)
    path.write_bytes(buffer.getvalue())
    return path


# --- JSON ----------------------------------------------------------------------------------


def goals_json(goals: Iterable[Goal]) -> str:
    """The goals as ``{"goals": [{"level", "text", "indicator", "source", "when", "owner", "parent"}]}``.

    In the given order; ``level`` is the key (``"resultatmal"``), ``parent``
    the 1-based position in this list of the goal's parent, or ``null`` when
    it has none here. Free text has passed :func:`export_text`. O(n).

    >>> s = Goal("p", "samfunnsmal", "Trygg oppvekst")
    >>> data = json.loads(goals_json([s, Goal("p", "effektmal", "Tidlig hjelp", parent_id=s.id)]))
    >>> [(g["level"], g["parent"]) for g in data["goals"]]
    [('samfunnsmal', None), ('effektmal', 1)]
    """
    goals = list(goals)
    position = {goal.id: i for i, goal in enumerate(goals, start=1)}
    entries = [
        {
            "level": goal.level.value,
            **{key: export_text(getattr(goal, key)) for key in ("text", *LINE_FIELDS)},
            "parent": position.get(goal.parent_id) if goal.parent_id else None,
        }
        for goal in goals
    ]
    return json.dumps({"goals": entries}, ensure_ascii=False, indent=2)


def _not_goals(detail: str) -> InvalidInputError:
    return InvalidInputError(
        f"This is not a goal list as Samskaping writes it: {detail}. "
        'Give JSON with "goals", a list of goals, as goals_json writes it.',
        reason="not_goals_json", value=detail,
    )


def read_goals_json(text: str | bytes, project_id: str) -> list[Goal]:
    """The goals of a :func:`goals_json` text, parents restored, ``nr`` 1, 2, … in list order.

    Only ``level`` and ``text`` are required in each goal. A text that is not
    such JSON raises :class:`InvalidInputError` (``not_goals_json``); a goal
    that cannot be read (an unknown key, a level that is none, a parent that
    is not a position in the list) raises it with ``bad_goal_entry`` naming
    its number and field. Nothing is read in part. O(n).

    >>> goals = read_goals_json('{"goals": [{"level": "samfunnsmal", "text": "Trygg oppvekst", "parent": null},'
    ...                         ' {"level": "effektmal", "text": "Tidlig hjelp", "parent": 1}]}', "p1")
    >>> goals[1].parent_id == goals[0].id, goals[1].nr
    (True, 2)
    """
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:  # JSONDecodeError and undecodable bytes are ValueErrors
        raise _not_goals(f"not JSON ({exc})") from None
    entries = data.get("goals") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise _not_goals('no list "goals"')
    goals: list[Goal] = []
    parents: list[object] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise _bad_entry(number, "goals", f"goal {number} is not an object")
        unknown = sorted(str(key) for key in entry if key not in JSON_KEYS)
        if unknown:
            raise _bad_entry(number, ", ".join(unknown), f"goal {number} has unknown keys {unknown}")
        for key in ("level", "text"):
            if key not in entry:
                raise _bad_entry(number, key, f"goal {number} has no {key!r}")
        try:
            goal = Goal(project_id, entry["level"], entry["text"], **{key: entry.get(key, "") for key in LINE_FIELDS},
                        nr=number)
        except InvalidInputError as exc:
            name = str(exc.params.get("field", "text"))
            raise _bad_entry(number, name, f"goal {number}: {exc}") from None
        goals.append(goal)
        parents.append(entry.get("parent"))
    for number, (goal, parent) in enumerate(zip(goals, parents, strict=True), start=1):
        if parent is None:
            continue
        if isinstance(parent, bool) or not isinstance(parent, int) or not 1 <= parent <= len(goals) or parent == number:
            raise _bad_entry(number, "parent", f"goal {number} has parent {parent!r}, not the position of another goal "
                             f"(1-{len(goals)}) or null")
        goal.parent_id = goals[parent - 1].id
    return goals


def _bad_entry(number: int, name: str, detail: str) -> InvalidInputError:
    return InvalidInputError(
        f"{detail}; correct it or export the goals again.", reason="bad_goal_entry", number=number, field=name,
        value=detail,
    )
