"""Browser tests: one live server per test module, on a migrated SQLite copy with an event.

They run on SQLite only: what the browser sees does not depend on the database, and the
PostgreSQL paths are covered by the tests in tests/web.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from matchmaker.extensions import db
from tests.support.browser import chromium, page, phone_page  # noqa: F401  (fixtures)
from tests.support.factories import make_event
from tests.support.live_server import app_on_sqlite_copy, dispose, live_server


@pytest.fixture(scope="module")
def live_app(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = app_on_sqlite_copy(sqlite_template, tmp_path_factory.mktemp("live"))
    with app.app_context():
        make_event()
        db.session.remove()
    yield app
    dispose(app)


@pytest.fixture(scope="module")
def live_url(live_app: Flask) -> Iterator[str]:
    with live_server(live_app) as url:
        yield url
