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
        # Stakeholders (interessentanalyse): labels, default strategies, plan, summaries, import
        "sector.oppvekst": "Oppvekst",
        "sector.helse": "Helse",
        "sector.nav": "NAV",
        "sector.frivillighet": "Frivillighet",
        "sector.politikk": "Politikk",
        "sector.brukere": "Brukere",
        "sector.media": "Media",
        "sector.annet": "Annet",
        "relation.samarbeider_med": "Samarbeider med",
        "relation.rapporterer_til": "Rapporterer til",
        "relation.informerer": "Informerer",
        "relation.konflikt": "Konflikt",
        "quadrant.nokkelspillere": "Nøkkelspillere",
        "quadrant.bor_tilfredsstilles": "Bør tilfredsstilles",
        "quadrant.holdes_informert": "Holdes informert",
        "quadrant.minimal_innsats": "Minimal innsats",
        "stakeholder.field.name": "navn",
        "stakeholder.field.sector": "sektor",
        "stakeholder.field.interest": "interesse",
        "stakeholder.field.influence": "innflytelse",
        "stakeholder.field.quadrant": "kvadrant",
        "stakeholder.field.affected": "hvordan berøres",
        "stakeholder.field.strategy": "strategi",
        "stakeholder.field.justification": "begrunnelse",
        "stakeholder.field.contact_role": "kontaktrolle",
        "stakeholder.field.notes": "notater",
        "stakeholder.field.channel": "kanal",
        "stakeholder.field.frequency": "hyppighet",
        "stakeholder.field.phase": "fase",
        "stakeholder.axis.interest": "Interesse",
        "stakeholder.axis.influence": "Innflytelse",
        "stakeholder.legend.sector": "Sektor",
        "stakeholder.legend.quadrant": "Kvadrant",
        "stakeholder.legend.relation": "Relasjon",
        "stakeholder.network.empty": "Ingen interessenter ennå",
        "stakeholder.strategy.nokkelspillere": (
            "Involveres aktivt fra start: informasjonsmøter og plass i ekspertgrupper der de har "
            "en direkte stemme. Godkjenner konsepter og endringer som foreslås, og er med i "
            "underveisevalueringen."
        ),
        "stakeholder.strategy.bor_tilfredsstilles": (
            "Holdes jevnlig orientert gjennom statusmøter (politikere minst én gang per halvår), "
            "slik at de er godt opplyst før beslutninger. Tillitsvalgte informeres og involveres "
            "mer aktivt i utformings- og utprøvingsfasen."
        ),
        "stakeholder.strategy.holdes_informert": (
            "Informeres om endringer som foreslås. Vurder om de bør få en mer aktiv rolle i prosessen."
        ),
        "stakeholder.strategy.minimal_innsats": (
            "Kontaktes ved behov, for eksempel lokalmedia som kanal når informasjon om prosjektet "
            "skal nå ut til innbyggerne."
        ),
        "stakeholder.channel.nokkelspillere": "Ekspertgruppe og arbeidsmøter",
        "stakeholder.channel.bor_tilfredsstilles": "Statusmøte",
        "stakeholder.channel.holdes_informert": "Nyhetsbrev og informasjonsmøte",
        "stakeholder.channel.minimal_innsats": "Ved behov",
        "stakeholder.frequency.nokkelspillere": "månedlig",
        "stakeholder.frequency.bor_tilfredsstilles": "hvert halvår",
        "stakeholder.frequency.holdes_informert": "ved milepæler",
        "stakeholder.frequency.minimal_innsats": "ved behov",
        "stakeholder.phase.all": "Alle faser",
        "stakeholder.sheet.stakeholders": "Interessenter",
        "stakeholder.sheet.plan": "Samskapingsplan",
        "stakeholder.summary.no_stakeholders": "Ingen interessenter er registrert ennå.",
        "stakeholder.summary.no_relations": "Ingen relasjoner er registrert ennå.",
        "stakeholder.summary.broker": "{name} er bindeledd mellom {others}.",
        "stakeholder.summary.isolated_one": "{names} har ingen relasjoner.",
        "stakeholder.summary.isolated_many": "{names} har ingen relasjoner.",
        "stakeholder.summary.community": "{names} henger tett sammen.",
        "stakeholder.summary.conflict": "Det er konflikt mellom {a} og {b}.",
        "stakeholder.summary.and": "og",
        "stakeholder.import.empty_file": "Filen er tom. Den må ha en overskriftsrad og minst én rad med interessenter.",
        "stakeholder.import.not_csv": "Filen ser ut som en Excel-fil eller en annen binærfil. Lagre den som CSV (komma- eller semikolonseparert) og prøv igjen.",
        "stakeholder.import.bad_file_type": "Filen «{value}» kan ikke leses. Bruk en Excel-fil (.xlsx) eller en CSV-fil (.csv eller .txt).",
        "stakeholder.import.old_excel": "Filen «{value}» er i det gamle Excel-formatet (.xls). Åpne den i Excel, velg «Lagre som» og «Excel-arbeidsbok (.xlsx)», og prøv igjen.",
        "stakeholder.import.bad_xlsx": "Filen «{value}» kunne ikke åpnes som en Excel-arbeidsbok; den kan være skadet. Lagre den på nytt som .xlsx eller CSV og prøv igjen.",
        "stakeholder.import.missing_column": "Filen mangler kolonnen «{header}». Legg den til i overskriftsraden og prøv igjen.",
        "stakeholder.import.unknown_column": "Kolonnen «{value}» kjenner vi ikke igjen, og den ble hoppet over.",
        "stakeholder.import.duplicate_column": "Kolonnen «{value}» er med flere ganger. Vi brukte den første.",
        "stakeholder.import.too_many_rows": "Filen har flere enn {max} rader. Bare de første {max} ble lest; del filen opp.",
        "stakeholder.import.missing_name": "Rad {row}: navnet mangler. Skriv hvem interessenten er (gruppe, organisasjon eller rolle).",
        "stakeholder.import.missing_value": "Rad {row}: {field} mangler. Skriv et helt tall fra 1 til 5.",
        "stakeholder.import.not_a_number": "Rad {row}: {field} «{value}» er ikke et tall. Skriv et helt tall fra 1 til 5.",
        "stakeholder.import.not_a_whole_number": "Rad {row}: {field} «{value}» er ikke et helt tall. Skriv et helt tall fra 1 til 5.",
        "stakeholder.import.out_of_range": "Rad {row}: {field} {value} er utenfor 1–5. Skriv et helt tall fra 1 til 5.",
        "stakeholder.import.unknown_sector": "Rad {row}: sektoren «{value}» kjenner vi ikke. Bruk en av: {choices}.",
        "stakeholder.import.unknown_phase": "Rad {row}: fasen «{value}» kjenner vi ikke. Bruk en av: {choices}, eller la feltet stå tomt for alle faser.",
        "stakeholder.import.too_long": "Rad {row}: {field} er for lang. Kort den ned til {max} tegn eller færre.",
        "error.InvalidInputError.out_of_range": "Tallet {value} er utenfor skalaen. Skriv et helt tall fra {min} til {max}.",
        "error.InvalidInputError.not_a_number": "«{value}» er ikke et tall. Skriv et helt tall fra {min} til {max}.",
        "error.InvalidInputError.not_a_whole_number": "{value} er ikke et helt tall. Skriv et helt tall fra {min} til {max}.",
        "error.InvalidInputError.not_a_position": "«{value}» er ikke en plass i rutenettet. Oppgi interesse og innflytelse som to hele tall fra 1 til 5.",
        "error.InvalidInputError.self_relation": "En relasjon må gå mellom to forskjellige interessenter. Velg en annen interessent i den andre enden.",
        "error.InvalidInputError.bad_weight": "Styrken «{value}» kan ikke brukes. Skriv et tall over null, for eksempel 1 (vanlig) eller 2 (sterk).",
        "error.InvalidInputError.unknown_stakeholder": "Relasjonen peker på en interessent som ikke finnes i listen. Slett relasjonen, eller legg til interessenten igjen.",
        "error.InvalidInputError.bad_image_format": "Bildet «{value}» kan ikke lagres i det formatet. Gi filen en av disse endelsene: {choices}.",
        # Privacy, pages and CLI (added with the personal-data guard)
        "participant.reminder": "Ikke skriv navn, telefonnumre eller andre opplysninger om enkeltpersoner.",
        "participant.masked.notice": "Teksten ser ut til å inneholde personopplysninger. Slik blir idéen lagret. Trykk «Send slik» eller rediger teksten:",
        "participant.send.masked": "Send slik",
        "facilitator.privacy.none": "Personvern: ingen personopplysninger er funnet og skjult i dette verkstedet.",
        "facilitator.privacy.masked": "Personvern: {count} personopplysninger er funnet og skjult",
        "facilitator.privacy.off": "Skjuling av personopplysninger er slått av for dette verkstedet.",
        "privacy.kind.fodselsnummer": "fødselsnummer",
        "privacy.kind.telefon": "telefon",
        "privacy.kind.epost": "e-post",
        "privacy.kind.url": "nettadresse",
        "privacy.kind.adresse": "adresse",
        "privacy.kind.navn": "navn",
        "privacy.kind.alder": "alder",
        "cli.delete.done": "Slettet verkstedet «{title}» ({id}) med {ideas} idéer, {stakeholders} interessenter og {relations} relasjoner.",
        "cli.purge.deleted": "Slettet «{title}» ({id}), som skulle slettes etter {date}: {ideas} idéer, {stakeholders} interessenter, {relations} relasjoner.",
        "cli.purge.none": "Ingen verksteder har passert slettedatoen (i dag: {date}).",
        "cli.retention.set": "Verkstedet «{title}» slettes av «samskaping purge» etter {date}.",
        "cli.retention.cleared": "Verkstedet «{title}» har ingen slettedato; det beholdes til det slettes.",
        "cli.masking.on": "Personopplysninger skjules igjen i «{title}».",
        "cli.masking.off": "Skjuling av personopplysninger er slått av i «{title}». Endringen er logget.",
        "cli.date.bad": "«{value}» er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, for eksempel 2027-06-30.",
        "cli.stakeholders.imported": "Importerte {count} interessenter. {problems} rader ble hoppet over.",
        "error.InvalidInputError.not_found": "Fant ikke «{value}». Last siden på nytt og prøv igjen.",
        # Stakeholder page
        "facilitator.link.stakeholders": "Åpne interessentkartet for dette verkstedet",
        "cli.serve.stakeholders": "Interessentkart: {url}",
        "stakeholder.title": "Interessentkart",
        "stakeholder.form.title": "Interessent",
        "stakeholder.list.title": "Alle interessenter",
        "stakeholder.save": "Lagre",
        "stakeholder.new": "Ny",
        "stakeholder.delete": "Slett",
        "stakeholder.saved": "«{name}» er lagret.",
        "stakeholder.deleted": "«{name}» er slettet.",
        "stakeholder.relation.title": "Relasjoner",
        "stakeholder.relation.from": "Fra",
        "stakeholder.relation.to": "Til",
        "stakeholder.relation.kind": "Relasjon",
        "stakeholder.relation.add": "Legg til relasjon",
        "stakeholder.relation.added": "Relasjonen er lagt til.",
        "stakeholder.network.title": "Nettverket",
        "stakeholder.plan.title": "Samskapingsplan",
        "stakeholder.plan.name": "Interessent",
        "stakeholder.plan.quadrant": "Kvadrant",
        "stakeholder.plan.strategy": "Strategi",
        "stakeholder.plan.channel": "Kanal",
        "stakeholder.plan.frequency": "Hyppighet",
        "stakeholder.plan.phase": "Fase",
        "stakeholder.export.make": "Lag filer for nedlasting",
        "stakeholder.history.title": "Spill av diskusjonen",
        "stakeholder.history.step": "Flytt nr.",
        "stakeholder.history.move": "Flytt {step} av {total}: «{name}», flyttet av {by} {at}.",
        "stakeholder.import.title": "Les inn fra Excel eller CSV",
        "stakeholder.import.help": "Første rad er overskrifter: navn, sektor, interesse, innflytelse (og gjerne strategi, begrunnelse, kanal). Gode rader leses inn; rader med feil listes med radnummer.",
        "stakeholder.import.button": "Velg fil",
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
        # Stakeholders (interessentanalyse): labels, default strategies, plan, summaries, import
        "sector.oppvekst": "Childhood and education",
        "sector.helse": "Health",
        "sector.nav": "NAV (labour and welfare)",
        "sector.frivillighet": "Voluntary sector",
        "sector.politikk": "Politics",
        "sector.brukere": "Service users",
        "sector.media": "Media",
        "sector.annet": "Other",
        "relation.samarbeider_med": "Works with",
        "relation.rapporterer_til": "Reports to",
        "relation.informerer": "Informs",
        "relation.konflikt": "Conflict",
        "quadrant.nokkelspillere": "Key players",
        "quadrant.bor_tilfredsstilles": "Keep satisfied",
        "quadrant.holdes_informert": "Keep informed",
        "quadrant.minimal_innsats": "Monitor",
        "stakeholder.field.name": "name",
        "stakeholder.field.sector": "sector",
        "stakeholder.field.interest": "interest",
        "stakeholder.field.influence": "influence",
        "stakeholder.field.quadrant": "quadrant",
        "stakeholder.field.affected": "how affected",
        "stakeholder.field.strategy": "strategy",
        "stakeholder.field.justification": "justification",
        "stakeholder.field.contact_role": "contact role",
        "stakeholder.field.notes": "notes",
        "stakeholder.field.channel": "channel",
        "stakeholder.field.frequency": "frequency",
        "stakeholder.field.phase": "phase",
        "stakeholder.axis.interest": "Interest",
        "stakeholder.axis.influence": "Influence",
        "stakeholder.legend.sector": "Sector",
        "stakeholder.legend.quadrant": "Quadrant",
        "stakeholder.legend.relation": "Relation",
        "stakeholder.network.empty": "No stakeholders yet",
        "stakeholder.strategy.nokkelspillere": (
            "Involve actively from the start: information meetings and seats in expert groups with "
            "a direct voice. They approve concepts and proposed changes and take part in the "
            "evaluation along the way."
        ),
        "stakeholder.strategy.bor_tilfredsstilles": (
            "Keep them informed through regular status meetings (politicians at least every half "
            "year) so they are well briefed before decisions. Inform union representatives, then "
            "involve them more in the design and trial phase."
        ),
        "stakeholder.strategy.holdes_informert": (
            "Inform them about proposed changes. Consider whether they should have a more active role."
        ),
        "stakeholder.strategy.minimal_innsats": (
            "Contact them when needed, for example local media as a channel to reach residents."
        ),
        "stakeholder.channel.nokkelspillere": "Expert group and working meetings",
        "stakeholder.channel.bor_tilfredsstilles": "Status meeting",
        "stakeholder.channel.holdes_informert": "Newsletter and information meeting",
        "stakeholder.channel.minimal_innsats": "When needed",
        "stakeholder.frequency.nokkelspillere": "monthly",
        "stakeholder.frequency.bor_tilfredsstilles": "every six months",
        "stakeholder.frequency.holdes_informert": "at milestones",
        "stakeholder.frequency.minimal_innsats": "when needed",
        "stakeholder.phase.all": "All phases",
        "stakeholder.sheet.stakeholders": "Stakeholders",
        "stakeholder.sheet.plan": "Involvement plan",
        "stakeholder.summary.no_stakeholders": "No stakeholders have been registered yet.",
        "stakeholder.summary.no_relations": "No relations have been registered yet.",
        "stakeholder.summary.broker": "{name} links {others}.",
        "stakeholder.summary.isolated_one": "{names} has no relations.",
        "stakeholder.summary.isolated_many": "{names} have no relations.",
        "stakeholder.summary.community": "{names} form a close-knit group.",
        "stakeholder.summary.conflict": "There is a conflict between {a} and {b}.",
        "stakeholder.summary.and": "and",
        "stakeholder.import.empty_file": "The file is empty. It needs a header row and at least one row of stakeholders.",
        "stakeholder.import.not_csv": "The file looks like an Excel file or another binary file. Save it as CSV (comma or semicolon separated) and try again.",
        "stakeholder.import.bad_file_type": "The file “{value}” cannot be read. Use an Excel file (.xlsx) or a CSV file (.csv or .txt).",
        "stakeholder.import.old_excel": "The file “{value}” is in the old Excel format (.xls). Open it in Excel, choose “Save As” and “Excel Workbook (.xlsx)”, and try again.",
        "stakeholder.import.bad_xlsx": "The file “{value}” could not be opened as an Excel workbook; it may be damaged. Save it again as .xlsx or CSV and try again.",
        "stakeholder.import.missing_column": "The file has no “{header}” column. Add it to the header row and try again.",
        "stakeholder.import.unknown_column": "The column “{value}” was not recognised and was skipped.",
        "stakeholder.import.duplicate_column": "The column “{value}” appears more than once. The first one was used.",
        "stakeholder.import.too_many_rows": "The file has more than {max} rows. Only the first {max} were read; split the file.",
        "stakeholder.import.missing_name": "Row {row}: the name is missing. Write who the stakeholder is (group, organisation or role).",
        "stakeholder.import.missing_value": "Row {row}: {field} is missing. Write a whole number from 1 to 5.",
        "stakeholder.import.not_a_number": "Row {row}: {field} “{value}” is not a number. Write a whole number from 1 to 5.",
        "stakeholder.import.not_a_whole_number": "Row {row}: {field} “{value}” is not a whole number. Write a whole number from 1 to 5.",
        "stakeholder.import.out_of_range": "Row {row}: {field} {value} is outside 1–5. Write a whole number from 1 to 5.",
        "stakeholder.import.unknown_sector": "Row {row}: the sector “{value}” is not known. Use one of: {choices}.",
        "stakeholder.import.unknown_phase": "Row {row}: the phase “{value}” is not known. Use one of: {choices}, or leave it empty for all phases.",
        "stakeholder.import.too_long": "Row {row}: {field} is too long. Shorten it to {max} characters or fewer.",
        "error.InvalidInputError.out_of_range": "The number {value} is outside the scale. Write a whole number from {min} to {max}.",
        "error.InvalidInputError.not_a_number": "“{value}” is not a number. Write a whole number from {min} to {max}.",
        "error.InvalidInputError.not_a_whole_number": "{value} is not a whole number. Write a whole number from {min} to {max}.",
        "error.InvalidInputError.not_a_position": "“{value}” is not a place on the grid. Give interest and influence as two whole numbers from 1 to 5.",
        "error.InvalidInputError.self_relation": "A relation must connect two different stakeholders. Choose another stakeholder for the other end.",
        "error.InvalidInputError.bad_weight": "The strength “{value}” cannot be used. Write a number above zero, for example 1 (normal) or 2 (strong).",
        "error.InvalidInputError.unknown_stakeholder": "The relation points to a stakeholder that is not in the list. Delete the relation, or add the stakeholder again.",
        "error.InvalidInputError.bad_image_format": "The picture “{value}” cannot be saved in that format. Give the file one of these endings: {choices}.",
        # Privacy, pages and CLI (added with the personal-data guard)
        "participant.reminder": "Do not write names, phone numbers or other details about individuals.",
        "participant.masked.notice": "The text seems to contain personal data. This is how the idea will be saved. Press “Send as shown” or edit the text:",
        "participant.send.masked": "Send as shown",
        "facilitator.privacy.none": "Privacy: no personal data has been found and hidden in this workshop.",
        "facilitator.privacy.masked": "Privacy: {count} pieces of personal data were found and hidden",
        "facilitator.privacy.off": "Hiding of personal data is turned off for this workshop.",
        "privacy.kind.fodselsnummer": "national identity number",
        "privacy.kind.telefon": "phone",
        "privacy.kind.epost": "e-mail",
        "privacy.kind.url": "web address",
        "privacy.kind.adresse": "address",
        "privacy.kind.navn": "name",
        "privacy.kind.alder": "age",
        "cli.delete.done": "Deleted the workshop “{title}” ({id}) with {ideas} ideas, {stakeholders} stakeholders and {relations} relations.",
        "cli.purge.deleted": "Deleted “{title}” ({id}), due for deletion after {date}: {ideas} ideas, {stakeholders} stakeholders, {relations} relations.",
        "cli.purge.none": "No workshop is past its deletion date (today: {date}).",
        "cli.retention.set": "The workshop “{title}” will be deleted by “samskaping purge” after {date}.",
        "cli.retention.cleared": "The workshop “{title}” has no deletion date; it is kept until deleted.",
        "cli.masking.on": "Personal data is hidden again in “{title}”.",
        "cli.masking.off": "Hiding of personal data is turned off in “{title}”. The change is logged.",
        "cli.date.bad": "“{value}” is not a date. Write it as YYYY-MM-DD, for example 2027-06-30.",
        "cli.stakeholders.imported": "Imported {count} stakeholders. {problems} rows were skipped.",
        "error.InvalidInputError.not_found": "“{value}” was not found. Reload the page and try again.",
        "facilitator.link.stakeholders": "Open the stakeholder map of this workshop",
        "cli.serve.stakeholders": "Stakeholder map: {url}",
        "stakeholder.title": "Stakeholder map",
        "stakeholder.form.title": "Stakeholder",
        "stakeholder.list.title": "All stakeholders",
        "stakeholder.save": "Save",
        "stakeholder.new": "New",
        "stakeholder.delete": "Delete",
        "stakeholder.saved": "“{name}” was saved.",
        "stakeholder.deleted": "“{name}” was deleted.",
        "stakeholder.relation.title": "Relations",
        "stakeholder.relation.from": "From",
        "stakeholder.relation.to": "To",
        "stakeholder.relation.kind": "Relation",
        "stakeholder.relation.add": "Add relation",
        "stakeholder.relation.added": "The relation was added.",
        "stakeholder.network.title": "The network",
        "stakeholder.plan.title": "Involvement plan",
        "stakeholder.plan.name": "Stakeholder",
        "stakeholder.plan.quadrant": "Quadrant",
        "stakeholder.plan.strategy": "Strategy",
        "stakeholder.plan.channel": "Channel",
        "stakeholder.plan.frequency": "Frequency",
        "stakeholder.plan.phase": "Phase",
        "stakeholder.export.make": "Make files to download",
        "stakeholder.history.title": "Replay the discussion",
        "stakeholder.history.step": "Move no.",
        "stakeholder.history.move": "Move {step} of {total}: “{name}”, moved by {by} {at}.",
        "stakeholder.import.title": "Import from Excel or CSV",
        "stakeholder.import.help": "The first row holds headings: name, sector, interest, influence (and if you like strategy, justification, channel). Good rows are imported; rows with errors are listed by row number.",
        "stakeholder.import.button": "Choose file",
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
