"""Shared helpers for the benchmark scripts: machine line, percentiles, a browser."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

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


# Plain Voilà's counterpart of the participant page: an idea field, a send button, a list of what was sent.
PLAIN_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "plain", "metadata": {}, "outputs": [],
               "source": "import ipywidgets as w\n"
                         "text, send, mine, ideas = w.Textarea(), w.Button(description='Send idé'), w.HTML(), []\n"
                         "def sent(_):\n    ideas.append(text.value)\n"
                         "    mine.value = ''.join(f'<div>{i}</div>' for i in reversed(ideas))\n"
                         "send.on_click(sent)\nw.VBox([text, send, mine])"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}


@contextmanager
def plain_voila_server(pool: int):
    """Plain Voilà (no kit) serving :data:`PLAIN_NOTEBOOK` on a free port.

    Yields the page's URL and the server's pid.
    """
    from samskaping.server.launch import free_port, wait_until_ready

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "plain.ipynb").write_text(json.dumps(PLAIN_NOTEBOOK))
        port = free_port()
        options = ["--preheat_kernel=True", f"--pool_size={pool}"] if pool else []
        server = subprocess.Popen(
            [sys.executable, "-m", "voila", folder, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
             *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_ready(f"http://127.0.0.1:{port}", process=server)
            yield f"http://127.0.0.1:{port}/voila/render/plain.ipynb", server.pid
        finally:
            server.terminate()
            server.wait(60)
