"""The service-journey page: capture a family's path step by step, live, together.

During a workshop the group builds today's journey (or the wanted one) in a
form: each step is a service meeting the family in a phase. The map redraws
as steps are added, so handovers, waits and missing coordinators show up
while people still remember them. Several laptops can add steps to the same
journey; the page polls the store's revision number and reloads on change.
"""

from __future__ import annotations

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import error_text, t
from samskaping.journeys.analysis import compare_text, summary_text
from samskaping.journeys.model import (
    EXPERIENCE_MAX,
    EXPERIENCE_MIN,
    PHASE_TEMPLATES,
    SERVICES,
    TOUCHPOINTS,
    Journey,
    Step,
    Touchpoint,
    phase_template,
)
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
    status,
    style,
)
from samskaping.pages.name_check import NameCheck
from samskaping.pages.request import PageRequest
from samskaping.reports.figures import comparison_text, journey_text
from samskaping.store import Store

__all__ = ["JourneyPage", "journey_page"]

_TEXTS = ("what", "pain_point", "quote")
#: The catalogue key of a journey field's label where it is not ``journey.field.<name>`` (for the name check).
_JOURNEY_LABELS = {"title": "journey.page.check.title", "case": "journey.page.check.case",
                   "phases": "journey.page.phases"}


class JourneyPage(StaffPage):
    """The journey page of one workshop; ``.widget`` is what Voilà shows."""

    topics = ("journeys",)

    def __init__(self, store: Store, request: PageRequest | None = None):
        super().__init__(store, request)
        self.journey: Journey | None = None
        self.all_journeys: list[Journey] = []
        self.items: list[Step] = []
        self.editing: Step | None = None
        lang = self.lang
        wide = widgets.Layout(width="100%")

        self.journey_picker = labelled(widgets.Dropdown(), t("journey.page.journey", lang))
        self.journey_picker.observe(lambda change: self.show_journey(change["new"]), names="value")

        self.new_title = labelled(widgets.Text(layout=wide), t("journey.page.new.title", lang))
        self.new_case = labelled(widgets.Textarea(layout=wide, rows=2), t("journey.page.new.case", lang))
        self.new_variant = widgets.ToggleButtons(
            options=[(t("journey.variant.dagens", lang), "dagens"), (t("journey.variant.onsket", lang), "onsket")]
        )
        self.new_template = labelled(widgets.Dropdown(
            options=[(t(f"journey.template.{name}", lang), str(name)) for name in PHASE_TEMPLATES]),
            t("journey.template.label", lang))
        self.template_help = widgets.HTML()
        self.new_template.observe(lambda _: self._show_template_help(), names="value")
        self._show_template_help()
        self.create_button = widgets.Button(description=t("journey.page.new.create", lang), button_style="primary")
        self.create_status = live_html()

        def field_label(name: str) -> str:
            return t(_JOURNEY_LABELS.get(name, f"journey.field.{name}"), lang).capitalize()

        self.create_check = NameCheck(lang, field_label)
        self.step_check = NameCheck(lang, field_label)
        self.phases = labelled(widgets.Text(layout=wide), t("journey.page.phases", lang))
        self.phases_button = widgets.Button(description=t("journey.page.phases.save", lang))

        self.phase = labelled(widgets.Dropdown(), t("journey.field.phase", lang).capitalize())
        self.service = labelled(widgets.Combobox(options=SERVICES, ensure_option=False),
                                t("journey.field.service", lang).capitalize())
        touchpoints = [(t(f"journey.touchpoint.{k}", lang), k) for k in TOUCHPOINTS]
        self.touchpoint = labelled(widgets.Dropdown(options=touchpoints),
                                   t("journey.field.touchpoint", lang).capitalize())
        self.texts = {
            name: labelled(widgets.Textarea(layout=wide, rows=2), t(f"journey.field.{name}", lang).capitalize())
            for name in _TEXTS
        }
        experiences = [(t(f"experience.value.{n}", lang), n) for n in range(EXPERIENCE_MIN, EXPERIENCE_MAX + 1)]
        self.experience = labelled(widgets.Dropdown(options=experiences, value=0),
                                   t("journey.field.experience", lang).capitalize())
        self.wait_days = labelled(widgets.Text(placeholder=t("journey.page.wait.placeholder", lang)),
                                  t("journey.field.wait_days", lang).capitalize())
        self.coordinator = labelled(widgets.Text(placeholder=t("journey.page.coordinator.placeholder", lang)),
                                    t("journey.field.coordinator", lang).capitalize())
        self.carries = widgets.Checkbox(description=t("journey.field.family_carries_info", lang), indent=False)
        self.add_button = widgets.Button(description=t("journey.page.add", lang), button_style="primary")
        self.save_button = widgets.Button(description=t("journey.page.save", lang))
        self.up_button = widgets.Button(description=t("journey.page.up", lang), icon="arrow-up")
        self.down_button = widgets.Button(description=t("journey.page.down", lang), icon="arrow-down")
        self.delete_button = widgets.Button(description=t("journey.page.delete", lang), button_style="danger")
        self.form_status = live_html()
        self.listing = labelled(widgets.Select(rows=10, layout=wide), t("journey.page.steps", lang), visible=False)

        self.map_image = Picture()
        self.summary = widgets.HTML()
        self.compare_picker = labelled(widgets.Dropdown(), t("journey.page.compare", lang))
        self.compare_picker.observe(lambda _: self.show_comparison(), names="value")
        self.compare_text = widgets.HTML()
        self.compare_image = Picture()
        self.export_button = widgets.Button(description=t("stakeholder.export.make", lang), icon="download")
        self.downloads = widgets.HTML()

        self.create_button.on_click(lambda _: self.create())
        self.phases_button.on_click(lambda _: self.save_phases())
        self.add_button.on_click(lambda _: self.add())
        self.save_button.on_click(lambda _: self.save())
        self.up_button.on_click(lambda _: self.shift(-1))
        self.down_button.on_click(lambda _: self.shift(+1))
        self.delete_button.on_click(lambda _: self.delete())
        self.listing.observe(lambda change: self._select(change["new"]), names="value")
        self.export_button.on_click(lambda _: self.make_downloads())

        new_journey = widgets.Accordion(
            [widgets.VBox([self.new_title, self.new_case, self.new_variant, self.new_template, self.template_help,
                           self.create_button, self.create_check.widget])],
            titles=(t("journey.page.new", lang),),
        )
        form = widgets.VBox(
            [
                widgets.HTML(f"<h2>{esc(t('journey.page.step', lang))}</h2>"),
                self.phase, self.service, self.touchpoint, self.texts["what"], self.experience,
                self.wait_days, self.coordinator, self.carries, self.texts["pain_point"], self.texts["quote"],
                widgets.HBox([self.add_button, self.save_button], layout=widgets.Layout(flex_flow="row wrap")),
                self.form_status, self.step_check.widget,
                widgets.HTML(f"<h2>{esc(t('journey.page.steps', lang))}</h2>"),
                self.listing,
                widgets.HBox([self.up_button, self.down_button, self.delete_button],
                             layout=widgets.Layout(flex_flow="row wrap")),
                widgets.Accordion([widgets.VBox([self.phases, self.phases_button])],
                                  titles=(t("journey.page.phases", lang),)),
            ],
            layout=widgets.Layout(width="24rem", min_width="18rem", flex="0 1 24rem"),
        )
        views = widgets.VBox(
            [self.map_image.widget, self.summary, self.compare_picker, self.compare_text, self.compare_image.widget,
             self.export_button, self.downloads],
            layout=widgets.Layout(flex="1 1 30rem", min_width="18rem"),
        )
        self.body = widgets.HBox([form, views], layout=widgets.Layout(flex_flow="row wrap", width="100%"))
        self.widget = page_box(
            [style(lang), widgets.HTML(f"<h1>{esc(t('journey.page.title', lang))}</h1>"),
             widgets.HBox([self.picker.widget, self.journey_picker], layout=widgets.Layout(flex_flow="row wrap")),
             new_journey, self.create_status, self.body],
            max_width="100rem",
        )
        self._open_requested()

    # -- journeys ---------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.create_status.value = status(text, "error")

    def opened(self) -> None:
        self.journey = None
        self.refresh()
        wanted = self.request.get("reise")
        if wanted and any(j.id == wanted for j in self.all_journeys):
            self.journey_picker.value = wanted

    def create(self) -> Journey | None:
        """Create a journey from the 'new journey' form and show it."""
        if self.workshop is None:
            return None
        try:
            journey = Journey(
                self.workshop.id, self.new_title.value, case=self.new_case.value, variant=self.new_variant.value,
                phases=phase_template(self.new_template.value, self.lang),
            )
            if not self.create_check.passes(journey, self.create):
                self.create_status.value = ""
                return None
            note = self.create_check.masked_note(journey)
            self.store.journeys.save(journey, checked=True)
        except SamskapingError as exc:
            self.create_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.create_status.value = status(_sentences(t("journey.page.created", self.lang, title=journey.title), note))
        self.new_title.value = self.new_case.value = ""
        self.refresh()
        self.journey_picker.value = journey.id
        return journey

    def _show_template_help(self) -> None:
        name = self.new_template.value
        phases = " → ".join(phase_template(name, self.lang))
        self.template_help.value = (f'<p class="sk-help">{esc(t(f"journey.template.{name}.help", self.lang))}'
                                    f"<br>{esc(phases)}</p>")

    def show_journey(self, journey_id: str | None) -> None:
        chosen = next((j for j in self.all_journeys if j.id == journey_id), None)
        if chosen is None or (self.journey is not None and chosen.id == self.journey.id and self.items):
            return
        self.journey = chosen
        self.edit(None)
        self._reload_steps()

    def save_phases(self) -> None:
        if self.journey is None:
            return
        names = tuple(part.strip() for part in self.phases.value.split(",") if part.strip())
        try:
            journey = Journey(**{**self.journey.to_dict(), "phases": names})
            if not self.step_check.passes(journey, self.save_phases, self.journey):
                self.form_status.value = ""
                return
            note = self.step_check.masked_note(journey)
            self.store.journeys.save(journey, checked=True)
        except SamskapingError as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return
        self.form_status.value = status(_sentences(t("journey.page.phases.saved", self.lang), note))
        self.refresh()

    # -- steps ------------------------------------------------------------

    def _form_step(self, base: Step | None) -> Step:
        wait = self.wait_days.value.strip()
        values = dict(
            phase=self.phase.value or "", service=self.service.value, touchpoint=self.touchpoint.value,
            what=self.texts["what"].value, experience=self.experience.value,
            pain_point=self.texts["pain_point"].value, quote=self.texts["quote"].value,
            wait_days=_whole_number(wait) if wait else None, coordinator=self.coordinator.value,
            family_carries_info=self.carries.value,
        )
        if base is None:
            return Step(journey_id=self.journey.id, position=len(self.items), **values)
        return Step(**{**base.to_dict(), **values})

    def add(self) -> Step | None:
        """Add the form as a new step after the last one."""
        if self.journey is None:
            self.form_status.value = status(t("journey.page.pick_first", self.lang), "error")
            return None
        try:
            step = self._form_step(None)
            if not self.step_check.passes(step, self.add):
                self.form_status.value = ""
                return None
            note = self.step_check.masked_note(step)
            self.store.journeys.add_step(step, checked=True)
        except (SamskapingError, ValueError) as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.form_status.value = status(_sentences(t("journey.page.added", self.lang), note))
        self.refresh()
        self.edit(None)
        return step

    def save(self) -> Step | None:
        """Save the form as changes to the selected step."""
        if self.editing is None:
            return self.add()
        try:
            step = self._form_step(self.editing)
            if not self.step_check.passes(step, self.save, self.editing):
                self.form_status.value = ""
                return None
            note = self.step_check.masked_note(step)
            self.store.journeys.update_step(step, checked=True)
        except (SamskapingError, ValueError) as exc:
            self.form_status.value = status(error_text(exc, self.lang), "error")
            return None
        self.form_status.value = status(_sentences(t("journey.page.saved", self.lang), note))
        self.refresh()
        return step

    def shift(self, offset: int) -> None:
        if self.editing is not None:
            self.store.journeys.move_step(self.editing.id, self.editing.position + offset)
            self.refresh()

    def delete(self) -> None:
        if self.editing is not None:
            self.store.journeys.delete_step(self.editing.id)
            self.edit(None)
            self.refresh()

    def edit(self, step: Step | None) -> None:
        """Load ``step`` into the form (``None``: an empty form for a new step)."""
        self.editing = step
        self.step_check.clear()
        blank = step is None
        if not blank:
            self.phase.value = step.phase if step.phase in self.phase.options else None
        self.service.value = "" if blank else step.service
        self.touchpoint.value = Touchpoint.MOTE if blank else step.touchpoint
        for name, widget in self.texts.items():
            widget.value = "" if blank else getattr(step, name)
        self.experience.value = 0 if blank else step.experience
        self.wait_days.value = "" if blank or step.wait_days is None else str(step.wait_days)
        self.coordinator.value = "" if blank else step.coordinator
        self.carries.value = False if blank else step.family_carries_info
        for button in (self.save_button, self.up_button, self.down_button, self.delete_button):
            button.disabled = blank
        if blank and self.listing.value is not None:
            self.listing.value = None

    # -- refresh and drawing ----------------------------------------------

    def refresh(self, *, force: bool = False) -> bool:
        """Reload and redraw when journeys changed (here or on another laptop)."""
        if not self._moved(force):
            return False
        self.all_journeys = self.store.journeys.list(self.workshop.id)
        options = [(f"{j.title} ({t(f'journey.variant.{j.variant}', self.lang)})", j.id) for j in self.all_journeys]
        current = self.journey.id if self.journey else None
        self.journey_picker.options = options
        self.compare_picker.options = [(t("journey.page.compare.none", self.lang), "")] + options
        ids = [j.id for j in self.all_journeys]
        wanted = current if current in ids else (ids[0] if ids else None)
        self.journey = next((j for j in self.all_journeys if j.id == wanted), None)
        if self.journey_picker.value != wanted:
            self.journey_picker.value = wanted
        self._reload_steps()
        return True

    def _reload_steps(self) -> None:
        if self.journey is None:
            self.items = []
            self.listing.options = []
            self.map_image.clear(t("figure.journey.empty", self.lang))
            self.summary.value = ""
            return
        self.items = self.store.journeys.steps(self.journey.id)
        self.phase.options = list(self.journey.phases)
        if self.phase.value not in self.journey.phases:
            self.phase.value = self.journey.phases[0]
        self.phases.value = ", ".join(self.journey.phases)
        selected = self.editing.id if self.editing else None
        self.listing.options = [
            (f"{s.position + 1}. {s.phase} · {s.service}: {s.what[:60]}", s.id) for s in self.items
        ]
        self.listing.value = selected if selected in {s.id for s in self.items} else None
        self._draw()

    def _draw(self) -> None:
        from samskaping.journeys.plot import draw_journey

        figure = draw_journey(self.journey, self.items, lang=self.lang).figure
        self.map_image.show(figure_bytes(figure, "png"), journey_text(self.journey, self.items, self.lang))
        self.summary.value = "<ul>" + "".join(
            f"<li>{esc(line)}</li>" for line in summary_text(self.journey, self.items, lang=self.lang)
        ) + "</ul>"
        self.show_comparison()

    def show_comparison(self) -> None:
        other = next((j for j in self.all_journeys if j.id == self.compare_picker.value), None)
        if self.journey is None or other is None or other.id == self.journey.id:
            self.compare_text.value = ""
            self.compare_image.clear()
            return
        from samskaping.journeys.plot import draw_comparison

        today, wanted = (self.journey, other) if self.journey.variant == "dagens" else (other, self.journey)
        today_steps, wanted_steps = self.store.journeys.steps(today.id), self.store.journeys.steps(wanted.id)
        self.compare_text.value = "<ul>" + "".join(
            f"<li>{esc(line)}</li>" for line in compare_text(today, today_steps, wanted, wanted_steps, lang=self.lang)
        ) + "</ul>"
        figure = draw_comparison(today, today_steps, wanted, wanted_steps, lang=self.lang).figure
        self.compare_image.show(figure_bytes(figure, "png", dpi=70),
                                comparison_text(today, today_steps, wanted, wanted_steps, self.lang))

    def make_downloads(self) -> None:
        if self.journey is None:
            return
        from samskaping.journeys.io import journey_json, steps_csv
        from samskaping.journeys.plot import draw_journey

        figure = draw_journey(self.journey, self.items, lang=self.lang).figure
        files = {f"tjenestereise.{fmt}": figure_bytes(figure, fmt) for fmt in ("png", "svg", "pdf")}
        files["tjenestereise.csv"] = steps_csv(self.journey, self.items).encode("utf-8-sig")
        files["tjenestereise.json"] = journey_json(self.journey, self.items).encode()
        self.downloads.value = download_links(files)

    def _select(self, step_id: str | None) -> None:
        if step_id is None:
            return
        for step in self.items:
            if step.id == step_id and (self.editing is None or self.editing.id != step.id):
                self.edit(step)


def _sentences(*parts: str) -> str:
    """The non-empty ``parts`` as one line."""
    return " ".join(part for part in parts if part)


def _whole_number(text: str) -> int:
    from samskaping.core.exceptions import InvalidInputError

    try:
        return int(text)
    except ValueError:
        raise InvalidInputError(
            f"wait_days {text!r} is not a whole number of days; write for example 14.",
            reason="not_a_number", field="wait_days", value=text, min=0, max=3650,
        ) from None


def journey_page(store: Store | None = None, request: PageRequest | None = None) -> widgets.Widget:
    """Build the journey page for the current Voilà request and keep it in sync."""
    return live_widget(JourneyPage, store, request)
