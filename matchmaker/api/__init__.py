"""The read-only JSON API for machines (a CRM, automation): ``/api/v1/events/<slug>/...``.

Its own audience: no session cookie, no CSRF token, no HTML. Every route under
``/events/<slug>/`` is guarded here, before any view runs: the request must carry
``Authorization: Bearer <token>`` with a token of this event (``services.api.tokens``).
No token, a malformed, unknown or revoked one: 401. A valid token for another event and
an event that does not exist get the same 404, so a token learns nothing of other events.
Each call is written to the event's audit log under the token's name; calls are limited
per token (``RATELIMIT_API``, with the app's Flask-Limiter).
"""

from typing import Any

from flask import Blueprint, Response, abort, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from ..extensions import db
from ..models import ApiToken
from ..security import csrf, limiter
from ..services.api.tokens import authenticated_token, record_call
from ..services.events.events import event_by_slug

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
OPEN_ENDPOINTS = {"api.openapi"}
ERROR_MESSAGES = {
    400: "page and per_page must be whole numbers from 1 (per_page at most 200).",
    401: "A valid API token is needed: Authorization: Bearer <token>.",
    404: "Not found.",
    405: "This API is read-only.",
    429: "Too many requests with this token; see Retry-After.",
}


def bearer_token() -> ApiToken | None:
    """The request's token, looked up once per request (the rate limit's key needs it too)."""
    if "api_token" not in g:
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        g.api_token = authenticated_token(secret.strip()) if scheme.lower() == "bearer" else None
    token: ApiToken | None = g.api_token
    return token


def limit_key() -> str:
    """Calls are counted per token; requests without a valid one per client address."""
    token = bearer_token()
    return f"api-token:{token.id}" if token else f"api-address:{request.remote_addr}"


limiter.limit(lambda: str(current_app.config["RATELIMIT_API"]), key_func=limit_key)(bp)


@bp.url_value_preprocessor
def take_event_slug(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values and "slug" in values:
        g.api_slug = values.pop("slug")


@bp.url_defaults
def add_event_slug(endpoint: str, values: dict[str, Any]) -> None:
    if "api_slug" in g and current_app.url_map.is_endpoint_expecting(endpoint, "slug"):
        values.setdefault("slug", g.api_slug)


@bp.before_request
def require_token() -> None:
    """401 without a valid token, 404 for any event but the token's; then audited."""
    if request.endpoint in OPEN_ENDPOINTS:
        return
    token = bearer_token()
    if token is None:
        abort(401)
    event = event_by_slug(g.get("api_slug", ""))
    if event is None or event.id != token.event_id:
        abort(404)
    g.event = event
    record_call(token, event, request.full_path.rstrip("?"))
    db.session.commit()


@bp.after_request
def private_json(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-cache"
    response.vary.add("Authorization")
    return response


def json_error(error: HTTPException) -> tuple[Response, int, dict[str, str]]:
    """Every API error is JSON: ``{"error": {"status": 404, "message": "..."}}``."""
    status = error.code or 500
    headers = {"WWW-Authenticate": 'Bearer realm="matchmaker"'} if status == 401 else {}
    if status == 429 and error.get_response().headers.get("Retry-After"):
        headers["Retry-After"] = error.get_response().headers["Retry-After"]
    message = ERROR_MESSAGES.get(status, error.name)
    return jsonify(error={"status": status, "message": message}), status, headers


from . import routes  # noqa: E402,F401  (the routes register on bp)
