"""The attendee on the event day: the current and the next meeting, and "we met".

Both read the published schedule afresh on every call, so a re-plan shows at once.
A meeting counts as held once either of its two attendees confirmed it (``met_at``,
set once; a second confirmation changes nothing).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from ...extensions import db
from ...models import Attendee, Meeting, utcnow
from .. import DomainError
from ..schedule.calendar import PlannedMeeting, planned_meetings
from ..schedule.runs import schedule_published


@dataclass(frozen=True)
class NowAndNext:
    """What the now page shows: ``current`` runs at ``now``, ``next`` starts after it."""

    published: bool
    meetings: int
    current: PlannedMeeting | None
    next: PlannedMeeting | None
    met: frozenset[int]


def now_and_next(attendee: Attendee, now: datetime) -> NowAndNext:
    meetings = planned_meetings(attendee.event, [attendee.id]).get(attendee.id, [])
    current = next((m for m in meetings if m.starts_at <= now < m.ends_at), None)
    coming = next((m for m in meetings if m.starts_at > now), None)
    return NowAndNext(published=schedule_published(attendee.event), meetings=len(meetings),
                      current=current, next=coming, met=confirmed_meetings(attendee))


def confirmed_meetings(attendee: Attendee) -> frozenset[int]:
    """The ids of the attendee's meetings that one of the two confirmed as held."""
    return frozenset(db.session.scalars(select(Meeting.id).where(
        (Meeting.attendee_a_id == attendee.id) | (Meeting.attendee_b_id == attendee.id),
        Meeting.met_at.is_not(None))))


def confirm_met(attendee: Attendee, meeting_id: int, now: datetime) -> bool:
    """Record that the meeting took place; False if it was confirmed already.

    Only the attendee's own published meeting (``meeting_not_found``), and only once its
    slot has begun (``meeting_not_started``). ``now`` is the venue's local time.
    """
    meeting = own_meeting(attendee, meeting_id)
    if meeting is None:
        raise DomainError("meeting_not_found")
    if now < meeting.starts_at:
        raise DomainError("meeting_not_started")
    # One statement, so two partners confirming at once still set it only once.
    result = db.session.execute(update(Meeting).where(
        Meeting.id == meeting_id, Meeting.met_at.is_(None)).values(met_at=utcnow()))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def own_meeting(attendee: Attendee, meeting_id: int) -> PlannedMeeting | None:
    planned = planned_meetings(attendee.event, [attendee.id]).get(attendee.id, [])
    return next((m for m in planned if m.meeting_id == meeting_id), None)
