"""The Voilà pages: thin ipywidgets views over the concept packages.

:mod:`.base` holds what every page shares (styles, escaping, the live-update
loop, the staff pages' workshop picker); one module per page (participant,
facilitator, ideas, stakeholders, journeys) and the participant page's parts
(ballot, concept view, evaluation form). A page reads and writes through the
store and shows the analyses; it holds no rules of its own.
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = [
    "ballot", "base", "concept_view", "evaluation_form", "facilitator", "facilitator_panels", "ideas", "journeys",
    "participant", "request", "stakeholders",
]
