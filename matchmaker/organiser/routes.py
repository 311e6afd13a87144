from flask import render_template

from ..public.routes import require_event
from ..services import events as event_service
from ..services.attendee_list import attendee_rows
from ..services.scheduling import latest_run
from . import bp


@bp.get("/")
def overview() -> str:
    event = require_event()
    return render_template(
        "organiser/overview.html", event=event, seats=event_service.seat_counts(event),
        attendees=attendee_rows(event), schedule=latest_run(event),
    )
