"""One file for the script chunks of the participant page, instead of seventy requests.

Voilà's front end is split into some seventy webpack chunks (``1601.voila.js`` …)
that ``voila.js`` asks for one by one once it runs, in two or three waves. On a
phone on the venue's wifi each wave is a round trip, and in a room that joins
together the server answers every phone's seventy requests on its one thread.
The kit puts the chunks a participant page needs into one file, linked before
``voila.js``: webpack finds them already registered and asks for none of them
(a chunk not in the file is fetched as before, so a newer Voilà still works).

The list of chunks is recorded from a real page
(``static/participant-chunks.txt``); the browser test
``test_phone_bundle.py`` fails, naming the right list, when it goes stale.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CHUNKS_FILE", "ChunkBundle", "build_bundle", "chunk_ids", "with_bundle"]

CHUNKS_FILE = Path(__file__).parent / "static" / "participant-chunks.txt"
#: The script tag Voilà's template writes for its front end (``voila_setup.macro.html.j2``).
_MAIN_SCRIPT = re.compile(r'<script src="[^"]*/voila\.js"></script>')


@dataclass(frozen=True)
class ChunkBundle:
    """The chunks' text joined into one script, named by its content (so a phone may keep it a year)."""

    name: str
    body: bytes
    chunks: tuple[str, ...]


def chunk_ids(path: Path = CHUNKS_FILE) -> list[str]:
    """The chunk ids in ``path``: numbers separated by white space; ``#`` starts a comment.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = Path(d, "c.txt").write_text("# recorded\\n5764 8135\\n3992\\n")
    ...     chunk_ids(Path(d, "c.txt"))
    ['5764', '8135', '3992']
    """
    words = (line.split("#", 1)[0].split() for line in path.read_text(encoding="utf-8").splitlines())
    return [word for line in words for word in line]


def build_bundle(static_paths: list[str] | list[Path], ids: list[str]) -> ChunkBundle | None:
    """The chunks ``ids`` found in Voilà's static folders, joined; ``None`` when none is there."""
    folder = next((Path(p) for p in static_paths if (Path(p) / "voila.js").is_file()), None)
    if folder is None:
        return None
    found = [(chunk, folder / f"{chunk}.voila.js") for chunk in ids]
    found = [(chunk, path) for chunk, path in found if path.is_file()]
    if not found:
        return None
    # Each chunk is one statement, ``(self.webpackChunk… ||= []).push([...])``; a line break keeps them apart.
    body = b"\n".join(path.read_bytes().rstrip(b"\n;") + b";" for _, path in found) + b"\n"
    name = f"voila-chunks.{hashlib.sha256(body).hexdigest()[:16]}.js"
    return ChunkBundle(name, body, tuple(chunk for chunk, _ in found))


def with_bundle(chunk: str, url: str) -> str:
    """The page with the bundle's script just before Voilà's own, and fetched early from the head.

    >>> page = '<head></head><body><script src="/voila/static/voila.js"></script></body>'
    >>> head, body = with_bundle(page, "/b.js").split("<body>")
    >>> head
    '<head><link rel="preload" as="script" href="/b.js"></head>'
    >>> body
    '<script src="/b.js"></script><script src="/voila/static/voila.js"></script></body>'
    """
    url = html.escape(url)
    if "</head>" in chunk:
        chunk = chunk.replace("</head>", f'<link rel="preload" as="script" href="{url}"></head>', 1)
    return _MAIN_SCRIPT.sub(lambda m: f'<script src="{url}"></script>' + m.group(0), chunk, count=1)
