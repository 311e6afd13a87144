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
from tests.support.browser import chromium, page, phone_page  # noqa: F401  (fixtures)
from tests.support.factories import make_event, submit_sign_up
from tests.support.live_server import app_on_sqlite_copy, dispose, live_server
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


@pytest.fixture(scope="module")
def live_app(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = app_on_sqlite_copy(sqlite_template, tmp_path_factory.mktemp("live-attendee"))
    with app.app_context():
        make_event()
        db.session.remove()
    yield app
    dispose(app)


@pytest.fixture(scope="module")
def live_url(live_app: Flask) -> Iterator[str]:
    with live_server(live_app) as url:
        yield url


@pytest.fixture
def live_link(live_app: Flask, live_url: str) -> str:
    """On the live server: sign up a new person, return the private link from their mail."""
    with live_app.app_context():
        known = len(outbox_messages(Path(live_app.config["MAIL_OUTBOX_DIR"])))
        submit_sign_up(live_app.test_client(), email=f"person{known}@example.org")
        db.session.remove()
    return private_link(outbox_messages(Path(live_app.config["MAIL_OUTBOX_DIR"]))[-1])
