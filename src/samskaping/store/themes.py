"""Themes on the wall and which idea sits in which, kept between clustering runs."""

from __future__ import annotations

import sqlite3

from samskaping.core.exceptions import InvalidInputError
from samskaping.ideas.model import Placement, WallTheme
from samskaping.store.rows import Tables, bump, guarded, require_workshop

#: An idea's place in a theme, replacing the one it had.
_PLACE = "INSERT INTO idea_themes (idea_id, workshop_id, theme_id, manual)"
_PLACED = ("ON CONFLICT (idea_id) DO UPDATE SET workshop_id = excluded.workshop_id, theme_id = excluded.theme_id,"
           " manual = excluded.manual")

__all__ = ["Themes", "insert_theme"]


class Themes(Tables):
    """A workshop's themes in wall order, and the ideas placed in them."""

    def list(self, workshop_id: str) -> list[WallTheme]:
        """The workshop's themes in wall order."""
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM themes WHERE workshop_id = ? ORDER BY position, id",
                              (workshop_id,)).fetchall()
        return [WallTheme(r["workshop_id"], r["id"], r["label"], bool(r["pinned"]), r["position"], r["benefit"],
                          r["effort"]) for r in rows]

    def placements(self, workshop_id: str) -> dict[str, Placement]:
        """``{idea_id: Placement}`` for every idea that is in a theme."""
        with self._db.read() as db:
            rows = db.execute("SELECT * FROM idea_themes WHERE workshop_id = ?", (workshop_id,)).fetchall()
        return {r["idea_id"]: Placement(r["idea_id"], r["theme_id"], bool(r["manual"])) for r in rows}

    def save_theming(self, workshop_id: str, themes: list[WallTheme], assignment: dict[str, str]) -> None:
        """Store a clustering run: its themes and where it put each idea.

        Pinned themes keep their label and members; ideas the facilitator
        placed by hand stay where they are. Everything else is replaced, in
        one transaction, so every page sees either the old or the new wall.
        """

        def save(db: sqlite3.Connection) -> None:
            require_workshop(db, workshop_id)
            pinned = {r["id"] for r in db.execute(
                "SELECT id FROM themes WHERE workshop_id = ? AND pinned = 1", (workshop_id,))}
            kept = {r["idea_id"] for r in db.execute(
                "SELECT i.idea_id FROM idea_themes i LEFT JOIN themes t ON t.workshop_id = i.workshop_id"
                " AND t.id = i.theme_id WHERE i.workshop_id = ? AND (i.manual = 1 OR t.pinned = 1)", (workshop_id,))}
            db.execute("DELETE FROM themes WHERE workshop_id = ? AND pinned = 0", (workshop_id,))
            marks = ",".join("?" * len(kept))
            db.execute("DELETE FROM idea_themes WHERE workshop_id = ?"  # "IN ()" is SQLite's only
                       + (f" AND idea_id NOT IN ({marks})" if kept else ""), (workshop_id, *kept))
            for position, theme in enumerate(themes):
                if theme.id in pinned:
                    continue
                guarded(db, workshop_id, theme)
                db.execute("INSERT INTO themes (workshop_id, id, label, pinned, position, benefit, effort)"
                           " VALUES (?, ?, ?, 0, ?, ?, ?)",
                           (workshop_id, theme.id, theme.label, position, theme.benefit, theme.effort))
            for idea_id, theme_id in assignment.items():
                if idea_id not in kept:
                    db.execute(f"{_PLACE} VALUES (?, ?, ?, 0) {_PLACED}", (idea_id, workshop_id, theme_id))
            bump(db, workshop_id, "ideas")

        self._db.write(save)

    def place_idea(self, idea_id: str, theme_id: str) -> None:
        """Put an idea in a theme by hand (it stays there through later clustering runs)."""

        def place(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT workshop_id FROM ideas WHERE id = ?", (idea_id,)).fetchone()
            if row is None or not db.execute("SELECT 1 FROM themes WHERE workshop_id = ? AND id = ?",
                                              (row["workshop_id"], theme_id)).fetchone():
                raise InvalidInputError(f"No idea {idea_id!r} or theme {theme_id!r} in one workshop.",
                                        reason="not_found", field="theme", value=theme_id)
            db.execute(f"{_PLACE} VALUES (?, ?, ?, 1) {_PLACED}", (idea_id, row["workshop_id"], theme_id))
            bump(db, row["workshop_id"], "ideas")

        self._db.write(place)

    def update(self, theme: WallTheme) -> None:
        """Rename, pin or unpin a theme, or set its benefit and effort (a theme not stored yet is added)."""

        def update(db: sqlite3.Connection) -> None:
            guarded(db, theme.workshop_id, theme)
            cursor = db.execute(
                "UPDATE themes SET label = ?, pinned = ?, position = ?, benefit = ?, effort = ?"
                " WHERE workshop_id = ? AND id = ?",
                (theme.label, int(theme.pinned), theme.position, theme.benefit, theme.effort, theme.workshop_id,
                 theme.id),
            )
            if cursor.rowcount == 0:
                insert_theme(db, theme)
            bump(db, theme.workshop_id, "ideas")

        self._db.write(update)

    def merge(self, workshop_id: str, source_id: str, target_id: str) -> None:
        """Move every idea of one theme into another and remove the first; the moves count as manual."""

        def merge(db: sqlite3.Connection) -> None:
            db.execute("UPDATE idea_themes SET theme_id = ?, manual = 1 WHERE workshop_id = ? AND theme_id = ?",
                       (target_id, workshop_id, source_id))
            db.execute("DELETE FROM themes WHERE workshop_id = ? AND id = ?", (workshop_id, source_id))
            bump(db, workshop_id, "ideas")

        self._db.write(merge)


def insert_theme(db: sqlite3.Connection, theme: WallTheme) -> None:
    """Insert ``theme`` (already guarded) as it is, pinned or not."""
    db.execute("INSERT INTO themes (workshop_id, id, label, pinned, position, benefit, effort)"
               " VALUES (?, ?, ?, ?, ?, ?, ?)",
               (theme.workshop_id, theme.id, theme.label, int(theme.pinned), theme.position, theme.benefit,
                theme.effort))
