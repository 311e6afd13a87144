"""Fixtures for the attendee's self-service: a loopback SMTP server, the outbox, a sign-up,
and for the browser test a live server (Chromium fixtures from tests/support/browser.py)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, Event
from tests.conftest import IsolatedClient
from tests.support.browser import chromium, page, phone_page  # noqa: F401  (fixtures)
from tests.support.attendees import add_matching_pair
from tests.support.factories import submit_sign_up
from tests.support.live_server import live_app, live_url  # noqa: F401  (fixtures)
from tests.support.mailbox import outbox_messages, private_link
from tests.support.smtp import SmtpServer, smtp_server


@pytest.fixture
def smtp(app: Flask) -> Iterator[SmtpServer]:
    """The app sends over SMTP to a real server on loopback (no TLS, no login)."""
    with smtp_server() as server:
        app.config.update(MAIL_SMTP_HOST=server.host, MAIL_SMTP_PORT=server.port,
                          MAIL_SMTP_SECURITY="none")
        yield server


@pytest.fixture
def outbox(app: Flask) -> Path:
    return Path(app.config["MAIL_OUTBOX_DIR"])


@pytest.fixture
def attendee(client: FlaskClient, event: Event) -> Attendee:
    """Jürgen Müller, signed up through the form (his welcome mail is in the outbox)."""
    assert submit_sign_up(client).status_code == 302
    return db.session.scalar(select(Attendee).where(Attendee.email == "juergen.mueller@example.org"))


@pytest.fixture
def link(attendee: Attendee, outbox: Path) -> str:
    """The path of Jürgen's private page, taken from his welcome mail."""
    return private_link(outbox_messages(outbox)[-1])


@pytest.fixture
def live_link(live_app: Flask, live_url: str) -> str:
    """On the live server: sign up a new person, return the private link from their mail."""
    with live_app.app_context():
        known = len(outbox_messages(Path(live_app.config["MAIL_OUTBOX_DIR"])))
        live_app.test_client_class = IsolatedClient  # mails go out as the response closes
        submit_sign_up(live_app.test_client(), email=f"person{known}@example.org")
        db.session.remove()
    return private_link(outbox_messages(Path(live_app.config["MAIL_OUTBOX_DIR"]))[-1])


@pytest.fixture
def pair(event: Event) -> tuple[Attendee, Attendee]:
    """Anna and Ben, who match: she looks for what he offers (see ``add_matching_pair``)."""
    return add_matching_pair(event)


@pytest.fixture
def anna(pair: tuple[Attendee, Attendee]) -> Attendee:
    return pair[0]


@pytest.fixture
def ben(pair: tuple[Attendee, Attendee]) -> Attendee:
    return pair[1]
