"""The draft prosjektplan: what a project holds, in the order the municipalities' own plans use.

A coordinator used to write the plan by hand in Word around the workshops. The
kit holds most of it already: the goals, the stakeholder register and its
involvement plan, the risks and critical success factors, the concepts (tiltak)
from the workshops and how each workshop went. :func:`build_plan` lays that out
as a :class:`~samskaping.reports.model.Report`, so the same writers give Word,
PDF and HTML. What the kit does not hold yet is said plainly in its section
("Ikke fylt ut ennå"), so the draft shows what is left to write.

The order is the seeds': bakgrunn, mål, interessenter og samskaping,
organisering, fremdrift, kritiske suksessfaktorer og risiko, tiltak, evaluering.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samskaping.core.i18n import decimal, staff_lang, t
from samskaping.core.models import Language
from samskaping.goals.model import Goal, check_goals, describe_issue, level_label, numbering
from samskaping.ideas.model import Concept
from samskaping.organisation.model import (
    format_date,
    phase_label,
    purpose_label,
    responsibility_table,
    role_label,
    when_text,
)
from samskaping.projects.model import Project
from samskaping.reports.model import Bullets, Facts, Paragraph, Report, ReportFigure, Section, Table, TitlePage
from samskaping.risks.model import DEFAULT_THRESHOLDS, Risk, SuccessFactor, Thresholds
from samskaping.room.evaluation import summarise
from samskaping.room.model import Evaluation
from samskaping.stakeholders.analysis import involvement_plan, sector_label
from samskaping.stakeholders.model import Stakeholder
from samskaping.store.organisation import KINDS

__all__ = ["ProjectData", "build_plan", "plan_from_data"]


@dataclass
class ProjectData:
    """Everything the plan is written from, read from the store once."""

    project: Project
    workshops: list
    goals: list[Goal]
    risks: list[Risk]
    success_factors: list[SuccessFactor]
    stakeholders: list[Stakeholder]
    concepts: list[tuple[str, Concept]]  # (the workshop's title, the concept)
    evaluations: list[tuple[str, list[Evaluation]]]  # (the workshop's title, its answers)
    goal_links: list
    organisation: dict[str, list] = field(default_factory=dict)  # roles, tasks, forankring, meetings, ...
    responsibilities: list = field(default_factory=list)
    evaluation_plan: list = field(default_factory=list)
    measurements: list = field(default_factory=list)
    #: Where the project's risk scores turn middels and høy.
    thresholds: Thresholds = DEFAULT_THRESHOLDS

    @classmethod
    def read(cls, store, project_ref: str) -> ProjectData:
        """The project named by ``project_ref`` (its id, or any of its workshops' id or code)."""
        project = store.projects.get(project_ref)
        workshops = store.projects.workshops(project.id)
        stakeholders = store.stakeholders.register(project.id)  # one register, shared by the workshops
        return cls(
            project=project,
            workshops=workshops,
            goals=store.goals.list(project.id),
            risks=store.risks.list(project.id),
            thresholds=store.risks.thresholds(project.id),
            success_factors=store.risks.success_factors(project.id),
            stakeholders=stakeholders,
            concepts=[(w.title, c) for w in workshops for c in store.concepts.list(w.id)],
            evaluations=[(w.title, store.room.evaluations(w.id)) for w in workshops],
            goal_links=store.goals.links(project.id),
            organisation={kind: store.organisation.list(kind, project.id) for kind in KINDS},
            responsibilities=store.organisation.responsibilities(project.id),
            evaluation_plan=store.indicators.plan(project.id),
            measurements=store.indicators.measurements(project.id),
        )


def build_plan(store, project_ref: str, *, lang: str | None = None) -> Report:
    """The draft prosjektplan of a project, in ``lang`` (bokmål unless asked; a Sámi choice gives bokmål)."""
    return plan_from_data(ProjectData.read(store, project_ref), lang=lang)


def plan_from_data(data: ProjectData, *, lang: str | None = None) -> Report:
    lang = staff_lang(Language.parse(lang, "lang") if lang is not None else None)
    project = data.project
    sections = [
        _background(data, lang),
        _goals(data, lang),
        _stakeholders(data, lang),
        _organisation(data, lang),
        _progress(data, lang),
        _risks(data, lang),
        _measures(data, lang),
        _evaluation(data, lang),
    ]
    title_page = TitlePage(
        title=project.title,
        kind=t("plan.kind", lang),
        date="",
        phase=t(f"ks_phase.{project.phase}", lang),
        question="",
        facts=tuple(fact for fact in (
            (t("plan.ks_phase", lang), t(f"ks_phase.{project.phase}", lang)),
            (t("plan.municipalities", lang), ", ".join(project.municipalities)) if project.municipalities else None,
            (t("plan.workshops", lang), str(len(data.workshops))),
        ) if fact),
        question_label="",
    )
    sheets = [table for section in sections for table in section.blocks if isinstance(table, Table)]
    return Report(lang=lang, title_page=title_page, sections=sections, slides=[], sheets=sheets,
                  data={"project": project.to_dict()})


def _empty(key: str, title_key: str, text_key: str, lang: str) -> Section:
    return Section(key, t(title_key, lang), [Paragraph(t(text_key, lang))])


def _background(data: ProjectData, lang: str) -> Section:
    """Bakgrunn: what the project is and which workshops it has held; the rest is for the coordinator to write."""
    blocks: list = [Paragraph(t("plan.background.todo", lang))]
    if data.workshops:
        blocks.append(Bullets(tuple(t("plan.background.workshop", lang, title=w.title, code=w.join_code)
                                    for w in data.workshops), title=t("plan.background.workshops", lang)))
    return Section("background", t("plan.background.title", lang), blocks)


def _goals(data: ProjectData, lang: str) -> Section:
    goals = data.goals
    if not goals:
        return _empty("goals", "plan.goals.title", "plan.goals.empty", lang)
    from samskaping.goals.plot import goal_tree_alt_text

    def tree():
        from samskaping.goals.plot import draw_goal_tree

        return draw_goal_tree(goals, lang=lang)

    numbers = numbering(goals)
    header = (t("plan.goals.nr", lang), *(t(f"goal.field.{name}", lang).capitalize()
                                          for name in ("level", "text", "indicator", "source", "when", "owner")))
    rows = tuple((numbers.get(g.id, ""), level_label(g.level, lang), g.text, g.indicator, g.source, g.when, g.owner)
                 for g in goals)
    blocks: list = [
        ReportFigure("goal-tree", t("plan.goals.figure", lang), tree, wide=True,
                     alt=goal_tree_alt_text(goals, lang=lang)),
        Table("goals", t("plan.goals.table", lang), header, rows, (0.8, 1.4, 4.0, 2.6, 1.8, 1.2, 1.6)),
    ]
    concept_ids = [c.id for _, c in data.concepts]
    issues = check_goals(goals, data.goal_links, concept_ids)
    if issues:
        names = {c.id: c.name for _, c in data.concepts}
        blocks.append(Bullets(tuple(describe_issue(issue, goals, lang, concepts=names) for issue in issues),
                              title=t("plan.goals.issues", lang)))
    return Section("goals", t("plan.goals.title", lang), blocks)


def _stakeholders(data: ProjectData, lang: str) -> Section:
    if not data.stakeholders:
        return _empty("stakeholders", "plan.stakeholders.title", "plan.stakeholders.empty", lang)
    stakeholders = data.stakeholders

    def grid():
        from samskaping.stakeholders.plot import draw_grid

        return draw_grid(stakeholders, lang=lang).figure

    from samskaping.reports.figures import grid_text

    header = (t("stakeholder.plan.name", lang), t("stakeholder.field.sector", lang).capitalize(),
              t("stakeholder.plan.quadrant", lang), t("stakeholder.plan.strategy", lang),
              t("stakeholder.plan.channel", lang), t("stakeholder.plan.frequency", lang))
    rows = tuple((row.name, sector_label(row.sector, lang), t(f"quadrant.{row.quadrant}", lang), row.strategy,
                  row.channel, row.frequency) for row in involvement_plan(stakeholders, lang=lang))
    return Section("stakeholders", t("plan.stakeholders.title", lang), [
        Paragraph(t("plan.stakeholders.intro", lang, count=len(stakeholders), workshops=len(data.workshops))),
        ReportFigure("plan-grid", t("report.stakeholders.grid", lang), grid, alt=grid_text(stakeholders, lang)),
        Table("plan", t("stakeholder.plan.title", lang), header, rows, (2.2, 1.7, 2.0, 3.3, 2.3, 1.9)),
    ])


def _organisation(data: ProjectData, lang: str) -> Section:
    """Organisering: roles, the responsibility matrix, the forankringsplan and the meeting plan."""
    org = data.organisation
    section = Section("organisation", t("plan.organisation.title", lang))
    if org.get("roles"):
        section.blocks.append(Table("roles", t("plan.organisation.roles", lang),
                                    (t("plan.organisation.role", lang), t("plan.organisation.holder", lang),
                                     t("plan.organisation.responsibilities", lang)),
                                    tuple((role_label(r.kind, lang), r.holder, r.responsibilities)
                                          for r in org["roles"]), (2, 2.5, 5)))
    if org.get("tasks"):
        header, rows = responsibility_table(org["tasks"], data.responsibilities, lang)
        section.blocks.append(Table("responsibilities", t("plan.organisation.matrix", lang), tuple(header),
                                    tuple(tuple(row) for row in rows)))
    if org.get("forankring"):
        section.blocks.append(Table(
            "forankring", t("plan.organisation.forankring", lang),
            (t("plan.organisation.audience", lang), t("plan.organisation.purpose", lang),
             t("plan.organisation.how", lang), t("plan.organisation.when", lang), t("plan.organisation.owner", lang)),
            tuple((e.audience, purpose_label(e.purpose, lang), e.how, e.when, e.owner) for e in org["forankring"]),
            (3, 1.4, 3, 1.6, 1.6)))
    if org.get("meetings"):
        section.blocks.append(Table(
            "meetings", t("plan.organisation.meetings", lang),
            (t("plan.organisation.meeting", lang), t("plan.organisation.frequency", lang),
             t("plan.organisation.agenda", lang), t("plan.organisation.participants", lang)),
            tuple((m.name, m.frequency, m.agenda, m.participants) for m in org["meetings"]), (2.4, 2, 3.4, 2.6)))
    if not section.blocks:
        section.blocks.append(Paragraph(t("plan.organisation.empty", lang)))
    return section


def _progress(data: ProjectData, lang: str) -> Section:
    """Fremdrift: milestones and pilots on a timeline, and the workshops held, in order."""
    milestones, pilots = data.organisation.get("milestones", []), data.organisation.get("pilots", [])
    section = Section("progress", t("plan.progress.title", lang))
    if milestones or pilots:
        from samskaping.organisation.plot import gantt_alt_text

        def gantt():
            from samskaping.organisation.plot import draw_gantt

            return draw_gantt(milestones, pilots, lang=lang)

        section.blocks.append(ReportFigure("gantt", t("plan.progress.figure", lang), gantt, wide=True,
                                           alt=gantt_alt_text(milestones, pilots, lang=lang)))
    if milestones:
        section.blocks.append(Table(
            "milestones", t("plan.progress.milestones", lang),
            (t("plan.progress.milestone", lang), t("plan.progress.actions", lang), t("plan.organisation.owner", lang),
             t("plan.progress.due", lang), t("plan.progress.phase", lang)),
            tuple((m.title, m.actions, m.owner, when_text(m, lang), phase_label(m.phase, lang)) for m in milestones),
            (3, 3, 2, 1.6, 1.6)))
    if pilots:
        section.blocks.append(Table(
            "pilots", t("plan.progress.pilots", lang),
            (t("plan.progress.pilot", lang), t("plan.progress.place", lang), t("plan.progress.period", lang),
             t("plan.progress.measures", lang)),
            tuple((p.title, p.place, " – ".join(format_date(d, lang, short=True) for d in (p.start, p.end) if d),
                   p.measures) for p in pilots), (3, 2, 2, 3)))
    if data.workshops:
        header = (t("plan.progress.workshop", lang), t("plan.progress.phase", lang), t("plan.progress.created", lang))
        rows = tuple((w.title, t(f"phase.{w.phase}", lang), w.created.strftime("%d.%m.%Y")) for w in data.workshops)
        section.blocks.append(Table("progress", t("plan.progress.table", lang), header, rows, (4, 2, 1.5)))
    if not section.blocks:
        section.blocks.append(Paragraph(t("plan.progress.empty", lang)))
    return section


def _risks(data: ProjectData, lang: str) -> Section:
    section = Section("risks", t("plan.risks.title", lang))
    if data.success_factors:
        header = (t("plan.risks.nr", lang), t("plan.factors.factor", lang), t("plan.factors.priority", lang),
                  t("plan.factors.consequences", lang), t("plan.risks.measures", lang))
        rows = tuple((f.nr, f.title, f.priority, "; ".join(f.consequences), f.measures) for f in data.success_factors)
        section.blocks.append(Table("success-factors", t("plan.factors.table", lang), header, rows,
                                    (0.6, 3.5, 1.0, 3.5, 3.5)))
    if not data.risks:
        section.blocks.append(Paragraph(t("plan.risks.empty", lang)))
        return section
    risks = data.risks
    from samskaping.risks.plot import matrix_alt_text

    def matrix():
        from samskaping.risks.plot import draw_matrix

        return draw_matrix(risks, lang=lang, thresholds=data.thresholds)

    header = (t("plan.risks.nr", lang), t("plan.risks.risk", lang), t("plan.risks.likelihood", lang),
              t("plan.risks.consequence", lang), t("plan.risks.score", lang), t("plan.risks.level", lang),
              t("plan.risks.measures", lang), t("plan.risks.owner", lang))
    rows = tuple((r.nr, r.title, r.likelihood, r.consequence, r.score,
                  t(f"risk.level.{r.level(data.thresholds)}", lang), r.measures, r.owner) for r in risks)
    high = [r for r in risks if r.level(data.thresholds) == "hoy"]
    section.blocks += [
        ReportFigure("risk-matrix", t("plan.risks.figure", lang), matrix, wide=True,
                     alt=matrix_alt_text(risks, lang=lang, thresholds=data.thresholds)),
        Table("risks", t("plan.risks.table", lang), header, rows, (0.6, 3.6, 0.9, 0.9, 0.8, 1.0, 3.4, 1.6)),
    ]
    if high:
        section.blocks.append(Paragraph(t("plan.risks.high", lang, count=len(high),
                                          numbers=", ".join(str(r.nr) for r in high))))
    return section


def _measures(data: ProjectData, lang: str) -> Section:
    """Tiltak: the concepts the workshops formed, each with the workshop it came from and the goals it serves."""
    if not data.concepts:
        return _empty("measures", "plan.measures.title", "plan.measures.empty", lang)
    numbers = numbering(data.goals)
    serves: dict[str, list[str]] = {}
    for link in data.goal_links:
        serves.setdefault(link.concept_id, []).append(numbers.get(link.goal_id, ""))
    section = Section("measures", t("plan.measures.title", lang))
    for workshop_title, concept in data.concepts:
        facts = [(t("plan.measures.workshop", lang), workshop_title)]
        if concept.target_group:
            facts.append((t("plan.measures.target_group", lang), concept.target_group))
        if concept.next_step:
            facts.append((t("plan.measures.next_step", lang), concept.next_step))
        goals = ", ".join(sorted(n for n in serves.get(concept.id, []) if n))
        facts.append((t("plan.measures.goals", lang), goals or t("plan.measures.no_goal", lang)))
        blocks: list = [Paragraph(concept.description)] if concept.description else []
        blocks.append(Facts(tuple(facts)))
        section.children.append(Section(f"concept-{concept.id}", concept.name, blocks))
    return section


def _evaluation(data: ProjectData, lang: str) -> Section:
    """Evaluering: the plan for each goal's indicator, the measurements so far, and how the workshops were rated."""
    from samskaping.indicators.io import PLAN_COLUMNS, measurements_to_rows, plan_to_rows
    from samskaping.indicators.model import describe_issue as describe_plan_issue
    from samskaping.indicators.model import plan_issues

    section = Section("evaluation", t("plan.evaluation.title", lang))
    goals, plan, measurements = data.goals, data.evaluation_plan, data.measurements
    if plan:
        header = tuple(t(f"indicator.field.{'plan_goal' if key == 'goal' else key}", lang).capitalize()
                       for key in PLAN_COLUMNS)
        rows = tuple(tuple(row[key] for key in PLAN_COLUMNS) for row in plan_to_rows(plan, goals, lang=lang))
        section.blocks.append(Table("evaluation-plan", t("plan.evaluation.plan", lang), header, rows))
    if measurements:
        from samskaping.indicators.plot import indicator_alt_text

        def chart():
            from samskaping.indicators.plot import draw_indicator_chart

            return draw_indicator_chart(goals, measurements, lang=lang)

        section.blocks.append(ReportFigure("indicators", t("plan.evaluation.figure", lang), chart, wide=True,
                                           alt=indicator_alt_text(goals, measurements, lang=lang)))
        keys = ("goal", "indicator", "kind", "measured", "value", "unit", "note")
        header = tuple(t(f"indicator.field.{key}", lang).capitalize() for key in keys)
        rows = tuple(tuple("" if row[key] is None else row[key] for key in keys)
                     for row in measurements_to_rows(measurements, goals, lang=lang))
        section.blocks.append(Table("measurements", t("plan.evaluation.measurements", lang), header, rows))
    issues = plan_issues(goals, plan, measurements) if goals else []
    if issues:
        section.blocks.append(Bullets(tuple(describe_plan_issue(issue, goals, lang) for issue in issues),
                                      title=t("plan.goals.issues", lang)))
    rated = [(title, summarise(answers)) for title, answers in data.evaluations if answers]
    if rated:
        header = (t("plan.progress.workshop", lang), t("plan.evaluation.answers", lang),
                  t("plan.evaluation.day", lang), t("plan.evaluation.voice", lang))
        rows = tuple((title, s.answers, decimal(s.day_mean, lang), decimal(s.voice_mean, lang)) for title, s in rated)
        section.blocks += [Paragraph(t("plan.evaluation.intro", lang)),
                           Table("evaluation", t("plan.evaluation.table", lang), header, rows, (4, 1, 1.2, 1.2))]
    if not section.blocks:
        section.blocks.append(Paragraph(t("plan.evaluation.empty", lang)))
    return section
