"""``check-in``: the desk from the console, for a list typed up from paper.

Each badge code or registration number is checked in as at the desk (once; the waiting
list and cancelled registrations are reported, not checked in). Exit code 0 when every
argument named a registration of the event, 2 when one did not.
"""


import click

from ..extensions import db
from ..formatting import clock_time
from ..services.attendees.check_in import (
    Arrival,
    CheckInResult,
    attendee_by_code_or_number,
    check_in,
)
from .setup import event_option, require_event

NOT_FOUND_EXIT_CODE = 2


@click.command("check-in")
@event_option
@click.argument("codes", nargs=-1, required=True, metavar="CODE_OR_NUMBER...")
def check_in_command(event_slug: str | None, codes: tuple[str, ...]) -> None:
    """Check attendees in by badge code or registration number and say what happened."""
    event = require_event(event_slug)
    unknown = 0
    for typed in codes:
        person = attendee_by_code_or_number(event, typed)
        if person is None:
            unknown += 1
            click.echo(f"{typed}: unknown (no badge code or number of this event)")
            continue
        result = check_in(event, person, "console")
        db.session.commit()
        click.echo(f"{typed}: {person.full_name} ({person.organisation}): {what_happened(result)}")
    if unknown:
        raise click.exceptions.Exit(NOT_FOUND_EXIT_CODE)


def what_happened(result: CheckInResult) -> str:
    if result.outcome == Arrival.CHECKED_IN:
        return "checked in"
    if result.outcome == Arrival.ALREADY and result.checked_in_at is not None:
        return f"already checked in at {clock_time(result.checked_in_at)}"
    if result.outcome == Arrival.WAITLISTED:
        return "on the waiting list, not checked in"
    return "registration cancelled, not checked in"
