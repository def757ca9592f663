"""The notebooks run headless (nbclient), as Voilà would run them, without errors."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from samskaping.server.launch import notebook_dir
from samskaping.store import Store

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _run(name: str) -> nbformat.NotebookNode:
    nb = nbformat.read(notebook_dir() / name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    return nb


def _outputs(nb):
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


@pytest.mark.slow
def test_participant_notebook_shows_the_joined_workshop(tmp_path, monkeypatch):
    with Store(tmp_path / "samskaping.sqlite3") as store:
        from samskaping.core.models import Workshop

        workshop = store.workshops.create(Workshop(title="Notatbok-test", question="Spørsmålet?"))
    monkeypatch.setenv("SAMSKAPING_DATA", str(tmp_path))
    monkeypatch.setenv("QUERY_STRING", f"kode={workshop.join_code}")
    nb = _run("deltaker.ipynb")
    outputs = _outputs(nb)
    assert not [out for out in outputs if out.output_type == "error"]
    assert any(WIDGET_VIEW in out.get("data", {}) for out in outputs)
    state = json.dumps(nb.metadata.get("widgets", {}))
    assert "Spørsmålet?" in state or "Sp\\u00f8rsm\\u00e5let?" in state


@pytest.mark.slow
def test_facilitator_notebook_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMSKAPING_DATA", str(tmp_path))
    monkeypatch.delenv("QUERY_STRING", raising=False)
    nb = _run("fasilitator.ipynb")
    outputs = _outputs(nb)
    assert not [out for out in outputs if out.output_type == "error"]
    assert any(WIDGET_VIEW in out.get("data", {}) for out in outputs)


def test_notebooks_are_committed_without_outputs_and_hold_no_logic():
    for path in notebook_dir().glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name
                code = [line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")]
                assert len(code) <= 3, f"{path.name}: a notebook only wires a page from the package"


@pytest.mark.slow
def test_stakeholder_notebook_runs(tmp_path, monkeypatch):
    with Store(tmp_path / "samskaping.sqlite3") as store:
        from samskaping.core.models import Workshop
        from samskaping.stakeholders.model import Stakeholder

        workshop = store.workshops.create(Workshop(title="Kartlegging"))
        store.stakeholders.save(Stakeholder(workshop.id, "Barnevernstjenesten", "oppvekst", 5, 5))
    monkeypatch.setenv("SAMSKAPING_DATA", str(tmp_path))
    monkeypatch.setenv("QUERY_STRING", f"verksted={workshop.id}")
    nb = _run("interessenter.ipynb")
    outputs = _outputs(nb)
    assert not [out for out in outputs if out.output_type == "error"]
    assert "Barnevernstjenesten" in json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["tjenestereise.ipynb", "ideer.ipynb", "fasilitator.ipynb", "deltaker.ipynb",
                                  "vegg.ipynb"])
def test_every_page_runs_with_the_demo_workshop(tmp_path, monkeypatch, name):
    from samskaping.demo import create_demo

    with Store(tmp_path / "samskaping.sqlite3") as store:
        workshop = create_demo(store)
    monkeypatch.setenv("SAMSKAPING_DATA", str(tmp_path))
    monkeypatch.setenv("QUERY_STRING", f"verksted={workshop.id}&kode={workshop.join_code}")
    nb = _run(name)
    outputs = _outputs(nb)
    assert not [out for out in outputs if out.output_type == "error"], name
    assert any(WIDGET_VIEW in out.get("data", {}) for out in outputs)
