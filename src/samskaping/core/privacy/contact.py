"""Ways to reach a person: phone numbers, e-mail addresses (also written to dodge filters) and profile links.

``telefon``
    Eight digits written ``12345678``, ``123 45 678``, ``12 34 56 78`` or
    ``1234 5678``; the groups of three or four may also be split by dots or
    dashes, the same sign throughout (``412.33.901``, ``51-23-45-67``).
    Optionally after ``+47``, ``0047`` or ``(+47)``. Without a prefix the
    first digit must be 4 or 9 (mobile) or 2, 3, 5, 6, 7 (landline), which
    leaves out 8xx service numbers. Not masked: digits that are part of a
    longer run of digit groups, amounts (``kr``, ``kroner``, ``%``), numbers
    after ``saksnr``/``org.nr``/``konto``, and eight unbroken digits that read
    as a date (``20240312``, ``23032024``).
``epost``
    Anything shaped like ``local@domain.tld``, with or without spaces around
    the ``@``, and the same written to dodge a filter: ``(at)``, ``[at]``,
    ``(a)``, ``krøllalfa`` for the ``@`` and ``(dot)``, ``[dot]``, ``punktum``
    for the dots (``marit.eriksen (at) online [dot] no``). A bare ``at`` (also
    a Norwegian word: "vi ser at nav.no ...") counts only when the local part
    has a dot, dash, underscore or digit, or the domain is a mail provider.
``url``
    A web address (with ``http(s)://``, ``www.`` or a known top-level domain)
    that has a path, query or fragment beyond the host: ``facebook.com/ola.n``
    is masked, ``www.nav.no`` and ``https://www.selbu.kommune.no/`` are not.
"""

from __future__ import annotations

import re
from datetime import date

from samskaping.core.privacy.base import SP, Finding, finding, has_digit_run

__all__ = ["find_telefon", "find_epost", "find_url"]

# --- telefon ------------------------------------------------------------------

_GROUP_SEP = r"[ \u00a0.\-]"
_TELEFON = re.compile(
    rf"""
    (?<![\w/+\]])(?<![\d\[\]]{SP})(?<!\d[.,-])
    (?P<prefix>(?:\(\s*(?:\+\s?|00)47\s*\)|(?:\+\s?|00)47)(?:{SP}?[-.]?{SP}?))?
    (?P<number>
        [0-9]{{8}}
      | [0-9]{{3}}(?P<s3>{_GROUP_SEP})[0-9]{{2}}(?P=s3)[0-9]{{3}}
      | [0-9]{{2}}(?P<s2>{_GROUP_SEP})[0-9]{{2}}(?P=s2)[0-9]{{2}}(?P=s2)[0-9]{{2}}
      | [0-9]{{4}}{SP}[0-9]{{4}}
    )
    (?![\w/\[])(?!{SP}?[\d\[\]])(?![.,-]\d)
    """,
    re.VERBOSE,
)
_AMOUNT_BEFORE = re.compile(
    r"(?:\bkr|\bnok|€|\$|org\.?\s?nr|organisasjonsnummer|saks?nr|saksnummer|\bsak"
    r"|konto(?:nr|nummer)?|kundenr|\bref)\.?\s*[:.]?\s*$",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(r"^\s*(?:kr\b|kroner|nok\b|,-|%|prosent)", re.IGNORECASE)


def find_telefon(text: str) -> list[Finding]:
    """Norwegian phone numbers, with or without the country code.

    >>> [text[f.start:f.end] for text in ["(+47) 412 33 901, 51-23-45-67"] for f in find_telefon(text)]
    ['(+47) 412 33 901', '51-23-45-67']
    """
    if not has_digit_run(text, 2):
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
        found.append(finding("telefon", m.start(), m.end()))
    return found


def _is_compact_date(digits: str) -> bool:
    """True for ``YYYYMMDD`` or ``DDMMYYYY`` with a year 1900-2099.

    >>> _is_compact_date("20240312"), _is_compact_date("41233901")
    (True, False)
    """
    for year, month, day in ((digits[:4], digits[4:6], digits[6:]), (digits[4:], digits[2:4], digits[:2])):
        if year[:2] in ("19", "20"):
            try:
                date(int(year), int(month), int(day))
                return True
            except ValueError:
                pass
    return False


# --- e-post -------------------------------------------------------------------

_EPOST = re.compile(r"(?<![\w.+\]-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w\[-])")
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
# What stands for the "@": a spaced @, a bracketed word, or a bare word.
_AT = re.compile(
    rf"{SP}*@{SP}*"
    rf"|{SP}*{_OPEN}{SP}*(?i:at|a|@|alfa|krøllalfa|krøll-alfa){SP}*{_CLOSE}{SP}*"
    rf"|{SP}+(?P<bare>(?i:at|krøllalfa|krøll-alfa|snabel-a)){SP}+"
)
_DOT = rf"(?:\.|{SP}*{_OPEN}{SP}*(?i:dot|punktum|prikk){SP}*{_CLOSE}{SP}*|{SP}+(?i:dot|punktum|prikk){SP}+)"
_DOMAIN = re.compile(rf"[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?P<tld>[A-Za-z]{{2,}})(?![\w\[-])")
# The local part, its dots perhaps written as words too ("kari punktum hansen").
_LOCAL = re.compile(rf"(?<![\w.+\]-])(?:[\w][\w.+-]*{_DOT})*[\w][\w.+-]*\Z")
_TLDS = frozenset(
    ["no", "com", "net", "org", "se", "dk", "fi", "is", "nu", "eu", "io", "me", "info", "uk", "de", "biz", "example"]
)
_MAIL_PROVIDERS = frozenset(
    [
        "gmail", "hotmail", "outlook", "live", "msn", "online", "yahoo", "icloud", "me", "altibox", "getmail",
        "broadpark", "frisurf", "lyse", "start", "epost", "mail", "protonmail", "proton",
    ]
)
_SEPARATED = re.compile(r"[._\-+0-9]")
_AT_HINT = re.compile(r"@|(?i:\bat\b|krøll|snabel|\(a\)|\[a\])")
# Beyond the "@": a dot, or a dot written as a word.
_DOT_HINT = re.compile(r"\.(?=\w)|(?i:dot|punktum|prikk)")


def find_epost(text: str) -> list[Finding]:
    """E-mail addresses, also with ``(at)``, ``[dot]``, ``krøllalfa`` and spaces.

    >>> [text[f.start:f.end] for text in ["Skriv til marit.eriksen (at) online [dot] no i dag"]
    ...  for f in find_epost(text)]
    ['marit.eriksen (at) online [dot] no']
    >>> find_epost("Vi ser at nav.no har gode sider.")
    []
    """
    if not _AT_HINT.search(text) or not _DOT_HINT.search(text):
        return []
    found = [finding("epost", m.start(), m.end()) for m in _EPOST.finditer(text)]
    for at in _AT.finditer(text):
        local = _LOCAL.search(text, 0, at.start())
        domain = _DOMAIN.match(text, at.end())
        if local is None or domain is None:
            continue
        if at["bare"] and not _bare_at_is_address(local.group(), domain):
            continue
        if not _is_top_level_domain(domain["tld"], known_only=bool(at["bare"])):
            continue
        found.append(finding("epost", local.start(), domain.end()))
    return found


def _is_top_level_domain(tld: str, *, known_only: bool) -> bool:
    """A known top-level domain, or (after a clear ``@``) any short lower-case one.

    >>> _is_top_level_domain("no", known_only=True), _is_top_level_domain("Hun", known_only=False)
    (True, False)
    """
    return tld.lower() in _TLDS or (not known_only and tld.islower() and len(tld) <= 6)


def _bare_at_is_address(local: str, domain: re.Match) -> bool:
    """A bare "at" makes an address only when the parts look like one.

    >>> _bare_at_is_address("ser", _DOMAIN.match("nav.no"))
    False
    >>> _bare_at_is_address("ola", _DOMAIN.match("gmail dot com"))
    True
    """
    provider = re.split(_DOT, domain.group(), maxsplit=1)[0].lower()
    return _SEPARATED.search(local) is not None or provider in _MAIL_PROVIDERS


# --- url ------------------------------------------------------------------------

_URL_TLDS = "no|com|net|org|se|dk|fi|is|eu|io|me|ly|be|tv|app|info|uk|de|nu"
_URL = re.compile(
    rf"""
    (?<![\w@./\]-])
    (?:https?://|www\.|(?=[\w-]+(?:\.[\w-]+)*\.(?:{_URL_TLDS})\b))
    (?P<host>[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{{2,}})
    (?P<port>:\d+)?
    (?P<rest>[/?#][^\s<>"«»\[\]]*)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)'’"


def find_url(text: str) -> list[Finding]:
    """Web addresses with a path: a profile, not a service's front page.

    >>> [(f.start, f.end) for f in find_url("Se facebook.com/ola.n og www.nav.no.")]
    [(3, 21)]
    """
    if "." not in text:
        return []
    found = []
    for m in _URL.finditer(text):
        rest = (m["rest"] or "").rstrip(_URL_TRAILING)
        if rest in ("", "/"):
            continue  # a bare host: a service, not a person
        found.append(finding("url", m.start(), m.start("rest") + len(rest)))
    return found
