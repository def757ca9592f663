"""A stakeholder register as a municipality keeps it, for the tests of sectors the kit does not know.

Written the way a 0-24 coordinator's sheet comes out of Norwegian Excel: "CSV
(semikolondelt)", Windows-1252, CRLF line ends, the seeds' long headings, sectors in
the municipality's own words (the seeds' own analysis sorts by "Administrasjon",
"Tillitsvalgte", "Kommunedirektør"), a line break inside a quoted cell and a score
written "4,0". Roles only, never names.
"""

from __future__ import annotations

HEADER = (
    "Interessent", "Sektor", "Interesse", "Påvirkning", "Hvordan berøres av / påvirker endringen",
    "Strategi for involvering, dialog og opplæring", "Begrunnelse", "Kontaktrolle", "Merknad",
)

#: (name, sector as written, interest, influence, how affected, strategy, justification, contact role, note)
ROWS: list[tuple[str, ...]] = [
    ("Helsestasjon og skolehelsetjeneste", "Helse", "5", "4", "Følger familier fra fødsel", "",
     "Tidlig innsats", "ledende helsesykepleier", ""),
    ("Skoler", "Oppvekst", "5", "4", "Påvirker arbeidshverdag, rutiner og kultur", "Ekspertgrupper",
     "Daglig kontakt med barn og unge", "rektor", "Ta med ungdomsskolen"),
    ("Barnehager", "oppvekst", "5", "4,0", "Daglig kontakt med barn og familier", "", "", "styrer", ""),
    ("PPT", "Oppvekst", "4", "4", "Nye samarbeidsavtaler", "", "Bindeledd mellom skole og barnevern", "", ""),
    ("Barnevern (interkommunalt)", "Oppvekst", "4", "5", "Oppvekstreformen gir større ansvar", "", "", "leder", ""),
    ("NAV", "NAV", "4", "3", "Familier med lav inntekt", "", "", "veileder", ""),
    ("Psykisk helse og rus", "Helse- og omsorg", "4", "3", "Foreldre med egne utfordringer", "", "", "", ""),
    ("Fastleger", "Helse", "2", "3", "Henviser til BUP", "", "", "kommuneoverlege", ""),
    ("Flyktningetjenesten", "Integrering", "3", "2", "Berøres indirekte", "", "", "", ""),
    ("Kulturskolen", "Kultur", "3", "2", "Fritidstilbud", "", "", "rektor kulturskolen", ""),
    ("Frivilligsentralen", "Frivillige", "4", "2", "Leksehjelp og fritid", "", "Lavterskeltilbud", "leder", ""),
    ("Idrettslaget", "Idrett", "3", "1", "Aktivitet for alle", "", "", "styreleder", ""),
    ("Ungdomsrådet", "Brukere", "4", "2", "Ungdommens stemme", "", "Brukermedvirkning", "SLT-koordinator", ""),
    ("Brukere: barn, unge og familier", "Innbyggere", "5", "3", "Tjenestene skal designes for dem", "",
     "Behovene skal være i fokus", "", ""),
    ("Politikere (hovedutvalg)", "Politisk", "2", "5", "Stor innflytelse på beslutninger",
     "Statusmøte i hovedutvalget; minst én gang per halvår", "", "utvalgsleder", ""),
    ("Tillitsvalgte (Fellesutvalget)", " Tillitsvalgte ", "2", "4", "Endringer i arbeidstid og oppgaver",
     "Informeres, involveres mer i utprøvingen", "", "hovedtillitsvalgt", ""),
    ("Administrasjon (skole- og barnehageeier)", "Administrasjon", "4", "5", "Beslutter rammer og ressurser", "",
     "Beslutningsmyndighet i prosjektet", "kommunalsjef oppvekst", ""),
    ("Kommunedirektørens ledergruppe", "Kommunedirektør", "3", "5", "Prosjekteier",
     "Jevnlig status via sektorsjefene", "", "kommunedirektør", "Styringsgruppe"),
    ("Lokalavisa", "Media", "1", "2", "Kanal ut til innbyggerne", "", "", "redaksjonen", ""),
    ("Menighetsrådet", "Kirke", "2", "1", "Trosopplæring og\nbabysang", "", "", "diakon", ""),
    ("Næringsforeningen", "Næringsliv", "1", "2", "Sommerjobber for ungdom", "", "", "daglig leder", ""),
]

#: What each row's sector becomes: the kit's key, or the municipality's own words (trimmed).
SECTORS = [
    "helse", "oppvekst", "oppvekst", "oppvekst", "oppvekst", "nav", "helse", "helse", "Integrering", "Kultur",
    "frivillighet", "Idrett", "brukere", "brukere", "politikk", "Tillitsvalgte", "Administrasjon",
    "Kommunedirektør", "media", "Kirke", "Næringsliv",
]
#: The sectors kept as written, in file order.
OWN_SECTORS = ["Integrering", "Kultur", "Idrett", "Tillitsvalgte", "Administrasjon", "Kommunedirektør", "Kirke",
               "Næringsliv"]


def _cell(text: str) -> str:
    if any(ch in text for ch in ';"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def register_csv(extra: list[tuple[str, ...]] = ()) -> bytes:
    """The register (and any ``extra`` rows after it) as Norwegian Excel saves "CSV (semikolondelt)"."""
    lines = [";".join(_cell(c) for c in row) for row in (HEADER, *ROWS, *extra)]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")
