"""``send-reminders``, ``purge`` and the outbox the demo writes to."""

import logging
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, EventStatistics, Meeting, OutgoingMail, utcnow
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import submit_sign_up
from tests.support.mailbox import outbox_messages, private_link


def signed_up_hours_ago(attendee: Attendee, hours: int) -> None:
    attendee.signed_up_at = utcnow() - timedelta(hours=hours)
    db.session.commit()


def test_without_smtp_mail_is_written_to_outbox_and_logged(client, event, outbox, caplog):
    with caplog.at_level(logging.INFO, logger="matchmaker.mail"):
        submit_sign_up(client)
    [message] = outbox_messages(outbox)
    assert message["To"] == "juergen.mueller@example.org"
    assert client.get(private_link(message)).status_code == 200
    assert "written to" in caplog.text


def test_send_reminders_reminds_unconfirmed_attendee_once(runner, event, outbox):
    anna = add_attendee(event, "Anna", confirmed=False)
    signed_up_hours_ago(anna, 49)
    first = runner.invoke(args=["send-reminders"])
    second = runner.invoke(args=["send-reminders"])
    assert (first.output, second.output) == ("1 reminders: 1 sent, 0 failed.\n",
                                             "0 reminders: 0 sent, 0 failed.\n")
    assert outbox_messages(outbox)[0]["Subject"] == (
        "Erinnerung: Bitte bestätigen Sie Ihre E-Mail-Adresse – go-cluster Jahrestagung 2027")


@pytest.mark.both_databases
def test_send_reminders_waits_for_the_configured_delay(app, runner, event):
    app.config["REMINDER_AFTER_HOURS"] = 72
    signed_up_hours_ago(add_attendee(event, "Anna", confirmed=False), 49)
    assert runner.invoke(args=["send-reminders"]).output.startswith("0 reminders")


def test_send_reminders_skips_confirmed_attendee(runner, event):
    signed_up_hours_ago(add_attendee(event, "Anna", confirmed=True), 49)
    assert runner.invoke(args=["send-reminders"]).output.startswith("0 reminders")


def test_purge_refuses_without_days(runner, event):
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 2
    assert "--days-after-event" in result.output


@pytest.mark.both_databases
def test_purge_deletes_personal_data_and_keeps_counts(runner, event):
    event.starts_on = date.today() - timedelta(days=31)
    event.capacity = 1
    anna, bernd = add_attendee(event, "Anna"), add_attendee(event, "Bernd")
    add_meeting(event, anna, bernd)
    result = runner.invoke(args=["purge", "--days-after-event", "30"])
    assert "deleted 2 attendees, 1 meetings" in result.output
    tables = (Attendee, Meeting, OutgoingMail)
    assert [db.session.scalar(select(func.count()).select_from(t)) for t in tables] == [0, 0, 0]
    counts = db.session.get(EventStatistics, event.id)
    assert (counts.registered, counts.waitlisted, counts.meetings) == (1, 1, 1)


@pytest.mark.both_databases
def test_purge_keeps_event_within_the_period(runner, event):
    event.starts_on = date.today() - timedelta(days=30)
    add_attendee(event, "Anna")
    result = runner.invoke(args=["purge", "--days-after-event", "30"])
    assert result.output == "No event took place more than 30 days ago; nothing deleted.\n"
    assert db.session.scalar(select(func.count()).select_from(Attendee)) == 1


@pytest.mark.both_databases
def test_purging_twice_keeps_the_counts(runner, event):
    event.starts_on = date.today() - timedelta(days=31)
    add_attendee(event, "Anna")
    runner.invoke(args=["purge", "--days-after-event", "30"])
    runner.invoke(args=["purge", "--days-after-event", "30"])
    assert db.session.get(EventStatistics, event.id).registered == 1
