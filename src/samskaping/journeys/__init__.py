"""Service journeys: a family's path through the services, and where it breaks.

:mod:`.model` (journeys and steps, light), :mod:`.analysis` (handovers, waiting,
summaries, today against wanted), :mod:`.io` (CSV, Excel, JSON), :mod:`.plot`
(the swimlane map) and :mod:`.demo` (two invented journeys).
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["analysis", "demo", "io", "model", "plot"]
