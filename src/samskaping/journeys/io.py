"""Service journeys in and out of files: steps from CSV and Excel; CSV and JSON out.

Interviews are often written up in a spreadsheet, one row per step: phase,
service, touchpoint, what happens, the family's experience, the wait, who
coordinates. :func:`read_steps_file` reads such a sheet (``.csv``/``.txt`` or
``.xlsx``) into the steps of one journey. Headers may be Norwegian or English
with synonyms; an empty phase cell means "the same phase as the row above" (as
merged cells read). Every bad row is reported with its spreadsheet row number
and left out; the good rows keep their file order. A phase the journey does
not have is reported too (unless ``add_phases=True``, for a journey that is
being created from the file).

Exports follow the rules of :mod:`samskaping.core.tables`: free text leaves the kit
only through :func:`~samskaping.core.tables.export_text` (the personal-data guard),
and a text cell that starts like a formula gets an apostrophe in CSV (which
import takes off again).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from samskaping.core.exceptions import ImportFormatError, InvalidInputError
from samskaping.core.i18n import CATALOGUE, DEFAULT_LANG, t
from samskaping.core.keys import fold
from samskaping.core.tables import (
    MAX_IMPORT_ROWS,
    Headings,
    Problem,
    cell_text,
    csv_text,
    export_text,
    sheet_records,
    shown,
    unguard,
)
from samskaping.journeys.analysis import in_order, summary, summary_text, touchpoint_label
from samskaping.journeys.model import (
    EXPERIENCE_MAX,
    EXPERIENCE_MIN,
    MAX_COORDINATOR_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_PHASE_LENGTH,
    MAX_SERVICE_LENGTH,
    MAX_WAIT_DAYS,
    MAX_WHAT_LENGTH,
    TOUCHPOINTS,
    Journey,
    Step,
    check_belongs,
    check_phases,
    check_step,
)

__all__ = [
    "EXPORT_COLUMNS", "MAX_IMPORT_STEPS", "ImportResult", "parse_steps_table",
    "read_steps_file", "describe", "steps_to_rows", "steps_csv", "journey_json", "read_journey_json",
    "journey_summary_json",
]

#: The columns of an exported journey, in order; the English keys re-import as headers.
EXPORT_COLUMNS = (
    "phase", "service", "touchpoint", "what", "experience", "pain_point", "quote", "wait_days", "coordinator",
    "family_carries_info",
)
#: A journey is tens of steps; a file far beyond this is a wrong file.
MAX_IMPORT_STEPS = 500

#: The columns a person typed; only these pass through the personal-data guard on export.
_FREE_TEXT = ("phase", "service", "what", "pain_point", "quote", "coordinator")
_REQUIRED_FIELDS = ("phase", "service", "what")
_MAX_LENGTHS = {
    "phase": MAX_PHASE_LENGTH, "service": MAX_SERVICE_LENGTH, "what": MAX_WHAT_LENGTH,
    "pain_point": MAX_NOTE_LENGTH, "quote": MAX_NOTE_LENGTH, "coordinator": MAX_COORDINATOR_LENGTH,
}
#: How many rows at the top may hold a title before the header row.
_HEADER_SEARCH = 10

_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "phase": ("fase", "faser", "phase", "phases"),
    "service": ("tjeneste", "tjenester", "tjenesta", "teneste", "tenester", "tenesta", "aktor", "aktorer",
                "service", "services", "actor", "actors",
                "etat", "instans", "lane"),
    "touchpoint": ("kontaktpunkt", "kontaktpunkter", "kontaktform", "touchpoint", "touchpoints", "touch point",
                   "kanal", "channel"),
    "what": ("hva skjer", "hendelse", "hendelser", "kva skjer", "what", "what happens", "beskrivelse",
             "description", "aktivitet", "activity", "event"),
    "experience": ("opplevelse", "opplevelsen", "oppleving", "experience", "folelse", "emotion", "score"),
    "pain_point": ("smertepunkt", "smertepunkter", "pain point", "pain points", "pain", "utfordring",
                   "utfordringer", "problem"),
    "quote": ("sitat", "sitater", "quote", "quotes", "sitat fra familien"),
    "wait_days": ("ventetid", "venting", "dager", "wait", "wait days", "waiting", "waiting time", "days"),
    "coordinator": ("koordinator", "stafettholder", "barnekoordinator", "hvem koordinerer", "coordinator",
                    "who coordinates"),
    "family_carries_info": ("familien baerer info", "familien baerer informasjon", "familie baerer info",
                            "familien tek med info", "familien ber info",
                            "family carries info", "family carries information", "family carries"),
    # A step number is recognised and not read: the order of the rows is the order of the steps.
    "position": ("nr", "#", "position", "rekkefolge", "order", "no"),
}
# Long headers ("Familien bærer info selv?", "Ventetid i dager") are matched on how they start.
_HEADER_PREFIXES = (
    ("familien baerer", "family_carries_info"),
    ("familien tek med", "family_carries_info"),
    ("familie baerer", "family_carries_info"),
    ("family carries", "family_carries_info"),
    ("ventetid", "wait_days"),
    ("hva skjer", "what"),
    ("opplevelse", "experience"),
    ("smertepunkt", "pain_point"),
    ("sitat", "quote"),
    ("koordinator", "coordinator"),
    ("stafettholder", "coordinator"),
    ("kontaktpunkt", "touchpoint"),
    ("tjeneste", "service"),
    ("teneste", "service"),
    ("kva skjer", "what"),
    ("oppleving", "experience"),
)
_HEADINGS = Headings(_HEADER_SYNONYMS, _HEADER_PREFIXES)
_TOUCHPOINT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "mote": ("mote", "moter", "fysisk mote", "samtale", "konsultasjon", "meeting", "meet", "consultation"),
    "telefon": ("telefon", "tlf", "ringe", "telefonsamtale", "phone", "telephone", "call", "phone call"),
    "brev": ("brev", "post", "letter"),
    "digitalt": ("digitalt", "digital", "e post", "epost", "email", "e mail", "sms", "video", "videomote",
                 "chat", "nett", "online", "digipost", "helsenorge"),
    "hjemmebesok": ("hjemmebesok", "hjemme", "home visit", "home"),
    "annet": ("annet", "andre", "other"),
}
_TOUCHPOINT_LOOKUP = {
    **{fold(touchpoint_label(tp, lang)): tp for tp in TOUCHPOINTS for lang in CATALOGUE},
    **{syn: key for key, syns in _TOUCHPOINT_SYNONYMS.items() for syn in syns},
}
_YES = frozenset({"ja", "j", "yes", "y", "x", "true", "sann", "1", "✓", "✔"})
_NO = frozenset({"nei", "n", "no", "false", "usann", "0", "-"})
_WAIT_UNITS = {
    "": 1, "d": 1, "dag": 1, "dager": 1, "dagar": 1, "day": 1, "days": 1,
    "u": 7, "uke": 7, "uker": 7, "veke": 7, "veker": 7, "w": 7, "week": 7, "weeks": 7,
    "mnd": 30, "maned": 30, "maneder": 30, "manad": 30, "manader": 30, "month": 30, "months": 30,
}
_WAIT_PATTERN = re.compile(r"^(?:ca\.?\s*|omtrent\s+|about\s+|~\s*)?(\d+(?:[.,]\d+)?)\s*([a-z]*)\.?$")
#: Reasons of :class:`InvalidInputError` as import problems.
_ROW_REASONS = {"empty": "missing_value", "bad_wait_days": "bad_wait", "bad_choice": "unknown_touchpoint"}


@dataclass
class ImportResult:
    """What an import produced: the good steps in file order, every problem, the phases not in the journey.

    ``unknown_phases`` lists, once each and in file order, the phases that
    rows used but the journey does not have (their rows are in ``problems``);
    with ``add_phases=True`` they were added to the journey instead.
    """

    steps: list[Step]
    problems: list[Problem]
    unknown_phases: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- Import ----------------------------------------------------------------------------------


def _parse_experience(raw: str, row: int) -> int | Problem:
    text = raw.strip()
    if not text:
        return 0
    try:
        number = float(text.replace(",", ".").replace("\u2212", "-"))
    except ValueError:
        return Problem(row, "experience", "not_a_number", shown(text))
    if not math.isfinite(number):
        return Problem(row, "experience", "not_a_number", shown(text))
    if not number.is_integer():
        return Problem(row, "experience", "not_a_whole_number", shown(text))
    if not EXPERIENCE_MIN <= number <= EXPERIENCE_MAX:
        return Problem(row, "experience", "out_of_range", shown(text))
    return int(number)


def _parse_wait(raw: str, row: int) -> int | None | Problem:
    """Days as written in a sheet: ``14``, ``14 d``, ``3 uker``, ``2 mnd``, ``ca. 10``; empty is unknown."""
    text = raw.strip()
    if not text:
        return None
    match = None if text.startswith(("-", "\u2212")) else _WAIT_PATTERN.match(fold(text))
    unit = _WAIT_UNITS.get(match.group(2)) if match else None
    if unit is None:
        return Problem(row, "wait_days", "bad_wait", shown(text))
    number = float(match.group(1).replace(",", "."))
    if unit == 1 and not number.is_integer():
        return Problem(row, "wait_days", "bad_wait", shown(text))
    days = round(number * unit)
    if days > MAX_WAIT_DAYS:
        return Problem(row, "wait_days", "bad_wait", shown(text))
    return days


def _parse_yes_no(raw: str, row: int) -> bool | Problem:
    text = fold(raw)
    if not text or text in _NO:
        return False
    if text in _YES:
        return True
    return Problem(row, "family_carries_info", "not_yes_no", shown(raw))


def _parse_touchpoint(raw: str, row: int) -> str | Problem:
    text = raw.strip()
    if not text:
        return "annet"
    found = _TOUCHPOINT_LOOKUP.get(fold(text))
    return found if found else Problem(row, "touchpoint", "unknown_touchpoint", shown(text))


class _Phases:
    """The journey's phases as a file may spell them, growing when ``add`` is on."""

    def __init__(self, journey: Journey, add: bool):
        self.journey, self.add = journey, add
        self.unknown: list[str] = []
        self.lookup = {fold(name): name for name in journey.phases}

    def find(self, text: str, row: int) -> str | Problem:
        name = " ".join(text.split())
        found = self.lookup.get(fold(name))
        if found:
            return found
        if len(name) > MAX_PHASE_LENGTH:
            return Problem(row, "phase", "too_long", shown(name))
        if self.add:
            try:
                self.journey.phases = check_phases((*self.journey.phases, name))
            except InvalidInputError:  # too many phases: report the row instead
                pass
            else:
                self.lookup[fold(name)] = name
                if name not in self.unknown:
                    self.unknown.append(name)
                return name
        if name not in self.unknown:
            self.unknown.append(name)
        return Problem(row, "phase", "unknown_phase", shown(name))


def _parse_row(cells: dict[str, str], row: int, phase: str, phases: _Phases, journey: Journey,
               position: int) -> Step | list[Problem]:
    """One data row (field -> text) as a step, or every problem it has."""
    found: list[Problem] = []
    values: dict[str, object] = {}
    for key in ("phase", "service", "what"):
        text = phase if key == "phase" else cells.get(key, "").strip()
        if not text:
            found.append(Problem(row, key, "missing_value", ""))
    for key, limit in _MAX_LENGTHS.items():
        text = phase if key == "phase" else cells.get(key, "")
        if len(text.strip()) > limit:
            found.append(Problem(row, key, "too_long", shown(text)))
    if phase and not any(p.field == "phase" for p in found):
        values["phase"] = phases.find(phase, row)
    values["touchpoint"] = _parse_touchpoint(cells.get("touchpoint", ""), row)
    values["experience"] = _parse_experience(cells.get("experience", ""), row)
    values["wait_days"] = _parse_wait(cells.get("wait_days", ""), row)
    values["family_carries_info"] = _parse_yes_no(cells.get("family_carries_info", ""), row)
    found += [value for value in values.values() if isinstance(value, Problem)]
    if found:
        return found
    try:
        return Step(
            journey.id, position, values["phase"], cells["service"], values["touchpoint"], cells["what"],
            experience=values["experience"], pain_point=cells.get("pain_point", ""), quote=cells.get("quote", ""),
            wait_days=values["wait_days"], coordinator=cells.get("coordinator", ""),
            family_carries_info=values["family_carries_info"],
        )
    except InvalidInputError as exc:  # e.g. a text of only control characters
        name = str(exc.params.get("field", ""))
        return [Problem(row, name, _ROW_REASONS.get(exc.reason, exc.reason), shown(str(cells.get(name, ""))))]


def _header_row(table: list[list[str]]) -> int | None:
    """The index of the header: the first row with two known headings among the first rows that are not empty.

    A sheet may start with a title ("Dagens tjenestereise, sak 3") above the
    header. Without two known headings, the first row that is not empty.
    """
    filled = [i for i, record in enumerate(table) if any(cell.strip() for cell in record)]
    for i in filled[:_HEADER_SEARCH]:
        if len({_HEADINGS.key(cell) for cell in table[i] if cell.strip()} - {None}) >= 2:
            return i
    return filled[0] if filled else None


def parse_steps_table(
    records: Iterable[Sequence[object]], journey: Journey, *, first_position: int = 0, add_phases: bool = False
) -> ImportResult:
    """Rows of cells, as a CSV file or a worksheet holds them, to the steps of ``journey``.

    The header is the first row with two known headings (a title may stand
    above it); row numbers are the spreadsheet's. Columns ``fase``,
    ``tjeneste`` and ``hva skjer`` (or their synonyms) are required; an empty
    phase cell repeats the phase above; an empty touchpoint is "annet", an
    empty experience 0, an empty wait unknown. Good steps get positions
    ``first_position``, ``first_position + 1``, ... in file order. A row with
    any problem is left out and each of its problems is reported.
    O(rows x columns).

    >>> j = Journey("w1", "Skolefravær")
    >>> table = [["Tjenestereise, sak 3"], [], ["Fase", "Tjeneste", "Hva skjer", "Opplevelse", "Ventetid"],
    ...          ["Kartlegging", "PPT", "Henvisning", "-2", "6 uker"], ["", "PPT", "Testing", "5", ""],
    ...          ["Utredning", "BUP", "Samtale", "0", "lenge"]]
    >>> result = parse_steps_table(table, j)
    >>> [(s.position, s.phase, s.service, s.experience, s.wait_days) for s in result.steps]
    [(0, 'Kartlegging', 'PPT', -2, 42)]
    >>> for p in result.problems:
    ...     print((p.row, p.field, p.reason, p.value))
    (5, 'experience', 'out_of_range', '5')
    (6, 'phase', 'unknown_phase', 'Utredning')
    (6, 'wait_days', 'bad_wait', 'lenge')
    >>> result.unknown_phases
    ['Utredning']
    """
    table = [[cell_text(value) for value in record] for record in records]
    start = _header_row(table)
    if start is None:
        return ImportResult([], [Problem(1, "", "empty_file", "")])
    header_row = start + 1
    columns, problems = _HEADINGS.match(table[start], header_row)
    column = {key: index for index, key in columns.items()}
    missing = [key for key in _REQUIRED_FIELDS if key not in column]
    if missing:
        return ImportResult([], problems + [Problem(header_row, key, "missing_column", "") for key in missing])

    phases = _Phases(journey, add_phases)
    steps: list[Step] = []
    phase = ""
    rows = 0
    for index in range(start + 1, len(table)):
        record = table[index]
        if not any(cell.strip() for cell in record):
            continue
        rows += 1
        if rows > MAX_IMPORT_STEPS:
            problems.append(Problem(index + 1, "", "too_many_rows", str(MAX_IMPORT_STEPS)))
            break
        cells = {key: unguard(record[i]) if i < len(record) else "" for key, i in column.items()}
        phase = cells["phase"].strip() or phase
        parsed = _parse_row(cells, index + 1, phase, phases, journey, first_position + len(steps))
        if isinstance(parsed, Step):
            steps.append(parsed)
        else:
            problems += parsed
    if not rows:
        problems.append(Problem(header_row, "", "empty_file", ""))
    return ImportResult(steps, problems, phases.unknown)


def read_steps_file(
    data: bytes,
    filename: str,
    journey: Journey,
    *,
    first_position: int = 0,
    add_phases: bool = False,
) -> ImportResult:
    """Read an uploaded sheet of steps into ``journey``, choosing CSV or Excel by the file name's ending.

    CSV may be comma, semicolon or tab separated, UTF-8 (with or without BOM),
    UTF-16 or cp1252; ``.xlsx`` is read with openpyxl (first sheet, computed
    values). Both go through :func:`parse_steps_table`. A file that is
    too large (:func:`~samskaping.core.tables.sheet_records`) is refused unread. Steps are not stored
    and the journey is not changed, except that ``add_phases=True`` appends
    phases the file uses and the journey lacks (for a journey created from the
    file). O(size of the file).

    >>> j = Journey("w1", "Skolefravær")
    >>> data = "Fase;Aktør;Hendelse;Kontaktpunkt\\nTiltak;Barnevernet;Hjemmebesøk;Hjemmebesøk\\n".encode("cp1252")
    >>> [(s.service, s.touchpoint) for s in read_steps_file(data, "reise.csv", j).steps]
    [('barnevern', 'hjemmebesok')]
    """
    # MAX_IMPORT_ROWS rows past the first filled one: far more than MAX_IMPORT_STEPS, leaving
    # room for a title, blank rows and the row that reports too many steps.
    records = sheet_records(data, filename, max_rows=MAX_IMPORT_ROWS)
    if isinstance(records, Problem):
        return ImportResult([], [records])
    return parse_steps_table(records, journey, first_position=first_position, add_phases=add_phases)


def describe(problem: Problem, lang: str = DEFAULT_LANG, *, journey: Journey | None = None) -> str:
    """The sentence to show a person for an import problem (``journey.import.<reason>``).

    Given the ``journey``, an unknown phase's sentence also lists its phases.

    >>> describe(Problem(5, "experience", "out_of_range", "5"))
    'Rad 5: opplevelse 5 er utenfor skalaen. Skriv et helt tall fra -2 (svært dårlig) til 2 (svært godt).'
    >>> text = describe(Problem(6, "phase", "unknown_phase", "Utredning"), "en",
    ...                 journey=Journey("w", "x", phases=("A", "B")))
    >>> print(text.replace(". ", ".\\n"))
    Row 6: the phase “Utredning” is not in the journey, so the row was not imported.
    Add the phase to the journey or correct it in the file, and import the file again.
    The journey's phases are: A, B.
    """
    key = f"journey.import.{problem.reason}"
    if key not in CATALOGUE[DEFAULT_LANG]:
        return f"{problem.row}: {problem.field} {problem.reason} {problem.value}".strip()
    field_label = t(f"journey.field.{problem.field}", lang) if problem.field else ""
    if problem.reason == "too_many_rows":
        limit = MAX_IMPORT_STEPS
    elif problem.field == "wait_days":
        limit = MAX_WAIT_DAYS
    elif problem.field == "experience":
        limit = EXPERIENCE_MAX
    else:
        limit = _MAX_LENGTHS.get(problem.field, MAX_NOTE_LENGTH)
    text = t(
        key, lang, row=problem.row, field=field_label, value=problem.value, header=field_label.capitalize(),
        choices=", ".join(touchpoint_label(tp, lang) for tp in TOUCHPOINTS), max=limit, min=EXPERIENCE_MIN,
    )
    if problem.reason == "unknown_phase" and journey is not None:
        text += " " + t("journey.import.phases_are", lang, choices=", ".join(journey.phases))
    return text


# --- Export ----------------------------------------------------------------------------------


def steps_to_rows(steps: Iterable[Step]) -> list[dict]:
    """The steps as plain dicts with the keys of :data:`EXPORT_COLUMNS`, in step order.

    Free text has passed the personal-data guard; ``touchpoint`` is its
    bokmål label (``"møte"``, which reads back as the key), ``wait_days`` an
    int or ``None``, ``family_carries_info`` ``"ja"`` or ``"nei"`` (it reads
    back as a yes/no). O(n log n).
    """
    rows = []
    for step in in_order(steps):
        row = {key: getattr(step, key) for key in EXPORT_COLUMNS}
        row["touchpoint"] = touchpoint_label(step.touchpoint)
        row["family_carries_info"] = "ja" if step.family_carries_info else "nei"
        rows.append({key: export_text(value) if key in _FREE_TEXT else value for key, value in row.items()})
    return rows


def steps_csv(journey: Journey, steps: Iterable[Step]) -> str:
    """The steps of ``journey`` as CSV text: comma separated, English keys as the header, so it re-imports.

    Steps of another journey are refused. Formula-like cells get a leading
    apostrophe (import removes it); an unknown wait is an empty cell. Lines
    end in CRLF; write the text as UTF-8 with a BOM (``encoding="utf-8-sig"``)
    so Excel reads æ, ø, å right. O(n log n).

    >>> j = Journey("w1", "Skolefravær")
    >>> for line in steps_csv(
    ...     j, [Step(j.id, 0, "Tiltak", "NAV", "møte", "=Søknad", experience=-1, wait_days=5)]
    ... ).splitlines():
    ...     print(line)
    phase,service,touchpoint,what,experience,pain_point,quote,wait_days,coordinator,family_carries_info
    Tiltak,NAV,møte,'=Søknad,-1,,,5,,nei
    """
    steps = _own(journey, steps)
    rows = steps_to_rows(steps)
    return csv_text(EXPORT_COLUMNS, ([row[key] for key in EXPORT_COLUMNS] for row in rows))


def _own(journey: Journey, steps: Iterable[Step]) -> list[Step]:
    return [check_belongs(journey, step) for step in steps]


def _journey_dict(journey: Journey) -> dict:
    data = journey.to_dict()
    for key in ("title", "case"):
        data[key] = export_text(data[key])
    data["phases"] = [export_text(name) for name in journey.phases]
    return data


def _step_dict(step: Step) -> dict:
    data = step.to_dict()
    for key in _FREE_TEXT:
        data[key] = export_text(data[key])
    return data


def journey_json(journey: Journey, steps: Iterable[Step]) -> str:
    """The journey and its steps as JSON, ``{"journey": {...}, "steps": [...]}``, steps in order.

    Every field of both (ids and times too, so :func:`read_journey_json`
    gives them back); free text has passed the personal-data guard; æøå are
    kept as they are. O(n log n).
    """
    steps = in_order(_own(journey, steps))
    data = {"journey": _journey_dict(journey), "steps": [_step_dict(step) for step in steps]}
    return json.dumps(data, ensure_ascii=False, indent=2)


def read_journey_json(
    text: str | bytes, *, name: str = "journey.json", lang: str = DEFAULT_LANG
) -> tuple[Journey, list[Step]]:
    """A journey and its steps from :func:`journey_json` text.

    Raises :class:`~samskaping.core.exceptions.ImportFormatError` naming ``name``
    when the text is not such a file, and
    :class:`~samskaping.core.exceptions.InvalidInputError` for a value that does not
    validate (a step in a phase the journey lacks, an experience of 5). O(n).
    """
    try:
        data = json.loads(text.decode("utf-8-sig") if isinstance(text, bytes) else text)
    except UnicodeDecodeError:
        raise ImportFormatError(f"{name!r} is not UTF-8 text.", path=name, detail=t("import.not_utf8", lang)) from None
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{name!r} is not JSON: {exc}.", path=name,
                                detail=t("import.not_json", lang, line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise ImportFormatError(f"{name!r} is nested too deep to be JSON we read.", path=name,
                                detail=t("import.too_deep", lang)) from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("journey"), dict)
        or not isinstance(data.get("steps"), list)
    ):
        raise ImportFormatError(
            f"{name!r} is not a journey export (no \"journey\" object and \"steps\" list).",
            path=name,
            detail=t("journey.import.not_journey_json", lang),
        )
    journey = Journey.from_dict(data["journey"])
    steps = []
    for number, item in enumerate(data["steps"], start=1):
        try:
            steps.append(check_step(journey, Step.from_dict(item)))
        except InvalidInputError:
            raise
        except (TypeError, ValueError, AttributeError) as exc:  # e.g. a list where a text belongs
            raise ImportFormatError(
                f"Step {number} of {name!r} cannot be read ({type(exc).__name__}: {exc}).", path=name,
                detail=t("import.bad_part", lang, part="steps", number=number),
            ) from None
    return journey, steps


def journey_summary_json(journey: Journey, steps: Iterable[Step], *, lang: str = DEFAULT_LANG) -> dict:
    """The counts of :func:`~samskaping.journeys.analysis.summary` as a JSON-ready dict, for reports and the CLI.

    Keys: ``journey_id``, ``title``, ``variant``, the counts (``steps``,
    ``services``, ``handovers``, ``uncoordinated_handovers``,
    ``total_wait_days``, ``longest_wait_days``, ``steps_without_coordinator``,
    ``low_points``, ``family_carried_info_steps``, ``family_carried_handovers``),
    ``service_names``, ``handover_list`` (one dict per handover: step numbers
    from 1, services, wait, coordinated, ``carried_by_family`` and the numbers
    of the family's own steps in between), ``family_carried_phases`` and ``sentences``
    (:func:`~samskaping.journeys.analysis.summary_text` in ``lang``). Free text has
    passed the personal-data guard. O(n log n).

    >>> j = Journey("w1", "Skolefravær")
    >>> data = journey_summary_json(j, [Step(j.id, 0, "Tiltak", "skole", "møte", "Møte"),
    ...                                 Step(j.id, 1, "Tiltak", "PPT", "brev", "Henvisning", wait_days=42)])
    >>> data["handovers"], data["total_wait_days"], data["handover_list"][0]["to_service"]
    (1, 42, 'PPT')
    >>> data["family_carried_handovers"], data["handover_list"][0]["carried_by_family"]
    (0, False)
    """
    steps = in_order(_own(journey, steps))
    s = summary(journey, steps)
    counts = ("steps", "services", "handovers", "uncoordinated_handovers", "total_wait_days", "longest_wait_days",
              "steps_without_coordinator", "low_points", "family_carried_info_steps", "family_carried_handovers")
    return {
        "journey_id": journey.id,
        "title": export_text(journey.title),
        "variant": journey.variant,
        **{key: getattr(s, key) for key in counts},
        "service_names": [export_text(name) for name in s.service_names],
        "handover_list": [
            {
                "from_step": h.from_step.position + 1,
                "to_step": h.to_step.position + 1,
                "from_service": export_text(h.from_service),
                "to_service": export_text(h.to_service),
                "wait_days": h.wait_days,
                "coordinated": h.coordinated,
                "carried_by_family": h.carried_by_family,
                "family_steps": [step.position + 1 for step in h.family_steps],
            }
            for h in s.handover_details
        ],
        "family_carried_phases": [export_text(name) for name in s.family_carried_phases],
        "sentences": [export_text(line) for line in summary_text(journey, steps, lang)],
    }
