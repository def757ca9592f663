"""Participant page: time from opening the join link to a usable idea form.

Starts a real ``samskaping serve`` (preheated pool) and, for comparison, one
with no pool, and plain Voilà serving a minimal idea form both ways, on free
localhost ports, and opens the page in headless chromium one visitor at a time
(a fresh browser context each, like a new phone), pausing between visits so the
pool can refill as it would in a room where people arrive a few seconds apart.

    python benchmarks/bench_pages.py [--visits 12]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import chromium, machine, plain_voila_server, summary  # noqa: E402
from samskaping.core.models import Workshop
from samskaping.server.launch import ServerConfig, free_port, start_server
from samskaping.server.routes import join_url
from samskaping.store import open_store


def visit(url: str, visits: int, pause: float, mbit: float = 0, cpu: float = 1, reloads: list | None = None
          ) -> list[float]:
    """Open ``url`` ``visits`` times, each in a fresh browser context; seconds until the form is usable.

    ``mbit``: the phone's share of the venue's wifi, in Mbit/s each way, with 20 ms latency
    (chromium's network emulation); 0 leaves the loopback as it is. ``cpu``: chromium's CPU
    throttling (4: a mid-range phone). With ``reloads`` (a list), each phone then reloads the page
    once (what is kept in its cache is not fetched again) and that time is appended there.
    """
    times = []
    with chromium() as browser:
        for _ in range(visits):
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            if mbit:
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", {
                    "offline": False, "latency": 20,
                    "downloadThroughput": mbit * 1e6 / 8, "uploadThroughput": mbit * 1e6 / 8})
            if cpu > 1:
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
            times.append(_open(page, url))
            if reloads is not None:
                time.sleep(pause)
                reloads.append(_open(page, url))
            page.close(run_before_unload=True)
            context.close()
            time.sleep(pause)
    return times


def _open(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.locator("textarea").wait_for(state="visible", timeout=60_000)
    page.get_by_role("button", name="Send idé").wait_for(state="visible")
    return time.perf_counter() - start


def measure(pool: int, visits: int, pause: float, mbit: float = 0, cpu: float = 1, reloads=None) -> list[float]:
    with tempfile.TemporaryDirectory() as data:
        with open_store(data) as store:
            workshop = store.workshops.create(Workshop(title="Benchmark", question="Hva trengs?"))
        config = ServerConfig(data_dir=Path(data), port=free_port(), pool_size=pool)
        server = start_server(config, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(3 + pool * 1.5)  # let the pool fill
            return visit(join_url(config.url, workshop), visits, pause, mbit, cpu, reloads)
        finally:
            server.terminate()
            server.wait(30)


def measure_plain(pool: int, visits: int, pause: float, mbit: float = 0, cpu: float = 1, reloads=None
                  ) -> list[float]:
    with plain_voila_server(pool) as (url, _):
        time.sleep(3 + pool * 1.5)
        return visit(url, visits, pause, mbit, cpu, reloads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=12)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between visitors")
    parser.add_argument("--mbit", type=float, default=0,
                        help="each phone's share of the wifi in Mbit/s (chromium network emulation; 0: loopback)")
    parser.add_argument("--cpu", type=float, default=1, help="chromium CPU throttling (4: a mid-range phone)")
    parser.add_argument("--reload", action="store_true", help="each phone also reloads the page once")
    parser.add_argument("--warm-only", action="store_true", help="only the preheated pool of 4 (kit and plain)")
    args = parser.parse_args()
    link = f", {args.mbit:g} Mbit/s per phone" if args.mbit else ""
    link += f", CPU throttled {args.cpu:g}x" if args.cpu > 1 else ""
    print(f"# Participant page: open → form usable{link} ({machine()})")
    pools = (4,) if args.warm_only else (4, 0)
    for kit, label, pool in [(True, "kit", p) for p in pools] + [(False, "plain Voilà", p) for p in pools]:
        reloads = [] if args.reload else None
        run = measure if kit else measure_plain
        times = run(pool, args.visits, args.pause, args.mbit, args.cpu, reloads)
        name = f"{label}, {'preheated pool of 4' if pool else 'no preheating'}"
        print(f"{name:<42} {summary(times)}", flush=True)
        if reloads:
            print(f"{name + ', reload':<42} {summary(reloads)}", flush=True)


if __name__ == "__main__":
    main()
