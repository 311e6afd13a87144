"""Benchmark of a cluster week in one installation (not a test).

    python bench/cluster_week.py [--events 150] [--attendees 100] [--open-at-once 10]
                                 [--sign-ups 20] [--clients 8] [--repeat 3]

Seeds EVENTS events of ATTENDEES synthetic attendees each on a fresh SQLite database
(titles and venues with umlauts, four themes, dates over a week), then opens sign-up in
OPEN_AT_ONCE events at once: CLIENTS threads post SIGN_UPS sign-ups to each of them
through the real sign-up form, and the figures say whether every accepted sign-up was
stored once. Then it renders the public list of events (plain, searched, filtered, a later
page), every event's pages (event page, sign-up form, programme) and the organiser's list
of events, and prints SQL statements and median time per page beside the same pages of an
installation with one event, with the time ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LIST_PAGES = {
    "public list": "/?when=upcoming",
    "public list searched": "/?q=suedwest",
    "public list filtered": "/?venue=Köln&theme=skills",
    "public list page 3": "/?when=upcoming&page=3",
    "organiser list": "/organiser/",
    "organiser list page 5": "/organiser/?page=5",
}
EVENT_PAGES = {"event page": "/{slug}/", "sign-up form": "/{slug}/register",
               "programme": "/{slug}/programme"}
MIN_SAMPLES = 15  # per page, so that one event's pages are not timed from 3 visits
VENUES = ("Köln", "München", "Düsseldorf", "Nürnberg", "Lübeck", "Saarbrücken", "Berlin",
          "Jena", "Göttingen", "Würzburg", "Osnabrück", "Bremen")
TOPICS = ("Clusterforum Südwest", "Netzwerktreffen Mobilität", "Fachkräftetag Gesundheit",
          "Innovationsbörse Energie", "Gründerwoche Digital", "Werkstatt Leichtbau")


def seeded_app(events: int, attendees: int, folder: Path):  # type: ignore[no-untyped-def]
    from flask_migrate import upgrade

    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.models import Organiser
    from matchmaker.services.attendees.imports import import_attendees
    from matchmaker.services.events.events import EventPlan, SlotBlock, create_event, ensure_industries
    from matchmaker.synthetic import generate_attendees
    from matchmaker.vocabulary import THEMES

    app = create_app({"SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "TESTING": True,
                      "RATELIMIT_ENABLED": False, "BOT_MIN_FILL_SECONDS": 0,
                      "PUBLIC_BASE_URL": "http://localhost",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
                      "MAIL_OUTBOX_DIR": str(folder / "outbox")})
    first_day = date.today() + timedelta(days=60)
    with app.app_context():
        upgrade()
        ensure_industries()
        for number in range(events):
            event = create_event(EventPlan(
                slug=f"woche-{number:03d}", title=f"{TOPICS[number % len(TOPICS)]} {number}",
                starts_on=first_day + timedelta(days=number % 5), venue=VENUES[number % len(VENUES)],
                capacity=attendees + 50, blocks=(SlotBlock(clock(10, 0), 10),), meeting_minutes=20,
                table_count=max(attendees // 4, 1), theme=THEMES[number % len(THEMES)]))
            import_attendees(event, generate_attendees(attendees, seed=number), "bench", confirmed=True)
            db.session.commit()
        organiser = Organiser(email="bench@example.org", is_admin=True)
        organiser.set_password("bench-password")
        db.session.add(organiser)
        db.session.commit()
        db.session.remove()
    return app


def sign_ups_at_once(app, events: int, per_event: int, clients: int) -> str:  # type: ignore[no-untyped-def]
    """Sign-ups to several events at once; the figures and whether all were stored once."""
    from sqlalchemy import func, select

    from matchmaker.extensions import db
    from matchmaker.models import Attendee
    from tests.support.factories import valid_sign_up

    def sign_up(job: tuple[int, int]) -> tuple[float, int]:
        event, person = job
        client = app.test_client()
        form = valid_sign_up(email=f"person-{event}-{person}@example.org", unavailable_slots=[])
        started = time.perf_counter()
        status = client.post(f"/woche-{event:03d}/register", data=form).status_code
        return time.perf_counter() - started, status

    def stored() -> int:
        with app.app_context():
            return db.session.scalar(select(func.count()).select_from(Attendee)) or 0

    before = stored()
    jobs = [(event, person) for person in range(per_event) for event in range(events)]
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(sign_up, jobs))
    seconds = time.perf_counter() - started
    accepted = sum(1 for _, status in results if status == 302)
    once = "yes" if stored() - before == accepted == len(jobs) else f"NO ({stored() - before} stored)"
    median = statistics.median(duration for duration, _ in results) * 1000
    return (f"sign-ups: {len(jobs)} into {events} events at once by {clients} clients, "
            f"{len(jobs) / seconds:.0f} per second, median {median:.0f} ms; "
            f"every accepted sign-up stored once: {once}")


def measure(app, events: int, repeat: int) -> dict[str, tuple[int, float]]:  # type: ignore[no-untyped-def]
    """Per page: SQL statements (the most of any visit) and median milliseconds of at least
    ``repeat`` visits to each URL and MIN_SAMPLES visits in all."""
    from matchmaker.extensions import db
    from tests.support.queries import counting_queries

    client = app.test_client()
    client.post("/organiser/login", data={"email": "bench@example.org", "password": "bench-password"})
    with app.app_context():
        engine = db.engine
    urls = {name: [path] for name, path in LIST_PAGES.items()}
    urls |= {name: [path.format(slug=f"woche-{number:03d}") for number in range(events)]
             for name, path in EVENT_PAGES.items()}
    figures = {}
    for name, paths in urls.items():
        client.get(paths[0])  # compiled templates and warm caches, as on a running server
        times, counts = [], []
        for _ in range(max(repeat, -(-MIN_SAMPLES // len(paths)))):
            for url in paths:
                with counting_queries(engine) as statements:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
                counts.append(len(statements))
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
        figures[name] = (max(counts), statistics.median(times))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=150)
    parser.add_argument("--attendees", type=int, default=100)
    parser.add_argument("--open-at-once", type=int, default=10)
    parser.add_argument("--sign-ups", type=int, default=20, help="per event opened at once")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = {}
    for events in (1, args.events):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            app = seeded_app(events, args.attendees, Path(folder))
            print(f"{events} events of {args.attendees} attendees seeded in {time.perf_counter() - started:.0f} s")
            if events > 1:
                print(sign_ups_at_once(app, min(args.open_at_once, events), args.sign_ups, args.clients))
            results[events] = measure(app, events, args.repeat)
    one, many = results[1], results[args.events]
    print(f"{'page':<24}{'1 event: queries / ms':>24}{f'{args.events} events: queries / ms':>26}{'time ratio':>12}")
    for name in one:
        print(f"{name:<24}{one[name][0]:>14} / {one[name][1] * 1000:>6.1f}"
              f"{many[name][0]:>16} / {many[name][1] * 1000:>6.1f}{many[name][1] / one[name][1]:>12.2f}")
    grown = [name for name in one if many[name][0] > one[name][0]]
    print("query counts bounded: " + ("yes" if not grown else f"NO, they grow on {grown}"))


if __name__ == "__main__":
    main()
