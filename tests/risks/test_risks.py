"""Risks and success factors: clear errors, levels at their edges, and the scale words of every language."""

from __future__ import annotations

from datetime import datetime

import pytest

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import error_text
from samskaping.core.models import MAX_TITLE_LENGTH
from samskaping.risks.model import (
    Risk,
    RiskLevel,
    RiskStatus,
    SuccessFactor,
    Thresholds,
    display_numbers,
    parse_scale,
    scale_word,
)

P = "p1"


# --- Risk --------------------------------------------------------------------------------------


def test_a_risk_keeps_its_values_and_scores_likelihood_times_consequence():
    risk = Risk(P, "  Prosjektet forankres ikke\nblant ansatte ", 4, 4.0, nr=2,
                measures="• Hyppig informasjon\n• Evaluering", owner=" Arbeidsgruppa ", status="Tiltak")
    assert risk.title == "Prosjektet forankres ikke blant ansatte"  # one line
    assert (risk.likelihood, risk.consequence, risk.score) == (4, 4, 16)
    assert isinstance(risk.consequence, int)
    assert risk.measures == "• Hyppig informasjon\n• Evaluering"  # measures keep their lines
    assert (risk.owner, risk.status) == ("Arbeidsgruppa", RiskStatus.TILTAK)
    assert len(risk.id) == 16 and risk.created.tzinfo is not None
    assert Risk(P, "Ny", 1, 1).status == RiskStatus.APEN and Risk(P, "Ny", 1, 1).nr == 0


@pytest.mark.parametrize(
    ("kwargs", "field", "reason", "says"),
    [
        ({"title": "   "}, "title", "empty", "title is empty"),
        ({"title": "x" * (MAX_TITLE_LENGTH + 1)}, "title", "too_long", "shorten it to 200"),
        ({"likelihood": 0}, "likelihood", "out_of_range", "likelihood 0 is outside 1-5"),
        ({"likelihood": 6}, "likelihood", "out_of_range", "likelihood 6 is outside 1-5"),
        ({"consequence": 3.5}, "consequence", "not_a_whole_number", "consequence 3.5 is not a whole number"),
        ({"consequence": "3"}, "consequence", "not_a_number", "consequence '3' is not a number"),
        ({"likelihood": True}, "likelihood", "not_a_number", "likelihood True is not a number"),
        ({"nr": -1}, "nr", "out_of_range", "nr -1 is outside"),
        ({"status": "kanskje"}, "status", "bad_choice", "status 'kanskje' is not one of apen, tiltak, lukket"),
        ({"project_id": " "}, "project_id", "empty", "project_id ' ' is not an id"),
        ({"owner": "x" * 201}, "owner", "too_long", "owner has 201 characters"),
    ],
)
def test_a_bad_risk_is_refused_with_the_field_the_value_and_the_fix(kwargs, field, reason, says):
    values = {"project_id": P, "title": "Koordinator slutter", "likelihood": 2, "consequence": 4, **kwargs}
    with pytest.raises(InvalidInputError) as info:
        Risk(**values)
    assert info.value.reason == reason
    assert info.value.params["field"] == field
    assert says in str(info.value)
    assert "{" not in error_text(info.value)  # a Norwegian sentence, filled in


def test_a_risk_round_trips_through_a_dict():
    risk = Risk(P, "Brukerstemmen tas ikke med", 3, 4, nr=4, measures="Bevisst utvalg", owner="Prosjektledelsen",
                status=RiskStatus.LUKKET)
    data = risk.to_dict()
    assert data["status"] == "lukket" and isinstance(data["created"], str)
    back = Risk.from_dict(data)
    assert back == risk and isinstance(back.created, datetime)
    with pytest.raises(InvalidInputError, match="lacks the field"):
        Risk.from_dict({"title": "x"})


# --- Levels -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("likelihood", "consequence", "level"),
    [(1, 1, "lav"), (2, 2, "lav"), (1, 4, "lav"), (1, 5, "middels"), (3, 3, "middels"), (5, 2, "hoy"),
     (2, 5, "hoy"), (5, 5, "hoy")],
)
def test_levels_at_the_edges_of_the_default_thresholds(likelihood, consequence, level):
    """4 is lav and 5 middels; 9 is middels and 10 høy."""
    assert Risk(P, "R", likelihood, consequence).level() == level


def test_thresholds_give_the_level_of_every_score():
    default = Thresholds()
    assert [default.level(s) for s in (4, 5, 9, 10, 25)] == ["lav", "middels", "middels", "hoy", "hoy"]
    strict = Thresholds(middels=3, hoy=6)
    assert [strict.level(s) for s in (2, 3, 5, 6)] == ["lav", "middels", "middels", "hoy"]
    risk = Risk(P, "R", 3, 4)  # 12
    assert (risk.level(), risk.level(Thresholds(13, 20)), risk.level(Thresholds(12, 13))) == ("hoy", "lav", "middels")
    assert default.span(RiskLevel.LAV) == (1, 4) and default.span("hoy") == (10, 25)


@pytest.mark.parametrize(("middels", "hoy", "reason"), [(10, 10, "bad_thresholds"), (12, 8, "bad_thresholds"),
                                                          (0, 10, "out_of_range"), (5, 26, "out_of_range"),
                                                          (5.5, 10, "not_a_whole_number")])
def test_thresholds_that_do_not_rise_within_1_to_25_are_refused(middels, hoy, reason):
    with pytest.raises(InvalidInputError) as info:
        Thresholds(middels=middels, hoy=hoy)
    assert info.value.reason == reason
    if reason == "bad_thresholds":
        assert str(info.value) == f"middels {middels} is not below hoy {hoy}; use 1 <= middels < hoy <= 25."
        assert error_text(info.value) == (
            f"Grensene for risikonivå passer ikke sammen: middels fra {middels} og høy fra {hoy}. "
            "Høy må begynne over middels, og begge må være hele tall fra 1 til 25."
        )


# --- Scale words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scale", "step"),
    [
        # bokmål, as Nesseby's matrix prints them, and the other forms plans use
        ("Meget liten", "likelihood", 1), ("Svært liten", "likelihood", 1), ("Liten", "likelihood", 2),
        ("Moderat", "likelihood", 3), ("Stor", "likelihood", 4), ("Meget stor", "likelihood", 5),
        ("Svært stor", "likelihood", 5), ("Ubetydelig", "consequence", 1), ("Lav", "consequence", 2),
        ("Liten", "consequence", 2), ("Mindre alvorlig", "consequence", 2), ("Middels", "consequence", 3),
        ("Alvorlig", "consequence", 4), ("Svært alvorlig", "consequence", 5), ("Meget alvorlig", "consequence", 5),
        ("Kritisk", "consequence", 5),
        # nynorsk
        ("Svært lita", "likelihood", 1), ("Lita", "likelihood", 2), ("Ubetydeleg", "consequence", 1),
        ("Låg", "consequence", 2), ("Alvorleg", "consequence", 4), ("Svært alvorleg", "consequence", 5),
        # English
        ("very low", "likelihood", 1), ("Low", "likelihood", 2), ("Moderate", "likelihood", 3),
        ("high", "likelihood", 4), ("Very High", "likelihood", 5), ("negligible", "consequence", 1),
        ("Minor", "consequence", 2), ("serious", "consequence", 4), ("Critical", "consequence", 5),
        # odd case, spaces, æøå spelt out, a note in brackets
        ("  mEGET stor ", "likelihood", 5), ("SVAERT ALVORLIG", "consequence", 5), ("svart alvorlig", "consequence", 5),
        ("Moderat (3)", "consequence", 3),
        # numbers
        ("3", "likelihood", 3), (3, "consequence", 3), ("3,0", "likelihood", 3), (4.0, "consequence", 4),
        (" 5 ", "consequence", 5),
    ],
)
def test_scale_words_and_numbers_read_as_their_step(text, scale, step):
    assert parse_scale(text, scale) == step


@pytest.mark.parametrize("value", ["høy", "lav", "veldig høy", "", "3,5", "0", "6", 7, 2.5, True, None, "ja"])
def test_anything_else_is_not_guessed_and_the_error_names_the_value_and_the_words(value):
    with pytest.raises(InvalidInputError) as info:
        parse_scale(value, "likelihood")
    assert info.value.reason == "bad_scale"
    assert info.value.params["value"] == value and info.value.params["field"] == "likelihood"
    assert repr(value) in str(info.value)
    assert "Meget liten, Liten, Moderat, Stor, Meget stor" in str(info.value)
    assert error_text(info.value) == (
        f"«{value}» er ikke på skalaen. Skriv et helt tall fra 1 til 5 eller et av ordene: "
        "1 = Meget liten, 2 = Liten, 3 = Moderat, 4 = Stor, 5 = Meget stor."
    )


def test_lav_is_a_consequence_but_not_a_likelihood_and_the_scale_must_be_known():
    assert parse_scale("lav", "consequence") == 2
    with pytest.raises(InvalidInputError):
        parse_scale("lav", "likelihood")
    with pytest.raises(InvalidInputError, match="scale 'impact' is not one of likelihood, consequence"):
        parse_scale(3, "impact")


def test_the_matrix_labels_come_from_the_catalogue():
    assert [scale_word(n, "likelihood") for n in range(1, 6)] == [
        "Meget liten", "Liten", "Moderat", "Stor", "Meget stor"]
    assert [scale_word(n, "consequence") for n in range(1, 6)] == [
        "Ubetydelig", "Lav", "Moderat", "Alvorlig", "Svært alvorlig"]
    for lang in ("nb", "nn", "en"):  # each language's own words read back as their step
        for scale in ("likelihood", "consequence"):
            assert [parse_scale(scale_word(n, scale, lang), scale) for n in range(1, 6)] == [1, 2, 3, 4, 5]


# --- Success factors and numbers ----------------------------------------------------------------


def test_a_success_factor_keeps_its_rank_consequences_and_risk():
    factor = SuccessFactor(P, "Prosjektet forankres blant ansatte", 3, nr=2,
                           consequences="Ingen fremdrift\n\nRutiner tas ikke i bruk\n Utsatte barn fanges opp sent ",
                           risk_nr=2, measures="Hyppig informasjon til ansatte")
    assert factor.consequences == ("Ingen fremdrift", "Rutiner tas ikke i bruk", "Utsatte barn fanges opp sent")
    data = factor.to_dict()
    assert data["consequences"] == ["Ingen fremdrift", "Rutiner tas ikke i bruk", "Utsatte barn fanges opp sent"]
    assert SuccessFactor.from_dict(data) == factor


@pytest.mark.parametrize(
    ("kwargs", "field", "reason"),
    [({"priority": 0}, "priority", "out_of_range"), ({"priority": 4}, "priority", "out_of_range"),
     ({"priority": "høy"}, "priority", "not_a_number"), ({"title": ""}, "title", "empty"),
     ({"risk_nr": -2}, "risk_nr", "out_of_range"), ({"consequences": 5}, "consequences", "not_text"),
     ({"consequences": ["x"] * 21}, "consequences", "too_long")],
)
def test_a_bad_success_factor_is_refused_naming_the_field(kwargs, field, reason):
    with pytest.raises(InvalidInputError) as info:
        SuccessFactor(**{"project_id": P, "title": "Koordinator utfører sine oppgaver", "priority": 1, **kwargs})
    assert (info.value.params["field"], info.value.reason) == (field, reason)


def test_unnumbered_risks_get_the_next_free_numbers_in_list_order():
    risks = [Risk(P, "A", 1, 1), Risk(P, "B", 1, 1, nr=3), Risk(P, "C", 1, 1), Risk(P, "D", 1, 1, nr=1)]
    assert [display_numbers(risks)[r.id] for r in risks] == [4, 3, 5, 1]
    assert display_numbers([]) == {}
