"""Benchmark: does "send my link again" answer a registered address as fast as an unknown one? (not a test)

    python bench/link_request.py [--requests 100] [--pause 0.1] [--workers 1]

Serves the app with gunicorn on loopback (SQLite in a temporary folder), imports the
example attendees, and posts the link-request form alternately for a registered and an
unknown address (``--requests`` of each, in one browser session, redirects not followed),
waiting ``--pause`` seconds after each answer so that what a request leaves for after its
response (the mail) is done before the next one. The link-mail interval and the rate
limits are switched off, so that every request for a registered address composes a mail.
It prints the median and 95th percentile of both, the ratio of the medians, and how
many link mails were written (one per request for a registered address).
"""

from __future__ import annotations

import argparse
import csv
import http.cookiejar
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.served import PROJECT, gunicorn, instance_environment, matchmaker
from tests.support.factories import CSRF_FIELD

ATTENDEES = PROJECT / "docs/examples/attendees.csv"
SLUG = "bench-2027"
SETTINGS = {"RATELIMIT_ENABLED": "false", "LINK_MAIL_INTERVAL_MINUTES": "0",
            "MAIL_LIMIT_PER_ADDRESS_PER_DAY": "1000000"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def registered_addresses() -> list[str]:
    with ATTENDEES.open(encoding="utf-8") as handle:
        return [row["email"] for row in csv.DictReader(handle)]


def timed_post(opener: urllib.request.OpenerDirector, url: str, body: bytes) -> float:
    """Milliseconds until the whole answer has arrived."""
    started = time.perf_counter()
    try:
        with opener.open(url, data=body, timeout=30) as response:  # nosec B310  # loopback http
            response.read()
    except urllib.error.HTTPError as error:
        error.read()
        if error.code != 302:
            raise SystemExit(f"link request answered {error.code}") from None
    return (time.perf_counter() - started) * 1000


def measure(base: str, requests: int, pause: float) -> dict[str, list[float]]:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
    url = f"{base}/{SLUG}/link"
    token = CSRF_FIELD.search(opener.open(url, timeout=30).read().decode()).group(1)  # nosec B310
    known = registered_addresses()
    times: dict[str, list[float]] = {"registered": [], "unknown": []}
    for number in range(requests):
        for kind, email in (("registered", known[number % len(known)]),
                            ("unknown", f"niemand{number}@example.org")):
            body = urllib.parse.urlencode({"email": email, "csrf_token": token}).encode()
            times[kind].append(timed_post(opener, url, body))
            time.sleep(pause)
    return times


def p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="of each kind")
    parser.add_argument("--pause", type=float, default=0.1, help="seconds after each answer")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-link-") as temp:
        env = instance_environment(Path(temp), **SETTINGS)
        matchmaker(env, "create-event", "--title", "Bench 2027", "--date", "2027-06-16",
                   "--venue", "Berlin", "--slug", SLUG)
        matchmaker(env, "import-attendees", str(ATTENDEES))
        welcomes = len(list(Path(temp, "outbox").glob("*.eml")))
        with gunicorn(env, args.workers) as served:
            times = measure(served.url, args.requests, args.pause)
            time.sleep(0.5)
        sent = len(list(Path(temp, "outbox").glob("*.eml"))) - welcomes
    print(f"gunicorn -w {args.workers}, {os.cpu_count()} cores (load average "
          f"{os.getloadavg()[0]:.1f}), {args.requests} link requests of each kind")
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    for kind, values in times.items():
        print(f"{kind:<11} median {medians[kind]:6.1f} ms   p95 {p95(values):6.1f} ms")
    print(f"ratio registered/unknown (medians): {medians['registered'] / medians['unknown']:.2f}")
    print(f"link mails written after the answers: {sent} (expected {args.requests})")


if __name__ == "__main__":
    main()
