"""The organisation of a project through the store and the CLI, and into the plan."""

from __future__ import annotations

import json
from datetime import date

from samskaping.cli import main
from samskaping.demo import create_demo
from samskaping.organisation.model import Meeting, Milestone, Pilot, Responsibility, Role, Task
from samskaping.reports.plan import build_plan
from samskaping.store import STORE_FILENAME, Store

MILESTONES = ("Milepæl;Tiltak;Ansvar;Tidsramme\n"
              "Etablere arbeidsgruppe;Møte vår 2027;Koordinator;1.3.2027\n"
              "Ferdigstille prosjektplan;Arbeidsgruppemøter;Prosjektledelsen;Innen 1.5.27\n"
              "Underveisvurdering;;Arbeidsgruppa;Vår 2028\n"
              ";;;\n"
              "Sluttvurdering;;Prosjektledelsen;31.02.2028\n")


def test_every_register_is_stored_and_read_back_in_number_order(store):
    project = store.projects.get(create_demo(store).id)
    store.organisation.save(Role(project.id, "prosjektleder", holder="Kommunalsjef oppvekst"), checked=True)
    store.organisation.save(Role(project.id, "styringsgruppa", holder="Kommunedirektørens ledergruppe"), checked=True)
    first = store.organisation.save(Milestone(project.id, "Prosjektplan ferdig", due=date(2027, 5, 1), done=True))
    store.organisation.save(Milestone(project.id, "Underveisvurdering", due_text="Vår 2028"))
    task = store.organisation.save(Task(project.id, "Skrive prosjektplanen"))
    store.organisation.set_responsibility(Responsibility(task.id, "prosjektleder", "a"))
    store.organisation.set_responsibility(Responsibility(task.id, "prosjektleder", "u"))  # replaces the cell
    store.organisation.save(Meeting(project.id, "Arbeidsgruppe", frequency="Månedlig"))
    store.organisation.save(Pilot(project.id, "", "Nærværsteam", start=date(2027, 8, 1), end=date(2028, 6, 1)))
    roles = store.organisation.list("roles", project.id)
    assert [(r.nr, r.kind) for r in roles] == [(1, "prosjektleder"), (2, "styringsgruppe")]
    milestones = store.organisation.list("milestones", project.id)
    assert milestones[0] == first and milestones[0].done is True and milestones[1].due is None
    assert [(c.role_kind, c.code) for c in store.organisation.responsibilities(project.id)] == [("prosjektleder", "u")]
    plan = {s.key: s for s in build_plan(store, project.id).sections}
    assert [b.key for b in plan["organisation"].blocks] == ["roles", "responsibilities", "meetings"]
    assert [getattr(b, "key", "") for b in plan["progress"].blocks] == ["gantt", "milestones", "pilots", "progress"]


def test_milestones_from_a_sheet_and_a_forankringsplan_from_the_stakeholders(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path)]
    with Store(tmp_path / STORE_FILENAME) as store:
        code = create_demo(store).join_code
    sheet = tmp_path / "milepaeler.csv"
    sheet.write_bytes(MILESTONES.encode("cp1252"))
    assert main([*data, "organisation", "import", code, str(sheet), "--kind", "milestones"]) == 0
    out, err = capsys.readouterr()
    assert "4 milepæler lest inn" in out or "3 milepæler lest inn" in out
    assert "31.02.2028" in err  # the impossible date, by its row
    assert main([*data, "organisation", "forankring", code]) == 0
    first = capsys.readouterr().out
    assert main([*data, "organisation", "forankring", code]) == 0  # again: nothing twice
    assert "0 linjer lagt til" in capsys.readouterr().out and "linjer lagt til" in first
    assert main([*data, "organisation", "export", code, "--format", "json", "--out", "-"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [m["title"] for m in exported["milestones"]][:2] == ["Etablere arbeidsgruppe", "Ferdigstille prosjektplan"]
    purposes = {entry["purpose"] for entry in exported["forankring"]}
    assert {"involvere", "informere"} <= purposes
    out_png = tmp_path / "fremdrift.png"
    assert main([*data, "organisation", "export", code, "--format", "png", "--out", str(out_png)]) == 0
    assert out_png.read_bytes().startswith(b"\x89PNG")
