"""Invented workshop ideas with the theme a coordinator gave each, for grouping tests.

The ideas are written the way they arrive on the wall at an "idédugnad" in a
0-24 project: short, often a fragment, sometimes a whole sentence, mostly
bokmål, some nynorsk, lower case and typos now and then. No person and no real
case is in them. The lexicon (``samskaping/data/lexicon.tsv``) was written from
the domain notes and the seed plans *before* these ideas.

:data:`LABELLED` (10 themes) is what the method was tuned on; :data:`HELD_OUT`
(6 themes, three of them not in :data:`LABELLED`) was written at the same time
and not looked at while tuning until issue 18 (2026-12-06), when it was: it is
tuned on now. :data:`TUNING_WORKSHOPS` (three workshops on one question each,
with the theme names a facilitator typed) and :data:`TUNING_DUPLICATES`
(labelled duplicate pairs) were written while tuning for issue 18: tuned on.
The figures on ideas the method has not seen come from :func:`unseen_scores`
(``idea_unseen.py``, written by a session that never saw the method). Ideas are
grouped by theme in file order, so "the first two of each theme" are a fixed
choice of seeds. :func:`evaluate` is shared by the tests and
``benchmarks/bench_clustering.py``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

__all__ = [
    "HELD_OUT", "LABELLED", "THEME_NAMES", "TUNING_DUPLICATES", "TUNING_WORKSHOPS", "DuplicateScores", "Evaluation",
    "cases", "duplicate_scores", "evaluate", "evaluate_workshop", "held_out", "seeds_for", "workshop_items",
]

# (theme, idea) in file order; a theme's ideas are together.
LABELLED: list[tuple[str, str]] = [
    # --- foreldrestøtte ---
    ("foreldrestotte", "Foreldreveiledning for alle som får barn, ikke bare de som sliter"),
    ("foreldrestotte", "COS-P kurs for foreldre på helsestasjonen"),
    ("foreldrestotte", "Gratis foreldrekurs på kveldstid"),
    ("foreldrestotte", "Veiledning av foreldre i hjemmet når barnet er lite"),
    ("foreldrestotte", "foreldregrupper for fedre"),
    ("foreldrestotte", "Støtte til foreldre med tenåringer, de står ofte alene med det"),
    ("foreldrestotte", "Kurs i grensesetting og samspill for foreldre"),
    ("foreldrestotte", "Tilby ICDP til alle foresatte i barnehagen"),
    ("foreldrestotte", "Eit lågterskel kurs for foreldre til ungdom"),
    ("foreldrestotte", "Foreldrerettleiing i grupper, også for foreldre som ikkje snakkar norsk"),
    ("foreldrestotte", "Hjelp til mor og far når samlivet ryker, barna må ikke bli glemt"),
    ("foreldrestotte", "Trygghetssirkelen som felles språk for ansatte og foreldre"),
    ("foreldrestotte", "foreldre trenger noen å snakke med om oppdragelse"),
    ("foreldrestotte", "Familieveiledning tidlig før problemene vokser seg store"),
    ("foreldrestotte", "Foreldremøter der man faktisk lærer noe om hvordan støtte barnet"),
    ("foreldrestotte", "Pappagruppe med turer og prat"),
    ("foreldrestotte", "Foreldre treng nokon å snakke med når ungdomen slit"),
    # --- skolefravær / nærvær ---
    ("fravaer", "Nærværsteam på hver skole"),
    ("fravaer", "Følge opp fravær allerede fra første dag"),
    ("fravaer", "Fast rutine når en elev har vært borte fra skolen tre dager"),
    ("fravaer", "Handlingsveileder for skolefravær som alle skoler bruker"),
    ("fravaer", "Tidlig kontakt med hjemmet ved bekymringsfullt fravær"),
    ("fravaer", "Skolevegring må tas på alvor tidligere"),
    ("fravaer", "Eleven som ikke kommer på skolen trenger en voksen som henter"),
    ("fravaer", "Fleksibel skoledag for elever som ikkje klarer heile dagen"),
    ("fravaer", "registrere fravær likt på alle skolene"),
    ("fravaer", "Nærværskoordinator i kommunen"),
    ("fravaer", "Skulevegring: samarbeid med heimen frå første fråværsdag"),
    ("fravaer", "Alternativ opplæringsarena for elever med høyt fravær"),
    ("fravaer", "Gradvis tilbakeføring til skolen etter lang tids fravær"),
    ("fravaer", "Kartlegge hvorfor elevene blir hjemme"),
    ("fravaer", "Skulking er ofte et tegn på at noe er galt hjemme"),
    ("fravaer", "Ringe hjem samme dag når en elev ikke møter"),
    ("fravaer", "Eleven som er borte frå skulen må få ein vaksen som følgjer opp"),
    # --- tverrfaglig samhandling ---
    ("samhandling", "Faste tverrfaglige møter mellom skole, helsestasjon og barnevern"),
    ("samhandling", "Ett fast team rundt hvert barn i stedet for mange møter"),
    ("samhandling", "Felles møtestruktur for alle tjenestene i oppvekst"),
    ("samhandling", "Stafettholder som har ansvar for at ingen faller mellom stolene"),
    ("samhandling", "Bedre samarbeid mellom NAV og barnevernet"),
    ("samhandling", "Barnekoordinator for familier med mange tjenester"),
    ("samhandling", "Tjenestene må kjenne hverandre bedre, hospitering på tvers"),
    ("samhandling", "Felles rutiner for deling av informasjon med samtykke"),
    ("samhandling", "Familien skal slippe å koordinere tjenestene selv"),
    ("samhandling", "Ansvarsgruppemøter som faktisk fører til noe"),
    ("samhandling", "Tverrfagleg team i kvar barnehage"),
    ("samhandling", "samordne tiltakene så familien ikke får fem ulike planer"),
    ("samhandling", "En fast kontaktperson som holder i tråden"),
    ("samhandling", "Stafettlogg for å sikre oppfølging mellom etatene"),
    ("samhandling", "Konsultasjonsteam der ansatte kan drøfte saker anonymt"),
    ("samhandling", "Slutt på siloer, tjenestene må jobbe sammen"),
    ("samhandling", "Tenestene må møtast fast og kjenne kvarandre"),
    # --- kompetanse ---
    ("kompetanse", "Kompetanseløft for alle ansatte i samtaler med barn"),
    ("kompetanse", "Kurs i å snakke med barn om vold"),
    ("kompetanse", "Felles fagdag for barnehage, skole og helse hvert år"),
    ("kompetanse", "Opplæring i BTI-modellen for nyansatte"),
    ("kompetanse", "Lærere trenger mer kunnskap om psykisk helse hos elever"),
    ("kompetanse", "E-læringskurs om taushetsplikt og opplysningsplikt"),
    ("kompetanse", "Veiledning av ansatte som står i vanskelige saker"),
    ("kompetanse", "kursrekke om traumebevisst omsorg"),
    ("kompetanse", "Opplæring i den vanskelige samtalen med foreldre"),
    ("kompetanse", "Fagnettverk på tvers av kommunene"),
    ("kompetanse", "Kompetanseheving for assistenter i barnehagen"),
    ("kompetanse", "Alle tilsette bør ha kurs i samtalar med born"),
    ("kompetanse", "Videreutdanning i relasjonskompetanse"),
    ("kompetanse", "Ansatte må vite hva de skal gjøre når de er bekymret for et barn"),
    ("kompetanse", "Lære av hverandre: kollegaveiledning i personalgruppa"),
    ("kompetanse", "Kurs om vold i nære relasjoner for frivillige trenere"),
    ("kompetanse", "Fagdag om vald og overgrep for alle tilsette i skulen"),
    # --- brukermedvirkning / ungdom ---
    ("medvirkning", "Ungdomsrådet må høres før tiltak vedtas"),
    ("medvirkning", "Spør ungdommen selv hva de trenger"),
    ("medvirkning", "Erfaringskonsulent i prosjektgruppa"),
    ("medvirkning", "Brukerpanel med foreldre som har erfaring fra tjenestene"),
    ("medvirkning", "Elevrådet med i planleggingen av skolemiljøtiltak"),
    ("medvirkning", "Barn og unge bør få være med å bestemme i egne saker"),
    ("medvirkning", "La ungdom være med å utforme tilbudene"),
    ("medvirkning", "Ungdomspanel som gir råd til politikerne"),
    ("medvirkning", "Brukarmedverknad i alle fasar av prosjektet"),
    ("medvirkning", "Intervjue familier om hvordan de opplevde hjelpen"),
    ("medvirkning", "barnas stemme må komme tydeligere frem i møtene"),
    ("medvirkning", "Unge med egen erfaring som rådgivere for kommunen"),
    ("medvirkning", "Workshop med ungdom på ungdomsskolen om hva som er viktig for dem"),
    ("medvirkning", "Ungdommens kommunestyre med eget budsjett"),
    ("medvirkning", "Årlig brukerundersøkelse blant foreldre og unge"),
    ("medvirkning", "Ungdomen sjølv må få seie kva dei treng"),
    # --- frivillighet og fritid ---
    ("fritid", "Fritidskortet så alle barn kan delta på aktiviteter"),
    ("fritid", "Samarbeid med idrettslagene om gratis trening"),
    ("fritid", "Frivilligsentralen kan drive leksehjelp og aktiviteter"),
    ("fritid", "Utstyrssentral der barn kan låne ski og sykkel"),
    ("fritid", "Åpen hall på fredagskvelder for ungdom"),
    ("fritid", "Mentorordning med frivillige voksne"),
    ("fritid", "Lag og foreninger må nå ut til barn som ikke er med på noe"),
    ("fritid", "Fritidsklubb i sentrum"),
    ("fritid", "Gratis kulturskole for barn i lavinntektsfamilier"),
    ("fritid", "Frivillige som følger barn til trening de første gangene"),
    ("fritid", "Ferietilbud i sommerferien for dei som ikkje reiser bort"),
    ("fritid", "Ein aktivitet for alle: ingen skal stå utanfor fritidstilboda"),
    ("fritid", "Redd Barna og Røde Kors med i planleggingen"),
    ("fritid", "Flere aktiviteter for ungdom som ikke driver med idrett"),
    ("fritid", "Friluftsliv og turgrupper for familier"),
    ("fritid", "gaming-klubb på biblioteket"),
    ("fritid", "Idrettslaget kan låne ut utstyr så alle får vere med"),
    # --- lavterskel / tilgjengelighet ---
    ("lavterskel", "Drop-in på helsestasjonen for ungdom uten timeavtale"),
    ("lavterskel", "Åpen dør hos helsesykepleier hver dag"),
    ("lavterskel", "Hjelp uten henvisning"),
    ("lavterskel", "Kortere ventetid hos psykolog"),
    ("lavterskel", "Lett tilgjengelig hjelp der ungdommen er"),
    ("lavterskel", "Helsesykepleier på skolen hver dag, ikke bare en dag i uka"),
    ("lavterskel", "Åpningstider på ettermiddag og kveld så foreldre i jobb rekker det"),
    ("lavterskel", "Ett telefonnummer man kan ringe når man ikke vet hvor man skal henvende seg"),
    ("lavterskel", "Helsestasjon for ungdom også i helgene"),
    ("lavterskel", "Open dør på helsestasjonen, utan tilvising"),
    ("lavterskel", "Ansatte som oppsøker ungdom der de er, på kjøpesenteret og i parken"),
    ("lavterskel", "Lavere terskel for å få hjelp fra barnevernet uten at det blir en sak"),
    ("lavterskel", "Lågterskel hjelp til familiar utan venteliste"),
    ("lavterskel", "korte ventelister, rask hjelp"),
    ("lavterskel", "Familiens hus der alle tjenester er samlet på ett sted"),
    ("lavterskel", "Ingen skjema for å få en samtale"),
    ("lavterskel", "Ungdom må kunne kome innom helsesjukepleiar utan time"),
    # --- psykisk helse ---
    ("psykisk_helse", "Rask psykisk helsehjelp for barn og unge"),
    ("psykisk_helse", "Gruppetilbud for ungdom med angst"),
    ("psykisk_helse", "Kommunepsykolog for barn og unge"),
    ("psykisk_helse", "Mer samarbeid med BUP når ungdom venter på behandling"),
    ("psykisk_helse", "Kurs i livsmestring for ungdom"),
    ("psykisk_helse", "Tilbod til unge som slit med einsemd"),
    ("psykisk_helse", "Mange unge sliter med stress og prestasjonspress"),
    ("psykisk_helse", "Oppfølging av ungdom som skader seg selv"),
    ("psykisk_helse", "Psykisk helse som tema i undervisningen"),
    ("psykisk_helse", "Samtaletilbud for barn som er triste og engstelige"),
    ("psykisk_helse", "depresjonsmestring for ungdom (KID/DU)"),
    ("psykisk_helse", "Hjelp til barn av foreldre med psykisk sykdom eller rus"),
    ("psykisk_helse", "Ensomme ungdommer trenger noen å være sammen med"),
    ("psykisk_helse", "psykisk helsehjelp i skolen, ikkje berre på BUP"),
    ("psykisk_helse", "Søvnvansker og skjermbruk hos unge bør tas opp tidlig"),
    ("psykisk_helse", "Traumebehandling nærmere der familiene bor"),
    ("psykisk_helse", "Meir hjelp til unge med angst og depresjon"),
    # --- digitale løsninger ---
    ("digital", "Chat med helsesykepleier"),
    ("digital", "En app som viser alle tilbud til barn og unge i kommunen"),
    ("digital", "Digital foreldreveiledning på video"),
    ("digital", "Nettside med oversikt over hvem man kan kontakte"),
    ("digital", "SMS-påminnelse om avtaler"),
    ("digital", "Videomøter med foreldre som ikke kan møte fysisk"),
    ("digital", "Digitalt skjema for samtykke"),
    ("digital", "Anonym chat der ungdom kan stille spørsmål"),
    ("digital", "Informasjon om tilbudene på Snapchat og Instagram, der ungdommen er"),
    ("digital", "Digital stafettlogg som alle tjenestene kan bruke"),
    ("digital", "Ei nettside på fleire språk med oversikt over tenestene"),
    ("digital", "qr-kode på plakater som leder til hjelp"),
    ("digital", "Felles digital kalender for tverrfaglige møter"),
    ("digital", "Nettbasert kurs for foreldre"),
    ("digital", "digitale verktøy for å registrere og følge opp fravær"),
    ("digital", "Digitalisere handlingsveilederen så den er lett å finne på mobilen"),
    ("digital", "Ein app der foreldre kan finne kva tilbod som finst"),
    # --- overganger ---
    ("overgang", "Bedre overgang fra barnehage til skole"),
    ("overgang", "Overføringsmøte med foreldre før skolestart"),
    ("overgang", "Overgangen fra ungdomsskole til videregående er kritisk"),
    ("overgang", "Fadderordning for elever som begynner på ny skole"),
    ("overgang", "Felles rutiner for overgangene i hele kommunen"),
    ("overgang", "Oppfølging av ungdom som fyller 18 og mister hjelpen fra barnevernet"),
    ("overgang", "Besøksdager på den nye skolen for de som gruer seg"),
    ("overgang", "Informasjon følger barnet når det bytter skole"),
    ("overgang", "Overgang frå barnehage til skule må planleggjast tidleg"),
    ("overgang", "Følge opp elever i overgangen til 8. trinn"),
    ("overgang", "Skolestartere med særskilte behov må få plan tidlig"),
    ("overgang", "Samarbeid med videregående om elever som står i fare for å droppe ut"),
    ("overgang", "Barn som flytter til kommunen må bli fanget opp raskt"),
    ("overgang", "Overgang fra BUP til voksenpsykiatrien"),
    ("overgang", "ungdom som går fra vgs til jobb eller studier trenger en los"),
    ("overgang", "Overgangsrutinar mellom skulane i kommunen"),
]

HELD_OUT: list[tuple[str, str]] = [
    # --- vold og trygge voksne ---
    ("vold", "Alle barn skal lære om kroppen og grenser i barnehagen"),
    ("vold", "Trygge voksne som tør å spørre om vold hjemme"),
    ("vold", "Undervisning om vold og overgrep på alle trinn"),
    ("vold", "Plan for hva vi gjør når et barn forteller om overgrep"),
    ("vold", "Ungdom må vite hvor de kan si ifra om vold i kjæresteforhold"),
    ("vold", "Tryggheit for born som lever med vald i familien"),
    ("vold", "Barnehuset og politiet må være med i samarbeidet mot vold"),
    # --- mangfold og språk ---
    ("mangfold", "Tolk på alle foreldremøter"),
    ("mangfold", "Foreldre som er nye i Norge trenger å forstå skolen"),
    ("mangfold", "Språkkafé for mødre med minoritetsbakgrunn"),
    ("mangfold", "Informasjon på flere språk, ikke bare norsk"),
    ("mangfold", "Tettere samarbeid med flyktningtjenesten om nyankomne familier"),
    ("mangfold", "Kultursensitiv foreldreveiledning"),
    ("mangfold", "Samisk språk og kultur i barnehagen"),
    # --- økonomi, bolig, arbeid ---
    ("okonomi", "Sommerjobb for ungdom som ikke har nettverk"),
    ("okonomi", "Familier med dårlig råd må få hjelp med økonomien"),
    ("okonomi", "NAV bør sitte sammen med skolen når ungdom faller ut"),
    ("okonomi", "Gode boliger for barnefamilier"),
    ("okonomi", "Praksisplass i lokale bedrifter for unge som har droppet ut"),
    ("okonomi", "Gjeldsrådgivning for foreldre"),
    ("okonomi", "Gratis utstyr og kontingent for barn i familier med lav inntekt"),
    # --- fravær ---
    ("fravaer", "En plan for hver elev med mye fravær"),
    ("fravaer", "Hjemmebesøk når eleven ikke har vært på skolen på en uke"),
    ("fravaer", "Elever med skolevegring må få hjelp før det har gått måneder"),
    ("fravaer", "Fraværet må sees i sammenheng med trivsel"),
    ("fravaer", "Nærværsarbeid i hele skolen, ikke bare i enkeltsaker"),
    ("fravaer", "Rutine for kontakt med heimen ved fråvær"),
    ("fravaer", "Finne ut hvorfor noen elever ikke vil gå på skolen"),
    # --- lavterskel ---
    ("lavterskel", "Helsesykepleier tilgjengelig i friminuttene"),
    ("lavterskel", "Åpent tilbud på kveldstid der ungdom kan komme innom"),
    ("lavterskel", "Slippe lang ventetid for å snakke med noen"),
    ("lavterskel", "Ingen henvisning for første samtale"),
    ("lavterskel", "Drop-in for foreldre som lurer på noe"),
    ("lavterskel", "Kort vei til hjelp, uten papirmølle"),
    # --- samhandling ---
    ("samhandling", "Faste samarbeidsmøter mellom barnehage og helsestasjon"),
    ("samhandling", "Én koordinator for familier med mange hjelpere"),
    ("samhandling", "Tverrfaglig team som møtes hver måned"),
    ("samhandling", "Tjenestene må snakke sammen før familien må fortelle alt på nytt"),
    ("samhandling", "Felles plan for barnet på tvers av etatene"),
    ("samhandling", "Tydelig ansvar for hvem som følger opp etter møtet"),
]


#: The names a facilitator would type for the themes of :data:`LABELLED` and :data:`HELD_OUT`.
THEME_NAMES: dict[str, str] = {
    "foreldrestotte": "Foreldrestøtte",
    "fravaer": "Skolefravær",
    "samhandling": "Tverrfaglig samarbeid",
    "kompetanse": "Kompetanse for ansatte",
    "medvirkning": "Brukermedvirkning",
    "fritid": "Fritid og frivillighet",
    "lavterskel": "Lavterskeltilbud",
    "psykisk_helse": "Psykisk helse",
    "digital": "Digitale løsninger",
    "overgang": "Overganger",
    "vold": "Vold og trygge voksne",
    "mangfold": "Mangfold og språk",
    "okonomi": "Økonomi, bolig og arbeid",
}


def cases() -> list[tuple[str, str]]:
    """The labelled ideas as ``(text, theme)``, in file order."""
    return [(text, theme) for theme, text in LABELLED]


def held_out() -> list[tuple[str, str]]:
    """The held-out ideas as ``(text, theme)``, in file order."""
    return [(text, theme) for theme, text in HELD_OUT]


def seeds_for(items: list[tuple[str, str]], per_theme: int = 2) -> dict[str, list[int]]:
    """The first ``per_theme`` ideas of each theme (file order), by index: a fixed choice of seeds."""
    seeds: dict[str, list[int]] = {}
    for index, (_, theme) in enumerate(items):
        chosen = seeds.setdefault(theme, [])
        if len(chosen) < per_theme:
            chosen.append(index)
    return seeds


@dataclass
class Evaluation:
    """How the grouping does on one set of labelled ideas."""

    ideas: int
    true_themes: int
    ari: float  # cluster() with the theme count chosen automatically
    auto_themes: int
    ari_true_k: float  # cluster() told the true number of themes
    seeded_accuracy: float  # seeded_grouping(): two example ideas of each theme and its name; scored on the rest
    seeded_without_names: float  # the same examples, no names (theme ids only)
    names_only: float  # the names alone, no example ideas; scored on every idea


def evaluate(items: list[tuple[str, str]] | None = None, *, per_theme: int = 2,
             names: dict[str, str] | None = None) -> Evaluation:
    """Score :func:`samskaping.ideas.clustering.cluster` and :func:`~samskaping.ideas.clustering.seeded_grouping`
    on ``items``.

    ARI (adjusted Rand index) compares the automatic grouping with the
    coordinator's themes: 1 is the same grouping, 0 what chance gives. Seeded
    accuracy is the share of non-seed ideas put in their own theme, with the
    first ``per_theme`` ideas of each theme as examples and the theme's name
    (``names``: theme key → name typed; :data:`THEME_NAMES` by default).
    """
    from sklearn.metrics import adjusted_rand_score

    from samskaping.ideas.clustering import cluster, seeded_grouping

    items = cases() if items is None else items
    texts = [text for text, _ in items]
    truth = [theme for _, theme in items]
    true_k = len(set(truth))
    names = {key: (names or THEME_NAMES).get(key, key) for key in dict.fromkeys(truth)}
    auto = cluster(texts)
    told = cluster(texts, themes=true_k)
    seeds = seeds_for(items, per_theme)
    seed_indices = {i for chosen in seeds.values() for i in chosen}
    rest = [i for i in range(len(items)) if i not in seed_indices]

    def accuracy(assignment: list[str], among: list[int]) -> float:
        return sum(assignment[i] == truth[i] for i in among) / len(among) if among else 1.0

    with_names = seeded_grouping(texts, seeds, names=names)
    without = seeded_grouping(texts, seeds, names={key: "" for key in seeds})
    alone = seeded_grouping(texts, {key: [] for key in names}, names=names)
    return Evaluation(
        ideas=len(items),
        true_themes=true_k,
        ari=adjusted_rand_score(truth, auto.assignment),
        auto_themes=len(auto.themes),
        ari_true_k=adjusted_rand_score(truth, told.assignment),
        seeded_accuracy=accuracy(with_names.assignment, rest),
        seeded_without_names=accuracy(without.assignment, rest),
        names_only=accuracy(alone.assignment, list(range(len(items)))),
    )


def workshop_items(workshop: dict) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """A workshop in the unseen sets' shape as ``(text, theme key)`` items and its theme names."""
    return [(text, key) for key, text in workshop["ideas"]], dict(workshop["themes"])


def evaluate_workshop(workshop: dict, *, per_theme: int = 2) -> Evaluation:
    """:func:`evaluate` on one workshop of :data:`TUNING_WORKSHOPS` or the unseen sets, with its theme names."""
    items, names = workshop_items(workshop)
    return evaluate(items, per_theme=per_theme, names=names)


@dataclass
class DuplicateScores:
    """How :func:`~samskaping.ideas.clustering.near_duplicates` does on labelled pairs."""

    pairs: int
    duplicates: int
    found: int  # pairs reported as duplicates
    precision: float
    recall: float


def duplicate_scores(pairs: list[tuple[str, str, bool]], threshold: float | None = None) -> DuplicateScores:
    """Precision and recall of the near-duplicate finder on ``(a, b, is_duplicate)`` pairs.

    Each pair is judged on its own, among the ideas of all pairs (so the
    words' weights come from a workshop-sized wall), at the default threshold.
    """
    from samskaping.ideas.clustering import near_duplicates

    texts = list(dict.fromkeys(text for a, b, _ in pairs for text in (a, b)))
    position = {text: i for i, text in enumerate(texts)}
    options = {} if threshold is None else {"threshold": threshold}
    reported = {(i, j) for i, j, _ in near_duplicates(texts, **options)}
    hits = [tuple(sorted((position[a], position[b]))) in reported for a, b, _ in pairs]
    true_hits = sum(hit and same for hit, (_, _, same) in zip(hits, pairs, strict=True))
    found, duplicates = sum(hits), sum(same for _, _, same in pairs)
    return DuplicateScores(
        pairs=len(pairs),
        duplicates=duplicates,
        found=found,
        precision=true_hits / found if found else 1.0,
        recall=true_hits / duplicates if duplicates else 1.0,
    )


# --- Tuning data: workshops on one question each, with the names a facilitator typed -----------
#
# Written by the method's developer while tuning (2026-12-06), in the shape of the unseen sets
# (tests/ideas/idea_unseen.py, not read while tuning): one question, five or six themes named the
# way a facilitator types them on the wall, ideas grouped by theme in file order. The questions
# differ from the unseen sets' on purpose. The method WAS tuned on these.

TUNING_WORKSHOPS: list[dict] = [
    {
        "question": "Hvordan kan vi fremme god psykisk helse blant barn og unge?",
        "themes": {
            "lavterskel": "Lett tilgjengelig hjelp",
            "skole": "Psykisk helse i skolen",
            "ensomhet": "Ensomhet og fellesskap",
            "skjerm": "Skjerm og sosiale medier",
            "foreldre": "Støtte til foreldrene",
            "behandling": "Behandling og ventetid",
        },
        "ideas": [
            ("lavterskel", "Drop-in hos helsesykepleier uten å bestille time"),
            ("lavterskel", "Ein stad ungdom kan gå innom og prate utan tilvising"),
            ("lavterskel", "Samtaletilbud på ettermiddagen når skolen er ferdig"),
            ("lavterskel", "Slippe skjema og venteliste for å få snakke med noen"),
            ("lavterskel", "Ungdomslos som møter ungdom der de er"),
            ("skole", "Livsmestring som fast tema i alle klasser"),
            ("skole", "Lærerne må vite hva de ser etter når en elev ikke har det bra"),
            ("skole", "Mindre prestasjonspress og færre prøver samme uke"),
            ("skole", "Helsesjukepleiar på skulen kvar dag"),
            ("skole", "Psykisk førstehjelp i undervisningen på ungdomsskolen"),
            ("ensomhet", "Ingen skal gå alene i friminuttet"),
            ("ensomhet", "Vennegrupper for de som står utenfor"),
            ("ensomhet", "Møteplass for unge som er einsame"),
            ("ensomhet", "Faddere som tar med nye elever inn i fellesskapet"),
            ("ensomhet", "Aktiviteter der det ikke handler om å være best"),
            ("skjerm", "Foreldremøte om gaming og nettvaner"),
            ("skjerm", "Snakke med elevene om kroppspress på Instagram og TikTok"),
            ("skjerm", "Mobilfri skoledag"),
            ("skjerm", "Undervisning i nettvett og netthets"),
            ("skjerm", "Skjermtid og søvn: råd til familier"),
            ("foreldre", "Kurs for foreldre om hvordan man snakker med tenåringer om følelser"),
            ("foreldre", "Foreldregruppe for dei som har barn med angst"),
            ("foreldre", "Foreldre trenger å vite hvor de kan få hjelp når barnet sliter"),
            ("foreldre", "Veiledning til mor og far når ungdommen trekker seg unna"),
            ("foreldre", "Temakveld for foresatte om stress hos barn"),
            ("behandling", "Kortere ventetid på BUP"),
            ("behandling", "Kommunepsykolog som kan starte behandling raskt"),
            ("behandling", "Oppfølging mens ungdommen venter på første time"),
            ("behandling", "Tettere samarbeid mellom BUP og skolen under behandlingen"),
            ("behandling", "Terapi for unge med depresjon nærmere hjemmet"),
        ],
    },
    {
        "question": "Hvordan får vi tjenestene til å jobbe bedre sammen rundt familien?",
        "themes": {
            "koordinator": "Én fast koordinator",
            "moter": "Møter og møtestruktur",
            "informasjon": "Informasjonsdeling og taushetsplikt",
            "kjennskap": "Kjenne hverandres tjenester",
            "familien": "Familiens stemme i samarbeidet",
            "ledelse": "Ledelse og forankring",
        },
        "ideas": [
            ("koordinator", "Familien får én kontaktperson som holder trådene"),
            ("koordinator", "Barnekoordinator for familier med barn som har store behov"),
            ("koordinator", "Stafettholder som har ansvaret til saken er avsluttet"),
            ("koordinator", "Ein person familien kan ringe, same kva det gjeld"),
            ("koordinator", "Tydelig hvem som er los for familien"),
            ("moter", "Faste ansvarsgruppemøter med klar agenda"),
            ("moter", "Færre møter, men bedre forberedt"),
            ("moter", "Tverrfaglig team som møtes hver måned på skolen"),
            ("moter", "Referat med hvem som gjør hva etter møtet"),
            ("moter", "Samarbeidsmøte mellom barnehage, helsestasjon og PPT fire gonger i året"),
            ("informasjon", "Samtykkeskjema som gjelder for alle etatene"),
            ("informasjon", "Tydelige regler for hva vi kan dele uten samtykke"),
            ("informasjon", "Felles journal eller logg som alle kan lese"),
            ("informasjon", "Opplæring i teieplikt og opplysningsplikt"),
            ("informasjon", "Familien skal slippe å fortelle historien sin på nytt til hver tjeneste"),
            ("kjennskap", "Hospitering mellom barnevern og skole"),
            ("kjennskap", "Oversikt over alle tilbudene i kommunen"),
            ("kjennskap", "Felles fagdag der tjenestene presenterer seg"),
            ("kjennskap", "Nyansatte får omvisning hos de andre tjenestene"),
            ("kjennskap", "Vi må vite kva dei andre faktisk gjer"),
            ("familien", "Foreldre skal være med i alle møter om sitt barn"),
            ("familien", "Barnet selv må bli spurt før tiltak settes inn"),
            ("familien", "Planen skrives sammen med familien, ikke om dem"),
            ("familien", "Brukerpanel av foreldre som evaluerer samarbeidet"),
            ("familien", "Ungdommen bør få lese og kommentere det som står om dem"),
            ("ledelse", "Ledere i alle sektorer må stå bak samarbeidsavtalen"),
            ("ledelse", "Politisk vedtak på at oppvekst er et felles ansvar"),
            ("ledelse", "Felles budsjett på tvers av sektorene"),
            ("ledelse", "Styringsgruppe med rådmann og kommunalsjefer"),
            ("ledelse", "Tid i arbeidsplanen til samarbeid, ikke bare i tillegg"),
        ],
    },
    {
        "question": "Hvordan kan barn og unge få mer innflytelse i kommunen?",
        "themes": {
            "ungdomsrad": "Ungdomsrådet",
            "elever": "Elevmedvirkning i skolen",
            "egen_sak": "Barnets stemme i egen sak",
            "kanaler": "Digitale kanaler for å bli hørt",
            "budsjett": "Ungdom bestemmer over penger",
            "svar": "Tilbakemelding på hva som skjer",
        },
        "ideas": [
            ("ungdomsrad", "Ungdomsrådet må få saker tidlig, ikke etter at alt er bestemt"),
            ("ungdomsrad", "Møterett og talerett for ungdomsrådet i kommunestyret"),
            ("ungdomsrad", "Opplæring for nye medlemmer i ungdomsrådet"),
            ("ungdomsrad", "Ungdomsrådet bør ha eget sekretariat"),
            ("ungdomsrad", "Ungdomsrådet skal velgjast frå alle skulane"),
            ("elever", "Elevrådet skal være med å lage ordensreglene"),
            ("elever", "Elevane må få seie meininga si om undervisninga"),
            ("elever", "Klassemøter hver uke der elevene bestemmer noe"),
            ("elever", "Elevundersøkelsen må følges opp sammen med elevene"),
            ("elever", "Skolemiljøutvalg der elevene er i flertall"),
            ("egen_sak", "Barn i barnevernet skal bli hørt før vedtak"),
            ("egen_sak", "Samtale med barnet alene, uten foreldrene til stede"),
            ("egen_sak", "Ungdom må få være med på sitt eget ansvarsgruppemøte"),
            ("egen_sak", "Forklare barnet hva som skal skje på en måte det forstår"),
            ("egen_sak", "Tillitsperson som barnet velger selv"),
            ("kanaler", "En app der ungdom kan sende inn forslag"),
            ("kanaler", "Kommunen må være der ungdommen er, på Snapchat og TikTok"),
            ("kanaler", "Digital spørreundersøkelse blant alle elever hvert år"),
            ("kanaler", "Anonym nettside for å si ifrå"),
            ("kanaler", "Avstemning på mobilen om nye fritidstilbud"),
            ("budsjett", "Ungdommens egen pott med penger til tiltak"),
            ("budsjett", "Deltakende budsjettering for ungdom i bydelen"),
            ("budsjett", "La unge bestemme hvordan pengene til fritidsklubben brukes"),
            ("budsjett", "Ungdomsfond der lag og grupper kan søke om midler"),
            ("budsjett", "Unge bør styre en del av kulturbudsjettet"),
            ("svar", "Ungdommen må få høre hva som skjedde med forslagene deres"),
            ("svar", "Politikerne bør svare ungdomsrådet skriftlig"),
            ("svar", "Tilbakemelding innen en måned på alle innspill"),
            ("svar", "Vise på nettsiden hvilke ønsker som er gjennomført"),
            ("svar", "Årlig møte der ordføreren forteller hva som er gjort"),
        ],
    },
]

#: Labelled duplicate pairs for tuning :func:`~samskaping.ideas.clustering.near_duplicates`:
#: (a, b, is_duplicate). True: the same proposal in other words (a facilitator would merge them);
#: False: same topic or theme, a different proposal. Written while tuning; tuned on.
TUNING_DUPLICATES: list[tuple[str, str, bool]] = [
    ("Mer leksehjelp på skolen.", "Leksehjelp med frivillige studenter to ettermiddager i uka.", True),
    ("Mer leksehjelp på skolen.", "Leksehjelp på biblioteket for dem som ikke får hjelp hjemme.", True),
    ("Leksehjelp og gratis frokost på frivilligsentralen.",
     "Leksehjelp på biblioteket for dem som ikke får hjelp hjemme.", True),
    ("Felles opplæring i samtaler med barn for lærere, barnehage og helsestasjon.",
     "Opplæring i samtaler med barn for alle som jobber med barn.", True),
    ("Mer leksehjelp", "Leksehjelp for flere", True),
    ("Chat med helsesykepleier", "chat med helsesykepleieren", True),
    ("Foreldreveiledning", "Veiledning av foreldre", True),
    ("Nærværsteam på hver skole", "nærværsteam på alle skoler", True),
    ("Gratis fritidsaktiviteter", "Fritidsaktiviteter gratis for alle", True),
    ("Kortere ventetid hos PPT.", "PPT må få ned ventetida", True),
    ("Ring hjem første fraværsdag", "Kontakte foreldrene samme dag som eleven er borte", True),
    ("Fritidsklubb åpen i helgene.", "Ha fritidsklubben open laurdag og søndag", True),
    ("Drop-in hos helsesykepleier også etter skoletid.", "Helsesykepleier med åpen dør etter skoletid", True),
    ("Tolk på foreldremøter og i foreldresamtaler.", "Bruke tolk i møter med foreldre som ikke snakker norsk", True),
    ("Idrettslaget kan låne ut utstyr gratis.", "Gratis utlån av sportsutstyr fra idrettslaget", True),
    ("Foreldrekurs om kvelden", "Kurs for foreldre på kveldstid", True),
    ("Barnekoordinator for familier med store behov", "Familier med store behov må få en barnekoordinator", True),
    ("Mobilfri skole", "Mobilfri skoledag", True),
    ("Ungdomsrådet må høres før vedtak", "Spør ungdomsrådet før politikerne vedtar noe", True),
    ("Kurs i livsmestring for ungdom", "Livsmestringskurs for unge", True),
    ("Mer leksehjelp på skolen.", "Mer voksne i friminuttene.", False),
    ("Leksehjelp og gratis frokost på frivilligsentralen.", "Gratis frokost på skolen for alle elever", False),
    ("Opplæring i samtaler med barn for alle som jobber med barn.",
     "Kompetanseløft om psykisk helse for lærere.", False),
    ("Ring hjem første fraværsdag", "Nærværsteam på hver skole", False),
    ("Kortere ventetid hos PPT.", "Åpen dør hos PPT én dag i uka for foreldre som lurer på noe.", False),
    ("Fritidsklubb åpen i helgene.", "Fritidskortet må gjelde for alle aktiviteter i kommunen.", False),
    ("Faste samarbeidsmøter mellom barnehage, skole og helsestasjon.",
     "Felles fagdag for alle tjenestene for barn og unge.", False),
    ("Bedre overgang fra barnehage til skole for barn som trenger ekstra støtte.",
     "Overgangsmøte mellom ungdomsskole og videregående for sårbare elever.", False),
    ("Ungdomsrådet bør være med når tiltak for ungdom planlegges.",
     "Spør elevrådet før nye regler om fravær innføres.", False),
    ("Chat med helsesykepleier", "Drop-in hos helsesykepleier", False),
    ("Foreldrekurs (COS-P) på kveldstid, med barnepass og mat.",
     "Foreldreveiledning i gruppe for foreldre med barn i barnehagen.", False),
    ("Kurs for foreldre om hvordan man snakker med barn om vansker.", "Kurs i å snakke med barn om vold", False),
    ("Gratis kulturskole for barn i familier med lav inntekt.",
     "Gratis fritidsaktivitet for alle i 5.–7. klasse, med henting fra skolen.", False),
    ("En app der foreldre finner alle tilbudene på ett sted.",
     "Digital timebestilling til helsestasjon for ungdom.", False),
    ("Helsesykepleier til stede i friminuttene, ikke bare på kontoret.", "Mer voksne i friminuttene.", False),
    ("Kurs i mestring av angst for ungdom.", "Rask time hos BUP når fraværet skyldes angst.", False),
    ("Tverrfaglig team som møtes hver måned på skolen", "Faste tverrfaglige team rundt hver skole", True),
    ("Samtykkeskjema som gjelder for alle etatene", "Felles samtykke for alle tjenestene", True),
    ("Samtykkeskjema som gjelder for alle etatene", "Tydelige regler for hva vi kan dele uten samtykke", False),
    ("Kortere ventetid på BUP", "Kommunepsykolog som kan starte behandling raskt", False),
]


# --- The unseen sets ------------------------------------------------------------------------------


def unseen_scores(module: str = "idea_unseen") -> tuple[list[tuple[str, Evaluation]], DuplicateScores]:
    """The figures on a set written by a session that never saw the method.

    ``module``: ``idea_unseen`` (written 2026-12-06, tuned on since 2026-12-07) or
    ``idea_fresh`` (written 2026-12-07, never tuned on). Per workshop (by its key in
    ``SETS``): ARI of the automatic grouping (theme count chosen, and told the right
    count) and seeded accuracy with 2 example ideas per theme and the theme names;
    and the near-duplicate finder's precision and recall on its labelled pairs.
    """
    data = importlib.import_module(module)
    scored = [(key, evaluate_workshop(workshop)) for key, workshop in data.SETS.items()]
    return scored, duplicate_scores(list(data.DUPLICATES))
