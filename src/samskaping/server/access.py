"""The facilitator secret: who may open the staff pages.

Participants need only a workshop's join code. The facilitator, stakeholder,
journey and ideas pages show everything typed in a workshop, so they need a
secret. It is made the first time ``samskaping serve`` runs, printed once,
and stored only as a salted PBKDF2 hash beside the store; ``samskaping
secret --reset`` makes a new one (the old one stops working).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

__all__ = ["SECRET_FILE", "ensure_secret", "reset_secret", "check_secret", "has_secret", "new_secret"]

SECRET_FILE = "tilgang.json"
_ITERATIONS = 200_000
# Words are easier to read out and type on a laptop than random characters.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_secret() -> str:
    """A random secret like ``k7dm-3xqa-p9tw-r2hn`` (about 80 bits)."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def _hash(secret: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", _normalise(secret).encode(), salt, _ITERATIONS)


def _normalise(secret: str) -> str:
    """Typed secrets: case, spaces and dashes do not matter.

    >>> _normalise(" K7DM 3xqa-p9tw-r2hn ")
    'k7dm3xqap9twr2hn'
    """
    return "".join(ch for ch in secret.lower() if ch.isalnum())


def _path(data_dir: str | os.PathLike) -> Path:
    return Path(data_dir) / SECRET_FILE


def has_secret(data_dir: str | os.PathLike) -> bool:
    return _path(data_dir).is_file()


def reset_secret(data_dir: str | os.PathLike) -> str:
    """Make a new secret, store its hash (readable by this user only) and return it."""
    secret = new_secret()
    salt = secrets.token_bytes(16)
    path = _path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"salt": salt.hex(), "hash": _hash(secret, salt).hex(),
                                     "iterations": _ITERATIONS}), encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return secret


def ensure_secret(data_dir: str | os.PathLike) -> str | None:
    """The new secret if none existed (to print once), else ``None``."""
    return None if has_secret(data_dir) else reset_secret(data_dir)


def check_secret(data_dir: str | os.PathLike, candidate: str) -> bool:
    """True if ``candidate`` is the current secret (constant-time comparison)."""
    try:
        stored = json.loads(_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    salt = bytes.fromhex(stored["salt"])
    digest = hashlib.pbkdf2_hmac("sha256", _normalise(candidate).encode(), salt, stored.get("iterations", _ITERATIONS))
    return hmac.compare_digest(digest, bytes.fromhex(stored["hash"]))
