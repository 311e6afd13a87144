"""Benchmark of the organiser's schedule pages with many attendees (not a test).

    python bench/schedule_page.py [--sizes 200,5000] [--seed 1] [--repeat 5]

For each size: a fresh migrated SQLite database in a temporary folder, an event with
enough seats and N // 2 tables, N confirmed synthetic attendees, one engine run. Then an
administrator fetches the schedule page, one grid page further on, and the publish
confirmation; printed per page are the SQL queries of one request and the median render
time over --repeat requests, and at the end the ratio of each figure to the smallest size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = ("schedule/", "schedule/?page=3", "schedule/publish")


def measure(n: int, seed: int, repeat: int) -> dict[str, tuple[int, float]]:
    from datetime import date, time as clock

    from flask_migrate import upgrade
    from sqlalchemy import event as sa_event

    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.models import Organiser
    from matchmaker.services.attendee_import import import_attendees
    from matchmaker.services.events import EventPlan, SlotBlock, create_event, ensure_industries
    from matchmaker.services.scheduling import plan_schedule
    from matchmaker.synthetic import generate_attendees

    folder = Path(tempfile.mkdtemp(prefix="bench-schedule-"))
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/db.sqlite",
                      "MAIL_OUTBOX_DIR": str(folder / "outbox"), "WTF_CSRF_ENABLED": False})
    with app.app_context():
        upgrade()
        ensure_industries()
        event = create_event(EventPlan(
            slug="bench", title="Bench", starts_on=date(2027, 6, 16), venue="Berlin", capacity=n,
            blocks=(SlotBlock(clock(10, 30), 5), SlotBlock(clock(14, 0), 5)), meeting_minutes=20,
            table_count=n // 2))
        import_attendees(event, generate_attendees(n, seed, slots=10), "bench", confirmed=True)
        organiser = Organiser(email="bench@example.org", is_admin=True)
        organiser.set_password("bench-password")
        db.session.add(organiser)
        db.session.commit()
        plan_schedule(event)
        db.session.commit()
        db.session.remove()
    client = app.test_client()
    client.post("/organiser/login", data={"email": "bench@example.org", "password": "bench-password"})
    figures = {}
    with app.app_context():
        engine = db.engine
    for path in PAGES:
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        sa_event.listen(engine, "before_cursor_execute", listener)
        assert client.get(f"/organiser/bench/{path}").status_code == 200
        sa_event.remove(engine, "before_cursor_execute", listener)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(f"/organiser/bench/{path}")
            times.append(time.perf_counter() - started)
        figures[path] = (len(statements), statistics.median(times))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {n: measure(n, args.seed, args.repeat) for n in sizes}
    print(f"{'attendees':>9}  {'page':<18} {'queries':>7} {'render':>9}")
    for n, figures in results.items():
        for path, (queries, seconds) in figures.items():
            print(f"{n:>9}  {path:<18} {queries:>7} {seconds * 1000:>7.1f} ms")
    smallest = results[sizes[0]]
    for n in sizes[1:]:
        for path, (queries, seconds) in results[n].items():
            base_queries, base_seconds = smallest[path]
            print(f"{n} / {sizes[0]}: {path:<18} queries x{queries / base_queries:.2f}, "
                  f"render x{seconds / base_seconds:.2f}")


if __name__ == "__main__":
    main()
