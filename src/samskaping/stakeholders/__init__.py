"""Stakeholder mapping: the interest x influence grid, strategies, relations and the plan.

:mod:`.model` (stakeholders, relations, moves; light), :mod:`.analysis`
(quadrants, strategies, the involvement plan, replay), :mod:`.network` (the
relation network, networkx), :mod:`.io` (registers from CSV and Excel, and back)
and :mod:`.plot` (the grid and the network as pictures).
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["analysis", "io", "model", "network", "plot"]
