"""Benchmark of the matchmaking engine on seeded synthetic events (not a test).

    python bench/matchmaking.py [--sizes 200,1000,2000,5000] [--seed 1] [--baseline-max 1000]

Each size runs in a fresh subprocess, so the peak RSS (ru_maxrss) is that size's own.
Timing covers `schedule(event)` only (generating attendees is not timed). Tables: N // 2,
enough for everybody. For sizes up to --baseline-max, the same process then runs the
baseline: networkx `max_weight_matching` slot by slot on the full graph; it stops after
--baseline-cap seconds and reports how many slots it finished.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGETS = {  # size: (seconds, ratio, megabytes, speed-up over the baseline)
    200: (0.2, 0.995, None, 50),
    2000: (3.0, 0.99, 300, None),
    5000: (20.0, 0.99, 500, None),
}


def worker(n: int, seed: int, baseline: bool, cap: float) -> dict:
    from matchmaker.exchange.event_rows import event_from_rows
    from matchmaker.matching import schedule
    from matchmaker.synthetic import generate_attendees

    event, _ = event_from_rows(generate_attendees(n, seed), slots=10, tables=n // 2)
    started = time.perf_counter()
    result = schedule(event)
    seconds = time.perf_counter() - started
    q = result.quality
    figures = {
        "n": n, "seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "total": q.total_score, "bound": q.upper_bound, "ratio": q.ratio,
        "min": q.min_meetings, "mean": q.mean_meetings, "zero": q.zero_meetings,
        "method": q.method, "edges": q.candidate_edges,
    }
    if baseline:
        figures["baseline"] = run_baseline(event, q.upper_bound, cap)
    return figures


def run_baseline(event, bound: int, cap: float) -> dict:
    """networkx max_weight_matching per slot on the full graph of allowed pairs."""
    import networkx as nx

    from matchmaker.matching.problem import build_problem

    problem = build_problem(event, k=event_size(event))  # k >= n - 1: every allowed pair
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(problem.u.tolist(), problem.v.tolist(), problem.w.tolist()))
    count = {node: 0 for node in graph}
    used: set[tuple[int, int]] = set()
    total, started, slots_done = 0, time.perf_counter(), 0
    for s in range(event.slots):
        open_nodes = [i for i in graph if problem.free[i, s] and count[i] < problem.capacity[i]]
        sub = nx.Graph((a, b, d) for a, b, d in graph.subgraph(open_nodes).edges(data=True)
                       if (min(a, b), max(a, b)) not in used)
        matching = sorted(nx.max_weight_matching(sub), key=lambda p: -sub[p[0]][p[1]]["weight"])
        for a, b in matching[: event.tables]:
            used.add((min(a, b), max(a, b)))
            count[a] += 1
            count[b] += 1
            total += sub[a][b]["weight"]
        slots_done += 1
        if time.perf_counter() - started > cap and slots_done < event.slots:
            break
    seconds = time.perf_counter() - started
    people = [i for i in range(problem.n) if problem.capacity[i] > 0]
    return {"seconds": seconds, "total": total, "ratio": round(total / bound, 4),
            "slots_done": slots_done, "min": min(count.get(i, 0) for i in people),
            "zero": sum(1 for i in people if count.get(i, 0) == 0),
            "mean": round(sum(count.get(i, 0) for i in people) / len(people), 2)}


def event_size(event) -> int:
    return len(event.attendees)


def verdicts(row: dict) -> str:
    target = TARGETS.get(row["n"])
    if target is None:
        return "-"
    seconds, ratio, megabytes, speedup = target
    checks = [("time", row["seconds"] < seconds), ("ratio", row["ratio"] >= ratio)]
    if megabytes:
        checks.append(("memory", row["peak_mb"] < megabytes))
    if speedup and row.get("baseline"):
        checks.append((f"{speedup}x", row["baseline"]["seconds"] / row["seconds"] >= speedup))
    return ", ".join(f"{name} {'PASS' if ok else 'FAIL'}" for name, ok in checks)


def print_table(rows: list[dict]) -> None:
    print(f"{'N':>5} {'time s':>8} {'peak MB':>8} {'total':>9} {'bound':>9} {'ratio':>7} "
          f"{'min':>4} {'mean':>6} {'zero':>5} {'edges':>7}  targets")
    for r in rows:
        print(f"{r['n']:>5} {r['seconds']:>8.3f} {r['peak_mb']:>8.0f} {r['total']:>9} "
              f"{r['bound']:>9} {r['ratio']:>7.2%} {r['min']:>4} {r['mean']:>6} {r['zero']:>5} "
              f"{r['edges']:>7}  {verdicts(r)}")
    for r in rows:
        b = r.get("baseline")
        if b:
            speed = b["seconds"] / r["seconds"]
            if b["slots_done"] < 10:
                print(f"baseline N={r['n']}: CAPPED after {b['slots_done']} of 10 slots "
                      f"({b['seconds']:.0f} s > --baseline-cap); figures are partial; "
                      f"engine is more than {speed:.0f}x faster")
                continue
            print(f"baseline N={r['n']}: networkx per slot {b['seconds']:.2f} s, "
                  f"total {b['total']}, ratio {b['ratio']:.2%}, min {b['min']}, "
                  f"mean {b['mean']}, zero {b['zero']}; engine is {speed:.0f}x faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000,2000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline-max", type=int, default=1000)
    parser.add_argument("--baseline-cap", type=float, default=180.0)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        baseline = args.worker <= args.baseline_max
        print(json.dumps(worker(args.worker, args.seed, baseline, args.baseline_cap)))
        return
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--worker", str(n), "--seed", str(args.seed),
                   "--baseline-max", str(args.baseline_max),
                   "--baseline-cap", str(args.baseline_cap)]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(output.splitlines()[-1]))
        print(f"N={n} done in {rows[-1]['seconds']:.2f} s", file=sys.stderr)
    print_table(rows)


if __name__ == "__main__":
    main()
