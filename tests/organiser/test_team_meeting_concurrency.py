"""The same colleague brought into two meetings of one slot at the same moment: one gets
them, the other a clear refusal; on SQLite and on PostgreSQL. Each addition runs in its own
thread with its own app context; a barrier releases them together."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, MeetingColleague
from matchmaker.services import DomainError
from matchmaker.services.schedule.team_meetings import add_colleague
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import make_event

pytestmark = pytest.mark.both_databases
WAIT_SECONDS = 60


def bring_at_once(app: Flask, meeting_id: int, colleague_id: int, barrier: threading.Barrier) -> str:
    with app.app_context():
        colleague = db.session.get_one(Attendee, colleague_id)
        event = colleague.event
        db.session.commit()  # hold no lock while waiting at the barrier
        barrier.wait()
        try:
            add_colleague(event, meeting_id, colleague_id, actor="team@example.org")
        except DomainError as error:
            db.session.rollback()
            return error.code
        db.session.commit()
        return "joined"


def test_one_colleague_brought_into_two_meetings_of_a_slot_at_once_joins_one(app: Flask) -> None:
    event = make_event(tables=4)
    anna, carl, dora = (add_attendee(event, name, organisation="Wasser AG") for name in ("Anna", "Carl", "Dora"))
    ben, emil = (add_attendee(event, name, organisation=f"{name} KG") for name in ("Ben", "Emil"))
    meetings = [add_meeting(event, anna, ben, slot=1, table=1).id, add_meeting(event, dora, emil, slot=1, table=2).id]
    colleague = carl.id
    db.session.close()
    barrier = threading.Barrier(2, timeout=WAIT_SECONDS)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(bring_at_once, app, meeting, colleague, barrier) for meeting in meetings]
        outcomes = [future.result(timeout=WAIT_SECONDS * 2) for future in futures]
    assert sorted(outcomes) == ["double_booking", "joined"]
    assert len(db.session.scalars(select(MeetingColleague)).all()) == 1
