"""The one path free text takes before it is stored or exported.

Every domain object names its free-text fields here. The store calls
:func:`guard` on each object it writes and each object it exports, so no
caller can forget to mask: the original text is never written unless the
workshop's facilitator has explicitly turned masking off (and the store
recorded who did, and when).
"""

from __future__ import annotations

from collections import Counter

from samskaping.core.privacy.detect import mask

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
    "Journey": ("title", "case", "phases"),
    "Step": ("phase", "service", "what", "pain_point", "quote", "coordinator"),
    "Concept": ("name", "description", "target_group", "next_step"),
    "WallTheme": ("label",),
    "Evaluation": ("change",),
    "ConceptFeedback": ("comment",),
    "Arrival": (),
}


def guard(item: object, *, enabled: bool = True) -> Counter:
    """Mask the free-text fields of ``item`` in place; count what was masked, by kind.

    Masking is idempotent, so guarding text that was already guarded changes
    nothing. A type with no entry in :data:`FREE_TEXT_FIELDS` is refused, so a
    new domain type cannot slip past the guard unnoticed. A tuple field (a
    journey's phase names) is masked element by element.

    >>> from samskaping.ideas.model import Idea
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
        value = getattr(item, field)
        texts = value if isinstance(value, tuple) else (value,)
        results = [mask(text) for text in texts]
        if any(result.findings for result in results):
            masked = tuple(result.text for result in results)
            setattr(item, field, masked if isinstance(value, tuple) else masked[0])
            for result in results:
                found.update(finding.kind for finding in result.findings)
    return found
