"""An invented demo workshop, so a new facilitator sees a living wall at once.

It holds what a workshop that has been run holds: about 60 ideas from all
participant groups, a stakeholder map, today's and the wanted journey, who
came, themes, a closed vote, two concepts and a few evaluations.

The municipality, the people and every sentence are invented. The text must
pass the personal-data guard untouched (a test checks this once the guard
exists), so it names roles and services, never people.
"""

from __future__ import annotations

from datetime import timedelta

from samskaping.core.models import Workshop, now
from samskaping.goals.model import Goal
from samskaping.ideas.model import Idea
from samskaping.projects.model import Project
from samskaping.risks.model import Risk, SuccessFactor
from samskaping.store import Store

__all__ = ["DEMO_TITLE", "create_demo", "ensure_demo"]

DEMO_TITLE = "Idédugnad: nærvær i skolen og støtte til foreldre"
DEMO_QUESTION = (
    "Hvordan kan skole, helsestasjon, PPT og frivillige sammen hjelpe barn som er mye borte "
    "fra skolen, og foreldrene deres, tidligere enn i dag?"
)

DEMO_IDEAS: list[tuple[str, str]] = [
    ("Fast kontaktperson på skolen som ringer hjem allerede andre fraværsdag.", "ansatt"),
    ("Foreldrekurs (COS-P) på kveldstid, med barnepass og mat.", "foresatt"),
    ("Helsesykepleier til stede i friminuttene, ikke bare på kontoret.", "ungdom"),
    ("Et felles skjema for bekymring som alle tjenestene bruker.", "leder"),
    ("Faste tverrfaglige team rundt hver skole, med PPT og barnevern til stede en gang i måneden.", "ansatt"),
    ("Leksehjelp og gratis frokost på frivilligsentralen.", "frivillig"),
    ("La ungdomsrådet være med og lage fraværsrutinene.", "ungdom"),
    ("En fast kontaktperson som følger familien gjennom alle overgangene.", "foresatt"),
    ("Kartlegge fravær tidlig og ta det opp i foreldremøtet uten å peke ut noen.", "leder"),
    ("Gratis fritidsaktivitet for alle i 5.–7. klasse, med henting fra skolen.", "frivillig"),
    ("Felles opplæring i samtaler med barn for lærere, barnehage og helsestasjon.", "ansatt"),
    ("Budsjett til lavterskeltilbud som ikke krever vedtak.", "politiker"),
    ("Leksehjelp med frivillige studenter to ettermiddager i uka.", "frivillig"),
    ("Leksehjelp på biblioteket for dem som ikke får hjelp hjemme.", "bruker"),
    ("Mer leksehjelp på skolen.", "ungdom"),
    ("Foreldreveiledning i gruppe for foreldre med barn i barnehagen.", "ansatt"),
    ("Kurs for foreldre om hvordan man snakker med barn om vansker.", "foresatt"),
    ("Foreldrekafé på skolen en gang i måneden.", "leder"),
    ("Tolk på foreldremøter og i foreldresamtaler.", "foresatt"),
    ("Ring hjem første fraværsdag, ikke vent til det har gått en uke.", "ansatt"),
    ("Nærværsteam på hver skole med helsesykepleier og sosiallærer.", "leder"),
    ("Felles rutine for oppfølging av bekymringsfullt fravær i alle skolene.", "leder"),
    ("Elevene må få si hvorfor de ikke vil på skolen.", "ungdom"),
    ("Skolevegring må tas på alvor tidlig, før det blir langvarig.", "bruker"),
    ("Lavterskel samtaletilbud på helsestasjon for ungdom, uten henvisning.", "ungdom"),
    ("Drop-in hos helsesykepleier også etter skoletid.", "ungdom"),
    ("Åpen dør hos PPT én dag i uka for foreldre som lurer på noe.", "foresatt"),
    ("Kortere ventetid hos PPT.", "ansatt"),
    ("Faste samarbeidsmøter mellom barnehage, skole og helsestasjon.", "ansatt"),
    ("Én plan for barnet som alle tjenestene bruker.", "leder"),
    ("Samtykke fra foreldrene tidlig, så tjenestene kan snakke sammen.", "ansatt"),
    ("En stafettholder som har ansvaret når flere tjenester er inne.", "leder"),
    ("Bedre overgang fra barnehage til skole for barn som trenger ekstra støtte.", "ansatt"),
    ("Overgangsmøte mellom ungdomsskole og videregående for sårbare elever.", "ansatt"),
    ("Opplæring i samtaler med barn for alle som jobber med barn.", "leder"),
    ("Kompetanseløft om psykisk helse for lærere.", "ansatt"),
    ("Felles fagdag for alle tjenestene for barn og unge.", "leder"),
    ("Ungdomsrådet bør være med når tiltak for ungdom planlegges.", "ungdom"),
    ("Spør elevrådet før nye regler om fravær innføres.", "ungdom"),
    ("Erfaringskonsulent med egen erfaring i arbeidsgruppene.", "bruker"),
    ("Brukerundersøkelse blant familier som har fått hjelp.", "politiker"),
    ("Fritidskortet må gjelde for alle aktiviteter i kommunen.", "politiker"),
    ("Idrettslaget kan låne ut utstyr gratis.", "frivillig"),
    ("Fritidsklubb åpen i helgene.", "ungdom"),
    ("Følge nye barn til første trening i et lag.", "frivillig"),
    ("Gratis kulturskole for barn i familier med lav inntekt.", "politiker"),
    ("Chat med helsesykepleier for dem som ikke tør å møte opp.", "ungdom"),
    ("En app der foreldre finner alle tilbudene på ett sted.", "foresatt"),
    ("Digital timebestilling til helsestasjon for ungdom.", "ungdom"),
    ("Informasjon om tilbudene på flere språk.", "bruker"),
    ("Hjelp med økonomi og bolig for familier som sliter.", "ansatt"),
    ("NAV må være med tidlig når familien har dårlig økonomi.", "ansatt"),
    ("Jobbsjanse for foreldre med barn som står utenfor skolen.", "politiker"),
    ("Rask time hos BUP når fraværet skyldes angst.", "bruker"),
    ("Psykisk helse-team i skolen med psykolog til stede.", "leder"),
    ("Kurs i mestring av angst for ungdom.", "ungdom"),
    ("Mer voksne i friminuttene.", "ungdom"),
    ("Trygge voksne som ser hver enkelt elev hver dag.", "bruker"),
    ("Miljøterapeut i skolen som kan følge opp elever med høyt fravær.", "leder"),
    ("Mentorordning der eldre elever følger opp yngre.", "frivillig"),
]


#: (name, sector, interest, influence, how affected / how it influences, justification)
DEMO_STAKEHOLDERS: list[tuple[str, str, int, int, str, str]] = [
    ("Helsestasjon", "helse", 5, 4, "Følger familier fra fødsel; endringer merkes i hverdagen.",
     "Tidlig innsats og oppfølging av familier og barn."),
    ("Skoler", "oppvekst", 5, 4, "Daglig kontakt med barn og familier; nye rutiner for fravær.",
     "Fraværet oppdages først her."),
    ("Barnehager", "oppvekst", 4, 4, "Daglig kontakt med barn og familier.", "Tidlig innsats før skolestart."),
    ("PPT", "oppvekst", 4, 4, "Nye samarbeidsavtaler og faste team.", "Bindeledd mellom skole og barnevern."),
    ("Barnevern", "oppvekst", 4, 5, "Nye samarbeidsavtaler og tidligere meldinger.",
     "Oppvekstreformen gir større ansvar."),
    ("NAV", "nav", 4, 3, "Familier med lav inntekt og ungdom utenfor skole.",
     "Samarbeid om familier i flere tjenester."),
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
    """Create a fresh demo project with its workshop: ideas from several groups, a stakeholder map,
    journeys, a room that voted and evaluated, and the project's goals and risk assessment."""
    project = store.projects.create(Project(DEMO_PROJECT, phase="tjenesteutvikling", municipalities=("Demo kommune",)))
    workshop = store.workshops.create(Workshop(title=DEMO_TITLE, question=DEMO_QUESTION, phase="ide"),
                                      project_id=project.id)
    start = now() - timedelta(minutes=len(DEMO_IDEAS))
    for minute, (text, group) in enumerate(DEMO_IDEAS):
        store.ideas.add(
            Idea(
                workshop_id=workshop.id,
                text=text,
                group=group,
                session_id=f"demo-{minute % 5}",
                created=start + timedelta(minutes=minute),
            )
        )
    _add_stakeholder_map(store, workshop)
    _add_journeys(store, workshop)
    _add_room(store, workshop)
    _add_project_plan(store, project, workshop)
    return workshop


DEMO_PROJECT = "Nærvær og foreldrestøtte 0–24 (demoprosjekt)"
#: The demo's goal hierarchy: (level, text, indicator, source, when, owner, parent's index or None).
DEMO_GOALS = (
    ("samfunnsmal", "Barn og unge i kommunen opplever en trygg og god oppvekst og fullfører skolen.", "", "", "", "",
     None),
    ("effektmal", "Færre elever har bekymringsfullt fravær.", "Andel elever med over 10 % fravær",
     "Skolenes fraværsregistrering", "Hvert halvår", "Kommunalsjef oppvekst", 0),
    ("effektmal", "Foreldre opplever at tjenestene samarbeider og virker som en helhet.",
     "Andel foreldre som svarer «i stor grad»", "Foreldreundersøkelse", "Årlig", "Koordinator", 0),
    ("resultatmal", "Nærværsteam på alle skoler innen høsten 2027.", "Antall skoler med nærværsteam",
     "Kommunens oversikt", "Høst 2027", "Rektorene", 1),
    ("resultatmal", "Alle ansatte som jobber med barn har kurs i samtaler med barn.", "Andel ansatte kurset",
     "Kurslister", "Vår 2027", "Prosjektleder", 1),
    ("resultatmal", "Foreldreveiledning i gruppe tilbys to ganger i året.", "", "", "", "", 2),
)
DEMO_RISKS = (  # (title, likelihood, consequence, measures, owner)
    ("Prosjektet forankres ikke blant ansatte", 4, 4,
     "Informasjon på personalmøter hver måned; tiltakene bygger på de ansattes erfaringer", "Arbeidsgruppa"),
    ("Koordinatoren får ikke tid til oppgavene", 3, 4, "Avsatt tid i stillingen; fast møteplan", "Prosjekteier"),
    ("Brukerstemmen tas ikke med i arbeidet", 3, 4, "Ungdomsrådet og foreldre i referansegruppa",
     "Prosjektledelsen"),
    ("Store utskiftinger i personalgruppa", 2, 3, "Rutiner skrives ned; opplæring av nye", "Virksomhetsledere"),
    ("Tjenestene deler ikke informasjon uten samtykke", 2, 2, "Samtykkeskjema brukes fra første møte",
     "Koordinator"),
)


def _add_project_plan(store: Store, project: Project, workshop: Workshop) -> None:
    """The project's goals (the concepts serve two of them), risks and critical success factors."""
    ids: list[str] = []
    for level, text, indicator, source, when, owner, parent in DEMO_GOALS:
        goal = store.goals.save(Goal(project.id, level, text, indicator=indicator, source=source, when=when,
                                     owner=owner, parent_id=ids[parent] if parent is not None else ""),
                                checked=True)
        ids.append(goal.id)
    concepts = {c.name: c.id for c in store.concepts.list(workshop.id)}
    store.goals.link(ids[1], concepts["Nærværsteam og fast kontaktperson"])
    store.goals.link(ids[2], concepts["Foreldrestøtte der familiene er"])
    for title, likelihood, consequence, measures, owner in DEMO_RISKS:
        store.risks.save(Risk(project.id, title, likelihood, consequence, measures=measures, owner=owner),
                         checked=True)
    store.risks.save_success_factor(SuccessFactor(
        project.id, "Prosjektet er forankret hos ansatte og ledere", 3,
        consequences=("Ingen fremdrift", "Rutinene tas ikke i bruk"), risk_nr=1), checked=True)
    store.risks.save_success_factor(SuccessFactor(
        project.id, "Brukerstemmen er med i hele prosjektet", 2,
        consequences=("Tiltakene treffer ikke målgruppen",), risk_nr=3), checked=True)


def _add_journeys(store: Store, workshop: Workshop) -> None:
    from samskaping.journeys.demo import demo_journeys

    for journey, steps in demo_journeys(workshop.id):
        store.journeys.save(journey)
        for step in steps:
            store.journeys.add_step(step)


def _add_room(store: Store, workshop: Workshop) -> None:
    """Arrivals, themes, a closed vote and two concepts: a workshop that has been run."""
    import random

    from samskaping.ideas.model import Concept, ConceptFeedback, Voting
    from samskaping.ideas.theming import suggest_themes
    from samskaping.room.model import Arrival, Evaluation

    rng = random.Random(2026)
    groups = (["ansatt"] * 9 + ["leder"] * 4 + ["bruker"] * 2 + ["foresatt"] * 2 + ["ungdom"] * 5 + ["frivillig"] * 3
              + ["politiker"] * 2)
    stakeholders = {s.name: s.id for s in store.stakeholders.list(workshop.id)}
    services = [stakeholders[name] for name in ("Helsestasjon", "Skoler", "Barnehager", "PPT", "NAV")]
    sessions = [f"demo-{n}" for n in range(len(groups))]
    for session, group in zip(sessions, groups, strict=True):
        where = rng.choice(services) if group in ("ansatt", "leder") else ""
        store.room.register_arrival(Arrival(workshop.id, session, group, where))
    suggest_themes(store, workshop.id, lang=workshop.lang)
    ideas = store.ideas.list(workshop.id)
    store.votes.set_voting(Voting(workshop.id, dots=3, state="apen"))
    favourites = ideas[: len(ideas) // 3]
    for session, group in zip(sessions, groups, strict=True):
        for idea in rng.sample(favourites, 3):
            store.votes.add_dot(idea.id, session, group)
        for idea in rng.sample(ideas, 4):
            store.votes.set_stance(idea.id, session, rng.choice(["enig", "enig", "enig", "uenig", "pass"]), group)
    store.votes.set_voting(Voting(workshop.id, dots=3, state="lukket"))
    themes = store.themes.list(workshop.id)
    placements = store.themes.placements(workshop.id)
    by_size = sorted(themes, key=lambda th: -sum(p.theme_id == th.id for p in placements.values()))
    store.concepts.save(Concept(
        workshop.id, "Nærværsteam og fast kontaktperson",
        description="Et fast team på hver skole følger opp fravær fra første dag, med én kontaktperson for familien.",
        target_group="Elever med bekymringsfullt fravær og foreldrene deres", theme_ids=(by_size[0].id,),
        stakeholder_ids=(stakeholders["Skoler"], stakeholders["PPT"], stakeholders["Helsestasjon"]),
        next_step="Prøve ut på to skoler neste skoleår",
    ))
    store.concepts.save(Concept(
        workshop.id, "Foreldrestøtte der familiene er",
        description="Foreldreveiledning i gruppe, foreldrekafé og tolk, på kveldstid og med barnepass.",
        target_group="Foreldre med barn i barnehage og barneskole", theme_ids=(by_size[1].id,),
        stakeholder_ids=(stakeholders["Helsestasjon"], stakeholders["Barnehager"], stakeholders["Frivilligsentralen"]),
        next_step="Planlegge første kurs med helsestasjonen",
    ))
    comments = {  # what a room says when its concepts are shown back (no names, no numbers)
        "Nærværsteam og fast kontaktperson": ["Endelig én person å ringe.", "Hvem har ansvaret i ferien?"],
        "Foreldrestøtte der familiene er": ["Barnepass gjør at vi kan komme.", "Tolk må bestilles i god tid."],
    }
    for concept in store.concepts.list(workshop.id):
        said = comments.get(concept.name, [])
        for n, (session, group) in enumerate(zip(sessions[:14], groups[:14], strict=True)):
            stance = rng.choice(["bra", "bra", "bra", "usikker", "ikke_bra"])
            store.concepts.save_feedback(ConceptFeedback(concept.id, session, stance,
                                                         said[n] if n < len(said) else "", group))
    for session in sessions[:12]:
        store.room.save_evaluation(Evaluation(workshop.id, session, rng.randint(3, 5), rng.randint(2, 5)))
    store.room.set_stage(workshop.id, "ideer", 0)


def _add_stakeholder_map(store: Store, workshop: Workshop) -> None:
    from samskaping.stakeholders.model import Relation, Stakeholder

    ids = {}
    for name, sector, interest, influence, affected, justification in DEMO_STAKEHOLDERS:
        item = Stakeholder(workshop.id, name, sector, interest, influence, affected=affected,
                           justification=justification)
        ids[name] = store.stakeholders.save(item, moved_by="demo").id
    for source, target, kind in DEMO_RELATIONS:
        store.stakeholders.save_relation(Relation(workshop.id, ids[source], ids[target], kind=kind))


def ensure_demo(store: Store) -> Workshop:
    """The demo workshop, created the first time only (``make serve`` runs this each time)."""
    for workshop in store.workshops.list():
        if workshop.title == DEMO_TITLE:
            return workshop
    return create_demo(store)
