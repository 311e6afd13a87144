"""Benchmark of the organiser dashboard with many attendees (not a test).

    python bench/dashboard.py [--sizes 200,5000] [--repeat 5]

Seeds one event per size on a fresh SQLite database (synthetic attendees, a planned
schedule), logs in, and renders each page: the attendee list unfiltered and filtered,
the overview, the schedule report, a later page of its grid and the publish step. It
prints the SQL statements per page (which must not grow with the number of attendees),
the median render time, the ratio of the largest size to the smallest, and the median CPU
time at the largest size (which the load of a shared machine does not inflate).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = {
    "attendees": "/organiser/{slug}/attendees",
    "attendees filtered": "/organiser/{slug}/attendees?q=gmbh&org_type=sme&theme=skills&sort=name&page=2",
    "overview": "/organiser/{slug}/",
    "schedule report": "/organiser/{slug}/schedule/",
    "schedule grid page 3": "/organiser/{slug}/schedule/?page=3",
    "publish step": "/organiser/{slug}/schedule/publish",
}

# Medians (ms) at 5,000 attendees before the dashboard counted arrivals and feedback in SQL
# (measured on the shared 2-core machine under load, --repeat 3), printed beside today's.
BEFORE_5000 = {"attendees": 1255, "attendees filtered": 455, "overview": 2317, "schedule report": 3403,
               "schedule grid page 3": 3372, "publish step": 130}


def seeded_app(size: int, folder: Path):  # type: ignore[no-untyped-def]
    from datetime import date
    from datetime import time as clock

    from flask_migrate import upgrade

    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.models import Organiser
    from matchmaker.services.attendees.imports import import_attendees
    from matchmaker.services.events.events import EventPlan, SlotBlock, create_event, ensure_industries
    from matchmaker.services.schedule.planning import plan_schedule
    from matchmaker.synthetic import generate_attendees

    app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "TESTING": True,
                      "RATELIMIT_ENABLED": False, "PUBLIC_BASE_URL": "http://localhost",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
                      "MAIL_OUTBOX_DIR": str(folder / "outbox")})
    with app.app_context():
        upgrade()
        ensure_industries()
        event = create_event(EventPlan(
            slug="bench", title="Bench", starts_on=date(2027, 6, 16), venue="Berlin",
            capacity=size, blocks=(SlotBlock(clock(10, 0), 10),), meeting_minutes=20,
            table_count=max(size // 4, 1)))
        import_attendees(event, generate_attendees(size, seed=1), "bench", confirmed=True)
        organiser = Organiser(email="bench@example.org", is_admin=True)
        organiser.set_password("bench-password")
        db.session.add(organiser)
        db.session.commit()
        plan_schedule(event)
        db.session.commit()
        db.session.remove()
    return app


def measure(app, repeat: int) -> dict[str, tuple[int, float, float]]:  # type: ignore[no-untyped-def]
    from matchmaker.extensions import db
    from tests.support.queries import counting_queries

    client = app.test_client()
    client.post("/organiser/login", data={"email": "bench@example.org", "password": "bench-password"})
    figures = {}
    with app.app_context():
        engine = db.engine
    for name, path in PAGES.items():
        url = path.format(slug="bench")
        times, cpu = [], []
        for _ in range(repeat):
            with counting_queries(engine) as statements:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        figures[name] = (len(statements), statistics.median(times), statistics.median(cpu))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,5000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            results[size] = measure(seeded_app(size, Path(folder)), args.repeat)
    small, large = sizes[0], sizes[-1]
    print(f"{'page':<20}" + "".join(f"{f'{s}: queries / ms':>22}" for s in sizes) + f"{'time ratio':>12}{'5000 before':>13}{'CPU ms':>8}")
    for name in PAGES:
        cells = "".join(f"{results[s][name][0]:>12} / {results[s][name][1] * 1000:>6.1f}" for s in sizes)
        ratio = results[large][name][1] / results[small][name][1]
        print(f"{name:<20}{cells}{ratio:>12.2f}{BEFORE_5000[name]:>13}{results[large][name][2] * 1000:>8.1f}")
    grown = [name for name in PAGES if results[large][name][0] > results[small][name][0]]
    print("query counts bounded: " + ("yes" if not grown else f"NO, they grow on {grown}"))


if __name__ == "__main__":
    main()
