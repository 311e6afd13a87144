"""One queued check-in arriving several times at once (a desk retrying while its first
sending is still under way): one check-in, one record of the desk's id, and every sending
answered as the first, on SQLite and on PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AuditEntry, DeskCheckIn, Event
from matchmaker.services.attendees.desk_sync import QueuedCheckIn, send_check_ins
from tests.support.attendees import add_attendee
from tests.support.factories import make_event

pytestmark = pytest.mark.both_databases
SENDINGS = 4
WAIT_SECONDS = 60


def send_at_once(app: Flask, attendee_id: int, barrier: threading.Barrier) -> str:
    with app.app_context():
        person = db.session.get(Attendee, attendee_id)
        event = db.session.get(Event, person.event_id)
        queued = QueuedCheckIn("desk-a-0001", person.badge_code, None)
        db.session.commit()  # hold no lock while waiting at the barrier
        barrier.wait()
        (sent,) = send_check_ins(event, [queued], "desk@example.org")
        db.session.commit()
        return sent.outcome


def test_same_queued_check_in_sent_at_once_is_made_once(app: Flask) -> None:
    anna_id = add_attendee(make_event(), "Anna").id
    db.session.close()
    barrier = threading.Barrier(SENDINGS, timeout=WAIT_SECONDS)
    with ThreadPoolExecutor(max_workers=SENDINGS) as pool:
        futures = [pool.submit(send_at_once, app, anna_id, barrier) for _ in range(SENDINGS)]
        outcomes = [future.result(timeout=WAIT_SECONDS * 2) for future in futures]
    entries = db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.attendee_id == anna_id, AuditEntry.action == "check_in"))
    records = db.session.scalar(select(func.count()).select_from(DeskCheckIn))
    assert outcomes == ["checked_in"] * SENDINGS
    assert entries == 1 and records == 1
