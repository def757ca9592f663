"""The ideas page and theming through the store: suggest, place by hand, spread, concepts, feedback."""

from __future__ import annotations

from helpers import html_of
from samskaping.ideas.model import Voting
from samskaping.pages.ideas import IdeasPage
from samskaping.pages.participant import ParticipantPage
from samskaping.pages.request import PageRequest

IDEAS = [
    "Mer leksehjelp på skolen", "Leksehjelp for flere elever", "Gratis leksehjelp på biblioteket",
    "Foreldrekurs om kvelden", "Kurs for foreldre i samtaler med barn", "Foreldreveiledning for småbarnsforeldre",
    "Gratis fritidsaktiviteter", "Idrettslaget tar inn alle uten kontingent", "Fritidsklubb åpen i helgene",
    "Fast kontaktperson ved fravær", "Ring hjem første fraværsdag", "Nærværsteam på skolen",
]


def _page(store, workshop):
    return IdeasPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))


def test_suggest_puts_every_idea_in_a_theme_and_a_rerun_keeps_hand_work(store, workshop, add_ideas):
    ideas = add_ideas(*IDEAS)
    page = _page(store, workshop)
    page.theme_count.value = 4
    page.suggest_button.click()
    placements = store.themes.placements(workshop.id)
    assert set(placements) == {i.id for i in ideas}
    themes = store.themes.list(workshop.id)
    assert 2 <= len(themes) <= 6 and "temaer" in page.message.value
    target = themes[-1]
    page.place(ideas[0].id, target.id)
    page.update(themes[0], label="Vårt eget navn", pinned=True)
    [new] = add_ideas("Leksehjelp med frivillige")
    page.suggest_button.click()
    after = store.themes.placements(workshop.id)
    assert after[ideas[0].id].theme_id == target.id and after[ideas[0].id].manual
    assert new.id in after
    assert [th.label for th in store.themes.list(workshop.id) if th.id == themes[0].id] == ["Vårt eget navn"]


def test_place_a_few_by_hand_then_spread_the_rest(store, workshop, add_ideas):
    ideas = add_ideas(*IDEAS)
    page = _page(store, workshop)
    school = page.add_theme("Skole")
    parents = page.add_theme("Foreldre")
    page.spread_button.click()
    assert "minst én idé" in page.message.value
    page.place(ideas[0].id, school.id)
    page.place(ideas[3].id, parents.id)
    page.spread_button.click()
    placed = {i: p.theme_id for i, p in store.themes.placements(workshop.id).items()}
    assert len(placed) == len(ideas)
    assert placed[ideas[1].id] == school.id and placed[ideas[4].id] == parents.id


def test_near_duplicates_are_offered_for_merging(store, workshop, add_ideas):
    a, b, _ = add_ideas("Mer leksehjelp", "Leksehjelp for flere", "Gratis frokost")
    page = _page(store, workshop)
    [row] = [r for r in page.duplicates.children if "Mer leksehjelp" in r.children[0].value]
    row.children[1].click()
    assert store.ideas.merges(workshop.id) in ({b.id: a.id}, {a.id: b.id})


def test_matrix_and_concepts_and_participant_feedback(store, workshop, add_ideas):
    ideas = add_ideas(*IDEAS[:6], session_id="phone-1")
    phone = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id="phone-1")
    page = _page(store, workshop)
    page.theme_count.value = 2
    page.suggest_button.click()
    theme = store.themes.list(workshop.id)[0]
    page.update(theme, benefit=5, effort=2)
    assert page.matrix.png.startswith(b"\x89PNG") and "prioritering.pdf" in page.matrix_links.value
    assert f"Raske gevinster: {theme.label}." in page.matrix.alt  # what a screen reader hears
    assert 'alt="' in page.matrix.widget.value
    page.concept_name.value = "Leksehjelp for alle"
    page.concept_themes.value = (theme.id,)
    page.concept_next.value = "Prøve ut på én skole"
    page.concept_button.click()
    assert "Leksehjelp for alle" in page.concept_list.value
    phone.refresh()
    member = next(i for i, p in store.themes.placements(workshop.id).items() if p.theme_id == theme.id)
    assert f"Tema: {theme.label}" in html_of(phone.mine) and "Konsept: Leksehjelp for alle" in html_of(phone.mine)
    assert any(i.id == member for i in ideas)


def test_paper_ballot_votes_are_marked(store, workshop, add_ideas):
    [idea] = add_ideas("Leksehjelp")
    store.votes.set_voting(Voting(workshop.id, dots=2, state="apen"))
    page = _page(store, workshop)
    page.paper_group.value = "bruker"
    ballot = page.paper_ballot()
    assert ballot.add_dot(idea.id)
    data = store.archive.export_workshop(workshop.id)
    assert [(d["participant_group"], d["on_paper"]) for d in data["dots"]] == [("bruker", 1)]


def test_split_a_theme_in_two(store, workshop, add_ideas):
    add_ideas(*IDEAS)
    page = _page(store, workshop)
    page.theme_count.value = 2
    page.suggest_button.click()
    before = store.themes.list(workshop.id)
    biggest = max(before,
                  key=lambda th: sum(p.theme_id == th.id for p in store.themes.placements(workshop.id).values()))
    page.split(biggest.id)
    after = store.themes.list(workshop.id)
    assert len(after) == len(before) + 1
    assert len(store.themes.placements(workshop.id)) == len(IDEAS)


def test_concepts_go_back_to_the_phones_for_feedback(store, workshop, add_ideas):
    from samskaping.ideas.model import Concept

    concept = store.concepts.save(Concept(workshop.id, "Nærværsteam", description="Fast team på hver skole"))
    phone = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id="p1")
    store.room.set_stage(workshop.id, "konsepter", 4)
    phone.refresh()
    view = phone.concepts
    assert phone.stage_box.children == (view.widget,)
    assert "Nærværsteam" in view.rows.children[0].children[0].value
    stance, comment, message = view.forms[concept.id]
    assert view.send(concept.id) is False and "Velg" in message.value
    stance.value, comment.value = "bra", "Husk foreldrene, ring 912 34 567"
    assert view.send(concept.id)
    stance.value = "usikker"
    assert view.send(concept.id)  # answering again replaces the answer
    [answer] = store.concepts.feedback(workshop.id)
    assert (answer.stance, answer.comment) == ("usikker", "Husk foreldrene, ring [telefon]")
    page = _page(store, workshop)
    assert "usikker 1" in page.concept_list.value and "Husk foreldrene" in page.concept_list.value
    copy = store.archive.import_workshop(store.archive.export_workshop(workshop.id))
    assert len(store.concepts.feedback(copy.id)) == 1


# --- names staff type are checked, not masked (issue 16, item 7) --------------------------


def test_a_concept_with_an_organisations_name_is_stored_as_typed(store, workshop):
    page = _page(store, workshop)
    page.concept_name.value = "Fast team i NAV Nordby"
    page.concept_description.value = "Psykisk helse Nordby og PPT Vest møtes hver uke"
    page.concept_button.click()
    [concept] = store.concepts.list(workshop.id)
    assert (concept.name, concept.description) == ("Fast team i NAV Nordby", "Psykisk helse Nordby og PPT Vest møtes "
                                                   "hver uke")
    assert "Psykisk helse Nordby" in page.concept_list.value and page.concept_check.message.value == ""


def test_a_concept_with_a_persons_name_waits_for_staff(store, workshop):
    page = _page(store, workshop)
    page.concept_name.value = "Kari Nordmann-modellen"
    page.concept_button.click()
    assert store.concepts.list(workshop.id) == []
    assert "Dette ser ut som et personnavn: bruk en rolle eller en gruppe" in page.concept_check.message.value
    page.concept_check.confirm_button.click()
    assert [c.name for c in store.concepts.list(workshop.id)] == ["Kari Nordmann-modellen"]
    assert page.concept_name.value == "" and "Kari Nordmann-modellen" in page.concept_list.value


def test_a_participants_idea_with_a_name_is_still_masked(store, workshop):
    phone = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id="p1")
    phone.text.value = "Kari Nordmann i NAV Nordby trenger leksehjelp"
    phone.send_button.click()  # the first press shows what would be stored
    phone.send_button.click()
    [idea] = store.ideas.list(workshop.id)
    assert idea.text == "[navn] i NAV Nordby trenger leksehjelp"
    board = html_of(_page(store, workshop).board)
    assert "[navn] i NAV Nordby" in board and "Kari" not in board
