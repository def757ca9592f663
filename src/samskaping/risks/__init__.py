"""The project's risk assessment: critical success factors, risks on the 5 x 5 matrix, and measures.

:mod:`.model` (risks, success factors, levels, the two scales; light), :mod:`.io`
(the plan's ROS table from CSV and Excel, and back as CSV, JSON and Excel) and
:mod:`.plot` (the risk matrix as a picture, and its text alternative).
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["io", "model", "plot"]
