"""The coordinator's project page, driven through its widgets without a browser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from samskaping.core.models import Workshop
from samskaping.goals.model import Goal
from samskaping.ideas.model import Concept
from samskaping.pages.project import ProjectPage
from samskaping.pages.request import PageRequest
from samskaping.projects.model import Project
from samskaping.risks.model import Risk, Thresholds

PNG = b"\x89PNG\r\n\x1a\n"
HOSTILE = "<img src=x onerror=alert(1)>"
WARNING = "Dette ser ut som et personnavn: bruk en rolle eller en gruppe"


@pytest.fixture
def project(store) -> Project:
    return store.projects.create(Project("0-24 samarbeid", municipalities="Nordby, Sørvik"))


@pytest.fixture
def innsikt(store, project) -> Workshop:
    return store.workshops.create(Workshop("Innsiktsworkshop", phase="innsikt"), project_id=project.id)


def _page(store, ref: str) -> ProjectPage:
    return ProjectPage(store, PageRequest.from_query_string(f"prosjekt={ref}"))


def _upload(widget, name: str, content: bytes) -> None:
    """Hand ``content`` to an upload widget as the browser does (which starts the import)."""
    widget.value = ({"name": name, "type": "text/csv", "size": len(content),
                     "last_modified": datetime.now(UTC), "content": memoryview(content)},)


def _fill_risk(panel, title: str, likelihood: int | None, consequence: int | None, **texts: str) -> None:
    panel.title.value = title
    panel.likelihood.value, panel.consequence.value = likelihood, consequence
    for name, value in texts.items():
        getattr(panel, name).value = value


# --- the project ---------------------------------------------------------------------------


def test_a_workshops_code_opens_its_project_with_phase_municipalities_and_workshop_links(store, project, innsikt):
    second = store.workshops.create(Workshop("Idédugnad"), project_id=project.id)
    page = _page(store, second.join_code)
    assert page.project.id == project.id and page.picker.value == project.id
    assert "0-24 samarbeid" in page.heading.value and page.content.layout.display is None
    assert page.phase.value == "forankring"
    assert "Kommuner: Nordby, Sørvik" in page.overview.value
    for workshop in (innsikt, second):
        assert f'href="/voila/render/fasilitator.ipynb?verksted={workshop.id}"' in page.overview.value
        assert f"kode {workshop.join_code}" in page.overview.value


def test_the_phase_is_saved_when_chosen(store, project):
    page = _page(store, project.id)
    page.phase.value = "pilotering"
    assert store.projects.get(project.id).phase == "pilotering"
    assert "Prosjektet er nå i fasen «Pilotering»" in page.phase_status.value


def test_an_unknown_project_is_named_in_norwegian(store, project):
    page = _page(store, "FINNESIKKE")
    assert "Fant ikke prosjektet «FINNESIKKE»" in page.heading.value
    assert page.project is None and page.content.layout.display == "none"


def test_the_picker_opens_another_project(store, project):
    other = store.projects.create(Project("Sammen mot vold"))
    page = _page(store, project.id)
    assert {value for _, value in page.picker.options} == {project.id, other.id}
    page.picker.value = other.id
    assert page.project.id == other.id and "Sammen mot vold" in page.heading.value


# --- risks ------------------------------------------------------------------------------------


def test_adding_a_risk_through_the_form_stores_it_and_redraws_matrix_and_table(store, project):
    page = _page(store, project.id)
    panel = page.risk_panel
    empty_matrix = panel.matrix.png
    assert empty_matrix.startswith(PNG) and "uten risikoer" in panel.matrix.alt
    assert [label for label, _ in panel.likelihood.options][0] == "1 – Meget liten"
    assert [label for label, _ in panel.consequence.options][-1] == "5 – Svært alvorlig"
    _fill_risk(panel, "Prosjektet forankres ikke blant ansatte", 4, 4, measures="Informasjon på personalmøter",
               owner="Prosjektledelsen")
    panel.status.value = "tiltak"
    panel.save_button.click()
    [risk] = store.risks.list(project.id)
    assert (risk.nr, risk.title, risk.likelihood, risk.consequence, risk.owner, risk.status) == (
        1, "Prosjektet forankres ikke blant ansatte", 4, 4, "Prosjektledelsen", "tiltak")
    assert "Risiko nr. 1 er lagret" in panel.form_status.value
    assert panel.matrix.png.startswith(PNG) and panel.matrix.png != empty_matrix
    assert "Høy: Nr. 1 (4 × 4 = 16)" in panel.matrix.alt
    for text in ("Prosjektet forankres ikke blant ansatte", "<td class=\"sk-num\">16</td>", "Høy", "Tiltak pågår",
                 "Informasjon på personalmøter", "Prosjektledelsen"):
        assert text in panel.table.value, text
    assert panel.pick.value == risk.id and "Endre risiko nr. 1" in panel.form_title.value


def test_a_risk_without_a_likelihood_is_refused_in_norwegian_and_nothing_is_stored(store, project):
    page = _page(store, project.id)
    panel = page.risk_panel
    _fill_risk(panel, "Koordinator slutter", None, 4)
    panel.save_button.click()
    assert store.risks.list(project.id) == []
    assert "Velg sannsynlighet fra 1 til 5: 1 = Meget liten" in panel.form_status.value
    assert 'role="alert"' in panel.form_status.value
    _fill_risk(panel, "   ", 2, 4)
    panel.save_button.click()
    assert store.risks.list(project.id) == [] and "Feltet er tomt" in panel.form_status.value


def test_a_risk_is_changed_in_place_and_deleted_only_on_the_second_press(store, project):
    risk = store.risks.save(Risk(project.id, "Ingen møter i styringsgruppen", 2, 3))
    page = _page(store, project.id)
    panel = page.risk_panel
    panel.pick.value = risk.id
    assert (panel.title.value, panel.likelihood.value, panel.consequence.value) == (risk.title, 2, 3)
    panel.consequence.value = 5
    panel.save_button.click()
    assert [(r.id, r.consequence) for r in store.risks.list(project.id)] == [(risk.id, 5)]
    panel.delete_button.click()
    assert len(store.risks.list(project.id)) == 1 and panel.delete_button.description == "Slett for godt?"
    panel.delete_button.click()
    assert store.risks.list(project.id) == []
    assert "Risiko nr. 1 er slettet" in panel.form_status.value and panel.pick.value == ""
    assert panel.title.value == "" and panel.delete_button.disabled


def test_a_persons_name_as_owner_waits_for_the_name_check(store, project):
    page = _page(store, project.id)
    panel = page.risk_panel
    _fill_risk(panel, "Koordinator slutter", 2, 4, owner="Kari Nordmann")
    panel.save_button.click()
    assert store.risks.list(project.id) == []
    assert WARNING in panel.name_check.message.value and "«Kari Nordmann»" in panel.name_check.message.value
    panel.name_check.confirm_button.click()
    assert [r.owner for r in store.risks.list(project.id)] == ["Kari Nordmann"]
    assert "Risiko nr. 1 er lagret" in panel.form_status.value


def test_uploading_a_sheet_merges_by_number_and_lists_the_problems_in_norwegian(store, project):
    store.risks.save(Risk(project.id, "Koordinator slutter", 1, 1, nr=1))
    page = _page(store, project.id)
    panel = page.risk_panel
    sheet = ("Nr;Risiko;Sannsynlighet;Konsekvens;Ansvarlig\n"
             "1;Koordinator slutter;Liten;Alvorlig;Kommunalsjef\n"
             "2;Ingen møter;høy;3;\n"
             "3;Rutiner tas ikke i bruk;3;Svært alvorlig;Prosjektleder\n").encode("cp1252")
    _upload(panel.upload, "ros.csv", sheet)
    risks = store.risks.list(project.id)
    assert [(r.nr, r.title, r.likelihood, r.consequence) for r in risks] == [
        (1, "Koordinator slutter", 2, 4), (3, "Rutiner tas ikke i bruk", 3, 5)]
    assert "Leste inn 2 risikoer: 1 nye og 1 oppdatert" in panel.upload_status.value
    assert "Rad 3: sannsynlighet «høy» er ikke på skalaen" in panel.upload_status.value
    assert panel.upload.value == ()  # the same file can be chosen again
    assert "Rutiner tas ikke i bruk" in panel.table.value and "Nr. 3 (3 × 5 = 15)" in panel.matrix.alt


def test_an_unreadable_file_says_what_to_do(store, project):
    page = _page(store, project.id)
    _upload(page.risk_panel.upload, "ros.docx", b"PK\x03\x04")
    assert store.risks.list(project.id) == []
    assert "Leste inn 0 risikoer" in page.risk_panel.upload_status.value
    assert "Filen «ros.docx» kan ikke leses" in page.risk_panel.upload_status.value


def test_a_risk_imported_from_the_command_line_appears_on_the_next_poll(make_store, store, project):
    page = _page(make_store(), project.id)
    assert page.refresh() is False
    store.risks.merge(project.id, [Risk(project.id, "Frivillige trekker seg", 3, 3, nr=4)])
    assert page.refresh() is True
    assert "Frivillige trekker seg" in page.risk_panel.table.value
    assert page.refresh() is False


def test_risk_downloads_offer_json_excel_csv_png_and_pdf(store, project):
    store.risks.save(Risk(project.id, "Brukerstemmen tas ikke med", 3, 4))
    page = _page(store, project.id)
    page.risk_panel.export_button.click()
    for name in ("risikovurdering.json", "risikovurdering.xlsx", "risikovurdering.csv", "risikomatrise.png",
                 "risikomatrise.pdf"):
        assert f'download="{name}"' in page.risk_panel.downloads.value


# --- goals ------------------------------------------------------------------------------------


def _add_goal(panel, level: str, text: str, **fields: str) -> Goal | None:
    panel.level.value = level
    panel.text.value = text
    for name, value in fields.items():
        panel.fields[name].value = value
    return panel.add()


def test_a_goal_is_added_under_the_goal_one_level_up(store, project):
    page = _page(store, project.id)
    panel = page.goal_panel
    assert panel.parent.options == (("Ingen: et samfunnsmål står øverst", ""),)
    top = _add_goal(panel, "samfunnsmal", "Trygg oppvekst i Nordby")
    panel.level.value = "effektmal"
    assert panel.parent.options == (("1 Trygg oppvekst i Nordby", top.id),) and panel.parent.value == top.id
    effect = _add_goal(panel, "effektmal", "Tidlig hjelp til familiene")
    assert "Effektmål 1.1 er lagt til" in panel.form_status.value
    panel.level.value = "resultatmal"
    assert panel.parent.value == effect.id
    _add_goal(panel, "resultatmal", "Felles rutiner for bekymring", indicator="Andel skoler med rutinen",
              source="Spørreskjema", when="Juni 2026", owner="Oppvekstsjef")
    stored = {g.text: g for g in store.goals.list(project.id)}
    assert stored["Tidlig hjelp til familiene"].parent_id == top.id
    assert stored["Felles rutiner for bekymring"].parent_id == effect.id
    assert "1.1.1 Resultatmål:" in panel.listing.value and "Indikator: Andel skoler med rutinen" in panel.listing.value
    assert panel.tree_image.png.startswith(PNG) and "Resultatmål 1.1.1: Felles rutiner" in panel.tree_image.alt
    assert "Målene henger sammen" in panel.checks.value
    assert panel.text.value == "" and panel.level.value == "resultatmal"  # ready for the next sibling


def test_a_goal_is_changed_and_deleted_from_the_form_but_not_one_with_goals_under_it(store, project):
    page = _page(store, project.id)
    panel = page.goal_panel
    top = _add_goal(panel, "samfunnsmal", "Trygg oppvekst i Nordby")
    effect = _add_goal(panel, "effektmal", "Tidlig hjelp")
    assert panel.delete_button.layout.display == "none"
    panel.pick.value = effect.id
    assert (panel.level.value, panel.parent.value, panel.text.value) == ("effektmal", top.id, "Tidlig hjelp")
    assert panel.add_button.description == "Lagre endringene" and panel.delete_button.layout.display is None
    panel.text.value = "Tidlig og samordnet hjelp"
    panel.fields["owner"].value = "Kommunalsjef oppvekst"
    assert panel.add() is not None and "Effektmål 1.1 er endret" in panel.form_status.value
    stored = store.goals.list(project.id)
    assert [(g.id, g.text) for g in stored] == [(top.id, "Trygg oppvekst i Nordby"),
                                               (effect.id, "Tidlig og samordnet hjelp")]
    assert stored[1].owner == "Kommunalsjef oppvekst" and stored[1].nr == effect.nr
    assert panel.pick.value == "" and panel.add_button.description == "Legg til målet"
    panel.pick.value = top.id
    panel.delete_button.click()
    panel.delete_button.click()
    assert "Målet har 1 mål under seg" in panel.form_status.value and len(store.goals.list(project.id)) == 2
    panel.pick.value = effect.id
    panel.delete_button.click()
    panel.delete_button.click()
    assert [g.id for g in store.goals.list(project.id)] == [top.id] and "Slettet mål 1.1" in panel.form_status.value
    assert "Tidlig og samordnet" not in panel.listing.value


def test_an_empty_goal_is_refused_in_norwegian(store, project):
    page = _page(store, project.id)
    assert _add_goal(page.goal_panel, "samfunnsmal", "  ") is None
    assert store.goals.list(project.id) == [] and "Feltet er tomt" in page.goal_panel.form_status.value


def test_the_checks_are_shown_as_warnings_and_a_linked_concept_leaves_them(store, project, innsikt):
    concept = store.concepts.save(Concept(innsikt.id, "Nærværsteam"))
    top = store.goals.save(Goal(project.id, "samfunnsmal", "Trygg oppvekst"))
    store.goals.save(Goal(project.id, "resultatmal", "Alle ansatte kurset", parent_id=top.id))
    page = _page(store, project.id)
    panel = page.goal_panel
    assert 'class="sk-warning"' in panel.checks.value
    for text in ("«Alle ansatte kurset» har ingen indikator", "ligger under samfunnsmål «Trygg oppvekst»",
                 "Konseptet «Nærværsteam» er ikke knyttet til noe mål"):
        assert text in panel.checks.value, text
    panel.link_concept.value, panel.link_goal.value = concept.id, top.id
    panel.link_button.click()
    assert [(link.goal_id, link.concept_id) for link in store.goals.links(project.id)] == [(top.id, concept.id)]
    assert "Nærværsteam" not in panel.checks.value and "knyttet til mål 1" in panel.link_status.value


def test_uploading_goals_hangs_each_under_the_one_above_and_lists_bad_rows(store, project):
    page = _page(store, project.id)
    panel = page.goal_panel
    sheet = ("Nivå;Mål;Indikator\nHovedmål;Trygg oppvekst;\nDelmål;Færre bekymringsmeldinger;\n"
             "Tiltak;Kurs for ansatte;\nResultatmål;Felles rutiner;Andel skoler\n").encode("cp1252")
    _upload(panel.upload, "mål.csv", sheet)
    goals = {g.text: g for g in store.goals.list(project.id)}
    assert set(goals) == {"Trygg oppvekst", "Færre bekymringsmeldinger", "Felles rutiner"}
    assert goals["Felles rutiner"].parent_id == goals["Færre bekymringsmeldinger"].id
    assert "Leste inn 3 mål" in panel.upload_status.value
    assert "Rad 4: nivået «Tiltak» kjenner vi ikke" in panel.upload_status.value
    panel.replace.value = True
    _upload(panel.upload, "mål.csv", "Nivå;Mål\nSamfunnsmål;Gode oppvekstvilkår\n".encode())
    assert [g.text for g in store.goals.list(project.id)] == ["Gode oppvekstvilkår"]
    assert "De 3 målene som var der, er erstattet" in panel.upload_status.value and panel.replace.value is False


def test_goal_downloads_offer_json_excel_csv_png_and_pdf(store, project):
    store.goals.save(Goal(project.id, "samfunnsmal", "Trygg oppvekst"))
    page = _page(store, project.id)
    page.goal_panel.export_button.click()
    for name in ("mål.json", "mål.xlsx", "mål.csv", "måltre.png", "måltre.pdf"):
        assert f'download="{name}"' in page.goal_panel.downloads.value


# --- escaping ---------------------------------------------------------------------------------


def test_hostile_text_is_shown_escaped_everywhere(store):
    project = store.projects.create(Project(f"Prosjekt {HOSTILE}", municipalities=[HOSTILE]))
    workshop = store.workshops.create(Workshop(f"Verksted {HOSTILE}"), project_id=project.id)
    store.concepts.save(Concept(workshop.id, f"Konsept {HOSTILE}"))
    page = _page(store, project.id)
    _fill_risk(page.risk_panel, HOSTILE, 3, 3, measures=HOSTILE, owner=HOSTILE)
    page.risk_panel.save_button.click()
    assert [r.title for r in store.risks.list(project.id)] == [HOSTILE]
    _add_goal(page.goal_panel, "effektmal", HOSTILE, indicator=HOSTILE)  # no parent: a check quotes its text
    assert [g.text for g in store.goals.list(project.id)] == [HOSTILE]
    shown = {
        "heading": page.heading.value, "overview": page.overview.value, "table": page.risk_panel.table.value,
        "risk status": page.risk_panel.form_status.value, "listing": page.goal_panel.listing.value,
        "checks": page.goal_panel.checks.value, "tree": page.goal_panel.tree_image.widget.value,
    }
    for name, value in shown.items():
        assert "<img src=x" not in value, name
    for name in ("overview", "table", "listing", "checks", "tree"):
        assert "&lt;img src=x onerror=alert(1)&gt;" in shown[name], name
    assert page.risk_panel.form_title.value == "<h3>Endre risiko nr. 1</h3>"


def test_roles_milestones_and_a_forankringsplan_on_the_project_page(store):
    from samskaping.demo import create_demo
    from samskaping.pages.project import ProjectPage
    from samskaping.pages.request import PageRequest

    workshop = create_demo(store)
    page = ProjectPage(store, PageRequest.from_query_string(f"prosjekt={workshop.join_code}"))
    org = page.organisation
    org.kind.value, org.holder.value, org.duties.value = "prosjektleder", "Kommunalsjef oppvekst", "Leder arbeidet"
    assert org.add_role() is not None
    org.milestone.value, org.due.value, org.owner.value = "Prosjektplan vedtatt", "1.3.2027", "Prosjektleder"
    assert org.add_milestone() is not None
    org.milestone.value, org.due.value = "Underveisvurdering", "Vår 2028"
    milestone = org.add_milestone()
    assert (milestone.due, milestone.due_text) == (None, "Vår 2028")
    org.milestone.value, org.due.value = "Umulig dato", "31.02.2028"
    assert org.add_milestone() is None and "sk-error" in org.form_status.value
    added = org.make_forankring()
    assert added > 0 and org.make_forankring() == 0  # each stakeholder once
    project = store.projects.get(workshop.id)
    assert [r.holder for r in store.organisation.list("roles", project.id)] == ["Kommunalsjef oppvekst"]
    assert [m.title for m in store.organisation.list("milestones", project.id)] == [
        "Prosjektplan vedtatt", "Underveisvurdering"]
    assert "Kommunalsjef oppvekst" in org.tables.value and "Vår 2028" in org.tables.value
    assert org.gantt.png.startswith(b"\x89PNG") and "Prosjektplan vedtatt" in org.gantt.alt


def test_meetings_and_pilots_are_added_on_the_page_and_any_row_can_be_removed(store, project, innsikt):
    concept = store.concepts.save(Concept(innsikt.id, "Nærværsteam", "Følger opp fravær tidlig"))
    page = _page(store, project.id)
    org = page.organisation
    assert (concept.name, concept.id) in org.concept.options
    org.meeting.value, org.frequency.value, org.participants.value = "Arbeidsgruppe", "Hver måned", "Arbeidsgruppa"
    org.agenda.value = HOSTILE
    assert org.add_meeting() is not None and org.meeting.value == ""
    org.concept.value, org.place.value, org.start.value, org.end.value = concept.id, "Ungdomsskolen", "1.3.2027", ""
    org.measures.value = "Fravær per måned"
    pilot = org.add_pilot()
    assert (pilot.title, pilot.concept_id, str(pilot.start)) == ("Nærværsteam", concept.id, "2027-03-01")
    assert pilot.end is None
    org.pilot.value, org.start.value = "Foreldrekurs", "Vår 2027"  # a season is not a start date
    assert org.add_pilot() is None and "«Vår 2027» er ikke én dag" in org.form_status.value
    org.start.value, org.end.value = "1.6.2027", "1.5.2027"
    assert org.add_pilot() is None and "sk-error" in org.form_status.value
    assert [p.title for p in store.organisation.list("pilots", project.id)] == ["Nærværsteam"]
    tables = org.tables.value
    assert "Arbeidsgruppe" in tables and "Ungdomsskolen" in tables and "Fravær per måned" in tables
    assert HOSTILE not in tables and "&lt;img src=x" in tables
    assert "Nærværsteam" in org.gantt.alt
    labels = dict(org.remove_choice.options)
    assert "Utprøving: Nærværsteam" in labels and "Møte: Arbeidsgruppe" in labels
    org.remove_choice.value = labels["Møte: Arbeidsgruppe"]
    org.remove_button.click()
    assert store.organisation.list("meetings", project.id) != []  # the first press only asks
    org.remove_button.click()
    assert store.organisation.list("meetings", project.id) == []
    assert "Fjernet: Møte: Arbeidsgruppe" in org.form_status.value
    assert "Møte: Arbeidsgruppe" not in dict(org.remove_choice.options)


# --- the ideas of all the workshops ------------------------------------------------------------


def test_the_idea_pool_groups_every_workshops_ideas_and_says_where_each_came_from(store, project, innsikt):
    from samskaping.ideas.model import Idea
    from samskaping.room.model import Arrival

    page = _page(store, project.id)
    assert "har ingen idéer ennå" in page.ideas.counts.value and page.ideas.button.disabled
    dugnad = store.workshops.create(Workshop("Idédugnad"), project_id=project.id)
    store.room.register_arrival(Arrival(dugnad.id, "nordby", "ansatt", municipality="Nordby"))
    store.room.register_arrival(Arrival(dugnad.id, "sorvik", "foresatt", municipality="Sørvik"))
    for workshop, session, text in [
        (innsikt, "a", "Leksehjelp på biblioteket"), (innsikt, "a", "Foreldrekurs om søvn"),
        (innsikt, "a", HOSTILE), (dugnad, "nordby", "Mer leksehjelp i helgene"),
        (dugnad, "sorvik", "Kurs for foreldre om skjermbruk"), (dugnad, "sorvik", "Foreldremøte om søvn"),
    ]:
        store.ideas.add(Idea(workshop.id, text, session_id=session))
    page.refresh(force=True)
    assert "6 idéer så langt: Innsiktsworkshop 3, Idédugnad 3." in page.ideas.counts.value
    assert page.ideas.municipality.options == (("Alle kommuner", ""), ("Nordby", "Nordby"), ("Sørvik", "Sørvik"))
    page.ideas.themes.value = 3
    themes = page.ideas.group()
    assert len(themes) == 3 and "6 idéer gruppert i 3 temaer" in page.ideas.status.value
    by_text = {item.idea.text: theme.id for theme in themes for item in theme.ideas}
    assert by_text["Leksehjelp på biblioteket"] == by_text["Mer leksehjelp i helgene"]  # across the workshops
    shown = page.ideas.result.value
    assert "(Idédugnad · Sørvik)" in shown and "(Innsiktsworkshop)" in shown
    assert HOSTILE not in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown
    page.ideas.municipality.value = "Sørvik"
    page.ideas.themes.value = 0
    themes = page.ideas.group()
    assert sorted(item.idea.text for theme in themes for item in theme.ideas) == [
        "Foreldremøte om søvn", "Kurs for foreldre om skjermbruk"]
    assert not page.refresh()
    store.ideas.add(Idea(dugnad.id, "Foreldrekaffe på fredager", session_id="nordby"))
    assert page.refresh()  # a new idea in any workshop is a change the project page follows
    assert "7 idéer så langt: Innsiktsworkshop 3, Idédugnad 4." in page.ideas.counts.value


def test_the_risk_levels_are_chosen_on_the_page_and_the_table_follows(store, project):
    store.risks.save(Risk(project.id, "Lav oppslutning", 3, 4))  # score 12: høy by default
    page = _page(store, project.id)
    panel = page.risk_panel
    assert "Lav: 1–4, Middels: 5–9, Høy: 10–25" in panel.help.value
    assert "Høy</td>" in panel.table.value and (panel.middels.value, panel.hoy.value) == (5, 10)
    panel.middels.value, panel.hoy.value = 6, 15
    panel.save_levels()
    assert "Lagret. Nivå: Lav: 1–5, Middels: 6–14, Høy: 15–25." in panel.levels_status.value
    assert "Middels</td>" in panel.table.value and "Høy</td>" not in panel.table.value
    assert "Middels: 6–14" in panel.help.value
    panel.middels.value, panel.hoy.value = 15, 6
    panel.save_levels()
    assert "sk-error" in panel.levels_status.value and store.risks.thresholds(project.id) == Thresholds(6, 15)
    panel.make_downloads()
    assert "risikovurdering.xlsx" in panel.downloads.value
