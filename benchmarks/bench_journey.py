"""Journey map (30 steps in 10 services) to PNG: seconds per map (target: p95 <= 2 s).

    python benchmarks/bench_journey.py [--repeats 10]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, percentile, summary, timed  # noqa: E402
from samskaping.journeys.demo import demo_journeys
from samskaping.journeys.model import DEFAULT_PHASES, SERVICES, TOUCHPOINTS, Journey, Step
from samskaping.journeys.plot import save_comparison, save_journey

TARGET_SECONDS = 2.0
WORDS = ["møte", "med", "skolen", "om", "fravær", "og", "plan", "videre", "oppfølging", "henvisning", "kartlegging"]


def journey(n_steps: int = 30, n_services: int = 10, seed: int = 2026) -> tuple[Journey, list[Step]]:
    """A journey of ``n_steps`` steps through ``n_services`` services (the family among them), all phases."""
    rng = random.Random(seed)
    item = Journey("bench", "Benchmark: stor tjenestereise")
    names = list(SERVICES[1:]) + ["familie"]
    steps = []
    for i in range(n_steps):
        service = names[i % n_services] if i < n_services else rng.choice(names[:n_services])
        steps.append(Step(
            item.id, i, DEFAULT_PHASES[min(i * 6 // n_steps, 5)], service, rng.choice(TOUCHPOINTS),
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 16))),
            experience=rng.randint(-2, 2), pain_point="smertepunkt" if rng.random() < 0.3 else "",
            wait_days=rng.choice([None, 0, 3, 14, 42]), coordinator=rng.choice(["", "", "barnekoordinator"]),
            family_carries_info=rng.random() < 0.3,
        ))
    return item, steps



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    item, steps = journey()
    (today, today_steps), (wanted, wanted_steps) = demo_journeys("bench")
    print(f"# Journey map, 30 steps in 10 services, A3 at 150 dpi ({machine()})")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        save_journey(item, steps, out / "warm.png")  # fonts and caches, as a running server has them
        png = timed(lambda: save_journey(item, steps, out / "j.png"), args.repeats)
        print(f"{'journey → PNG':<24} {summary(png)}")
        print(f"{'journey → PDF':<24} {summary(timed(lambda: save_journey(item, steps, out / 'j.pdf'), args.repeats))}")
        comparison = timed(
            lambda: save_comparison(today, today_steps, wanted, wanted_steps, out / "c.png"), args.repeats
        )
        print(f"{'demo comparison → PNG':<24} {summary(comparison)}")
    verdict = "meets" if percentile(png, 95) <= TARGET_SECONDS else "MISSES"
    print(f"journey → PNG p95 {percentile(png, 95):.2f} s {verdict} the target of {TARGET_SECONDS:.0f} s")


if __name__ == "__main__":
    main()
