"""The app served over real HTTP on loopback, for browsers and concurrent clients."""

import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from matchmaker import create_app
from matchmaker.extensions import db
from tests.conftest import app_config
from tests.support.factories import make_event


@contextmanager
def live_server(app: Flask) -> Iterator[str]:
    """Serve ``app`` from a daemon thread (a thread per request); yield its base URL."""
    server = make_server("127.0.0.1", 0, from_memory(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def from_memory(app: Flask) -> Callable[[dict[str, Any], Any], Iterable[bytes]]:
    """The app, each body read and its response closed before sending.

    Werkzeug's server skips closing a response when the browser resets the connection
    while it reads the socket before closing (``run_wsgi``): a static file, e.g. the
    favicon, then stays open, and its warning fails whichever test runs the collector."""
    def wsgi(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            getattr(body, "close", lambda: None)()
    return wsgi


def app_on_sqlite_copy(template: Path, folder: Path) -> Flask:
    """An app on a fresh copy of the migrated SQLite template, with its own instance folder.

    For fixtures wider than one test, which the per-test ``instance_folder`` fixture does
    not cover: the environment is cleaned the same way while the app reads its settings.
    """
    instance = folder / "instance"
    instance.mkdir(parents=True)
    database = folder / "matchmaker.sqlite"
    shutil.copy(template, database)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MATCHMAKER_INSTANCE_PATH", str(instance))
        patch.delenv("DATABASE_URL", raising=False)
        for name in [key for key in os.environ if key.startswith("MATCHMAKER_")]:
            if name != "MATCHMAKER_INSTANCE_PATH":
                patch.delenv(name)
        return create_app(app_config(f"sqlite:///{database}", instance))


def dispose(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def live_app(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app per test module on a migrated SQLite copy, with the event created."""
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
