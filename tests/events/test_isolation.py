"""An organiser of one event gets nothing of another, on every route (read from the URL
map, so a new route is covered without anyone listing it)."""

import shutil
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Attendee
from matchmaker.services.events.events import event_by_slug
from tests.conftest import app_config, database_copy
from tests.support.attendees import add_attendee
from tests.support.factories import add_organiser, csrf_token, login, make_event, session_cookie
from tests.support.routes import example_path, rules_of

EVENT_ROUTES = [
    (rule.endpoint, method)
    for rule in rules_of("organiser") if "slug" in rule.arguments
    for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
]


@pytest.fixture(scope="module")
def two_events(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Two events, each with its organiser, built once: a database file that every test
    gets a copy of, and the session cookie of mine@example.org, logged in once."""
    folder = tmp_path_factory.mktemp("two-events")
    path = folder / "scene.sqlite"
    shutil.copy(sqlite_template, path)
    app = create_app(app_config(f"sqlite:///{path}", folder))
    with app.app_context():
        mine = make_event(slug="mine-2027", title="Meine Veranstaltung")
        theirs = make_event(slug="theirs-2027", title="Fremde Veranstaltung")
        add_attendee(theirs, "Geheim")
        add_attendee(mine, "Ada")
        add_organiser("mine@example.org", events=(mine,))
        add_organiser("theirs@example.org", events=(theirs,))
        db.session.remove()
    cookie = session_cookie(app, "mine@example.org")
    with app.app_context():
        db.engine.dispose()
    return path, cookie


@pytest.fixture
def database_url(two_events: tuple[Path, str], tmp_path: Path) -> str:
    return database_copy(two_events[0], tmp_path)


@pytest.fixture
def two_organisers(app: Flask, client, two_events: tuple[Path, str]):
    """mine@example.org logged in; the two events."""
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], two_events[1])
    return event_by_slug("mine-2027"), event_by_slug("theirs-2027")


def test_event_routes_are_found(two_organisers):
    assert ("organiser.overview", "GET") in EVENT_ROUTES and len(EVENT_ROUTES) > 5


@pytest.mark.parametrize(("endpoint", "method"), EVENT_ROUTES,
                         ids=[f"{m} {e}" for e, m in EVENT_ROUTES])
def test_organiser_of_one_event_gets_404_on_the_other(app, client, two_organisers, endpoint, method):
    data = None if method == "GET" else {"csrf_token": csrf_token(client, "/organiser/")}
    response = client.open(example_path(app, endpoint, slug="theirs-2027"), method=method, data=data)
    assert response.status_code == 404
    assert "Geheim" not in response.get_data(as_text=True)


def test_event_list_shows_only_own_events(client, two_organisers):
    page = client.get("/organiser/").get_data(as_text=True)
    assert "Meine Veranstaltung" in page and "Fremde Veranstaltung" not in page


def test_own_event_opens(client, two_organisers):
    assert client.get("/organiser/mine-2027/").status_code == 200


def test_administrator_sees_every_event(client, app):
    add_organiser("admin@example.org")
    login(client, "admin@example.org", "richtig-geheim")
    assert client.get("/organiser/mine-2027/attendees").status_code == 200


ATTENDEE_PAGES = [rule.endpoint for rule in rules_of("attendee")
                  if "token" in rule.arguments and "GET" in rule.methods]


@pytest.mark.parametrize("endpoint", ATTENDEE_PAGES)
def test_attendee_link_shows_only_the_attendees_own_event(app, client, endpoint):
    me = db.session.scalars(select(Attendee).where(Attendee.first_name == "Ada")).one()
    response = client.get(example_path(app, endpoint, token=me.token))
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 302, 404)  # 404: the id in the URL is not theirs
    assert "Fremde Veranstaltung" not in body and "Geheim" not in body
