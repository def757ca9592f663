"""Every error the kit raises on purpose.

One base class, so callers (the CLI, the pages) can catch what the kit means to
say and show it. The English ``str()`` is for developers and logs; the text a
user sees comes from the message catalogue (:func:`samskaping.core.i18n.error_text`),
keyed by the class name and filled with ``params``.
"""

from __future__ import annotations

__all__ = [
    "SamskapingError", "InvalidInputError", "WorkshopNotFoundError", "ProjectNotFoundError", "StoreClosedError",
    "StoreBusyError",
    "SchemaTooNewError", "ImportFormatError", "StoreUnavailableError", "StoreFullError",
]

class SamskapingError(Exception):
    """Base class for the errors the kit raises on purpose."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.params = params


class InvalidInputError(SamskapingError, ValueError):
    """Raised when a value typed by a person cannot be accepted as it is.

    ``params["reason"]`` names the rule that failed; the catalogue has one
    sentence per reason (``error.InvalidInputError.<reason>``).
    """

    def __init__(self, message: str, *, reason: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


class WorkshopNotFoundError(SamskapingError, LookupError):
    """Raised when no workshop has the given id or join code."""


class ProjectNotFoundError(SamskapingError, LookupError):
    """Raised when no project has the given id, and no workshop the given id or join code."""


class StoreClosedError(SamskapingError):
    """Raised when a closed store is used again."""


class StoreBusyError(SamskapingError):
    """Raised when the store stayed locked by other writers for too long."""


class SchemaTooNewError(SamskapingError):
    """Raised when the store file was written by a newer version of the kit."""


class ImportFormatError(SamskapingError, ValueError):
    """Raised when a file to import is not a samskaping workshop export."""


class StoreUnavailableError(SamskapingError):
    """Raised when the data folder or store file cannot be opened or written (read-only, missing, locked)."""


class DatabaseUnavailableError(StoreUnavailableError):
    """Raised when the PostgreSQL database cannot be reached (down, wrong address, user or password)."""


class StoreFullError(SamskapingError):
    """Raised when the disk holding the store is full; nothing already stored is lost."""
