"""Organisations: a deployment several municipalities share keeps each one's projects and workshops to itself."""

from __future__ import annotations

import json

import pytest

from samskaping.cli import main
from samskaping.core.exceptions import InvalidInputError, ProjectNotFoundError, WorkshopNotFoundError
from samskaping.core.models import Workshop
from samskaping.projects.model import Organisation, Project
from samskaping.server.access import (
    new_secret,
    organisation_of_secret,
    reset_secret,
    secret_record,
    staff_cookie,
    staff_organisation,
)
from samskaping.store import STORE_FILENAME, Store


@pytest.fixture
def nordby(store) -> Organisation:
    return store.organisations.create(Organisation("nordby", "Nordby kommune"), secret_record(new_secret()))


def test_an_organisations_staff_find_only_its_own_workshops_and_projects(store, nordby):
    ours = store.workshops.create(Workshop("Idédugnad om fritid"), organisation="nordby")
    theirs = store.workshops.create(Workshop("Standardverkstedet"))  # the default organisation's
    assert [w.title for w in store.workshops.list(organisation="nordby")] == ["Idédugnad om fritid"]
    assert [w.title for w in store.workshops.list(organisation="standard")] == ["Standardverkstedet"]
    assert len(store.workshops.list()) == 2  # no organisation named: the command line's view of everything
    assert store.workshops.get(ours.join_code, organisation="nordby").id == ours.id
    for ref in (theirs.id, theirs.join_code):
        with pytest.raises(WorkshopNotFoundError):
            store.workshops.get(ref, organisation="nordby")  # as if it were not there
    with pytest.raises(ProjectNotFoundError):
        store.projects.get(theirs.id, organisation="nordby")
    assert store.projects.get(ours.id, organisation="nordby").organisation_id == "nordby"
    assert [p.title for p in store.projects.list(organisation="nordby")] == ["Idédugnad om fritid"]


def test_a_workshop_cannot_join_another_organisations_project(store, nordby):
    project = store.projects.create(Project("Standardprosjekt"))
    with pytest.raises(ProjectNotFoundError):
        store.workshops.create(Workshop("Innsikt"), project_id=project.id, organisation="nordby")
    with pytest.raises(InvalidInputError, match="No organisation"):
        store.workshops.create(Workshop("Innsikt"), organisation="sorvik")
    with pytest.raises(InvalidInputError) as caught:
        store.organisations.create(Organisation("nordby", "Igjen"), secret_record("x"))
    assert caught.value.reason == "organisation_exists"
    assert [w.title for w in store.workshops.list()] == []


def test_each_secret_opens_its_own_organisation_and_a_new_secret_ends_the_old_sessions(store, nordby, tmp_path):
    default_secret = reset_secret(tmp_path)
    sorvik_secret = new_secret()
    store.organisations.create(Organisation("sorvik", "Sørvik kommune"), secret_record(sorvik_secret))
    others = store.organisations.secrets()
    assert organisation_of_secret(tmp_path, default_secret, others) == "standard"
    assert organisation_of_secret(tmp_path, sorvik_secret.upper(), others) == "sorvik"
    assert organisation_of_secret(tmp_path, "feil-feil-feil-feil", others) is None
    cookie = staff_cookie(tmp_path, "sorvik", others)
    assert staff_organisation(tmp_path, cookie, others) == "sorvik"
    assert staff_organisation(tmp_path, cookie.replace("sorvik:", "nordby:"), others) is None  # not another's
    assert staff_organisation(tmp_path, "standard:" + cookie.partition(":")[2], others) is None
    store.organisations.set_secret("sorvik", secret_record(new_secret()))
    assert staff_organisation(tmp_path, cookie, store.organisations.secrets()) is None


def test_the_commands_make_an_organisation_and_keep_to_it(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "organisations", "new", "nordby", "Nordby kommune"]) == 0
    out = capsys.readouterr().out
    secret = next(line.split(":", 1)[1].strip(" ║") for line in out.splitlines() if "NØKKEL" in line)
    assert out.splitlines()[-1] == "nordby" and "Nøkkelen vises bare nå" in out
    with Store(tmp_path / STORE_FILENAME) as store:
        assert organisation_of_secret(tmp_path, secret, store.organisations.secrets()) == "nordby"
        assert secret not in (tmp_path / STORE_FILENAME).read_bytes().decode("latin-1")  # only its hash is kept
    assert main([*data, "project", "new", "Oppvekst 0-24", "--organisation", "nordby"]) == 0
    project_id = capsys.readouterr().out.split()[-1]
    assert main([*data, "new", "Idédugnad", "--project", project_id, "--organisation", "nordby"]) == 0
    assert main([*data, "new", "Et standardverksted"]) == 0
    capsys.readouterr()
    assert main([*data, "list", "--json", "--organisation", "nordby"]) == 0
    assert [w["title"] for w in json.loads(capsys.readouterr().out)] == ["Idédugnad"]
    assert main([*data, "project", "list", "--json", "--organisation", "standard"]) == 0
    assert [p["title"] for p in json.loads(capsys.readouterr().out)] == ["Et standardverksted"]
    assert main([*data, "new", "X", "--project", project_id, "--organisation", "standard"]) == 1
    assert "Fant ikke prosjektet" in capsys.readouterr().err
    assert main([*data, "organisations", "new", "Nordby Kommune!", "Feil"]) == 1
    assert "kan ikke være id til en organisasjon" in capsys.readouterr().err
    assert main([*data, "organisations", "list"]) == 0
    assert "nordby  Nordby kommune  (1 prosjekter)" in capsys.readouterr().out
