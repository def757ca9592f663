"""The room on the day: who came, the stage every phone shows, the guided flow, the evaluation."""

from datetime import timedelta

import pytest

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import error_text
from samskaping.core.models import now
from samskaping.room.attendance import representativity, representativity_text
from samskaping.room.evaluation import summarise
from samskaping.room.flow import FLOW, step_at, timer_text
from samskaping.room.model import Arrival, Evaluation, Stage
from samskaping.stakeholders.model import Stakeholder

W = "w1"


def test_key_players_and_user_groups_with_no_one_present_are_named():
    school = Stakeholder(W, "Skolen", "oppvekst", 5, 5)
    nav = Stakeholder(W, "NAV", "nav", 4, 4)
    parents = Stakeholder(W, "Foreldreutvalget", "brukere", 2, 2)
    media = Stakeholder(W, "Lokalavisa", "media", 1, 1)
    arrivals = [Arrival(W, "s1", "ansatt", school.id), Arrival(W, "s2", "ansatt"), Arrival(W, "s3", "ungdom")]

    result = representativity([school, nav, parents, media], arrivals)

    assert result.present == 3
    assert dict(result.by_group) == {"ansatt": 2, "ungdom": 1}
    assert [s.name for s in result.missing_key_players] == ["NAV"]
    assert [s.name for s in result.missing_user_stakeholders] == ["Foreldreutvalget"]
    assert result.missing_user_groups == ("bruker", "foresatt")  # the user groups the workshop offers by default
    text = " ".join(representativity_text(result))
    assert "NAV" in text and "Foreldreutvalget" in text and "Lokalavisa" not in text


def test_only_the_user_groups_a_workshop_offers_can_be_missing():
    arrivals = [Arrival(W, "s1", "ansatt")]
    assert representativity([], arrivals, offered=("ansatt", "leder", "annet")).missing_user_groups == ()
    assert representativity([], arrivals, offered=("barn", "foresatt", "annet")).missing_user_groups == (
        "foresatt", "barn")


def test_a_room_with_everyone_names_no_gaps():
    school = Stakeholder(W, "Skolen", "oppvekst", 5, 5)
    arrivals = [Arrival(W, "s1", "bruker", school.id), Arrival(W, "s2", "ungdom"), Arrival(W, "s3", "foresatt")]
    result = representativity([school], arrivals)
    assert (result.missing_key_players, result.missing_user_stakeholders, result.missing_user_groups) == ([], [], ())
    assert len(representativity_text(result)) == 2  # how many, and by group


def test_every_step_of_the_flow_shows_phones_a_real_stage_and_step_at_stays_inside_it():
    assert [step.stage for step in FLOW] == ["ideer", "ideer", "ideer", "stemming", "konsepter", "evaluering"]
    assert all(Stage(step.stage) for step in FLOW)
    assert step_at(-3) == FLOW[0] and step_at(99) == FLOW[-1]


def test_the_timer_counts_from_the_start_and_says_when_the_step_runs_over():
    start = now()
    assert timer_text(None, 20) == ("00:00 / 20:00", False)
    assert timer_text(start, 20, start - timedelta(seconds=5)) == ("00:00 / 20:00", False)  # a clock that lags
    assert timer_text(start, 20, start + timedelta(minutes=20, seconds=1)) == ("20:01 / 20:00", True)


@pytest.mark.parametrize("day", [0, 6, 2.5, True, "4"])
def test_an_evaluation_score_outside_1_to_5_is_refused_in_norwegian(day):
    with pytest.raises(InvalidInputError) as info:
        Evaluation(W, "s1", day, 3)
    assert error_text(info.value).endswith(".") and "day" not in error_text(info.value)


def test_the_summary_counts_each_score_and_keeps_only_real_comments():
    summary = summarise([Evaluation(W, "a", 5, 4, "Mer tid til idérunden"), Evaluation(W, "b", 3, 4, "  "),
                         Evaluation(W, "c", 4, 1)])
    assert (summary.answers, summary.day_mean, summary.voice_mean) == (3, 4.0, 3.0)
    assert summary.day_counts == {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    assert summary.comments == ("Mer tid til idérunden",)
    assert summarise([]).day_mean is None


def test_the_stage_moves_every_phone_and_a_stage_that_does_not_exist_changes_nothing(store, workshop):
    assert store.room.stage(workshop.id)[:2] == (Stage.IDEER, 0)
    store.room.set_stage(workshop.id, "Stemming", 3)  # any spelling that folds to the key
    stage, step, started = store.room.stage(workshop.id)
    assert (stage, step) == ("stemming", 3) and started is not None
    before = store.workshops.revision(workshop.id, "room")
    with pytest.raises(InvalidInputError) as info:
        store.room.set_stage(workshop.id, "pause")
    assert info.value.reason == "bad_choice"
    assert store.room.stage(workshop.id)[:2] == ("stemming", 3)
    assert store.workshops.revision(workshop.id, "room") == before


def test_a_second_evaluation_from_the_same_phone_replaces_the_first(store, workshop):
    store.room.save_evaluation(Evaluation(workshop.id, "s1", 2, 2, "Ring meg på 912 34 567"))
    store.room.save_evaluation(Evaluation(workshop.id, "s1", 5, 4, "Ring meg på 912 34 567"))
    store.room.save_evaluation(Evaluation(workshop.id, "s2", 3, 3))
    saved = {e.session_id: (e.day, e.voice, e.change) for e in store.room.evaluations(workshop.id)}
    assert saved == {"s1": (5, 4, "Ring meg på [telefon]"), "s2": (3, 3, "")}
