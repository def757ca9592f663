from datetime import datetime

import pytest

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import t
from samskaping.core.models import (
    DEFAULT_GROUPS,
    GROUPS,
    KS_PHASES,
    KS_PHASES_OF,
    PHASES,
    Group,
    Workshop,
    clean_text,
    new_join_code,
    normalise_join_code,
    offered_groups,
)
from samskaping.ideas.model import MAX_IDEA_LENGTH, Idea
from samskaping.room.model import Arrival


def test_idea_text_is_trimmed_and_control_characters_dropped():
    idea = Idea(workshop_id="w", text="\u202e  Mer\u0000 leksehjelp\r\npå kveldstid  \t")
    assert idea.text == "Mer leksehjelp\npå kveldstid"


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n", "\u200b\u200b"])
def test_empty_or_whitespace_idea_is_refused(text):
    with pytest.raises(InvalidInputError) as info:
        Idea(workshop_id="w", text=text)
    assert info.value.reason == "empty"


def test_too_long_idea_names_its_length_and_the_limit():
    with pytest.raises(InvalidInputError) as info:
        Idea(workshop_id="w", text="a" * (MAX_IDEA_LENGTH + 1))
    assert info.value.params["length"] == MAX_IDEA_LENGTH + 1
    assert str(MAX_IDEA_LENGTH) in str(info.value)


def test_exactly_max_length_is_accepted():
    assert len(Idea(workshop_id="w", text="å" * MAX_IDEA_LENGTH).text) == MAX_IDEA_LENGTH


def test_unknown_group_is_refused_with_the_choices():
    with pytest.raises(InvalidInputError) as info:
        Idea(workshop_id="w", text="x", group="rektor")
    assert "rektor" in str(info.value) and "ansatt" in str(info.value)


def test_missing_group_means_annet():
    assert Idea(workshop_id="w", text="x", group="").group == "annet"


def test_workshop_validates_phase_and_language():
    with pytest.raises(InvalidInputError):
        Workshop(title="T", phase="planlegging")
    with pytest.raises(InvalidInputError):
        Workshop(title="T", lang="de")
    with pytest.raises(InvalidInputError):
        Workshop(title="  ")


def test_join_codes_avoid_look_alike_characters():
    codes = {new_join_code() for _ in range(500)}
    assert len(codes) > 490
    assert not any(set(code) & set("01OIL") for code in codes)
    assert normalise_join_code(" ab-c 234") == "ABC234"


def test_dict_round_trip_keeps_everything():
    idea = Idea(workshop_id="w", text='«Sitat» med "fnutter" 🎉\nog linjeskift', group="ungdom", hidden=True)
    again = Idea.from_dict(idea.to_dict())
    assert again == idea
    assert isinstance(again.created, datetime)


def test_from_dict_names_unknown_fields():
    data = Workshop(title="T").to_dict() | {"colour": "red"}
    with pytest.raises(InvalidInputError, match="colour"):
        Workshop.from_dict(data)


def test_clean_text_refuses_non_text():
    with pytest.raises(InvalidInputError, match="int"):
        clean_text(5, field="text", max_length=10)


def test_groups_cover_the_room_and_the_seeds_own_groups():
    assert {"ansatt", "leder", "bruker", "ungdom", "frivillig", "politiker", "annet"} <= set(GROUPS)
    # Midt-Telemark's evaluation plan: foreldre, barn, innbyggere, kompetansemiljø, private aktører.
    assert {"foresatt", "barn", "innbygger", "kompetansemiljo", "privat_aktor"} <= set(GROUPS)
    assert GROUPS[-1] == "annet"
    assert all(t(f"group.{g}", lang) != f"group.{g}" for g in GROUPS for lang in ("nb", "en"))


@pytest.mark.parametrize("spelling, key", [
    ("bruker", "bruker"), ("Bruker", "bruker"), ("Ansatte", "ansatt"), ("Foresatte", "foresatt"),
    ("foreldre", "foresatt"), ("Innbyggere", "innbygger"), ("Kompetansemiljø", "kompetansemiljo"),
    ("Private aktører", "privat_aktor"), ("privat aktør", "privat_aktor"), ("Pårørende", "bruker"),
    ("Bruker eller pårørende", "bruker"),
])
def test_group_spellings_fold_to_their_key(spelling, key):
    assert Group.parse(spelling, "group") == key


def test_old_group_keys_stay_readable_everywhere_they_are_stored():
    """Every key a v0.1 file or store can hold reads as the same group (no key changed, so no migration)."""
    for key in ("ansatt", "leder", "bruker", "ungdom", "frivillig", "politiker", "annet"):
        assert Idea("w", "x", group=key).group == key
        assert Arrival("w", "s", key).group == key


def test_a_workshop_offers_the_default_groups_unless_it_chooses():
    assert Workshop("T").groups == DEFAULT_GROUPS == offered_groups(Workshop("T"))
    assert len(DEFAULT_GROUPS) <= 8 and DEFAULT_GROUPS[-1] == "annet"  # short on a phone
    school = Workshop("Elevråd", groups=["ungdom", "Barn", "ansatte", "barn"])
    assert offered_groups(school) == ("ansatt", "barn", "ungdom", "annet")  # kit order, once each, annet last
    assert Workshop.from_dict(school.to_dict()) == school
    assert school.to_dict()["groups"] == ["ansatt", "barn", "ungdom", "annet"]
    old = Workshop(title="T").to_dict()
    del old["groups"]  # a file from before workshops chose their groups
    assert Workshop.from_dict(old).groups == DEFAULT_GROUPS
    with pytest.raises(InvalidInputError) as info:
        Workshop("T", groups=["katt"])
    assert info.value.reason == "bad_choice"
    with pytest.raises(InvalidInputError):
        Workshop("T", groups=5)


def test_each_kit_phase_maps_onto_ks_veikart():
    """The kit's four phases are the Selbu plan's service design; KS' current veikart has six."""
    assert PHASES == ("innsikt", "ide", "utforming", "implementering")
    assert KS_PHASES == ("forankring", "innsikt", "tjenesteutvikling", "pilotering", "overgang_til_drift",
                         "ny_praksis")
    assert set(KS_PHASES_OF) == set(PHASES)
    mapped = [ks for phase in PHASES for ks in KS_PHASES_OF[phase]]
    assert mapped == sorted(mapped, key=KS_PHASES.index)  # the workshops follow the veikart's order
    assert set(mapped) == set(KS_PHASES) - {"ny_praksis"}  # ny praksis comes after the workshops
