"""The coordinator's project page: one project's phase, workshops, risk assessment and goals.

A project runs for months over many workshops. Between steering-group meetings the
coordinator keeps its registers here: the risks (ROS) on the 5 x 5 matrix and the
goal hierarchy as a tree, typed in a form or read in from the plan's spreadsheets,
and downloaded again for the plan. Like the other staff pages it polls the store,
so a risk read in from the command line or on another laptop appears by itself.

The page holds no rules: scales, levels, checks and files are the ``risks`` and
``goals`` packages'; plotting is imported here, never by a phone's page.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import ipywidgets as widgets

from samskaping.core.exceptions import InvalidInputError, SamskapingError
from samskaping.core.i18n import choose_lang, error_text, phase_label, staff_lang, t
from samskaping.core.models import KS_PHASES
from samskaping.goals.io import describe as describe_goal_problem
from samskaping.goals.io import goals_csv, goals_json, ordered, read_goal_file, read_goals_json, write_goals_xlsx
from samskaping.goals.model import (
    LEVELS,
    LINE_FIELDS,
    Goal,
    GoalLink,
    check_goals,
    describe_error,
    describe_issue,
    level_above,
    level_label,
    numbering,
    tree,
    walk,
)
from samskaping.goals.plot import draw_goal_tree, goal_tree_alt_text
from samskaping.organisation.model import (
    Meeting,
    Milestone,
    Pilot,
    PilotStatus,
    Role,
    RoleKind,
    format_date,
    parse_due,
    purpose_label,
    role_label,
    when_text,
)
from samskaping.pages.base import (
    LivePage,
    Picture,
    confirm_button,
    download_links,
    esc,
    figure_bytes,
    labelled,
    live_html,
    live_widget,
    page_box,
    status,
    style,
)
from samskaping.pages.name_check import NameCheck
from samskaping.pages.project_ideas import IdeaPoolPanel
from samskaping.pages.request import PageRequest
from samskaping.pages.risk_round import RiskRoundPanel
from samskaping.projects.model import Project
from samskaping.risks.io import describe as describe_risk_problem
from samskaping.risks.io import read_risk_file, risks_csv, risks_json, write_risks_xlsx
from samskaping.risks.model import (
    DEFAULT_THRESHOLDS,
    LEVEL_SHADES,
    RISK_LEVELS,
    RISK_STATUSES,
    SCALE_MAX,
    SCALE_MIN,
    SCORE_MAX,
    Risk,
    Thresholds,
    display_numbers,
    scale_word,
    scale_words,
)
from samskaping.risks.plot import draw_matrix, matrix_alt_text
from samskaping.server.routes import FACILITATOR_URL_PATH
from samskaping.store import Store

__all__ = ["ProjectPage", "RiskPanel", "GoalPanel", "project_page"]

#: The page's own few rules, after the kit's stylesheet (:func:`~samskaping.pages.base.style`).
_CSS = """<style>
.sk-page .sk-section { border-top: 2px solid #1f5fa8; margin-top: 1.2rem; }
.sk-page .sk-text .widget-html-content, .sk-page .sk-section .widget-html-content {
  font-size: 1rem; line-height: 1.45; }
.sk-page .sk-risks { width: 100%; }
.sk-page .sk-risks caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
.sk-page .sk-risks th, .sk-page .sk-risks td { overflow-wrap: normal; white-space: nowrap; }
.sk-page .sk-risks .sk-num { text-align: right; font-variant-numeric: tabular-nums; }
.sk-page .sk-risks .sk-long { min-width: 9rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.sk-page .sk-risks .sk-wrap { white-space: normal; }
.sk-page .sk-risks abbr { text-decoration: none; }
.sk-page ul.sk-goals { list-style: none; padding-left: 0; margin: 0.2rem 0; }
.sk-page ul.sk-goals ul.sk-goals { padding-left: 1.2rem; border-left: 3px solid #c9d6e8; }
.sk-page ul.sk-goals li { margin: 0.35rem 0; }
.sk-page .sk-goal-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.sk-page .sk-workshops li { margin-bottom: 0.2rem; }
.sk-page .sk-workshops a, .sk-page .sk-links a { color: #1f5fa8; text-decoration: underline; }
</style>"""
#: A drop-down's label for a risk, goal or concept: one line, cut with "…" before the 24rem form's field cuts it.
_OPTION_LENGTH = 36


def _cap(text: str) -> str:
    """A catalogue word as a field label: "sannsynlighet" → "Sannsynlighet"."""
    return text[:1].upper() + text[1:]


def _short(text: str, limit: int = _OPTION_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _lines(lines: list[str], lang: str) -> str:
    """What an import left out or warns about, as a list under its heading ("" when nothing)."""
    if not lines:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f'<p class="sk-help">{esc(t("project.page.import.problems", lang))}</p><ul>{items}</ul>'


def _columns(form: list, views: list) -> widgets.HBox:
    """A form beside what it changes; on a narrow screen the views wrap below the form."""
    # The padding keeps a full-width field's edge and its focus ring inside the column, which clips what overflows.
    left = widgets.VBox(form, layout=widgets.Layout(width="24rem", min_width="18rem", flex="0 1 24rem",
                                                    margin="0 1rem 0 0", padding="0 0.6rem 0 0.4rem"))
    right = widgets.VBox(views, layout=widgets.Layout(flex="1 1 30rem", min_width="18rem", padding="0 0.4rem"))
    return widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap", width="100%"))


def _heading(level: int, key: str, lang: str, help_key: str = "", **params: object) -> widgets.HTML:
    text = f"<h{level}>{esc(t(key, lang))}</h{level}>"
    if help_key:
        text += f'<p class="sk-help">{esc(t(help_key, lang, **params))}</p>'
    return widgets.HTML(text)


def _buttons(*buttons: widgets.Widget) -> widgets.HBox:
    return widgets.HBox(list(buttons), layout=widgets.Layout(flex_flow="row wrap"))


@contextmanager
def _quiet(panel) -> Iterator[None]:
    """While options are replaced, a dropdown's change is the page's own doing, not a person's choice."""
    panel._loading = True
    try:
        yield
    finally:
        panel._loading = False


class RiskPanel:
    """The project's risk assessment: the matrix, the table, a form to add or change a risk, upload, downloads.

    ``page`` is the :class:`ProjectPage` (its store, language and open project);
    :meth:`show` draws the risks the page read.
    """

    def __init__(self, page: ProjectPage):
        self.page = page
        lang = self.lang = page.lang
        self.risks: list[Risk] = []
        self.thresholds = DEFAULT_THRESHOLDS
        self.editing: Risk | None = None
        self._loading = False
        wide = widgets.Layout(width="100%")

        self.pick = labelled(widgets.Dropdown(options=[(t("project.page.risk.pick.new", lang), "")], value="",
                                              layout=wide), t("project.page.risk.pick", lang))
        self.form_title = widgets.HTML()
        self.title = labelled(widgets.Text(layout=wide), _cap(t("risk.field.title", lang)))
        self.likelihood = self._scale("likelihood")
        self.consequence = self._scale("consequence")
        self.measures = labelled(widgets.Textarea(rows=3, layout=wide), _cap(t("risk.field.measures", lang)))
        self.owner = labelled(widgets.Text(layout=wide), _cap(t("risk.field.owner", lang)))
        statuses = [(t(f"risk.status.{s.value}", lang), s.value) for s in RISK_STATUSES]
        self.status = labelled(widgets.Dropdown(options=statuses, value=RISK_STATUSES[0].value, layout=wide),
                               _cap(t("risk.field.status", lang)))
        self.save_button = widgets.Button(description=t("project.page.risk.save", lang), button_style="primary")
        self.new_button = widgets.Button(description=t("project.page.risk.new", lang))
        self.delete_button = confirm_button(t("project.page.risk.delete", lang),
                                            t("project.page.risk.delete.confirm", lang), self.delete)
        self.form_status = live_html()
        self.name_check = NameCheck(lang, lambda name: _cap(t(f"risk.field.{name}", lang)))
        self.matrix = Picture(max_width="60rem")
        self.table = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv,.txt,.xlsx", multiple=False,
                                         description=t("project.page.risk.import.button", lang))
        self.upload_status = live_html()
        self.export_button = widgets.Button(description=t("project.page.downloads.make", lang), icon="download")
        self.downloads = widgets.HTML()
        self.downloads.add_class("sk-links")
        self.help = widgets.HTML()
        self.middels = labelled(widgets.Dropdown(options=list(range(2, SCORE_MAX)), layout=wide),
                                t("project.page.risk.levels.middels", lang))
        self.hoy = labelled(widgets.Dropdown(options=list(range(3, SCORE_MAX + 1)), layout=wide),
                            t("project.page.risk.levels.hoy", lang))
        self.levels_button = widgets.Button(description=t("project.page.risk.levels.save", lang))
        self.levels_button.on_click(lambda _: self.save_levels())
        self.levels_status = live_html()

        self.pick.observe(lambda change: self._select(change["new"]), names="value")
        self.save_button.on_click(lambda _: self.save())
        self.new_button.on_click(lambda _: self.edit(None))
        self.upload.observe(lambda change: self.import_files(change["new"]), names="value")
        self.export_button.on_click(lambda _: self.make_downloads())

        form = [
            self.pick, self.form_title, self.title, self.likelihood, self.consequence, self.measures, self.owner,
            self.status, _buttons(self.save_button, self.new_button, self.delete_button), self.form_status,
            self.name_check.widget,
            _heading(3, "project.page.risk.import.title", lang, "project.page.risk.import.help"),
            self.upload, self.upload_status,
            _heading(3, "project.page.risk.levels.title", lang, "project.page.risk.levels.help"),
            self.middels, self.hoy, _buttons(self.levels_button), self.levels_status,
        ]
        views = [self.matrix.widget, self.table, _buttons(self.export_button), self.downloads]
        self.widget = widgets.VBox(
            [_heading(2, "project.page.risk.title", lang), self.help, _columns(form, views)],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("sk-section")
        self.edit(None)

    def _scale(self, scale: str) -> widgets.Dropdown:
        """A 1-5 scale as the matrix words it ("1 – Meget liten" …); nothing is chosen until staff choose."""
        options = [(f"{n} – {scale_word(n, scale, self.lang)}", n) for n in range(SCALE_MIN, SCALE_MAX + 1)]
        return labelled(widgets.Dropdown(options=options, value=None, layout=widgets.Layout(width="100%")),
                        _cap(t(f"risk.field.{scale}", self.lang)))

    # -- actions ----------------------------------------------------------

    def opened(self) -> None:
        """A project was opened: an empty form, no old messages or files."""
        self.risks = []
        self.editing = None
        self.matrix.clear()
        self.form_status.value = self.upload_status.value = self.downloads.value = ""
        self.edit(None)

    def save(self) -> Risk | None:
        """Save the form as a new risk, or as changes to the one chosen; names are asked about first.

        Likelihood and consequence must be chosen (a risk is assessed, never
        guessed at 3); a field that looks like a person's name waits for
        staff to confirm (:class:`~samskaping.pages.name_check.NameCheck`).
        """
        project, lang = self.page.project, self.lang
        if project is None:
            return None
        for scale, widget in (("likelihood", self.likelihood), ("consequence", self.consequence)):
            if widget.value is None:
                choose = t("project.page.risk.choose", lang, field=t(f"risk.field.{scale}", lang),
                           choices=scale_words(scale, lang))
                self.form_status.value = status(choose, "error")
                return None
        values = dict(title=self.title.value, likelihood=self.likelihood.value, consequence=self.consequence.value,
                      measures=self.measures.value, owner=self.owner.value, status=self.status.value)
        try:
            # A risk being changed keeps its id, number and date; either way the model checks every value.
            risk = Risk(project.id, **values) if self.editing is None else dataclasses.replace(self.editing, **values)
            if not self.name_check.passes(risk, self.save, self.editing):
                self.form_status.value = ""
                return None
            note = self.name_check.masked_note(risk)
            saved = self.page.store.risks.save(risk, checked=True)
        except SamskapingError as exc:
            self.form_status.value = status(error_text(exc, lang), "error")
            return None
        self.page.refresh(force=True)
        self.edit(next((r for r in self.risks if r.id == saved.id), saved))
        self.form_status.value = status(" ".join(filter(None, (t("project.page.risk.saved", lang, nr=saved.nr), note))))
        return saved

    def delete(self) -> None:
        """Delete the risk in the form (the button asked once more before calling this)."""
        if self.editing is None:
            return
        nr = self.editing.nr
        try:
            self.page.store.risks.delete(self.editing.id)
        except SamskapingError as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return
        self.edit(None)
        self.page.refresh(force=True)
        self.form_status.value = status(t("project.page.risk.deleted", self.lang, nr=nr))

    def edit(self, risk: Risk | None) -> None:
        """Load ``risk`` into the form (``None``: an empty form for a new one)."""
        self.editing = risk
        self.name_check.clear()
        blank = risk is None
        self.title.value = "" if blank else risk.title
        self.likelihood.value = None if blank else risk.likelihood
        self.consequence.value = None if blank else risk.consequence
        self.measures.value = "" if blank else risk.measures
        self.owner.value = "" if blank else risk.owner
        self.status.value = RISK_STATUSES[0].value if blank else str(risk.status)
        self.delete_button.disabled = blank
        self.delete_button.remove_class("sk-confirm")  # a half-pressed delete is for the risk it was pressed on
        self.delete_button.description = t("project.page.risk.delete", self.lang)
        title = (t("project.page.risk.form.new", self.lang) if blank
                 else t("project.page.risk.form.edit", self.lang, nr=risk.nr))
        self.form_title.value = f"<h3>{esc(title)}</h3>"
        with _quiet(self):
            self.pick.value = "" if blank else risk.id

    def import_files(self, files) -> int:
        """Read uploaded CSV/XLSX risk assessments into the project; a risk whose number exists is updated.

        The good rows of every file are merged in one transaction (all or none);
        each bad row is listed by its row number, in the page's language.
        """
        project, lang = self.page.project, self.lang
        if project is None or not files:
            return 0
        risks, lines = [], []
        for upload in files:
            result = read_risk_file(bytes(upload["content"]), upload["name"], project.id)
            risks += result.risks
            lines += [describe_risk_problem(problem, lang) for problem in (*result.problems, *result.warnings)]
        self.upload.value = ()  # so the same file can be chosen again
        try:
            added, updated = self.page.store.risks.merge(project.id, risks) if risks else (0, 0)
        except SamskapingError as exc:
            self.upload_status.value = status(error_text(exc, lang), "error")
            return 0
        summary = t("project.page.risk.imported", lang, count=len(risks), added=added, updated=updated)
        self.upload_status.value = status(summary, "ok" if risks else "error") + _lines(lines, lang)
        self.page.refresh(force=True)
        return len(risks)

    def make_downloads(self) -> None:
        """Offer the register (JSON, Excel, CSV) and the matrix (PNG, PDF) as downloads."""
        project, lang = self.page.project, self.lang
        if project is None:
            return
        levels = self.thresholds
        figure = draw_matrix(self.risks, lang=lang, thresholds=levels,
                             title=f"{t('risk.matrix.title', lang)}: {project.title}")
        workbook = io.BytesIO()
        write_risks_xlsx(self.risks, workbook, lang=lang, thresholds=levels)
        self.downloads.value = download_links({
            "risikovurdering.json": risks_json(self.risks, levels).encode("utf-8"),
            "risikovurdering.xlsx": workbook.getvalue(),
            "risikovurdering.csv": risks_csv(self.risks, lang=lang, thresholds=levels).encode("utf-8-sig"),
            "risikomatrise.png": figure_bytes(figure, "png", dpi=150),
            "risikomatrise.pdf": figure_bytes(figure, "pdf"),
        })

    # -- display ----------------------------------------------------------

    def save_levels(self) -> None:
        """Save where the project's scores turn middels and høy; the matrix, table and files follow."""
        try:
            levels = Thresholds(self.middels.value, self.hoy.value)
            self.page.store.risks.set_thresholds(self.page.project.id, levels)
        except SamskapingError as exc:
            self.levels_status.value = status(error_text(exc, self.lang), "error")
            return
        self.levels_status.value = status(t("project.page.risk.levels.saved", self.lang, ranges=self._ranges(levels)))
        self.page.refresh(force=True)

    def _ranges(self, levels: Thresholds) -> str:
        return ", ".join(t("risk.matrix.range", self.lang, level=t(f"risk.level.{level.value}", self.lang),
                           low=levels.span(level)[0], high=levels.span(level)[1]) for level in RISK_LEVELS)

    def show(self, risks: list[Risk], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> None:
        """Draw ``risks`` (the matrix, the table, the choice to edit); a form being typed in is left alone."""
        if thresholds != self.thresholds or not self.help.value:
            self.thresholds = thresholds
            text = t("project.page.risk.help", self.lang, ranges=self._ranges(thresholds))
            self.help.value = f'<p class="sk-help">{esc(text)}</p>'
            self.middels.value, self.hoy.value = thresholds.middels, thresholds.hoy
            self.matrix.clear()  # drawn again below with the new bands
        if [r.to_dict() for r in risks] == [r.to_dict() for r in self.risks] and self.matrix.png:
            return
        self.risks = risks
        self.downloads.value = ""  # files made before this change would be out of date
        numbers = display_numbers(risks)
        if self.editing is not None:  # changed or deleted elsewhere: save changes it, or adds it anew
            self.editing = next((r for r in risks if r.id == self.editing.id), None)
        with _quiet(self):
            self.pick.options = [(t("project.page.risk.pick.new", self.lang), "")] + [
                (_short(t("project.page.risk.option", self.lang, nr=numbers[r.id], title=r.title)), r.id)
                for r in risks
            ]
            self.pick.value = self.editing.id if self.editing else ""
        self.matrix.show(figure_bytes(draw_matrix(risks, lang=self.lang, thresholds=self.thresholds), "png"),
                         matrix_alt_text(risks, lang=self.lang, thresholds=self.thresholds))
        self.table.value = self._table(risks, numbers)

    def _table(self, risks: list[Risk], numbers: dict[str, int]) -> str:
        lang = self.lang
        if not risks:
            return f'<p class="sk-help">{esc(t("project.page.risk.table.empty", lang))}</p>'
        heads = [
            (t("project.page.risk.col.nr", lang), ""),
            (_cap(t("risk.field.title", lang)), ""),
            (t("project.page.risk.col.likelihood", lang), _cap(t("risk.field.likelihood", lang))),
            (t("project.page.risk.col.consequence", lang), _cap(t("risk.field.consequence", lang))),
            (t("project.page.risk.col.score", lang), _cap(t("risk.field.score", lang))),
            (t("project.page.risk.col.level", lang), ""),
            (t("project.page.risk.col.measures", lang), _cap(t("risk.field.measures", lang))),
            (_cap(t("risk.field.owner", lang)), ""),
            (_cap(t("risk.field.status", lang)), ""),
        ]
        head = "".join(
            f'<th scope="col"><abbr title="{esc(full)}">{esc(short)}</abbr></th>' if full
            else f'<th scope="col">{esc(short)}</th>'
            for short, full in heads
        )
        rows = []
        for risk in risks:
            level = risk.level(self.thresholds)
            numbers_cells = "".join(f'<td class="sk-num">{value}</td>'
                                    for value in (risk.likelihood, risk.consequence, risk.score))
            rows.append(
                f'<tr><td class="sk-num">{numbers[risk.id]}</td><td class="sk-long">{esc(risk.title)}</td>'
                f"{numbers_cells}"
                f'<td style="background:{LEVEL_SHADES[level.value]}">{esc(t(f"risk.level.{level.value}", lang))}</td>'
                f'<td class="sk-long">{esc(risk.measures)}</td><td class="sk-wrap">{esc(risk.owner)}</td>'
                f"<td>{esc(t(f'risk.status.{risk.status.value}', lang))}</td></tr>"
            )
        caption = esc(t("project.page.risk.table", lang))
        return (f'<div class="sk-scroll"><table class="sk-plan sk-risks"><caption>{caption}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")

    def _select(self, risk_id: str | None) -> None:
        if self._loading or risk_id == (self.editing.id if self.editing else ""):
            return
        self.edit(next((r for r in self.risks if r.id == risk_id), None))


class GoalPanel:
    """The project's goals: the tree, the numbered list, the checks, a form to add a goal, links, upload, downloads."""

    def __init__(self, page: ProjectPage):
        self.page = page
        lang = self.lang = page.lang
        self.goals: list[Goal] = []
        self.links: list[GoalLink] = []
        self.concepts: dict[str, str] = {}
        self._loading = False
        self._shown: tuple | None = None
        wide = widgets.Layout(width="100%")

        self.editing: Goal | None = None
        self.pick = labelled(widgets.Dropdown(layout=wide), t("project.page.goal.pick", lang))
        self.delete_button = confirm_button(t("project.page.goal.delete", lang),
                                            t("project.page.goal.delete.confirm", lang), self.delete)
        self.delete_button.layout.display = "none"
        levels = [(level_label(level, lang), level.value) for level in LEVELS]
        self.level = labelled(widgets.Dropdown(options=levels, value=LEVELS[0].value, layout=wide),
                              _cap(t("goal.field.level", lang)))
        self.parent = labelled(widgets.Dropdown(layout=wide), t("project.page.goal.parent", lang))
        self.text = labelled(widgets.Textarea(rows=3, layout=wide), _cap(t("goal.field.text", lang)))
        self.fields = {name: labelled(widgets.Text(layout=wide), _cap(t(f"goal.field.{name}", lang)))
                       for name in LINE_FIELDS}
        self.add_button = widgets.Button(description=t("project.page.goal.add", lang), button_style="primary")
        self.form_status = live_html()
        self.name_check = NameCheck(lang, lambda name: _cap(t(f"goal.field.{name}", lang)))
        self.link_concept = labelled(widgets.Dropdown(layout=wide), t("project.page.goal.link.concept", lang))
        self.link_goal = labelled(widgets.Dropdown(layout=wide), t("project.page.goal.link.goal", lang))
        self.link_button = widgets.Button(description=t("project.page.goal.link.button", lang))
        self.link_status = live_html()
        self.replace = widgets.Checkbox(value=False, indent=False, layout=wide,
                                        description=t("project.page.goal.import.replace", lang))
        self.upload = widgets.FileUpload(accept=".csv,.txt,.xlsx,.json", multiple=False,
                                         description=t("project.page.goal.import.button", lang))
        self.upload_status = live_html()
        self.tree_image = Picture(max_width="60rem")
        self.checks = widgets.HTML()
        self.listing = widgets.HTML()
        self.export_button = widgets.Button(description=t("project.page.downloads.make", lang), icon="download")
        self.downloads = widgets.HTML()
        self.downloads.add_class("sk-links")

        self.level.observe(lambda _: self._parents(), names="value")
        self.pick.observe(lambda change: self._pick(change["new"]), names="value")
        self.add_button.on_click(lambda _: self.add())
        self.link_button.on_click(lambda _: self.link())
        self.upload.observe(lambda change: self.import_files(change["new"]), names="value")
        self.export_button.on_click(lambda _: self.make_downloads())

        form = [
            _heading(3, "project.page.goal.form", lang), self.pick, self.level, self.parent, self.text,
            *self.fields.values(), _buttons(self.add_button, self.delete_button), self.form_status,
            self.name_check.widget,
            _heading(3, "project.page.goal.link.title", lang), self.link_concept, self.link_goal,
            _buttons(self.link_button), self.link_status,
            _heading(3, "project.page.goal.import.title", lang, "project.page.goal.import.help"),
            self.replace, self.upload, self.upload_status,
        ]
        views = [self.tree_image.widget, self.checks, _heading(3, "project.page.goal.list", lang), self.listing,
                 _buttons(self.export_button), self.downloads]
        self.widget = widgets.VBox(
            [_heading(2, "project.page.goal.title", lang, "project.page.goal.help"), _columns(form, views)],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("sk-section")
        self._parents()

    # -- actions ----------------------------------------------------------

    def opened(self) -> None:
        self.goals, self.links, self.concepts, self._shown = [], [], {}, None
        self.name_check.clear()
        for widget in (self.form_status, self.link_status, self.upload_status, self.downloads):
            widget.value = ""
        self._clear_form()

    def add(self) -> Goal | None:
        """Add the form's goal under the goal chosen above it, or save the changes to the goal being edited.

        A person's name is asked about first.
        """
        project, lang = self.page.project, self.lang
        if project is None:
            return None
        editing = self.editing
        kept = {"id": editing.id, "nr": editing.nr, "created": editing.created} if editing else {}
        try:
            goal = Goal(project.id, self.level.value, self.text.value, parent_id=self.parent.value or "",
                        **{name: widget.value for name, widget in self.fields.items()}, **kept)
            if not self.name_check.passes(goal, self.add):
                self.form_status.value = ""
                return None
            note = self.name_check.masked_note(goal)
            saved = self.page.store.goals.save(goal, checked=True)
        except SamskapingError as exc:
            self.form_status.value = status(describe_error(exc, lang), "error")
            return None
        self.page.refresh(force=True)
        if editing:
            self.pick.value = ""  # back to a new goal
        self._clear_form()  # the level and the goal above stay: the next goal is often a sibling
        added = t("project.page.goal.saved" if editing else "project.page.goal.added", lang,
                  level=level_label(saved.level, lang), nr=numbering(self.goals).get(saved.id, ""))
        self.form_status.value = status(" ".join(filter(None, (added, note))))
        return saved

    def delete(self) -> None:
        """Delete the goal being edited (one with goals under it is refused, with why)."""
        goal = self.editing
        if goal is None:
            return
        nr = numbering(self.goals).get(goal.id, "")
        try:
            self.page.store.goals.delete(goal.id)
        except SamskapingError as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return
        self.pick.value = ""
        self.page.refresh(force=True)
        self.form_status.value = status(t("project.page.goal.deleted", self.lang, nr=nr))

    def _pick(self, goal_id: str | None) -> None:
        """Fill the form with the chosen goal to change it, or empty it for a new goal."""
        if self._loading:
            return
        goal = next((g for g in self.goals if g.id == goal_id), None)
        self.editing = goal
        self.add_button.description = t("project.page.goal.save" if goal else "project.page.goal.add", self.lang)
        self.delete_button.layout.display = None if goal else "none"
        if goal is None:
            self._clear_form()
            return
        self.level.value = goal.level.value
        self._parents()
        if goal.parent_id in {value for _, value in self.parent.options}:
            self.parent.value = goal.parent_id
        self.text.value = goal.text
        for name, widget in self.fields.items():
            widget.value = getattr(goal, name)

    def link(self) -> None:
        """Say that the chosen concept (tiltak) serves the chosen goal."""
        concept, goal = self.link_concept.value, self.link_goal.value
        if not concept or not goal:
            return
        try:
            self.page.store.goals.link(goal, concept)
        except SamskapingError as exc:
            self.link_status.value = status(error_text(exc, self.lang), "error")
            return
        self.page.refresh(force=True)
        done = t("project.page.goal.link.done", self.lang, concept=self.concepts.get(concept, ""),
                 nr=numbering(self.goals).get(goal, ""))
        self.link_status.value = status(done)

    def import_files(self, files) -> int:
        """Read uploaded goal sheets (CSV, XLSX) or the kit's JSON into the project, all or none.

        Goals are added after those already there, or replace them when the box
        is ticked (and the file gave at least one goal); bad rows are listed.
        """
        project, lang = self.page.project, self.lang
        if project is None or not files:
            return 0
        goals, lines = [], []
        for upload in files:
            data, name = bytes(upload["content"]), upload["name"]
            if name.lower().endswith(".json"):
                try:
                    goals += ordered(read_goals_json(data.decode("utf-8-sig", "replace"), project.id))
                except SamskapingError as exc:
                    lines.append(describe_error(exc, lang))
                continue
            result = read_goal_file(data, name, project.id)
            goals += result.goals
            lines += [describe_goal_problem(problem, lang) for problem in (*result.problems, *result.warnings)]
        replace = self.replace.value and bool(goals)
        self.upload.value = ()
        self.replace.value = False  # replacing is asked for each file anew
        try:
            old = self.page.store.goals.add_all(project.id, goals, replace=replace) if goals else 0
        except SamskapingError as exc:
            self.upload_status.value = status(describe_error(exc, lang), "error")
            return 0
        summary = (t("project.page.goal.replaced", lang, count=len(goals), old=old) if replace
                   else t("project.page.goal.imported", lang, count=len(goals)))
        self.upload_status.value = status(summary, "ok" if goals else "error") + _lines(lines, lang)
        self.page.refresh(force=True)
        return len(goals)

    def make_downloads(self) -> None:
        """Offer the goals (JSON, Excel, CSV, in the tree's order) and the tree (PNG, PDF) as downloads."""
        project, lang = self.page.project, self.lang
        if project is None:
            return
        goals = ordered(self.goals)
        figure = draw_goal_tree(goals, lang=lang, title=project.title)
        workbook = io.BytesIO()
        write_goals_xlsx(goals, workbook, lang=lang)
        self.downloads.value = download_links({
            "mål.json": goals_json(goals).encode("utf-8"),
            "mål.xlsx": workbook.getvalue(),
            "mål.csv": goals_csv(goals, lang=lang).encode("utf-8-sig"),
            "måltre.png": figure_bytes(figure, "png", dpi=150),
            "måltre.pdf": figure_bytes(figure, "pdf"),
        })

    # -- display ----------------------------------------------------------

    def show(self, goals: list[Goal], links: list[GoalLink], concepts: dict[str, str]) -> None:
        """Draw the goals, their checks and the choices of the form; skipped when nothing changed."""
        shown = ([g.to_dict() for g in goals], [link.to_dict() for link in links], concepts)
        if shown == self._shown:
            return
        self._shown = shown
        self.goals, self.links, self.concepts = goals, links, concepts
        self.downloads.value = ""
        lang = self.lang
        numbers = numbering(goals)
        if goals:
            figure = draw_goal_tree(goals, lang=lang)
            self.tree_image.show(figure_bytes(figure, "png"), goal_tree_alt_text(goals, lang=lang))
            self.listing.value = _goal_list(tree(goals), numbers, lang)
        else:
            self.tree_image.clear(t("goal.tree.empty", lang))
            self.listing.value = f'<p class="sk-help">{esc(t("project.page.goal.list.empty", lang))}</p>'
        self.checks.value = self._checks()
        in_order = [goal for goal, _ in walk(tree(goals))]
        with _quiet(self):
            self._parents()
            _keep(self.pick, [(t("project.page.goal.pick.new", lang), ""),
                              *((_goal_option(g, numbers, lang), g.id) for g in in_order)])
            _keep(self.link_concept, [(_short(name), cid) for cid, name in concepts.items()])
            _keep(self.link_goal, [(_goal_option(g, numbers, lang), g.id) for g in in_order])
        self.link_button.disabled = not (concepts and goals)
        none = f'<p class="sk-help">{esc(t("project.page.goal.link.none", lang))}</p>'
        if not concepts:
            self.link_status.value = none
        elif self.link_status.value == none:
            self.link_status.value = ""

    def _checks(self) -> str:
        lang = self.lang
        issues = check_goals(self.goals, self.links, self.concepts)
        if not issues:
            return f'<p class="sk-ok">{esc(t("project.page.goal.checks.none", lang))}</p>' if self.goals else ""
        items = "".join(f"<li>{esc(describe_issue(issue, self.goals, lang, concepts=self.concepts))}</li>"
                        for issue in issues)
        return (f'<div class="sk-warning"><strong>{esc(t("project.page.goal.checks", lang))}</strong>'
                f"<ul>{items}</ul></div>")

    def _parents(self) -> None:
        """The goals one level above the chosen level; the newest is chosen, as the next goal often hangs there."""
        lang = self.lang
        above = level_above(self.level.value)
        numbers = numbering(self.goals)
        candidates = [goal for goal, _ in walk(tree(self.goals)) if goal.level == above] if above else []
        if above is None:
            options = [(t("project.page.goal.parent.top", lang), "")]
        elif not candidates:
            options = [(t("project.page.goal.parent.none", lang), "")]
        else:
            options = [(_goal_option(g, numbers, lang), g.id) for g in candidates]
        newest = max(candidates, key=lambda g: (g.nr, g.created)).id if candidates else ""
        _keep(self.parent, options, newest)

    def _clear_form(self) -> None:
        self.text.value = ""
        for widget in self.fields.values():
            widget.value = ""


def _keep(dropdown: widgets.Dropdown, options: list[tuple[str, str]], default: str = "") -> None:
    """Give ``dropdown`` new options, keeping what was chosen when it is still there."""
    chosen = dropdown.value
    dropdown.options = options
    values = [value for _, value in options]
    if chosen in values:
        dropdown.value = chosen
    elif default in values:
        dropdown.value = default
    elif values:
        dropdown.value = values[0]


def _goal_option(goal: Goal, numbers: dict[str, str], lang: str) -> str:
    """A goal as a drop-down shows it: its outline number and its words, cut to fit ("1.2 Tidlig hjelp …")."""
    return _short(t("project.page.goal.option", lang, nr=numbers[goal.id], text=goal.text))


def _goal_list(branches, numbers: dict[str, str], lang: str) -> str:
    """The goals as nested lists, each with its outline number, level, text and how it is measured."""
    items = []
    for goal, children in branches:
        details = " · ".join(f"{_cap(t(f'goal.field.{name}', lang))}: {getattr(goal, name)}"
                             for name in LINE_FIELDS if getattr(goal, name))
        items.append(
            f"<li><strong>{esc(numbers[goal.id])} {esc(level_label(goal.level, lang))}:</strong> "
            f'<span class="sk-goal-text">{esc(goal.text)}</span>'
            + (f'<br><span class="sk-help">{esc(details)}</span>' if details else "")
            + (_goal_list(children, numbers, lang) if children else "")
            + "</li>"
        )
    return f'<ul class="sk-goals">{"".join(items)}</ul>'



class OrganisationPanel:
    """Roles and the progress plan: who does what, the milestones on a timeline, a forankringsplan from the map."""

    def __init__(self, page: ProjectPage):
        self.page = page
        lang = self.lang = page.lang
        wide = widgets.Layout(width="100%")
        self.kind = labelled(widgets.Dropdown(options=[(role_label(kind, lang), kind.value) for kind in RoleKind],
                                              layout=wide), t("plan.organisation.role", lang))
        self.holder = labelled(widgets.Text(layout=wide), t("plan.organisation.holder", lang))
        self.duties = labelled(widgets.Textarea(rows=2, layout=wide), t("plan.organisation.responsibilities", lang))
        self.role_button = widgets.Button(description=t("project.org.role.add", lang), button_style="primary")
        self.milestone = labelled(widgets.Text(layout=wide), t("plan.progress.milestone", lang))
        self.due = labelled(widgets.Text(layout=wide, placeholder="1.3.2027 / Vår 2028"), t("plan.progress.due", lang))
        self.owner = labelled(widgets.Text(layout=wide), t("plan.organisation.owner", lang))
        self.milestone_button = widgets.Button(description=t("project.org.milestone.add", lang),
                                               button_style="primary")
        self.forankring_button = widgets.Button(description=t("project.org.forankring", lang))
        self.meeting = labelled(widgets.Text(layout=wide), t("plan.organisation.meeting", lang))
        self.frequency = labelled(widgets.Text(layout=wide, placeholder=t("project.org.frequency.example", lang)),
                                  t("plan.organisation.frequency", lang))
        self.participants = labelled(widgets.Text(layout=wide), t("plan.organisation.participants", lang))
        self.agenda = labelled(widgets.Textarea(rows=2, layout=wide), t("plan.organisation.agenda", lang))
        self.meeting_button = widgets.Button(description=t("project.org.meeting.add", lang), button_style="primary")
        self.concept = labelled(widgets.Dropdown(layout=wide), t("project.org.pilot.concept", lang))
        self.pilot = labelled(widgets.Text(layout=wide), t("plan.progress.pilot", lang))
        self.place = labelled(widgets.Text(layout=wide), t("plan.progress.place", lang))
        self.start = labelled(widgets.Text(layout=wide, placeholder="1.3.2027"), t("project.org.pilot.start", lang))
        self.end = labelled(widgets.Text(layout=wide, placeholder="30.6.2027"), t("project.org.pilot.end", lang))
        self.measures = labelled(widgets.Textarea(rows=2, layout=wide), t("plan.progress.measures", lang))
        self.pilot_status = labelled(widgets.Dropdown(
            options=[(t(f"org.pilot_status.{s.value}", lang), s.value) for s in PilotStatus], layout=wide),
            t("project.org.pilot.status", lang))
        self.pilot_button = widgets.Button(description=t("project.org.pilot.add", lang), button_style="primary")
        self.remove_choice = labelled(widgets.Dropdown(layout=wide), t("project.org.remove.choose", lang))
        self.remove_button = confirm_button(t("project.org.remove", lang), t("project.org.remove.confirm", lang),
                                            self.remove)
        self.form_status = live_html()
        self.name_check = NameCheck(lang, lambda name: t("plan.organisation.holder", lang))
        self.role_button.on_click(lambda _: self.add_role())
        self.milestone_button.on_click(lambda _: self.add_milestone())
        self.forankring_button.on_click(lambda _: self.make_forankring())
        self.meeting_button.on_click(lambda _: self.add_meeting())
        self.pilot_button.on_click(lambda _: self.add_pilot())
        self.gantt = Picture(max_width="60rem")
        self.tables = widgets.HTML()
        self.tables.add_class("sk-text")
        form = [_heading(3, "plan.organisation.roles", lang), self.kind, self.holder, self.duties,
                _buttons(self.role_button), self.name_check.widget,
                _heading(3, "plan.progress.milestones", lang), self.milestone, self.due, self.owner,
                _buttons(self.milestone_button),
                _heading(3, "plan.organisation.forankring", lang, "project.org.forankring.help"),
                _buttons(self.forankring_button),
                _heading(3, "plan.organisation.meetings", lang), self.meeting, self.frequency, self.participants,
                self.agenda, _buttons(self.meeting_button),
                _heading(3, "plan.progress.pilots", lang, "project.org.pilot.help"), self.concept, self.pilot,
                self.place, self.start, self.end, self.measures, self.pilot_status, _buttons(self.pilot_button),
                _heading(3, "project.org.remove.title", lang), self.remove_choice, _buttons(self.remove_button),
                self.form_status]
        self.widget = widgets.VBox([_heading(2, "plan.organisation.title", lang, "project.org.help"),
                                    _columns(form, [self.gantt.widget, self.tables])],
                                   layout=widgets.Layout(width="100%"))
        self.widget.add_class("sk-section")

    def add_role(self) -> Role | None:
        """Save a role; a holder that looks like a person's name waits for staff to confirm it."""
        try:
            role = Role(self.page.project.id, self.kind.value, holder=self.holder.value,
                        responsibilities=self.duties.value)
            if not self.name_check.passes(role, self.add_role):
                return None
            self.page.store.organisation.save(role, checked=True)
        except SamskapingError as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.holder.value = self.duties.value = ""
        self.form_status.value = status(t("project.org.saved", self.lang, title=role_label(role.kind, self.lang)))
        self.page.refresh(force=True)
        return role

    def add_milestone(self) -> Milestone | None:
        try:
            due, due_text = parse_due(self.due.value) if self.due.value.strip() else (None, "")
            milestone = Milestone(self.page.project.id, self.milestone.value, due=due, due_text=due_text,
                                  owner=self.owner.value)
            self.page.store.organisation.save(milestone, checked=True)
        except SamskapingError as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.milestone.value = self.due.value = self.owner.value = ""
        self.form_status.value = status(t("project.org.saved", self.lang, title=milestone.title))
        self.page.refresh(force=True)
        return milestone

    def add_meeting(self) -> Meeting | None:
        """Add a standing meeting to the meeting plan (Nesseby's: møte, hyppighet, agenda, deltakere)."""
        try:
            meeting = Meeting(self.page.project.id, self.meeting.value, frequency=self.frequency.value,
                              agenda=self.agenda.value, participants=self.participants.value)
            self.page.store.organisation.save(meeting, checked=True)
        except SamskapingError as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.meeting.value = self.frequency.value = self.agenda.value = self.participants.value = ""
        self.form_status.value = status(t("project.org.saved", self.lang, title=meeting.name))
        self.page.refresh(force=True)
        return meeting

    def add_pilot(self) -> Pilot | None:
        """Add a pilot of one of the workshops' concepts (or of something tried outside the kit)."""
        concepts = dict(self.concept.options)
        title = self.pilot.value.strip() or next(
            (name for name, cid in concepts.items() if cid and cid == self.concept.value), "")
        try:
            start, end = (_exact_date(widget.value, self.lang) for widget in (self.start, self.end))
            pilot = Pilot(self.page.project.id, self.concept.value or "", title, place=self.place.value,
                          start=start, end=end, measures=self.measures.value, status=self.pilot_status.value)
            self.page.store.organisation.save(pilot, checked=True)
        except SamskapingError as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return None
        for widget in (self.pilot, self.place, self.start, self.end, self.measures):
            widget.value = ""
        self.form_status.value = status(t("project.org.saved", self.lang, title=pilot.title))
        self.page.refresh(force=True)
        return pilot

    def remove(self) -> None:
        """Remove the row chosen in the list (a role, milestone, meeting, pilot or forankring line)."""
        if not self.remove_choice.value:
            return
        kind, item_id = self.remove_choice.value.split(":", 1)
        label = dict((value, name) for name, value in self.remove_choice.options)[self.remove_choice.value]
        self.page.store.organisation.delete(kind, item_id)
        self.form_status.value = status(t("project.org.removed", self.lang, title=label))
        self.page.refresh(force=True)

    def make_forankring(self) -> int:
        """A forankringsplan from the project's stakeholder register (each stakeholder once)."""
        from samskaping.organisation.forankring import forankringsplan_from

        store, project = self.page.store, self.page.project
        stakeholders = store.stakeholders.register(project.id)
        known = {e.stakeholder_id for e in store.organisation.list("forankring", project.id)}
        entries = [e for e in forankringsplan_from(stakeholders, project_id=project.id, lang=self.lang)
                   if not e.stakeholder_id or e.stakeholder_id not in known]
        for entry in entries:
            store.organisation.save(entry, checked=True)
        self.form_status.value = status(t("cli.organisation.forankring", self.lang, count=len(entries),
                                          title=project.title))
        self.page.refresh(force=True)
        return len(entries)

    def show(self, org: dict[str, list], concepts: dict[str, str] | None = None) -> None:
        """The timeline, the tables of roles, milestones, meetings, pilots and the forankringsplan, the lists."""
        lang = self.lang
        concepts = concepts or {}
        chosen = self.concept.value
        self.concept.options = [(t("project.org.pilot.no_concept", lang), ""),
                                *((_short(name), cid) for cid, name in concepts.items())]
        self.concept.value = chosen if chosen in concepts else ""
        self.remove_choice.options = [("", ""), *(
            (_short(f"{t(_KIND_LABELS[kind], lang)}: {_row_label(kind, item, lang)}", 60), f"{kind}:{item.id}")
            for kind in _KIND_LABELS for item in org.get(kind, []))]
        milestones, pilots = org.get("milestones", []), org.get("pilots", [])
        if milestones or pilots:
            from samskaping.organisation.plot import draw_gantt, gantt_alt_text

            figure = draw_gantt(milestones, pilots, lang=lang)
            self.gantt.show(figure_bytes(figure, "png", dpi=110), gantt_alt_text(milestones, pilots, lang=lang))
        else:
            self.gantt.clear()

        def table(title: str, header: tuple, rows: list) -> str:
            if not rows:
                return ""
            head = "".join(f"<th>{esc(cell)}</th>" for cell in header)
            body = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows)
            return f'<h3>{esc(title)}</h3><table class="sk-plan"><tr>{head}</tr>{body}</table>'

        self.tables.value = (
            table(t("plan.organisation.roles", lang), (t("plan.organisation.role", lang),
                  t("plan.organisation.holder", lang), t("plan.organisation.responsibilities", lang)),
                  [(role_label(r.kind, lang), r.holder, r.responsibilities) for r in org.get("roles", [])])
            + table(t("plan.progress.milestones", lang), (t("plan.progress.milestone", lang),
                    t("plan.progress.due", lang), t("plan.organisation.owner", lang)),
                    [(m.title, when_text(m, lang), m.owner) for m in milestones])
            + table(t("plan.organisation.forankring", lang), (t("plan.organisation.audience", lang),
                    t("plan.organisation.purpose", lang), t("plan.organisation.how", lang),
                    t("plan.organisation.when", lang)),
                    [(e.audience, purpose_label(e.purpose, lang), e.how, e.when) for e in org.get("forankring", [])])
            + table(t("plan.organisation.meetings", lang), (t("plan.organisation.meeting", lang),
                    t("plan.organisation.frequency", lang), t("plan.organisation.participants", lang),
                    t("plan.organisation.agenda", lang)),
                    [(m.name, m.frequency, m.participants, m.agenda) for m in org.get("meetings", [])])
            + table(t("plan.progress.pilots", lang), (t("plan.progress.pilot", lang), t("plan.progress.place", lang),
                    t("plan.progress.period", lang), t("plan.progress.measures", lang),
                    t("project.org.pilot.status", lang)),
                    [(p.title + (f" ({concepts[p.concept_id]})" if p.concept_id in concepts
                                 and concepts[p.concept_id] != p.title else ""),
                      p.place, _period(p, lang), p.measures, t(f"org.pilot_status.{p.status}", lang))
                     for p in pilots])
        ) or f'<p class="sk-help">{esc(t("plan.organisation.empty", lang))}</p>'


#: The rows the organisation panel lists for removal, by their store kind, and what each is called.
_KIND_LABELS = {"roles": "plan.organisation.role", "milestones": "plan.progress.milestone",
                "meetings": "plan.organisation.meeting", "pilots": "plan.progress.pilot",
                "forankring": "plan.organisation.forankring"}


def _row_label(kind: str, item, lang: str) -> str:
    if kind == "roles":
        return " – ".join(filter(None, (role_label(item.kind, lang), item.holder)))
    if kind == "forankring":
        return item.audience
    return getattr(item, "title", "") or getattr(item, "name", "")


def _period(pilot: Pilot, lang: str) -> str:
    ends = [format_date(day, lang, short=True) if day else "" for day in (pilot.start, pilot.end)]
    return " – ".join(ends) if any(ends) else ""


def _exact_date(text: str, lang: str) -> date | None:
    """A pilot's start or end as typed ("1.3.2027"); a season or a month is not a day and is refused."""
    if not text.strip():
        return None
    day, words = parse_due(text)
    if day is None or words:
        raise InvalidInputError(f"{text!r} is not one day; write it as 1.3.2027.", reason="not_a_day",
                                field="start", value=text)
    return day


class ProjectPage(LivePage):
    """The project page, opened by ``?prosjekt=`` (the project's id, or a workshop's id or join code).

    ``.widget`` is what Voilà shows. Without ``?prosjekt=`` (or ``?verksted=``)
    the newest project opens; the drop-down opens any other.
    """

    def __init__(self, store: Store, request: PageRequest | None = None):
        self.store = store
        self.request = request or PageRequest()
        self.lang = lang = staff_lang(choose_lang(self.request.get("lang"), self._linked_language()))
        self.project: Project | None = None
        self._revision: str | None = None
        self._loading = False

        self.picker = labelled(widgets.Dropdown(layout=widgets.Layout(width="100%", max_width="36rem")),
                               t("project.page.pick", lang))
        self.heading = widgets.HTML()
        self.phase = labelled(
            widgets.Dropdown(options=[(t(f"ks_phase.{p.value}", lang), p.value) for p in KS_PHASES]),
            t("project.page.phase", lang),
        )
        self.phase.layout = widgets.Layout(max_width="36rem")
        self.phase_status = live_html()
        self.overview = widgets.HTML()
        self.overview.add_class("sk-text")
        self.risk_panel = RiskPanel(self)
        self.round_workshop = labelled(widgets.Dropdown(layout=widgets.Layout(max_width="36rem")),
                                       t("risk.round.workshop", lang))
        self.round = RiskRoundPanel(store, lang, chooser=self.round_workshop)
        self.round_workshop.observe(lambda change: self._round_in(change["new"]), names="value")
        self._round_revision = -1
        self.goal_panel = GoalPanel(self)
        self.organisation = OrganisationPanel(self)
        self.ideas = IdeaPoolPanel(store, lang)
        self.content = widgets.VBox([self.phase, self.phase_status, self.overview, self.ideas.widget,
                                     self.risk_panel.widget, self.round.widget, self.goal_panel.widget,
                                     self.organisation.widget],
                                    layout=widgets.Layout(width="100%", display="none"))

        self.picker.observe(lambda change: self._choose(change["new"]), names="value")
        self.phase.observe(lambda change: self.set_phase(change["new"]), names="value")
        self.widget = page_box(
            [style(lang), widgets.HTML(f"{_CSS}<h1>{esc(t('project.page.title', lang))}</h1>"), self.picker,
             self.heading, self.content],
            max_width="90rem",
        )
        self._open_requested()

    # -- opening ------------------------------------------------------------

    def _ref(self) -> str:
        return self.request.get("prosjekt") or self.request.get("verksted")

    def _linked_language(self) -> str | None:
        """The language of the linked workshop, or of the project's first: a nynorsk project's page is nynorsk."""
        ref = self._ref()
        if not ref:
            return None
        organisation = self.request.organisation
        try:
            return self.store.workshops.get(ref, organisation=organisation).lang
        except SamskapingError:
            pass
        try:
            workshops = self.store.projects.workshops(self.store.projects.get(ref, organisation=organisation).id)
        except SamskapingError:
            return None  # the page says so once it is built
        return workshops[0].lang if workshops else None

    def _open_requested(self) -> None:
        projects = self._load_projects()
        ref = self._ref() or (projects[0].id if projects else "")
        if ref:
            self.open(ref)
        else:
            self.heading.value = f'<p class="sk-help">{esc(t("project.page.none", self.lang))}</p>'

    def _load_projects(self) -> list[Project]:
        projects = self.store.projects.list(organisation=self.request.organisation)
        with _quiet(self):
            self.picker.options = [(f"{p.title} ({p.created.astimezone():%d.%m.%Y})", p.id) for p in projects]
            self.picker.value = self.project.id if self.project else None
        return projects

    def _choose(self, project_id: str | None) -> None:
        if not self._loading and project_id and (self.project is None or project_id != self.project.id):
            self.open(project_id)

    def open(self, ref: str) -> None:
        """Show the project with id ``ref``, or of the workshop with that id or join code; say so when there is none."""
        try:
            project = self.store.projects.get(ref, organisation=self.request.organisation)
        except SamskapingError as exc:
            self.heading.value = status(error_text(exc, self.lang), "error")
            return
        self.project = project
        self.phase_status.value = ""
        self.risk_panel.opened()
        self.goal_panel.opened()
        self.content.layout.display = None
        self.refresh(force=True)

    # -- actions ------------------------------------------------------------

    def set_phase(self, phase: str) -> None:
        """Save where the project is in KS' veikart, as chosen in the drop-down."""
        if self._loading or self.project is None or phase == self.project.phase:
            return
        try:
            self.project = self.store.projects.set_phase(self.project.id, phase)
        except SamskapingError as exc:
            self.phase_status.value = status(error_text(exc, self.lang), "error")
            return
        saved = t("project.page.phase.saved", self.lang, phase=t(f"ks_phase.{phase}", self.lang))
        self.phase_status.value = status(saved)
        self.refresh(force=True)

    def _round_in(self, workshop_id: str | None) -> None:
        """Follow the risk round on the phones of ``workshop_id`` (one of the project's workshops)."""
        if self._loading:
            return
        self._round_revision = -1
        self.round.show(self.store.workshops.get(workshop_id) if workshop_id else None)

    def _refresh_round(self) -> None:
        """Redraw the room's ratings when a phone sent one (the workshop's room revision moved)."""
        workshop = self.round.workshop
        if workshop is None:
            return
        revision = self.store.workshops.revision(workshop.id, "room")
        if revision != self._round_revision:
            self._round_revision = revision
            self.round.refresh()

    def refresh(self, *, force: bool = False) -> bool:
        """Reload and redraw when the project changed (here, on another laptop or from the command line)."""
        if self.project is None:
            return False
        self._refresh_round()
        revision = self.store.projects.revision(self.project.id)
        if revision == self._revision and not force:
            return False
        self._revision = revision
        project_id = self.project.id
        self.project = self.store.projects.get(project_id)
        self._load_projects()
        workshops = self.store.projects.workshops(project_id)
        self._show_project(workshops)
        self.ideas.show(self.project)
        self.risk_panel.show(self.store.risks.list(project_id), self.store.risks.thresholds(project_id))
        with _quiet(self):
            chosen = self.round_workshop.value
            self.round_workshop.options = [(w.title, w.id) for w in workshops]
            self.round_workshop.value = chosen if chosen in {w.id for w in workshops} else (
                workshops[-1].id if workshops else None)
        if self.round_workshop.value != (self.round.workshop.id if self.round.workshop else None):
            self._round_in(self.round_workshop.value)
        else:
            self.round.refresh()
        concepts = {c.id: c.name for w in workshops for c in self.store.concepts.list(w.id)}
        self.goal_panel.show(self.store.goals.list(project_id), self.store.goals.links(project_id), concepts)
        self.organisation.show({kind: self.store.organisation.list(kind, project_id)
                                for kind in ("roles", "forankring", "milestones", "meetings", "pilots")}, concepts)
        return True

    # -- display ------------------------------------------------------------

    def _show_project(self, workshops) -> None:
        project, lang = self.project, self.lang
        self.heading.value = f'<div class="sk-question">{esc(project.title)}</div>'
        with _quiet(self):
            self.phase.value = project.phase.value
        names = (t("project.page.municipalities", lang, names=", ".join(project.municipalities))
                 if project.municipalities else t("project.page.municipalities.none", lang))
        if workshops:
            base = self.request.base_url
            items = "".join(
                f'<li><a href="{esc(f"{base}{FACILITATOR_URL_PATH}?verksted={w.id}")}">{esc(w.title)}</a> '
                f"({esc(t('project.page.workshops.item', lang, code=w.join_code, phase=phase_label(w.phase, lang)))})"
                "</li>"
                for w in workshops
            )
            listing = (f'<ul class="sk-workshops">{items}</ul>'
                       f'<p class="sk-help">{esc(t("project.page.workshops.help", lang))}</p>')
        else:
            listing = f'<p class="sk-help">{esc(t("project.page.workshops.none", lang))}</p>'
        self.overview.value = (f"<p>{esc(names)}</p><h2>{esc(t('project.page.workshops.title', lang))}</h2>"
                               f"{listing}")


def project_page(store: Store | None = None, request: PageRequest | None = None) -> widgets.Widget:
    """Build the project page for the current Voilà request and keep it up to date."""
    return live_widget(ProjectPage, store, request)
