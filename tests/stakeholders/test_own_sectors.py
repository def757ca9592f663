"""Sectors as municipalities write them: kept on import, drawn as "annet", shown as written everywhere.

Issue 18: a register saved from Excel lost the rows whose sector ("Administrasjon",
"Tillitsvalgte", "Kommunedirektør") was not one of the kit's eight.
"""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from matplotlib.colors import to_hex
from municipal_register import OWN_SECTORS, ROWS, SECTORS, register_csv

from helpers import overlapping
from samskaping.cli import main
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.plotting import short
from samskaping.room.attendance import representativity
from samskaping.room.model import Arrival
from samskaping.stakeholders.analysis import involvement_plan, sector_choices, sector_label
from samskaping.stakeholders.io import (
    describe,
    describe_other_sectors,
    read_stakeholder_csv,
    read_stakeholder_file,
    stakeholders_csv,
    stakeholders_json,
    write_plan_csv,
    write_stakeholders_xlsx,
)
from samskaping.stakeholders.model import (
    MAX_SECTOR_LENGTH,
    Sector,
    Stakeholder,
    is_known_sector,
    parse_sector,
    sector_group,
)
from samskaping.stakeholders.plot import SECTOR_COLOURS, draw_grid

W = "w1"


@pytest.fixture
def register() -> list[Stakeholder]:
    result = read_stakeholder_file(register_csv(), "Interessentanalyse 0-24.csv", W)
    assert result.problems == []
    return result.stakeholders


# --- Import --------------------------------------------------------------------------------------


def test_a_municipal_register_in_cp1252_keeps_all_21_stakeholders_with_their_sectors():
    data = register_csv()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = read_stakeholder_file(data, "Interessentanalyse 0-24.csv", W)
    assert result.problems == [] and result.ok
    assert len(result.stakeholders) == len(ROWS) == 21
    assert [(s.name, s.sector) for s in result.stakeholders] == [(row[0], sector) for row, sector in zip(
        ROWS, SECTORS, strict=True)]
    assert result.other_sectors == OWN_SECTORS
    by_name = {s.name: s for s in result.stakeholders}
    unions = by_name["Tillitsvalgte (Fellesutvalget)"]
    assert (unions.interest, unions.influence, unions.contact_role) == (2, 4, "hovedtillitsvalgt")
    assert unions.strategy == "Informeres, involveres mer i utprøvingen"
    assert by_name["Menighetsrådet"].affected == "Trosopplæring og\nbabysang"
    assert by_name["Barnehager"].influence == 4  # "4,0"
    assert [is_known_sector(s.sector) for s in result.stakeholders].count(False) == 8
    assert describe_other_sectors(result) == (
        "Sektorer som ikke er blant kartets egne, er lest inn som skrevet og tegnes som «Annet»: Integrering, "
        "Kultur, Idrett, Tillitsvalgte, Administrasjon, Kommunedirektør, Kirke, Næringsliv."
    )
    assert describe_other_sectors(read_stakeholder_csv(b"navn;sektor;interesse;innflytelse\nNAV;nav;3;3\n", W)) == ""


def test_the_cli_stores_every_row_with_the_sector_as_written(tmp_path, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--data-dir", str(tmp_path / "data")])
        out, err = capsys.readouterr()
        return code, out, err

    workshop_id = run("new", "Interessentkart 0-24")[1].split()[-1]
    source = tmp_path / "Interessentanalyse 0-24.csv"
    source.write_bytes(register_csv())
    code, out, err = run("stakeholders", "import", workshop_id, str(source))
    assert code == 0 and "Importerte 21" in out and err == ""
    rows = json.loads(run("stakeholders", "export", workshop_id, "--format", "json", "--out", "-")[1])
    assert [row["sector"] for row in rows] == SECTORS


def test_really_bad_rows_are_still_reported_by_row_number_and_words_are_not_guessed():
    bad = [
        ("", "Helse", "3", "3", "", "", "", "", ""),  # row 23: no name
        ("Elevrådet", "Brukere", "7", "2", "", "", "", "", ""),  # row 24: interest 7
        ("Rektorene", "Oppvekst", "høy", "4", "", "", "", "", ""),  # row 25: a word, not a number
        ("Kirkevergen", "K" * (MAX_SECTOR_LENGTH + 1), "2", "2", "", "", "", "", ""),  # row 26: a note, not a sector
    ]
    result = read_stakeholder_file(register_csv(bad), "interessenter.csv", W)
    assert len(result.stakeholders) == 21
    assert [(p.row, p.field, p.reason) for p in result.problems] == [
        (23, "name", "missing_name"),
        (24, "interest", "out_of_range"),
        (25, "interest", "not_a_number"),
        (26, "sector", "too_long"),
    ]
    assert [describe(p) for p in result.problems[1:]] == [
        "Rad 24: interesse 7 er utenfor 1–5. Skriv et helt tall fra 1 til 5.",
        "Rad 25: interesse «høy» er ikke et tall. Skriv et helt tall fra 1 til 5.",
        "Rad 26: sektor er for lang. Kort den ned til 60 tegn eller færre.",
    ]
    assert describe(result.problems[3], "en") == "Row 26: sector is too long. Shorten it to 60 characters or fewer."


# --- The model -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written,kept",
    [
        ("NAV", "nav"), ("Helse/omsorg", "helse"), ("Helse- og omsorg", "helse"), ("Frivillige", "frivillighet"),
        ("Politikere", "politikk"), ("Barn, unge og familier", "brukere"), ("Foreldre", "brukere"),
        ("Childhood and education", "oppvekst"), ("Service users", "brukere"), ("Presse", "media"), ("", "annet"),
        ("Andre", "annet"), ("Tillitsvalgte (Fellesutvalget)", "Tillitsvalgte (Fellesutvalget)"),
        ("  kirke\t", "kirke"), ("Næringsliv", "Næringsliv"), ("Kommune\ndirektør", "Kommune direktør"),
    ],
)
def test_a_sector_is_a_known_key_a_synonym_or_kept_as_written(written, kept):
    sector = Stakeholder(W, "X", written, 3, 3).sector
    assert sector == kept
    assert is_known_sector(sector) == isinstance(sector, Sector)
    assert sector_group(sector) == (sector if is_known_sector(sector) else "annet")


def test_a_sector_longer_than_the_limit_is_refused_naming_it():
    assert parse_sector("x" * MAX_SECTOR_LENGTH) == "x" * MAX_SECTOR_LENGTH
    with pytest.raises(InvalidInputError, match="sector has 61 characters; shorten it to 60") as info:
        Stakeholder(W, "X", "x" * (MAX_SECTOR_LENGTH + 1), 3, 3)
    assert info.value.reason == "too_long"
    with pytest.raises(InvalidInputError, match="sector must be text"):
        Stakeholder(W, "X", 7, 3, 3)


def test_labels_and_menu_choices_show_the_sector_as_written(register):
    assert [sector_label(s, "en") for s in ("politikk", "Tillitsvalgte")] == ["Politics", "Tillitsvalgte"]
    choices = sector_choices([*register, Stakeholder(W, "Prost", "KIRKE", 1, 1)], "nb")
    assert choices[:8] == [(sector_label(s), s) for s in Sector]
    assert [value for _, value in choices[8:]] == OWN_SECTORS  # "KIRKE" is the same sector as "Kirke"


def test_a_municipalitys_word_for_service_users_still_counts_as_users_in_the_room():
    parents = Stakeholder(W, "Foreldreutvalget", "Foreldre", 5, 2)
    unions = Stakeholder(W, "Tillitsvalgte", "Tillitsvalgte", 2, 4)
    result = representativity([parents, unions], [Arrival(W, "s1", "ansatt", unions.id)])
    assert [s.name for s in result.missing_user_stakeholders] == ["Foreldreutvalget"]


# --- The grid ------------------------------------------------------------------------------------


def test_own_sectors_are_drawn_in_the_annet_colour_and_legend_with_their_labels_placed(register):
    artists = draw_grid(register, title="Interessentkart 0-24")
    own = [s for s in register if not is_known_sector(s.sector)]
    assert set(artists.points) == {"oppvekst", "helse", "nav", "frivillighet", "politikk", "brukere", "media",
                                   "annet"}
    annet = artists.points["annet"]
    assert len(annet.get_offsets()) == len(own) == 8
    assert {to_hex(c) for c in annet.get_facecolor()} == {SECTOR_COLOURS["annet"].lower()}
    assert artists.points["helse"] is not annet
    drawn = {tuple(xy) for xy in annet.get_offsets().data.round(6)}
    assert drawn == {tuple(round(v, 6) for v in artists.positions[s.id]) for s in own}

    legend = [text.get_text() for text in artists.ax.get_legend().get_texts()]
    assert legend.count("Annet") == 1
    assert not set(OWN_SECTORS) & set(legend)

    artists.figure.canvas.draw()
    renderer = artists.figure.canvas.get_renderer()
    axes_box = artists.ax.get_window_extent(renderer)
    boxes = {sid: text.get_window_extent(renderer) for sid, text in artists.labels.items()}
    assert overlapping(boxes) == []
    for s in own:
        label = artists.labels[s.id]
        assert label.get_text() == short(s.name) and label.get_visible()
        assert label.xy == pytest.approx(artists.positions[s.id])  # the label belongs to its own point
        box = boxes[s.id]
        assert axes_box.x0 <= box.x0 and box.x1 <= axes_box.x1 and axes_box.y0 <= box.y0 and box.y1 <= axes_box.y1


# --- Files out ---------------------------------------------------------------------------------


def test_exports_show_the_sector_as_written_and_read_back_the_same(register, tmp_path):
    rows = list(csv.DictReader(io.StringIO(stakeholders_csv(register))))
    assert [row["sector"] for row in rows] == SECTORS
    assert [row["sector"] for row in json.loads(stakeholders_json(register))] == SECTORS

    again = read_stakeholder_csv(stakeholders_csv(register).encode("utf-8-sig"), W)
    assert again.problems == [] and [s.sector for s in again.stakeholders] == SECTORS

    path = write_stakeholders_xlsx(register, tmp_path / "interessenter.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Interessenter"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Sektor")
    written = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert written == [sector_label(s) for s in SECTORS]
    assert "Tillitsvalgte" in written and "Helse" in written and "helse" not in written
    back = read_stakeholder_file(path.read_bytes(), path.name, W)
    assert back.problems == [] and [s.sector for s in back.stakeholders] == SECTORS

    plan = workbook["Involveringsplan"]
    plan_header = [cell.value for cell in plan[1]]
    plan_sectors = {row[0]: row[plan_header.index("Sektor")] for row in plan.iter_rows(min_row=2, values_only=True)}
    expected = {row.name: sector_label(row.sector) for row in involvement_plan(register)}
    assert plan_sectors == expected
    assert plan_sectors["Kommunedirektørens ledergruppe"] == "Kommunedirektør"

    buffer = io.StringIO()
    write_plan_csv(register, buffer, lang="en", delimiter=";")
    plan_rows = list(csv.DictReader(io.StringIO(buffer.getvalue()), delimiter=";"))
    assert {row["Name"]: row["Sector"] for row in plan_rows}["Menighetsrådet"] == "Kirke"
    assert {row["Name"]: row["Sector"] for row in plan_rows}["NAV"] == "NAV (labour and welfare)"


def test_an_own_sector_passes_the_personal_data_guard_on_the_way_out():
    leaked = Stakeholder(W, "Kontaktperson", "Ring 912 34 567", 2, 2)
    assert leaked.sector == "Ring 912 34 567"  # kept as typed in memory; the store masks it (tests/store)
    [row] = json.loads(stakeholders_json([leaked]))
    assert row["sector"] == "Ring [telefon]"
    [line] = stakeholders_csv([leaked]).splitlines()[1:]
    assert "912" not in line and "Ring [telefon]" in line
