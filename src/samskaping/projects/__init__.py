"""The project above the workshops: a coordinator's project runs many workshops over months.

A project holds its workshops, the municipalities taking part, where it is in KS'
"Veikart for tjenesteinnovasjon", and the registers that outlive any one workshop:
risks (:mod:`samskaping.risks`) and goals (:mod:`samskaping.goals`).
"""

from samskaping.projects.model import DEFAULT_ORGANISATION, Organisation, Project

__all__ = ["DEFAULT_ORGANISATION", "Organisation", "Project"]
