"""Ages that point at one child, and birth dates.

``alder``
    An age that points at one child, never an age in a general statement. The
    age (``7 år``, ``14``, ``15 år gammel``, the number in ``15-åringen``) is
    masked when it follows one specific child (``gutten på 7 år``, ``jenta
    (14)``, ``jenta, 14,``, ``sønnen min på 9``, ``eleven er 15 år``), a name
    (``Kari (14)``), comes before one (``en 15 år gammel jente``), or is
    followed by school details (``15 år og går i 9. klasse``). A specific
    child is a definite noun (``gutten``), an indefinite one with an article
    (``en gutt``) or a possessive (``min sønn``), in bokmål or nynorsk
    (``guten på 7 år``, ``dottera mi (9)``). Plural or bare nouns and
    ranges (``barn under 6 år``, ``0-24 år``, ``mellom 13 og 18 år``, ``12 år
    eller eldre``) stay. An age with only a pronoun (``hun er 14 år``) stays.
``fodselsdato``
    A date after a word that makes it a birth date: ``født``, ``fødd``,
    ``f.``, ``fødselsdato``, ``f.dato``, ``bursdag``, North Sami ``riegádan``,
    ``riegádii``, ``riegádanbeaivi`` (``født 2. februar 2015``,
    ``f. 07.11.2012``, ``fødd 3/4-2011``, ``født den 12.5.15``, ``født i mars
    2014``, ``har bursdag 3. mai``, ``riegádii 2. guovvamánu 2015``). Only the date is masked. A year alone counts
    only for one person (``hun er født i 2015``, ``(f. 2012)``), never for a
    group (``barn født i 2015``), and a date that bounds a group (``født etter
    1. september``, ``født 1. januar 2015 eller senere``) stays.
"""

from __future__ import annotations

import re

from samskaping.core.privacy.base import DIGIT, WB, WE, Finding, finding

__all__ = ["find_alder", "find_fodselsdato"]

# --- fødselsdato ------------------------------------------------------------------

_MONTH = (
    r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    r"|jan|feb|febr|mar|apr|jun|jul|aug|sep|sept|okt|nov|des"
    # North Sami months, nominative and genitive (guovvamánnu, "2. guovvamánu"), also without the Sami letters
    r"|(?:ođđajagi|oddajagi|guovva|njukča|njukca|cuoŋo|cuongo|miesse|geasse|suoidne|borge|čakča|cakca"
    r"|golggot|skábma|skabma|juovla)m[áa]nn?u)(?![^\W\d_])\.?"
)
_FULL_YEAR = r"(?:19|20)[0-9]{2}(?![0-9])"
# The year is taken whole or not at all (``?+``): "1. januar 2015 eller senere" stays a bound.
_DAY_MONTH_NAME = rf"[0-9]{{1,2}}\.?\s*{_MONTH}(?:\s*{_FULL_YEAR})?+"
_NUMERIC_DATE = (
    r"[0-3]?[0-9][./-][01]?[0-9](?:[./]|\s*-\s*)(?:19|20)?[0-9]{2}(?![0-9])"  # 07.11.2012, 3/4-2011
    r"|(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]"  # 2012-11-07
)
_BIRTH_CUE = (
    r"(?:f[øo]dt|f[øo]dd|f\.|f:|f[øo]dselsdato|f[øo]dselsdag|f\.\s?dato|fdato|f\.d\.|dob"
    r"|riegád(?:an|ii|in|ai)|riegad(?:an|ii|in|ai))"
    r"(?:\s*:)?\s*(?:den\s+|d\.\s*)?"
)
_FODSELSDATO = re.compile(
    rf"{WB}(?i:{_BIRTH_CUE})"
    rf"(?P<date>{_NUMERIC_DATE}|(?i:{_DAY_MONTH_NAME})|(?i:i\s+)?(?i:{_MONTH})\s+{_FULL_YEAR})"
    r"(?!\s+(?:eller|og)\s+(?:senere|seinare|tidligere|tidlegare|etter|før))",
)
_BIRTH_YEAR = re.compile(
    rf"{WB}(?i:f[øo]dt|f[øo]dd|f\.|riegádii|riegadii)\s*(?i:i\s+)?(?P<date>{_FULL_YEAR}){WE}(?![.,/-]?[0-9])"
)
# A year alone is one person's birth year after "(", a comma or a singular person.
_ONE_PERSON_BEFORE = re.compile(
    r"(?:\(\s*|,\s*|\b(?:han|hun|ho|hen|son|gutten|guten|jenta|jenten|sønnen|sonen|datteren|dattera|dottera"
    r"|eleven|barnet|babyen|broren|søsteren|systera|veslebroren|veslesystera)"
    r"\s+(?:er\s+|ble\s+|vart\s+|var\s+|blei\s+)?)$",
    re.IGNORECASE,
)
_BIRTHDAY = re.compile(
    rf"{WB}(?i:bursdag|bursdagen|fødselsdagen|riegádanbeaivi|riegádanbeaivvi|riegadanbeaivi|riegadanbeaivvi)(?:\s+[^\W\d_]+){{0,3}}?\s+"
    rf"(?P<date>(?i:{_DAY_MONTH_NAME})|[0-3]?[0-9]\.[01]?[0-9](?:\.(?:19|20)?[0-9]{{2}})?(?![0-9]))",
)
_MAYBE_BIRTH = re.compile(r"(?i:f[øo]d|f\.|f:|bursdag|dob|riegád|riegad)")


def find_fodselsdato(text: str) -> list[Finding]:
    """Birth dates after ``født``, ``f.``, ``fødselsdato`` or ``bursdag``: the date only.

    >>> [text[f.start:f.end] for text in ["Ola (f. 07.11.2012) er født 2. februar 2015."]
    ...  for f in find_fodselsdato(text)]
    ['07.11.2012', '2. februar 2015']
    >>> find_fodselsdato("Barn født i 2015 får tilbud; født etter 1. mai 2016 får vente.")
    []
    """
    if not DIGIT.search(text) or not _MAYBE_BIRTH.search(text):
        return []
    found = [finding("fodselsdato", *m.span("date")) for m in _FODSELSDATO.finditer(text)]
    found += [finding("fodselsdato", *m.span("date")) for m in _BIRTHDAY.finditer(text)]
    for m in _BIRTH_YEAR.finditer(text):
        if _ONE_PERSON_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            found.append(finding("fodselsdato", *m.span("date")))
    return found


# --- alder --------------------------------------------------------------------

_NUMBER_WORDS = (
    "to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten"
    "|seksten|sytten|atten|nitten"
)
_NUM = rf"(?:(?<![\d.,/–\]-])[0-9]{{1,2}}(?![0-9\[])|{WB}(?:{_NUMBER_WORDS}){WE})"
_UNIT = r"(?:år|måneder|månader|mnd\.?)"
_YEARS = rf"{_NUM}\s*{_UNIT}(?:\s+gam(?:mel|le|malt|al))?"
# A number without "år": only where the context makes it an age (not "7.", "2 ganger").
_BARE = (
    r"(?<![\d.,/–\]-])[0-9]{1,2}"
    r"(?![0-9\[]|[.,]\d|\.|\s*(?:ganger|gonger|dager|dagar|uker|veker|timer|timar|min|kr|%|prosent|stk|av\b))"
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
    r"|guten|sonen|dottera|systera|ungdomen|veslebroren|veslesystera|storesystera|fostersonen|fosterdottera"
    r"|(?:en|ei|et|ett|ein|eit)\s+(?:gutt|gut|jente|pike|barn|sønn|son|datter|dotter|elev|ungdom|unge|baby"
    r"|tenåring|fosterbarn)"
    r"|(?:min|mi|mitt|vår|vårt|hans|hennes|hennar|deres|deira|dykkar)\s+(?:sønn|son|datter|dotter|gutt|gut"
    r"|jente|barn|elev|bror|søster|syster|lillebror|lillesøster|veslebror|veslesyster))"
)
_POSSESSIVE = r"(?:\s+(?:min|mi|mitt|vår|vårt|hans|hennes|hennar|deres|deira|dykkar|sin|si|sitt))?"
_CHILD_SINGULAR = (
    r"(?:gutt|gut|jente|pike|elev|sønn|son|datter|dotter|ungdom|tenåring|gutten|guten|jenta|jenten|eleven"
    r"|sønnen|sonen|datteren|dattera|dottera)"
)
_ALDER_PATTERNS = [
    # gutten på 7 år, jenta (14), eleven, 15 år, jenta, 14, sønnen min er 9,
    # gutten, som er 12 år,
    re.compile(
        rf"{WB}{_CHILD_SPECIFIC}{_POSSESSIVE}"
        rf"(?:\s+(?:på|er)\s+(?P<a>{_YEARS}|{_BARE})|\s*,?\s+som\s+er\s+(?P<e>{_YEARS}|{_BARE})"
        rf"|\s*,\s*(?:(?P<b>{_YEARS})|(?P<d>{_BARE})\s*,)"
        rf"|\s*\(\s*(?P<c>{_NUM}(?:\s*{_UNIT})?)\s*\))"
        rf"{_NOT_RANGE}",
        re.IGNORECASE,
    ),
    # en 15 år gammel jente, 12-årig gutt
    re.compile(
        rf"(?P<a>{_NUM}\s*år\s+gam(?:mel|le|al))\s+{_CHILD_SINGULAR}{WE}"
        rf"|(?P<b>{_NUM})-årig(?:e)?\s+{_CHILD_SINGULAR}{WE}",
        re.IGNORECASE,
    ),
    # 15-åringen, en 15-åring
    re.compile(
        rf"(?P<a>{_NUM})-åringen{WE}|{WB}(?:en|ei)\s+(?P<b>{_NUM})-åring{WE}",
        re.IGNORECASE,
    ),
    # 15 år og går i 9. klasse, 15 år, 9. trinn
    re.compile(
        rf"(?P<a>{_YEARS})(?:\s*,\s*|\s+og\s+)(?:går\s+(?:i|på)\s+)?"
        rf"(?:\d{{1,2}}\.\s*(?:klasse|trinn)|(?:går|gikk)\s+(?:i|på){WE})",
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


def find_alder(text: str, taken: list[Finding]) -> list[Finding]:
    """Ages next to one child or a name; ``taken`` holds the names found so far."""
    found: list[Finding] = []
    if "år" not in text and not DIGIT.search(text):
        return found
    for pattern in _patterns_worth_trying(text.lower()):
        for m in pattern.finditer(text):
            start, end = _age_span(m)
            if not _GENERAL_BEFORE.search(text, max(0, start - 10), start):
                found.append(finding("alder", start, end))
    for f in taken:
        if f.kind == "navn" and (m := _AGE_AFTER_NAME.match(text, f.end)):
            found.append(finding("alder", *_age_span(m)))
    return found


# Each age pattern needs one of these (lower case) somewhere in the text; a
# substring test is much cheaper than the pattern, and most ideas have none.
_CHILD_HINTS = (
    "gut", "jent", "barn", "sønn", "son", "datt", "dott", "elev", "ung", "baby", "tenåring", "bror", "søster",
    "syster", "pike",
)
_UNIT_HINTS = ("år", "mnd", "måned", "månad")


def _patterns_worth_trying(lower: str) -> list[re.Pattern]:
    """The age patterns whose required words occur in ``lower`` (the text in lower case).

    >>> len(_patterns_worth_trying("møtet er 12.03")), len(_patterns_worth_trying("gutten på 7 år"))
    (0, 3)
    """
    child, unit = any(h in lower for h in _CHILD_HINTS), any(h in lower for h in _UNIT_HINTS)
    gates = (child, unit, "åring" in lower, unit)
    return [pattern for pattern, gate in zip(_ALDER_PATTERNS, gates, strict=True) if gate]


def _age_span(m: re.Match) -> tuple[int, int]:
    """The span of the age itself: the one named group of the pattern that matched."""
    name = next(name for name, value in m.groupdict().items() if value is not None)
    return m.span(name)
