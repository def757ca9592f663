import string

import pytest

from samskaping.core.exceptions import InvalidInputError, SchemaTooNewError, WorkshopNotFoundError
from samskaping.core.i18n import CATALOGUE, choose_lang, error_text, t


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_has_every_bokmal_key_and_the_same_placeholders():
    nb, en = CATALOGUE["nb"], CATALOGUE["en"]
    assert set(nb) == set(en)
    for key in nb:
        assert _fields(nb[key]) == _fields(en[key]), key


def test_no_empty_texts():
    for lang, texts in CATALOGUE.items():
        assert all(text.strip() for text in texts.values()), lang


@pytest.mark.parametrize(
    "exc",
    [
        InvalidInputError("x", reason="empty"),
        InvalidInputError("x", reason="too_long", length=1200, max=1000),
        WorkshopNotFoundError("x", ref="ABC"),
        SchemaTooNewError("x", path="/d/s.sqlite3", found=9, supported=1),
    ],
)
def test_every_error_has_a_norwegian_sentence(exc):
    text = error_text(exc)
    assert text != str(exc) and "{" not in text
    assert text.endswith((".", "!")) or text.endswith("list")


def test_too_long_message_names_the_numbers():
    text = error_text(InvalidInputError("x", reason="too_long", length=1200, max=1000))
    assert "1200" in text and "1000" in text


def test_unexpected_errors_get_a_calm_message():
    assert "lagret" in error_text(RuntimeError("boom"))


def test_language_choice():
    assert choose_lang("en", "nb") == "en"
    assert choose_lang("", "en") == "en"
    assert choose_lang(None, None) == "nb"
    assert t("participant.send", "en") == "Send idea"
    assert t("no.such.key") == "no.such.key"


def test_every_key_the_code_asks_for_exists():
    """Literal keys in t("...") calls across the package are all in the catalogue."""
    import re
    from pathlib import Path

    import samskaping

    package = Path(samskaping.__file__).parent
    pattern = re.compile(r"""\bt\(\s*["']([a-z_.]+)["']""")
    used = {key for path in package.rglob("*.py") for key in pattern.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 40
    missing = sorted(used - set(CATALOGUE["nb"]))
    assert not missing, missing
