"""Warm pages for the room: as many participant kernels ready as phones are still to come.

A phone that finds a warm kernel has its form in about a second; one that
has to wait for a kernel to start waits several (far more when a whole room
arrives in the same minute on two cores). So the facilitator says how many
participants they expect (``serve --room N``, or on the facilitator page,
stored per workshop), and the server keeps that many participant kernels
warm, less the pages already open, refilling as phones join, never below
``serve``'s pool and never beyond a memory budget.

The budget: ``--SamskapingRoom.memory_mb`` (``serve --room-memory``), by
default 40 % of the memory that is free when the server starts; a warm
participant kernel takes about :data:`KERNEL_MB` (measured PSS 45-53 MB, see
docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from traitlets import Int
from traitlets.config import Configurable

from samskaping.server.routes import PARTICIPANT_NOTEBOOK
from samskaping.server.security import pages_in_use, warm

__all__ = ["KERNEL_MB", "SamskapingRoom", "available_memory_mb", "warm_target"]

#: What one warm participant kernel costs, in MB, rounded up from the measured PSS.
KERNEL_MB = 60
#: Share of the free memory at start that warm kernels may use when no budget is given.
DEFAULT_SHARE = 0.4


def warm_target(expected: int, open_pages: int, *, base: int, cap: int) -> int:
    """How many participant kernels to keep warm: the phones still to come, within ``[base, cap]``.

    >>> warm_target(30, 0, base=4, cap=100)  # nobody here yet: ready for all thirty
    30
    >>> warm_target(30, 25, base=4, cap=100)  # five still to come
    5
    >>> warm_target(30, 28, base=4, cap=100)  # two to come, but never below serve's pool
    4
    >>> warm_target(300, 0, base=4, cap=80)  # the memory budget holds
    80
    >>> warm_target(0, 0, base=4, cap=80)
    4
    """
    return max(base, min(cap, expected - open_pages))


def available_memory_mb() -> int:
    """Memory free for new work right now (``MemAvailable``), in MB; 0 where that cannot be read."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    return 0


class SamskapingRoom(Configurable):
    """Keeps the participant pool as big as the room needs (see the module docstring)."""

    expected = Int(0, help="Participants expected (serve --room N); the facilitator page can say more.").tag(
        config=True)
    memory_mb = Int(0, help="MB that warm participant kernels may use; 0: 40 % of the free memory at start.").tag(
        config=True)

    def __init__(self, max_pages: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.max_pages = max_pages  # the server's cap on open pages (SamskapingLimits.max_pages), 0: none
        self.budget_mb = self.memory_mb or int(available_memory_mb() * DEFAULT_SHARE)
        self.cap = max(1, self.budget_mb // KERNEL_MB)

    def tend(self, kernel_manager, expected_in_store: int) -> int:
        """Set the participant pool's size for now and start kernels up to it; the size.

        ``expected_in_store`` is what facilitators said on their pages
        (:meth:`samskaping.store.room.Room.expected_now`). Voilà refills its
        pool to ``kernel_pools_config``'s size whenever a page takes a kernel,
        so a smaller size is not refilled, and warm kernels beyond it are shut down.
        """
        pools = getattr(kernel_manager, "kernel_pools_config", None)
        if pools is None or PARTICIPANT_NOTEBOOK not in pools:
            return 0
        config = pools[PARTICIPANT_NOTEBOOK]
        base = config.setdefault("base_pool_size", config.get("pool_size", 0))
        if not base:  # preheating is off: nothing to keep warm
            return 0
        expected = max(self.expected, expected_in_store)
        in_use = pages_in_use(kernel_manager)
        # Kernels still warming count against the page cap (server/security.py): keep room for the phones.
        room_left = self.max_pages - in_use if self.max_pages else self.cap
        size = warm_target(expected, in_use, base=base, cap=max(base, min(self.cap, room_left // 2)))
        config["pool_size"] = size
        pool = kernel_manager._pools.get(PARTICIPANT_NOTEBOOK, [])
        if len(pool) < size:
            kernel_manager.fill_if_needed(delay=0, notebook_name=PARTICIPANT_NOTEBOOK)
        else:
            self._trim(kernel_manager, pool, len(pool) - size)
        return size

    @staticmethod
    def _trim(kernel_manager, pool: list, surplus: int) -> None:
        """Shut down ``surplus`` warm kernels nobody will need (Voilà refills to the old size as a phone
        joins, before the next :meth:`tend`); kernels still starting are left for the next round."""
        ready = [task for task in pool if warm(task)]
        for task in ready[len(ready) - min(surplus, len(ready)):]:
            pool.remove(task)  # out of the pool first: a page arriving meanwhile must not be given this kernel
            asyncio.ensure_future(kernel_manager.shutdown_kernel(task.result()["kernel_id"]))
