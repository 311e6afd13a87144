"""Organiser accounts: log-in and log-out, password change, invitations.

Every page except the log-in and the invitation link needs a logged-in organiser, and
no organiser page (here or in the dashboard) may be kept in a cache.
"""

from flask import Blueprint, Response, request
from flask.blueprints import BlueprintSetupState
from flask_login import current_user

from ..security import login_manager

bp = Blueprint("auth", __name__, url_prefix="/organiser")

PUBLIC_ENDPOINTS = frozenset({"auth.login", "auth.accept_invite"})
ORGANISER_BLUEPRINTS = frozenset({"auth", "organiser"})


@bp.before_request
def require_organiser():  # type: ignore[no-untyped-def]
    if request.endpoint not in PUBLIC_ENDPOINTS and not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


@bp.after_app_request
def never_cache_organiser_pages(response: Response) -> Response:
    if request.blueprint in ORGANISER_BLUEPRINTS:
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.record_once
def remember_cookie_like_session_cookie(state: BlueprintSetupState) -> None:
    """The "remember me" cookie gets the session cookie's flags unless set on its own."""
    config = state.app.config
    for flag in ("SECURE", "HTTPONLY", "SAMESITE"):
        config.setdefault(f"REMEMBER_COOKIE_{flag}", config[f"SESSION_COOKIE_{flag}"])


from . import routes  # noqa: E402,F401
