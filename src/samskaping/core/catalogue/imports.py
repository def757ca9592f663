"""Texts for files that cannot be imported: a workshop export (JSON or ZIP) that is damaged, too large or not one.

The ``import.*`` texts fill ``{detail}`` of ``error.ImportFormatError``
("Filen {path} er ikke en eksport fra Samskaping: {detail}"), so they start
in lower case and end with what to do. ``error.InvalidInputError.import_value``
names the part, the entry and the field of a value an import refuses, with the
value's own sentence as ``{problem}``; ``import.masking_kept_on`` is what
``samskaping import`` says when a file asks for masking off.
"""

NB: dict[str, str] = {
    "error.InvalidInputError.not_an_object": "Filen har en oppføring som ikke er et objekt med felt. Eksporter verkstedet på nytt fra Samskaping og prøv igjen.",
    "error.InvalidInputError.missing_fields": "Filen mangler feltene {field}. Eksporter verkstedet på nytt fra Samskaping og prøv igjen.",
    "cli.file.unreadable": "Kan ikke lese filen {path}. Sjekk at den ikke er åpen i et annet program, og at du har lov til å lese den.",
    "import.not_an_export": "feltet \"format\": \"{format}\" mangler. Velg en fil som Samskaping har eksportert med «samskaping export».",
    "import.not_json": "den er ikke gyldig JSON (feil på linje {line}, tegn {column}). Eksporter verkstedet på nytt med «samskaping export --format json» og prøv igjen.",
    "import.not_utf8": "teksten er ikke lagret som UTF-8. Bruk filen slik Samskaping skrev den, uten å lagre den på nytt i et annet program.",
    "import.unreadable": "filen kan ikke leses. Sjekk at den ikke er åpen i et annet program, og at du har lov til å lese den.",
    "import.too_deep": "den har lister og objekter nøstet for dypt til å være en eksport av et verksted.",
    "import.too_large": "den er større enn {max} MB, langt mer enn en eksport av et verksted. Sjekk at du valgte riktig fil.",
    "import.bad_version": "den har eksportversjon «{version}», og denne Samskaping leser versjon {supported}. Oppdater Samskaping og prøv igjen.",
    "import.bad_part": "delen «{part}» kan ikke leses (oppføring nr. {number}). Eksporter verkstedet på nytt og prøv igjen.",
    "import.bad_list": "delen «{part}» skulle vært en liste. Eksporter verkstedet på nytt og prøv igjen.",
    "import.duplicate": "delen «{part}» har samme id mer enn én gang. Eksporter verkstedet på nytt og prøv igjen.",
    "import.inconsistent": "delene av filen henger ikke sammen (noe peker på en idé, et tema eller en interessent som ikke er med, eller et felt har feil type). Eksporter verkstedet på nytt og prøv igjen.",
    "import.too_many_values": "den har over {max} verdier (objekter, lister og det som står i dem), langt flere enn en eksport av et verksted. Sjekk at du valgte riktig fil.",
    "import.huge_number": "den har et tall med flere sifre enn noen eksport av et verksted har. Eksporter verkstedet på nytt og prøv igjen.",
    "import.zip.too_many_entries": "arkivet har over {max} filer, langt flere enn et arkiv fra Samskaping. Sjekk at du valgte riktig fil.",
    "error.InvalidInputError.import_value": "Filen {path} kan ikke importeres: feltet «{field}» i delen «{part}» (oppføring nr. {number}) kan ikke brukes. {problem} Ingenting er importert.",
    "error.InvalidInputError.bad_id": "«{field}» er ikke en id slik Samskaping lager dem: høyst {max} tegn og ingen kontrolltegn.",
    "import.masking_kept_on": "Filen sier at maskering av personopplysninger var slått av. En fil kan ikke slå av maskeringen: «{title}» er importert med maskering på, tekstene er maskert, og dette står i personvernloggen.",
}
