"""A full room: N phones join within a minute, each sends ideas; the facilitator's wall watches.

Starts a real ``samskaping serve`` (preheated pool sized to the room) on a free
localhost port and drives N headless chromium pages with Playwright's async
API, arrivals spread evenly over ``--join-window`` seconds. Prints:

* open → idea form usable, p50/p95 per page, and failures;
* ideas stored out of ideas sent, and errors;
* submit → visible on the open facilitator wall, p50/p95 (a sample of ideas);
* memory (RSS) of the whole server (Voilà and all kernels) with every page open;
* the same open → usable figure for plain Voilà serving a minimal ipywidgets
  notebook, so the kit's cost over Voilà itself shows as a ratio.

    python benchmarks/bench_room.py [--participants 60] [--ideas 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import CHROMIUM, CHROMIUM_ARGS, machine, percentile, summary  # noqa: E402

from samskaping.access import reset_secret
from samskaping.facilitator import join_url
from samskaping.models import Workshop
from samskaping.server import ServerConfig, free_port, start_server, wait_until_ready
from samskaping.store import open_store

PLAIN_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "plain", "metadata": {}, "outputs": [],
               "source": "import ipywidgets as w\nw.VBox([w.Textarea(), w.Button(description='Send')])"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for children in Path(f"/proc/{current}/task").glob("*/children"):
                todo += [int(c) for c in children.read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024


async def open_page(browser, url: str, delay: float, ready_selector: str, timeout: float):
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 360, "height": 740})
    page = await context.new_page()
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=timeout * 1000)
        await page.locator(ready_selector).first.wait_for(state="visible", timeout=timeout * 1000)
        return context, page, time.perf_counter() - start
    except Exception as exc:  # counted as a failure, reported below
        return context, page, exc


async def room(args) -> dict:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as data:
        with open_store(data) as store:
            workshop = store.create_workshop(Workshop(title="Benchmark-rom", question="Hva trengs?"))
        config = ServerConfig(data_dir=Path(data), port=free_port(), pool_size=args.pool,
                              max_pages=args.participants + 10)
        secret = reset_secret(data)
        server = start_server(config, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            await asyncio.sleep(3 + args.pool * 0.8)
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                wall_context = await browser.new_context(viewport={"width": 1280, "height": 900})
                wall = await wall_context.new_page()
                await wall.goto(config.login_url)
                await wall.locator("input[name=nokkel]").fill(secret)
                await wall.locator("button[type=submit]").click()
                await wall.wait_for_url("**/voila/render/**", wait_until="commit")
                await wall.goto(f"{config.facilitator_url}?verksted={workshop.id}")
                await wall.locator(".sk-flow").wait_for(timeout=120_000)
                step = args.join_window / max(args.participants, 1)
                opened = await asyncio.gather(*(
                    open_page(browser, join_url(config.url, workshop), n * step, "textarea", 120)
                    for n in range(args.participants)
                ))
                open_times = [r[2] for r in opened if isinstance(r[2], float)]
                failures = [r[2] for r in opened if not isinstance(r[2], float)]
                for failure in failures[:3]:
                    print("  failed:", str(failure).splitlines()[0][:160], flush=True)
                if failures:
                    print("  first failed page shows:", (await opened[[not isinstance(r[2], float) for r in opened].index(True)][1].inner_text("body"))[:200].replace("\n", " "), flush=True)
                memory = rss_mb(server.pid)
                pages = [r[1] for r in opened if isinstance(r[2], float)]

                latencies: list[float] = []
                errors = 0

                async def participant(n: int, page) -> None:
                    nonlocal errors
                    for i in range(args.ideas):
                        await asyncio.sleep((args.submit_window / args.ideas) * (i + (n % 10) / 10))
                        text = f"Idé {i} fra telefon {n}"
                        try:
                            await page.locator("textarea").fill(text)
                            sent = time.perf_counter()
                            await page.get_by_role("button", name="Send idé").click()
                            await page.locator(".sk-mine").get_by_text(text).wait_for(timeout=60_000)
                            if n % 6 == 0:  # a sample of ideas: when does the wall show it?
                                await wall.locator(".sk-card").get_by_text(text, exact=False).first.wait_for(
                                    timeout=60_000)
                                latencies.append(time.perf_counter() - sent)
                        except Exception:
                            errors += 1

                await asyncio.gather(*(participant(n, page) for n, page in enumerate(pages)))
                with open_store(data) as store:
                    stored = store.ideas(workshop.id)
                for context, page, _ in opened:
                    await context.close()
                await browser.close()
        finally:
            server.terminate()
            server.wait(60)
    return {
        "open": open_times, "open_failures": len(failures), "memory_mb": memory,
        "sent": len(pages) * args.ideas, "stored": len(stored), "distinct": len({i.text for i in stored}),
        "errors": errors, "wall": latencies,
    }


async def plain_voila(args) -> list[float]:
    """Open → usable for plain Voilà (preheated, same pool) serving a two-widget notebook."""
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "plain.ipynb").write_text(json.dumps(PLAIN_NOTEBOOK))
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "voila", folder, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
             "--preheat_kernel=True", f"--pool_size={args.pool}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_ready(f"http://127.0.0.1:{port}", process=server)
            await asyncio.sleep(3 + args.pool * 0.8)
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                step = args.join_window / max(args.participants, 1)
                opened = await asyncio.gather(*(
                    open_page(browser, f"http://127.0.0.1:{port}/voila/render/plain.ipynb", n * step, "textarea", 120)
                    for n in range(args.participants)
                ))
                await browser.close()
        finally:
            server.terminate()
            server.wait(60)
    return [r[2] for r in opened if isinstance(r[2], float)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--ideas", type=int, default=5)
    parser.add_argument("--join-window", type=float, default=60.0, help="seconds over which phones arrive")
    parser.add_argument("--submit-window", type=float, default=120.0, help="seconds over which ideas are sent")
    parser.add_argument("--pool", type=int, default=8, help="preheated participant kernels")
    parser.add_argument("--skip-plain", action="store_true", help="do not measure plain Voilà")
    args = parser.parse_args()
    print(f"# Room: {args.participants} phones joining within {args.join_window:.0f} s, {args.ideas} ideas each "
          f"within {args.submit_window:.0f} s, pool {args.pool} ({machine()})", flush=True)
    result = asyncio.run(room(args))
    print(f"{'open → form usable':<28} {summary(result['open'])} · failed {result['open_failures']}")
    print(f"{'ideas stored / sent':<28} {result['stored']}/{result['sent']} (distinct {result['distinct']}), "
          f"errors {result['errors']}")
    if result["wall"]:
        print(f"{'submit → on the wall':<28} {summary(result['wall'])}")
    print(f"{'server memory, all open':<28} {result['memory_mb']:.0f} MB "
          f"({result['memory_mb'] / max(len(result['open']), 1):.0f} MB per open page)")
    if not args.skip_plain:
        plain = asyncio.run(plain_voila(args))
        ratio = percentile(result["open"], 50) / percentile(plain, 50) if plain else float("nan")
        print(f"{'plain Voilà open → usable':<28} {summary(plain)}")
        print(f"{'kit / plain Voilà (p50)':<28} {ratio:.2f}")


if __name__ == "__main__":
    main()
