"""Seats hold when many people sign up at the same moment (on SQLite and on PostgreSQL).

Every sign-up runs in its own thread with its own app context, so its own session and
database connection; a barrier releases them together.
"""

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from typing import TypeVar
from urllib.parse import parse_qs, urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from flask import Flask
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, Event
from tests.support.attendees import add_attendee
from tests.support.factories import CSRF_FIELD, make_event, valid_sign_up
from tests.support.live_server import live_server

pytestmark = pytest.mark.both_databases

T = TypeVar("T")
PEOPLE = 50
SEATS = 20
WAIT_SECONDS = 60


def at_once(count: int, task: Callable[[int, threading.Barrier], T]) -> list[T]:
    """Run ``task(i, barrier)`` in ``count`` threads; each waits at the barrier when ready.

    An exception in any thread is raised here, so the test fails with it.
    """
    barrier = threading.Barrier(count, timeout=WAIT_SECONDS)
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(task, number, barrier) for number in range(count)]
        return [future.result(timeout=WAIT_SECONDS * 2) for future in futures]


def event_with_seats(seats: int) -> int:
    """A new event's id; the test's own session is closed so it holds no transaction
    (on SQLite an open one would hold the write lock that every sign-up needs)."""
    event_id = make_event(capacity=seats).id
    db.session.close()
    return event_id


def sign_up_in_own_session(app: Flask, event_id: int, name: str, barrier: threading.Barrier) -> None:
    """Sign ``name`` up through the service, in a fresh app context (own session and connection)."""
    with app.app_context():
        event = db.session.get(Event, event_id)
        db.session.commit()  # end the read, so no thread waits at the barrier holding a lock
        barrier.wait()
        add_attendee(event, name, confirmed=False)


def post_sign_up_form(base_url: str, email: str, barrier: threading.Barrier) -> str:
    """Open the form as a new visitor, then submit it; the ``waitlist`` flag the answer shows.

    urllib raises for any 4xx or 5xx answer, which fails the test.
    """
    visitor = build_opener(HTTPCookieProcessor(CookieJar()))
    with visitor.open(f"{base_url}/go-cluster-2027/register", timeout=WAIT_SECONDS) as response:
        token = CSRF_FIELD.search(response.read().decode()).group(1)
    form = urlencode({**valid_sign_up(email=email), "csrf_token": token}, doseq=True).encode()
    barrier.wait()
    with visitor.open(f"{base_url}/go-cluster-2027/register", data=form, timeout=WAIT_SECONDS) as response:
        answer = urlsplit(response.url)
    assert answer.path == "/go-cluster-2027/register/done"
    return parse_qs(answer.query)["waitlist"][0]


def attendees_of(event_id: int) -> list[Attendee]:
    return list(db.session.scalars(select(Attendee).where(Attendee.event_id == event_id)))


def assert_seats_filled_then_waitlist(attendees: list[Attendee], emails: set[str], seats: int) -> None:
    statuses = Counter(attendee.status for attendee in attendees)
    assert statuses == {AttendeeStatus.REGISTERED: seats, AttendeeStatus.WAITLISTED: len(emails) - seats}
    assert sorted(attendee.email for attendee in attendees) == sorted(emails)
    assert sorted(attendee.number for attendee in attendees) == list(range(1, len(emails) + 1))


def test_fifty_simultaneous_sign_ups_fill_twenty_seats_and_waitlist_thirty(app: Flask):
    event_id = event_with_seats(SEATS)
    names = [f"Person{number}" for number in range(PEOPLE)]
    at_once(PEOPLE, lambda number, barrier: sign_up_in_own_session(app, event_id, names[number], barrier))
    assert_seats_filled_then_waitlist(attendees_of(event_id), emails_of(names), SEATS)


def test_fifty_simultaneous_form_posts_fill_twenty_seats_and_waitlist_thirty(app: Flask):
    event_id = event_with_seats(SEATS)
    emails = [f"besucher{number}@example.org" for number in range(PEOPLE)]
    with live_server(app) as base_url:
        shown = at_once(PEOPLE, lambda number, barrier: post_sign_up_form(base_url, emails[number], barrier))
    assert Counter(shown) == {"0": SEATS, "1": PEOPLE - SEATS}
    assert_seats_filled_then_waitlist(attendees_of(event_id), set(emails), SEATS)


def test_simultaneous_sign_ups_repeating_one_email_make_one_attendee_for_it(app: Flask):
    event_id = event_with_seats(SEATS)
    names = [f"Person{number}" for number in range(PEOPLE - 10)] + ["Dieselbe"] * 10
    at_once(PEOPLE, lambda number, barrier: sign_up_in_own_session(app, event_id, names[number], barrier))
    assert_seats_filled_then_waitlist(attendees_of(event_id), emails_of(names), SEATS)


def emails_of(names: list[str]) -> set[str]:
    return {f"{name.lower()}@example.org" for name in names}
