"""The milestone plan as a timeline: files, bars and diamonds where their days are, nothing overlapping, words."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from matplotlib.colors import to_hex
from matplotlib.transforms import Bbox

from helpers import overlapping
from samskaping.core.exceptions import InvalidInputError
from samskaping.organisation.model import Milestone, Pilot
from samskaping.organisation.plot import (
    PHASE_COLOURS,
    draw_gantt,
    draw_gantt_artists,
    gantt_alt_text,
    save_gantt,
)

P = "p1"
SVG = "{http://www.w3.org/2000/svg}"


def _nesseby() -> list[Milestone]:
    return [
        Milestone(P, "Etablere arbeidsgruppe", due_text="September 2018", owner="Koordinator", phase="forankring"),
        Milestone(P, "Ferdigstille prosjektplan", date(2018, 11, 1), "Innen 1.11.18", "Prosjektledelsen", "innsikt",
                  done=True),
        Milestone(P, "Underveisvurdering", due_text="Vår 2019, vår 2020", owner="Arbeidsgruppa"),
        Milestone(P, "Kompetanseheving: Kommunedag om Barnekonvensjonen for alle ansatte i oppvekst, helse og NAV",
                  date(2019, 2, 14), phase="tjenesteutvikling"),
        Milestone(P, "Tverrfaglig observasjon innføres som rutine", date(2019, 9, 1), phase="pilotering"),
        Milestone(P, "Sluttvurdering", date(2020, 6, 30), owner="Prosjektledelsen", phase="overgang_til_drift"),
        Milestone(P, "Tverrfaglig samarbeidsform vedtas i kommunestyret", date(2020, 12, 10),
                  phase="overgang_til_drift"),
        Milestone(P, "Rapportering", due_text="Prosjektperiodens slutt"),
    ]


def _pilots() -> list[Pilot]:
    return [
        Pilot(P, "c1", "Nærværsteam", "Ungdomsskolen", date(2019, 8, 15), date(2019, 12, 20), status="pagar"),
        Pilot(P, "c2", "Tverrfaglig observasjon i barnehagen", "Barnehagen", date(2019, 3, 1), date(2019, 6, 14)),
        Pilot(P, "", "Foreldrekurs COS-P", start=date(2020, 1, 10)),  # no end: not guessed onto the axis
    ]


NESSEBY, PILOTS = _nesseby(), _pilots()


def nesseby() -> list[Milestone]:
    """Nesseby's milestones with Selbu's phases: some with a day, some with only the plan's words (same ids)."""
    return list(NESSEBY)


def pilots() -> list[Pilot]:
    """Two dated pilots and one with only its start (same ids each call)."""
    return list(PILOTS)


def drawn(milestones, pilot_list=(), **kwargs):
    artists = draw_gantt_artists(milestones, pilot_list, **kwargs)
    artists.figure.canvas.draw()
    return artists, artists.figure.canvas.get_renderer()


def inside(inner: Bbox, outer: Bbox, slack: float = 0.5) -> bool:
    return (outer.x0 - slack <= inner.x0 and inner.x1 <= outer.x1 + slack and outer.y0 - slack <= inner.y0
            and inner.y1 <= outer.y1 + slack)


def every_text(artists, renderer) -> dict[str, Bbox]:
    """Every visible text of the figure with its box: names, headings, dates, months, legend, box, title."""
    figure = artists.figure
    texts = list(figure.texts) + list(artists.ax.texts) + list(artists.months)
    for legend in figure.legends:
        texts += [*legend.get_texts(), legend.get_title()]
    return {f"{i}:{text.get_text()}": text.get_window_extent(renderer) for i, text in enumerate(texts)
            if text.get_text() and text.get_visible()}


# --- Files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-"), ("PNG", b"\x89PNG")])
def test_save_gantt_writes_valid_images(tmp_path, suffix, magic):
    path = save_gantt(nesseby(), pilots(), tmp_path / f"plan.{suffix}", today=date(2019, 10, 1))
    data = path.read_bytes()
    assert data.startswith(magic) and len(data) > 5000
    if suffix == "pdf":
        assert data.rstrip().endswith(b"%%EOF")


def test_save_gantt_writes_svg_with_real_text_and_the_same_file_twice(tmp_path):
    a = save_gantt(nesseby(), pilots(), tmp_path / "a.svg", today=date(2019, 10, 1)).read_bytes()
    root = ET.fromstring(a)
    assert root.tag == f"{SVG}svg"
    text = a.decode()
    assert "Milepælsplan" in text and "Sluttvurdering" in text and "Uten dato" in text
    assert save_gantt(nesseby(), pilots(), tmp_path / "b.svg", today=date(2019, 10, 1)).read_bytes() == a


def test_the_format_may_be_given_and_a_wrong_one_is_refused_before_drawing(tmp_path):
    path = save_gantt(nesseby(), [], tmp_path / "milepaelsplan", fmt="svg")
    assert ET.fromstring(path.read_bytes()).tag == f"{SVG}svg"
    for name, fmt in (("plan.jpg", None), ("plan.png", "gif")):
        with pytest.raises(InvalidInputError) as info:
            save_gantt(nesseby(), [], tmp_path / name, fmt)
        assert info.value.reason == "bad_image_format"
        assert not (tmp_path / name).exists()


# --- Where things are -------------------------------------------------------------------------------


def test_a_milestone_dated_later_is_drawn_further_right_and_inside_the_axes():
    artists, renderer = drawn(nesseby(), pilots())
    axes = artists.ax.get_window_extent(renderer)
    dated = sorted((m for m in nesseby() if m.due), key=lambda m: m.due)
    ids = {m.title: m.id for m in nesseby()}
    xs = []
    for m in dated:
        diamond = artists.diamonds[ids[m.title]]
        box = diamond.get_window_extent(renderer)
        assert inside(box, axes), m.title
        xs.append(artists.ax.transData.transform((diamond.get_xdata()[0], 0))[0])
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert [artists.diamonds[ids[m.title]].get_xdata()[0] for m in dated] == [m.due.toordinal() for m in dated]


def test_pilots_are_bars_from_their_first_to_their_last_day_inside_the_axes():
    artists, renderer = drawn(nesseby(), pilots())
    axes = artists.ax.get_window_extent(renderer)
    by_title = {p.title: p for p in pilots()}
    assert set(artists.bars) == {by_title["Nærværsteam"].id, by_title["Tverrfaglig observasjon i barnehagen"].id}
    for pilot in pilots()[:2]:
        pilot = by_title[pilot.title]
        bar = artists.bars[pilot.id]
        assert inside(bar.get_window_extent(renderer), axes)
        assert bar.get_x() == pytest.approx(pilot.start.toordinal())
        assert bar.get_x() + bar.get_width() == pytest.approx(pilot.end.toordinal() + 1)
    early, late = (artists.bars[by_title[name].id].get_window_extent(renderer)
                   for name in ("Tverrfaglig observasjon i barnehagen", "Nærværsteam"))
    assert early.x1 < late.x0  # March-June ends before August starts


def test_milestones_without_a_day_are_listed_beside_the_timeline_not_guessed_onto_it():
    artists, renderer = drawn(nesseby(), pilots())
    undated = {m.id for m in nesseby() if m.due is None} | {pilots()[2].id}
    assert not undated & set(artists.diamonds) and not undated & set(artists.bars)
    lines = [text.get_text() for text in artists.undated]
    assert lines[0] == "Uten dato"
    box = " ".join(lines[1:])
    assert "September 2018: Etablere" in box and "Vår 2019, vår 2020: Underveisvurdering" in box
    assert "Prosjektperiodens slutt: Rapportering" in box and "fra 10.1.2020: Foreldrekurs COS-P" in box
    axes = artists.ax.get_window_extent(renderer)
    assert all(text.get_window_extent(renderer).x0 > axes.x1 for text in artists.undated)


def test_each_milestone_has_its_phases_colour_and_each_phase_a_heading_and_a_legend_entry():
    artists, _ = drawn(nesseby(), pilots())
    for m in nesseby():
        if m.due:
            assert to_hex(artists.diamonds[m.id].get_markerfacecolor()) == PHASE_COLOURS[m.phase].lower()
    assert [text.get_text() for text in artists.headings.values()] == [
        "Innsikt", "Tjenesteutvikling", "Pilotering", "Overgang til drift", "Utprøvinger"]
    [legend] = artists.figure.legends
    assert [text.get_text() for text in legend.get_texts()] == [
        "Innsikt", "Tjenesteutvikling", "Pilotering", "Overgang til drift", "Utprøving"]
    assert len(set(PHASE_COLOURS.values())) == 6


def test_months_run_along_the_bottom_in_norwegian_with_the_year_under_january():
    artists, _ = drawn(nesseby(), pilots())
    months = [text.get_text() for text in artists.months]
    assert months[0] == "jan\n2019"  # November 2018 to December 2020: every third month from January
    assert "jan\n2019" in months and "jan\n2020" in months
    assert {label.split("\n")[0] for label in months} <= {"jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug",
                                                           "sep", "okt", "nov", "des"}
    ticks = [tick for tick in artists.ax.get_xticks()]
    assert ticks == sorted(ticks) and all(date.fromordinal(int(tick)).day == 1 for tick in ticks)


def test_today_is_a_line_when_it_is_on_the_axis():
    artists, _ = drawn(nesseby(), pilots(), today=date(2019, 10, 1))
    assert artists.today.get_text() == "I dag"
    assert [line.get_xdata()[0] for line in artists.ax.lines if line.get_gid() == "today-line"] == [
        date(2019, 10, 1).toordinal()]
    later, _ = drawn(nesseby(), pilots(), today=date(2030, 1, 1))
    assert later.today is None and not [line for line in later.ax.lines if line.get_gid() == "today-line"]


# --- Nothing overlaps, nothing is cut off ----------------------------------------------------------------


@pytest.mark.parametrize("today", [None, date(2019, 10, 1)])
def test_no_two_texts_overlap_and_every_text_stays_on_the_page(today):
    artists, renderer = drawn(nesseby(), pilots(), today=today)
    boxes = every_text(artists, renderer)
    assert overlapping(boxes) == []
    page = artists.figure.bbox
    assert all(inside(box, page) for box in boxes.values())
    axes = artists.ax.get_window_extent(renderer)
    for label in artists.labels.values():  # names stay left of the timeline, dates on it
        assert label.get_window_extent(renderer).x1 < axes.x0, label.get_text()
    for text in artists.dates.values():
        assert inside(text.get_window_extent(renderer), axes), text.get_text()


def test_a_long_name_is_shortened_with_an_ellipsis_or_wrapped_never_cut_by_the_page():
    artists, renderer = drawn(nesseby(), pilots())
    long = next(m for m in nesseby() if m.title.startswith("Kompetanseheving"))
    text = artists.labels[long.id].get_text()
    assert text.replace("\n", " ").startswith("Kompetanseheving: Kommunedag om")
    assert text.endswith("…") or text.replace("\n", " ") == long.title


def test_a_crowded_plan_shrinks_its_text_and_says_how_many_rows_did_not_fit():
    phases = ["forankring", "innsikt", "tjenesteutvikling", "pilotering", "overgang_til_drift", "ny_praksis", ""]
    many = [Milestone(P, f"Milepæl nummer {k} med en ganske lang tittel som må kortes ned", date(2015, 1, 1)
                      + timedelta(days=61 * k), phase=phases[k % 7]) for k in range(60)]
    many += [Milestone(P, f"Milepæl uten dato {k}", due_text=f"Høst {2019 + k}") for k in range(40)]
    artists, renderer = drawn(many, today=date(2018, 1, 1))
    assert artists.fontsize >= 7
    assert artists.more is not None and artists.more.get_text().startswith("… og ")
    hidden = int(artists.more.get_text().split()[2])
    assert len(artists.diamonds) + hidden == 60
    assert artists.undated[-1].get_text().startswith("… og ")
    boxes = every_text(artists, renderer)
    assert overlapping(boxes) == []
    assert all(inside(box, artists.figure.bbox) for box in boxes.values())
    months = [text.get_text() for text in artists.months]
    assert months[:3] == ["2015", "2016", "2017"]  # ten years: a label a year


def test_an_empty_plan_says_so():
    artists, _ = drawn([], [])
    assert [text.get_text() for text in artists.ax.texts] == ["Ingen milepæler eller utprøvinger har dato ennå."]
    assert artists.diamonds == {} and artists.bars == {} and artists.undated == []


# --- Free text and words ----------------------------------------------------------------------------------


def test_dollars_script_tags_and_phone_numbers_are_drawn_as_safe_text(tmp_path):
    plan = [Milestone(P, "Budsjett $x$ <script>alert(1)</script>", date(2021, 3, 1), phase="innsikt"),
            Milestone(P, r"Mathtext \frac{1}{2} $\alpha$, ring 912 34 567", date(2021, 5, 1))]
    artists, _ = drawn(plan, title="Plan $5 & <b>fet</b>")
    labels = [text.get_text() for text in artists.labels.values()]
    assert "Budsjett $x$ <script>alert(1)</script>" in labels
    assert any(r"$\alpha$" in text and "[telefon]" in text and "912" not in text for text in labels)
    assert all(not text.get_parse_math() for text in artists.labels.values())
    svg = save_gantt(plan, [], tmp_path / "plan.svg", title="Plan $5 & <b>fet</b>").read_bytes()
    root = ET.fromstring(svg)
    assert not [el for el in root.iter() if el.tag.endswith("script") or el.tag.endswith("}b")]
    assert "&lt;script&gt;" in svg.decode()


def test_the_text_alternative_says_what_the_picture_shows():
    text = gantt_alt_text(nesseby(), pilots(), today=date(2019, 10, 1))
    assert text.startswith("Milepælsplan med 8 milepæler og 3 utprøvinger, fra november 2018 til desember 2020. ")
    assert "Innsikt: Ferdigstille prosjektplan (1. november 2018, nådd)." in text
    assert ("Overgang til drift: Sluttvurdering (30. juni 2020), Tverrfaglig samarbeidsform vedtas i kommunestyret "
            "(10. desember 2020).") in text
    assert ("Utprøvinger: Tverrfaglig observasjon i barnehagen, Barnehagen (1. mars 2019–14. juni 2019), "
            "Nærværsteam, Ungdomsskolen (15. august 2019–20. desember 2019).") in text
    assert ("Uten dato: Etablere arbeidsgruppe (September 2018), Underveisvurdering (Vår 2019, vår 2020), "
            "Rapportering (Prosjektperiodens slutt), Foreldrekurs COS-P (fra 10.1.2020).") in text
    assert text.endswith("I dag er 1. oktober 2019.")
    assert gantt_alt_text([]) == "Milepælsplan uten milepæler og utprøvinger."
    assert gantt_alt_text([Milestone(P, "Sluttrapport", due_text="Høst 2022")]) == (
        "Milepælsplan med 1 milepæl og ingen utprøvinger; ingen av dem har dato ennå. "
        "Uten dato: Sluttrapport (Høst 2022).")


def test_draw_gantt_gives_the_figure():
    figure = draw_gantt(nesseby(), pilots())
    assert figure.get_size_inches() == pytest.approx((11.69, 8.27))
