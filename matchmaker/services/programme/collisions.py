"""A session chosen after publication that overlaps one of the attendee's meetings.

The attendee is asked first (``choose_unless_meeting`` refuses with
``session_collides_with_meeting``): they keep the meeting and take no seat, or take the
session and give the meeting back (``take_session_giving_back``). Given back, the meeting
is gone for both; the partner is told by the schedule's change mail, and the audit log
records it for both. A full session gives only a waiting place, which blocks nothing yet:
then the meetings stay.
"""

from datetime import datetime

from ...extensions import db
from ...models import Attendee, ChoiceStatus, Meeting, OutgoingMail, ProgrammeSession
from .. import DomainError
from ..audit import record
from ..schedule.calendar import PlannedMeeting, planned_meetings, schedule_mails
from ..schedule.changes import record_schedule_changes
from .choices import ChosenSession, choose_session
from .sessions import session_of


def colliding_meetings(attendee: Attendee, session: ProgrammeSession) -> list[PlannedMeeting]:
    """The attendee's published meetings that overlap the session (none before publication)."""
    return [meeting for meeting in planned_meetings(attendee.event, [attendee.id]).get(attendee.id, [])
            if meeting.starts_at < session.ends_at and session.starts_at < meeting.ends_at]


def choose_unless_meeting(attendee: Attendee, session_id: int,
                          now: datetime | None = None) -> ChosenSession:
    """``choose_session``, unless the session overlaps a meeting of theirs: then ask."""
    session = session_of(attendee.event, session_id)
    if colliding_meetings(attendee, session):
        raise DomainError("session_collides_with_meeting", title=session.title)
    return choose_session(attendee, session_id, now)


def take_session_giving_back(attendee: Attendee, session_id: int, now: datetime | None = None
                             ) -> tuple[ChosenSession, list[OutgoingMail]]:
    """Choose the session; with a seat, give back the meetings it overlaps. Returns the
    change mails (the partners', the attendee's own) to deliver after the commit."""
    session = session_of(attendee.event, session_id)
    meetings = colliding_meetings(attendee, session)
    choice = choose_session(attendee, session_id, now)
    if choice.status != ChoiceStatus.CHOSEN or not meetings:
        return choice, []
    for planned in meetings:
        give_back(attendee, planned, session)
    record_schedule_changes(attendee.event)
    return choice, schedule_mails(attendee.event, now)


def give_back(attendee: Attendee, planned: PlannedMeeting, session: ProgrammeSession) -> None:
    meeting = db.session.get_one(Meeting, planned.meeting_id)
    partner = db.session.get_one(Attendee, planned.partner_id)
    when = f"{planned.starts_at:%H:%M}"
    for person, other in ((attendee, partner), (partner, attendee)):
        record(attendee.event, f"attendee {attendee.number}", "meeting_given_back", person,
               {"with": f"{other.number} {other.full_name}", "at": when, "table": planned.table,
                "session": session.title})
    db.session.delete(meeting)
    db.session.flush()
