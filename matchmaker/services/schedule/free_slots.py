"""Who is free when, and where a table is free: the questions behind moving a meeting and
offering a freed slot. Low in the schedule services (imports none of them). A slot that
overlaps a session the attendee has a seat in is not free (``programme.sessions.busy_slots``)."""

from sqlalchemy import func, or_, select

from ...extensions import db
from ...models import Attendee, Event, Meeting, MeetingTable, Slot
from ..audit import named
from ..programme.sessions import busy_slots
from .teams import team_slots


def slot_is_free_for(attendee: Attendee, slot: Slot) -> bool:
    """No meeting of the attendee in the slot, no session of theirs overlapping it, and the
    slot not marked unavailable."""
    if slot.number in (attendee.unavailable_slots or []):
        return False
    if slot.number in busy_slots(attendee.event, [attendee.id]).get(attendee.id, frozenset()):
        return False
    if slot.number in team_slots(attendee.event, [attendee.id]).get(attendee.id, frozenset()):
        return False  # sits in a team meeting as a colleague
    return not db.session.scalar(select(func.count()).where(
        Meeting.slot_id == slot.id,
        or_(Meeting.attendee_a_id == attendee.id, Meeting.attendee_b_id == attendee.id)))


def free_table(event: Event, slot: Slot, preferred: MeetingTable | None = None) -> MeetingTable | None:
    """``preferred`` if nobody sits there in the slot, else the free table with the lowest
    number; None when every table is taken."""
    taken = set(db.session.scalars(select(Meeting.table_id).where(Meeting.slot_id == slot.id)))
    if preferred is not None and preferred.id not in taken:
        return preferred
    return next((table for table in event.tables if table.id not in taken), None)


def meeting_count(attendee: Attendee) -> int:
    return db.session.scalar(select(func.count()).where(
        or_(Meeting.attendee_a_id == attendee.id, Meeting.attendee_b_id == attendee.id))) or 0


def actor_of(attendee: Attendee) -> str:
    """How the audit log names an attendee who changed something themselves."""
    return f"attendee {named(attendee)}"


def partner_of(meeting: Meeting, attendee: Attendee) -> Attendee:
    return meeting.attendee_b if meeting.attendee_a_id == attendee.id else meeting.attendee_a
