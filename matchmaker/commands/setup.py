"""Setting up an installation: the event and organiser accounts."""

import secrets
import sys
import unicodedata
from datetime import datetime

import click
from flask_babel import force_locale
from sqlalchemy import select

from ..extensions import db
from ..models import Event, EventRole, Organiser
from ..passwords import PASSWORD_MIN_LENGTH, known_words, weak_password_message, weakness
from ..refusals import console_refusal
from ..services import DomainError
from ..services.events.events import (
    EventPlan,
    SlotBlock,
    all_events,
    archive_event,
    copy_event,
    create_event,
    ensure_industries,
    grant_access,
    registration_state,
)
from ..services.events.settings import parse_blocks
from ..services.organisers.roles import desk_events
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
    from flask_migrate import upgrade  # with alembic, only when a command migrates

    upgrade()


def set_organiser_password(email: str, password: str) -> Organiser:
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == email))
    if organiser is None:
        organiser = Organiser(email=email)
        db.session.add(organiser)
    organiser.set_password(password)
    db.session.flush()
    return organiser


def parse_blocks_option(text: str) -> tuple[SlotBlock, ...]:
    try:
        return parse_blocks(text)
    except ValueError as error:
        raise click.BadParameter("use HH:MMxCOUNT,HH:MMxCOUNT, e.g. 10:30x5,14:00x5") from error


@click.command("create-organiser")
@click.argument("email")
@click.option("--generate", is_flag=True, help="Generate a password instead of asking for one.")
@click.option("--event", "event_slugs", multiple=True, metavar="SLUG",
              help="Give access to just this event (repeatable); without it: all events.")
@click.option("--role", type=click.Choice([role.value for role in EventRole]),
              default=EventRole.ORGANISER.value, show_default=True,
              help="The role in the --event events: check-in is desk staff (the check-in desk only).")
def create_organiser_command(email: str, generate: bool, event_slugs: tuple[str, ...],
                             role: str) -> None:
    """Create an organiser account (or set a new password for it): an administrator of
    all events, or with --event an organiser (or --role check-in: desk staff) of those events."""
    if role != EventRole.ORGANISER and not event_slugs:
        raise click.BadParameter("--role check-in needs --event SLUG", param_hint="--role")
    events = [require_event(slug) for slug in event_slugs]
    email = normalise_email(email)
    if "@" not in email:
        raise click.BadParameter("not an e-mail address", param_hint="EMAIL")
    if generate or not typed_at_terminal():
        password = secrets.token_urlsafe(12)
        click.echo(f"Password for {email}: {password}")
    else:
        password = prompted_password(email)
    organiser = set_organiser_password(email, password)
    organiser.is_admin = organiser.is_admin or not events
    for event in events:
        grant_access(organiser, event, EventRole(role))
    db.session.commit()
    scope = "all events" if organiser.is_admin else access_list(organiser)
    click.echo(f"Organiser {email} can log in at /organiser/login; access: {scope}.")


def access_list(organiser: Organiser) -> str:
    """The account's events, desk staff's marked "(check-in only)"."""
    desks = {event.id for event in desk_events(organiser)}
    return ", ".join(event.slug + (" (check-in only)" if event.id in desks else "")
                     for event in organiser.events) or "no event yet (use --event SLUG)"


def typed_at_terminal() -> bool:
    return sys.stdin.isatty()


def prompted_password(email: str) -> str:
    """A password typed twice, refused when short or easy to guess (the same zxcvbn check
    as the organiser pages, with its reason in English)."""
    password: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < PASSWORD_MIN_LENGTH:
        raise click.BadParameter(f"use at least {PASSWORD_MIN_LENGTH} characters",
                                 param_hint="password")
    reason = weakness(password, known_words(email))
    if reason is not None:
        with force_locale("en"):
            raise click.BadParameter(weak_password_message(reason), param_hint="password")
    return password


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
@click.option("--copy-from", "copy_from", default=None, metavar="SLUG",
              help="Take capacity, slot grid (moved to the new date) and tables from this event.")
def create_event_command(title: str, starts_on: datetime, venue: str, capacity: int, tables: int,
                         blocks: str, minutes: int, slug: str | None,
                         copy_from: str | None) -> None:
    """Create an event with its meeting slots and tables (database migrated first)."""
    migrate_database()
    slug = slug or slugify(title)
    try:
        ensure_industries()
        if copy_from is not None:
            event = copy_event(require_event(copy_from), slug, title, starts_on.date(), venue)
        else:
            event = create_event(EventPlan(
                slug=slug, title=title, starts_on=starts_on.date(), venue=venue,
                capacity=capacity, blocks=parse_blocks_option(blocks), meeting_minutes=minutes,
                table_count=tables))
    except DomainError as error:
        raise click.ClickException(f"cannot create the event {slug!r}: {console_refusal(error)}") from error
    summary = f"Event {event.title!r} ({event.slug}) with {len(event.slots)} slots " \
              f"and {len(event.tables)} tables is ready."
    db.session.commit()
    click.echo(summary)


GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})




@click.command("list-events")
def list_events_command() -> None:
    """List the installation's events with their short names (for --event)."""
    for event in all_events():
        state = registration_state(event)
        click.echo(f"{event.slug}\t{event.starts_on.isoformat()}\t{state}\t{event.title}")
    if not all_events():
        click.echo("No event yet: run 'matchmaker create-event' (or 'matchmaker demo').")


@click.command("archive-event")
@click.option("--event", "event_slug", required=True, metavar="SLUG")
def archive_event_command(event_slug: str) -> None:
    """Take an event off the public list; its counts stay, its personal data is purged
    by 'matchmaker purge' like any past event's."""
    event = require_event(event_slug)
    archive_event(event)
    db.session.commit()
    click.echo(f"Event {event_slug} is archived.")


def slugify(title: str) -> str:
    """``Jahrestagung Köln 2027`` -> ``jahrestagung-koeln-2027``."""
    ascii_title = unicodedata.normalize("NFKD", title.lower().translate(GERMAN_LETTERS))
    cleaned = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in ascii_title
                      if not unicodedata.combining(ch))
    return "-".join(part for part in cleaned.split("-") if part)[:80].strip("-") or "event"

