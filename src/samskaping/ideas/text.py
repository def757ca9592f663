"""Reading a Norwegian workshop idea: words, stems and the 0-24 concepts it names.

Ideas on the wall are short ("Mer leksehjelp", "Nærværsteam på hver skole")
and share few words even when they say the same thing: one writes
"foreldreveiledning", another "veiledning av foreldre", a third
"foreldrerettleiing" in nynorsk. Word counting alone cannot see that these
belong together, and no language model can be downloaded on the
municipality's machine. So :func:`analyse` reads an idea in five steps, all
table-driven (package data in ``samskaping/data``, and ``wordfreq``'s list):

1. **normalise**: lower case, NFC, accents off (``idé`` → ``ide``) but the
   North Sami letters kept (``sámegiella``, ``čoahkkin``), split at anything
   that is not a letter or digit (so ``drop-in`` is two tokens);
2. **nynorsk → bokmål** (``nynorsk.tsv``): whole words (``ikkje``, ``heime``)
   and word parts (``skule`` in ``skulevegring``, ``rettleiing`` in
   ``foreldrerettleiing``), so both written standards meet; short forms typed
   on a phone and old names of a profession (``abbreviations.tsv``: ``bhg``,
   ``hs``, ``helsesøster``) become the full word;
3. **stem** with the Snowball stemmer for Norwegian (``foreldrene`` →
   ``foreldr``), and drop stop words (``stopwords.txt``: function words in
   both standards and what every workshop idea says, "mer", "bedre");
4. **compounds** are split into the words they are made of
   (``foreldreveiledningskurs`` → ``foreldre`` + ``veiledning`` + ``kurs``),
   with the bokmål word frequencies of the ``wordfreq`` package (about
   310,000 words, from PyPI: no download at run time) and the usual
   frequency rule for splitting compounds (Koehn and Knight 2003): the split
   whose parts are the most common words, on average, wins if it beats the
   whole word; a common word is never split ("overgang" is not "over" +
   "gang");
5. **concepts** from the domain lexicon (``lexicon.tsv``, a few hundred
   words in about thirty concept groups): ``foresatte``, ``mor``, ``far`` →
   ``foreldre``; ``skulking``, ``borte fra skolen`` → ``fravaer``. Phrases
   match longest first; a compound's parts name concepts too
   (``fraværsoppfølging`` has ``fravær``).

The readable name of a concept comes from the catalogue
(``ideas.concept.<key>``, :func:`concept_label`). Everything is pure and
cached; reading an idea costs O(length) dict look-ups, splitting a new long
word O(length²); the word list is read once (about 0.3 s).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import snowballstemmer

from samskaping.core.i18n import DEFAULT_LANG, t

__all__ = [
    "Lexicon", "Reading", "analyse", "compound_parts", "concept_label", "lexicon", "normalise", "stem", "stop_words",
    "tokens",
]

#: A word part of a compound must leave at least this many letters for the other part.
_MIN_REST = 3
#: A lexicon word counts as a compound part without a ``-`` mark when its stem is this long.
_MIN_PART = 5
#: A concept found as a compound part counts less than a whole word.
COMPOUND_WEIGHT = 0.7
#: Compound splitting: each part has at least this many letters (a linking "s" or "e" aside) ...
_PART_LETTERS = 4
#: ... and is a word at least this frequent; a word at least this frequent (or its stem) is never split ...
_KNOWN, _COMMON = 1e-6, 5e-6
#: ... and each part beyond the second costs this much of the parts' mean log frequency.
_PART_COST = 1.5
#: A stem this short that is itself a common word (this frequent, or a stop word) is kept only for short words.
_SHORT_ROOT, _COMMON_ROOT = 4, 1e-5
#: Inflection endings, longest first: what comes off a word whose Snowball stem was cut too far.
_INFLECTIONS = ("ene", "ane", "ere", "en", "et", "er", "ar", "e", "a", "")

_WORD = re.compile(r"[^\W_]+")
# Accents off ("idé" meets "ide"); "á" stays, like æ, ø, å and the other North Sami letters
# (č đ ŋ š ŧ ž), because it tells Sami words apart ("sámi", "mánná") and labels keep it.
_ACCENTS = str.maketrans({"é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a", "â": "a",
                          "ó": "o", "ò": "o", "ô": "o", "ä": "æ", "ö": "ø", "ü": "u", "í": "i"})
_STEMMER = snowballstemmer.stemmer("norwegian")


def normalise(text: str) -> str:
    """``text`` in lower case, NFC, with accents off but æ, ø, å and the Sami letters kept.

    >>> normalise("Idé-dugnad PÅ Ås")
    'ide-dugnad på ås'
    >>> normalise("MÁNÁID Čoahkkin, Đ Ŋ Š Ŧ Ž")
    'mánáid čoahkkin, đ ŋ š ŧ ž'
    """
    return unicodedata.normalize("NFC", text).casefold().translate(_ACCENTS)


def tokens(text: str) -> list[str]:
    """The words of ``text``, normalised and with nynorsk spelled as bokmål.

    >>> tokens("Foreldrerettleiing i heimen, drop-in!")
    ['foreldreveiledning', 'i', 'hjemmet', 'drop', 'in']
    """
    return [_to_bokmal(word) for word in _WORD.findall(normalise(text))]


@lru_cache(maxsize=1)
def _spelling() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    words: dict[str, str] = {}
    parts: list[tuple[str, str]] = []
    for line in _data_lines("nynorsk.tsv"):
        source, target, kind = line.split("\t")
        words[source] = target
        if kind == "part":
            parts.append((source, target))
    for line in _data_lines("abbreviations.tsv"):  # "bhg" is "barnehage", "helsesøster" "helsesykepleier"
        source, target = line.split("\t")
        words[source] = target
    # Longest first, so "sjukepleiar" is replaced before a shorter part could cut it.
    return words, tuple(sorted(parts, key=lambda p: (-len(p[0]), p[0])))


@lru_cache(maxsize=65536)
def _to_bokmal(word: str) -> str:
    words, parts = _spelling()
    if word in words:
        return words[word]
    for source, target in parts:
        if source in word:
            word = word.replace(source, target)
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a (normalised) word, taken twice, with a doubled last consonant made single.

    The doubling rule puts "ungdom" and "ungdommer" on one stem; ``s`` is
    left alone ("russ", "buss"). Snowball also cuts derivations ("-lig",
    "-het", "-lege"), and a long word cut down to a short common word would
    meet an unrelated one ("fastlege" and "fast", "billig" and "bil",
    "menigheten" and "men"): then only an inflection ending comes off.

    >>> stem("foreldrene"), stem("ungdommer"), stem("tverrfaglig")
    ('foreldr', 'ungdom', 'tverrfag')
    >>> stem("fastlegen"), stem("fast"), stem("billig"), stem("hjemmet")
    ('fastleg', 'fast', 'billig', 'hjem')
    """
    # Twice: "helsesykepleieren" loses "-en" first and "-er" only on a second pass.
    root = _STEMMER.stemWord(_STEMMER.stemWord(word))
    inflected = any(word in (root + end, root + root[-1:] + end) for end in _INFLECTIONS)
    if len(root) <= _SHORT_ROOT and len(word) >= len(root) + 3 and not inflected and _common(root):
        root = next((word[: len(word) - len(end)] for end in _INFLECTIONS if word.endswith(end)
                     and len(word) - len(end) > _SHORT_ROOT), word)
    if len(root) > 3 and root[-1] == root[-2] and root[-1] not in "aeiouyæøås":
        root = root[:-1]
    return root


def _common(word: str) -> bool:
    """A word frequent enough (or a stop word) that a longer word must not share its stem by accident."""
    return word in stop_words() or _frequencies().get(word, 0.0) >= _COMMON_ROOT


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """Bokmål word → frequency (``wordfreq``'s large list), normalised like the ideas; read once."""
    from wordfreq import get_frequency_dict

    found: dict[str, float] = {}
    for word, frequency in get_frequency_dict("nb", wordlist="large").items():
        if word.isalpha():
            key = normalise(word)
            found[key] = max(found.get(key, 0.0), frequency)
    return found


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> tuple[str, ...]:
    """The words a (normalised, bokmål) compound is made of, or ``(word,)`` if it is not one.

    Each part is a word of four letters or more ("fraværs" gives "fravær"),
    the split with the most frequent parts wins (an extra part costs a
    little), and a common word is never split.

    >>> compound_parts("foreldreveiledningskurs"), compound_parts("fraværsoppfølging")
    (('foreldre', 'veiledning', 'kurs'), ('fravær', 'oppfølging'))
    >>> compound_parts("overgang"), compound_parts("skole")
    (('overgang',), ('skole',))
    """
    frequency = _frequencies()
    if len(word) < 2 * _PART_LETTERS or max(frequency.get(word, 0.0), frequency.get(stem(word), 0.0)) >= _COMMON:
        return (word,)
    best = _best_split(word)
    return best[1] if best else (word,)


@lru_cache(maxsize=65536)
def _best_split(word: str) -> tuple[float, tuple[str, ...]] | None:
    """(score, parts) of the best split of ``word`` into known words, the whole word included; O(length²)."""
    frequency, stop = _frequencies(), stop_words()

    def known(part: str) -> bool:
        # A function word ("over", "etter") is no part; a workshop word ("kommune") is.
        return frequency.get(part, 0.0) >= _KNOWN and (part not in stop or len(part) > 5)

    options = [(math.log(frequency[word]), (word,))] if known(word) else []
    for cut in range(_PART_LETTERS, len(word) - _PART_LETTERS + 1):
        head, tail = word[:cut], word[cut:]
        if not known(tail):
            continue
        heads = [head] + ([head[:-1]] if head[-1] in "se" and len(head) > _PART_LETTERS else [])
        for first in heads:
            split = _best_split(first) if len(first) >= 2 * _PART_LETTERS else (
                (math.log(frequency[first]), (first,)) if known(first) else None)
            if split is None:
                continue
            parts = (*split[1], tail)
            score = sum(math.log(frequency[p]) for p in parts) / len(parts) - _PART_COST * (len(parts) - 2)
            options.append((score, parts))
    return max(options, key=lambda option: (option[0], -len(option[1]))) if options else None


def _data_lines(name: str) -> list[str]:
    text = (resources.files("samskaping") / "data" / name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The stop words (bokmål, nynorsk and workshop words), normalised.

    >>> {"ikkje", "mer", "og"} <= stop_words()
    True
    """
    return frozenset(normalise(line.strip()) for line in _data_lines("stopwords.txt"))


@dataclass(frozen=True)
class Lexicon:
    """The domain lexicon, keyed by stems: phrases and compound parts to concepts."""

    phrases: dict[tuple[str, ...], frozenset[str]]
    prefixes: dict[str, frozenset[str]]
    suffixes: dict[str, frozenset[str]]
    concepts: tuple[str, ...]
    longest: int = 1

    def whole(self, stems: tuple[str, ...]) -> frozenset[str]:
        """The concepts of one phrase (a tuple of stems), or an empty set."""
        return self.phrases.get(stems, frozenset())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped in ``samskaping/data/lexicon.tsv``, read once.

    >>> sorted(lexicon().whole((stem("foresatte"),)))
    ['foreldre']
    >>> len(lexicon().concepts) >= 25
    True
    """
    phrases: dict[tuple[str, ...], set[str]] = {}
    prefixes: dict[str, set[str]] = {}
    suffixes: dict[str, set[str]] = {}
    for line in _data_lines("lexicon.tsv"):
        word, concept = (part.strip() for part in line.split("\t"))
        exact = word.startswith("=")
        as_prefix = word.endswith("-")
        as_suffix = word.startswith("-")
        key = tuple(stem(token) for token in tokens(word.strip("=-")))
        if not key:
            continue
        phrases.setdefault(key, set()).add(concept)
        if len(key) == 1 and not exact:
            if as_prefix or len(key[0]) >= _MIN_PART:
                prefixes.setdefault(key[0], set()).add(concept)
            if as_suffix or len(key[0]) >= _MIN_PART:
                suffixes.setdefault(key[0], set()).add(concept)
    concepts = sorted({c for found in phrases.values() for c in found})
    return Lexicon(
        phrases={k: frozenset(v) for k, v in phrases.items()},
        prefixes={k: frozenset(v) for k, v in prefixes.items()},
        suffixes={k: frozenset(v) for k, v in suffixes.items()},
        concepts=tuple(concepts),
        longest=max(len(k) for k in phrases),
    )


def _compound_concepts(root: str, lex: Lexicon) -> set[str]:
    """Concepts of the longest lexicon word at the start and at the end of ``root``."""
    found: set[str] = set()
    for size in range(len(root) - _MIN_REST, 1, -1):
        if root[:size] in lex.prefixes:
            found |= lex.prefixes[root[:size]]
            break
    for size in range(len(root) - _MIN_REST, 1, -1):
        if root[-size:] in lex.suffixes:
            found |= lex.suffixes[root[-size:]]
            break
    return found


@dataclass(frozen=True)
class Reading:
    """One idea as the grouping sees it.

    ``words``: the content words' stems in order (stop words out);
    ``surface``: the written form of each of them (for labels);
    ``concepts``: concept key → weight (1 for a whole word or phrase,
    :data:`COMPOUND_WEIGHT` for a compound part);
    ``parts``: the stems of the parts of its compounds, and ``part_surface``
    their written forms ("foreldreveiledning" gives "foreldre", "veiledning");
    ``named``: ``(concept, words)`` for each concept and the words of the idea
    that named it (``("foreldre", "foresatte")``), so a label can use them.
    """

    words: tuple[str, ...]
    surface: tuple[str, ...]
    concepts: dict[str, float] = field(default_factory=dict)
    parts: tuple[str, ...] = ()
    part_surface: tuple[str, ...] = ()
    named: tuple[tuple[str, str], ...] = ()


def concepts_of(stems: tuple[str, ...], lex: Lexicon | None = None) -> dict[str, float]:
    """Concepts named by a sequence of stems (stop words included): longest phrase first.

    >>> concepts_of(tuple(stem(w) for w in tokens("borte fra skolen")))
    {'fravaer': 1.0}
    """
    found: dict[str, float] = {}
    for concept, weight, _, _ in _matches(stems, lex or lexicon()):
        found[concept] = max(found.get(concept, 0.0), weight)
    return dict(sorted(found.items()))


def _matches(stems: tuple[str, ...], lex: Lexicon) -> list[tuple[str, float, int, int]]:
    """``(concept, weight, start, size)`` of each lexicon phrase or compound among ``stems``, longest first."""
    found = []
    i = 0
    while i < len(stems):
        for size in range(min(lex.longest, len(stems) - i), 0, -1):
            hit = lex.phrases.get(stems[i : i + size])
            if hit:
                found.extend((concept, 1.0, i, size) for concept in sorted(hit))
                i += size
                break
        else:
            found.extend((concept, COMPOUND_WEIGHT, i, 1) for concept in sorted(_compound_concepts(stems[i], lex)))
            i += 1
    return found


def analyse(text: str) -> Reading:
    """Read one idea: content-word stems, their written forms, and the concepts it names.

    >>> r = analyse("Skulevegring: meir samarbeid med heimen")
    >>> r.words
    ('skolevegring', 'samarbeid', 'hjem')
    >>> sorted(analyse("veiledning av foreldre").concepts)
    ['foreldre', 'foreldrestotte', 'kompetanse']
    >>> r.concepts
    {'foreldre': 1.0, 'fravaer': 1.0, 'samhandling': 1.0}
    >>> analyse("Foreldreveiledningskurs").part_surface
    ('foreldre', 'veiledning', 'kurs')
    """
    return _analyse(text)


#: "veiledning av foreldre" is "foreldreveiledning" said the other way round.
_LINKS = frozenset({"av", "for", "til", "med", "om", "i", "på", "fra", "mot", "blant"})


def _compounds(words: list[str], lex: Lexicon) -> list[tuple[str, str]]:
    """Lexicon compounds written as two words: "foreldre veiledning", "veiledning av foreldre".

    Returns ``(stem, surface)`` of each compound found, in text order.
    """
    found = []
    for i, first in enumerate(words):
        pairs = []
        if i + 1 < len(words):
            pairs.append((first, words[i + 1]))
        if i + 2 < len(words) and words[i + 1] in _LINKS:
            pairs.append((words[i + 2], first))
        for head, tail in pairs:
            if len(head) < 3 or len(tail) < 3:
                continue
            for joined in (head + tail, head + "s" + tail, head.rstrip("e") + tail):
                root = stem(joined)
                if (root,) in lex.phrases:
                    found.append((root, joined))
                    break
    return found


@lru_cache(maxsize=16384)
def _analyse(text: str) -> Reading:
    lex = lexicon()
    words = tokens(text)
    stems = tuple(stem(w) for w in words)
    stop = stop_words()
    content = [(s, w) for s, w in zip(stems, words, strict=True) if w not in stop and len(s) > 1 and not s.isdigit()]
    named = [(concept, weight, " ".join(words[i : i + size])) for concept, weight, i, size in _matches(stems, lex)]
    for root, joined in _compounds(words, lex):
        if root not in stems:
            content.append((root, joined))
            named.extend((concept, 1.0, joined) for concept in sorted(lex.whole((root,))))
    parts = _parts(content, lex)
    for root, written in parts:
        named.extend((concept, COMPOUND_WEIGHT, written) for concept in sorted(lex.whole((root,))))
    concepts: dict[str, float] = {}
    for concept, weight, _ in named:
        concepts[concept] = max(concepts.get(concept, 0.0), weight)
    return Reading(
        words=tuple(s for s, _ in content),
        surface=tuple(w for _, w in content),
        concepts=dict(sorted(concepts.items())),
        parts=tuple(root for root, _ in parts),
        part_surface=tuple(written for _, written in parts),
        named=tuple(dict.fromkeys((concept, written) for concept, _, written in named)),
    )


def _parts(content: list[tuple[str, str]], lex: Lexicon) -> list[tuple[str, str]]:
    """``(stem, written)`` of the parts of the compounds among ``content`` (lexicon words are not split)."""
    found = []
    stop = stop_words()
    for root, written in content:
        if (root,) in lex.phrases:
            continue
        pieces = compound_parts(written)
        if len(pieces) > 1:
            found.extend((stem(piece), piece) for piece in pieces if piece not in stop)
    return found


def concept_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """The readable name of a concept (``ideas.concept.<key>`` in the catalogue).

    >>> concept_label("fravaer"), concept_label("fravaer", "en")
    ('fravær', 'absence')
    """
    return t(f"ideas.concept.{key}", lang)
