"""Projects: the workshops they hold, found by the project's id or by any of its workshops."""

from __future__ import annotations

import hashlib
import sqlite3

from samskaping.core.exceptions import ProjectNotFoundError
from samskaping.core.models import KS_PHASES_OF, KsPhase, Workshop, normalise_join_code
from samskaping.core.privacy.detect import mask_except
from samskaping.projects.model import DEFAULT_ORGANISATION, Project
from samskaping.store.organisations import require_organisation
from samskaping.store.rows import Tables, columns, from_row, require_project

__all__ = ["Projects", "insert_project", "project_for"]


class Projects(Tables):
    """Every project of the installation; each workshop belongs to one."""

    def create(self, project: Project) -> Project:
        """Save a new project (its title guarded like a workshop's)."""
        self._db.write(lambda db: insert_project(db, project))
        return project

    def get(self, ref: str, *, organisation: str = "") -> Project:
        """The project whose id is ``ref``, or the project of the workshop whose id or join code is ``ref``.

        A coordinator remembers a workshop's code more easily than a project's id. With
        ``organisation``, another organisation's project is "not found".
        """
        text = ref.encode("utf-8", "replace").decode("utf-8").strip() if isinstance(ref, str) else ""
        with self._db.read() as db:
            row = db.execute(
                "SELECT * FROM (SELECT p.* FROM projects p WHERE p.id = ? UNION ALL "
                "SELECT p.* FROM projects p JOIN workshops w ON w.project_id = p.id WHERE w.id = ? OR w.join_code = ?)"
                " AS found WHERE ? = '' OR organisation_id = ?",
                (text, text, normalise_join_code(text), organisation, organisation),
            ).fetchone()
        if row is None:
            raise ProjectNotFoundError(
                f"No project has the id {ref!r}, and no workshop the id or join code; "
                "`samskaping project list` shows them.", ref=ref,
            )
        return from_row(Project, row)

    def list(self, *, organisation: str = "") -> list[Project]:
        """All projects (with ``organisation``: its own), newest first."""
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM projects WHERE ? = '' OR organisation_id = ? ORDER BY created DESC",
                              (organisation, organisation)).fetchall()
        return [from_row(Project, row) for row in rows]

    def workshops(self, project_id: str) -> list[Workshop]:
        """The project's workshops, oldest first: the order they were held in."""
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM workshops WHERE project_id = ? ORDER BY created",
                              (project_id,)).fetchall()
        return [from_row(Workshop, row) for row in rows]

    def delete(self, project_id: str) -> dict[str, int]:
        """Delete a project with its workshops, stakeholder register and plans; returns what went.

        The one way to remove a register: deleting a workshop keeps it.
        """
        counted = {
            "workshops": "SELECT COUNT(*) FROM workshops WHERE project_id = ?",
            "ideas": "SELECT COUNT(*) FROM ideas i JOIN workshops w ON w.id = i.workshop_id WHERE w.project_id = ?",
            "stakeholders": "SELECT COUNT(*) FROM stakeholders WHERE project_id = ?",
        }

        def delete(db: sqlite3.Connection) -> dict[str, int]:
            require_project(db, project_id)
            summary = {kind: db.execute(sql, (project_id,)).fetchone()[0] for kind, sql in counted.items()}
            db.execute("DELETE FROM workshops WHERE project_id = ?", (project_id,))
            db.execute("DELETE FROM projects WHERE id = ?", (project_id,))
            return summary

        summary = self._db.write(delete)
        self._db.checkpoint()  # no deleted text left in the WAL file
        return summary

    def of_workshop(self, workshop_id: str) -> Project:
        """The project a workshop belongs to."""
        return self.get(workshop_id)

    def set_phase(self, project_id: str, phase: KsPhase | str) -> Project:
        """Move the project to ``phase`` of KS' veikart (a key or any spelling that folds to one)."""
        phase = KsPhase.parse(phase, "phase")

        def update(db: sqlite3.Connection) -> None:
            if not db.execute("UPDATE projects SET phase = ? WHERE id = ?", (phase.value, project_id)).rowcount:
                raise ProjectNotFoundError(f"No project has the id {project_id!r}; `samskaping project list` shows "
                                           "them.", ref=project_id)

        self._db.write(update)
        return self.get(project_id)

    def revision(self, project_id: str) -> str:
        """A fingerprint of what a project page shows, which changes whenever any of it changes.

        Risks and goals belong to no workshop, so no change number counts them; a live page
        compares this between polls instead (the project list, and the project's workshops,
        risks, success factors, goals, goal links and concepts). One read, no objects built:
        O(rows of the project).
        """
        digest = hashlib.blake2b(digest_size=16)
        with self._db.read() as db:
            for query in _REVISION_QUERIES:
                for row in db.execute(query, {"p": project_id}):
                    digest.update(repr(tuple(row)).encode("utf-8", "replace"))
                digest.update(b"|")
        return digest.hexdigest()


#: What :meth:`Projects.revision` reads, each in a fixed order so the same rows give the same fingerprint.
_REVISION_QUERIES = (
    "SELECT id, title, phase, municipalities FROM projects ORDER BY id",
    "SELECT * FROM workshops WHERE project_id = :p ORDER BY id",
    "SELECT * FROM risks WHERE project_id = :p ORDER BY id",
    "SELECT * FROM success_factors WHERE project_id = :p ORDER BY id",
    "SELECT middels, hoy FROM risk_levels WHERE project_id = :p",
    "SELECT * FROM goals WHERE project_id = :p ORDER BY id",
    "SELECT l.goal_id, l.concept_id FROM goal_links l JOIN goals g ON g.id = l.goal_id "
    "WHERE g.project_id = :p ORDER BY l.goal_id, l.concept_id",
    *(f"SELECT * FROM {table} WHERE project_id = :p ORDER BY id"
      for table in ("roles", "forankring", "meetings", "milestones", "pilots")),
    "SELECT c.id, c.name FROM concepts c JOIN workshops w ON w.id = c.workshop_id WHERE w.project_id = :p "
    "ORDER BY c.id",
    # The ideas pooled across the workshops: how many, and the last change number (a new, hidden or merged idea).
    "SELECT COUNT(*), MAX(i.seq) FROM ideas i JOIN workshops w ON w.id = i.workshop_id WHERE w.project_id = :p",
)


def insert_project(db: sqlite3.Connection, project: Project) -> None:
    """Insert ``project``, its title masked like a workshop's, but its own municipalities' names kept."""
    require_organisation(db, project.organisation_id)
    project.title = mask_except(project.title, project.municipalities).text
    values = columns(project)
    names = ", ".join(f'"{name}"' for name in values)
    db.execute(f"INSERT INTO projects ({names}) VALUES ({', '.join('?' for _ in values)})", tuple(values.values()))


def project_for(db: sqlite3.Connection, workshop: Workshop, project_id: str | None, organisation: str = "") -> str:
    """The project a new workshop joins: ``project_id`` if it exists (and is ``organisation``'s, if given),
    else a new one named after the workshop, in ``organisation`` (or the default one)."""
    if project_id:
        require_project(db, project_id)
        owner = db.execute("SELECT organisation_id FROM projects WHERE id = ?", (project_id,)).fetchone()[0]
        if organisation and owner != organisation:
            raise ProjectNotFoundError(f"No project has the id {project_id!r}; `samskaping project list` shows them.",
                                       ref=project_id)
        return project_id
    if organisation:
        require_organisation(db, organisation)
    project = Project(workshop.title, phase=KS_PHASES_OF[workshop.phase][0], created=workshop.created,
                      organisation_id=organisation or DEFAULT_ORGANISATION)
    insert_project(db, project)
    return project.id
