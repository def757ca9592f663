"""What every report writer shares: where the bytes go, and text that XML can hold.

Free text is untrusted. The store has masked personal data already; the writers
add no second guard but make the text safe for each format, starting here:
:func:`xml_text` removes the control characters XML cannot hold (python-docx and
python-pptx refuse them; openpyxl would write a broken file).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import IO

from samskaping.reports.model import ReportFigure, Section

__all__ = ["Destination", "xml_text", "deliver", "is_wide"]

Destination = str | os.PathLike | IO[bytes]

# Characters XML 1.0 cannot hold (or should not: C1 controls, non-characters), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Any cell or free text as every format can hold it: control characters out, line ends as ``\\n``.

    The one sanitiser of the writers. Tabs and line breaks stay; nothing
    else is changed, so what a person wrote reads back the same. O(len).

    >>> xml_text("Før\\x00 midt\\x07\\r\\nslutt\\x1b 🎉"), xml_text(None), xml_text(3)
    ('Før midt\\nslutt 🎉', '', '3')
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text)


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
