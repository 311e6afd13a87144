"""Test data made the way users make it: through the services and the real form POST."""

import re
from collections.abc import Mapping
from datetime import date, time
from time import sleep
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from matchmaker.auth.routes import BUSY_RETRY_SECONDS
from matchmaker.extensions import db
from matchmaker.models import Event, EventRole, Organiser
from matchmaker.services.events.events import (
    EventPlan,
    SlotBlock,
    create_event,
    ensure_industries,
    grant_access,
)

CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def make_event(capacity: int = 200, tables: int = 60, slug: str = "go-cluster-2027",
               title: str = "go-cluster Jahrestagung 2027") -> Event:
    ensure_industries()
    event = create_event(EventPlan(
        slug=slug, title=title, starts_on=date(2027, 6, 16),
        venue="bcc Berlin Congress Center", capacity=capacity,
        blocks=(SlotBlock(time(10, 30), 5), SlotBlock(time(14, 0), 5)), meeting_minutes=20,
        table_count=tables,
    ))
    db.session.commit()
    return event


def csrf_token(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    match = CSRF_FIELD.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client: FlaskClient, path: str, data: Mapping[str, Any] | None = None, /, *,
              token_from: str | None = None, content_type: str | None = None,
              **fields: Any) -> TestResponse:
    """Submit a form as a browser does: read the session's CSRF token from the page
    ``token_from`` (by default ``path`` itself; one token serves every form of a session),
    then POST ``data`` and ``fields`` with it to ``path``."""
    token = csrf_token(client, token_from or path)
    options = {"content_type": content_type} if content_type else {}
    return client.post(path, data={**(data or {}), **fields, "csrf_token": token}, **options)


def valid_sign_up(**overrides) -> dict:
    """A complete, valid sign-up form submission; override fields by name."""
    form = {
        "first_name": "Jürgen", "last_name": "Müller", "email": "juergen.mueller@example.org",
        "organisation": "Müller Präzisionstechnik GmbH", "position": "Geschäftsführer",
        "org_type": "sme", "industry": "manufacturing_engineering",
        "cluster": "Cluster Mechatronik Sachsen", "themes": ["open_innovation", "skills"],
        "keywords": "Leichtbau, Additive Fertigung", "offers": "Prototypenbau",
        "seeks": "KI, Forschungspartner", "wants_meetings": "y", "unavailable_slots": ["2", "7"],
        "max_meetings": "5", "privacy_consent": "y", "matching_consent": "y",
    }
    form.update(overrides)
    return {key: value for key, value in form.items() if value is not None}


def submit_sign_up(client: FlaskClient, **overrides):
    return post_form(client, "/go-cluster-2027/register", valid_sign_up(**overrides))


def login(client, email: str, password: str):
    return post_form(client, "/organiser/login", email=email, password=password)


def session_cookie(app: Flask, email: str, password: str = "richtig-geheim") -> str:
    """Log in once and return the session cookie, for a scene whose tests reuse the log-in
    (hashing is slow). A host busy hashing other log-ins (503) is asked again, as a person
    would."""
    client = app.test_client()
    for _attempt in range(10):
        status = login(client, email, password).status_code
        if status != 503:
            break
        sleep(BUSY_RETRY_SECONDS)
    assert status == 302
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


def add_organiser(email: str = "team@example.org", password: str = "richtig-geheim",
                  events: tuple[Event, ...] | None = None) -> Organiser:
    """An administrator (all events), or with ``events`` an organiser of just those."""
    organiser = Organiser(email=email, is_admin=events is None, events=list(events or ()))
    organiser.set_password(password)
    db.session.add(organiser)
    db.session.commit()
    return organiser


def add_desk_staff(event: Event, email: str = "desk@example.org",
                   password: str = "richtig-geheim") -> Organiser:
    """A helper with the role check-in only for ``event``."""
    organiser = add_organiser(email, password, events=())
    grant_access(organiser, event, EventRole.CHECK_IN)
    db.session.commit()
    return organiser
