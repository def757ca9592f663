"""«Jeg kommer fra» on the phone offers groups and organisations, never a choice that names one person."""

from __future__ import annotations

import pytest

from samskaping.pages.participant import ParticipantPage
from samskaping.pages.request import PageRequest
from samskaping.room.model import ONE_PERSON_TITLES, one_person
from samskaping.stakeholders.model import Stakeholder

GROUPS = ["Helsestasjonen", "NAV Nordby", "Rektorene", "Politikere i hovedutvalget", "Kommunedirektørens ledergruppe",
          "Ungdomsrådet", "Tillitsvalgte", "Foreldre"]
ONE_PERSON = ["Kommunedirektøren", "Rådmannen", "Ordføreren", "Enhetsleder", "Enhetsleder skole", "NAV-leder",
              "Rektor ved Nordby skole", "Barnehagestyrer", "SLT-koordinator", "Kari Nordmann"]


def _options(store, workshop) -> list[str]:
    page = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id="p1")
    return [label for label, _ in page.arrival_from.options]


def test_the_list_offers_the_maps_groups_and_leaves_out_one_person_roles(store, workshop):
    for i, name in enumerate(ONE_PERSON + GROUPS):
        store.stakeholders.save(Stakeholder(workshop.id, name, "annet", 1 + i % 5, 3), checked=True)
    options = _options(store, workshop)
    assert options == ["Vil ikke si", *GROUPS]
    assert not set(ONE_PERSON) & set(options)


def test_a_map_of_only_one_person_roles_hides_the_list(store, workshop):
    store.stakeholders.save(Stakeholder(workshop.id, "Ordføreren", "politikk", 2, 5))
    page = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id="p1")
    assert [value for _, value in page.arrival_from.options] == [""]
    assert page.arrival_from.layout.display == "none"


@pytest.mark.parametrize("name", ONE_PERSON)
def test_one_person(name):
    assert one_person(name)


@pytest.mark.parametrize("name", GROUPS)
def test_not_one_person(name):
    assert not one_person(name)


def test_the_titles_are_lower_case_and_singular():
    assert all(title == title.lower() and not title.endswith(("ene", "erne")) for title in ONE_PERSON_TITLES)
