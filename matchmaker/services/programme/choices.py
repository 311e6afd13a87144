"""Attendees choosing sessions: a seat, or a place on the session's waiting list.

Seats hold under concurrency as the event's do (see ``attendees.registration``): every
decision about a session's seats is taken while the session's row is locked (``SELECT ...
FOR UPDATE`` on PostgreSQL; on SQLite every writing transaction holds the write lock), and
the unique (session, attendee) pair is the second line of defence. A newcomer gets a seat
only when one is free and nobody waits for it; a place that becomes free goes to the
longest waiting, who is told by mail (passing over anyone whose published meeting overlaps
the session: they keep their waiting place, see ``fill_free_places``). Two sessions an attendee chose (or waits for) never
overlap in time. Only attendees with a seat at the event choose sessions.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from ...extensions import db
from ...models import (
    Attendee,
    AttendeeStatus,
    ChoiceStatus,
    Event,
    OutgoingMail,
    ProgrammeSession,
    SessionChoice,
    utcnow,
)
from .. import DomainError
from ..mail.notifications import compose
from ..schedule.calendar import PlannedMeeting, planned_meetings
from .sessions import session_of


@dataclass(frozen=True)
class ChosenSession:
    """One session of an attendee's choice, for their page and agenda."""

    session: ProgrammeSession
    status: ChoiceStatus


@dataclass(frozen=True)
class Seats:
    taken: int
    waiting: int


def choose_session(attendee: Attendee, session_id: int, now: datetime | None = None) -> ChosenSession:
    """A seat in the session, or a place on its waiting list; choosing it again changes nothing."""
    if attendee.status != AttendeeStatus.REGISTERED:
        raise DomainError("session_not_open")
    session = locked_session(attendee.event, session_id)
    existing = db.session.scalar(select(SessionChoice).where(
        SessionChoice.session_id == session.id, SessionChoice.attendee_id == attendee.id))
    if existing is not None:
        return ChosenSession(session, existing.status)
    clash = overlapping_choice(attendee, session)
    if clash is not None:
        raise DomainError("sessions_overlap", title=session.title, other=clash.title)
    seats = seats_of(session)
    free = session.capacity is None or (
        seats.taken < session.capacity and not (seats.waiting and waiting_to_move_up(session)))
    status = ChoiceStatus.CHOSEN if free else ChoiceStatus.WAITING
    db.session.add(SessionChoice(session_id=session.id, attendee_id=attendee.id, status=status,
                                 created_at=now or utcnow()))
    db.session.flush()
    return ChosenSession(session, status)


def choose_at_sign_up(attendee: Attendee, session_ids: Sequence[int],
                      now: datetime | None = None) -> list[ChosenSession]:
    """The sessions ticked on the sign-up form, each as on the attendee's page; a person on
    the event's waiting list chooses none (they choose on their page once they have a seat)."""
    if attendee.status != AttendeeStatus.REGISTERED:
        return []
    return [choose_session(attendee, session_id, now) for session_id in sorted(set(session_ids))]


def leave_session(attendee: Attendee, session_id: int) -> list[OutgoingMail]:
    """Give back the seat (or the waiting place); returns the mails to those who move up."""
    session = locked_session(attendee.event, session_id)
    db.session.execute(delete(SessionChoice).where(SessionChoice.session_id == session.id,
                                                   SessionChoice.attendee_id == attendee.id))
    db.session.flush()
    return fill_free_places(session)


def fill_free_places(session: ProgrammeSession) -> list[OutgoingMail]:
    """Move the longest waiting up into free seats (the session is locked); mail each.

    Someone whose published meeting overlaps the session is passed over and keeps their
    waiting place (a later free seat is theirs once no meeting overlaps): a seat never
    overlaps a meeting the attendee did not choose to give back (see ``collisions``)."""
    moving = waiting_to_move_up(session)
    if session.capacity is not None:
        moving = moving[:max(session.capacity - seats_of(session).taken, 0)]
    for choice in moving:
        choice.status = ChoiceStatus.CHOSEN
    db.session.flush()
    attendees = [db.session.get(Attendee, choice.attendee_id) for choice in moving]
    return [compose(attendee, "session_promoted", session=session)
            for attendee in attendees if attendee is not None]


def waiting_to_move_up(session: ProgrammeSession) -> list[SessionChoice]:
    """The session's waiting places in order, without those of people meeting someone then."""
    waiting = list(db.session.scalars(
        select(SessionChoice).where(SessionChoice.session_id == session.id,
                                    SessionChoice.status == ChoiceStatus.WAITING)
        .order_by(SessionChoice.created_at, SessionChoice.id)))
    meeting = meetings_during(session, [choice.attendee_id for choice in waiting]) if waiting else {}
    return [choice for choice in waiting if choice.attendee_id not in meeting]


def meetings_during(session: ProgrammeSession, attendee_ids: Sequence[int]) -> dict[int, list[PlannedMeeting]]:
    """Per attendee of ``attendee_ids``, their published meetings that overlap the session
    (none before publication)."""
    event = db.session.get_one(Event, session.event_id)
    planned = planned_meetings(event, attendee_ids)
    during = {person: [meeting for meeting in planned.get(person, [])
                       if meeting.starts_at < session.ends_at and session.starts_at < meeting.ends_at]
              for person in attendee_ids}
    return {person: meetings for person, meetings in during.items() if meetings}


def locked_session(event: Event, session_id: int) -> ProgrammeSession:
    session = session_of(event, session_id)
    db.session.execute(select(ProgrammeSession.id).where(ProgrammeSession.id == session.id)
                       .with_for_update())
    return session


def overlapping_choice(attendee: Attendee, session: ProgrammeSession) -> ProgrammeSession | None:
    return db.session.scalar(
        select(ProgrammeSession).join(SessionChoice, SessionChoice.session_id == ProgrammeSession.id)
        .where(SessionChoice.attendee_id == attendee.id, ProgrammeSession.id != session.id,
               ProgrammeSession.starts_at < session.ends_at,
               ProgrammeSession.ends_at > session.starts_at)
        .order_by(ProgrammeSession.starts_at).limit(1))


def seats_of(session: ProgrammeSession) -> Seats:
    counts = dict(db.session.execute(
        select(SessionChoice.status, func.count()).where(SessionChoice.session_id == session.id)
        .group_by(SessionChoice.status)).all())
    return Seats(counts.get(ChoiceStatus.CHOSEN, 0), counts.get(ChoiceStatus.WAITING, 0))


def seats_by_session(event: Event) -> dict[int, Seats]:
    """Taken seats and waiting places of every session of the event."""
    rows = db.session.execute(
        select(SessionChoice.session_id, SessionChoice.status, func.count())
        .join(ProgrammeSession, ProgrammeSession.id == SessionChoice.session_id)
        .where(ProgrammeSession.event_id == event.id)
        .group_by(SessionChoice.session_id, SessionChoice.status)).all()
    counts: dict[int, dict[ChoiceStatus, int]] = {}
    for session_id, status, count in rows:
        counts.setdefault(session_id, {})[status] = count
    return {session_id: Seats(c.get(ChoiceStatus.CHOSEN, 0), c.get(ChoiceStatus.WAITING, 0))
            for session_id, c in counts.items()}


def choices_of(attendee: Attendee) -> list[ChosenSession]:
    """The attendee's sessions, by start."""
    rows = db.session.execute(
        select(ProgrammeSession, SessionChoice.status)
        .join(SessionChoice, SessionChoice.session_id == ProgrammeSession.id)
        .where(SessionChoice.attendee_id == attendee.id)
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.title)).all()
    return [ChosenSession(session, status) for session, status in rows]
