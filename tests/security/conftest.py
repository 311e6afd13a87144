"""Fixtures for the hardening tests: an attendee's private link, and an app whose rate
limits and bot barrier are switched on (the shared test config switches them off)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from matchmaker import create_app
from matchmaker.extensions import db
from tests.conftest import IsolatedClient, app_config, empty_all_tables
from tests.support.factories import make_event, submit_sign_up
from tests.support.mailbox import outbox_messages, private_link


@pytest.fixture
def link(client: FlaskClient, event) -> str:
    """The private page of a person signed up through the form."""
    assert submit_sign_up(client).status_code == 302
    return private_link(outbox_messages(Path(client.application.config["MAIL_OUTBOX_DIR"]))[-1])


@pytest.fixture
def guarded_app(database_url: str, instance_folder: Path, request: pytest.FixtureRequest) -> Iterator[Flask]:
    """The app with rate limits on and an event; a test sets other settings with
    ``@pytest.mark.parametrize("guarded_app", [{...}], indirect=True)``."""
    settings = getattr(request, "param", {})
    app = create_app({**app_config(database_url, instance_folder), "RATELIMIT_ENABLED": True,
                      **settings})
    app.test_client_class = IsolatedClient
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            empty_all_tables()
        make_event()
        yield app
        db.session.remove()
        db.engine.dispose()
