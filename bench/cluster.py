"""Benchmark of the app on two hosts (not a test): the set-up of tests/test_two_nodes.py.

    python bench/cluster.py [--sign-ups 300] [--clients 16] [--jobs 3] [--node-workers 1]

Starts Debian's redis-server, a throwaway PostgreSQL, two gunicorn nodes with the same
settings (JOBS_STORAGE and RATELIMIT_STORAGE_URI on that Redis, one SECRET_KEY) and
``matchmaker worker``, all on loopback (``tests/support/cluster.py``). Prints: sign-ups per
second spread over both nodes (each a visitor loading the form and posting it), a
matchmaking job's latency (started on node A, its end seen by polling node B), and how
long after Redis returns a job can be started and is done again.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.served import children, process_cpu
from tests.support.cluster import (
    QUEUE_AWAY,
    Cluster,
    add_event,
    finished_job,
    latest_job_id,
    logged_in,
    node_urls,
    run_matchmaking,
    running_cluster,
    sign_up,
    start_once_accepted,
    stored,
)
from tests.support.postgres import postgres_cluster, server_binaries
from tests.support.redis_server import redis_binary, redis_server


def nodes_cpu(cluster: Cluster) -> float:
    """CPU seconds used so far by both nodes' gunicorn masters and workers."""
    pids = [node.process.pid for node in cluster.nodes if node.process is not None]
    return sum(process_cpu(pid) for master in pids for pid in [master, *children(master)])


def timed_sign_up(url: str, slug: str, email: str) -> tuple[bool, float]:
    started = time.perf_counter()
    ok = sign_up(url, slug, email)
    return ok, time.perf_counter() - started


def sign_ups(cluster: Cluster, count: int, clients: int) -> None:
    add_event(cluster, "bench-2027", capacity=count)
    emails = [f"bench{n}@example.org" for n in range(count)]
    targets = [node_urls(cluster)[n % 2] for n in range(count)]
    started, cpu = time.perf_counter(), nodes_cpu(cluster)
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda t, e: timed_sign_up(t, "bench-2027", e), targets, emails))
    elapsed, cpu = time.perf_counter() - started, nodes_cpu(cluster) - cpu
    seconds = sorted(s for _, s in results)
    accepted = [email for email, (ok, _) in zip(emails, results, strict=True) if ok]
    counts = stored(cluster, "bench-2027")
    once = all(counts.get(email, (0, ""))[0] == 1 for email in accepted)
    print(f"sign-ups over two nodes: {len(accepted)} of {count} acknowledged in {elapsed:.1f} s "
          f"= {len(accepted) / elapsed:.1f} per s ({clients} clients); form + POST p50 / p95: "
          f"{1000 * statistics.median(seconds):.0f} / {1000 * seconds[int(0.95 * (len(seconds) - 1))]:.0f} ms")
    print(f"app CPU per sign-up (form + POST, both nodes): {1000 * cpu / count:.0f} ms")
    print(f"every acknowledged sign-up stored once: {'yes' if once else 'NO'}")


def job_latency(cluster: Cluster, jobs: int) -> None:
    node_a, node_b = node_urls(cluster)
    organiser = logged_in(node_a, "10.2.0.1")
    latencies = []
    for _ in range(jobs):
        started = time.perf_counter()
        run_matchmaking(organiser, node_a)
        view = finished_job(organiser, node_b, latest_job_id(cluster), seconds=300)
        latencies.append(time.perf_counter() - started)
        assert view["status"] == "done", view
    print(f"matchmaking job, started on node A, done seen on node B: median "
          f"{statistics.median(latencies):.2f} s, max {max(latencies):.2f} s ({jobs} jobs)")


def redis_recovery(cluster: Cluster) -> None:
    node_a, node_b = node_urls(cluster)
    organiser = logged_in(node_a, "10.2.0.2")
    cluster.redis.stop()
    refused = QUEUE_AWAY in run_matchmaking(organiser, node_a)
    still_signing_up = sign_up(node_b, "bench-2027", "during-outage@example.org")
    cluster.redis.start()
    back = time.perf_counter()
    accepted = start_once_accepted(organiser, node_a)
    finished_job(organiser, node_b, latest_job_id(cluster), seconds=300)
    done = time.perf_counter() - back
    print(f"Redis stopped: job start refused with a message: {'yes' if refused else 'NO'}; "
          f"sign-up accepted: {'yes' if still_signing_up else 'NO'}")
    print(f"after Redis returns: a job start accepted after {accepted:.2f} s, that job done after {done:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sign-ups", type=int, default=300)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=3)
    parser.add_argument("--attendees", type=int, default=8, help="confirmed attendees the jobs plan")
    parser.add_argument("--node-workers", type=int, default=1, help="gunicorn workers per node")
    args = parser.parse_args()
    redis, bin_dir = redis_binary(), server_binaries()
    if redis is None or bin_dir is None:
        raise SystemExit("needs redis-server and PostgreSQL (apt-get install redis-server postgresql)")
    with (redis_server(redis) as server, postgres_cluster(bin_dir) as database,
          tempfile.TemporaryDirectory() as folder):
        started = time.perf_counter()
        with running_cluster(server, database.url, Path(folder), args.attendees, args.node_workers) as cluster:
            print(f"cluster up (Redis, PostgreSQL, 2 nodes x {args.node_workers} worker(s), job worker) "
                  f"in {time.perf_counter() - started:.1f} s")
            sign_ups(cluster, args.sign_ups, args.clients)
            job_latency(cluster, args.jobs)
            redis_recovery(cluster)


if __name__ == "__main__":
    main()
