"""Evaluating a project over time against its goals: the evaluation plan and the measurements.

:mod:`.model` (evaluation plan entries, measurements, progress, the plan's
checks, and measurements from the kit's own workshop evaluation and arrival
registration; light), :mod:`.io` (the plan's "Mål/delmål | Evalueringsspørsmål
| Datakilde | Metode | Tidspunkt | Analyse/bruk" table and measurement sheets
from CSV and Excel, and back; JSON) and :mod:`.plot` (values over time, one
small panel per goal, and its text alternative).
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["io", "model", "plot"]
