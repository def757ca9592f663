"""Projects: the workshops they hold, found by the project's id or by any of its workshops."""

from __future__ import annotations

import sqlite3

from samskaping.core.exceptions import ProjectNotFoundError
from samskaping.core.models import KS_PHASES_OF, Workshop, normalise_join_code
from samskaping.core.privacy.guard import guard
from samskaping.projects.model import Project
from samskaping.store.rows import Tables, columns, from_row

__all__ = ["Projects", "insert_project", "project_for"]


class Projects(Tables):
    """Every project of the installation; each workshop belongs to one."""

    def create(self, project: Project) -> Project:
        """Save a new project (its title guarded like a workshop's)."""
        self._db.write(lambda db: insert_project(db, project))
        return project

    def get(self, ref: str) -> Project:
        """The project whose id is ``ref``, or the project of the workshop whose id or join code is ``ref``.

        A coordinator remembers a workshop's code more easily than a project's id.
        """
        text = ref.encode("utf-8", "replace").decode("utf-8").strip() if isinstance(ref, str) else ""
        with self._db.read() as db:
            row = db.execute(
                "SELECT p.* FROM projects p WHERE p.id = ? UNION ALL "
                "SELECT p.* FROM projects p JOIN workshops w ON w.project_id = p.id WHERE w.id = ? OR w.join_code = ?",
                (text, text, normalise_join_code(text)),
            ).fetchone()
        if row is None:
            raise ProjectNotFoundError(
                f"No project has the id {ref!r}, and no workshop the id or join code; "
                "`samskaping project list` shows them.", ref=ref,
            )
        return from_row(Project, row)

    def list(self) -> list[Project]:
        """All projects, newest first."""
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM projects ORDER BY created DESC").fetchall()
        return [from_row(Project, row) for row in rows]

    def workshops(self, project_id: str) -> list[Workshop]:
        """The project's workshops, oldest first: the order they were held in."""
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM workshops WHERE project_id = ? ORDER BY created",
                              (project_id,)).fetchall()
        return [from_row(Workshop, row) for row in rows]

    def of_workshop(self, workshop_id: str) -> Project:
        """The project a workshop belongs to."""
        return self.get(workshop_id)


def insert_project(db: sqlite3.Connection, project: Project) -> None:
    guard(project, enabled=True)
    values = columns(project)
    names = ", ".join(f'"{name}"' for name in values)
    db.execute(f"INSERT INTO projects ({names}) VALUES ({', '.join('?' for _ in values)})", tuple(values.values()))


def project_for(db: sqlite3.Connection, workshop: Workshop, project_id: str | None) -> str:
    """The project a new workshop joins: ``project_id`` if it exists, else a new one named after the workshop."""
    if project_id:
        if not db.execute("SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone():
            raise ProjectNotFoundError(f"No project has the id {project_id!r}; create it first.", ref=project_id)
        return project_id
    project = Project(workshop.title, phase=KS_PHASES_OF[workshop.phase][0], created=workshop.created)
    insert_project(db, project)
    return project.id
