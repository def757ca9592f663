"""A project's goals (samfunnsmål → effektmål → resultatmål) and the concepts that serve them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.privacy.guard import guard
from samskaping.goals.model import Goal, GoalLink
from samskaping.store.rows import Tables, columns, from_row, next_nr, require_project, upsert

__all__ = ["Goals"]


class Goals(Tables):
    """The goal hierarchy of a project, in the order it was written."""

    def list(self, project_id: str) -> list[Goal]:
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM goals WHERE project_id = ? ORDER BY nr, created",
                              (project_id,)).fetchall()
        return [from_row(Goal, row) for row in rows]

    def save(self, goal: Goal, *, checked: bool = False) -> Goal:
        """Add a goal, or change the one with its id (``checked``: as :meth:`Risks.save`)."""
        self._db.write(lambda db: _save(db, goal, checked))
        return goal

    def add_all(self, project_id: str, goals: Iterable[Goal], *, replace: bool = False) -> int:
        """Read in a hierarchy (parents before children, see ``goals.io.ordered``) in one transaction;
        ``replace`` drops the old one first. Names that look like a person are masked (nobody looked).

        Returns how many goals were there before (and were replaced, if asked).
        """
        goals = list(goals)

        def add(db: sqlite3.Connection) -> int:
            require_project(db, project_id)
            old = db.execute("SELECT COUNT(*) FROM goals WHERE project_id = ?", (project_id,)).fetchone()[0]
            if replace:
                db.execute("DELETE FROM goals WHERE project_id = ?", (project_id,))
            for goal in goals:
                goal.project_id = project_id
                goal.nr = 0  # after the goals already there, in the file's order
                _save(db, goal, False)
            return old

        return self._db.write(add)

    def delete(self, goal_id: str) -> None:
        """Delete a goal and its links to concepts; one with goals under it is refused (they would hang loose).

        Measurements against it stay, reported as belonging to no goal.
        """
        def delete(db: sqlite3.Connection) -> None:
            below = db.execute("SELECT COUNT(*) FROM goals WHERE parent_id = ?", (goal_id,)).fetchone()[0]
            if below:
                raise InvalidInputError(f"Goal {goal_id!r} has {below} goals under it; delete or move them first.",
                                        reason="has_children", field="goal", value=goal_id, count=below)
            db.execute("DELETE FROM goals WHERE id = ?", (goal_id,))

        self._db.write(delete)

    def link(self, goal_id: str, concept_id: str) -> None:
        """Say that a concept (tiltak) serves a goal."""
        def link(db: sqlite3.Connection) -> None:
            db.execute("INSERT INTO goal_links (goal_id, concept_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       (goal_id, concept_id))

        self._db.write(link)

    def links(self, project_id: str) -> list[GoalLink]:
        with self._db.read() as db:
            rows = db.execute("SELECT l.goal_id, l.concept_id FROM goal_links l JOIN goals g ON g.id = l.goal_id"
                              " WHERE g.project_id = ?", (project_id,)).fetchall()
        return [GoalLink(row["goal_id"], row["concept_id"]) for row in rows]


def _save(db: sqlite3.Connection, goal: Goal, checked: bool) -> None:
    require_project(db, goal.project_id)
    if goal.parent_id and not db.execute("SELECT 1 FROM goals WHERE id = ? AND project_id = ?",
                                         (goal.parent_id, goal.project_id)).fetchone():
        raise InvalidInputError(f"parent_id {goal.parent_id!r} is not a goal of this project.", reason="bad_choice",
                                field="parent_id", value=goal.parent_id, choices="…")
    guard(goal, enabled=True, unchecked=not checked)
    if not goal.nr:
        goal.nr = next_nr(db, "goals", goal.project_id)
    upsert(db, "goals", columns(goal))
