"""The indicator chart: a panel per goal with numbers, kinds told apart, labels whole and apart, time to the right."""

from __future__ import annotations

import random
import time
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from helpers import overlapping
from samskaping.core.exceptions import InvalidInputError
from samskaping.core.plotting import A4_LANDSCAPE
from samskaping.goals.model import Goal, numbering
from samskaping.indicators.model import Measurement, from_attendance, from_workshop_evaluations
from samskaping.indicators.plot import (
    KIND_MARKERS,
    MAX_PANELS,
    draw_indicator_chart,
    draw_indicator_chart_artists,
    indicator_alt_text,
    save_indicator_chart,
)
from samskaping.room.model import Arrival, Evaluation

P = "p1"
SVG = "{http://www.w3.org/2000/svg}"
SENTENCES = [
    "Alle ansatte oppgir «stor grad av» kompetanse i hvordan kommunen kan bistå med godt foreldrestøttearbeid.",
    "Alle elever med bekymringsfullt skolefravær opplever at lærer og/eller andre tillitspersoner snakker med dem.",
    "Foresatte og barnet/ungdommen vet hvem de skal forholde seg til og hvem som følger dem opp.",
    "Gjennomføringen i videregående skole har økt fra 83 % til 100 %.",
    "Alle ansatte i nærværsteamet bruker feedbackverktøy.",
]


def geometry(artists):
    """Every label's box as the renderer draws it, by a name that says where it is."""
    figure = artists.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    return {f"{key or 'page'}:{i}:{getattr(artist, 'get_text', lambda: 'legend')()}": artist.get_window_extent(renderer)
            for i, (key, artist) in enumerate(artists.labels())}


def inside(inner, outer, slack: float = 1.0) -> bool:
    return (outer.x0 - slack <= inner.x0 and inner.x1 <= outer.x1 + slack and outer.y0 - slack <= inner.y0
            and inner.y1 <= outer.y1 + slack)


def display_x(artists, measurement_id: str) -> float:
    point = artists.points[measurement_id]
    ax = point.axes
    x, y = point.get_xydata()[0]
    return float(ax.transData.transform((x, y))[0])


def big_project(panels: int, *, seed: int = 1, long: bool = False) -> tuple[list[Goal], list[Measurement]]:
    """A samfunnsmål with ``panels`` resultatmål, each with two to four measurements over two years."""
    rng = random.Random(seed)
    s = Goal(P, "samfunnsmal", "Kommunen skal være et trygt og godt sted å vokse opp.")
    e = Goal(P, "effektmal", "Tjenestene samarbeider til det beste for familiene.", parent_id=s.id)
    goals = [s, e]
    measurements = []
    for _ in range(panels):
        text = " ".join(rng.sample(SENTENCES, 3 if long else 1))
        r = Goal(P, "resultatmal", text, indicator="Andel", parent_id=e.id)
        goals.append(r)
        unit = rng.choice(["%", "antall", "snitt 1–5", "andel som svarer «i stor grad», spm. 4"])
        kinds = ["nullpunkt", *["underveis"] * rng.randint(0, 2), "slutt"]
        day = date(2025, 1, 15) + timedelta(days=rng.randint(0, 60))
        for kind in kinds:
            value = {"%": rng.uniform(0, 100), "antall": rng.randint(0, 40), "snitt 1–5": rng.uniform(1, 5)}.get(
                unit, rng.uniform(0, 1000))
            measurements.append(Measurement(P, r.id, kind, day, round(value, 2), unit))
            day += timedelta(days=rng.randint(90, 300))
    return goals, measurements


# --- What is drawn -------------------------------------------------------------------------------


def test_one_panel_per_goal_with_numbers_in_the_tree_order_titled_by_number_and_text(goal_list, goals,
                                                                                      measurements):
    artists = draw_indicator_chart_artists(goal_list, measurements, title="Evaluering av Sammen mot")
    assert tuple(artists.figure.get_size_inches()) == pytest.approx(A4_LANDSCAPE)
    r1, r2 = goals["r1"], goals["r2"]
    assert list(artists.axes) == [f"{r1.id}|%", f"{r2.id}|antall"]
    assert [artists.panel_goals[key] for key in artists.axes] == [r1.id, r2.id]
    titles = [artists.titles[key].get_text() for key in artists.axes]
    assert titles[0].startswith("1.1.1 Alle ansatte kjenner til felles rutiner")
    assert len(titles[0].split("\n")) <= 2
    assert " ".join(titles[1].split()) == "1.1.2 Alle skoler har et nærværsteam."
    assert [ax.get_ylabel() for ax in artists.axes.values()] == ["%", "antall"]
    assert set(artists.points) == {m.id for m in measurements if m.value is not None}
    # The goal measured only in words is listed under the panels.
    notes = artists.notes.get_text()
    assert notes.startswith("Målt bare i ord:")
    assert "1.2.1 «Alle ungdommer får tilbud om stafettlogg.»: én merknad, 01.06.2025 (underveis)" in notes
    assert artists.heading.get_text() == "Evaluering av Sammen mot"


def test_the_kinds_have_distinct_markers_and_a_legend_names_them(goal_list, measurements):
    artists = draw_indicator_chart_artists(goal_list, measurements)
    assert len(set(KIND_MARKERS.values())) == 3
    for m in measurements:
        if m.value is None:
            continue
        point = artists.points[m.id]
        assert point.get_marker() == KIND_MARKERS[m.kind]
        hollow = to_hex(point.get_markerfacecolor()) == "#ffffff"
        assert hollow == (m.kind == "nullpunkt")
    legend = artists.legend
    assert [text.get_text() for text in legend.get_texts()] == ["Nullpunkt", "Underveis", "Slutt"]
    assert [handle.get_marker() for handle in legend.legend_handles] == ["s", "o", "D"]


def test_a_later_measurement_is_further_right_and_every_panel_shares_the_time_axis(goal_list, measurements):
    artists = draw_indicator_chart_artists(goal_list, measurements)
    artists.figure.canvas.draw()
    valued = sorted((m for m in measurements if m.value is not None), key=lambda m: m.measured)
    by_goal: dict[str, list[Measurement]] = {}
    for m in valued:
        by_goal.setdefault(m.goal_id, []).append(m)
    for found in by_goal.values():
        xs = [display_x(artists, m.id) for m in found]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
    # The same day sits at the same place within each panel: one time axis for the whole page.
    limits = {tuple(ax.get_xlim()) for ax in artists.axes.values()}
    assert len(limits) == 1
    ticks = [tuple(ax.get_xticks()) for ax in artists.axes.values()]
    assert len(set(ticks)) == 1 and ticks[0]


def test_the_workshop_forms_draw_as_two_lines_in_one_panel_named_in_a_legend(goals):
    e1 = goals["e1"]
    first = from_workshop_evaluations(P, e1.id, "Samskapingsdag",
                                      [Evaluation("w", "a", 3, 4), Evaluation("w", "b", 4, 5)], date(2025, 3, 12),
                                      kind="nullpunkt")
    later = from_workshop_evaluations(P, e1.id, "Idédugnad", [Evaluation("w", "a", 5, 4)], date(2025, 10, 1))
    came = from_attendance(P, e1.id, "Samskapingsdag", [Arrival("w", "a", "ansatt")], date(2025, 3, 12))
    artists = draw_indicator_chart_artists([goals["s"], e1], [*first, *later, *came])
    assert list(artists.axes) == [f"{e1.id}|snitt 1–5", f"{e1.id}|antall"]
    scores = artists.axes[f"{e1.id}|snitt 1–5"]
    assert [text.get_text() for text in scores.get_legend().get_texts()] == [
        "Opplevelse av dagen", "Opplevde at stemmen ble hørt"]
    assert scores.get_ylim() == pytest.approx((0.7, 5.3))
    assert [label.get_text() for label in scores.get_yticklabels()] == ["1", "2", "3", "4", "5"]
    lines = [artists.lines[f"{e1.id}|snitt 1–5|{name}"] for name in ("Opplevelse av dagen",
                                                                     "Opplevde at stemmen ble hørt")]
    assert len({to_hex(line.get_color()) for line in lines}) == 2
    assert list(lines[0].get_ydata()) == [3.5, 5.0]


@pytest.mark.parametrize("panels,long", [(1, False), (3, True), (6, False), (12, True), (15, True)])
def test_no_label_overlaps_another_or_leaves_its_panel_or_the_page(panels, long):
    goals, measurements = big_project(panels, long=long)
    started = time.perf_counter()
    artists = draw_indicator_chart_artists(goals, measurements, title="Målinger i prosjektet " * (3 if long else 1))
    assert time.perf_counter() - started < 20
    boxes = geometry(artists)
    assert overlapping(boxes) == []
    page = artists.figure.bbox
    assert all(inside(box, page) for box in boxes.values())
    renderer = artists.figure.canvas.get_renderer()
    dpi = artists.figure.dpi
    for key, ax in artists.axes.items():
        cell = artists.cells[key]
        cell_box = Bbox.from_extents(*(value * dpi for value in cell.extents))
        assert inside(ax.get_window_extent(renderer), cell_box)
        for label in (*ax.get_xticklabels(), *ax.get_yticklabels(), ax.yaxis.label, artists.titles[key]):
            assert inside(label.get_window_extent(renderer), cell_box), label.get_text()
        assert len([label for label in ax.get_xticklabels() if label.get_text()]) >= 1
    assert len(artists.axes) == min(panels, MAX_PANELS)
    assert artists.fontsize >= 6
    if panels > MAX_PANELS:
        assert f"{panels - MAX_PANELS} mål til har tall" in artists.notes.get_text()


@pytest.mark.parametrize("seed", range(8))
def test_any_project_of_up_to_a_page_of_panels_fits_without_overlap(seed):
    rng = random.Random(seed)
    goals, measurements = big_project(rng.randint(1, MAX_PANELS), seed=seed, long=rng.random() < 0.5)
    artists = draw_indicator_chart_artists(goals, measurements, lang=rng.choice(["nb", "nn", "en"]))
    boxes = geometry(artists)
    assert overlapping(boxes) == []
    assert all(inside(box, artists.figure.bbox) for box in boxes.values())
    assert artists.fontsize >= 6


def test_titles_are_shortened_to_two_lines_and_units_to_the_axis(goals):
    r = Goal(P, "resultatmal", " ".join(SENTENCES), parent_id=goals["e1"].id)
    unit = "andel ansatte som svarer «i stor grad» på spørsmål 4 og 5"[:40]
    measurements = [Measurement(P, r.id, kind, day, value, unit) for kind, day, value in
                    [("nullpunkt", date(2025, 1, 1), 10), ("slutt", date(2025, 12, 1), 30)]]
    artists = draw_indicator_chart_artists([goals["s"], goals["e1"], r], measurements)
    [key] = artists.axes
    title = artists.titles[key].get_text()
    assert title.count("\n") == 1 and title.endswith("…") and title.startswith("1.1.1 Alle ansatte oppgir")
    assert overlapping(geometry(artists)) == []


def test_goal_texts_are_drawn_as_written(goals, tmp_path):
    r = Goal(P, "resultatmal", "Kostnad $5 per elev og $x^2$ <script>alert('x')</script>", parent_id=goals["e1"].id)
    measurements = [Measurement(P, r.id, "nullpunkt", date(2025, 1, 1), 5, "$")]
    artists = draw_indicator_chart_artists([goals["s"], goals["e1"], r], measurements, title="$Mål$ <i>")
    [key] = artists.axes
    assert artists.titles[key].get_parse_math() is False and not artists.titles[key].get_usetex()
    data = save_indicator_chart([goals["s"], goals["e1"], r], measurements, tmp_path / "x.svg", title="$Mål$ <i>")
    root = ET.fromstring(data.read_bytes())
    assert not [element for element in root.iter() if element.tag.endswith("script")]
    words = " ".join(element.text or "" for element in root.iter(f"{SVG}text"))
    assert "$x^2$" in words and "$Mål$ <i>" in words


def test_measurements_of_goals_not_given_are_left_out_and_an_empty_chart_says_so(goals):
    stray = Measurement(P, "deleted-goal", "slutt", date(2025, 6, 1), 3)
    figure = draw_indicator_chart([goals["s"]], [stray])
    assert isinstance(figure, Figure)
    assert [text.get_text() for text in figure.texts] == ["Ingen målinger er registrert ennå."]
    assert indicator_alt_text([goals["s"]], [stray]) == "Ingen målinger er registrert ennå, så diagrammet er tomt."
    only_words = draw_indicator_chart_artists([goals["r3"]], [
        Measurement(P, goals["r3"].id, "nullpunkt", date(2025, 1, 1), None, note="Intervju")])
    assert only_words.axes == {} and "«Alle ungdommer får tilbud om stafettlogg.»" in only_words.notes.get_text()


# --- Files and words ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf", "PDF"])
def test_save_writes_valid_files(goal_list, measurements, tmp_path, suffix):
    path = save_indicator_chart(goal_list, measurements, tmp_path / f"indikatorer.{suffix}")
    data = path.read_bytes()
    kind = suffix.lower()
    if kind == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    elif kind == "pdf":
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    else:
        root = ET.fromstring(data)
        assert root.tag == f"{SVG}svg"
        words = " ".join(element.text or "" for element in root.iter(f"{SVG}text"))
        assert "Nullpunkt" in words and "Slutt" in words and "1.1.1" in words


def test_fmt_chooses_the_format_and_a_bad_one_fails_before_drawing(goal_list, measurements, tmp_path):
    assert save_indicator_chart(goal_list, measurements, tmp_path / "figur.bin", "png").read_bytes().startswith(
        b"\x89PNG")
    for bad in ({"path": tmp_path / "figur.jpg"}, {"path": tmp_path / "figur.png", "fmt": "gif"}):
        with pytest.raises(InvalidInputError) as info:
            save_indicator_chart(goal_list, measurements, **bad)
        assert info.value.reason == "bad_image_format"
    assert not (tmp_path / "figur.jpg").exists()


def test_the_same_measurements_give_the_same_svg(goal_list, measurements, tmp_path):
    first = save_indicator_chart(goal_list, measurements, tmp_path / "a.svg").read_bytes()
    assert save_indicator_chart(goal_list, measurements, tmp_path / "b.svg").read_bytes() == first


def test_the_alt_text_gives_every_value_and_change_with_the_numbers_the_picture_shows(goal_list, goals,
                                                                                        measurements):
    text = indicator_alt_text(goal_list, measurements)
    lines = text.split("\n")
    assert lines[0].startswith("Målinger over tid, ett lite diagram per mål og enhet (diagrammer: 2, mål: 2)")
    assert lines[1] == f"Mål 1.1.1 «{goals['r1'].text}» (%):"
    assert lines[2] == ("  nullpunkt 15.01.2025: 41; underveis 01.09.2025: 58; slutt 30.05.2026: 83. "
                        "Endring fra første til siste måling: +42 (opp).")
    assert lines[3] == f"Mål 1.1.2 «{goals['r2'].text}» (antall):"
    assert lines[5] == "Målt bare i ord:"
    assert lines[6].startswith("  1.2.1 «Alle ungdommer får tilbud om stafettlogg.»: én merknad")
    numbers = numbering(goal_list)
    artists = draw_indicator_chart_artists(goal_list, measurements)
    for key, title in artists.titles.items():
        assert f"Mål {numbers[artists.panel_goals[key]]} «" in text
        assert title.get_text().startswith(numbers[artists.panel_goals[key]] + " ")
    for lang in ("nn", "en"):
        assert "{" not in indicator_alt_text(goal_list, measurements, lang=lang)
