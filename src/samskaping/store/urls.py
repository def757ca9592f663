"""Telling a PostgreSQL database's URL from a SQLite file's path, and showing it without its password.

Light on purpose: every page's kernel imports the store, and only a deployment
with PostgreSQL needs psycopg (:mod:`samskaping.store.pg`).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

__all__ = ["is_database_url", "safe_url"]


def is_database_url(text: str | None) -> bool:
    """Whether ``text`` names a PostgreSQL database (``postgresql://`` or ``postgres://``)."""
    return bool(text) and str(text).startswith(("postgresql://", "postgres://"))


def safe_url(url: str) -> str:
    """``url`` without its password, for messages and logs.

    >>> safe_url("postgresql://kit:hemmelig@db.kommune.no:5432/samskaping")
    'postgresql://kit@db.kommune.no:5432/samskaping'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, ""))
