"""Registration opening under load: N sign-ups against gunicorn, while organisers watch.

    python bench/load.py [--database sqlite|postgresql] [--sign-ups 500] [--rate 50]
                         [--workers CORES] [--threads 1] [--capacity 400] [--clients 16]

Loopback only and bounded in time (at most --seconds). It makes a throwaway instance
(SQLite file, or a throwaway PostgreSQL cluster), creates the event and an organiser,
starts ``gunicorn -w WORKERS``, and sends sign-ups at a fixed arrival rate from a pool of
clients (each a browser session: GET the form, POST it) while two organisers reload the
dashboard. It prints throughput, p50/p95/p99 latency of the sign-up POST and the errors,
then checks the database: every accepted sign-up is stored exactly once, the capacity is
kept, and the waiting list is in sign-up order. Exit status 1 if a check fails.
"""

import argparse
import contextlib
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.served import create_organiser, gunicorn, instance_environment, matchmaker
from tests.support.factories import CSRF_FIELD
from tests.support.postgres import create_database, server_binaries, throwaway_server

FORM = {"first_name": "Last", "last_name": "Test", "organisation": "Lasttest GmbH",
        "org_type": "sme", "industry": "logistics", "privacy_consent": "y",
        "matching_consent": "y", "wants_meetings": "y", "keywords": "KI, Logistik"}
SLUG, ORGANISER = "lasttest", "team@lasttest.example"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def session(base: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
    opener.base = base  # type: ignore[attr-defined]
    return opener


def sign_up(base: str, number: int) -> tuple[float, int]:
    """One person: load the form, send it; the POST's latency and status."""
    opener = session(base)
    page = opener.open(f"{base}/{SLUG}/register", timeout=30).read().decode()  # nosec B310  # loopback http
    data = {**FORM, "email": f"person{number:05d}@lasttest.example",
            "csrf_token": CSRF_FIELD.search(page).group(1)}
    body = urllib.parse.urlencode(data).encode()
    started = time.perf_counter()
    try:
        status = opener.open(f"{base}/{SLUG}/register", data=body, timeout=30).status  # nosec B310
    except urllib.error.HTTPError as error:
        status = error.code
    return time.perf_counter() - started, status


def status_of(opener: urllib.request.OpenerDirector, url: str, data: bytes | None = None) -> int:
    """The HTTP status of one request (redirects are not followed)."""
    try:
        with opener.open(url, data=data, timeout=30) as response:  # nosec B310  # loopback http
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def log_in(base: str, email: str, password: str) -> urllib.request.OpenerDirector:
    """A logged-in organiser session; retries while the server answers "busy" (503)."""
    while True:
        opener = session(base)
        page = opener.open(f"{base}/organiser/login", timeout=30).read().decode()  # nosec B310
        body = urllib.parse.urlencode({"email": email, "password": password,
                                       "csrf_token": CSRF_FIELD.search(page).group(1)}).encode()
        if status_of(opener, f"{base}/organiser/login", body) == 302:
            return opener
        time.sleep(0.2)


def organiser(opener: urllib.request.OpenerDirector, base: str, stop: threading.Event,
              loads: list[tuple[float, int]]) -> None:
    """Reload the dashboard's overview every half second: (latency, status) per load."""
    while not stop.is_set():
        started = time.perf_counter()
        status = status_of(opener, f"{base}/organiser/{SLUG}/")
        loads.append((time.perf_counter() - started, status))
        stop.wait(0.5)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


@contextlib.contextmanager
def database(kind: str, folder: Path):
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'load.sqlite'}"
        return
    with throwaway_server(server_binaries()) as base_url:
        yield create_database(base_url, "load")


def check_database(url: str, accepted: int, capacity: int) -> list[str]:
    """What went wrong in the stored data; empty when every check holds."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT email, status, number, signed_up_at FROM attendee")).all()
    engine.dispose()
    problems = []
    emails = [row.email for row in rows]
    if len(emails) != accepted or len(set(emails)) != len(emails):
        problems.append(f"{accepted} sign-ups accepted but {len(emails)} rows "
                        f"({len(set(emails))} distinct addresses) stored")
    registered = [row for row in rows if row.status == "registered"]
    waiting = [row for row in rows if row.status == "waitlisted"]
    if len(registered) > capacity:
        problems.append(f"{len(registered)} registered for {capacity} seats")
    if waiting and len(registered) < capacity:
        problems.append("people wait although seats are free")
    if registered and waiting and max(r.number for r in registered) > min(w.number for w in waiting):
        problems.append("someone who signed up later got a seat before someone waiting")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--sign-ups", type=int, default=500)
    parser.add_argument("--rate", type=float, default=50.0, help="sign-ups per second")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="gunicorn workers (default: one per core, as docs/deployment.md advises)")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--organisers", type=int, default=2, help="dashboards reloading meanwhile")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--capacity", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=60.0, help="stop sending after this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="matchmaker-load-") as tmp, \
            database(args.database, Path(tmp)) as url:
        # One client address sends everything here: no per-client limits, no barrier.
        env = instance_environment(Path(tmp), url, RATELIMIT_ENABLED="false",
                                   BOT_MIN_FILL_SECONDS="0")
        matchmaker(env, "create-event", "--title", "Lasttest", "--slug", SLUG, "--date", "2027-06-16",
                   "--venue", "Berlin", "--capacity", str(args.capacity))
        password = create_organiser(env, ORGANISER)
        with gunicorn(env, args.workers, args.threads) as served:
            base = served.url
            # The organisers are logged in when registration opens.
            sessions = [log_in(base, ORGANISER, password) for _ in range(args.organisers)]
            results, dashboard, stop = [], [], threading.Event()
            watchers = [threading.Thread(target=organiser, args=(opener, base, stop, dashboard))
                        for opener in sessions]
            client_cpu, server_cpu = time.process_time(), served.cpu_seconds()
            for watcher in watchers:
                watcher.start()
            started = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                futures = []
                for number in range(args.sign_ups):
                    due = started + number / args.rate
                    if due - started > args.seconds:
                        break
                    time.sleep(max(0.0, due - time.perf_counter()))
                    futures.append(pool.submit(sign_up, base, number))
                results = [future.result() for future in futures]
            elapsed = time.perf_counter() - started
            client_cpu = time.process_time() - client_cpu
            server_cpu = served.cpu_seconds() - server_cpu
            stop.set()
            for watcher in watchers:
                watcher.join()
        latencies = [seconds for seconds, _ in results]
        accepted = sum(1 for _, status in results if status == 302)
        errors = len(results) - accepted
        print(f"{args.database}, gunicorn -w {args.workers} --threads {args.threads}, {args.clients} clients, "
              f"target {args.rate:g} sign-ups/s, {os.cpu_count()} cores")
        print(f"sign-ups: {len(results)} sent, {accepted} accepted, {errors} errors, "
              f"{len(results) / elapsed:.1f}/s over {elapsed:.1f} s")
        print("sign-up POST latency: p50 {:.0f} ms, p95 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms".format(
            *(1000 * percentile(latencies, share) for share in (0.5, 0.95, 0.99, 1.0))))
        if dashboard:
            times = [seconds for seconds, _ in dashboard]
            failed = sum(1 for _, status in dashboard if status != 200)
            errors += failed
            print(f"dashboard: {len(dashboard)} loads, {failed} errors, median "
                  f"{1000 * statistics.median(times):.0f} ms, p95 {1000 * percentile(times, 0.95):.0f} ms")
        print(f"CPU per sign-up (form and POST, with the dashboard's share): app "
              f"{1000 * server_cpu / len(results):.1f} ms, load clients {1000 * client_cpu / len(results):.1f} ms")
        problems = check_database(url, accepted, args.capacity)
        print("database: " + ("; ".join(problems) if problems else
                              "every accepted sign-up stored once, capacity kept, waiting list in order"))
        return 1 if problems or errors else 0


if __name__ == "__main__":
    sys.exit(main())
