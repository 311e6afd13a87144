"""CSRF protection, organiser log-in, rate limits, the bot barrier's signed time stamp and
the HTTP headers every response carries."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response, abort, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from itsdangerous import BadSignature, TimestampSigner
from werkzeug.middleware.proxy_fix import ProxyFix

from .database import write_apart
from .models import utcnow
from .services.client_limits import Limit, count_request
from .services.organisers.limits import client_key

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"
FORM_STAMP_SALT = "matchmaker.form-started"
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
csrf = CSRFProtect()
login_manager = LoginManager()
# Per-client request limits; the storage is RATELIMIT_STORAGE_URI (see config.py): memory://
# counts per process, redis:// or memcached:// share the counts between workers and hosts.
limiter = Limiter(key_func=get_remote_address)
UPLOAD_BLUEPRINTS = {"organiser"}  # the dashboard's imports; every other form is text only
# Limits counted in the database (every worker sees them), by setting: the scope counted.
DATABASE_LIMITS = {"RATELIMIT_SIGN_UP": "sign_up", "RATELIMIT_LINK_REQUEST": "link_request",
                   "MAIL_LIMIT_PER_CLIENT": "mail"}


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in as an organiser to see this page.")
    login_manager.login_message_category = "info"
    from .services.organisers.sessions import load_organiser  # here: the auth views import this module

    login_manager.user_loader(load_organiser)
    app.before_request(refuse_unexpected_bodies)
    app.after_request(add_security_headers)
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        # The client's address (for rate limits) comes from X-Forwarded-For, set by this
        # many proxies in front; without proxies that header is the client's to forge.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]


def refuse_unexpected_bodies() -> None:
    """A POST outside the dashboard is a browser's form: a JSON body or a file part (no
    browser sends one to these forms) is answered 400 with a message, never a 500."""
    if request.method != "POST" or request.blueprint in UPLOAD_BLUEPRINTS:
        return
    if request.mimetype not in FORM_TYPES or request.files:
        abort(400)


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config["HSTS_ENABLED"]:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def configured_limit(setting: str) -> Callable[[], str]:
    """A rate limit read from the configuration when a request comes, e.g. "10 per minute"."""
    return lambda: str(current_app.config[setting])


def limited_per_client(*settings: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Count every POST to the view against these settings' limits (``DATABASE_LIMITS``)
    in the database, where all workers see them; beyond them the answer is 429 with
    ``Retry-After``. The count is committed before the view runs, whatever it answers."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def limited(*args: Any, **kwargs: Any) -> Any:
            if request.method == "POST" and current_app.config["RATELIMIT_ENABLED"]:
                seconds = counted_post(settings)
                if seconds is not None:
                    return render_template("errors/http.html", code=429), 429, \
                        {"Retry-After": str(seconds)}
            return view(*args, **kwargs)

        return limited

    return decorate


def counted_post(settings: tuple[str, ...]) -> int | None:
    """Record this post in its own short write transaction (the request reads on after
    it); the seconds to wait if a limit is reached."""
    limits = [Limit(DATABASE_LIMITS[setting], str(current_app.config[setting])) for setting in settings]
    with write_apart():
        return count_request(limits, client_key(request.remote_addr), utcnow())


def secret_key() -> str | bytes:
    key = current_app.secret_key
    if key is None:  # config.py refuses to start without one
        raise RuntimeError("SECRET_KEY is not set")
    return key


def form_stamp() -> str:
    """A signed "this form was shown now", for the bot barrier's minimum fill time."""
    return TimestampSigner(secret_key(), salt=FORM_STAMP_SALT).sign("form").decode()


def form_age(stamp: str | None) -> float | None:
    """Seconds since ``form_stamp`` made ``stamp``; None if it is missing or forged."""
    try:
        _, signed_at = TimestampSigner(secret_key(), salt=FORM_STAMP_SALT).unsign(
            stamp or "", return_timestamp=True)
    except BadSignature:
        return None
    return time.time() - signed_at.timestamp()
