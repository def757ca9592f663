"""How an import problem quotes a cell: short, on one line, and without characters that hide or turn text."""

from __future__ import annotations

import re

import pytest

from samskaping.core.tables import shown
from samskaping.journeys import io as journey_io
from samskaping.journeys.model import Journey
from samskaping.stakeholders.io import describe, read_stakeholder_file

#: Control characters (C0, DEL, C1) and the bidi marks, overrides and isolates.
UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    "cell, quoted",
    [
        ("\u202eLES BAKLENGS\u202c", "LES BAKLENGS"),
        ("\u200f\u2066høyre\u2069\u200e", "høyre"),
        ("\u202a\u202b\u202dÅs\u2067\u2068\u061c", "Ås"),
        ("\x07\x1b[31mrød\x1b[0m\x7f\x85", "[31mrød[0m"),
        ("NUL\x00midt", "NULmidt"),
        ("Første linje\r\nandre\tlinje\u2028tredje", "Første linje andre linje tredje"),
        ("  \t\n sju \r\n", "sju"),
        ("\u202e\x00\n", ""),
        ("Kari Nordmann, æøå – «sitat» 😀", "Kari Nordmann, æøå – «sitat» 😀"),
    ],
)
def test_a_quoted_cell_drops_control_and_bidi_characters_and_stays_readable(cell, quoted):
    assert shown(cell) == quoted


def test_a_long_cell_is_cut_after_the_hidden_characters_are_gone():
    quoted = shown("\u202e" * 200 + "x" * 500)
    assert quoted == "x" * 79 + "…"


def test_a_stakeholder_problem_quotes_a_hostile_cell_cleanly():
    data = "navn,fase,interesse,innflytelse\nPPT,\u202einnsikt\x1b[2J,4,3\nNAV,,\u2066sju\u2069\x85,2\n".encode()
    result = read_stakeholder_file(data, "liste.csv", "w1")
    lines = [describe(problem) for problem in result.problems]
    assert len(lines) == 2, lines
    assert not any(UNSHOWN.search(line) for line in lines), lines
    assert "innsikt[2J" in lines[0] and "sju" in lines[1]


def test_a_journey_problem_quotes_a_hostile_cell_cleanly():
    journey = Journey("w1", "Skolefravær")
    data = ("Fase,Tjeneste,Hva skjer,Opplevelse\n"
            f"{journey.phases[0]},PPT,Møte,\u202efem\x07\n").encode()
    result = journey_io.read_steps_file(data, "reise.csv", journey)
    [line] = [journey_io.describe(problem) for problem in result.problems]
    assert not UNSHOWN.search(line) and "fem" in line, line
