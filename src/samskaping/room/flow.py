"""The facilitator's guided flow: a workshop as a sequence of timed steps.

Most facilitators have never opened a notebook. Instead of a list of tools,
the facilitator page walks them through the session: each step says what to
do, how long it should take, what the participants' phones show, and which
panels are on screen. The current step is kept in the store, so a reload
(or a second laptop) picks up where the session is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from samskaping.core.models import now
from samskaping.room.model import Stage

__all__ = ["FlowStep", "FLOW", "step_at", "timer_text"]

@dataclass(frozen=True)
class FlowStep:
    """One step: its key (for texts), planned minutes, the participants' stage, the panels shown."""

    key: str
    minutes: int
    stage: Stage
    panels: tuple[str, ...]


FLOW: tuple[FlowStep, ...] = (
    FlowStep("velkommen", 10, Stage.IDEER, ("join", "room", "wall")),
    FlowStep("iderunde", 20, Stage.IDEER, ("join", "counts", "wall")),
    FlowStep("tematisering", 20, Stage.IDEER, ("ideas_link", "wall")),
    FlowStep("stemming", 15, Stage.STEMMING, ("voting",)),
    FlowStep("konsepter", 30, Stage.KONSEPTER, ("ideas_link", "concepts", "voting")),
    FlowStep("evaluering", 10, Stage.EVALUERING, ("evaluation", "room")),
)


def step_at(index: int) -> FlowStep:
    """The step at ``index``, clamped to the flow."""
    return FLOW[min(max(index, 0), len(FLOW) - 1)]


def timer_text(started: datetime | None, minutes: int, at: datetime | None = None) -> tuple[str, bool]:
    """``("mm:ss / mm:00", overrun)`` for a step started at ``started`` and planned for ``minutes``.

    >>> from datetime import timedelta
    >>> start = now()
    >>> timer_text(start, 10, start + timedelta(minutes=3, seconds=5))
    ('03:05 / 10:00', False)
    >>> timer_text(start, 1, start + timedelta(minutes=2))
    ('02:00 / 01:00', True)
    """
    if started is None:
        return f"00:00 / {minutes:02d}:00", False
    elapsed = max(int(((at or now()) - started).total_seconds()), 0)
    return f"{elapsed // 60:02d}:{elapsed % 60:02d} / {minutes:02d}:00", elapsed > minutes * 60
