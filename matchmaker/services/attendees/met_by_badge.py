""""We met" by scanning the partner's badge (or typing its code) on the now page.

The badge code names the partner within the attendee's event; the attendee's published
meeting with that person today is confirmed: the one running now, otherwise the one
nearest in time. Confirming follows ``day.confirm_met`` (``meeting_not_started`` before its
slot begins; a second confirmation, by either side, changes nothing).

Refusals: ``met_badge_unknown`` (no registration has the code, or it cannot be one),
``met_badge_other_event`` (a badge of another event), ``met_badge_own`` (the attendee's own
badge), ``met_no_meeting`` (no meeting with that person today). None of them names anyone.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, select

from ...badge_code import read_badge_code
from ...extensions import db
from ...models import Attendee
from .. import DomainError
from ..schedule.calendar import PlannedMeeting, planned_meetings
from .day import confirm_met


@dataclass(frozen=True)
class MetByBadge:
    """The meeting confirmed; ``newly`` False when it was confirmed already."""

    meeting: PlannedMeeting
    newly: bool


def confirm_met_by_badge(attendee: Attendee, typed: str, now: datetime) -> MetByBadge:
    """Confirm the attendee's meeting today with the holder of the badge ``typed``.
    ``now`` is the venue's local time."""
    partner_id = badge_holder(attendee, typed)
    meeting = meeting_today_with(attendee, partner_id, now)
    if meeting is None:
        raise DomainError("met_no_meeting")
    return MetByBadge(meeting, confirm_met(attendee, meeting.meeting_id, now))


def badge_holder(attendee: Attendee, typed: str) -> int:
    """The id of the registration of the attendee's event with this badge code."""
    code = read_badge_code(typed)
    if code is None:
        raise DomainError("met_badge_unknown")
    holder = db.session.scalar(select(Attendee.id).where(
        Attendee.event_id == attendee.event_id, Attendee.badge_code == code))
    if holder == attendee.id:
        raise DomainError("met_badge_own")
    if holder is not None:
        return holder
    if db.session.scalar(select(exists().where(Attendee.badge_code == code))):
        raise DomainError("met_badge_other_event")
    raise DomainError("met_badge_unknown")


def meeting_today_with(attendee: Attendee, partner_id: int, now: datetime) -> PlannedMeeting | None:
    """The attendee's published meeting with the partner on ``now``'s day: the one running
    at ``now``, otherwise the one nearest in time."""
    meetings = [m for m in planned_meetings(attendee.event, [attendee.id]).get(attendee.id, [])
                if m.partner_id == partner_id and m.starts_at.date() == now.date()]
    return min(meetings, key=lambda m: distance(m, now), default=None)


def distance(meeting: PlannedMeeting, now: datetime) -> timedelta:
    """How far ``now`` is from the meeting's time (zero while it runs)."""
    return max(meeting.starts_at - now, now - meeting.ends_at, timedelta(0))
