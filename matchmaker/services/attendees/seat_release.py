"""Giving back seats that unconfirmed addresses hold (``matchmaker release-unconfirmed``).

A bot or a mistyped address can take a seat but never opens the mailed link. Such a
registration is cancelled ``UNCONFIRMED_RELEASE_HOURS`` after the sign-up (the welcome mail
names that deadline), or after the promotion for someone who moved up from the waiting
list since, and the freed seats go to the waiting list in sign-up order.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, OutgoingMail, utcnow
from ..mail.notifications import compose, promote_and_notify
from .registration import lock_event


@dataclass(frozen=True)
class Release:
    released: int
    promoted: int
    mails: list[OutgoingMail]


def release_unconfirmed(event: Event, now: datetime | None = None) -> Release:
    """Cancel the overdue unconfirmed registrations, promote the waiting list, and tell
    both sides."""
    now = now or utcnow()
    lock_event(event)
    overdue = overdue_registrations(event, now)
    for attendee in overdue:
        attendee.status = AttendeeStatus.CANCELLED
        attendee.cancelled_at = now
    db.session.flush()
    released = [compose(attendee, "released") for attendee in overdue]
    promoted = promote_and_notify(event)
    return Release(released=len(overdue), promoted=len(promoted), mails=released + promoted)


def overdue_registrations(event: Event, now: datetime) -> list[Attendee]:
    cutoff = now - timedelta(hours=current_app.config["UNCONFIRMED_RELEASE_HOURS"])
    promoted_since = select(OutgoingMail.attendee_id).where(
        OutgoingMail.kind == "promoted", OutgoingMail.created_at > cutoff,
        OutgoingMail.attendee_id.is_not(None))
    return list(db.session.scalars(
        select(Attendee)
        .where(Attendee.event_id == event.id, Attendee.status == AttendeeStatus.REGISTERED,
               Attendee.email_confirmed_at.is_(None), Attendee.signed_up_at <= cutoff,
               Attendee.id.not_in(promoted_since))
        .order_by(Attendee.id)
    ))
