"""Two invented service journeys for one case: today's, and the one the workshop wants.

The case is made up from what the seeds describe (school absence, a family
sent from service to service, long waits for PPT and BUP, nobody holding the
baton) and is anonymised the way real cases must be: roles and services,
never names, ages or places. In the wanted journey a fast kontaktperson holds
the baton as stafettholder, the seeds' word for it in school-absence cases
(BTI's stafettlogg); a barnekoordinator is a statutory function for families
of children with serious illness or disability, not this family. Every text
passes the personal-data guard untouched (a test checks it).
"""

from __future__ import annotations

from samskaping.journeys.model import DEFAULT_PHASES, Journey, Step

__all__ = ["DEMO_CASE", "DEMO_TITLE", "TODAY_STEPS", "WANTED_STEPS", "demo_journeys"]

DEMO_TITLE = "Skolefravær på mellomtrinnet"
DEMO_CASE = (
    "Et barn på mellomtrinnet er stadig oftere borte fra skolen, har vondt i magen og sover dårlig. "
    "Foreldrene søker hjelp flere steder og blir sendt videre mellom tjenestene. Saken er satt sammen "
    "av flere intervjuer med familier og er anonymisert."
)

_BOTH, _FIRST, _MAPPING, _ACTION, _FOLLOW, _MOVE = DEFAULT_PHASES

#: (phase, service, touchpoint, what, experience, pain point, quote, wait days, coordinator, family carries info)
TODAY_STEPS: list[tuple[str, str, str, str, int, str, str, int | None, str, bool]] = [
    (_BOTH, "skole", "mote", "Kontaktlærer ser økende fravær og tar det opp med foreldrene etter skoletid.",
     -1, "", "Vi trodde det bare var en dårlig periode.", None, "kontaktlærer", False),
    (_BOTH, "familie", "telefon", "Foreldrene ringer selv helsestasjonen for å få hjelp.",
     -1, "Vet ikke hvor de skal henvende seg", "Vi visste ikke hvem vi skulle spørre.", 5, "", True),
    (_FIRST, "helsestasjon", "mote", "Helsesykepleier har samtale med barnet om magesmerter og søvn.",
     0, "", "", 10, "", False),
    (_FIRST, "skole", "mote", "Møte på skolen der rektor foreslår å henvise til PPT.",
     -1, "Helsestasjonen var ikke invitert", "", 14, "kontaktlærer", True),
    (_MAPPING, "PPT", "brev", "Henvisningen er sendt, og familien får brev om ventetid.",
     -2, "Lang ventetid uten kontakt", "Vi hørte ingenting på seks uker.", 42, "", False),
    (_MAPPING, "PPT", "mote", "PPT kartlegger og ber foreldrene skaffe opplysninger fra helsestasjonen.",
     -1, "Foreldrene må hente papirer selv", "", 21, "", True),
    (_MAPPING, "barnevern", "brev", "Skolen sender bekymringsmelding, og barnevernet åpner undersøkelse.",
     -2, "Familien opplever meldingen som mistillit", "Vi hadde jo selv bedt om hjelp.", 7, "", False),
    (_MAPPING, "barnevern", "hjemmebesok", "Hjemmebesøk der foreldrene forteller hele historien på nytt.",
     -2, "Må gjenta historien for fjerde gang", "Det føles som å begynne på nytt hver gang.", 14, "", True),
    (_ACTION, "fastlege", "mote", "Fastlegen henviser til BUP etter råd fra helsesykepleier.",
     -1, "", "", 10, "", True),
    (_ACTION, "BUP", "brev", "BUP gir rett til helsehjelp, men første time er først om ni uker.",
     -2, "Ingen hjelp mens familien venter", "Hvem har egentlig ansvaret nå?", 63, "", False),
    (_ACTION, "NAV", "mote", "Foreldrene søker NAV om støtte fordi en av dem må være hjemme.",
     -1, "Må dokumentere alt på nytt", "", 5, "", True),
    (_FOLLOW, "BUP", "mote", "Samtaler hos BUP; skolen får ikke vite hva som er avtalt.",
     0, "Skole og BUP snakker ikke sammen", "", 20, "", False),
    (_FOLLOW, "skole", "mote", "Første ansvarsgruppemøte der alle tjenestene sitter rundt samme bord.",
     1, "", "Endelig satt alle rundt samme bord.", 30, "rektor", False),
    (_MOVE, "skole", "digitalt", "Overgang til ungdomsskolen; ny kontaktlærer vet lite om saken.",
     -1, "Informasjonen følger ikke med", "Vi måtte forklare alt en gang til.", 60, "", True),
]

WANTED_STEPS: list[tuple[str, str, str, str, int, str, str, int | None, str, bool]] = [
    (_BOTH, "skole", "telefon", "Kontaktlærer ringer hjem andre fraværsdag og avtaler en samtale.",
     0, "", "De tok kontakt før det ble vanskelig.", None, "kontaktlærer", False),
    (_FIRST, "skole", "mote", "Fast tverrfaglig team på skolen møter familien: helsesykepleier, PPT og lærer.",
     1, "", "", 7, "kontaktlærer", False),
    (_FIRST, "skole", "mote", "Familien får en fast kontaktperson som stafettholder, med samtykke til å dele.",
     1, "", "Nå vet vi hvem vi skal ringe.", 0, "stafettholder", False),
    (_MAPPING, "PPT", "mote", "PPT og helsesykepleier kartlegger sammen; én samtale og ett samtykke.",
     1, "", "", 14, "stafettholder", False),
    (_ACTION, "skole", "mote", "Tilrettelagt skoledag og plan for gradvis oppmøte, laget sammen med barnet.",
     1, "", "", 7, "stafettholder", False),
    (_ACTION, "BUP", "digitalt", "BUP veileder teamet digitalt og tar imot henvisning ved behov.",
     0, "Noe venting på BUP", "", 21, "stafettholder", False),
    (_ACTION, "NAV", "mote", "NAV-veileder møter familien sammen med stafettholderen om støtteordninger.",
     1, "", "", 7, "stafettholder", False),
    (_FOLLOW, "skole", "mote", "Faste oppfølgingsmøter med familien til stede, der alle hører det samme.",
     1, "", "", 14, "stafettholder", False),
    (_MOVE, "skole", "mote", "Overføringsmøte med ungdomsskolen før sommeren; stafettholderen følger med videre.",
     2, "", "Vi slapp å fortelle alt på nytt.", 30, "stafettholder", False),
]


def _steps(journey: Journey, rows: list[tuple]) -> list[Step]:
    return [
        Step(journey.id, position, phase, service, touchpoint, what, experience=experience, pain_point=pain,
             quote=quote, wait_days=wait, coordinator=coordinator, family_carries_info=carries)
        for position, (phase, service, touchpoint, what, experience, pain, quote, wait, coordinator, carries)
        in enumerate(rows)
    ]


def demo_journeys(workshop_id: str) -> list[tuple[Journey, list[Step]]]:
    """Today's journey and the wanted one for the demo case, with fresh ids.

    >>> [(j.variant, len(steps)) for j, steps in demo_journeys("w1")]
    [('dagens', 14), ('onsket', 9)]
    """
    today = Journey(workshop_id, DEMO_TITLE, case=DEMO_CASE, variant="dagens")
    wanted = Journey(workshop_id, DEMO_TITLE, case=DEMO_CASE, variant="onsket")
    return [(today, _steps(today, TODAY_STEPS)), (wanted, _steps(wanted, WANTED_STEPS))]
