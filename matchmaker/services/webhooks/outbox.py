"""Deliveries are written in the same transaction as what they report, and only then.

What happened is collected during the transaction: changes of a registration's status
are seen after each flush (whichever service made them: sign-up, cancellation, the
waiting list, an import), a check-in and a publication are told with ``announce``.
Just before the commit, one ``WebhookDelivery`` row per subscribed endpoint is added, so
a rolled-back sign-up reports nothing and a committed one cannot lose its delivery.
After the commit ``on_queued`` asks the worker to send: the request never waits for it.
"""

import json
import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import event as orm_event
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, SessionTransaction

from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, WebhookDelivery, WebhookEndpoint, utcnow
from ..api.reads import attendee_row, when

logger = logging.getLogger(__name__)
ANNOUNCED = "webhooks.announced"  # session.info: (event id, kind, data) told in this transaction
WRITTEN = "webhooks.written"  # session.info: deliveries were added; send after the commit
ONE_WAY = {(None, AttendeeStatus.REGISTERED): "registration.created",
           (None, AttendeeStatus.WAITLISTED): "registration.created",
           (AttendeeStatus.CANCELLED, AttendeeStatus.REGISTERED): "registration.created",
           (AttendeeStatus.CANCELLED, AttendeeStatus.WAITLISTED): "registration.created",
           (AttendeeStatus.WAITLISTED, AttendeeStatus.REGISTERED): "registration.promoted",
           (AttendeeStatus.REGISTERED, AttendeeStatus.CANCELLED): "registration.cancelled",
           (AttendeeStatus.WAITLISTED, AttendeeStatus.CANCELLED): "registration.cancelled"}


def announce(event_id: int, kind: str, data: dict[str, Any]) -> None:
    """Tell the endpoints of the event, once the current transaction commits."""
    told(db.session.info, event_id, kind, data)


def told(info: dict[Any, Any], event_id: int, kind: str, data: dict[str, Any]) -> None:
    info.setdefault(ANNOUNCED, []).append((event_id, kind, data))


def announce_check_in(attendee: Attendee) -> None:
    announce(attendee.event_id, "attendee.checked_in",
             {"attendee_id": attendee.number, "badge_code": attendee.badge_code,
              "checked_in_at": when(attendee.checked_in_at)})


def announce_publication(event: Event, published_at: datetime, meetings: int) -> None:
    announce(event.id, "schedule.published", {"published_at": when(published_at), "meetings": meetings})


def status_changes(session: Session, _context: Any) -> None:
    """After a flush: each registration whose status moved in a way a webhook reports."""
    for attendee in [*session.new, *session.dirty]:
        if not isinstance(attendee, Attendee):
            continue
        history = inspect(attendee).attrs.status.history
        if not history.added:
            continue
        before = None if attendee in session.new else (history.deleted or [None])[0]
        kind = ONE_WAY.get((before, attendee.status))
        if kind:
            told(session.info, attendee.event_id, kind, attendee_row(attendee))


def write_deliveries(session: Session) -> None:
    """Before the commit: a delivery for each endpoint of the event that wants the kind."""
    announced = session.info.pop(ANNOUNCED, [])
    if not announced:
        return
    slugs: dict[int, str] = {}
    endpoints: dict[int, list[WebhookEndpoint]] = {}
    with session.no_autoflush:
        for event_id, kind, data in announced:
            if event_id not in endpoints:
                endpoints[event_id] = list(session.scalars(
                    select(WebhookEndpoint).where(WebhookEndpoint.event_id == event_id)
                    .order_by(WebhookEndpoint.id)))
                slugs[event_id] = session.scalar(select(Event.slug).where(Event.id == event_id)) or ""
            for endpoint in endpoints[event_id]:
                if kind in endpoint.kinds:
                    session.add(WebhookDelivery(endpoint_id=endpoint.id, kind=kind,
                                                body=envelope(slugs[event_id], kind, data)))
                    session.info[WRITTEN] = True


def envelope(slug: str, kind: str, data: dict[str, Any]) -> str:
    """The body sent: ``id`` (unique per delivery: a receiver may drop repeats), ``type``,
    ``created_at``, ``event`` and ``data`` (the API's row of what it is about)."""
    return json.dumps({"id": uuid.uuid4().hex, "type": kind, "created_at": when(utcnow()),
                       "event": slug, "data": data}, ensure_ascii=False, sort_keys=True)


def forget(session: Session, transaction: SessionTransaction) -> None:
    """When the outermost transaction ends (committed: already written; rolled back or
    closed: never to be), nothing told in it is left for the next one."""
    if transaction.parent is None:
        session.info.pop(ANNOUNCED, None)
        session.info.pop(WRITTEN, None)


def install(on_queued: Callable[[], None]) -> None:
    """Listen on every session (once per process); ``on_queued`` runs after a commit that
    wrote deliveries, outside the transaction."""
    def after_commit(session: Session) -> None:
        if session.info.pop(WRITTEN, False):
            on_queued()

    if orm_event.contains(Session, "after_flush", status_changes):
        return
    orm_event.listen(Session, "after_flush", status_changes)
    orm_event.listen(Session, "before_commit", write_deliveries)
    orm_event.listen(Session, "after_commit", after_commit)
    orm_event.listen(Session, "after_transaction_end", forget)
