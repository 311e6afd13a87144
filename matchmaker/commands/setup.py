"""Setting up an installation: the event and organiser accounts."""

import secrets
import sys
from datetime import datetime

import click
from flask_migrate import upgrade
from sqlalchemy import select

from ..extensions import db
from ..models import Event, Organiser
from ..services import DomainError
from ..services.events import (
    EventPlan,
    SlotBlock,
    all_events,
    create_event,
    ensure_industries,
)
from ..text import normalise_email


event_option = click.option(
    "--event", "event_slug", default=None, metavar="SLUG",
    help="The event's short name (see 'matchmaker list-events'); may be left out when "
         "the installation has only one event.",
)


def require_event(slug: str | None = None) -> Event:
    """The event named by ``--event``, or the only one; never silently the newest."""
    events = all_events()
    if slug is not None:
        for event in events:
            if event.slug == slug:
                return event
        raise click.ClickException(f"there is no event {slug!r}. {_events_hint(events)}")
    if not events:
        raise click.ClickException(
            "there is no event yet: run 'matchmaker create-event' (or 'matchmaker demo') first")
    if len(events) > 1:
        raise click.ClickException(
            f"this installation has {len(events)} events: say which with --event SLUG. "
            + _events_hint(events))
    return events[0]


def _events_hint(events: list[Event]) -> str:
    if not events:
        return "There is no event yet."
    return "Events: " + ", ".join(f"{event.slug} ({event.title})" for event in events)


def migrate_database() -> None:
    """Create or upgrade the schema to the newest migration (safe to repeat)."""
    upgrade()


def set_organiser_password(email: str, password: str) -> Organiser:
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == email))
    if organiser is None:
        organiser = Organiser(email=email, is_admin=True)  # the installation's own accounts
        db.session.add(organiser)
    organiser.set_password(password)
    db.session.flush()
    return organiser


def parse_blocks(text: str) -> tuple[SlotBlock, ...]:
    """``10:30x5,14:00x5`` means five slots from 10:30 and five from 14:00."""
    try:
        blocks = []
        for part in text.split(","):
            start, count = part.strip().split("x")
            blocks.append(SlotBlock(datetime.strptime(start, "%H:%M").time(), int(count)))
        return tuple(blocks)
    except ValueError as error:
        raise click.BadParameter("use HH:MMxCOUNT,HH:MMxCOUNT, e.g. 10:30x5,14:00x5") from error


@click.command("create-organiser")
@click.argument("email")
@click.option("--generate", is_flag=True, help="Generate a password instead of asking for one.")
def create_organiser_command(email: str, generate: bool) -> None:
    """Create an organiser account, an administrator of all events (or set a new password)."""
    email = normalise_email(email)
    if "@" not in email:
        raise click.BadParameter("not an e-mail address", param_hint="EMAIL")
    if generate or not sys.stdin.isatty():
        password = secrets.token_urlsafe(12)
        click.echo(f"Password for {email}: {password}")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        if len(password) < 10:
            raise click.BadParameter("use at least 10 characters", param_hint="password")
    set_organiser_password(email, password)
    db.session.commit()
    click.echo(f"Organiser {email} can log in at /organiser/login.")


@click.command("create-event")
@click.option("--title", required=True)
@click.option("--date", "starts_on", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--venue", required=True)
@click.option("--capacity", default=200, show_default=True, type=click.IntRange(min=0))
@click.option("--tables", default=60, show_default=True, type=click.IntRange(min=0))
@click.option("--blocks", default="10:30x5,14:00x5", show_default=True,
              help="Meeting blocks as START x SLOTS, comma-separated.")
@click.option("--minutes", default=20, show_default=True, type=click.IntRange(min=5, max=240))
@click.option("--slug", default=None, help="Short name; defaults to one made from the title.")
def create_event_command(title: str, starts_on: datetime, venue: str, capacity: int, tables: int,
                         blocks: str, minutes: int, slug: str | None) -> None:
    """Create the event with its meeting slots and tables (database migrated first)."""
    migrate_database()
    plan = EventPlan(slug=slug or slugify(title), title=title, starts_on=starts_on.date(),
                     venue=venue, capacity=capacity, blocks=parse_blocks(blocks),
                     meeting_minutes=minutes, table_count=tables)
    try:
        ensure_industries()
        event = create_event(plan)
    except DomainError as error:
        raise click.ClickException(f"cannot create the event: {error.code}") from error
    summary = f"Event {event.title!r} ({event.slug}) with {len(event.slots)} slots " \
              f"and {len(event.tables)} tables is ready."
    db.session.commit()
    click.echo(summary)


def slugify(title: str) -> str:
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in title.lower())
    return "-".join(part for part in cleaned.split("-") if part)[:80] or "event"

