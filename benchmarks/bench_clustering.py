"""Idea grouping: quality on labelled, tuning and unseen ideas, and seconds for 1,000 and 10,000 ideas.

    python benchmarks/bench_clustering.py [--repeats 3]

Quality: ARI of cluster() (automatic theme count and the true count) and the
accuracy of seeded_grouping() with the first two ideas of each theme as seeds
and the theme names (also: seeds alone, names alone), on the labelled,
held-out and tuning sets (tests/ideas/idea_cases.py, tuned on) and on the five
former unseen workshops (tests/ideas/idea_unseen.py, written by a session that
never saw the method, tuned on since 2026-12-07) and the four fresh workshops
(tests/ideas/idea_fresh.py, written 2026-12-07 the same way, never tuned on):
per set and min / median / max; near-duplicate precision and recall on
labelled pairs. Speed: cluster() on ideas made by recombining the
labelled ideas (halves of two ideas, seeded RNG), p50 of a few runs.
Targets: ARI >= 0.45, seeded accuracy >= 0.75, 1,000 ideas <= 1 s, 10,000 <= 15 s.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests" / "ideas"))
import statistics

from idea_cases import (
    TUNING_DUPLICATES,
    TUNING_WORKSHOPS,
    cases,
    duplicate_scores,
    evaluate,
    evaluate_workshop,
    held_out,
    unseen_scores,
)

from _common import machine, summary, timed  # noqa: E402
from samskaping.ideas.clustering import cluster, near_duplicates, seeded_grouping


def recombined(n: int, seed: int = 2026) -> list[str]:
    """``n`` ideas: the first half of one labelled idea and the second half of another of the same theme."""
    rng = random.Random(seed)
    by_theme: dict[str, list[list[str]]] = {}
    for text, theme in cases():
        by_theme.setdefault(theme, []).append(text.split())
    themes = sorted(by_theme)
    ideas = []
    for _ in range(n):
        pool = by_theme[rng.choice(themes)]
        a, b = rng.choice(pool), rng.choice(pool)
        ideas.append(" ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :]))
    return ideas


def _quality(name: str, e) -> None:
    print(f"{name:<10} {e.ideas} ideas, {e.true_themes} themes: ARI {e.ari:.3f} (auto, {e.auto_themes} themes) · "
          f"ARI {e.ari_true_k:.3f} (told {e.true_themes}) · seeded {e.seeded_accuracy:.3f} "
          f"(seeds alone {e.seeded_without_names:.3f}, names alone {e.names_only:.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"# Idea grouping ({machine()})")
    for name, e in [("labelled", evaluate(cases())), ("held-out", evaluate(held_out())),
                    *((f"tuning {k}", evaluate_workshop(w)) for k, w in enumerate(TUNING_WORKSHOPS, 1))]:
        _quality(name, e)
    d = duplicate_scores(TUNING_DUPLICATES)
    print(f"duplicates (tuning pairs) {d.pairs} pairs, {d.duplicates} duplicates: found {d.found}, "
          f"precision {d.precision:.3f}, recall {d.recall:.3f}")
    for module, name in (("idea_unseen", "former unseen (tuned on since 2026-12-07)"),
                         ("idea_fresh", "fresh (never tuned on)")):
        scored, d = unseen_scores(module)
        print(f"# {name}")
        for key, e in scored:
            _quality(key[:10], e)
        for field in ("ari", "ari_true_k", "seeded_accuracy", "seeded_without_names", "names_only"):
            values = [getattr(e, field) for _, e in scored]
            print(f"{field:<22} min {min(values):.3f} · median {statistics.median(values):.3f} · "
                  f"max {max(values):.3f}")
        print(f"duplicates {d.pairs} pairs, {d.duplicates} duplicates: found {d.found}, "
              f"precision {d.precision:.3f}, recall {d.recall:.3f}")
    for n in (1_000, 10_000):
        texts = recombined(n)
        cluster(texts[:50])  # warm the caches of the lexicon and stemmer once
        print(f"{f'cluster {n:,}':<22} {summary(timed(lambda texts=texts: cluster(texts), args.repeats))}")
        seeds = {f"s{k}": [k] for k in range(8)}
        print(f"{f'seeded {n:,}':<22} "
              f"{summary(timed(lambda texts=texts, seeds=seeds: seeded_grouping(texts, seeds), args.repeats))}")
        if n <= 1_000:
            print(f"{f'near dups {n:,}':<22} "
                  f"{summary(timed(lambda texts=texts: near_duplicates(texts), args.repeats))}")
    print("targets: ARI >= 0.45 · seeded >= 0.75 · 1,000 ideas <= 1 s · 10,000 ideas <= 15 s")


if __name__ == "__main__":
    main()
