"""The project's organisation and plan: roles, who does what, forankring, meetings, milestones and pilots.

:mod:`.model` (roles, the responsibility matrix, the forankringsplan's entries,
meetings, milestones and pilots; light), :mod:`.forankring` (a forankringsplan
drafted from a workshop's stakeholder register), :mod:`.io` (the plan's
milestone and meeting tables from CSV and Excel; everything as JSON and back)
and :mod:`.plot` (the milestones and pilots as a timeline, and its text alternative).
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["forankring", "io", "model", "plot"]
