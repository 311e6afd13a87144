"""An organiser edits the schedule by hand: move, lock, unlock, cancel or add a meeting.

Every edit is checked by ``matching.edits.meeting_conflicts`` against the event's other
meetings and refused with a ``DomainError`` naming the first conflict, with the names of
the people concerned in its params, and by ``teams.team_conflict`` against team meetings
(a colleague sitting in is busy too; a team meeting must fit its table; it stays locked,
so that a re-plan keeps it with its colleagues). A meeting placed or moved by hand is locked (a
re-plan keeps it) and gets its score and reasons from the engine. Edits change the
stored meetings directly, so the edits of a published schedule are published at once.
Each edit names its ``actor`` and writes its own audit entries (one per attendee).
"""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import or_, select

from ... import matching
from ...documents.collation import by_name
from ...extensions import db
from ...matching.edits import Conflict, meeting_conflicts
from ...models import Attendee, AttendeeStatus, Event, Meeting, MeetingTable, Slot
from .. import DomainError
from ..attendees.favourites import favourites_among
from ..attendees.registration import lock_event
from ..audit import named, record
from ..programme.sessions import busy_slots
from .behaviour import with_behaviour
from .changes import record_schedule_changes
from .matching_settings import event_synonyms, event_weights
from .planning import engine_attendee, must_meet, reason_json
from .teams import colleagues_in, team_conflict


def move_meeting(event: Event, meeting_id: int, slot_number: int, table_number: int, *,
                 actor: str) -> Meeting:
    """Put the meeting into another slot and/or at another table; it is then locked."""
    meeting = event_meeting(event, meeting_id)
    slot, table = slot_and_table(event, slot_number, table_number)
    place(event, meeting, (meeting.attendee_a, meeting.attendee_b), slot, table)
    record_schedule_changes(event)
    log_edit(event, actor, "meeting_moved", meeting)
    return meeting


def add_meeting(event: Event, attendee_ids: tuple[int, int], slot_number: int,
                table_number: int, *, actor: str, booked: bool = False) -> Meeting:
    """A meeting of two attendees placed by hand, or ``booked`` by them on their pages; locked."""
    x, y = attendee_ids
    if x == y:
        raise DomainError("same_attendee")
    people = event_attendees(event, (min(x, y), max(x, y)))
    slot, table = slot_and_table(event, slot_number, table_number)
    meeting = Meeting(event_id=event.id, attendee_a_id=people[0].id, attendee_b_id=people[1].id,
                      booked_by_attendees=booked)
    place(event, meeting, people, slot, table)
    db.session.add(meeting)
    db.session.flush()
    record_schedule_changes(event)
    log_edit(event, actor, "meeting_booked" if booked else "meeting_added", meeting)
    return meeting


def set_locked(event: Event, meeting_id: int, locked: bool, *, actor: str) -> Meeting:
    """Lock a meeting (re-plans keep it exactly) or unlock it (a re-plan may move it)."""
    meeting = event_meeting(event, meeting_id)
    if not locked and colleagues_in([meeting.id]):
        raise DomainError("team_meeting_stays_locked")
    meeting.locked = locked
    db.session.flush()
    log_edit(event, actor, "meeting_locked" if locked else "meeting_unlocked", meeting)
    return meeting


def cancel_meeting(event: Event, meeting_id: int, *, actor: str) -> None:
    meeting = event_meeting(event, meeting_id)
    log_edit(event, actor, "meeting_cancelled", meeting)
    db.session.delete(meeting)
    db.session.flush()


def log_edit(event: Event, actor: str, action: str, meeting: Meeting,
             extra: dict[str, Any] | None = None) -> None:
    """Into the audit log, once for each of the two attendees (``extra``: more to say)."""
    slot = db.session.get_one(Slot, meeting.slot_id)
    table = db.session.get_one(MeetingTable, meeting.table_id)
    where = {"slot": slot.number, "table": table.name}  # by id: a move changed the ids just now
    for attendee, other in ((meeting.attendee_a, meeting.attendee_b),
                            (meeting.attendee_b, meeting.attendee_a)):
        record(event, actor, action, attendee,
               {"with": named(other), **where, **(extra or {})})
    record_schedule_changes(event)


def matchable_attendees(event: Event) -> list[Attendee]:
    """The attendees a meeting may be added for, in phone-book order."""
    return by_name(db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id,
                               Attendee.status == AttendeeStatus.REGISTERED,
                               Attendee.email_confirmed_at.is_not(None),
                               Attendee.matching_consent_at.is_not(None),
                               Attendee.wants_meetings.is_(True))
        .order_by(Attendee.id)
    ))


def event_meeting(event: Event, meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.event_id != event.id:
        raise DomainError("meeting_not_found")
    return meeting


def event_attendees(event: Event, ids: tuple[int, int]) -> tuple[Attendee, Attendee]:
    found = {a.id: a for a in db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.id.in_(ids)))}
    if len(found) != 2:
        raise DomainError("attendee_not_found")
    return found[ids[0]], found[ids[1]]


def slot_and_table(event: Event, slot_number: int, table_number: int) -> tuple[Slot, MeetingTable]:
    slot = db.session.scalar(select(Slot).where(Slot.event_id == event.id, Slot.number == slot_number))
    if slot is None:
        raise DomainError("slot_not_found", slot=slot_number)
    table = db.session.scalar(select(MeetingTable).where(MeetingTable.event_id == event.id,
                                                         MeetingTable.number == table_number))
    if table is None:
        raise DomainError("table_not_found", table=table_number)
    return slot, table


def place(event: Event, meeting: Meeting, people: Sequence[Attendee], slot: Slot,
          table: MeetingTable) -> None:
    """Check the meeting at ``slot``/``table``, then put it there, locked and scored.

    The event is locked first, so that two organisers' edits cannot both pass the checks."""
    lock_event(event)
    a, b = people
    for person in people:
        if not registered_and_confirmed(person):
            raise DomainError("attendee_not_matchable", attendee=person.full_name,
                              why=person.status if person.status != AttendeeStatus.REGISTERED
                              else "email_not_confirmed")
    wishes, marks = must_meet(people), favourites_among(people)
    busy = busy_slots(event)  # an organiser, too, places no meeting over a chosen session
    engine_a, engine_b = (replace(engine_attendee(person, wishes, marks),
                                  session_slots=busy.get(person.id, frozenset())) for person in people)
    engine_a, engine_b = with_behaviour(event, people, (engine_a, engine_b))  # kept apart by what they did
    wanted = matching.Meeting((a.id, b.id), slot.number, table.number)
    conflicts = meeting_conflicts(wanted, engine_a, engine_b, other_meetings(event, meeting, people, slot))
    if conflicts:
        raise domain_error(conflicts[0], people, table)
    if (team_error := team_conflict(event, meeting, people, slot, table)) is not None:
        raise team_error
    scored = matching.pair_score(engine_a, engine_b, event_weights(event),
                                 synonyms=event_synonyms(event))
    meeting.slot_id, meeting.table_id, meeting.locked = slot.id, table.id, True
    meeting.score, meeting.reasons = scored.score, [reason_json(r) for r in scored.reasons]
    db.session.flush()


def registered_and_confirmed(attendee: Attendee) -> bool:
    return attendee.status == AttendeeStatus.REGISTERED and attendee.email_confirmed_at is not None


def other_meetings(event: Event, meeting: Meeting, people: Sequence[Attendee],
                   slot: Slot) -> list[matching.Meeting]:
    """The meetings that could conflict: of either attendee, or in the slot (not ``meeting``)."""
    ids = [person.id for person in people]
    rows = db.session.execute(
        select(Meeting.id, Meeting.attendee_a_id, Meeting.attendee_b_id, Slot.number, MeetingTable.number)
        .join(Slot, Slot.id == Meeting.slot_id).join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .where(Meeting.event_id == event.id,
               or_(Meeting.attendee_a_id.in_(ids), Meeting.attendee_b_id.in_(ids),
                   Meeting.slot_id == slot.id))
    )
    return [matching.Meeting((a, b), slot_number, table_number)
            for meeting_id, a, b, slot_number, table_number in rows if meeting_id != meeting.id]


def domain_error(conflict: Conflict, people: Sequence[Attendee], table: MeetingTable) -> DomainError:
    """The conflict with names instead of ids: ``attendee`` is the person's name."""
    params = dict(conflict.params)
    by_id = {person.id: person for person in people}
    if "attendee" in params:
        params["attendee"] = by_id[params["attendee"]].full_name
    if "attendees" in params:
        params["attendees"] = [by_id[i].full_name for i in params["attendees"]]
        params["organisation"] = people[0].organisation
    if "table" in params:
        params["table"] = table.name
    return DomainError(conflict.code, **params)
