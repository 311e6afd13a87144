"""Fixtures for the attendee's self-service: a matching pair, and a sign-up on the live
server (the SMTP server, browser and live-server fixtures are registered in tests/conftest.py)."""

from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask

from matchmaker import clock
from matchmaker.extensions import db
from matchmaker.models import Attendee, Event
from tests.conftest import IsolatedClient
from tests.support.attendees import add_matching_pair
from tests.support.factories import submit_sign_up
from tests.support.mailbox import outbox_messages, private_link


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


@pytest.fixture
def now(monkeypatch):
    """The app's clock, moved by the tests: ``now.move(minutes)``."""
    class Clock:
        at = clock.utc_now()

        def move(self, minutes: int) -> None:
            self.at += timedelta(minutes=minutes)

    moving = Clock()
    monkeypatch.setattr(clock, "utc_now", lambda: moving.at)
    return moving
