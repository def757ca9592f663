"""One content model of a finished workshop, which every export format lays out.

Coordinators take a workshop to the steering group as a Word document, a PDF,
a web page, slides and a workbook. If each writer gathered its own data, the
formats would soon disagree (a vote counted one way on a slide and another in
the workbook). So :func:`build_report` reads the workshop once
(:meth:`~samskaping.store.Store.export_workshop`, whose text has passed the
personal-data guard), runs each analysis once (involvement plan, network
summary, journey summaries and comparison, the vote tally and consensus,
representativity, the evaluation summary) and returns a :class:`Report`:

* ``sections``: a tree of :class:`Section` made of five block types
  (:class:`Paragraph`, :class:`Bullets`, :class:`Facts`, :class:`Table`,
  :class:`ReportFigure`), for the document formats;
* ``slides``: the slide plan, built from the same blocks;
* ``sheets``: the tables of the workbook, sharing rows with the document.

A section exists only when its data does (no "Evaluation" heading over
nothing). Figures are drawn once per report, when a writer first asks for
them, and their PNG and SVG bytes are kept, so five formats cost one drawing
each and a workbook alone costs none. Every heading and label comes from the
catalogue (``report.*`` and the analyses' own keys), in the workshop's
language unless ``lang`` is given. The writers live in :mod:`samskaping.reports.archive`.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from samskaping.core.i18n import group_label, phase_label, staff_lang, t
from samskaping.core.keys import fold
from samskaping.core.models import GROUPS, KS_PHASES_OF, PHASES, Language, Phase, check_groups
from samskaping.ideas.model import FEEDBACK_STANCES, Concept, ConceptFeedback, Idea
from samskaping.ideas.voting import consensus, tally
from samskaping.journeys.analysis import (
    compare_text,
    in_order,
    service_label,
    summary_text,
    touchpoint_label,
    variant_label,
)
from samskaping.journeys.model import Journey, Step
from samskaping.reports.figures import comparison_text, grid_text, journey_text, matrix_text, network_text
from samskaping.reports.model import (
    SLIDE_TEXT,
    Bullets,
    Facts,
    Paragraph,
    Report,
    ReportFigure,
    Section,
    Slide,
    Table,
    TitlePage,
)
from samskaping.room.attendance import representativity, representativity_text
from samskaping.room.evaluation import summarise
from samskaping.room.model import Arrival, Evaluation
from samskaping.stakeholders.analysis import involvement_plan, midline_rule, quadrant, sector_label, strategy_for
from samskaping.stakeholders.model import Relation, Stakeholder
from samskaping.stakeholders.network import network_summary

__all__ = ["build_report", "held", "report_from_data"]

#: Consensus as :func:`samskaping.ideas.voting.consensus` judges it by default.
_THRESHOLD = 0.6
_TOP_IDEAS = 10
_SLIDE_IDEAS = 8
_SLIDE_THEMES = 12
#: Comments on a concept's slide (shortened); the speaker notes hold them all, whole.
_SLIDE_COMMENTS = 4
_SLIDE_COMMENT_TEXT = 150


# --- Building it ------------------------------------------------------------------------


def build_report(store, workshop_id: str, *, lang: str | None = None, include_hidden: bool = False) -> Report:
    """The report of a workshop in the store, in the workshop's language unless ``lang`` is given.

    Reads the store once (:meth:`~samskaping.store.Store.export_workshop`) plus
    the count of masked personal data for the method section; figures are
    drawn later, when a writer needs them. Posts the facilitator hid stay out
    unless ``include_hidden``; the method section says which. O(ideas + votes
    + steps), plus the network summary's O(n m).
    """
    data = store.archive.export_workshop(workshop_id, include_hidden=include_hidden)
    return report_from_data(data, lang=lang, masked=store.privacy.masked_counts(data["workshop"]["id"]))


def report_from_data(data: dict, *, lang: str | None = None, masked: dict[str, int] | None = None) -> Report:
    """The report of exported workshop data (``Store.export_workshop``, or a read archive).

    ``masked`` is the count of masked personal data by kind, when known (an
    archive does not carry it). An unknown ``lang`` raises
    :class:`~samskaping.core.exceptions.InvalidInputError` (``bad_choice``); a North Sámi
    workshop's report is in bokmål (:func:`~samskaping.core.i18n.staff_lang`).

    The date is when the workshop was held (:func:`held`), not when it was
    created; a workshop nothing has happened in yet says so.

    >>> report = report_from_data({"workshop": {"title": "Idékafé", "question": "Hva nå?",
    ...     "phase": "ide", "lang": "nb", "created": "2026-03-04T18:00:00+00:00"},
    ...     "arrivals": [{"session_id": "s1", "group": "ansatt", "at": "2026-03-05T17:00:00+00:00"}]})
    >>> report.title_page.date, [section.title for section in report.sections]
    ('05.03.2026', ['Hvem deltok', 'Slik ble verkstedet gjennomført'])
    """
    workshop = data["workshop"]
    lang = staff_lang(Language.parse(lang, "lang") if lang is not None else workshop.get("lang"))
    w = _Workshop.read(data)
    span = held(data)
    title_page = _title_page(workshop, span, lang)
    attendance, attendance_table = _attendance(w, workshop, lang)
    stakeholders, plan_table = _stakeholders(w, lang)
    journeys = _journeys(w, lang)
    themes = _themes(w, lang)
    voting = _voting(w, lang)
    concepts = _concepts(w, lang)
    evaluation = _evaluation(w, lang)
    samskaping = _samskaping(w, workshop, lang)
    method = _method(w, workshop, span, data.get("hidden_posts") or {}, lang, masked)
    sections = [s for s in (attendance, stakeholders, journeys, themes, voting, concepts, evaluation, samskaping,
                            method) if s]
    return Report(
        lang=lang,
        title_page=title_page,
        sections=sections,
        slides=_slides(w, title_page, stakeholders, journeys, themes, voting, lang),
        sheets=_sheets(w, lang, plan_table, attendance_table),
        data=data,
    )


@dataclass
class _Workshop:
    """The export as domain objects, with the vote tallied once (votes on a merged idea count for its target)."""

    ideas: list[Idea]
    stakeholders: list[Stakeholder]
    relations: list[Relation]
    journeys: list[tuple[Journey, list[Step]]]
    themes: list[dict]
    theme_of: dict[str, str]
    theme_labels: dict[str, str]
    arrivals: list[Arrival]
    evaluations: list[Evaluation]
    concepts: list[Concept]
    feedback: list[ConceptFeedback]
    merged: dict[str, str]
    placed: dict[str, bool]
    voting: dict
    dots: list[dict]
    stances: list[dict]
    tallies: dict

    @classmethod
    def read(cls, data: dict) -> _Workshop:
        w = data["workshop"].get("id", "") or "w"
        merged = {row["idea_id"]: row["into_id"] for row in data.get("merges", [])}
        dots, stances = data.get("dots", []), data.get("stances", [])
        ideas = [Idea.from_dict(item) for item in data.get("ideas", [])]
        concepts = [Concept.from_dict(item) for item in data.get("concepts", [])]
        known_ideas, known_concepts = {idea.id for idea in ideas}, {concept.id for concept in concepts}
        journeys = []
        for item in data.get("journeys", []):
            item = dict(item)
            steps = in_order(Step.from_dict(step) for step in item.pop("steps", []))
            journeys.append((Journey.from_dict(item), steps))
        return cls(
            ideas=ideas,
            stakeholders=[Stakeholder.from_dict(item) for item in data.get("stakeholders", [])],
            relations=[Relation.from_dict(item) for item in data.get("relations", [])],
            journeys=journeys,
            themes=sorted(data.get("themes", []), key=lambda th: (th.get("position", 0), th["id"])),
            theme_of={row["idea_id"]: row["theme_id"] for row in data.get("placements", [])},
            theme_labels={theme["id"]: theme["label"] for theme in data.get("themes", [])},
            arrivals=[Arrival(w, row["session_id"], row["group"], row.get("stakeholder_id", ""),
                              datetime.fromisoformat(row["at"]), row.get("municipality", ""))
                      for row in data.get("arrivals", [])],
            evaluations=[Evaluation(w, row["session_id"], row["day"], row["voice"], row.get("change", ""), row["id"],
                                    datetime.fromisoformat(row["created"])) for row in data.get("evaluations", [])],
            concepts=concepts,
            feedback=[ConceptFeedback(row["concept_id"], row["session_id"], row["stance"], row.get("comment") or "",
                                      row.get("participant_group") or "annet")
                      for row in data.get("concept_feedback", []) if row["concept_id"] in known_concepts],
            merged={key: into for key, into in merged.items() if key in known_ideas},
            placed={row["idea_id"]: bool(row.get("manual")) for row in data.get("placements", [])
                    if row["idea_id"] in known_ideas},
            voting=data.get("voting") or {},
            dots=dots,
            stances=stances,
            tallies=tally([(merged.get(d["idea_id"], d["idea_id"]), d["participant_group"]) for d in dots],
                          [(merged.get(s["idea_id"], s["idea_id"]), s["participant_group"], s["stance"])
                           for s in stances]),
        )

    def theme_label(self, idea_id: str) -> str:
        return self.theme_labels.get(self.theme_of.get(idea_id, ""), "")

    def dots_of(self, idea_id: str) -> int:
        item = self.tallies.get(idea_id)
        return item.dots if item else 0

    def stance_count(self, idea_id: str, stance: str) -> int:
        item = self.tallies.get(idea_id)
        return item.stances[stance] if item else 0

    def feedback_on(self, concept_id: str) -> list[ConceptFeedback]:
        """The room's answers to one concept, oldest first."""
        return [answer for answer in self.feedback if answer.concept_id == concept_id]


# --- Small helpers ----------------------------------------------------------------------


def _date(text: str, lang: str) -> str:
    """A stored time as the day in Norway: ``dd.mm.yyyy`` in bokmål, ISO in English.

    >>> _date("2026-03-05T23:30:00+00:00", "nb"), _date("2026-03-05T12:00:00+00:00", "en")
    ('06.03.2026', '2026-03-05')
    """
    when = datetime.fromisoformat(text)
    with contextlib.suppress(ZoneInfoNotFoundError):  # no time zone data (Windows without tzdata): the stored day
        when = when.astimezone(ZoneInfo("Europe/Oslo"))
    return when.strftime("%Y-%m-%d" if lang == "en" else "%d.%m.%Y")


#: What counts as the room at work: who came, and what phones sent. Stakeholders, journeys and
#: paper posts are typed in before or after the day, so their times say nothing about it.
_ROOM_ACTIVITY = (("arrivals", "at"), ("ideas", "created"), ("dots", "created"), ("stances", "created"),
                  ("evaluations", "created"), ("concept_feedback", "created"))


def held(data: dict) -> tuple[datetime, datetime] | None:
    """When a workshop was held: its first and last activity in the room, or ``None`` if there was none.

    Facilitators create a workshop the day before, so its creation time is
    not the day it ran. The room's own records are: arrivals, and ideas,
    votes, evaluations and answers to concepts sent from phones (not those
    typed in from paper afterwards). O(rows).

    >>> span = held({"arrivals": [{"at": "2026-03-05T08:55:00+00:00"}],
    ...              "ideas": [{"created": "2026-03-05T09:40:00+00:00", "on_paper": False},
    ...                        {"created": "2026-03-09T12:00:00+00:00", "on_paper": True}]})
    >>> [when.strftime("%d.%m %H:%M") for when in span]
    ['05.03 08:55', '05.03 09:40']
    >>> held({"ideas": []}) is None
    True
    """
    times = [datetime.fromisoformat(row[key]) for part, key in _ROOM_ACTIVITY for row in data.get(part) or ()
             if row.get(key) and not row.get("on_paper")]
    return (min(times), max(times)) if times else None


def _span(span: tuple[datetime, datetime], lang: str) -> str:
    """The day (or days) a workshop was held, as :func:`_date` writes a day.

    >>> first = datetime.fromisoformat("2026-03-05T09:00:00+00:00")
    >>> _span((first, first), "nb"), _span((first, first.replace(day=6)), "en")
    ('05.03.2026', '2026-03-05 – 2026-03-06')
    """
    first, last = (_date(when.isoformat(), lang) for when in span)
    return first if first == last else f"{first} – {last}"


def _ks_phases(phase: str, lang: str) -> str:
    """Where a kit phase sits in KS' "Veikart for tjenesteinnovasjon", each name quoted.

    >>> _ks_phases("innsikt", "nb"), _ks_phases("ide", "en")
    ('«Forankring» og «Innsikt»', '“Service development”')
    """
    open_, close = ("“", "”") if lang == "en" else ("«", "»")
    names = [f"{open_}{t(f'ks_phase.{key}', lang)}{close}" for key in KS_PHASES_OF[Phase.parse(phase, 'phase')]]
    return f" {t('ks_phase.and', lang)} ".join(names)


def _number(value: float | None, lang: str) -> str:
    """One decimal, with a decimal comma in bokmål.

    >>> _number(4.25, "nb"), _number(4.25, "en"), _number(None, "nb")
    ('4,2', '4.2', '–')
    """
    if value is None:
        return "–"
    text = f"{value:.1f}"
    return text if lang == "en" else text.replace(".", ",")


def _cut(text: str, limit: int = SLIDE_TEXT) -> str:
    """At most ``limit`` characters, cut at a word and ended with "…".

    >>> _cut("Leksehjelp på biblioteket", 15)
    'Leksehjelp på…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut).rstrip() + "…"


def _count(kind: str, n: int, lang: str) -> str:
    """``n`` things in words, singular or plural: every number the report writes before a noun goes through here.

    ``kind`` is one of the catalogue's ``report.count.<kind>.one``/``.many`` pairs:
    ideas, themes, dots, participants, concepts, answers, posts, personal
    (pieces of personal data). Bokmål and English both say "1" in the singular
    and every other number (0 too) in the plural.

    >>> _count("ideas", 1, "nb"), _count("dots", 3, "nb"), _count("themes", 2, "en")
    ('1 idé', '3 prikker', '2 themes')
    >>> _count("participants", 1, "nb"), _count("participants", 5, "nb"), _count("concepts", 2, "nb")
    ('1 deltaker', '5 deltakere', '2 konsepter')
    """
    return t(f"report.count.{kind}.{'one' if n == 1 else 'many'}", lang, n=n)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _yes_no(value: bool, lang: str) -> str:
    return t("report.yes" if value else "report.no", lang)


def _dots_by_group(item, lang: str) -> str:
    if item is None:
        return ""
    return ", ".join(f"{group_label(g, lang)} {item.dots_by_group[g]}" for g in GROUPS if item.dots_by_group[g])


# --- Sections ---------------------------------------------------------------------------


def _title_page(workshop: dict, span: tuple[datetime, datetime] | None, lang: str) -> TitlePage:
    date = _span(span, lang) if span else t("report.not_held", lang, date=_date(workshop["created"], lang))
    key = workshop.get("phase", "ide")
    phase = phase_label(key, lang)
    return TitlePage(
        title=workshop["title"],
        kind=t("report.kind", lang),
        date=date,
        phase=phase,
        question=workshop.get("question", ""),
        facts=((t("report.held" if span else "report.date", lang), date), (t("report.phase", lang), phase),
               (t("report.ks_phase", lang), _ks_phases(key, lang))),
        question_label=t("report.question", lang),
    )


def _attendance(w: _Workshop, workshop: dict, lang: str) -> tuple[Section | None, Table]:
    """How many and who attended: by group, and who is missing against the stakeholder map."""
    result = representativity(w.stakeholders, w.arrivals, offered=check_groups(workshop.get("groups")))
    table = Table(
        "attendance", t("report.attendance.table", lang),
        (t("report.attendance.group", lang), t("report.attendance.count", lang)),
        tuple((group_label(g, lang), result.by_group[g]) for g in GROUPS if result.by_group[g]),
        (3, 1),
    )
    if not w.arrivals:
        return None, table
    lines = representativity_text(result, lang)  # present, by group (the table), then the gaps
    present = t("report.attendance.present", lang, participants=_count("participants", result.present, lang))
    blocks: list = [Paragraph(present), table]
    if lines[2:]:
        blocks.append(Bullets(tuple(lines[2:])))
    by_kommune = Counter(a.municipality for a in w.arrivals if a.municipality)
    if by_kommune:  # a joint project of several municipalities: who came from where
        blocks.append(Paragraph(t("report.attendance.municipalities", lang, counts=", ".join(
            f"{name} {count}" for name, count in sorted(by_kommune.items())))))
    return Section("attendance", t("report.attendance.title", lang), blocks), table


def _plan_table(w: _Workshop, lang: str) -> Table:
    header = (t("stakeholder.plan.name", lang), _capital(t("stakeholder.field.sector", lang)),
              t("stakeholder.plan.quadrant", lang), t("stakeholder.plan.strategy", lang),
              t("stakeholder.plan.channel", lang), t("stakeholder.plan.frequency", lang),
              t("stakeholder.plan.phase", lang))
    rows = tuple(
        (row.name, sector_label(row.sector, lang), _quadrant_cell(row.quadrant, row.on_line, lang), row.strategy,
         row.channel, row.frequency, phase_label(row.phase, lang) if row.phase else t("stakeholder.phase.all", lang))
        for row in involvement_plan(w.stakeholders, lang=lang)
    )
    return Table("plan", t("stakeholder.plan.title", lang), header, rows, (2.2, 1.7, 2.0, 3.3, 2.3, 1.9, 1.3))


def _quadrant_cell(key: str, on_line: bool, lang: str) -> str:
    label = t(f"quadrant.{key}", lang)
    return t("stakeholder.plan.on_line", lang, quadrant=label) if on_line else label


def _stakeholders(w: _Workshop, lang: str) -> tuple[Section | None, Table]:
    plan = _plan_table(w, lang)
    if not w.stakeholders:
        return None, plan
    stakeholders, relations = w.stakeholders, w.relations

    def grid():
        from samskaping.stakeholders.plot import draw_grid

        return draw_grid(stakeholders, lang=lang).figure

    section = Section("stakeholders", t("report.stakeholders.title", lang),
                      [ReportFigure("stakeholder-grid", t("report.stakeholders.grid", lang), grid,
                                    alt=grid_text(stakeholders, lang)), Paragraph(midline_rule(lang)), plan])
    if relations:
        def network():
            from samskaping.stakeholders.plot import draw_network

            return draw_network(stakeholders, relations, lang=lang).figure

        section.children.append(Section("network", t("report.stakeholders.network_title", lang), [
            ReportFigure("stakeholder-network", t("report.stakeholders.network", lang), network,
                         alt=network_text(stakeholders, relations, lang)),
            Bullets(tuple(network_summary(stakeholders, relations, lang))),
        ]))
    return section, plan


def _journey_title(journey: Journey, lang: str) -> str:
    return t("journey.plot.title", lang, variant=variant_label(journey.variant, lang), title=journey.title)


def _pairs(journeys: list[tuple[Journey, list[Step]]]) -> list[tuple[int, int]]:
    """Today's journey and the wanted one of the same case: same title, else the only two there are."""
    today = [i for i, (j, _) in enumerate(journeys) if j.variant == "dagens"]
    wanted = [i for i, (j, _) in enumerate(journeys) if j.variant == "onsket"]
    pairs, used = [], set()
    for i in today:
        match = next((k for k in wanted if k not in used and fold(journeys[k][0].title) == fold(journeys[i][0].title)),
                     None)
        if match is not None:
            pairs.append((i, match))
            used.add(match)
    if not pairs and len(today) == 1 and len(wanted) == 1:
        pairs.append((today[0], wanted[0]))
    return pairs


def _journeys(w: _Workshop, lang: str) -> Section | None:
    if not w.journeys:
        return None
    section = Section("journeys", t("report.journeys.title", lang))
    for n, (journey, steps) in enumerate(w.journeys, start=1):
        def draw(journey=journey, steps=steps):
            from samskaping.journeys.plot import draw_journey

            return draw_journey(journey, steps, lang=lang).figure

        title = _journey_title(journey, lang)
        blocks: list = [Paragraph(journey.case, "quote")] if journey.case else []
        blocks += [ReportFigure(f"journey-{n}-{journey.variant}", t("report.journeys.map", lang, title=title), draw,
                                wide=True, alt=journey_text(journey, steps, lang)),
                   Bullets(tuple(summary_text(journey, steps, lang)))]
        section.children.append(Section(f"journey-{n}", title, blocks))
    for n, (a, b) in enumerate(_pairs(w.journeys), start=1):
        (today, today_steps), (wanted, wanted_steps) = w.journeys[a], w.journeys[b]

        def draw(today=today, today_steps=today_steps, wanted=wanted, wanted_steps=wanted_steps):
            from samskaping.journeys.plot import draw_comparison

            return draw_comparison(today, today_steps, wanted, wanted_steps, lang=lang).figure

        title = t("report.journeys.comparison", lang, title=today.title)
        section.children.append(Section(f"comparison-{n}", title, [
            ReportFigure(f"journey-comparison-{n}", title, draw, wide=True,
                         alt=comparison_text(today, today_steps, wanted, wanted_steps, lang)),
            Bullets(tuple(compare_text(today, today_steps, wanted, wanted_steps, lang))),
        ]))
    return section


def _idea_table(w: _Workshop, key: str, title: str, ideas: list[Idea], lang: str) -> Table:
    columns = ("idea", "group", "dots", "dots_by_group", "agree", "disagree")
    header = tuple(t(f"report.column.{c}", lang) for c in columns)
    rows = tuple(
        (idea.text, group_label(idea.group, lang), w.dots_of(idea.id), _dots_by_group(w.tallies.get(idea.id), lang),
         w.stance_count(idea.id, "enig"), w.stance_count(idea.id, "uenig"))
        for idea in ideas
    )
    return Table(key, title, header, rows, (5, 1.6, 1, 2.4, 0.9, 0.9))


def _themes(w: _Workshop, lang: str) -> Section | None:
    """Each theme with its visible ideas (merged ones are in the workbook), most dots first."""
    visible = [idea for idea in w.ideas if not idea.hidden]
    if not visible:
        return None
    order = {idea.id: n for n, idea in enumerate(visible)}
    members: dict[str, list[Idea]] = {}
    for idea in visible:
        members.setdefault(w.theme_of.get(idea.id, ""), []).append(idea)
    for ideas in members.values():
        ideas.sort(key=lambda idea: (-w.dots_of(idea.id), order[idea.id]))
    groups = [(theme["id"], theme["label"]) for theme in w.themes if members.get(theme["id"])]
    known = {theme["id"] for theme in w.themes}
    unthemed = [idea for key, ideas in members.items() if key not in known for idea in ideas]
    if unthemed:
        members[""] = sorted(unthemed, key=lambda idea: (-w.dots_of(idea.id), order[idea.id]))
        groups.append(("", t("report.themes.none", lang)))
    section = Section("themes", t("report.themes.title", lang),
                      [Paragraph(t("report.themes.intro", lang, ideas=_count("ideas", len(visible), lang),
                                   themes=_count("themes", len(w.themes), lang)))])
    rated = [(theme["label"], theme["benefit"], theme["effort"]) for theme in w.themes
             if theme.get("benefit") is not None and theme.get("effort") is not None]
    if rated:
        def matrix():
            from samskaping.ideas.plot import draw_priority_matrix

            return draw_priority_matrix(rated, lang=lang).figure

        section.blocks.append(ReportFigure("priority-matrix", t("report.themes.priority", lang), matrix,
                                           alt=matrix_text(rated, lang)))
    for n, (key, label) in enumerate(groups, start=1):
        ideas = members[key]
        count = t("report.themes.count", lang, ideas=_count("ideas", len(ideas), lang),
                  dots=_count("dots", sum(w.dots_of(i.id) for i in ideas), lang))
        section.children.append(Section(f"theme-{n}", label, [
            Paragraph(count), _idea_table(w, f"theme-{n}", t("report.themes.ideas", lang), ideas, lang),
        ]))
    return section


def _support(verdict, text: str, lang: str) -> str:
    shares = ", ".join(t("report.voting.share", lang, group=group_label(g, lang), percent=round(share * 100))
                       for g, share in verdict.support.items())
    return t("report.voting.support", lang, idea=text, groups=shares)


def _top_ideas(w: _Workshop, limit: int) -> list[Idea]:
    ranked = [idea for idea in w.ideas if w.dots_of(idea.id)]
    order = {idea.id: n for n, idea in enumerate(w.ideas)}
    return sorted(ranked, key=lambda idea: (-w.dots_of(idea.id), order[idea.id]))[:limit]


def _voting(w: _Workshop, lang: str) -> Section | None:
    if not w.dots and not w.stances:
        return None
    voters = {row["session_id"] for row in (*w.dots, *w.stances)}
    intro = "report.voting.intro" + ("" if w.dots and w.stances else "_dots" if w.dots else "_stances")
    blocks: list = [Paragraph(t(intro, lang, voters=_count("participants", len(voters), lang),
                                dots=_count("dots", len(w.dots), lang),
                                answers=_count("answers", len(w.stances), lang)))]
    if w.voting.get("state") == "apen":
        blocks.append(Paragraph(t("report.voting.open", lang)))
    top = _top_ideas(w, _TOP_IDEAS)
    if top:
        header = tuple(t(f"report.column.{c}", lang) for c in ("idea", "theme", "dots", "dots_by_group"))
        rows = tuple((idea.text, w.theme_label(idea.id), w.dots_of(idea.id),
                      _dots_by_group(w.tallies.get(idea.id), lang)) for idea in top)
        blocks.append(Table("top-ideas", t("report.voting.top", lang), header, rows, (5, 2.2, 1, 2.6)))
    section = Section("voting", t("report.voting.title", lang), blocks)
    texts = {idea.id: idea.text for idea in w.ideas}
    verdicts = [v for v in consensus(w.tallies, threshold=_THRESHOLD) if v.idea_id in texts]
    for kind in ("samlende", "splittende") if w.stances else ():  # agreement needs answers, not only dots
        lines = tuple(_support(v, texts[v.idea_id], lang) for v in verdicts if v.kind == kind)
        section.children.append(Section(kind, t(f"report.voting.{kind}", lang), [
            Paragraph(t(f"report.voting.{kind}_help", lang, percent=round(_THRESHOLD * 100))),
            Bullets(lines) if lines else Paragraph(t("report.voting.none", lang)),
        ]))
    return section


def _concept_facts(w: _Workshop, concept: Concept, lang: str) -> tuple[tuple[str, str], ...]:
    labels, names = w.theme_labels, {s.id: s.name for s in w.stakeholders}
    items = (
        ("target_group", concept.target_group),
        ("themes", ", ".join(labels[i] for i in concept.theme_ids if i in labels)),
        ("stakeholders", ", ".join(names[i] for i in concept.stakeholder_ids if i in names)),
        ("next_step", concept.next_step),
    )
    return tuple((t(f"report.concepts.{key}", lang), value) for key, value in items if value)


def _feedback_counts(answers: list[ConceptFeedback]) -> dict[str, int]:
    return {str(stance): sum(answer.stance == stance for answer in answers) for stance in FEEDBACK_STANCES}


def _feedback_text(answers: list[ConceptFeedback], lang: str) -> str:
    """The room's answers to a concept in one sentence: how many, and how many said each thing."""
    if not answers:
        return t("report.concepts.no_feedback", lang)
    return t("report.concepts.feedback", lang, answers=_count("answers", len(answers), lang),
             **_feedback_counts(answers))


def _comments(answers: list[ConceptFeedback], lang: str) -> tuple[str, ...]:
    """Each comment, after the answer it came with ("Ikke bra: ..."); the store masked them already."""
    return tuple(t("report.concepts.comment", lang, stance=t(f"report.concepts.{a.stance}", lang), comment=a.comment)
                 for a in answers if a.comment)


def _concepts(w: _Workshop, lang: str) -> Section | None:
    """Each concept with its fields and, when the concepts were shown back to the room, what the room answered."""
    if not w.concepts:
        return None
    section = Section("concepts", t("report.concepts.title", lang))
    for n, concept in enumerate(w.concepts, start=1):
        blocks: list = [Paragraph(concept.description)] if concept.description else []
        facts = _concept_facts(w, concept, lang)
        if facts:
            blocks.append(Facts(facts))
        if w.feedback:  # shown back to the room: say what it answered, also when nobody answered this one
            answers = w.feedback_on(concept.id)
            blocks.append(Paragraph(_feedback_text(answers, lang)))
            comments = _comments(answers, lang)
            if comments:
                blocks.append(Bullets(comments, title=t("report.concepts.comments", lang)))
        section.children.append(Section(f"concept-{n}", concept.name, blocks))
    return section


def _evaluation(w: _Workshop, lang: str) -> Section | None:
    if not w.evaluations:
        return None
    s = summarise(w.evaluations)
    header = (t("report.column.score", lang), t("evaluation.day.short", lang), t("evaluation.voice.short", lang))
    table = Table("evaluation-scores", t("report.evaluation.scores", lang), header,
                  tuple((score, s.day_counts[score], s.voice_counts[score]) for score in range(1, 6)), (1, 1, 1))
    section = Section("evaluation", t("report.evaluation.title", lang), [
        Paragraph(t("report.evaluation.summary", lang, participants=_count("participants", s.answers, lang),
                    day=_number(s.day_mean, lang),
                    voice=_number(s.voice_mean, lang))),
        table,
    ])
    if s.comments:
        section.children.append(Section("comments", t("report.evaluation.comments", lang), [Bullets(s.comments)]))
    return section


#: The activities of a samskapingsplan (the seeds' checklist per phase) that a workshop's data
#: can show, in the plan's order: (phase, catalogue key). ``None``: the workshop's own phase.
_SAMSKAPING = (("innsikt", "stakeholders"), ("innsikt", "journey_today"), ("ide", "ideas"), ("ide", "themes"),
               ("ide", "voting"), ("ide", "concepts"), ("utforming", "journey_wanted"), ("utforming", "feedback"),
               (None, "evaluation"))


def _samskaping_done(w: _Workshop, key: str, lang: str) -> dict | None:
    """The numbers for one activity of :data:`_SAMSKAPING`, or ``None`` when the workshop did not do it."""
    steps = {variant: sum(len(s) for j, s in w.journeys if j.variant == variant) for variant in ("dagens", "onsket")}
    groups = [g for g in GROUPS if any(idea.group == g for idea in w.ideas) and g != "annet"]
    found = {
        "stakeholders": {"count": len(w.stakeholders)},
        "journey_today": {"count": steps["dagens"]},
        "ideas": {"count": len(w.ideas), "groups": ", ".join(group_label(g, lang).lower() for g in groups) or "–"},
        "themes": {"count": len(w.themes)},
        "voting": {"count": len({row["session_id"] for row in (*w.dots, *w.stances)})},
        "concepts": {"count": len(w.concepts)},
        "journey_wanted": {"count": steps["onsket"]},
        "feedback": {"count": len(w.feedback)},
        "evaluation": {"count": len(w.evaluations)},
    }[key]
    return found if found["count"] else None


def _samskaping(w: _Workshop, workshop: dict, lang: str) -> Section | None:
    """The seeds' samskapingsplan, filled in from the workshop: what it did in each phase, and nothing it did not.

    The plan itself (a checklist of activities per phase, with "hvorfor
    samskaping?") belongs to the project; the kit's template is
    ``workshop/maler/samskapingsplan-mal.md``. This section ticks off what the
    workshop's data shows was done.
    """
    done = []
    for phase, key in _SAMSKAPING:
        found = _samskaping_done(w, key, lang)
        if found:
            done.append((Phase.parse(phase or workshop.get("phase", "ide"), "phase"), key, found))
    if not done:
        return None
    done.sort(key=lambda item: PHASES.index(item[0]))  # stable: the plan's order within a phase
    rows = tuple((phase_label(phase, lang), t(f"report.samskaping.{key}", lang, **found)) for phase, key, found in done)
    header = (t("report.samskaping.phase", lang), t("report.samskaping.activity", lang))
    return Section("samskaping", t("report.samskaping.title", lang), [
        Paragraph(t("report.samskaping.intro", lang)),
        Table("samskaping", t("report.samskaping.table", lang), header, rows, (1.6, 5)),
    ])


def _method(w: _Workshop, workshop: dict, span: tuple[datetime, datetime] | None, hidden: dict, lang: str,
            masked: dict[str, int] | None) -> Section:
    """How the workshop was run, in plain words: only the steps that happened, and how personal data was handled.

    Each sentence stands on the data: no voting sentence when nobody voted, no
    word about paper when nothing came on paper, no theme, concept, feedback or
    evaluation sentence without themes, concepts, answers or evaluations.
    """
    def text(key: str, **params: object) -> str:
        return t(f"report.method.{key}", lang, **params)

    def count(kind: str, n: int) -> str:
        return _count(kind, n, lang)

    def said(*sentences: str | bool) -> list[str]:  # the sentences whose condition held
        return [sentence for sentence in sentences if sentence]

    key = workshop.get("phase", "ide")
    phase, ks = phase_label(key, lang), _ks_phases(key, lang)
    if span:
        steps = [[text("intro", date=_span(span, lang), phase=phase, ks=ks)]]
    else:
        steps = [[text("intro_not_held", date=_date(workshop["created"], lang), phase=phase, ks=ks)]]
    if w.arrivals:
        steps.append([text("arrival")])
    paper = sum(idea.on_paper for idea in w.ideas)
    if w.ideas:
        steps.append(said(len(w.ideas) > paper and text("ideas_phone"),
                          bool(paper) and text("ideas_paper", ideas=count("ideas", paper)),
                          text("ideas_total", ideas=count("ideas", len(w.ideas))),
                          bool(w.merged) and text("merged", ideas=count("ideas", len(w.merged)))))
    if hidden.get("count"):
        steps.append([text("hidden_included" if hidden.get("included") else "hidden_left_out",
                           posts=count("posts", hidden["count"]))])
    if w.themes:
        by_hand = sum(w.placed.values())
        rated = sum(1 for theme in w.themes if theme.get("benefit") and theme.get("effort"))
        steps.append(said(text("themes", themes=count("themes", len(w.themes))),
                          # some idea stands where a clustering run (the kit's suggestion) put it
                          len(w.placed) > by_hand and text("themes_suggested"),
                          bool(by_hand) and text("themes_placed", ideas=count("ideas", by_hand)),
                          bool(rated) and text("themes_rated", themes=count("themes", rated))))
    if w.dots or w.stances:
        steps.append(said(bool(w.dots) and text("voting_dots", dots=count("dots", w.voting.get("dots", 3))),
                          bool(w.stances) and text("voting_stances"), text("voting")))
    if w.stakeholders:
        steps.append([text("stakeholders")])
    if w.journeys:
        steps.append([text("journeys")])
    if w.concepts:
        from_themes = any(concept.theme_ids for concept in w.concepts)
        steps.append(said(text("concepts_themes" if from_themes else "concepts",
                               concepts=count("concepts", len(w.concepts))),
                          bool(w.feedback) and text("feedback", answers=count("answers", len(w.feedback)))))
    if w.evaluations:
        steps.append([text("evaluation", participants=count("participants", len(w.evaluations)))])
    if workshop.get("masking", True):
        steps.append([text("privacy")])
        if masked:
            steps.append([text("privacy_count", data=count("personal", sum(masked.values())))])
    else:
        steps.append([text("privacy_off")])
    blocks = [Paragraph(" ".join(sentences)) for sentences in steps]  # one paragraph per step of the day
    return Section("method", t("report.method.title", lang), blocks)


# --- Slides -----------------------------------------------------------------------------


def _first(section: Section | None, kind: type) -> object | None:
    return next((block for block in section.blocks if isinstance(block, kind)), None) if section else None


def _slides(w: _Workshop, title_page: TitlePage, stakeholders: Section | None, journeys: Section | None,
            themes: Section | None, voting: Section | None, lang: str) -> list[Slide]:
    """Title, stakeholder grid, network, each journey and comparison, themes, priorities, votes, each concept."""
    subtitle = "\n".join(filter(None, (_cut(title_page.question), f"{title_page.date} · {title_page.phase}")))
    slides = [Slide(title_page.title, subtitle=subtitle,
                    notes=(title_page.question,) if len(title_page.question) > SLIDE_TEXT else ())]
    if stakeholders:
        grid = _first(stakeholders, ReportFigure)
        slides.append(Slide(grid.caption, figure=grid))
        for child in stakeholders.children:
            slides.append(Slide(child.title, figure=_first(child, ReportFigure), notes=_first(child, Bullets).items))
    for child in journeys.children if journeys else []:
        case = _first(child, Paragraph)
        slides.append(Slide(child.title, figure=_first(child, ReportFigure),
                            notes=((case.text,) if case else ()) + _first(child, Bullets).items))
    if themes and w.themes:
        lines = [f"{child.title}: {_first(child, Paragraph).text}" for child in themes.children]
        if len(lines) > _SLIDE_THEMES:
            lines = lines[: _SLIDE_THEMES - 1] + [t("report.more", lang, count=len(lines) - _SLIDE_THEMES + 1)]
        slides.append(Slide(t("report.slide.themes", lang), bullets=tuple(_cut(line) for line in lines)))
        matrix = _first(themes, ReportFigure)
        if matrix:
            slides.append(Slide(matrix.caption, figure=matrix))
    top = _top_ideas(w, _SLIDE_IDEAS)
    if voting and top:
        header = tuple(t(f"report.column.{c}", lang) for c in ("idea", "dots", "dots_by_group"))
        rows = tuple((_cut(idea.text, 150), w.dots_of(idea.id), _dots_by_group(w.tallies.get(idea.id), lang))
                     for idea in top)
        slides.append(Slide(t("report.slide.voting", lang), table=Table("slide-votes", "", header, rows, (6, 1, 3)),
                            notes=tuple(f"{w.dots_of(idea.id)} · {idea.text}" for idea in top)))
    for concept in w.concepts:
        facts = _concept_facts(w, concept, lang)
        lines = ((concept.description,) if concept.description else ()) + tuple(f"{k}: {v}" for k, v in facts)
        comments: tuple[str, ...] = ()
        if w.feedback:  # the room's answers, as the document gives them
            answers = w.feedback_on(concept.id)
            lines += (_feedback_text(answers, lang),)
            comments = _comments(answers, lang)
        shown = tuple(_cut(comment, _SLIDE_COMMENT_TEXT) for comment in comments[:_SLIDE_COMMENTS])
        if len(comments) > _SLIDE_COMMENTS:
            shown = shown[:-1] + (t("report.more", lang, count=len(comments) - _SLIDE_COMMENTS + 1),)
        slides.append(Slide(t("report.slide.concept", lang, name=concept.name),
                            bullets=tuple(_cut(line) for line in lines) + shown, notes=lines + comments))
    return slides


# --- Sheets -----------------------------------------------------------------------------


def _sheets(w: _Workshop, lang: str, plan: Table, attendance: Table) -> list[Table]:
    """The workbook: every table a coordinator filters and sorts, each with all its rows (merged ideas too).

    The concepts sheet counts the room's answers to each concept; the feedback sheet has one row per answer
    (concept, group, answer, comment), so it can be filtered and sorted too.
    """
    def sheet(key: str, header: tuple[str, ...], rows) -> Table:
        return Table(key, t(f"report.sheet.{key}", lang), header, tuple(rows))

    def labels(prefix: str, keys: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_capital(t(f"{prefix}.{key}", lang)) for key in keys)

    stakeholders = sheet("stakeholders", labels("stakeholder.field", (
        "name", "sector", "interest", "influence", "quadrant", "strategy", "affected", "justification",
        "contact_role", "notes", "channel", "frequency", "phase")), (
        (s.name, sector_label(s.sector, lang), s.interest, s.influence, t(f"quadrant.{quadrant(s)}", lang),
         strategy_for(s, lang=lang), s.affected, s.justification, s.contact_role, s.notes, s.channel, s.frequency,
         phase_label(s.phase, lang) if s.phase else t("stakeholder.phase.all", lang))
        for s in w.stakeholders))
    steps = sheet("steps", labels("report.column", ("journey", "variant", "step")) + labels("journey.field", (
        "phase", "service", "touchpoint", "what", "experience", "pain_point", "quote", "wait_days", "coordinator",
        "family_carries_info")), (
        (journey.title, variant_label(journey.variant, lang), n, step.phase,
         _capital(service_label(step.service, lang)), touchpoint_label(step.touchpoint, lang), step.what,
         step.experience, step.pain_point, step.quote, step.wait_days, step.coordinator,
         _yes_no(step.family_carries_info, lang))
        for journey, journey_steps in w.journeys for n, step in enumerate(journey_steps, start=1)))
    ideas = sheet("ideas", labels("report.column", (
        "idea", "group", "theme", "dots", "agree", "disagree", "pass", "hidden", "paper")), (
        (idea.text, group_label(idea.group, lang), w.theme_label(idea.id), w.dots_of(idea.id),
         w.stance_count(idea.id, "enig"), w.stance_count(idea.id, "uenig"), w.stance_count(idea.id, "pass"),
         _yes_no(idea.hidden, lang), _yes_no(idea.on_paper, lang))
        for idea in w.ideas))
    names = {s.id: s.name for s in w.stakeholders}
    concepts = sheet("concepts", labels("report.concepts", (
        "name", "description", "target_group", "themes", "stakeholders", "next_step", *FEEDBACK_STANCES)), (
        (c.name, c.description, c.target_group,
         ", ".join(w.theme_labels[i] for i in c.theme_ids if i in w.theme_labels),
         ", ".join(names[i] for i in c.stakeholder_ids if i in names), c.next_step,
         *_feedback_counts(w.feedback_on(c.id)).values())
        for c in w.concepts))
    feedback = sheet("feedback", (t("report.concepts.name", lang), t("report.column.group", lang),
                                  t("report.concepts.answer", lang), t("report.concepts.comment_column", lang)), (
        (c.name, group_label(a.group, lang), t(f"report.concepts.{a.stance}", lang), a.comment)
        for c in w.concepts for a in w.feedback_on(c.id)))
    evaluation = sheet("evaluation", (t("evaluation.day.short", lang), t("evaluation.voice.short", lang),
                                      t("report.evaluation.comments", lang)),
                       ((e.day, e.voice, e.change) for e in w.evaluations))
    return [stakeholders, replace(plan, title=t("report.sheet.plan", lang)), steps, ideas, concepts, feedback,
            replace(attendance, title=t("report.sheet.attendance", lang)), evaluation]
