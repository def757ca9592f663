"""Warm pages for the room: ``serve --room N`` and the facilitator's number keep that many kernels ready."""

from __future__ import annotations

import pytest

from samskaping.core.models import Workshop
from samskaping.server.warm import KERNEL_MB
from samskaping.store import open_store
from security.raw_http import PARTICIPANT_PAGE, kernel_id, request, wait_for

pytestmark = pytest.mark.slow

FACILITATOR_POOL = 1  # serve keeps one facilitator kernel warm as well


def test_serve_room_keeps_that_many_participant_pages_warm(make_voila_server):
    server = make_voila_server(pool_size=1, config={"room": 5})
    assert wait_for(lambda: server.kernel_count() == 5 + FACILITATOR_POOL, 90), server.kernel_count()
    # Two phones join: three are still to come, so three stay warm (Voilà's own refill is trimmed back).
    for _ in range(2):
        assert wait_for(lambda: kernel_id(request(server, "GET", PARTICIPANT_PAGE)[2]) is not None, 60)
    assert wait_for(lambda: server.kernel_count() == 5 + FACILITATOR_POOL, 30), server.kernel_count()


def test_the_facilitators_number_reaches_the_server(make_voila_server):
    server = make_voila_server(pool_size=1)
    assert wait_for(lambda: server.kernel_count() == 1 + FACILITATOR_POOL, 60)
    store = open_store(server.data_dir)
    store.room.expect(store.workshops.create(Workshop("Stor samling")).id, 4)
    assert wait_for(lambda: server.kernel_count() == 4 + FACILITATOR_POOL, 90), server.kernel_count()


def test_the_memory_budget_caps_the_warm_pages(make_voila_server):
    server = make_voila_server(pool_size=1, config={"room": 40, "room_memory_mb": 3 * KERNEL_MB})
    assert wait_for(lambda: server.kernel_count() == 3 + FACILITATOR_POOL, 90), server.kernel_count()
    assert not wait_for(lambda: server.kernel_count() > 3 + FACILITATOR_POOL, 6), server.kernel_count()
