"""`matchmaker replan`: re-plan the rest of the event day around who has not arrived.

The click command only parses options and reports; the work is in
``services.schedule.day_replan.replan_from``.
"""

from __future__ import annotations

import re
from datetime import time

import click

from matchmaker.commands.public import reaches_public
from matchmaker.commands.setup import event_option, require_event
from matchmaker.extensions import db
from matchmaker.mail import deliver
from matchmaker.refusals import console_refusal
from matchmaker.services import DomainError
from matchmaker.services.schedule.day_replan import local_time_on_day, replan_from

HH_MM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def parse_time(_ctx: click.Context, _param: click.Parameter, value: str | None) -> time | None:
    if value is None:
        return None
    match = HH_MM.fullmatch(value.strip())
    if not match:
        raise click.BadParameter("write the local time as HH:MM, e.g. 10:45")
    return time(int(match.group(1)), int(match.group(2)))


@click.command("replan")
@event_option
@click.option("--from-slot", "from_slot", type=int, required=True, metavar="N",
              help="The first slot to re-plan; the slots before it stay as they are.")
@click.option("--absent-after", "absent_after", default=None, metavar="HH:MM", callback=parse_time,
              help="Only who has not checked in by this local time counts as absent "
                   "(default: everybody not checked in).")
@reaches_public
def replan_command(event_slug: str | None, from_slot: int, absent_after: time | None) -> None:
    """Cancel the meetings of those not checked in from slot N on and refill the free places."""
    event = require_event(event_slug)
    after = local_time_on_day(event, absent_after) if absent_after else None
    try:
        outcome = replan_from(event, from_slot, after, actor="console")
    except DomainError as error:
        raise click.ClickException(console_refusal(error)) from None
    db.session.commit()
    report = deliver(outcome.mails)
    failed = f", {report.failed} failed (retry: matchmaker send-pending)" if report.failed else ""
    click.echo(f"Re-planned from slot {from_slot}: {outcome.cancelled} meetings cancelled, "
               f"{outcome.added} new; {report.sent} change e-mails sent{failed}.")
