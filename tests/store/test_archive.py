"""Whole workshops out to the export format and back in."""

import json
from pathlib import Path

from samskaping import cli
from samskaping.core.keys import key_of
from samskaping.core.models import DEFAULT_GROUPS, now
from samskaping.ideas.model import Concept, ConceptFeedback
from samskaping.store import open_store
from samskaping.store.archive import hidden_posts


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
