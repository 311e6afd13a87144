"""The bulk mail job: recorded mails go out over a real SMTP server on loopback."""

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.jobs import job_status, start_job
from matchmaker.models import MailStatus, OutgoingMail
from matchmaker.services.mail.notifications import compose
from tests.jobs.conftest import ORGANISER, other_event
from tests.support.attendees import add_attendee


def reminders(event, names: list[str]) -> list[int]:
    mails = [compose(add_attendee(event, name), "reminder") for name in names]
    db.session.commit()
    return [mail.id for mail in mails]


def test_bulk_mail_delivers_every_mail_with_progress(immediate, event, smtp):
    ids = reminders(event, ["Anna", "Bernd", "Clara"])
    view = job_status(event, start_job(event, "bulk_mail", {"mail_ids": ids}, ORGANISER).id)
    assert (view.status, view.done, view.total, view.result) == (
        "done", 3, 3, {"sent": 3, "failed": 0, "skipped": 0})
    assert sorted(r.recipients[0] for r in smtp.received) == [
        "anna@example.org", "bernd@example.org", "clara@example.org"]


def test_bulk_mail_skips_mails_of_another_event(immediate, event, smtp):
    ours = reminders(event, ["Anna"])
    theirs = reminders(other_event(), ["Dora"])
    view = job_status(event, start_job(event, "bulk_mail", {"mail_ids": ours + theirs}, ORGANISER).id)
    assert view.result == {"sent": 1, "failed": 0, "skipped": 1}
    assert [r.recipients for r in smtp.received] == [["anna@example.org"]]


def test_bulk_mail_with_server_down_records_failures_and_ends_done(immediate, event, app):
    app.config.update(MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=9, MAIL_SMTP_SECURITY="none")
    ids = reminders(event, ["Anna", "Bernd"])
    view = job_status(event, start_job(event, "bulk_mail", {"mail_ids": ids}, ORGANISER).id)
    assert (view.status, view.result["failed"]) == ("done", 2)
    statuses = db.session.scalars(select(OutgoingMail.status).where(OutgoingMail.id.in_(ids)))
    assert set(statuses) == {MailStatus.FAILED}


def test_bulk_mail_with_ids_that_are_not_numbers_fails_readably(immediate, event):
    view = job_status(event, start_job(event, "bulk_mail", {"mail_ids": "all"}, ORGANISER).id)
    assert (view.status, view.error) == ("failed", "bad_job_params")
