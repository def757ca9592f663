"""A whole project in one JSON file: its workshops (each as ``samskaping export`` writes it) and its registers.

A municipality moves a project to another machine, or keeps it after the workshops'
retention dates, as one file. Reading it in makes a new project (nothing stored is
overwritten): the workshops come in through the same validation and privacy guard as
any workshop export, then the risks, goals (with their parents), the concepts each goal
serves (matched by the concept's name in its workshop, since a copied workshop gets new
ids), the organisation and the evaluation over time.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from samskaping.core.exceptions import ImportFormatError
from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.models import new_id, now
from samskaping.goals.io import goals_json, ordered, read_goals_json
from samskaping.indicators.io import indicators_json, read_indicators_json
from samskaping.organisation.io import organisation_json, read_organisation_json
from samskaping.projects.model import Project
from samskaping.risks.model import Risk, SuccessFactor, Thresholds

__all__ = ["PROJECT_FORMAT", "PROJECT_VERSION", "export_project", "import_project"]

PROJECT_FORMAT = "samskaping-project"
PROJECT_VERSION = 1
_ORGANISATION = ("roles", "tasks", "forankring", "meetings", "milestones", "pilots")


def export_project(store, project_ref: str) -> str:
    """The project named by ``project_ref`` as one JSON text (hidden posts left out, as in a workshop export)."""
    project = store.projects.get(project_ref)
    workshops = store.projects.workshops(project.id)
    goals = store.goals.list(project.id)
    position = {goal.id: n for n, goal in enumerate(goals, start=1)}
    concept_of = {c.id: (n, c.name) for n, w in enumerate(workshops, start=1) for c in store.concepts.list(w.id)}
    links = [{"goal": position[link.goal_id], "workshop": concept_of[link.concept_id][0],
              "concept": concept_of[link.concept_id][1]}
             for link in store.goals.links(project.id) if link.goal_id in position and link.concept_id in concept_of]
    organisation = {kind: store.organisation.list(kind, project.id) for kind in _ORGANISATION}
    data = {
        "format": PROJECT_FORMAT,
        "version": PROJECT_VERSION,
        "project": {key: value for key, value in project.to_dict().items() if key != "id"},
        "workshops": [store.archive.export_workshop(w.id) for w in workshops],
        "risks": [r.to_dict() for r in store.risks.list(project.id)],
        "success_factors": [f.to_dict() for f in store.risks.success_factors(project.id)],
        "risk_levels": dataclasses.asdict(store.risks.thresholds(project.id)),
        "goals": json.loads(goals_json(goals))["goals"],
        "goal_links": links,
        "organisation": json.loads(organisation_json(
            responsibilities=store.organisation.responsibilities(project.id), **organisation)),
        "indicators": json.loads(indicators_json(store.indicators.plan(project.id),
                                                 store.indicators.measurements(project.id), goals)),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def import_project(store, data: dict[str, Any], *, source: str = "prosjekt.json", lang: str = DEFAULT_LANG) -> Project:
    """Store a project read from :func:`export_project`'s JSON as a new project; returns it.

    Each part is checked by its own reader; a part that does not read raises with its
    Norwegian message. The workshops come first, each all or nothing (as a workshop import).
    """
    if not isinstance(data, dict) or data.get("format") != PROJECT_FORMAT:
        raise ImportFormatError(f"{source!r} is not a samskaping project file.", path=source,
                                detail=t("import.not_an_export", lang, format=PROJECT_FORMAT))
    fields = {key: value for key, value in (data.get("project") or {}).items() if key in ("title", "phase",
                                                                                        "municipalities")}
    project = store.projects.create(Project(**fields))
    register: dict[str, str] = {}  # every workshop's export carries the shared register: store it once
    workshops = [store.archive.import_workshop(item, source=source, lang=lang, project_id=project.id,
                                               register=register)
                 for item in data.get("workshops") or []]
    store.risks.merge(project.id, [Risk.from_dict({**item, "project_id": project.id, "id": None} | _fresh())
                                   for item in data.get("risks") or []])
    if isinstance(data.get("risk_levels"), dict):  # files from before risk levels were chosen per project lack it
        levels = data["risk_levels"]
        store.risks.set_thresholds(project.id, Thresholds(levels.get("middels"), levels.get("hoy")))
    for item in data.get("success_factors") or []:
        store.risks.save_success_factor(SuccessFactor.from_dict({**item, "project_id": project.id} | _fresh()))
    goals = ordered(read_goals_json(json.dumps({"goals": data.get("goals") or []}), project.id))
    store.goals.add_all(project.id, goals)
    goals = store.goals.list(project.id)
    by_position = dict(enumerate(read_order(data.get("goals") or [], goals), start=1))
    for link in data.get("goal_links") or []:
        goal = by_position.get(link.get("goal"))
        number = link.get("workshop")
        if goal is None or not isinstance(number, int) or not 1 <= number <= len(workshops):
            continue
        concept = next((c for c in store.concepts.list(workshops[number - 1].id) if c.name == link.get("concept")),
                       None)
        if concept is not None:
            store.goals.link(goal.id, concept.id)
    organisation = read_organisation_json(json.dumps(data.get("organisation") or {}), project.id)
    renamed = {}
    for kind in _ORGANISATION:
        for item in getattr(organisation, kind):
            renamed[item.id] = item.id = new_id()  # the file's ids may be stored already (the same file twice)
    store.organisation.save_all([item for kind in _ORGANISATION for item in getattr(organisation, kind)])
    for cell in organisation.responsibilities:
        if cell.task_id in renamed:
            cell.task_id, cell.id = renamed[cell.task_id], new_id()
            store.organisation.set_responsibility(cell)
    plan, measurements = read_indicators_json(json.dumps(data.get("indicators") or {}), project.id, goals)
    for item in (*plan, *measurements):
        item.id = new_id()
    store.indicators.save_all([*plan, *measurements])
    return project


def read_order(items: list[dict], goals: list) -> list:
    """The stored goals in the file's order (they were stored parents first, matched back by level and text)."""
    left = list(goals)
    found = []
    for item in items:
        match = next((g for g in left if g.text == item.get("text") and g.level == item.get("level")), None)
        if match is not None:
            left.remove(match)
        found.append(match)
    return found


def _fresh() -> dict[str, Any]:
    """A new id and time for a row read from a file: nothing stored is overwritten."""
    return {"id": new_id(), "created": now().isoformat()}
