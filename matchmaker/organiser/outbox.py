"""The outbox viewer of the demo and of debug mode: where mail goes when no SMTP server
is configured, shown as a letter-opener does. Production has no such page (404), and
only administrators see it (it holds every event's private links)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, abort, render_template
from flask_login import current_user

from .. import mail
from . import bp

# The mail's own HTML, shown in a sandboxed frame of the viewer page: no scripts, no
# outside resources; a link opens in the viewer's tab (``<base target="_top">``).
HTML_PART_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                    "base-uri 'none'; frame-ancestors 'self'")


def only_where_mail_is_not_sent(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if not mail.outbox_viewable() or not current_user.is_admin:
            abort(404)
        return view(*args, **kwargs)
    return guarded


@bp.get("/outbox")
@only_where_mail_is_not_sent
def outbox() -> str:
    return render_template("organiser/outbox.html", entries=mail.outbox_entries(),
                           folder=mail.outbox_dir())


@bp.get("/outbox/<name>")
@only_where_mail_is_not_sent
def outbox_mail(name: str) -> str:
    message = mail.outbox_message(name) or abort(404)
    return render_template("organiser/outbox_mail.html", message=message)


@bp.get("/outbox/<name>/html")
@only_where_mail_is_not_sent
def outbox_mail_html(name: str) -> Response:
    message = mail.outbox_message(name) or abort(404)
    response = Response('<base target="_top">' + message.html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = HTML_PART_POLICY
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
