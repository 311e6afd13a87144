"""Retention and reminders cover every status: cancelled and waiting-list people too."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, EventStatistics, OutgoingMail, utcnow
from matchmaker.services.attendees.self_service import cancel
from tests.support.attendees import add_attendee
from tests.support.factories import make_event

pytestmark = pytest.mark.both_databases


def test_purge_deletes_cancelled_and_waiting_list_attendees_too(app, runner):
    event = make_event(capacity=1)
    event.starts_on = date.today() - timedelta(days=100)
    add_attendee(event, "Anna")
    add_attendee(event, "Bernd")  # waiting list
    cancel(add_attendee(event, "Clara"))
    db.session.commit()
    statuses = set(db.session.scalars(select(Attendee.status)))
    assert statuses == {AttendeeStatus.REGISTERED, AttendeeStatus.WAITLISTED, AttendeeStatus.CANCELLED}
    runner.invoke(args=["purge", "--days-after-event", "90"])
    assert db.session.scalar(select(func.count()).select_from(Attendee)) == 0
    assert db.session.scalar(select(func.count()).select_from(OutgoingMail)) == 0


def test_purge_counts_cancelled_attendees_in_the_statistics(app, runner):
    event = make_event()
    event.starts_on = date.today() - timedelta(days=100)
    add_attendee(event, "Anna")
    cancel(add_attendee(event, "Bernd"))
    cancel(add_attendee(event, "Clara"))
    db.session.commit()
    runner.invoke(args=["purge", "--days-after-event", "90"])
    counts = db.session.get(EventStatistics, event.id)
    assert (counts.registered, counts.cancelled) == (1, 2)


def test_reminders_never_go_to_cancelled_attendees(app, runner):
    event = make_event()
    anna = add_attendee(event, "Anna", confirmed=False)
    cancel(anna)
    anna.signed_up_at = utcnow() - timedelta(hours=100)
    db.session.commit()
    result = runner.invoke(args=["send-reminders"])
    assert result.output.startswith("0 reminders")
    assert db.session.scalar(select(func.count()).where(OutgoingMail.kind == "reminder")) == 0
