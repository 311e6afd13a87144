"""Keeping the programme: add, change and delete sessions (organisers; audited).

A session lies within the event's day and ends after it starts; its title is unique
within the event (files name sessions by title). Raising a capacity moves people up from
the session's waiting list (``choices.fill_free_places``). ``busy_slots`` tells which
meeting slots the sessions someone has a seat in take from them.
"""

from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import func, select

from ...exchange.programme_file import SessionRow
from ...extensions import db
from ...matching.sessions import overlapping_slots
from ...models import ChoiceStatus, Event, ProgrammeSession, SessionChoice, SessionKind
from .. import DomainError
from ..audit import differences, record


def programme_of(event: Event) -> list[ProgrammeSession]:
    """The event's sessions by start, end and title."""
    return list(db.session.scalars(
        select(ProgrammeSession).where(ProgrammeSession.event_id == event.id)
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.ends_at, ProgrammeSession.title)))


def session_of(event: Event, session_id: int) -> ProgrammeSession:
    session = db.session.get(ProgrammeSession, session_id)
    if session is None or session.event_id != event.id:
        raise DomainError("session_not_found")
    return session


def add_session(event: Event, row: SessionRow, actor: str) -> ProgrammeSession:
    check_session(event, row, None)
    session = ProgrammeSession(event_id=event.id)
    apply_row(session, row)
    db.session.add(session)
    db.session.flush()
    record(event, actor, "session_added", None, {"session": row.title})
    return session


def change_session(event: Event, session_id: int, row: SessionRow, actor: str) -> ProgrammeSession:
    session = session_of(event, session_id)
    check_session(event, row, session.id)
    before = values_of(session)
    apply_row(session, row)
    db.session.flush()
    record(event, actor, "session_changed", None,
           {"session": row.title, **differences(before, values_of(session))})
    return session


def delete_session(event: Event, session_id: int, actor: str) -> None:
    session = session_of(event, session_id)
    record(event, actor, "session_deleted", None, {"session": session.title})
    db.session.delete(session)
    db.session.flush()


def check_session(event: Event, row: SessionRow, session_id: int | None) -> None:
    if not row.title:
        raise DomainError("session_title_missing")
    if ";" in row.title:  # the attendee file's `sessions` column separates titles by ";"
        raise DomainError("session_title_semicolon")
    if row.ends_at <= row.starts_at:
        raise DomainError("session_ends_before_start")
    if row.starts_at.date() != event.starts_on or row.ends_at.date() != event.starts_on:
        raise DomainError("session_not_on_event_day")
    taken = db.session.scalar(select(ProgrammeSession.id).where(
        ProgrammeSession.event_id == event.id,
        func.lower(ProgrammeSession.title) == row.title.lower()))
    if taken is not None and taken != session_id:
        raise DomainError("session_title_taken", title=row.title)


def apply_row(session: ProgrammeSession, row: SessionRow) -> None:
    values = asdict(row)
    values["kind"] = SessionKind(row.kind)
    values["themes"] = list(row.themes)
    for name, value in values.items():
        setattr(session, name, value)


def row_of(session: ProgrammeSession) -> SessionRow:
    return SessionRow(session.title, session.kind.value, session.starts_at, session.ends_at,
                      session.room, session.capacity, tuple(session.themes), session.description)


def values_of(session: ProgrammeSession) -> dict[str, object]:
    return asdict(row_of(session))


def busy_slots(event: Event, attendee_ids: Iterable[int] | None = None) -> dict[int, frozenset[int]]:
    """Per attendee id, the numbers of the event's slots that overlap a session they have a
    seat in (a waiting place blocks nothing yet): the engine plans no meeting there, and no
    slot is offered there (asking, booking, moving, a freed slot). ``attendee_ids``: only
    theirs (else everybody's)."""
    spans = [(slot.starts_at, slot.ends_at) for slot in event.slots]
    query = (select(SessionChoice.attendee_id, ProgrammeSession.starts_at, ProgrammeSession.ends_at)
             .join(ProgrammeSession, ProgrammeSession.id == SessionChoice.session_id)
             .where(ProgrammeSession.event_id == event.id, SessionChoice.status == ChoiceStatus.CHOSEN))
    if attendee_ids is not None:
        query = query.where(SessionChoice.attendee_id.in_(sorted(set(attendee_ids))))
    sessions: dict[int, list[tuple[datetime, datetime]]] = {}
    for attendee_id, starts_at, ends_at in db.session.execute(query):
        sessions.setdefault(attendee_id, []).append((starts_at, ends_at))
    return {attendee_id: overlapping_slots(spans, times) for attendee_id, times in sessions.items()}
