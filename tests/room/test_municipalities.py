"""A joint project of several municipalities: each phone may say which kommune it comes from."""

from __future__ import annotations

import json

from helpers import html_of
from samskaping.core.models import Workshop
from samskaping.pages.participant import ParticipantPage
from samskaping.pages.request import PageRequest
from samskaping.projects.model import Project
from samskaping.reports.build import build_report
from samskaping.store.archive import envelope


def _phone(store, workshop, device):
    return ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id=device)


def test_phones_say_their_kommune_and_the_report_counts_them(store):
    project = store.projects.create(Project("Felles plan", municipalities=("Nordby", "Sørvik", "Austvik")))
    workshop = store.workshops.create(Workshop("Samskapingsdag"), project_id=project.id)
    for device, kommune in (("p1", "Nordby"), ("p2", "Sørvik"), ("p3", "Nordby"), ("p4", "")):
        phone = _phone(store, workshop, device)
        assert phone.arrival_kommune.layout.display is None
        phone.arrival_kommune.value = kommune
        phone.arrival_group.value = "ansatt"
    assert sorted(a.municipality for a in store.room.arrivals(workshop.id)) == ["", "Nordby", "Nordby", "Sørvik"]
    again = _phone(store, workshop, "p2")  # a reload shows the choice
    assert again.arrival_kommune.value == "Sørvik"
    attendance = next(s for s in build_report(store, workshop.id).sections if s.key == "attendance")
    assert "Per kommune: Nordby 2, Sørvik 1." in html_of_blocks(attendance)
    data = store.archive.export_workshop(workshop.id)
    copy = store.archive.import_workshop(json.loads(envelope(data)))
    assert sorted(a.municipality for a in store.room.arrivals(copy.id)) == ["", "Nordby", "Nordby", "Sørvik"]


def test_a_project_of_one_municipality_asks_nothing(store):
    project = store.projects.create(Project("Eget prosjekt", municipalities=("Nordby",)))
    workshop = store.workshops.create(Workshop("Idédugnad"), project_id=project.id)
    phone = _phone(store, workshop, "p1")
    assert phone.arrival_kommune.layout.display == "none"
    assert phone.arrival_from.label == "Vil ikke si"  # the list says its empty choice, not a blank line
    assert "kommune" not in html_of(phone.arrival).lower()


def html_of_blocks(section) -> str:
    return " ".join(getattr(block, "text", "") for block in section.blocks)
