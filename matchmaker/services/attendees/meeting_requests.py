"""Attendees ask each other for meetings, answer, withdraw, and block each other.

Only attendees who take part in the matchmaking (registered, address confirmed,
consented, want meetings) can send or receive requests, and only they are ever shown.
A request expires ``REQUEST_EXPIRY_HOURS`` after it was sent. Expiry is lazy: the
planning input ignores overdue requests whatever their stored status, and every use
case here first marks overdue requests of the event as expired, so no command has to
run for it. A block works both ways: neither side can send the other a request, open
requests between them are closed (the blocked person is not told), a meeting between
them is removed and the engine never pairs them again. A pair an organiser blocked
(``services.blocked_pairs``) is kept apart here in the same way: neither sees the other,
neither can ask the other, and a request between them can no longer be accepted.

The mails about requests name nobody: every mail is kept (for retries and as a record),
and erasing one's data must not leave one's name in other people's mails. Who asked,
and their message, are on the recipient's private page.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, func, or_, select, update

from ...documents.collation import by_name
from ...extensions import db
from ...matching.scoring import tag_key
from ...models import (
    Attendee,
    AttendeeBlock,
    BlockedPair,
    Event,
    Meeting,
    MeetingRequest,
    OutgoingMail,
    RequestStatus,
    utcnow,
)
from .. import DomainError
from ..mail.notifications import compose, public_url

OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


@dataclass(frozen=True)
class RequestOutcome:
    request: MeetingRequest
    mails: list[OutgoingMail]


@dataclass(frozen=True)
class RequestRow:
    """A request as the attendee sees it; ``incoming`` when someone asked them."""

    id: int
    incoming: bool
    status: str
    other_number: int
    other_name: str
    other_organisation: str
    message: str | None
    created_at: datetime
    expires_at: datetime | None


def expire_requests(event: Event, now: datetime | None = None) -> None:
    """Mark the event's pending requests whose time is up as expired."""
    people = select(Attendee.id).where(Attendee.event_id == event.id)
    db.session.execute(
        update(MeetingRequest)
        .where(MeetingRequest.status == RequestStatus.PENDING,
               MeetingRequest.expires_at <= (now or utcnow()),
               MeetingRequest.requester_id.in_(people))
        .values(status=RequestStatus.EXPIRED)
        .execution_options(synchronize_session="fetch")
    )


def is_blocked(a: Attendee, b: Attendee) -> bool:
    """True if either of the two blocked the other, or an organiser blocked the pair."""
    return db.session.execute(select(func.count()).where(or_(
        and_(AttendeeBlock.blocker_id == a.id, AttendeeBlock.blocked_id == b.id),
        and_(AttendeeBlock.blocker_id == b.id, AttendeeBlock.blocked_id == a.id)))).scalar_one() > 0 \
        or organiser_blocked(a, b)


def organiser_blocked(a: Attendee, b: Attendee) -> bool:
    """True if an organiser said the two must never meet."""
    low, high = sorted((a.id, b.id))
    return db.session.execute(select(func.count()).where(
        BlockedPair.attendee_a_id == low, BlockedPair.attendee_b_id == high)).scalar_one() > 0


def send_request(requester: Attendee, target: Attendee, message: str | None,
                 now: datetime | None = None) -> RequestOutcome:
    """Ask ``target`` for a meeting; if they already asked, that request is accepted."""
    now = now or utcnow()
    expire_requests(requester.event, now)
    check_may_request(requester, target)
    reverse = request_between(target, requester)
    if reverse is not None and reverse.status == RequestStatus.PENDING:
        return answer(requester, reverse.id, accept=True, now=now)
    request = request_between(requester, target)
    if request is not None and request.status in OPEN_STATUSES:
        raise DomainError("already_requested")
    if request is not None and request.status == RequestStatus.DECLINED:
        raise DomainError("declined_before")
    if request is not None and request.status == RequestStatus.WITHDRAWN:
        raise DomainError("withdrawn_before")  # asking, withdrawing, asking would flood a mailbox
    if sent_today(requester, now) >= current_app.config["REQUEST_DAILY_LIMIT"]:
        raise DomainError("daily_limit", limit=current_app.config["REQUEST_DAILY_LIMIT"])
    if request is None:
        request = MeetingRequest(requester_id=requester.id, target_id=target.id)
        db.session.add(request)
    request.status, request.message, request.answered_at = RequestStatus.PENDING, message or None, None
    request.created_at = now
    request.expires_at = now + timedelta(hours=current_app.config["REQUEST_EXPIRY_HOURS"])
    db.session.flush()
    mail = compose(target, "request_received",
                   requests_link=public_url("attendee.requests", token=target.token))
    return RequestOutcome(request, [mail])


def check_may_request(requester: Attendee, target: Attendee) -> None:
    if not requester.is_matchable:
        raise DomainError("not_taking_part")
    if target.id == requester.id:
        raise DomainError("not_self")
    if target.event_id != requester.event_id or not target.is_matchable:
        raise DomainError("not_available")
    if tag_key(target.organisation) == tag_key(requester.organisation):
        raise DomainError("same_organisation")
    if has_blocked(requester, target):
        raise DomainError("you_blocked")
    if has_blocked(target, requester) or organiser_blocked(requester, target):
        raise DomainError("not_available")  # never tell someone that they were blocked


def answer(attendee: Attendee, request_id: int, accept: bool,
           now: datetime | None = None) -> RequestOutcome:
    """Accept or decline a pending request addressed to ``attendee``; the requester is told."""
    request = settle(attendee, request_id, accept, now)
    kind = "request_accepted" if accept else "request_declined"
    mail = compose(request.requester, kind,
                   requests_link=public_url("attendee.requests", token=request.requester.token))
    return RequestOutcome(request, [mail])


def settle(attendee: Attendee, request_id: int, accept: bool,
           now: datetime | None = None) -> MeetingRequest:
    """Accept or decline a pending request addressed to ``attendee``; nobody is told yet."""
    now = now or utcnow()
    expire_requests(attendee.event, now)
    request = db.session.get(MeetingRequest, request_id)
    if request is None or request.target_id != attendee.id or not request.requester.is_matchable:
        raise DomainError("request_not_found")
    if request.status != RequestStatus.PENDING:
        raise DomainError("request_not_open", status=request.status.value)
    if accept and not attendee.is_matchable:
        raise DomainError("not_taking_part")
    if accept and is_blocked(attendee, request.requester):
        raise DomainError("not_available")  # asked before the pair was blocked
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.answered_at = now
    db.session.flush()
    return request


def withdraw(attendee: Attendee, request_id: int, now: datetime | None = None) -> MeetingRequest:
    """Take back one's own pending or accepted request (it stops counting for the plan)."""
    expire_requests(attendee.event, now)
    request = db.session.get(MeetingRequest, request_id)
    if request is None or request.requester_id != attendee.id:
        raise DomainError("request_not_found")
    if request.status not in OPEN_STATUSES:
        raise DomainError("request_not_open", status=request.status.value)
    request.status, request.answered_at = RequestStatus.WITHDRAWN, now or utcnow()
    db.session.flush()
    return request


def block(blocker: Attendee, blocked: Attendee) -> None:
    """Block someone: see the module docstring. Blocking twice changes nothing."""
    if blocked.id == blocker.id or blocked.event_id != blocker.event_id:
        raise DomainError("not_available")
    if not has_blocked(blocker, blocked):
        db.session.add(AttendeeBlock(blocker_id=blocker.id, blocked_id=blocked.id))
    for request in (request_between(blocker, blocked), request_between(blocked, blocker)):
        if request is not None and request.status in OPEN_STATUSES:
            mine = request.requester_id == blocker.id
            request.status = RequestStatus.WITHDRAWN if mine else RequestStatus.DECLINED
            request.answered_at = utcnow()
    low, high = sorted((blocker.id, blocked.id))
    db.session.execute(delete(Meeting).where(Meeting.attendee_a_id == low, Meeting.attendee_b_id == high))
    db.session.flush()


def unblock(blocker: Attendee, blocked_number: int) -> None:
    """Lift the attendee's block of the person with this registration number."""
    blocked = select(Attendee.id).where(Attendee.event_id == blocker.event_id,
                                        Attendee.number == blocked_number)
    db.session.execute(delete(AttendeeBlock).where(
        AttendeeBlock.blocker_id == blocker.id, AttendeeBlock.blocked_id.in_(blocked)))
    db.session.flush()


def has_blocked(blocker: Attendee, blocked: Attendee) -> bool:
    return db.session.execute(select(func.count()).where(
        AttendeeBlock.blocker_id == blocker.id, AttendeeBlock.blocked_id == blocked.id)).scalar_one() > 0


def request_between(requester: Attendee, target: Attendee) -> MeetingRequest | None:
    return db.session.scalar(select(MeetingRequest).where(
        MeetingRequest.requester_id == requester.id, MeetingRequest.target_id == target.id))


def sent_today(requester: Attendee, now: datetime) -> int:
    """Requests sent in the last 24 hours (a re-sent request counts again)."""
    return db.session.execute(select(func.count()).where(
        MeetingRequest.requester_id == requester.id,
        MeetingRequest.created_at > now - timedelta(hours=24),
        MeetingRequest.expires_at.is_not(None))).scalar_one()


def blocked_pairs(event: Event) -> frozenset[tuple[int, int]]:
    """Every blocked pair of the event as (smaller id, larger id), for the engine."""
    rows = db.session.execute(
        select(AttendeeBlock.blocker_id, AttendeeBlock.blocked_id)
        .join(Attendee, Attendee.id == AttendeeBlock.blocker_id)
        .where(Attendee.event_id == event.id))
    return frozenset((min(a, b), max(a, b)) for a, b in rows)


def blocked_ids(attendee: Attendee) -> set[int]:
    """Whom the attendee blocked, who blocked them, and whom an organiser keeps apart from
    them: kept apart everywhere."""
    rows = db.session.execute(
        select(AttendeeBlock.blocker_id, AttendeeBlock.blocked_id)
        .where(or_(AttendeeBlock.blocker_id == attendee.id, AttendeeBlock.blocked_id == attendee.id))
        .union_all(select(BlockedPair.attendee_a_id, BlockedPair.attendee_b_id)
                   .where(or_(BlockedPair.attendee_a_id == attendee.id,
                              BlockedPair.attendee_b_id == attendee.id))))
    return {other for pair in rows for other in pair if other != attendee.id}


def request_rows(attendee: Attendee, now: datetime | None = None) -> list[RequestRow]:
    """The attendee's requests, both ways, newest first, with people who still take part."""
    expire_requests(attendee.event, now)
    requests = db.session.scalars(
        select(MeetingRequest)
        .where(or_(MeetingRequest.requester_id == attendee.id, MeetingRequest.target_id == attendee.id))
        .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
    ).all()
    people = {a.id: a for a in db.session.scalars(select(Attendee).where(Attendee.id.in_(
        {r.requester_id for r in requests} | {r.target_id for r in requests})))}
    rows = []
    for request in requests:
        incoming = request.target_id == attendee.id
        other = people[request.requester_id if incoming else request.target_id]
        if other.is_matchable:
            rows.append(RequestRow(
                id=request.id, incoming=incoming, status=request.status.value,
                other_number=other.number, other_name=other.full_name,
                other_organisation=other.organisation, message=request.message,
                created_at=request.created_at, expires_at=request.expires_at))
    return rows


def blocked_people(attendee: Attendee) -> list[Attendee]:
    """The people the attendee blocked who still take part (to unblock them), in phone-book order."""
    people = db.session.scalars(
        select(Attendee).join(AttendeeBlock, AttendeeBlock.blocked_id == Attendee.id)
        .where(AttendeeBlock.blocker_id == attendee.id))
    return by_name(person for person in people if person.is_matchable)
