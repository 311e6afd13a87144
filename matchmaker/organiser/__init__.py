"""The organiser dashboard, one module per area. Every route is guarded here.

``before_request`` refuses anyone not logged in, so a new route cannot be left open; a
route under ``/organiser/<slug>/`` also needs access to that event: the slug is taken out
of the URL values and the event, if the organiser may manage it, becomes ``g.event`` (and ``url_for`` fills the slug in again, see ``public``).
Another event's slug is a 404, exactly like one that does not exist.
Desk staff (role *check-in only*) may use ``DESK_ENDPOINTS`` and nothing else: every other
route is a 403, and the list of events, where the navigation lands, leads to their desk.
"""

from typing import Any

from flask import Blueprint, Response, abort, g, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..mail import outbox_viewable
from ..models import EventRole
from ..security import login_manager
from ..services.events.events import managed_event
from ..services.organisers.roles import account_role, desk_events, role_in

bp = Blueprint("organiser", __name__, url_prefix="/organiser")

# The areas of one event's dashboard, in the order of its navigation.
AREAS = (
    ("organiser.overview", _l("Overview")),
    ("organiser.attendees", _l("Attendees")),
    ("organiser.schedule", _l("Schedule")),
    ("organiser.programme", _l("Programme")),
    ("organiser.check_in_desk", _l("Check-in")),
    ("organiser.write_message", _l("Messages")),
    ("organiser.blocked_pairs", _l("Blocked pairs")),
    ("organiser.print_area", _l("Print")),
    ("organiser.display", _l("Display screen")),
    ("organiser.day_report_page", _l("Report")),
    ("organiser.import_attendees", _l("Import and export")),
    ("organiser.audit", _l("Audit log")),
    ("organiser.api_access", _l("API")),
    ("organiser.settings", _l("Settings")),
    ("organiser.questions", _l("Sign-up questions")),
    ("organiser.team", _l("Organisers")),
)
# All that desk staff (check-in only) may use of the dashboard.
DESK_ENDPOINTS = frozenset({"organiser.check_in_desk", "organiser.check_in_typed",
                            "organiser.check_in_person", "organiser.undo_check_in",
                            "organiser.check_in_list", "organiser.check_in_sync",
                            "organiser.check_in_worker"})


@bp.context_processor
def dashboard_navigation() -> dict[str, Any]:
    return {"dashboard_areas": lambda: [area for area in AREAS if not at_desk_only()
                                        or area[0] in DESK_ENDPOINTS],
            "desk_only": at_desk_only,
            "outbox_link": current_user.is_authenticated and current_user.is_admin
            and outbox_viewable()}


@bp.url_value_preprocessor
def take_event_slug(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values and "slug" in values:
        g.event_slug = values.pop("slug")


@bp.before_request
def require_organiser():  # type: ignore[no-untyped-def]
    """Runs before every organiser view: log-in first, then access to the event."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if "event_slug" in g:
        event = managed_event(current_user, g.event_slug)
        if event is None:
            abort(404)
        g.event = event
    return desk_staff_at_desk()


def desk_staff_at_desk():  # type: ignore[no-untyped-def]
    """The one rule for desk staff: the desk endpoints, the events list leads to the
    (first) desk, and every other organiser route is a 403."""
    g.role = role_in(current_user, g.event) if "event" in g else account_role(current_user)
    if g.role is not EventRole.CHECK_IN or request.endpoint in DESK_ENDPOINTS:
        return None
    if request.endpoint == "organiser.events":
        return redirect(url_for("organiser.check_in_desk", slug=desk_events(current_user)[0].slug))
    abort(403)


def at_desk_only() -> bool:
    return g.get("role") is EventRole.CHECK_IN


@bp.after_request
def never_cache(response: Response) -> Response:
    """Organiser pages show personal data: no browser or proxy may keep them."""
    response.headers["Cache-Control"] = "no-store"
    return response


from . import (  # noqa: E402,F401  (the areas register their routes on bp)
    api_access,
    attendees,
    check_in,
    check_in_offline,
    day,
    display,
    events,
    imports,
    industries,
    look,
    messages,
    outbox,
    overview,
    pending,
    printing,
    programme,
    questions,
    report,
    round_tables,
    schedule,
    settings,
    team,
    team_meetings,
)
