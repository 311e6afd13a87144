"""``matchmaker release-unconfirmed``: seats held by unconfirmed addresses go back."""

from datetime import timedelta
from pathlib import Path

import pytest

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, utcnow
from matchmaker.services.mail.notifications import promote_and_notify
from tests.support.attendees import add_attendee
from tests.support.factories import make_event
from tests.support.mailbox import outbox_messages, text_part

pytestmark = pytest.mark.both_databases


def signed_up_hours_ago(attendee: Attendee, hours: int) -> None:
    attendee.signed_up_at = utcnow() - timedelta(hours=hours)
    db.session.commit()


def status(attendee: Attendee) -> AttendeeStatus:
    db.session.refresh(attendee)
    return attendee.status


def test_unconfirmed_registration_past_the_deadline_is_cancelled(app, runner):
    event = make_event(capacity=1)
    anna = add_attendee(event, "Anna", confirmed=False)
    signed_up_hours_ago(anna, 73)
    result = runner.invoke(args=["release-unconfirmed"])
    assert result.exit_code == 0, result.output
    assert status(anna) == AttendeeStatus.CANCELLED


def test_waiting_list_moves_up_in_order_and_both_sides_are_told(app, runner):
    event = make_event(capacity=1)
    anna = add_attendee(event, "Anna", confirmed=False)
    bernd, clara = add_attendee(event, "Bernd"), add_attendee(event, "Clara")
    signed_up_hours_ago(anna, 73)
    runner.invoke(args=["release-unconfirmed"])
    assert (status(bernd), status(clara)) == (AttendeeStatus.REGISTERED, AttendeeStatus.WAITLISTED)
    recipients = [m["To"] for m in outbox_messages(Path(app.config["MAIL_OUTBOX_DIR"]))]
    assert recipients == ["anna@example.org", "bernd@example.org"]


def test_confirmed_and_recent_registrations_keep_their_seats(app, runner):
    event = make_event()
    confirmed, recent = add_attendee(event, "Anna"), add_attendee(event, "Bernd", confirmed=False)
    signed_up_hours_ago(confirmed, 200)
    signed_up_hours_ago(recent, 71)
    runner.invoke(args=["release-unconfirmed"])
    assert (status(confirmed), status(recent)) == (AttendeeStatus.REGISTERED,) * 2


def test_promoted_attendee_gets_the_full_time_from_the_promotion(app, runner):
    event = make_event(capacity=0)
    waiting = add_attendee(event, "Anna", confirmed=False)
    signed_up_hours_ago(waiting, 100)
    event.capacity = 1
    promote_and_notify(event)
    db.session.commit()
    runner.invoke(args=["release-unconfirmed"])
    assert status(waiting) == AttendeeStatus.REGISTERED


def test_release_time_counts_from_the_configured_hours(app, runner):
    app.config["UNCONFIRMED_RELEASE_HOURS"] = 200
    anna = add_attendee(make_event(), "Anna", confirmed=False)
    signed_up_hours_ago(anna, 100)
    runner.invoke(args=["release-unconfirmed"])
    assert status(anna) == AttendeeStatus.REGISTERED


def test_welcome_mail_names_the_confirmation_deadline(app, client):
    from tests.support.factories import submit_sign_up
    make_event()
    submit_sign_up(client)
    [welcome] = outbox_messages(Path(app.config["MAIL_OUTBOX_DIR"]))
    assert "Bitte bestätigen Sie Ihre Adresse bis " in text_part(welcome)
