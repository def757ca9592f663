"""Ideas into themes: automatic grouping, grouping around seeds, merges, re-runs.

After an "idédugnad" the coordinator sorts the wall into themes ("sammen-
stilling av idéene") that go back to the expert groups as concepts. This
module proposes that sorting and leaves the facilitator in control:

* :func:`cluster` groups the ideas on its own and names each theme
  ("Foreldre · fravær") with its most typical idea;
* :func:`seeded_grouping` is the main path on the page: the facilitator names
  the themes and drops one or two ideas into some of them, the kit proposes
  where the rest go (a theme's name draws ideas too);
* :func:`near_duplicates` proposes merges ("Mer leksehjelp" / "Leksehjelp
  for flere");
* :func:`recluster` runs again when more ideas arrive and keeps what the
  facilitator has decided (pinned themes, ideas moved by hand);
* :func:`rename_theme`, :func:`merge_themes`, :func:`split_theme` and
  :func:`move_idea` edit a :class:`Clustering` without touching the input.

How ideas are compared: each idea is read by :func:`samskaping.ideas.text.analyse`
(nynorsk to bokmål, compounds split, stems, stop words, domain concepts) and
becomes three TF-IDF blocks: the lexicon concepts it names (weighted most,
because short ideas share concepts far more often than words), its word stems,
the parts of its compounds and its word pairs, and letter n-grams inside words
(so "foreldreveiledning" meets "veiledning av foreldre" and a typo still meets
its word). The blocks are reduced by a
truncated SVD (LSA) and normalised, so ideas are compared by cosine.

Everything is deterministic: the ideas are sorted internally by their text
before any computation and every random step has a fixed seed, so the same
ideas give the same themes every run and in any order. Inputs are strings or
objects with ``.text`` (and ``.id``, e.g. :class:`~samskaping.ideas.model.Idea`);
outputs are plain dataclasses. Labels are made of the ideas' own words.
"""

from __future__ import annotations

import functools
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

import numpy as np
import scipy.sparse as sp

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.core.models import MAX_TITLE_LENGTH, clean_text
from samskaping.ideas.text import Reading, analyse, concept_label, lexicon, normalise

__all__ = [
    "MAX_AUTO_THEMES", "Clustering", "Features", "Theme", "ThemeLabel", "cluster", "features",
    "label_theme", "merge_themes", "move_idea", "near_duplicates", "recluster", "rename_theme",
    "seeded_grouping", "split_theme",
]

#: The most themes :func:`cluster` proposes on its own; a wall of 12 themes is already a lot.
MAX_AUTO_THEMES = 12
#: :func:`cluster` proposes at least this many ideas per theme on average (n // 3 themes at most).
IDEAS_PER_THEME = 3
#: Fewer ideas than this make one theme unless a theme count is asked for.
MIN_IDEAS_TO_SPLIT = 6

# Block weights of the feature space (concepts, words, letter n-grams) and its size:
# few dimensions make the themes stand out from the noise of words said once.
_W_CONCEPT, _W_WORD, _W_CHAR = 2.0, 0.7, 0.5
_DIMENSIONS = 20
# Choosing the number of themes: silhouette minus this much per theme. The plain
# silhouette of short texts keeps rising with every theme added; a theme must earn its place.
_THEME_PENALTY = 0.015
_SEED = 2024
# Up to this many ideas, Ward's method (O(n²) memory); above it, k-means on the SVD space.
_WARD_LIMIT = 2500
_SILHOUETTE_SAMPLE = 2000
# Seeded grouping: a seed counts as this many ordinary ideas in its theme's centre.
_SEED_WEIGHT = 3.0
# A theme's name counts as this many example ideas, and adds this much times its word overlap to each score.
_NAME_WEIGHT = 3.0
_NAME_PULL = 0.5
_ROUNDS = 20
# recluster: new ideas make a new theme when at least this many of them, and at
# least this share of a group, form a group of their own in a fresh grouping.
_NEW_THEME_MIN = 3
_NEW_SHARE = 0.6
# near_duplicates: letter n-grams within words, and the weight of the concept block.
_LETTERS = {"analyzer": "char_wb", "ngram_range": (3, 5)}
_DUPLICATE_CONCEPTS = 0.5


def _one_thread(function):
    """Run ``function`` with BLAS and OpenMP on one thread.

    On a shared two-core laptop, k-means and the SVD fighting other programs
    for threads were 3-5 times slower than on one thread, and one thread also
    gives bit-for-bit the same sums on any machine.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):
            return function(*args, **kwargs)

    return wrapper


# --- The objects -----------------------------------------------------------------


@dataclass
class Theme:
    """One theme: its id ("t1" or a name the facilitator gave), label, size and most typical idea.

    ``typical_index`` is the typical idea's position in the input (-1 for an
    empty theme), ``typical_id`` its id (its text for plain strings).
    ``terms`` are the concept keys and word stems the label was made from.
    ``named`` is true when a person wrote the label: :func:`recluster` keeps it.
    """

    id: str
    label: str
    size: int
    typical_index: int = -1
    typical_id: str = ""
    terms: tuple[str, ...] = ()
    named: bool = False

    def to_dict(self) -> dict:
        data = dict(self.__dict__)
        data["terms"] = list(self.terms)
        return data

    @classmethod
    def from_dict(cls, data: Mapping) -> Theme:
        return cls(**{**data, "terms": tuple(data.get("terms", ()))})


@dataclass
class Clustering:
    """A grouping of ideas into themes: every idea is in exactly one theme.

    ``assignment[i]`` is the theme id of input idea ``i``; ``keys[i]`` is its
    id (or its text, for plain strings), so a later :func:`recluster` can
    find it again. ``manual`` holds the ideas a person placed (key → theme
    id): re-runs leave them where they are. ``pinned`` holds the themes a
    person has fixed.
    """

    themes: list[Theme]
    assignment: list[str]
    keys: list[str]
    manual: dict[str, str] = field(default_factory=dict)
    pinned: frozenset[str] = frozenset()
    method: str = "auto"

    def theme(self, theme_id: str) -> Theme:
        """The theme with ``theme_id``, or :class:`InvalidInputError` (``unknown_theme``)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise InvalidInputError(
            f"No theme {theme_id!r}; use one of {', '.join(th.id for th in self.themes)}.",
            reason="unknown_theme",
            value=theme_id,
            choices=", ".join(th.id for th in self.themes),
        )

    def members(self, theme_id: str) -> list[int]:
        """Input positions of the ideas in ``theme_id``, in input order."""
        return [i for i, assigned in enumerate(self.assignment) if assigned == theme_id]

    def groups(self) -> dict[str, list[int]]:
        """Theme id → input positions, in theme order."""
        return {theme.id: self.members(theme.id) for theme in self.themes}

    def to_dict(self) -> dict:
        return {
            "themes": [theme.to_dict() for theme in self.themes],
            "assignment": list(self.assignment),
            "keys": list(self.keys),
            "manual": dict(self.manual),
            "pinned": sorted(self.pinned),
            "method": self.method,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Clustering:
        return cls(
            themes=[Theme.from_dict(theme) for theme in data["themes"]],
            assignment=list(data["assignment"]),
            keys=list(data["keys"]),
            manual=dict(data.get("manual", {})),
            pinned=frozenset(data.get("pinned", ())),
            method=data.get("method", "auto"),
        )


@dataclass
class ThemeLabel:
    """What :func:`label_theme` says about a group of ideas."""

    label: str
    terms: tuple[str, ...]
    typical_index: int
    typical: str


# --- Reading the input -----------------------------------------------------------------


def _read(items: Iterable) -> tuple[list[str], list[str]]:
    """Texts and keys (id, else the text) of strings or objects with ``.text``."""
    texts, keys = [], []
    for item in items:
        if isinstance(item, str):
            text, key = item, item
        elif isinstance(getattr(item, "text", None), str):
            text = item.text
            key = getattr(item, "id", None)
            key = str(key) if key not in (None, "") else text
        else:
            raise InvalidInputError(
                f"{item!r} is not an idea; pass text or an object with a .text attribute.",
                reason="not_an_idea",
                value=repr(item)[:80],
            )
        texts.append(text)
        keys.append(key)
    return texts, keys


def _check_some(texts: Sequence[str]) -> None:
    if not texts:
        raise InvalidInputError(
            "There are no ideas to group; add at least one idea first.", reason="no_ideas"
        )


# --- Features ----------------------------------------------------------------------------


@dataclass
class Features:
    """The ideas as vectors, in input order.

    ``embedding``: (n, d) rows of unit length (or zero for an idea with no
    content words), compared by cosine. ``concepts`` and ``words``: sparse
    (n, terms) presence matrices with their term names, for labels.
    """

    readings: list[Reading]
    embedding: np.ndarray
    concepts: sp.csr_matrix
    concept_names: list[str]
    words: sp.csr_matrix
    word_names: list[str]
    surface: dict[str, str]  # word stem -> its most common written form


def _order(texts: Sequence[str]) -> list[int]:
    """A stable order that does not depend on input order: by normalised text, then text."""
    return sorted(range(len(texts)), key=lambda i: (normalise(texts[i]), texts[i]))


def _word_terms(readings: list[Reading]) -> list[list[str]]:
    """Word features: stems, the parts of compounds (so "leksehjelp" meets "hjelp"), and word pairs."""
    return [[*r.words, *r.parts, *(f"{a} {b}" for a, b in pairwise(r.words))] for r in readings]


@_one_thread
def features(items: Iterable) -> Features:
    """The feature space of :func:`cluster` and friends, for ideas in any order.

    Concepts, word stems (+ pairs) and letter 3-5-grams within words, each a
    TF-IDF block of unit rows, weighted (concepts 2, words 0.7, letters 0.5),
    joined and reduced by a truncated SVD to at most 20 dimensions, then
    normalised. Computed on the ideas sorted by
    text, so the result does not depend on input order. O(n · words) to read,
    O(n · d²) for the SVD; about 0.1 s for 1,000 ideas, 0.5 s for 10,000.
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
    from sklearn.preprocessing import normalize

    texts, _ = _read(items)
    n = len(texts)
    order = _order(texts)
    readings = [analyse(texts[i]) for i in order]

    # Concepts: a weighted bag (1 for a whole word, less for a compound part).
    lex = lexicon()
    column = {c: j for j, c in enumerate(lex.concepts)}
    rows, cols, vals = [], [], []
    for i, r in enumerate(readings):
        for concept, weight in r.concepts.items():
            rows.append(i)
            cols.append(column[concept])
            vals.append(weight)
    concept_counts = sp.csr_matrix((vals, (rows, cols)), shape=(n, len(lex.concepts)))
    concept_block = TfidfTransformer(sublinear_tf=True).fit_transform(concept_counts)

    word_terms = _word_terms(readings)
    word_vectoriser = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True)
    word_block = word_vectoriser.fit_transform(word_terms) if any(word_terms) else sp.csr_matrix((n, 0))
    word_names = list(word_vectoriser.get_feature_names_out()) if word_block.shape[1] else []

    letters = [" ".join(r.words) for r in readings]
    if any(letters):
        char_block = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(letters)
    else:
        char_block = sp.csr_matrix((n, 0))

    blocks = [weight * normalize(block) for weight, block in
              ((_W_CONCEPT, concept_block), (_W_WORD, word_block), (_W_CHAR, char_block)) if block.shape[1]]
    joined = sp.hstack(blocks).tocsr() if blocks else sp.csr_matrix((n, 1))
    dimensions = min(_DIMENSIONS, n - 1, joined.shape[1] - 1)
    if dimensions >= 2:
        svd = TruncatedSVD(dimensions, algorithm="randomized", n_iter=5, random_state=_SEED)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # explained variance of an all-zero matrix
            embedding = svd.fit_transform(joined)
    else:
        embedding = joined.toarray()
    embedding = normalize(embedding)

    # Back to input order.
    back = np.empty(n, dtype=int)
    back[order] = np.arange(n)
    plain = [j for j, name in enumerate(word_names) if " " not in name and "~" not in name]
    word_presence = sp.csr_matrix(word_block[:, plain] > 0)
    surface_counts: dict[str, Counter] = {}
    for r in readings:
        for root, written in zip(r.words, r.surface, strict=True):
            surface_counts.setdefault(root, Counter())[written] += 1
    return Features(
        readings=[readings[j] for j in back],
        embedding=np.ascontiguousarray(embedding[back]),
        concepts=sp.csr_matrix(concept_counts[back] > 0),
        concept_names=list(lex.concepts),
        words=word_presence[back],
        word_names=[word_names[j] for j in plain],
        surface={root: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for root, c in surface_counts.items()},
    )


# --- Labels -----------------------------------------------------------------------------


def _centroid(embedding: np.ndarray, members: Sequence[int]) -> np.ndarray:
    centre = embedding[list(members)].sum(axis=0)
    norm = np.linalg.norm(centre)
    return centre / norm if norm > 0 else centre


def _typical(embedding: np.ndarray, members: Sequence[int]) -> int:
    """The member closest to the theme's centre (cosine); ties go to the earliest."""
    members = list(members)
    scores = embedding[members] @ _centroid(embedding, members)
    return members[int(np.argmax(np.round(scores, 9)))]


def _terms(f: Features, members: Sequence[int], others: Sequence[int], how_many: int = 2) -> list[str]:
    """The most characteristic concepts (preferred) and words of ``members``.

    A term scores by how many members have it, times how much more often than
    among ``others`` (plus a little, so a group with nothing of its own still
    gets its most frequent terms); concepts count 1.5 times a word. Ties:
    alphabetical.
    """
    members, others = list(members), list(others)
    candidates = []
    for matrix, names, boost, kind in ((f.concepts, f.concept_names, 1.5, "c"), (f.words, f.word_names, 1.0, "w")):
        if not names:
            continue
        inside = np.asarray(matrix[members].sum(axis=0)).ravel() / len(members)
        outside = np.asarray(matrix[others].sum(axis=0)).ravel() / len(others) if others else np.zeros(len(names))
        # A term shared with the other themes still beats no label at all, by a little.
        score = boost * inside * (np.clip(inside - outside, 0, None) + 0.05) if others else boost * inside
        minimum = 2 / len(members) if len(members) >= 4 else 0.0
        for j in np.flatnonzero((inside >= minimum) & (score > 0)):
            candidates.append((-round(float(score[j]), 9), kind, names[j]))
    chosen: list[str] = []
    for _, kind, name in sorted(candidates):
        term = f"{kind}:{name}"
        # A word whose concept is already chosen says the same thing twice.
        if kind == "w" and any(name in _stems_of(c[2:]) for c in chosen if c.startswith("c:")):
            continue
        chosen.append(term)
        if len(chosen) == how_many:
            break
    return chosen


def _stems_of(concept: str) -> set[str]:
    lex = lexicon()
    return {key[0] for key, found in lex.phrases.items() if len(key) == 1 and concept in found}


def _render(terms: Sequence[str], f: Features, members: Sequence[int], lang: str, fallback_number: int) -> str:
    """The label: each term in the words the ideas used for it, joined ("Leksehjelp · frivillige")."""
    words: list[str] = []
    for term in terms:
        kind, name = term.split(":", 1)
        word = _written(f, members, name) if kind == "c" else f.surface.get(name, name)
        if word not in words:
            words.append(word)
    if not words:
        return t("ideas.theme.fallback", lang, number=fallback_number)
    text = t("ideas.theme.separator", lang).join(words)
    return text[:1].upper() + text[1:]


def _written(f: Features, members: Sequence[int], concept: str) -> str:
    """How the members most often wrote ``concept`` ("foresatte" for foreldre); ties: shortest, then a-z."""
    counts = Counter(written for i in members for key, written in f.readings[i].named if key == concept)
    if not counts:
        return concept_label(concept)
    return min(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]


def _describe(f: Features, members: Sequence[int], n: int, lang: str, number: int) -> tuple[str, tuple[str, ...], int]:
    inside = set(members)
    others = [i for i in range(n) if i not in inside]
    terms = _terms(f, members, others)
    return _render(terms, f, members, lang, number), tuple(terms), _typical(f.embedding, members)


@_one_thread
def label_theme(items: Iterable, *, background: Iterable | None = None, lang: str = DEFAULT_LANG) -> ThemeLabel:
    """A readable label for a group of ideas, and its most typical idea.

    The label joins the group's two most characteristic terms, lexicon
    concepts first, each in the words the ideas themselves used for it
    ("foresatte" if that is what they wrote; never a concept's catalogue
    name, which may say more than the ideas do); with ``background`` (the
    other ideas of the workshop) "characteristic" means more frequent here
    than there. ``lang`` picks only the separator and the fallback "Tema N".
    The typical idea is the one closest to the group's centre. O(n · terms).

    >>> label_theme(["Foreldreveiledning for alle", "Kurs for foresatte", "Veiledning av foreldre"]).label
    'Foreldreveiledning'
    """
    texts, _ = _read(items)
    _check_some(texts)
    others, _ = _read(background or [])
    f = features(texts + others)
    members = list(range(len(texts)))
    label, terms, typical = _describe(f, members, len(texts) + len(others), lang, 1)
    return ThemeLabel(label=label, terms=terms, typical_index=typical, typical=texts[typical])


# --- Building a Clustering ------------------------------------------------------------------


def _themes_from(
    f: Features,
    groups: Mapping[str, list[int]],
    keys: Sequence[str],
    lang: str,
    *,
    keep: Mapping[str, Theme] | None = None,
) -> list[Theme]:
    """Themes for ``groups`` (id → members, in theme order): labels, sizes, typical ideas.

    Themes in ``keep`` keep their label and terms (pinned or named by a person).
    """
    keep = keep or {}
    n = len(keys)
    themes = []
    for number, (theme_id, members) in enumerate(groups.items(), start=1):
        kept = keep.get(theme_id)
        if not members:
            if kept is not None:
                themes.append(replace(kept, size=0, typical_index=-1, typical_id=""))
            continue
        label, terms, typical = _describe(f, members, n, lang, number)
        if kept is not None:
            label, terms = kept.label, kept.terms
        themes.append(
            Theme(
                id=theme_id,
                label=label,
                size=len(members),
                typical_index=typical,
                typical_id=keys[typical],
                terms=terms,
                named=kept.named if kept is not None else False,
            )
        )
    return themes


def _numbered(labels: Sequence[int]) -> tuple[dict[str, list[int]], list[str]]:
    """Theme ids "t1", "t2" ... by size (largest first), then by first member in input order."""
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(int(label), []).append(i)
    ranked = sorted(members.values(), key=lambda m: (-len(m), m[0]))
    groups = {f"t{k}": m for k, m in enumerate(ranked, start=1)}
    assignment = [""] * len(labels)
    for theme_id, m in groups.items():
        for i in m:
            assignment[i] = theme_id
    return groups, assignment


# --- Automatic grouping ----------------------------------------------------------------------


def _theme_range(n: int, themes: int | None) -> range:
    if themes is not None:
        if isinstance(themes, bool) or not isinstance(themes, int) or not 1 <= themes <= n:
            raise InvalidInputError(
                f"themes {themes!r} is not a whole number from 1 to {n} (the number of ideas).",
                reason="bad_theme_count",
                value=themes,
                max=n,
            )
        return range(themes, themes + 1)
    if n < MIN_IDEAS_TO_SPLIT:
        return range(1, 2)
    return range(2, max(2, min(MAX_AUTO_THEMES, n // IDEAS_PER_THEME)) + 1)


def _partitions(embedding: np.ndarray, ks: range) -> dict[int, np.ndarray]:
    """See :func:`_partitions_quietly`; k-means warns when ideas are identical, which is fine here."""
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return _partitions_quietly(embedding, ks)


def _partitions_quietly(embedding: np.ndarray, ks: range) -> dict[int, np.ndarray]:
    """A partition into k groups for each k: Ward + k-means polish, or k-means for large n.

    Ward's tree is built once and cut at every k (O(n²) memory, so up to
    ``_WARD_LIMIT`` ideas); k-means then moves ideas to their nearest centre,
    started from Ward's groups (deterministic, one run). Above the limit,
    k-means++ with a fixed seed on the SVD space, O(n · k · d) per round.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.cluster import KMeans

    n = len(embedding)
    result = {}
    if list(ks) == [1] or n < 2:
        return {k: np.zeros(n, dtype=int) for k in ks}
    if n <= _WARD_LIMIT:
        tree = linkage(embedding, method="ward")
        for k in ks:
            if k == 1:
                result[k] = np.zeros(n, dtype=int)
                continue
            cut = fcluster(tree, t=k, criterion="maxclust") - 1
            if len(np.unique(cut)) < k:
                result[k] = cut
                continue
            centres = np.vstack([embedding[cut == c].mean(axis=0) for c in range(k)])
            result[k] = KMeans(k, init=centres, n_init=1, max_iter=50, random_state=_SEED).fit_predict(embedding)
    else:
        for k in ks:
            if k == 1:
                result[k] = np.zeros(n, dtype=int)
                continue
            result[k] = KMeans(k, init="k-means++", n_init=2, max_iter=100, random_state=_SEED).fit_predict(embedding)
    return result


def _best_partition(embedding: np.ndarray, ks: range) -> np.ndarray:
    """The partition with the best silhouette less :data:`_THEME_PENALTY` per theme.

    Silhouette on the unit-length SVD space (Euclidean there is cosine), on a
    fixed sample above 2,000 ideas; ties go to fewer themes.
    """
    from sklearn.metrics import silhouette_score

    partitions = _partitions(embedding, ks)
    if len(partitions) == 1:
        return next(iter(partitions.values()))
    n = len(embedding)
    best, best_score = None, -np.inf
    for k, labels in partitions.items():
        if len(np.unique(labels)) < 2:
            continue
        sample = _SILHOUETTE_SAMPLE if n > _SILHOUETTE_SAMPLE else None
        score = silhouette_score(embedding, labels, metric="euclidean", sample_size=sample, random_state=_SEED)
        score -= _THEME_PENALTY * k
        if score > best_score + 1e-9:
            best, best_score = labels, score
    return best if best is not None else next(iter(partitions.values()))


@_one_thread
def cluster(items: Iterable, *, themes: int | None = None, lang: str = DEFAULT_LANG) -> Clustering:
    """Group ideas into themes; every idea gets a theme, the same ones every run.

    With ``themes=None`` the number of themes is chosen among 2 to
    ``min(12, n // 3)`` by the silhouette, less 0.015 per theme (fewer than
    6 ideas make one theme).
    Themes are "t1", "t2" ... largest first (ties: the theme whose first
    idea came first). The order of the input does not change the grouping.
    Identical ideas (or ideas with no content words) always share a theme,
    so there are at most as many themes as distinct ideas.
    O(n²) up to 2,500 ideas (Ward), O(n · k · d) above; about 0.2 s for
    1,000 ideas and 1 s for 10,000 (benchmarks/bench_clustering.py).

    >>> result = cluster(["Mer leksehjelp", "Leksehjelp for flere", "Nærværsteam på skolen",
    ...                   "Følge opp fravær tidlig", "Kurs for foreldre", "Foreldreveiledning"], themes=3)
    >>> [result.assignment[i] == result.assignment[j] for i, j in [(0, 1), (2, 3), (4, 5)]]
    [True, True, True]
    >>> cluster([])
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: There are no ideas to group; add at least one idea first.
    """
    texts, keys = _read(items)
    _check_some(texts)
    ks = _theme_range(len(texts), themes)
    f = features(texts)
    labels = _best_partition(f.embedding, ks)
    # Settle on cosine centres, the way seeded_grouping and recluster compare, so a
    # re-run with the same ideas changes nothing.
    labels = _grow(f.embedding, {}, dict(enumerate(labels)), int(labels.max()) + 1)
    groups, assignment = _numbered(labels)
    return Clustering(
        themes=_themes_from(f, groups, keys, lang), assignment=assignment, keys=keys, method="auto"
    )


# --- Seeded grouping ---------------------------------------------------------------------------


def _find(ref: object, texts: Sequence[str], keys: Sequence[str]) -> int:
    """The input position of an idea given by position, id or text."""
    if isinstance(ref, (int, np.integer)) and not isinstance(ref, bool):
        if 0 <= ref < len(texts):
            return int(ref)
    elif isinstance(ref, str):
        for candidates in (keys, texts):
            if ref in candidates:
                return list(candidates).index(ref)
        wanted = normalise(ref).strip()
        for i, text in enumerate(texts):
            if normalise(text).strip() == wanted:
                return i
    elif isinstance(getattr(ref, "text", None), str):
        return _find(getattr(ref, "id", None) or ref.text, texts, keys)
    raise InvalidInputError(
        f"Idea {ref!r} is not among the {len(texts)} ideas; give its position, id or exact text.",
        reason="unknown_idea",
        value=str(ref)[:80],
    )


def _grow(
    embedding: np.ndarray,
    fixed: Mapping[int, int],
    start: Mapping[int, int],
    k: int,
    *,
    fixed_weight: float | Mapping[int, float] = _SEED_WEIGHT,
    closed: frozenset[int] = frozenset(),
    bonus: np.ndarray | None = None,
) -> np.ndarray:
    """Seeded k-means: fixed ideas stay, the rest go to the nearest centre until nothing moves.

    Centres are the normalised sums of their ideas, fixed ones counting
    ``fixed_weight`` times (one weight, or one per fixed row); ``start`` gives
    the first guess for free ideas (their earlier theme). ``bonus`` (n, k) is
    added to every cosine (the pull of a theme's name). Themes in ``closed``
    take no new ideas. O(rounds · n · k · d).
    """
    n = len(embedding)
    labels = np.full(n, -1)
    for i, theme in start.items():
        labels[i] = theme
    for i, theme in fixed.items():
        labels[i] = theme
    free = np.array([i for i in range(n) if i not in fixed], dtype=int)
    weights = np.ones(n)
    for i in fixed:
        weights[i] = fixed_weight[i] if isinstance(fixed_weight, Mapping) else fixed_weight
    mask = np.zeros(k, dtype=bool)
    mask[list(closed)] = True
    for _ in range(_ROUNDS):
        centres = np.zeros((k, embedding.shape[1]))
        known = labels >= 0
        np.add.at(centres, labels[known], embedding[known] * weights[known, None])
        norms = np.linalg.norm(centres, axis=1, keepdims=True)
        centres = np.divide(centres, norms, out=np.zeros_like(centres), where=norms > 0)
        if not len(free):
            break
        scores = embedding[free] @ centres.T
        if bonus is not None:
            scores += bonus[free]
        scores[:, mask] = -np.inf
        scores[:, norms.ravel() == 0] = -np.inf
        moved = np.argmax(np.round(scores, 9), axis=1)
        if np.array_equal(moved, labels[free]):
            break
        labels[free] = moved
    return labels


def _theme_names(seeds: Mapping[str, Sequence], names: Mapping[str, str] | None) -> dict[str, str]:
    """Theme id → the name a person typed: the seeds' themes first, then themes that only have a name.

    Without ``names`` each seed key is its own name (``{"Lekser": [0]}``).
    """
    if names is None:
        return {str(key): str(key) for key in seeds}
    chosen = {str(key): str(names.get(key, "")) for key in seeds}
    chosen.update({str(key): str(name) for key, name in names.items() if str(key) not in chosen})
    return chosen


def _seed_positions(seeds: Mapping[str, Sequence], ids: list[str], texts: Sequence[str],
                    keys: Sequence[str]) -> dict[int, int]:
    """Input position → theme number of every example idea; one idea in two themes is refused."""
    number = {theme_id: k for k, theme_id in enumerate(ids)}
    fixed: dict[int, int] = {}
    for theme_id, examples in seeds.items():
        for ref in examples:
            i = _find(ref, texts, keys)
            if i in fixed and fixed[i] != number[str(theme_id)]:
                raise InvalidInputError(
                    f"Idea {texts[i]!r} is an example of both {ids[fixed[i]]!r} and {theme_id!r}; keep it in one.",
                    reason="seed_conflict",
                    value=texts[i][:80],
                    theme=ids[fixed[i]],
                    other=str(theme_id),
                )
            fixed[i] = number[str(theme_id)]
    return fixed


@_one_thread
def seeded_grouping(
    items: Iterable,
    seeds: Mapping[str, Sequence],
    *,
    names: Mapping[str, str] | None = None,
    lang: str = DEFAULT_LANG,
) -> Clustering:
    """Put every idea into one of the themes the facilitator started, by its examples and its name.

    ``seeds`` maps a theme id to its example ideas (input positions, ids or
    exact texts; the list may be empty). ``names`` maps a theme id to the
    name the facilitator typed ("Tidlig oppfølging"); a theme in ``names``
    but not in ``seeds`` has a name and no examples yet, and still attracts
    its ideas. Without ``names``, each seed key is also the theme's name.
    A theme's centre starts at its examples and its name; every other idea
    goes to the nearest centre (plus the pull of the name's own words), the
    centres move to their ideas (examples count three times) and this
    repeats until nothing moves. Theme ids are in the order given; examples
    stay where they were put. O(rounds · n · k · d) after :func:`features`.

    >>> ideas = ["Mer leksehjelp", "Nærværsteam", "Leksehjelp på biblioteket", "Følge opp fravær"]
    >>> seeded_grouping(ideas, {"Lekser": [0], "Fravær": [1]}).assignment
    ['Lekser', 'Fravær', 'Lekser', 'Fravær']
    >>> seeded_grouping(ideas, {"t1": [0]}, names={"t1": "Lekser", "t2": "Skolefravær"}).assignment
    ['t1', 't2', 't1', 't2']
    """
    texts, keys = _read(items)
    _check_some(texts)
    theme_names = _theme_names(seeds, names)
    ids = list(theme_names)
    fixed = _seed_positions(seeds, ids, texts, keys)
    spoken = [(k, name) for k, name in enumerate(theme_names.values()) if analyse(name).words]
    if not fixed and not spoken:
        raise InvalidInputError(
            "No theme has an example idea or a name; put at least one idea into a theme.", reason="no_seeds"
        )
    n = len(texts)
    f = features(texts + [name for _, name in spoken])
    anchors = {n + j: k for j, (k, _) in enumerate(spoken)}
    weights = {**{i: _SEED_WEIGHT for i in fixed}, **{i: _NAME_WEIGHT for i in anchors}}
    bonus = _name_pull(f, n, spoken, len(ids))
    labels = _grow(f.embedding, {**fixed, **anchors}, {}, len(ids), fixed_weight=weights, bonus=bonus)[:n]
    groups = {theme_id: [i for i in range(n) if labels[i] == number] for number, theme_id in enumerate(ids)}
    named = {theme_id: Theme(id=theme_id, label=name or theme_id, size=0, named=True)
             for theme_id, name in theme_names.items()}
    return Clustering(
        themes=_themes_from(f, groups, keys, lang, keep=named),
        assignment=[ids[label] for label in labels],
        keys=keys,
        manual={keys[i]: ids[number] for i, number in fixed.items()},
        method="seeded",
    )


def _name_pull(f: Features, n: int, spoken: Sequence[tuple[int, str]], k: int) -> np.ndarray:
    """(n + names, k): how much each idea shares the words and concepts of each theme's name.

    Cosine of the concept and word presence vectors (before the SVD, which
    blurs a name's one or two words), times :data:`_NAME_PULL`.
    """
    from sklearn.preprocessing import normalize

    pull = np.zeros((n + len(spoken), k))
    blocks = [m for m in (f.concepts, f.words) if m.shape[1]]
    if not spoken or not blocks:
        return pull
    joined = normalize(sp.hstack(blocks).tocsr().astype(float))
    similarity = (joined[:n] @ joined[n:].T).toarray()
    for j, (number, _) in enumerate(spoken):
        pull[:n, number] = np.maximum(pull[:n, number], _NAME_PULL * similarity[:, j])
    return pull


# --- Near duplicates ----------------------------------------------------------------------------


@_one_thread
def near_duplicates(items: Iterable, threshold: float = 0.4) -> list[tuple[int, int, float]]:
    """Pairs of ideas that say the same thing: ``(i, j, similarity)`` with i < j, most similar first.

    Compared by the cosine of three TF-IDF blocks: word stems with the parts
    of compounds ("leksehjelp" meets "hjelp"), letter 3-5-grams (equal
    weight: "ventetid" meets "ventetida"), and lexicon concepts at half
    weight (so "foreldrekurs om kvelden" meets "kurs for foreldre på
    kveldstid", while two ideas that share only a concept stay apart).
    ``threshold`` is the lowest similarity reported, above 0 and at most 1;
    the default 0.4 had precision 0.85 and recall 0.77 on the labelled
    duplicate pairs it was tuned on (``tests/ideas/idea_cases.py``).
    Time O(n²) in blocks of 1,000 rows, memory O(n · 1,000).

    >>> near_duplicates(["Mer leksehjelp", "Chat med helsesykepleier", "Leksehjelp for flere"])
    [(0, 2, 1.0)]
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise InvalidInputError(
            f"threshold {threshold!r} is not a number above 0 and at most 1; use for example 0.4.",
            reason="bad_threshold",
            value=threshold,
        )
    texts, _ = _read(items)
    if len(texts) < 2:
        return []
    order = _order(texts)
    readings = [analyse(texts[i]) for i in order]
    words = [[*r.words, *r.parts] for r in readings]
    letters = [" ".join(r.words) for r in readings]
    concepts = [list(r.concepts) for r in readings]
    blocks = []
    for weight, docs, options in ((1.0, words, {"analyzer": _same}), (1.0, letters, _LETTERS),
                                  (_DUPLICATE_CONCEPTS, concepts, {"analyzer": _same})):
        if any(docs):
            blocks.append(weight * normalize(TfidfVectorizer(sublinear_tf=True, **options).fit_transform(docs)))
    if not blocks:
        return []
    matrix = normalize(sp.hstack(blocks).tocsr()).astype(np.float32)
    pairs = []
    for start in range(0, len(texts), 1000):
        block = (matrix[start : start + 1000] @ matrix.T).toarray()
        rows, cols = np.nonzero(block >= threshold - 1e-6)
        for r, c in zip(rows, cols, strict=True):
            a, b = order[start + r], order[c]
            if start + r < c:
                pairs.append((min(a, b), max(a, b), round(float(min(block[r, c], 1.0)), 3)))
    return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))


def _same(terms: list[str]) -> list[str]:
    """The analyser of a TF-IDF block whose documents are already lists of terms."""
    return terms


# --- Re-runs and edits ----------------------------------------------------------------------------


def _next_ids(taken: Iterable[str], count: int) -> list[str]:
    taken = set(taken)
    ids, number = [], 1
    while len(ids) < count:
        candidate = f"t{number}"
        if candidate not in taken:
            ids.append(candidate)
        number += 1
    return ids


@_one_thread
def recluster(
    items: Iterable,
    previous: Clustering,
    *,
    pinned_themes: Iterable[str] = (),
    manual: Mapping[object, str] | None = None,
    lang: str = DEFAULT_LANG,
) -> Clustering:
    """Group again after more ideas arrived, keeping what the facilitator decided.

    * Ideas in a pinned theme (``pinned_themes`` and ``previous.pinned``) stay
      there, and the theme keeps its label; new ideas may still join it.
    * Ideas placed by hand (``manual``: position or id → theme id, and
      ``previous.manual``) stay where they were put.
    * Every other idea, old or new, goes to the nearest theme (seeded
      k-means that starts from the previous grouping). New ideas that are
      clearly separate, i.e. three or more that make up most of a group when
      all ideas are grouped afresh, start a new theme.
    * Theme ids are kept; new themes get the next free "tN". Themes left
      without ideas disappear, unless pinned. Labels written by a person stay.

    O(rounds · n · k · d) after :func:`features`.
    """
    texts, keys = _read(items)
    _check_some(texts)
    known = {theme.id: theme for theme in previous.themes}
    pinned = frozenset(previous.pinned) | frozenset(pinned_themes)
    for theme_id in pinned:
        previous.theme(theme_id)
    placed = dict(previous.manual)
    for ref, theme_id in (manual or {}).items():
        previous.theme(theme_id)
        placed[keys[_find(ref, texts, keys)]] = theme_id

    before = dict(zip(previous.keys, previous.assignment, strict=True))
    ids = [theme.id for theme in previous.themes]
    number = {theme_id: k for k, theme_id in enumerate(ids)}
    fixed, start = {}, {}
    for i, key in enumerate(keys):
        if key in placed and placed[key] in number:
            fixed[i] = number[placed[key]]
        elif before.get(key) in pinned:
            fixed[i] = number[before[key]]
        elif before.get(key) in number:
            start[i] = number[before[key]]

    f = features(texts)
    if not fixed and not start:
        fresh = cluster(texts, lang=lang)
        return replace(fresh, themes=fresh.themes, method="recluster")
    # New ideas that form a group of their own in a fresh grouping start a new theme.
    seen = set(previous.keys)
    fresh = _best_partition(f.embedding, _theme_range(len(texts), None))
    candidates = []
    for group in sorted(_numbered(fresh)[0].values(), key=lambda m: (-len(m), m[0])):
        arrived = [i for i in group if keys[i] not in seen and i not in fixed]
        if len(arrived) >= _NEW_THEME_MIN and len(arrived) >= _NEW_SHARE * len(group):
            candidates.append(arrived)
    while True:
        begin = dict(start)
        for k, group in enumerate(candidates, start=len(ids)):
            begin.update({i: k for i in group})
        labels = _grow(f.embedding, fixed, begin, len(ids) + len(candidates), fixed_weight=1.0)
        small = [k for k in range(len(ids), len(ids) + len(candidates)) if (labels == k).sum() < _NEW_THEME_MIN]
        if not small:
            break
        candidates = [group for k, group in enumerate(candidates, start=len(ids)) if k not in small]
    all_ids = ids + _next_ids(ids, len(candidates))

    groups = {theme_id: [i for i in range(len(texts)) if labels[i] == k] for k, theme_id in enumerate(all_ids)}
    groups = {theme_id: m for theme_id, m in groups.items() if m or theme_id in pinned}
    keep = {theme_id: theme for theme_id, theme in known.items() if theme_id in pinned or theme.named}
    return Clustering(
        themes=_themes_from(f, groups, keys, lang, keep=keep),
        assignment=[all_ids[label] for label in labels],
        keys=keys,
        manual={key: theme_id for key, theme_id in placed.items() if key in set(keys) and theme_id in groups},
        pinned=frozenset(theme_id for theme_id in pinned if theme_id in groups),
        method="recluster",
    )


def rename_theme(clustering: Clustering, theme_id: str, label: str) -> Clustering:
    """A copy of ``clustering`` where ``theme_id`` is called ``label`` (kept by later re-runs).

    >>> c = cluster(["Mer leksehjelp", "Leksehjelp for flere"])
    >>> rename_theme(c, "t1", "Lekser").themes[0].label
    'Lekser'
    """
    theme = clustering.theme(theme_id)
    label = clean_text(label, field="label", max_length=MAX_TITLE_LENGTH)
    themes = [replace(th, label=label, named=True) if th.id == theme.id else th for th in clustering.themes]
    return replace(clustering, themes=themes)


def merge_themes(clustering: Clustering, theme_ids: Sequence[str], *, label: str | None = None) -> Clustering:
    """A copy where the themes ``theme_ids`` are one theme: the first id, with ``label`` or the first label.

    The typical idea is the largest merged theme's. Ideas placed by hand in a
    merged theme are now placed in the merged one.

    >>> c = cluster(["Mer leksehjelp", "Leksehjelp for flere", "Chat", "Chat med helsesykepleier",
    ...              "Kurs for foreldre", "Foreldreveiledning"], themes=3)
    >>> len(merge_themes(c, ["t1", "t2"]).themes)
    2
    """
    chosen = [clustering.theme(theme_id) for theme_id in dict.fromkeys(theme_ids)]
    if not chosen:
        return clustering
    target = chosen[0]
    gone = {theme.id for theme in chosen[1:]}
    largest = max(chosen, key=lambda theme: theme.size)
    merged = replace(
        target,
        size=sum(theme.size for theme in chosen),
        typical_index=largest.typical_index,
        typical_id=largest.typical_id,
        label=clean_text(label, field="label", max_length=MAX_TITLE_LENGTH) if label else target.label,
        named=bool(label) or target.named,
    )
    return replace(
        clustering,
        themes=[merged if theme.id == target.id else theme for theme in clustering.themes if theme.id not in gone],
        assignment=[target.id if a in gone else a for a in clustering.assignment],
        manual={key: target.id if a in gone else a for key, a in clustering.manual.items()},
        pinned=frozenset(target.id if p in gone else p for p in clustering.pinned),
    )


@_one_thread
def split_theme(
    clustering: Clustering, items: Iterable, theme_id: str, *, parts: int = 2, lang: str = DEFAULT_LANG
) -> Clustering:
    """A copy where ``theme_id`` is split in ``parts`` themes by grouping its ideas again.

    ``items`` are the ideas ``clustering`` was made from (their texts are
    needed to compare them). The largest part keeps the id; the others get
    the next free "tN" and come right after it.
    """
    texts, keys = _read(items)
    if len(texts) != len(clustering.assignment):
        raise InvalidInputError(
            f"Got {len(texts)} ideas for a grouping of {len(clustering.assignment)}; pass the same ideas.",
            reason="unknown_idea",
            value=len(texts),
        )
    theme = clustering.theme(theme_id)
    members = clustering.members(theme.id)
    if len(members) < 2:
        return clustering
    parts = _theme_range(len(members), min(parts, len(members))).start
    f = features(texts)
    labels = _best_partition(f.embedding[members], range(parts, parts + 1))
    pieces = sorted(_numbered(labels)[0].values(), key=lambda m: (-len(m), m[0]))
    pieces = [[members[i] for i in piece] for piece in pieces]
    new_ids = [theme.id] + _next_ids((th.id for th in clustering.themes), len(pieces) - 1)
    assignment = list(clustering.assignment)
    for piece_id, piece in zip(new_ids, pieces, strict=True):
        for i in piece:
            assignment[i] = piece_id
    groups = {piece_id: piece for piece_id, piece in zip(new_ids, pieces, strict=True)}
    fresh = _themes_from(f, groups, keys, lang)
    themes = []
    for th in clustering.themes:
        if th.id == theme.id:
            themes.extend(fresh)
        else:
            themes.append(th)
    return replace(clustering, themes=themes, assignment=assignment)


def move_idea(clustering: Clustering, idea: object, theme_id: str) -> Clustering:
    """A copy where ``idea`` (position or id) is in ``theme_id``, recorded as placed by hand.

    A theme left empty stays (with size 0) until the next :func:`recluster`.

    >>> c = cluster(["Mer leksehjelp", "Leksehjelp for flere", "Chat", "Chat med helsesykepleier",
    ...              "Kurs for foreldre", "Foreldreveiledning"], themes=3)
    >>> moved = move_idea(c, 0, c.assignment[2])
    >>> moved.assignment[0] == c.assignment[2], moved.manual == {"Mer leksehjelp": c.assignment[2]}
    (True, True)
    """
    target = clustering.theme(theme_id)
    i = _find(idea, clustering.keys, clustering.keys)
    source = clustering.assignment[i]
    assignment = list(clustering.assignment)
    assignment[i] = target.id
    themes = []
    for theme in clustering.themes:
        size = sum(1 for a in assignment if a == theme.id)
        if theme.id == source and theme.typical_index == i:
            rest = [j for j, a in enumerate(assignment) if a == theme.id]
            first = rest[0] if rest else -1
            theme = replace(theme, typical_index=first, typical_id=clustering.keys[first] if rest else "")
        themes.append(replace(theme, size=size))
    return replace(clustering, themes=themes, assignment=assignment,
                   manual={**clustering.manual, clustering.keys[i]: target.id})
