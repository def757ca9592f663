"""The risk matrix: files, Nesseby's orientation, every label inside its own cell, safe text, the text alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from helpers import overlapping
from samskaping.core.exceptions import InvalidInputError
from samskaping.risks.model import LEVEL_SHADES, Risk, Thresholds
from samskaping.risks.plot import cell_labels, draw_matrix, matrix_alt_text, risk_labels, save_matrix

P = "p1"
SVG = "{http://www.w3.org/2000/svg}"


def nesseby() -> list[Risk]:
    """The four risks of Nesseby's plan, as its table scores them."""
    return [
        Risk(P, "Koordinator utfører ikke sine arbeidsoppgaver", 1, 2, nr=1),
        Risk(P, "Prosjektet forankres ikke blant ansatte", 4, 4, nr=2),
        Risk(P, "Medlemmer i arbeidsgruppa tar ikke sitt ansvar", 2, 2, nr=3),
        Risk(P, "Brukerstemmen tas ikke med i prosjektarbeidet", 3, 4, nr=4),
    ]


def crowded() -> list[Risk]:
    """Eight risks in one cell, three in another, two-digit numbers, one in a corner."""
    risks = [Risk(P, f"Risiko i midten {k}", 3, 3, nr=10 + k) for k in range(8)]
    risks += [Risk(P, f"Alvorlig risiko {k}", 2, 5, nr=20 + k) for k in range(3)]
    return risks + nesseby() + [Risk(P, "Svært sannsynlig, men ubetydelig", 5, 1, nr=5)]


def cell_box(figure: Figure, likelihood: int, consequence: int) -> Bbox:
    ax = figure.axes[0]
    return Bbox(ax.transData.transform([(consequence - 0.5, likelihood - 0.5), (consequence + 0.5, likelihood + 0.5)]))


def inside(inner: Bbox, outer: Bbox) -> bool:
    return outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1


def drawn(risks, **kwargs):
    figure = draw_matrix(risks, **kwargs)
    figure.canvas.draw()
    return figure, figure.canvas.get_renderer()


# --- Files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF"), ("PNG", b"\x89PNG")])
def test_save_matrix_writes_valid_images(tmp_path, suffix, magic):
    path = save_matrix(crowded(), tmp_path / f"ros.{suffix}")
    assert path.read_bytes().startswith(magic)


def test_save_matrix_writes_svg_with_real_text_and_the_same_file_twice(tmp_path):
    risks = crowded()
    a = save_matrix(risks, tmp_path / "a.svg").read_bytes()
    assert ET.fromstring(a).tag == f"{SVG}svg"
    assert "Nr. 2" in a.decode() and "Risikomatrise" in a.decode()
    assert save_matrix(risks, tmp_path / "b.svg").read_bytes() == a


def test_the_format_may_be_given_and_a_wrong_one_is_refused_before_drawing(tmp_path):
    path = save_matrix(nesseby(), tmp_path / "risikomatrise", fmt="svg")
    assert ET.fromstring(path.read_bytes()).tag == f"{SVG}svg"
    for name, fmt in (("ros.jpg", None), ("ros.png", "gif")):
        with pytest.raises(InvalidInputError) as info:
            save_matrix(nesseby(), tmp_path / name, fmt)
        assert info.value.reason == "bad_image_format"
        assert not (tmp_path / name).exists()


# --- Orientation and cells --------------------------------------------------------------------


def test_likelihood_runs_up_and_consequence_across_as_in_nessebys_plan():
    figure, renderer = drawn([Risk(P, "Svært sannsynlig, ubetydelig", 5, 1, nr=7)])
    ax = figure.axes[0]
    assert ax.get_xlabel() == "Konsekvens" and ax.get_ylabel() == "Sannsynlighet"
    across = [label.get_text().split("\n")[0] for label in ax.get_xticklabels()]
    up = [label.get_text().rsplit(" ", 1)[0].strip() for label in ax.get_yticklabels()]
    assert across == ["Ubetydelig", "Lav", "Moderat", "Alvorlig", "Svært alvorlig"]  # left to right
    assert up == ["Meget liten", "Liten", "Moderat", "Stor", "Meget stor"]  # bottom to top
    assert [t.get_position()[1] for t in ax.get_yticklabels()] == [1, 2, 3, 4, 5]
    # The risk with likelihood 5 and consequence 1 sits top left.
    label = risk_labels(figure)[figure_risk_id(figure)]
    box, axes = label.get_window_extent(renderer), ax.get_window_extent(renderer)
    assert box.x1 < axes.x0 + axes.width / 5 and box.y0 > axes.y1 - axes.height / 5
    assert label.get_text() == "Nr. 7"


def figure_risk_id(figure: Figure) -> str:
    [risk_id] = risk_labels(figure)
    return risk_id


def test_each_cell_is_shaded_by_its_level_and_says_the_level_in_words():
    thresholds = Thresholds(middels=4, hoy=12)
    figure, _ = drawn([], thresholds=thresholds)
    ax = figure.axes[0]
    cells = {patch.get_gid(): patch for patch in ax.patches if (patch.get_gid() or "").startswith("cell-")}
    assert len(cells) == 25
    words = {"lav": "Lav", "middels": "Middels", "hoy": "Høy"}
    for (likelihood, consequence), text in cell_labels(figure).items():
        level = thresholds.level(likelihood * consequence)
        assert to_hex(cells[f"cell-{likelihood}-{consequence}"].get_facecolor()) == LEVEL_SHADES[level].lower()
        assert text.get_text() == f"{words[level]} ({likelihood * consequence})"
    assert len(cell_labels(figure)) == 25
    assert len(set(LEVEL_SHADES.values())) == 3


# --- Labels -----------------------------------------------------------------------------------


def test_every_label_sits_inside_its_own_cell_and_no_two_overlap():
    risks = crowded()
    figure, renderer = drawn(risks)
    labels = risk_labels(figure)
    assert set(labels) == {r.id for r in risks}
    texts, chips = {}, {}
    for risk in risks:
        label = labels[risk.id]
        assert label.get_text() in (f"Nr. {risk.nr}", str(risk.nr))
        cell = cell_box(figure, risk.likelihood, risk.consequence)
        texts[risk.id] = label.get_window_extent(renderer)
        chips[risk.id] = label.get_bbox_patch().get_window_extent(renderer)
        assert inside(texts[risk.id], cell), risk.nr
        assert inside(chips[risk.id], cell), risk.nr
    assert overlapping(chips) == []
    assert overlapping(texts) == []
    corners = {f"corner{key}": text.get_window_extent(renderer) for key, text in cell_labels(figure).items()}
    assert overlapping({**corners, **chips}) == []


def test_a_lone_risk_is_large_enough_for_a_projector_and_eight_in_a_cell_still_readable():
    figure, _ = drawn(crowded())
    by_nr = {int(text.get_text().split()[-1]): text for text in risk_labels(figure).values()}
    assert by_nr[2].get_fontsize() >= 16 and by_nr[2].get_text() == "Nr. 2"
    assert min(by_nr[10 + k].get_fontsize() for k in range(8)) >= 9
    assert len({by_nr[10 + k].get_fontsize() for k in range(8)}) == 1  # one cell, one size


def test_a_cell_far_too_crowded_for_labels_lists_its_numbers_inside_the_cell():
    risks = [Risk(P, f"Risiko {k}", 5, 5, nr=100 + k) for k in range(40)] + [Risk(P, "Alene", 1, 1, nr=1)]
    figure, renderer = drawn(risks)
    labels = risk_labels(figure)
    assert set(labels) == {r.id for r in risks}
    listing = labels[risks[0].id]
    assert all(labels[r.id] is listing for r in risks[:40])
    assert inside(listing.get_window_extent(renderer), cell_box(figure, 5, 5))
    assert listing.get_text().startswith("100, 101")


def test_an_unnumbered_risk_is_shown_with_the_next_free_number():
    figure, _ = drawn([Risk(P, "A", 2, 2, nr=3), Risk(P, "B", 4, 4)])
    assert sorted(text.get_text() for text in risk_labels(figure).values()) == ["Nr. 3", "Nr. 4"]


# --- Free text --------------------------------------------------------------------------------


def test_dollars_and_script_tags_in_titles_are_drawn_as_written(tmp_path):
    risks = [Risk(P, "Budsjett $x$ kuttes <script>alert(1)</script>", 3, 3, nr=1),
             Risk(P, r"Mathtext \frac{1}{2} $\alpha$", 2, 2, nr=2)]
    figure, _ = drawn(risks, title="ROS $5 & <b>fet</b>")
    texts = [text for text in figure.texts if (text.get_gid() or "").startswith("key-")]
    shown = " ".join(text.get_text() for text in texts)
    assert "$x$" in shown and "<script>" in shown and r"$\alpha$" in shown
    assert all(not text.get_parse_math() for text in texts)
    assert figure.axes[0].get_title(loc="left") == "ROS $5 & <b>fet</b>"
    svg = save_matrix(risks, tmp_path / "ros.svg", title="ROS $5 & <b>fet</b>").read_bytes()
    root = ET.fromstring(svg)  # still well-formed XML
    assert not [el for el in root.iter() if el.tag.endswith("script") or el.tag.endswith("}b")]
    assert "&lt;script&gt;" in svg.decode()
    assert save_matrix(risks, tmp_path / "ros.png").read_bytes().startswith(b"\x89PNG")


def test_the_key_names_each_risk_and_stays_on_the_page():
    risks = [Risk(P, "Koordinator utfører ikke sine arbeidsoppgaver, og arbeidet med prosjektet stopper helt "
                     "opp i lang tid fordi ingen tar over", 1, 2, nr=1)] + nesseby()[1:]
    figure, renderer = drawn(risks)
    page = figure.bbox
    texts = [text for text in figure.texts if (text.get_gid() or "").startswith("key-")]
    assert texts[0].get_text().startswith("Nr. 1: Koordinator") and texts[1].get_text().endswith("…")
    assert any(text.get_text() == "Nr. 2: Prosjektet forankres ikke blant ansatte" for text in texts)
    for text in texts:
        assert inside(text.get_window_extent(renderer), page)
    assert overlapping([text.get_window_extent(renderer) for text in texts]) == []


def test_a_long_list_of_risks_ends_the_key_with_how_many_more():
    risks = [Risk(P, f"Risiko nummer {k}", 1 + k % 5, 1 + k // 5 % 5, nr=k + 1) for k in range(60)]
    figure, renderer = drawn(risks)
    more = [text for text in figure.texts if text.get_gid() == "key-more"]
    assert len(more) == 1 and more[0].get_text().startswith("… og ") and more[0].get_text().endswith(" til")
    assert inside(more[0].get_window_extent(renderer), figure.bbox)


# --- In words ---------------------------------------------------------------------------------


def test_the_text_alternative_lists_the_risks_by_level_with_their_numbers():
    assert matrix_alt_text(nesseby()) == (
        "Risikomatrise med 4 risikoer (sannsynlighet × konsekvens = risikoverdi). "
        "Høy: Nr. 2 (4 × 4 = 16), Nr. 4 (3 × 4 = 12). Middels: ingen. "
        "Lav: Nr. 3 (2 × 2 = 4), Nr. 1 (1 × 2 = 2)."
    )
    assert matrix_alt_text(nesseby(), thresholds=Thresholds(middels=4, hoy=16)) == (
        "Risikomatrise med 4 risikoer (sannsynlighet × konsekvens = risikoverdi). "
        "Høy: Nr. 2 (4 × 4 = 16). Middels: Nr. 4 (3 × 4 = 12), Nr. 3 (2 × 2 = 4). Lav: Nr. 1 (1 × 2 = 2)."
    )
    assert matrix_alt_text(nesseby()[:1]).startswith("Risikomatrise med 1 risiko ")
    assert matrix_alt_text([]) == (
        "Risikomatrise uten risikoer: sannsynlighet fra 1 til 5 oppover, konsekvens fra 1 til 5 bortover.")


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_the_matrix_speaks_the_language_asked_for(lang):
    from samskaping.core.i18n import t

    figure, _ = drawn(nesseby(), lang=lang)
    ax = figure.axes[0]
    assert ax.get_xlabel() == t("risk.axis.consequence", lang) and ax.get_ylabel() == t("risk.axis.likelihood", lang)
    assert sorted(text.get_text() for text in risk_labels(figure).values()) == [
        t("risk.matrix.label", lang, nr=n) for n in (1, 2, 3, 4)]
    assert cell_labels(figure)[5, 5].get_text() == t("risk.matrix.cell", lang, level=t("risk.level.hoy", lang),
                                                     score=25)


def test_a_callers_axes_get_the_matrix_and_labels_stay_in_their_cells():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = Figure(figsize=(6, 6))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    risks = crowded()
    assert draw_matrix(risks, ax=ax) is figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    labels = risk_labels(figure)
    for risk in risks:
        assert inside(labels[risk.id].get_window_extent(renderer), cell_box(figure, risk.likelihood, risk.consequence))
    assert overlapping({id(text): text.get_window_extent(renderer) for text in set(labels.values())}) == []
