from datetime import datetime

import pytest

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.models import GROUPS, Workshop, clean_text, new_join_code, normalise_join_code
from samskaping.ideas.model import MAX_IDEA_LENGTH, Idea


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


def test_groups_cover_the_room():
    assert {"ansatt", "leder", "bruker", "ungdom", "frivillig", "politiker", "annet"} == set(GROUPS)
