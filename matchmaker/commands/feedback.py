"""`matchmaker send-feedback-requests`: the follow-up mail after the event."""

from datetime import date

import click

from ..extensions import db
from ..mail import deliver
from ..refusals import console_refusal
from ..services import DomainError
from ..services.attendees.feedback import send_feedback_requests
from .public import reaches_public
from .setup import event_option, require_event


@click.command("send-feedback-requests")
@event_option
@reaches_public
def send_feedback_requests_command(event_slug: str | None) -> None:
    """Ask every attendee with meetings whether they took place (once each; after the event)."""
    event = require_event(event_slug)
    try:
        mails = send_feedback_requests(event, date.today())
    except DomainError as error:
        raise click.ClickException(console_refusal(error)) from None
    db.session.commit()
    report = deliver(mails)
    click.echo(f"Feedback requests: {report.sent} sent, {report.failed} failed.")
