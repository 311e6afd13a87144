"""``matchmaker demo``: a ready-to-try installation with the go-cluster conference."""

import secrets
from datetime import date, time

import click
from flask import current_app
from werkzeug.serving import run_simple

from ..extensions import db
from ..jobs.queue import embedded_worker
from ..services.attendee_import import import_attendees
from ..services.events import EventPlan, SlotBlock, create_event, ensure_industries
from ..synthetic import generate_attendees
from .setup import migrate_database, set_organiser_password

DEMO_ORGANISER = "organiser@demo.matchmaker.invalid"
DEMO_FREE_SEATS = 20  # so that a visitor of the demo can still sign up
DEMO_EVENT = EventPlan(
    slug="go-cluster-2027",
    title="go-cluster Jahrestagung 2027",
    starts_on=date(2027, 6, 16),
    venue="bcc Berlin Congress Center, Alexanderstraße 11, 10178 Berlin",
    capacity=200,
    blocks=(SlotBlock(time(10, 30), 5), SlotBlock(time(14, 0), 5)),
    meeting_minutes=20,
    table_count=60,
)


@click.command("demo")
@click.option("--attendees", "attendee_count", default=200, show_default=True,
              type=click.IntRange(min=0, max=20_000))
@click.option("--seed", default=2027, show_default=True, type=int)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(min=1, max=65535))
@click.option("--no-serve", is_flag=True, help="Prepare the data, then stop.")
def demo_command(attendee_count: int, seed: int, port: int, no_serve: bool) -> None:
    """Create the go-cluster demo event with realistic attendees and serve the app."""
    migrate_database()
    ensure_industries()
    event = create_event(DEMO_EVENT)
    event.capacity = max(event.capacity, attendee_count + DEMO_FREE_SEATS)
    rows = generate_attendees(attendee_count, seed, slots=len(event.slots))
    result = import_attendees(event, rows, current_app.config["PRIVACY_NOTICE_VERSION"],
                              confirmed=True)
    password = secrets.token_urlsafe(9)
    set_organiser_password(DEMO_ORGANISER, password)
    title = event.title
    db.session.commit()
    # End this session: on SQLite an open transaction would hold the write lock
    # (see database.py) while the server below handles sign-ups.
    db.session.remove()
    click.echo(f"{title}: {result.created} attendees added, {result.skipped} already there.")
    click.echo(f"Organiser log-in: {DEMO_ORGANISER} / {password}")
    if not no_serve:
        click.echo(f"Open http://127.0.0.1:{port}/ (organisers: /organiser/login)")
        # Not app.run(): Flask ignores it inside a CLI command. Background jobs run in a
        # worker thread of this process, so the demo needs no second command.
        app = current_app._get_current_object()
        with embedded_worker(app):
            run_simple("127.0.0.1", port, app, threaded=True)
