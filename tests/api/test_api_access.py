"""Who the API answers: a token of the event, and nobody else; the same 404 for another
event and for no event; revoked tokens stop at once; calls are limited per token."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.services.api.tokens import create_token, revoke_token
from tests.conftest import IsolatedClient, app_config
from tests.support.factories import make_event

ATTENDEES = "/api/v1/events/go-cluster-2027/attendees"


@pytest.fixture
def token(event: Event) -> str:
    secret = create_token(event, "CRM", "team@example.org").secret
    db.session.commit()
    return secret


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer mm_" + "x" * 43},
                                     {"Authorization": "Bearer"}, {"Authorization": "Basic dGVhbTp4"},
                                     {"Authorization": "Bearer ' OR 1=1 --"}])
def test_call_without_a_valid_token_is_a_json_401(client, event, headers):
    response = client.get(ATTENDEES, headers=headers)
    assert response.status_code == 401 and response.json["error"]["status"] == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_a_401(client, event):
    made = create_token(event, "CRM", "team@example.org")
    db.session.commit()
    token = made.secret
    assert client.get(ATTENDEES, headers=bearer(token)).status_code == 200
    revoke_token(event, made.token.id, "team@example.org")
    db.session.commit()
    assert client.get(ATTENDEES, headers=bearer(token)).status_code == 401


def test_other_events_token_gets_the_same_404_as_no_such_event(client, event, token):
    make_event(slug="other-2027", title="Andere")
    other = client.get("/api/v1/events/other-2027/attendees", headers=bearer(token))
    missing = client.get("/api/v1/events/no-such-event/attendees", headers=bearer(token))
    assert other.status_code == missing.status_code == 404
    assert other.data == missing.data


def test_unknown_api_path_is_a_json_404(client, event, token):
    response = client.get("/api/v1/nothing-here", headers=bearer(token))
    assert response.status_code == 404 and response.json["error"]["status"] == 404


def test_writing_is_refused_with_a_json_405(client, event, token):
    response = client.post(ATTENDEES, headers=bearer(token), data={"status": "cancelled"})
    assert response.status_code == 405 and response.json["error"]["status"] == 405


@pytest.fixture
def limited_app(database_url: str, instance_folder: Path) -> Iterator[Flask]:
    app = create_app({**app_config(database_url, instance_folder), "RATELIMIT_ENABLED": True,
                      "RATELIMIT_API": "3 per minute"})
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_calls_beyond_the_limit_get_429_per_token(limited_app):
    event = make_event()
    first, second = (create_token(event, name, "team").secret for name in ("CRM", "Zapier"))
    db.session.commit()
    client = limited_app.test_client()
    answers = [client.get(ATTENDEES, headers=bearer(first)).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get(ATTENDEES, headers=bearer(first))
    assert refused.json["error"]["status"] == 429 and "Retry-After" in refused.headers
    assert client.get(ATTENDEES, headers=bearer(second)).status_code == 200
