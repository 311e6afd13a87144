"""Benchmark: does a flood of organiser log-ins slow down the public pages? (not a test)

    python bench/login.py [--flood 16] [--seconds 10] [--alone-seconds 3] [--workers 2] [--threads 4]

Serves the app with gunicorn on loopback (SQLite in a temporary folder) and measures
``GET /`` once alone and then while ``--flood`` clients log in as fast as they can with
the right password (each: fetch the form, post it). It does so twice: "unbounded" lets
every log-in hash at once (PASSWORD_HASHING_SLOTS=64, the behaviour before the bound),
"bounded" uses the default (half the cores). It prints the median and 95th percentile of
``GET /``, log-ins per second and how many were answered "busy" (503).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.served import create_organiser, gunicorn, instance_environment, matchmaker
from tests.support.factories import CSRF_FIELD

EMAIL = "bench@example.org"


def settings(slots: int | None, wait_ms: int | None) -> dict[str, str]:
    """MATCHMAKER_* settings of a run: how many log-ins may hash at once, how long one waits."""
    chosen = {"PASSWORD_HASHING_SLOTS": slots, "PASSWORD_HASHING_WAIT_MS": wait_ms}
    return {name: str(value) for name, value in chosen.items() if value is not None}


def probe(url: str, stop: threading.Event, seconds: float) -> list[float]:
    """``GET /`` one after another; latencies in milliseconds."""
    latencies: list[float] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not stop.is_set():
        started = time.perf_counter()
        urllib.request.urlopen(url + "/", timeout=30).read()
        latencies.append((time.perf_counter() - started) * 1000)
        time.sleep(0.02)
    return latencies


def log_in_repeatedly(url: str, password: str, stop: threading.Event, outcomes: list[int]) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    while not stop.is_set():
        page = opener.open(url + "/organiser/login", timeout=30).read().decode()
        data = urllib.parse.urlencode({"email": EMAIL, "password": password,
                                       "csrf_token": CSRF_FIELD.search(page).group(1)}).encode()
        try:
            status = opener.open(urllib.request.Request(url + "/organiser/login", data=data),
                                 timeout=30).status
        except urllib.error.HTTPError as error:
            status = error.code
        outcomes.append(status)  # 200: logged in (the redirect to the dashboard followed)


def measure(url: str, password: str, flood: int, seconds: float) -> dict[str, float]:
    stop, outcomes = threading.Event(), []
    clients = [threading.Thread(target=log_in_repeatedly, args=(url, password, stop, outcomes), daemon=True)
               for _ in range(flood)]
    for client in clients:
        client.start()
    time.sleep(0.5)
    latencies = probe(url, stop, seconds)
    stop.set()
    for client in clients:
        client.join(timeout=30)
    return {"median": statistics.median(latencies),
            "p95": sorted(latencies)[int(0.95 * (len(latencies) - 1))],
            "logins_per_s": sum(1 for status in outcomes if status == 200) / seconds,
            "busy": sum(1 for status in outcomes if status == 503)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--alone-seconds", type=float, default=3, help="GET / without the flood first")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--wait-ms", type=int, default=None,
                        help="PASSWORD_HASHING_WAIT_MS for the bounded run (default: the app's)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-login-") as temp:
        folder = Path(temp)
        env = instance_environment(folder)
        matchmaker(env, "create-event", "--title", "Bench 2027", "--date", "2027-06-16", "--venue", "Berlin")
        password = create_organiser(env, EMAIL)
        print(f"gunicorn -w {args.workers} --threads {args.threads}, {os.cpu_count()} cores "
              f"(load average {os.getloadavg()[0]:.1f}), {args.flood} clients logging in for "
              f"{args.seconds:.0f} s")
        print(f"{'hashing':<10} {'GET / alone':>12} {'GET / median':>13} {'p95':>8} {'log-ins/s':>10} {'busy':>6}")
        for name, slots in (("unbounded", 64), ("bounded", None)):
            run_env = instance_environment(folder, **settings(slots, args.wait_ms))
            with gunicorn(run_env, args.workers, args.threads) as served:
                alone = statistics.median(probe(served.url, threading.Event(), args.alone_seconds))
                flooded = measure(served.url, password, args.flood, args.seconds)
            print(f"{name:<10} {alone:>10.1f}ms {flooded['median']:>11.1f}ms {flooded['p95']:>6.0f}ms "
                  f"{flooded['logins_per_s']:>10.1f} {flooded['busy']:>6.0f}")


if __name__ == "__main__":
    main()
