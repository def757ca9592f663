"""Texts about hidden and deleted posts (what an export says about them, deleting a post), and the name check
of staff-typed text (a person's name on the stakeholder, journey and ideas pages, and in imported registers)."""

NB: dict[str, str] = {
    "export.hidden.none": "Ingen innlegg er skjult i dette verkstedet.",
    "export.hidden.left_out": "{count} innlegg som prosesslederen skjulte, er ikke med i denne filen. Skjulte innlegg kan peke ut enkeltpersoner; de tas bare med når eksporten lages med --include-hidden.",
    "export.hidden.included": "Denne filen tar med {count} innlegg som prosesslederen skjulte, fordi den ble laget med --include-hidden (for sikkerhetskopi eller flytting av verkstedet). Skjulte innlegg kan peke ut enkeltpersoner: ikke del filen, legg den ikke i arkivet, og slett den når den ikke trengs lenger.",
    "error.InvalidInputError.not_yours": "Dette innlegget ble ikke sendt fra denne enheten, så du kan ikke slette det her. Be prosesslederen om å slette det.",
    "cli.idea.deleted": "Slettet innlegget {id} fra «{title}». Slettingen er ført i personvernloggen (hvem og når, ikke teksten). Filer som er eksportert før, må slettes for seg.",
    "privacy.check.person_name": "Dette ser ut som et personnavn: bruk en rolle eller en gruppe.",
    "privacy.check.where": "{field}: «{text}»",
    "privacy.check.help": "Ingenting er lagret ennå. Er det navnet på en organisasjon, et sted eller en rolle, velg «Lagre som skrevet». Ellers: velg «Skriv om», skriv en rolle eller en gruppe og lagre igjen.",
    "privacy.check.confirm": "Lagre som skrevet",
    "privacy.check.rephrase": "Skriv om",
    "privacy.check.rephrased": "Ikke lagret. Skriv en rolle eller en gruppe i stedet for navnet, og lagre igjen.",
    "privacy.check.masked": "Personopplysninger lagres ikke og er byttet ut: {kinds}.",
    "stakeholder.import.person_name": "Rad {row}: «{field}» ser ut som et personnavn og lagres som [navn]. Skriv en rolle eller en gruppe i filen, eller rett det på siden for interessenter.",
}

EN: dict[str, str] = {
    "export.hidden.none": "No posts are hidden in this workshop.",
    "export.hidden.left_out": "{count} posts the facilitator hid are left out of this file. Hidden posts may point someone out; they are only included when the export is made with --include-hidden.",
    "export.hidden.included": "This file includes {count} posts the facilitator hid, because it was made with --include-hidden (to back up or move the workshop). Hidden posts may point someone out: do not share the file, do not archive it, and delete it when it is no longer needed.",
    "error.InvalidInputError.not_yours": "This post was not sent from this device, so you cannot delete it here. Ask the facilitator to delete it.",
    "cli.idea.deleted": "Deleted the post {id} from “{title}”. The deletion is in the privacy log (who and when, not the text). Files exported before must be deleted separately.",
    "privacy.check.person_name": "This looks like a person's name: use a role or a group.",
    "privacy.check.where": "{field}: “{text}”",
    "privacy.check.help": "Nothing is saved yet. If it is the name of an organisation, a place or a role, choose “Save as typed”. Otherwise choose “Rephrase”, write a role or a group and save again.",
    "privacy.check.confirm": "Save as typed",
    "privacy.check.rephrase": "Rephrase",
    "privacy.check.rephrased": "Not saved. Write a role or a group instead of the name, and save again.",
    "privacy.check.masked": "Personal data is not stored and was replaced: {kinds}.",
    "stakeholder.import.person_name": "Row {row}: “{field}” looks like a person's name and is stored as [navn]. Write a role or a group in the file, or correct it on the stakeholder page.",
}
