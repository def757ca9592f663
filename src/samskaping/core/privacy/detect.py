"""Find and mask personal data in free text before it is stored or exported.

Workshops on violence, neglect and school refusal collect free text, and people
type what they know: the boy's name, the mother's phone number, a fødselsnummer
copied from a case file. Municipalities must not keep that in a workshop tool.
:func:`mask` replaces each piece of personal data with a bracketed token that
says what was there (``[navn]``, ``[telefon]`` ...), so the idea stays readable.

The detector is a set of rules, one pass per kind, not a statistical model: it
runs on the municipality's own machine, needs nothing but the standard
library, and a reader can see why a word was masked. The rules, per kind:

``fodselsnummer``
    11 digits (or ``DDMMYY NNNNN`` with a space, dot or dash) with a real date
    (D-nummer: day + 40; H-nummer: month + 40; synthetic test numbers: month
    + 80), an individual number that fits the century, and BOTH mod-11 check
    digits right. Eleven digits that fail the check are left alone: they are
    account, case or invoice numbers.
``telefon``
    Eight digits written ``12345678``, ``123 45 678``, ``12 34 56 78`` or
    ``1234 5678``, optionally after ``+47``/``0047``. Without a prefix the
    first digit must be 4 or 9 (mobile) or 2, 3, 5, 6, 7 (landline), which
    leaves out 8xx service numbers. Not masked: digits that are part of a
    longer run of digit groups, amounts (``kr``, ``kroner``, ``%``), numbers
    after ``saksnr``/``org.nr``/``konto``, and eight unbroken digits that read
    as a date (``20240312``, ``23032024``).
``epost``
    Anything shaped like ``local@domain.tld``.
``url``
    A web address (with ``http(s)://``, ``www.`` or a known top-level domain)
    that has a path, query or fragment beyond the host: ``facebook.com/ola.n``
    is masked, ``www.nav.no`` and ``https://www.selbu.kommune.no/`` are not.
    The rule masks every URL with a path, even harmless ones: a profile link
    and a service page look the same to a regex.
``adresse``
    A street name ending in -gata, -gaten, -gate, -gt., -veien, -vegen, -vei,
    -veg, -vn., -stien, -bakken, -plassen, -torget, -allé ... (or a capitalised
    name + ``gate``/``vei``/``plass`` as in ``Kong Oscars gate``) followed by
    a house number (``12B``, ``3 A``, ``5-7``); and postnummer + sted
    (``7580 Selbu``). A year followed by a capitalised word (``i 2024 Oslo``)
    is not taken for a postnummer.
``navn``
    Words from the lists of common given names and surnames shipped in
    ``samskaping/data`` (Norwegian, Sami and common immigrant names), when
    capitalised and in a name position:

    * a listed name not at the start of a sentence;
    * a listed given name at the start of a sentence, unless it is also an
      everyday word (``Tone ned``, ``Per i dag``, ``Hege om``): those count
      there only before a verb (``Hege sa``) or another listed name (``Tone
      Hansen``), and surnames (``Skogen var mørk``) only before a name;
    * any capitalised word after a cue such as ``heter``, ``kalt``, ``moren``,
      ``gutten``, ``eleven`` (``Jenta heter Sunniva``), after ``og`` following
      a name (``Kari og Sunniva``), or right after a name (``Kari Nordmann``,
      and an initial: ``Kari N.``);
    * with the possessive ``-s`` (``Åses mor``) and hyphens (``Anne-Lise``).

    ``til``, ``med`` and ``hos`` are not cues: after them a listed name is
    found anyway, and an unlisted capitalised word is more often a place or an
    organisation (``til Oppdal``, ``med Bufetat``) than a person.

    Never names: service names and acronyms (NAV, PPT, BUP, Bufetat,
    Helsestasjonen ...), months and weekdays, municipality names standing alone
    (``Frøya`` counts only after a cue or before a surname), a surname right
    after ``i``/``på`` (a place), and a word followed by ``skole``,
    ``kommune``, ``barnehage`` ... (an institution).
``alder``
    An age that points at one child, never an age in a general statement. The
    age (``7 år``, ``14``, ``15 år gammel``, the number in ``15-åringen``) is
    masked when it follows one specific child (``gutten på 7 år``, ``jenta
    (14)``, ``jenta, 14,``, ``sønnen min på 9``, ``eleven er 15 år``), a name
    (``Kari (14)``), comes before one (``en 15 år gammel jente``), or is
    followed by school details (``15 år og går i 9. klasse``). A specific
    child is a definite noun (``gutten``), an indefinite one with an article
    (``en gutt``) or a possessive (``min sønn``). Plural or bare nouns and
    ranges (``barn under 6 år``, ``0-24 år``, ``mellom 13 og 18 år``, ``12 år
    eller eldre``) stay. An age with only a pronoun (``hun er 14 år``) stays.

Overlaps are settled the same way every time: the longest finding wins, and
for equal lengths the more specific kind (fødselsnummer before telefon before
navn). The tokens put in are never detected again, and :func:`mask` takes a
second look at its own output, so ``mask(mask(t).text).text == mask(t).text``.

Known limits: names outside the lists are found only after a cue or next to a
listed name; names typed in lower case (``kari``) are not found; a cue masks
any capitalised word after it (``en app som heter Trygg``); an age with only
a pronoun is left; text should be NFC-normalised (as
:func:`samskaping.core.models.clean_text` leaves it).

Cost: O(n) in the length of the text: a handful of precompiled regex passes
plus one walk over the words; about 60 µs for a sentence of 50 characters.
"""

from __future__ import annotations

import bisect
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

__all__ = [
    "KINDS", "REPLACEMENTS", "Finding", "Masked", "mask", "is_valid_fodselsnummer",
    "generate_fodselsnummer",
]

#: The kinds of personal data, most specific first (this order breaks ties).
KINDS = ("fodselsnummer", "epost", "url", "telefon", "adresse", "alder", "navn")

#: What a person sees in place of each kind.
REPLACEMENTS = {
    "fodselsnummer": "[fødselsnummer]",
    "telefon": "[telefon]",
    "epost": "[e-post]",
    "url": "[url]",
    "adresse": "[adresse]",
    "navn": "[navn]",
    "alder": "[alder]",
}

_RANK = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and where it is in the original text.

    A finding holds offsets, never the matched text, so a logged or exported
    finding cannot leak what it found.
    """

    kind: str
    start: int
    end: int
    replacement: str


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


def _apply(text: str, findings: tuple[Finding, ...]) -> str:
    parts: list[str] = []
    pos = 0
    for finding in findings:
        parts.append(text[pos : finding.start])
        parts.append(finding.replacement)
        pos = finding.end
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

    return _finding(extra.kind, original(extra.start, is_end=False), original(extra.end, is_end=True))


def _find_all(text: str) -> tuple[Finding, ...]:
    # Digits, addresses and links first; names look around them, and ages look
    # at the names (``Kari (14)``).
    found = _resolve(
        _find_fodselsnummer(text)
        + _find_epost(text)
        + _find_url(text)
        + _find_telefon(text)
        + _find_adresse(text)
    )
    found = _resolve(found + _find_navn(text, found))
    return tuple(_resolve(found + _find_alder(text, found)))


def _finding(kind: str, start: int, end: int) -> Finding:
    return Finding(kind, start, end, REPLACEMENTS[kind])


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


# --- shared pieces ----------------------------------------------------------------

_SP = r"[ \u00a0]"  # a space as typed, or a non-breaking one from a pasted document

# Every pattern treats the brackets of a token already put in like the letter
# or digit that stood there: "Kari20000000" holds no phone number, and neither
# does "[navn]20000000" once the name is masked. That keeps masking idempotent.
_WB = r"(?<![\w\]])"  # word start
_WE = r"(?![\w\[])"  # word end

_DIGIT = re.compile(r"[0-9]")
_DIGIT_RUN = {n: re.compile(rf"[0-9]{{{n}}}") for n in (2, 4, 6)}


def _has_digit_run(text: str, n: int) -> bool:
    """Cheap pre-check: most ideas have no number at all."""
    return _DIGIT_RUN[n].search(text) is not None


# --- fødselsnummer ----------------------------------------------------------

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    """The mod-11 check digit for ``digits``, or None when none exists (rest 1)."""
    rest = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def _birth_year(yy: int, individual: int) -> int | None:
    """The century the individual number gives (Skatteetaten's rules)."""
    if individual <= 499:
        return 1900 + yy
    if individual <= 749 and yy >= 54:
        return 1800 + yy
    if individual >= 500 and yy <= 39:
        return 2000 + yy
    if individual >= 900 and yy >= 40:
        return 1900 + yy
    return None


def is_valid_fodselsnummer(digits: str) -> bool:
    """True when ``digits`` (11 digits, no separators) is a well-formed fødselsnummer.

    Accepts D-nummer (day + 40), H-nummer (month + 40) and synthetic test
    numbers (month + 80). Checks the date, that the individual number fits a
    century, and both check digits. A True answer means "could be issued",
    not "was issued".

    >>> is_valid_fodselsnummer("21914602952")  # a synthetic test number
    True
    >>> is_valid_fodselsnummer("21914602953")  # last check digit wrong
    False
    >>> is_valid_fodselsnummer("219146 02952")  # separators: use mask()
    False
    """
    if not _ELEVEN_DIGITS.fullmatch(digits):
        return False
    day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > 40:
        day -= 40
    if month > 80:
        month -= 80
    elif month > 40:
        month -= 40
    year = _birth_year(yy, int(digits[6:9]))
    if year is None:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    k1 = _check_digit(digits[:9], _K1_WEIGHTS)
    if k1 is None or k1 != int(digits[9]):
        return False
    k2 = _check_digit(digits[:10], _K2_WEIGHTS)
    return k2 is not None and k2 == int(digits[10])


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
        month = born.month + (80 if synthetic else 0)
        stem = f"{day:02d}{month:02d}{born.year % 100:02d}{individual:03d}"
        k1 = _check_digit(stem, _K1_WEIGHTS)
        if k1 is None:
            continue
        k2 = _check_digit(stem + str(k1), _K2_WEIGHTS)
        if k2 is not None:
            return f"{stem}{k1}{k2}"


_ELEVEN_DIGITS = re.compile(r"[0-9]{11}")
_FODSELSNUMMER = re.compile(rf"{_WB}(?<!\d[.,/-])([0-9]{{6}})[ .\-]?([0-9]{{5}}){_WE}(?![.,/-]\d)")


def _find_fodselsnummer(text: str) -> list[Finding]:
    if not _has_digit_run(text, 6):
        return []
    return [
        _finding("fodselsnummer", m.start(), m.end())
        for m in _FODSELSNUMMER.finditer(text)
        if is_valid_fodselsnummer(m[1] + m[2])
    ]


# --- telefon ------------------------------------------------------------------

_TELEFON = re.compile(
    rf"""
    (?<![\w/+\]])(?<![\d\[\]]{_SP})(?<!\d[.,-])
    (?P<prefix>(?:\+|00)47{_SP}?-?)?
    (?P<number>
        [0-9]{{8}}
      | [0-9]{{3}}{_SP}[0-9]{{2}}{_SP}[0-9]{{3}}
      | [0-9]{{2}}{_SP}[0-9]{{2}}{_SP}[0-9]{{2}}{_SP}[0-9]{{2}}
      | [0-9]{{4}}{_SP}[0-9]{{4}}
    )
    (?![\w/\[])(?!{_SP}?[\d\[\]])(?![.,-]\d)
    """,
    re.VERBOSE,
)
_AMOUNT_BEFORE = re.compile(
    r"(?:\bkr|\bnok|€|\$|org\.?\s?nr|organisasjonsnummer|saks?nr|saksnummer|\bsak"
    r"|konto(?:nr|nummer)?|kundenr|\bref)\.?\s*[:.]?\s*$",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(r"^\s*(?:kr\b|kroner|nok\b|,-|%|prosent)", re.IGNORECASE)


def _find_telefon(text: str) -> list[Finding]:
    if not _has_digit_run(text, 2):
        return []
    found = []
    for m in _TELEFON.finditer(text):
        number = m["number"]
        # Mobile numbers start with 4 or 9, landlines with 2, 3, 5, 6, 7; 8 is
        # for service numbers (800, 815 ...), which only count after +47.
        if number[0] not in ("23456789" if m["prefix"] else "2345679"):
            continue
        if _AMOUNT_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        if _AMOUNT_AFTER.match(text[m.end() : m.end() + 10]):
            continue
        if not m["prefix"] and len(number) == 8 and _is_compact_date(number):
            continue
        found.append(_finding("telefon", m.start(), m.end()))
    return found


def _is_compact_date(digits: str) -> bool:
    """True for ``YYYYMMDD`` or ``DDMMYYYY`` with a year 1900-2099."""
    for year, month, day in ((digits[:4], digits[4:6], digits[6:]), (digits[4:], digits[2:4], digits[:2])):
        if year[:2] in ("19", "20"):
            try:
                date(int(year), int(month), int(day))
                return True
            except ValueError:
                pass
    return False


# --- e-post and url ---------------------------------------------------------

_EPOST = re.compile(r"(?<![\w.+\]-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w\[-])")

def _find_epost(text: str) -> list[Finding]:
    if "@" not in text:
        return []
    return [_finding("epost", m.start(), m.end()) for m in _EPOST.finditer(text)]


_TLDS = "no|com|net|org|se|dk|fi|is|eu|io|me|ly|be|tv|app|info|uk|de|nu"
_URL = re.compile(
    rf"""
    (?<![\w@./\]-])
    (?:https?://|www\.|(?=[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})\b))
    (?P<host>[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{{2,}})
    (?P<port>:\d+)?
    (?P<rest>[/?#][^\s<>"«»\[\]]*)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)'’"


def _find_url(text: str) -> list[Finding]:
    if "." not in text:
        return []
    found = []
    for m in _URL.finditer(text):
        rest = (m["rest"] or "").rstrip(_URL_TRAILING)
        if rest in ("", "/"):
            continue  # a bare host: a service, not a person
        found.append(_finding("url", m.start(), m.start("rest") + len(rest)))
    return found


# --- adresse ------------------------------------------------------------------

_UPPER = "A-ZÆØÅÄÖÜÉ"
_LOWER = "a-zæøåäöüéèáóô"
_STREET_SUFFIX = (
    r"(?:gata|gaten|gate|gt\.|veien|vegen|vei|veg|vn\.|stien|stig|stigen|bakken|bakke"
    r"|plassen|plass|torget|torg|allé|alléen|alleen|ringen|brygga|bryggen|kaia|kaien"
    r"|svingen|tunet|løkka)"
)
_HOUSE_NUMBER = (
    rf"{_SP}+(?P<number>[0-9]{{1,4}}(?:[-–][0-9]{{1,4}})?"
    rf"(?:[a-h]{_WE}|{_SP}?[A-H]{_WE})?)"
    r"(?![0-9]|[.,][0-9])"
    r"(?!\s*(?:år\b|åring|%|kr\b|kroner|prosent|ganger|dager|uker|timer|min\b|minutter"
    r"|måneder|mnd|barn\b|elever|\.\s*(?:klasse|trinn)))"
)
_STREET = re.compile(
    rf"""
    (?<![\w\]-])
    (?:
        [{_UPPER}][{_LOWER}{_UPPER}-]*?{_STREET_SUFFIX}          # Storgata, Kirkeveien
      | [{_LOWER}]{{2,}}(?:gata|gaten|gate|veien|vegen|vei|veg)  # nygata (typed fast)
      | (?:[{_UPPER}][\w'’.-]*{_SP}+){{1,3}}                     # Kong Oscars gate
        (?i:gate|gata|vei|veg|veien|vegen|allé|plass|torg|bakke|sti)
    )
    {_HOUSE_NUMBER}
    """,
    re.VERBOSE,
)
_PLACE_PREFIX = r"(?:Øvre|Nedre|Indre|Ytre|Nordre|Søndre|Store|Lille|Vestre|Østre)"
_POSTNUMMER = re.compile(
    rf"""
    (?<![\w.,/:+\]-])(?<![\d\[\]]{_SP})
    (?P<postnummer>[0-9]{{4}}){_SP}+
    (?P<place>
        (?:{_PLACE_PREFIX}{_SP}+)?
        [{_UPPER}][{_LOWER}{_UPPER}]+
        (?:-[{_UPPER}][{_LOWER}{_UPPER}]+|{_SP}i{_SP}[{_UPPER}][{_LOWER}]+)?
    )
    {_WE}(?!-)
    """,
    re.VERBOSE,
)
_YEAR_CUE = re.compile(
    r"\b(?:i|fra|til|før|etter|siden|innen|per|år|året|høsten|våren|sommeren|vinteren"
    r"|jula|og|eller|mellom|rundt|ca\.?)\s*$",
    re.IGNORECASE,
)


def _find_adresse(text: str) -> list[Finding]:
    if not _DIGIT.search(text):
        return []
    found = [_finding("adresse", m.start(), m.end()) for m in _STREET.finditer(text)]
    if _has_digit_run(text, 4):
        for m in _POSTNUMMER.finditer(text):
            place = m["place"]
            if place.lower() in _SERVICES or place in _CALENDAR:
                continue
            year_like = 1900 <= int(m["postnummer"]) <= 2099
            if year_like and _YEAR_CUE.search(text, max(0, m.start() - 12), m.start()):
                continue
            found.append(_finding("adresse", m.start(), m.end()))
    return found


# --- navn -----------------------------------------------------------------------


@cache
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """The given names and surnames shipped as package data, read once."""
    data = resources.files("samskaping") / "data"

    def read(name: str) -> frozenset[str]:
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))

    return read("given_names.txt"), read("surnames.txt")


# Given names that are also everyday words, so often capitalised only because
# they start a sentence ("Tone ned kravene", "Per i dag", "Liv og helse").
_EVERYDAY_WORDS = frozenset(
    [
        "Ane", "Arve", "Ask", "Birk", "Dag", "Dina", "Else", "Gro", "Hans", "Hege", "Inga",
        "Iver", "Kai", "Lene", "Liv", "Live", "Lykke", "Mette", "Mina", "Odd", "Per",
        "Signe", "Stein", "Storm", "Tale", "Tom", "Tone", "Tore", "Vera", "Vilde", "Vilja",
    ]
)

# Compared in lower case. All-caps acronyms are never names anyway; this list
# also covers the title-case forms ("Nav", "Bufetat").
_SERVICES = frozenset(
    [
        "nav", "ppt", "bup", "bti", "slt", "fact", "cos-p", "bufetat", "bufdir", "dps", "helsestasjonen",
        "helsestasjon", "barnevernet", "barnevernstjenesten", "barneverntjenesten", "skolehelsetjenesten",
        "familievernet", "familievernkontoret", "statsforvalteren", "politiet", "krisesenteret",
        "utekontakten", "ungdomsteamet", "kommunen", "fylkeskommunen", "helsedirektoratet", "udir", "ks",
        "teams", "facebook", "snapchat", "instagram", "tiktok", "messenger", "google", "youtube",
    ]
)

_CALENDAR = frozenset(
    [
        "Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September",
        "Oktober", "November", "Desember", "Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag",
        "Lørdag", "Søndag", "Måndag", "Tysdag", "Laurdag", "Sundag", "Jul", "Påske", "Pinse",
    ]
)

# Municipality and place names that are also in the name lists or likely after
# a cue. Standing alone they are places; after a cue or before a surname they
# may be a person ("jenta Frøya", "Frøya Hansen").
_PLACES = frozenset(
    [
        "Oslo", "Bergen", "Trondheim", "Stavanger", "Kristiansand", "Tromsø", "Drammen", "Fredrikstad", "Sandnes",
        "Bodø", "Ålesund", "Sarpsborg", "Skien", "Tønsberg", "Moss", "Hamar", "Lillehammer", "Gjøvik", "Molde",
        "Harstad", "Narvik", "Alta", "Kautokeino", "Karasjok", "Tana", "Nesseby", "Porsanger", "Vadsø",
        "Hammerfest", "Steinkjer", "Stjørdal", "Levanger", "Namsos", "Verdal", "Malvik", "Melhus", "Selbu",
        "Tydal", "Røros", "Oppdal", "Frosta", "Frøya", "Hitra", "Halden", "Arendal", "Grimstad", "Larvik",
        "Sandefjord", "Horten", "Kongsberg", "Asker", "Bærum", "Lillestrøm", "Lørenskog", "Lindesnes", "Ås", "Bø",
        "Vik", "Voss", "Lund", "Hol", "Nes", "Hole", "Sande", "Os", "Hå", "Sola", "Klepp", "Time", "Karmøy",
        "Haugesund", "Stord", "Førde", "Sogndal", "Rana", "Vefsn", "Fauske", "Senja", "Bardu", "Målselv", "Lyngen",
        "Vågan", "Sortland", "Evenes", "Sunndal", "Ørland", "Orkland", "Rindal", "Surnadal", "Kinn", "Ullensaker",
        "Eidsvoll", "Ringerike", "Ringsaker", "Elverum", "Kongsvinger", "Trysil", "Tynset", "Notodden",
        "Porsgrunn", "Bamble", "Kragerø", "Risør", "Farsund", "Flekkefjord", "Eigersund", "Strand", "Askøy",
        "Alver", "Vestby", "Frogn", "Guovdageaidnu", "Kárášjohka", "Unjárga", "Deatnu", "Porsáŋgu", "Snåase",
        "Romsa", "Norge", "Noreg", "Sápmi", "Finnmark", "Troms", "Nordland", "Trøndelag", "Vestland", "Rogaland",
        "Agder", "Telemark", "Innlandet", "Viken", "Østfold", "Akershus", "Buskerud", "Vestfold", "Sverige",
        "Danmark", "Finland", "Polen", "Somalia", "Syria", "Ukraina", "Eritrea", "Litauen", "Afghanistan",
    ]
)

# A word followed by one of these names an institution or place ("Berg skole").
_INSTITUTION_NOUNS = frozenset(
    [
        "skole", "skolen", "barneskole", "barneskolen", "ungdomsskole", "ungdomsskolen", "oppvekstsenter",
        "barnehage", "barnehagen", "kommune", "kommunes", "fylke", "kirke", "kirken", "sykehus", "sykehuset",
        "legesenter", "legekontor", "helsesenter", "idrettslag", "il", "if", "fk", "videregående", "vgs",
        "stasjon", "senter", "sentrum", "bibliotek", "menighet", "gård", "gate", "gata", "vei", "veien",
    ]
)

# A capitalised word right after one of these is taken for a name even when it
# is not in the lists ("Gutten heter Sunniva", "moren Ayanle").
_CUES = frozenset(
    [
        "heter", "het", "hette", "kalt", "kalles", "kaller", "navnet", "mor", "far", "moren", "faren", "mora", "mamma",
        "pappa", "mammaen", "pappaen", "gutten", "jenta", "jenten", "eleven", "barnet", "sønnen", "datteren",
        "dattera", "sønn", "datter", "broren", "søsteren", "bror", "søster", "lillebror", "lillesøster", "storebror",
        "storesøster", "bestemor", "bestefar", "onkel", "tante", "kusine", "fetter", "venninnen", "vennen", "kompisen",
        "kjæresten", "stefar", "stemor", "fostermor", "fosterfar", "læreren", "kontaktlærer", "kontaktlæreren",
        "rektor", "helsesykepleier", "saksbehandler", "saksbehandleren", "miljøterapeut", "veileder", "fru", "herr",
    ]
)
_AND = frozenset({"og", "eller"})
# An everyday-word name at the start of a sentence is still a name when a verb
# follows it: "Hege sa ..." (but "Hege om de små", "Tone ned kravene").
_VERBS = frozenset(
    [
        "sa", "sier", "har", "hadde", "er", "var", "kom", "kommer", "fikk", "får", "vil", "ville", "skal", "skulle",
        "kan", "kunne", "må", "måtte", "ble", "blir", "gikk", "går", "ringte", "ringer", "forteller", "fortalte",
        "synes", "syntes", "mener", "mente", "ønsker", "ønsket", "trenger", "trengte", "liker", "likte", "bor",
        "bodde", "spurte", "spør", "gråt", "gruer", "gleder", "tror", "trodde", "vet", "visste", "svarte", "sluttet",
        "begynte", "startet", "jobber", "jobbet", "snakket", "snakker", "sitter", "satt", "skriver", "skrev", "føler",
        "følte", "husker", "tok", "gjorde", "gjør", "lurer", "deltar", "møtte", "møter", "sendte", "klarer", "klarte",
    ]
)
_PLACE_PREPOSITIONS = frozenset({"i", "på"})

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_INITIAL = re.compile(rf"{_SP}[{_UPPER}]\.")
_SENTENCE_END = frozenset(".!?:;…«\"“”„•*\n")
_BULLETS = frozenset("-–—")


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    blocked: bool  # inside an earlier finding: acts like an ordinary word


def _find_navn(text: str, taken: list[Finding]) -> list[Finding]:
    """Names, by one left-to-right walk over the words (rules in the module doc).

    Each capitalised word is decided from itself, its neighbours and the words
    already decided before it (so "Kari Nordmann" and "Kari og Sunniva" chain);
    then runs of adjacent name words become one finding. Words inside
    ``taken`` findings count as ordinary lower-case words.
    """
    words = _words(text, taken)
    if not words:
        return []
    given, surnames = _name_lists()
    n = len(words)
    is_name = [False] * n

    def lookup(word: _Word) -> tuple[bool, bool]:
        """(is a given name, is a surname), allowing ``-s`` and hyphens."""
        for form in (word.text, word.text[:-1] if word.text[-1:] == "s" else None):
            if not form:
                continue
            parts = form.split("-")
            g = any(p in given for p in parts)
            s = any(p in surnames for p in parts)
            if g or s:
                return g, s
        return False, False

    def capitalised(word: _Word) -> bool:
        t = word.text
        return not word.blocked and t[0].isupper() and not t.isupper()

    def adjacent(i: int, j: int) -> bool:
        """Words i < j are next to each other, separated only by spaces."""
        gap = text[words[i].end : words[j].start]
        return 0 < len(gap) <= 2 and gap.isspace() and "\n" not in gap

    def next_word(i: int) -> _Word | None:
        return words[i + 1] if i + 1 < n and adjacent(i, i + 1) else None

    def prev_lower(i: int) -> str:
        return words[i - 1].text.lower() if i > 0 and adjacent(i - 1, i) and not words[i - 1].blocked else ""

    for i, word in enumerate(words):
        if not capitalised(word):
            continue
        if word.text.lower() in _SERVICES:
            continue
        nxt = next_word(i)
        if nxt is not None and nxt.text.lower() in _INSTITUTION_NOUNS:
            continue
        g, s = lookup(word)
        before = prev_lower(i)
        if before in _CUES:
            is_name[i] = True
        elif i > 0 and is_name[i - 1] and adjacent(i - 1, i) and (g or s or word.text not in _PLACES):
            is_name[i] = True  # Kari Nordmann, Nguyen Van An
        elif word.text in _CALENDAR or word.text in _PLACES:
            continue
        elif i > 1 and before in _AND and is_name[i - 2] and adjacent(i - 2, i - 1):
            is_name[i] = True  # Kari og Sunniva
        elif not (g or s):
            continue
        elif not _sentence_initial(text, word.start):
            is_name[i] = not (s and not g and before in _PLACE_PREPOSITIONS)
        elif g and word.text not in _EVERYDAY_WORDS and word.text[:-1] not in _EVERYDAY_WORDS:
            is_name[i] = True
        else:
            # Sentence start and ambiguous: a name only before another name, or
            # (given names only; "Skogen var mørk") before a verb.
            is_name[i] = nxt is not None and (
                (g and nxt.text in _VERBS) or (capitalised(nxt) and any(lookup(nxt)))
            )

    found = []
    i = 0
    while i < n:
        if not is_name[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and is_name[j + 1] and adjacent(j, j + 1):
            j += 1
        end = words[j].end
        m = _INITIAL.match(text, end)
        if m and j + 1 < n and words[j + 1].start == end + 1 and not words[j + 1].blocked:
            end = m.end() - 1  # "Kari N." -> mask "Kari N", keep the full stop
        found.append(_finding("navn", words[i].start, end))
        i = j + 1
    return found


def _words(text: str, taken: list[Finding]) -> list[_Word]:
    starts = [f.start for f in taken]
    words = []
    for m in _WORD.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        blocked = (k >= 0 and taken[k].end > m.start()) or (
            k + 1 < len(taken) and taken[k + 1].start < m.end()
        )
        words.append(_Word(m.start(), m.end(), m.group(), blocked))
    return words


def _sentence_initial(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, quote, line or bullet.

    Looks only at the previous non-space character, which a mask token never
    changes (tokens end in ``]``), so masking twice decides the same way.
    """
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0 or text[i] in _SENTENCE_END:
        return True
    if text[i] in _BULLETS:
        j = i - 1
        while j >= 0 and text[j] in " \t\u00a0":
            j -= 1
        return j < 0 or text[j] == "\n"
    return False


# --- alder --------------------------------------------------------------------

_NUMBER_WORDS = (
    "to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten"
    "|seksten|sytten|atten|nitten"
)
_NUM = rf"(?:(?<![\d.,/–\]-])[0-9]{{1,2}}(?![0-9\[])|{_WB}(?:{_NUMBER_WORDS}){_WE})"
_UNIT = r"(?:år|måneder|mnd\.?)"
_YEARS = rf"{_NUM}\s*{_UNIT}(?:\s+gam(?:mel|le|malt))?"
# A number without "år": only where the context makes it an age (not "7.", "2 ganger").
_BARE = (
    r"(?<![\d.,/–\]-])[0-9]{1,2}"
    r"(?![0-9\[]|[.,]\d|\.|\s*(?:ganger|dager|uker|timer|min|kr|%|prosent|stk|av\b))"
)
# No range and no "or older" after an age.
_NOT_RANGE = (
    rf"(?!\s*[-–]\s*\d|\s+(?:og|til|eller)\s+(?:\d|{_NUMBER_WORDS})\b"
    r"|\s*(?:år\s+)?(?:og|eller)\s+(?:eldre|yngre|over|under|oppover|nedover))"
)
_CHILD_SPECIFIC = (
    r"(?:gutten|guttungen|jenta|jenten|jentungen|barnet|sønnen|datteren|dattera|eleven"
    r"|ungdommen|ungen|babyen|tenåringen|broren|søsteren|lillebroren|lillesøsteren"
    r"|storebroren|storesøsteren|fosterbarnet|fostersønnen|fosterdatteren|barnebarnet"
    r"|(?:en|ei|et|ett)\s+(?:gutt|jente|pike|barn|sønn|datter|elev|ungdom|unge|baby|tenåring|fosterbarn)"
    r"|(?:min|mi|mitt|vår|vårt|hans|hennes|deres)\s+(?:sønn|datter|gutt|jente|barn|elev|bror|søster"
    r"|lillebror|lillesøster))"
)
_POSSESSIVE = r"(?:\s+(?:min|mi|mitt|vår|vårt|hans|hennes|deres|sin|si|sitt))?"
_CHILD_SINGULAR = (
    r"(?:gutt|jente|pike|elev|sønn|datter|ungdom|tenåring|gutten|jenta|jenten|eleven|sønnen"
    r"|datteren|dattera)"
)
_ALDER_PATTERNS = [
    # gutten på 7 år, jenta (14), eleven, 15 år, jenta, 14, sønnen min er 9,
    # gutten, som er 12 år,
    re.compile(
        rf"{_WB}{_CHILD_SPECIFIC}{_POSSESSIVE}"
        rf"(?:\s+(?:på|er)\s+(?P<a>{_YEARS}|{_BARE})|\s*,?\s+som\s+er\s+(?P<e>{_YEARS}|{_BARE})"
        rf"|\s*,\s*(?:(?P<b>{_YEARS})|(?P<d>{_BARE})\s*,)"
        rf"|\s*\(\s*(?P<c>{_NUM}(?:\s*{_UNIT})?)\s*\))"
        rf"{_NOT_RANGE}",
        re.IGNORECASE,
    ),
    # en 15 år gammel jente, 12-årig gutt
    re.compile(
        rf"(?P<a>{_NUM}\s*år\s+gam(?:mel|le))\s+{_CHILD_SINGULAR}{_WE}"
        rf"|(?P<b>{_NUM})-årig(?:e)?\s+{_CHILD_SINGULAR}{_WE}",
        re.IGNORECASE,
    ),
    # 15-åringen, en 15-åring
    re.compile(
        rf"(?P<a>{_NUM})-åringen{_WE}|{_WB}(?:en|ei)\s+(?P<b>{_NUM})-åring{_WE}",
        re.IGNORECASE,
    ),
    # 15 år og går i 9. klasse, 15 år, 9. trinn
    re.compile(
        rf"(?P<a>{_YEARS})(?:\s*,\s*|\s+og\s+)(?:går\s+(?:i|på)\s+)?"
        rf"(?:\d{{1,2}}\.\s*(?:klasse|trinn)|(?:går|gikk)\s+(?:i|på){_WE})",
        re.IGNORECASE,
    ),
]
# Right after a name: Kari (14), Ola, 15 år, Ola, 15, Sara på 9 år
_AGE_AFTER_NAME = re.compile(
    rf"\s*\(\s*(?P<a>{_NUM}(?:\s*{_UNIT})?)\s*\)"
    rf"|\s*,\s*(?:(?P<b>{_YEARS}){_NOT_RANGE}|(?P<d>{_BARE})\s*,)"
    rf"|\s+på\s+(?P<c>{_YEARS}){_NOT_RANGE}",
    re.IGNORECASE,
)
# An age right after one of these is a bound of a range, not one child's age.
_GENERAL_BEFORE = re.compile(
    r"(?:\b(?:mellom|under|over|fra|til|opp\s+til)|\d\s+(?:og|eller|til)|[-–])\s*$", re.IGNORECASE
)


def _find_alder(text: str, taken: list[Finding]) -> list[Finding]:
    """Ages next to one child or a name; ``taken`` holds the names found so far."""
    found: list[Finding] = []
    if "år" not in text and not _DIGIT.search(text):
        return found
    for pattern in _ALDER_PATTERNS:
        for m in pattern.finditer(text):
            start, end = _age_span(m)
            if not _GENERAL_BEFORE.search(text, max(0, start - 10), start):
                found.append(_finding("alder", start, end))
    for f in taken:
        if f.kind == "navn" and (m := _AGE_AFTER_NAME.match(text, f.end)):
            found.append(_finding("alder", *_age_span(m)))
    return found


def _age_span(m: re.Match) -> tuple[int, int]:
    """The span of the age itself: the one named group of the pattern that matched."""
    name = next(name for name, value in m.groupdict().items() if value is not None)
    return m.span(name)
