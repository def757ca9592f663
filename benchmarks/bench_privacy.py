"""Benchmark the personal-data masker: quality on the labelled set, and speed.

Run from the repository root with the project's Python:

    .venv/bin/python benchmarks/bench_privacy.py

Prints recall and precision per kind on two sets, and the time to mask 10,000
sentences (median of a few repeats), with the machine and date so results from
different machines can be told apart:

* the labelled set in ``tests/core/privacy_cases.py``, which the rules were tuned on;
* the unseen set in ``tests/core/privacy_unseen.py``, written by a session that
  never saw the method (see ``docs/benchmarks.md`` for whether it has been tuned on since).

Both are the numbers ``tests/core/test_privacy.py`` asserts. It prints and never
asserts: the targets live in the tests.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "core"))

from privacy_cases import cases, evaluate, format_table, unseen_cases  # noqa: E402

from samskaping.core.privacy.detect import mask

SENTENCES = 10_000
REPEATS = 5


def time_masking(texts: list[str], repeats: int = REPEATS) -> list[float]:
    """Seconds to mask every text once, for each of ``repeats`` runs."""
    mask("Varm opp: Kari, 98765432.")  # load the name lists outside the timing
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            mask(text)
        runs.append(time.perf_counter() - start)
    return runs


def main() -> None:
    labelled = cases()
    print(f"samskaping.core.privacy.detect benchmark, {date.today().isoformat()}")
    cpu = platform.processor() or platform.machine()
    print(f"machine: {platform.platform()}, {cpu}, {os.cpu_count()} CPUs")
    print(f"python: {platform.python_version()}")
    print()
    positives = sum(1 for c in labelled if c.spans)
    negatives = len(labelled) - positives
    print(f"labelled set (tuned on): {len(labelled)} sentences ({positives} with personal data, {negatives} without)")
    print(format_table(evaluate(labelled)))
    print()
    unseen = unseen_cases()
    positives = sum(1 for c in unseen if c.spans)
    print(f"unseen set: {len(unseen)} sentences ({positives} with personal data, {len(unseen) - positives} without)")
    print(format_table(evaluate(unseen)))
    print()
    texts = [c.text for c in labelled]
    texts = (texts * (SENTENCES // len(texts) + 1))[:SENTENCES]
    chars = sum(len(t) for t in texts)
    runs = time_masking(texts)
    p50 = statistics.median(runs)
    print(f"mask() on {SENTENCES:,} sentences ({chars / SENTENCES:.0f} characters on average):")
    print(f"  p50 {p50:.3f} s over {REPEATS} runs (min {min(runs):.3f} s, max {max(runs):.3f} s)")
    print(f"  {p50 / SENTENCES * 1e6:.0f} µs per sentence")


if __name__ == "__main__":
    main()
