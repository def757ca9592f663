"""Every export of a workshop by format name, and the archive that holds them all.

:func:`export_workshop_files` picks the writer by format name; :func:`write_zip`
writes the workshop's data (exactly what ``samskaping export --format json``
writes), every figure and every document into one ZIP file, all from one
report, so all from the same data.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from samskaping.core.models import check_choice
from samskaping.reports.build import build_report
from samskaping.reports.docx import write_docx
from samskaping.reports.files import Destination, deliver
from samskaping.reports.html import write_html
from samskaping.reports.model import Report
from samskaping.reports.pdf import write_pdf
from samskaping.reports.pptx import write_pptx
from samskaping.reports.xlsx import write_xlsx
from samskaping.store.archive import ARCHIVE_JSON, envelope

__all__ = ["FORMATS", "write_zip", "export_workshop_files"]

#: What :func:`export_workshop_files` writes.
FORMATS = ("docx", "pdf", "html", "pptx", "xlsx", "zip", "json")


# --- The archive ----------------------------------------------------------------------------

_WRITERS: dict[str, Callable[[Report, Destination], Path | None]] = {
    "docx": write_docx, "pdf": write_pdf, "html": write_html, "pptx": write_pptx, "xlsx": write_xlsx,
}
#: File names in an archive, by format.
_ARCHIVE_NAMES = {"docx": "report.docx", "pdf": "report.pdf", "html": "report.html", "pptx": "deck.pptx",
                  "xlsx": "workbook.xlsx"}


def write_zip(store, workshop_id: str, path: Destination, *, lang: str | None = None,
              include_hidden: bool = False) -> Path | None:
    """Write everything in one archive: the workshop's data, every figure, and every document.

    ``workshop.json`` is exactly what ``samskaping export --format json``
    writes (read it back with :func:`samskaping.store.archive.read_zip`, import it with
    ``Store.import_workshop``); ``figures/`` holds each figure as PNG and SVG;
    then ``report.docx``, ``report.pdf``, ``report.html``, ``deck.pptx`` and
    ``workbook.xlsx``, all from one report, so all from the same data. Posts
    the facilitator hid are in none of them unless ``include_hidden``.
    """
    report = build_report(store, workshop_id, lang=lang, include_hidden=include_hidden)
    buffer = io.BytesIO()
    deflate, store_ = zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED  # PNG and office files are compressed already
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(ARCHIVE_JSON, envelope(report.data), compress_type=deflate)
        for figure in report.figures():
            archive.writestr(f"figures/{figure.key}.png", figure.png(), compress_type=store_)
            archive.writestr(f"figures/{figure.key}.svg", figure.svg(), compress_type=deflate)
        for fmt, writer in _WRITERS.items():
            out = io.BytesIO()
            writer(report, out)
            archive.writestr(_ARCHIVE_NAMES[fmt], out.getvalue(),
                             compress_type=deflate if fmt in ("pdf", "html") else store_)
    return deliver(buffer.getvalue(), path)


def export_workshop_files(store, workshop_id: str, fmt: str, path: Destination, *,
                          lang: str | None = None, include_hidden: bool = False) -> Path | None:
    """Export a workshop in one format of :data:`FORMATS`, to a file (or a binary buffer).

    ``json`` is the data as ``samskaping export`` writes it; ``zip`` is
    :func:`write_zip`; the others lay out :func:`~samskaping.reports.build.build_report`.
    Posts the facilitator hid stay out of every format unless
    ``include_hidden``, and each file says which (the JSON in
    ``hidden_posts``, the documents in their method section).
    An unknown format raises :class:`~samskaping.core.exceptions.InvalidInputError`
    (``bad_choice``) before anything is read.
    """
    check_choice(fmt, FORMATS, "format")
    if fmt == "json":
        data = store.archive.export_workshop(workshop_id, include_hidden=include_hidden)
        return deliver(envelope(data).encode("utf-8"), path)
    if fmt == "zip":
        return write_zip(store, workshop_id, path, lang=lang, include_hidden=include_hidden)
    return _WRITERS[fmt](build_report(store, workshop_id, lang=lang, include_hidden=include_hidden), path)
