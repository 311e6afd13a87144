"""A session's seats hold when many attendees choose it at the same moment (SQLite and
PostgreSQL): each choice in its own thread, session and connection."""

import threading
from collections import Counter
from datetime import time

import pytest
from flask import Flask
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, SessionChoice
from matchmaker.services.programme.choices import choose_session, leave_session
from tests.programme.support import add_programme_session
from tests.public.test_capacity_concurrency import at_once
from tests.support.attendees import add_attendee
from tests.support.factories import make_event

pytestmark = pytest.mark.both_databases

PEOPLE = 24
SEATS = 8


def choose_in_own_session(app: Flask, attendee_id: int, session_id: int,
                          barrier: threading.Barrier) -> None:
    with app.app_context():
        attendee = db.session.get(Attendee, attendee_id)
        db.session.commit()  # no thread waits at the barrier holding a lock
        barrier.wait()
        choose_session(attendee, session_id)
        db.session.commit()


def leave_in_own_session(app: Flask, attendee_id: int, session_id: int,
                         barrier: threading.Barrier) -> None:
    with app.app_context():
        attendee = db.session.get(Attendee, attendee_id)
        db.session.commit()
        barrier.wait()
        leave_session(attendee, session_id)
        db.session.commit()


def scene(people: int, seats: int) -> tuple[list[int], int]:
    event = make_event()
    ids = [add_attendee(event, f"Person{number}").id for number in range(people)]
    session_id = add_programme_session(event, "Workshop KI", time(9), time(10), seats).id
    db.session.close()
    return ids, session_id


def statuses(session_id: int) -> Counter[str]:
    return Counter(db.session.scalars(select(SessionChoice.status)
                                      .where(SessionChoice.session_id == session_id)))


def test_simultaneous_choices_fill_seats_then_waiting_list(app: Flask) -> None:
    ids, session_id = scene(PEOPLE, SEATS)
    at_once(PEOPLE, lambda n, barrier: choose_in_own_session(app, ids[n], session_id, barrier))
    assert statuses(session_id) == {"chosen": SEATS, "waiting": PEOPLE - SEATS}


def test_simultaneous_leaving_moves_up_exactly_as_many_as_left(app: Flask) -> None:
    ids, session_id = scene(PEOPLE, SEATS)
    for attendee_id in ids:
        choose_session(db.session.get(Attendee, attendee_id), session_id)
    db.session.commit()
    db.session.close()
    leaving = ids[:SEATS // 2]
    at_once(len(leaving), lambda n, barrier: leave_in_own_session(app, leaving[n], session_id, barrier))
    assert statuses(session_id) == {"chosen": SEATS, "waiting": PEOPLE - SEATS - len(leaving)}
