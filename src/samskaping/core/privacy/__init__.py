"""Personal data in free text: found by :mod:`.detect`, masked on every write by :mod:`.guard`.

Workshops are about vulnerable children and families, so nothing a person types is
stored or exported before it has passed :func:`guard`.
"""
