"""What waits for an attendee's answer, as the organisers' grid shows it: freed slots
offered to someone (to whom, with whom, until when) and moves an attendee proposed (which
meeting, to which slot and table, by whom, since when). Two queries however many there are,
after overdue offers have moved on (``slot_offers.advance_offers``), so the grid never shows
an offer that has run out. The organisers may withdraw either: a withdrawn offer is void
(it does not go to the next person: the organisers want the place), a withdrawn proposal
is gone and the meeting stays where it is. Both are audited with the organiser as actor,
and the attendees waiting on them are told by mail: a click on the offer's or the
proposal's mail would otherwise meet a refusal nobody explained.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ... import clock
from ...extensions import db
from ...models import (
    Attendee,
    AttendeeStatus,
    Event,
    Meeting,
    MeetingMove,
    MeetingTable,
    OfferStatus,
    OutgoingMail,
    Slot,
    SlotOffer,
)
from .. import DomainError
from ..audit import named, record
from ..mail.notifications import compose
from .edit import event_meeting, log_edit
from .own_meetings import page_link
from .report import Person
from .slot_offers import advance_offers


@dataclass(frozen=True)
class OpenOffer:
    """A freed slot offered to ``offered_to`` to meet ``partner`` at ``table``."""

    id: int
    slot: int
    table: int
    table_name: str
    offered_to: Person
    partner: Person
    since: datetime
    until: datetime


@dataclass(frozen=True)
class PendingMove:
    """``proposed_by`` asks ``partner`` to move meeting ``meeting_id`` to ``to_slot``/``to_table``."""

    meeting_id: int
    slot: int
    table: int
    table_name: str
    to_slot: int
    to_table: int
    to_table_name: str
    proposed_by: Person
    partner: Person
    since: datetime


@dataclass(frozen=True)
class Pending:
    """Everything open, in time order, and the same looked up by grid cell:
    ``offers_at[(slot, table)]``, ``moves_of[meeting id]``, ``moves_to[(slot, table)]``."""

    offers: list[OpenOffer]
    moves: list[PendingMove]
    offers_at: dict[tuple[int, int], list[OpenOffer]] = field(default_factory=dict)
    moves_of: dict[int, PendingMove] = field(default_factory=dict)
    moves_to: dict[tuple[int, int], list[PendingMove]] = field(default_factory=dict)


def pending_changes(event: Event, now: datetime | None = None) -> tuple[Pending, list[OutgoingMail]]:
    """The event's open offers and move proposals, and the mails that moving overdue
    offers on composed (to send after the commit)."""
    mails = advance_offers(event, now)
    offers, moves = open_offers(event), open_moves(event)
    pending = Pending(offers, moves)
    for offer in offers:
        pending.offers_at.setdefault((offer.slot, offer.table), []).append(offer)
    for move in moves:
        pending.moves_of[move.meeting_id] = move
        pending.moves_to.setdefault((move.to_slot, move.to_table), []).append(move)
    return pending, mails


def open_offers(event: Event) -> list[OpenOffer]:
    to, partner = aliased(Attendee), aliased(Attendee)
    rows = db.session.execute(
        select(SlotOffer.id, Slot.number, MeetingTable.number, MeetingTable.name,
               to.id, to.first_name, to.last_name, to.organisation,
               partner.id, partner.first_name, partner.last_name, partner.organisation,
               SlotOffer.created_at, SlotOffer.expires_at)
        .join(Slot, Slot.id == SlotOffer.slot_id).join(MeetingTable, MeetingTable.id == SlotOffer.table_id)
        .join(to, to.id == SlotOffer.offered_to_id).join(partner, partner.id == SlotOffer.partner_id)
        .where(SlotOffer.event_id == event.id, SlotOffer.status == OfferStatus.PENDING)
        .order_by(Slot.number, MeetingTable.number, SlotOffer.id))
    return [OpenOffer(r[0], r[1], r[2], r[3], Person(r[4], f"{r[5]} {r[6]}", r[7]),
                      Person(r[8], f"{r[9]} {r[10]}", r[11]), r[12], r[13]) for r in rows]


def open_moves(event: Event) -> list[PendingMove]:
    a, b = aliased(Attendee), aliased(Attendee)
    now_slot, now_table = aliased(Slot), aliased(MeetingTable)
    rows = db.session.execute(
        select(Meeting.id, now_slot.number, now_table.number, now_table.name, Slot.number, MeetingTable.number,
               MeetingTable.name, MeetingMove.proposed_by_id, MeetingMove.created_at,
               a.id, a.first_name, a.last_name, a.organisation,
               b.id, b.first_name, b.last_name, b.organisation)
        .select_from(MeetingMove).join(Meeting, Meeting.id == MeetingMove.meeting_id)
        .join(now_slot, now_slot.id == Meeting.slot_id).join(now_table, now_table.id == Meeting.table_id)
        .join(Slot, Slot.id == MeetingMove.slot_id).join(MeetingTable, MeetingTable.id == MeetingMove.table_id)
        .join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .where(Meeting.event_id == event.id)
        .order_by(now_slot.number, now_table.number))
    moves = []
    for row in rows:
        people = (Person(row[9], f"{row[10]} {row[11]}", row[12]), Person(row[13], f"{row[14]} {row[15]}", row[16]))
        proposer, partner = people if people[0].id == row[7] else people[::-1]
        moves.append(PendingMove(row[0], row[1], row[2], row[3], row[4], row[5], row[6], proposer, partner, row[8]))
    return moves


def withdraw_offer(event: Event, offer_id: int, actor: str,
                   now: datetime | None = None) -> list[OutgoingMail]:
    """The offer is void at once; the slot stays free for the organisers. The person it was
    offered to is told (unless they have cancelled since). Overdue offers move on first, as
    on every read: one that ran out while the page was open is not open any more."""
    now = now or clock.utc_now()
    mails = advance_offers(event, now)
    offer = db.session.get(SlotOffer, offer_id)
    if offer is None or offer.event_id != event.id:
        raise DomainError("offer_not_found")
    if offer.status != OfferStatus.PENDING:
        raise DomainError("offer_not_open")
    offer.status, offer.answered_at = OfferStatus.VOID, now
    slot, table = db.session.get_one(Slot, offer.slot_id), db.session.get_one(MeetingTable, offer.table_id)
    partner = db.session.get_one(Attendee, offer.partner_id)
    person = db.session.get_one(Attendee, offer.offered_to_id)
    record(event, actor, "slot_offer_withdrawn", person,
           {"slot": slot.number, "table": table.name, "with": named(partner)})
    db.session.flush()
    if person.status != AttendeeStatus.REGISTERED:
        return mails
    return mails + [compose(person, "slot_offer_withdrawn", meetings_link=page_link(person),
                            new_at=slot.starts_at, new_table=table.name)]


def withdraw_move(event: Event, meeting_id: int, actor: str) -> list[OutgoingMail]:
    """The proposal is gone; the meeting stays where it is, and both of its people are told."""
    meeting = event_meeting(event, meeting_id)
    move = db.session.scalar(select(MeetingMove).where(MeetingMove.meeting_id == meeting.id))
    if move is None:
        raise DomainError("move_not_found")
    slot, table = db.session.get_one(Slot, move.slot_id), db.session.get_one(MeetingTable, move.table_id)
    db.session.delete(move)
    db.session.flush()
    log_edit(event, actor, "move_withdrawn", meeting, {"to_slot": slot.number})
    return [compose(person, "move_withdrawn", meetings_link=page_link(person),
                    old_at=meeting.slot.starts_at, old_table=meeting.table.name,
                    new_at=slot.starts_at, new_table=table.name)
            for person in (meeting.attendee_a, meeting.attendee_b)]
