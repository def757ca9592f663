"""Service journeys and their ordered steps in the shared store."""

from __future__ import annotations

import multiprocessing

import pytest

from samskaping.core.exceptions import InvalidInputError
from samskaping.journeys.model import Journey, Step
from samskaping.store import STORE_FILENAME, Store


@pytest.fixture
def journey(store, workshop):
    return store.journeys.save(Journey(workshop.id, "Dagens reise", case="Et barn slutter å gå på skolen.",
                                      variant="dagens"))


def _step(journey, what, position=99, service="skole", **kwargs):
    return Step(journey.id, position, journey.phases[0], service, "møte", what, **kwargs)


def _order(store, journey):
    return [(s.position, s.what) for s in store.journeys.steps(journey.id)]


def test_steps_keep_a_dense_order_through_add_move_delete(store, journey):
    for what in ("a", "b", "c", "d"):
        store.journeys.add_step(_step(journey, what))
    store.journeys.add_step(_step(journey, "first", position=0))
    assert _order(store, journey) == [(0, "first"), (1, "a"), (2, "b"), (3, "c"), (4, "d")]
    [first, a, b, c, d] = store.journeys.steps(journey.id)
    store.journeys.move_step(d.id, 1)
    assert [w for _, w in _order(store, journey)] == ["first", "d", "a", "b", "c"]
    store.journeys.move_step(first.id, 10)
    assert [w for _, w in _order(store, journey)] == ["d", "a", "b", "c", "first"]
    store.journeys.delete_step(a.id)
    assert _order(store, journey) == [(0, "d"), (1, "b"), (2, "c"), (3, "first")]


def test_update_changes_content_not_place(store, journey):
    for what in ("a", "b"):
        store.journeys.add_step(_step(journey, what))
    step = store.journeys.steps(journey.id)[1]
    step.what, step.position, step.wait_days = "b endret", 0, 14
    store.journeys.update_step(step)
    assert _order(store, journey) == [(0, "a"), (1, "b endret")]
    assert store.journeys.steps(journey.id)[1].wait_days == 14


def _edit_journey(path: str, journey_id: str, writer: int, rounds: int) -> None:
    store = Store(path)
    try:
        journey = store.journeys.get(journey_id)
        for i in range(rounds):
            step = store.journeys.add_step(
                Step(journey.id, i % 3, journey.phases[0], "skole", "møte", f"w{writer}-{i}")
            )
            if i % 4 == 3:
                store.journeys.move_step(step.id, 0)
            if i % 5 == 4:
                store.journeys.delete_step(step.id)
    finally:
        store.close()


def test_concurrent_edits_keep_the_order_consistent(store, journey):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        pool.starmap(_edit_journey, [(store.location, journey.id, w, 20) for w in range(4)])
    steps = store.journeys.steps(journey.id)
    assert len(steps) == 4 * 16  # every fifth step was deleted again
    assert [s.position for s in steps] == list(range(len(steps)))
    assert len({s.what for s in steps}) == len(steps)


def test_free_text_in_steps_is_masked(store, journey):
    step = store.journeys.add_step(
        _step(journey, "Mor ringte PPT fra 912 34 567", quote="«Jeg heter Kari og er sliten»")
    )
    [stored] = store.journeys.steps(journey.id)
    assert "[telefon]" in stored.what and "Kari" not in stored.quote and stored == step


def test_unknown_journey_and_step_are_explained(store, journey):
    with pytest.raises(InvalidInputError, match="create the journey first"):
        store.journeys.add_step(Step("nope", 0, "Kartlegging", "skole", "møte", "x"))
    with pytest.raises(InvalidInputError, match="No step"):
        store.journeys.move_step("nope", 0)


def test_journeys_travel_in_the_workshop_export(make_store, tmp_path, store, workshop, journey):
    store.journeys.add_step(_step(journey, "Skolen melder bekymring", wait_days=3, coordinator="kontaktlærer"))
    wanted = store.journeys.save(Journey(workshop.id, "Ønsket reise", variant="onsket",
                                        phases=("Bekymring", "Tiltak")))
    store.journeys.add_step(Step(wanted.id, 0, "Tiltak", "familie", "hjemmebesøk", "Barnekoordinator kommer hjem"))
    data = store.archive.export_workshop(workshop.id)
    assert [j["title"] for j in data["journeys"]] == ["Dagens reise", "Ønsket reise"]
    target = make_store(tmp_path / "b" / STORE_FILENAME)
    target.archive.import_workshop(data)
    assert target.archive.export_workshop(workshop.id) == data
    copy = store.archive.import_workshop(data)
    copied = store.journeys.list(copy.id)
    assert [j.phases for j in copied] == [journey.phases, ("Bekymring", "Tiltak")]
    assert store.journeys.steps(copied[1].id)[0].what == "Barnekoordinator kommer hjem"


def test_journey_found_by_title_within_its_workshop(store, workshop, journey):
    assert store.journeys.get("Dagens reise", workshop.id) == journey
    with pytest.raises(InvalidInputError, match="journeys list"):
        store.journeys.get("Finnes ikke", workshop.id)
