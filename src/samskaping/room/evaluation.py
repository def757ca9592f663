"""The short evaluation form after a workshop, and its summary for the coordinator.

The seeds' evaluation plans ask "how did the participants experience the
day?". Three questions, answered in a minute on the phone: how was the day
(1-5), was your voice heard (1-5), what should change (free text, masked
like all free text).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from samskaping.room.model import Evaluation

__all__ = ["EvaluationSummary", "summarise"]

@dataclass(frozen=True)
class EvaluationSummary:
    answers: int
    day_mean: float | None
    voice_mean: float | None
    day_counts: dict[int, int]
    voice_counts: dict[int, int]
    comments: tuple[str, ...]


def summarise(evaluations: list[Evaluation]) -> EvaluationSummary:
    """Means, the 1-5 distributions and the comments. O(n).

    >>> s = summarise([Evaluation("w", "a", 4, 5, "Mer tid"), Evaluation("w", "b", 2, 3)])
    >>> s.answers, s.day_mean, s.voice_counts[5], s.comments
    (2, 3.0, 1, ('Mer tid',))
    """
    def counts(name: str) -> dict[int, int]:
        found = Counter(getattr(e, name) for e in evaluations)
        return {score: found[score] for score in range(1, 6)}

    def mean(name: str) -> float | None:
        return round(statistics.fmean(getattr(e, name) for e in evaluations), 2) if evaluations else None

    return EvaluationSummary(
        answers=len(evaluations),
        day_mean=mean("day"),
        voice_mean=mean("voice"),
        day_counts=counts("day"),
        voice_counts=counts("voice"),
        comments=tuple(e.change for e in evaluations if e.change),
    )
