"""The message catalogue: every word a person reads, in bokmål and English.

Pages and the CLI never hold UI text of their own; they ask :func:`t` for a
key. Bokmål is the default and the reference: English must have the same keys
and the same ``{placeholders}`` (a test checks it). Errors are looked up by the
exception's class name (and, for :class:`InvalidInputError`, its reason).
"""

from __future__ import annotations

import string

from .exceptions import InvalidInputError, SamskapingError

__all__ = ["CATALOGUE", "DEFAULT_LANG", "t", "error_text", "choose_lang", "group_label", "phase_label"]

DEFAULT_LANG = "nb"

CATALOGUE: dict[str, dict[str, str]] = {
    "nb": {
        "app.name": "Samskaping",
        # Groups and phases
        "group.ansatt": "Ansatt",
        "group.leder": "Leder",
        "group.bruker": "Bruker eller pårørende",
        "group.ungdom": "Ungdom",
        "group.frivillig": "Frivillig",
        "group.politiker": "Politiker",
        "group.annet": "Annet / vil ikke si",
        "phase.innsikt": "Innsikt",
        "phase.ide": "Idé",
        "phase.utforming": "Utforming og utprøving",
        "phase.implementering": "Implementering",
        # Participant page
        "participant.join.title": "Bli med i verkstedet",
        "participant.join.help": "Skriv koden som står på skjermen eller plakaten.",
        "participant.join.code": "Kode",
        "participant.join.button": "Bli med",
        "participant.join.unknown": "Vi fant ikke noe verksted med koden «{code}». Sjekk koden og prøv igjen.",
        "participant.idea.label": "Din idé",
        "participant.idea.placeholder": "Skriv én idé her. Ikke skriv navn eller andre personopplysninger.",
        "participant.idea.counter": "{count} av {max} tegn",
        "participant.group.label": "Jeg er (valgfritt)",
        "participant.group.none": "Vil ikke si",
        "participant.send": "Send idé",
        "participant.sent": "Takk! Idéen din er sendt.",
        "participant.anonymous": "Du er anonym. Idéene vises på veggen uten navn.",
        "participant.mine.title": "Dine idéer",
        "participant.mine.empty": "Du har ikke sendt noen idéer ennå.",
        "participant.mine.hidden": "(skjult av prosessleder)",
        # Facilitator page
        "facilitator.title": "Prosessleder",
        "facilitator.pick.label": "Verksted",
        "facilitator.pick.none": "Ingen verksteder ennå. Lag et nytt under.",
        "facilitator.pick.open": "Åpne",
        "facilitator.new.title": "Nytt verksted",
        "facilitator.new.name": "Tittel",
        "facilitator.new.question": "Problemstilling",
        "facilitator.new.phase": "Fase",
        "facilitator.new.create": "Lag verksted",
        "facilitator.new.created": "Verkstedet «{title}» er laget.",
        "facilitator.join.title": "Slik blir deltakerne med",
        "facilitator.join.code": "Kode: {code}",
        "facilitator.join.link": "Lenke: {url}",
        "facilitator.wall.title": "Idéveggen",
        "facilitator.wall.empty": "Ingen idéer ennå. De dukker opp her med en gang de sendes.",
        "facilitator.wall.count": "{visible} idéer vises, {hidden} skjult",
        "facilitator.counts.title": "Idéer per gruppe",
        "facilitator.hide": "Skjul",
        "facilitator.show": "Vis igjen",
        "facilitator.hidden.badge": "skjult",
        # CLI
        "cli.serve.started": "Samskaping kjører. Trykk Ctrl+C for å stoppe.",
        "cli.serve.participant": "Deltakere:     {url}",
        "cli.serve.facilitator": "Prosessleder:  {url}",
        "cli.serve.data": "Data lagres i: {path}",
        "cli.new.created": "Laget verkstedet «{title}» med koden {code}.",
        "cli.list.empty": "Ingen verksteder ennå. Lag et med: samskaping new \"Tittel\"",
        "cli.idea.added": "La til idéen.",
        "cli.export.done": "Eksporterte verkstedet til {path}.",
        "cli.import.done": "Importerte verkstedet «{title}» ({ideas} idéer).",
        "cli.error": "Feil: {message}",
        "cli.file.missing": "Finner ikke filen {path}. Sjekk navnet og prøv igjen.",
        # Errors, keyed by exception class (and reason)
        "error.InvalidInputError.empty": "Feltet er tomt. Skriv minst ett ord.",
        "error.InvalidInputError.too_long": "Teksten er {length} tegn. Kort den ned til {max} tegn eller færre.",
        "error.InvalidInputError.bad_choice": "«{value}» er ikke et gyldig valg. Velg en av: {choices}.",
        "error.InvalidInputError.not_text": "Feltet må være tekst.",
        "error.InvalidInputError.unknown_fields": "Filen har felt vi ikke kjenner: {field}.",
        "error.InvalidInputError.bad_time": "Tidspunktet «{value}» kan ikke leses.",
        "error.WorkshopNotFoundError": "Fant ikke verkstedet «{ref}». Se alle verksteder med: samskaping list",
        "error.StoreClosedError": "Lagringen er lukket. Last siden på nytt.",
        "error.StoreBusyError": "Mange skriver samtidig akkurat nå. Vent litt og prøv igjen; ingenting er tapt.",
        "error.SchemaTooNewError": "Datafilen {path} er laget av en nyere versjon av Samskaping (versjon {found}, denne kan {supported}). Oppdater Samskaping; filen er ikke endret.",
        "error.ImportFormatError": "Filen {path} er ikke en eksport fra Samskaping: {detail}",
        "error.unexpected": "Noe gikk galt. Prøv igjen; det du alt har sendt, er lagret.",
    },
    "en": {
        "app.name": "Samskaping",
        "group.ansatt": "Employee",
        "group.leder": "Manager",
        "group.bruker": "Service user or family",
        "group.ungdom": "Young person",
        "group.frivillig": "Volunteer",
        "group.politiker": "Politician",
        "group.annet": "Other / prefer not to say",
        "phase.innsikt": "Insight",
        "phase.ide": "Ideas",
        "phase.utforming": "Design and trial",
        "phase.implementering": "Implementation",
        "participant.join.title": "Join the workshop",
        "participant.join.help": "Type the code shown on the screen or poster.",
        "participant.join.code": "Code",
        "participant.join.button": "Join",
        "participant.join.unknown": "We found no workshop with the code “{code}”. Check the code and try again.",
        "participant.idea.label": "Your idea",
        "participant.idea.placeholder": "Write one idea here. Do not write names or other personal details.",
        "participant.idea.counter": "{count} of {max} characters",
        "participant.group.label": "I am (optional)",
        "participant.group.none": "Prefer not to say",
        "participant.send": "Send idea",
        "participant.sent": "Thank you! Your idea has been sent.",
        "participant.anonymous": "You are anonymous. Ideas are shown on the wall without names.",
        "participant.mine.title": "Your ideas",
        "participant.mine.empty": "You have not sent any ideas yet.",
        "participant.mine.hidden": "(hidden by the facilitator)",
        "facilitator.title": "Facilitator",
        "facilitator.pick.label": "Workshop",
        "facilitator.pick.none": "No workshops yet. Create one below.",
        "facilitator.pick.open": "Open",
        "facilitator.new.title": "New workshop",
        "facilitator.new.name": "Title",
        "facilitator.new.question": "Question",
        "facilitator.new.phase": "Phase",
        "facilitator.new.create": "Create workshop",
        "facilitator.new.created": "The workshop “{title}” was created.",
        "facilitator.join.title": "How participants join",
        "facilitator.join.code": "Code: {code}",
        "facilitator.join.link": "Link: {url}",
        "facilitator.wall.title": "Idea wall",
        "facilitator.wall.empty": "No ideas yet. They appear here as soon as they are sent.",
        "facilitator.wall.count": "{visible} ideas shown, {hidden} hidden",
        "facilitator.counts.title": "Ideas per group",
        "facilitator.hide": "Hide",
        "facilitator.show": "Show again",
        "facilitator.hidden.badge": "hidden",
        "cli.serve.started": "Samskaping is running. Press Ctrl+C to stop.",
        "cli.serve.participant": "Participants:  {url}",
        "cli.serve.facilitator": "Facilitator:   {url}",
        "cli.serve.data": "Data stored in: {path}",
        "cli.new.created": "Created the workshop “{title}” with the code {code}.",
        "cli.list.empty": "No workshops yet. Create one with: samskaping new \"Title\"",
        "cli.idea.added": "Added the idea.",
        "cli.export.done": "Exported the workshop to {path}.",
        "cli.import.done": "Imported the workshop “{title}” ({ideas} ideas).",
        "cli.error": "Error: {message}",
        "cli.file.missing": "Cannot find the file {path}. Check the name and try again.",
        "error.InvalidInputError.empty": "The field is empty. Write at least one word.",
        "error.InvalidInputError.too_long": "The text is {length} characters. Shorten it to {max} characters or fewer.",
        "error.InvalidInputError.bad_choice": "“{value}” is not a valid choice. Choose one of: {choices}.",
        "error.InvalidInputError.not_text": "The field must be text.",
        "error.InvalidInputError.unknown_fields": "The file has fields we do not know: {field}.",
        "error.InvalidInputError.bad_time": "The time “{value}” cannot be read.",
        "error.WorkshopNotFoundError": "Workshop “{ref}” not found. List all workshops with: samskaping list",
        "error.StoreClosedError": "The store is closed. Reload the page.",
        "error.StoreBusyError": "Many people are writing at once. Wait a moment and try again; nothing is lost.",
        "error.SchemaTooNewError": "The data file {path} was made by a newer version of Samskaping (version {found}, this one reads {supported}). Update Samskaping; the file is unchanged.",
        "error.ImportFormatError": "The file {path} is not a Samskaping export: {detail}",
        "error.unexpected": "Something went wrong. Try again; what you already sent is saved.",
    },
}


class _Lenient(dict):
    """Leave an unknown ``{placeholder}`` visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for ``key`` in ``lang``, filled with ``params``.

    Falls back to bokmål, then to the key itself, so a missing translation
    shows up as readable text rather than a crash in front of a room.

    >>> t("participant.idea.counter", count=3, max=1000)
    '3 av 1000 tegn'
    >>> t("participant.send", "en")
    'Send idea'
    """
    text = CATALOGUE.get(lang, {}).get(key) or CATALOGUE[DEFAULT_LANG].get(key) or key
    return string.Formatter().vformat(text, (), _Lenient(params))


def error_text(exc: BaseException, lang: str = DEFAULT_LANG) -> str:
    """The sentence to show a person for ``exc``.

    >>> from samskaping.exceptions import InvalidInputError
    >>> error_text(InvalidInputError("x", reason="empty"))
    'Feltet er tomt. Skriv minst ett ord.'
    """
    if not isinstance(exc, SamskapingError):
        return t("error.unexpected", lang)
    key = f"error.{type(exc).__name__}"
    if isinstance(exc, InvalidInputError):
        key = f"{key}.{exc.reason}"
    if key not in CATALOGUE[DEFAULT_LANG]:
        return str(exc)
    return t(key, lang, **exc.params)


def choose_lang(asked: str | None = None, workshop_lang: str | None = None) -> str:
    """The page language: ``?lang=`` wins, then the workshop's, then bokmål.

    >>> choose_lang("en", "nb")
    'en'
    >>> choose_lang("xx", None)
    'nb'
    """
    for lang in (asked, workshop_lang):
        if lang in CATALOGUE:
            return lang
    return DEFAULT_LANG


def group_label(group: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"group.{group}", lang)


def phase_label(phase: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"phase.{phase}", lang)
