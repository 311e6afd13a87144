"""Every route × every kind of visitor, generated from the URL map.

The visitors: an anonymous one (no link, no log-in), an attendee on their own private
link, an attendee whose link is used on another attendee's things (request, meeting,
block ids of Anna's with Bernd's link), and four logged-in organisers: an administrator
("organiser"), an organiser of this event who is not an administrator, an organiser of
another event only, and desk staff (the role check-in only for this event). A route added later is tested without anyone listing it here. What must
hold for each:

- nobody gets a server error;
- the dashboard and the organiser's account pages send everybody but an organiser to
  the log-in page, and open for the organiser;
- an attendee page opens only with a valid private link (a log-in is no key to it);
- a link never shows, or changes, another attendee's data;
- the administrators' pages (the outbox, which holds every event's private links, and the
  shared industry list) are a 404 for every other organiser;
- an organiser of another event gets a 404 on every page of this event, and sees or
  changes none of Anna's data;
- desk staff reach the check-in desk and nothing else of the dashboard: every other
  organiser route is a 403 (the events list, where the navigation lands, leads to the
  desk), and they see or change none of Anna's data, her e-mail address included.
- the API (a fourth audience, machines) answers only a Bearer token of this event: a log-in
  or a private link is no key to it (401), another event's token gets a 404; its
  description (``api.openapi``) is open to all.
"""

import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Attendee, Event
from matchmaker.services.api.tokens import create_token
from tests.conftest import app_config, database_copy
from tests.support.factories import add_desk_staff, add_organiser, csrf_token, make_event, session_cookie
from tests.support.routes import example_path, rules_of
from tests.support.scene import published_scene

# The access rules are the app's, not the database's: SQLite is enough here, and the
# scene is built once and copied for each case (database_url below).

DESK_STAFF = "desk staff (check-in only)"
# Every visitor without a log-in (anonymous, either private link, an API token): their form
# posts can share one session, since no link or token is kept in a session.
VISITOR = "without a log-in"
ACTORS = ["anonymous", "own link", "other link", "organiser", "event organiser",
          "other event's organiser", DESK_STAFF]
# Who logs in as which organiser actor ("organiser" is an administrator).
ORGANISERS = {"organiser": "team@example.org", "event organiser": "event@example.org",
              "other event's organiser": "other@example.org", DESK_STAFF: "desk@example.org"}
# All that desk staff may use of the dashboard: the check-in desk.
DESK_ENDPOINTS = {"organiser.check_in_desk", "organiser.check_in_typed", "organiser.check_in_person",
                  "organiser.undo_check_in", "organiser.check_in_list", "organiser.check_in_sync",
                  "organiser.check_in_worker"}
ADMINISTRATORS_ONLY = {"organiser.industries", "organiser.outbox", "organiser.outbox_mail",
                       "organiser.outbox_mail_html"}
ROUTES = [(rule.endpoint, method) for rule in rules_of("public", "attendee", "auth", "organiser", "api")
          for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
# Pages of the auth blueprint that a visitor without a log-in must reach.
OPEN_AUTH_PAGES = {"auth.login", "auth.accept_invite", "auth.logout"}
# An organiser is sent to the log-in page after this one, too.
ENDS_THE_SESSION = {"auth.logout_everywhere"}
LOG_IN = "/organiser/login"
# The API's visitors besides the others: a token of this event and one of another event.
API_TOKENS = {"API token": "go-cluster-2027", "other event's API token": "other-2027"}
OPEN_API_ROUTES = {"api.openapi"}
ANNA_EMAIL = "anna@example.org"


@dataclass
class Scene:
    event: Event
    anna: Attendee
    bernd: Attendee
    ids: dict[str, object]  # URL arguments naming Anna's things

    def private_rows(self) -> list[tuple]:
        """Everything of Anna's that another link must not change."""
        return [tuple(row) for query in ANNAS_ROWS
                for row in db.session.execute(text(query), {"anna": self.anna.id})]


ANNAS_ROWS = [
    "SELECT * FROM attendee WHERE id = :anna",
    "SELECT * FROM meeting WHERE :anna IN (attendee_a_id, attendee_b_id) ORDER BY id",
    "SELECT * FROM meeting_request WHERE :anna IN (requester_id, target_id) ORDER BY id",
    "SELECT * FROM attendee_block WHERE :anna IN (blocker_id, blocked_id) ORDER BY id",
    "SELECT * FROM session_choice WHERE attendee_id = :anna ORDER BY id",
    "SELECT f.* FROM meeting_feedback f JOIN meeting m ON m.id = f.meeting_id"
    " WHERE :anna IN (m.attendee_a_id, m.attendee_b_id) ORDER BY f.id",
]


@pytest.fixture(scope="module")
def scene_database(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The scene, built once: a database file to copy for each case, and the ids in it.

    The organisers log in once too (hashing is slow): the sessions live in the file."""
    folder = tmp_path_factory.mktemp("access-matrix")
    path = folder / "scene.sqlite"
    shutil.copy(sqlite_template, path)
    app = create_app(app_config(f"sqlite:///{path}", folder))
    with app.app_context():
        event = make_event()
        scene = published_scene(event)
        add_organiser()
        add_organiser(ORGANISERS["event organiser"], events=(event,))
        other_event = make_event(slug="other-2027", title="Andere Veranstaltung")
        add_organiser(ORGANISERS["other event's organiser"], events=(other_event,))
        add_desk_staff(event, ORGANISERS[DESK_STAFF])
        events = {event.slug: event, other_event.slug: other_event}
        api_tokens = {actor: create_token(events[slug], actor, "test").secret
                      for actor, slug in API_TOKENS.items()}
        db.session.commit()
        ids = {"anna_token": scene.anna.token, "bernd_token": scene.bernd.token,
               "slug": event.slug, "number": scene.ben.number, "request_id": scene.request_id,
               "meeting_id": scene.meeting_id, "choice": "accept", "language": "en",
               "session_id": scene.session_id, "api_tokens": api_tokens}
        db.session.remove()
    ids["organiser_cookies"] = {actor: session_cookie(app, email) for actor, email in ORGANISERS.items()}
    ids["form_sessions"] = {actor: form_session(app, ids["organiser_cookies"].get(actor), ids["slug"])
                            for actor in (VISITOR, *ORGANISERS)}
    with app.app_context():
        db.engine.dispose()
    return path, ids


def form_session(app: Flask, cookie: str | None, slug: str) -> tuple[str, str]:
    """A visitor's session cookie once a form page gave it a CSRF token, and that token:
    fetched once per kind of visitor here, not before each of the 558 form posts."""
    client = app.test_client()
    if cookie is not None:
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    token = csrf_token(client, f"/{slug}/link")
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value, token


@pytest.fixture
def database_url(scene_database: tuple[Path, dict], tmp_path: Path) -> str:
    return database_copy(scene_database[0], tmp_path)


@pytest.fixture
def scene(app: Flask, scene_database: tuple[Path, dict]) -> Scene:
    ids = dict(scene_database[1])
    anna, bernd = (db.session.scalar(select(Attendee).where(Attendee.token == ids.pop(key)))
                   for key in ("anna_token", "bernd_token"))
    del ids["organiser_cookies"], ids["api_tokens"], ids["form_sessions"]
    # The outbox is shown only in the demo or in debug mode: the matrix checks who sees it there.
    app.config["DEMO"] = True
    return Scene(anna.event, anna, bernd, ids)


def path_for(app: Flask, endpoint: str, actor: str, scene: Scene) -> str:
    """The route's URL as this visitor would send it."""
    tokens = {"own link": scene.anna.token, "other link": scene.bernd.token}
    values = {**scene.ids, "token": tokens.get(actor, secrets.token_urlsafe(32)),
              "feed_token": secrets.token_urlsafe(32)}
    return example_path(app, endpoint, **values)


def visit(app: Flask, client: FlaskClient, scene: Scene, endpoint: str, method: str, actor: str,
          keys: dict[str, dict]):
    """The visitor's request; a form post carries the session and CSRF token that a form
    page gave this visitor (``form_session``)."""
    cookie, data = keys["organiser_cookies"].get(actor), None
    if method != "GET":
        cookie, token = keys["form_sessions"][actor if actor in ORGANISERS else VISITOR]
        data = {"csrf_token": token}
    if cookie is not None:
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    headers = {"Authorization": f"Bearer {keys['api_tokens'][actor]}"} if actor in API_TOKENS else {}
    return client.open(path_for(app, endpoint, actor, scene), method=method, data=data, headers=headers)


def needs_log_in(endpoint: str) -> bool:
    blueprint = endpoint.split(".")[0]
    return blueprint == "organiser" or (blueprint == "auth" and endpoint not in OPEN_AUTH_PAGES)


def test_every_blueprint_is_in_the_matrix() -> None:
    blueprints = {endpoint.split(".")[0] for endpoint, _method in ROUTES}
    assert blueprints == {"public", "attendee", "auth", "organiser", "api"}
    assert len(ROUTES) > 80


# The two organisers without the administrator's rights differ from an administrator only
# on the organisers' pages: elsewhere they would repeat the administrator's cases.
# The API's routes are visited by everybody and by the two API tokens.
CASES = [(endpoint, method, actor) for endpoint, method in ROUTES
         for actor in ACTORS + (list(API_TOKENS) if endpoint.startswith("api.") else [])
         if actor in ACTORS[:4] or endpoint.split(".")[0] in ("organiser", "auth", "api")]


@pytest.mark.parametrize(("endpoint", "method", "actor"), CASES,
                         ids=[f"{m} {e}-{a}" for e, m, a in CASES])
def test_route_answers_each_visitor_as_it_should(scene_database, app, client, scene, endpoint,
                                                 method, actor):
    before = scene.private_rows()
    response = visit(app, client, scene, endpoint, method, actor, scene_database[1])
    status, body = response.status_code, response.get_data().decode(errors="replace")
    sent_to_log_in = status == 302 and urlsplit(response.location).path == LOG_IN
    assert status < 500, body[:500]
    if needs_log_in(endpoint):
        logs_out = endpoint in ENDS_THE_SESSION and actor in ORGANISERS
        assert sent_to_log_in == (actor not in ORGANISERS or logs_out), (status, response.location)
    if actor in ORGANISERS and actor != "organiser" and endpoint in ADMINISTRATORS_ONLY:
        assert status == (403 if actor == DESK_STAFF else 404)
    if actor == DESK_STAFF and endpoint.startswith("organiser."):
        assert_desk_staff_answer(endpoint, scene, status, response.location)
    if actor == "other event's organiser" and endpoint.startswith("organiser.") \
            and "slug" in arguments(app, endpoint):
        assert status == 404
    if endpoint.startswith("attendee."):
        if actor == "anonymous" or actor in ORGANISERS or "token" not in arguments(app, endpoint):
            # The calendar feed has a key of its own; every visitor here holds a made-up one.
            assert status == 404
        elif actor == "own link" and method == "GET" and not set(scene.ids) & arguments(app, endpoint):
            assert status in (200, 302)
    if endpoint.startswith("api.") and endpoint not in OPEN_API_ROUTES:
        expected = {"API token": 200, "other event's API token": 404}.get(actor, 401)
        assert status == expected, (actor, status)
    if actor in ("other link", "other event's organiser", "other event's API token", DESK_STAFF):
        assert ANNA_EMAIL not in body
        db.session.rollback()  # read what the request committed
        assert scene.private_rows() == before


def assert_desk_staff_answer(endpoint: str, scene: Scene, status: int, location: str | None) -> None:
    if endpoint in DESK_ENDPOINTS:
        assert status not in (401, 403, 404)  # let in; an empty sync body is a 400 of its own
    elif endpoint == "organiser.events":
        assert (status, location) == (302, f"/organiser/{scene.event.slug}/check-in")
    else:
        assert status == 403


def test_administrator_sees_the_outbox(scene_database, app, client, scene):
    response = visit(app, client, scene, "organiser.outbox", "GET", "organiser", scene_database[1])
    assert response.status_code == 200


def arguments(app: Flask, endpoint: str) -> set[str]:
    return set(next(app.url_map.iter_rules(endpoint)).arguments)
