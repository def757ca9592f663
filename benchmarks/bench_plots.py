"""Stakeholder grid (80 stakeholders) and relation network to PNG: seconds per figure.

    python benchmarks/bench_plots.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, summary, timed  # noqa: E402
from samskaping.stakeholders.model import SECTORS, Relation, Stakeholder
from samskaping.stakeholders.plot import save_grid, save_network

ROLES = ["Helsestasjon", "Skole", "Barnehage", "PPT", "Barnevern", "NAV", "BUP", "Fastlege", "Frivilligsentral",
         "Idrettslag", "Ungdomsråd", "Kulturskole", "Politiker", "Tillitsvalgt", "Lokalavis", "SLT-koordinator"]


def stakeholders(n: int, seed: int = 2026) -> tuple[list[Stakeholder], list[Relation]]:
    rng = random.Random(seed)
    items = [Stakeholder("bench", f"{rng.choice(ROLES)} {i}", rng.choice(SECTORS), rng.randint(1, 5), rng.randint(1, 5))
             for i in range(n)]
    relations = []
    for _ in range(n):
        a, b = rng.sample(items, 2)
        relations.append(Relation("bench", a.id, b.id))
    return items, relations



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    items, relations = stakeholders(80)
    print(f"# Stakeholder figures, 80 stakeholders, 80 relations ({machine()})")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        print(f"{'grid → PNG':<22} "
              f"{summary(timed(lambda: save_grid(items, out / 'g.png', title='Benchmark'), args.repeats))}")
        print(f"{'grid → PDF':<22} "
              f"{summary(timed(lambda: save_grid(items, out / 'g.pdf', title='Benchmark'), args.repeats))}")
        print(f"{'network → PNG':<22} "
              f"{summary(timed(lambda: save_network(items, relations, out / 'n.png'), args.repeats))}")


if __name__ == "__main__":
    main()
