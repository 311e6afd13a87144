"""Fixtures for organiser accounts: organisers made as the console command makes them,
clients logged in through the real form, and the outbox the invitations go to."""

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import LoginFailure, Organiser
from tests.support.factories import login

PASSWORD = "richtig-geheim"


def make_organiser(email: str = "team@example.org", password: str = PASSWORD,
                   is_admin: bool = True) -> Organiser:
    organiser = Organiser(email=email, is_admin=is_admin)
    organiser.set_password(password)
    db.session.add(organiser)
    db.session.commit()
    return organiser


@pytest.fixture
def organiser(app: Flask) -> Organiser:
    return make_organiser()


@pytest.fixture
def new_client(app: Flask, client: FlaskClient) -> Callable[..., FlaskClient]:
    """Another browser: a client with its own cookies, optionally from another address."""

    def make(address: str = "127.0.0.1") -> FlaskClient:
        browser = app.test_client()
        browser.environ_base["REMOTE_ADDR"] = address
        return browser

    return make


@pytest.fixture
def logged_in(client: FlaskClient, organiser: Organiser) -> FlaskClient:
    assert login(client, organiser.email, PASSWORD).status_code == 302
    return client


def failures(scope: str) -> int:
    return db.session.scalar(select(func.count()).where(LoginFailure.scope == scope))


def copy_cookies(source: FlaskClient, target: FlaskClient) -> None:
    """What an attacker who copied the browser's cookies holds."""
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)
