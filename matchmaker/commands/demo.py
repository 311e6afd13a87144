"""``matchmaker demo``: a ready-to-try installation with two events.

The go-cluster annual conference with its attendees, and a small workshop, so that a
newcomer sees at once that one installation serves many events. Running it again adds
nothing twice and keeps the organiser's password (``--reset-password`` sets a new one).
"""

import secrets
from datetime import date, datetime, time, timedelta
from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import select
from werkzeug.serving import run_simple

from ..config import default_config
from ..extensions import db
from ..jobs.queue import embedded_worker
from ..mail import outbox_dir
from ..models import Attendee, Event, Organiser, utcnow
from ..services.attendees.imports import import_attendees
from ..services.events.events import EventPlan, SlotBlock, create_event, ensure_industries
from ..synthetic import generate_attendees, sign_up_times
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
DEMO_WORKSHOP = EventPlan(
    slug="workshop-open-innovation-2027",
    title="Workshop Open Innovation für KMU 2027",
    starts_on=date(2027, 3, 10),
    venue="Haus der Wirtschaft, Willi-Bleicher-Straße 19, 70174 Stuttgart",
    capacity=30,
    blocks=(SlotBlock(time(13, 0), 4),),
    meeting_minutes=15,
    table_count=8,
)
WORKSHOP_ATTENDEES = 12
CONFIRMED_AFTER = timedelta(minutes=7)  # a demo attendee opened the welcome mail's link
# A plausible controller for the demo's privacy notice; production must configure its own.
DEMO_CONTROLLER = {
    "ORGANISER_NAME": "Beispiel-Agentur für Clusterveranstaltungen GmbH (Demo)",
    "ORGANISER_ADDRESS": "Musterstraße 1, 10115 Berlin",
    "ORGANISER_EMAIL": "datenschutz@beispiel-agentur.invalid",
}


@click.command("demo")
@click.option("--attendees", "attendee_count", default=200, show_default=True,
              type=click.IntRange(min=0, max=20_000))
@click.option("--seed", default=2027, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(min=1, max=65535))
@click.option("--no-serve", is_flag=True, help="Prepare the data, then stop.")
@click.option("--reset-password", is_flag=True, help="Give the demo organiser a new password.")
def demo_command(attendee_count: int, seed: int, host: str, port: int, no_serve: bool,
                 reset_password: bool) -> None:
    """Create the demo events with realistic attendees and serve the app."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    configure_demo(app, host, port)
    migrate_database()
    ensure_industries()
    added = seed_event(DEMO_EVENT, attendee_count, seed) + seed_event(
        DEMO_WORKSHOP, min(WORKSHOP_ATTENDEES, attendee_count), seed + 1)
    password = demo_password(reset_password)
    db.session.commit()
    # End this session: on SQLite an open transaction would hold the write lock
    # (see database.py) while the server below handles sign-ups.
    db.session.remove()
    click.echo(f"Demo events ready: {added} attendees added (running it again adds nothing twice).")
    report_log_in(password)
    report_mail(app, port)
    if not no_serve:
        base = app.config["PUBLIC_BASE_URL"]
        click.echo(f"Open {base}/ (organisers: {base}/organiser/login)")
        # Not app.run(): Flask ignores it inside a CLI command. Background jobs run in a
        # worker thread of this process, so the demo needs no second command.
        with embedded_worker(app):
            run_simple(host, port, app, threaded=True)


def configure_demo(app: Flask, host: str, port: int) -> None:
    """Links in mails point to where the demo is served; the privacy notice names an
    example controller instead of the placeholder."""
    app.config["DEMO"] = True
    app.config["PUBLIC_BASE_URL"] = f"http://{host}:{port}"
    defaults = default_config(Path(app.instance_path))
    for key, value in DEMO_CONTROLLER.items():
        if app.config[key] == defaults[key]:
            app.config[key] = value


def seed_event(plan: EventPlan, count: int, seed: int) -> int:
    event = create_event(plan)
    event.capacity = max(event.capacity, count + DEMO_FREE_SEATS)
    rows = generate_attendees(count, seed, slots=len(event.slots))
    now = utcnow()
    result = import_attendees(event, rows, current_app.config["PRIVACY_NOTICE_VERSION"],
                              confirmed=True, now=now)
    spread_sign_ups(event, now, seed)
    return result.created


def spread_sign_ups(event: Event, imported_at: datetime, seed: int) -> None:
    """The attendees just imported signed up over the weeks before (in the order of their
    numbers), not all in one second: the overview's sign-ups chart has a shape to show."""
    people = list(db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.signed_up_at == imported_at)
        .order_by(Attendee.number)))
    end = min(imported_at, datetime.combine(event.starts_on, time()))
    for person, moment in zip(people, sign_up_times(len(people), seed, end), strict=True):
        person.signed_up_at = person.privacy_consent_at = moment
        person.matching_consent_at = moment if person.matching_consent_at else None
        person.email_confirmed_at = moment + CONFIRMED_AFTER if person.email_confirmed_at else None
    db.session.flush()


def demo_password(reset: bool) -> str | None:
    """A new password for a new (or reset) demo organiser; None: the old one stays."""
    exists = db.session.scalar(select(Organiser.id).where(Organiser.email == DEMO_ORGANISER))
    if exists and not reset:
        return None
    password = secrets.token_urlsafe(9)
    set_organiser_password(DEMO_ORGANISER, password).is_admin = True
    return password


def report_log_in(password: str | None) -> None:
    if password is None:
        click.echo(f"Organiser log-in: {DEMO_ORGANISER} with the password printed at the first "
                   "run (unchanged; 'matchmaker demo --reset-password' sets a new one).")
    else:
        click.echo(f"Organiser log-in: {DEMO_ORGANISER} / {password}")


def report_mail(app: Flask, port: int) -> None:
    if app.config["MAIL_SMTP_HOST"]:
        click.echo(f"E-mails go out over SMTP via {app.config['MAIL_SMTP_HOST']}.")
        return
    click.echo(f"E-mails are not sent: they are written to {outbox_dir()} and shown to "
               f"organisers at {app.config['PUBLIC_BASE_URL']}/organiser/outbox")
