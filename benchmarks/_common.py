"""Shared helpers for the benchmark scripts: machine line, percentiles, a browser."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from contextlib import contextmanager
from datetime import date

CHROMIUM = os.environ.get("SAMSKAPING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def machine() -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return (f"{date.today()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}"
            f" · {platform.platform(terse=True)} · commit {commit or '?'}")


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank), p in 0..100."""
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summary(values: list[float]) -> str:
    return (f"p50 {percentile(values, 50):.2f} s · p95 {percentile(values, 95):.2f} s · "
            f"min {min(values):.2f} · max {max(values):.2f} · mean {statistics.fmean(values):.2f} · n {len(values)}")


def timed(action, repeats: int) -> list[float]:
    """Seconds each of ``repeats`` calls of ``action`` took."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
