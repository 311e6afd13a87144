"""``advance-offers``: offers of freed slots whose time is up go to the next person.

Pages do this lazily whenever someone reads them; run it every minute from cron on the
event day, so that a chain of offers moves on while nobody looks.
"""

import click

from .. import mail
from ..extensions import db
from ..services.schedule.slot_offers import advance_offers
from .public import reaches_public
from .setup import event_option, require_event


@click.command("advance-offers")
@event_option
@reaches_public
def advance_offers_command(event_slug: str | None) -> None:
    """Expire overdue offers of freed slots and offer each slot to the next person."""
    event = require_event(event_slug)
    mails = advance_offers(event)
    db.session.commit()
    report = mail.deliver(mails)
    click.echo(f"{len(mails)} slots offered to the next person; mails: {report.sent} sent, "
               f"{report.failed} failed.")
