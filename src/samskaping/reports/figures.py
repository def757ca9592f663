"""What each figure shows, in words: its text alternative on the pages and in the documents.

A screen-reader user should hear what the figure shows, not "bilde"
(WCAG 1.1.1). The kit already says it in plain language (the network
summary, the journey sentences, the comparison); here those sentences, and
the quadrants with their members, become the ``alt`` text of the picture on a
page and in the Word report and the slides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.ideas.plot import PRIORITY_QUADRANTS, priority_quadrant
from samskaping.journeys.analysis import compare_text, summary_text
from samskaping.journeys.model import Journey, Step
from samskaping.stakeholders.analysis import quadrant
from samskaping.stakeholders.model import QUADRANTS, Relation, Stakeholder

__all__ = ["comparison_text", "grid_text", "history_text", "journey_text", "matrix_text", "network_text"]


def grid_text(stakeholders: Sequence[Stakeholder], lang: str = DEFAULT_LANG) -> str:
    """The stakeholder grid: how many, and who stands in each quadrant. O(n).

    >>> grid_text([Stakeholder("w", "PPT", "oppvekst", 5, 4), Stakeholder("w", "Lokalavisa", "media", 1, 2)])
    'Interessentkart med 2 interessenter. Nøkkelspillere: PPT. Minimal innsats: Lokalavisa.'
    """
    if not stakeholders:
        return t("figure.grid.empty", lang)
    count = t(f"figure.grid.count.{'one' if len(stakeholders) == 1 else 'many'}", lang, n=len(stakeholders))
    return t("figure.grid", lang, count=count, quadrants=_by_quadrant(stakeholders, lang))


def history_text(stakeholders: Sequence[Stakeholder], step: int, lang: str = DEFAULT_LANG) -> str:
    """The grid as it stood after move ``step`` of a replayed discussion."""
    return t("figure.history", lang, step=step, quadrants=_by_quadrant(stakeholders, lang))


def network_text(stakeholders: Iterable[Stakeholder], relations: Iterable[Relation],
                 lang: str = DEFAULT_LANG) -> str:
    """The relation network: the plain sentences of :func:`~samskaping.stakeholders.network.network_summary`."""
    from samskaping.stakeholders.network import network_summary

    relations = list(relations)
    if not relations:
        return t("figure.network.empty", lang)
    return t("figure.network", lang, sentences=" ".join(network_summary(list(stakeholders), relations, lang)))


def journey_text(journey: Journey, steps: Sequence[Step], lang: str = DEFAULT_LANG) -> str:
    """A journey map: its title and the journey's summary sentences."""
    if not steps:
        return t("figure.journey.empty", lang)
    return t("figure.journey", lang, title=journey.title, sentences=" ".join(summary_text(journey, steps, lang)))


def comparison_text(today: Journey, today_steps: Sequence[Step], wanted: Journey, wanted_steps: Sequence[Step],
                    lang: str = DEFAULT_LANG) -> str:
    """Today's journey beside the wanted one: what changes, in the comparison's own sentences."""
    sentences = compare_text(today, today_steps, wanted, wanted_steps, lang)
    return t("figure.comparison", lang, sentences=" ".join(sentences))


def matrix_text(rated: Iterable[tuple[str, int, int]], lang: str = DEFAULT_LANG) -> str:
    """The priority matrix: which themes are quick wins, big projects, small steps, not worth it. O(n).

    >>> matrix_text([("Leksehjelp", 5, 1), ("Nytt bygg", 4, 5)], "en")
    'Priority matrix: benefit upwards, effort across. Quick wins: Leksehjelp. Big projects: Nytt bygg.'
    """
    groups: dict[str, list[str]] = {key: [] for key in PRIORITY_QUADRANTS}
    for label, benefit, effort in rated:
        groups[priority_quadrant(benefit, effort)].append(label)
    quadrants = " ".join(
        t("figure.matrix.quadrant", lang, quadrant=t(f"ideas.priority.{key}", lang), names=", ".join(names))
        for key, names in groups.items() if names
    )
    return t("figure.matrix", lang, quadrants=quadrants)


def _by_quadrant(stakeholders: Iterable[Stakeholder], lang: str) -> str:
    groups: dict[str, list[str]] = {key: [] for key in QUADRANTS}
    for stakeholder in stakeholders:
        groups[quadrant(stakeholder)].append(stakeholder.name)
    return " ".join(
        t("figure.grid.quadrant", lang, quadrant=t(f"quadrant.{key}", lang), names=", ".join(names))
        for key, names in groups.items() if names
    )
