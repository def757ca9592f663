"""The journey page, driven through its widgets without a browser."""

from __future__ import annotations

from samskaping.pages.journeys import JourneyPage
from samskaping.pages.request import PageRequest

PNG = b"\x89PNG\r\n\x1a\n"


def _page(store, workshop):
    return JourneyPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))


def _add(page, service, what, *, wait="", coordinator="", phase=None):
    page.edit(None)
    page.phase.value = phase or page.phase.options[0]
    page.service.value = service
    page.texts["what"].value = what
    page.wait_days.value = wait
    page.coordinator.value = coordinator
    return page.add()


def test_build_a_journey_step_by_step_and_see_the_map(store, workshop):
    page = _page(store, workshop)
    page.new_title.value = "Dagens reise"
    page.create_button.click()
    assert page.journey is not None and page.journey.variant == "dagens"
    _add(page, "skole", "Lærer ser fravær")
    _add(page, "PPT", "Henvisning til PPT", wait="30")
    _add(page, "barnevern", "Bekymringsmelding", wait="14", coordinator="barnekoordinator")
    steps = store.journeys.steps(page.journey.id)
    assert [s.service for s in steps] == ["skole", "PPT", "barnevern"]
    assert page.map_image.png.startswith(PNG) and page.map_image.alt.startswith("Tjenestereisekart:")
    summary = page.summary.value
    assert "2 overganger" in summary or "2 handovers" in summary or "overgang" in summary
    assert len(page.listing.options) == 3


def test_edit_reorder_and_delete_steps(store, workshop):
    page = _page(store, workshop)
    page.new_title.value = "Reise"
    page.create_button.click()
    for what in ("a", "b", "c"):
        _add(page, "skole", what)
    page.listing.value = store.journeys.steps(page.journey.id)[2].id
    assert page.editing.what == "c"
    page.up_button.click()
    assert [s.what for s in store.journeys.steps(page.journey.id)] == ["a", "c", "b"]
    page.texts["what"].value = "c endret"
    page.save_button.click()
    assert [s.what for s in store.journeys.steps(page.journey.id)] == ["a", "c endret", "b"]
    page.delete_button.click()
    assert [s.what for s in store.journeys.steps(page.journey.id)] == ["a", "b"]


def test_bad_wait_is_refused_kindly(store, workshop):
    page = _page(store, workshop)
    page.new_title.value = "Reise"
    page.create_button.click()
    assert _add(page, "skole", "x", wait="to uker") is None
    assert "sk-error" in page.form_status.value
    assert store.journeys.steps(page.journey.id) == []


def test_compare_today_with_the_wanted_journey(store, workshop):
    from samskaping.journeys.demo import demo_journeys

    for journey, steps in demo_journeys(workshop.id):
        store.journeys.save(journey)
        for step in steps:
            store.journeys.add_step(step)
    page = _page(store, workshop)
    today, wanted = store.journeys.list(workshop.id)
    page.journey_picker.value = today.id
    page.compare_picker.value = wanted.id
    assert page.compare_text.value.count("<li>") >= 2
    assert page.compare_image.png.startswith(PNG) and page.compare_image.alt.startswith("Dagens og ønsket reise")
    page.export_button.click()
    assert 'download="tjenestereise.pdf"' in page.downloads.value


def test_a_new_journey_can_start_from_the_bti_levels(store, workshop):
    page = _page(store, workshop)
    assert [value for _, value in page.new_template.options] == ["standard", "bti"]
    page.new_template.value = "bti"
    assert "Nivå 0" in page.template_help.value and "BTI" in page.template_help.value
    page.new_title.value = "Reisen etter BTI"
    page.create_button.click()
    assert page.journey.phases[0].startswith("Nivå 0") and len(page.journey.phases) == 4
    assert list(page.phase.options) == list(page.journey.phases)


# --- names staff type are checked, not masked (issue 16, item 7) --------------------------

WARNING = "Dette ser ut som et personnavn: bruk en rolle eller en gruppe"


def test_services_and_steps_are_stored_as_typed(store, workshop):
    page = _page(store, workshop)
    page.new_title.value = "Dagens reise i Nordby"
    page.create_button.click()
    _add(page, "Helsestasjonen i Nordby", "Helsesykepleier ringer PPT Vest", coordinator="NAV Nordby")
    [step] = store.journeys.steps(page.journey.id)
    assert (step.service, step.what, step.coordinator) == (
        "Helsestasjonen i Nordby", "Helsesykepleier ringer PPT Vest", "NAV Nordby")
    assert page.step_check.message.value == "" and store.journeys.list(workshop.id)[0].title == "Dagens reise i Nordby"


def test_a_persons_name_in_a_step_waits_for_staff_and_the_quote_is_masked(store, workshop):
    page = _page(store, workshop)
    page.new_title.value = "Reise"
    page.create_button.click()
    page.service.value, page.texts["what"].value = "skole", "Lærer ser fravær"
    page.coordinator.value, page.texts["quote"].value = "Kari Nordmann", "«Jonas Hansen gråter hver morgen»"
    assert page.add() is None
    assert store.journeys.steps(page.journey.id) == []  # nothing stored until staff choose
    assert WARNING in page.step_check.message.value and "Koordinator: «Kari Nordmann»" in page.step_check.message.value
    page.step_check.confirm_button.click()
    [step] = store.journeys.steps(page.journey.id)
    assert (step.coordinator, step.quote) == ("Kari Nordmann", "«[navn] gråter hver morgen»")
    assert "byttet ut: navn" in page.form_status.value


def test_a_persons_name_in_a_new_journeys_title_waits_and_rephrasing_stores_nothing(store, workshop):
    page = _page(store, workshop)
    page.new_title.value = "Reisen til Kari Nordmann"
    page.create_button.click()
    assert store.journeys.list(workshop.id) == [] and WARNING in page.create_check.message.value
    page.create_check.rephrase_button.click()
    assert store.journeys.list(workshop.id) == [] and "Ikke lagret" in page.create_check.message.value
    page.new_title.value = "Reisen til en familie med to barn"
    page.create_button.click()
    assert [j.title for j in store.journeys.list(workshop.id)] == ["Reisen til en familie med to barn"]
