"""Benchmark of the matchmaking engine on seeded synthetic events (not a test).

    python bench/matchmaking.py [--sizes 200,1000,5000] [--seed 1] [--baseline-max 200]

Every size runs with both policies ("balanced" and "total"), with tables for everybody
(N // 2), plus the scarce-tables case of the go-cluster conference (200 attendees, 60
tables), and that case again with programme sessions: every attendee chose 4 of 30
sessions (3 in parallel at each slot's time), whose slots the engine keeps free; its time
is printed beside the case without (target: within 20 %). "before" is the time the
README measured before issue 23's speed work, "cpu s" the process's CPU time (on a busy
machine the wall time grows, the CPU time much less). The synonym list is the starter list an event gets. Each run is a fresh
subprocess, so the peak RSS (ru_maxrss) is that run's own. Timing covers
`schedule(event)` only (generating attendees is not timed); each event is also planned
with "compact days" off, so the table shows the time with compaction beside the time
without (target: within 30 %) and the idle slots per attendee between their first and
last meeting (total, median, worst) before and after. For sizes up to
--baseline-max, the total-policy process then runs the baseline: networkx
`max_weight_matching` slot by slot on the full graph; it stops after --baseline-cap
seconds and reports how many slots it finished. With --similar (needs the `semantic`
extra) the events carry the tag pairs the model puts close, as `matchmaker match` does,
computed before the timing: run once with and once without to compare (target: within 30 %).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGETS = {  # (size, tables, policy): (seconds, share of the score bound), from issue 13,
    # 5,000 attendees' 5 s from issue 23 (wall time: on a busy machine compare "cpu s");
    # the scarce case's 99 % is out of reach for any schedule with 5 each (see README)
    (200, 100, "balanced"): (0.3, 0.99),
    (200, 60, "balanced"): (0.3, 0.99),
    (5000, 2500, "balanced"): (5.0, 0.99),
    (5000, 2500, "total"): (5.0, 0.99),
}
SCARCE = (200, 60)
BEFORE = {  # seconds before issue 23's speed work (README, quiet 2-core machine), shown beside
    (200, 100, "balanced"): 0.15, (200, 100, "total"): 0.13, (1000, 500, "balanced"): 0.85,
    (1000, 500, "total"): 0.73, (5000, 2500, "balanced"): 7.7, (5000, 2500, "total"): 7.2,
    (200, 60, "balanced"): 0.40, (200, 60, "total"): 0.15,
}
POLICIES = ("balanced", "total")
SESSIONS_EACH = 4
SESSIONS_TARGET = 1.20  # the case with sessions takes at most 20 % longer


def worker(n: int, tables: int, policy: str, seed: int, baseline: bool, cap: float,
           sessions: int = 0) -> dict:
    from dataclasses import replace

    from matchmaker.exchange.event_rows import event_from_rows
    from matchmaker.matching import schedule
    from matchmaker.matching.synonyms import parse_synonyms, starter_text
    from matchmaker.synthetic import generate_attendees

    rows = generate_attendees(n, seed)
    busy = sessions_chosen(rows, sessions, seed) if sessions else None
    event, _ = event_from_rows(rows, slots=10, tables=tables, busy=busy)
    event = replace(event, policy=policy, synonyms=parse_synonyms(starter_text()))
    if os.environ.get("BENCH_SIMILAR"):
        from matchmaker.commands.matching import with_similar_tags
        event = replace(event, synonyms=with_similar_tags(event, event.synonyms))
    started = time.perf_counter()
    plain = schedule(replace(event, compact_days=False))
    plain_seconds = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    result = schedule(event)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    q, p = result.quality, plain.quality
    figures = {
        "n": n, "tables": tables, "policy": policy, "seconds": seconds, "cpu": cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "total": q.total_score, "bound": q.upper_bound, "ratio": q.ratio,
        "min": q.min_meetings, "p10": q.p10_meetings, "median": q.median_meetings,
        "max": q.max_meetings, "mean": q.mean_meetings, "zero": q.zero_meetings,
        "level": q.fair_level, "level_bound": q.fair_level_bound,
        "below_5": below_five(event, result), "cross_cluster": q.cross_cluster_share,
        "manager_pairs": q.cluster_manager_pairs, "method": q.method, "sessions": sessions,
        "plain_seconds": plain_seconds,
        "idle_before": (p.idle_slots_total, p.idle_slots_median, p.idle_slots_worst),
        "idle_after": (q.idle_slots_total, q.idle_slots_median, q.idle_slots_worst),
    }
    if baseline:
        figures["baseline"] = run_baseline(event, q.upper_bound, cap)
    return figures


def sessions_chosen(rows, each: int, seed: int) -> dict[str, frozenset[int]]:
    """Every row chooses ``each`` sessions at different times of a programme of 3 parallel
    20-minute sessions per slot; their busy slots as the file mode computes them."""
    import random
    from dataclasses import replace
    from datetime import datetime, timedelta

    from matchmaker.exchange.attendee_csv import ProgrammeSpan
    from matchmaker.exchange.event_rows import session_busy_slots

    start, step = datetime(2027, 6, 16, 9, 0), timedelta(minutes=20)
    slots = [(start + i * step, start + (i + 1) * step) for i in range(10)]
    programme = [ProgrammeSpan(f"Session {i + 1}.{track}", *slots[i])
                 for i in range(10) for track in (1, 2, 3)]
    pick = random.Random(seed)
    chosen = [replace(row, sessions=tuple(f"Session {i + 1}.{pick.randint(1, 3)}"
                                          for i in sorted(pick.sample(range(10), each))))
              for row in rows]
    return session_busy_slots(chosen, programme, slots)


def run_baseline(event, bound: int, cap: float) -> dict:
    """networkx max_weight_matching per slot on the full graph of allowed pairs."""
    import networkx as nx

    from matchmaker.matching.problem import build_problem

    problem = build_problem(event, k=event_size(event))  # k >= n - 1: every allowed pair
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(problem.u.tolist(), problem.v.tolist(), problem.w.tolist(), strict=True))
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


def below_five(event, result) -> str:
    """'k of m': attendees whose limits allow 5 and who have 5 possible partners (m) but
    got fewer than 5 meetings (k)."""
    from matchmaker.matching.problem import build_problem
    from matchmaker.matching.shares import partners

    people = sorted(event.attendees, key=lambda a: a.id)
    possible = partners(build_problem(event, k=1))
    met = {a.id: 0 for a in people}
    for m in result.meetings:
        for i in m.meeting.pair:
            met[i] += 1
    entitled = [a.id for a, count in zip(people, possible.tolist(), strict=True)
                if _limit(a, event.slots) >= 5 and count >= 5]
    return f"{sum(1 for i in entitled if met[i] < 5)} of {len(entitled)}"


def _limit(attendee, slots: int) -> int:
    if not (attendee.consent and attendee.wants_meetings):
        return 0
    own = slots if attendee.max_meetings is None else attendee.max_meetings
    return min(own, slots - len(attendee.unavailable_slots))


def verdicts(row: dict) -> str:
    target = TARGETS.get((row["n"], row["tables"], row["policy"]))
    if target is None or row["sessions"]:
        return "-"
    seconds, ratio = target
    checks = [("time", row["seconds"] < seconds), ("ratio", row["ratio"] >= ratio)]
    if (row["n"], row["tables"]) == SCARCE and row["policy"] == "balanced":
        checks.append(("5 each", row["below_5"].startswith("0 ")))
    return ", ".join(f"{name} {'PASS' if ok else 'FAIL'}" for name, ok in checks)


def print_table(rows: list[dict]) -> None:
    print(f"{'N':>5} {'tables':>6} {'policy':>8} {'time s':>7} {'cpu s':>6} {'before':>6} "
          f"{'MB':>5} {'total':>8} "
          f"{'bound':>8} {'ratio':>7} {'min/p10/med/max':>15} {'level':>6} {'<5':>10} "
          f"{'x-clus':>6} {'cm':>4}  targets")
    for r in rows:
        spread = f"{r['min']}/{r['p10']}/{r['median']}/{r['max']}"
        before = BEFORE.get((r["n"], r["tables"], r["policy"])) if not r["sessions"] else None
        print(f"{r['n']:>5} {r['tables']:>6} {r['policy']:>8} {r['seconds']:>7.3f} "
              f"{r['cpu']:>6.2f} {f'{before:.2f}' if before else '-':>6} {r['peak_mb']:>5.0f} {r['total']:>8} {r['bound']:>8} {r['ratio']:>7.2%} "
              f"{spread:>15} {r['level']:>3}/{r['level_bound']:<2} {r['below_5']:>10} "
              f"{r['cross_cluster']:>6.1%} {r['manager_pairs']:>4}  {verdicts(r)}"
              f"{f' ({SESSIONS_EACH} sessions each)' if r['sessions'] else ''}")
    print_sessions_case(rows)
    print_compaction(rows)
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


def print_sessions_case(rows: list[dict]) -> None:
    """The case with sessions beside the same case without them."""
    for with_sessions in (r for r in rows if r["sessions"]):
        without = next(r for r in rows if not r["sessions"] and (r["n"], r["tables"], r["policy"])
                       == (with_sessions["n"], with_sessions["tables"], with_sessions["policy"]))
        share = with_sessions["seconds"] / without["seconds"]
        print(f"sessions N={with_sessions['n']} tables={with_sessions['tables']} "
              f"{with_sessions['policy']}: {with_sessions['seconds']:.3f} s with "
              f"{with_sessions['sessions']} sessions each, {without['seconds']:.3f} s without "
              f"({share - 1:+.0%}; target within {SESSIONS_TARGET - 1:.0%}: "
              f"{'PASS' if share <= SESSIONS_TARGET else 'FAIL'})")


def print_compaction(rows: list[dict]) -> None:
    """Compact days: time with and without, idle slots (total/median/worst) before and after."""
    print(f"{'N':>5} {'tables':>6} {'policy':>8} {'plain s':>8} {'compact s':>9} {'extra':>6} "
          f"{'idle before':>14} {'idle after':>14}  target")
    for r in rows:
        extra = r["seconds"] / r["plain_seconds"] - 1 if r["plain_seconds"] else 0.0
        before, after = ("/".join(str(x) for x in r[key]) for key in ("idle_before", "idle_after"))
        print(f"{r['n']:>5} {r['tables']:>6} {r['policy']:>8} {r['plain_seconds']:>8.3f} "
              f"{r['seconds']:>9.3f} {extra:>6.0%} {before:>14} {after:>14}  "
              f"time {'PASS' if extra <= 0.3 else 'FAIL'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline-max", type=int, default=200)
    parser.add_argument("--baseline-cap", type=float, default=180.0)
    parser.add_argument("--similar", action="store_true",
                        help="similar interests on (the semantic extra)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.similar:
        os.environ["BENCH_SIMILAR"] = "1"  # the workers inherit it
    if args.worker:
        n, tables, policy, sessions = args.worker.split(":")
        baseline = int(n) <= args.baseline_max and policy == "total" and not int(sessions)
        print(json.dumps(worker(int(n), int(tables), policy, args.seed, baseline,
                                args.baseline_cap, int(sessions))))
        return
    sizes = [(int(s), int(s) // 2) for s in args.sizes.split(",")]
    runs = [(n, tables, policy, 0) for n, tables in [*sizes, SCARCE] for policy in POLICIES]
    runs.append((*SCARCE, "balanced", SESSIONS_EACH))
    rows = []
    for n, tables, policy, sessions in runs:
        command = [sys.executable, __file__, "--worker", f"{n}:{tables}:{policy}:{sessions}",
                   "--seed", str(args.seed), "--baseline-max", str(args.baseline_max),
                   "--baseline-cap", str(args.baseline_cap)]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(output.splitlines()[-1]))
        print(f"N={n} tables={tables} {policy} done in {rows[-1]['seconds']:.2f} s",
              file=sys.stderr)
    print_table(rows)


if __name__ == "__main__":
    main()
