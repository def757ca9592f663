"""The one path free text takes before it is stored or exported.

Every domain object names its free-text fields here. The store calls
:func:`guard` on each object it writes and each object it exports, so no
caller can forget to mask: the original text is never written unless the
workshop's facilitator has explicitly turned masking off (and the store
recorded who did, and when).
"""

from __future__ import annotations

from collections import Counter

from .privacy import mask

__all__ = ["FREE_TEXT_FIELDS", "guard"]

#: Free-text fields per type (by class name, so this module imports no domain
#: module that pulls in plotting or graph libraries).
FREE_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "Workshop": ("title", "question"),
    "Idea": ("text",),
    "Stakeholder": (
        "name", "affected", "strategy", "justification", "contact_role", "notes", "channel", "frequency",
    ),
    "Move": ("moved_by",),
}


def guard(item: object, *, enabled: bool = True) -> Counter:
    """Mask the free-text fields of ``item`` in place; count what was masked, by kind.

    Masking is idempotent, so guarding text that was already guarded changes
    nothing. A type with no entry in :data:`FREE_TEXT_FIELDS` is refused, so a
    new domain type cannot slip past the guard unnoticed.

    >>> from samskaping.models import Idea
    >>> idea = Idea("w1", "Ring moren på 912 34 567")
    >>> guard(idea)
    Counter({'telefon': 1})
    >>> idea.text
    'Ring moren på [telefon]'
    """
    name = type(item).__name__
    if name not in FREE_TEXT_FIELDS:
        raise TypeError(f"{name} has no entry in FREE_TEXT_FIELDS; list its free-text fields there.")
    found: Counter = Counter()
    if not enabled:
        return found
    for field in FREE_TEXT_FIELDS[name]:
        masked = mask(getattr(item, field))
        if masked.findings:
            setattr(item, field, masked.text)
            found.update(finding.kind for finding in masked.findings)
    return found
