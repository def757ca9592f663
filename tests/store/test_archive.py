"""Whole workshops out to the export format and back in."""

from samskaping.core.models import now
from samskaping.ideas.model import Concept, ConceptFeedback


def test_concept_comments_stay_with_their_own_answer_when_answers_share_a_time(store, workshop):
    """Answers with the same ``created`` (an import does that) keep their own comments on export.

    The export once paired the answer rows with their comments by position, from two
    queries in different orders: the second concept's comment went to the first.
    """
    late = store.concepts.save(Concept(workshop.id, "Leksehjelp på biblioteket", id="b-concept"))
    early = store.concepts.save(Concept(workshop.id, "Foreldrekurs", id="a-concept"))
    at = now()
    store.concepts.save_feedback(ConceptFeedback(late.id, "s1", "bra", "Passer for de minste", created=at))
    store.concepts.save_feedback(ConceptFeedback(early.id, "s2", "ikke_bra", "For dyrt", created=at))

    rows = store.archive.export_workshop(workshop.id)["concept_feedback"]

    assert {row["concept_id"]: row["comment"] for row in rows} == {
        "b-concept": "Passer for de minste",
        "a-concept": "For dyrt",
    }
