"""Personal data in free text: found by :mod:`.detect`, masked on every write by :mod:`.guard`.

Workshops are about vulnerable children and families, so nothing a person types is
stored or exported before it has passed :func:`guard`. :mod:`.detect` holds
:func:`~.detect.mask`; the rules for each kind live beside it (:mod:`.fodselsnummer`,
:mod:`.contact`, :mod:`.adresse`, :mod:`.ages`, :mod:`.names`, sharing :mod:`.base`).
"""
