"""The one path free text takes before it is stored or exported.

Every domain class names its free-text fields in a ``FREE_TEXT`` class
attribute (an empty tuple when it has none). The store calls
:func:`guard` on each object it writes and each object it exports, so no
caller can forget to mask: the original text is never written unless the
workshop's facilitator has explicitly turned masking off (and the store
recorded who did, and when).

Fields that staff type for the map, the journeys and the concepts are also
listed in ``STAFF_TEXT`` (:mod:`.staff`): there names are checked on the staff
page instead of masked, and every other kind of personal data is masked as
everywhere else.
"""

from __future__ import annotations

from collections import Counter

from samskaping.core.privacy.detect import mask
from samskaping.core.privacy.staff import mask_staff_text, staff_text_fields

__all__ = ["guard"]


def guard(item: object, *, enabled: bool = True, unchecked: bool = False) -> Counter:
    """Mask the free-text fields of ``item`` in place; count what was masked, by kind.

    Masking is idempotent, so guarding text that was already guarded changes
    nothing. A type without ``FREE_TEXT`` is refused, so a new domain type
    cannot slip past the guard unnoticed. A tuple field (a
    journey's phase names) is masked element by element.

    In the fields of ``STAFF_TEXT`` names are kept: a staff page checked them
    (:func:`~samskaping.core.privacy.staff.check`), or they were stored so
    already. ``unchecked`` is for staff text no person has looked at (an
    imported sheet, a direct call of the store): there names that look like
    a person are masked too, and organisation names are kept.

    >>> from samskaping.ideas.model import Idea
    >>> idea = Idea("w1", "Ring moren på 912 34 567")
    >>> guard(idea)
    Counter({'telefon': 1})
    >>> idea.text
    'Ring moren på [telefon]'
    >>> from samskaping.stakeholders.model import Stakeholder
    >>> item = Stakeholder("w1", "Kari Nordmann", "helse", 3, 3, notes="tlf 912 34 567")
    >>> guard(item), item.name, item.notes
    (Counter({'telefon': 1}), 'Kari Nordmann', 'tlf [telefon]')
    >>> guard(item, unchecked=True), item.name
    (Counter({'navn': 1}), '[navn]')
    """
    names = getattr(type(item), "FREE_TEXT", None)
    if names is None:
        raise TypeError(
            f"{type(item).__name__} has no FREE_TEXT; list its free-text fields there (an empty tuple if none)."
        )
    found: Counter = Counter()
    if not enabled:
        return found
    staff = staff_text_fields(type(item))
    for field in names:
        value = getattr(item, field)
        texts = value if isinstance(value, tuple) else (value,)
        if field in staff:
            results = [mask_staff_text(text, names=unchecked) for text in texts]
        else:
            results = [mask(text) for text in texts]
        if any(result.findings for result in results):
            masked = tuple(result.text for result in results)
            setattr(item, field, masked if isinstance(value, tuple) else masked[0])
            for result in results:
                found.update(finding.kind for finding in result.findings)
    return found
