"""Texts about hidden and deleted posts: what an export says about them, and deleting a post."""

NB: dict[str, str] = {
    "export.hidden.none": "Ingen innlegg er skjult i dette verkstedet.",
    "export.hidden.left_out": "{count} innlegg som prosesslederen skjulte, er ikke med i denne filen. Skjulte innlegg kan peke ut enkeltpersoner; de tas bare med når eksporten lages med --include-hidden.",
    "export.hidden.included": "Denne filen tar med {count} innlegg som prosesslederen skjulte, fordi den ble laget med --include-hidden (for sikkerhetskopi eller flytting av verkstedet). Skjulte innlegg kan peke ut enkeltpersoner: ikke del filen, legg den ikke i arkivet, og slett den når den ikke trengs lenger.",
    "error.InvalidInputError.not_yours": "Dette innlegget ble ikke sendt fra denne enheten, så du kan ikke slette det her. Be prosesslederen om å slette det.",
    "cli.idea.deleted": "Slettet innlegget {id} fra «{title}». Slettingen er ført i personvernloggen (hvem og når, ikke teksten). Filer som er eksportert før, må slettes for seg.",
}

EN: dict[str, str] = {
    "export.hidden.none": "No posts are hidden in this workshop.",
    "export.hidden.left_out": "{count} posts the facilitator hid are left out of this file. Hidden posts may point someone out; they are only included when the export is made with --include-hidden.",
    "export.hidden.included": "This file includes {count} posts the facilitator hid, because it was made with --include-hidden (to back up or move the workshop). Hidden posts may point someone out: do not share the file, do not archive it, and delete it when it is no longer needed.",
    "error.InvalidInputError.not_yours": "This post was not sent from this device, so you cannot delete it here. Ask the facilitator to delete it.",
    "cli.idea.deleted": "Deleted the post {id} from “{title}”. The deletion is in the privacy log (who and when, not the text). Files exported before must be deleted separately.",
}
