"""Benchmark: does a flood of organiser log-ins slow down the public pages? (not a test)

    python bench/login.py [--flood 16] [--seconds 10] [--workers 2] [--threads 4]

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
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
EMAIL, PASSWORD = "bench@example.org", "bench-passwort-lang"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(folder: Path, slots: int | None, wait_ms: int | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MATCHMAKER_")}
    env.update(MATCHMAKER_INSTANCE_PATH=str(folder), DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite'}",
               MATCHMAKER_SECRET_KEY="bench-" + "k" * 40)
    if slots:
        env["MATCHMAKER_PASSWORD_HASHING_SLOTS"] = str(slots)
    if wait_ms is not None:
        env["MATCHMAKER_PASSWORD_HASHING_WAIT_MS"] = str(wait_ms)
    return env


def prepare(folder: Path) -> None:
    env = environment(folder, None)
    run = [sys.executable, "-m", "matchmaker"]
    subprocess.run([*run, "create-event", "--title", "Bench 2027", "--date", "2027-06-16",
                    "--venue", "Berlin"], env=env, check=True, capture_output=True)
    code = ("from matchmaker import create_app\nfrom matchmaker.commands.setup import set_organiser_password\n"
            "from matchmaker.extensions import db\napp = create_app()\nwith app.app_context():\n"
            f"    set_organiser_password({EMAIL!r}, {PASSWORD!r}); db.session.commit()\n")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=PROJECT)


def serve(folder: Path, slots: int | None, workers: int, threads: int,
          wait_ms: int | None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "matchmaker:create_app()"],
        env=environment(folder, slots, wait_ms), cwd=PROJECT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()
            return server, url
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


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


def log_in_repeatedly(url: str, stop: threading.Event, outcomes: list[int]) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    while not stop.is_set():
        page = opener.open(url + "/organiser/login", timeout=30).read().decode()
        data = urllib.parse.urlencode({"email": EMAIL, "password": PASSWORD,
                                       "csrf_token": CSRF.search(page).group(1)}).encode()
        try:
            status = opener.open(urllib.request.Request(url + "/organiser/login", data=data),
                                 timeout=30).status
        except urllib.error.HTTPError as error:
            status = error.code
        outcomes.append(status)  # 200: logged in (the redirect to the dashboard followed)


def measure(url: str, flood: int, seconds: float) -> dict[str, float]:
    stop, outcomes = threading.Event(), []
    clients = [threading.Thread(target=log_in_repeatedly, args=(url, stop, outcomes), daemon=True)
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
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--wait-ms", type=int, default=None,
                        help="PASSWORD_HASHING_WAIT_MS for the bounded run (default: the app's)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-login-") as temp:
        folder = Path(temp)
        prepare(folder)
        print(f"gunicorn -w {args.workers} --threads {args.threads}, {os.cpu_count()} cores "
              f"(load average {os.getloadavg()[0]:.1f}), {args.flood} clients logging in for "
              f"{args.seconds:.0f} s")
        print(f"{'hashing':<10} {'GET / alone':>12} {'GET / median':>13} {'p95':>8} {'log-ins/s':>10} {'busy':>6}")
        for name, slots in (("unbounded", 64), ("bounded", None)):
            server, url = serve(folder, slots, args.workers, args.threads, args.wait_ms)
            try:
                alone = statistics.median(probe(url, threading.Event(), 3))
                flooded = measure(url, args.flood, args.seconds)
            finally:
                server.terminate()
                server.wait(timeout=30)
            print(f"{name:<10} {alone:>10.1f}ms {flooded['median']:>11.1f}ms {flooded['p95']:>6.0f}ms "
                  f"{flooded['logins_per_s']:>10.1f} {flooded['busy']:>6.0f}")


if __name__ == "__main__":
    main()
