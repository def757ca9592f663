"""The export format: a whole workshop as one JSON document, and reading it back safely.

``samskaping export --format json`` writes it, the ZIP archive holds it as
``workshop.json``, and ``samskaping import`` reads either. The format name and
version live here once; :func:`parse_export` is the one check of an export's text.
"""

from __future__ import annotations

import json
from pathlib import Path

from samskaping.core.exceptions import ImportFormatError
from samskaping.core.i18n import t

__all__ = [
    "ARCHIVE_JSON", "parse_export", "MAX_ARCHIVE_JSON", "envelope", "EXPORT_FORMAT", "EXPORT_VERSION",
    "read_export",
]

#: The workshop's data inside an archive: the same file ``samskaping export --format json`` writes.
ARCHIVE_JSON = "workshop.json"
#: A workshop.json larger than this, in an archive or alone, is refused unread (a real one is a few MB).
MAX_ARCHIVE_JSON = 256 * 1024 * 1024


def envelope(data: dict) -> str:
    """The workshop data as ``samskaping export --format json`` writes it, envelope and all."""

    clean = {key: value for key, value in data.items() if key not in ("format", "version")}
    envelope = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, **clean}
    return json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"


def parse_export(raw: bytes, name: str, *, member: str = "") -> dict:
    """The workshop data in the bytes of a ``samskaping export --format json`` file, envelope keys included.

    The one check of an export's text, for a JSON file and for the
    ``workshop.json`` of an archive: UTF-8 (a BOM is fine), JSON, an object
    with ``"format": "samskaping-workshop"`` and a ``workshop``, and a whole
    version number this kit reads. Anything else raises
    :class:`~samskaping.core.exceptions.ImportFormatError` naming ``name`` and,
    in Norwegian, what is wrong. O(len(raw)).

    >>> parse_export(b'{"format": "samskaping-workshop", "version": 1, "workshop": {}}', "w.json")["version"]
    1
    >>> parse_export(b"[1, 2", "w.json")
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.ImportFormatError: 'w.json' is not JSON: Expecting ',' delimiter: line 1 column 6 (char 5).
    """

    where = f"{member} in {name!r}" if member else repr(name)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFormatError(f"{where} is not UTF-8 text.", path=name, detail=t("import.not_utf8")) from None
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{where} is not JSON: {exc}.", path=name,
                                detail=t("import.not_json", line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise ImportFormatError(f"{where} is nested too deep to be JSON we read.", path=name,
                                detail=t("import.too_deep")) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT or "workshop" not in data:
        raise ImportFormatError(
            f"{where} is not a samskaping workshop export (no \"format\": \"{EXPORT_FORMAT}\").",
            path=name, detail=f'"format": "{EXPORT_FORMAT}" mangler',
        )
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version > EXPORT_VERSION:
        raise ImportFormatError(
            f"{where} has export version {version!r}; this samskaping reads {EXPORT_VERSION}.",
            path=name, detail=t("import.bad_version", version=version, supported=EXPORT_VERSION),
        )
    return data

EXPORT_FORMAT = "samskaping-workshop"
EXPORT_VERSION = 1


def read_export(path: Path) -> dict:
    """Read and check a workshop export file, naming what is wrong with it.

    A file larger than :data:`samskaping.store.archive.MAX_ARCHIVE_JSON` is refused
    unread; the text is checked by :func:`samskaping.store.archive.parse_export`.
    """

    if not path.is_file():
        raise ImportFormatError(f"No file at {str(path)!r}.", path=str(path), detail=t("cli.file.missing", path=path))
    if path.stat().st_size > MAX_ARCHIVE_JSON:
        raise ImportFormatError(
            f"{str(path)!r} is over {MAX_ARCHIVE_JSON} bytes.", path=str(path),
            detail=t("import.too_large", max=MAX_ARCHIVE_JSON // 2**20),
        )
    try:
        raw = path.read_bytes()
    except OSError:
        raise ImportFormatError(f"Cannot read {str(path)!r}.", path=str(path), detail=t("import.unreadable")) from None
    return parse_export(raw, str(path))
