"""How a project is organised and planned: the plan's "Prosjektorganisering" and "Milepæler og tiltak".

The seed plans name the bodies of a project (Siljan's table "Roller | Ansvar |
Oppgaver": prosjekteier, styringsgruppe, prosessledere, arbeidsgrupper), say
who does what, list the meetings that carry it (Nesseby's "Møter | Hyppighet |
Agenda | Deltakere"), plan how the project is anchored with each group
(Selbu's "forankringsplan": date, group, participants, content), and set
milestones per phase (Nesseby's "Milepæl | Tiltak | Ansvar | Tidsramme", often
with a season rather than a date: "Vår 2019"). Concepts are tried out in pilots
("utprøving") before they are implemented.

A role's holder is a position or a body ("Kommunalsjef oppvekst",
"Kommunedirektørens ledergruppe"), never a person: a person's name is personal
data, and staff-typed text is checked for names before it is stored
(``STAFF_TEXT``). Only dataclasses, the rules for their values and pure tables
live here: the store saves and loads them, and nothing here imports a plotting
or office library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import ClassVar, Self

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import CATALOGUE, DEFAULT_LANG, t
from samskaping.core.keys import Key, fold
from samskaping.core.models import (
    KS_PHASES,
    MAX_TITLE_LENGTH,
    KsPhase,
    check_id,
    check_whole_number,
    clean_text,
    dataclass_from_dict,
    dataclass_to_dict,
    display_numbers,
    new_id,
    now,
)

__all__ = [
    "RoleKind", "Raci", "Purpose", "PilotStatus", "ROLE_KINDS", "RACI_CODES", "PURPOSES", "PILOT_STATUSES",
    "MAX_NR", "MAX_LINE_LENGTH", "MAX_NOTE_LENGTH", "FIRST_YEAR", "LAST_YEAR",
    "Role", "Task", "Responsibility", "ForankringEntry", "Meeting", "Milestone", "Pilot",
    "role_label", "raci_label", "purpose_label", "phase_label", "parse_phase", "parse_due", "format_date",
    "when_text", "display_numbers", "responsibility_table",
]

#: The highest number in one of the plan's lists.
MAX_NR = 9999
#: A cell of the plan's tables: a holder, a channel, a time, an owner, a frequency.
MAX_LINE_LENGTH = 500
#: A few sentences or a bullet list copied from the plan (responsibilities, an agenda, what is measured).
MAX_NOTE_LENGTH = 2000
#: A date outside these years is a typing slip ("1.11.1018"), not a plan's milestone.
FIRST_YEAR, LAST_YEAR = 1990, 2100


# --- The choices ---------------------------------------------------------------------------


def _compact(text: str) -> str:
    """A word as the choices are matched: folded, letters and digits only, no spaces.

    >>> _compact("Prosjekt-eier"), _compact("Styrings gruppa"), _compact("Steering group")
    ('prosjekteier', 'styringsgruppa', 'steeringgroup')
    """
    return "".join(ch for ch in fold(text) if ch.isalnum())


class _Worded(Key):
    """A :class:`Key` that also finds its member from the words plans write (``_WORDS``: compacted)."""

    @classmethod
    def _words(cls) -> dict[str, str]:
        return {}

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        found = super()._missing_(value)
        if found is None and isinstance(value, str):
            key = cls._words().get(_compact(value))
            return cls(key) if key else None
        return found


class RoleKind(_Worded):
    """The bodies and roles of a project, from the owner down to the users' panel.

    ``RoleKind("Prosjektledelsen")``, ``RoleKind("styringsgruppa")``,
    ``RoleKind("Prosjekteigar")`` and ``RoleKind("steering group")`` find
    theirs too: bokmål, nynorsk and English, singular, plural and definite.

    >>> RoleKind("Prosjektledelsen"), RoleKind("Styret"), RoleKind("Ressursgruppa"), RoleKind("User panel")
    ('prosjektleder', 'styringsgruppe', 'ressurspersoner', 'brukerpanel')
    """

    PROSJEKTEIER = "prosjekteier"
    STYRINGSGRUPPE = "styringsgruppe"
    PROSJEKTLEDER = "prosjektleder"
    ARBEIDSGRUPPE = "arbeidsgruppe"
    KOORDINATOR = "koordinator"
    RESSURSPERSONER = "ressurspersoner"
    REFERANSEGRUPPE = "referansegruppe"
    BRUKERPANEL = "brukerpanel"

    @classmethod
    def _words(cls) -> dict[str, str]:
        return _role_lookup()


class Raci(_Worded):
    """Who does what with a task: the Norwegian RACI ("ansvarsmatrise").

    ``a`` ansvarlig (accountable: one per task), ``u`` utfører (does the
    work), ``r`` rådføres (consulted), ``i`` informeres (informed). The
    letters are the Norwegian ones: "R" is *rådføres*, not the English
    *responsible*, which is "U". English words are read by meaning.

    >>> Raci("A"), Raci("utfører"), Raci("Consulted"), Raci("responsible"), Raci("informert")
    ('a', 'u', 'r', 'u', 'i')
    >>> Raci("u").letter
    'U'
    """

    A = "a"
    U = "u"
    R = "r"
    I = "i"  # noqa: E741 - the letter of the matrix

    @property
    def letter(self) -> str:
        """The letter the matrix shows ("A", "U", "R", "I")."""
        return self.value.upper()

    @classmethod
    def _words(cls) -> dict[str, str]:
        return _RACI_WORDS


class Purpose(_Worded):
    """Why a group is met in the forankringsplan, from the lightest touch to a decision.

    >>> Purpose("Informasjon"), Purpose("involvering"), Purpose("forankra"), Purpose("vedtak")
    ('informere', 'involvere', 'forankre', 'beslutte')
    """

    INFORMERE = "informere"
    INVOLVERE = "involvere"
    FORANKRE = "forankre"
    BESLUTTE = "beslutte"

    @classmethod
    def _words(cls) -> dict[str, str]:
        return _PURPOSE_WORDS


class PilotStatus(_Worded):
    """Where a pilot stands.

    >>> PilotStatus("Pågår"), PilotStatus("i gang"), PilotStatus("avslutta"), PilotStatus("planned")
    ('pagar', 'pagar', 'avsluttet', 'planlagt')
    """

    PLANLAGT = "planlagt"
    PAGAR = "pagar"
    AVSLUTTET = "avsluttet"

    @classmethod
    def _words(cls) -> dict[str, str]:
        return _STATUS_WORDS


ROLE_KINDS: tuple[RoleKind, ...] = tuple(RoleKind)
RACI_CODES: tuple[Raci, ...] = tuple(Raci)
PURPOSES: tuple[Purpose, ...] = tuple(Purpose)
PILOT_STATUSES: tuple[PilotStatus, ...] = tuple(PilotStatus)

#: What plans call each role, besides the catalogue's own labels: bokmål, nynorsk and English,
#: singular, plural, definite (compacted, :func:`_compact`). Siljan's steering group is "Styret"
#: and its project managers "Prosessledere"; Nesseby's "Prosjektledelsen" and "Ressursgruppa";
#: its "høringsgruppa" is a reference group; Selbu's "prosjektgruppa" and "ekspertgrupper" work.
_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "prosjekteier": (
        "prosjekteier", "prosjekteiere", "prosjekteieren", "prosjekteierne", "prosjekteigar", "prosjekteigarar",
        "prosjekteigaren", "prosjekteigarane", "eier", "eigar", "prosjektansvarlig", "prosjektansvarleg",
        "oppdragsgiver", "oppdragsgjevar", "projectowner", "projectowners", "owner", "sponsor", "projectsponsor",
    ),
    "styringsgruppe": (
        "styringsgruppe", "styringsgruppa", "styringsgruppen", "styringsgrupper", "styringsgruppene",
        "styringsgrupperne", "styret", "styre", "steeringgroup", "steeringgroups", "steeringcommittee",
        "projectboard", "board",
    ),
    "prosjektleder": (
        "prosjektleder", "prosjektledere", "prosjektlederen", "prosjektlederne", "prosjektleiar", "prosjektleiarar",
        "prosjektleiaren", "prosjektleiarane", "prosjektledelse", "prosjektledelsen", "prosjektleiing",
        "prosjektleiinga", "prosessleder", "prosessledere", "prosesslederen", "prosesslederne", "prosessleiar",
        "prosessleiarar", "projectmanager", "projectmanagers", "projectleader", "projectlead", "projectmanagement",
        "processleader", "processleaders", "processmanager",
    ),
    "arbeidsgruppe": (
        "arbeidsgruppe", "arbeidsgruppa", "arbeidsgruppen", "arbeidsgrupper", "arbeidsgruppene", "prosjektgruppe",
        "prosjektgruppa", "prosjektgruppen", "prosjektgrupper", "prosjektgruppene", "ekspertgruppe",
        "ekspertgruppa", "ekspertgruppen", "ekspertgrupper", "ekspertgruppene", "workinggroup", "workinggroups",
        "workgroup", "workgroups", "projectgroup", "projectgroups", "projectteam", "expertgroup", "expertgroups",
        "taskforce",
    ),
    "koordinator": (
        "koordinator", "koordinatorer", "koordinatoren", "koordinatorane", "koordinatorar", "prosjektkoordinator",
        "prosjektkoordinatorer", "prosjektkoordinatoren", "coordinator", "coordinators", "projectcoordinator",
    ),
    "ressurspersoner": (
        "ressursperson", "ressurspersoner", "ressurspersonene", "ressurspersonar", "ressurspersonane",
        "ressursgruppe", "ressursgruppa", "ressursgruppen", "ressursgrupper", "ressursgruppene", "resourceperson",
        "resourcepersons", "resourcepeople", "resourcegroup", "resourcegroups",
    ),
    "referansegruppe": (
        "referansegruppe", "referansegruppa", "referansegruppen", "referansegrupper", "referansegruppene",
        "horingsgruppe", "horingsgruppa", "horingsgruppen", "referencegroup", "referencegroups", "advisorygroup",
        "advisorygroups", "soundingboard",
    ),
    "brukerpanel": (
        "brukerpanel", "brukerpanelet", "brukerpaneler", "brukerpanelene", "brukarpanel", "brukarpanelet",
        "brukarpanela", "brukerrad", "brukarrad", "brukerradet", "brukarradet", "userpanel", "userpanels",
        "userspanel", "serviceuserpanel", "usercouncil",
    ),
}

_RACI_WORDS: dict[str, str] = {
    **dict.fromkeys(("ansvarlig", "ansvarleg", "ansvar", "accountable", "accountability", "approver"), "a"),
    **dict.fromkeys(("utforer", "utforar", "utfore", "utfora", "responsible", "doer"), "u"),
    **dict.fromkeys(("radfores", "radforast", "radspurd", "radsporjast", "radfort", "c", "consulted", "consult"),
                    "r"),
    **dict.fromkeys(("informeres", "informerast", "informert", "informed", "inform"), "i"),
}

_PURPOSE_WORDS: dict[str, str] = {
    **dict.fromkeys(("informere", "informera", "informasjon", "informeres", "informerast", "orientere",
                     "orientera", "orientering", "inform", "information", "informing"), "informere"),
    **dict.fromkeys(("involvere", "involvera", "involvering", "involveres", "involverast", "medvirkning",
                     "medverknad", "innspill", "involve", "involvement", "consult", "consultation"), "involvere"),
    **dict.fromkeys(("forankre", "forankra", "forankring", "forankres", "forankrast", "anchor", "anchoring",
                     "embed", "buyin", "support"), "forankre"),
    **dict.fromkeys(("beslutte", "beslutning", "beslutninger", "vedta", "vedtak", "vedtar", "godkjenne",
                     "godkjenna", "godkjenning", "avgjere", "avgjerd", "avgjore", "avgjorelse", "taavgjerd", "decide",
                     "decision", "approve", "approval"), "beslutte"),
}

_STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(("planlagt", "planlagd", "planlagde", "ikkestartet", "ikkjestarta", "ikkjestartet", "planned",
                     "notstarted", "ny", "new"), "planlagt"),
    **dict.fromkeys(("pagar", "pagaende", "igang", "underveis", "gaarfore", "garforeseg", "ongoing", "inprogress",
                     "running", "startet", "starta", "started"), "pagar"),
    **dict.fromkeys(("avsluttet", "avslutta", "ferdig", "fullfort", "gjennomfort", "completed", "finished", "done",
                     "ended", "closed"), "avsluttet"),
}


@cache
def _role_lookup() -> dict[str, str]:
    """Every word for a role: the catalogue's label in each language and :data:`_ROLE_WORDS`.

    Built on first use, since every language's file is read for it.
    """
    found = {_compact(t(f"org.role.{kind.value}", lang)): kind.value for kind in RoleKind for lang in CATALOGUE}
    found.update({word: key for key, words in _ROLE_WORDS.items() for word in words})
    return found


def role_label(kind: RoleKind | str, lang: str = DEFAULT_LANG) -> str:
    """A role as the plan names it ("Prosjekteier").

    >>> role_label("styringsgruppa"), role_label("Prosjektleiinga")
    ('Styringsgruppe', 'Prosjektleder')
    """
    return t(f"org.role.{RoleKind.parse(kind, 'kind')}", lang)


def raci_label(code: Raci | str, lang: str = DEFAULT_LANG) -> str:
    """A code of the matrix in words ("Ansvarlig").

    >>> raci_label("A"), raci_label("r")
    ('Ansvarlig', 'Rådføres')
    """
    return t(f"org.raci.{Raci.parse(code, 'code')}", lang)


def purpose_label(purpose: Purpose | str, lang: str = DEFAULT_LANG) -> str:
    """A purpose of the forankringsplan in words ("Forankre").

    >>> purpose_label("beslutte")
    'Beslutte'
    """
    return t(f"org.purpose.{Purpose.parse(purpose, 'purpose')}", lang)


# --- KS phases ----------------------------------------------------------------------------

#: What plans call the phases of KS' veikart and of the kit's own process, compacted (:func:`_compact`,
#: after "-fasen" is cut): the idea and design phases develop the service, trying it out is the pilot,
#: implementing it is the transition to daily operation.
_PHASE_WORDS: dict[str, tuple[str, ...]] = {
    "forankring": ("forankring", "oppstart", "anchoring", "startup", "initiation"),
    "innsikt": ("innsikt", "kartlegging", "insight", "insights", "discovery"),
    "tjenesteutvikling": (
        "tjenesteutvikling", "tenesteutvikling", "ide", "ideer", "idear", "utforming", "utvikling", "konsept",
        "konseptutvikling", "servicedevelopment", "idea", "ideas", "ideation", "design", "development",
    ),
    "pilotering": (
        "pilotering", "pilot", "utproving", "utprovning", "utformingogutproving", "utformingsogutproving",
        "piloting", "trial", "trials", "testing", "test",
    ),
    "overgangtildrift": (
        "overgangtildrift", "drift", "implementering", "implementation", "transitiontooperation", "operation",
        "rollout",
    ),
    "nypraksis": ("nypraksis", "gevinstrealisering", "newpractice", "benefitsrealisation", "benefits"),
}
_PHASE_SUFFIXES = ("sfasen", "sfasa", "sfase", "fasen", "fasa", "fase", "phase")


@cache
def _phase_lookup() -> dict[str, KsPhase]:
    by_compact = {_compact(phase.value): phase for phase in KS_PHASES}
    found = {_compact(t(f"ks_phase.{phase}", lang)): phase for phase in KS_PHASES for lang in CATALOGUE}
    found.update({word: by_compact[key] for key, words in _PHASE_WORDS.items() for word in words})
    return found


def parse_phase(value: object) -> KsPhase | str:
    """The KS phase a plan's word names, or ``""`` for none (an empty cell).

    Plans write the kit's phases ("Innsiktsfasen", "Idéfasen", "Utformings- og
    utprøvingsfasen", "Implementeringsfasen") or KS' ("Pilotering", "Overgang
    til drift"); "-fasen" is cut and the rest matched as a word. Anything else
    raises :class:`InvalidInputError` (``bad_choice``) with the phases. O(len(value)).

    >>> parse_phase("Innsiktsfasen"), parse_phase("Idéfasen"), parse_phase("Utformings- og utprøvingsfasen")
    ('innsikt', 'tjenesteutvikling', 'pilotering')
    >>> parse_phase("IMPLEMENTERINGSFASEN"), parse_phase("ny praksis"), parse_phase(" ")
    ('overgang_til_drift', 'ny_praksis', '')
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, str):
        word = _compact(value)
        for suffix in _PHASE_SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix):
                word = word[: -len(suffix)]
                break
        found = _phase_lookup().get(word) or _phase_lookup().get(_compact(value))
        if found:
            return found
    return KsPhase.parse(value, "phase")


def phase_label(phase: KsPhase | str, lang: str = DEFAULT_LANG) -> str:
    """A KS phase in words, or "Uten fase" for none.

    >>> phase_label("pilotering"), phase_label("")
    ('Pilotering', 'Uten fase')
    """
    return t(f"ks_phase.{phase}", lang) if phase else t("org.phase.none", lang)


# --- Dates ---------------------------------------------------------------------------------

_MONTHS = {
    **dict.fromkeys(("januar", "jan", "january"), 1), **dict.fromkeys(("februar", "feb", "february"), 2),
    **dict.fromkeys(("mars", "mar", "march"), 3), **dict.fromkeys(("april", "apr"), 4), "mai": 5, "may": 5,
    **dict.fromkeys(("juni", "jun", "june"), 6), **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("august", "aug"), 8), **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "october", "oct"), 10), **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("desember", "des", "december", "dec"), 12),
}
_ISO = re.compile(r"(?<![\d.])(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?![\d-])")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d.]*\d)")
_WORDED = re.compile(r"(?<!\d)(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})(?!\d)", re.IGNORECASE)


def _make_date(year: int, month: int, day: int, text: str) -> date:
    if year < 100:
        year += 2000
    try:
        found = date(year, month, day)
    except ValueError:
        found = None
    if found is None or not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise InvalidInputError(
            f"{text!r} is not a date that exists; write it as 1.11.2018 or 2018-11-01.", reason="bad_date",
            field="due", value=text,
        )
    return found


def _check_date(value: object, name: str) -> date | None:
    """``value`` as a date (a time loses its clock), or ``None``; an ISO text is read."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInputError(
                f"{name} {value!r} is not a date (YYYY-MM-DD).", reason="bad_date", field=name, value=value
            ) from None
    if not isinstance(value, date):
        raise InvalidInputError(f"{name} {value!r} is not a date.", reason="bad_date", field=name, value=value)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidInputError(
            f"{name} {value.isoformat()} is outside {FIRST_YEAR}-{LAST_YEAR}; check the year.", reason="bad_date",
            field=name, value=value.isoformat(),
        )
    return value


def parse_due(value: object) -> tuple[date | None, str]:
    """A milestone's time as a plan writes it: the date when it names one, and the words as written.

    A cell holds a date (``1.11.18``, ``01.11.2018``, ``2019-03-01``, ``4. mars
    2021``, an Excel date) or words ("Vår 2019", "Prosjektperiodens slutt",
    "September 2018"). The date is read only when the cell names exactly one
    day; a season or a month is kept as words and never guessed onto a day.
    The words are kept unless the cell is the date alone ("Innen 1.11.18"
    keeps both). A day that does not exist (31.02.2019) raises
    :class:`InvalidInputError` (``bad_date``). Two-digit years are 20xx. O(len).

    >>> parse_due("1.11.18"), parse_due("Innen 1.11.18"), parse_due("Vår 2019")
    ((datetime.date(2018, 11, 1), ''), (datetime.date(2018, 11, 1), 'Innen 1.11.18'), (None, 'Vår 2019'))
    >>> parse_due("2019-03-01T00:00:00"), parse_due("4. mars 2021")
    ((datetime.date(2019, 3, 1), ''), (datetime.date(2021, 3, 4), ''))
    >>> parse_due("31.02.2019")
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: '31.02.2019' is not a date that exists; \
write it as 1.11.2018 or 2018-11-01.
    """
    if value is None:
        return None, ""
    if isinstance(value, (date, datetime)):
        return _check_date(value, "due"), ""
    if not isinstance(value, str):  # a year or a number from a worksheet
        value = str(value)
    text = " ".join(clean_text(value, field="due", max_length=MAX_LINE_LENGTH * 2, required=False).split())
    found: list[tuple[re.Match, tuple[int, int, int]]] = []
    found += [(m, (int(m[1]), int(m[2]), int(m[3]))) for m in _ISO.finditer(text)]
    found += [(m, (int(m[3]), int(m[2]), int(m[1]))) for m in _NUMERIC.finditer(text)]
    found += [(m, (int(m[3]), _MONTHS[fold(m[2])], int(m[1]))) for m in _WORDED.finditer(text)
              if fold(m[2]) in _MONTHS]
    if len(found) != 1:
        return None, text
    match, (year, month, day) = found[0]
    due = _make_date(year, month, day, match[0])
    return due, "" if match[0] == text else text


def format_date(value: date, lang: str = DEFAULT_LANG, *, short: bool = False) -> str:
    """A date as a reader of ``lang`` writes it: "1. november 2018", or "1.11.2018" when ``short``.

    >>> format_date(date(2018, 11, 1)), format_date(date(2019, 3, 4), short=True)
    ('1. november 2018', '4.3.2019')
    """
    if short:
        return t("org.date.short", lang, day=value.day, month=value.month, year=value.year)
    return t("org.date.long", lang, day=value.day, month=t(f"org.month_long.{value.month}", lang), year=value.year)


def when_text(milestone: Milestone, lang: str = DEFAULT_LANG) -> str:
    """When a milestone is due, as a table shows it: the plan's words, else the date, else ``""``.

    >>> when_text(Milestone("p", "Prosjektplan ferdig", due=date(2018, 11, 1), due_text="Innen 1.11.18"))
    'Innen 1.11.18'
    >>> when_text(Milestone("p", "Prosjektplan ferdig", due=date(2018, 11, 1)))
    '1.11.2018'
    """
    if milestone.due_text:
        return milestone.due_text
    return format_date(milestone.due, lang, short=True) if milestone.due else ""


# --- Checking values --------------------------------------------------------------------------


def _line(value: object, name: str, max_length: int = MAX_LINE_LENGTH, *, required: bool = False) -> str:
    """Free text on one line (line breaks and runs of spaces become one space), cleaned as titles are."""
    longest = len(value) * 2 if isinstance(value, str) else 0  # the length that counts is checked on one line
    text = " ".join(clean_text(value, field=name, max_length=longest, required=required).split())
    if len(text) > max_length:
        raise InvalidInputError(
            f"{name} has {len(text)} characters; shorten it to {max_length} or fewer.",
            reason="too_long", field=name, length=len(text), max=max_length,
        )
    return text


def _note(value: object, name: str) -> str:
    return clean_text(value, field=name, max_length=MAX_NOTE_LENGTH, required=False)


def _check_nr(value: object) -> int:
    """A number in the plan's list: 0 (none yet) up to :data:`MAX_NR`."""
    return check_whole_number(value, "nr", 0, MAX_NR, scale=f"1 to {MAX_NR}, or 0 for none")


def _check_bool(value: object, name: str) -> bool:
    """A tick box: ``True``/``False`` (or 1/0 from a spreadsheet); anything else is refused, never guessed."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise InvalidInputError(f"{name} {value!r} is neither true nor false.", reason="not_yes_no", field=name,
                            value=value)


def _check_optional_id(value: object, name: str) -> str:
    """An id, or ``""`` for none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    return check_id(value, name)


class _Plain:
    """``to_dict``/``from_dict`` for the dataclasses below (times as ISO 8601 text)."""

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Self:
        return cls(**dataclass_from_dict(cls, data))


# --- The objects ----------------------------------------------------------------------------


@dataclass
class Role(_Plain):
    """A role or body of the project and who holds it, as Siljan's "Roller | Ansvar | Oppgaver" lists them.

    ``holder`` is a position or a body ("Kommunalsjef oppvekst", "Sektorsjefer
    for helse og oppvekst"), not a person's name; ``name`` is the plan's own
    name for it when the kind alone does not say it ("Arbeidsgruppe nærvær",
    "Prosessledere"); ``responsibilities`` ("Ansvar") and ``duties``
    ("Oppgaver") are a few lines each.

    >>> r = Role("p1", "Prosjekteiere", "Kommunalsjef oppvekst, leder i NAV", "Godkjenne prosjektplanen", nr=1)
    >>> r.kind, r.holder, role_label(r.kind)
    ('prosjekteier', 'Kommunalsjef oppvekst, leder i NAV', 'Prosjekteier')
    >>> Role("p1", "Sjef", "Rådmann")
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: kind 'Sjef' is not one of prosjekteier, styringsgruppe, \
prosjektleder, arbeidsgruppe, koordinator, ressurspersoner, referansegruppe, brukerpanel.
    """

    #: The fields the privacy guard masks before this is stored or exported.
    FREE_TEXT: ClassVar[tuple[str, ...]] = ("holder", "name", "responsibilities", "duties")
    #: Typed by staff: names here are checked on the page, not masked (:mod:`samskaping.core.privacy.staff`).
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    kind: RoleKind
    holder: str = ""
    responsibilities: str = ""
    nr: int = 0
    name: str = ""
    duties: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.kind = RoleKind.parse(self.kind, "kind")
        self.holder = _line(self.holder, "holder")
        self.responsibilities = _note(self.responsibilities, "responsibilities")
        self.nr = _check_nr(self.nr)
        self.name = _line(self.name, "name", MAX_TITLE_LENGTH)
        self.duties = _note(self.duties, "duties")

    def label(self, lang: str = DEFAULT_LANG) -> str:
        """The plan's own name for the role, else its kind's label."""
        return self.name or role_label(self.kind, lang)


@dataclass
class Task(_Plain):
    """A task of the responsibility matrix ("Utarbeide prosjektplan", "Rapportere").

    >>> Task("p1", "  Utarbeide\\nprosjektplan ", nr=1).title
    'Utarbeide prosjektplan'
    """

    FREE_TEXT: ClassVar[tuple[str, ...]] = ("title",)
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    title: str
    nr: int = 0
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.title = _line(self.title, "title", MAX_TITLE_LENGTH, required=True)
        self.nr = _check_nr(self.nr)


@dataclass
class Responsibility(_Plain):
    """One cell of the responsibility matrix: what a role has to do with a task.

    >>> Responsibility("t1", "Prosjektledelsen", "A").code.letter
    'A'
    """

    FREE_TEXT: ClassVar[tuple[str, ...]] = ()

    task_id: str
    role_kind: RoleKind
    code: Raci
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.task_id = check_id(self.task_id, "task_id")
        self.role_kind = RoleKind.parse(self.role_kind, "role_kind")
        self.code = Raci.parse(self.code, "code")


@dataclass
class ForankringEntry(_Plain):
    """One line of the forankringsplan: whom the project meets, how, when, why and who sees to it.

    As Selbu's "Forankringsplan høsten 2020" has them: ``audience`` is a
    stakeholder group or a body ("Hovedutvalg helse og oppvekst",
    "Ungdomsrådet"), ``how`` the channel ("Ledermøte oppvekst (Teams)"),
    ``when`` a date or a rhythm ("13.10.20", "minst hvert halvår"),
    ``content`` what is on the table ("Powerpoint-presentasjon om 0-24.
    Innspill fra deltakere."), ``owner`` a role. ``stakeholder_id`` ties the
    line to the stakeholder register it was drafted from (``""``: none).

    >>> e = ForankringEntry("p1", "Ungdomsrådet", "Møte", "29.09.20", "involvering", "Prosjektkoordinator", nr=4)
    >>> e.purpose, purpose_label(e.purpose)
    ('involvere', 'Involvere')
    """

    FREE_TEXT: ClassVar[tuple[str, ...]] = ("audience", "how", "when", "owner", "content")
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    audience: str
    how: str = ""
    when: str = ""
    purpose: Purpose = Purpose.INFORMERE
    owner: str = ""
    stakeholder_id: str = ""
    nr: int = 0
    content: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.audience = _line(self.audience, "audience", MAX_TITLE_LENGTH, required=True)
        self.how = _line(self.how, "how")
        self.when = _line(self.when, "when")
        self.purpose = Purpose.parse(self.purpose, "purpose")
        self.owner = _line(self.owner, "owner")
        self.stakeholder_id = _check_optional_id(self.stakeholder_id, "stakeholder_id")
        self.nr = _check_nr(self.nr)
        self.content = _note(self.content, "content")


@dataclass
class Meeting(_Plain):
    """A standing meeting of the project, a row of Nesseby's "Møter | Hyppighet | Agenda | Deltakere".

    >>> m = Meeting("p1", "Arbeidsgruppe", "En gang i måneden", "Progresjon i prosjektet", "Arbeidsgruppa")
    >>> m.name, m.frequency
    ('Arbeidsgruppe', 'En gang i måneden')
    """

    FREE_TEXT: ClassVar[tuple[str, ...]] = ("name", "frequency", "agenda", "participants")
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    name: str
    frequency: str = ""
    agenda: str = ""
    participants: str = ""
    nr: int = 0
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.name = _line(self.name, "name", MAX_TITLE_LENGTH, required=True)
        self.frequency = _line(self.frequency, "frequency")
        self.agenda = _note(self.agenda, "agenda")
        self.participants = _line(self.participants, "participants")
        self.nr = _check_nr(self.nr)


@dataclass
class Milestone(_Plain):
    """A milestone of the plan: what is reached, by when, by whom, in which KS phase.

    ``due`` is the day when the plan names one; ``due_text`` the plan's own
    words for the time ("Vår 2019", "Innen 1.11.18"), kept as written: a season
    is never turned into a day (:func:`parse_due`). ``actions`` are the
    plan's "Tiltak" for it, ``owner`` a role ("Arbeidsgruppa"), ``phase`` a
    :class:`~samskaping.core.models.KsPhase` or ``""`` (not said).

    >>> m = Milestone("p1", "Ferdigstille prosjektplan", due_text="Innen 1.11.18", phase="Innsiktsfasen")
    >>> m.due, m.phase
    (None, 'innsikt')
    >>> Milestone("p1", "Sluttvurdering", due="2020-06-30").due
    datetime.date(2020, 6, 30)
    """

    FREE_TEXT: ClassVar[tuple[str, ...]] = ("title", "due_text", "owner", "actions")
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    title: str
    due: date | None = None
    due_text: str = ""
    owner: str = ""
    phase: KsPhase | str = ""
    done: bool = False
    nr: int = 0
    actions: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.title = _line(self.title, "title", MAX_TITLE_LENGTH, required=True)
        self.due = _check_date(self.due, "due")
        self.due_text = _line(self.due_text, "due_text")
        self.owner = _line(self.owner, "owner")
        self.phase = parse_phase(self.phase)
        self.done = _check_bool(self.done, "done")
        self.nr = _check_nr(self.nr)
        self.actions = _note(self.actions, "actions")


@dataclass
class Pilot(_Plain):
    """A pilot ("utprøving") of a concept: where and when it is tried, what is measured, how it is evaluated.

    ``concept_id`` is the concept tried (``""`` when it is not in the kit);
    ``measures`` what is measured ("fravær per måned, antall saker i
    nærværsteamet"), ``evaluation`` how the trial is judged. The end may not
    come before the start.

    >>> p = Pilot("p1", "c1", "Nærværsteam", "Ungdomsskolen", date(2022, 5, 1), date(2022, 10, 31), status="i gang")
    >>> p.status, (p.end - p.start).days
    ('pagar', 183)
    >>> Pilot("p1", "", "Foreldrekurs", start=date(2022, 5, 1), end=date(2022, 4, 1))
    Traceback (most recent call last):
    ...
    samskaping.core.exceptions.InvalidInputError: The pilot ends (2022-04-01) before it starts (2022-05-01); \
correct the start or the end.
    """

    FREE_TEXT: ClassVar[tuple[str, ...]] = ("title", "place", "measures", "evaluation")
    STAFF_TEXT: ClassVar[tuple[str, ...]] = FREE_TEXT

    project_id: str
    concept_id: str
    title: str
    place: str = ""
    start: date | None = None
    end: date | None = None
    measures: str = ""
    evaluation: str = ""
    status: PilotStatus = PilotStatus.PLANLAGT
    nr: int = 0
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.project_id = check_id(self.project_id, "project_id")
        self.concept_id = _check_optional_id(self.concept_id, "concept_id")
        self.title = _line(self.title, "title", MAX_TITLE_LENGTH, required=True)
        self.place = _line(self.place, "place")
        self.start = _check_date(self.start, "start")
        self.end = _check_date(self.end, "end")
        if self.start and self.end and self.end < self.start:
            raise InvalidInputError(
                f"The pilot ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()}); "
                "correct the start or the end.", reason="bad_period", field="end", start=self.start.isoformat(),
                end=self.end.isoformat(),
            )
        self.measures = _note(self.measures, "measures")
        self.evaluation = _note(self.evaluation, "evaluation")
        self.status = PilotStatus.parse(self.status, "status")
        self.nr = _check_nr(self.nr)


# --- Tables ------------------------------------------------------------------------------------


def responsibility_table(
    tasks: Iterable[Task], responsibilities: Iterable[Responsibility], lang: str = DEFAULT_LANG, *,
    kinds: Sequence[RoleKind | str] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """The responsibility matrix as a table: a row per task, a column per role, the RACI letter in each cell.

    Tasks are in the order of their numbers (:func:`display_numbers`); the
    columns are ``kinds`` (in that order) or every role that has a cell, in
    the order of :data:`ROLE_KINDS`. A role with two codes for one task shows
    both ("A/U"). A responsibility for a task not in ``tasks`` raises
    :class:`InvalidInputError` (``unknown_task``). O(tasks x roles + n).

    >>> plan, report = Task("p", "Utarbeide prosjektplan", nr=1), Task("p", "Rapportere", nr=2)
    >>> cells = [Responsibility(plan.id, "prosjektleder", "A"), Responsibility(plan.id, "arbeidsgruppe", "U"),
    ...          Responsibility(report.id, "prosjektleder", "U"), Responsibility(report.id, "prosjekteier", "I")]
    >>> header, rows = responsibility_table([report, plan], cells)
    >>> header
    ['Oppgave', 'Prosjekteier', 'Prosjektleder', 'Arbeidsgruppe']
    >>> rows
    [['Utarbeide prosjektplan', '', 'A', 'U'], ['Rapportere', 'I', 'U', '']]
    """
    tasks = list(tasks)
    known = {task.id for task in tasks}
    cells: dict[tuple[str, str], set[Raci]] = {}
    for item in responsibilities:
        if item.task_id not in known:
            raise InvalidInputError(
                f"Responsibility for task {item.task_id!r}, which is not among the tasks; add the task first.",
                reason="unknown_task", field="task_id", value=item.task_id,
            )
        cells.setdefault((item.task_id, item.role_kind), set()).add(item.code)
    if kinds is None:
        used = {kind for _, kind in cells}
        columns = [kind for kind in ROLE_KINDS if kind in used]
    else:
        columns = list(dict.fromkeys(RoleKind.parse(kind, "kinds") for kind in kinds))
    numbers = display_numbers(tasks)
    ordered = sorted(tasks, key=lambda task: numbers[task.id])
    title = t("org.task.field.title", lang)
    header = [title[:1].upper() + title[1:], *(role_label(kind, lang) for kind in columns)]
    rows = [
        [task.title, *("/".join(code.letter for code in RACI_CODES if code in cells.get((task.id, kind), ()))
                       for kind in columns)]
        for task in ordered
    ]
    return header, rows
