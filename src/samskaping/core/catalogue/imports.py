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

EN: dict[str, str] = {
    "error.InvalidInputError.not_an_object": "The file has an entry that is not an object with fields. Export the workshop again from Samskaping and try again.",
    "error.InvalidInputError.missing_fields": "The file lacks the fields {field}. Export the workshop again from Samskaping and try again.",
    "cli.file.unreadable": "Cannot read the file {path}. Check that it is not open in another program, and that you may read it.",
    "import.not_an_export": "the field \"format\": \"{format}\" is missing. Choose a file Samskaping exported with “samskaping export”.",
    "import.not_json": "it is not valid JSON (error on line {line}, character {column}). Export the workshop again with “samskaping export --format json” and try again.",
    "import.not_utf8": "the text is not saved as UTF-8. Use the file as Samskaping wrote it, without saving it again in another program.",
    "import.unreadable": "the file cannot be read. Check that it is not open in another program, and that you may read it.",
    "import.too_deep": "its lists and objects are nested too deep for an export of a workshop.",
    "import.too_large": "it is larger than {max} MB, far more than an export of a workshop. Check that you chose the right file.",
    "import.bad_version": "it has export version “{version}”, and this Samskaping reads version {supported}. Update Samskaping and try again.",
    "import.bad_part": "the part “{part}” cannot be read (entry no. {number}). Export the workshop again and try again.",
    "import.bad_list": "the part “{part}” should have been a list. Export the workshop again and try again.",
    "import.duplicate": "the part “{part}” has the same id more than once. Export the workshop again and try again.",
    "import.inconsistent": "the parts of the file do not fit together (something points to an idea, theme or stakeholder that is not included, or a field has the wrong type). Export the workshop again and try again.",
    "import.too_many_values": "it has over {max} values (objects, lists and what they hold), far more than an export of a workshop. Check that you chose the right file.",
    "import.huge_number": "it has a number with more digits than any export of a workshop has. Export the workshop again and try again.",
    "import.zip.too_many_entries": "the archive has over {max} files, far more than an archive from Samskaping. Check that you chose the right file.",
    "error.InvalidInputError.import_value": "The file {path} cannot be imported: the field “{field}” in the part “{part}” (entry no. {number}) cannot be used. {problem} Nothing was imported.",
    "error.InvalidInputError.bad_id": "“{field}” is not an id as Samskaping makes them: at most {max} characters and no control characters.",
    "import.masking_kept_on": "The file says masking of personal data was off. A file cannot turn masking off: “{title}” was imported with masking on, its texts are masked, and this is in the privacy log.",
}
