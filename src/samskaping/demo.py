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


def create_demo(store: Store) -> Workshop:
    """Create a fresh demo workshop with ideas from several groups."""
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
    return workshop


def ensure_demo(store: Store) -> Workshop:
    """The demo workshop, created the first time only (``make serve`` runs this each time)."""
    for workshop in store.workshops():
        if workshop.title == DEMO_TITLE:
            return workshop
    return create_demo(store)
