"""Names of people, found by one walk over the words with the name lists shipped in ``samskaping/data``.

The lists hold common given names and surnames in Norway (Norwegian, Sami
with and without the Sami letters and in the genitive of "Máreha eadni",
Kven and the largest immigrant groups), and ``name_words.txt`` the names that
are also ordinary words ("per", "tone", "sol", "stein", nynorsk "anna",
"vera", North Sami "lea", is). A word counts as a name when:

* it is a listed name written with a capital inside a sentence (``Be Nils ta
  med skjemaet``, ``Marit og Jon Eriksen var med``); a surname right after a
  place preposition (``i``, ``på``, ``fra``, ``ved``) is a place, and a
  surname that is also a word (``om Vold``) needs a verb done to a person
  (``ringte``, ``spurte``) before it or a name after it;
* it opens a sentence and is a listed name that is not also a word (``Kari
  sa``, ``Hansen ringte``); a name that is also a word (``Tone ned``, ``Per i
  dag``, ``Sol og regn``, ``Skogen var mørk``) counts there only before
  another name (``Tone Hansen``), and a given name also before a verb (``Per
  sa``) or ``og`` + a name (``Per og Kari``);
* it is typed in lower case and is a listed given name that is not also a
  word (``mohammed i 5a trenger``), or a listed surname right after a name
  (``jon eriksen``); a name that is also a word counts in lower case only
  after a naming cue (``heter per``);
* it is any capitalised word after a cue such as ``heter``, ``heiter``,
  ``kalt``, ``moren``, ``mora``, ``guten``, ``eleven``, North Sami ``eadni``
  (mother), ``áhčči`` (father), ``oahpaheaddji`` (teacher) (``Jenta heter
  Sunniva``, ``su eadni Biret``), after ``og`` following a name (``Kari og
  Sunniva``), right after a name (``Kari Nordmann``, ``Kari N.``); and, inside
  a sentence, any capitalised word that is not a word, service, place, role or
  verb after a verb done to a person (``Vi ringte Tjerand``), right before a
  listed surname (``ringte Tuvalill Hansen``), or after a cue further back: a
  cue and a possessive (``faren hans Bjørgulv``, ``far hennar, Gunnstein,``),
  a kin word and ``til`` (``mora til Sigrid``), ``kallar seg``, ``namnet er``,
  ``mu namma lea`` (North Sami: my name is), ``eg er``, and the pronouns
  ``han`` and ``ho`` that nynorsk and dialects put before a name (``ho
  Gunnvor``);
* with the possessive ``-s`` (``Åses mor``, ``Kari's``) and hyphens
  (``Anne-Lise``).

Never names: services, programmes and apps (NAV, PPT, BUP, ICDP, TIBIR,
Trygghetssirkelen ...) and the word after one (``NAV Nordby``), months and
weekdays, places standing alone, a word followed by ``skole``, ``kommune``,
``barnehage`` ... (an institution), and names inside the titles of programmes,
organisations, stories and feasts (``Marte Meo``, ``Stine Sofies Stiftelse``,
``Ole Brumm``, ``Sankt Hans``).

``til``, ``med`` and ``hos`` are not cues: after them a listed name is found
anyway, and an unlisted capitalised word is more often a place or an
organisation (``til Oppdal``, ``med Bufetat``) than a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from samskaping.core.privacy.base import (
    CALENDAR,
    PLACES,
    PLACES_LOWER,
    SERVICES,
    SP,
    UPPER,
    Finding,
    finding,
)

__all__ = ["NameLists", "name_lists", "find_navn"]


@dataclass(frozen=True)
class NameLists:
    """The shipped name lists, read once: names as written, and in lower case."""

    given: frozenset[str]
    surnames: frozenset[str]
    given_lower: frozenset[str]
    surnames_lower: frozenset[str]
    words: frozenset[str]  # names that are also ordinary words, and function words (lower case)
    lower_forms: frozenset[str]  # every listed name in lower case, also with -s: a quick first look


@cache
def name_lists() -> NameLists:
    """The given names, surnames and name-words shipped as package data.

    >>> lists = name_lists()
    >>> "Kari" in lists.given, "per" in lists.words, "kari" in lists.words
    (True, True, False)
    """
    given, surnames = _read("given_names.txt"), _read("surnames.txt")
    words = _read("name_words.txt") | _read("stopwords.txt")
    given_lower, surnames_lower = frozenset(n.lower() for n in given), frozenset(n.lower() for n in surnames)
    lower = given_lower | surnames_lower
    return NameLists(given, surnames, given_lower, surnames_lower, words, lower | {n + "s" for n in lower})


def _read(name: str) -> frozenset[str]:
    lines = (resources.files("samskaping") / "data" / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


# A word followed by one of these names an institution or place ("Berg skole").
_INSTITUTION_NOUNS = frozenset(
    [
        "skole", "skolen", "skule", "skulen", "barneskole", "barneskolen", "ungdomsskole", "ungdomsskolen",
        "oppvekstsenter", "barnehage", "barnehagen", "barnehagar", "kommune", "kommunes", "fylke", "kirke",
        "kirken", "kyrkje", "sykehus", "sykehuset", "sjukehus", "legesenter", "legekontor", "helsesenter",
        "idrettslag", "il", "if", "fk", "videregående", "vidaregåande", "vgs", "stasjon", "senter", "sentrum",
        "bibliotek", "menighet", "gård", "gate", "gata", "vei", "veien", "veg", "vegen", "allé", "plass",
        "sfo", "aks", "ungdomsklubb", "fritidsklubb", "frivilligsentral", "familiesenter", "helsestasjon",
    ]
)

# A capitalised word right after one of these is taken for a name even when it
# is not in the lists ("Gutten heter Sunniva", "moren Ayanle", "ho heiter Áile").
_NAMING_CUES = frozenset(
    ["heter", "het", "hette", "heiter", "heitte", "kalt", "kalla", "kalles", "kallast", "kaller", "kallar",
     "navnet", "namnet", "namma", "gohčoduvvo", "gohčoduvvon", "gohcoduvvo"]
)
_CUES = _NAMING_CUES | frozenset(
    [
        "mor", "far", "moren", "faren", "mora", "mamma", "pappa", "mammaen", "pappaen", "gutten", "guten", "jenta",
        "jenten", "eleven", "barnet", "sønnen", "sonen", "son", "datteren", "dattera", "dottera", "sønn", "datter",
        "dotter", "broren", "søsteren", "systera", "bror", "søster", "syster", "lillebror", "lillesøster",
        "veslebror", "veslesyster", "storebror", "storesøster", "storesyster", "bestemor", "bestefar", "besta",
        "bestemora", "mormor", "morfar", "farmor", "farfar", "oldemor", "onkel", "tante", "kusine", "fetter",
        "venninnen", "venninna", "vennen", "kompisen", "kameraten", "kjæresten", "kjærasten", "stefar", "stemor",
        "fostermor", "fosterfar", "læreren", "læraren", "kontaktlærer", "kontaktlæreren", "kontaktlæraren",
        "rektor", "helsesykepleier", "helsesykepleieren", "helsesjukepleiar", "helsesjukepleiaren", "helsesøster",
        "saksbehandler", "saksbehandleren", "sakshandsamar", "sakshandsamaren", "miljøterapeut", "miljøarbeider",
        "veileder", "rettleiar", "fru", "herr", "familien", "naboen", "assistenten", "treneren", "fastlegen",
        "psykologen", "tolken", "koordinatoren", "barnekoordinator", "kontaktperson", "kontaktpersonen",
        "mannen", "kona", "samboeren", "sambuaren", "ektemannen", "lillebroren", "lillesøsteren",
        "storebroren", "storesøsteren", "fosterbarnet", "fostersønnen", "fosterdatteren", "barnebarnet",
        "guttungen", "jentungen", "ungen", "ungdommen", "ungdomen", "elev", "deltakeren", "brukeren",
        # nynorsk forms the bokmål ones above do not cover
        "bestefaren", "bestemoren", "onkelen", "tanta", "tanten", "kusina", "kusinen", "fetteren", "venen",
        "bestevenen", "bestevennen", "bestevenninna", "bestevenninnen", "stefaren", "stemora", "stemoren",
        "fostermora", "fostermoren", "fosterfaren", "veslebroren", "veslesystera", "storesystera",
        "lillesystera", "fosterson", "fostersonen", "fosterdottera", "deltakaren", "brukaren", "trenaren",
        "rettleiaren", "veilederen", "miljøterapeuten", "miljøarbeidaren", "miljøarbeideren", "ektemaken",
        # North Sami (davvisámegiella): "su eadni Biret", "oahpaheaddji Risten", "nieida Máret", also as
        # typed without the Sami letters
        "eadni", "eatni", "áhčči", "áhči", "ahcci", "ahci", "oabbá", "oabba", "viellja", "nieida", "bárdni",
        "bardni", "mánná", "áhkku", "ahkku", "ádjá", "adja", "ustit", "oahpaheaddji", "siessá",
        "eanu", "čeahci",
    ]
)
# Kin words: "mora til Sigrid", "faren til Bjørgulv" name a person even when the name is not listed
# (other cues take "til" as a direction: "sende eleven til Hamar", "familien flytta til Skjervøy").
_KIN = frozenset(
    [
        "mor", "far", "moren", "faren", "mora", "mamma", "pappa", "mammaen", "pappaen", "sønnen", "sonen",
        "datteren", "dattera", "dottera", "broren", "søsteren", "systera", "bestemor", "bestefar", "besta",
        "bestemora", "bestemoren", "bestefaren", "mormor", "morfar", "farmor", "farfar", "onkel", "onkelen",
        "tante", "tanta", "tanten", "kusine", "kusina", "kusinen", "fetter", "fetteren", "venninnen", "venninna",
        "vennen", "venen", "kompisen", "kameraten", "kjæresten", "kjærasten", "stefar", "stemor", "stefaren",
        "stemora", "stemoren", "fostermor", "fosterfar", "fostermora", "fostermoren", "fosterfaren", "læreren",
        "læraren", "kontaktlæreren", "kontaktlæraren", "lillebroren", "lillesøsteren", "storebroren",
        "storesøsteren", "veslebroren", "veslesystera", "storesystera", "lillesystera", "mannen", "kona",
        "samboeren", "sambuaren", "ektemannen", "ektemaken",
    ]
)
# "faren hans Bjørgulv", "læraren hennar Ragnhild", "mor vår Oddny": a cue, then one of these.
_POSSESSIVES = frozenset(
    ["hans", "hennes", "hennar", "min", "mi", "mitt", "din", "di", "vår", "deres", "deira", "dykkar", "sin",
     "si", "hass"]
)
# "han Ola", "ho Gunnvor" (nynorsk and dialect put a pronoun before a name).
_PRONOUNS = frozenset({"ho", "han"})
# Two words before a name that name it together: "kallar seg Tobben", "namnet er Gunnvor",
# "mu namma lea Máret" (North Sami: my name is), "eg er Gunnvor".
_CALL_VERBS = frozenset({"kaller", "kallar", "kalte", "kalla", "kalles", "kallast"})
_NAME_NOUNS = frozenset({"navnet", "namnet", "namma", "namman", "navn", "namn"})
_COPULAS = frozenset({"er", "var", "lea", "lei"})
_I = frozenset({"jeg", "eg", "mun"})
_I_AM = frozenset({"er", "lean"})
# After such a cue a capitalised role, office or verb is no name ("eg er Kontaktlærar", "læraren min Snakka").
_ROLE_ENDINGS = (
    "lærer", "lærar", "leder", "leiar", "pleier", "pleiar", "arbeider", "arbeidar", "terapeut", "koordinator",
    "ansatt", "tilsett", "rådgiver", "rådgjevar", "konsulent", "assistent", "pedagog", "psykolog", "kontoret",
    "rådet", "skolen", "skulen", "senteret", "stasjonen", "tjenesten", "tenesta", "teamet",
)
_AND = frozenset({"og", "eller", "&"})
# An everyday-word name at the start of a sentence is still a name when a verb
# follows it: "Hege sa ..." (but "Hege om de små", "Tone ned kravene").
_VERBS = frozenset(
    [
        "sa", "sier", "har", "hadde", "er", "var", "kom", "kommer", "fikk", "får", "vil", "ville", "skal", "skulle",
        "kan", "kunne", "må", "måtte", "ble", "blir", "gikk", "går", "ringte", "ringer", "forteller", "fortalte",
        "synes", "syntes", "mener", "mente", "ønsker", "ønsket", "trenger", "trengte", "liker", "likte", "bor",
        "bodde", "spurte", "spør", "gråt", "gruer", "gleder", "tror", "trodde", "vet", "visste", "svarte", "sluttet",
        "begynte", "startet", "jobber", "jobbet", "snakket", "snakker", "sitter", "satt", "skriver", "skrev", "føler",
        "følte", "husker", "tok", "gjorde", "gjør", "lurer", "deltar", "møtte", "møter", "sendte", "klarer", "klarte",
        "seier", "sei", "fekk", "vart", "gjekk", "ringde", "fortel", "fortalde", "synest", "meiner", "meinte",
        "ønskjer", "ønskte", "treng", "trong", "likar", "bur", "budde", "spurde", "trur", "trudde", "veit", "svara",
        "slutta", "byrja", "jobbar", "jobba", "snakka", "snakkar", "sit", "skreiv", "kjenner", "hugsar", "gjer",
        "deltek", "sende", "hentet", "henta", "henter", "hentar", "mistet", "miste", "trives", "trivst", "sliter",
        "slit", "gruet", "ler", "lo", "nekter", "nektar", "orker", "orkar", "heter", "heiter", "fyller", "fyllte",
        "mangler", "manglar",
        # North Sami: is, was, says, said, came, comes, needs, wants, lives, called, tells, works
        "lea", "lei", "ledje", "dadjá", "celkkii", "bođii", "boahtá", "dárbbaša", "háliida", "orru", "riŋgii",
        "muitala", "bargá",
    ]
)
# Verbs whose object is usually a person: an unlisted capitalised word after
# them is a name unless it is a service, place or role ("ringte Bufetat").
_PERSON_VERBS = frozenset(
    [
        "ringte", "ringe", "ring", "ringer", "ringde", "spurte", "spør", "spørre", "spurde", "møtte", "traff",
        "hjalp", "hjelpe", "besøkte", "hentet", "henter", "hente", "henta", "fulgte", "inviterte", "invitere", "be",
        "ba", "bad", "gi", "ga", "gav", "takket", "takka", "kjørte", "savner", "sakner", "trøstet", "roste",
        "trøysta", "køyrde", "hjelpte", "fylgde", "følgde", "vitja",
        # North Sami: call, called, ask, asked, met
        "riŋge", "riŋget", "riŋgii", "riŋgen", "jeara", "jearrat", "jearai", "deaivvai",
    ]
)
_ROLES = frozenset(
    [
        "ordføreren", "ordførar", "ordføraren", "ordfører", "rådmannen", "kommunedirektøren", "kommunedirektør",
        "kommunelegen", "politikerne", "politikarane", "statsråden", "ministeren", "biskopen", "presten",
        "lensmannen", "fylkesmannen", "barneombudet", "sjefen", "lederen", "leiaren", "styret", "alle", "ingen",
    ]
)
_PLACE_PREPOSITIONS = frozenset({"i", "på", "fra", "frå", "ved", "mot"})

# Titles of programmes, organisations, stories and feasts with a listed name in them.
_NOT_PERSONS = re.compile(
    r"(?<!\w)(?:marte\s+meo|stine\s+sofie\w*(?:\s+stiftelse|-senter\w*)?|ole\s+brumm|emil\s+i\s+lønneberget"
    r"|albert\s+åberg|mikkel\s+rev|karsten\s+og\s+petra|pippi(?:\s+langstrømpe)?|ronja\s+røverdatter"
    r"|sankt\s+hans|st\.\s?hans|karius\s+og\s+baktus|hans\s+og\s+grete|espen\s+askeladd|kari\s+trestakk"
    r"|helly\s+hansen|kari\s+traa|per\s+spelmann|petter\s+smart|mamma\s+mø|tommy\s+og\s+tigern"
    r"|kasper,?\s+jesper\s+og\s+jonatan)(?!\w)",
    re.IGNORECASE,
)

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_INITIAL = re.compile(rf"{SP}[{UPPER}]\.")
_SENTENCE_END = frozenset(".!?:;…«\"“”„•*\n")
_BULLETS = frozenset("-–—")
_APOSTROPHE_S = re.compile(r"['’]s?$")


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    blocked: bool  # inside an earlier finding or a title: acts like an ordinary word


def find_navn(text: str, taken: list[Finding]) -> list[Finding]:
    """Names, by one left-to-right walk over the words (rules in the module doc).

    Each word is decided from itself, its neighbours and the words already
    decided before it (so "Kari Nordmann" and "Kari og Sunniva" chain); then
    runs of adjacent name words become one finding. Words inside ``taken``
    findings count as ordinary lower-case words.

    >>> [(f.start, f.end) for f in find_navn("Be Nils ta med skjemaet, sa Marit og Jon Eriksen.", [])]
    [(3, 7), (28, 33), (37, 48)]
    >>> find_navn("Per i dag går det bra med sol og regn, og vi må kaste stein.", [])
    []
    """
    spans = [(f.start, f.end) for f in taken]
    titles = [m.span() for m in _NOT_PERSONS.finditer(text)]
    words = _words(text, _union(spans + titles) if titles else spans)
    lists = name_lists()
    walk = _Walk(text, words, lists)
    lower_forms = lists.lower_forms
    for i, word in enumerate(words):
        t = word.text
        # Most words are lower-case and no name: leave them without a call.
        if t[0].isupper() or t in lower_forms or "-" in t or "'" in t or "’" in t:
            walk.is_name[i] = walk.decide(i)
    return walk.findings()


class _Walk:
    """The words of one text and what has been decided about them so far."""

    def __init__(self, text: str, words: list[_Word], lists: NameLists) -> None:
        self.text = text
        self.words = words
        self.lists = lists
        self.is_name = [False] * len(words)

    # --- neighbours ---------------------------------------------------------

    def adjacent(self, i: int, j: int) -> bool:
        """Words i < j are next to each other, separated only by spaces."""
        gap = self.text[self.words[i].end : self.words[j].start]
        return 0 < len(gap) <= 2 and gap.isspace() and "\n" not in gap

    def next_word(self, i: int) -> _Word | None:
        return self.words[i + 1] if i + 1 < len(self.words) and self.adjacent(i, i + 1) else None

    def prev_lower(self, i: int) -> str:
        words = self.words
        return words[i - 1].text.lower() if i > 0 and self.adjacent(i - 1, i) and not words[i - 1].blocked else ""

    def after_name(self, i: int) -> bool:
        return i > 0 and self.is_name[i - 1] and self.adjacent(i - 1, i)

    # --- what a word is -------------------------------------------------------

    def lookup(self, word: _Word) -> tuple[bool, bool]:
        """(is a given name, is a surname) for a capitalised word, allowing ``-s``, ``'s`` and hyphens."""
        return _lookup(word.text, self.lists.given, self.lists.surnames)

    def lookup_lower(self, word: _Word) -> tuple[bool, bool]:
        """The same for a word typed in lower case."""
        return _lookup(word.text, self.lists.given_lower, self.lists.surnames_lower)

    def is_word(self, word: _Word) -> bool:
        """The name is also an ordinary word ("Per", "Tone", "Sol")."""
        t = _APOSTROPHE_S.sub("", word.text).lower()
        return t in self.lists.words or (t[-1:] == "s" and t[:-1] in self.lists.words)

    def capitalised_name(self, word: _Word | None) -> bool:
        return word is not None and _capitalised(word) and any(self.lookup(word))

    # --- the decision -------------------------------------------------------------

    def decide(self, i: int) -> bool:
        word = self.words[i]
        t = word.text
        if word.blocked or t.isupper():
            return False  # acronyms (NAV, PPT) and initials
        capitalised = t[0].isupper()
        if not capitalised and not (t.islower() and len(t) >= 3):
            return False
        before = self.prev_lower(i)
        nxt = self.next_word(i)
        if before in SERVICES or (nxt is not None and nxt.text.lower() in _INSTITUTION_NOUNS):
            return False  # NAV Nordby, Berg skole
        if t.lower() in SERVICES or t.split("-", 1)[0].lower() in SERVICES:
            return False  # NAV, Nav-kontoret
        return self.decide_capitalised(i, before, nxt) if capitalised else self.decide_lower(i, before)

    def decide_capitalised(self, i: int, before: str, nxt: _Word | None) -> bool:
        word = self.words[i]
        g, s = self.lookup(word)
        if before in _CUES:
            return g or s or word.text.lower() not in self.lists.words  # "heter De utrolige årene"
        if self.after_name(i):
            return g or s or word.text not in PLACES  # Kari Nordmann, Nguyen Van An
        if word.text in CALENDAR or word.text in PLACES:
            return False
        if i > 1 and before in _AND and self.is_name[i - 2] and self.adjacent(i - 2, i - 1):
            return True  # Kari og Sunniva
        initial = _sentence_initial(self.text, word.start)
        if not (g or s):
            return not initial and self.unlisted_is_name(i, before, nxt)
        if initial:
            return self.opens_sentence_as_name(i, g, nxt)
        if s and not g:
            return self.surname_is_name(word, before, nxt)
        return True

    def unlisted_is_name(self, i: int, before: str, nxt: _Word | None) -> bool:
        """An unlisted word inside a sentence: a name after a verb done to a person
        (``ringte Tjerand``), right before a listed surname (``ringte Tuvalill Hansen``),
        or after a cue further back (:meth:`far_cue`)."""
        lower = self.words[i].text.lower()
        if lower in self.lists.words or lower in _ROLES:
            return False
        return (
            before in _PERSON_VERBS
            or (nxt is not None and _capitalised(nxt) and self.lookup(nxt)[1])
            or (not _role_or_verb(lower) and self.far_cue(i, before))
        )

    def far_cue(self, i: int, before: str) -> bool:
        """Word i follows a cue that is not the word right before it.

        A pronoun (``han Ola``, ``ho Gunnvor``); a cue and a possessive (``faren hans
        Bjørgulv``, ``far hennar, Gunnstein,``); a kin word and ``til`` (``mora til
        Sigrid``); two words that name together (``kallar seg Tobben``, ``namnet er
        Gunnvor``, ``navnet hans er Bjørgulv``, ``mu namma lea Máret``, ``eg er Gunnvor``).
        """
        if before in _PRONOUNS:
            return True
        if not before:
            return self.apposition(i)
        two = self.prev_lower(i - 1)
        if before in _POSSESSIVES:
            return two in _CUES
        if before in ("til", "åt"):
            return two in _KIN
        if before == "seg":
            return two in _CALL_VERBS
        if before in _I_AM and two in _I:
            return True
        return before in _COPULAS and (
            two in _NAME_NOUNS or (two in _POSSESSIVES and self.prev_lower(i - 2) in _NAME_NOUNS)
        )

    def naming_cue(self, i: int, before: str) -> bool:
        """Word i follows words that give a name: ``heter``, ``kallar seg``, ``namnet er``."""
        if before in _NAMING_CUES:
            return True
        two = self.prev_lower(i - 1)
        return (before == "seg" and two in _CALL_VERBS) or (before in _COPULAS and two in _NAME_NOUNS)

    def apposition(self, i: int) -> bool:
        """``far hennar, Gunnstein, møtte``: a cue and a possessive, a comma, and a name closed by a
        comma, a bracket or the end of the sentence."""
        words, text = self.words, self.text
        if i < 2 or words[i - 1].blocked or text[words[i - 1].end : words[i].start].strip(" \t\u00a0") != ",":
            return False
        if words[i - 1].text.lower() not in _POSSESSIVES or self.prev_lower(i - 1) not in _CUES:
            return False
        j = i
        while j + 1 < len(words) and self.adjacent(j, j + 1) and _capitalised(words[j + 1]):
            j += 1
        rest = text[words[j].end :].lstrip(" \t\u00a0")
        return not rest or rest[0] in ",.;:!?)\n"

    def surname_is_name(self, word: _Word, before: str, nxt: _Word | None) -> bool:
        """A listed surname (and no given name) inside a sentence."""
        if before in _PLACE_PREPOSITIONS:
            return False  # på Haugen, fra Lunde: a place
        # A surname that is also a word ("om Vold", "ved Strand") needs a person around it.
        return not self.is_word(word) or before in _PERSON_VERBS or self.capitalised_name(nxt)

    def opens_sentence_as_name(self, i: int, given: bool, nxt: _Word | None) -> bool:
        """A listed name at the start of a sentence, where every word has a capital."""
        if not self.is_word(self.words[i]):
            return True  # Kari sa ..., Hansen sa ...
        # Also a word: a name only before another name, or (given names only;
        # "Skogen var mørk") before a verb or "og" + a name.
        return nxt is not None and (
            (given and nxt.text in _VERBS) or self.capitalised_name(nxt) or (given and self.and_name_follows(i + 1))
        )

    def decide_lower(self, i: int, before: str) -> bool:
        word = self.words[i]
        if word.text in PLACES_LOWER:
            return False
        g, s = self.lookup_lower(word)
        if not (g or s):
            return False
        if word.text in _COPULAS and before in _NAME_NOUNS:
            return False  # "mu namma lea Máret": "lea" (is) is also the name Lea
        if self.naming_cue(i, before):
            return True  # heter per, kallar seg per
        if self.is_word(word):
            return False  # per uke, en vennlig tone, kaste stein
        return g or (before in _CUES) or self.after_name(i)  # mohammed i 5a, jon eriksen

    def and_name_follows(self, i: int) -> bool:
        """Word i is "og"/"eller" and the word after it is a listed name that is not a word."""
        words = self.words
        if i + 1 >= len(words) or words[i].text not in _AND or not self.adjacent(i, i + 1):
            return False
        other = words[i + 1]
        return self.capitalised_name(other) and not self.is_word(other)

    # --- the findings ---------------------------------------------------------------

    def findings(self) -> list[Finding]:
        """Runs of adjacent name words, one finding each ("Kari N." keeps its full stop)."""
        words, is_name, text = self.words, self.is_name, self.text
        found = []
        i, n = 0, len(words)
        while i < n:
            if not is_name[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and is_name[j + 1] and self.adjacent(j, j + 1):
                j += 1
            end = words[j].end
            m = _INITIAL.match(text, end)
            if m and j + 1 < n and words[j + 1].start == end + 1 and not words[j + 1].blocked:
                end = m.end() - 1  # "Kari N." -> mask "Kari N", keep the full stop
            found.append(finding("navn", words[i].start, end))
            i = j + 1
        return found


def _lookup(text: str, given: frozenset[str], surnames: frozenset[str]) -> tuple[bool, bool]:
    """(given, surname) for ``text``, its form without ``-s``/``'s``, or any of its hyphenated parts.

    >>> lists = name_lists()
    >>> _lookup("Åses", lists.given, lists.surnames), _lookup("Anne-Lise", lists.given, lists.surnames)
    ((True, False), (True, False))
    """
    bare = _APOSTROPHE_S.sub("", text)
    for form in (bare, bare[:-1] if bare[-1:] == "s" and bare == text else None):
        if not form:
            continue
        parts = form.split("-")
        g = any(p in given for p in parts)
        s = any(p in surnames for p in parts)
        if g or s:
            return g, s
    return False, False


def _role_or_verb(lower: str) -> bool:
    """A cue, a role or office, or a verb: no name even after a cue further back (:meth:`_Walk.far_cue`)."""
    return lower in _CUES or lower in _VERBS or lower.endswith(_ROLE_ENDINGS)


def _capitalised(word: _Word) -> bool:
    t = word.text
    return not word.blocked and t[0].isupper() and not t.isupper()


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged, sorted by start."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _words(text: str, spans: list[tuple[int, int]]) -> list[_Word]:
    """The words of ``text``; those that overlap one of the sorted ``spans`` are blocked."""
    if not spans:
        return [_Word(m.start(), m.end(), m.group(), False) for m in _WORD.finditer(text)]
    words = []
    k, n = 0, len(spans)
    for m in _WORD.finditer(text):
        start, end = m.span()
        while k < n and spans[k][1] <= start:
            k += 1  # spans that end before this word
        words.append(_Word(start, end, m.group(), k < n and spans[k][0] < end))
    return words


def _sentence_initial(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, quote, line or bullet.

    Looks only at the previous non-space character, which a mask token never
    changes (tokens end in ``]``), so masking twice decides the same way.

    >>> _sentence_initial("Hei. Kari kom", 5), _sentence_initial("Vi og Kari", 6)
    (True, False)
    """
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0 or text[i] in _SENTENCE_END:
        return True
    if text[i] in _BULLETS:
        j = i - 1
        while j >= 0 and text[j] in " \t\u00a0":
            j -= 1
        return j < 0 or text[j] == "\n"
    return False
