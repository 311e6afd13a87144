"""One personal agenda: the sessions an attendee has a seat in, merged with the slots of
their meeting schedule into one day plan in time order.

The attendee's page, the PDF schedule (their download and the desk's print) and the iCal
file all read the sessions here. A slot with no meeting that overlaps a session of theirs
is left out of the plan (it is not free); a waiting place is no seat and is not in it.
"""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import select

from ...extensions import db
from ...models import ChoiceStatus, Event, ProgrammeSession, SessionChoice, SessionKind

Row = TypeVar("Row")


@dataclass(frozen=True)
class AgendaSession:
    """A session in one attendee's day plan."""

    session_id: int
    title: str
    kind: SessionKind
    room: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class AgendaEntry(Generic[Row]):
    """One line of the day plan: a session, or a row of the meeting schedule."""

    starts_at: datetime
    session: AgendaSession | None = None
    row: Row | None = None


def seated_sessions(event: Event, attendee_ids: Collection[int] | None = None
                    ) -> dict[int, list[AgendaSession]]:
    """Per attendee id, the sessions they have a seat in, by start."""
    query = (select(SessionChoice.attendee_id, ProgrammeSession)
             .join(ProgrammeSession, ProgrammeSession.id == SessionChoice.session_id)
             .where(ProgrammeSession.event_id == event.id,
                    SessionChoice.status == ChoiceStatus.CHOSEN)
             .order_by(ProgrammeSession.starts_at, ProgrammeSession.title))
    if attendee_ids is not None:
        query = query.where(SessionChoice.attendee_id.in_(list(attendee_ids)))
    seated: dict[int, list[AgendaSession]] = {}
    for attendee_id, session in db.session.execute(query):
        seated.setdefault(attendee_id, []).append(AgendaSession(
            session.id, session.title, session.kind, session.room, session.starts_at,
            session.ends_at))
    return seated


def day_plan(rows: Sequence[Row], sessions: Sequence[AgendaSession],
             span: Callable[[Row], tuple[datetime, datetime]],
             is_free: Callable[[Row], bool]) -> list[AgendaEntry[Row]]:
    """``rows`` (slots of the schedule, ``span`` giving their times) and ``sessions`` in time
    order, a session before a slot starting with it; free rows under a session left out."""
    entries: list[AgendaEntry[Row]] = [AgendaEntry(session.starts_at, session=session)
                                        for session in sessions]
    for row in rows:
        start, end = span(row)
        covered = any(s.starts_at < end and start < s.ends_at for s in sessions)
        if not (covered and is_free(row)):
            entries.append(AgendaEntry(start, row=row))
    return sorted(entries, key=lambda entry: (entry.starts_at, entry.session is None))
