"""Pairs an organiser says must never meet; the engine never pairs them, and on the
attendee side they act like a block by one of the two (see ``meeting_requests``)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import joinedload

from ...documents.collation import by_name
from ...extensions import db
from ...models import (
    Attendee,
    AttendeeStatus,
    BlockedPair,
    Event,
    Meeting,
    MeetingRequest,
    RequestStatus,
    utcnow,
)
from .. import DomainError
from ..audit import named, record


@dataclass(frozen=True)
class BlockedPairRow:
    id: int
    first: str
    second: str
    created_by: str
    created_at: datetime


def block_candidates(event: Event, person: Attendee) -> list[Attendee]:
    """Everybody of the event but ``person`` and the cancelled, in phone-book order: the
    organiser picks the other of a pair by name."""
    return by_name(db.session.scalars(select(Attendee).where(
        Attendee.event_id == event.id, Attendee.id != person.id,
        Attendee.status != AttendeeStatus.CANCELLED).order_by(Attendee.id)))


def block_pair(event: Event, a: Attendee, b: Attendee, actor: str) -> BlockedPair:
    """Block the pair, remove a meeting they already have (draft or published) and let
    their open requests lapse (as expired: neither is told that the pair was blocked)."""
    if a.id == b.id:
        raise DomainError("same_attendee")
    low, high = sorted((a.id, b.id))
    existing = db.session.scalar(select(BlockedPair).where(
        BlockedPair.event_id == event.id, BlockedPair.attendee_a_id == low,
        BlockedPair.attendee_b_id == high))
    if existing is not None:
        return existing
    pair = BlockedPair(event_id=event.id, attendee_a_id=low, attendee_b_id=high, created_by=actor)
    db.session.add(pair)
    db.session.execute(delete(Meeting).where(Meeting.event_id == event.id,
                                             Meeting.attendee_a_id == low,
                                             Meeting.attendee_b_id == high))
    lapse_requests(a, b)
    for attendee, other in ((a, b), (b, a)):
        record(event, actor, "pair_blocked", attendee, {"with": named(other)})
    db.session.flush()
    return pair


def lapse_requests(a: Attendee, b: Attendee) -> None:
    requests = db.session.scalars(select(MeetingRequest).where(
        MeetingRequest.requester_id.in_((a.id, b.id)), MeetingRequest.target_id.in_((a.id, b.id)),
        MeetingRequest.status.in_((RequestStatus.PENDING, RequestStatus.ACCEPTED))))
    for request in requests:
        request.status, request.answered_at = RequestStatus.EXPIRED, utcnow()


def unblock_pair(event: Event, pair_id: int, actor: str) -> None:
    pair = db.session.scalar(select(BlockedPair).where(BlockedPair.event_id == event.id,
                                                       BlockedPair.id == pair_id))
    if pair is None:
        raise DomainError("blocked_pair_not_found")
    for attendee, other in ((pair.attendee_a, pair.attendee_b), (pair.attendee_b, pair.attendee_a)):
        record(event, actor, "pair_unblocked", attendee,
               {"with": named(other)})
    db.session.delete(pair)
    db.session.flush()


def blocked_pair_rows(event: Event, attendee: Attendee | None = None) -> list[BlockedPairRow]:
    """The event's blocked pairs, or only those of one attendee."""
    query = select(BlockedPair).where(BlockedPair.event_id == event.id)
    if attendee is not None:
        query = query.where(or_(BlockedPair.attendee_a_id == attendee.id,
                                BlockedPair.attendee_b_id == attendee.id))
    pairs = db.session.scalars(
        query.options(joinedload(BlockedPair.attendee_a), joinedload(BlockedPair.attendee_b))
        .order_by(BlockedPair.created_at))
    return [BlockedPairRow(
        id=p.id, first=f"{p.attendee_a.number} {p.attendee_a.full_name} ({p.attendee_a.organisation})",
        second=f"{p.attendee_b.number} {p.attendee_b.full_name} ({p.attendee_b.organisation})",
        created_by=p.created_by, created_at=p.created_at) for p in pairs]


def blocked_pairs_of(event: Event) -> frozenset[tuple[int, int]]:
    """The pairs as the engine takes them: ``(smaller id, larger id)``."""
    return frozenset((a, b) for a, b in db.session.execute(
        select(BlockedPair.attendee_a_id, BlockedPair.attendee_b_id)
        .where(BlockedPair.event_id == event.id)))
