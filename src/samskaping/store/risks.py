"""A project's risk register (ROS) and its critical success factors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.privacy.guard import guard
from samskaping.risks.model import DEFAULT_THRESHOLDS, Risk, RiskRating, SuccessFactor, Thresholds
from samskaping.store.rows import Tables, bump, columns, from_row, next_nr, require_project, require_workshop, upsert

__all__ = ["Risks"]


class Risks(Tables):
    """Risks and success factors belong to the project, so they outlive any one workshop."""

    def list(self, project_id: str) -> list[Risk]:
        """The project's risks in their number order."""
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM risks WHERE project_id = ? ORDER BY nr, created",
                              (project_id,)).fetchall()
        return [from_row(Risk, row) for row in rows]

    def thresholds(self, project_id: str) -> Thresholds:
        """Where the project's scores turn middels and høy (5 and 10 unless the project chose others)."""
        with self._db.read() as db:
            row = db.execute("SELECT middels, hoy FROM risk_levels WHERE project_id = ?", (project_id,)).fetchone()
        return Thresholds(row["middels"], row["hoy"]) if row else DEFAULT_THRESHOLDS

    def set_thresholds(self, project_id: str, thresholds: Thresholds) -> Thresholds:
        """Choose where the project's scores turn middels and høy; the matrix, tables and reports follow."""
        def save(db: sqlite3.Connection) -> None:
            require_project(db, project_id)
            db.execute("INSERT INTO risk_levels (project_id, middels, hoy) VALUES (?, ?, ?) ON CONFLICT (project_id)"
                       " DO UPDATE SET middels = excluded.middels, hoy = excluded.hoy",
                       (project_id, thresholds.middels, thresholds.hoy))

        self._db.write(save)
        return thresholds

    def save(self, risk: Risk, *, checked: bool = False) -> Risk:
        """Add a risk, or change the one with its id; a risk without a number gets the next one.

        ``checked``: a staff page checked the text for names, so they are kept as typed; otherwise
        (an import, a direct call) names that look like a person are masked, as for stakeholders.
        """
        self._db.write(lambda db: _save(db, risk, checked))
        return risk

    def merge(self, project_id: str, risks: Iterable[Risk]) -> tuple[int, int]:
        """Read in a register: a risk whose number is taken updates that risk, the others are added.

        All in one transaction: a register is never half read in; names that look like a person are
        masked, since nobody looked at the file's text. Returns (added, updated).
        """
        risks = list(risks)

        def merge(db: sqlite3.Connection) -> tuple[int, int]:
            require_project(db, project_id)
            by_nr = {row["nr"]: row["id"] for row in db.execute(
                "SELECT id, nr FROM risks WHERE project_id = ?", (project_id,))}
            updated = 0
            for risk in risks:
                risk.project_id = project_id
                if risk.nr in by_nr:
                    risk.id = by_nr[risk.nr]
                    updated += 1
                _save(db, risk, False)
                by_nr[risk.nr] = risk.id
            return len(risks) - updated, updated

        return self._db.write(merge)

    def delete(self, risk_id: str) -> None:
        self._db.write(lambda db: db.execute("DELETE FROM risks WHERE id = ?", (risk_id,)))

    def rate(self, rating: RiskRating) -> None:
        """Keep one phone's rating of a risk in a risk round (a second one from the phone replaces it)."""

        def save(db: sqlite3.Connection) -> None:
            require_workshop(db, rating.workshop_id)
            found = db.execute("SELECT 1 FROM risks r JOIN workshops w ON w.project_id = r.project_id"
                               " WHERE r.id = ? AND w.id = ?", (rating.risk_id, rating.workshop_id)).fetchone()
            if not found:
                raise InvalidInputError(f"risk {rating.risk_id!r} is not a risk of this workshop's project.",
                                        reason="unknown_risk", field="risk_id", value=rating.risk_id)
            values = columns(rating)
            names = ", ".join(values)
            db.execute(f"INSERT INTO risk_ratings ({names}) VALUES ({', '.join('?' for _ in values)})"
                       " ON CONFLICT (risk_id, session_id) DO UPDATE SET likelihood = excluded.likelihood,"
                       " consequence = excluded.consequence, created = excluded.created", tuple(values.values()))
            bump(db, rating.workshop_id, "room")

        self._db.write(save)

    def ratings(self, workshop_id: str) -> list[RiskRating]:
        """The ratings the phones of one workshop gave in its risk round."""
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM risk_ratings WHERE workshop_id = ? ORDER BY created",
                              (workshop_id,)).fetchall()
        return [from_row(RiskRating, row) for row in rows]

    def adopt(self, risk_id: str, likelihood: int, consequence: int) -> Risk:
        """Give a risk the room's rating (the facilitator's choice after the discussion)."""

        def adopt(db: sqlite3.Connection) -> Risk:
            row = db.execute("SELECT * FROM risks WHERE id = ?", (risk_id,)).fetchone()
            if row is None:
                raise InvalidInputError(f"No risk has the id {risk_id!r}.", reason="unknown_risk", field="risk_id",
                                        value=risk_id)
            risk = from_row(Risk, row)
            risk.likelihood, risk.consequence = likelihood, consequence
            risk.__post_init__()  # checked like any other rating
            db.execute("UPDATE risks SET likelihood = ?, consequence = ? WHERE id = ?",
                       (risk.likelihood, risk.consequence, risk_id))
            return risk

        return self._db.write(adopt)

    def success_factors(self, project_id: str) -> list[SuccessFactor]:
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM success_factors WHERE project_id = ? ORDER BY nr, created",
                              (project_id,)).fetchall()
        return [from_row(SuccessFactor, row) for row in rows]

    def save_success_factor(self, factor: SuccessFactor, *, checked: bool = False) -> SuccessFactor:
        def save(db: sqlite3.Connection) -> None:
            require_project(db, factor.project_id)
            guard(factor, enabled=True, unchecked=not checked)
            if not factor.nr:
                factor.nr = next_nr(db, "success_factors", factor.project_id)
            upsert(db, "success_factors", columns(factor))

        self._db.write(save)
        return factor


def _save(db: sqlite3.Connection, risk: Risk, checked: bool) -> None:
    require_project(db, risk.project_id)
    guard(risk, enabled=True, unchecked=not checked)
    if not risk.nr:
        risk.nr = next_nr(db, "risks", risk.project_id)
    upsert(db, "risks", columns(risk))
