"""The pages' logic, driven through their widgets without a browser."""

from __future__ import annotations

import pytest

from helpers import html_of
from samskaping.core.exceptions import InvalidInputError
from samskaping.ideas.model import MAX_IDEA_LENGTH, Idea
from samskaping.pages.facilitator import FacilitatorPage
from samskaping.pages.participant import ParticipantPage
from samskaping.pages.request import PageRequest
from samskaping.server.routes import join_url


def _participant(store, query="", session_id=None):
    return ParticipantPage(store, PageRequest.from_query_string(query), session_id=session_id)


def test_join_by_code_from_the_link_shows_the_question(store, workshop):
    page = _participant(store, f"kode={workshop.join_code}")
    assert page.workshop == workshop
    assert workshop.question in page.header.value
    assert page.stage_box.layout.display is None
    assert page.join_form.layout.display == "none"


def test_typed_code_with_spaces_and_lower_case_joins(store, workshop):
    page = _participant(store)
    assert page.stage_box.layout.display == "none"
    page.code.value = " " + workshop.join_code.lower() + " "
    page.join_button.click()
    assert page.workshop == workshop


def test_unknown_code_says_so_and_keeps_the_form(store, workshop):
    page = _participant(store, "kode=QQQQQQ")
    assert page.workshop is None
    assert "QQQQQQ" in page.join_status.value and "sk-error" in page.join_status.value


def test_submitting_an_idea_stores_it_confirms_and_lists_it(store, workshop):
    page = _participant(store, f"kode={workshop.join_code}")
    page.text.value = "Gratis frokost på skolen"
    page.group.value = "ungdom"
    page.send_button.click()
    [idea] = store.ideas.list(workshop.id)
    assert (idea.text, idea.group, idea.session_id) == ("Gratis frokost på skolen", "ungdom", page.session_id)
    assert page.text.value == ""
    assert "Takk" in page.send_status.value
    assert "Gratis frokost på skolen" in html_of(page.mine)


def test_whitespace_idea_is_refused_kindly_and_nothing_stored(store, workshop):
    page = _participant(store, f"kode={workshop.join_code}")
    page.text.value = "   \n  "
    page.send_button.click()
    assert store.ideas.list(workshop.id) == []
    assert "Feltet er tomt" in page.send_status.value


def test_too_long_idea_is_refused_and_the_text_kept_for_editing(store, workshop):
    page = _participant(store, f"kode={workshop.join_code}")
    page.text.value = "x" * (MAX_IDEA_LENGTH + 5)
    assert "sk-error" in page.counter.value
    page.send_button.click()
    assert store.ideas.list(workshop.id) == []
    assert str(MAX_IDEA_LENGTH) in page.send_status.value
    assert len(page.text.value) == MAX_IDEA_LENGTH + 5


def test_own_list_shows_only_this_browsers_ideas_escaped(store, workshop, add_ideas):
    add_ideas("Andres idé", session_id="someone-else")
    page = _participant(store, f"kode={workshop.join_code}")
    page.text.value = "<img src=x onerror=alert(1)>"
    page.send_button.click()
    assert "Andres idé" not in html_of(page.mine)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_of(page.mine)
    assert "<img" not in html_of(page.mine)


def test_english_by_query_parameter(store, workshop):
    page = _participant(store, f"kode={workshop.join_code}&lang=en")
    assert page.send_button.description == "Send idea"


def test_facilitator_creates_a_workshop_and_shows_join_code_and_qr(store):
    page = FacilitatorPage(store, PageRequest(base_url="http://127.0.0.1:8866"))
    page.title.value = "Samskapingsdag"
    page.question.value = "Hvordan når vi ungdommen?"
    page.create_button.click()
    [workshop] = store.workshops.list()
    assert page.workshop == workshop
    assert workshop.join_code in page.join_panel.value
    assert "<svg" in page.join_panel.value
    assert join_url("http://127.0.0.1:8866", workshop) in page.join_panel.value


def test_facilitator_refuses_an_empty_title(store):
    page = FacilitatorPage(store, PageRequest())
    page.create_button.click()
    assert store.workshops.list() == []
    assert "sk-error" in page.create_status.value


def test_wall_picks_up_ideas_from_another_kernel_and_counts_groups(make_store, workshop, store):
    wall = FacilitatorPage(make_store(), PageRequest.from_query_string(f"verksted={workshop.id}"))
    assert len(wall.wall.children) == 0
    store.ideas.add(Idea(workshop_id=workshop.id, text="<script>alert(1)</script>", group="ungdom"))
    store.ideas.add(Idea(workshop_id=workshop.id, text="Leksehjelp", group="frivillig"))
    assert wall.refresh() == 2
    assert wall.refresh() == 0
    texts = [card.children[0].value for card in wall.wall.children]
    assert "Leksehjelp" in texts[0]  # newest first
    assert "&lt;script&gt;" in texts[1] and "<script>" not in texts[1]
    assert "Ungdom" in wall.counts.value and "Frivillig" in wall.counts.value


def test_hiding_an_idea_greys_it_and_updates_counts(workshop, store, add_ideas):
    [idea, _] = add_ideas("Skjul meg", "Behold meg")
    wall = FacilitatorPage(store, PageRequest.from_query_string(f"verksted={workshop.join_code}"))
    card = wall._cards[idea.id]
    card[2].click()
    assert store.ideas.list(workshop.id)[0].hidden
    assert "sk-hidden" in card[1].value
    assert card[2].description == "Vis igjen"
    assert "1 idéer vises, 1 skjult" in wall.wall_count.value
    card[2].click()
    assert not store.ideas.list(workshop.id)[0].hidden
    assert len(wall.wall.children) == 2


def test_personal_data_is_shown_masked_before_it_is_sent(store, workshop):
    page = _participant(store, f"kode={workshop.join_code}")
    page.text.value = "Moren til Ola ringte meg på 912 34 567"
    page.send_button.click()
    assert store.ideas.list(workshop.id) == []  # first press only shows what would be stored
    assert "Moren til [navn] ringte meg på [telefon]" in page.send_status.value
    assert page.send_button.description == "Send slik"
    page.send_button.click()
    [idea] = store.ideas.list(workshop.id)
    assert idea.text == "Moren til [navn] ringte meg på [telefon]"
    assert page.send_button.description == "Send idé"


def test_editing_after_the_preview_starts_over(store, workshop):
    page = _participant(store, f"kode={workshop.join_code}")
    page.text.value = "Ring 912 34 567"
    page.send_button.click()
    page.text.value = "Ring helsestasjonen"
    assert page.send_button.description == "Send idé"
    page.send_button.click()
    assert [i.text for i in store.ideas.list(workshop.id)] == ["Ring helsestasjonen"]


def test_facilitator_sees_how_much_was_masked_not_what(store, workshop):
    store.ideas.add(Idea(workshop_id=workshop.id, text="Kari Nordmann har 912 34 567"))
    wall = FacilitatorPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))
    assert "3 personopplysninger" in wall.privacy.value or "2 personopplysninger" in wall.privacy.value
    assert "Kari" not in wall.privacy.value and "912" not in wall.privacy.value
    assert "Kari" not in "".join(card.children[0].value for card in wall.wall.children)


def test_participant_is_reminded_not_to_write_names(store, workshop):
    page = _participant(store, f"kode={workshop.join_code}")
    assert "Ikke skriv navn" in page.header.value


def test_arrival_is_one_tap_and_sets_the_idea_group(store, workshop):
    page = _participant(store, f"kode={workshop.join_code}")
    page.arrival_group.value = "ungdom"
    [arrival] = store.room.arrivals(workshop.id)
    assert (arrival.session_id, arrival.group) == (page.session_id, "ungdom")
    assert page.group.value == "ungdom"
    assert "Ungdom" in page.arrival_done.value
    page.arrival_group.value = "bruker"  # a slip of the finger is corrected, not counted twice
    assert [a.group for a in store.room.arrivals(workshop.id)] == ["bruker"]


def test_page_follows_the_stage_to_the_ballot_and_the_evaluation(store, workshop, add_ideas):
    from samskaping.ideas.model import Voting

    [idea] = add_ideas("Leksehjelp")
    page = _participant(store, f"kode={workshop.join_code}")
    assert page.stage_box.children == (page.idea_form,)
    store.votes.set_voting(Voting(workshop.id, dots=2, state="apen"))
    store.room.set_stage(workshop.id, "stemming")
    assert page.refresh() is True
    assert page.stage_box.children == (page.ballot.widget,)
    assert page.ballot.add_dot(idea.id) and page.ballot.add_dot(idea.id)
    assert page.ballot.add_dot(idea.id) is False
    assert "brukt alle prikkene" in page.ballot.status.value
    assert "Prikker igjen: 0" in page.ballot.header.value
    store.votes.set_voting(Voting(workshop.id, dots=2, state="lukket"))
    page.refresh()
    assert "stengt" in page.waiting.value
    store.room.set_stage(workshop.id, "evaluering")
    page.refresh()
    form = page.evaluation
    form.send_button.click()
    assert "1 til 5" in form.status.value and store.room.evaluations(workshop.id) == []
    form.day.value, form.voice.value, form.change.value = 4, 5, "Ring 912 34 567 neste gang"
    form.send_button.click()
    [evaluation] = store.room.evaluations(workshop.id)
    assert (evaluation.day, evaluation.voice, evaluation.change) == (4, 5, "Ring [telefon] neste gang")


def test_a_reloaded_phone_or_a_second_tab_is_the_same_participant(store, workshop):
    """The device id (from the server's signed cookie) makes one participant per phone, not per page."""
    from samskaping.ideas.model import Voting

    request = PageRequest.from_query_string(f"kode={workshop.join_code}", device="k3Jt0pQ9xVbN2sLm4wYz8A")
    first = ParticipantPage(store, request)
    first.arrival_group.value = "ungdom"
    first.text.value = "Gratis trening i helgene"
    first.submit()
    store.votes.set_voting(Voting(workshop.id, 2, "apen"))
    [idea] = store.ideas.list(workshop.id)
    store.votes.add_dot(idea.id, first.session_id, "ungdom")

    again = ParticipantPage(store, request)  # a reload, or a second tab
    assert again.session_id == first.session_id
    assert again.arrival_group.value == "ungdom"
    assert "Gratis trening i helgene" in html_of(again.mine)
    assert len(store.room.arrivals(workshop.id)) == 1  # "Hvem er i rommet" still counts one
    store.votes.add_dot(idea.id, again.session_id, "ungdom")
    with pytest.raises(InvalidInputError):  # two dots of 2: the budget is the phone's, not the page's
        store.votes.add_dot(idea.id, again.session_id, "ungdom")

    other = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}",
                                                                 device="Zz9yX8wV7uT6sR5qP4oN3m"))
    assert other.session_id != first.session_id and other.arrival_group.value is None


def test_a_participant_deletes_their_own_idea_after_confirming(store, workshop, add_ideas):
    add_ideas("Andres idé", session_id="someone-else")
    page = _participant(store, f"kode={workshop.join_code}")
    page.text.value = "Skrev feil her"
    page.send_button.click()
    [mine] = [idea for idea in store.ideas.list(workshop.id) if idea.session_id == page.session_id]
    [row] = [child for child in page.mine.children if "sk-mine-row" in child._dom_classes]
    delete = row.children[1]
    assert "Skrev feil her" in delete.tooltip
    delete.click()  # the first press only asks
    assert delete.description == "Slett for godt?" and len(store.ideas.list(workshop.id)) == 2
    delete.click()
    assert [idea.text for idea in store.ideas.list(workshop.id)] == ["Andres idé"]
    assert "Idéen er slettet" in page.mine_status.value
    assert "Skrev feil her" not in html_of(page.mine)
    assert not page.delete(store.ideas.list(workshop.id)[0].id)  # someone else's: refused, kept
    assert "sk-error" in page.mine_status.value and len(store.ideas.list(workshop.id)) == 1
    assert store.privacy.log(workshop.id)[-1][:2] == ("idea_deleted", "deltaker")
    assert mine.id not in {idea.id for idea in store.ideas.list(workshop.id)}


def test_facilitator_deletes_an_idea_and_every_open_wall_takes_it_down(make_store, store, workshop, add_ideas):
    [gone, kept] = add_ideas("Fjern meg, jeg skrev navnet mitt", "Behold meg")
    here = FacilitatorPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))
    there = FacilitatorPage(make_store(), PageRequest.from_query_string(f"verksted={workshop.id}"))
    delete = here._cards[gone.id][0].children[1].children[1]
    delete.click()
    assert len(store.ideas.list(workshop.id)) == 2  # asked first
    delete.click()
    assert [idea.id for idea in store.ideas.list(workshop.id)] == [kept.id]
    assert gone.id not in here._cards and len(here.wall.children) == 1
    there.refresh()
    assert gone.id not in there._cards and len(there.wall.children) == 1
    assert "Fjern meg" not in "".join(card.children[0].value for card in there.wall.children)


def test_the_phone_offers_only_the_workshops_groups_and_says_posts_are_not_anonymous(store):
    from samskaping.core.models import Workshop

    staff_day = store.workshops.create(Workshop(title="Fagdag", groups=("ansatt", "leder")))
    page = _participant(store, f"kode={staff_day.join_code}")
    assert [value for _, value in page.arrival_group.options] == ["ansatt", "leder", "annet"]
    assert "ikke helt anonyme" in page.header.value and "Du er anonym" not in page.header.value
    assert "<details" in page.header.value and "slettedato" in page.header.value


def test_facilitator_chooses_the_groups_of_a_new_workshop(store):
    page = FacilitatorPage(store, PageRequest())
    page.title.value = "Ungdomsråd"
    for group, box in page.groups.items():
        box.value = group in {"ungdom", "politiker"}
    page.create_button.click()
    [workshop] = store.workshops.list()
    assert workshop.groups == ("ungdom", "politiker", "annet")
