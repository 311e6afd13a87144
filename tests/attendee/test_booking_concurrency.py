"""Two people accept into the last table of a slot at the same moment: one gets it, the
other a clear refusal and their request stays open; on SQLite and on PostgreSQL. Each
acceptance runs in its own thread with its own app context (own session and connection);
a barrier releases them together."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, Meeting, MeetingRequest, RequestStatus
from matchmaker.services import DomainError
from matchmaker.services.attendees import booking
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee
from tests.support.factories import make_event

pytestmark = pytest.mark.both_databases
WAIT_SECONDS = 60


def accept_at_once(app: Flask, attendee_id: int, request_id: int, barrier: threading.Barrier) -> str:
    with app.app_context():
        attendee = db.session.get_one(Attendee, attendee_id)
        assert attendee.event is not None
        db.session.commit()  # hold no lock while waiting at the barrier
        barrier.wait()
        try:
            booking.accept(attendee, request_id, slot=3)
        except DomainError as error:
            db.session.rollback()
            return error.code
        db.session.commit()
        return "booked"


def test_two_acceptances_for_the_last_table_of_a_slot_book_one_and_refuse_the_other(app: Flask) -> None:
    event = make_event(tables=1)
    add_attendee(event, "Zora")
    plan_schedule(event)
    publish(event, "organiser@example.org")
    anna, ben, carla, dora = (add_attendee(event, name) for name in ("Anna", "Ben", "Carla", "Dora"))
    first = booking.ask(anna, ben, None, [3]).request
    second = booking.ask(carla, dora, None, [3]).request
    db.session.commit()
    answers = [(ben.id, first.id), (dora.id, second.id)]
    db.session.close()
    barrier = threading.Barrier(2, timeout=WAIT_SECONDS)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(accept_at_once, app, who, request, barrier) for who, request in answers]
        outcomes = [future.result(timeout=WAIT_SECONDS * 2) for future in futures]
    assert sorted(outcomes) == ["booked", "slot_taken"]
    assert len(db.session.scalars(select(Meeting)).all()) == 1
    statuses = sorted(db.session.scalars(select(MeetingRequest.status)))
    assert statuses == sorted([RequestStatus.ACCEPTED, RequestStatus.PENDING])
