"""Ideas from the room: the idea itself, themes, voting and concepts.

:mod:`.model` holds the plain objects the store saves (light: a phone's kernel imports
it); :mod:`.text` reads Norwegian ideas, :mod:`.clustering` groups them into themes
(numpy, scikit-learn), :mod:`.theming` keeps the facilitator's themes between runs,
:mod:`.voting` counts dots and answers, :mod:`.plot` draws the priority matrix.
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["clustering", "model", "plot", "text", "theming", "voting"]
