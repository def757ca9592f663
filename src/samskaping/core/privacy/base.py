"""What every detector of personal data shares: the kinds, one finding, common patterns and words.

Each detector (:mod:`.fodselsnummer`, :mod:`.contact`, :mod:`.adresse`,
:mod:`.ages`, :mod:`.names`) returns :class:`Finding` objects built with
:func:`finding`; :func:`samskaping.core.privacy.detect.mask` settles overlaps
and puts the tokens in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "KINDS", "REPLACEMENTS", "Finding", "finding", "has_digit_run", "SP", "WB", "WE", "UPPER", "LOWER", "DIGIT",
    "SERVICES", "CALENDAR", "PLACES", "PLACES_LOWER",
]

#: The kinds of personal data, most specific first (this order breaks ties).
KINDS = ("fodselsnummer", "epost", "url", "telefon", "fodselsdato", "adresse", "alder", "navn")

#: What a person sees in place of each kind.
REPLACEMENTS = {
    "fodselsnummer": "[fødselsnummer]",
    "telefon": "[telefon]",
    "epost": "[e-post]",
    "url": "[url]",
    "fodselsdato": "[fødselsdato]",
    "adresse": "[adresse]",
    "navn": "[navn]",
    "alder": "[alder]",
}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and where it is in the original text.

    A finding holds offsets, never the matched text, so a logged or exported
    finding cannot leak what it found.
    """

    kind: str
    start: int
    end: int
    replacement: str


def finding(kind: str, start: int, end: int) -> Finding:
    """A finding of ``kind`` with the token that replaces it.

    >>> finding("navn", 0, 4)
    Finding(kind='navn', start=0, end=4, replacement='[navn]')
    """
    return Finding(kind, start, end, REPLACEMENTS[kind])


SP = r"[ \u00a0]"  # a space as typed, or a non-breaking one from a pasted document

# Every pattern treats the brackets of a token already put in like the letter
# or digit that stood there: "Kari20000000" holds no phone number, and neither
# does "[navn]20000000" once the name is masked. That keeps masking idempotent.
WB = r"(?<![\w\]])"  # word start
WE = r"(?![\w\[])"  # word end

# Letters of Norwegian and North Sami (á č đ ŋ š ŧ ž: "Čuolbmageaidnu", "9730 Kárášjohka").
UPPER = "A-ZÆØÅÄÖÜÉÁČĐŊŠŦŽ"
LOWER = "a-zæøåäöüéèáóôčđŋšŧž"

DIGIT = re.compile(r"[0-9]")
_DIGIT_RUN = {n: re.compile(rf"[0-9]{{{n}}}") for n in (2, 4, 6)}


def has_digit_run(text: str, n: int) -> bool:
    """Cheap pre-check: most ideas have no number at all.

    >>> has_digit_run("ring 41 23", 2), has_digit_run("ring 41 23", 4)
    (True, False)
    """
    return _DIGIT_RUN[n].search(text) is not None


# Services, programmes and apps, compared in lower case. All-caps acronyms are
# never names anyway; this list also covers the title-case forms ("Nav",
# "Bufetat") and what follows them is a unit, not a person ("NAV Nordby").
SERVICES = frozenset(
    [
        "nav", "ppt", "bup", "bti", "slt", "fact", "cos-p", "icdp", "tibir", "pmto", "pals", "mst", "fft", "dps",
        "bufetat", "bufdir", "helsestasjonen", "helsestasjon", "barnevernet", "barnevernstjenesten",
        "barneverntjenesten", "barnevernstenesta", "skolehelsetjenesten", "skulehelsetenesta", "familievernet",
        "familievernkontoret", "statsforvalteren", "statsforvaltaren", "politiet", "krisesenteret", "utekontakten",
        "ungdomsteamet", "kommunen", "fylkeskommunen", "helsedirektoratet", "udir", "ks", "frivilligsentralen",
        "kulturskolen", "flyktningetjenesten", "flyktningtenesta", "psykisk", "rus", "legevakta", "legevakten",
        "trygghetssirkelen", "barnehuset", "alarmtelefonen", "kirkens", "bymisjonen", "ungdata", "ungdomsrådet",
        "teams", "facebook", "snapchat", "instagram", "tiktok", "messenger", "google", "youtube", "vipps", "spond",
        "visma", "vigilo", "itslearning", "showbie", "kahoot", "padlet", "discord", "roblox", "minecraft",
        "fortnite", "whatsapp", "helsenorge", "altinn",
    ]
)

CALENDAR = frozenset(
    [
        "Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September",
        "Oktober", "November", "Desember", "Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag",
        "Lørdag", "Søndag", "Måndag", "Tysdag", "Laurdag", "Sundag", "Jul", "Påske", "Pinse",
    ]
)

# Municipality and place names that are also in the name lists or likely after
# a cue. Standing alone they are places; after a cue or before a surname they
# may be a person ("jenta Frøya", "Frøya Hansen").
PLACES = frozenset(
    [
        "Oslo", "Bergen", "Trondheim", "Stavanger", "Kristiansand", "Tromsø", "Drammen", "Fredrikstad", "Sandnes",
        "Bodø", "Ålesund", "Sarpsborg", "Skien", "Tønsberg", "Moss", "Hamar", "Lillehammer", "Gjøvik", "Molde",
        "Harstad", "Narvik", "Alta", "Kautokeino", "Karasjok", "Tana", "Nesseby", "Porsanger", "Vadsø",
        "Hammerfest", "Steinkjer", "Stjørdal", "Levanger", "Namsos", "Verdal", "Malvik", "Melhus", "Selbu",
        "Tydal", "Røros", "Oppdal", "Frosta", "Frøya", "Hitra", "Halden", "Arendal", "Grimstad", "Larvik",
        "Sandefjord", "Horten", "Kongsberg", "Asker", "Bærum", "Lillestrøm", "Lørenskog", "Lindesnes", "Ås", "Bø",
        "Vik", "Voss", "Lund", "Hol", "Nes", "Hole", "Sande", "Os", "Hå", "Sola", "Klepp", "Time", "Karmøy",
        "Haugesund", "Stord", "Førde", "Sogndal", "Rana", "Vefsn", "Fauske", "Senja", "Bardu", "Målselv", "Lyngen",
        "Vågan", "Sortland", "Evenes", "Sunndal", "Ørland", "Orkland", "Rindal", "Surnadal", "Kinn", "Ullensaker",
        "Eidsvoll", "Ringerike", "Ringsaker", "Elverum", "Kongsvinger", "Trysil", "Tynset", "Notodden",
        "Porsgrunn", "Bamble", "Kragerø", "Risør", "Farsund", "Flekkefjord", "Eigersund", "Strand", "Askøy",
        "Alver", "Vestby", "Frogn", "Guovdageaidnu", "Kárášjohka", "Unjárga", "Deatnu", "Porsáŋgu", "Snåase",
        "Romsa", "Norge", "Noreg", "Sápmi", "Finnmark", "Troms", "Nordland", "Trøndelag", "Vestland", "Rogaland",
        "Agder", "Telemark", "Innlandet", "Viken", "Østfold", "Akershus", "Buskerud", "Vestfold", "Sverige",
        "Danmark", "Finland", "Polen", "Somalia", "Syria", "Ukraina", "Eritrea", "Litauen", "Afghanistan", "Mo",
        "Lier", "Nome", "Lom", "Vang", "Vega", "Leka", "Ørsta", "Volda",
        "Kvam", "Sirdal", "Sauda", "Vinje", "Tinn", "Gran", "Lunner", "Nittedal", "Enebakk", "Aurskog-Høland",
        "Nordre", "Søndre", "Øvre", "Nedre", "Sogn", "Hardanger", "Lofoten", "Vesterålen", "Helgeland",
        "Grenland", "Hallingdal", "Valdres", "Gudbrandsdalen", "Østerdalen", "Jæren", "Sunnmøre", "Nordmøre",
        "Romsdal", "Namdalen", "Innherred", "Fosen", "Irak", "Iran", "Pakistan", "Tyrkia", "Etiopia", "Vietnam",
        "Thailand", "Filippinene", "Russland", "Kosovo", "Bosnia", "Tyskland", "England", "Spania", "Chile",
        "Europa", "Afrika", "Asia",
    ]
)
PLACES_LOWER = frozenset(p.lower() for p in PLACES)
