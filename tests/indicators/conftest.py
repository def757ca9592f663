"""A small project in the seeds' words: goals, an evaluation plan and measurements that build on each other."""

from __future__ import annotations

from datetime import date

import pytest

from samskaping.goals.model import Goal
from samskaping.indicators.model import EvaluationPlanEntry, Measurement

P = "p1"


@pytest.fixture
def goals() -> dict[str, Goal]:
    """One samfunnsmål, two effektmål, three resultatmål (numbered 1, 1.1, 1.1.1, 1.1.2, 1.2, 1.2.1)."""
    s = Goal(P, "samfunnsmal", "Kommunen skal være et trygt og godt sted å vokse opp for alle barn og unge.")
    e1 = Goal(P, "effektmal", "Skape oppmerksomhet, engasjement og eierskap omkring tiltaket og mobilisere lokale "
              "ressurser i tiltaksutviklingen.", indicator="Hvor mange og hvem deltok?", parent_id=s.id)
    r1 = Goal(P, "resultatmal", "Alle ansatte kjenner til felles rutiner for arbeid med elever med bekymringsfullt "
              "skolefravær.", indicator="Andel ansatte som svarer «i stor grad»", parent_id=e1.id)
    r2 = Goal(P, "resultatmal", "Alle skoler har et nærværsteam.", indicator="Antall skoler med team",
              parent_id=e1.id)
    e2 = Goal(P, "effektmal", "Foresatte vet hvor de skal henvende seg for å få hjelp og støtte i foreldrerollen.",
              parent_id=s.id)
    r3 = Goal(P, "resultatmal", "Alle ungdommer får tilbud om stafettlogg.", indicator="Intervju med familier",
              parent_id=e2.id)
    return {"s": s, "e1": e1, "r1": r1, "r2": r2, "e2": e2, "r3": r3}


@pytest.fixture
def goal_list(goals) -> list[Goal]:
    return list(goals.values())


@pytest.fixture
def plan(goals) -> list[EvaluationPlanEntry]:
    return [
        EvaluationPlanEntry(P, goals["e1"].id, "Hvor mange og hvem deltok på samskapingsdagen?",
                            method="Registrering ved ankomst", source="Deltakerne", when="Mars 2025",
                            who="Prosjektleder", use="Rapportering og grunnlag for videre utvikling", nr=1,
                            activity="Samskapingsdag med frivilligheten og foreldre"),
        EvaluationPlanEntry(P, goals["r1"].id, "Kjenner ansatte rutinene for fravær?", method="Spørreskjema",
                            source="Ansatte i skolene", when="Høsten 2025", who="Nærværskoordinator",
                            use="Justere opplæringen", nr=2),
    ]


@pytest.fixture
def measurements(goals) -> list[Measurement]:
    r1, r2, r3 = goals["r1"], goals["r2"], goals["r3"]
    return [
        Measurement(P, r1.id, "nullpunkt", date(2025, 1, 15), 41, "%", source="Spørreundersøkelse til ansatte"),
        Measurement(P, r1.id, "underveis", date(2025, 9, 1), 58, "%", note="Svarprosent 72"),
        Measurement(P, r1.id, "slutt", date(2026, 5, 30), 83, "%"),
        Measurement(P, r2.id, "nullpunkt", date(2025, 2, 1), 1, "antall"),
        Measurement(P, r2.id, "slutt", date(2026, 6, 1), 4, "antall"),
        Measurement(P, r3.id, "underveis", date(2025, 6, 1), None, note="Intervju med fem familier: de fleste "
                    "visste ikke hvem som koordinerte."),
    ]
