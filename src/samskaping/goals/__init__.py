"""A project's goal hierarchy ("mål og gevinster"): samfunnsmål, effektmål, resultatmål.

:mod:`.model` (goals, links to concepts, the tree and its checks; light),
:mod:`.io` (goal sheets from CSV and Excel, and back; JSON) and :mod:`.plot`
(the goal tree as a picture, and its text alternative).
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["io", "model", "plot"]
