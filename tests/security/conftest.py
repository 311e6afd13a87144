"""Fixtures for the hardening tests: an app whose rate limits and bot barrier are switched
on (the shared test config switches them off)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from matchmaker import create_app
from matchmaker.extensions import db
from tests.conftest import IsolatedClient, app_config, empty_all_tables
from tests.support.factories import make_event


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
