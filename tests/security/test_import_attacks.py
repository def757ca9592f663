"""``samskaping import`` handed a hostile file, run as a real process (issue 17, points 3 and 5).

Point 3: the import went round the privacy guard and the validation of every
other write. Concept comments were stored as in the file (names, phone numbers,
fødselsnummer and e-mail shown to staff), NUL, ESC and any length passed, a file
with ``"masking": false`` turned masking off without a line in the privacy log,
and an invalid stance or group was stored, after which every export of the
workshop failed. Now every value is validated, every text masked, the error
names the part, the entry and the field (in bokmål, or English with ``--lang
en``), nothing is stored on refusal, and a file never turns masking off.

Point 5: a 255 kB archive holding 256 MB of JSON took the import to 6.9 GB of
memory. Now an archive's entries, the size ``workshop.json`` declares and the
bytes it really unpacks to, and the number of JSON values are bounded before
anything is parsed: any archive imports or is refused under 300 MB, measured
as the peak resident memory of the import process.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from samskaping.core.models import Workshop
from samskaping.core.privacy.detect import generate_fodselsnummer
from samskaping.ideas.model import Concept, ConceptFeedback, Idea, Voting
from samskaping.room.model import Arrival
from samskaping.store import STORE_FILENAME, Store
from samskaping.store.archive import MAX_ARCHIVE_JSON, envelope

pytestmark = pytest.mark.slow

SAMSKAPING = shutil.which("samskaping", path=str(Path(sys.executable).parent))
COMMAND = [SAMSKAPING] if SAMSKAPING else [sys.executable, "-m", "samskaping.cli"]
#: The most memory an import may take, whatever the file.
MEMORY_LIMIT = 300 * 2**20
#: Control and bidi characters (but tab and line break): nothing from a file may reach the terminal with them.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Python's own words, which a person must never see instead of a sentence.
ENGLISH = re.compile(r"Traceback|\b[A-Z]\w*(Error|Exception)\b|BadZipFile|MemoryError")


def samskaping(*argv: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *argv, "--data-dir", str(data_dir)], capture_output=True, text=True,
                          timeout=300)


#: Runs the command it is given as its child and reports the child's peak memory: RUSAGE_CHILDREN of this
#: small process counts that one child only (the test process has had others, servers among them).
_MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
json.dump({"code": done.returncode, "out": done.stdout.decode("utf-8", "replace"),
           "err": done.stderr.decode("utf-8", "replace"), "peak_kb": peak}, sys.stdout)
"""


def import_measured(path: Path, data_dir: Path) -> tuple[int, str, str, int]:
    """``samskaping import PATH`` in a process of its own: exit code, stdout, stderr, peak RSS in bytes."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *COMMAND, "import", str(path), "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return result["code"], result["out"], result["err"], result["peak_kb"] * 1024  # Linux counts kilobytes


def rows(data_dir: Path) -> dict[str, list]:
    """Every row of every table of the store: what "nothing stored" is compared on."""
    db = sqlite3.connect(data_dir / STORE_FILENAME)
    try:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: sorted(map(repr, db.execute(f'SELECT * FROM "{name}"'))) for name in tables}
    finally:
        db.close()


@pytest.fixture
def installed(tmp_path) -> Path:
    """A data folder with one workshop stored before the attack."""
    data_dir = tmp_path / "data"
    with Store(data_dir / STORE_FILENAME) as store:
        workshop = store.workshops.create(Workshop("Stod her fra før"))
        store.ideas.add(Idea(workshop.id, "Leksehjelp på biblioteket"))
    return data_dir


@pytest.fixture
def export(tmp_path) -> dict:
    """A real export (one idea, a concept and an answer to it, a dot, an agree, an arrival) as plain data."""
    with Store(tmp_path / "kilde" / STORE_FILENAME) as store:
        workshop = store.workshops.create(Workshop("Idédugnad om leksehjelp"))
        idea = store.ideas.add(Idea(workshop.id, "Leksehjelp to dager i uka", session_id="s1"))
        concept = store.concepts.save(Concept(workshop.id, "Leksehjelp på biblioteket"))
        store.concepts.save_feedback(ConceptFeedback(concept.id, "s1", "bra", "Godt for de minste"))
        store.votes.set_voting(Voting(workshop.id, 3, "apen"))
        store.votes.add_dot(idea.id, "s1", "ansatt")
        store.votes.set_stance(idea.id, "s1", "enig", "ansatt")
        store.room.register_arrival(Arrival(workshop.id, "s1", "ansatt"))
        return json.loads(envelope(store.archive.export_workshop(workshop.id)))


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def assert_refused_in_norwegian(code: int, err: str, before: dict, data_dir: Path, *words: str) -> None:
    assert code == 1, err
    assert not ENGLISH.search(err) and not CONTROL.search(err), err
    for word in words:
        assert word in err, err
    assert rows(data_dir) == before


# --- Point 3: the import goes through the guard and the validation -----------------------------------


def test_personal_data_in_a_concept_comment_is_masked_on_import(installed, export, tmp_path):
    """Before: the comment was stored and shown to staff as the file had it."""
    fnr = generate_fodselsnummer(random.Random(17))
    secrets = ["Kari Nordmann", "912 34 567", fnr, "kari.nordmann@example.org"]
    export["concept_feedback"][0]["comment"] = "Ring {} på {} ({}), eller skriv til {}".format(*secrets)

    done = samskaping("import", str(write(tmp_path / "verksted.json", export)), data_dir=installed)

    assert done.returncode == 0, done.stderr
    with Store(installed / STORE_FILENAME) as store:
        workshop_id = done.stdout.split()[-1]
        [answer] = store.concepts.feedback(workshop_id)
        assert answer.comment == "Ring [navn] på [telefon] ([fødselsnummer]), eller skriv til [e-post]"
        assert store.archive.export_workshop(workshop_id)["concept_feedback"][0]["comment"] == answer.comment
        store.db.checkpoint()
    raw = (installed / STORE_FILENAME).read_bytes()
    assert not [secret for secret in secrets if secret.encode() in raw]


HOSTILE = [
    ("concept_feedback", "comment", "Bra\x00\x1b[31m" + "x" * 100_000, "Kort den ned til 20000 tegn"),
    ("concept_feedback", "comment", "x" * 2001, "Kort den ned til 2000 tegn"),
    ("concept_feedback", "session_id", "s1\x1b]0;eid\x07", "ingen kontrolltegn"),
    ("stances", "session_id", "s" * 10_000, "høyst 64 tegn"),
    ("ideas", "session_id", "s1\x00", "ingen kontrolltegn"),
    ("stances", "stance", "kanskje", "er ikke et gyldig valg"),
    ("dots", "participant_group", "katter", "er ikke et gyldig valg"),
    ("concept_feedback", "stance", "\x1b[2J", "er ikke et gyldig valg"),
    ("concept_feedback", "participant_group", "<script>", "er ikke et gyldig valg"),
    ("arrivals", "group", "ingen", "er ikke et gyldig valg"),
]


@pytest.mark.parametrize("part, field, value, problem", HOSTILE)
def test_a_hostile_value_is_refused_naming_part_entry_and_field_and_nothing_is_stored(
        installed, export, tmp_path, part, field, value, problem):
    """Before: NUL, ESC and any length were stored, and so were a stance or group that no page offers."""
    before = rows(installed)
    export[part][0][field] = value
    path = write(tmp_path / "redigert.json", export)

    done = samskaping("import", str(path), data_dir=installed)

    assert_refused_in_norwegian(done.returncode, done.stderr, before, installed, "redigert.json",
                                f"feltet «{field}» i delen «{part}» (oppføring nr. 1)", problem,
                                "Ingenting er importert")
    english = samskaping("import", str(path), "--lang", "en", data_dir=installed)
    assert english.returncode == 1 and f"the field “{field}” in the part “{part}” (entry no. 1)" in english.stderr
    assert rows(installed) == before


def test_after_a_refused_stance_every_workshop_still_exports(installed, export, tmp_path):
    """Before: the invalid stance was stored, and from then on every export of that workshop failed."""
    export["concept_feedback"][0]["stance"] = "kanskje"
    assert samskaping("import", str(write(tmp_path / "f.json", export)), data_dir=installed).returncode == 1
    with Store(installed / STORE_FILENAME) as store:
        ids = [workshop.id for workshop in store.workshops.list()]
    for workshop_id in ids:
        done = samskaping("export", workshop_id, "--format", "json", "--out", "-", data_dir=installed)
        assert done.returncode == 0, done.stderr


def test_a_file_with_masking_off_is_imported_with_masking_on_and_the_log_says_so(installed, export, tmp_path):
    """Before: the file turned masking off for the workshop, and nothing was written in the privacy log."""
    export["workshop"]["masking"] = False
    export["ideas"][0]["text"] = "Ring Kari Nordmann på 912 34 567"

    done = samskaping("import", str(write(tmp_path / "av.json", export)), data_dir=installed)

    assert done.returncode == 0, done.stderr
    assert "En fil kan ikke slå av maskeringen" in done.stderr and "personvernloggen" in done.stderr
    workshop_id = done.stdout.split()[-1]
    with Store(installed / STORE_FILENAME) as store:
        assert store.workshops.get(workshop_id).masking is True
        assert [idea.text for idea in store.ideas.list(workshop_id)] == ["Ring [navn] på [telefon]"]
        assert [entry[:2] for entry in store.privacy.log(workshop_id)] == [("masking_on", "import")]


# --- Point 5: archives and files are bounded before they are unpacked or parsed ------------------------

_HEAD = b'{"format": "samskaping-workshop", "version": 1, "workshop": {"title": "Bombe"}, "ideas": ['


def _write_json_list(out, size: int) -> None:
    """An export whose ideas are ``{}`` after ``{}``, at most ``size`` bytes: each 3 bytes, about 70 once parsed."""
    chunk = b"{}," * (2**20 // 3)
    left = size - len(_HEAD) - len(b"{}]}")
    out.write(_HEAD)
    while left >= len(chunk):
        out.write(chunk)
        left -= len(chunk)
    out.write(b"{}," * (left // 3) + b"{}]}")


def _zip_of_json_list(path: Path, size: int) -> Path:
    """A ZIP archive whose workshop.json is :func:`_write_json_list` of ``size`` bytes, written a chunk at a time."""
    with (zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
          archive.open("workshop.json", "w") as member):
        _write_json_list(member, size)
    return path


def _lying(source: Path, target: Path, declared: int) -> Path:
    """``source`` with the size its central directory declares for workshop.json changed to ``declared``."""
    data = bytearray(source.read_bytes())
    at = data.rfind(b"PK\x01\x02")
    data[at + 24:at + 28] = struct.pack("<L", declared)
    target.write_bytes(bytes(data))
    return target


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    """The attacks, built a megabyte at a time so that the test itself stays light."""
    folder = tmp_path_factory.mktemp("bomber")
    old_cap = 256 * 2**20
    made = {
        # The archive: about 1 MB holding 256 MB of JSON, just under the old cap (6.9 GB to import).
        "bombe.zip": _zip_of_json_list(folder / "bombe.zip", old_cap - 1),
        # Just under today's cap, but parsing it would take about 400 MB: refused by its count of values.
        "tett.zip": _zip_of_json_list(folder / "tett.zip", MAX_ARCHIVE_JSON - 1),
    }
    made["lyver.zip"] = _lying(made["bombe.zip"], folder / "lyver.zip", MAX_ARCHIVE_JSON - 1)
    with open(folder / "tett.json", "wb") as out:
        _write_json_list(out, MAX_ARCHIVE_JSON - 1)
    made["tett.json"] = folder / "tett.json"
    return made


@pytest.mark.parametrize("name, problem", [
    ("bombe.zip", "workshop.json i arkivet er for stor"),
    ("tett.zip", "verdier"),
    ("lyver.zip", "arkivet er skadet"),
    ("tett.json", "verdier"),
])
def test_a_zip_bomb_or_a_dense_file_is_refused_in_little_memory(installed, bombs, name, problem):
    assert bombs[name].stat().st_size < 20 * 2**20 or name.endswith(".json")
    before = rows(installed)

    code, _, err, peak = import_measured(bombs[name], installed)

    assert_refused_in_norwegian(code, err, before, installed, name, problem)
    assert peak < MEMORY_LIMIT, f"{peak / 2**20:.0f} MB"


def _many_answers(workshop: Workshop) -> dict:
    """300 ideas, each answered by 200 people: 60,000 answers, about 13 MB as the kit writes it."""
    ideas = [Idea(workshop.id, f"Idé nummer {n} om samarbeid mellom skole og helsestasjon", session_id=f"s{n % 200}")
             for n in range(300)]
    stamp = "2026-12-06T17:05:39.787846+00:00"
    stances = [{"idea_id": idea.id, "session_id": f"deltaker-{person:03d}", "participant_group": "innbygger",
                "stance": ("enig", "uenig", "pass")[person % 3], "on_paper": 0, "created": stamp}
               for idea in ideas for person in range(200)]
    return {"ideas": [idea.to_dict() for idea in ideas], "stances": stances, "voting": {"dots": 3, "state": "lukket"}}


def _long_texts(workshop: Workshop) -> dict:
    """14,000 ideas of 900 characters with an emoji each: text Python holds at four bytes a character."""
    return {"ideas": [Idea(workshop.id, "Idé 😀 " + "lang tekst " * 81, session_id=f"s{n}").to_dict()
                      for n in range(14_000)]}


@pytest.mark.parametrize("make, ideas", [(_many_answers, 300), (_long_texts, 14_000)])
def test_a_very_large_real_workshop_imports_in_little_memory(installed, tmp_path, make, ideas):
    """The other half of "any archive imports or fails under 300 MB": the largest workshops within the caps,
    in the kit's own format (``envelope``), import whole."""
    workshop = Workshop("Stor kommunesamling")
    path = tmp_path / "stor.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("workshop.json", envelope({"workshop": workshop.to_dict(), **make(workshop)}))
    with zipfile.ZipFile(path) as archive:
        assert 12 * 2**20 < archive.getinfo("workshop.json").file_size < MAX_ARCHIVE_JSON

    code, out, err, peak = import_measured(path, installed)

    assert code == 0, err
    assert peak < MEMORY_LIMIT, f"{peak / 2**20:.0f} MB"
    with Store(installed / STORE_FILENAME) as store:
        assert store.ideas.count(out.split()[-1]) == ideas
