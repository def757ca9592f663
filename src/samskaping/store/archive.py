"""Whole workshops as one JSON document: the export format, and reading it back safely.

``samskaping export --format json`` writes it, a ZIP archive holds it as
``workshop.json``, and ``samskaping import`` reads either. The format's name and
version live here once; :func:`parse_export` is the one check of an export's
text, and :meth:`Archive.import_workshop` stores a workshop from it all or
nothing, never overwriting what is stored.

Hidden posts stay out of an export unless it is asked for them
(``include_hidden``, ``samskaping export --include-hidden``): the file for the
archive leaves out what the facilitator hid because it could point someone
out, and says so in ``hidden_posts``. A backup or a move to another machine
asks for them, keeps them hidden on import, and says so in the file too.
Version 1 files from before (no ``groups``, no ``hidden_posts``) read as they are.

A file is whatever someone hands the facilitator, so reading one is bounded
before anything is unpacked or parsed: at most :data:`MAX_ARCHIVE_ENTRIES`
entries in an archive (counted from its end record, before :mod:`zipfile`
reads the directory), ``workshop.json`` at most :data:`MAX_ARCHIVE_JSON` bytes
by the size it declares and by the bytes it really unpacks to (read in chunks,
stopping at the cap), and at most :data:`MAX_JSON_VALUES` JSON values (counted
in the bytes before parsing). An import goes through the same validation and
privacy guard as every other write: every value is checked by its model (and
the rows without one by :data:`_ROW_FIELDS`), every id is a short id without
control characters, and every free text is masked before it is stored. A file
never turns masking off (:func:`asks_masking_off`).
"""

from __future__ import annotations

import json
import os
import reprlib
import sqlite3
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any, TypeVar

from samskaping.core.exceptions import ImportFormatError, InvalidInputError, SamskapingError
from samskaping.core.i18n import DEFAULT_LANG, error_text, t
from samskaping.core.models import Group, Workshop, clean_text, dataclass_to_dict, new_id, new_join_code, now
from samskaping.core.privacy.guard import guard
from samskaping.ideas.model import (
    MAX_TEXT,
    Concept,
    ConceptFeedback,
    FeedbackStance,
    Idea,
    Stance,
    Voting,
    WallTheme,
    withheld,
)
from samskaping.journeys.model import Journey, Step
from samskaping.room.model import Evaluation, Stage
from samskaping.stakeholders.model import Move, Relation, Stakeholder
from samskaping.store.concepts import Concepts, feedback_from_row
from samskaping.store.db import Database
from samskaping.store.ideas import Ideas, insert_idea
from samskaping.store.journeys import Journeys
from samskaping.store.room import Room
from samskaping.store.rows import Tables, columns, guarded, upsert
from samskaping.store.stakeholders import Stakeholders, insert_move, project_of
from samskaping.store.themes import Themes, insert_theme
from samskaping.store.votes import Votes
from samskaping.store.workshops import Workshops, insert_workshop

__all__ = [
    "ARCHIVE_JSON", "EXPORT_FORMAT", "EXPORT_VERSION", "MAX_ARCHIVE_ENTRIES", "MAX_ARCHIVE_JSON", "MAX_ID_LENGTH",
    "MAX_IMPORT_TEXT", "MAX_JSON_VALUES", "Archive", "asks_masking_off", "envelope", "hidden_posts", "parse_export",
    "read_export", "read_zip",
]

T = TypeVar("T")

#: What an export calls itself, and the newest version of the format this kit reads and writes.
EXPORT_FORMAT = "samskaping-workshop"
EXPORT_VERSION = 1
#: The workshop's data inside an archive: the same file ``samskaping export --format json`` writes.
ARCHIVE_JSON = "workshop.json"
#: A workshop.json larger than this, in an archive or alone, is refused unread. A real one is far smaller
#: (the demo workshop, 60 ideas and 108 answers, is 100 kB; 300 ideas each answered by 200 people 13 MB),
#: and importing this much stays under 300 MB of memory (measured: 100-175 MB for the largest files
#: accepted, tests/security/test_import_attacks.py).
MAX_ARCHIVE_JSON = 16 * 1024 * 1024
#: At most this many JSON values (objects, lists and the items in them), counted before parsing: parsed
#: JSON can take 25 times the bytes it was read from, so the bytes alone do not bound the memory.
#: A real export has one value in about 30 bytes: a file of the largest size allowed holds about 540,000.
MAX_JSON_VALUES = 1_000_000
#: An archive with more entries than this is refused before its directory is read (one from
#: ``samskaping export --format zip`` has a few dozen).
MAX_ARCHIVE_ENTRIES = 1000
#: The longest id an import stores (the kit makes 16 characters; a browser's session id about 20).
MAX_ID_LENGTH = 64
#: The longest text read from a file at all: every field has its own, smaller, cap (checked after
#: cleaning); this one refuses a huge text before cleaning it costs time and memory.
MAX_IMPORT_TEXT = 20_000

_CHUNK = 1024 * 1024
#: Bytes of central directory allowed per entry (46 fixed, the name, the extra fields): generous.
_DIRECTORY_BYTES_PER_ENTRY = 1024
#: Unicode categories no id may hold: control, format (bidi overrides), surrogates, line and paragraph breaks.
_NOT_IN_IDS = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 60


def envelope(data: dict[str, Any]) -> str:
    """The workshop data as ``samskaping export --format json`` writes it, envelope and all."""
    clean = {key: value for key, value in data.items() if key not in ("format", "version")}
    return (
        json.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION, **clean}, ensure_ascii=False, indent=2) + "\n"
    )


def hidden_posts(count: int, included: bool, lang: str) -> dict[str, Any]:
    """What an export says about hidden posts: how many, whether they are in the file, and why.

    >>> note = hidden_posts(2, False, "en")
    >>> note["included"], note["count"], note["note"][:55]
    (False, 2, '2 posts the facilitator hid are left out of this file. ')
    """
    key = "included" if included and count else "left_out" if count else "none"
    return {"included": bool(included), "count": count, "note": t(f"export.hidden.{key}", lang, count=count)}


def asks_masking_off(data: dict[str, Any]) -> bool:
    """Whether an export's workshop says ``"masking": false``: the import keeps masking on all the same.

    A file never turns masking off: :meth:`Archive.import_workshop` stores the
    workshop with masking on, masks every text, and writes that in the
    privacy log; ``samskaping import`` says so. Only a facilitator turns it
    off, and that is logged (``samskaping masking ... off --by ROLE``).

    >>> asks_masking_off({"workshop": {"title": "x", "masking": False}}), asks_masking_off({"workshop": {}})
    (True, False)
    """
    workshop = data.get("workshop")
    return isinstance(workshop, dict) and not workshop.get("masking", True)


def parse_export(raw: bytes, name: str, *, member: str = "", lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The workshop data in the bytes of a ``samskaping export --format json`` file, envelope keys included.

    The one check of an export's text, for a JSON file and for the
    ``workshop.json`` of an archive: at most :data:`MAX_ARCHIVE_JSON` bytes and
    :data:`MAX_JSON_VALUES` values (both checked before parsing), UTF-8 (a BOM
    is fine), JSON, an object with ``"format": "samskaping-workshop"`` and a
    ``workshop``, and a whole version number this kit reads. Anything else
    raises :class:`~samskaping.core.exceptions.ImportFormatError` naming
    ``name`` and, in ``lang``, what is wrong. O(len(raw)).

    >>> parse_export(b'{"format": "samskaping-workshop", "version": 1, "workshop": {}}', "w.json")["version"]
    1
    >>> try:
    ...     parse_export(b"[1, 2", "w.json")
    ... except ImportFormatError as exc:
    ...     print(exc)
    'w.json' is not JSON: Expecting ',' delimiter: line 1 column 6 (char 5).
    """
    if len(raw) > MAX_ARCHIVE_JSON:
        raise _too_large(name, lang)
    return _parse(raw, name, member=member, lang=lang)


def _parse(raw: bytes | bytearray, name: str, *, member: str = "", lang: str = DEFAULT_LANG,
           expected: str = EXPORT_FORMAT) -> dict[str, Any]:
    """:func:`parse_export` of bytes already within the size cap; a ``bytearray`` is emptied once decoded.

    Memory: the bytes, then the text (up to four bytes a character), then
    the parsed values, never more than two of them at once; the count of
    values before parsing bounds the last.
    """
    where = f"{member} in {name!r}" if member else repr(name)
    values = raw.count(b",") + raw.count(b"{") + raw.count(b"[")  # every value but the first of each list
    if values > MAX_JSON_VALUES:
        raise ImportFormatError(f"{where} holds {values} JSON values, over the {MAX_JSON_VALUES} an export may have.",
                                path=name, detail=t("import.too_many_values", lang, max=_number(MAX_JSON_VALUES, lang)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFormatError(f"{where} is not UTF-8 text.", path=name, detail=t("import.not_utf8", lang)) from None
    if isinstance(raw, bytearray):
        raw.clear()  # the text holds it now: the bytes need not stay while it is parsed
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{where} is not JSON: {exc}.", path=name,
                                detail=t("import.not_json", lang, line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise ImportFormatError(f"{where} is nested too deep to be JSON we read.", path=name,
                                detail=t("import.too_deep", lang)) from None
    except ValueError as exc:  # a number of more digits than Python converts (4,300)
        raise ImportFormatError(f"{where} has a number we do not read: {exc}.", path=name,
                                detail=t("import.huge_number", lang)) from None
    del text
    if not isinstance(data, dict) or data.get("format") != expected or (
            expected == EXPORT_FORMAT and "workshop" not in data):
        raise ImportFormatError(
            f"{where} is not a samskaping export of the kind asked for (no \"format\": \"{expected}\").",
            path=name, detail=t("import.not_an_export", lang, format=expected),
        )
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version > EXPORT_VERSION:
        raise ImportFormatError(
            f"{where} has export version {version!r}; this samskaping reads {EXPORT_VERSION}.",
            path=name, detail=t("import.bad_version", lang, version=version, supported=EXPORT_VERSION),
        )
    return data


def read_export(path: Path, *, lang: str = DEFAULT_LANG, expected: str = EXPORT_FORMAT) -> dict[str, Any]:
    """Read and check a workshop export, a ``.json`` file or a ``.zip`` archive, naming what is wrong with it.

    An archive is read by :func:`read_zip`; any other file as the JSON that
    ``samskaping export --format json`` writes.

    A file larger than :data:`samskaping.store.archive.MAX_ARCHIVE_JSON` is refused
    unread (and reading stops there, should it grow meanwhile); the text is
    checked by :func:`samskaping.store.archive.parse_export`. Messages are in ``lang``.
    ``expected`` is the file's kind (a project's file says ``"samskaping-project"``).
    """
    path = Path(path)
    if path.suffix.lower() == ".zip" and path.is_file() and expected == EXPORT_FORMAT:
        return read_zip(path, lang=lang)
    if not path.is_file():
        raise ImportFormatError(f"No file at {str(path)!r}.", path=str(path),
                                detail=t("cli.file.missing", lang, path=path))
    if path.stat().st_size > MAX_ARCHIVE_JSON:
        raise _too_large(str(path), lang)
    try:
        with open(path, "rb") as file:
            raw = _read_capped(file, _too_large(str(path), lang))
    except OSError:
        raise ImportFormatError(f"Cannot read {str(path)!r}.", path=str(path),
                                detail=t("import.unreadable", lang)) from None
    return _parse(raw, str(path), lang=lang, expected=expected)


def read_zip(path: str | os.PathLike, *, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The workshop data in an archive from :func:`write_zip`, checked like ``samskaping import`` checks JSON.

    Returns what :func:`samskaping.cli.read_export` returns for a JSON export
    (envelope keys included), ready for ``Store.import_workshop``. Anything
    else (no file, not a ZIP archive, more than :data:`MAX_ARCHIVE_ENTRIES`
    entries, no ``workshop.json``, one that declares or unpacks to more than
    :data:`MAX_ARCHIVE_JSON` bytes or is packed other than stored or deflated,
    not JSON, another format or a newer version) raises
    :class:`~samskaping.core.exceptions.ImportFormatError` naming the file and
    what is wrong, in ``lang``. Only ``workshop.json`` is read, in chunks that
    stop at the cap; nothing in the archive is unpacked to disk, so member
    names like ``../../x`` do no harm.
    """
    name = str(path)
    if not Path(path).is_file():
        raise ImportFormatError(f"No file at {name!r}.", path=name, detail=t("cli.file.missing", lang, path=name))
    if not zipfile.is_zipfile(path):
        raise ImportFormatError(f"{name!r} is not a ZIP archive.", path=name, detail=t("report.zip.not_zip", lang))
    too_large = ImportFormatError(f"{ARCHIVE_JSON} in {name!r} is over {MAX_ARCHIVE_JSON} bytes.", path=name,
                                  detail=t("report.zip.too_large", lang))
    damaged = ImportFormatError(f"{name!r} is a damaged ZIP archive.", path=name, detail=t("report.zip.damaged", lang))
    too_many = ImportFormatError(f"{name!r} has more than {MAX_ARCHIVE_ENTRIES} entries.", path=name,
                                 detail=t("import.zip.too_many_entries", lang, max=_number(MAX_ARCHIVE_ENTRIES, lang)))
    try:
        entries, directory = _declared_directory(path)
        if entries > MAX_ARCHIVE_ENTRIES or directory > MAX_ARCHIVE_ENTRIES * _DIRECTORY_BYTES_PER_ENTRY:
            raise too_many  # refused before zipfile reads the directory into memory
        with zipfile.ZipFile(path) as archive:
            if len(archive.infolist()) > MAX_ARCHIVE_ENTRIES:
                raise too_many
            try:
                info = archive.getinfo(ARCHIVE_JSON)
            except KeyError:
                raise ImportFormatError(f"{name!r} has no {ARCHIVE_JSON}.", path=name,
                                        detail=t("report.zip.no_json", lang)) from None
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise damaged  # the kit deflates; other methods bring other decoders (and their memory)
            if info.file_size > MAX_ARCHIVE_JSON:  # refused unread: a zip bomb never unpacks
                raise too_large
            with archive.open(info) as member:
                raw = _read_capped(member, too_large)  # the size in the directory may lie
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
            zlib.error, struct.error) as exc:  # damaged, encrypted or compressed in a way Python cannot read
        raise ImportFormatError(f"{name!r} is a damaged ZIP archive: {exc}.", path=name,
                                detail=t("report.zip.damaged", lang)) from None
    return _parse(raw, name, member=ARCHIVE_JSON, lang=lang)


def _read_capped(stream: IO[bytes], too_large: ImportFormatError) -> bytearray:
    """Everything ``stream`` gives, read a megabyte at a time; ``too_large`` past :data:`MAX_ARCHIVE_JSON` bytes."""
    cap = MAX_ARCHIVE_JSON
    raw = bytearray()
    while chunk := stream.read(min(_CHUNK, cap + 1 - len(raw))):
        raw += chunk
        if len(raw) > cap:
            raise too_large
    return raw


def _declared_directory(path: str | os.PathLike) -> tuple[int, int]:
    """The number of entries and the bytes of the central directory that a ZIP archive's end record declares.

    Read from the end record (and its ZIP64 form) as :mod:`zipfile` finds it,
    without reading the directory itself. ``(0, 0)`` when there is no end
    record: :mod:`zipfile` then says the archive is damaged.
    """
    end = struct.Struct("<4s4H2LH")  # signature, disks, entries here, entries, directory size, offset, comment
    end64 = struct.Struct("<4sQ2H2L4Q")
    with open(path, "rb") as file:
        size = file.seek(0, os.SEEK_END)
        tail_size = min(size, end.size + 0xFFFF)  # the record, and a comment of at most 64 kB after it
        file.seek(size - tail_size)
        tail = file.read(tail_size)
        if tail[-end.size:-end.size + 4] == b"PK\x05\x06" and tail[-2:] == b"\0\0":
            at = len(tail) - end.size  # no comment: the record ends the file (zipfile looks here first too)
        else:
            at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < end.size:
            return 0, 0
        _, _, _, _, entries, directory, offset, _ = end.unpack_from(tail, at)
        if entries != 0xFFFF and directory != 0xFFFFFFFF and offset != 0xFFFFFFFF:
            return entries, directory
        start = size - tail_size + at - 20 - end64.size  # ZIP64: its end record lies before its locator
        if start < 0:
            return entries, directory
        file.seek(start)
        record = file.read(end64.size)
        if len(record) < end64.size or record[:4] != b"PK\x06\x06":
            return entries, directory
        fields = end64.unpack(record)
        return fields[7], fields[8]


def _too_large(name: str, lang: str) -> ImportFormatError:
    return ImportFormatError(f"{name!r} is over {MAX_ARCHIVE_JSON} bytes.", path=name,
                             detail=t("import.too_large", lang, max=MAX_ARCHIVE_JSON // 2**20))


def _number(n: int, lang: str) -> str:
    """A whole number as a reader of ``lang`` writes it: ``1 000 000`` or ``1,000,000``."""
    return f"{n:,}".replace(",", "," if lang == "en" else " ")


class Archive(Tables):
    """A whole workshop out of the store as plain data, and back in as a new workshop.

    The one part of the store that reads across every concept's tables: it
    reads through them, over the same database.
    """

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._workshops, self._ideas, self._themes = Workshops(db), Ideas(db), Themes(db)
        self._votes, self._concepts, self._room = Votes(db), Concepts(db), Room(db)
        self._stakeholders, self._journeys = Stakeholders(db), Journeys(db)

    def export_workshop(self, workshop_id: str, *, include_hidden: bool = False) -> dict[str, Any]:
        """The whole workshop as plain data (JSON-ready), ideas in arrival order.

        Hidden posts (:func:`~samskaping.ideas.model.withheld`) are left out
        with their votes, theme placements and merges, unless
        ``include_hidden``; ``hidden_posts`` says how many there are, whether
        they are in, and why, in the workshop's language. Free text passes the
        guard again on the way out (a no-op for text stored masked; it catches
        text stored before masking existed).
        """
        workshop = self._workshops.get(workshop_id)
        w = workshop.id

        def out(items: list) -> list[dict]:
            for item in items:
                guard(item, enabled=workshop.masking)
            return [item.to_dict() if hasattr(item, "to_dict") else dataclass_to_dict(item) for item in items]

        with self._db.read() as db:
            rows = {name: [dict(row) for row in db.execute(sql, (w,))] for name, sql in _EXPORT_ROWS.items()}
        ideas = self._ideas.list(w)
        hidden = withheld(ideas, {row["idea_id"]: row["into_id"] for row in rows["merges"]})
        if not include_hidden:
            ideas = [idea for idea in ideas if idea.id not in hidden]
            rows = {name: [row for row in items if not {row.get("idea_id"), row.get("into_id")} & hidden]
                    for name, items in rows.items()}
        for row in rows["arrivals"]:  # the kommune only in joint projects: other files stay as they were
            if not row["municipality"]:
                del row["municipality"]
        for row in rows["concept_feedback"]:  # the one row type here with free text
            answer = feedback_from_row(row)
            guard(answer, enabled=workshop.masking)
            row["comment"] = answer.comment
        voting, stage = self._votes.voting(w), self._room.stage(w)
        return {
            "workshop": out([workshop])[0],
            "hidden_posts": hidden_posts(len(hidden), include_hidden, workshop.lang),
            "ideas": out(ideas),
            "stakeholders": out(self._stakeholders.list(w)),
            "relations": [item.to_dict() for item in self._stakeholders.relations(w)],
            "stakeholder_moves": out(self._stakeholders.moves(w)),
            "journeys": [{**out([journey])[0], "steps": out(self._journeys.steps(journey.id))}
                         for journey in self._journeys.list(w)],
            "themes": [{k: v for k, v in theme.items() if k != "workshop_id"} for theme in out(self._themes.list(w))],
            **rows,
            "voting": {"dots": voting.dots, "state": voting.state},
            "stage": {"stage": stage[0], "step": stage[1]},
            "concepts": out(self._concepts.list(w)),
            "evaluations": [{k: v for k, v in e.items() if k != "workshop_id"}
                            for e in out(self._room.evaluations(w))],
        }

    def import_workshop(self, data: dict[str, Any], *, source: str = "workshop.json",
                        lang: str = DEFAULT_LANG, project_id: str | None = None,
                        register: dict[str, str] | None = None) -> Workshop:
        """Store a workshop exported by :meth:`export_workshop`, in one transaction.

        If its id, or the id of anything in it, is taken (the same file
        imported twice), the copy gets new ids and a new join code, so nothing
        already stored is overwritten.
        ``data`` comes from a file (``source`` names it in messages), so it is
        all or nothing and goes through the validation and the privacy guard
        of every other write: every value is checked by its model (rows
        without one by :data:`_ROW_FIELDS`), every id must be a short id
        without control characters, every free text is cleaned (control
        characters dropped) and masked. A value that does not validate raises
        :class:`InvalidInputError` (reason ``import_value``) naming the part,
        the entry's number and the field, with the sentence for the value's
        own problem in ``lang``; a part that cannot be read or parts that do
        not fit together raise :class:`ImportFormatError` naming the part. In
        every case nothing is stored.

        A file never turns masking off: a workshop that says
        ``"masking": false`` (:func:`asks_masking_off`) is stored with masking
        on, and the privacy log says the import kept it on (``masking_on``,
        by ``import``).

        ``project_id`` puts the workshop in that project (a project read in with its workshops);
        without it the workshop gets a project of its own.

        ``register`` is for a project's workshops read in one after another: each export
        carries the project's shared stakeholder register, which is stored once. It maps
        the ids of the register rows read so far to their stored ids, and is filled in
        by each call; the stakeholders and relations it names are not stored again.
        """
        try:
            return self._import_workshop(data, source, lang, project_id, register)
        except SamskapingError:
            raise
        except _DAMAGED as exc:
            raise ImportFormatError(
                f"The parts of {source!r} do not fit together ({type(exc).__name__}: {exc}).", path=source,
                detail=t("import.inconsistent", lang),
            ) from None

    def _import_workshop(self, data: dict[str, Any], source: str, lang: str, project_id: str | None,
                         register: dict[str, str] | None) -> Workshop:
        def part(name: str, build: Callable[[dict], T]) -> list[T]:
            return _read_part(data, name, build, source, lang)

        def naming(name: str, number: int = 1):
            return _naming(name, number, source, lang)

        _check_texts_and_ids(data, source, lang)
        with naming("workshop"):
            workshop = Workshop.from_dict(data["workshop"])
        masking_refused = not workshop.masking
        workshop.masking = True  # a file never turns masking off: only a facilitator does, and it is logged
        ideas = part("ideas", Idea.from_dict)
        stakeholders = part("stakeholders", Stakeholder.from_dict)
        relations = part("relations", Relation.from_dict)
        moves = part("stakeholder_moves", Move.from_dict)
        journeys, steps = _journeys_from_export(part("journeys", dict), source, lang)
        themes = part("themes", lambda item: WallTheme(workshop.id, **item))
        concepts = part("concepts", Concept.from_dict)
        evaluations = part("evaluations", lambda item: _evaluation(workshop.id, item))
        rows = {name: part(name, lambda item, name=name: _row(name, item)) for name in _EXPORT_ROWS}
        # The register is the project's: its rows name whichever workshop saved them last.
        stakeholders = [replace(x, workshop_id=workshop.id) for x in stakeholders]
        relations = [replace(x, workshop_id=workshop.id) for x in relations]
        shared = {} if register is None else register
        stakeholders = [x for x in stakeholders if x.id not in shared]
        relations = [x for x in relations if x.id not in shared]
        moves = [x for x in moves if x.stakeholder_id not in shared]
        for name, items in (("ideas", ideas), ("journeys", journeys), ("concepts", concepts)):
            for number, item in enumerate(items, start=1):
                if item.workshop_id != workshop.id:
                    with naming(name, number):
                        raise InvalidInputError(
                            f"{type(item).__name__} {item.id!r} belongs to workshop {item.workshop_id!r}, "
                            f"not {workshop.id!r}.", reason="bad_choice", field="workshop_id",
                            value=item.workshop_id, choices=workshop.id,
                        )
        voting = data.get("voting")
        if voting:
            with naming("voting"):
                voting = Voting(workshop.id, voting["dots"], voting["state"])
        stage = data.get("stage")
        if stage:
            with naming("stage"):
                stage = (Stage.parse(stage["stage"], "stage"), stage["step"])
            if isinstance(stage[1], bool) or not isinstance(stage[1], int) or stage[1] < 0:
                raise ImportFormatError(f"The stage step {stage[1]!r} in {source!r} is not a step.", path=source,
                                        detail=t("import.bad_part", lang, part="stage", number=1))
        read_ids = [x.id for x in (*stakeholders, *relations)]  # before any renaming below
        owned = {"workshops": [workshop], "ideas": ideas, "stakeholders": stakeholders, "relations": relations,
                 "journeys": journeys, "journey_steps": steps, "concepts": concepts, "evaluations": evaluations}
        _check_links(owned, moves, rows, source, lang, stored=set(shared))
        with self._db.read() as db:
            # Any id already stored (the same file imported twice, or a file whose parts another
            # workshop holds) makes the import a copy with new ids: nothing stored is ever overwritten.
            taken = any(_taken(db, table, [item.id for item in items]) for table, items in owned.items())
        if taken:
            new = {old: new_id() for old in (workshop.id, *(x.id for x in (*ideas, *stakeholders, *relations,
                                                                            *journeys, *steps)))}
            workshop = replace(workshop, id=new[workshop.id], join_code=new_join_code())
            ideas = [replace(x, id=new[x.id], workshop_id=workshop.id) for x in ideas]
            stakeholders = [replace(x, id=new[x.id], workshop_id=workshop.id) for x in stakeholders]
            relations = [
                replace(x, id=new[x.id], workshop_id=workshop.id, source_id=new.get(x.source_id, x.source_id),
                        target_id=new.get(x.target_id, x.target_id))
                for x in relations
            ]
            moves = [replace(x, stakeholder_id=new[x.stakeholder_id]) for x in moves]
            themes = [replace(x, workshop_id=workshop.id) for x in themes]
            new.update({x.id: new_id() for x in concepts})
            concepts = [replace(x, id=new[x.id], workshop_id=workshop.id,
                                stakeholder_ids=tuple(new.get(i, i) for i in x.stakeholder_ids)) for x in concepts]
            evaluations = [replace(x, id=new_id(), workshop_id=workshop.id) for x in evaluations]
            for items in rows.values():
                for item in items:
                    for key in ("idea_id", "into_id", "stakeholder_id", "concept_id"):
                        if item.get(key):
                            item[key] = new.get(item[key], item[key])
            journeys = [replace(x, id=new[x.id], workshop_id=workshop.id) for x in journeys]
            steps = [replace(x, id=new[x.id], journey_id=new[x.journey_id]) for x in steps]
        if shared:  # links to the register stored with an earlier workshop point to its stored rows
            relations = [replace(x, source_id=shared.get(x.source_id, x.source_id),
                                 target_id=shared.get(x.target_id, x.target_id)) for x in relations]
            concepts = [replace(x, stakeholder_ids=tuple(shared.get(i, i) for i in x.stakeholder_ids))
                        for x in concepts]
            for items in rows.values():
                for item in items:
                    if item.get("stakeholder_id") in shared:
                        item["stakeholder_id"] = shared[item["stakeholder_id"]]

        def insert(db: sqlite3.Connection) -> None:
            insert_workshop(db, workshop, project_id)  # guarded, masking on
            if masking_refused:
                db.execute("INSERT INTO privacy_log (workshop_id, action, by, at) VALUES (?, ?, ?, ?)",
                           (workshop.id, "masking_on", "import", now().isoformat()))
            for idea in ideas:
                guarded(db, workshop.id, idea)
                insert_idea(db, idea)
            register_of = {"project_id": project_of(db, workshop.id)}
            for table, items in (("stakeholders", stakeholders), ("relations", relations), ("journeys", journeys),
                                 ("journey_steps", steps), ("concepts", concepts), ("evaluations", evaluations)):
                for item in items:
                    guarded(db, workshop.id, item)
                    upsert(db, table, {**columns(item), **(register_of if table in _REGISTER else {})})
            for move in moves:
                guarded(db, workshop.id, move)
                insert_move(db, move)
            for theme in themes:
                guarded(db, workshop.id, theme)
                insert_theme(db, theme)
            for name, items in rows.items():
                table, scoped = _IMPORT_ROWS[name]
                for item in items:
                    if name == "concept_feedback":  # participants' comments: masked as on the page
                        answer = _feedback(item)
                        guarded(db, workshop.id, answer)
                        item = {**item, "comment": answer.comment}
                    values = {**({"workshop_id": workshop.id} if scoped else {}), **item}
                    quoted = ", ".join(f'"{c}"' for c in values)
                    db.execute(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(values))})",
                               tuple(values.values()))
            if voting:
                db.execute("INSERT INTO voting (workshop_id, dots, state) VALUES (?, ?, ?)",
                           (workshop.id, voting.dots, voting.state))
            if stage:
                db.execute("INSERT INTO stages (workshop_id, stage, step, step_started) VALUES (?, ?, ?, ?)",
                           (workshop.id, *stage, now().isoformat()))

        self._db.write(insert)
        if register is not None:
            register.update(zip(read_ids, (x.id for x in (*stakeholders, *relations)), strict=True))
        return workshop


#: Tables of the project's stakeholder register: their rows carry the project's id.
_REGISTER = frozenset({"stakeholders", "relations"})

#: What reading a damaged export can raise besides the kit's own errors: a missing key, a wrong
#: type, a number too large for SQLite, a row that breaks a constraint or cannot be bound.
_DAMAGED = (KeyError, TypeError, ValueError, AttributeError, OverflowError,
            sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.DataError)


@contextmanager
def _naming(part: str, number: int, source: str, lang: str) -> Iterator[None]:
    """Raise a value's :class:`InvalidInputError` again naming where in the file it is (:func:`_import_value`)."""
    try:
        yield
    except InvalidInputError as exc:
        if exc.reason == "import_value":
            raise
        raise _import_value(exc, part, number, source, lang) from None


def _import_value(exc: InvalidInputError, part: str, number: int, source: str, lang: str) -> InvalidInputError:
    """``exc`` as the import's error: the part, the entry's number, the field, and the problem in ``lang``.

    What the file holds is shown short and without control characters: a
    hostile file must not fill the terminal or colour it.
    """
    params = {key: _shown(value) if key in ("value", "field") else value for key, value in exc.params.items()}
    field = params.get("field") or part
    problem = error_text(InvalidInputError(str(exc), **params), lang)
    return InvalidInputError(
        f"{source!r}: {field} in item {number} of {part!r} cannot be imported: {exc}", reason="import_value",
        path=source, part=part, number=number, field=field, problem=problem, cause=exc.reason,
    )


def _shown(value: object) -> object:
    """A value from a file as a message may show it: numbers as they are, anything else short and printable."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = _SHOWN.repr(value) if not isinstance(value, str) else value[:200]
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _NOT_IN_IDS)
    return text if len(text) <= 60 and (not isinstance(value, str) or len(value) <= 200) else text[:60] + "…"


def _check_texts_and_ids(data: dict[str, Any], source: str, lang: str) -> None:
    """Refuse, before anything is built, an id that is not an id and a text far longer than any field.

    Every ``id``, ``*_id`` and item of an ``*_ids`` list must be text of at
    most :data:`MAX_ID_LENGTH` characters without control, format or line
    break characters (``bad_id``, ``not_text``); every other text at most
    :data:`MAX_IMPORT_TEXT` characters (``too_long``; each field's own cap is
    checked by its model, after cleaning). O(values), without recursion.
    """
    for name in _IMPORTED_PARTS:
        value = data.get(name)
        for number, item in enumerate(value if isinstance(value, list) else [value], start=1):
            with _naming(name, number, source, lang):
                stack: list[tuple[object, str]] = [(item, "")]
                while stack:
                    node, key = stack.pop()
                    if isinstance(node, dict):
                        stack.extend((child, str(field)) for field, child in node.items())
                    elif isinstance(node, list):
                        stack.extend((child, key) for child in node)
                    elif key == "id" or key.endswith(("_id", "_ids")):
                        _check_id(node, key.removesuffix("s") if key.endswith("_ids") else key)
                    elif isinstance(node, str) and len(node) > MAX_IMPORT_TEXT:
                        raise InvalidInputError(
                            f"{key or name} has {len(node)} characters; no field takes more than {MAX_IMPORT_TEXT}.",
                            reason="too_long", field=key or name, length=len(node), max=MAX_IMPORT_TEXT,
                        )


def _check_id(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{field} must be text, not {type(value).__name__}.", reason="not_text", field=field)
    if len(value) > MAX_ID_LENGTH or any(unicodedata.category(ch) in _NOT_IN_IDS for ch in value):
        raise InvalidInputError(
            f"{field} is not an id: at most {MAX_ID_LENGTH} characters, no control or format characters.",
            reason="bad_id", field=field, max=MAX_ID_LENGTH,
        )
    return value


def _read_part(data: dict, name: str, build: Callable[[dict], T], source: str, lang: str) -> list[T]:
    """The items of part ``name`` of an export, each built with ``build``.

    A part that is not a list, or an item that cannot be built, raises
    :class:`ImportFormatError` naming the part and the item's number (from 1);
    a value that does not validate, :class:`InvalidInputError` naming them too
    (:func:`_import_value`).
    """
    items = data.get(name)
    if items is None:  # a part the file does not have, or left empty as null
        return []
    if not isinstance(items, list):
        raise ImportFormatError(f"{name!r} in {source!r} is not a list.", path=source,
                                detail=t("import.bad_list", lang, part=name))
    built = []
    for number, item in enumerate(items, start=1):
        try:
            with _naming(name, number, source, lang):
                built.append(build(item))
        except SamskapingError:
            raise
        except _DAMAGED as exc:
            raise ImportFormatError(
                f"Item {number} of {name!r} in {source!r} cannot be read ({type(exc).__name__}: {exc}).",
                path=source, detail=t("import.bad_part", lang, part=name, number=number),
            ) from None
    return built


def _check_links(owned: dict[str, list], moves: list, rows: dict[str, list[dict]], source: str, lang: str,
                 *, stored: set[str] = frozenset()) -> None:
    """Refuse an export whose ids repeat, or whose parts point to a row the file does not hold.

    Such a file is damaged (or edited), and storing it would tie its votes,
    placements, merges or history to another workshop's ideas and
    stakeholders. Only links the store enforces are checked: an arrival may
    still name a stakeholder deleted since, as a stored workshop may.
    ``stored``: register rows read in with an earlier workshop of the same project.
    """
    for table, items in owned.items():
        ids = [item.id for item in items]
        if len(set(ids)) != len(ids):
            raise ImportFormatError(f"{source!r} has an id twice among its {table}.", path=source,
                                    detail=t("import.duplicate", lang, part=table))
    ids = {table: {item.id for item in items} for table, items in owned.items()}
    ids["stakeholders"] |= stored
    links = [("stakeholders", value) for item in owned["relations"] for value in (item.source_id, item.target_id)]
    links += [("stakeholders", move.stakeholder_id) for move in moves]
    targets = {"idea_id": "ideas", "into_id": "ideas", "concept_id": "concepts"}
    links += [(targets[key], item[key]) for items in rows.values() for item in items for key in targets if key in item]
    for table, value in links:
        if value not in ids[table]:
            raise ImportFormatError(f"{value!r} in {source!r} points to none of its {table}.", path=source,
                                    detail=t("import.inconsistent", lang))


def _taken(db: sqlite3.Connection, table: str, ids: list[str]) -> bool:
    """Whether any of ``ids`` is already the id of a row of ``table``."""
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        if db.execute(f"SELECT 1 FROM {table} WHERE id IN ({marks}) LIMIT 1", chunk).fetchone():
            return True
    return False


# Rows exported as they are (ids remapped on a second import); only concept feedback has free text,
# and export_workshop guards it.
_EXPORT_ROWS = {
    "placements": "SELECT idea_id, theme_id, manual FROM idea_themes WHERE workshop_id = ? ORDER BY idea_id",
    "merges": "SELECT m.idea_id, m.into_id FROM idea_merges m JOIN ideas i ON i.id = m.idea_id"
              " WHERE i.workshop_id = ? ORDER BY m.idea_id",
    "dots": "SELECT idea_id, session_id, participant_group, on_paper, created FROM dots"
            " WHERE workshop_id = ? ORDER BY n",
    "stances": "SELECT idea_id, session_id, participant_group, stance, on_paper, created FROM stances"
               " WHERE workshop_id = ? ORDER BY created, idea_id, session_id",
    "arrivals": 'SELECT session_id, "group", stakeholder_id, at, municipality FROM arrivals'
                " WHERE workshop_id = ? ORDER BY at, session_id",
    "concept_feedback": "SELECT concept_id, session_id, participant_group, stance, comment, created"
                        " FROM concept_feedback WHERE workshop_id = ? ORDER BY created, concept_id, session_id",
}
#: The parts of an export an import reads (``hidden_posts`` only says what an export left out).
_IMPORTED_PARTS = ("workshop", "ideas", "stakeholders", "relations", "stakeholder_moves", "journeys", "themes",
                   "concepts", "evaluations", *_EXPORT_ROWS, "voting", "stage")
_IMPORT_ROWS = {  # table, whether it has a workshop_id column; its columns are those of _ROW_FIELDS
    "placements": ("idea_themes", True),
    "merges": ("idea_merges", False),
    "dots": ("dots", True),
    "stances": ("stances", True),
    "arrivals": ("arrivals", True),
    "concept_feedback": ("concept_feedback", True),
}


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{field} must be text, not {type(value).__name__}.", reason="not_text", field=field)
    return value


def _flag(value: object, field: str) -> int:
    """A yes/no column: ``true``/``false`` or ``1``/``0`` (as the export writes SQLite's)."""
    if value in (0, 1) and isinstance(value, (bool, int)):
        return int(value)
    raise InvalidInputError(f"{field} {value!r} is not 0 or 1.", reason="bad_choice", field=field, value=value,
                            choices="0, 1")


def _time(value: object, field: str) -> str:
    """An ISO 8601 time, stored as Python writes it."""
    try:
        return datetime.fromisoformat(value).isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInputError(f"{field} {value!r} is not an ISO 8601 time.", reason="bad_time", field=field,
                                value=value) from None


def _key(kind: type) -> Callable[[object, str], str]:
    """A choice (a group, a stance), stored as its key, or ``bad_choice`` naming the choices."""
    return lambda value, field: str(kind.parse(value or "annet", field) if kind is Group else kind.parse(value, field))


def _comment(value: object, field: str) -> str:
    return clean_text(value, field=field, max_length=MAX_TEXT, required=False)  # type: ignore[arg-type]


_REQUIRED = object()
#: The rows of an export that have no model of their own: each column, its check, and its default
#: (:data:`_REQUIRED` if the file must have it). A row with another column is refused, as a model refuses one.
_ROW_FIELDS: dict[str, dict[str, tuple[Callable[[object, str], object], object]]] = {
    "placements": {"idea_id": (_text, _REQUIRED), "theme_id": (_text, _REQUIRED), "manual": (_flag, 0)},
    "merges": {"idea_id": (_text, _REQUIRED), "into_id": (_text, _REQUIRED)},
    "dots": {"idea_id": (_text, _REQUIRED), "session_id": (_text, _REQUIRED),
             "participant_group": (_key(Group), _REQUIRED), "on_paper": (_flag, 0), "created": (_time, _REQUIRED)},
    "stances": {"idea_id": (_text, _REQUIRED), "session_id": (_text, _REQUIRED),
                "participant_group": (_key(Group), _REQUIRED), "stance": (_key(Stance), _REQUIRED),
                "on_paper": (_flag, 0), "created": (_time, _REQUIRED)},
    "arrivals": {"session_id": (_text, _REQUIRED), "group": (_key(Group), _REQUIRED),
                 "stakeholder_id": (_text, ""), "at": (_time, _REQUIRED), "municipality": (_text, "")},
    "concept_feedback": {"concept_id": (_text, _REQUIRED), "session_id": (_text, _REQUIRED),
                         "participant_group": (_key(Group), _REQUIRED), "stance": (_key(FeedbackStance), _REQUIRED),
                         "comment": (_comment, ""), "created": (_time, _REQUIRED)},
}


def _row(name: str, item: object) -> dict[str, object]:
    """A row of part ``name`` checked column by column (:data:`_ROW_FIELDS`), its defaults filled in."""
    spec = _ROW_FIELDS[name]
    if not isinstance(item, dict):
        raise InvalidInputError(f"An item of {name!r} is not an object of fields.", reason="not_an_object",
                                field=name)
    unknown = sorted(str(key) for key in item.keys() - spec.keys())
    if unknown:
        raise InvalidInputError(f"{name} has no field(s) {', '.join(unknown)}.", reason="unknown_fields",
                                field=", ".join(unknown))
    missing = [column for column, (_, default) in spec.items() if default is _REQUIRED and column not in item]
    if missing:
        raise InvalidInputError(f"{name} lacks the field(s) {', '.join(missing)}.", reason="missing_fields",
                                field=", ".join(missing))
    return {column: check(item[column], column) if column in item else default
            for column, (check, default) in spec.items()}


def _feedback(row: dict[str, Any]) -> ConceptFeedback:
    """The answer a checked ``concept_feedback`` row holds, for the guard."""
    return ConceptFeedback(row["concept_id"], row["session_id"], row["stance"], row["comment"],
                           row["participant_group"], datetime.fromisoformat(row["created"]))


def _evaluation(workshop_id: str, item: dict) -> Evaluation:
    return Evaluation(workshop_id=workshop_id, session_id=item["session_id"], day=item["day"], voice=item["voice"],
                      change=item.get("change", ""), id=item["id"], created=datetime.fromisoformat(item["created"]))


def _journeys_from_export(items: list[dict], source: str, lang: str) -> tuple[list, list]:
    """Journeys and their steps from an export, where each journey carries its ``steps``."""
    if not items:
        return [], []
    journeys, steps = [], []
    for number, item in enumerate(items, start=1):
        data = dict(item)
        for step_number, step in enumerate(data.pop("steps", None) or [], start=1):
            with _naming(f"journeys.{number}.steps", step_number, source, lang):
                steps.append(Step.from_dict(step))
        with _naming("journeys", number, source, lang):
            journeys.append(Journey.from_dict(data))
    known = {journey.id for journey in journeys}
    for number, step in enumerate(steps, start=1):
        if step.journey_id not in known:
            with _naming("steps", number, source, lang):
                raise InvalidInputError(
                    f"Step {step.id!r} belongs to journey {step.journey_id!r}, which is not in the file.",
                    reason="not_found", field="journey_id", value=step.journey_id,
                )
    return journeys, steps
