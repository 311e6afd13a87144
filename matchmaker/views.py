"""Blueprints (one per audience) and the error pages."""

import logging
from datetime import date

from flask import Flask, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from .extensions import db
from .formatting import slot_start, timestamp
from .labels import (
    AUDIT_ACTION_LABELS,
    ORG_TYPE_LABELS,
    REGISTRATION_STATE_LABELS,
    SESSION_KIND_LABELS,
    STATUS_LABELS,
    THEME_LABELS,
)
from .mail import outbox_viewable
from .text import unlinkable

logger = logging.getLogger(__name__)
API_PREFIX = "/api/"


def init_app(app: Flask) -> None:
    from .api import bp as api_bp
    from .attendee import bp as attendee_bp
    from .auth import bp as auth_bp
    from .organiser import bp as organiser_bp
    from .public import bp as public_bp
    from .url_converters import DatabaseIntegerConverter, DatabaseTextConverter

    # Before any rule is added: URLs naming what no database row can be answer 404.
    app.url_map.converters.update(int=DatabaseIntegerConverter, default=DatabaseTextConverter,
                                  string=DatabaseTextConverter)
    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(organiser_bp)
    app.register_blueprint(attendee_bp)
    app.register_blueprint(api_bp)
    app.register_error_handler(CSRFError, render_csrf_error)
    app.register_error_handler(HTTPException, render_http_error)
    app.register_error_handler(OperationalError, render_database_unavailable)
    app.jinja_env.globals.update(
        theme_labels=THEME_LABELS, org_type_labels=ORG_TYPE_LABELS, status_labels=STATUS_LABELS,
        registration_state_labels=REGISTRATION_STATE_LABELS, audit_action_labels=AUDIT_ACTION_LABELS,
    )
    app.jinja_env.filters["format_event_date"] = format_event_date
    app.jinja_env.filters["timestamp"] = timestamp  # organiser pages: four-digit years
    app.jinja_env.add_extension("jinja2.ext.do")
    app.context_processor(shown_event)
    app.jinja_env.globals["outbox_viewable"] = outbox_viewable
    app.jinja_env.filters["unlinkable"] = unlinkable  # names and organisations in HTML mails
    app.jinja_env.filters["session_time"] = slot_start  # programme sessions: local time as stored
    app.jinja_env.globals["session_kind_labels"] = SESSION_KIND_LABELS


def shown_event() -> dict[str, object]:
    """The event the page belongs to (set from the URL), for the header and links."""
    return {"event": g.get("event")}


def format_event_date(value: date) -> str:
    return format_date(value, format="full")


def render_csrf_error(error: CSRFError) -> tuple[str, int]:
    return render_template("errors/csrf.html"), 400


def render_database_unavailable(error: OperationalError) -> tuple[str, int, dict[str, str]]:
    """The database is away (restart, outage): nothing of this request was stored, and
    the visitor is told to try again rather than shown a crash."""
    logger.error("database unavailable: %s", error.orig.__class__.__name__ if error.orig else error)
    db.session.rollback()
    g.pop("event", None)  # its attributes would need the database to be read again
    return render_template("errors/unavailable.html"), 503, {"Retry-After": "30"}


def render_http_error(error: HTTPException) -> tuple[str, int] | HTTPException | ResponseReturnValue:
    if error.code is None or error.code < 400:
        return error
    if request.path.startswith(API_PREFIX):  # machines get JSON, also for unknown API paths
        from .api import json_error

        return json_error(error)
    return render_template("errors/http.html", code=error.code), error.code
