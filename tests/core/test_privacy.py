"""Tests for the personal-data masker (``samskaping.core.privacy.detect``).

The labelled set and its scoring live in ``privacy_cases.py`` so the benchmark
prints exactly the numbers these tests assert.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from samskaping.core.privacy import detect as privacy
from samskaping.core.privacy.detect import (
    REPLACEMENTS,
    Finding,
    Masked,
    generate_fodselsnummer,
    is_valid_fodselsnummer,
    mask,
)

sys.path.insert(0, str(Path(__file__).parent))
from privacy_cases import cases, evaluate, format_table  # noqa: E402

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    given = None

CASES = cases()


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in mask(text).findings]


# --- fødselsnummer: generator and validator ------------------------------------


def _reference_check_digits(first9: str) -> tuple[int, int] | None:
    """Mod-11 written out a second way, independent of the module's helper."""
    w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    k1 = (11 - sum(a * b for a, b in zip(map(int, first9), w1, strict=True)) % 11) % 11
    if k1 == 10:
        return None
    k2 = (11 - sum(a * b for a, b in zip(map(int, first9 + str(k1)), w2, strict=True)) % 11) % 11
    return None if k2 == 10 else (k1, k2)


@pytest.mark.parametrize("d_number", [False, True])
def test_generated_numbers_are_valid_and_match_reference(d_number):
    rng = random.Random(2026)
    for _ in range(2000):
        n = generate_fodselsnummer(rng, d_number=d_number)
        assert len(n) == 11 and n.isdigit()
        assert is_valid_fodselsnummer(n), n
        assert _reference_check_digits(n[:9]) == (int(n[9]), int(n[10]))
        assert (int(n[0]) >= 4) is d_number


def test_synthetic_numbers_are_valid():
    rng = random.Random(1)
    for _ in range(200):
        n = generate_fodselsnummer(rng, synthetic=True)
        assert int(n[2:4]) > 80 and is_valid_fodselsnummer(n)


def test_any_single_changed_digit_fails_the_check():
    rng = random.Random(11)
    for _ in range(300):
        n = generate_fodselsnummer(rng, d_number=rng.random() < 0.3)
        pos = rng.randrange(11)
        digit = str((int(n[pos]) + rng.randrange(1, 10)) % 10)
        assert not is_valid_fodselsnummer(n[:pos] + digit + n[pos + 1 :])


MALFORMED = [
    "",
    "2191460295",  # 10 digits
    "219146029522",  # 12 digits
    "219146 02952",  # separator
    "2191460295x",
    "٢١٩١٤٦٠٢٩٥٢",  # Arabic-Indic digits
    "32914602952",  # day 32
]


@pytest.mark.parametrize("value", MALFORMED)
def test_validator_rejects_malformed(value):
    assert not is_valid_fodselsnummer(value)


def test_validator_checks_the_date():
    # 31 February with otherwise right check digits is still not a number.
    stem = "310290123"
    digits = _reference_check_digits(stem)
    if digits is not None:
        assert not is_valid_fodselsnummer(stem + "".join(map(str, digits)))


# --- each kind is found and masked ----------------------------------------------

_FNR = generate_fodselsnummer(random.Random(5))
_DNR = generate_fodselsnummer(random.Random(6), d_number=True)

POSITIVES = [
    (f"Fnr: {_FNR}.", "fodselsnummer", _FNR),
    (f"Fødselsnummer {_FNR[:6]} {_FNR[6:]} står i saken.", "fodselsnummer", f"{_FNR[:6]} {_FNR[6:]}"),
    (f"Nummeret er {_FNR[:6]}-{_FNR[6:]}.", "fodselsnummer", f"{_FNR[:6]}-{_FNR[6:]}"),
    (f"D-nummer {_DNR}", "fodselsnummer", _DNR),
    ("Ring 98765432 i kveld.", "telefon", "98765432"),
    ("Ring 987 65 432 i kveld.", "telefon", "987 65 432"),
    ("Ring 98 76 54 32 i kveld.", "telefon", "98 76 54 32"),
    ("Ring 9876 5432 i kveld.", "telefon", "9876 5432"),
    ("Ring +47 98765432 i kveld.", "telefon", "+47 98765432"),
    ("Ring +4798765432 i kveld.", "telefon", "+4798765432"),
    ("Ring 0047 41 23 45 67 i kveld.", "telefon", "0047 41 23 45 67"),
    ("Sentralbord 73 81 22 00.", "telefon", "73 81 22 00"),
    ("Skriv til kari.nordmann@example.no i dag.", "epost", "kari.nordmann@example.no"),
    ("Profilen facebook.com/kari.nordmann.7 er åpen.", "url", "facebook.com/kari.nordmann.7"),
    ("Se https://www.instagram.com/ola_n/.", "url", "https://www.instagram.com/ola_n/"),
    ("Skjema: https://skjema.example.no/elev?id=123", "url", "https://skjema.example.no/elev?id=123"),
    ("Hun bor i Storgata 5.", "adresse", "Storgata 5"),
    ("Hun bor i Sentrumsveien 105.", "adresse", "Sentrumsveien 105"),
    ("Hun bor i Kirkeveien 12B nå.", "adresse", "Kirkeveien 12B"),
    ("Hun bor i Løkkegata 3 A nå.", "adresse", "Løkkegata 3 A"),
    ("Hun bor i Kong Oscars gate 12.", "adresse", "Kong Oscars gate 12"),
    ("Hun bor i Bjørkevn. 4.", "adresse", "Bjørkevn. 4"),
    ("Send det til 7580 Selbu.", "adresse", "7580 Selbu"),
    ("Send det til 0150 Oslo.", "adresse", "0150 Oslo"),
    ("Send det til 8622 Mo i Rana.", "adresse", "8622 Mo i Rana"),
    ("Vi snakket med Åse i går.", "navn", "Åse"),
    ("Vi snakket med Hege i går.", "navn", "Hege"),
    ("Åses mor ringte.", "navn", "Åses"),
    ("Gutten heter Tuvalill.", "navn", "Tuvalill"),
    ("Moren Fadumo kom alene.", "navn", "Fadumo"),
    ("Ola Nordmann kom ikke.", "navn", "Ola Nordmann"),
    ("Det var Anne-Lise som ringte.", "navn", "Anne-Lise"),
    ("Tone Hansen leder teamet.", "navn", "Tone Hansen"),
    ("Hege sa at det var vanskelig.", "navn", "Hege"),
    ("Ánde og Máret snakker samisk hjemme.", "navn", "Ánde"),
    ("Vi møtte Niillas, Ailo og Biret.", "navn", "Niillas"),
    ("Piotr og Agnieszka kom med tolk.", "navn", "Agnieszka"),
    ("Saken gjelder Ayaan Hussain.", "navn", "Ayaan Hussain"),
    ("Gutten på 7 år sover dårlig.", "alder", "7 år"),
    ("Jenta (14) vil ikke.", "alder", "14"),
    ("En 15 år gammel jente i 9. klasse.", "alder", "15 år gammel"),
    ("Sønnen min på 9 har fått plass.", "alder", "9"),
    ("Eleven er 15 år og går i 10. klasse.", "alder", "15 år"),
    ("Vi møtte 12-åringen i går.", "alder", "12"),
    ("Gutten, som er 12 år, har mistet faren.", "alder", "12 år"),
    ("Jenta, 14, har flyttet mye.", "alder", "14"),
    ("Ingrid (16) sier nei.", "alder", "16"),
]


@pytest.mark.parametrize(("text", "kind", "substring"), POSITIVES)
def test_kind_is_found_and_masked(text, kind, substring):
    assert (kind, substring) in _found(text)
    masked = mask(text).text
    assert REPLACEMENTS[kind] in masked
    assert substring not in masked


def test_findings_carry_the_replacement_and_no_text():
    result = mask("Ola ringte 98765432.")
    assert result == Masked(
        "[navn] ringte [telefon].",
        (Finding("navn", 0, 3, "[navn]"), Finding("telefon", 11, 19, "[telefon]")),
    )
    assert result.changed and result.count == 2
    assert set(Finding.__dataclass_fields__) == {"kind", "start", "end", "replacement"}


# --- hard negatives stay as they are --------------------------------------------

NEGATIVES = [
    "Møtet er 12.03.2024 klokka 18.",
    "Tiltaket koster kr 12 000 i året, totalt 12 000 000 kroner.",
    "Saksnummer 2024/12345 gjelder samme familie.",
    "Kontonummer 1503.12.34567 og referanse 12345678901.",
    f"Referanse {_FNR[:10]}{(int(_FNR[10]) + 1) % 10}.",
    "I 2024 fikk 120 barn tilbud.",
    "Alle elever i 7. klasse får samtale.",
    "Barn under 6 år må følges av en voksen.",
    "Tilbudet gjelder ungdom mellom 13 og 18 år.",
    "Målgruppen er barn og unge 0-24 år.",
    "Barn som er 12 år eller eldre kan søke selv.",
    "NAV, PPT, BUP, BTI, SLT, FACT og COS-P møtes.",
    "Vi samarbeider med Bufetat, DPS og Helsestasjonen.",
    "Familien flyttet fra Tromsø til Selbu, så til Nesseby og Oslo.",
    "Vi har kontor i Bergen, Trondheim, Kristiansand, Lindesnes, Levanger og Namsos.",
    "Hege om de minste.",
    "Vi må tone ned konflikten.",
    "Tone ned kravene i starten.",
    "Per i dag har vi tre ansatte.",
    "Liv og helse er viktigst.",
    "Jeg vil ha mer tid.",
    "Elevene ved Berg skole og Moen barnehage.",
    "Familien bor på Moen.",
    "Mandag, tirsdag og i mai er det leksehjelp.",
    "Svarprosenten var 87 % i 2023.",
    "Ring 116 111, 113 eller 815 00 888.",
    "Organisasjonsnummer 974 123 456.",
    "Saken har referanse 20240312.",
    "Les mer på www.nav.no og https://www.selbu.kommune.no/ eller ung.no.",
    "Storgata er stengt på lørdager.",
    "Oppmøte i 2. etasje, rom 214.",
    "Han var 12 34 56 78 90 ganger der.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_hard_negatives_are_untouched(text):
    assert _found(text) == []
    assert mask(text).text == text


def test_telefon_needs_a_norwegian_first_digit():
    assert _found("Nummer 12345678.") == []  # starts with 1
    assert _found("Nummer 81549300.") == []  # 8xx service number
    assert _found("Nummer +47 81549300.")[0][0] == "telefon"


def test_url_rule_masks_paths_not_hosts():
    assert _found("www.nav.no") == []
    assert _found("https://www.selbu.kommune.no") == []
    assert _found("https://www.selbu.kommune.no/") == []
    assert _found("https://www.selbu.kommune.no/barnehage") == [
        ("url", "https://www.selbu.kommune.no/barnehage")
    ]


# --- idempotence and offsets ------------------------------------------------------


def test_replacement_tokens_are_never_detected():
    tokens = " ".join(REPLACEMENTS.values())
    for text in (tokens, f"Moren {tokens}. {tokens}", "[navn] ([alder]) og [navn], [adresse], [adresse]"):
        assert mask(text).findings == ()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.text[:40])
def test_masking_is_idempotent_on_the_labelled_set(case):
    once = mask(case.text).text
    assert mask(once).text == once


def test_to_original_maps_masked_offsets_back():
    text = "ab Kari cd 98765432 ef"
    findings = (Finding("navn", 3, 7, "[navn]"), Finding("telefon", 11, 19, "[telefon]"))
    masked = "ab [navn] cd [telefon] ef"
    assert privacy._apply(text, findings) == masked

    def back(start, end):
        f = privacy._to_original(Finding("url", start, end, "[url]"), findings)
        return f.start, f.end

    assert back(10, 12) == (8, 10)  # "cd": between the tokens
    assert back(23, 25) == (20, 22)  # "ef": after both
    assert back(0, 2) == (0, 2)  # "ab": before both
    assert back(3, 9) == (3, 7)  # the "[navn]" token itself
    assert back(5, 12) == (3, 10)  # starts inside a token: covers what it replaced
    assert back(10, 13) == (8, 11)  # ends right at a token's start


def test_second_look_adds_what_masking_reveals(monkeypatch):
    # A stand-in detector that sees the digits only once the name is masked.
    def fake_find_all(text):
        if text.startswith("[navn]"):
            return (Finding("telefon", 6, 14, "[telefon]"),) if text[6:7].isdigit() else ()
        return (Finding("navn", 0, 4, "[navn]"),) if text.startswith("Kari") else ()

    monkeypatch.setattr(privacy, "_find_all", fake_find_all)
    result = mask("Kari20000000 ok")
    assert result.text == "[navn][telefon] ok"
    assert [(f.kind, f.start, f.end) for f in result.findings] == [("navn", 0, 4), ("telefon", 4, 12)]


def test_digits_glued_to_a_name_stay_consistent():
    once = mask("Kari20000000")
    assert mask(once.text).text == once.text


def _check_offsets(text: str, result: Masked) -> None:
    previous_end = 0
    rebuilt = []
    for f in result.findings:
        assert previous_end <= f.start < f.end <= len(text)
        assert f.replacement == REPLACEMENTS[f.kind]
        piece = text[f.start : f.end]
        assert piece == piece.strip(), piece
        rebuilt.append(text[previous_end : f.start] + f.replacement)
        previous_end = f.end
    rebuilt.append(text[previous_end:])
    assert "".join(rebuilt) == result.text


def test_offsets_point_into_the_original_text():
    for case in CASES:
        _check_offsets(case.text, mask(case.text))


if given is not None:
    _VOCABULARY = [
        "Kari", "Ola", "Tone", "Hege", "Åses", "Hansen", "Selbu", "NAV", "heter", "moren", "og",
        "gutten", "jenta", "på", "i", "er", "år", "gammel", "(14)", "7", "15", "2024", "7580",
        "98765432", "987 65 432", "+47", "Storgata", "5", "B", "gate", "Kong", "Oscars",
        "kari@example.no", "facebook.com/kari", "www.nav.no", "[navn]", "[telefon]", "[alder]",
        "[adresse]", "[fødselsnummer]", "[e-post]", "[url]", "kr", "%", ".", ",", ":", "«", "»",
        "-", "\n", "N.", "Mai", "sa", "klasse", "9.", "Tuvalill", "Moen", "skole", "Mo", "Rana",
        _FNR, f"{_FNR[:6]} {_FNR[6:]}", _DNR, "12.03.2024", "2024/12345", "0-24", "(", ")",
    ]
    _soup = st.lists(st.sampled_from(_VOCABULARY), max_size=25).map(
        lambda words: "".join(w + (" " if i % 3 else "") for i, w in enumerate(words))
    )

    @settings(max_examples=400, deadline=None, database=None)
    @given(st.one_of(st.text(max_size=200), _soup))
    def test_masking_is_idempotent_on_random_text(text):
        result = mask(text)
        _check_offsets(text, result)
        assert mask(result.text).text == result.text


# --- the labelled set ---------------------------------------------------------------


def test_labelled_set_is_large_and_seeded():
    assert len(CASES) >= 300
    assert sum(1 for c in CASES if not c.spans) >= 90  # hard negatives
    assert {s.kind for c in CASES for s in c.spans} == set(privacy.REPLACEMENTS)
    assert [c.text for c in cases()] == [c.text for c in CASES]


def test_labelled_spans_point_at_their_text():
    for case in CASES:
        for _, substring in case.expected:
            assert substring and substring == substring.strip() and substring in case.text


RECALL_TARGETS = {
    "fodselsnummer": 0.95,
    "telefon": 0.95,
    "epost": 0.95,
    "url": 0.9,
    "adresse": 0.85,
    "navn": 0.85,
    "alder": 0.85,
}


def test_labelled_set_recall_and_precision():
    scores = evaluate(CASES)
    table = format_table(scores)
    for kind, target in RECALL_TARGETS.items():
        assert scores[kind].recall >= target, f"{kind} recall below {target}\n{table}"
    assert scores["alle"].precision >= 0.9, f"precision below 0.9\n{table}"
    # Checksummed and strongly shaped kinds are expected to be perfect here.
    for kind in ("fodselsnummer", "telefon", "epost"):
        assert scores[kind].recall == 1.0, table


def test_name_lists_cover_sami_and_immigrant_names():
    given_names, surnames = privacy._name_lists()
    assert len(given_names) >= 300 and len(surnames) >= 150
    for name in ["Ánde", "Máret", "Niillas", "Ailo", "Sara", "Inga", "Biret", "Áslat", "Elle", "Mikkel"]:
        assert name in given_names
    others = "Mohammed Ali Fatima Ahmed Abdi Hassan Amina Aleksander Piotr Tomasz Agnieszka Jonas"
    for name in others.split() + ["Tigist", "Ayaan"]:
        assert name in given_names
    for name in ["Nguyen", "Tran", "Khan", "Hussain", "Ahmadi", "Kowalski", "Nowak"]:
        assert name in surnames
