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
from samskaping.core.privacy.guard import guard
from samskaping.core.privacy.names import name_lists
from samskaping.core.privacy.staff import check, is_organisation_word, mask_staff_text, person_names

sys.path.insert(0, str(Path(__file__).parent))
from privacy_cases import RARE, cases, evaluate, evaluate_unseen, format_table  # noqa: E402

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


# --- phone-typed text: fresh sentences, not from the templates the rules were tuned on ----

# Written for these tests only; none of them is a template in privacy_cases.py.
FRESH_POSITIVES = [
    # names with no cue: sentence start, after a verb, in lists
    ("Kan Sigrid svare på dette før fredag?", "navn", "Sigrid"),
    ("Husk å hente Jonas klokka tre.", "navn", "Jonas"),
    ("Torunn og Halvor Dahl kom sammen til møtet.", "navn", "Halvor Dahl"),
    ("Solveig, Amund og Zainab skal lage plakaten.", "navn", "Zainab"),
    ("Hansen ringte tilbake i går.", "navn", "Hansen"),
    ("Vi traff Gyda på biblioteket.", "navn", "Gyda"),
    # lower case, as typed on a phone
    ("fikk melding fra ingrid i går", "navn", "ingrid"),
    ("amina sitt fravær er høyt denne måneden", "navn", "amina"),
    ("kan du sjekke med piotr om skyssen", "navn", "piotr"),
    ("ring halvor dahl i morgen", "navn", "halvor dahl"),
    # nynorsk cues
    ("Systera hennar heiter Yrsa.", "navn", "Yrsa"),
    ("Eg snakka med kontaktlæraren Ingvild i går.", "navn", "Ingvild"),
    ("Han heiter Tjostolv og bur hjå onkelen.", "navn", "Tjostolv"),
    # Sami and immigrant names
    ("Ovllá Buljo kjem frå Guovdageaidnu.", "navn", "Ovllá Buljo"),
    ("Farhiya og Abdirahman går på same skule.", "navn", "Abdirahman"),
    ("Oleksandr Kovalenko trenger tolk på ukrainsk.", "navn", "Oleksandr Kovalenko"),
    ("Mahtte sa at han ikke ville.", "navn", "Mahtte"),
    # landlines, dots, dashes, brackets
    ("Tlf. jobb: 73 80 45 12", "telefon", "73 80 45 12"),
    ("Ring (+47) 922 41 387 etter middag.", "telefon", "(+47) 922 41 387"),
    ("mobilen er 934-56-120", "telefon", "934-56-120"),
    ("Nr: 38.12.44.90", "telefon", "38.12.44.90"),
    ("Hjemme: 0047 55 66 77 88", "telefon", "0047 55 66 77 88"),
    # e-mail written to dodge filters
    ("mailadresse: ingrid_berg (at) hotmail.com", "epost", "ingrid_berg (at) hotmail.com"),
    ("sigrid.aas[at]online[dot]no", "epost", "sigrid.aas[at]online[dot]no"),
    ("skriv til jonas99 at gmail dot com", "epost", "jonas99 at gmail dot com"),
    ("halvor punktum dahl krøllalfa online punktum no", "epost", "halvor punktum dahl krøllalfa online punktum no"),
    # birth dates
    ("Hun er født 14. november 2013.", "fodselsdato", "14. november 2013"),
    ("Navn: Ola, f. 3.9.2010", "fodselsdato", "3.9.2010"),
    ("Guten er fødd 21/6-2009.", "fodselsdato", "21/6-2009"),
    ("Fødselsdato 2011-04-30", "fodselsdato", "2011-04-30"),
    ("Han har bursdag 2. juni.", "fodselsdato", "2. juni"),
    ("Jenta (født 2014) går i tredje klasse.", "fodselsdato", "2014"),
    # a mistyped fødselsnummer after its name
    ("Fnr: 12345678901", "fodselsnummer", "12345678901"),
]


@pytest.mark.parametrize(("text", "kind", "substring"), FRESH_POSITIVES)
def test_phone_typed_case_classes_are_found(text, kind, substring):
    found = _found(text)
    assert any(k == kind and (substring in s or s in substring) for k, s in found), found
    assert REPLACEMENTS[kind] in mask(text).text


FRESH_NEGATIVES = [
    # given names that are also words
    "Vi må holde en rolig tone med foreldrene.",
    "Det blir sol i morgen og regn på søndag.",
    "Ikke kast stein i glasshus.",
    "To timer per dag er nok.",
    "Dag etter dag kom hun for sent.",
    "Liv og lære henger sammen.",
    "Per nå har vi ingen venteliste.",
    "Storm og sterk vind stengte veien til skolen.",
    "Finn et tidspunkt som passer for alle.",
    "Ho tor ikkje seie noko til læraren.",
    "Anna enn dette har vi ikkje.",
    "Vera med i dugnaden er frivillig.",
    "jeg ante ikke at det var så ille",
    # services, programmes, organisations, places
    "Foreldrene fikk tilbud om ICDP og De utrolige årene.",
    "PMTO-terapeuten og TIBIR-koordinatoren møtes annenhver uke.",
    "Vi henviste til BUP og PPT i fjor.",
    "NAV Nordby og Helsestasjonen samarbeider om ungdom.",
    "Trygghetssirkelen gis til foreldre i Selbu.",
    "Redd Barna og Røde Kors stilte med frivillige.",
    "Marte Meo brukes i barnehagen.",
    "Stine Sofie Senteret har kurs for familier.",
    "Vi bor på Berge, like ved fjorden.",
    # dates, numbers and "at" that are not personal data
    "Barn født etter 1. september får plass neste år.",
    "Barn født i 2014 og 2015 får tilbud om leirskole.",
    "Budsjettperioden er 2024-2027.",
    "Leksehjelp 14.30-16.00 hver dag.",
    "Han sa at vg.no skrev om saken.",
    "Vi har 12 34 56 78 90 ganger prøvd.",
]


@pytest.mark.parametrize("text", FRESH_NEGATIVES)
def test_phone_typed_negatives_are_untouched(text):
    assert _found(text) == []


def test_stdnum_decides_and_the_wrapper_adds_synthetic_numbers():
    from stdnum.no import fodselsnummer as stdnum_fnr

    rng = random.Random(3)
    for _ in range(100):
        real = generate_fodselsnummer(rng)
        synthetic = generate_fodselsnummer(rng, synthetic=True)
        assert stdnum_fnr.is_valid(real) and is_valid_fodselsnummer(real)
        assert not stdnum_fnr.is_valid(synthetic) and is_valid_fodselsnummer(synthetic)
    # H-numbers (month + 40) are stdnum's own: accepted as they are.
    stem = "0147" + "8" + "1" + "123"
    k1 = stdnum_fnr.calc_check_digit1(stem)
    k2 = stdnum_fnr.calc_check_digit2(stem + k1)
    if len(k1) == len(k2) == 1:
        assert is_valid_fodselsnummer(stem + k1 + k2)


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
        "[fødselsdato]", "født", "f.", "2. februar 2015", "07.11.2012", "3/4-2011", "(at)", "[dot]", "at", "dot",
        "online.no", "marit.eriksen", "51-23-45-67", "(+47)", "412.33.901", "kari", "per", "mohammed", "eriksen",
        "heter", "heiter", "mora", "tone", "Sol", "NAV", "Nordby", "Marte", "Meo", "bursdag", "14.", "mars",
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
    "fodselsdato": 0.9,
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
    for kind in ("fodselsnummer", "telefon", "epost", "fodselsdato"):
        assert scores[kind].recall == 1.0, table


def test_labelled_set_figures_as_recorded():
    # The figures in docs/benchmarks.md (tuned on this set), rounded down: a regression shows here.
    scores = evaluate(CASES)
    table = format_table(scores)
    assert scores["navn"].recall >= 0.98, table
    assert scores["alle"].recall >= 0.99, table
    for kind, score in scores.items():
        assert score.precision >= 0.99, f"{kind}\n{table}"


# MEASURED ON THE UNSEEN SET (tests/core/privacy_unseen.py, written by a session that never
# saw the method), once, after the method was done (2026-12-06), rounded down. The method
# was not changed after that run, so the set is still untuned. These are not targets: they
# pin what was measured so that a regression shows (targets: docs/benchmarks.md, issue 18).
UNSEEN_MEASURED = {
    # kind: (recall at least, precision at least)
    "fodselsnummer": (1.0, 1.0),
    "telefon": (0.96, 1.0),
    "epost": (1.0, 1.0),
    "url": (1.0, 0.78),
    "fodselsdato": (0.85, 1.0),
    "adresse": (0.96, 1.0),
    "navn": (0.94, 0.99),
    "alder": (0.65, 1.0),
    "alle": (0.93, 0.98),
}


def test_unseen_set_figures_as_measured():
    scores = evaluate_unseen()
    table = format_table(scores)
    for kind, (recall, precision) in UNSEEN_MEASURED.items():
        assert scores[kind].recall >= recall, f"{kind} recall on the unseen set below {recall}\n{table}"
        assert scores[kind].precision >= precision, f"{kind} precision on the unseen set below {precision}\n{table}"


def test_name_lists_cover_sami_and_immigrant_names():
    lists = name_lists()
    assert len(lists.given) >= 1500 and len(lists.surnames) >= 800
    for name in ["Ánde", "Máret", "Niillas", "Ailo", "Sara", "Inga", "Biret", "Áslat", "Elle", "Mikkel", "Ande"]:
        assert name in lists.given
    others = "Mohammed Ali Fatima Ahmed Abdi Hassan Amina Aleksander Piotr Tomasz Agnieszka Jonas"
    for name in others.split() + ["Tigist", "Ayaan", "Oleksandr", "Farhiya", "Dawit", "Zeynep", "Linh"]:
        assert name in lists.given
    for name in ["Nguyen", "Tran", "Khan", "Hussain", "Ahmadi", "Kowalski", "Nowak", "Somby", "Hætta", "Eriksen"]:
        assert name in lists.surnames


def test_rare_pool_stays_outside_the_lists():
    # The labelled set's "rare" names test the cue rules; in the lists they would test nothing.
    lists = name_lists()
    assert not [name for name in RARE if name in lists.given or name in lists.surnames]


def test_name_words_are_names():
    # name_words.txt lists names that are also words; a stray word there would do nothing.
    lists = name_lists()
    listed = lists.given_lower | lists.surnames_lower
    text = (Path(privacy.__file__).parents[2] / "data" / "name_words.txt").read_text(encoding="utf-8")
    words = [w for w in text.split("\n") if w and not w.startswith("#")]
    assert [w for w in words if w not in listed] == []


# --- staff-typed text: names checked, not masked (issue 16, item 7) ------------------------

#: Stakeholders as municipalities write them: an organisation word next to a place is no person.
ORGANISATIONS = [
    "NAV Nordby", "Nordby skole", "Helsestasjonen i Nordby", "PPT Vest", "Psykisk helse Nordby", "Nordby ungdomsråd",
    "Foreldreutvalget (FAU) Nordby", "Nordby-skolen", "Nordby barne- og ungdomsskole", "Nordby og Sørby barnevern",
    "Legekontoret Nordby", "Familiesenteret Nordby", "Nordby kulturhus", "Nordby Vel", "Redd Barna Nordby",
    "Frivilligsentralen i Nordby", "Nordby idrettslag", "Barnevernstjenesten i Nordby og Sørby", "Haugen skole",
    "Ungdomsrådet", "Kommunedirektøren", "Tillitsvalgte (Fellesforbundet)",
]
#: Persons, also beside a role or an organisation.
PERSONS = [
    ("Kari Nordmann", "Kari Nordmann"), ("Rektor Hansen", "Hansen"), ("Kari Hansen (NAV)", "Kari Hansen"),
    ("Enhetsleder Moen", "Moen"), ("Miljøarbeider Ola", "Ola"), ("Kontakt: Ola Hansen", "Ola Hansen"),
    ("Barnevernsleder Kari Hansen", "Kari Hansen"), ("Rektor Hansen ved Nordby skole", "Hansen"),
]


@pytest.mark.parametrize("text", ORGANISATIONS)
def test_organisation_names_are_no_person(text):
    assert person_names(text) == ()
    assert mask_staff_text(text, names=True).text == text  # an import keeps them as written


@pytest.mark.parametrize(("text", "name"), PERSONS)
def test_person_names_are_found_in_staff_text(text, name):
    assert [text[f.start : f.end] for f in person_names(text)] == [name]
    assert name not in mask_staff_text(text, names=True).text  # unchecked: masked as before
    assert mask_staff_text(text).text == text  # checked: kept as typed


def test_organisation_words():
    assert [is_organisation_word(w) for w in ("NAV", "FAU", "helse", "Ungdomsrådet", "NAV-kontoret", "idrettslag")] \
        == [True] * 6
    assert [is_organisation_word(w) for w in ("Rektor", "Hansen", "Kari", "ringte")] == [False] * 4


def test_staff_text_still_masks_numbers_e_mail_and_addresses():
    fnr = generate_fodselsnummer(random.Random(16))
    text = f"Kari Nordmann, fnr {fnr}, tlf 912 34 567, kari@example.no, Storgata 5"
    masked = mask_staff_text(text)
    assert masked.text == "Kari Nordmann, fnr [fødselsnummer], tlf [telefon], [e-post], [adresse]"
    assert {f.kind for f in masked.findings} == {"fodselsnummer", "telefon", "epost", "adresse"}
    assert mask_staff_text(masked.text).text == masked.text  # idempotent
    assert mask_staff_text(text, names=True).text.startswith("[navn], fnr [fødselsnummer]")


def test_the_guard_keeps_staff_names_and_masks_participants_names():
    from samskaping.ideas.model import Concept, ConceptFeedback, Idea
    from samskaping.journeys.model import Step
    from samskaping.room.model import Evaluation
    from samskaping.stakeholders.model import Stakeholder

    idea = Idea("w1", "Kari Nordmann trenger hjelp, ring 912 34 567")
    assert guard(idea) == {"navn": 1, "telefon": 1} and idea.text == "[navn] trenger hjelp, ring [telefon]"
    comment = ConceptFeedback("c1", "s1", "bra", "Spør Kari Nordmann")
    evaluation = Evaluation("w1", "s1", 4, 4, change="Kari Nordmann snakket for lenge")
    guard(comment), guard(evaluation)
    assert "Kari" not in comment.comment and "Kari" not in evaluation.change

    item = Stakeholder("w1", "Kari Nordmann", "helse", 3, 3, contact_role="Rektor Hansen", notes="912 34 567")
    assert guard(item) == {"telefon": 1}
    assert (item.name, item.contact_role, item.notes) == ("Kari Nordmann", "Rektor Hansen", "[telefon]")
    assert guard(item, unchecked=True) == {"navn": 2} and (item.name, item.contact_role) == ("[navn]", "Rektor [navn]")

    concept = Concept("w1", "Kari Nordmann-modellen", description="Som Kari Nordmann gjorde i Nordby")
    assert not guard(concept) and concept.name == "Kari Nordmann-modellen"
    step = Step("j1", 0, "Kartlegging", "PPT Vest", "møte", "Kari Nordmann ringer", quote="Jonas Hansen gråt")
    guard(step)
    assert (step.service, step.what, step.quote) == ("PPT Vest", "Kari Nordmann ringer", "[navn] gråt")


def test_check_names_the_fields_and_what_else_is_masked():
    from samskaping.stakeholders.model import Stakeholder

    result = check(Stakeholder("w1", "Kari Nordmann", "helse", 3, 3, contact_role="Ola", notes="Ring 912 34 567"))
    assert [(w.field, w.text) for w in result.names] == [("name", "Kari Nordmann"), ("contact_role", "Ola")]
    assert result.masked == {"telefon": 1}
    assert check(Stakeholder("w1", "NAV Nordby", "nav", 3, 3, notes="Fagmøte hver måned")).names == ()


@pytest.mark.parametrize("unseen", [False, True])
def test_the_unchecked_staff_policy_keeps_the_recall_of_the_guard(unseen):
    """Imports mask names that look like a person: on both labelled sets it finds what mask() finds."""
    staff = lambda text: mask_staff_text(text, names=True)  # noqa: E731
    full, policy = (evaluate_unseen(), evaluate_unseen(staff)) if unseen else (evaluate(CASES), evaluate(CASES, staff))
    for kind, score in full.items():
        assert policy[kind].recall >= score.recall, f"{kind}\n{format_table(policy)}"
        assert policy[kind].precision >= score.precision, f"{kind}\n{format_table(policy)}"
