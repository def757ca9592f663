"""The plan's tables in and out of files: milestones and meetings from CSV and Excel, everything as JSON.

Plans keep their milestones as Nesseby's "Milepæler og tiltak" (Milepæl |
Tiltak | Ansvar | Tidsramme, times as "Innen 1.11.18" or "Vår 2019") and their
meetings as "Møter | Hyppighet | Agenda | Deltakere". :func:`read_milestone_file`
and :func:`read_meeting_file` read such sheets as the municipality wrote them
(Norwegian Excel's cp1252 and semicolons, a section title above the header,
a milestone's extra actions on the rows below it) and report every bad row by
its row number instead of failing.

:func:`organisation_json` writes every part of the organisation (roles, the
responsibility matrix, the forankringsplan, meetings, milestones, pilots) and
:func:`read_organisation_json` reads it back to the same objects. Exports
follow :mod:`samskaping.core.tables`: free text leaves the kit only past the
personal-data guard, and no CSV cell a person typed can run as a formula.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, DEFAULT_LANG, t
from samskaping.core.keys import fold
from samskaping.core.models import KS_PHASES, MAX_TITLE_LENGTH
from samskaping.core.privacy.staff import check, mask_staff_text
from samskaping.core.tables import (
    MAX_IMPORT_ROWS,
    Headings,
    Problem,
    cell_text,
    csv_text,
    parse_nr,
    sheet_records,
    shown,
    unguard,
)
from samskaping.organisation.model import (
    MAX_LINE_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_NR,
    RACI_CODES,
    ROLE_KINDS,
    ForankringEntry,
    Meeting,
    Milestone,
    Pilot,
    Raci,
    Responsibility,
    Role,
    Task,
    display_numbers,
    format_date,
    parse_due,
    parse_phase,
    phase_label,
)

__all__ = [
    "MILESTONE_COLUMNS", "MEETING_COLUMNS", "JSON_KEYS", "MilestoneImport", "MeetingImport", "Organisation",
    "parse_milestone_table", "read_milestone_file", "parse_meeting_table", "read_meeting_file", "describe",
    "export_text", "milestones_to_rows", "meetings_to_rows", "milestones_csv", "meetings_csv",
    "organisation_json", "read_organisation_json",
]

#: The columns of an exported milestone sheet, in order (also the keys of :func:`milestones_to_rows`).
MILESTONE_COLUMNS = ("nr", "title", "actions", "owner", "due", "phase", "done")
#: The columns of an exported meeting sheet, in order (also the keys of :func:`meetings_to_rows`).
MEETING_COLUMNS = ("nr", "name", "frequency", "agenda", "participants")
#: The keys of each part of :func:`organisation_json`, in order.
JSON_KEYS: dict[str, tuple[str, ...]] = {
    "roles": ("nr", "kind", "name", "holder", "responsibilities", "duties"),
    "tasks": ("nr", "title", "raci"),
    "forankring": ("nr", "audience", "how", "when", "purpose", "owner", "content", "stakeholder_id"),
    "meetings": ("nr", "name", "frequency", "agenda", "participants"),
    "milestones": ("nr", "title", "actions", "owner", "due", "due_text", "phase", "done"),
    "pilots": ("nr", "title", "concept_id", "place", "start", "end", "measures", "evaluation", "status"),
}
#: Without it an entry of each part cannot be read.
_JSON_REQUIRED = {"roles": "kind", "tasks": "title", "forankring": "audience", "meetings": "name",
                  "milestones": "title", "pilots": "title"}
_MEETING_FIELDS = frozenset(("name", "frequency", "agenda", "participants"))
#: How many rows that are not empty may stand above the header (a title, a note).
_HEADER_SEARCH = 10


@dataclass
class MilestoneImport:
    """What a milestone sheet gave: the good rows as milestones, and every problem found.

    ``problems`` are by row number as a spreadsheet shows them; ``warnings``
    are good rows with a cell that looks like a person's name (``person_name``).
    """

    milestones: list[Milestone]
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class MeetingImport:
    """What a meeting sheet gave: the good rows as meetings, and every problem found."""

    meetings: list[Meeting]
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- Headings -------------------------------------------------------------------------------

_MILESTONE_HEADINGS: dict[str, tuple[str, ...]] = {
    # Bokmål, nynorsk and English, folded; the catalogue's own headings in every language are added.
    "nr": ("nr", "#", "no", "nummer", "number", "lopenummer", "lopenr"),
    "title": (
        "milepael", "milepaeler", "milepaelar", "milepel", "milepeler", "mal/milepael", "mal / milepael",
        "mal og milepaeler", "milestone", "milestones", "goal/milestone",
    ),
    "actions": ("tiltak", "aktivitet", "aktiviteter", "aktivitetar", "activities", "activity", "actions", "action",
                "measures"),
    "owner": ("ansvar", "ansvarlig", "ansvarleg", "ansvarlege", "owner", "responsible", "responsibility", "hvem",
              "kven", "who"),
    "due": ("tidsramme", "tidsrom", "tid", "frist", "dato", "tidspunkt", "nar", "when", "due", "deadline", "date",
            "time frame", "timeframe", "timeline", "periode", "period"),
    "phase": ("fase", "phase", "ks fase", "fase i veikartet"),
    "done": ("nadd", "ferdig", "utfort", "gjennomfort", "status", "done", "reached", "completed", "achieved"),
}
_MILESTONE_PREFIXES = (("milep", "title"), ("mal/milep", "title"), ("tiltak", "actions"), ("aktivitet", "actions"),
                       ("ansvar", "owner"), ("tidsram", "due"), ("frist", "due"), ("deadline", "due"))
_MEETING_HEADINGS: dict[str, tuple[str, ...]] = {
    "nr": ("nr", "#", "no", "nummer", "number"),
    "name": ("moter", "mote", "motetype", "motearena", "motearenaer", "moteplass", "moteforum", "mote/arena",
             "meeting", "meetings", "forum", "arena", "type mote"),
    "frequency": ("hyppighet", "hyppigheit", "frekvens", "hvor ofte", "kor ofte", "how often", "frequency",
                  "interval", "nar", "tidspunkt", "when"),
    "agenda": ("agenda", "tema", "innhold", "formal", "dagsorden", "sakliste", "purpose", "topic", "topics",
               "content"),
    "participants": ("deltakere", "deltakarar", "deltagere", "deltakerne", "deltakarane", "hvem", "kven", "who",
                     "participants", "attendees", "members", "medlemmer"),
}
_MEETING_PREFIXES = (("moter", "name"), ("hyppig", "frequency"), ("deltak", "participants"),
                     ("deltag", "participants"))


def _with_catalogue(words: dict[str, tuple[str, ...]], kind: str) -> dict[str, tuple[str, ...]]:
    return {key: (*synonyms, *(fold(t(f"org.{kind}.field.{key}", lang)) for lang in CATALOGUE))
            for key, synonyms in words.items()}


@cache
def _milestone_headings() -> Headings:
    """The headings with the catalogue's own in every language: built on first use (each language's file is read)."""
    return Headings(_with_catalogue(_MILESTONE_HEADINGS, "milestone"), _MILESTONE_PREFIXES)


@cache
def _meeting_headings() -> Headings:
    return Headings(_with_catalogue(_MEETING_HEADINGS, "meeting"), _MEETING_PREFIXES)


def _header_row(table: list[list[str]], headings: Headings) -> int | None:
    """The index of the header: the first row with two known headings among the first rows that are not empty.

    A sheet copied from a plan may start with its section title ("3. Milepæler og tiltak").
    Without two known headings, the first row that is not empty.
    """
    filled = [i for i, record in enumerate(table) if any(cell.strip() for cell in record)]
    for i in filled[:_HEADER_SEARCH]:
        if len({headings.key(cell) for cell in table[i] if cell.strip()} - {None}) >= 2:
            return i
    return filled[0] if filled else None


# --- Cells ------------------------------------------------------------------------------------

_YES = ("ja", "j", "x", "ferdig", "nadd", "utfort", "gjennomfort", "fullfort", "done", "yes", "y", "true", "1",
        "✓", "✔", "ok", "reached", "completed")
_NO = ("nei", "n", "no", "false", "0", "-", "ikke ferdig", "ikkje ferdig", "ikke nadd", "ikkje nadd", "pagar",
       "i gang", "planlagt", "planlagd", "apen", "open", "not done", "not reached")


@cache
def _yes_no() -> dict[str, bool]:
    found = {fold(t("org.yes", lang)): True for lang in CATALOGUE}
    found.update({fold(t("org.no", lang)): False for lang in CATALOGUE})
    found.update(dict.fromkeys(_YES, True))
    found.update(dict.fromkeys(_NO, False))
    return found


def _one_line_length(text: str) -> int:
    return len(" ".join(text.split()))


def _lengths(cells: dict[str, str], row: int, limits: dict[str, tuple[int, bool]]) -> list[Problem]:
    """A ``too_long`` problem for each cell over its limit (``(max, on one line)``)."""
    found = []
    for name, (limit, one_line) in limits.items():
        text = cells.get(name, "")
        length = _one_line_length(text) if one_line else len(text.strip())
        if length > limit:
            found.append(Problem(row, name, "too_long", shown(text)))
    return found


def _person_names(item: object, row: int) -> list[Problem]:
    """A warning for each field of a good row that looks like a person's name (never the name itself)."""
    fields = dict.fromkeys(warning.field for warning in check(item).names)
    return [Problem(row, name, "person_name", "") for name in fields]


# --- Reading a sheet ----------------------------------------------------------------------------


@dataclass
class _Rows:
    """A sheet past its header: field -> column, the data rows (spreadsheet row, cells), problems so far."""

    rows: list[tuple[int, dict[str, str]]]
    problems: list[Problem]


def _rows(records: Iterable[Sequence[object]], headings: Headings, required: str,
          fallback: str | None = None) -> _Rows:
    """The data rows of a sheet as ``{field: text}``, with the header's problems and "too many rows".

    ``required`` must be a column; when it is not and ``fallback`` is, that
    column is read as the required one (a plan's "Tiltak | Frist | Ansvar"
    sheet has no "Milepæl": the action is the milestone).
    """
    table = [[cell_text(value) for value in record] for record in records]
    start = _header_row(table, headings)
    if start is None:
        return _Rows([], [Problem(1, "", "empty_file", "")])
    header_row = start + 1
    columns, problems = headings.match(table[start], header_row)
    by_field = {name: index for index, name in columns.items()}
    if required not in by_field and fallback in by_field:
        by_field[required] = by_field.pop(fallback)
    if required not in by_field:
        return _Rows([], problems + [Problem(header_row, required, "missing_column", "")])
    rows: list[tuple[int, dict[str, str]]] = []
    for index in range(start + 1, len(table)):
        record = table[index]
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) == MAX_IMPORT_ROWS:
            problems.append(Problem(index + 1, "", "too_many_rows", str(MAX_IMPORT_ROWS)))
            break
        rows.append((index + 1, {name: unguard(record[i]) if i < len(record) else "" for name, i in by_field.items()}))
    if not rows:
        problems.append(Problem(header_row, "", "empty_file", ""))
    return _Rows(rows, problems)


def _number(items: list[tuple[object, bool, int]]) -> None:
    """Give each item without its own number its position among the items, or the next free number if taken."""
    used = {item.nr for item, own, _ in items if own}
    for item, own, position in items:
        if own:
            continue
        number = position if position not in used else max(used) + 1
        item.nr = number
        used.add(number)


def _numbered(parsed: Iterable[tuple[int, dict[str, str], Callable[[int], object]]],
              problems: list[Problem]) -> tuple[list, list[Problem]]:
    """Each row's item with its number (a number used twice is refused), the rest numbered; and the warnings."""
    items: list[tuple[object, bool, int]] = []
    warnings: list[Problem] = []
    own_numbers: set[int] = set()
    for row, cells, build in parsed:
        nr_text = cells.get("nr", "").strip()
        nr = _row_nr(nr_text) if nr_text else 0
        if nr is None:
            problems.append(Problem(row, "nr", "bad_nr", shown(nr_text)))
            continue
        if nr and nr in own_numbers:
            problems.append(Problem(row, "nr", "duplicate_nr", str(nr)))
            continue
        try:
            item = build(nr)
        except InvalidInputError as exc:  # e.g. a title of only control characters
            name = str(exc.params.get("field", ""))
            problems.append(Problem(row, name, exc.reason, shown(cells.get(name, ""))))
            continue
        if nr:
            own_numbers.add(nr)
        items.append((item, bool(nr), len(items) + 1))
        warnings += _person_names(item, row)
    _number(items)
    return [item for item, _, _ in items], warnings


def parse_milestone_table(records: Iterable[Sequence[object]], project_id: str) -> MilestoneImport:
    """Rows of cells, as a CSV file or a worksheet holds them, to a project's milestones.

    The header is the first row with two known headings; row numbers are the
    spreadsheet's. The milestone column is required (a sheet with only
    "Tiltak" reads the actions as the milestones); actions, owner, time frame,
    phase, number and done are read when present. The time frame keeps the
    plan's words and takes a date only when it names one day
    (:func:`~samskaping.organisation.model.parse_due`). A row with an action
    but no milestone continues the milestone above, as plans write them: it
    becomes "Kompetanseheving: Observasjon" with its own time, and the owner
    and phase of the milestone above when it has none. A row with any problem
    is left out and each of its problems is reported. O(rows x columns).

    >>> table = [["3. Milepæler og tiltak"], ["Milepæl", "Tiltak", "Ansvar", "Tidsramme"],
    ...          ["Ferdigstille prosjektplan", "Arbeidsgruppemøter", "Prosjektledelsen", "Innen 1.11.18"],
    ...          ["Kompetanseheving", "Kommunedag", "", "Februar 2019"], ["", "Observasjon", "", "Vår 2019"],
    ...          ["Sluttvurdering", "", "Prosjektledelsen", "31.02.2020"]]
    >>> result = parse_milestone_table(table, "p1")
    >>> [(m.nr, m.title, m.due, m.due_text) for m in result.milestones]
    [(1, 'Ferdigstille prosjektplan', datetime.date(2018, 11, 1), 'Innen 1.11.18'), \
(2, 'Kompetanseheving', None, 'Februar 2019'), (3, 'Kompetanseheving: Observasjon', None, 'Vår 2019')]
    >>> result.problems
    [Problem(row=6, field='due', reason='bad_date', value='31.02.2020')]
    """
    read = _rows(records, _milestone_headings(), "title", fallback="actions")
    problems = read.problems
    parsed = []
    above: dict[str, str] | None = None  # the last row that named a milestone
    for row, cells in read.rows:
        title, actions = cells["title"].strip(), cells.get("actions", "").strip()
        if title:
            above = cells
        elif actions and above is not None:
            title = f"{' '.join(above['title'].split())}: {' '.join(actions.split())}"
            cells = {**cells, "title": title, "actions": "",
                     "owner": cells.get("owner", "").strip() or above.get("owner", ""),
                     "phase": cells.get("phase", "").strip() or above.get("phase", "")}
        else:
            problems.append(Problem(row, "title", "missing_milestone", ""))
            continue
        found = _lengths(cells, row, {"title": (MAX_TITLE_LENGTH, True), "owner": (MAX_LINE_LENGTH, True),
                                      "actions": (MAX_NOTE_LENGTH, False), "due": (MAX_LINE_LENGTH, True)})
        due, due_text = None, ""
        try:
            due, due_text = parse_due(cells.get("due", ""))
        except InvalidInputError:
            found.append(Problem(row, "due", "bad_date", shown(cells["due"])))
        phase = ""
        try:
            phase = parse_phase(cells.get("phase", ""))
        except InvalidInputError:
            found.append(Problem(row, "phase", "unknown_phase", shown(cells["phase"])))
        done_text = cells.get("done", "").strip()
        done = _yes_no().get(fold(done_text)) if done_text else False
        if done is None:
            found.append(Problem(row, "done", "bad_done", shown(done_text)))
        if found:
            problems += found
            continue

        def build(nr: int, cells=cells, title=title, due=due, due_text=due_text, phase=phase, done=done) -> Milestone:
            return Milestone(project_id, title, due, due_text, cells.get("owner", ""), phase, bool(done), nr,
                             actions=cells.get("actions", ""))

        parsed.append((row, cells, build))
    milestones, warnings = _numbered(parsed, problems)
    return MilestoneImport(milestones, sorted(problems, key=lambda p: p.row), warnings)


def parse_meeting_table(records: Iterable[Sequence[object]], project_id: str) -> MeetingImport:
    """Rows of cells to a project's meetings: "Møter | Hyppighet | Agenda | Deltakere".

    The meeting column is required; frequency, agenda, participants and number
    are read when present. A row without a meeting's name is reported
    (``missing_meeting``); so is a cell that is too long. O(rows x columns).

    >>> table = [["Møter", "Hyppighet", "Agenda", "Deltakere"],
    ...          ["Arbeidsgruppe", "En gang i måneden", "Progresjon i prosjektet", "Arbeidsgruppa"],
    ...          ["", "Ved behov", "Sikre brukermedvirkning", "Ressurspersoner"]]
    >>> result = parse_meeting_table(table, "p1")
    >>> [(m.nr, m.name, m.frequency) for m in result.meetings], result.problems
    ([(1, 'Arbeidsgruppe', 'En gang i måneden')], [Problem(row=3, field='name', reason='missing_meeting', value='')])
    """
    read = _rows(records, _meeting_headings(), "name")
    problems = read.problems
    parsed = []
    for row, cells in read.rows:
        if not cells["name"].strip():
            problems.append(Problem(row, "name", "missing_meeting", ""))
            continue
        found = _lengths(cells, row, {"name": (MAX_TITLE_LENGTH, True), "frequency": (MAX_LINE_LENGTH, True),
                                      "agenda": (MAX_NOTE_LENGTH, False), "participants": (MAX_LINE_LENGTH, True)})
        if found:
            problems += found
            continue

        def build(nr: int, cells=cells) -> Meeting:
            return Meeting(project_id, cells["name"], cells.get("frequency", ""), cells.get("agenda", ""),
                           cells.get("participants", ""), nr)

        parsed.append((row, cells, build))
    meetings, warnings = _numbered(parsed, problems)
    return MeetingImport(meetings, sorted(problems, key=lambda p: p.row), warnings)


def read_milestone_file(data: bytes, filename: str, project_id: str) -> MilestoneImport:
    """Read an uploaded milestone sheet, choosing CSV or Excel by the file name's ending.

    ``.csv`` and ``.txt`` are read as CSV (comma, semicolon or tab; UTF-8,
    UTF-16 or cp1252), ``.xlsx`` with openpyxl (first sheet, computed values,
    dates as dates); both go through :func:`parse_milestone_table`. Any other
    file, or one too large, gives one problem naming it. Nothing is stored.

    >>> data = "Milepæl;Ansvar;Frist\\nProsjektplan ferdig;Koordinator;1.11.18\\n".encode("cp1252")
    >>> [(m.title, m.due) for m in read_milestone_file(data, "milepaeler.csv", "p1").milestones]
    [('Prosjektplan ferdig', datetime.date(2018, 11, 1))]
    """
    records = sheet_records(data, filename)
    if isinstance(records, Problem):
        return MilestoneImport([], [records])
    return parse_milestone_table(records, project_id)


def read_meeting_file(data: bytes, filename: str, project_id: str) -> MeetingImport:
    """Read an uploaded meeting sheet (CSV or Excel) through :func:`parse_meeting_table`. Nothing is stored."""
    records = sheet_records(data, filename)
    if isinstance(records, Problem):
        return MeetingImport([], [records])
    return parse_meeting_table(records, project_id)


def _field_label(name: str, lang: str) -> str:
    kind = "meeting" if name in _MEETING_FIELDS else "milestone"
    return t(f"org.{kind}.field.{name}", lang)


def _header(name: str, lang: str, kind: str) -> str:
    text = t(f"org.{kind}.field.{name}", lang)
    return text[:1].upper() + text[1:]


def describe(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """The sentence to show a person for a problem of a milestone or meeting sheet (``org.import.<reason>``).

    >>> describe(Problem(6, "due", "bad_date", "31.02.2020"))[:50]
    'Rad 6: datoen «31.02.2020» finnes ikke. Skriv dato'
    >>> describe(Problem(1, "name", "missing_column"))
    'Filen mangler kolonnen «Møter». Legg den til i overskriftsraden og prøv igjen.'
    """
    key = f"org.import.{problem.reason}"
    if key not in CATALOGUE[DEFAULT_LANG]:
        return f"{problem.row}: {problem.field} {problem.reason} {problem.value}".strip()
    kind = "meeting" if problem.field in _MEETING_FIELDS else "milestone"
    if problem.reason == "too_many_rows":
        longest = MAX_IMPORT_ROWS
    elif problem.field in ("title", "name"):
        longest = MAX_TITLE_LENGTH
    elif problem.field in ("actions", "agenda"):
        longest = MAX_NOTE_LENGTH
    else:
        longest = MAX_LINE_LENGTH
    return t(
        key, lang, row=problem.row, value=problem.value, max=longest,
        field=_field_label(problem.field, lang) if problem.field else "",
        header=_header(problem.field, lang, kind) if problem.field else "",
        choices=", ".join(phase_label(phase, lang) for phase in KS_PHASES),
    )


# --- Export ------------------------------------------------------------------------------------


def export_text(value: str) -> str:
    """The plan's free text on its way out: personal data masked, names of roles and bodies as stored.

    It is staff-typed text (:mod:`samskaping.core.privacy.staff`): names were
    checked when stored, so only the other kinds are masked here.

    >>> export_text("Koordinator, 912 34 567")
    'Koordinator, [telefon]'
    """
    return mask_staff_text(value).text


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def milestones_to_rows(milestones: Iterable[Milestone]) -> list[dict]:
    """The milestones as dicts with the keys of ``JSON_KEYS["milestones"]``, in input order.

    ``nr`` is the number shown (:func:`~samskaping.organisation.model.display_numbers`),
    ``due`` ISO 8601 or ``None``, ``phase`` a key or ``""``; free text has
    passed :func:`export_text`. O(n).

    >>> milestones_to_rows([Milestone("p", "Prosjektplan ferdig", date(2018, 11, 1), "Innen 1.11.18", nr=2)])
    [{'nr': 2, 'title': 'Prosjektplan ferdig', 'actions': '', 'owner': '', 'due': '2018-11-01', \
'due_text': 'Innen 1.11.18', 'phase': '', 'done': False}]
    """
    milestones = list(milestones)
    numbers = display_numbers(milestones)
    return [
        {"nr": numbers[m.id], "title": export_text(m.title), "actions": export_text(m.actions),
         "owner": export_text(m.owner), "due": _iso(m.due), "due_text": export_text(m.due_text),
         "phase": str(m.phase), "done": m.done}
        for m in milestones
    ]


def meetings_to_rows(meetings: Iterable[Meeting]) -> list[dict]:
    """The meetings as dicts with the keys of :data:`MEETING_COLUMNS`, free text past :func:`export_text`. O(n)."""
    meetings = list(meetings)
    numbers = display_numbers(meetings)
    return [
        {"nr": numbers[m.id], "name": export_text(m.name), "frequency": export_text(m.frequency),
         "agenda": export_text(m.agenda), "participants": export_text(m.participants)}
        for m in meetings
    ]


def milestones_csv(milestones: Iterable[Milestone], *, lang: str = DEFAULT_LANG, delimiter: str = ",") -> str:
    """The milestones as CSV with the catalogue's headings in ``lang``; it reads back with :func:`read_milestone_file`.

    The time frame is the plan's words, or the date (1.11.2018) when there are
    none; phase and done are words. Formula-like cells get a leading apostrophe
    (import takes it off). JSON (:func:`organisation_json`) keeps a date and
    words that do not name it both; CSV has one cell for the two. O(n).

    >>> milestone = Milestone("p", "Prosjektplan ferdig", date(2018, 11, 1), nr=1, phase="innsikt")
    >>> for line in milestones_csv([milestone]).splitlines():
    ...     print(line)
    Nr.,Milepæl,Tiltak,Ansvar,Tidsramme,Fase,Nådd
    1,Prosjektplan ferdig,,,1.11.2018,Innsikt,Nei
    """
    rows = []
    for row in milestones_to_rows(milestones):
        due = date.fromisoformat(row["due"]) if row["due"] else None
        row["due"] = row["due_text"] or (format_date(due, lang, short=True) if due else "")
        row["phase"] = phase_label(row["phase"], lang) if row["phase"] else ""
        row["done"] = t("org.yes" if row["done"] else "org.no", lang)
        rows.append([row[column] for column in MILESTONE_COLUMNS])
    return csv_text([_header(column, lang, "milestone") for column in MILESTONE_COLUMNS], rows, delimiter)


def meetings_csv(meetings: Iterable[Meeting], *, lang: str = DEFAULT_LANG, delimiter: str = ",") -> str:
    """The meetings as CSV with the catalogue's headings in ``lang``; it reads back with :func:`read_meeting_file`.

    >>> meeting = Meeting("p", "Arbeidsgruppe", "Månedlig", "Progresjon", "Arbeidsgruppa")
    >>> for line in meetings_csv([meeting]).splitlines():
    ...     print(line)
    Nr.,Møter,Hyppighet,Agenda,Deltakere
    1,Arbeidsgruppe,Månedlig,Progresjon,Arbeidsgruppa
    """
    rows = [[row[column] for column in MEETING_COLUMNS] for row in meetings_to_rows(meetings)]
    return csv_text([_header(column, lang, "meeting") for column in MEETING_COLUMNS], rows, delimiter)


# --- JSON ---------------------------------------------------------------------------------------


@dataclass
class Organisation:
    """Every part of a project's organisation and plan, as :func:`read_organisation_json` gives them back."""

    roles: list[Role] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    forankring: list[ForankringEntry] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    pilots: list[Pilot] = field(default_factory=list)


def _raci(task: Task, cells: dict[str, list[Raci]]) -> dict[str, str]:
    """A task's row of the matrix: ``{role kind: letters}`` in the order of the roles ("A", or "A/U")."""
    return {kind.value: "/".join(code.letter for code in RACI_CODES if code in cells[kind])
            for kind in ROLE_KINDS if kind in cells}


def organisation_json(
    *,
    roles: Iterable[Role] = (),
    tasks: Iterable[Task] = (),
    responsibilities: Iterable[Responsibility] = (),
    forankring: Iterable[ForankringEntry] = (),
    meetings: Iterable[Meeting] = (),
    milestones: Iterable[Milestone] = (),
    pilots: Iterable[Pilot] = (),
) -> str:
    """The organisation and plan as JSON: a list under each key of :data:`JSON_KEYS`, in that order.

    Each entry has its part's keys in order: numbers as shown, choices as
    keys, dates as ISO 8601 or ``null``, free text past :func:`export_text`.
    A task carries its row of the responsibility matrix (``"raci": {"prosjektleder":
    "A", "arbeidsgruppe": "U"}``); a responsibility for a task not given raises
    :class:`InvalidInputError` (``unknown_task``). Every part is present,
    empty or not. :func:`read_organisation_json` reads it back. O(n).

    >>> print(organisation_json(meetings=[Meeting("p", "Arbeidsgruppe", "Månedlig")]))  # doctest: +NORMALIZE_WHITESPACE
    {"roles": [], "tasks": [], "forankring": [], "meetings": [{"nr": 1, "name": "Arbeidsgruppe", \
"frequency": "Månedlig", "agenda": "", "participants": ""}], "milestones": [], "pilots": []}
    """
    tasks = list(tasks)
    cells: dict[str, dict[str, list[Raci]]] = {task.id: {} for task in tasks}
    for item in responsibilities:
        if item.task_id not in cells:
            raise InvalidInputError(
                f"Responsibility for task {item.task_id!r}, which is not among the tasks; add the task first.",
                reason="unknown_task", field="task_id", value=item.task_id,
            )
        cells[item.task_id].setdefault(item.role_kind, []).append(item.code)

    def numbered(items) -> tuple[list, dict[str, int]]:
        items = list(items)
        return items, display_numbers(items)

    role_list, role_nrs = numbered(roles)
    entry_list, entry_nrs = numbered(forankring)
    pilot_list, pilot_nrs = numbered(pilots)
    task_nrs = display_numbers(tasks)
    data = {
        "roles": [
            {"nr": role_nrs[r.id], "kind": str(r.kind), "name": export_text(r.name), "holder": export_text(r.holder),
             "responsibilities": export_text(r.responsibilities), "duties": export_text(r.duties)}
            for r in role_list
        ],
        "tasks": [{"nr": task_nrs[k.id], "title": export_text(k.title), "raci": _raci(k, cells[k.id])} for k in tasks],
        "forankring": [
            {"nr": entry_nrs[e.id], "audience": export_text(e.audience), "how": export_text(e.how),
             "when": export_text(e.when), "purpose": str(e.purpose), "owner": export_text(e.owner),
             "content": export_text(e.content), "stakeholder_id": e.stakeholder_id}
            for e in entry_list
        ],
        "meetings": meetings_to_rows(meetings),
        "milestones": milestones_to_rows(milestones),
        "pilots": [
            {"nr": pilot_nrs[p.id], "title": export_text(p.title), "concept_id": p.concept_id,
             "place": export_text(p.place), "start": _iso(p.start), "end": _iso(p.end),
             "measures": export_text(p.measures), "evaluation": export_text(p.evaluation), "status": str(p.status)}
            for p in pilot_list
        ],
    }
    return json.dumps(data, ensure_ascii=False)


def _not_organisation(detail: str) -> InvalidInputError:
    return InvalidInputError(
        f"This is not an organisation as Samskaping writes it ({detail}); export it again.",
        reason="not_organisation_json", value=detail,
    )


def _bad_entry(part: str, number: int, name: str, detail: str) -> InvalidInputError:
    return InvalidInputError(
        f"{detail}; correct it or export the organisation again.", reason="bad_organisation_entry", part=part,
        number=number, field=name, value=detail,
    )


def _build(part: str, entry: dict, project_id: str, number: int) -> object:
    """One entry of ``part`` as its object (a task comes back with its responsibilities)."""
    nr = entry.get("nr", number)
    if part == "roles":
        return Role(project_id, entry["kind"], entry.get("holder", ""), entry.get("responsibilities", ""), nr,
                    name=entry.get("name", ""), duties=entry.get("duties", ""))
    if part == "tasks":
        task = Task(project_id, entry["title"], nr)
        raci = entry.get("raci") or {}
        if not isinstance(raci, dict):
            raise InvalidInputError("raci is not an object of role: letters", reason="bad_choice", field="raci")
        cells = [Responsibility(task.id, kind, code) for kind, letters in raci.items()
                 for code in str(letters).split("/") if code.strip()]
        return task, cells
    if part == "forankring":
        return ForankringEntry(project_id, entry["audience"], entry.get("how", ""), entry.get("when", ""),
                               entry.get("purpose", "informere"), entry.get("owner", ""),
                               entry.get("stakeholder_id") or "", nr, content=entry.get("content", ""))
    if part == "meetings":
        return Meeting(project_id, entry["name"], entry.get("frequency", ""), entry.get("agenda", ""),
                       entry.get("participants", ""), nr)
    if part == "milestones":
        return Milestone(project_id, entry["title"], entry.get("due"), entry.get("due_text", ""),
                         entry.get("owner", ""), entry.get("phase") or "", entry.get("done", False), nr,
                         actions=entry.get("actions", ""))
    return Pilot(project_id, entry.get("concept_id") or "", entry["title"], entry.get("place", ""),
                 entry.get("start"), entry.get("end"), entry.get("measures", ""), entry.get("evaluation", ""),
                 entry.get("status", "planlagt"), nr)


def read_organisation_json(text: str | bytes, project_id: str) -> Organisation:
    """The organisation of an :func:`organisation_json` text, every part as its objects.

    Parts that are missing are empty; in each entry only the part's
    required key (a role's ``kind``, a meeting's ``name``, others' ``title``
    or ``audience``) must be there, and ``nr`` defaults to the entry's
    position. A text that is not such JSON raises :class:`InvalidInputError`
    (``not_organisation_json``); an entry that cannot be read raises it with
    ``bad_organisation_entry`` naming its part, number and field. Nothing is
    read in part. O(n).

    >>> back = read_organisation_json('{"milestones": [{"title": "Prosjektplan ferdig", "due": "2018-11-01"}]}', "p1")
    >>> [(m.nr, m.title, m.due) for m in back.milestones], back.roles
    ([(1, 'Prosjektplan ferdig', datetime.date(2018, 11, 1))], [])
    """
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:  # JSONDecodeError and undecodable bytes are ValueErrors
        raise _not_organisation(f"not JSON ({exc})") from None
    if not isinstance(data, dict) or not data:
        raise _not_organisation("not an object of parts")
    unknown = sorted(str(key) for key in data if key not in JSON_KEYS)
    if unknown:
        raise _not_organisation(f"unknown parts {unknown}")
    found = Organisation()
    for part, keys in JSON_KEYS.items():
        entries = data.get(part, [])
        if not isinstance(entries, list):
            raise _not_organisation(f"{part!r} is not a list")
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict):
                raise _bad_entry(part, number, part, f"{part} entry {number} is not an object")
            extra = sorted(str(key) for key in entry if key not in keys)
            if extra:
                raise _bad_entry(part, number, ", ".join(extra), f"{part} entry {number} has unknown keys {extra}")
            required = _JSON_REQUIRED[part]
            if required not in entry:
                raise _bad_entry(part, number, required, f"{part} entry {number} has no {required!r}")
            try:
                item = _build(part, entry, project_id, number)
            except InvalidInputError as exc:
                name = str(exc.params.get("field", required))
                raise _bad_entry(part, number, name, f"{part} entry {number}: {exc}") from None
            if part == "tasks":
                task, cells = item
                found.tasks.append(task)
                found.responsibilities += cells
            else:
                getattr(found, part).append(item)
    return found


def _row_nr(raw: str) -> int | None:
    return parse_nr(raw, MAX_NR)

