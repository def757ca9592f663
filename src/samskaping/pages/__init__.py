"""The Voilà pages: thin ipywidgets views over the concept packages.

:mod:`.base` holds what every page shares (styles, escaping, the live-update
loop); one module per page (participant, facilitator, ideas, stakeholders,
journeys) and the participant page's parts (ballot, concept view, evaluation
form). A page reads and writes through the store and shows the analyses; it
holds no rules of its own.
"""
