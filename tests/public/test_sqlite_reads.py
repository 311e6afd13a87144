"""On SQLite a sign-up holds the write lock; the public pages that only read do not wait for it.

Another connection holds the write lock (as a sign-up in another worker does while it
decides on a seat). The sign-up form must still open at once; the sign-up itself must
still wait for the lock, so seats stay exact (tests/public/test_capacity_concurrency.py).
"""

import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Pending

import pytest
from flask import Flask
from flask.testing import FlaskClient

from matchmaker.extensions import db
from matchmaker.models import Event
from tests.support.factories import CSRF_FIELD, valid_sign_up

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
# Far below the 30 s busy timeout a blocked read would wait before failing.
ANSWER_SECONDS = 10


@pytest.fixture
def visitor(app: Flask, event: Event) -> FlaskClient:
    """A browser for requests sent from another thread, with no app context of the test's."""
    db.session.commit()  # the test's own transaction (the event) ends here
    return FlaskClient(app, app.response_class)


@pytest.fixture
def write_lock(app: Flask, visitor: FlaskClient) -> Iterator[sqlite3.Connection]:
    holder = sqlite3.connect(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"),
                             isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield holder
    holder.rollback()
    holder.close()


@pytest.mark.parametrize("path", ["/", "/go-cluster-2027/", "/go-cluster-2027/register",
                                  "/go-cluster-2027/link", "/privacy"])
def test_public_pages_open_while_another_worker_holds_the_write_lock(
        visitor: FlaskClient, write_lock: sqlite3.Connection, path: str) -> None:
    with ThreadPoolExecutor(1) as pool:
        response = pool.submit(visitor.get, path).result(timeout=ANSWER_SECONDS)
    assert response.status_code in (200, 302)


def test_a_sign_up_still_waits_for_the_write_lock_for_its_seat(
        visitor: FlaskClient, write_lock: sqlite3.Connection) -> None:
    with ThreadPoolExecutor(1) as pool:
        page = pool.submit(visitor.get, "/go-cluster-2027/register").result(timeout=ANSWER_SECONDS)
        data = {**valid_sign_up(), "csrf_token": CSRF_FIELD.search(page.get_data(as_text=True)).group(1)}
        sent = pool.submit(visitor.post, "/go-cluster-2027/register", data=data)
        with pytest.raises(Pending):
            sent.result(timeout=1)
        write_lock.rollback()
        assert sent.result(timeout=ANSWER_SECONDS).status_code == 302
