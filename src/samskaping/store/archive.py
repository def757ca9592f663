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
"""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from samskaping.core.exceptions import ImportFormatError, InvalidInputError, SamskapingError
from samskaping.core.i18n import t
from samskaping.core.models import Workshop, dataclass_to_dict, new_id, new_join_code, now
from samskaping.core.privacy.guard import guard
from samskaping.ideas.model import Concept, Idea, Voting, WallTheme, withheld
from samskaping.journeys.model import Journey, Step
from samskaping.room.model import Evaluation, Stage
from samskaping.stakeholders.model import Move, Relation, Stakeholder
from samskaping.store.concepts import Concepts, feedback_from_row
from samskaping.store.db import Database
from samskaping.store.ideas import Ideas, insert_idea
from samskaping.store.journeys import Journeys
from samskaping.store.room import Room
from samskaping.store.rows import Tables, columns, guarded, upsert
from samskaping.store.stakeholders import Stakeholders, insert_move
from samskaping.store.themes import Themes, insert_theme
from samskaping.store.votes import Votes
from samskaping.store.workshops import Workshops, insert_workshop

__all__ = [
    "ARCHIVE_JSON", "EXPORT_FORMAT", "EXPORT_VERSION", "MAX_ARCHIVE_JSON", "Archive", "envelope", "hidden_posts",
    "parse_export", "read_export", "read_zip",
]

T = TypeVar("T")

#: What an export calls itself, and the newest version of the format this kit reads and writes.
EXPORT_FORMAT = "samskaping-workshop"
EXPORT_VERSION = 1
#: The workshop's data inside an archive: the same file ``samskaping export --format json`` writes.
ARCHIVE_JSON = "workshop.json"
#: A workshop.json larger than this, in an archive or alone, is refused unread (a real one is a few MB).
MAX_ARCHIVE_JSON = 256 * 1024 * 1024


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


def parse_export(raw: bytes, name: str, *, member: str = "") -> dict[str, Any]:
    """The workshop data in the bytes of a ``samskaping export --format json`` file, envelope keys included.

    The one check of an export's text, for a JSON file and for the
    ``workshop.json`` of an archive: UTF-8 (a BOM is fine), JSON, an object
    with ``"format": "samskaping-workshop"`` and a ``workshop``, and a whole
    version number this kit reads. Anything else raises
    :class:`~samskaping.core.exceptions.ImportFormatError` naming ``name`` and,
    in Norwegian, what is wrong. O(len(raw)).

    >>> parse_export(b'{"format": "samskaping-workshop", "version": 1, "workshop": {}}', "w.json")["version"]
    1
    >>> try:
    ...     parse_export(b"[1, 2", "w.json")
    ... except ImportFormatError as exc:
    ...     print(exc)
    'w.json' is not JSON: Expecting ',' delimiter: line 1 column 6 (char 5).
    """

    where = f"{member} in {name!r}" if member else repr(name)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFormatError(f"{where} is not UTF-8 text.", path=name, detail=t("import.not_utf8")) from None
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{where} is not JSON: {exc}.", path=name,
                                detail=t("import.not_json", line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise ImportFormatError(f"{where} is nested too deep to be JSON we read.", path=name,
                                detail=t("import.too_deep")) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT or "workshop" not in data:
        raise ImportFormatError(
            f"{where} is not a samskaping workshop export (no \"format\": \"{EXPORT_FORMAT}\").",
            path=name, detail=t("import.not_an_export", format=EXPORT_FORMAT),
        )
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version > EXPORT_VERSION:
        raise ImportFormatError(
            f"{where} has export version {version!r}; this samskaping reads {EXPORT_VERSION}.",
            path=name, detail=t("import.bad_version", version=version, supported=EXPORT_VERSION),
        )
    return data


def read_export(path: Path) -> dict[str, Any]:
    """Read and check a workshop export, a ``.json`` file or a ``.zip`` archive, naming what is wrong with it.

    An archive is read by :func:`read_zip`; any other file as the JSON that
    ``samskaping export --format json`` writes.

    A file larger than :data:`samskaping.store.archive.MAX_ARCHIVE_JSON` is refused
    unread; the text is checked by :func:`samskaping.store.archive.parse_export`.
    """
    if path.suffix.lower() == ".zip" and path.is_file():
        return read_zip(path)
    if not path.is_file():
        raise ImportFormatError(f"No file at {str(path)!r}.", path=str(path), detail=t("cli.file.missing", path=path))
    if path.stat().st_size > MAX_ARCHIVE_JSON:
        raise ImportFormatError(
            f"{str(path)!r} is over {MAX_ARCHIVE_JSON} bytes.", path=str(path),
            detail=t("import.too_large", max=MAX_ARCHIVE_JSON // 2**20),
        )
    try:
        raw = path.read_bytes()
    except OSError:
        raise ImportFormatError(f"Cannot read {str(path)!r}.", path=str(path), detail=t("import.unreadable")) from None
    return parse_export(raw, str(path))


def read_zip(path: str | os.PathLike) -> dict[str, Any]:
    """The workshop data in an archive from :func:`write_zip`, checked like ``samskaping import`` checks JSON.

    Returns what :func:`samskaping.cli.read_export` returns for a JSON export
    (envelope keys included), ready for ``Store.import_workshop``. Anything
    else (no file, not a ZIP archive, no ``workshop.json``, one larger than
    :data:`MAX_ARCHIVE_JSON` unpacked, not JSON, another format or a newer
    version) raises :class:`~samskaping.core.exceptions.ImportFormatError` naming
    the file and what is wrong. Only ``workshop.json`` is read; nothing in the
    archive is unpacked to disk, so member names like ``../../x`` do no harm.
    """
    name = str(path)
    if not Path(path).is_file():
        raise ImportFormatError(f"No file at {name!r}.", path=name, detail=t("cli.file.missing", path=name))
    if not zipfile.is_zipfile(path):
        raise ImportFormatError(f"{name!r} is not a ZIP archive.", path=name, detail=t("report.zip.not_zip"))
    too_large = ImportFormatError(f"{ARCHIVE_JSON} in {name!r} is over {MAX_ARCHIVE_JSON} bytes.", path=name,
                                  detail=t("report.zip.too_large"))
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo(ARCHIVE_JSON)
            except KeyError:
                raise ImportFormatError(f"{name!r} has no {ARCHIVE_JSON}.", path=name,
                                        detail=t("report.zip.no_json")) from None
            if info.file_size > MAX_ARCHIVE_JSON:  # refused unread: a zip bomb never unpacks
                raise too_large
            with archive.open(info) as member:
                raw = member.read(MAX_ARCHIVE_JSON + 1)  # the size in the directory may lie
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
            zlib.error) as exc:  # damaged, encrypted or compressed in a way Python cannot read
        raise ImportFormatError(f"{name!r} is a damaged ZIP archive: {exc}.", path=name,
                                detail=t("report.zip.damaged")) from None
    if len(raw) > MAX_ARCHIVE_JSON:
        raise too_large
    return parse_export(raw, name, member=ARCHIVE_JSON)


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

    def import_workshop(self, data: dict[str, Any], *, source: str = "workshop.json") -> Workshop:
        """Store a workshop exported by :meth:`export_workshop`, in one transaction.

        If its id, or the id of anything in it, is taken (the same file
        imported twice), the copy gets new ids and a new join code, so nothing
        already stored is overwritten.
        ``data`` comes from a file (``source`` names it in messages), so it is
        all or nothing: a value that does not validate raises
        :class:`InvalidInputError`, a part that cannot be read or parts that do
        not fit together :class:`ImportFormatError` naming the part, and in
        every case nothing is stored.
        """
        try:
            return self._import_workshop(data, source)
        except SamskapingError:
            raise
        except _DAMAGED as exc:
            raise ImportFormatError(
                f"The parts of {source!r} do not fit together ({type(exc).__name__}: {exc}).", path=source,
                detail=t("import.inconsistent"),
            ) from None

    def _import_workshop(self, data: dict[str, Any], source: str) -> Workshop:
        def part(name: str, build: Callable[[dict], T]) -> list[T]:
            return _read_part(data, name, build, source)

        workshop = Workshop.from_dict(data["workshop"])
        ideas = part("ideas", Idea.from_dict)
        stakeholders = part("stakeholders", Stakeholder.from_dict)
        relations = part("relations", Relation.from_dict)
        moves = part("stakeholder_moves", Move.from_dict)
        journeys, steps = _journeys_from_export(part("journeys", dict))
        themes = part("themes", lambda item: WallTheme(workshop.id, **item))
        concepts = part("concepts", Concept.from_dict)
        evaluations = part("evaluations", lambda item: _evaluation(workshop.id, item))
        rows = {name: part(name, dict) for name in _EXPORT_ROWS}
        for item in (*ideas, *stakeholders, *relations, *journeys, *concepts):
            if item.workshop_id != workshop.id:
                raise InvalidInputError(
                    f"{type(item).__name__} {item.id!r} belongs to workshop {item.workshop_id!r}, not {workshop.id!r}.",
                    reason="bad_choice", field="workshop_id", value=item.workshop_id, choices=workshop.id,
                )
        voting = data.get("voting")
        if voting:
            voting = Voting(workshop.id, voting["dots"], voting["state"])
        stage = data.get("stage")
        if stage:
            stage = (Stage.parse(stage["stage"], "stage"), stage["step"])
            if isinstance(stage[1], bool) or not isinstance(stage[1], int) or stage[1] < 0:
                raise ImportFormatError(f"The stage step {stage[1]!r} in {source!r} is not a step.", path=source,
                                        detail=t("import.bad_part", part="stage", number=1))
        owned = {"workshops": [workshop], "ideas": ideas, "stakeholders": stakeholders, "relations": relations,
                 "journeys": journeys, "journey_steps": steps, "concepts": concepts, "evaluations": evaluations}
        _check_links(owned, moves, rows, source)
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
                replace(
                    x, id=new[x.id], workshop_id=workshop.id, source_id=new[x.source_id], target_id=new[x.target_id]
                )
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

        def insert(db: sqlite3.Connection) -> None:
            insert_workshop(db, workshop)
            for idea in ideas:
                guarded(db, workshop.id, idea)
                insert_idea(db, idea)
            for table, items in (("stakeholders", stakeholders), ("relations", relations), ("journeys", journeys),
                                 ("journey_steps", steps), ("concepts", concepts), ("evaluations", evaluations)):
                for item in items:
                    guarded(db, workshop.id, item)
                    upsert(db, table, columns(item))
            for move in moves:
                guarded(db, workshop.id, move)
                insert_move(db, move)
            for theme in themes:
                guarded(db, workshop.id, theme)
                insert_theme(db, theme)
            for name, items in rows.items():
                table, names, scoped = _IMPORT_ROWS[name]
                for item in items:
                    values = {**({"workshop_id": workshop.id} if scoped else {}),
                              **{c: item[c] for c in names if c in item}}
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
        return workshop


#: What reading a damaged export can raise besides the kit's own errors: a missing key, a wrong
#: type, a number too large for SQLite, a row that breaks a constraint or cannot be bound.
_DAMAGED = (KeyError, TypeError, ValueError, AttributeError, OverflowError,
            sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.DataError)


def _read_part(data: dict, name: str, build: Callable[[dict], T], source: str) -> list[T]:
    """The items of part ``name`` of an export, each built with ``build``.

    A part that is not a list, or an item that cannot be built, raises
    :class:`ImportFormatError` naming the part and the item's number (from 1);
    the kit's own errors (a text that does not validate) pass unchanged.
    """
    items = data.get(name)
    if items is None:  # a part the file does not have, or left empty as null
        return []
    if not isinstance(items, list):
        raise ImportFormatError(f"{name!r} in {source!r} is not a list.", path=source,
                                detail=t("import.bad_list", part=name))
    built = []
    for number, item in enumerate(items, start=1):
        try:
            built.append(build(item))
        except SamskapingError:
            raise
        except _DAMAGED as exc:
            raise ImportFormatError(
                f"Item {number} of {name!r} in {source!r} cannot be read ({type(exc).__name__}: {exc}).",
                path=source, detail=t("import.bad_part", part=name, number=number),
            ) from None
    return built


def _check_links(owned: dict[str, list], moves: list, rows: dict[str, list[dict]], source: str) -> None:
    """Refuse an export whose ids repeat, or whose parts point to a row the file does not hold.

    Such a file is damaged (or edited), and storing it would tie its votes,
    placements, merges or history to another workshop's ideas and
    stakeholders. Only links the store enforces are checked: an arrival may
    still name a stakeholder deleted since, as a stored workshop may.
    """
    for table, items in owned.items():
        ids = [item.id for item in items]
        if len(set(ids)) != len(ids):
            raise ImportFormatError(f"{source!r} has an id twice among its {table}.", path=source,
                                    detail=t("import.duplicate", part=table))
    ids = {table: {item.id for item in items} for table, items in owned.items()}
    links = [("stakeholders", value) for item in owned["relations"] for value in (item.source_id, item.target_id)]
    links += [("stakeholders", move.stakeholder_id) for move in moves]
    targets = {"idea_id": "ideas", "into_id": "ideas", "concept_id": "concepts"}
    links += [(targets[key], item[key]) for items in rows.values() for item in items for key in targets if key in item]
    for table, value in links:
        if value not in ids[table]:
            raise ImportFormatError(f"{value!r} in {source!r} points to none of its {table}.", path=source,
                                    detail=t("import.inconsistent"))


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
    "arrivals": 'SELECT session_id, "group", stakeholder_id, at FROM arrivals'
                " WHERE workshop_id = ? ORDER BY at, session_id",
    "concept_feedback": "SELECT concept_id, session_id, participant_group, stance, comment, created"
                        " FROM concept_feedback WHERE workshop_id = ? ORDER BY created, concept_id, session_id",
}
_IMPORT_ROWS = {  # table, its columns in the export, whether it has a workshop_id column
    "placements": ("idea_themes", ("idea_id", "theme_id", "manual"), True),
    "merges": ("idea_merges", ("idea_id", "into_id"), False),
    "dots": ("dots", ("idea_id", "session_id", "participant_group", "on_paper", "created"), True),
    "stances": ("stances", ("idea_id", "session_id", "participant_group", "stance", "on_paper", "created"), True),
    "arrivals": ("arrivals", ("session_id", "group", "stakeholder_id", "at"), True),
    "concept_feedback": ("concept_feedback",
                         ("concept_id", "session_id", "participant_group", "stance", "comment", "created"), True),
}


def _evaluation(workshop_id: str, item: dict) -> Evaluation:
    return Evaluation(workshop_id=workshop_id, session_id=item["session_id"], day=item["day"], voice=item["voice"],
                      change=item.get("change", ""), id=item["id"], created=datetime.fromisoformat(item["created"]))


def _journeys_from_export(items: list[dict]) -> tuple[list, list]:
    """Journeys and their steps from an export, where each journey carries its ``steps``."""
    if not items:
        return [], []
    journeys, steps = [], []
    for item in items:
        data = dict(item)
        steps += [Step.from_dict(step) for step in data.pop("steps", [])]
        journeys.append(Journey.from_dict(data))
    known = {journey.id for journey in journeys}
    for step in steps:
        if step.journey_id not in known:
            raise InvalidInputError(
                f"Step {step.id!r} belongs to journey {step.journey_id!r}, which is not in the file.",
                reason="not_found", field="journey_id", value=step.journey_id,
            )
    return journeys, steps
