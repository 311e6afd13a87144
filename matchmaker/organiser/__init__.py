"""The organiser dashboard. Every route is guarded in ``before_request``."""

from flask import Blueprint
from flask_login import current_user

from ..extensions import login_manager

bp = Blueprint("organiser", __name__, url_prefix="/organiser")


@bp.before_request
def require_organiser():  # type: ignore[no-untyped-def]
    """Runs before every organiser view, so a new route cannot be left open."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


from . import routes  # noqa: E402,F401
