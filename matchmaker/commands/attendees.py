"""Attendee mail, seats and data retention: ``send-reminders``, ``send-pending``,
``release-unconfirmed``, ``purge``.

Meant for an organiser or cron, e.g. hourly ``send-pending``, ``send-reminders`` and
``release-unconfirmed``, and daily ``purge --days-after-event 90``.
"""

from datetime import date

import click

from .. import mail
from ..extensions import db
from ..services.attendees import privacy
from ..services.attendees.seat_release import release_unconfirmed
from ..services.mail.notifications import queue_reminders
from .public import reaches_public
from .setup import event_option, require_event


@click.command("send-reminders")
@event_option
@reaches_public
def send_reminders_command(event_slug: str | None) -> None:
    """Remind attendees who have not confirmed their e-mail address (once each)."""
    event = require_event(event_slug)
    reminders = queue_reminders(event)
    db.session.commit()
    report = mail.deliver(reminders)
    click.echo(f"{len(reminders)} reminders: {report.sent} sent, {report.failed} failed.")


@click.command("release-unconfirmed")
@event_option
@reaches_public
def release_unconfirmed_command(event_slug: str | None) -> None:
    """Cancel registrations still unconfirmed after UNCONFIRMED_RELEASE_HOURS and give the
    seats to the waiting list."""
    event = require_event(event_slug)
    release = release_unconfirmed(event)
    db.session.commit()
    report = mail.deliver(release.mails)
    click.echo(f"{release.released} unconfirmed registrations released, {release.promoted} "
               f"moved up from the waiting list; mails: {report.sent} sent, {report.failed} failed.")


@click.command("send-pending")
@reaches_public
def send_pending_command() -> None:
    """Send the messages that are still pending or failed before (up to MAIL_MAX_ATTEMPTS)."""
    report = mail.send_pending()
    click.echo(f"{report.sent} sent, {report.failed} failed.")


@click.command("purge")
@click.option("--days-after-event", "days", required=True, type=click.IntRange(min=0),
              help="Delete personal data of events that took place more than this many days ago.")
def purge_command(days: int) -> None:
    """Delete all personal data of past events; only anonymous counts are kept."""
    events = privacy.events_to_purge(days, date.today())
    for event in events:
        purged = privacy.purge(event)
        db.session.commit()
        files = mail.forget_outbox_files(purged.addresses)
        click.echo(f"{purged.event_title}: deleted {purged.attendees} attendees, "
                   f"{purged.meetings} meetings and {files} outbox files; counts kept.")
    if not events:
        click.echo(f"No event took place more than {days} days ago; nothing deleted.")
