import random
from dataclasses import dataclass

import pytest
from idea_cases import cases, evaluate, held_out, seeds_for

from samskaping.core.catalogue import CATALOGUE
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import error_text
from samskaping.ideas.clustering import (
    MAX_AUTO_THEMES,
    Clustering,
    cluster,
    label_theme,
    merge_themes,
    move_idea,
    near_duplicates,
    recluster,
    rename_theme,
    seeded_grouping,
    split_theme,
)
from samskaping.ideas.text import analyse, lexicon

TEXTS = [text for text, _ in cases()]
TRUTH = [theme for _, theme in cases()]


@dataclass
class Note:
    id: str
    text: str


def _partition(clustering, keys):
    """The grouping as a set of frozensets of keys: independent of theme ids and order."""
    groups = {}
    for key, theme in zip(keys, clustering.assignment, strict=True):
        groups.setdefault(theme, set()).add(key)
    return {frozenset(group) for group in groups.values()}


@pytest.fixture(scope="module")
def labelled():
    return cluster(TEXTS)


@pytest.fixture(scope="module")
def scores():
    return evaluate()


# --- The labelled set ---------------------------------------------------------------


def test_the_labelled_sets_are_big_enough_and_partly_nynorsk():
    assert len(cases()) >= 150 and 8 <= len(set(TRUTH)) <= 10
    assert len(held_out()) == 40
    nynorsk = {"ikkje", "frå", "kva", "eit", "ein", "ei", "dei", "heimen", "skule", "skulen", "tilsette",
                "born", "utan", "open", "treng", "nokon", "kvar", "sjølv", "meir", "fleire", "tilbod",
                "tenestene", "lågterskel", "kome", "tverrfagleg", "brukarmedverknad", "einsemd", "samtalar",
                "vere", "ungdomen", "fritidstilboda"}
    share = sum(any(w in nynorsk for w in text.lower().split()) for text in TEXTS) / len(TEXTS)
    assert share >= 0.13


def test_clustering_quality_on_the_labelled_set(scores):
    assert scores.ari >= 0.60  # 0.71 when written (target 0.45)
    assert scores.seeded_accuracy >= 0.78  # 0.83 when written (target 0.75)


def test_clustering_quality_on_the_held_out_set():
    scores = evaluate(held_out())
    assert scores.ari >= 0.30  # 0.38 when written: below the 0.45 target, see the module notes
    assert scores.seeded_accuracy >= 0.78  # 0.86 when written


def test_auto_theme_count_is_sensible(scores):
    assert 7 <= scores.auto_themes <= MAX_AUTO_THEMES


# --- Determinism and shape -------------------------------------------------------------


def test_same_input_same_result(labelled):
    again = cluster(TEXTS)
    assert again.assignment == labelled.assignment
    assert [t.label for t in again.themes] == [t.label for t in labelled.themes]


def test_input_order_does_not_change_the_grouping(labelled):
    order = list(range(len(TEXTS)))
    random.Random(7).shuffle(order)
    shuffled = cluster([TEXTS[i] for i in order])
    assert _partition(shuffled, [TEXTS[i] for i in order]) == _partition(labelled, TEXTS)


def test_every_idea_has_a_theme_and_ids_are_ordered_by_size(labelled):
    ids = {theme.id for theme in labelled.themes}
    assert len(labelled.assignment) == len(TEXTS) and set(labelled.assignment) == ids
    assert [t.id for t in labelled.themes] == [f"t{k}" for k in range(1, len(ids) + 1)]
    sizes = [t.size for t in labelled.themes]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes == [labelled.assignment.count(t.id) for t in labelled.themes]
    for theme in labelled.themes:
        assert labelled.assignment[theme.typical_index] == theme.id
        assert theme.typical_id == TEXTS[theme.typical_index]


def test_labels_name_concepts_in_readable_norwegian(labelled):
    labels = [t.label for t in labelled.themes]
    assert all(label and label[0].isupper() for label in labels)
    assert any("·" in label for label in labels)
    joined = " ".join(labels)
    for word in ("Fravær", "Foreldre", "Digitalt", "Psykisk helse"):
        assert word in joined


def test_english_labels_come_from_the_catalogue():
    result = cluster(TEXTS, lang="en")
    joined = " ".join(t.label for t in result.themes)
    assert "Absence" in joined or "absence" in joined


def test_objects_with_id_and_text_are_accepted():
    notes = [Note(f"id{i}", text) for i, text in enumerate(TEXTS[:20])]
    result = cluster(notes)
    assert result.keys == [n.id for n in notes]
    assert all(t.typical_id.startswith("id") for t in result.themes)


def test_eight_ideas_work():
    eight = ([t for t, theme in cases() if theme == "fravaer"][:4]
             + [t for t, theme in cases() if theme == "digital"][:4])
    result = cluster(eight)
    assert len(result.themes) == 2
    assert len(set(result.assignment[:4])) == 1 and len(set(result.assignment[4:])) == 1


def test_one_idea_is_one_theme_and_no_ideas_is_a_clear_error():
    result = cluster(["Mer leksehjelp"])
    assert result.assignment == ["t1"] and result.themes[0].size == 1
    with pytest.raises(InvalidInputError) as caught:
        cluster([])
    assert caught.value.reason == "no_ideas"
    assert "ingen idéer" in error_text(caught.value)


def test_theme_count_can_be_set_and_is_checked():
    assert len(cluster(TEXTS, themes=5).themes) == 5
    for bad in (0, len(TEXTS) + 1, 2.5, "3", True):
        with pytest.raises(InvalidInputError) as caught:
            cluster(TEXTS, themes=bad)
        assert caught.value.reason == "bad_theme_count"


def test_ideas_without_words_still_get_a_theme():
    result = cluster(["???", "og", "mer", "Mer leksehjelp", "kurs", "", "Chat med helsesykepleier"])
    assert all(result.assignment)


def test_not_an_idea_is_refused():
    with pytest.raises(InvalidInputError) as caught:
        cluster([3.14])
    assert caught.value.reason == "not_an_idea"


# --- Seeded grouping ----------------------------------------------------------------------


def test_seeded_grouping_keeps_seeds_and_names_themes_after_them():
    seeds = seeds_for(cases())
    result = seeded_grouping(TEXTS, seeds)
    assert [t.id for t in result.themes] == list(seeds)
    assert [t.label for t in result.themes] == list(seeds)
    for name, indices in seeds.items():
        assert all(result.assignment[i] == name for i in indices)
    assert set(result.manual.values()) == set(seeds)


def test_seeds_by_text_and_id():
    notes = [Note(f"n{i}", text) for i, text in enumerate(TEXTS)]
    absence, digital = TRUTH.index("fravaer"), TRUTH.index("digital")
    by_text = seeded_grouping(notes, {"Fravær": [TEXTS[absence]], "Digitalt": [f"n{digital}"]})
    assert by_text.assignment[absence] == "Fravær" and by_text.assignment[digital] == "Digitalt"
    assert set(by_text.assignment) == {"Fravær", "Digitalt"}


def test_seed_errors_are_clear():
    with pytest.raises(InvalidInputError) as caught:
        seeded_grouping(TEXTS, {"A": [0], "B": [0]})
    assert caught.value.reason == "seed_conflict"
    with pytest.raises(InvalidInputError) as caught:
        seeded_grouping(TEXTS, {"A": ["Ingen har skrevet dette"]})
    assert caught.value.reason == "unknown_idea"
    with pytest.raises(InvalidInputError) as caught:
        seeded_grouping(TEXTS, {"A": []})
    assert caught.value.reason == "no_seeds"
    with pytest.raises(InvalidInputError):
        seeded_grouping(TEXTS, {"A": [len(TEXTS)]})


# --- Near duplicates --------------------------------------------------------------------------

PAIRS = [
    ("Mer leksehjelp", "Leksehjelp for flere"),
    ("Chat med helsesykepleier", "chat med helsesykepleieren"),
    ("Foreldreveiledning", "Veiledning av foreldre"),
    ("Nærværsteam på hver skole", "nærværsteam på alle skoler"),
    ("Gratis fritidsaktiviteter", "Fritidsaktiviteter gratis for alle"),
]
UNRELATED = [
    "Fritidskortet så alle barn kan delta",
    "Kurs i samtaler med barn",
    "Drop-in på helsestasjonen",
    "Overgang fra barnehage til skole",
    "Ungdomsrådet må høres",
]


@pytest.mark.parametrize("a, b", PAIRS)
def test_near_duplicates_found(a, b):
    found = near_duplicates([a, *UNRELATED, b])
    assert (0, len(UNRELATED) + 1) in [(i, j) for i, j, _ in found]


def test_near_duplicates_not_found_among_unrelated_ideas():
    assert near_duplicates(UNRELATED) == []
    found = near_duplicates(TEXTS)
    assert len(found) <= 5  # the labelled set has few real duplicates


def test_near_duplicates_deterministic_and_ordered():
    texts = [a for a, _ in PAIRS] + [b for _, b in PAIRS]
    first = near_duplicates(texts)
    assert first == near_duplicates(texts)
    assert all(i < j for i, j, _ in first)
    assert [s for _, _, s in first] == sorted((s for _, _, s in first), reverse=True)
    with pytest.raises(InvalidInputError) as caught:
        near_duplicates(texts, threshold=1.5)
    assert caught.value.reason == "bad_threshold"


# --- Re-runs and edits ---------------------------------------------------------------------------

NEW_THEMES = ("digital", "overgang")


@pytest.fixture(scope="module")
def before():
    old = [text for text, theme in cases() if theme not in NEW_THEMES]
    assert old == TEXTS[: len(old)]
    return cluster(old)


def test_recluster_keeps_pins_and_manual_moves(before):
    pinned = before.assignment[0]
    moved_to = before.assignment[60]
    assert moved_to != before.assignment[10]
    edited = move_idea(before, 5, before.assignment[40])
    after = recluster(TEXTS, edited, pinned_themes={pinned}, manual={10: moved_to})
    assert after.assignment[5] == before.assignment[40]
    assert after.assignment[10] == moved_to
    for i in before.members(pinned):
        if i not in (5, 10):
            assert after.assignment[i] == pinned
    assert after.theme(pinned).label == before.theme(pinned).label
    assert pinned in after.pinned
    assert set(after.assignment) == {t.id for t in after.themes}


def test_recluster_makes_new_themes_for_clearly_new_ideas(before):
    after = recluster(TEXTS, before)
    old_ids = {t.id for t in before.themes}
    new_ids = [t.id for t in after.themes if t.id not in old_ids]
    assert len(new_ids) >= 1
    arrived = [i for i, theme in enumerate(TRUTH) if theme in NEW_THEMES]
    in_new = sum(after.assignment[i] in new_ids for i in arrived)
    assert in_new >= len(arrived) * 0.6


def test_recluster_is_stable_when_nothing_new_arrives(labelled):
    again = recluster(TEXTS, labelled)
    assert again.assignment == labelled.assignment


def test_recluster_keeps_names_given_by_a_person(before):
    named = rename_theme(before, "t2", "Foreldrestøtte")
    after = recluster(TEXTS, named)
    assert after.theme("t2").label == "Foreldrestøtte"


def test_recluster_refuses_unknown_themes(before):
    with pytest.raises(InvalidInputError) as caught:
        recluster(TEXTS, before, pinned_themes={"t99"})
    assert caught.value.reason == "unknown_theme"


def test_rename_merge_split_move_are_pure(labelled):
    snapshot = labelled.to_dict()
    renamed = rename_theme(labelled, "t1", "Lavterskel")
    assert renamed.theme("t1").label == "Lavterskel" and renamed.theme("t1").named
    merged = merge_themes(labelled, ["t1", "t2"], label="Sammen")
    assert len(merged.themes) == len(labelled.themes) - 1
    assert merged.theme("t1").size == labelled.theme("t1").size + labelled.theme("t2").size
    assert "t2" not in merged.assignment
    split = split_theme(labelled, TEXTS, "t1", parts=2)
    assert len(split.themes) == len(labelled.themes) + 1
    assert sorted(split.assignment.count(t.id) for t in split.themes) == sorted(t.size for t in split.themes)
    moved = move_idea(labelled, 0, "t3")
    assert moved.assignment[0] == "t3" and moved.manual == {TEXTS[0]: "t3"}
    assert labelled.to_dict() == snapshot  # nothing changed in place
    assert Clustering.from_dict(moved.to_dict()) == moved


# --- Label and lexicon -----------------------------------------------------------------------------


def test_label_theme_gives_label_and_typical_idea():
    ideas = ["Foreldreveiledning for alle", "Kurs for foresatte", "COS-P til foreldre", "Mer fritid"]
    label = label_theme(ideas[:3], background=ideas[3:])
    assert "Foreldre" in label.label
    assert label.typical in ideas[:3] and ideas.index(label.typical) == label.typical_index


def test_bokmal_and_nynorsk_meet():
    assert analyse("Skulevegring").concepts == analyse("skolevegring").concepts == {"fravaer": 1.0}
    assert "foreldrestotte" in analyse("foreldrerettleiing").concepts
    assert "foreldrestotte" in analyse("veiledning av foreldre").concepts
    assert "lavterskel" in analyse("Open dør utan tilvising").concepts


def test_lexicon_is_a_few_hundred_words_and_every_concept_has_names():
    lex = lexicon()
    assert len(lex.phrases) >= 300
    for concept in lex.concepts:
        for lang in ("nb", "en"):
            assert f"ideas.concept.{concept}" in CATALOGUE[lang]
