"""A full room: N phones join within a minute and send ideas; the facilitator's wall watches.

Starts a real ``samskaping serve`` (preheated pool) on a free localhost port.
Most phones are :class:`_phone.LightPhone` clients: the page's own HTTP and
kernel-websocket traffic without a browser, because in a room every phone
renders its page on its own CPU, and sixty chromium pages on the server's
two cores would measure the browsers. ``--browsers K`` of the phones are real
headless chromium pages (Playwright, 360 px), spread through the room, so the
figure a person sees is measured too, with the server under the full load.
The facilitator wall is a real chromium page. Prints:

* open → idea form usable, p50/p95, for the light phones and the browsers;
* ideas stored out of ideas sent, errors;
* send → listed on the phone, and send → visible on the open wall (a sample);
* stage change → every open phone: the facilitator opens voting once all ideas are in, and each
  page's stage marker moves (what brings the ballot to the top of a phone);
* memory (PSS, and summed RSS) of the whole server (Voilà and all kernels) with every page open,
  and the CPU seconds the server used per page;
* the same room (the same light and chromium phones, same pool, memory and
  CPU) against plain Voilà serving a minimal ipywidgets notebook, so the kit's
  cost over Voilà itself shows as a ratio.

    python benchmarks/bench_room.py [--participants 60] [--ideas 5] [--browsers 6]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from tornado.httpclient import AsyncHTTPClient

sys.path.insert(0, str(Path(__file__).parent))
from _common import CHROMIUM, CHROMIUM_ARGS, machine, percentile, plain_voila_server, summary  # noqa: E402
from _phone import LightPhone  # noqa: E402
from samskaping.core.models import Workshop
from samskaping.server.access import reset_secret
from samskaping.server.launch import ServerConfig, free_port, start_server
from samskaping.server.routes import join_url
from samskaping.store import open_store


def process_tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for children in Path(f"/proc/{current}/task").glob("*/children"):
                todo += [int(c) for c in children.read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def memory_mb(pid: int) -> tuple[float, float]:
    """Memory of a process and all its descendants, in MB: summed RSS, and summed PSS.

    RSS counts the shared libraries (Python itself, zmq, ...) once in every
    kernel; PSS splits each shared page among the processes that map it, so
    its sum is what the process tree really takes from the machine.
    """
    rss = pss = 0
    for current in process_tree(pid):
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return rss / 1024, pss / 1024


class CpuMeter:
    """CPU seconds used by a server and every process it ever started (live ones read, ended ones kept)."""

    def __init__(self, pid: int):
        self.pid, self.seen = pid, {}
        self.tick = os.sysconf("SC_CLK_TCK")

    def sample(self) -> float:
        for current in process_tree(self.pid):
            try:
                fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
                self.seen[current] = (int(fields[11]) + int(fields[12])) / self.tick
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
        return sum(self.seen.values())


async def until_warm(server_pid: int, kernels: int, limit: float = 300) -> float:
    """Wait until the server runs ``kernels`` kernels and has gone quiet (they have run their notebook); seconds."""
    start, meter = time.perf_counter(), CpuMeter(server_pid)
    while len(process_tree(server_pid)) - 1 < kernels and time.perf_counter() - start < limit:
        await asyncio.sleep(0.5)
    used = meter.sample()
    while time.perf_counter() - start < limit:
        await asyncio.sleep(1)
        now = meter.sample()
        if now - used < 0.3:  # under a third of one core for a second: nothing is starting any more
            break
        used = now
    return time.perf_counter() - start


async def watch_cpu(meter: CpuMeter, stop: asyncio.Event) -> None:
    while not stop.is_set():
        meter.sample()
        await asyncio.sleep(0.5)


async def reference_visit(browser, url: str) -> tuple[tuple[str, ...], float, int]:
    """One chromium visit before the room: the static files a first visit fetches, its kB on the wire, requests."""
    context = await browser.new_context(viewport={"width": 360, "height": 740})
    page = await context.new_page()
    await page.goto(url)
    await page.locator("textarea").wait_for(timeout=120_000)
    await page.wait_for_timeout(1000)
    entries = await page.evaluate("performance.getEntriesByType('resource').concat(performance.getEntriesByType("
                                  "'navigation')).map(r => [r.name, r.transferSize, r.initiatorType])")
    await context.close()
    base = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    assets = tuple(dict.fromkeys(
        name[len(base):] for name, _, kind in entries
        if name.startswith(base) and kind != "navigation" and "/api/" not in name))
    return assets, sum(size for _, size, _ in entries) / 1024, len(entries)


async def light_phone(url: str, delay: float, ideas: int, gap: float, timeout: float,
                      assets: tuple[str, ...] = ()) -> dict:
    await asyncio.sleep(delay)
    phone = LightPhone(url, timeout=timeout, assets=assets)
    result = {"kind": "light", "ideas": [], "errors": 0}
    try:
        result["open"] = await phone.open()
    except Exception as exc:  # counted and reported
        result["failure"] = f"{type(exc).__name__}: {exc}"
        return result
    result["opened_at"] = time.perf_counter()
    for i in range(ideas):
        await asyncio.sleep(gap)
        try:
            result["ideas"].append((f"Idé {i} fra lett telefon {phone.session[:6]}",
                                    await phone.send_idea(f"Idé {i} fra lett telefon {phone.session[:6]}")))
        except Exception:
            result["errors"] += 1
    result["phone"] = phone
    return result


async def browser_phone(browser, url: str, delay: float, ideas: int, gap: float, timeout: float, wall) -> dict:
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 360, "height": 740})
    page = await context.new_page()
    result = {"kind": "browser", "ideas": [], "errors": 0, "context": context, "wall": [], "page": page}
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=timeout * 1000)
        await page.locator("textarea").wait_for(state="visible", timeout=timeout * 1000)
        result["open"] = time.perf_counter() - start
    except Exception as exc:
        result["failure"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
        return result
    for i in range(ideas):
        await asyncio.sleep(gap)
        text = f"Idé {i} fra nettleser {id(page) % 100000}"
        try:
            await page.locator("textarea").fill(text)
            sent = time.perf_counter()
            await page.get_by_role("button", name="Send idé").click()
            await page.locator(".sk-mine").get_by_text(text).wait_for(timeout=timeout * 1000)
            result["ideas"].append((text, time.perf_counter() - sent))
            if wall is None:
                continue
            await wall.locator(".sk-card").get_by_text(text, exact=False).first.wait_for(timeout=timeout * 1000)
            result["wall"].append(time.perf_counter() - sent)
        except Exception:
            result["errors"] += 1
    return result


async def stage_change(results: list[dict], data: str, workshop: Workshop, timeout: float) -> list[float]:
    """The facilitator opens voting: seconds until each open phone's page has moved to it.

    Light phones wait for the kernel's update of the page's stage marker, chromium phones for
    the marker in the page; the stage is set in the store, as the facilitator page does.
    """
    needle = 'data-sk-stage="stemming"'

    async def seen(result: dict) -> float:
        """The moment (perf_counter) the phone showed the new stage."""
        if "phone" in result:
            await result["phone"].wait_for(needle)
        else:
            await result["page"].locator(f"[{needle}]").wait_for(state="attached", timeout=timeout * 1000)
        return time.perf_counter()

    waiting = [r for r in results if "open" in r and ("phone" in r or "page" in r)]
    with open_store(data) as store:
        watchers = [asyncio.create_task(seen(r)) for r in waiting]
        await asyncio.sleep(0.5)  # every watcher has emptied its inbox and is listening
        start = time.perf_counter()
        store.room.set_stage(workshop.id, "stemming", store.room.stage(workshop.id)[1])
    moments = await asyncio.gather(*watchers, return_exceptions=True)
    return [moment - start for moment in moments if isinstance(moment, float)]


async def open_wall(browser, config: ServerConfig, secret: str, workshop: Workshop):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    wall = await context.new_page()
    await wall.goto(config.login_url)
    await wall.locator("input[name=nokkel]").fill(secret)
    await wall.locator("button[type=submit]").click()
    await wall.wait_for_url("**/voila/render/**", wait_until="commit")
    await wall.goto(f"{config.facilitator_url}?verksted={workshop.id}")
    await wall.locator(".sk-flow").wait_for(timeout=120_000)
    return wall


def arrivals(args) -> list[tuple[float, bool]]:
    """(delay, is a browser) per phone: evenly spread, browsers evenly among them."""
    step = args.join_window / max(args.participants, 1)
    every = args.participants / args.browsers if args.browsers else 0
    browsers = {round(every * k + every / 2) for k in range(args.browsers)} if args.browsers else set()
    return [(n * step, n in browsers) for n in range(args.participants)]


async def phones(browser, url: str, args, assets: tuple[str, ...], wall=None) -> list[dict]:
    """Every phone of the room, light or chromium, arriving as :func:`arrivals` says."""
    gap = args.submit_window / max(args.ideas, 1)
    return await asyncio.gather(*(
        browser_phone(browser, url, delay, args.ideas, gap, args.timeout, wall) if is_browser
        else light_phone(url, delay, args.ideas, gap, args.timeout, assets)
        for delay, is_browser in arrivals(args)
    ))


async def measured(server_pid: int, run) -> tuple[list[dict], tuple[float, float], float]:
    """Run the room (``run()``), reading the server's memory with every page open and its CPU seconds."""
    meter, stop = CpuMeter(server_pid), asyncio.Event()
    cpu_before = meter.sample()
    watcher = asyncio.create_task(watch_cpu(meter, stop))
    results = await run()
    memory = memory_mb(server_pid)
    stop.set()
    await watcher
    return results, memory, meter.sample() - cpu_before


async def close_phones(results: list[dict]) -> None:
    for result in results:
        if "phone" in result:
            await result["phone"].close()
        if "context" in result:
            await result["context"].close()


async def room(args) -> dict:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as data:
        with open_store(data) as store:
            workshop = store.workshops.create(Workshop(title="Benchmark-rom", question="Hva trengs?"))
        config = ServerConfig(data_dir=Path(data), port=free_port(), pool_size=args.pool,
                              max_pages=max(120, 2 * args.participants + 10), room=args.room)
        secret = reset_secret(data)
        server = start_server(config, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            warm = await until_warm(server.pid, max(args.pool, args.room) + 1)  # and the facilitator's pool of 1
            print(f"{'warm before the room':<40} {warm:.0f} s", flush=True)
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                wall = await open_wall(browser, config, secret, workshop)
                url = join_url(config.url, workshop)
                assets, visit_kb, visit_requests = await reference_visit(browser, url)
                await asyncio.sleep(3)  # the pool refills
                results, memory, cpu = await measured(server.pid, lambda: phones(browser, url, args, assets, wall))
                stage = await stage_change(results, data, workshop, args.timeout)
                latest = [r["ideas"][-1][0] for r in results if r["kind"] == "light" and r["ideas"]][-5:]
                wall_light = []
                for text in latest:  # the last light ideas: on the wall by now?
                    try:
                        await wall.locator(".sk-card").get_by_text(text, exact=False).first.wait_for(timeout=10_000)
                        wall_light.append(text)
                    except Exception:
                        pass
                with open_store(data) as store:
                    stored = store.ideas.list(workshop.id)
                await close_phones(results)
                await browser.close()
        finally:
            server.terminate()
            server.wait(60)
    sent = sum(len(r["ideas"]) + r["errors"] for r in results)
    return {"results": results, "memory_mb": memory, "cpu": cpu, "sent": sent, "stored": len(stored),
            "distinct": len({i.text for i in stored}), "wall_light": (len(wall_light), len(latest)),
            "visit": (visit_kb, visit_requests, len(assets)), "stage": stage}


async def plain_voila(args) -> dict:
    """The same room against plain Voilà (preheated, same pool) serving a three-widget notebook, without a wall."""
    from playwright.async_api import async_playwright

    with plain_voila_server(args.pool) as (url, pid):
        await asyncio.sleep(3 + args.pool * 0.8)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            assets, _, _ = await reference_visit(browser, url)
            await asyncio.sleep(3)
            results, memory, cpu = await measured(pid, lambda: phones(browser, url, args, assets))
            await close_phones(results)
            await browser.close()
    return {"results": results, "memory_mb": memory, "cpu": cpu}


def ratio(label: str, kit: list[float], plain: list[float]) -> None:
    if kit and plain:
        print(f"{'kit / plain Voilà, ' + label:<40} p50 {percentile(kit, 50) / percentile(plain, 50):.2f} · "
              f"p95 {percentile(kit, 95) / percentile(plain, 95):.2f}")


def opened(results: list[dict], kind: str) -> list[float]:
    return [r["open"] for r in results if r["kind"] == kind and "open" in r]


def report(label: str, results: list[dict], kind: str) -> None:
    """Open → usable and send → listed for the phones of one kind ("light" or "browser")."""
    mine = [r for r in results if r["kind"] == kind]
    times = opened(mine, kind)
    failed = [r["failure"] for r in mine if "failure" in r]
    if times:
        print(f"{label + ': open → usable':<40} {summary(times)} · failed {len(failed)}")
    else:
        print(f"{label + ': open → usable':<40} none opened · failed {len(failed)}")
    for failure in failed[:3]:
        print(f"  failed: {failure}")
    listed = [seconds for r in mine for _, seconds in r["ideas"]]
    if listed:
        print(f"{label + ': send → listed':<40} {summary(listed)}")


def server_use(label: str, run: dict, detail: str = "") -> None:
    """The server's memory with every page open, and its CPU over the room, in total and per page."""
    rss, pss = run["memory_mb"]
    pages = max(sum("open" in r for r in run["results"]), 1)
    print(f"{label + ': memory, all open':<40} PSS {pss:.0f} MB · summed RSS {rss:.0f} MB{detail}")
    print(f"{label + ': CPU during the room':<40} {run['cpu']:.0f} s ({run['cpu'] / pages:.2f} s per page)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--ideas", type=int, default=5)
    parser.add_argument("--browsers", type=int, default=6, help="how many of the phones are real chromium pages")
    parser.add_argument("--join-window", type=float, default=60.0, help="seconds over which phones arrive")
    parser.add_argument("--submit-window", type=float, default=120.0, help="seconds over which ideas are sent")
    parser.add_argument("--pool", type=int, default=8, help="preheated participant kernels")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a step counts as failed")
    parser.add_argument("--room", type=int, default=0, help="serve --room: participant pages kept warm for the room")
    parser.add_argument("--skip-plain", action="store_true", help="do not measure plain Voilà")
    args = parser.parse_args()
    print(f"# Room: {args.participants} phones ({args.browsers} chromium) joining within {args.join_window:.0f} s, "
          f"{args.ideas} ideas each within {args.submit_window:.0f} s, pool {args.pool} ({machine()})", flush=True)
    # Each phone has its own connections (a browser opens up to 6 per server); one client for all
    # of them would queue the room's requests behind tornado's default of 10.
    AsyncHTTPClient.configure(None, max_clients=max(10, 6 * args.participants))
    result = asyncio.run(room(args))
    results = result["results"]
    visit_kb, visit_requests, visit_assets = result["visit"]
    print(f"{'a first visit (chromium)':<40} {visit_requests} requests, {visit_kb:.0f} kB on the wire; "
          f"light phones fetch the same {visit_assets} static files")
    report("light phones", results, "light")
    report("chromium phones", results, "browser")
    errors = sum(r["errors"] for r in results)
    print(f"{'ideas stored / sent':<40} {result['stored']}/{result['sent']} (distinct {result['distinct']}), "
          f"errors {errors}")
    wall = [seconds for r in results for seconds in r.get("wall", [])]
    if wall:
        print(f"{'send → on the wall (chromium)':<40} {summary(wall)}")
    opened_pages = sum("open" in r for r in results)
    print(f"{'stage change → every open phone':<40} {summary(result['stage']) if result['stage'] else 'none'} "
          f"· {len(result['stage'])}/{opened_pages} moved")
    print(f"{'last light ideas on the wall':<40} {result['wall_light'][0]}/{result['wall_light'][1]}")
    pages = sum("open" in r for r in results)
    kernels = pages + 1 + args.pool + 1  # the pages, the wall, the refilled pools
    server_use("kit", result, f" ({pages} pages + wall + {args.pool + 1} pool kernels; "
                              f"PSS {result['memory_mb'][1] / kernels:.0f} MB per kernel)")
    if not args.skip_plain:
        plain = asyncio.run(plain_voila(args))
        report("plain Voilà, light phones", plain["results"], "light")
        report("plain Voilà, chromium phones", plain["results"], "browser")
        server_use("plain Voilà", plain)
        ratio("light phones", opened(results, "light"), opened(plain["results"], "light"))
        ratio("chromium phones", opened(results, "browser"), opened(plain["results"], "browser"))


if __name__ == "__main__":
    main()
