"""The stakeholder page: build the interest x influence grid together, live.

Coordinators used to draw this grid by hand in PowerPoint. Here a group adds
stakeholders in a form, places them with two sliders (interest, influence),
sees the quadrant and the strategy change as they move, and sees the grid, the
relation network and the involvement plan redrawn. Several laptops on the same
workshop see the same map: the page polls the store's revision number and
reloads only when someone else changed something.

Plotting is imported here, not in the participant page, so phones never pay
for matplotlib.
"""

from __future__ import annotations

import io

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import error_text, phase_label, t
from samskaping.core.models import PHASES
from samskaping.pages.base import (
    Picture,
    StaffPage,
    download_links,
    esc,
    figure_bytes,
    labelled,
    live_html,
    live_widget,
    page_box,
    scale,
    status,
    style,
)
from samskaping.pages.name_check import NameCheck
from samskaping.pages.request import PageRequest
from samskaping.reports.figures import grid_text, history_text, network_text
from samskaping.stakeholders.analysis import (
    involvement_plan,
    label,
    midline_rule,
    on_midline,
    quadrant,
    sector_choices,
    strategy_for,
)
from samskaping.stakeholders.model import RELATION_KINDS, TEXT_FIELDS, Relation, Stakeholder
from samskaping.stakeholders.network import network_summary
from samskaping.store import Store

__all__ = ["StakeholderPage", "stakeholder_page"]


class StakeholderPage(StaffPage):
    """The stakeholder page of one workshop; ``.widget`` is what Voilà shows."""

    topics = ("stakeholders",)

    def __init__(self, store: Store, request: PageRequest | None = None, *, moved_by: str = "prosessleder"):
        super().__init__(store, request)
        self.moved_by = moved_by
        self.items: list[Stakeholder] = []
        self.relations: list[Relation] = []
        self.editing: Stakeholder | None = None
        lang = self.lang
        wide = widgets.Layout(width="100%")

        self.heading = widgets.HTML()

        self.name = labelled(widgets.Text(layout=wide), t("stakeholder.field.name", lang).capitalize())
        self.sector = labelled(widgets.Dropdown(options=sector_choices([], lang), value="annet"),
                               t("stakeholder.field.sector", lang).capitalize())
        self.interest = scale(t("stakeholder.axis.interest", lang), lang)
        self.influence = scale(t("stakeholder.axis.influence", lang), lang)
        phases = [(t("stakeholder.phase.all", lang), "")] + [(phase_label(p, lang), p) for p in PHASES]
        self.phase = labelled(widgets.Dropdown(options=phases), t("stakeholder.field.phase", lang).capitalize())
        self.texts = {
            name: labelled(widgets.Textarea(layout=wide, rows=2), t(f"stakeholder.field.{name}", lang).capitalize())
            for name in TEXT_FIELDS
        }
        self.placement = widgets.HTML()
        self.save_button = widgets.Button(description=t("stakeholder.save", lang), button_style="primary")
        self.new_button = widgets.Button(description=t("stakeholder.new", lang))
        self.delete_button = widgets.Button(description=t("stakeholder.delete", lang), button_style="danger")
        self.form_status = live_html()
        self.name_check = NameCheck(lang, lambda name: t(f"stakeholder.field.{name}", lang).capitalize())
        self.listing = labelled(widgets.Select(rows=8, layout=wide), t("stakeholder.list.title", lang), visible=False)

        self.source = labelled(widgets.Dropdown(), t("stakeholder.relation.from", lang))
        kinds = [(label(f"relation.{k}", lang), k) for k in RELATION_KINDS]
        self.kind = labelled(widgets.Dropdown(options=kinds), t("stakeholder.relation.kind", lang))
        self.target = labelled(widgets.Dropdown(), t("stakeholder.relation.to", lang))
        self.relate_button = widgets.Button(description=t("stakeholder.relation.add", lang))
        self.relation_status = live_html()

        self.grid_image = Picture(max_width="60rem")
        self.network_image = Picture(max_width="60rem")
        self.history = labelled(widgets.BoundedIntText(min=0, max=0, layout=widgets.Layout(width="16rem")),
                                t("stakeholder.history.step", lang))
        self.history_label = live_html()
        self.history_image = Picture(max_width="60rem")
        self.summary = widgets.HTML()
        self.plan = widgets.HTML()
        self.downloads = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv,.txt,.xlsx", multiple=False,
                                         description=t("stakeholder.import.button", lang))
        self.upload_status = live_html()
        self.export_button = widgets.Button(description=t("stakeholder.export.make", lang), icon="download")

        for slider in (self.interest, self.influence):
            slider.observe(lambda _: self._show_placement(), names="value")
        self.texts["strategy"].observe(lambda _: self._show_placement(), names="value")
        self.save_button.on_click(lambda _: self.save())
        self.new_button.on_click(lambda _: self.edit(None))
        self.delete_button.on_click(lambda _: self.delete())
        self.listing.observe(lambda change: self._select(change["new"]), names="value")
        self.relate_button.on_click(lambda _: self.relate())
        self.export_button.on_click(lambda _: self.make_downloads())
        self.upload.observe(lambda change: self.import_files(change["new"]), names="value")
        self.history.observe(lambda _: self.show_history(), names="value")

        form = widgets.VBox(
            [
                widgets.HTML(f"<h2>{esc(t('stakeholder.form.title', lang))}</h2>"),
                self.name, self.sector, self.interest, self.influence, self.placement,
                *(self.texts[n] for n in ("affected", "strategy", "justification", "contact_role")),
                self.texts["channel"], self.texts["frequency"], self.phase, self.texts["notes"],
                widgets.HBox([self.save_button, self.new_button, self.delete_button]),
                self.form_status, self.name_check.widget,
                widgets.HTML(f"<h2>{esc(t('stakeholder.list.title', lang))}</h2>"),
                self.listing,
                widgets.HTML(f"<h2>{esc(t('stakeholder.relation.title', lang))}</h2>"),
                self.source, self.kind, self.target, self.relate_button, self.relation_status,
                widgets.HTML(f"<h2>{esc(t('stakeholder.import.title', lang))}</h2>"
                             f'<p class="sk-help">{esc(t("stakeholder.import.help", lang))}</p>'),
                self.upload, self.upload_status,
            ],
            # The padding keeps a full-width field's right edge and focus ring inside the column.
            layout=widgets.Layout(width="24rem", min_width="18rem", flex="0 1 24rem", padding="0 0.6rem 0 0.4rem"),
        )
        views = widgets.VBox(
            [
                self.grid_image.widget,
                widgets.HTML(f"<h2>{esc(t('stakeholder.network.title', lang))}</h2>"),
                self.summary,
                self.network_image.widget,
                widgets.HTML(f"<h2>{esc(t('stakeholder.plan.title', lang))}</h2>"),
                self.plan,
                widgets.Accordion(
                    [widgets.VBox([self.history, self.history_label, self.history_image.widget])],
                    titles=(t("stakeholder.history.title", lang),),
                ),
                widgets.HBox([self.export_button]),
                self.downloads,
            ],
            layout=widgets.Layout(flex="1 1 30rem", min_width="18rem"),
        )
        self.body = widgets.HBox([form, views], layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        self.widget = page_box(
            [style(lang), widgets.HTML(f"<h1>{esc(t('stakeholder.title', lang))}</h1>"), self.picker.widget,
             self.heading, self.body],
            max_width="90rem",
        )
        self._open_requested()
        self._show_placement()

    # -- actions ----------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.heading.value = status(text, "error")

    def opened(self) -> None:
        self.heading.value = f'<div class="sk-question">{esc(self.workshop.title)}</div>' + self._register_note()
        self.downloads.value = ""
        self.edit(None)
        self.refresh()

    def _register_note(self) -> str:
        """Say that the map is the project's when other workshops share it (an edit shows there too)."""
        project = self.store.projects.of_workshop(self.workshop.id)
        count = len(self.store.projects.workshops(project.id))
        if count < 2:
            return ""
        return f'<p class="sk-help">{esc(t("stakeholder.shared", self.lang, project=project.title, count=count))}</p>'

    def save(self) -> Stakeholder | None:
        """Save the form as a new stakeholder or as changes to the one being edited.

        A field that looks like a person's name is not stored until staff
        confirm it or write it anew (:class:`~samskaping.pages.name_check.NameCheck`);
        organisation names ("NAV Nordby") are stored as typed at once.
        """
        if self.workshop is None:
            return None
        values = dict(
            name=self.name.value, sector=self.sector.value, interest=self.interest.value,
            influence=self.influence.value, phase=self.phase.value,
            **{name: widget.value for name, widget in self.texts.items()},
        )
        try:
            if self.editing is None:
                item = Stakeholder(workshop_id=self.workshop.id, **values)
            else:
                # The register is the project's: this workshop's page saves it now.
                item = Stakeholder(**{**self.editing.to_dict(), **values, "workshop_id": self.workshop.id})
            if not self.name_check.passes(item, self.save, self.editing):
                self.form_status.value = ""
                return None
            note = self.name_check.masked_note(item)
            saved = self.store.stakeholders.save(item, moved_by=self.moved_by, checked=True)
        except SamskapingError as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.form_status.value = status(" ".join(filter(None, (t("stakeholder.saved", self.lang, name=saved.name),
                                                               note))))
        self.refresh()
        self.edit(saved)
        return saved

    def delete(self) -> None:
        if self.editing is None:
            return
        name = self.editing.name
        self.store.stakeholders.delete(self.editing.id)
        self.form_status.value = status(t("stakeholder.deleted", self.lang, name=name))
        self.edit(None)
        self.refresh()

    def relate(self) -> Relation | None:
        if self.workshop is None or not self.source.value or not self.target.value:
            return None
        try:
            relation = self.store.stakeholders.save_relation(
                Relation(self.workshop.id, self.source.value, self.target.value, kind=self.kind.value)
            )
        except SamskapingError as exc:
            self.relation_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.relation_status.value = status(t("stakeholder.relation.added", self.lang))
        self.refresh()
        return relation

    def edit(self, item: Stakeholder | None) -> None:
        """Load ``item`` into the form (``None``: an empty form for a new one)."""
        self.editing = item
        self.name_check.clear()
        blank = item is None
        self.name.value = "" if blank else item.name
        self.sector.value = "annet" if blank else item.sector
        self.interest.value = 3 if blank else item.interest
        self.influence.value = 3 if blank else item.influence
        self.phase.value = "" if blank else item.phase
        for name, widget in self.texts.items():
            widget.value = "" if blank else getattr(item, name)
        self.delete_button.disabled = blank
        if blank and self.listing.value is not None:
            self.listing.value = None
        self._show_placement()

    def refresh(self, *, force: bool = False) -> bool:
        """Reload and redraw when the map changed (here or on another laptop)."""
        if not self._moved(force):
            return False
        self.items = self.store.stakeholders.list(self.workshop.id)
        self.relations = self.store.stakeholders.relations(self.workshop.id)
        chosen = self.sector.value
        self.sector.options = sector_choices(self.items, self.lang)  # the register's own sectors too
        self.sector.value = chosen if chosen in {value for _, value in self.sector.options} else "annet"
        choices = [(f"{s.name} · {label(f'quadrant.{quadrant(s)}', self.lang)}", s.id) for s in self.items]
        selected = self.listing.value
        self.listing.options = choices
        self.listing.value = selected if selected in {c[1] for c in choices} else None
        names = [(s.name, s.id) for s in self.items]
        self.source.options = names
        self.target.options = names
        self.history.max = len(self.store.stakeholders.moves(self.workshop.id))
        self._draw()
        return True

    def import_files(self, files) -> int:
        """Import stakeholders from uploaded CSV/XLSX files; keep good rows, list bad ones.

        Organisation names are kept as written; a cell that looks like a
        person's name is masked (nobody checked the file) and named by its row.

        The good rows of every file are saved in one transaction: when saving
        fails part-way (a full disk), none of them is kept and the page says why.
        """
        from samskaping.stakeholders.io import describe, describe_other_sectors, read_stakeholder_file

        if self.workshop is None or not files:
            return 0
        items, problems, kept = [], [], []
        for upload in files:
            result = read_stakeholder_file(bytes(upload["content"]), upload["name"], self.workshop.id)
            items += result.stakeholders
            problems += [describe(problem, self.lang) for problem in result.problems]
            kept.append(describe_other_sectors(result, self.lang))
            kept += [describe(warning, self.lang) for warning in result.warnings]  # a person's name: masked
        self.upload.value = ()  # so the same file can be chosen again
        try:
            if items:
                self.store.stakeholders.save_all(items, moved_by="import")
        except SamskapingError as exc:
            self.upload_status.value = status(error_text(exc, self.lang), "error")
            return 0
        imported = len(items)
        summary = t("cli.stakeholders.imported", self.lang, count=imported, problems=len(problems))
        self.upload_status.value = status(summary, "error" if problems and not imported else "ok") + (
            "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in problems) + "</ul>" if problems else ""
        ) + "".join(f'<p class="sk-help">{esc(line)}</p>' for line in kept if line)
        self.refresh()
        return imported

    def show_history(self) -> None:
        """Draw the grid as it stood after the chosen number of moves (the discussion, replayed)."""
        if self.workshop is None or not self.history.value:
            self.history_label.value = ""
            self.history_image.clear()
            return
        from samskaping.stakeholders.analysis import replay
        from samskaping.stakeholders.plot import draw_grid

        moves = self.store.stakeholders.moves(self.workshop.id)
        step = min(self.history.value, len(moves))
        last = moves[step - 1]
        names = {item.id: item.name for item in self.items}
        text = t(
            "stakeholder.history.move", self.lang, step=step, total=len(moves),
            name=names.get(last.stakeholder_id, "?"), by=last.moved_by or "?",
            at=last.at.astimezone().strftime("%d.%m.%Y %H:%M"),
        )
        self.history_label.value = f'<p class="sk-help">{esc(text)}</p>'
        placed = replay(self.items, moves, step)
        figure = draw_grid(placed, title=self.workshop.title, lang=self.lang).figure
        self.history_image.show(figure_bytes(figure, "png", dpi=80), history_text(placed, step, self.lang))

    def make_downloads(self) -> None:
        """Offer the grid (PNG, SVG, PDF) and the register (XLSX, CSV) as downloads."""
        if self.workshop is None:
            return
        from samskaping.stakeholders.io import stakeholders_csv, write_stakeholders_xlsx
        from samskaping.stakeholders.plot import draw_grid

        figure = draw_grid(self.items, title=self.workshop.title, lang=self.lang).figure
        files = {f"interessentkart.{fmt}": figure_bytes(figure, fmt, dpi=110) for fmt in ("png", "svg", "pdf")}
        buffer = io.BytesIO()
        write_stakeholders_xlsx(self.items, buffer, lang=self.lang)
        files["interessenter.xlsx"] = buffer.getvalue()
        files["interessenter.csv"] = stakeholders_csv(self.items, lang=self.lang).encode("utf-8-sig")
        self.downloads.value = download_links(files)

    # -- display ----------------------------------------------------------

    def _select(self, stakeholder_id: str | None) -> None:
        if stakeholder_id is None:
            return
        for item in self.items:
            if item.id == stakeholder_id and (self.editing is None or self.editing.id != item.id):
                self.edit(item)

    def _show_placement(self) -> None:
        position = (self.interest.value, self.influence.value)
        key = quadrant(position)
        draft = Stakeholder("-", "-", "annet", *position, strategy=self.texts["strategy"].value)
        name = label(f"quadrant.{key}", self.lang)
        if on_midline(position):
            name = t("stakeholder.plan.on_line", self.lang, quadrant=name)
        self.placement.value = (
            f"<p><strong>{esc(name)}</strong><br>"
            f'<span class="sk-help">{esc(strategy_for(draft, lang=self.lang))}</span></p>'
        )

    def _draw(self) -> None:
        from samskaping.stakeholders.plot import draw_grid, draw_network

        title = self.workshop.title if self.workshop else ""
        grid = draw_grid(self.items, title=title, lang=self.lang).figure
        self.grid_image.show(figure_bytes(grid, "png"), grid_text(self.items, self.lang))
        if self.items:
            network = draw_network(self.items, self.relations, lang=self.lang).figure
            self.network_image.show(figure_bytes(network, "png"), network_text(self.items, self.relations, self.lang))
        else:
            self.network_image.clear(t("figure.network.empty", self.lang))
        self.summary.value = "<ul>" + "".join(
            f"<li>{esc(line)}</li>" for line in network_summary(self.items, self.relations, lang=self.lang)
        ) + "</ul>"
        rows = "".join(
            "<tr>" + "".join(f"<td>{esc(str(cell))}</td>" for cell in (
                row.name, self._quadrant_text(row), row.strategy, row.channel, row.frequency,
                phase_label(row.phase, self.lang) if row.phase else t("stakeholder.phase.all", self.lang),
            )) + "</tr>"
            for row in involvement_plan(self.items, lang=self.lang)
        )
        head = "".join(f'<th scope="col">{esc(t(f"stakeholder.plan.{c}", self.lang))}</th>'
                       for c in ("name", "quadrant", "strategy", "channel", "frequency", "phase"))
        self.plan.value = (f'<div class="sk-scroll"><table class="sk-plan"><tr>{head}</tr>{rows}</table></div>'
                           f'<p class="sk-help">{esc(midline_rule(self.lang))}</p>' if rows else "")

    def _quadrant_text(self, row) -> str:
        name = label(f"quadrant.{row.quadrant}", self.lang)
        return t("stakeholder.plan.on_line", self.lang, quadrant=name) if row.on_line else name


def stakeholder_page(store: Store | None = None, request: PageRequest | None = None) -> widgets.Widget:
    """Build the stakeholder page for the current Voilà request and keep it in sync."""
    return live_widget(StakeholderPage, store, request)
