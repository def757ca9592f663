"""Find and mask personal data in free text before it is stored or exported.

Workshops on violence, neglect and school refusal collect free text, and people
type what they know, often on a phone: the boy's name, the mother's phone
number, a fødselsnummer copied from a case file, a birth date. Municipalities
must not keep that in a workshop tool. :func:`mask` replaces each piece of
personal data with a bracketed token that says what was there (``[navn]``,
``[telefon]`` ...), so the idea stays readable.

The detector is a set of rules, one pass per kind, not a statistical model: it
runs on the municipality's own machine, needs nothing but the standard
library and python-stdnum, and a reader can see why a word was masked. The
rules live beside this module, one module per group of kinds:

=================  ====================================================================
kind               rule (module)
=================  ====================================================================
``fodselsnummer``  11 digits that python-stdnum accepts, and synthetic test numbers
                   (:mod:`.fodselsnummer`)
``telefon``        8 digits in the usual groups, dotted, dashed, after ``+47``/``(+47)``
                   (:mod:`.contact`)
``epost``          ``local@domain.tld``, also ``(at)``, ``[dot]``, ``krøllalfa`` (:mod:`.contact`)
``url``            a web address with a path beyond the host (:mod:`.contact`)
``fodselsdato``    a date after ``født``, ``fødd``, ``f.``, ``fødselsdato``, ``bursdag``,
                   North Sami ``riegádan`` (:mod:`.ages`)
``adresse``        street + house number, postnummer + place (:mod:`.adresse`)
``alder``          an age next to one specific child or a name (:mod:`.ages`)
``navn``           listed names in name positions, also in lower case; any word after
                   a cue (:mod:`.names`)
=================  ====================================================================

Overlaps are settled the same way every time: the longest finding wins, and
for equal lengths the more specific kind (fødselsnummer before telefon before
navn). The tokens put in are never detected again, and :func:`mask` takes a
second look at its own output, so ``mask(mask(t).text).text == mask(t).text``.

Known limits: names outside the lists are found only after a cue or next to a
listed name; a name that is also an ordinary word ("per", "tone") is not found
in lower case without a cue; a cue masks any capitalised word after it (``en
app som heter Trygg``); an age with only a pronoun is left; text should be
NFC-normalised (as :func:`samskaping.core.models.clean_text` leaves it).

Cost: O(n) in the length of the text: a handful of precompiled regex passes
plus one walk over the words; about 60 µs for a sentence of 50 characters.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from samskaping.core.privacy.adresse import find_adresse
from samskaping.core.privacy.ages import find_alder, find_fodselsdato
from samskaping.core.privacy.base import KINDS, REPLACEMENTS, Finding, finding
from samskaping.core.privacy.contact import find_epost, find_telefon, find_url
from samskaping.core.privacy.fodselsnummer import find_fodselsnummer, generate_fodselsnummer, is_valid_fodselsnummer
from samskaping.core.privacy.names import find_navn

__all__ = [
    "KINDS", "REPLACEMENTS", "Finding", "Masked", "mask", "mask_except", "is_valid_fodselsnummer",
    "generate_fodselsnummer",
]

_RANK = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Masked:
    """The masked text and the findings (sorted by ``start``) that made it."""

    text: str
    findings: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        """True when something was masked."""
        return bool(self.findings)

    @property
    def count(self) -> int:
        """How many pieces of personal data were masked."""
        return len(self.findings)


def mask(text: str) -> Masked:
    """Replace the personal data in ``text`` with bracketed tokens.

    Finding offsets point into ``text`` (the original), so a page can show
    what will be masked before it is saved.

    >>> mask("Moren til Kari ringte fra 912 34 567.").text
    'Moren til [navn] ringte fra [telefon].'
    >>> mask("Jenta (14) bor i Storgata 5, 7580 Selbu.").text
    'Jenta ([alder]) bor i [adresse], [adresse].'
    >>> mask("Fnr 219146 02952, konto 21914602953.").text
    'Fnr [fødselsnummer], konto 21914602953.'
    >>> mask("Barn under 6 år, kr 12 000, sak 2024/12345, www.nav.no").changed
    False
    >>> [(f.kind, f.start, f.end) for f in mask("Ola: ola@example.no").findings]
    [('navn', 0, 3), ('epost', 5, 19)]
    """
    findings = _find_all(text)
    masked = _apply(text, findings)
    # Look again at the masked text: a token can change the context of what is
    # left (the digits in "Kari20000000" stand alone once "Kari" is masked).
    # Whatever a second look finds is added, until nothing new turns up, so
    # mask(mask(t)) == mask(t) holds by construction. Each round masks more
    # characters, so this ends; in practice the second look finds nothing.
    while findings:
        extra = _find_all(masked)
        if not extra:
            break
        findings = tuple(_resolve(list(findings) + [_to_original(f, findings) for f in extra]))
        masked = _apply(text, findings)
    return Masked(masked, findings)


def mask_except(text: str, keep) -> Masked:
    """:func:`mask`, but a finding that is exactly one of ``keep`` stays as written.

    For names staff gave the kit as not being people: a joint project's
    municipalities ("0-24 Nordby og Sørvik"), which read like two surnames.

    >>> mask("0-24 Nordby og Sørvik").text, mask_except("0-24 Nordby og Sørvik", ("Nordby", "Sørvik")).text
    ('0-24 [navn] og [navn]', '0-24 Nordby og Sørvik')
    >>> mask_except("Nordby og Kari Hansen", ("Nordby",)).text
    'Nordby og [navn]'
    """
    kept = frozenset(keep)
    findings = tuple(f for f in mask(text).findings if text[f.start:f.end] not in kept)
    return Masked(_apply(text, findings), findings)


def _apply(text: str, findings: tuple[Finding, ...]) -> str:
    parts: list[str] = []
    pos = 0
    for f in findings:
        parts.append(text[pos : f.start])
        parts.append(f.replacement)
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def _to_original(extra: Finding, findings: tuple[Finding, ...]) -> Finding:
    """Map a finding in the masked text back to offsets in the original.

    An end that falls inside a token stretches to cover what the token
    replaced, so the mapped finding never cuts an earlier one in half.
    """

    def original(pos: int, *, is_end: bool) -> int:
        shift = 0  # masked offset minus original offset, so far
        for f in findings:
            token_start = f.start + shift
            token_end = token_start + len(f.replacement)
            if pos < token_start or (is_end and pos == token_start):
                break  # before this token
            if pos < token_end or (is_end and pos == token_end):
                return f.end if is_end else f.start  # in this token
            shift += len(f.replacement) - (f.end - f.start)
        return pos - shift

    return finding(extra.kind, original(extra.start, is_end=False), original(extra.end, is_end=True))


def _find_all(text: str) -> tuple[Finding, ...]:
    # Digits, addresses and links first; names look around them, and ages look
    # at the names (``Kari (14)``).
    found = _resolve(
        find_fodselsnummer(text)
        + find_epost(text)
        + find_url(text)
        + find_telefon(text)
        + find_fodselsdato(text)
        + find_adresse(text)
    )
    found = _resolve(found + find_navn(text, found))
    return tuple(_resolve(found + find_alder(text, found)))


def _resolve(findings: list[Finding]) -> list[Finding]:
    """Drop overlapping findings: the longest wins, then the most specific kind.

    O(k log k) for k findings.
    """
    chosen: list[Finding] = []
    starts: list[int] = []
    for f in sorted(findings, key=lambda f: (f.start - f.end, _RANK[f.kind], f.start)):
        i = bisect.bisect_left(starts, f.start)
        if i > 0 and chosen[i - 1].end > f.start:
            continue
        if i < len(chosen) and chosen[i].start < f.end:
            continue
        chosen.insert(i, f)
        starts.insert(i, f.start)
    return chosen
