"""Who sits in as a colleague where: the reads and checks behind team meetings.

A colleague in a team meeting (``MeetingColleague``) is busy in its slot like the two
who meet: nobody plans, books, moves or offers anything else to them at that time, and
the engine sees the slot as unavailable for them (``planning.engine_event``). Low in the
schedule services (imports none of them), so that every service that asks "is this
person free?" can ask it here too.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from ...extensions import db
from ...models import Attendee, Event, Meeting, MeetingColleague, MeetingTable, Slot
from .. import DomainError
from ..programme.sessions import busy_slots

PER_SIDE = 2  # colleagues at most beside each of the two who meet


@dataclass(frozen=True)
class Colleague:
    """A colleague in a meeting, beside one of its two attendees (``beside_id``)."""

    id: int
    name: str
    organisation: str
    beside_id: int


def team_slots(event: Event, attendee_ids: Iterable[int] | None = None) -> dict[int, frozenset[int]]:
    """Per attendee id, the numbers of the slots in which they sit in a team meeting as a
    colleague (``attendee_ids``: only theirs, else everybody's)."""
    query = (select(MeetingColleague.attendee_id, Slot.number)
             .join(Meeting, Meeting.id == MeetingColleague.meeting_id)
             .join(Slot, Slot.id == Meeting.slot_id).where(Meeting.event_id == event.id))
    if attendee_ids is not None:
        query = query.where(MeetingColleague.attendee_id.in_(sorted(set(attendee_ids))))
    slots: dict[int, set[int]] = {}
    for attendee_id, number in db.session.execute(query):
        slots.setdefault(attendee_id, set()).add(number)
    return {attendee_id: frozenset(numbers) for attendee_id, numbers in slots.items()}


def colleagues_in(meeting_ids: Iterable[int]) -> dict[int, list[Colleague]]:
    """The colleagues of these meetings by meeting id, in the order they joined."""
    rows = db.session.execute(
        select(MeetingColleague.meeting_id, MeetingColleague.beside_id, Attendee)
        .join(Attendee, Attendee.id == MeetingColleague.attendee_id)
        .where(MeetingColleague.meeting_id.in_(sorted(set(meeting_ids))))
        .order_by(MeetingColleague.added_at, Attendee.id))
    found: dict[int, list[Colleague]] = {}
    for meeting_id, beside_id, person in rows:
        found.setdefault(meeting_id, []).append(
            Colleague(person.id, person.full_name, person.organisation, beside_id))
    return found


def busy_in_slot(event: Event, attendee: Attendee, slot: Slot, meeting_id: int | None = None) -> DomainError | None:
    """Why ``attendee`` cannot sit in a meeting in ``slot`` (None: they can): a meeting of
    their own or a team meeting there (other than ``meeting_id``), a slot they marked
    unavailable, or a session of theirs during it. The grid's codes and words."""
    name, number = attendee.full_name, slot.number
    if number in (attendee.unavailable_slots or []):
        return DomainError("slot_unavailable", attendee=name, slot=number)
    if number in busy_slots(event, [attendee.id]).get(attendee.id, frozenset()):
        return DomainError("slot_in_session", attendee=name, slot=number)
    own = select(Meeting.id).where(Meeting.slot_id == slot.id, Meeting.id != (meeting_id or 0),
                                   (Meeting.attendee_a_id == attendee.id) | (Meeting.attendee_b_id == attendee.id))
    joined = (select(Meeting.id).join(MeetingColleague, MeetingColleague.meeting_id == Meeting.id)
              .where(Meeting.slot_id == slot.id, Meeting.id != (meeting_id or 0),
                     MeetingColleague.attendee_id == attendee.id))
    if db.session.scalar(own.limit(1)) is not None or db.session.scalar(joined.limit(1)) is not None:
        return DomainError("double_booking", attendee=name, slot=number)
    return None


def team_conflict(event: Event, meeting: Meeting, people: Sequence[Attendee], slot: Slot,
                  table: MeetingTable) -> DomainError | None:
    """What team meetings add to the grid's checks when ``meeting`` of ``people`` goes to
    ``slot`` at ``table``: neither of the two sits in as a colleague elsewhere then, and the
    meeting's own colleagues are free then and fit at the table."""
    for person in people:
        if slot.number in team_slots(event, [person.id]).get(person.id, frozenset()):
            return DomainError("double_booking", attendee=person.full_name, slot=slot.number)
    colleagues = colleagues_in([meeting.id]).get(meeting.id, []) if meeting.id else []
    if colleagues and len(people) + len(colleagues) > table.seats:
        return DomainError("table_too_small", table=table.name, seats=table.seats)
    for colleague in colleagues:
        person = db.session.get_one(Attendee, colleague.id)
        if (error := busy_in_slot(event, person, slot, meeting.id)) is not None:
            return error
    return None

