"""Benchmark of round tables by interest on seeded synthetic attendees (not a test).

    python bench/round_tables.py [--cases 24x4x6x2,120x12x10x3] [--seed 1]

A case is PEOPLExTABLESxSEATSxROUNDS: the first PEOPLE synthetic attendees sit at TABLES
tables of SEATS for ROUNDS rounds, each table with a topic of the conference's themes.
Timing covers ``form_tables`` only. Printed per case: seconds, repeated encounters (and
the fewest any plan can have when every round is full, see ``unavoidable``), tables that
mix at least three industries, and colleague pairs at one table.
"""

from __future__ import annotations

import argparse
import sys
import time
from math import comb
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

def unavoidable(people: int, tables: int, rounds: int) -> int:
    """Repeats no plan avoids: round after round each full table spreads over all tables."""
    size = -(-people // tables)
    quotient, rest = divmod(size, tables)
    per_table = rest * comb(quotient + 1, 2) + (tables - rest) * comb(quotient, 2)
    return per_table * tables * (rounds - 1) if size > tables else 0


def run(people: int, tables: int, seats: int, rounds: int, seed: int) -> str:
    from matchmaker.exchange.event_rows import event_from_rows
    from matchmaker.matching.round_tables import Layout, Topic, form_tables
    from matchmaker.matching.synonyms import parse_synonyms, starter_text
    from matchmaker.synthetic import generate_attendees
    from matchmaker.vocabulary import THEMES

    event, _ = event_from_rows(generate_attendees(people, seed), slots=10, tables=1)
    topics = tuple(Topic(THEMES[t % len(THEMES)], frozenset({THEMES[t % len(THEMES)]}))
                   for t in range(tables))
    layout = Layout(tables, seats, rounds, topics)
    started = time.perf_counter()
    plan = form_tables(event.attendees, layout, seed=seed, synonyms=parse_synonyms(starter_text()))
    seconds = time.perf_counter() - started
    return (f"{people} people, {tables} tables of {seats} x {rounds} rounds: {seconds:.2f} s, "
            f"repeats {plan.repeats} (unavoidable at least {unavoidable(people, tables, rounds)}), "
            f"mixed tables {plan.mixed_tables}/{len(plan.groups)}, colleague pairs {plan.colleague_pairs}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="24x4x6x2,120x12x10x3")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    for case in options.cases.split(","):
        people, tables, seats, rounds = (int(part) for part in case.split("x"))
        print(run(people, tables, seats, rounds, options.seed), flush=True)


if __name__ == "__main__":
    main()
