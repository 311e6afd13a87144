"""Signing up: seats, the waiting list and the duplicate path.

Capacity holds under concurrency because every decision about seats is taken while the
event row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite every transaction
already holds the write lock, see ``database.py``). The unique constraint on
(event, e-mail) is the second line of defence.
"""

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update

from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, utcnow
from ...text import email_key
from ..events.events import seat_counts
from .answers import GivenAnswer, store_answers

TOKEN_BYTES = 32  # 256 bits of randomness in every private link


@dataclass(frozen=True)
class Registration:
    """What a person typed into the sign-up form, already normalised by the form."""

    email: str
    first_name: str
    last_name: str
    organisation: str
    org_type: str
    industry_code: str
    language: str
    privacy_notice_version: str
    position: str | None = None
    cluster: str | None = None
    themes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    seeks: list[str] = field(default_factory=list)
    wants_meetings: bool = True
    unavailable_slots: list[int] = field(default_factory=list)
    max_meetings: int | None = None
    matching_consent: bool = False
    answers: tuple[GivenAnswer, ...] = ()  # to the organiser's own questions


@dataclass(frozen=True)
class SignUpOutcome:
    """``shown_as_waitlisted`` is what the answer page says: for a repeated sign-up it is
    what a new person would be told right now, so the page reveals nothing about who is
    registered."""

    attendee: Attendee
    is_new: bool
    shown_as_waitlisted: bool


def sign_up(event: Event, registration: Registration, now: datetime | None = None) -> SignUpOutcome:
    """Register a person, or put them on the waiting list when the event is full.

    An e-mail that is already registered or waiting creates nothing (``is_new`` False) so
    the caller can answer exactly as for a new sign-up and re-send the private link.
    """
    now = now or utcnow()
    lock_event(event)
    attendee = db.session.scalar(
        select(Attendee).where(Attendee.event_id == event.id,
                               Attendee.email_key == email_key(registration.email))
    )
    seat_free = has_free_seat(event)
    if attendee is not None and attendee.status != AttendeeStatus.CANCELLED:
        return SignUpOutcome(attendee, is_new=False, shown_as_waitlisted=not seat_free)
    status = AttendeeStatus.REGISTERED if seat_free else AttendeeStatus.WAITLISTED
    if attendee is None:
        attendee = Attendee(event_id=event.id, number=next_number(event), token=new_token())
        db.session.add(attendee)
    apply_registration(attendee, registration, now)
    attendee.status = status
    attendee.signed_up_at = now
    attendee.cancelled_at = None
    db.session.flush()
    store_answers(attendee, registration.answers, now)
    return SignUpOutcome(attendee, is_new=True, shown_as_waitlisted=not seat_free)


def apply_registration(attendee: Attendee, registration: Registration, now: datetime) -> None:
    for name in (
        "email", "first_name", "last_name", "organisation", "org_type", "industry_code",
        "language", "position", "cluster", "wants_meetings", "max_meetings",
    ):
        setattr(attendee, name, getattr(registration, name))
    for name in ("themes", "keywords", "offers", "seeks", "unavailable_slots"):
        setattr(attendee, name, list(getattr(registration, name)))
    attendee.privacy_consent_at = now
    attendee.privacy_consent_version = registration.privacy_notice_version
    attendee.matching_consent_at = now if registration.matching_consent else None
    attendee.matching_consent_version = (
        registration.privacy_notice_version if registration.matching_consent else None
    )


def promote_from_waiting_list(event: Event) -> list[Attendee]:
    """Fill free seats with the longest-waiting attendees, in sign-up order."""
    lock_event(event)
    free = seat_counts(event).seats_left
    if free <= 0:
        return []
    promoted = list(
        db.session.scalars(
            select(Attendee)
            .where(Attendee.event_id == event.id, Attendee.status == AttendeeStatus.WAITLISTED)
            .order_by(Attendee.signed_up_at, Attendee.id)
            .limit(free)
        )
    )
    for attendee in promoted:
        attendee.status = AttendeeStatus.REGISTERED
    db.session.flush()
    return promoted


def lock_event(event: Event) -> None:
    """Serialise seat decisions for this event until the transaction ends."""
    db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())


def has_free_seat(event: Event) -> bool:
    """A seat is free for a newcomer only when nobody is waiting for it already."""
    seats = seat_counts(event)
    return seats.seats_left > 0 and not seats.waitlisted


def next_number(event: Event) -> int:
    """The next friendly registration number (atomic; numbers are never reused)."""
    return db.session.execute(
        update(Event).where(Event.id == event.id)
        .values(attendee_numbers_issued=Event.attendee_numbers_issued + 1)
        .returning(Event.attendee_numbers_issued)
    ).scalar_one()


def exists_after_lock(attendee: Attendee) -> bool:
    """Whether the attendee's row is still there once the event is locked: a second tab
    may have erased it meanwhile."""
    return db.session.scalar(select(Attendee.id).where(Attendee.id == attendee.id)) is not None


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)
