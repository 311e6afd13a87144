"""Public pages: the list of events, each event's page and sign-up, the privacy notice.

Event pages live under the event's slug (``/<slug>/...``). The slug is taken out of the
URL values before any view runs: an unknown slug is a 404 for every route, and views get
``g.event`` instead. ``url_for`` puts it back, so templates need not pass it.

The public pages read without SQLite's write lock (``database.reads_only``) and take it
only for the write of a posted form (``begin_writing``): the sign-up form stays fast
while sign-ups queue, and a sign-up holds the lock only while it decides on its seat.
"""

from typing import Any

from flask import Blueprint, abort, current_app, g

from ..database import reads_only
from ..services.events.events import event_by_slug

bp = Blueprint("public", __name__)


@bp.url_value_preprocessor
def load_event(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    reads_only()
    if not values or "slug" not in values:
        return
    event = event_by_slug(values.pop("slug"))
    if event is None:
        abort(404)
    g.event = event


@bp.app_url_defaults
def add_slug(endpoint: str, values: dict[str, Any]) -> None:
    """Links to another page of the event being shown need not name it."""
    if "event" in g and "slug" not in values and current_app.url_map.is_endpoint_expecting(
            endpoint, "slug"):
        values["slug"] = g.event.slug


from . import display, look, programme, routes  # noqa: E402,F401  (routes register themselves on bp)
