"""What every report writer shares: where the bytes go, and which sections lie on their side.

Free text is untrusted. The store has masked personal data already; the writers
add no second guard but make the text safe for each format
(:func:`samskaping.core.tables.xml_text` for the office files, escaping for HTML).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from samskaping.reports.model import ReportFigure, Section

__all__ = ["Destination", "deliver", "is_wide"]

Destination = str | os.PathLike | IO[bytes]

def deliver(data: bytes, path: Destination) -> Path | None:
    """Write the file in one go (a failed export leaves no half file); a buffer gets the bytes."""
    if isinstance(path, (str, os.PathLike)):
        path = Path(path)
        path.write_bytes(data)
        return path
    path.write(data)
    return None


def is_wide(section: Section) -> bool:
    """Whether a section goes on landscape pages: it shows a wide figure, or it only heads wide sections."""
    if any(isinstance(block, ReportFigure) and block.wide for block in section.blocks):
        return True
    return not section.blocks and bool(section.children) and is_wide(section.children[0])
