"""An invented demo workshop, so a new facilitator sees a living wall at once.

The municipality, the people and every sentence are invented. The text must
pass the personal-data guard untouched (a test checks this once the guard
exists), so it names roles and services, never people.
"""

from __future__ import annotations

from datetime import timedelta

from .models import Idea, Workshop, now
from .store import Store

__all__ = ["DEMO_TITLE", "create_demo", "ensure_demo"]

DEMO_TITLE = "Idédugnad: nærvær i skolen og støtte til foreldre"
DEMO_QUESTION = (
    "Hvordan kan skole, helsestasjon, PPT og frivillige sammen hjelpe barn som er mye borte "
    "fra skolen, og foreldrene deres, tidligere enn i dag?"
)

DEMO_IDEAS: list[tuple[str, str]] = [
    ("Fast kontaktperson på skolen som ringer hjem allerede andre fraværsdag.", "ansatt"),
    ("Foreldrekurs (COS-P) på kveldstid, med barnepass og mat.", "bruker"),
    ("Helsesykepleier til stede i friminuttene, ikke bare på kontoret.", "ungdom"),
    ("Et felles skjema for bekymring som alle tjenestene bruker.", "leder"),
    ("Faste tverrfaglige team rundt hver skole, med PPT og barnevern til stede en gang i måneden.", "ansatt"),
    ("Leksehjelp og gratis frokost på frivilligsentralen.", "frivillig"),
    ("La ungdomsrådet være med og lage fraværsrutinene.", "ungdom"),
    ("En barnekoordinator som følger familien gjennom alle overgangene.", "bruker"),
    ("Kartlegge fravær tidlig og ta det opp i foreldremøtet uten å peke ut noen.", "leder"),
    ("Gratis fritidsaktivitet for alle i 5.–7. klasse, med henting fra skolen.", "frivillig"),
    ("Felles opplæring i samtaler med barn for lærere, barnehage og helsestasjon.", "ansatt"),
    ("Budsjett til lavterskeltilbud som ikke krever vedtak.", "politiker"),
]


#: (name, sector, interest, influence, how affected / how it influences, justification)
DEMO_STAKEHOLDERS: list[tuple[str, str, int, int, str, str]] = [
    ("Helsestasjon", "helse", 5, 4, "Følger familier fra fødsel; endringer merkes i hverdagen.",
     "Tidlig innsats og oppfølging av familier og barn."),
    ("Skoler", "oppvekst", 5, 4, "Daglig kontakt med barn og familier; nye rutiner for fravær.",
     "Fraværet oppdages først her."),
    ("Barnehager", "oppvekst", 4, 4, "Daglig kontakt med barn og familier.", "Tidlig innsats før skolestart."),
    ("PPT", "oppvekst", 4, 4, "Nye samarbeidsavtaler og faste team.", "Bindeledd mellom skole og barnevern."),
    ("Barnevern", "oppvekst", 4, 5, "Nye samarbeidsavtaler og tidligere meldinger.", "Oppvekstreformen gir større ansvar."),
    ("NAV", "nav", 4, 3, "Familier med lav inntekt og ungdom utenfor skole.", "Samarbeid om familier i flere tjenester."),
    ("Brukere: barn, unge og familier", "brukere", 5, 3, "Tjenestene skal utformes rundt dem.",
     "Deres behov skal være i sentrum."),
    ("Administrasjon (skole- og barnehageeier)", "oppvekst", 4, 5, "Beslutter rammer og ressurser.",
     "Beslutningsmyndighet i prosjektet."),
    ("Politikere i hovedutvalget", "politikk", 2, 5, "Stor innflytelse på beslutninger og budsjett.",
     "Må være opplyst når saken skal besluttes."),
    ("Tillitsvalgte", "annet", 2, 4, "Endringer i arbeidstid og oppgaver.", "Involveres mer i utprøvingen."),
    ("Frivilligsentralen", "frivillighet", 4, 2, "Kan gi fritidstilbud og leksehjelp.", "Lavterskeltilbud."),
    ("Ungdomsrådet", "brukere", 4, 2, "Berøres indirekte; kan gi ungdommens stemme.", "Brukermedvirkning."),
    ("Flyktningetjenesten", "annet", 3, 2, "Berøres indirekte av endringene.", ""),
    ("Lokalavisa", "media", 1, 2, "Kanal ut til innbyggerne.", ""),
]

#: (source, target, kind)
DEMO_RELATIONS: list[tuple[str, str, str]] = [
    ("Skoler", "PPT", "samarbeider_med"),
    ("PPT", "Barnevern", "samarbeider_med"),
    ("Helsestasjon", "Barnehager", "samarbeider_med"),
    ("Helsestasjon", "Barnevern", "informerer"),
    ("Barnehager", "PPT", "samarbeider_med"),
    ("Barnevern", "NAV", "samarbeider_med"),
    ("Administrasjon (skole- og barnehageeier)", "Politikere i hovedutvalget", "rapporterer_til"),
    ("Skoler", "Administrasjon (skole- og barnehageeier)", "rapporterer_til"),
    ("Frivilligsentralen", "Ungdomsrådet", "samarbeider_med"),
    ("Tillitsvalgte", "Administrasjon (skole- og barnehageeier)", "konflikt"),
]


def create_demo(store: Store) -> Workshop:
    """Create a fresh demo workshop with ideas from several groups and a stakeholder map."""
    workshop = store.create_workshop(Workshop(title=DEMO_TITLE, question=DEMO_QUESTION, phase="ide"))
    start = now() - timedelta(minutes=len(DEMO_IDEAS))
    for minute, (text, group) in enumerate(DEMO_IDEAS):
        store.add_idea(
            Idea(
                workshop_id=workshop.id,
                text=text,
                group=group,
                session_id=f"demo-{minute % 5}",
                created=start + timedelta(minutes=minute),
            )
        )
    _add_stakeholder_map(store, workshop)
    return workshop


def _add_stakeholder_map(store: Store, workshop: Workshop) -> None:
    from .stakeholders import Relation, Stakeholder

    ids = {}
    for name, sector, interest, influence, affected, justification in DEMO_STAKEHOLDERS:
        item = Stakeholder(workshop.id, name, sector, interest, influence, affected=affected,
                           justification=justification)
        ids[name] = store.save_stakeholder(item, moved_by="demo").id
    for source, target, kind in DEMO_RELATIONS:
        store.save_relation(Relation(workshop.id, ids[source], ids[target], kind=kind))


def ensure_demo(store: Store) -> Workshop:
    """The demo workshop, created the first time only (``make serve`` runs this each time)."""
    for workshop in store.workshops():
        if workshop.title == DEMO_TITLE:
            return workshop
    return create_demo(store)
