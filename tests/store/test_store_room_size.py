"""How many participants a workshop expects: said on the facilitator page, read by the server."""

from __future__ import annotations

import pytest

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.models import Workshop
from samskaping.store.room import MAX_EXPECTED


def test_expected_participants_add_up_across_workshops_and_can_be_changed(store, workshop):
    other = store.workshops.create(Workshop("Ungdomsråd"))
    store.room.expect(workshop.id, 30)
    store.room.expect(other.id, 12)
    store.room.expect(workshop.id, 25)
    assert store.room.expected(workshop.id) == 25
    assert store.room.expected_now() == 37


def test_what_was_said_yesterday_keeps_nothing_warm_today(store, workshop):
    store.room.expect(workshop.id, 30)
    store.db.write(lambda db: db.execute("UPDATE expected_rooms SET at = '2026-01-01T09:00:00+00:00'"))
    assert store.room.expected(workshop.id) == 30
    assert store.room.expected_now() == 0


@pytest.mark.parametrize("bad", [-1, MAX_EXPECTED + 1])
def test_a_number_out_of_range_is_refused_and_the_old_one_kept(store, workshop, bad):
    store.room.expect(workshop.id, 20)
    with pytest.raises(InvalidInputError) as caught:
        store.room.expect(workshop.id, bad)
    assert caught.value.reason == "out_of_range"
    assert store.room.expected(workshop.id) == 20


def test_a_deleted_workshop_expects_nobody(store, workshop):
    store.room.expect(workshop.id, 30)
    store.workshops.delete(workshop.id)
    assert store.room.expected_now() == 0
