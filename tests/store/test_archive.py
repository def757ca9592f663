"""Whole workshops out to the export format and back in."""

import json
import random
import zipfile
from pathlib import Path

import pytest

import samskaping.store.archive as archive_module
from helpers import stored_bytes
from samskaping import cli
from samskaping.core.exceptions import ImportFormatError, InvalidInputError, SamskapingError
from samskaping.core.i18n import error_text
from samskaping.core.keys import key_of
from samskaping.core.models import DEFAULT_GROUPS, now
from samskaping.core.privacy.detect import generate_fodselsnummer
from samskaping.ideas.model import Concept, ConceptFeedback, Idea, Voting
from samskaping.room.model import Arrival
from samskaping.store import STORE_FILENAME, open_store
from samskaping.store.archive import (
    MAX_ARCHIVE_ENTRIES,
    asks_masking_off,
    envelope,
    hidden_posts,
    read_export,
    read_zip,
)


def test_concept_comments_stay_with_their_own_answer_when_answers_share_a_time(store, workshop):
    """Answers with the same ``created`` (an import does that) keep their own comments on export.

    The export once paired the answer rows with their comments by position, from two
    queries in different orders: the second concept's comment went to the first.
    """
    late = store.concepts.save(Concept(workshop.id, "Leksehjelp på biblioteket", id="b-concept"))
    early = store.concepts.save(Concept(workshop.id, "Foreldrekurs", id="a-concept"))
    at = now()
    store.concepts.save_feedback(ConceptFeedback(late.id, "s1", "bra", "Passer for de minste", created=at))
    store.concepts.save_feedback(ConceptFeedback(early.id, "s2", "ikke_bra", "For dyrt", created=at))

    rows = store.archive.export_workshop(workshop.id)["concept_feedback"]

    assert {row["concept_id"]: row["comment"] for row in rows} == {
        "b-concept": "Passer for de minste",
        "a-concept": "For dyrt",
    }


# --- Exports written by samskaping 0.1 (before the packages) import unchanged ------------------------

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exports"


def _import(path: Path, data_dir: Path, capsys) -> str:
    assert cli.main(["import", str(path), "--data-dir", str(data_dir)]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_a_json_export_of_version_0_1_imports_and_exports_again_the_same(tmp_path, capsys):
    """Every part of the old file comes back out as it went in, hidden posts too when asked for them.

    Only touchpoint keys are folded (møte -> mote); what is new comes on top: the
    groups the workshop offers (the kit's default for a file without them) and
    what the export says about hidden posts.
    """
    path = FIXTURES / "verksted-v0.1.json"
    written = json.loads(path.read_text(encoding="utf-8"))
    workshop_id = _import(path, tmp_path, capsys)

    with open_store(tmp_path) as store:
        again = store.archive.export_workshop(workshop_id, include_hidden=True)
        assert store.ideas.count(workshop_id) == len(written["ideas"]) == 60
        assert len(store.concepts.feedback(workshop_id)) == 2
        assert store.ideas.merges(workshop_id)

    expected = {key: value for key, value in written.items() if key not in ("format", "version")}
    for journey in expected["journeys"]:
        for step in journey["steps"]:
            step["touchpoint"] = key_of(step["touchpoint"])
    expected["workshop"]["groups"] = list(DEFAULT_GROUPS)
    assert again.pop("hidden_posts") == hidden_posts(1, True, "nb")
    assert again == expected


def test_a_json_export_of_version_0_1_leaves_its_hidden_post_out_by_default(tmp_path, capsys):
    """The file for the archive: the post the facilitator hid is gone, with its votes and placement; a merged
    duplicate of a visible idea stays (its point is made by the idea it went into)."""
    path = FIXTURES / "verksted-v0.1.json"
    written = json.loads(path.read_text(encoding="utf-8"))
    workshop_id = _import(path, tmp_path, capsys)
    [merged] = written["merges"]
    [hidden] = [idea["id"] for idea in written["ideas"] if idea["hidden"] and idea["id"] != merged["idea_id"]]

    with open_store(tmp_path) as store:
        data = store.archive.export_workshop(workshop_id)

    assert data["hidden_posts"] == {"included": False, "count": 1, "note": hidden_posts(1, False, "nb")["note"]}
    assert hidden not in {idea["id"] for idea in data["ideas"]} and len(data["ideas"]) == 59
    assert merged["idea_id"] in {idea["id"] for idea in data["ideas"]} and data["merges"] == [merged]
    for part in ("placements", "dots", "stances"):
        assert hidden not in {row["idea_id"] for row in data[part]}, part
    assert hidden not in json.dumps(data)


def test_a_zip_export_of_version_0_1_imports_with_its_feedback_and_masked_text(tmp_path, capsys):
    workshop_id = _import(FIXTURES / "liten-v0.1.zip", tmp_path, capsys)

    with open_store(tmp_path) as store:
        workshop = store.workshops.get(workshop_id)
        assert (workshop.title, workshop.join_code) == ("Liten idédugnad om leksehjelp", "LEKS22")
        assert [idea.text for idea in store.ideas.list(workshop_id)] == [
            "Leksehjelp på biblioteket to dager i uka", "Frivillige studenter som leksehjelpere",
            "Ring mamma på [telefon] om leksene",
        ]
        [concept] = store.concepts.list(workshop_id)
        [answer] = store.concepts.feedback(workshop_id)
        assert (answer.concept_id, answer.stance, answer.comment) == (concept.id, "bra", "Godt for de minste")
        assert [s.name for s in store.stakeholders.list(workshop_id)] == ["Biblioteket"]


# --- An import goes through the validation and the guard of every other write ---------------------


def _feedback_export(store, workshop, comment: str = "Passer for de minste") -> dict:
    """An export of ``workshop`` with one idea, a concept, an answer to it, a dot, a stance and an arrival."""
    idea = store.ideas.add(Idea(workshop.id, "Leksehjelp på biblioteket", session_id="s1"))
    concept = store.concepts.save(Concept(workshop.id, "Leksehjelp"))
    store.concepts.save_feedback(ConceptFeedback(concept.id, "s1", "bra", comment))
    store.votes.set_voting(Voting(workshop.id, 3, "apen"))
    store.votes.add_dot(idea.id, "s1", "ansatt")
    store.votes.set_stance(idea.id, "s1", "enig", "ansatt")
    store.room.register_arrival(Arrival(workshop.id, "s1", "ansatt"))
    return json.loads(json.dumps(store.archive.export_workshop(workshop.id), ensure_ascii=False))


def test_import_masks_concept_feedback_comments_as_the_page_does(store, workshop, make_store, tmp_path):
    """Comments came from the file as they were: names, phone numbers, fødselsnummer and e-mail shown to staff."""
    fnr = generate_fodselsnummer(random.Random(3))
    data = _feedback_export(store, workshop)
    secrets = ["Kari Nordmann", "912 34 567", fnr, "kari.nordmann@example.org"]
    data["concept_feedback"][0]["comment"] = "Ring {} på {} ({}) eller {}".format(*secrets)

    target = make_store(tmp_path / "b" / STORE_FILENAME)
    target.archive.import_workshop(data)

    [answer] = target.concepts.feedback(workshop.id)
    assert answer.comment == "Ring [navn] på [telefon] ([fødselsnummer]) eller [e-post]"
    assert target.privacy.masked_counts(workshop.id) == {"epost": 1, "fodselsnummer": 1, "navn": 1, "telefon": 1}
    raw = stored_bytes(target)
    assert not any(secret.encode() in raw for secret in secrets)


def test_a_file_never_turns_masking_off_and_the_log_says_so(store, workshop, make_store, tmp_path):
    data = _feedback_export(store, workshop)
    data["workshop"]["masking"] = False
    data["ideas"].append(Idea(workshop.id, "Ring Kari Nordmann på 912 34 567").to_dict())
    assert asks_masking_off(data)

    target = make_store(tmp_path / "b" / STORE_FILENAME)
    imported = target.archive.import_workshop(data)

    assert target.workshops.get(imported.id).masking is True
    assert "Ring [navn] på [telefon]" in [idea.text for idea in target.ideas.list(imported.id)]
    assert [entry[:2] for entry in target.privacy.log(imported.id)] == [("masking_on", "import")]


@pytest.mark.parametrize("part, edit, field, problem", [
    ("stances", lambda row: row.update(stance="kanskje"), "stance", "er ikke et gyldig valg"),
    ("dots", lambda row: row.update(participant_group="katter"), "participant_group", "er ikke et gyldig valg"),
    ("concept_feedback", lambda row: row.update(stance="<script>"), "stance", "er ikke et gyldig valg"),
    ("arrivals", lambda row: row.update(group=["ansatt"]), "group", "er ikke et gyldig valg"),
    ("concept_feedback", lambda row: row.update(comment="x" * 3000), "comment", "Kort den ned til 2000"),
    ("concept_feedback", lambda row: row.update(comment="x" * 100_000), "comment", "Kort den ned til 20000"),
    ("concept_feedback", lambda row: row.update(session_id="s1\x00\x1b[31m"), "session_id", "kontrolltegn"),
    ("stances", lambda row: row.update(session_id="s" * 65), "session_id", "høyst 64 tegn"),
    ("dots", lambda row: row.update(created="i går"), "created", "kan ikke leses"),
    ("placements", lambda row: row.update(manual="ja"), "manual", "er ikke et gyldig valg"),
    ("stances", lambda row: row.update(ekstra=1), "ekstra", "felt vi ikke kjenner"),
    ("ideas", lambda row: row.update(id="a\u202eb"), "id", "kontrolltegn"),
])
def test_an_invalid_value_is_refused_naming_part_entry_and_field_and_nothing_is_stored(
        store, workshop, make_store, tmp_path, part, edit, field, problem):
    data = _feedback_export(store, workshop)
    if part == "placements":
        data["placements"] = [{"idea_id": data["ideas"][0]["id"], "theme_id": "t1", "manual": 0}]
    edit(data[part][0])
    target = make_store(tmp_path / "b" / STORE_FILENAME)

    with pytest.raises(InvalidInputError) as caught:
        target.archive.import_workshop(data, source="verksted.json")

    text = error_text(caught.value)
    assert f"«{field}»" in text and f"«{part}» (oppføring nr. 1)" in text and problem in text, text
    assert "verksted.json" in text and "Ingenting er importert" in text
    assert "\x00" not in text and "\x1b" not in text and "\u202e" not in text and len(text) < 400
    assert target.workshops.list() == []
    english = error_text(_import_error(target, data, "en"), "en")
    assert f"“{field}”" in english and "entry no. 1" in english and "Nothing was imported" in english


def _import_error(store, data, lang):
    try:
        store.archive.import_workshop(data, source="verksted.json", lang=lang)
    except SamskapingError as exc:
        return exc
    raise AssertionError("imported")


def test_control_characters_in_imported_text_are_dropped_as_on_every_write(store, workshop, make_store, tmp_path):
    data = _feedback_export(store, workshop)
    data["ideas"][0]["text"] = "Lekse\x00hjelp \x1b[31mnå\x1b[0m\u202e"
    data["concept_feedback"][0]["comment"] = "Bra\x07 for\x00 de minste"
    target = make_store(tmp_path / "b" / STORE_FILENAME)
    target.archive.import_workshop(data)
    assert [idea.text for idea in target.ideas.list(workshop.id)] == ["Leksehjelp [31mnå[0m"]
    assert [answer.comment for answer in target.concepts.feedback(workshop.id)] == ["Bra for de minste"]


# --- Archives and files are bounded before they are unpacked or parsed ------------------------------


def _envelope(data: dict) -> bytes:
    return envelope(data).encode("utf-8")


def test_an_archive_with_too_many_entries_is_refused_before_its_directory_is_read(store, workshop, tmp_path):
    path = tmp_path / "mange.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("workshop.json", _envelope(store.archive.export_workshop(workshop.id)))
        for n in range(MAX_ARCHIVE_ENTRIES):
            archive.writestr(f"f/{n}", b"")
    with pytest.raises(ImportFormatError) as caught:
        read_zip(path)
    assert "over 1 000 filer" in error_text(caught.value)
    assert "over 1,000 files" in error_text(_read_error(path, "en"), "en")


def _read_error(path, lang):
    try:
        read_export(path, lang=lang)
    except SamskapingError as exc:
        return exc
    raise AssertionError("read")


def test_json_with_more_values_than_an_export_has_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_JSON_VALUES", 1000)
    path = tmp_path / "mange.json"
    path.write_bytes(b'{"format": "samskaping-workshop", "version": 1, "workshop": {}, "ideas": [' + b"{}," * 1000
                     + b"{}]}")
    with pytest.raises(ImportFormatError) as caught:
        archive_module.read_export(path)
    assert "over 1 000 verdier" in error_text(caught.value)


def test_a_number_of_thousands_of_digits_is_refused_in_norwegian(tmp_path):
    path = tmp_path / "tall.json"
    path.write_text('{"format": "samskaping-workshop", "version": 1, "workshop": {"title": ' + "9" * 5000 + "}}")
    with pytest.raises(ImportFormatError) as caught:
        read_export(path)
    assert "et tall med flere sifre" in error_text(caught.value)


def test_an_archive_member_packed_other_than_deflate_is_refused(store, workshop, tmp_path):
    path = tmp_path / "lzma.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_LZMA) as archive:
        archive.writestr("workshop.json", _envelope(store.archive.export_workshop(workshop.id)))
    with pytest.raises(ImportFormatError, match="damaged"):
        read_zip(path)
