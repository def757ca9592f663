"""The translations: gettext .po files in step with the bokmål source, and every page in every language.

Which messages a page asks for is recorded while it runs (a recording catalogue), so "every
string a participant sees" is what the page really shows, not a list someone keeps.
"""

from __future__ import annotations

import shutil
import string
from collections.abc import Mapping

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import samskaping.core.i18n as i18n
from samskaping.cli import main
from samskaping.core.catalogue import CATALOGUE, LANGUAGES, NB, po
from samskaping.core.models import Workshop
from samskaping.ideas.model import Concept, Voting
from samskaping.pages.facilitator import FacilitatorPage
from samskaping.pages.ideas import IdeasPage
from samskaping.pages.journeys import JourneyPage
from samskaping.pages.participant import ParticipantPage
from samskaping.pages.request import PageRequest
from samskaping.pages.stakeholders import StakeholderPage
from samskaping.pages.wall import WallPage

TRANSLATED = [lang for lang in LANGUAGES if lang != "nb"]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class _Recording(Mapping):
    """``CATALOGUE`` as :func:`t` sees it, noting each key asked for in each language."""

    def __init__(self):
        self.asked: set[tuple[str, str]] = set()

    def __getitem__(self, lang):
        outer = self

        class Texts(dict):
            def get(self, key, default=None):
                outer.asked.add((lang, key))
                return super().get(key, default)

        return Texts(CATALOGUE[lang])

    def __iter__(self):
        return iter(CATALOGUE)

    def __len__(self):
        return len(CATALOGUE)

    def fallbacks(self, lang: str) -> set[str]:
        """Keys a page asked for in ``lang`` that ``lang`` lacks: shown in bokmål."""
        return {key for asked, key in self.asked if asked == lang and key in NB and key not in CATALOGUE[lang]}


@pytest.fixture
def recording(monkeypatch):
    catalogue = _Recording()
    monkeypatch.setattr(i18n, "CATALOGUE", catalogue)
    return catalogue


def test_every_po_file_is_in_step_with_the_bokmal_source():
    """Each language's file has exactly today's keys with today's bokmål: `translations update` would change nothing."""
    for lang in TRANSLATED:
        report = po.status(lang, NB)
        assert report.outdated == [] and report.bad_placeholders == [], lang
        keys = {m.context for m in po.read(lang) if m.context}
        assert keys == set(NB), (lang, sorted(keys ^ set(NB))[:5])


def test_the_template_is_what_pybabel_extracts():
    """`pybabel extract -F babel.cfg` (the extractor in po.py) gives every bokmål text under its key, as shipped."""
    extracted = {(context, text) for _, _, text, _, context in extract_from_dir(
        str(po.LOCALE_DIR.parent / "core" / "catalogue"),
        method_map=[("**.py", "samskaping.core.catalogue.po.extract")])}
    assert extracted == set((key, text) for key, text in NB.items())
    with (po.LOCALE_DIR / "samskaping.pot").open("rb") as file:
        shipped = {(m.context, m.id) for m in read_po(file) if m.id}
    assert shipped == extracted


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_nynorsk_and_english_translate_every_message_with_the_same_placeholders(lang):
    report = po.status(lang, NB)
    assert report.missing == [] and report.unreviewed == [], lang
    texts = CATALOGUE[lang]
    assert set(texts) == set(NB)
    for key, text in NB.items():
        assert _fields(texts[key]) == _fields(text), (lang, key)
        assert texts[key].strip(), (lang, key)


def test_nynorsk_is_nynorsk():
    """Written as a nynorsk municipality writes: the bokmål-only words are gone from the whole catalogue."""
    words = " ".join(CATALOGUE["nn"].values()).lower().split()
    for bokmaal in ("ikke", "hva", "hvordan", "hvem", "hvis", "bare", "fra", "jeg", "noen", "deltakere", "verksted"):
        assert bokmaal not in words, bokmaal
    for nynorsk in ("ikkje", "kva", "deltakarar", "verkstaden", "frå"):
        assert nynorsk in words, nynorsk


def test_north_sami_awaits_review_and_the_command_lists_it(capsys):
    report = po.status("se", NB)
    assert report.translated == [] and len(report.unreviewed) > 100  # none confirmed yet by a native speaker
    assert CATALOGUE["se"]["participant.send"] != NB["participant.send"]  # shown while awaiting review
    assert main(["translations", "review", "se"]) == 0
    out = capsys.readouterr().out
    assert f"{len(report.unreviewed)} tekster på Davvisámegiella venter på gjennomgang" in out
    assert "participant.send" in out and "fuzzy" in out


def test_translations_status_counts_each_language(capsys):
    assert main(["translations", "status", "--json"]) == 0
    import json

    rows = {row["lang"]: row for row in json.loads(capsys.readouterr().out)}
    assert set(rows) == set(TRANSLATED)
    assert rows["nn"]["translated"] == rows["nn"]["total"] == len(NB)
    assert rows["se"]["unreviewed"] + rows["se"]["missing"] == len(NB)


@pytest.fixture
def locale_copy(tmp_path, monkeypatch):
    """The shipped translations in a folder a test may edit, as a translator edits them."""
    folder = tmp_path / "locale"
    shutil.copytree(po.LOCALE_DIR, folder)
    monkeypatch.setattr(po, "LOCALE_DIR", folder)
    return folder


def _edit(folder, lang: str, key: str, change) -> None:
    path = folder / lang / "LC_MESSAGES" / "samskaping.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    message = next(m for m in catalog if m.context == key)
    change(message)
    from babel.messages.pofile import write_po

    with path.open("wb") as file:
        write_po(file, catalog)


def test_a_translator_corrects_a_language_by_editing_the_po_file_alone(locale_copy):
    _edit(locale_copy, "nn", "participant.send", lambda m: setattr(m, "string", "Send ideen din"))
    assert po.load("nn", NB)["participant.send"] == "Send ideen din"


def test_a_missing_or_broken_translation_falls_back_to_bokmal_for_that_message_only(locale_copy):
    _edit(locale_copy, "nn", "participant.send", lambda m: setattr(m, "string", ""))
    _edit(locale_copy, "nn", "participant.idea.counter", lambda m: setattr(m, "string", "{tal} av {max} teikn"))
    _edit(locale_copy, "nn", "participant.sent", lambda m: m.flags.add("fuzzy"))
    texts = po.load("nn", NB)
    assert "participant.send" not in texts and "participant.idea.counter" not in texts
    assert "participant.sent" not in texts  # fuzzy: awaiting a translator, so bokmål for now
    assert texts["participant.join.button"] == CATALOGUE["nn"]["participant.join.button"]
    report = po.status("nn", NB)
    assert report.missing == ["participant.send"] and report.bad_placeholders == ["participant.idea.counter"]


def test_a_changed_bokmal_text_keeps_the_old_translation_for_the_translator(locale_copy):
    source = dict(NB, **{"participant.send": "Send inn idé"})
    po.update("nn", source)
    [message] = [m for m in po.read("nn") if m.context == "participant.send"]
    assert message.fuzzy and message.string == CATALOGUE["nn"]["participant.send"]
    text = po.po_path("nn").read_text(encoding="utf-8")
    assert '#| msgid "Send idé"\nmsgctxt "participant.send"\nmsgid "Send inn idé"' in text  # what changed
    assert "participant.send" not in po.load("nn", source)  # not shown until a translator has looked
    assert po.status("nn", source).unreviewed == ["participant.send"]


def _participant_everywhere(store, workshop, lang: str) -> None:
    """A phone through the whole workshop, in ``lang``: join, register, send, vote, concepts, evaluation."""
    store.ideas.add(__import__("samskaping.ideas.model", fromlist=["Idea"]).Idea(workshop.id, "Leksehjelp"))
    store.concepts.save(Concept(workshop.id, "Nærværsteam", description="Fast team på hver skole"))
    wrong = ParticipantPage(store, PageRequest.from_query_string(f"kode=QQQQQQ&lang={lang}"))
    for _ in range(6):
        wrong.join("QQQQQQ")
    page = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}&lang={lang}"),
                           session_id="p1")
    page.arrival_group.value = "ungdom"
    page.send_button.click()  # empty: an error
    page.text.value = "Ring Kari på 912 34 567"
    page.send_button.click()  # personal data: the masked preview
    page.send_button.click()
    page.text.value = "x" * 1200
    store.votes.set_voting(Voting(workshop.id, dots=2, state="apen"))
    store.room.set_stage(workshop.id, "stemming")
    page.refresh()
    [idea] = [i for i in store.ideas.list(workshop.id) if i.text == "Leksehjelp"]
    page.ballot.add_dot(idea.id)
    page.ballot.add_dot(idea.id)
    page.ballot.add_dot(idea.id)
    store.votes.set_voting(Voting(workshop.id, dots=2, state="lukket"))
    page.refresh()
    store.room.set_stage(workshop.id, "konsepter", 4)
    page.refresh()
    [concept_id] = page.concepts.forms
    page.concepts.send(concept_id)
    from samskaping.risks.model import Risk

    risk = store.risks.save(Risk(store.projects.get(workshop.id).id, "Prosjektet forankres ikke", 3, 4))
    store.room.set_stage(workshop.id, "risiko")
    page.refresh()
    page.risk_round.send(risk.id)  # nothing chosen: the message
    likelihood, consequence, _ = page.risk_round.forms[risk.id]
    likelihood.value, consequence.value = 2, 5
    page.risk_round.send(risk.id)
    store.room.set_stage(workshop.id, "evaluering")
    page.refresh()
    page.evaluation.send_button.click()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_participant_reads_every_text_in_their_language(store, recording, lang):
    workshop = store.workshops.create(Workshop(title="Verkstad", question="Kva treng familiane?", lang=lang))
    _participant_everywhere(store, workshop, lang)
    asked = {key for asked_lang, key in recording.asked if asked_lang == lang}
    assert len(asked) > 60
    assert recording.fallbacks(lang) == set()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_staff_page_renders_without_a_missing_message(store, recording, lang, add_ideas):
    workshop = store.workshops.get(add_ideas("Leksehjelp", "Trygg skoleveg")[0].workshop_id)
    request = PageRequest.from_query_string(f"verksted={workshop.id}&lang={lang}")
    for page_class in (FacilitatorPage, WallPage, IdeasPage, StakeholderPage, JourneyPage):
        page = page_class(store, request)
        assert page.lang == lang
    asked = {key for asked_lang, key in recording.asked if asked_lang == lang}
    assert len(asked) > 100
    assert recording.fallbacks(lang) == set()


def test_staff_pages_of_a_sami_link_are_in_bokmal(store, workshop):
    page = WallPage(store, PageRequest.from_query_string(f"verksted={workshop.id}&lang=se"))
    assert page.lang == "nb"


def test_the_wall_speaks_the_workshops_language_unless_the_link_says_another(store):
    workshop = store.workshops.create(Workshop(title="Verkstad", lang="nn"))
    wall = WallPage(store, PageRequest.from_query_string(f"verksted={workshop.id}"))
    assert wall.lang == "nn" and 'data-sk-lang="nn"' in wall.head.value
    assert CATALOGUE["nn"]["facilitator.wall.empty"] in wall.ideas.value
    told = WallPage(store, PageRequest.from_query_string(f"verksted={workshop.id}&lang=en"))
    assert told.lang == "en"


@pytest.mark.parametrize("page_class", [FacilitatorPage, IdeasPage, StakeholderPage, JourneyPage])
def test_a_staff_page_linked_to_a_nynorsk_workshop_is_in_nynorsk(store, page_class):
    workshop = store.workshops.create(Workshop(title="Verkstad", lang="nn"))
    assert page_class(store, PageRequest.from_query_string(f"verksted={workshop.id}")).lang == "nn"
    assert page_class(store, PageRequest.from_query_string(f"verksted={workshop.id}&lang=nb")).lang == "nb"
    assert page_class(store, PageRequest.from_query_string("verksted=FINNESIKKE")).lang == "nb"


def test_the_facilitator_chooses_the_workshops_language(store):
    page = FacilitatorPage(store, PageRequest.from_query_string("lang=nn"))
    assert page.language.value == "nn"
    page.title.value, page.language.value = "Ungdomsverkstad i Unjárga", "se"
    workshop = page.create()
    assert workshop.lang == "se"
    phone = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"))
    assert phone.lang == "se" and phone.language.buttons.value == "se"
    assert CATALOGUE["se"]["participant.send"] == phone.send_button.description


def test_one_tap_switches_a_phone_mid_workshop_and_keeps_what_it_chose(store, workshop):
    phone = ParticipantPage(store, PageRequest.from_query_string(f"kode={workshop.join_code}"), session_id="p1")
    phone.arrival_group.value = "ungdom"
    phone.text.value = "Gratis trening i helgene"
    phone.send_button.click()
    store.votes.set_voting(Voting(workshop.id, dots=3, state="apen"))
    store.room.set_stage(workshop.id, "stemming")
    phone.refresh()
    phone.language.buttons.value = "nn"
    assert phone.lang == "nn"
    assert CATALOGUE["nn"]["ballot.title"] in "".join(w.value for w in phone.ballot.widget.children
                                                      if hasattr(w, "value") and isinstance(w.value, str))
    assert 'data-sk-chosen-lang="nn"' in phone.language.mark.value  # the kit's script puts lang=nn in the address
    assert len(store.room.arrivals(workshop.id)) == 1  # still one participant, still "ungdom"
    assert store.room.arrivals(workshop.id)[0].group == "ungdom"
    assert phone.stage_box.children == (phone.ballot.widget,)
    phone.language.buttons.value = "se"
    assert phone.send_button.description == CATALOGUE["se"]["participant.send"]
    assert phone.arrival_from.description == CATALOGUE["se"]["arrival.from"]
    assert phone.change_button.description == CATALOGUE["se"]["arrival.change"]
    assert CATALOGUE["se"]["participant.reminder"] in phone.header.value
