"""``matchmaker check-in --event SLUG CODE_OR_NUMBER...``: the desk from the console."""

from datetime import datetime

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, Event, utcnow
from tests.support.attendees import add_attendee


def test_codes_and_numbers_are_checked_in_and_reported(runner, event: Event) -> None:
    anna, ben = add_attendee(event, "Anna"), add_attendee(event, "Ben")
    result = runner.invoke(args=["check-in", "--event", event.slug, anna.badge_code.lower(), str(ben.number)])
    assert result.exit_code == 0, result.output
    assert result.output.count(": checked in") == 2
    assert all(person.checked_in_at for person in db.session.scalars(select(Attendee)))


def test_second_check_in_reports_the_first_time_on_the_venue_clock(runner, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    anna.checked_in_at = datetime(2027, 6, 16, 7, 5)  # UTC; 09:05 in Berlin in summer
    db.session.commit()
    result = runner.invoke(args=["check-in", "--event", event.slug, anna.badge_code])
    db.session.refresh(anna)
    assert result.exit_code == 0 and "already checked in at 09:05" in result.output
    assert anna.checked_in_at == datetime(2027, 6, 16, 7, 5)


def test_unknown_code_is_reported_with_exit_code_2(runner, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    result = runner.invoke(args=["check-in", "--event", event.slug, "ZZZZZZZZ", anna.badge_code])
    assert result.exit_code == 2
    assert "ZZZZZZZZ: unknown" in result.output and "Anna Beispiel (Anna GmbH): checked in" in result.output


def test_cancelled_registration_is_reported_not_checked_in(runner, event: Event) -> None:
    carl = add_attendee(event, "Carl")
    carl.status, carl.cancelled_at = AttendeeStatus.CANCELLED, utcnow()
    db.session.commit()
    result = runner.invoke(args=["check-in", "--event", event.slug, str(carl.number)])
    db.session.refresh(carl)
    assert "registration cancelled, not checked in" in result.output and carl.checked_in_at is None


def test_waitlisted_registration_is_reported_not_checked_in(runner, event: Event) -> None:
    event.capacity = 0
    db.session.commit()
    wanda = add_attendee(event, "Wanda")
    result = runner.invoke(args=["check-in", "--event", event.slug, wanda.badge_code])
    db.session.refresh(wanda)
    assert "on the waiting list, not checked in" in result.output and wanda.checked_in_at is None
