"""Organiser sessions live on the server: logging out, logging out everywhere and a
password change end them, so a copied cookie stops working. "Remember me" keeps a log-in
across browser restarts with the session cookie's flags."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import OrganiserSession
from tests.auth.conftest import PASSWORD, copy_cookies
from tests.support.factories import csrf_token, login, post_form
from tests.support.routes import example_path, rules_of

PUBLIC = {"auth.login", "auth.accept_invite"}
ACCOUNT_ROUTES = [(rule.endpoint, method) for rule in rules_of("auth") if rule.endpoint not in PUBLIC
                  for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]


def sees_dashboard(client) -> bool:
    """Whether the client is let into organiser pages (the account page needs no event)."""
    return client.get("/organiser/account").status_code == 200


def log_out(client, path: str = "/organiser/logout"):
    return post_form(client, path, token_from="/organiser/account")


def test_account_routes_are_found_in_url_map():
    assert ("auth.change_password", "POST") in ACCOUNT_ROUTES


@pytest.mark.parametrize(("endpoint", "method"), ACCOUNT_ROUTES,
                         ids=[f"{method} {endpoint}" for endpoint, method in ACCOUNT_ROUTES])
def test_anonymous_visitor_to_account_route_is_sent_to_log_in(app, client, endpoint, method):
    data = None if method == "GET" else {"csrf_token": csrf_token(client, "/organiser/login")}
    response = client.open(example_path(app, endpoint), method=method, data=data)
    assert response.status_code == 302
    assert urlsplit(response.location).path == "/organiser/login"


def test_copied_cookie_works_while_logged_in(logged_in, new_client):
    thief = new_client()
    copy_cookies(logged_in, thief)
    assert sees_dashboard(thief)


def test_copied_cookie_is_refused_after_logout(logged_in, new_client):
    thief = new_client()
    copy_cookies(logged_in, thief)
    log_out(logged_in)
    assert not sees_dashboard(thief)


def test_logout_keeps_other_devices_logged_in(logged_in, new_client, organiser):
    laptop = new_client()
    login(laptop, organiser.email, PASSWORD)
    log_out(logged_in)
    assert sees_dashboard(laptop)


def test_logout_everywhere_ends_every_session(logged_in, new_client, organiser):
    laptop = new_client()
    login(laptop, organiser.email, PASSWORD)
    response = log_out(logged_in, "/organiser/account/logout-everywhere")
    assert response.status_code == 302 and not sees_dashboard(logged_in)
    assert not sees_dashboard(laptop)
    assert db.session.scalars(select(OrganiserSession)).all() == []


def test_copied_cookie_is_refused_after_password_change(logged_in, new_client):
    thief = new_client()
    copy_cookies(logged_in, thief)
    post_form(logged_in, "/organiser/account/password", current_password=PASSWORD,
              new_password="ein ganz neues Passwort", new_password_again="ein ganz neues Passwort")
    assert sees_dashboard(logged_in)
    assert not sees_dashboard(thief)


@pytest.mark.both_databases
def test_expired_session_is_refused(logged_in):
    for row in db.session.scalars(select(OrganiserSession)):
        row.expires_at -= timedelta(hours=12)
    db.session.commit()
    assert not sees_dashboard(logged_in)


def test_session_token_is_stored_only_as_hash(logged_in):
    row = db.session.scalars(select(OrganiserSession)).one()
    assert row.token_hash not in logged_in.get_cookie("session").value


def remember_me(client, organiser):
    return post_form(client, "/organiser/login", email=organiser.email, password=PASSWORD, remember="y")


def test_remember_me_keeps_log_in_without_session_cookie(client, new_client, organiser):
    remember_me(client, organiser)
    restarted = new_client()
    restarted.set_cookie("remember_token", client.get_cookie("remember_token").value)
    assert sees_dashboard(restarted)


def test_remember_me_cookie_is_refused_after_logout(client, new_client, organiser):
    remember_me(client, organiser)
    kept = client.get_cookie("remember_token").value
    log_out(client)
    restarted = new_client()
    restarted.set_cookie("remember_token", kept)
    assert not sees_dashboard(restarted)


def test_remember_me_cookie_is_http_only_same_site_for_two_weeks(client, organiser):
    response = remember_me(client, organiser)
    cookie = next(header for header in response.headers.getlist("Set-Cookie")
                  if header.startswith("remember_token="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    row = db.session.scalars(select(OrganiserSession)).one()
    assert row.expires_at - row.created_at == timedelta(days=14)


def test_log_in_without_remember_me_sets_no_remember_cookie(logged_in):
    assert logged_in.get_cookie("remember_token") is None


def test_remember_me_cookie_is_secure_when_session_cookie_is():
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "PUBLIC_BASE_URL": "https://matchmaker.example.org"})
    assert app.config["REMEMBER_COOKIE_SECURE"] is app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("path", ["/organiser/", "/organiser/login", "/organiser/account",
                                  "/organiser/account/password", "/organiser/account/invite"])
def test_organiser_pages_are_not_cached(logged_in, event, path):
    assert logged_in.get(path).headers["Cache-Control"] == "no-store"


def test_public_pages_keep_their_caching(client, event):
    assert "Cache-Control" not in client.get("/").headers
