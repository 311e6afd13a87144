"""Two desks checking the same person in at the same moment: one check-in, one audit entry,
on SQLite and on PostgreSQL. Each desk runs in its own thread with its own app context
(own session and connection); a barrier releases them together."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AuditEntry, Event
from matchmaker.services.attendees.check_in import Arrival, check_in
from tests.support.attendees import add_attendee
from tests.support.factories import make_event

pytestmark = pytest.mark.both_databases
DESKS = 4
WAIT_SECONDS = 60


def check_in_at_desk(app: Flask, attendee_id: int, desk: int, barrier: threading.Barrier) -> Arrival:
    with app.app_context():
        person = db.session.get(Attendee, attendee_id)
        event = db.session.get(Event, person.event_id)
        db.session.commit()  # hold no lock while waiting at the barrier
        barrier.wait()
        outcome = check_in(event, person, f"desk{desk}@example.org").outcome
        db.session.commit()
        return outcome


def test_same_person_at_several_desks_at_once_is_checked_in_once(app: Flask) -> None:
    anna_id = add_attendee(make_event(), "Anna").id
    db.session.close()
    barrier = threading.Barrier(DESKS, timeout=WAIT_SECONDS)
    with ThreadPoolExecutor(max_workers=DESKS) as pool:
        futures = [pool.submit(check_in_at_desk, app, anna_id, desk, barrier) for desk in range(DESKS)]
        outcomes = sorted(future.result(timeout=WAIT_SECONDS * 2) for future in futures)
    entries = db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.attendee_id == anna_id, AuditEntry.action == "check_in"))
    assert outcomes == sorted([Arrival.CHECKED_IN] + [Arrival.ALREADY] * (DESKS - 1))
    assert entries == 1
