"""The attendee's own pages, reached with the private link ``/me/<token>``.

The token is taken out of the URL values before any view runs: an unknown token is a
404 for every route, and views get ``g.attendee`` instead. ``url_for`` puts it back.
Responses are never cached, and the token is masked in access logs (see ``log_masking``).
"""

from typing import Any

from flask import Blueprint, Response, abort, current_app, g, session
from flask.blueprints import BlueprintSetupState

from ..extensions import db
from ..i18n import LANGUAGE_SESSION_KEY
from ..security import configured_limit, limiter
from ..services.attendees import self_service
from .log_masking import install_token_mask

bp = Blueprint("attendee", __name__, url_prefix="/me")
limiter.limit(configured_limit("RATELIMIT_ATTENDEE_FORMS"), methods=["POST"])(bp)


@bp.url_value_preprocessor
def load_attendee(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    if not values or "token" not in values:
        return
    attendee = self_service.attendee_by_token(values.pop("token"))
    if attendee is None:
        abort(404)
    if self_service.open_page(attendee, session.get(LANGUAGE_SESSION_KEY)):
        db.session.commit()
    g.attendee = attendee
    g.event = attendee.event
    g.page_language = attendee.language


@bp.url_defaults
def add_token(endpoint: str, values: dict[str, Any]) -> None:
    if "attendee" in g and current_app.url_map.is_endpoint_expecting(endpoint, "token"):
        values.setdefault("token", g.attendee.token)


@bp.after_request
def never_cache(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.record_once
def hide_tokens_in_logs(state: BlueprintSetupState) -> None:
    install_token_mask(state.app)


from . import (  # noqa: E402,F401  (they register on bp)
    bookings,
    calendar,
    day,
    feedback,
    matchmaking,
    printing,
    routes,
    sessions,
    team_meetings,
)
