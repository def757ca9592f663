"""The journey map: files, cards that never overlap, handovers and waits that show, safe text."""

from __future__ import annotations

import random
import time
import xml.etree.ElementTree as ET

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers import overlapping
from samskaping.core.exceptions import InvalidInputError
from samskaping.journeys.analysis import compare_text, handovers
from samskaping.journeys.demo import demo_journeys
from samskaping.journeys.model import DEFAULT_PHASES, SERVICES, TOUCHPOINTS, Journey, Step
from samskaping.journeys.plot import (
    A3_LANDSCAPE,
    EXPERIENCE_COLOURS,
    HANDOVER_COLOUR,
    PAIN_COLOUR,
    UNCOORDINATED_COLOUR,
    draw_comparison,
    draw_journey,
    save_comparison,
    save_journey,
)

W = "w1"
SVG = "{http://www.w3.org/2000/svg}"
WORDS = ["møte", "med", "skolen", "om", "fravær", "og", "plan", "videre", "oppfølging", "henvisning", "kartlegging"]


def big_journey(n_steps: int = 30, n_services: int = 10, *, seed: int = 2024) -> tuple[Journey, list[Step]]:
    """``n_steps`` steps spread over ``n_services`` services and the six default phases."""
    rng = random.Random(seed)
    journey = Journey(W, "Stor reise")
    names = list(SERVICES[1:]) + ["familie"]
    steps = []
    for i in range(n_steps):
        service = names[i % n_services] if i < n_services else rng.choice(names[:n_services])
        steps.append(Step(
            journey.id, i, DEFAULT_PHASES[min(i * 6 // n_steps, 5)], service, rng.choice(TOUCHPOINTS),
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 16))),
            experience=rng.randint(-2, 2), pain_point="vondt" if rng.random() < 0.3 else "",
            wait_days=rng.choice([None, 0, 3, 14, 42]), coordinator=rng.choice(["", "", "barnekoordinator"]),
            family_carries_info=rng.random() < 0.3,
        ))
    return journey, steps


def card_boxes(artists):
    artists.figure.canvas.draw()
    renderer = artists.figure.canvas.get_renderer()
    return renderer, {sid: card.get_window_extent(renderer) for sid, card in artists.cards.items()}




@pytest.fixture(scope="module")
def demo():
    return demo_journeys(W)


# --- Files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf", "PNG"])
def test_save_journey_writes_valid_files(tmp_path, demo, suffix):
    journey, steps = demo[0]
    data = save_journey(journey, steps, tmp_path / f"reise.{suffix}").read_bytes()
    kind = suffix.lower()
    if kind == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    elif kind == "pdf":
        assert data.startswith(b"%PDF")
    else:
        assert ET.fromstring(data).tag == f"{SVG}svg"


def test_svg_keeps_free_text_literal_and_escaped(tmp_path):
    journey = Journey(W, 'Sak <b>"1"</b> & $x^2$', phases=("Før & etter", "<Tiltak>"))
    steps = [
        Step(journey.id, 0, "Før & etter", "skole <i>", "møte", "a<b & c", coordinator="$rektor$"),
        Step(journey.id, 1, "<Tiltak>", "PPT", "brev", "Vent", wait_days=14),
    ]
    root = ET.fromstring(save_journey(journey, steps, tmp_path / "reise.svg").read_bytes())
    texts = " ".join(" ".join(element.itertext()) for element in root.iter(f"{SVG}text"))
    for literal in ('Sak <b>"1"</b> & $x^2$', "Før & etter", "<Tiltak>", "a<b & c", "14 d"):
        assert literal in texts, literal
    assert "Skole <i>" in texts


def test_the_same_journey_gives_the_same_svg(tmp_path, demo):
    journey, steps = demo[0]
    assert (save_journey(journey, steps, tmp_path / "a.svg").read_bytes()
            == save_journey(journey, steps, tmp_path / "b.svg").read_bytes())


def test_other_formats_are_refused_before_drawing(tmp_path, demo):
    journey, steps = demo[0]
    with pytest.raises(InvalidInputError) as info:
        save_journey(journey, steps, tmp_path / "reise.jpg")
    assert info.value.reason == "bad_image_format" and "'reise.jpg'" in str(info.value)
    assert not (tmp_path / "reise.jpg").exists()


def test_save_comparison_writes_png_and_pdf(tmp_path, demo):
    (today, today_steps), (wanted, wanted_steps) = demo
    for suffix, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF")):
        path = save_comparison(today, today_steps, wanted, wanted_steps, tmp_path / f"sammenligning.{suffix}")
        assert path.read_bytes().startswith(magic)


# --- A crowded map ------------------------------------------------------------------------------


def test_thirty_steps_in_ten_services_on_a3_without_overlapping_cards():
    journey, steps = big_journey()
    started = time.perf_counter()
    artists = draw_journey(journey, steps)
    assert time.perf_counter() - started < 5
    assert isinstance(artists.figure, Figure)
    assert tuple(artists.figure.get_size_inches()) == pytest.approx(A3_LANDSCAPE)
    assert len(artists.lane_labels) == 10

    renderer, boxes = card_boxes(artists)
    assert set(boxes) == {s.id for s in steps}
    assert overlapping(boxes) == []
    axes = artists.ax.get_window_extent(renderer)
    for box in boxes.values():
        assert axes.x0 <= box.x0 and box.x1 <= axes.x1 and axes.y0 <= box.y0 and box.y1 <= axes.y1
        assert box.width > 40 and box.height > 20  # a card still has room for words (pixels at 100 dpi)
    assert len(artists.arrows) == len(steps) - 1
    assert len(artists.handover_arrows) == len(handovers(steps))


@pytest.mark.parametrize(
    "lanes", [["PPT"], ["PPT", "skole"], ["PPT", "skole", "PPT", "PPT", "familie", "NAV"]], ids=["one", "two", "mixed"]
)
def test_cards_in_one_lane_and_phase_stack_without_overlap(lanes):
    journey = Journey(W, "Tett", phases=("Kartlegging",))
    steps = [Step(journey.id, i, "Kartlegging", lanes[i % len(lanes)], "møte", f"Steg {i + 1} med tekst")
             for i in range(30)]
    artists = draw_journey(journey, steps)
    _, boxes = card_boxes(artists)
    assert len(boxes) == 30 and overlapping(boxes) == []
    # Within a phase the order of the steps reads left to right.
    xs = [artists.positions[s.id][0] for s in steps]
    assert xs == sorted(xs)


def test_cards_text_fits_or_ends_in_an_ellipsis():
    journey = Journey(W, "Lang tekst")
    long_text = "Foreldrene forteller historien på nytt " * 12
    steps = [Step(journey.id, 0, DEFAULT_PHASES[0], "PPT", "møte", long_text),
             Step(journey.id, 1, DEFAULT_PHASES[0], "NAV", "møte", "Kort")]
    artists = draw_journey(journey, steps)
    assert artists.card_texts[steps[0].id].get_text().endswith("…")
    assert artists.card_texts[steps[1].id].get_text() == "Kort"
    assert artists.card_texts[steps[0].id].get_clip_path() is not None


# --- What the map shows ---------------------------------------------------------------------------


@pytest.fixture
def small():
    journey = Journey(W, "Skolefravær", phases=("Bekymring", "Kartlegging", "Tiltak"))
    steps = [
        Step(journey.id, 0, "Bekymring", "skole", "møte", "Lærer ser fravær", coordinator="kontaktlærer"),
        Step(journey.id, 1, "Bekymring", "familie", "telefon", "Foreldrene ringer", family_carries_info=True,
             experience=-1, wait_days=3),
        Step(journey.id, 2, "Kartlegging", "PPT", "brev", "Henvisning", wait_days=42, pain_point="Lang ventetid",
             experience=-2),
        Step(journey.id, 3, "Tiltak", "BUP", "møte", "Samtaler", wait_days=14, coordinator="barnekoordinator",
             experience=1),
        Step(journey.id, 4, "Tiltak", "NAV", "digitalt", "Søknad", wait_days=5, coordinator="barnekoordinator"),
    ]
    return journey, steps


def test_lanes_put_the_family_first_then_services_in_order_of_appearance(small):
    artists = draw_journey(*small)
    assert list(artists.lane_labels) == ["familie", "skole", "PPT", "BUP", "NAV"]
    assert [t.get_text() for t in artists.lane_labels.values()] == ["Familien", "Skolen", "PPT", "BUP", "NAV"]
    assert [t.get_text() for t in artists.phase_labels.values()] == ["Bekymring", "Kartlegging", "Tiltak"]
    family_y = artists.positions[small[1][1].id][1]
    assert all(family_y > y for sid, (_, y) in artists.positions.items() if sid != small[1][1].id)


def test_handovers_are_thick_coloured_arrows_with_the_wait_written_on_them(small):
    journey, steps = small
    artists = draw_journey(journey, steps)
    assert len(artists.arrows) == 4
    assert len(artists.handover_arrows) == len(handovers(steps)) == 3
    colours = [to_hex(arrow.get_edgecolor()) for arrow in artists.handover_arrows]
    assert colours == [UNCOORDINATED_COLOUR.lower(), UNCOORDINATED_COLOUR.lower(), HANDOVER_COLOUR.lower()]
    plain = [arrow for arrow in artists.arrows if arrow not in artists.handover_arrows]
    assert all(arrow.get_linewidth() < h.get_linewidth() for arrow in plain for h in artists.handover_arrows)
    assert [label.get_text() for label in artists.wait_labels] == ["3 d", "42 d", "14 d", "5 d"]


def test_pain_points_missing_coordinators_and_carried_information_are_marked(small):
    journey, steps = small
    artists = draw_journey(journey, steps)
    pain = artists.cards[steps[2].id]
    assert to_hex(pain.get_edgecolor()) == PAIN_COLOUR.lower() and pain.get_linewidth() >= 2
    assert to_hex(artists.cards[steps[0].id].get_edgecolor()) != PAIN_COLOUR.lower()
    assert set(artists.no_coordinator_marks) == {steps[1].id, steps[2].id}
    assert set(artists.coordinator_marks) == {steps[0].id, steps[3].id, steps[4].id}
    assert artists.cards[steps[1].id].get_linestyle() != artists.cards[steps[0].id].get_linestyle()
    assert set(artists.family_marks) == {steps[1].id}
    assert [artists.touchpoint_marks[s.id].get_text() for s in steps] == ["M", "T", "B", "M", "D"]
    assert [artists.numbers[s.id].get_text() for s in steps] == ["1", "2", "3", "4", "5"]


def test_the_experience_curve_has_a_point_per_step_and_marks_low_points(small):
    journey, steps = small
    artists = draw_journey(journey, steps)
    assert len(artists.emotion_line.get_xdata()) == 5
    colours = [to_hex(c) for c in artists.emotion_points.get_facecolors()]
    assert colours == [EXPERIENCE_COLOURS[s.experience].lower() for s in steps]
    assert len(artists.low_point_marks.get_offsets()) == 2
    ys = artists.emotion_line.get_ydata()
    assert ys[2] < ys[1] < ys[0] < ys[3]
    assert max(ys) < min(y for _, y in artists.positions.values())  # below the lanes


def test_title_and_counts_are_in_the_language_asked_for(small):
    nb = draw_journey(*small)
    assert nb.title.get_text() == "Dagens tjenestereise: Skolefravær"
    assert nb.stats.get_text().startswith("4 tjenester · 3 overganger, 2 uten koordinering · 64 dager")
    en = draw_journey(*small, lang="en")
    assert en.title.get_text() == "Today's service journey: Skolefravær"
    assert [t.get_text() for t in en.lane_labels.values()][:2] == ["The family", "School"]
    assert [en.touchpoint_marks[s.id].get_text() for s in small[1]] == ["M", "P", "L", "M", "D"]
    legend = [t.get_text() for t in en.legend.get_texts()]
    assert "Handover nobody coordinates" in legend and "Pain point" in legend


def test_a_phase_the_journey_lacks_gets_a_column_of_its_own(small):
    journey, steps = small
    steps = steps + [Step(journey.id, 5, "Etterpå", "NAV", "møte", "Ny fase")]
    artists = draw_journey(journey, steps)
    assert list(artists.phase_labels) == ["Bekymring", "Kartlegging", "Tiltak", "Etterpå"]
    assert artists.positions[steps[5].id][0] > max(x for sid, (x, _) in artists.positions.items() if sid != steps[5].id)


def test_an_empty_journey_says_so(small):
    journey, _ = small
    artists = draw_journey(journey, [])
    assert artists.cards == {} and artists.arrows == []
    assert any(text.get_text() == "Ingen steg ennå" for text in artists.ax.texts)


def test_drawing_on_a_given_axes(small):
    figure = Figure(figsize=(10, 6))
    ax = figure.add_subplot()
    artists = draw_journey(*small, ax=ax, legend=False)
    assert artists.ax is ax and artists.figure is figure and artists.legend is None
    assert len(artists.cards) == 5


def test_comparison_stacks_today_above_wanted_with_the_differences_as_caption(demo):
    (today, today_steps), (wanted, wanted_steps) = demo
    artists = draw_comparison(today, today_steps, wanted, wanted_steps)
    assert tuple(artists.figure.get_size_inches()) == pytest.approx(A3_LANDSCAPE)
    assert artists.today.ax.get_position().y0 > artists.wanted.ax.get_position().y1
    assert artists.today.title.get_text().startswith("Dagens tjenestereise")
    assert artists.wanted.title.get_text().startswith("Ønsket tjenestereise")
    caption = "\n".join(text.get_text() for text in artists.caption)
    assert caption.split("\n") == compare_text(today, today_steps, wanted, wanted_steps)
    assert len(artists.today.handover_arrows) == len(handovers(today_steps))
    for side in (artists.today, artists.wanted):
        _, boxes = card_boxes(side)
        assert overlapping(boxes) == []
