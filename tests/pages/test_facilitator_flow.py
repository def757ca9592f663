"""The facilitator's guided flow and its panels: room, voting, evaluation."""

from __future__ import annotations

from samskaping.pages.facilitator import FacilitatorPage
from samskaping.pages.participant import ParticipantPage
from samskaping.pages.request import PageRequest
from samskaping.room.flow import FLOW
from samskaping.room.model import Arrival, Evaluation
from samskaping.stakeholders.model import Stakeholder


def _wall(store, workshop):
    return FacilitatorPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))


def test_next_and_previous_move_through_the_steps_and_the_phones_follow(make_store, store, workshop):
    wall = _wall(store, workshop)
    phone = ParticipantPage(make_store(), PageRequest.from_query_string(f"kode={workshop.join_code}"))
    assert "Steg 1 av 6" in wall.flow.title.value and wall.flow.previous_button.disabled
    while wall.flow.step.key != "evaluering":
        wall.flow.next_button.click()
    assert wall.flow.next_button.disabled
    assert store.room.stage(workshop.id)[:2] == ("evaluering", len(FLOW) - 1)
    phone.refresh()
    assert phone.stage == "evaluering" and phone.stage_box.children == (phone.evaluation.widget,)
    again = _wall(store, workshop)  # a reload resumes at the same step
    assert again.flow.step.key == "evaluering"
    assert [p for p in again.panels.children] == [again.evaluation.widget, again.room.widget]


def test_room_panel_flags_missing_key_players_and_user_groups(store, workshop):
    skole = store.stakeholders.save(Stakeholder(workshop.id, "Skole", "oppvekst", 5, 5))
    store.stakeholders.save(Stakeholder(workshop.id, "Barnevern", "oppvekst", 4, 5))
    store.stakeholders.save(Stakeholder(workshop.id, "Foreldreutvalget", "brukere", 4, 2))
    store.stakeholders.save(Stakeholder(workshop.id, "Lokalavisa", "media", 1, 1))
    store.room.register_arrival(Arrival(workshop.id, "s1", "ansatt", skole.id))
    store.room.register_arrival(Arrival(workshop.id, "s2", "ungdom"))
    wall = _wall(store, workshop)
    html = wall.room.html.value
    assert "2 deltakere" in html and "Ansatt: 1" in html and "Ungdom: 1" in html
    assert "Nøkkelspillere uten noen til stede: Barnevern." in html
    assert "Foreldreutvalget" in html and "Bruker av tjenestene" in html
    assert "Lokalavisa" not in html and "Skole," not in html


def test_voting_panel_hides_results_until_closed(store, workshop, add_ideas):
    a, b = add_ideas("Leksehjelp", "Gratis frokost")
    wall = _wall(store, workshop)
    wall.voting.dots.value = 2
    wall.voting.open_button.click()
    assert store.votes.voting(workshop.id).is_open and store.room.stage(workshop.id)[0] == "stemming"
    store.votes.add_dot(a.id, "p1", "ungdom")
    store.votes.add_dot(a.id, "p2", "ansatt")
    store.votes.add_dot(b.id, "p2", "ansatt")
    store.votes.set_stance(a.id, "p1", "enig", "ungdom")
    store.votes.set_stance(a.id, "p2", "enig", "ansatt")
    wall.refresh()
    assert "3 prikker og 2 svar" in wall.voting.message.value and wall.voting.results.value == ""
    wall.voting.close_button.click()
    table = wall.voting.results.value
    assert table.index("Leksehjelp") < table.index("Gratis frokost")
    assert "Ungdom 1, Ansatt 1" in table or "Ansatt 1, Ungdom 1" in table
    assert "samler alle" in table


def test_evaluation_panel_summarises(store, workshop):
    store.room.save_evaluation(Evaluation(workshop.id, "a", 4, 5, "Mer tid til idérunden"))
    store.room.save_evaluation(Evaluation(workshop.id, "b", 2, 3))
    store.room.save_evaluation(Evaluation(workshop.id, "b", 3, 3))  # the same browser answered again
    wall = _wall(store, workshop)
    wall.evaluation.refresh(workshop)
    html = wall.evaluation.html.value
    assert "2 svar" in html and "3,5 av 5" in html and "4,0 av 5" in html and "Mer tid til idérunden" in html


def test_the_concepts_step_shows_the_concepts_and_the_rooms_answers(store, workshop):
    from samskaping.ideas.model import Concept, ConceptFeedback

    page = FacilitatorPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))
    while page.flow.step.key != "konsepter":
        page.flow.go(+1)
    assert page.concepts.widget in page.panels.children
    concept = store.concepts.save(Concept(workshop.id, "Leksehjelp for alle"))
    store.concepts.save_feedback(ConceptFeedback(concept.id, "s1", "bra", "Godt for de minste"))
    store.concepts.save_feedback(ConceptFeedback(concept.id, "s2", "usikker"))
    page.refresh()
    html = page.concepts.widget.value
    assert "Leksehjelp for alle" in html and "Bra 1" in html and "Usikker 1" in html
    assert "Godt for de minste" in html


def test_the_room_panel_stores_how_many_to_get_ready_for(store, workshop):
    wall = _wall(store, workshop)
    wall.room.expected.value = 35
    wall.room.ready.click()
    assert store.room.expected(workshop.id) == 35 and store.room.expected_now() == 35
    assert "35 deltakere" in wall.room.ready_status.value
    assert _wall(store, workshop).room.expected.value == 35  # a reload shows what was said
    wall.room.expected.value = 0
    wall.room.ready.click()
    assert store.room.expected_now() == 0 and "vanlige sidene" in wall.room.ready_status.value
