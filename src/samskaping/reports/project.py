"""The project's reports beside the plan: the innsiktsrapport, a status report and the sluttrapport.

Each is written from what the project holds, like the plan (:mod:`.plan`), and in the
seeds' words: the innsiktsrapport tells what the workshops found (who came, the
stakeholders, the families' journeys, the ideas pulled together across workshops);
the status report tells the steering group where the project stands (milestones,
goals against their indicators, the high risks, measures and pilots, what comes
next); the sluttrapport tells what the project reached.
"""

from __future__ import annotations

from datetime import date

from samskaping.core.i18n import decimal, staff_lang, t
from samskaping.core.keys import Key
from samskaping.core.models import Language
from samskaping.goals.model import numbering
from samskaping.organisation.model import format_date, when_text
from samskaping.reports.build import build_report
from samskaping.reports.model import Bullets, Paragraph, Report, Section, Table, TitlePage
from samskaping.reports.plan import (
    ProjectData,
    _evaluation,
    _goals,
    _measures,
    _progress,
    _risks,
    _stakeholders,
)
from samskaping.reports.project_ideas import by_municipality, pool, pooled_ideas

__all__ = ["ReportKind", "build_project_report"]


class ReportKind(Key):
    """The project's reports, as the seeds name them."""

    INNSIKT = "innsikt"
    STATUS = "status"
    SLUTT = "slutt"


def build_project_report(store, project_ref: str, kind: str, *, lang: str | None = None,
                         today: date | None = None) -> Report:
    """The ``kind`` report of a project (its id, or any of its workshops' id or code)."""
    kind = ReportKind.parse(kind, "kind")
    lang = staff_lang(Language.parse(lang, "lang") if lang is not None else None)
    data = ProjectData.read(store, project_ref)
    today = today or date.today()
    sections = {
        ReportKind.INNSIKT: lambda: _insight(store, data, lang),
        ReportKind.STATUS: lambda: _status(data, lang, today),
        ReportKind.SLUTT: lambda: _final(data, lang),
    }[kind]()
    project = data.project
    title_page = TitlePage(
        title=project.title, kind=t(f"project.report.kind.{kind}", lang), date=format_date(today, lang),
        phase=t(f"ks_phase.{project.phase}", lang), question="",
        facts=((t("plan.ks_phase", lang), t(f"ks_phase.{project.phase}", lang)),
               (t("plan.workshops", lang), str(len(data.workshops))),
               (t("project.report.date", lang), format_date(today, lang))),
        question_label="",
    )
    sheets = [block for section in sections for block in section.blocks if isinstance(block, Table)]
    return Report(lang=lang, title_page=title_page, sections=sections, slides=[], sheets=sheets,
                  data={"project": project.to_dict(), "kind": str(kind)})


# --- Innsiktsrapport ----------------------------------------------------------------------


def _insight(store, data: ProjectData, lang: str) -> list[Section]:
    """What the workshops found: who came and what each one mapped, then the ideas of all of them together."""
    held = Section("workshops", t("project.report.workshops", lang))
    for workshop in data.workshops:
        report = build_report(store, workshop.id, lang=lang)
        found = [s for s in report.sections if s.key in ("attendance", "journeys")]
        if found:
            held.children.append(Section(f"workshop-{workshop.id}", workshop.title,
                                         [block for s in found for block in s.blocks],
                                         [child for s in found for child in s.children]))
    if not held.children:
        held.blocks.append(Paragraph(t("project.report.workshops.empty", lang)))
    return [held, _stakeholders(data, lang), _ideas(store, data, lang)]


def _ideas(store, data: ProjectData, lang: str) -> Section:
    """The ideas of every workshop grouped into themes together, with where each theme's ideas came from."""
    pooled = pooled_ideas(store, data.project.id)
    section = Section("ideas", t("project.report.ideas", lang))
    if not pooled:
        section.blocks.append(Paragraph(t("project.report.ideas.empty", lang)))
        return section
    themes = pool(pooled, lang=lang)
    section.blocks.append(Paragraph(t("project.report.ideas.intro", lang, ideas=len(pooled),
                                      workshops=len(data.workshops), themes=len(themes))))
    counts = by_municipality(pooled)
    if counts:
        section.blocks.append(Paragraph(t("project.report.ideas.municipalities", lang, counts=", ".join(
            f"{name} {count}" for name, count in counts.most_common()))))
    for theme in themes:
        section.children.append(Section(f"theme-{theme.id}", f"{theme.label} ({len(theme.ideas)})", [
            Bullets(tuple(item.idea.text for item in theme.ideas)),
            Paragraph(t("project.report.ideas.from", lang, workshops=", ".join(theme.workshops))),
        ]))
    return section


# --- Statusrapport -------------------------------------------------------------------------


def _status(data: ProjectData, lang: str, today: date) -> list[Section]:
    return [_where(data, lang, today), _goal_progress(data, lang), _high_risks(data, lang),
            _measures(data, lang), _next(data, lang, today)]


def _where(data: ProjectData, lang: str, today: date) -> Section:
    """Where the project stands: its phase, the workshops held, the milestones reached."""
    milestones = data.organisation.get("milestones", [])
    done = [m for m in milestones if m.done]
    late = [m for m in milestones if not m.done and m.due and m.due < today]
    lines = [t("project.report.where.phase", lang, phase=t(f"ks_phase.{data.project.phase}", lang)),
             t("project.report.where.workshops", lang, count=len(data.workshops))]
    if milestones:
        lines.append(t("project.report.where.milestones", lang, done=len(done), total=len(milestones)))
    lines += [t("project.report.where.late", lang, title=m.title, due=when_text(m, lang)) for m in late]
    return Section("where", t("project.report.where", lang), [Bullets(tuple(lines))])


def _goal_progress(data: ProjectData, lang: str) -> Section:
    """Each goal's indicator from its first measurement to its latest, in words the steering group reads."""
    from samskaping.indicators.model import progress, series

    section = Section("goal-progress", t("project.report.goals", lang))
    numbers = numbering(data.goals)
    texts = {g.id: g.text.rstrip(".") for g in data.goals}
    lines = []
    for (goal_id, indicator, unit), measured in series(data.measurements).items():
        moved = progress(measured)
        name = f"{numbers.get(goal_id, '?')} {texts.get(goal_id, '')}".strip()
        if indicator:  # a goal measured two ways ("the day", "the voice heard") says which
            name = f"{name} ({indicator})"
        first, latest = moved.first, moved.latest
        if moved.change is None:
            lines.append(t("project.report.goals.one", lang, goal=name, value=decimal(latest.value, lang), unit=unit,
                           when=format_date(latest.measured, lang, short=True)))
        else:
            lines.append(t("project.report.goals.moved", lang, goal=name, first=decimal(first.value, lang),
                           latest=decimal(latest.value, lang), unit=unit,
                           since=format_date(first.measured, lang, short=True),
                           when=format_date(latest.measured, lang, short=True)))
    if lines:
        section.blocks.append(Bullets(tuple(lines)))
    else:
        section.blocks.append(Paragraph(t("project.report.goals.none", lang)))
    return section


def _high_risks(data: ProjectData, lang: str) -> Section:
    """The risks the steering group must know: the high ones, with their measures; the matrix for the rest."""
    risks = _risks(data, lang)
    high = [r for r in data.risks if r.level(data.thresholds) == "hoy"]
    lead = (t("project.report.risks.high", lang, count=len(high)) if high
            else t("project.report.risks.none_high", lang))
    risks.blocks.insert(0, Paragraph(lead))
    return risks


def _next(data: ProjectData, lang: str, today: date) -> Section:
    """What comes next: the milestones not reached yet, the soonest first, and what the plan still lacks."""
    milestones = [m for m in data.organisation.get("milestones", []) if not m.done]
    coming = sorted((m for m in milestones if m.due is None or m.due >= today),
                    key=lambda m: (m.due is None, m.due or today))[:5]
    lines = [t("project.report.next.milestone", lang, title=m.title, due=when_text(m, lang) or "–",
               owner=m.owner or "–") for m in coming]
    section = Section("next", t("project.report.next", lang))
    section.blocks.append(Bullets(tuple(lines)) if lines else Paragraph(t("project.report.next.none", lang)))
    return section


# --- Sluttrapport --------------------------------------------------------------------------


def _final(data: ProjectData, lang: str) -> list[Section]:
    learning = Section("learning", t("project.report.learning", lang),
                       [Paragraph(t("project.report.learning.todo", lang))])
    return [_goals(data, lang), _evaluation(data, lang), _measures(data, lang), _progress(data, lang),
            _risks(data, lang), learning]
