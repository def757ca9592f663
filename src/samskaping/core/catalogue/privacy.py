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
