"""Reports for the steering group: one content model, one writer per format.

:mod:`.build` reads a workshop once and decides what the report says
(:class:`~.model.Report`); :mod:`.docx`, :mod:`.pdf`, :mod:`.html`, :mod:`.pptx` and
:mod:`.xlsx` only lay it out, so the formats cannot disagree; :mod:`.archive`
writes all of them, with the workshop's data, into one ZIP file.
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["archive", "build", "docx", "figures", "files", "html", "model", "pdf", "pptx", "xlsx"]
