"""Every benchmark under bench/ still runs against today's app (tiny sizes, not timed).

The benchmarks are how the speed targets are checked; one that no longer starts (a moved
URL, a stricter configuration check) would only be noticed the day someone needs it.
Each runs here as its user runs it, in its own process, and must print its figures.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cannot_run
from tests.support.postgres import server_binaries

PROJECT = Path(__file__).resolve().parent.parent
# Smoke sizes: one gunicorn worker, a waiting list reached (12 sign-ups, 8 seats), one
# organiser watching; every server process and hashed log-in is CPU the suite pays.
LOAD = ["--sign-ups", "12", "--rate", "20", "--capacity", "8", "--workers", "1", "--organisers", "1",
        "--clients", "4"]
RUNS = {
    "attendee_files.py": (["--sizes", "50"], "50 attendees: read csv"),
    "attendee_pages.py": (["--sizes", "30", "--requests", "2"], "suggestions"),
    "console.py": (["--repeat", "1"], "heavy libraries after --help: none"),
    "dashboard.py": (["--sizes", "30", "--repeat", "1"], "query counts bounded: yes"),
    "cluster_week.py": (["--events", "3", "--attendees", "5", "--open-at-once", "2", "--sign-ups", "2",
                         "--clients", "2", "--repeat", "1"], "every accepted sign-up stored once: yes"),
    "day.py": (["--sizes", "30"], "needless"),
    "jobs.py": (["--round-trips", "3", "--attendees", "30"], "empty job round trip"),
    "link_request.py": (["--requests", "3", "--pause", "0"], "ratio registered/unknown"),
    "load.py": (LOAD, "every accepted sign-up stored once"),
    "login.py": (["--flood", "1", "--seconds", "0.2", "--alone-seconds", "0.1", "--workers", "1"], "bounded"),
    "matchmaking.py": (["--sizes", "30", "--baseline-max", "30", "--baseline-cap", "5"], "balanced"),
    "printing.py": (["--attendees", "6"], "batch peak"),
    "profile_sign_up.py": (["--sign-ups", "10"], "10 sign-ups:"),
    "round_tables.py": (["--cases", "24x4x6x2"], "mixed tables"),
    "similar_interests.py": (["--engine", "30"], "similar tag pairs; all scores"),
}
CASES = [*((script, *RUNS[script]) for script in sorted(RUNS)),
         pytest.param("load.py", [*LOAD, "--database", "postgresql"], RUNS["load.py"][1],
                      id="load.py-postgresql", marks=pytest.mark.postgres)]


def test_every_benchmark_is_run_here() -> None:
    # cluster.py starts Redis, PostgreSQL, two nodes and a worker (about a minute on a busy
    # machine): tests/test_two_nodes.py runs the same harness, so it is not run twice here.
    scripts = {path.name for path in (PROJECT / "bench").glob("*.py")} - {"served.py", "cluster.py"}
    assert scripts == set(RUNS)


@pytest.mark.parametrize(("script", "arguments", "expected"), CASES)
def test_benchmark_runs_and_prints_its_figures(script: str, arguments: list[str], expected: str) -> None:
    if "postgresql" in arguments and server_binaries() is None:
        cannot_run("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    done = subprocess.run([sys.executable, f"bench/{script}", *arguments], cwd=PROJECT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert expected in done.stdout
