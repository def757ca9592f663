"""The goal hierarchy: level words, what a goal accepts, the tree, the checks and their sentences."""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest

import samskaping
from samskaping.core.catalogue import goals as goal_texts
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, error_text
from samskaping.goals.model import (
    LEVELS,
    MAX_LINE_LENGTH,
    MAX_TEXT_LENGTH,
    Goal,
    GoalIssue,
    GoalLevel,
    GoalLink,
    check_goals,
    describe_error,
    describe_issue,
    level_above,
    numbering,
    parse_level,
    tree,
    walk,
)

P = "p1"
GOALS = Path(samskaping.__file__).parent / "goals"


def hierarchy() -> dict[str, Goal]:
    """A small plan in the seeds' words: one samfunnsmål, two effektmål, three resultatmål."""
    s = Goal(P, "samfunnsmal", "Kommunen skal være et trygt og godt sted å vokse opp.")
    e1 = Goal(P, "effektmal", "Alle barn og unge har en trygg voksen de kan fortelle hvordan de har det.",
              parent_id=s.id)
    e2 = Goal(P, "effektmal", "Tjenestene samarbeider til det beste for familiene.", parent_id=s.id)
    r1 = Goal(P, "resultatmal", "Alle ansatte er kurset i COS-P.", indicator="Andel ansatte kurset",
              source="Kursliste", when="Desember 2025", owner="Prosjektleder", parent_id=e1.id)
    r2 = Goal(P, "resultatmal", "Alle skoler bruker felles rutiner for fravær.", indicator="Antall skoler",
              parent_id=e1.id)
    r3 = Goal(P, "resultatmal", "Familier vet hvem som følger dem opp.", indicator="Spørreskjema til foresatte",
              parent_id=e2.id)
    return {"s": s, "e1": e1, "e2": e2, "r1": r1, "r2": r2, "r3": r3}


# --- Level words --------------------------------------------------------------------------


@pytest.mark.parametrize("word,level", [
    ("Samfunnsmål", "samfunnsmal"), ("hovedmål", "samfunnsmal"), ("Hovedmålet", None),
    ("Overordnet mål", "samfunnsmal"), ("HOVUDMÅL", "samfunnsmal"), ("Overordna mål", "samfunnsmal"),
    ("Impact goal", "samfunnsmal"), ("samfunnsmal", "samfunnsmal"),
    ("Effektmål", "effektmal"), ("Effekt mål", "effektmal"), ("Delmål", "effektmal"), ("Delmål 2", "effektmal"),
    ("Delmål 1)", "effektmal"), ("Gevinst", "effektmal"), ("gevinster", "effektmal"), ("Outcome goal", "effektmal"),
    ("Resultatmål", "resultatmal"), ("Resultat mål", "resultatmal"), ("Resultatmål 1.3", "resultatmal"),
    ("Prosessmål", "resultatmal"), ("Kulturmål:", "resultatmal"), ("Struktur mål", "resultatmal"),
    ("Strukturmål", "resultatmal"), ("Output goal", "resultatmal"), ("output goals", "resultatmal"),
])
def test_level_words_in_bokmal_nynorsk_and_english(word, level):
    if level is None:  # a definite form is not a level word: it is the start of a sentence
        with pytest.raises(InvalidInputError):
            parse_level(word)
        return
    assert parse_level(word) == level
    assert GoalLevel(word) is GoalLevel(level)


@pytest.mark.parametrize("value", ["Tiltak", "Mål", "", "  ", None, 3, "effektmål og resultatmål"])
def test_an_unknown_level_names_the_value_and_the_words_that_work(value):
    with pytest.raises(InvalidInputError) as info:
        parse_level(value)
    exc = info.value
    assert exc.reason == "bad_level" and exc.params["value"] == value
    assert repr(value) in str(exc)
    for word in ("samfunnsmål", "hovedmål", "effektmål", "delmål", "resultatmål"):
        assert word in str(exc)
    sentence = describe_error(exc)
    assert sentence.startswith(f"Nivået «{value}» er ikke et målnivå. Bruk samfunnsmål (hovedmål")
    assert "{" not in describe_error(exc, "nn") and "{" not in describe_error(exc, "en")


def test_levels_in_order_and_the_level_above():
    assert LEVELS == ("samfunnsmal", "effektmal", "resultatmal")
    assert [level_above(level) for level in LEVELS] == [None, "samfunnsmal", "effektmal"]


# --- A goal ------------------------------------------------------------------------------


def test_a_goal_cleans_its_text_and_keeps_the_other_fields_on_one_line():
    goal = Goal(" p1 ", "Prosessmål", "  Alle ansatte\r\ner kurset \x00i COS-P  ",
                indicator="Andel kurset\n(mål: 100 %)", source=" Kursliste ", when="Høst\t2025", owner="Prosjektleder")
    assert goal.project_id == "p1"
    assert goal.level is GoalLevel.RESULTATMAL
    assert goal.text == "Alle ansatte\ner kurset i COS-P"
    assert (goal.indicator, goal.source, goal.when, goal.owner) == (
        "Andel kurset (mål: 100 %)", "Kursliste", "Høst 2025", "Prosjektleder")
    assert goal.parent_id == "" and goal.nr == 0
    assert re.fullmatch(r"[0-9a-f]{16}", goal.id)
    assert goal.created.tzinfo is UTC and (datetime.now(UTC) - goal.created).total_seconds() < 60


@pytest.mark.parametrize("kwargs,reason,field", [
    ({"text": "   "}, "empty", "text"),
    ({"text": "x" * (MAX_TEXT_LENGTH + 1)}, "too_long", "text"),
    ({"text": 42}, "not_text", "text"),
    ({"indicator": "x" * (MAX_LINE_LENGTH + 1)}, "too_long", "indicator"),
    ({"owner": None}, "not_text", "owner"),
    ({"project_id": ""}, "empty", "project_id"),
    ({"level": "Tiltak"}, "bad_level", "level"),
    ({"nr": -1}, "out_of_range", "nr"),
    ({"nr": "3"}, "not_a_number", "nr"),
    ({"id": "g1", "parent_id": "g1"}, "self_parent", "parent_id"),
])
def test_a_goal_refuses_bad_values_naming_the_field(kwargs, reason, field):
    values = {"project_id": P, "level": "effektmal", "text": "Tidlig hjelp", **kwargs}
    with pytest.raises(InvalidInputError) as info:
        Goal(**values)
    assert info.value.reason == reason
    assert info.value.params["field"] == field
    assert describe_error(info.value) and "{" not in describe_error(info.value)


def test_a_goal_of_the_longest_length_is_kept_with_its_lines():
    text = "\n".join(["Alle barn og unge opplever trivsel."] * 27)[:MAX_TEXT_LENGTH].strip()
    assert Goal(P, "effektmal", text).text == text


def test_the_self_parent_sentence_says_what_to_do():
    with pytest.raises(InvalidInputError) as info:
        Goal(P, "effektmal", "x", id="g1", parent_id="g1")
    assert "'g1'" in str(info.value)
    assert describe_error(info.value) == (
        "Et mål kan ikke ligge under seg selv. Velg målet over det, eller la feltet stå tomt.")
    assert error_text(InvalidInputError("x", reason="empty")) == describe_error(InvalidInputError("x", reason="empty"))


def test_to_dict_and_back_gives_the_same_goal():
    goal = hierarchy()["r1"]
    goal.nr = 4
    data = goal.to_dict()
    assert data["level"] == "resultatmal" and data["created"] == goal.created.isoformat()
    assert set(data) == {"project_id", "level", "text", "indicator", "source", "when", "owner", "parent_id", "nr",
                         "id", "created"}
    assert Goal.from_dict(data) == goal
    with pytest.raises(InvalidInputError) as info:
        Goal.from_dict({**data, "colour": "red"})
    assert info.value.reason == "unknown_fields"


def test_a_link_ties_a_concept_to_a_goal():
    link = GoalLink(" g1 ", "k1")
    assert (link.goal_id, link.concept_id) == ("g1", "k1")
    assert GoalLink.from_dict(link.to_dict()) == link
    with pytest.raises(InvalidInputError) as info:
        GoalLink("g1", "")
    assert info.value.params["field"] == "concept_id"


# --- The tree ------------------------------------------------------------------------------


def test_tree_nests_in_the_given_order_and_numbers_like_an_outline():
    g = hierarchy()
    shuffled = [g["r3"], g["e2"], g["r1"], g["s"], g["r2"], g["e1"]]
    branches = tree(shuffled)
    assert [(goal.text[:12], depth) for goal, depth in walk(branches)] == [
        ("Kommunen ska", 0), ("Tjenestene s", 1), ("Familier vet", 2), ("Alle barn og", 1), ("Alle ansatte", 2),
        ("Alle skoler ", 2),
    ]
    numbers = numbering(list(g.values()))
    assert [numbers[g[key].id] for key in ("s", "e1", "r1", "r2", "e2", "r3")] == [
        "1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1"]


def test_tree_keeps_every_goal_once_even_with_parents_that_point_up_or_around():
    a = Goal(P, "effektmal", "A", id="a", parent_id="b")
    b = Goal(P, "resultatmal", "B", id="b", parent_id="a")  # a loop: only the higher level can be above
    c = Goal(P, "samfunnsmal", "C", id="c", parent_id="missing")
    d = Goal(P, "effektmal", "D", id="d", parent_id="d2")
    d2 = Goal(P, "effektmal", "D2", id="d2", parent_id="d")  # a loop on one level: both roots
    goals = [a, b, c, d, d2]
    assert [(goal.id, depth) for goal, depth in walk(tree(goals))] == [
        ("a", 0), ("b", 1), ("c", 0), ("d", 0), ("d2", 0)]
    assert sorted(numbering(goals)) == sorted(goal.id for goal in goals)


# --- Checks --------------------------------------------------------------------------------


def test_a_sound_hierarchy_with_its_concepts_linked_has_no_issues():
    g = hierarchy()
    links = [GoalLink(g["r1"].id, "k1"), GoalLink(g["e2"].id, "k2")]
    assert check_goals(g.values(), links, ["k1", "k2"]) == []
    assert check_goals([]) == []


def test_check_finds_a_missing_indicator_an_orphan_a_wrong_parent_and_a_concept_without_goal():
    g = hierarchy()
    g["r2"].indicator = ""
    stray = Goal(P, "effektmal", "Flere unge i arbeid eller skole.")
    lost = Goal(P, "resultatmal", "Nærværsteam etablert.", indicator="Ja/nei", parent_id="deleted-goal")
    skipped = Goal(P, "resultatmal", "Veileder for skolefravær er laget.", indicator="Ja/nei", parent_id=g["s"].id)
    upside = Goal(P, "samfunnsmal", "Trygg oppvekst.", parent_id=g["e1"].id)
    goals = [*g.values(), stray, lost, skipped, upside]
    links = [GoalLink(g["r1"].id, "k1"), GoalLink("deleted-goal", "k3")]
    issues = check_goals(goals, links, ["k1", "k2", "k3", "k2"])
    assert issues == [
        GoalIssue("missing_indicator", g["r2"].id, "goal.issue.missing_indicator"),
        GoalIssue("orphan", stray.id, "goal.issue.orphan.effektmal"),
        GoalIssue("orphan", lost.id, "goal.issue.orphan.resultatmal"),
        GoalIssue("bad_parent", skipped.id, "goal.issue.bad_parent.resultatmal"),
        GoalIssue("bad_parent", upside.id, "goal.issue.bad_parent.samfunnsmal"),
        GoalIssue("concept_without_goal", "k2", "goal.issue.concept_without_goal"),
        GoalIssue("concept_without_goal", "k3", "goal.issue.concept_without_goal"),  # linked to no goal here
    ]
    sentences = [describe_issue(issue, goals, concepts={"k2": "Nærværsteam"}) for issue in issues]
    assert sentences[0] == (
        "Resultatmål 1.1.2 «Alle skoler bruker felles rutiner for fravær.» har ingen indikator. Skriv hvordan dere "
        "vil måle det (et tall eller et evalueringsspørsmål); uten indikator kan målet ikke evalueres.")
    assert sentences[1].startswith("Effektmål 2 «Flere unge i arbeid eller skole.» henger ikke under noe samfunnsmål")
    assert "Resultatmål 3 «Nærværsteam etablert.» henger ikke under noe effektmål" in sentences[2]
    assert sentences[3] == (
        "Resultatmål 1.3 «Veileder for skolefravær er laget.» ligger under samfunnsmål «Kommunen skal være et trygt og "
        "godt sted å vokse opp.». Et resultatmål skal ligge under et effektmål: flytt det dit.")
    assert "ligger under effektmål «Alle barn og unge" in sentences[4]
    assert sentences[5].startswith("Konseptet «Nærværsteam» er ikke knyttet til noe mål.")
    assert sentences[6].startswith("Konseptet «k3»")
    for lang in ("nn", "en"):
        for issue in issues:
            text = describe_issue(issue, goals, lang)
            assert text and "{" not in text


def test_a_long_goal_is_quoted_short_in_a_sentence():
    goal = Goal(P, "resultatmal", "Alle ansatte " * 30)
    (issue, orphan) = check_goals([goal])
    assert orphan.kind == "orphan"
    text = describe_issue(issue, [goal])
    assert "…»" in text and len(text) < 300


# --- Texts ----------------------------------------------------------------------------------


def test_the_catalogue_part_has_only_goal_keys_and_every_key_the_code_asks_for():
    # Besides its own keys, the part says its errors under the keys error_text() looks up, in the same words.
    mirrored = {key: text for key, text in goal_texts.NB.items() if key.startswith("error.InvalidInputError.")}
    assert all(goal_texts.NB[f"goal.error.{key.rsplit('.', 1)[1]}"] == text for key, text in mirrored.items())
    assert goal_texts.NB and all(key.startswith("goal.") for key in goal_texts.NB if key not in mirrored)
    assert all(CATALOGUE["nb"][key] == text for key, text in goal_texts.NB.items())
    source = "\n".join(path.read_text(encoding="utf-8") for path in GOALS.glob("*.py"))
    literal = set(re.findall(r"""t\(\s*["'](goal\.[a-z_.]+)["']""", source))
    assert literal and literal <= set(goal_texts.NB), literal - set(goal_texts.NB)
    # Keys built from a level, an issue or a reason.
    built = {f"goal.level.{level}" for level in LEVELS} | {f"goal.field.{f}" for f in (
        "level", "text", "indicator", "source", "when", "owner")}
    built |= {issue.text_key for issue in check_goals(
        [Goal(P, "resultatmal", "x"), Goal(P, "effektmal", "y", parent_id="z")], (), ["k"])}
    assert built <= set(goal_texts.NB)


def test_every_text_fills_its_placeholders():
    for key, text in goal_texts.NB.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        assert all(re.fullmatch(r"[a-z_]+", name) for name in fields), key
