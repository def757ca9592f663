"""Fødselsnummer and D-nummer: validated by python-stdnum, with a thin wrapper for synthetic test numbers.

11 digits (or ``DDMMYY NNNNN`` with a space, dot or dash) count when
:func:`stdnum.no.fodselsnummer.is_valid` accepts them: a real date (D-nummer:
day + 40; H-nummer: month + 40), an individual number that fits the century,
and both mod-11 check digits right. Eleven digits that fail are left alone:
they are account, case or invoice numbers. stdnum refuses Skatteetaten's
synthetic test numbers (month + 80), which tests and demos use, so those are
checked here with stdnum's own check digits and birth date. Right after a
word that names the number (``fnr``, ``fødselsnummer``, ``personnummer``,
``D-nummer``) 11 digits count even with a wrong check digit: a mistyped
fødselsnummer still points at a person.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer as stdnum_fnr

from samskaping.core.privacy.base import WB, WE, Finding, finding, has_digit_run

__all__ = ["is_valid_fodselsnummer", "generate_fodselsnummer", "find_fodselsnummer"]

_ELEVEN_DIGITS = re.compile(r"[0-9]{11}")
_FODSELSNUMMER = re.compile(rf"{WB}(?<!\d[.,/-])([0-9]{{6}})[ .\-]?([0-9]{{5}}){WE}(?![.,/-]\d)")
_CUED = re.compile(
    rf"{WB}(?i:f\.?\s?nr|fnr|fødselsnr|fødselsnummer(?:et)?|fødselsnummeret|personnummer(?:et)?|personnr|pnr"
    r"|d-?nummer(?:et)?|d-?nr)\.?\s*(?::\s*|(?i:er|var|blir)\s+)?"
    rf"(?P<number>{WB}[0-9]{{6}}[ .\-]?[0-9]{{5}}{WE})(?![.,/-]\d)"
)
_SYNTHETIC_MONTH = 80  # Skatteetaten's synthetic numbers (Tenor): month + 80


def is_valid_fodselsnummer(digits: str) -> bool:
    """True when ``digits`` (11 digits, no separators) is a well-formed fødselsnummer.

    stdnum decides for real numbers, D-nummer and H-nummer; synthetic test
    numbers (month + 80) pass the same checks on their real month. A True
    answer means "could be issued", not "was issued".

    >>> is_valid_fodselsnummer("21914602952")  # a synthetic test number
    True
    >>> is_valid_fodselsnummer("21914602953")  # last check digit wrong
    False
    >>> is_valid_fodselsnummer("219146 02952")  # separators: use mask()
    False
    """
    if not _ELEVEN_DIGITS.fullmatch(digits):
        return False
    if int(digits[2:4]) <= _SYNTHETIC_MONTH:
        return stdnum_fnr.is_valid(digits)
    if digits[9] != stdnum_fnr.calc_check_digit1(digits) or digits[10] != stdnum_fnr.calc_check_digit2(digits):
        return False
    real_month = f"{int(digits[2:4]) - _SYNTHETIC_MONTH:02d}"
    try:
        return stdnum_fnr.get_birth_date(digits[:2] + real_month + digits[4:]) <= date.today()
    except ValidationError:
        return False


def generate_fodselsnummer(rng: random.Random, *, d_number: bool = False, synthetic: bool = False) -> str:
    """An invented, checksum-valid fødselsnummer (or D-nummer) for tests and demos.

    The number is drawn at random (born 1930-2024): well-formed, and assigned
    to nobody on purpose. A random draw may by chance equal a number that has
    been issued, so use these only in tests, benchmarks and demos; pass
    ``synthetic=True`` for Skatteetaten's test convention (month + 80), which
    is never issued to a person.

    >>> n = generate_fodselsnummer(random.Random(1))
    >>> len(n), is_valid_fodselsnummer(n)
    (11, True)
    >>> int(generate_fodselsnummer(random.Random(1), d_number=True)[0]) >= 4
    True
    >>> int(generate_fodselsnummer(random.Random(1), synthetic=True)[2:4]) > 80
    True
    """
    first, span = date(1930, 1, 1), (date(2024, 12, 31) - date(1930, 1, 1)).days
    while True:
        born = first + timedelta(days=rng.randrange(span + 1))
        if born.year >= 2000:
            individual = rng.randrange(500, 1000)
        elif born.year >= 1940 and rng.random() < 0.1:
            individual = rng.randrange(900, 1000)
        else:
            individual = rng.randrange(0, 500)
        day = born.day + (40 if d_number else 0)
        month = born.month + (_SYNTHETIC_MONTH if synthetic else 0)
        stem = f"{day:02d}{month:02d}{born.year % 100:02d}{individual:03d}"
        k1 = stdnum_fnr.calc_check_digit1(stem)
        k2 = stdnum_fnr.calc_check_digit2(stem + k1)
        if len(k1) == 1 and len(k2) == 1:  # "10" means no check digit exists: draw again
            return stem + k1 + k2


def find_fodselsnummer(text: str) -> list[Finding]:
    """Valid fødselsnumre in ``text``, written whole or as ``DDMMYY NNNNN``.

    >>> [(f.start, f.end) for f in find_fodselsnummer("Nr 219146-02952, konto 21914602953")]
    [(3, 15)]
    >>> [(f.start, f.end) for f in find_fodselsnummer("Fnr: 21914602953 (feil siffer)")]
    [(5, 16)]
    """
    if not has_digit_run(text, 6):
        return []
    found = [
        finding("fodselsnummer", m.start(), m.end())
        for m in _FODSELSNUMMER.finditer(text)
        if is_valid_fodselsnummer(m[1] + m[2])
    ]
    return found + [finding("fodselsnummer", *m.span("number")) for m in _CUED.finditer(text)]
