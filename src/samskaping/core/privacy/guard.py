"""The one path free text takes before it is stored or exported.

Every domain class names its free-text fields in a ``FREE_TEXT`` class
attribute (an empty tuple when it has none). The store calls
:func:`guard` on each object it writes and each object it exports, so no
caller can forget to mask: the original text is never written unless the
workshop's facilitator has explicitly turned masking off (and the store
recorded who did, and when).
"""

from __future__ import annotations

from collections import Counter

from samskaping.core.privacy.detect import mask

__all__ = ["guard"]

def guard(item: object, *, enabled: bool = True) -> Counter:
    """Mask the free-text fields of ``item`` in place; count what was masked, by kind.

    Masking is idempotent, so guarding text that was already guarded changes
    nothing. A type without ``FREE_TEXT`` is refused, so a new domain type
    cannot slip past the guard unnoticed. A tuple field (a
    journey's phase names) is masked element by element.

    >>> from samskaping.ideas.model import Idea
    >>> idea = Idea("w1", "Ring moren på 912 34 567")
    >>> guard(idea)
    Counter({'telefon': 1})
    >>> idea.text
    'Ring moren på [telefon]'
    """
    names = getattr(type(item), "FREE_TEXT", None)
    if names is None:
        raise TypeError(
            f"{type(item).__name__} has no FREE_TEXT; list its free-text fields there (an empty tuple if none)."
        )
    found: Counter = Counter()
    if not enabled:
        return found
    for field in names:
        value = getattr(item, field)
        texts = value if isinstance(value, tuple) else (value,)
        results = [mask(text) for text in texts]
        if any(result.findings for result in results):
            masked = tuple(result.text for result in results)
            setattr(item, field, masked if isinstance(value, tuple) else masked[0])
            for result in results:
                found.update(finding.kind for finding in result.findings)
    return found
