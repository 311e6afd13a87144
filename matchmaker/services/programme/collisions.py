"""A session chosen after publication that overlaps one of the attendee's meetings.

The attendee is asked first (``choose_unless_meeting`` refuses with
``session_collides_with_meeting``): they keep the meeting and take no seat, or take the
session and give the meeting back (``take_session_giving_back``). Given back, the meeting
is gone for both, exactly as when the attendee gives it back on their meetings page: the
partner is told, the audit log records it for both, and the freed slot may be offered on.
A full session gives only a waiting place, which blocks nothing yet: then the meetings
stay, and when a seat frees up the attendee is passed over while a published meeting of
theirs overlaps the session (``choices.fill_free_places``): they keep their waiting place
and move up at a later free seat once no meeting of theirs overlaps it.
"""

from datetime import datetime

from ...models import Attendee, ChoiceStatus, OutgoingMail, ProgrammeSession
from .. import DomainError
from ..schedule.calendar import PlannedMeeting
from ..schedule.own_meetings import give_back
from .choices import ChosenSession, choose_session, meetings_during
from .sessions import session_of


def colliding_meetings(attendee: Attendee, session: ProgrammeSession) -> list[PlannedMeeting]:
    """The attendee's published meetings that overlap the session (none before publication)."""
    return meetings_during(session, [attendee.id]).get(attendee.id, [])


def choose_unless_meeting(attendee: Attendee, session_id: int,
                          now: datetime | None = None) -> ChosenSession:
    """``choose_session``, unless the session overlaps a meeting of theirs: then ask."""
    session = session_of(attendee.event, session_id)
    if colliding_meetings(attendee, session):
        raise DomainError("session_collides_with_meeting", title=session.title)
    return choose_session(attendee, session_id, now)


def take_session_giving_back(attendee: Attendee, session_id: int, now: datetime | None = None
                             ) -> tuple[ChosenSession, list[OutgoingMail]]:
    """Choose the session; with a seat, give back the meetings it overlaps, as the attendee
    would one by one (``own_meetings.give_back``: the partner told, their slot offered on).
    Returns the mails to deliver after the commit."""
    session = session_of(attendee.event, session_id)
    meetings = colliding_meetings(attendee, session)
    choice = choose_session(attendee, session_id, now)
    if choice.status != ChoiceStatus.CHOSEN:
        return choice, []
    mails: list[OutgoingMail] = []
    for planned in meetings:
        mails += give_back(attendee, planned.meeting_id, None, now).mails
    return choice, mails
