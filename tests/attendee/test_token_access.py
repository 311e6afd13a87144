"""The private link is the only key: every attendee route, generated from the URL map."""

import logging
import re
import threading
import urllib.request

import pytest
from werkzeug.serving import make_server

from matchmaker.extensions import db
from tests.support.attendees import add_attendee
from tests.support.factories import csrf_token


def token_routes(app) -> list[tuple[str, str]]:
    """(method, path template with ``{token}``) for every attendee route that takes a token;
    other arguments get an example value (numbers 1, the first of several choices)."""
    return sorted(
        (method, example_arguments(rule.rule.replace("<token>", "{token}")))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("attendee.") and "token" in rule.arguments
        for method in rule.methods & {"GET", "POST"}
    )


def example_arguments(path: str) -> str:
    path = re.sub(r"<int:\w+>", "1", path)
    return re.sub(r"<any\(([^,)]+)[^>]*>", r"\1", path)


def bad_tokens(token: str) -> dict[str, str]:
    return {"wrong": "A" * len(token), "truncated": token[:-1], "extended": token + "x",
            "upper-cased": token.upper() if token.upper() != token else token.lower(),
            "short": "abc"}


def test_token_routes_cover_every_attendee_page(app):
    assert {path for _method, path in token_routes(app)} == {
        "/me/{token}", "/me/{token}/cancel", "/me/{token}/data.json", "/me/{token}/erase",
        "/me/{token}/interests", "/me/{token}/meetings", "/me/{token}/profile",
        "/me/{token}/schedule.pdf",
        "/me/{token}/suggestions", "/me/{token}/participants", "/me/{token}/participants/1",
        "/me/{token}/participants/1/block", "/me/{token}/requests", "/me/{token}/requests/1/accept",
        "/me/{token}/requests/1/withdraw", "/me/{token}/blocks/1/remove", "/me/{token}/schedule",
        "/me/{token}/schedule.ics", "/me/{token}/schedule/feed", "/me/{token}/feedback/1",
        "/me/{token}/now", "/me/{token}/manifest.webmanifest", "/me/{token}/now-worker.js",
        "/me/{token}/meetings/1/met", "/me/{token}/met-by-badge",
        "/me/{token}/participants/1/favourite", "/me/{token}/participants/1/not-interested",
        "/me/{token}/my-meetings",
        "/me/{token}/my-meetings/1/move", "/me/{token}/my-meetings/1/move/accept",
        "/me/{token}/my-meetings/1/give-back", "/me/{token}/my-meetings/fill-free-slots",
        "/me/{token}/offers/1/accept",
        "/me/{token}/sessions", "/me/{token}/sessions/1/choose", "/me/{token}/sessions/1/leave",
        "/me/{token}/sessions/1/collision", "/me/{token}/sessions/1/take", "/me/{token}/answers",
        "/me/{token}/my-meetings/1/colleagues", "/me/{token}/my-meetings/1/colleagues/1/remove",
        "/me/{token}/my-meetings/1/leave",
    }


@pytest.mark.parametrize("kind", ["wrong", "truncated", "extended", "upper-cased", "short"])
def test_bad_token_gives_404_on_every_attendee_route(app, client, event, kind):
    token = add_attendee(event, "Anna").token
    csrf = csrf_token(client, "/go-cluster-2027/link")
    statuses = {}
    for method, template in token_routes(app):
        path = template.format(token=bad_tokens(token)[kind])
        statuses[method, path] = client.open(path, method=method, data={"csrf_token": csrf}).status_code
    assert set(statuses.values()) == {404}, statuses


def test_other_attendees_token_shows_only_their_data(client, event):
    add_attendee(event, "Anna")
    bernd = add_attendee(event, "Bernd")
    page = client.get(f"/me/{bernd.token}").get_data(as_text=True)
    assert "bernd@example.org" in page
    assert "anna@example.org" not in page


def test_attendee_pages_are_never_cached(client, event):
    token = add_attendee(event, "Anna").token
    assert client.get(f"/me/{token}").headers["Cache-Control"] == "no-store"


def test_access_log_masks_token(app, event, caplog):
    token = add_attendee(event, "Anna").token
    db.session.rollback()  # end our read transaction: on SQLite it holds the write lock
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            base = f"http://127.0.0.1:{server.server_port}"
            with urllib.request.urlopen(f"{base}/me/{token}") as response:
                assert response.status == 200
            urllib.request.urlopen(f"{base}/language/en?next=%2Fme%2F{token}").close()
    finally:
        server.shutdown()
        thread.join()
    assert "/me/***" in caplog.text
    assert token not in caplog.text
