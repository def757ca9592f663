"""The stakeholder page, driven through its widgets without a browser."""

from __future__ import annotations

from datetime import UTC, datetime

from samskaping.pages.request import PageRequest
from samskaping.pages.stakeholders import StakeholderPage
from samskaping.stakeholders.model import Stakeholder

PNG = b"\x89PNG\r\n\x1a\n"


def _page(store, workshop):
    return StakeholderPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))


def test_moving_the_sliders_shows_quadrant_and_default_strategy(store, workshop):
    page = _page(store, workshop)
    page.interest.value, page.influence.value = 5, 5
    assert "Nøkkelspillere" in page.placement.value
    page.interest.value, page.influence.value = 1, 1
    assert "Minimal innsats" in page.placement.value
    page.texts["strategy"].value = "Egen strategi <b>her</b>"
    assert "Egen strategi &lt;b&gt;her&lt;/b&gt;" in page.placement.value


def test_adding_a_stakeholder_stores_it_and_redraws_grid_and_plan(store, workshop):
    page = _page(store, workshop)
    before = page.grid_image.png
    page.name.value = "Helsestasjonen"
    page.sector.value = "helse"
    page.interest.value, page.influence.value = 5, 4
    page.save_button.click()
    [stored] = store.stakeholders.list(workshop.id)
    assert (stored.name, stored.sector, stored.interest, stored.influence) == ("Helsestasjonen", "helse", 5, 4)
    assert page.grid_image.png.startswith(PNG) and page.grid_image.png != before
    assert "Helsestasjonen" in page.plan.value and "Nøkkelspillere" in page.plan.value
    assert page.listing.options[0][1] == stored.id


def test_editing_moves_the_stakeholder_and_keeps_history(store, workshop):
    page = _page(store, workshop)
    page.name.value = "NAV"
    page.save_button.click()
    page.influence.value = 5
    page.save_button.click()
    assert len(store.stakeholders.list(workshop.id)) == 1
    assert [(m.interest, m.influence) for m in store.stakeholders.moves(workshop.id)] == [(3, 3), (3, 5)]


def test_empty_name_is_refused_kindly(store, workshop):
    page = _page(store, workshop)
    page.save_button.click()
    assert store.stakeholders.list(workshop.id) == []
    assert "Feltet er tomt" in page.form_status.value


def test_relations_show_in_the_summary(store, workshop):
    page = _page(store, workshop)
    ids = {}
    for name in ("Skole", "PPT", "Barnevern", "Media"):
        page.edit(None)
        page.name.value = name
        ids[name] = page.save().id
    for a, b in (("Skole", "PPT"), ("PPT", "Barnevern")):
        page.source.value, page.target.value = ids[a], ids[b]
        page.relate_button.click()
    assert len(store.stakeholders.relations(workshop.id)) == 2
    assert "PPT" in page.summary.value and "Media" in page.summary.value
    assert page.network_image.png.startswith(PNG) and page.network_image.alt.startswith("Relasjonsnettverk.")


def test_another_laptops_change_is_picked_up(make_store, store, workshop):
    page = _page(make_store(), workshop)
    assert page.refresh() is False
    store.stakeholders.save(Stakeholder(workshop.id, "Frivilligsentralen", "frivillighet", 4, 2))
    assert page.refresh() is True
    assert "Frivilligsentralen" in page.plan.value


def test_downloads_offer_every_format(store, workshop):
    store.stakeholders.save(Stakeholder(workshop.id, "Ungdomsrådet", "brukere", 5, 2))
    page = _page(store, workshop)
    page.export_button.click()
    for name in ("interessentkart.png", "interessentkart.svg", "interessentkart.pdf",
                 "interessenter.xlsx", "interessenter.csv"):
        assert f'download="{name}"' in page.downloads.value


def test_uploading_a_spreadsheet_keeps_good_rows_and_lists_bad_ones(store, workshop):
    page = _page(store, workshop)
    content = b"navn,sektor,interesse,innflytelse\nPPT,oppvekst,4,3\n,helse,3,3\nNAV,nav,sju,2\n"
    page.import_files([{"name": "liste.csv", "content": memoryview(content)}])
    assert [s.name for s in store.stakeholders.list(workshop.id)] == ["PPT"]
    assert "Importerte 1" in page.upload_status.value
    assert page.upload_status.value.count("<li>") == 2
    assert "PPT" in page.plan.value


def _upload(page, name: str, content: bytes) -> None:
    """Hand ``content`` to the page's upload widget as the browser does (which starts the import)."""
    page.upload.value = ({"name": name, "type": "text/csv", "size": len(content),
                          "last_modified": datetime.now(UTC), "content": memoryview(content)},)


def _disk_full_after(store, pages: int) -> None:
    """Let ``store`` write only ``pages`` more database pages: a disk that fills up during an import."""
    count = store.db._db.execute("PRAGMA page_count").fetchone()[0]
    store.db._db.execute(f"PRAGMA max_page_count = {count + pages}")


def test_an_upload_that_fails_half_way_stores_none_of_it_and_says_so(store, workshop):
    """400 rows of 1.5 kB do not fit in 20 pages: saving fails part-way through, and no row is kept."""
    page = _page(store, workshop)
    rows = "".join(f"Interessent {i},3,4,{'n' * 1500}\n" for i in range(400))
    _disk_full_after(store, 20)
    _upload(page, "liste.csv", ("navn,interesse,innflytelse,notater\n" + rows).encode())
    assert store.stakeholders.list(workshop.id) == [] and store.stakeholders.moves(workshop.id) == []
    assert "Disken er full" in page.upload_status.value and "Importerte" not in page.upload_status.value
    assert page.upload.value == ()  # the same file can be chosen again once there is room
    assert page.listing.options == ()


def test_the_discussion_can_be_replayed_move_by_move(store, workshop):
    page = _page(store, workshop)
    page.name.value = "Barnevern"
    page.save_button.click()
    page.interest.value, page.influence.value = 5, 5
    page.save_button.click()
    assert page.history.max == 2
    page.history.value = 1
    assert "Flytt 1 av 2" in page.history_label.value and "Barnevern" in page.history_label.value
    first = page.history_image.png
    page.history.value = 2
    assert page.history_image.png.startswith(PNG) and page.history_image.png != first


def test_a_stakeholder_with_the_municipalitys_own_sector_opens_and_keeps_it(store, workshop):
    """A register's own sector ("Tillitsvalgte") is in the menu, so editing the stakeholder keeps it."""
    store.stakeholders.save(Stakeholder(workshop.id, "Fellesutvalget", "Tillitsvalgte", 2, 4))
    page = _page(store, workshop)
    [item] = page.items
    page.edit(item)
    assert page.sector.value == "Tillitsvalgte"
    page.interest.value = 4
    page.save()
    assert [(s.name, s.sector, s.interest) for s in store.stakeholders.list(workshop.id)] == [
        ("Fellesutvalget", "Tillitsvalgte", 4)]


def test_a_stakeholder_on_the_midline_is_marked_and_the_rule_is_shown(store, workshop):
    page = _page(store, workshop)
    page.interest.value, page.influence.value = 3, 5
    assert "Nøkkelspillere (på midtlinjen)" in page.placement.value
    page.interest.value = 4
    assert "midtlinjen" not in page.placement.value
    page.name.value = "Kommunestyret"
    page.interest.value = 3
    page.save_button.click()
    assert "Nøkkelspillere (på midtlinjen)" in page.plan.value
    assert "3 står på midtlinjen og er her regnet som høy" in page.plan.value


# --- names staff type are checked, not masked (issue 16, item 7) --------------------------

WARNING = "Dette ser ut som et personnavn: bruk en rolle eller en gruppe"


def test_an_organisation_name_is_stored_and_shown_as_typed_without_a_warning(store, workshop):
    page = _page(store, workshop)
    page.name.value = "NAV Nordby"
    page.save_button.click()
    [stored] = store.stakeholders.list(workshop.id)
    assert stored.name == "NAV Nordby"
    assert page.name_check.message.value == "" and not page.name_check.waiting
    assert "«NAV Nordby» er lagret" in page.form_status.value
    assert "NAV Nordby" in page.plan.value and "[navn]" not in page.plan.value
    assert page.listing.options[0][0].startswith("NAV Nordby")
    assert "NAV Nordby" in page.grid_image.alt


def test_a_persons_name_waits_for_staff_and_is_stored_as_typed_when_confirmed(store, workshop):
    page = _page(store, workshop)
    page.name.value = "Kari Nordmann"
    page.save_button.click()
    assert store.stakeholders.list(workshop.id) == []  # nothing stored until staff choose
    assert WARNING in page.name_check.message.value and "«Kari Nordmann»" in page.name_check.message.value
    assert page.name_check.buttons.layout.display is None and page.form_status.value == ""
    page.name_check.confirm_button.click()
    [stored] = store.stakeholders.list(workshop.id)
    assert stored.name == "Kari Nordmann"
    assert page.name_check.message.value == "" and page.name_check.buttons.layout.display == "none"
    assert "«Kari Nordmann» er lagret" in page.form_status.value and "Kari Nordmann" in page.plan.value
    page.influence.value = 5  # moving it does not ask again
    page.save_button.click()
    assert [s.influence for s in store.stakeholders.list(workshop.id)] == [5] and not page.name_check.waiting


def test_rephrasing_stores_nothing_and_the_new_text_is_stored(store, workshop):
    page = _page(store, workshop)
    page.name.value = "Rektor Hansen"
    page.save_button.click()
    page.name_check.rephrase_button.click()
    assert store.stakeholders.list(workshop.id) == []
    assert "Ikke lagret" in page.name_check.message.value
    page.name.value = "Rektorene i Nordby"
    page.save_button.click()
    assert [s.name for s in store.stakeholders.list(workshop.id)] == ["Rektorene i Nordby"]


def test_text_changed_after_the_warning_is_checked_again(store, workshop):
    page = _page(store, workshop)
    page.name.value = "Kari Nordmann"
    page.save_button.click()
    page.name.value = "Ola Hansen"
    page.name_check.confirm_button.click()  # confirms what was shown, not what is typed now
    assert store.stakeholders.list(workshop.id) == []
    assert "«Ola Hansen»" in page.name_check.message.value
    page.name_check.confirm_button.click()
    assert [s.name for s in store.stakeholders.list(workshop.id)] == ["Ola Hansen"]


def test_a_phone_number_is_masked_and_the_page_says_so(store, workshop):
    page = _page(store, workshop)
    page.name.value = "Helsestasjonen i Nordby"
    page.texts["contact_role"].value = "Helsesykepleier, 912 34 567"
    page.save_button.click()
    [stored] = store.stakeholders.list(workshop.id)
    assert (stored.name, stored.contact_role) == ("Helsestasjonen i Nordby", "Helsesykepleier, [telefon]")
    assert "byttet ut: telefon" in page.form_status.value


def test_the_warning_speaks_english_on_an_english_page(store, workshop):
    page = StakeholderPage(store, PageRequest.from_query_string(f"verksted={workshop.id}&lang=en"))
    page.name.value = "Kari Nordmann"
    page.save_button.click()
    assert "This looks like a person&#x27;s name: use a role or a group" in page.name_check.message.value
    assert page.name_check.confirm_button.description == "Save as typed"


def test_an_uploaded_register_keeps_organisations_and_names_rows_with_a_persons_name(store, workshop):
    page = _page(store, workshop)
    content = b"navn,interesse,innflytelse\nPsykisk helse Nordby,4,3\nKari Nordmann,3,3\n"
    page.import_files([{"name": "liste.csv", "content": memoryview(content)}])
    assert [s.name for s in store.stakeholders.list(workshop.id)] == ["Psykisk helse Nordby", "[navn]"]
    assert "Rad 3: «navn» ser ut som et personnavn" in page.upload_status.value
    assert "Kari" not in page.upload_status.value
