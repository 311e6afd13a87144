"""Benchmark of background jobs on huey's SQLite queue with a real consumer (not a test).

    python bench/jobs.py [--round-trips 100] [--attendees 200,1000]

Prints: the time ``start_job`` takes in the web process (what a click costs), the round
trip of a job that does nothing (queued -> picked up -> done, as the page sees it), and a
matchmaking job end to end next to ``matchmaker match``'s own phases in the same process.
Runs on a throwaway SQLite database in a temporary instance folder; the event has tables
for everybody (with the demo's 60 tables, 1,000 attendees take the engine over 30 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def clear_schedule() -> None:
    from sqlalchemy import delete

    from matchmaker.extensions import db
    from matchmaker.models import Meeting, ScheduleRun

    db.session.execute(delete(Meeting))
    db.session.execute(delete(ScheduleRun))
    db.session.commit()


def wait(event, job_id: int, poll: float = 0.005):
    from matchmaker.extensions import db
    from matchmaker.jobs import job_status

    while True:
        view = job_status(event, job_id)
        db.session.commit()
        if view.finished:
            return view
        time.sleep(poll)


def round_trips(event, count: int) -> tuple[list[float], list[float]]:
    from matchmaker.jobs import start_job

    starts, trips = [], []
    for _ in range(count):
        began = time.perf_counter()
        job = start_job(event, "bulk_mail", {"mail_ids": []}, "bench")
        started = time.perf_counter()
        wait(event, job.id)
        starts.append(started - began)
        trips.append(time.perf_counter() - began)
    return starts, trips


def matchmaking(event, attendees: int) -> tuple[float, float]:
    from matchmaker.extensions import db
    from matchmaker.jobs import start_job
    from matchmaker.services.attendees.imports import import_attendees
    from matchmaker.services.schedule.planning import planning_input, solve, store_schedule
    from matchmaker.synthetic import generate_attendees

    event.capacity += attendees
    import_attendees(event, generate_attendees(attendees, seed=attendees, slots=10), "bench",
                     confirmed=True)
    db.session.commit()
    clear_schedule()
    began = time.perf_counter()
    store_schedule(event, solve(planning_input(event)))
    db.session.commit()
    direct = time.perf_counter() - began
    clear_schedule()
    began = time.perf_counter()
    job_id = start_job(event, "matchmaking", {}, "bench").id
    assert wait(event, job_id, poll=0.2).status == "done"  # a page polls once a second
    return direct, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--round-trips", type=int, default=100)
    parser.add_argument("--attendees", default="200,1000")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-jobs-"))
    os.environ["MATCHMAKER_INSTANCE_PATH"] = str(folder)
    from flask_migrate import upgrade

    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.jobs.queue import embedded_worker
    from matchmaker.services.events.events import ensure_industries
    from tests.support.factories import make_event

    app = create_app({"SECRET_KEY": "bench", "TESTING": True})  # in-process, not served
    with app.app_context(), embedded_worker(app, workers=2):
        upgrade()
        ensure_industries()
        sizes = [int(n) for n in args.attendees.split(",")]
        event = make_event(tables=max(sizes) // 2)  # tables for everybody, as bench/matchmaking.py
        starts, trips = round_trips(event, args.round_trips)
        print(f"start_job in the web process: median {statistics.median(starts) * 1000:.1f} ms, "
              f"p95 {percentile(starts, 0.95) * 1000:.1f} ms")
        print(f"empty job round trip ({args.round_trips}x): median "
              f"{statistics.median(trips) * 1000:.1f} ms, p95 {percentile(trips, 0.95) * 1000:.1f} ms")
        done = 0
        for size in sizes:
            direct, queued = matchmaking(event, size - done)
            done = size
            print(f"matchmaking {size} attendees: in process {direct:.2f} s, as a job {queued:.2f} s")
        db.session.remove()


if __name__ == "__main__":
    main()
