"""The project page's idea pool: the ideas of every workshop in the project, grouped into themes together.

A coordinator pulls the innsikt workshop, the expert groups and the idédugnad
together here; each idea still says which workshop it came from and, in a
joint project, which kommune the participant said they come from. The pool
and the themes come from :mod:`samskaping.reports.project_ideas`.
"""

from __future__ import annotations

from collections import Counter

import ipywidgets as widgets

from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import error_text, t
from samskaping.pages.base import esc, labelled, live_html, status
from samskaping.projects.model import Project
from samskaping.reports.project_ideas import PooledTheme, pool, pooled_ideas

__all__ = ["IdeaPoolPanel"]

#: The most themes a facilitator may ask for (the clustering's own ceiling).
_MAX_THEMES = 12

_CSS = """<style>
.sk-page .sk-pool h3 { margin: 1rem 0 0.3rem; }
.sk-page .sk-pool ul { margin: 0.2rem 0 0.4rem; padding-left: 1.2rem; }
.sk-page .sk-pool li { margin: 0.25rem 0; overflow-wrap: anywhere; }
.sk-page .sk-pool .sk-from { color: #4a4a4a; font-size: 0.9rem; }
</style>"""


class IdeaPoolPanel:
    """Group the ideas of all the project's workshops into themes, on request (clustering takes a moment)."""

    def __init__(self, store, lang: str):
        self.store, self.lang = store, lang
        self.project: Project | None = None
        def wide() -> widgets.Layout:  # one each: hiding the kommune list must not hide the next field
            return widgets.Layout(width="100%", max_width="24rem")

        self.municipality = labelled(widgets.Dropdown(layout=wide()), t("project.ideas.kommune", lang))
        self.themes = labelled(
            widgets.Dropdown(options=[(t("project.ideas.themes.auto", lang), 0),
                                      *((str(n), n) for n in range(2, _MAX_THEMES + 1))], value=0, layout=wide()),
            t("project.ideas.themes", lang),
        )
        self.button = widgets.Button(description=t("project.ideas.group", lang), button_style="primary")
        self.button.on_click(lambda _: self.group())
        self.counts = widgets.HTML()
        self.counts.add_class("sk-text")
        self.status = live_html()
        self.result = widgets.HTML()
        self.result.add_class("sk-text")
        self.widget = widgets.VBox(
            [widgets.HTML(f"{_CSS}<h2>{esc(t('project.ideas.title', lang))}</h2>"
                          f'<p class="sk-help">{esc(t("project.ideas.help", lang))}</p>'),
             self.counts, self.municipality, self.themes, widgets.HBox([self.button]), self.status, self.result],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("sk-section")

    def show(self, project: Project) -> None:
        """Show how many ideas each workshop holds; a new project clears the themes shown for the last one."""
        if self.project is None or project.id != self.project.id:
            self.result.value = self.status.value = ""
        self.project = project
        chosen = self.municipality.value if self.municipality.value in project.municipalities else ""
        self.municipality.options = [(t("project.ideas.kommune.all", self.lang), ""),
                                     *((name, name) for name in project.municipalities)]
        self.municipality.value = chosen
        self.municipality.layout.display = None if project.municipalities else "none"
        pooled = pooled_ideas(self.store, project.id)
        if not pooled:
            none = t("cli.project.ideas.none", self.lang, title=project.title)
            self.counts.value = f'<p class="sk-help">{esc(none)}</p>'
            self.button.disabled = True
            return
        self.button.disabled = False
        per_workshop = Counter(item.workshop.title for item in pooled)
        listing = ", ".join(f"{title} {count}" for title, count in per_workshop.items())
        self.counts.value = f"<p>{esc(t('project.ideas.counts', self.lang, ideas=len(pooled), workshops=listing))}</p>"

    def group(self) -> list[PooledTheme]:
        """Group the pool (of the chosen kommune) into themes and show them, each idea with where it came from."""
        if self.project is None:
            return []
        try:
            pooled = pooled_ideas(self.store, self.project.id, municipality=self.municipality.value or "")
            themes = pool(pooled, themes=self.themes.value or None, lang=self.lang)
        except SamskapingError as exc:
            self.status.value = status(error_text(exc, self.lang), "error")
            return []
        if not themes:
            self.result.value = ""
            self.status.value = status(t("cli.project.ideas.none", self.lang, title=self.project.title))
            return []
        self.status.value = status(t("project.ideas.result", self.lang, ideas=len(pooled), themes=len(themes)))
        self.result.value = f'<div class="sk-pool">{"".join(self._theme(theme) for theme in themes)}</div>'
        return themes

    def _theme(self, theme: PooledTheme) -> str:
        items = "".join(
            f'<li>{esc(item.idea.text)} <span class="sk-from">'
            f'({esc(" · ".join(filter(None, (item.workshop.title, item.municipality))))})</span></li>'
            for item in theme.ideas
        )
        sources = t("project.report.ideas.from", self.lang, workshops=", ".join(theme.workshops))
        return (f"<h3>{esc(theme.label)} ({len(theme.ideas)})</h3><ul>{items}</ul>"
                f'<p class="sk-from">{esc(sources)}</p>')
