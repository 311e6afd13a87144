"""A slot given back, offered on ("fill my free slots").

When a meeting is given back and the partner left alone has switched on "fill my free
slots", their freed slot is offered to the best-scoring person by the engine's own pair
score (``planning.engine_event``: weights, synonyms and blocked pairs as in a run; same
organisation and no consent never score) among those who switched the setting on too,
have the slot free (no meeting, no session seat overlapping it), are below their maximum,
do not meet the partner already and were not offered this freed slot before. They have
``event.offer_minutes`` to accept with one click; then the offer expires and goes to the
next one, until nobody is left. Accepted, the meeting is booked for both (checked like a
meeting placed on the grid) and the partner is told. Expiry is lazy, like a request's: every read and answer of offers first
moves overdue offers on (``advance_offers``), and ``matchmaker advance-offers`` does it
from a timer, so no worker has to run.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from ... import clock, matching
from ...extensions import db
from ...models import (
    Attendee,
    AttendeeStatus,
    Event,
    Meeting,
    MeetingTable,
    OfferStatus,
    OutgoingMail,
    Slot,
    SlotOffer,
)
from .. import DomainError
from ..attendees.registration import lock_event
from ..audit import named, record
from ..mail.notifications import compose, public_url
from ..programme.sessions import busy_slots
from .changes import record_schedule_changes
from .edit import log_edit, place
from .free_slots import actor_of, free_table, meeting_count, slot_is_free_for
from .planning import engine_event, reason_json

SYSTEM_ACTOR = "matchmaking (free slots)"


@dataclass(frozen=True)
class OfferRow:
    id: int
    starts_at: datetime
    ends_at: datetime
    table: str
    partner_name: str
    partner_organisation: str
    reasons: list[dict[str, Any]]
    expires_at: datetime


def set_fills_free_slots(attendee: Attendee, on: bool) -> None:
    attendee.fills_free_slots = on
    db.session.flush()


def offer_freed_slot(event: Event, partner: Attendee, slot: Slot, table: MeetingTable,
                     now: datetime) -> list[OutgoingMail]:
    """Offer ``partner``'s freed slot to the best candidate; [] when nobody fits."""
    best = best_candidate(event, partner, slot)
    if best is None:
        return []
    person, scored = best
    offer = SlotOffer(event_id=event.id, slot_id=slot.id, table_id=table.id, partner_id=partner.id,
                      offered_to_id=person.id, score=scored.score, created_at=now,
                      reasons=[reason_json(r) for r in scored.reasons],
                      expires_at=now + timedelta(minutes=event.offer_minutes))
    db.session.add(offer)
    db.session.flush()
    record(event, SYSTEM_ACTOR, "slot_offered", person, {
        "slot": slot.number, "table": table.name, "with": named(partner),
        "until": offer.expires_at})
    return [compose(person, "slot_offered", meetings_link=public_url("attendee.own_meetings", token=person.token),
                    new_at=slot.starts_at, new_table=table.name, until=offer.expires_at)]


def best_candidate(event: Event, partner: Attendee,
                   slot: Slot) -> tuple[Attendee, matching.PairScore] | None:
    """The best-scoring person who may take the partner's freed slot (ties: lower id)."""
    if not (partner.is_matchable and partner.fills_free_slots and slot_is_free_for(partner, slot)):
        return None
    if partner.max_meetings is not None and meeting_count(partner) >= partner.max_meetings:
        return None
    people = candidates(event, partner, slot)
    if not people:
        return None
    inputs = engine_event(event, [partner, *people])
    engine = {a.id: a for a in inputs.attendees}
    scored = [(matching.pair_score(engine[partner.id], engine[p.id], inputs.weights,
                                   inputs.blocked_pairs, inputs.synonyms), p) for p in people]
    fitting = [(score, p) for score, p in scored if score.score > 0]
    if not fitting:
        return None
    score, person = max(fitting, key=lambda row: (row[0].score, -row[1].id))
    return person, score


def candidates(event: Event, partner: Attendee, slot: Slot) -> list[Attendee]:
    """Who takes part, wants free slots filled, has the slot free (no meeting, no session of
    theirs then), is below their maximum, does not meet the partner yet and was not offered
    this freed slot before."""
    pairs = db.session.execute(select(Meeting.attendee_a_id, Meeting.attendee_b_id, Meeting.slot_id)
                               .where(Meeting.event_id == event.id)).all()
    counts = Counter(x for a, b, _slot in pairs for x in (a, b))
    busy = {x for a, b, slot_id in pairs if slot_id == slot.id for x in (a, b)}
    met = {x for a, b, _slot in pairs if partner.id in (a, b) for x in (a, b)}
    offered = set(db.session.scalars(select(SlotOffer.offered_to_id).where(
        SlotOffer.slot_id == slot.id, SlotOffer.partner_id == partner.id)))
    people = db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.fills_free_slots.is_(True),
                               Attendee.status == AttendeeStatus.REGISTERED,
                               Attendee.email_confirmed_at.is_not(None),
                               Attendee.matching_consent_at.is_not(None),
                               Attendee.wants_meetings.is_(True))
        .order_by(Attendee.id))
    in_session = {person for person, slots in busy_slots(event).items() if slot.number in slots}
    excluded = busy | in_session | met | offered | {partner.id}
    return [p for p in people if p.id not in excluded and slot.number not in (p.unavailable_slots or [])
            and (p.max_meetings is None or counts[p.id] < p.max_meetings)]


def advance_offers(event: Event, now: datetime | None = None) -> list[OutgoingMail]:
    """Expire the event's overdue offers and offer each freed slot to the next person."""
    now = now or clock.utc_now()
    overdue = (SlotOffer.event_id == event.id, SlotOffer.status == OfferStatus.PENDING,
               SlotOffer.expires_at <= now)
    if not db.session.scalar(select(func.count()).where(*overdue)):
        return []  # the common case: no lock, no write
    lock_event(event)
    mails: list[OutgoingMail] = []
    for offer in db.session.scalars(select(SlotOffer).where(*overdue).order_by(SlotOffer.id)).all():
        offer.status, offer.answered_at = OfferStatus.EXPIRED, now
        person = db.session.get_one(Attendee, offer.offered_to_id)
        record(event, SYSTEM_ACTOR, "slot_offer_expired", person, {"offer": offer.id})
        db.session.flush()
        mails += offer_freed_slot(event, db.session.get_one(Attendee, offer.partner_id),
                                  db.session.get_one(Slot, offer.slot_id),
                                  db.session.get_one(MeetingTable, offer.table_id), now)
    return mails


def accept_offer(attendee: Attendee, offer_id: int, now: datetime | None = None) -> list[OutgoingMail]:
    """Book the offered meeting for both (as the grid checks it); the partner is told."""
    now = now or clock.utc_now()
    mails = advance_offers(attendee.event, now)
    offer = db.session.get(SlotOffer, offer_id)
    if offer is None or offer.offered_to_id != attendee.id:
        raise DomainError("offer_not_found")
    if offer.status != OfferStatus.PENDING:
        raise DomainError("offer_not_open")
    event, partner = attendee.event, db.session.get_one(Attendee, offer.partner_id)
    slot = db.session.get_one(Slot, offer.slot_id)
    table = free_table(event, slot, preferred=db.session.get_one(MeetingTable, offer.table_id))
    if table is None:
        raise DomainError("offer_not_open")
    low, high = sorted((attendee, partner), key=lambda a: a.id)
    meeting = Meeting(event_id=event.id, attendee_a_id=low.id, attendee_b_id=high.id,
                      booked_by_attendees=True)
    place(event, meeting, (low, high), slot, table)
    db.session.add(meeting)
    offer.status, offer.answered_at = OfferStatus.ACCEPTED, now
    db.session.flush()
    record_schedule_changes(event)
    log_edit(event, actor_of(attendee), "slot_offer_accepted", meeting)
    return mails + [compose(partner, "slot_filled",
                            meetings_link=public_url("attendee.own_meetings", token=partner.token),
                            new_at=slot.starts_at, new_table=table.name)]


def open_offers(attendee: Attendee, now: datetime | None = None) -> tuple[list[OfferRow], list[OutgoingMail]]:
    """The attendee's open offers (after moving overdue ones on), and the mails that moving
    them on composed (to send after the commit)."""
    mails = advance_offers(attendee.event, now)
    rows = db.session.execute(
        select(SlotOffer, Slot.starts_at, Slot.ends_at, MeetingTable.name, Attendee.first_name,
               Attendee.last_name, Attendee.organisation)
        .join(Slot, Slot.id == SlotOffer.slot_id)
        .join(MeetingTable, MeetingTable.id == SlotOffer.table_id)
        .join(Attendee, Attendee.id == SlotOffer.partner_id)
        .where(SlotOffer.offered_to_id == attendee.id, SlotOffer.status == OfferStatus.PENDING)
        .order_by(Slot.starts_at))
    return [OfferRow(offer.id, starts, ends, table, f"{first} {last}", organisation, offer.reasons,
                     offer.expires_at)
            for offer, starts, ends, table, first, last, organisation in rows], mails


def set_offer_minutes(event: Event, minutes: int, actor: str) -> None:
    """How long an offered slot waits for an answer before it goes to the next person."""
    if not 1 <= minutes <= 24 * 60:
        raise DomainError("offer_minutes_out_of_range")
    if minutes != event.offer_minutes:
        record(event, actor, "settings_changed", None, {"offer_minutes": [event.offer_minutes, minutes]})
    event.offer_minutes = minutes
    db.session.flush()
