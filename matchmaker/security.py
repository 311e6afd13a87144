"""CSRF protection, organiser log-in and the HTTP headers every response carries."""

from flask import Flask, Response
from flask_babel import lazy_gettext as _l

from .auth.sessions import load_organiser
from .extensions import csrf, login_manager

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in as an organiser to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_organiser)
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response
