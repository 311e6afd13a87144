"""An attendee changes their own published meetings: propose a move, answer one, give back.

Only a published schedule's meetings can be changed here (a draft is the organisers').
A move goes to a slot both have free (no meeting, not marked unavailable) where a table
is free; until the partner accepts, the meeting stays where it is, and the move is
checked again when they accept (by ``edit.place``: double booking, table, unavailability
and maximum, as on the grid). A moved meeting is locked like one moved by hand.
Giving back removes the meeting; the partner is told by mail and on their page (with the
note), and if they switched on "fill my free slots", the freed slot is offered to others
(``slot_offers``). Every change writes audit entries with the attendee as the actor.
The mails name nobody (see ``meeting_requests``): who, and the note, are on the page.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from ... import clock
from ...extensions import db
from ...models import (
    Attendee,
    Meeting,
    MeetingMove,
    MeetingNotice,
    MeetingTable,
    OutgoingMail,
    Slot,
)
from .. import DomainError
from ..mail.notifications import compose, public_url
from .changes import record_schedule_changes
from .edit import log_edit, place
from .free_slots import actor_of, free_table, partner_of, slot_is_free_for
from .runs import schedule_published
from .slot_offers import offer_freed_slot
from .teams import colleagues_in


@dataclass(frozen=True)
class MoveRow:
    """An open proposal to move a meeting; ``mine`` when the attendee proposed it."""

    mine: bool
    starts_at: datetime
    ends_at: datetime
    table: str


@dataclass(frozen=True)
class OwnMeeting:
    id: int
    starts_at: datetime
    ends_at: datetime
    table: str
    partner_number: int
    partner_name: str
    partner_organisation: str
    move: MoveRow | None


@dataclass(frozen=True)
class SlotChoice:
    number: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Outcome:
    mails: list[OutgoingMail]


def own_meetings(attendee: Attendee) -> list[OwnMeeting]:
    """The attendee's published meetings in time order, each with its open move proposal."""
    if not schedule_published(attendee.event):
        return []
    partner, moved_to, moved_at = aliased(Attendee), aliased(Slot), aliased(MeetingTable)
    rows = db.session.execute(
        select(Meeting.id, Slot.starts_at, Slot.ends_at, MeetingTable.name, partner.number,
               partner.first_name, partner.last_name, partner.organisation,
               MeetingMove.proposed_by_id, moved_to.starts_at, moved_to.ends_at, moved_at.name)
        .join(Slot, Slot.id == Meeting.slot_id).join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(partner, or_(
            (Meeting.attendee_a_id == attendee.id) & (partner.id == Meeting.attendee_b_id),
            (Meeting.attendee_b_id == attendee.id) & (partner.id == Meeting.attendee_a_id)))
        .outerjoin(MeetingMove, MeetingMove.meeting_id == Meeting.id)
        .outerjoin(moved_to, moved_to.id == MeetingMove.slot_id)
        .outerjoin(moved_at, moved_at.id == MeetingMove.table_id)
        .order_by(Slot.starts_at))
    return [OwnMeeting(meeting_id, starts, ends, table, number, f"{first} {last}", organisation,
                       None if proposer is None else MoveRow(proposer == attendee.id, *move))
            for meeting_id, starts, ends, table, number, first, last, organisation, proposer, *move
            in rows]


def move_choices(attendee: Attendee, meeting_id: int) -> list[SlotChoice]:
    """The slots the meeting could move to: free for both (and a team meeting's colleagues),
    with a free table."""
    meeting = own_meeting(attendee, meeting_id)
    team = [db.session.get_one(Attendee, c.id) for c in colleagues_in([meeting.id]).get(meeting.id, [])]
    people = (meeting.attendee_a, meeting.attendee_b, *team)  # a team meeting's colleagues too
    return [SlotChoice(slot.number, slot.starts_at, slot.ends_at) for slot in attendee.event.slots
            if slot.id != meeting.slot_id and all(slot_is_free_for(p, slot) for p in people)
            and free_table(attendee.event, slot) is not None]


def propose_move(attendee: Attendee, meeting_id: int, slot_number: int) -> Outcome:
    """Propose another slot (a free table in it is chosen); replaces an earlier proposal."""
    if slot_number not in {choice.number for choice in move_choices(attendee, meeting_id)}:
        raise DomainError("move_slot_not_free")
    meeting = own_meeting(attendee, meeting_id)
    slot = next(s for s in attendee.event.slots if s.number == slot_number)
    table = free_table(attendee.event, slot)
    if table is None:  # taken since move_choices looked
        raise DomainError("move_slot_not_free")
    move = db.session.scalar(select(MeetingMove).where(MeetingMove.meeting_id == meeting.id))
    if move is None:
        move = MeetingMove(meeting_id=meeting.id)
        db.session.add(move)
    move.proposed_by_id, move.slot_id, move.table_id, move.created_at = attendee.id, slot.id, table.id, clock.utc_now()
    db.session.flush()
    partner = partner_of(meeting, attendee)
    log_edit(attendee.event, actor_of(attendee), "move_proposed", meeting,
             {"to_slot": slot.number, "to_table": table.name})
    return Outcome([compose(partner, "move_proposed", meetings_link=page_link(partner),
                            old_at=meeting.slot.starts_at, old_table=meeting.table.name,
                            new_at=slot.starts_at, new_table=table.name)])


def answer_move(attendee: Attendee, meeting_id: int, accept: bool) -> Outcome:
    """The partner accepts (the meeting moves, or the move is refused if its place was
    taken meanwhile) or declines; the proposer is told either way."""
    meeting = own_meeting(attendee, meeting_id)
    move = db.session.scalar(select(MeetingMove).where(MeetingMove.meeting_id == meeting.id))
    if move is None or move.proposed_by_id == attendee.id:
        raise DomainError("move_not_found")
    proposer = partner_of(meeting, attendee)
    old_at, old_table = meeting.slot.starts_at, meeting.table.name
    slot, table = db.session.get_one(Slot, move.slot_id), db.session.get_one(MeetingTable, move.table_id)
    db.session.delete(move)
    if accept:
        table = free_table(attendee.event, slot, preferred=table) or table
        place(attendee.event, meeting, (meeting.attendee_a, meeting.attendee_b), slot, table)
        record_schedule_changes(attendee.event)
    log_edit(attendee.event, actor_of(attendee), "move_accepted" if accept else "move_declined", meeting)
    kind = "move_accepted" if accept else "move_declined"
    return Outcome([compose(proposer, kind, meetings_link=page_link(proposer), old_at=old_at,
                            old_table=old_table, new_at=slot.starts_at, new_table=table.name)])


def give_back(attendee: Attendee, meeting_id: int, note: str | None,
              now: datetime | None = None) -> Outcome:
    """Cancel the meeting; the partner is told, and their freed slot may be offered on."""
    now = now or clock.utc_now()
    meeting = own_meeting(attendee, meeting_id)
    partner, slot, table = partner_of(meeting, attendee), meeting.slot, meeting.table
    log_edit(attendee.event, actor_of(attendee), "meeting_given_back", meeting,
             {"note": note} if note else {})
    db.session.add(MeetingNotice(attendee_id=partner.id, partner_id=attendee.id, kind="given_back",
                                 starts_at=slot.starts_at, note=note or None, created_at=now))
    db.session.delete(meeting)
    db.session.flush()
    record_schedule_changes(attendee.event)
    mails = [compose(partner, "meeting_given_back", meetings_link=page_link(partner), old_at=slot.starts_at,
                     old_table=table.name, offered=partner.fills_free_slots)]
    if partner.fills_free_slots:
        mails += offer_freed_slot(attendee.event, partner, slot, table, now)
    return Outcome(mails)


def own_meeting(attendee: Attendee, meeting_id: int) -> Meeting:
    """One of the attendee's published meetings, or ``meeting_not_found``."""
    meeting = db.session.get(Meeting, meeting_id)
    if (meeting is None or attendee.id not in (meeting.attendee_a_id, meeting.attendee_b_id)
            or not schedule_published(attendee.event)):
        raise DomainError("meeting_not_found")
    return meeting


@dataclass(frozen=True)
class NoticeRow:
    kind: str
    starts_at: datetime
    partner_name: str | None
    note: str | None
    created_at: datetime


def notices(attendee: Attendee, limit: int = 10) -> list[NoticeRow]:
    """What partners changed in the attendee's meetings, newest first."""
    partner = aliased(Attendee)
    rows = db.session.execute(
        select(MeetingNotice.kind, MeetingNotice.starts_at, partner.first_name, partner.last_name,
               MeetingNotice.note, MeetingNotice.created_at)
        .outerjoin(partner, partner.id == MeetingNotice.partner_id)
        .where(MeetingNotice.attendee_id == attendee.id)
        .order_by(MeetingNotice.created_at.desc(), MeetingNotice.id.desc()).limit(limit))
    return [NoticeRow(kind, starts, f"{first} {last}" if first else None, note, created)
            for kind, starts, first, last, note, created in rows]


def page_link(attendee: Attendee) -> str:
    return public_url("attendee.own_meetings", token=attendee.token)
