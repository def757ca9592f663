"""What a phone may do is decided by the store, not by its widgets: stages, join codes, ended workshops."""

from __future__ import annotations

from datetime import date, timedelta

from samskaping.ideas.model import FEEDBACK_STANCES, Concept
from samskaping.pages.concept_view import ConceptFeedbackView
from samskaping.pages.evaluation_form import EvaluationForm
from samskaping.pages.participant import JOIN_TRIES, ParticipantPage
from samskaping.pages.request import PageRequest


def _phone(store, workshop) -> ParticipantPage:
    return ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id="p1")


def test_a_hidden_idea_form_driven_over_the_websocket_stores_nothing(store, workshop):
    phone = _phone(store, workshop)
    store.room.set_stage(workshop.id, "stemming")  # the phone has not polled yet: its idea form is still there
    phone.text.value = "Idé sendt etter at idérunden var stengt"
    assert phone.submit() is None
    assert store.ideas.list(workshop.id) == []
    assert "ikke åpent akkurat nå" in phone.send_status.value
    store.room.set_stage(workshop.id, "ideer")
    assert phone.submit() is not None and len(store.ideas.list(workshop.id)) == 1


def test_concept_feedback_and_evaluation_only_in_their_own_stage(store, workshop):
    concept = store.concepts.save(Concept(workshop.id, "Kveldsåpen helsestasjon"))
    view = ConceptFeedbackView(store, workshop.id, "p1", lambda: "ungdom", "nb")
    view.build()
    stance, comment, message = view.forms[concept.id]
    stance.value = FEEDBACK_STANCES[0]
    assert view.send(concept.id) is False and store.concepts.feedback(workshop.id) == []
    assert "ikke åpent" in message.value
    store.room.set_stage(workshop.id, "konsepter")
    assert view.send(concept.id) is True and len(store.concepts.feedback(workshop.id)) == 1

    form = EvaluationForm(store, workshop.id, "p1", "nb")
    form.day.value, form.voice.value = form.day.options[-1][1], form.voice.options[-1][1]
    assert form.send() is None and store.room.evaluations(workshop.id) == []
    store.room.set_stage(workshop.id, "evaluering")
    assert form.send() is not None and len(store.room.evaluations(workshop.id)) == 1


def test_guessing_join_codes_pauses_the_page_and_logs_no_code(store, workshop, capfd):
    phone = ParticipantPage(store, PageRequest(), session_id="p1")
    guesses = [f"ZZZ{n:03d}" for n in range(JOIN_TRIES)]
    for guess in guesses:
        assert phone.join(guess) is False
    # Even the right code must wait now: a guesser cannot tell a hit from the pause.
    assert phone.join(workshop.join_code) is False
    assert "Vent" in phone.join_status.value and phone.workshop is None
    log = capfd.readouterr().err
    assert log.count("join code that fits no workshop") == JOIN_TRIES
    assert not any(guess in log for guess in guesses) and workshop.join_code not in log
    phone._join_locked_until = 0  # the pause is over
    assert phone.join(workshop.join_code) is True


def test_a_workshop_past_its_retention_date_takes_no_more_answers(store, workshop):
    store.workshops.set_delete_after(workshop.id, date.today() - timedelta(days=1))
    phone = _phone(store, workshop)
    assert phone.workshop is None and "avsluttet" in phone.join_status.value
