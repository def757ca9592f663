"""Evaluation over time: a project's evaluation plan and its measurements against the goals' indicators."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from samskaping.core.privacy.guard import guard
from samskaping.indicators.model import EvaluationPlanEntry, Measurement
from samskaping.store.rows import Tables, columns, from_row, next_nr, require_project, save_each, upsert

__all__ = ["Indicators"]

Row = EvaluationPlanEntry | Measurement


class Indicators(Tables):
    """The evaluation plan in its number order, the measurements in date order."""

    def plan(self, project_id: str) -> list[EvaluationPlanEntry]:
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM evaluation_plan WHERE project_id = ? ORDER BY nr, created",
                              (project_id,)).fetchall()
        return [from_row(EvaluationPlanEntry, row) for row in rows]

    def measurements(self, project_id: str) -> list[Measurement]:
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM measurements WHERE project_id = ? ORDER BY measured, created",
                              (project_id,)).fetchall()
        return [from_row(Measurement, row) for row in rows]

    def save(self, item: Row, *, checked: bool = False) -> Row:
        """Add or change a plan entry or a measurement (``checked``: as for risks)."""
        self._db.write(lambda db: _save(db, item, checked))
        return item

    def save_all(self, items: Iterable[Row]) -> int:
        """Read in the rows of a file (names that look like a person masked), all or none."""
        return save_each(self._db, items, lambda db, item: _save(db, item, False))

    def delete(self, item_id: str) -> None:
        def delete(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM evaluation_plan WHERE id = ?", (item_id,))
            db.execute("DELETE FROM measurements WHERE id = ?", (item_id,))

        self._db.write(delete)


def _save(db: sqlite3.Connection, item: Row, checked: bool) -> None:
    require_project(db, item.project_id)
    guard(item, enabled=True, unchecked=not checked)
    if isinstance(item, EvaluationPlanEntry):
        if not item.nr:
            item.nr = next_nr(db, "evaluation_plan", item.project_id)
        upsert(db, "evaluation_plan", columns(item))
    else:
        upsert(db, "measurements", columns(item))
