"""The room on the day: who came, the stage the phones show, the guided flow, the evaluation.

:mod:`.model` (arrivals, evaluations, stages; light), :mod:`.attendance`
(representativity against the stakeholder map), :mod:`.flow` (the facilitator's
timed steps) and :mod:`.evaluation` (the summary for the coordinator).
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["attendance", "evaluation", "flow", "model"]
