"""Dot voting and agree/disagree, enforced by the store across processes; consensus by group."""

from __future__ import annotations

import multiprocessing

import pytest

from samskaping.core.exceptions import InvalidInputError
from samskaping.ideas.model import Concept, Voting
from samskaping.ideas.voting import consensus, results, tally
from samskaping.store import Store


@pytest.fixture
def ideas(add_ideas):
    return add_ideas("Leksehjelp", "Fast kontaktperson", "Gratis frokost", "Foreldrekurs")


@pytest.fixture
def open_voting(store, workshop, ideas):
    store.votes.set_voting(Voting(workshop.id, dots=3, state="apen"))
    return ideas


def test_voting_must_be_open(store, workshop, ideas):
    with pytest.raises(InvalidInputError) as info:
        store.votes.add_dot(ideas[0].id, "s1")
    assert info.value.reason == "voting_closed"


def test_one_browser_cannot_exceed_its_dots(store, workshop, open_voting):
    ideas = open_voting
    assert store.votes.add_dot(ideas[0].id, "s1", "ungdom") == 2
    assert store.votes.add_dot(ideas[0].id, "s1", "ungdom") == 1
    assert store.votes.add_dot(ideas[1].id, "s1", "ungdom") == 0
    with pytest.raises(InvalidInputError) as info:
        store.votes.add_dot(ideas[2].id, "s1", "ungdom")
    assert info.value.reason == "no_dots_left"
    store.votes.remove_dot(ideas[0].id, "s1")
    assert store.votes.add_dot(ideas[2].id, "s1", "ungdom") == 0
    assert store.votes.my_dots(workshop.id, "s1") == {ideas[0].id: 1, ideas[1].id: 1, ideas[2].id: 1}


def _grab_dots(path: str, idea_ids: list[str], session: str) -> int:
    store = Store(path)
    won = 0
    try:
        for _ in range(10):
            for idea_id in idea_ids:
                try:
                    store.votes.add_dot(idea_id, session, "ansatt")
                    won += 1
                except InvalidInputError:
                    pass
    finally:
        store.close()
    return won


def test_two_browsers_racing_from_two_processes_get_exactly_their_dots(store, workshop, open_voting):
    ids = [idea.id for idea in open_voting]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        # Two tabs of one browser (same session) in each of two processes, plus a second browser.
        won = pool.starmap(_grab_dots, [(str(store.path), ids, "same"), (str(store.path), ids, "same"),
                                        (str(store.path), ids, "other"), (str(store.path), ids, "other")])
    assert sum(won) == 6
    assert sum(store.votes.my_dots(workshop.id, "same").values()) == 3
    assert sum(store.votes.my_dots(workshop.id, "other").values()) == 3


def test_results_are_hidden_until_voting_closes(store, workshop, open_voting):
    store.votes.add_dot(open_voting[0].id, "s1", "ungdom")
    store.votes.set_stance(open_voting[0].id, "s1", "enig", "ungdom")
    assert results(store, workshop.id) is None
    assert store.votes.count(workshop.id) == (1, 1)
    store.votes.set_voting(Voting(workshop.id, dots=3, state="lukket"))
    result = results(store, workshop.id)
    assert result[open_voting[0].id].dots == 1
    with pytest.raises(InvalidInputError):
        store.votes.add_dot(open_voting[1].id, "s2")


def test_answering_again_replaces_the_answer(store, workshop, open_voting):
    idea = open_voting[0]
    store.votes.set_stance(idea.id, "s1", "enig", "bruker")
    store.votes.set_stance(idea.id, "s1", "uenig", "bruker")
    with pytest.raises(InvalidInputError):
        store.votes.set_stance(idea.id, "s1", "kanskje", "bruker")
    result = results(store, workshop.id, reveal=True)
    assert dict(result[idea.id].stances) == {"uenig": 1}


def test_merged_ideas_keep_their_votes_and_leave_the_wall(store, workshop, open_voting):
    a, b = open_voting[0], open_voting[1]
    store.votes.add_dot(a.id, "s1", "ungdom")
    store.votes.add_dot(b.id, "s2", "leder")
    store.ideas.merge(b.id, a.id)
    result = results(store, workshop.id, reveal=True)
    assert result[a.id].dots == 2 and dict(result[a.id].dots_by_group) == {"ungdom": 1, "leder": 1}
    assert b.id not in result
    assert [i.hidden for i in store.ideas.list(workshop.id) if i.id == b.id] == [True]
    assert store.ideas.merges(workshop.id) == {b.id: a.id}


def test_consensus_finds_uniting_and_splitting_ideas():
    stances = [("i1", g, "enig") for g in ("ansatt", "bruker", "ungdom")]
    stances += [("i2", "ansatt", "enig"), ("i2", "ansatt", "enig"),
                ("i2", "ungdom", "uenig"), ("i2", "bruker", "uenig")]
    stances += [("i3", "ansatt", "enig"), ("i3", "ansatt", "pass")]
    verdicts = {v.idea_id: v.kind for v in consensus(tally([], stances))}
    assert verdicts == {"i1": "samlende", "i2": "splittende", "i3": "uavklart"}


def test_voting_settings_are_checked():
    with pytest.raises(InvalidInputError):
        Voting("w", dots=0)
    with pytest.raises(InvalidInputError):
        Voting("w", state="ferdig")


def test_concepts_are_stored_with_their_themes_and_stakeholders(store, workshop):
    concept = store.concepts.save(Concept(workshop.id, "Fast team rundt skolen", description="PPT og helsesykepleier",
                                         theme_ids=("t1", "t2"), stakeholder_ids=("s9",), next_step="Prøve ut i høst"))
    assert store.concepts.list(workshop.id) == [concept]
    store.concepts.delete(concept.id)
    assert store.concepts.list(workshop.id) == []


def test_a_voted_and_themed_workshop_round_trips_and_copies(make_store, tmp_path, store, workshop, open_voting):
    from samskaping.ideas.model import WallTheme
    from samskaping.room.model import Arrival, Evaluation
    from samskaping.store import STORE_FILENAME

    a, b = open_voting[0], open_voting[1]
    w = workshop.id
    store.themes.save_theming(w, [WallTheme(w, "t1", "Skole", benefit=4, effort=2)], {a.id: "t1", b.id: "t1"})
    store.votes.add_dot(a.id, "s1", "ungdom")
    store.votes.set_stance(b.id, "s1", "enig", "ungdom")
    store.ideas.merge(open_voting[2].id, a.id)
    store.room.register_arrival(Arrival(w, "s1", "ungdom"))
    store.room.save_evaluation(Evaluation(w, "s1", 5, 4, "Bra dag"))
    store.concepts.save(Concept(w, "Leksehjelp for alle", theme_ids=("t1",)))
    store.room.set_stage(w, "stemming", 3)
    data = store.archive.export_workshop(w)
    target = make_store(tmp_path / "t" / STORE_FILENAME)
    target.archive.import_workshop(data)
    again = target.archive.export_workshop(w)
    assert again == data
    copy = store.archive.import_workshop(data)
    copied = store.archive.export_workshop(copy.id)
    assert len(copied["dots"]) == 1 and copied["dots"][0]["idea_id"] != a.id
    assert {i["id"] for i in copied["ideas"]} >= {copied["dots"][0]["idea_id"], copied["merges"][0]["into_id"]}
    assert copied["themes"] == data["themes"] and copied["voting"] == data["voting"]
    assert [c["name"] for c in copied["concepts"]] == ["Leksehjelp for alle"]
