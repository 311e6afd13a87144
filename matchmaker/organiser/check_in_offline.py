"""The check-in desk when the venue network fails (static/desk-offline.js): the list the
desk keeps in the browser, the check-ins it queued offline sent later, and the desk's
service worker, whose scope is the desk and nothing else of the dashboard.

Like every organiser route these are behind the blueprint's guard, and none is kept by a
browser or proxy (``Cache-Control: no-store``, see the blueprint)."""

import re
from datetime import UTC, datetime
from typing import Any

from flask import Response, current_app, g, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from ..extensions import db
from ..services.attendees import check_in as desk
from ..services.attendees import desk_sync
from . import bp
from .check_in import arrival_message

MAX_BATCH = 500
CLIENT_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
MAX_TYPED = 200


@bp.get("/<slug>/check-in/list.json")
def check_in_list() -> Response:
    counts = desk.desk_counts(g.event)
    return jsonify(people=[row_json(row) for row in desk_sync.desk_list(g.event)],
                   checked_in=counts.checked_in, expected=counts.expected,
                   csrf_token=generate_csrf())


@bp.post("/<slug>/check-in/sync")
def check_in_sync() -> Response | tuple[Response, int]:
    try:
        queued = queued_check_ins(request.get_json(silent=True))
    except ValueError:
        return jsonify(error=_("The desk sent check-ins the server cannot read.")), 400
    sent = desk_sync.send_check_ins(g.event, queued, current_user.email)
    db.session.commit()
    return jsonify(results=[sent_json(item) for item in sent])


@bp.get("/<slug>/check-in/worker.js")
def check_in_worker() -> Response:
    response = current_app.send_static_file("desk-worker.js")
    response.headers["Service-Worker-Allowed"] = url_for(".check_in_desk")
    return response


def row_json(row: desk_sync.DeskListRow) -> dict[str, Any]:
    return {"number": row.number, "name": row.name, "organisation": row.organisation,
            "badge_code": row.badge_code, "status": row.status.value, "checked_in": row.checked_in}


def sent_json(sent: desk_sync.SentCheckIn) -> dict[str, Any]:
    person = sent.attendee
    return {"id": sent.client_id, "outcome": sent.outcome, "message": sent_message(sent),
            "number": person.number if person else None,
            "name": person.full_name if person else None}


def sent_message(sent: desk_sync.SentCheckIn) -> str:
    if sent.attendee is None:
        return _("No registration of this event has this badge code or number.")
    result = desk.CheckInResult(desk.Arrival(sent.outcome), sent.attendee,
                                sent.attendee.checked_in_at)
    return arrival_message(result)[0]


def queued_check_ins(body: Any) -> list[desk_sync.QueuedCheckIn]:
    """The desk's queue from the JSON it sent: ``{"check_ins": [{"id", "code", "at"}]}``."""
    items = body.get("check_ins") if isinstance(body, dict) else None
    if not isinstance(items, list) or len(items) > MAX_BATCH:
        raise ValueError("not a queue of check-ins")
    return [queued_check_in(item) for item in items]


def queued_check_in(item: Any) -> desk_sync.QueuedCheckIn:
    if not isinstance(item, dict):
        raise ValueError("not a check-in")
    client_id, typed = item.get("id"), item.get("code")
    if not isinstance(client_id, str) or not CLIENT_ID.fullmatch(client_id):
        raise ValueError("no id of the desk")
    if not isinstance(typed, str) or len(typed) > MAX_TYPED:
        raise ValueError("no code or number")
    return desk_sync.QueuedCheckIn(client_id, typed, desk_clock(item.get("at")))


def desk_clock(at: Any) -> datetime | None:
    """The desk's time in UTC (ISO 8601 with its offset, as ``Date.toISOString`` writes it)."""
    if not isinstance(at, str):
        return None
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None)
