"""A sheet the kit wrote in one language, or a coordinator wrote in nynorsk, reads back in.

The headings of the kit's own workbooks come from the catalogue, so a workshop in
nynorsk exports "Namn", "Påverknad", "Grunngiving": importing that file again must
give the same register, not a missing-column error.
"""

from __future__ import annotations

import pytest
from municipal_register import SECTORS, register_csv

from samskaping.journeys.io import read_steps_file
from samskaping.journeys.model import Journey
from samskaping.stakeholders.io import read_stakeholder_file, write_stakeholders_xlsx

W = "w1"


@pytest.mark.parametrize("lang", ["nb", "nn", "en", "se"])
def test_the_kits_own_workbook_reads_back_in_every_language(lang, tmp_path):
    register = read_stakeholder_file(register_csv(), "Interessentanalyse 0-24.csv", W).stakeholders
    path = write_stakeholders_xlsx(register, tmp_path / f"interessentar-{lang}.xlsx", lang=lang)
    back = read_stakeholder_file(path.read_bytes(), path.name, W)
    assert back.problems == []
    assert [(s.name, s.sector, s.interest, s.influence, s.justification) for s in back.stakeholders] == [
        (s.name, s.sector, s.interest, s.influence, s.justification) for s in register]
    assert [s.sector for s in back.stakeholders] == SECTORS


def test_a_stakeholder_sheet_with_nynorsk_headings_is_read():
    sheet = ("Namn;Sektor;Interesse;Påverknad;Korleis dei blir berørte;Grunngiving\n"
             "Ungdomsrådet;Frivillige;5;2;Får meir å seie;Dei kjenner kvardagen\n").encode()
    result = read_stakeholder_file(sheet, "interessentar.csv", W)
    assert result.problems == []
    [s] = result.stakeholders
    assert (s.name, s.interest, s.influence, s.justification) == ("Ungdomsrådet", 5, 2, "Dei kjenner kvardagen")


def test_a_journey_written_by_a_nynorsk_coordinator_is_read():
    sheet = ("Fase;Teneste;Kontaktpunkt;Kva skjer;Oppleving;Ventetid;Familien tek med info\n"
             "Bekymring oppstår;Skulen;Møte;Kontaktlæraren ser fråvær;-1;;nei\n"
             "Første kontakt;Helsestasjonen;Telefon;Far ringjer sjølv og fortel alt på nytt;-2;14;ja\n"
             ).encode()
    result = read_steps_file(sheet, "reise.csv", Journey(W, "Skulefråvær"))
    assert result.problems == []
    first, second = result.steps
    assert (first.service, first.what, second.wait_days, second.family_carries_info) == (
        "Skulen", "Kontaktlæraren ser fråvær", 14, True)
