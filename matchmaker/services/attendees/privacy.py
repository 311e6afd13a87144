"""The attendee's data rights (GDPR Art. 15, 17, 20) and the purge after the event.

Erasure deletes, it does not flag: the attendee row goes, and the database cascades to
everything derived from it (meetings, meeting requests, recorded mails). Only anonymous
counts survive, in ``EventStatistics``. The outbox copies of their mails are files, not
rows: the caller removes them after the commit (``mail.forget_outbox_files``).
"""

import enum
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from ...extensions import db
from ...models import (
    Attendee,
    AttendeeBlock,
    AttendeeFavourite,
    AttendeeNotInterested,
    AttendeeStatus,
    Event,
    EventStatistics,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    OutgoingMail,
    utcnow,
)
from ..audit import forget
from ..mail.notifications import promote_and_notify
from ..programme.choices import choices_of
from ..schedule.changes import record_schedule_changes
from ..schedule.team_meetings import joined_meetings
from .answers import personal_answers
from .registration import exists_after_lock, lock_event
from .self_service import meeting_rows


@dataclass(frozen=True)
class Erasure:
    """The erased address (to remove outbox copies) and mails to the promoted."""

    email: str
    mails: list[OutgoingMail]


@dataclass(frozen=True)
class Purge:
    event_title: str
    attendees: int
    meetings: int
    addresses: list[str]


def personal_data(attendee: Attendee) -> dict[str, Any]:
    """Everything stored about the attendee, as JSON-ready data (Art. 15 and 20).

    Columns are listed from the tables, so a column added later is exported too.
    """
    requests = db.session.execute(
        select(Attendee, MeetingRequest).join(MeetingRequest, MeetingRequest.target_id == Attendee.id)
        .where(MeetingRequest.requester_id == attendee.id).order_by(Attendee.number)
    )
    blocked = db.session.scalars(
        select(Attendee).join(AttendeeBlock, AttendeeBlock.blocked_id == Attendee.id)
        .where(AttendeeBlock.blocker_id == attendee.id).order_by(Attendee.number))
    favourites = db.session.scalars(
        select(Attendee).join(AttendeeFavourite, AttendeeFavourite.favourite_id == Attendee.id)
        .where(AttendeeFavourite.attendee_id == attendee.id).order_by(Attendee.number))
    not_interested = db.session.scalars(
        select(Attendee).join(AttendeeNotInterested, AttendeeNotInterested.other_id == Attendee.id)
        .where(AttendeeNotInterested.attendee_id == attendee.id).order_by(Attendee.number))
    feedback = db.session.scalars(select(MeetingFeedback).where(MeetingFeedback.attendee_id == attendee.id))
    mails = db.session.scalars(
        select(OutgoingMail).where(OutgoingMail.attendee_id == attendee.id).order_by(OutgoingMail.id)
    )
    event = attendee.event
    slot_starts = {slot.number: slot.starts_at.isoformat() for slot in event.slots}
    return {
        "event": {"title": event.title, "starts_on": event.starts_on.isoformat(), "venue": event.venue},
        "registration": columns_of(attendee),
        "industry": {"de": attendee.industry.name_de, "en": attendee.industry.name_en},
        "meetings": [plain(asdict(row)) for row in meeting_rows(attendee)],
        "meetings_as_colleague": [plain(asdict(row)) for row in joined_meetings(attendee, published_only=False)],
        "meeting_requests": [{"name": a.full_name, "organisation": a.organisation,
                              "status": r.status.value, "message": r.message,
                              "sent_at": r.created_at.isoformat(),
                              "proposed_slots": [{"number": n, "starts_at": slot_starts.get(n)}
                                                 for n in r.proposed_slots or []]}
                             for a, r in requests],
        "blocked": [{"name": a.full_name, "organisation": a.organisation} for a in blocked],
        "favourites": [{"name": a.full_name, "organisation": a.organisation} for a in favourites],
        "not_interested": [{"name": a.full_name, "organisation": a.organisation} for a in not_interested],
        "meeting_feedback": [columns_of(f) for f in feedback],
        "mails": [columns_of(mail) for mail in mails],
        "answers": personal_answers(attendee),
        "sessions": [{"title": c.session.title, "starts_at": c.session.starts_at.isoformat(),
                      "ends_at": c.session.ends_at.isoformat(), "status": c.status.value}
                     for c in choices_of(attendee)],
    }


def columns_of(row: Any) -> dict[str, Any]:
    return plain({column.key: getattr(row, column.key) for column in row.__table__.columns})


def plain(values: dict[str, Any]) -> dict[str, Any]:
    def convert(value: Any) -> Any:
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        return value.value if isinstance(value, enum.Enum) else value

    return {key: convert(value) for key, value in values.items()}


def erase(attendee: Attendee) -> Erasure:
    """Delete the registration and all derived data now (Art. 17); free the seat."""
    event, email = attendee.event, attendee.email
    lock_event(event)
    if not exists_after_lock(attendee):  # erased in another tab meanwhile
        return Erasure(email=email, mails=[])
    forget(attendee)
    db.session.delete(attendee)
    db.session.flush()
    record_schedule_changes(event)
    statistics(event).erased += 1
    return Erasure(email=email, mails=promote_and_notify(event))


def statistics(event: Event) -> EventStatistics:
    row = db.session.get(EventStatistics, event.id)
    if row is None:
        row = EventStatistics(event_id=event.id, registered=0, waitlisted=0, cancelled=0,
                              erased=0, meetings=0)
        db.session.add(row)
    return row


def events_to_purge(days_after_event: int, today: date) -> list[Event]:
    """Events that took place more than ``days_after_event`` days before ``today``."""
    cutoff = today - timedelta(days=days_after_event)
    return list(db.session.scalars(select(Event).where(Event.starts_on < cutoff).order_by(Event.id)))


def purge(event: Event, now: datetime | None = None) -> Purge:
    """Delete every attendee of the event with all derived data, after adding them to
    the event's anonymous counts. Repeating it finds nothing and changes no count."""
    lock_event(event)
    by_status = dict(db.session.execute(
        select(Attendee.status, func.count()).where(Attendee.event_id == event.id)
        .group_by(Attendee.status)).all())
    meetings = db.session.scalar(select(func.count()).where(Meeting.event_id == event.id)) or 0
    addresses = list(db.session.scalars(select(Attendee.email).where(Attendee.event_id == event.id)))
    counts = statistics(event)
    counts.registered += by_status.get(AttendeeStatus.REGISTERED, 0)
    counts.waitlisted += by_status.get(AttendeeStatus.WAITLISTED, 0)
    counts.cancelled += by_status.get(AttendeeStatus.CANCELLED, 0)
    counts.meetings += meetings
    counts.purged_at = now or utcnow()
    db.session.execute(delete(Attendee).where(Attendee.event_id == event.id))
    db.session.flush()
    return Purge(event_title=event.title, attendees=len(addresses), meetings=meetings,
                 addresses=addresses)
