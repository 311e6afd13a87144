"""Benchmark of the attendee's matchmaking pages on a seeded event (not a test).

    python bench/attendee_pages.py [--sizes 200,1000] [--requests 20]

For each size: a fresh SQLite database in a temporary folder, that many synthetic attendees
(confirmed, consenting), a planned and published schedule; then real requests through the
app (test client, no network) to the suggestions, participant list, schedule and ``.ics``
pages of --requests attendees. Prints the median and slowest time per page, the most SQL
statements one request issued, and the median CPU time (which the load of a shared machine
does not inflate).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = ("suggestions", "participants", "schedule", "schedule.ics")
# The medians (ms) measured before suggestions were kept per attendee and the participant
# list moved to SQL (README, issue 23), printed beside today's.
BEFORE = {200: {"suggestions": 96, "participants": 39, "schedule": 23, "schedule.ics": 49},
          1000: {"suggestions": 326, "participants": 189, "schedule": 31, "schedule.ics": 48},
          5000: {"suggestions": 5100, "participants": 950, "schedule": 24, "schedule.ics": 51}}


def measure(n: int, samples: int) -> dict[str, tuple[float, float, int, float]]:
    from flask_migrate import upgrade
    from sqlalchemy import event as sa_event
    from sqlalchemy import select

    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.models import Attendee
    from matchmaker.services.attendees.imports import import_attendees
    from matchmaker.services.events.events import EventPlan, SlotBlock, create_event, ensure_industries
    from matchmaker.services.schedule.planning import plan_schedule
    from matchmaker.services.schedule.publishing import publish
    from matchmaker.synthetic import generate_attendees

    folder = Path(tempfile.mkdtemp(prefix="bench-attendee-"))
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'db.sqlite'}",
                      "MAIL_OUTBOX_DIR": str(folder / "outbox"), "TESTING": True})
    with app.app_context():
        upgrade()
        ensure_industries()
        event = create_event(EventPlan(slug="bench", title="Bench", starts_on=date(2027, 6, 16),
                                       venue="Berlin", capacity=n, table_count=n // 2,
                                       blocks=(SlotBlock(clock(10, 30), 5), SlotBlock(clock(14, 0), 5)),
                                       meeting_minutes=20))
        import_attendees(event, generate_attendees(n, seed=1), "bench", confirmed=True)
        plan_schedule(event)
        publish(event, "organiser@example.org")
        db.session.commit()
        tokens = list(db.session.scalars(select(Attendee.token).order_by(Attendee.id).limit(samples)))
        statements = [0]
        sa_event.listen(db.engine, "before_cursor_execute", lambda *args: statements.__setitem__(0, statements[0] + 1))
        client = app.test_client()
        figures = {}
        for name in PAGES:
            times, counts, cpu = [], [], []
            for token in tokens:
                statements[0] = 0
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(f"/me/{token}/{name}")
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
                counts.append(statements[0])
                assert response.status_code == 200, (name, response.status_code)
            figures[name] = (statistics.median(times), max(times), max(counts), statistics.median(cpu))
        db.session.remove()
        db.engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000")
    parser.add_argument("--requests", type=int, default=20)
    options = parser.parse_args()
    print(f"{'attendees':>9}  {'page':<13} {'median ms':>9} {'max ms':>8} {'SQL':>4} {'before ms':>10} {'CPU ms':>7}")
    for n in (int(size) for size in options.sizes.split(",")):
        for page, (median, slowest, queries, cpu) in measure(n, options.requests).items():
            before = BEFORE.get(n, {}).get(page)
            print(f"{n:>9}  {page:<13} {median * 1000:>9.1f} {slowest * 1000:>8.1f} {queries:>4} "
                  f"{before if before is not None else '-':>10} {cpu * 1000:>7.1f}")


if __name__ == "__main__":
    main()
