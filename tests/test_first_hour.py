"""What a newcomer meets in the first hour: texts, dates and the demo's privacy notice."""

from datetime import datetime

from matchmaker.extensions import db
from matchmaker.models import AttendeeStatus
from matchmaker.services.mail.notifications import compose
from tests.support.attendees import add_attendee, add_meeting


def test_demo_privacy_notice_names_an_example_controller(app, runner, client):
    runner.invoke(args=["demo", "--no-serve", "--attendees", "0"])
    page = client.get("/privacy").get_data(as_text=True)
    assert "Musterstraße 1, 10115 Berlin" in page and "Bitte in instance/config.py eintragen" not in page


def test_english_dates_are_british(app, client, event):
    attendee = add_attendee(event, "Ada", language="en")
    attendee.email_confirmed_at = datetime(2026, 12, 2, 8, 4, 21)
    db.session.commit()
    page = client.get(f"/me/{attendee.token}").get_data(as_text=True)
    assert "2 Dec 2026" in page and "Dec 2, 2026" not in page


def test_english_mail_dates_are_british(app, event):
    mail = compose(add_attendee(event, "Ada", language="en"), "promoted")
    assert "Wednesday, 16 June 2027" in mail.body_text


def test_cancelled_attendee_is_not_promised_matchmaking(app, client, event):
    attendee = add_attendee(event, "Ada")
    attendee.status = AttendeeStatus.CANCELLED
    db.session.commit()
    page = client.get(f"/me/{attendee.token}").get_data(as_text=True)
    assert "sobald Sie einen Platz haben" not in page
    assert "weil Ihre Anmeldung storniert ist" in page


def test_meeting_times_on_the_attendee_page_carry_the_date(app, client, event):
    ada, bea = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    add_meeting(event, ada, bea, slot=2)
    from matchmaker.models import ScheduleRun, utcnow
    db.session.add(ScheduleRun(event_id=event.id, quality={}, published_at=utcnow()))
    db.session.commit()
    page = " ".join(client.get(f"/me/{ada.token}").get_data(as_text=True).split())
    assert "Mittwoch, 16. Juni 2027, 10:50–11:10" in page
