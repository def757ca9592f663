"""Invented workshop ideas with the theme a coordinator gave each, for grouping tests.

The ideas are written the way they arrive on the wall at an "idédugnad" in a
0-24 project: short, often a fragment, sometimes a whole sentence, mostly
bokmål, some nynorsk, lower case and typos now and then. No person and no real
case is in them. The lexicon (``samskaping/data/lexicon.tsv``) was written from
the domain notes and the seed plans *before* these ideas.

:data:`LABELLED` (10 themes) is what the method was tuned on; :data:`HELD_OUT`
(6 themes, three of them not in :data:`LABELLED`) was written at the same time
and not looked at while tuning: its figures say how the method does on ideas
it has not seen. Ideas are grouped by theme in file order, so "the first two of
each theme" are a fixed choice of seeds. :func:`evaluate` is shared by the
tests and ``benchmarks/bench_clustering.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["HELD_OUT", "LABELLED", "Evaluation", "cases", "evaluate", "held_out", "seeds_for"]

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
    seeded_accuracy: float  # seeded_grouping() with the first two ideas of each theme as seeds, on the rest


def evaluate(items: list[tuple[str, str]] | None = None, *, per_theme: int = 2) -> Evaluation:
    """Score :func:`samskaping.ideas.clustering.cluster` and :func:`~samskaping.ideas.clustering.seeded_grouping`
    on ``items``.

    ARI (adjusted Rand index) compares the automatic grouping with the
    coordinator's themes: 1 is the same grouping, 0 what chance gives. Seeded
    accuracy is the share of non-seed ideas put in their own theme.
    """
    from sklearn.metrics import adjusted_rand_score

    from samskaping.ideas.clustering import cluster, seeded_grouping

    items = cases() if items is None else items
    texts = [text for text, _ in items]
    truth = [theme for _, theme in items]
    auto = cluster(texts)
    true_k = len(set(truth))
    told = cluster(texts, themes=true_k)
    seeds = seeds_for(items, per_theme)
    seeded = seeded_grouping(texts, seeds)
    seed_indices = {i for chosen in seeds.values() for i in chosen}
    rest = [i for i in range(len(items)) if i not in seed_indices]
    right = sum(seeded.assignment[i] == truth[i] for i in rest)
    return Evaluation(
        ideas=len(items),
        true_themes=true_k,
        ari=adjusted_rand_score(truth, auto.assignment),
        auto_themes=len(auto.themes),
        ari_true_k=adjusted_rand_score(truth, told.assignment),
        seeded_accuracy=right / len(rest) if rest else 1.0,
    )
