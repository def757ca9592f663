"""The kit's foundation: what every other part may use, and that uses nothing of theirs.

:mod:`~samskaping.core.exceptions` (every error the kit raises), :mod:`~samskaping.core.models`
(ids, times, :class:`~samskaping.core.models.Workshop`, text cleaning), :mod:`~samskaping.core.i18n`
and its :mod:`~samskaping.core.catalogue` (every word a person reads), :mod:`~samskaping.core.privacy`
(the guard on free text), :mod:`~samskaping.core.tables` (spreadsheet cells in and out) and
:mod:`~samskaping.core.plotting` (shared matplotlib pieces, imported only by the plots).
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["exceptions", "i18n", "keys", "models", "plotting", "tables", "catalogue", "privacy"]
