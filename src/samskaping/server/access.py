"""The facilitator secret: who may open the staff pages.

Participants need only a workshop's join code. The facilitator, stakeholder,
journey and ideas pages show everything typed in a workshop, so they need a
secret. It is made the first time ``samskaping serve`` runs, printed once,
and stored only as a salted PBKDF2 hash beside the store; ``samskaping
secret --reset`` makes a new one (the old one stops working).

A staff cookie holds :func:`staff_token`, a fingerprint of the stored hash
(an HMAC keyed by it), and the server compares it with the current one on
every staff request: a reset makes a new salt and hash, so it ends every
staff session at once, not when the cookies expire a day later. Where the
new secret cannot be shown on a terminal it goes to a file only this user
can read (:func:`write_secret_note`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

__all__ = [
    "SECRET_FILE", "SECRET_NOTE", "ensure_secret", "reset_secret", "check_secret", "has_secret", "new_secret",
    "staff_token", "is_staff_token", "write_secret_note", "COOKIE_KEY_FILE", "cookie_key",
    "secret_record", "staff_cookie", "staff_organisation", "organisation_of_secret",
]

SECRET_FILE = "tilgang.json"
#: The key that signs the staff and device cookies, kept beside the secret (0600).
COOKIE_KEY_FILE = "informasjonskapsler.nokkel"
#: Where ``samskaping secret --reset`` puts a new secret when its output is not a terminal (0600).
SECRET_NOTE = "ny-nokkel.txt"
_TOKEN_CONTEXT = b"samskaping staff session v1"
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


def secret_record(secret: str) -> dict:
    """What is stored of ``secret``: a salt and its PBKDF2 hash (never the secret)."""
    salt = secrets.token_bytes(16)
    return {"salt": salt.hex(), "hash": _hash(secret, salt).hex(), "iterations": _ITERATIONS}


def reset_secret(data_dir: str | os.PathLike) -> str:
    """Make a new secret, store its hash (readable by this user only) and return it."""
    secret = new_secret()
    path = _path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(secret_record(secret)), encoding="utf-8")
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
    return _matches(stored, candidate)


def _matches(stored: dict, candidate: str) -> bool:
    try:
        salt = bytes.fromhex(stored["salt"])
    except (KeyError, TypeError, ValueError):
        return False
    digest = hashlib.pbkdf2_hmac("sha256", _normalise(candidate).encode(), salt, stored.get("iterations", _ITERATIONS))
    return hmac.compare_digest(digest, bytes.fromhex(stored["hash"]))


def _stored(data_dir: str | os.PathLike) -> dict | None:
    try:
        stored = json.loads(_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stored if isinstance(stored, dict) and isinstance(stored.get("hash"), str) else None


def staff_token(data_dir: str | os.PathLike) -> str | None:
    """What a staff cookie holds while the current secret is valid: an HMAC keyed by its stored hash.

    It changes with every reset (new salt, new hash) and tells nothing about
    the secret. ``None`` when no secret is set.
    """
    return _token(_stored(data_dir))


def _token(stored: dict | None) -> str | None:
    if stored is None or not isinstance(stored.get("hash"), str):
        return None
    try:
        key = bytes.fromhex(stored["hash"])
    except ValueError:
        return None
    return hmac.new(key, _TOKEN_CONTEXT, hashlib.sha256).hexdigest()


def is_staff_token(data_dir: str | os.PathLike, value: str | bytes | None) -> bool:
    """Whether ``value`` (a staff cookie's content) belongs to the current secret (constant-time comparison)."""
    if not value:
        return False
    current = staff_token(data_dir)
    if current is None:
        return False
    given = value.decode("ascii", "replace") if isinstance(value, bytes) else value
    return hmac.compare_digest(given.encode("ascii", "replace"), current.encode("ascii"))


def write_secret_note(data_dir: str | os.PathLike, secret: str) -> Path:
    """Write ``secret`` to :data:`SECRET_NOTE` beside the store, readable by this user only; its path.

    The file is made 0600 before anything is written to it (an old note is replaced).
    """
    path = Path(data_dir) / SECRET_NOTE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as note:
        os.chmod(path, 0o600)  # whatever the umask
        note.write(secret + "\n")
    return path


def cookie_key(data_dir: str | os.PathLike) -> bytes:
    """The key that signs cookies, made once and kept in ``data_dir`` (0600).

    Kept, not drawn anew at each start: after a restart a phone is still the same
    participant and staff stay logged in, and servers behind one proxy that share the
    folder (or copies of the file) accept each other's cookies when one takes over.
    Two servers starting at once on one folder end up with the same key.
    """
    path = Path(data_dir) / COOKIE_KEY_FILE
    for _ in range(50):
        try:
            text = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            text = ""
        if len(text) == 64:
            return bytes.fromhex(text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another server is writing it: read it in a moment
            import time

            time.sleep(0.05)
            continue
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32))
    raise OSError(f"The cookie key {str(path)!r} is damaged; delete it and start again (everyone logs in anew).")


# -- organisations: one secret each in a deployment several municipalities share ----------------


def organisation_of_secret(data_dir: str | os.PathLike, candidate: str, others: dict[str, dict]) -> str | None:
    """The organisation whose staff secret ``candidate`` is: the data folder's own secret is the default
    organisation's (as on a laptop); ``others`` are the rest (``store.organisations.secrets()``)."""
    from samskaping.projects.model import DEFAULT_ORGANISATION

    if check_secret(data_dir, candidate):
        return DEFAULT_ORGANISATION
    return next((org for org, record in others.items() if _matches(record, candidate)), None)


def staff_cookie(data_dir: str | os.PathLike, organisation: str, others: dict[str, dict]) -> str:
    """The staff cookie's content: the organisation and the token of its current secret."""
    from samskaping.projects.model import DEFAULT_ORGANISATION

    token = staff_token(data_dir) if organisation == DEFAULT_ORGANISATION else _token(others.get(organisation))
    return f"{organisation}:{token or ''}"


def staff_organisation(data_dir: str | os.PathLike, value: str | bytes | None, others: dict[str, dict]) -> str | None:
    """The organisation a staff cookie is for while its secret is still the current one, else ``None``."""
    if not value:
        return None
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
    organisation, _, token = text.partition(":")
    if not token:
        return None
    current = staff_cookie(data_dir, organisation, others).partition(":")[2]
    if not current:
        return None
    return organisation if hmac.compare_digest(token.encode("ascii", "replace"), current.encode("ascii")) else None
