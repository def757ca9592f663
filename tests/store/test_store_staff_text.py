"""Staff-typed names on a real store (issue 16, item 7): checked text is stored and exported as typed.

Participants' text stays masked; stakeholder, concept and journey text keeps organisation
names always, and a person's name when a staff page checked it (``checked=True``) or masks it
when nobody did (an import, a direct call). Numbers and e-mail are masked either way.
"""

from __future__ import annotations

from samskaping.ideas.model import Concept, ConceptFeedback, Idea
from samskaping.journeys.model import Journey, Step
from samskaping.room.model import Evaluation
from samskaping.stakeholders.io import read_stakeholder_file, stakeholders_csv
from samskaping.stakeholders.model import Stakeholder
from samskaping.store import STORE_FILENAME

ORGANISATIONS = ["NAV Nordby", "Nordby skole", "Helsestasjonen i Nordby", "PPT Vest", "Psykisk helse Nordby",
                 "Nordby ungdomsråd"]


def _raw(store, sql: str) -> str:
    return " ".join(str(value) for row in store.db._db.execute(sql) for value in row)


def test_organisation_names_are_stored_listed_and_exported_as_typed(store, workshop):
    for name in ORGANISATIONS:
        store.stakeholders.save(Stakeholder(workshop.id, name, "annet", 3, 3))  # not even checked: an organisation
    assert [s.name for s in store.stakeholders.list(workshop.id)] == ORGANISATIONS
    assert [s["name"] for s in store.archive.export_workshop(workshop.id)["stakeholders"]] == ORGANISATIONS
    csv = stakeholders_csv(store.stakeholders.list(workshop.id))
    assert all(name in csv for name in ORGANISATIONS) and "[navn]" not in csv
    assert store.privacy.masked_counts(workshop.id) == {}


def test_a_checked_person_name_is_stored_and_exported_as_typed_and_numbers_still_masked(store, workshop):
    store.stakeholders.save(
        Stakeholder(workshop.id, "Kari Nordmann", "helse", 5, 4, contact_role="Ola Hansen", notes="Ring 912 34 567"),
        checked=True,
    )
    [stored] = store.stakeholders.list(workshop.id)
    assert (stored.name, stored.contact_role, stored.notes) == ("Kari Nordmann", "Ola Hansen", "Ring [telefon]")
    assert "912" not in _raw(store, "SELECT notes FROM stakeholders")
    assert store.privacy.masked_counts(workshop.id) == {"telefon": 1}
    exported = store.archive.export_workshop(workshop.id)["stakeholders"][0]
    assert (exported["name"], exported["notes"]) == ("Kari Nordmann", "Ring [telefon]")
    assert "Kari Nordmann" in stakeholders_csv([stored])


def test_an_unchecked_person_name_is_masked_as_before(store, workshop):
    store.stakeholders.save(Stakeholder(workshop.id, "Kari Nordmann", "helse", 5, 4, contact_role="Rektor Hansen"))
    [stored] = store.stakeholders.list(workshop.id)
    assert (stored.name, stored.contact_role) == ("[navn]", "Rektor [navn]")
    assert "Kari" not in _raw(store, "SELECT name, contact_role FROM stakeholders")


def test_participants_text_stays_masked(store, workshop):
    idea = store.ideas.add(Idea(workshop_id=workshop.id, text="Kari Nordmann i NAV Nordby trenger hjelp"))
    assert idea.text == "[navn] i NAV Nordby trenger hjelp"
    concept = store.concepts.save(Concept(workshop.id, "Fast kontaktperson"), checked=True)
    store.concepts.save_feedback(ConceptFeedback(concept.id, "s1", "bra", "Spør Ola Hansen om dette"))
    store.room.save_evaluation(Evaluation(workshop.id, "s1", 4, 4, change="Kari Nordmann snakket mest"))
    assert store.concepts.feedback(workshop.id)[0].comment == "Spør [navn] om dette"
    assert store.room.evaluations(workshop.id)[0].change == "[navn] snakket mest"
    assert "Kari" not in _raw(store, "SELECT text FROM ideas") + _raw(store, "SELECT change FROM evaluations")


def test_concept_text_checked_is_kept_unchecked_is_masked(store, workshop):
    checked = store.concepts.save(Concept(workshop.id, "Kari Nordmann-modellen", description="Fra PPT Vest, tlf "
                                          "912 34 567"), checked=True)
    unchecked = store.concepts.save(Concept(workshop.id, "Modellen til Ola Hansen", description="Fra Nordby skole"))
    stored = {c.id: c for c in store.concepts.list(workshop.id)}
    assert (stored[checked.id].name, stored[checked.id].description) == (
        "Kari Nordmann-modellen", "Fra PPT Vest, tlf [telefon]")
    assert (stored[unchecked.id].name, stored[unchecked.id].description) == (
        "Modellen til [navn]", "Fra Nordby skole")
    assert [c["name"] for c in store.archive.export_workshop(workshop.id)["concepts"]] == [
        "Kari Nordmann-modellen", "Modellen til [navn]"]


def test_journey_steps_keep_checked_names_and_the_familys_quote_is_masked(store, workshop):
    journey = store.journeys.save(Journey(workshop.id, "Dagens reise i Nordby"), checked=True)
    step = Step(journey.id, 0, journey.phases[0], "Helsestasjonen i Nordby", "møte", "Kari Nordmann ringer PPT Vest",
                quote="«Jonas Hansen gråter hver morgen»", coordinator="Ola Hansen")
    store.journeys.add_step(step, checked=True)
    [stored] = store.journeys.steps(journey.id)
    assert (stored.service, stored.what, stored.coordinator) == (
        "Helsestasjonen i Nordby", "Kari Nordmann ringer PPT Vest", "Ola Hansen")
    assert stored.quote == "«[navn] gråter hver morgen»"
    stored.what = "Kari Nordmann ringer 912 34 567"
    store.journeys.update_step(stored)  # not checked: the name is masked, as is the number
    assert store.journeys.steps(journey.id)[0].what == "[navn] ringer [telefon]"


def test_imports_keep_organisations_and_mask_persons(store, workshop):
    data = (b"navn;interesse;innflytelse;kontakt\nNAV Nordby;4;4;\nPsykisk helse Nordby;3;3;Ola Hansen\n"
            b"Kari Nordmann;2;2;\n")
    result = read_stakeholder_file(data, "liste.csv", workshop.id)
    assert [(w.row, w.field, w.reason) for w in result.warnings] == [
        (3, "contact_role", "person_name"), (4, "name", "person_name")]
    assert result.problems == []
    store.stakeholders.save_all(result.stakeholders)
    stored = [(s.name, s.contact_role) for s in store.stakeholders.list(workshop.id)]
    assert stored == [("NAV Nordby", ""), ("Psykisk helse Nordby", "[navn]"), ("[navn]", "")]

    journey = Journey(workshop.id, "Fra fil")
    steps = [Step(journey.id, 0, journey.phases[0], "NAV Nordby", "møte", "Kari Nordmann møter Psykisk helse Nordby")]
    store.journeys.save_with_steps(journey, steps)
    [step] = store.journeys.steps(journey.id)
    assert (step.service, step.what) == ("NAV Nordby", "[navn] møter Psykisk helse Nordby")


def test_checked_names_survive_an_archive_round_trip(make_store, tmp_path, store, workshop):
    store.stakeholders.save(Stakeholder(workshop.id, "Kari Nordmann", "helse", 5, 4), checked=True)
    data = store.archive.export_workshop(workshop.id)
    target = make_store(tmp_path / "b" / STORE_FILENAME)
    target.archive.import_workshop(data)
    assert [s.name for s in target.stakeholders.list(workshop.id)] == ["Kari Nordmann"]


def test_masking_off_keeps_everything(store, workshop):
    store.privacy.set_masking(workshop.id, False, by="prosessleder")
    store.stakeholders.save(Stakeholder(workshop.id, "Kari Nordmann", "helse", 5, 4, notes="912 34 567"))
    [stored] = store.stakeholders.list(workshop.id)
    assert (stored.name, stored.notes) == ("Kari Nordmann", "912 34 567")
