"""A forankringsplan drafted from the stakeholder register: whom to meet, how, when and why.

The seeds plan the anchoring of a project group by group (Selbu's
"Forankringsplan høsten 2020": the ungdomsråd, the leaders' meetings, the
hovedutvalg, the unions, the media) and choose how by the group's place on the
interest x influence grid. :func:`forankringsplan_from` writes that first
draft from a workshop's register, through the same involvement plan the
stakeholder map gives (:func:`samskaping.stakeholders.analysis.involvement_plan`),
so a stakeholder's own channel and frequency are used and the quadrant's
defaults fill what is empty. The coordinator then dates and adjusts the lines.
"""

from __future__ import annotations

from collections.abc import Iterable

from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.organisation.model import ForankringEntry, Purpose
from samskaping.stakeholders.analysis import MIDLINE, MIDLINE_HIGH, involvement_plan
from samskaping.stakeholders.model import Quadrant, Stakeholder

__all__ = ["PURPOSE_OF", "forankringsplan_from"]

#: Why each quadrant is met (Mendelow, as the seeds' interessentanalyse words it): key players are
#: involved from the start and also approve the concepts (a second line, :data:`Purpose.BESLUTTE`);
#: those to keep satisfied are kept anchored with status before decisions; those to keep informed
#: are informed; those to monitor get a light informing line, when needed.
PURPOSE_OF: dict[Quadrant, Purpose] = {
    Quadrant.NOKKELSPILLERE: Purpose.INVOLVERE,
    Quadrant.BOR_TILFREDSSTILLES: Purpose.FORANKRE,
    Quadrant.HOLDES_INFORMERT: Purpose.INFORMERE,
    Quadrant.MINIMAL_INNSATS: Purpose.INFORMERE,
}


def forankringsplan_from(
    stakeholders: Iterable[Stakeholder],
    *,
    project_id: str,
    lang: str = DEFAULT_LANG,
    owner: str = "",
    midline: float = MIDLINE,
    midline_high: bool = MIDLINE_HIGH,
) -> list[ForankringEntry]:
    """The forankringsplan's first draft: one line per stakeholder, two for a key player.

    In the involvement plan's order (key players first, then by name), each
    stakeholder gets a line with its :data:`PURPOSE_OF` purpose; ``how`` and
    ``when`` are its own channel and frequency, or its quadrant's defaults
    from the catalogue ("Statusmøte i utvalget der de vedtar", "minst hvert
    halvår"). A key player gets a second line to approve the concepts
    (``beslutte``). A stakeholder's own strategy, when written, is the line's
    content; else the purpose's sentence. ``owner`` defaults to the
    coordinator. ``midline`` and ``midline_high`` are the grid's rule
    (:func:`~samskaping.stakeholders.analysis.quadrant`). Lines are numbered
    1, 2, … in order and carry their stakeholder's id. O(n log n).

    >>> ppt = Stakeholder("w1", "PPT", "oppvekst", 5, 4)
    >>> utvalg = Stakeholder("w1", "Hovedutvalg helse og oppvekst", "politikk", 2, 5)
    >>> for line in forankringsplan_from([utvalg, ppt], project_id="p1"):
    ...     print(line.nr, line.audience, line.purpose, line.how, line.when, sep=" | ")
    1 | PPT | involvere | Informasjonsmøte, ekspertgruppe og arbeidsmøter | månedlig
    2 | PPT | beslutte | Møte der konseptene legges fram til godkjenning | når konseptene er ferdige
    3 | Hovedutvalg helse og oppvekst | forankre | Statusmøte i utvalget der de vedtar | minst hvert halvår
    """
    stakeholders = list(stakeholders)
    own_strategy = {s.id: s.strategy.strip() for s in stakeholders}
    owner = owner.strip() or t("org.forankring.owner", lang)
    entries: list[ForankringEntry] = []

    def add(row, purpose: Purpose, how: str, when: str, content: str) -> None:
        entries.append(ForankringEntry(
            project_id, row.name, how, when, purpose, owner, stakeholder_id=row.stakeholder_id,
            nr=len(entries) + 1, content=content,
        ))

    for row in involvement_plan(stakeholders, lang=lang, midline=midline, midline_high=midline_high):
        quadrant = Quadrant(row.quadrant)
        purpose = PURPOSE_OF[quadrant]
        light = quadrant is Quadrant.MINIMAL_INNSATS
        key = "minimal" if light else purpose.value
        content = own_strategy[row.stakeholder_id] or t(f"org.forankring.content.{key}", lang)
        add(row, purpose, row.channel, row.frequency, content)
        if quadrant is Quadrant.NOKKELSPILLERE:
            add(row, Purpose.BESLUTTE, t("org.forankring.decide.how", lang), t("org.forankring.decide.when", lang),
                t("org.forankring.content.beslutte", lang))
    return entries
