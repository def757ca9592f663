"""A labelled set of Norwegian sentences for the personal-data masker.

Sentences like the ones people type in child-welfare and school workshops:
ideas, interview quotes, notes from a service journey. Every person, number
and address is invented here: names are drawn from pools of common names,
fødselsnumre come from :func:`samskaping.core.privacy.detect.generate_fodselsnummer`, and
e-mail addresses use ``example`` domains. Nothing is copied from real cases.

Each case carries the spans a careful reader would mask, so :func:`evaluate`
can report recall and precision per kind; ``tests/core/test_privacy.py`` asserts
targets and ``benchmarks/bench_privacy.py`` prints the same numbers. The set
is built from templates with a seeded ``random.Random(2026)``, so it is the
same on every machine. About a third are hard negatives (dates, amounts, case
numbers, 11-digit numbers with a bad checksum, service and municipality names,
names used as ordinary words) that must come back unchanged.

Some names in the pools are deliberately missing from the masker's lists (a
rare or newer name), and some sit where only a cue can reveal them, so recall
for ``navn`` is expected to be high but not perfect.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["KINDS", "Span", "Case", "Score", "cases", "evaluate", "format_table", "unseen_cases", "evaluate_unseen"]

KINDS = ("fodselsnummer", "telefon", "epost", "url", "fodselsdato", "adresse", "navn", "alder")

SEED = 2026


@dataclass(frozen=True)
class Span:
    """One expected finding: its kind and where it is in the case text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    """A sentence and the spans that should be masked (empty for a negative)."""

    text: str
    spans: tuple[Span, ...]
    template: str

    @property
    def expected(self) -> list[tuple[str, str]]:
        """The expected findings as ``(kind, substring)`` pairs."""
        return [(s.kind, self.text[s.start : s.end]) for s in self.spans]


# --- pools of invented people and places -------------------------------------

# Common given names (expected to be in the masker's lists).
GIVEN = [
    "Kari", "Ola", "Ingrid", "Emma", "Nora", "Jonas", "Sander", "Elias", "Sofie", "Maja", "Lukas", "Filip", "Ida",
    "Thea", "Henrik", "Magnus", "Sigrid", "Aksel", "Tuva", "Hedda", "Marius", "Linnea", "Synne", "Eirik", "Mathilde",
    "Oskar", "Jakob", "Åse", "Marit", "Astrid", "Even", "Håkon", "Solveig", "Vetle", "Frida", "Amalie", "Tobias",
]
SAMI = ["Ánde", "Máret", "Niillas", "Ailo", "Biret", "Áslat", "Elle", "Mikkel", "Inga", "Sara"]
IMMIGRANT = [
    "Mohammed", "Ali", "Fatima", "Ahmed", "Abdi", "Hassan", "Amina", "Aleksander", "Piotr", "Tomasz",
    "Agnieszka", "Tigist", "Ayaan", "Yonas", "Zainab", "Olena", "Dmytro", "Linh", "Omar", "Hamza",
]
# Rarer names a list of a few hundred will not hold.
# Given names that are also everyday words ("tone ned", "per i dag").
EVERYDAY = ["Tone", "Hege", "Liv", "Per", "Dag", "Tore", "Mette", "Stein"]
DOUBLE = ["Anne-Lise", "Kari-Anne", "Hans-Petter", "Per-Olav", "Mari-Ann", "Tor-Erik"]
RARE = [
    "Tuvalill", "Eirunn", "Solvår", "Jomar", "Kornelius", "Embrik",
    "Torvild", "Tjerand", "Gyda", "Ådne", "Yrsa", "Nafisa",
]
SURNAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Nilsen", "Dahl", "Moen", "Eide", "Bakken", "Solheim",
    "Nordmann", "Pedersen", "Sara", "Eira", "Hætta", "Somby", "Nguyen", "Tran", "Khan", "Hussain", "Ahmadi", "Kowalski",
    "Nowak", "Mohamed", "Osman", "Yilmaz", "Grøtterud", "Skjelbred", "Vassbotn", "Rypdal", "Kvalheim", "Brattli",
]

SAMI_SURNAMES = ["Somby", "Eira", "Hætta", "Gaup", "Buljo", "Utsi", "Balto", "Turi", "Magga", "Labba"]
IMMIGRANT_SURNAMES = [
    "Mohamed", "Hussain", "Nowak", "Kowalski", "Nguyen", "Tran", "Ahmadi", "Osman", "Yilmaz", "Kazlauskas",
    "Tesfaye", "Shevchenko", "Hassan", "Karimi", "Berhe",
]

STREET_STEMS = [
    "Stor", "Kirke", "Skole", "Sentrums", "Løkke", "Bjørke", "Furu",
    "Elve", "Fjell", "Sjø", "Park", "Stasjons", "Ny", "Myr",
]
STREET_SUFFIXES = [
    "gata", "gata", "gaten", "veien", "veien", "vegen", "vei",
    "veg", "bakken", "stien", "plassen", "torget", "allé", "vn.",
]
LONG_STREETS = ["Kong Oscars gate", "Olav Tryggvasons gate", "Fridtjof Nansens vei", "Dronning Mauds gate"]
POSTSTEDER = """7580 Selbu|0150 Oslo|9845 Tana|9730 Karasjok|7600 Levanger|7800 Namsos|9008 Tromsø
|5003 Bergen|8622 Mo i Rana|2000 Lillestrøm|4515 Mandal|9800 Vadsø|9520 Kautokeino
|7100 Rissa|3800 Bø i Telemark""".replace("\n", "").split("|")
MUNICIPALITIES = [
    "Selbu", "Tromsø", "Nesseby", "Oslo", "Bergen", "Trondheim", "Kristiansand", "Lindesnes",
    "Levanger", "Namsos", "Karasjok", "Kautokeino", "Frosta", "Steinkjer", "Alta", "Vadsø",
]
SERVICES = [
    "NAV", "PPT", "BUP", "BTI", "SLT", "FACT", "COS-P", "Bufetat",
    "DPS", "Helsestasjonen", "Barnevernet", "Familievernet",
]
SCHOOLS = ["Nordby skole", "Lia ungdomsskole", "Berg skole", "Sentrum barnehage", "Fjellheim skole"]
MONTHS_ALL = [
    "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
    "desember",
]
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "august", "september", "oktober", "november", "desember"]


def _ascii(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "á": "a", "ä": "a", "ö": "o"})
    return name.lower().translate(table)


def _phone(rng: random.Random) -> str:
    first = rng.choice("9999444423567")
    digits = first + "".join(rng.choice("0123456789") for _ in range(7))
    grouping = rng.choice(["8", "8", "323", "2222", "44"])
    sizes = [int(c) for c in grouping]
    parts, pos = [], 0
    for size in sizes:
        parts.append(digits[pos : pos + size])
        pos += size
    number = " ".join(parts)
    return rng.choice(["", "", "", "+47 ", "+47", "0047 "]) + number


def _fnr(rng: random.Random, *, d_number: bool = False) -> str:
    from samskaping.core.privacy.detect import generate_fodselsnummer

    n = generate_fodselsnummer(rng, d_number=d_number)
    sep = rng.choice(["", "", "", " ", " ", "-", "."])
    return n[:6] + sep + n[6:]


def _bad_fnr(rng: random.Random) -> str:
    """Eleven digits that fail the mod-11 check (an account or case number)."""
    from samskaping.core.privacy.detect import is_valid_fodselsnummer

    while True:
        if rng.random() < 0.5:
            n = _fnr(rng).replace(" ", "").replace("-", "").replace(".", "")
            n = n[:10] + str((int(n[10]) + rng.randrange(1, 10)) % 10)
        else:
            n = "".join(rng.choice("0123456789") for _ in range(11))
        if not is_valid_fodselsnummer(n):
            return n if rng.random() < 0.7 else n[:6] + " " + n[6:]


def _street(rng: random.Random) -> str:
    number = str(rng.randrange(1, 120)) + rng.choice(["", "", "", "B", "b", " A", "-3"])
    roll = rng.random()
    if roll < 0.15:
        return f"{rng.choice(LONG_STREETS)} {number}"
    if roll < 0.22:
        return f"{rng.choice(STREET_STEMS).lower()}{rng.choice(['gata', 'veien', 'vegen'])} {number}"
    return f"{rng.choice(STREET_STEMS)}{rng.choice(STREET_SUFFIXES)} {number}"


def _email(rng: random.Random) -> str:
    given, surname = _ascii(rng.choice(GIVEN + IMMIGRANT)), _ascii(rng.choice(SURNAMES))
    local = rng.choice([f"{given}.{surname}", f"{given}{rng.randrange(70, 99)}", f"{given[0]}{surname}"])
    domain = rng.choice(["example.no", "example.com", "epost.example", "skole.example.no", "kommune.example"])
    return f"{local}@{domain}"


def _url(rng: random.Random) -> str:
    given, surname = _ascii(rng.choice(GIVEN + SAMI + IMMIGRANT)), _ascii(rng.choice(SURNAMES))
    return rng.choice(
        [
            f"facebook.com/{given}.{surname}.{rng.randrange(1, 99)}",
            f"https://www.facebook.com/{given}.{surname}",
            f"https://www.instagram.com/{given}_{surname}/",
            f"https://www.tiktok.com/@{given}{rng.randrange(1, 99)}",
            f"www.facebook.com/profile.php?id=1000{rng.randrange(10**10, 10**11)}",
            f"https://skjema.example.no/elev?navn={given}",
            f"snapchat.com/add/{given}{rng.randrange(1, 99)}",
        ]
    )


def _landline(rng: random.Random) -> str:
    """A landline number (first digit 2, 3, 5, 6 or 7) in one of the ways people write it."""
    d = rng.choice("23567") + "".join(rng.choice("0123456789") for _ in range(7))
    pairs = [d[i : i + 2] for i in range(0, 8, 2)]
    return rng.choice(
        [
            " ".join(pairs), " ".join(pairs), "-".join(pairs), ".".join(pairs), f"(+47) {' '.join(pairs)}",
            f"0047 {d}", f"+47 {' '.join(pairs)}", d,
        ]
    )


def _mobile_signs(rng: random.Random) -> str:
    """A mobile number with dots, dashes or a bracketed country code."""
    d = rng.choice("49") + "".join(rng.choice("0123456789") for _ in range(7))
    three = [d[:3], d[3:5], d[5:]]
    pairs = [d[i : i + 2] for i in range(0, 8, 2)]
    return rng.choice(
        [
            f"(+47) {' '.join(three)}", f"(+47) {d}", ".".join(three), "-".join(three), "-".join(pairs),
            ".".join(pairs), f"0047{d}", f"+47-{d}", f"(0047) {' '.join(three)}",
        ]
    )


def _email_hidden(rng: random.Random) -> str:
    """An e-mail address written to dodge a filter: (at), [at], [dot], krøllalfa, spaced @."""
    given, surname = _ascii(rng.choice(GIVEN + IMMIGRANT)), _ascii(rng.choice(SURNAMES))
    local = rng.choice([f"{given}.{surname}", f"{given}{rng.randrange(70, 99)}", f"{given}_{surname}"])
    host, tld = rng.choice([("online", "no"), ("gmail", "com"), ("hotmail", "com"), ("example", "no")])
    at = rng.choice([" (at) ", "(at)", " [at] ", " at ", " krøllalfa ", " @ ", "(a)"])
    dot = rng.choice([".", ".", " [dot] ", " (dot) ", " dot ", " punktum "])
    return f"{local}{at}{host}{dot}{tld}"


def _birth_date_numeric(rng: random.Random) -> str:
    d, m, y = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(2005, 2024)
    return rng.choice(
        [f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y % 100:02d}", f"{d}/{m}-{y}", f"{d:02d}.{m:02d}.{y % 100:02d}",
         f"{y}-{m:02d}-{d:02d}", f"{d}-{m}-{y}"]
    )


def _birth_date_words(rng: random.Random) -> str:
    d, m, y = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(2005, 2024)
    month = MONTHS_ALL[m - 1]
    return rng.choice([f"{d}. {month} {y}", f"{d}. {month} {y}", f"{d} {month} {y}", f"{d}. {month[:3]}. {y}"])


def _birthday(rng: random.Random) -> str:
    return f"{rng.randrange(1, 29)}. {rng.choice(MONTHS_ALL)}"


def _age(rng: random.Random) -> int:
    return rng.randrange(2, 18)


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "s")


def _date(rng: random.Random) -> str:
    d, m, y = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(2019, 2027)
    return rng.choice([f"{d:02d}.{m:02d}.{y}", f"{d}. {MONTHS[m - 2]} {y}", f"{d:02d}.{m:02d}.{y % 100:02d}"])


def _account_number(rng: random.Random) -> str:
    """Written 1234.56.78901: eleven digits, but never in a fødselsnummer's shape."""
    return f"{rng.randrange(1000, 9999)}.{rng.randrange(10, 99)}.{rng.randrange(10000, 99999)}"


def _amount(rng: random.Random) -> str:
    return rng.choice(["12 000", "1 250 000", "12 000 000", "450 000", "3 500", "25 000 000", "98 500"])


# Slot name -> (kind or None, filler). A kind means the filled text is expected
# to be masked; None means it must be left alone.
_SLOTS: dict[str, tuple[str | None, Callable[[random.Random], str]]] = {
    "fornavn": ("navn", lambda r: r.choice(GIVEN)),
    "fornavn2": ("navn", lambda r: r.choice(GIVEN)),
    "samisk": ("navn", lambda r: r.choice(SAMI)),
    "innvandrer": ("navn", lambda r: r.choice(IMMIGRANT)),
    "sjelden": ("navn", lambda r: r.choice(RARE)),
    "fullt_navn": ("navn", lambda r: f"{r.choice(GIVEN + SAMI + IMMIGRANT)} {r.choice(SURNAMES)}"),
    "etternavn": ("navn", lambda r: r.choice(SURNAMES)),
    "tvetydig": ("navn", lambda r: r.choice(EVERYDAY)),
    "dobbeltnavn": ("navn", lambda r: r.choice(DOUBLE)),
    "fornavn_liten": ("navn", lambda r: r.choice(GIVEN).lower()),
    "fornavn_s": ("navn", lambda r: _possessive(r.choice(GIVEN + SAMI))),
    "kari_nordmann": ("navn", lambda r: "Kari Nordmann"),
    "initial": ("navn", lambda r: f"{r.choice(GIVEN)} {r.choice('BHKLMNOST')}"),
    "innvandrer_liten": ("navn", lambda r: r.choice(IMMIGRANT).lower()),
    "fornavn_liten2": ("navn", lambda r: r.choice(GIVEN).lower()),
    "fullt_navn_liten": ("navn", lambda r: f"{r.choice(GIVEN)} {r.choice(SURNAMES)}".lower()),
    "samisk_navn": ("navn", lambda r: f"{r.choice(SAMI)} {r.choice(SAMI_SURNAMES)}"),
    "innvandrer_navn": ("navn", lambda r: f"{r.choice(IMMIGRANT)} {r.choice(IMMIGRANT_SURNAMES)}"),
    "telefon": ("telefon", _phone),
    "fasttelefon": ("telefon", _landline),
    "telefon_tegn": ("telefon", _mobile_signs),
    "epost_skjult": ("epost", _email_hidden),
    "fodselsdato_tall": ("fodselsdato", _birth_date_numeric),
    "fodselsdato": ("fodselsdato", _birth_date_words),
    "bursdag": ("fodselsdato", _birthday),
    "fnr": ("fodselsnummer", _fnr),
    "dnr": ("fodselsnummer", lambda r: _fnr(r, d_number=True)),
    "epost": ("epost", _email),
    "url": ("url", _url),
    "gate": ("adresse", _street),
    "poststed": ("adresse", lambda r: r.choice(POSTSTEDER)),
    "alder_aar": ("alder", lambda r: f"{_age(r)} år"),
    "alder_tall": ("alder", lambda r: str(_age(r))),
    "alder_gammel": ("alder", lambda r: f"{_age(r)} år gammel"),
    # Left alone:
    "dato": (None, _date),
    "belop": (None, _amount),
    "saksnr": (None, lambda r: f"{r.randrange(2019, 2027)}/{r.randrange(10000, 99999)}"),
    "ugyldig11": (None, _bad_fnr),
    "aar": (None, lambda r: str(r.randrange(2015, 2027))),
    "antall": (None, lambda r: str(r.randrange(3, 400))),
    "klasse": (None, lambda r: f"{r.randrange(1, 11)}. {r.choice(['klasse', 'trinn'])}"),
    "kommune": (None, lambda r: r.choice(MUNICIPALITIES)),
    "kommune2": (None, lambda r: r.choice(MUNICIPALITIES)),
    "tjeneste": (None, lambda r: r.choice(SERVICES)),
    "tjeneste2": (None, lambda r: r.choice(SERVICES)),
    "skole": (None, lambda r: r.choice(SCHOOLS)),
    "kontonr": (None, _account_number),
    "orgnr": (None, lambda r: f"9{r.randrange(10, 99)} {r.randrange(100, 999)} {r.randrange(100, 999)}"),
    "servicenr": (None, lambda r: r.choice(["116 111", "116 117", "113", "815 00 888", "800 12 345"])),
    "prosent": (None, lambda r: f"{r.randrange(5, 99)} %"),
    "offentlig_url": (
        None,
        lambda r: r.choice(
            ["www.nav.no", "https://www.selbu.kommune.no", "ung.no", "helsenorge.no", "www.bufdir.no/"]
        ),
    ),
}

# Templates with at least one expected span. Write them as people do: quotes,
# notes, half sentences, a phone number on its own line.
POSITIVE = [
    # navn
    "Moren til {fornavn} sier at hun ikke ble hørt på det første møtet.",
    "Gutten heter {fornavn} og har vært borte fra skolen i tre uker.",
    "Jenta heter {sjelden}, og hun ønsker seg en fast kontaktperson.",
    "Vi snakket med {fullt_navn} om overgangen til ungdomsskolen.",
    "«Jeg savner {fornavn} når hun er på avlastning», sa lillebroren.",
    "Sitat fra {fornavn}: «Ingen spurte meg hva jeg ville.»",
    "{fullt_navn} har ansvar for oppfølgingen etter sommerferien.",
    "{fornavn_s} mor ønsker at skolen ringer før klokka ni.",
    "Faren {sjelden} møtte ikke opp, men ringte senere samme dag.",
    "Kontaktlæreren, {fullt_navn}, foreslo ukentlige samtaler med eleven.",
    "{fornavn} og {fornavn2} deler rom på avlastningsboligen.",
    "Eleven {fornavn} trives best i praktiske fag og i friminuttene.",
    "Saksbehandler {fullt_navn} tar kontakt med familien etter møtet.",
    "Ta kontakt med {fornavn} hvis dere har spørsmål om aktivitetskortet.",
    "Det var {fornavn} som tok initiativ til fotballgruppa på fredager.",
    "Søsteren til {fornavn} går i samme klasse og blir også ertet.",
    "Vi inviterer {fornavn} og moren til neste verksted i {kommune}.",
    "{samisk} snakker nordsamisk hjemme og ønsker tolk på foreldremøtet.",
    "Besteforeldrene til {samisk} bor i {kommune}, og familien er mye der.",
    "{innvandrer} kom til Norge for to år siden og går i innføringsklasse.",
    "Mammaen til {innvandrer} trenger tolk på møtene med {tjeneste}.",
    "Pappaen, {fullt_navn}, jobber natt og kan ikke komme på dagtid.",
    "Jeg heter {fornavn} og er 16, og jeg vil ha mer å si om planen min.",
    "Notat: {fullt_navn} ringte og lurte på når søknaden blir behandlet.",
    "Broren {sjelden} har samme kontaktperson i {tjeneste}.",
    "Hun kalles {sjelden} av vennene sine, men heter noe annet i papirene.",
    "Rektor {etternavn} mener skolen trenger flere voksne ute i friminuttene.",
    "Møtet med {fornavn} og {sjelden} ble flyttet til neste uke.",
    "Referent: {initial}.",
    "Hei! Det er {fornavn} her, jeg lurer på om det er plass på leiren.",
    "{fornavn} sier at hun blir lei seg når voksne snakker om henne og ikke med henne.",
    "Datteren {innvandrer} har fått plass i leksehjelpen på biblioteket.",
    "{kari_nordmann} er oppført som kontaktperson i skjemaet.",
    "Vi spurte {fornavn} hva som hjelper, og svaret var: «At noen ser meg.»",
    "{fullt_navn} og {fullt_navn} fra {tjeneste} deltok på verkstedet.",
    "Oppfølging: {fornavn} får time hos {tjeneste} i neste måned.",
    "{dobbeltnavn} sier at hun gruer seg til hver mandag.",
    "Bestemor {fornavn} henter ham hver dag etter skolen.",
    "{tvetydig} sa at hun ikke orket flere møter uten svar.",
    "Vi snakket med {tvetydig} om hvordan det gikk i høstferien.",
    "Det var {tvetydig} {etternavn} som ringte på vegne av familien.",
    # Hard on purpose: no cue and not in the lists, or typed in lower case.
    "{sjelden} sier at det hjelper å ha en fast voksen å gå til.",
    "Vi ringte {sjelden} tre ganger uten å få svar.",
    "meg og {fornavn_liten} ble holdt utenfor hele året",
    # telefon
    "Ring meg på {telefon} etter klokka fire.",
    "Mobilnummeret til moren er {telefon}.",
    "Tlf.: {telefon}",
    "Kontakt helsesykepleier på {telefon} på hverdager.",
    "Pappa har fått nytt nummer: {telefon}.",
    "Send SMS til {telefon} hvis du blir syk og ikke kommer.",
    "Nødnummer til besteforeldre: {telefon} (bestemor).",
    "Kan noen ringe {telefon} og avtale et hjemmebesøk?",
    # fødselsnummer
    "Fødselsnummeret hennes er {fnr}.",
    "Fnr: {fnr}, mor har foreldreansvar alene.",
    "Barnet har D-nummer {dnr} fordi familien nettopp kom til landet.",
    "Registrert i fagsystemet med {fnr} i går.",
    "Gutten ({fnr}) står på venteliste hos {tjeneste}.",
    "Personnummer {fnr} ble skrevet feil på vedtaket.",
    # e-post
    "Send referatet til {epost}.",
    "Moren vil ha svar på e-post: {epost}",
    "Kontakt: {epost}",
    "Skriv til {epost} om du vil være med i ungdomspanelet.",
    # url
    "Han legger ut videoer på {url} og blir hetset i kommentarfeltet.",
    "Se profilen hennes: {url}",
    "Foreldrene delte en lenke ({url}) i klassegruppa.",
    # adresse
    "Familien bor i {gate}, rett ved skolen.",
    "Møtet blir hjemme hos dem i {gate}.",
    "Adresse: {gate}, {poststed}",
    "Hun flyttet til {poststed} i fjor sommer.",
    "Brevet ble sendt til {gate}, {poststed}, men kom i retur.",
    "Politiet rykket ut til {gate} to ganger i høst.",
    "Ny adresse fra 1. mars: {gate}.",
    # alder
    "Gutten på {alder_aar} sover dårlig etter samværshelgene.",
    "Jenta ({alder_tall}) vil ikke gå på skolen på mandager.",
    "En {alder_gammel} jente i 9. klasse ved {skole} har ikke vært på skolen siden jul.",
    "Sønnen min på {alder_aar} har fått plass på SFO.",
    "Eleven er {alder_aar} og går i 10. klasse.",
    "{fornavn} ({alder_tall}) ønsker å være med i ungdomsrådet.",
    "Vi møtte en {alder_gammel} gutt som ikke hadde spist siden morgenen.",
    "Datteren deres på {alder_aar} har diagnose og trenger tilrettelegging.",
    "Lillesøsteren ({alder_tall}) er mye alene hjemme etter skolen.",
    "Jenta, {alder_tall}, har flyttet mellom fire fosterhjem.",
    "{fornavn}, {alder_tall}, forteller at hun ikke tør å si ifra.",
    # blandet
    "{fullt_navn}, {gate}, tlf. {telefon}",
    "Gutten heter {fornavn} ({alder_tall}) og bor i {gate} med faren.",
    "Ta kontakt med {fullt_navn} på {telefon} eller {epost}.",
    "Jenta på {alder_aar} ({fnr}) har flyttet til {poststed}.",
    "{fornavn} sendte meg {url} og skrev «se hva de skriver om meg».",
    "Kontaktperson: {fullt_navn} – {telefon}",
    "Eleven {fornavn} i {klasse} har vært borte {antall} timer i år.",
    # names with no cue: after a verb, in lists, Sami and immigrant full names
    "Be {fornavn} ta med skjemaet til neste møte.",
    "Spør {fornavn} om hun vil være med i elevrådet.",
    "Gi {innvandrer} beskjed om at tolken er bestilt.",
    "{fornavn} og {fullt_navn} var med på hele samlingen.",
    "{fornavn}, {fornavn2} og {innvandrer} vil starte en gruppe for ungdom.",
    "{innvandrer_navn} trenger hjelp med søknaden om bostøtte.",
    "Vi fikk brev fra {innvandrer_navn} om skoleskyss.",
    "{samisk_navn} ønsker at møtet holdes på samisk.",
    "Både {samisk} og {samisk} går i samme klasse.",
    # typed on a phone: lower case, no punctuation
    "{innvandrer_liten} i 5a trenger mer hjelp i matte",
    "snakka med {fornavn_liten} i dag hun var lei seg",
    "{fornavn_liten} og {fornavn_liten2} kom ikke i dag",
    "ring {fullt_navn_liten} før fredag",
    "husk at {innvandrer_liten} har tolk på torsdag",
    # nynorsk cues
    "Guten heiter {sjelden} og går i sjette klasse.",
    "Mora til {fornavn} seier at ho ikkje vart høyrd.",
    "Ho heiter {sjelden} og bur hjå bestemora.",
    "Dottera {sjelden} har fått plass i barnehagen.",
    "Kontaktlæraren, {fullt_navn}, meiner at det har blitt betre.",
    # landlines, dots, dashes, brackets
    "Ring meg på {fasttelefon} på dagtid.",
    "Kontor: {fasttelefon}",
    "Mobil {telefon_tegn}, helst SMS.",
    "Pappa kan nås på {telefon_tegn} etter klokka 16.",
    "tlf {telefon_tegn}",
    # e-mail written to dodge filters
    "Send det til {epost_skjult} så videresender jeg.",
    "Mailen hennes er {epost_skjult}",
    "Kontakt: {epost_skjult}",
    # birth dates
    "Gutten er født {fodselsdato} og har aldri gått i barnehage.",
    "{fornavn} (f. {fodselsdato_tall}) flyttet hit i fjor.",
    "Jenta er fødd {fodselsdato_tall} og bur hjå far.",
    "Fødselsdato: {fodselsdato_tall}",
    "Han har bursdag {bursdag}, og da vil han ha venner på besøk.",
    "Sønnen min, født {fodselsdato}, har ventet i ett år på BUP.",
]

# Templates where nothing may be masked.
NEGATIVE = [
    "Møtet er {dato} klokka 18 på rådhuset.",
    "Tiltaket koster kr {belop} i året.",
    "Saksnummer {saksnr} gjelder samme familie.",
    "Referanse {ugyldig11} står på fakturaen.",
    "Kundenummeret {ugyldig11} må oppgis ved henvendelser.",
    "I {aar} fikk {antall} barn tilbud om sommerjobb.",
    "Alle elever i {klasse} får tilbud om samtale med helsesykepleier.",
    "Barn under 6 år må følges av en voksen.",
    "Tilbudet gjelder ungdom mellom 13 og 18 år.",
    "Målgruppen er barn og unge 0-24 år og familiene deres.",
    "{tjeneste}, {tjeneste2} og BUP møtes hver tirsdag.",
    "Vi samarbeider med Bufetat og DPS om overgangen til voksenlivet.",
    "Helsestasjonen har åpent hus på torsdager.",
    "Familier flytter ofte fra {kommune} til {kommune2} for å få jobb.",
    "Ungdomsrådet i {kommune} vil ha flere møteplasser uten krav om å kjøpe noe.",
    "Hege om de minste: barnehagen trenger flere voksne.",
    "Vi må tone ned konflikten mellom hjemmet og skolen.",
    "Tone ned kravene i starten, sa foreldrene i gruppa.",
    "Per i dag har vi tre ansatte i BTI-teamet.",
    "Liv og helse er viktigere enn karakterer.",
    "Dag for dag blir det litt bedre å komme på skolen.",
    "Oppmøte ved hovedinngangen, 2. etasje, rom 214.",
    "Postnummer og sted må fylles ut i skjemaet.",
    "Prosjektet varer fra {aar} til 2028 og har {antall} deltakere.",
    "Svarprosenten var {prosent} i {aar}.",
    "Alarmtelefonen for barn og unge, {servicenr}, er gratis og åpen hele døgnet.",
    "Ring 113 ved akutt fare og 112 for politi.",
    "Organisasjonsnummer {orgnr} står nederst på brevet.",
    "Budsjettet er på {belop} kroner for hele perioden.",
    "Møtet ble flyttet til {dato}.",
    "Elevene på 8. trinn skal ha temadag om vold i nære relasjoner.",
    "Skolen har {antall} elever fra 1. til 10. klasse.",
    "Kommunen har {belop} innbyggere og tre barnehager.",
    "Mange barn i Bergen og Trondheim venter lenge på BUP.",
    "Ventetiden hos DPS er 12 uker, og {antall} står på liste.",
    "Det kom {antall} søknader i {aar}.",
    "Kontonummer {kontonr} brukes for tilskudd.",
    "Saken har referanse {ugyldig11}.",
    "Les mer på {offentlig_url} før neste samling.",
    "Vi bruker {offentlig_url} for å finne tilbud.",
    "Storgata er stengt for biler på lørdager.",
    "Veien videre: evaluering i uke 42 og ny runde i {aar}.",
    "Tiltaket ble evaluert i {aar}, og {prosent} var fornøyde.",
    "Skolen ligger i {kommune} sentrum, like ved {skole}.",
    "Vi ønsker et lavterskeltilbud i {kommune} for 15-åringer og eldre.",
    "Barn som er 12 år eller eldre kan selv søke om plass.",
    "Tiltaket følger COS-P og FACT-modellen.",
    "Ring {servicenr} for å snakke med noen i natt.",
    "Mandag og onsdag er det leksehjelp fra 14.30 til 16.00.",
    "Foreldre med barn fra 0 til 6 år kan komme på kafé hver fredag.",
    "Tid: {dato} kl. 09.00–15.00, sted: {skole}.",
    "«Storm og regn stengte veien», sa hun.",
    "Lykke til med verkstedet!",
    "Mina barn går på {skole} og trivst der.",
    "Inga av elevane kom på møtet i går.",
    "Familien bor på Moen, like ved {skole}.",
    "Signe avtalen før fristen, ellers mister dere plassen.",
    "Stein på stein bygger vi tillit til familiene.",
    "Søknadsfristen er {dato}, og svar kommer i løpet av {aar}.",
    "Bestemor og bestefar bor i {kommune} og henter ofte barna.",
    # given names that are also words, programmes, services and places
    "Vi vil ha en vennlig tone i møtene med foreldrene.",
    "Det var sol og regn hele uka, men ungene var ute.",
    "Ungene fikk kaste stein i vannet etter turen.",
    "Samtalene skjer to ganger per uke.",
    "Det var liv og røre i gymsalen.",
    "Finn fram skjemaet før møtet.",
    "Vi må endre rutinene for fravær.",
    "Ho tor ikkje å seie ifrå til læraren.",
    "Anna enn det har vi ingen tilbod.",
    "Tilbudet heter De utrolige årene og gis i {kommune}.",
    "Kurset i Trygghetssirkelen (COS-P) starter i januar.",
    "Foreldre kan få ICDP, TIBIR eller PMTO gjennom {tjeneste}.",
    "Marte Meo-veiledning hjelper foreldre å se barnet.",
    "Redd Barna og Røde Kors har aktiviteter hver uke.",
    "Vi har møte med NAV Nordby og PPT.",
    "Stine Sofies Stiftelse har kurs for foreldre.",
    "Vi feirer Sankt Hans ved fjorden.",
    "Vi bor på Haugen, like ved skolen.",
    "Familien flyttet fra Lunde til Bø.",
    # birth dates of a group, and numbers that are not phones or e-mail
    "Barn født i {aar} får tilbud om plass fra august.",
    "Alle som er født etter 1. september 2020 må vente til neste opptak.",
    "Vi ser at nav.no har oppdatert informasjonen.",
    "Hun sa at ung.no var nyttig.",
    "Åpningstid 10.00-14.00 og 18.00-20.00.",
    "Planen gjelder for 2025-2028.",
]

_SLOT = re.compile(r"\{(\w+)\}")


def _build(template: str, rng: random.Random) -> Case:
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    length = 0
    for m in _SLOT.finditer(template):
        literal = template[pos : m.start()]
        parts.append(literal)
        length += len(literal)
        kind, fill = _SLOTS[m[1]]
        value = fill(rng)
        if kind is not None:
            spans.append(Span(kind, length, length + len(value)))
        parts.append(value)
        length += len(value)
        pos = m.end()
    parts.append(template[pos:])
    return Case("".join(parts), tuple(spans), template)


def cases(seed: int = SEED) -> list[Case]:
    """The labelled set: each positive template three times, each negative twice.

    Seeded, so the set (and the scores) are the same on every run.
    """
    rng = random.Random(seed)
    built = []
    for template in POSITIVE:
        built.extend(_build(template, rng) for _ in range(3))
    for template in NEGATIVE:
        built.extend(_build(template, rng) for _ in range(2))
    return built


@dataclass
class Score:
    """Recall and precision for one kind (or ``"alle"`` for all kinds)."""

    kind: str
    expected: int = 0  # spans that should be masked
    hit: int = 0  # of those, spans overlapped by a finding of the same kind
    findings: int = 0  # findings of this kind
    correct: int = 0  # of those, findings that overlap an expected span of the kind

    @property
    def recall(self) -> float:
        return self.hit / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.findings if self.findings else 1.0


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(labelled: Iterable[Case], mask: Callable | None = None) -> dict[str, Score]:
    """Score ``mask`` (default :func:`samskaping.core.privacy.detect.mask`) on ``labelled``.

    Span match: a finding is correct when its kind matches and it overlaps an
    expected span; an expected span is hit when such a finding overlaps it.
    Returns one :class:`Score` per kind plus ``"alle"`` for the totals.
    """
    if mask is None:
        from samskaping.core.privacy.detect import mask
    scores = {kind: Score(kind) for kind in KINDS}
    for case in labelled:
        findings = mask(case.text).findings
        for span in case.spans:
            score = scores.setdefault(span.kind, Score(span.kind))
            score.expected += 1
            if any(f.kind == span.kind and _overlaps(f.start, f.end, span.start, span.end) for f in findings):
                score.hit += 1
        for f in findings:
            score = scores.setdefault(f.kind, Score(f.kind))
            score.findings += 1
            if any(s.kind == f.kind and _overlaps(f.start, f.end, s.start, s.end) for s in case.spans):
                score.correct += 1
    total = Score("alle")
    for s in scores.values():
        total.expected += s.expected
        total.hit += s.hit
        total.findings += s.findings
        total.correct += s.correct
    scores["alle"] = total
    return scores


def format_table(scores: dict[str, Score]) -> str:
    """The scores as a plain-text table (used by the benchmark and in failures)."""
    lines = [f"{'kind':<14} {'expected':>8} {'recall':>7} {'findings':>8} {'precision':>9}"]
    for s in scores.values():
        lines.append(f"{s.kind:<14} {s.expected:>8} {s.recall:>7.3f} {s.findings:>8} {s.precision:>9.3f}")
    return "\n".join(lines)


# --- the unseen set -----------------------------------------------------------------


def unseen_cases(items: Iterable[tuple[str, list[tuple[str, str]]]] | None = None) -> list[Case]:
    """The unseen set (``privacy_unseen.UNSEEN``, or ``items``) as :class:`Case` objects.

    Each expected ``(kind, substring)`` is placed at the substring's next
    occurrence in the text, so a name written twice is expected twice.

    >>> [c.spans for c in unseen_cases([("Kari og Kari", [("navn", "Kari"), ("navn", "Kari")])])]
    [(Span(kind='navn', start=0, end=4), Span(kind='navn', start=8, end=12))]
    """
    if items is None:
        from privacy_unseen import UNSEEN

        items = UNSEEN
    built = []
    for text, expected in items:
        spans, next_start = [], {}
        for kind, substring in expected:
            start = text.find(substring, next_start.get(substring, 0))
            if start < 0:
                raise ValueError(f"{substring!r} is not in {text!r}")
            next_start[substring] = start + len(substring)
            spans.append(Span(kind, start, start + len(substring)))
        built.append(Case(text, tuple(spans), "unseen"))
    return built


def evaluate_unseen(mask: Callable | None = None) -> dict[str, Score]:
    """Score ``mask`` on the unseen set written by a session that never saw the method.

    The same scoring as :func:`evaluate`: a finding counts when its kind
    matches and its span overlaps the expected substring; any finding in a
    negative, or overlapping no expected span of its kind, is a false positive.
    """
    return evaluate(unseen_cases(), mask)

