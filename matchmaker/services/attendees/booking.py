"""Booking on acceptance: once the schedule is published, an accepted request is a meeting.

While ``booking_open(event)`` (the schedule is published and the organisers' switch
``Event.booking_on_acceptance`` is on):

- Nobody is offered the impossible: a request needs both people below their maximum of
  meetings, not meeting already, and a slot both have free in which a table is free
  (``Availability``, computed for a whole page from the event's meetings at once). The
  requester may propose up to ``MAX_PROPOSED`` of those slots.
- Accepting books the meeting at once: in the proposed slot the other chose, else the
  first proposed slot still free, else the earliest common free slot; at the first free
  table. The event row is locked first (``lock_event``: FOR UPDATE on PostgreSQL, the
  write lock on SQLite), so two acceptances for the last table of a slot cannot both
  get it: the second is refused (``slot_taken``) when it chose that slot, or gets the next
  free one. With no common free slot left the request is accepted anyway and waits for
  the next matchmaking run, as before publication.
- The meeting is placed by ``schedule.edit.add_meeting``: the grid's own checks, locked
  (a re-run keeps it), audited as ``meeting_booked`` with the attendee as actor. Both
  are told by mail with time and table; page, calendar and PDF read the meeting itself.

Otherwise requests work as ``meeting_requests`` describes (they feed the engine).
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from ...extensions import db
from ...models import (
    Attendee,
    Event,
    Meeting,
    MeetingRequest,
    MeetingTable,
    OutgoingMail,
    RequestStatus,
    ScheduleRun,
    Slot,
)
from .. import DomainError
from ..mail.notifications import compose, public_url
from ..programme.sessions import busy_slots
from ..schedule.calendar import day_label
from ..schedule.edit import add_meeting
from ..schedule.free_slots import actor_of
from ..schedule.runs import schedule_published
from ..schedule.teams import team_slots
from . import meeting_requests
from .registration import lock_event

MAX_PROPOSED = 3
OPEN = "open"  # the pair may book: see ``Availability.offer``


@dataclass(frozen=True)
class Availability:
    """Who has which slots free in an event, as plain numbers (from ``availability``; it
    knows the meetings of the people it was asked about only)."""

    slots: tuple[int, ...]  # bookable slots, in time order (not yet begun)
    full_slots: frozenset[int]  # slots without a free table
    busy: dict[int, frozenset[int]]  # attendee id -> slots with a meeting or a session of theirs
    pairs: frozenset[tuple[int, int]]  # (smaller, larger) ids of those who meet already
    counts: Counter[int] = field(default_factory=Counter)  # attendee id -> meetings

    def fully_booked(self, person: Attendee) -> bool:
        return person.max_meetings is not None and self.counts[person.id] >= person.max_meetings

    def free_slots(self, person: Attendee) -> list[int]:
        taken = self.busy.get(person.id, frozenset()) | self.full_slots | set(person.unavailable_slots)
        return [slot for slot in self.slots if slot not in taken]

    def common_free_slots(self, a: Attendee, b: Attendee) -> list[int]:
        theirs = set(self.free_slots(b))
        return [slot for slot in self.free_slots(a) if slot in theirs]

    def offer(self, attendee: Attendee, other: Attendee) -> str:
        """``OPEN``, or why ``attendee`` cannot ask ``other`` (a ``DomainError`` code)."""
        if self.fully_booked(other):
            return "fully_booked"
        if self.fully_booked(attendee):
            return "you_are_fully_booked"
        if (min(attendee.id, other.id), max(attendee.id, other.id)) in self.pairs:
            return "already_meeting"
        return OPEN if self.common_free_slots(attendee, other) else "no_common_slot"


@dataclass(frozen=True)
class BookingOutcome:
    """A request sent or accepted; ``meeting`` when it was booked at once."""

    request: MeetingRequest
    mails: list[OutgoingMail]
    meeting: Meeting | None = None
    booking_open: bool = False


def booking_open(event: Event) -> bool:
    """Published (the latest run's ``published_at``, read without the run's certificate)
    and switched on."""
    return event.booking_on_acceptance and db.session.scalar(
        select(ScheduleRun.published_at).where(ScheduleRun.event_id == event.id)
        .order_by(ScheduleRun.id.desc()).limit(1)) is not None


def availability(event: Event, people: Iterable[Attendee]) -> Availability:
    """The event's free slots and tables, and the meetings and sessions of ``people`` (only
    theirs are known to the result): a few queries, however many people the event or the
    page has."""
    ids = sorted({person.id for person in people})
    venue_now = datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).replace(tzinfo=None)
    tables = select(func.count()).where(MeetingTable.event_id == event.id).scalar_subquery()
    slot_rows = db.session.execute(
        select(Slot.number, Slot.starts_at, tables, func.count(Meeting.id))
        .outerjoin(Meeting, Meeting.slot_id == Slot.id).where(Slot.event_id == event.id)
        .group_by(Slot.id, Slot.number, Slot.starts_at).order_by(Slot.number)).all()
    meetings = db.session.execute(
        select(Meeting.attendee_a_id, Meeting.attendee_b_id, Slot.number)
        .join(Slot, Slot.id == Meeting.slot_id)
        .where(Meeting.event_id == event.id,
               or_(Meeting.attendee_a_id.in_(ids), Meeting.attendee_b_id.in_(ids)))).all()
    busy: dict[int, set[int]] = {person: set(slots) for person, slots in busy_slots(event, ids).items()}
    for a, b, slot in meetings:
        busy.setdefault(a, set()).add(slot)
        busy.setdefault(b, set()).add(slot)
    for colleague, slots in team_slots(event, ids).items():  # sitting in a team meeting
        busy.setdefault(colleague, set()).update(slots)
    return Availability(
        slots=tuple(number for number, starts_at, _, _ in slot_rows if starts_at > venue_now),
        full_slots=frozenset(number for number, _, table_count, used in slot_rows if used >= table_count),
        busy={person: frozenset(slots) for person, slots in busy.items()},
        pairs=frozenset((a, b) for a, b, _ in meetings),
        counts=Counter(person for a, b, _ in meetings for person in (a, b)))


def offers(attendee: Attendee, people: Iterable[Attendee]) -> dict[int, str]:
    """For a page: whether ``attendee`` may ask each of ``people`` (by id; empty while
    booking is not open, when everybody may be asked as before publication)."""
    people = list(people)
    if not people or not booking_open(attendee.event):
        return {}
    free = availability(attendee.event, [attendee, *people])
    return {other.id: free.offer(attendee, other) for other in people}


@dataclass(frozen=True)
class RequestOptions:
    """What the person page offers: ``state`` None while booking is not open (ask as
    before publication), else ``OPEN`` or why not; ``slots`` the slots one may propose."""

    state: str | None
    slots: list[int]


def request_options(attendee: Attendee, other: Attendee) -> RequestOptions:
    if not booking_open(attendee.event):
        return RequestOptions(None, [])
    free = availability(attendee.event, [attendee, other])
    state = free.offer(attendee, other)
    return RequestOptions(state, free.common_free_slots(attendee, other) if state == OPEN else [])


def ask(requester: Attendee, target: Attendee, message: str | None, proposed: Sequence[int] = (),
        now: datetime | None = None) -> BookingOutcome:
    """Ask ``target`` for a meeting, proposing up to three common free slots; if they
    already asked, their request is accepted (and booked)."""
    event = requester.event
    if not booking_open(event):
        outcome = meeting_requests.send_request(requester, target, message, now)
        return BookingOutcome(outcome.request, outcome.mails)
    meeting_requests.expire_requests(event, now)
    meeting_requests.check_may_request(requester, target)
    check_proposal(availability(event, [requester, target]), requester, target, proposed)
    reverse = meeting_requests.request_between(target, requester)
    if reverse is not None and reverse.status == RequestStatus.PENDING:
        return accept(requester, reverse.id, proposed[0] if proposed else None, now)
    outcome = meeting_requests.send_request(requester, target, message, now)
    outcome.request.proposed_slots = sorted(set(proposed))
    db.session.flush()
    return BookingOutcome(outcome.request, outcome.mails, booking_open=True)


def check_proposal(free: Availability, requester: Attendee, target: Attendee,
                   proposed: Sequence[int]) -> None:
    state = free.offer(requester, target)
    if state != OPEN:
        raise DomainError(state, name=target.full_name)
    if len(set(proposed)) > MAX_PROPOSED:
        raise DomainError("too_many_slots")
    if not set(proposed) <= set(free.common_free_slots(requester, target)):
        raise DomainError("slot_not_free")


def accept(attendee: Attendee, request_id: int, slot: int | None = None,
           now: datetime | None = None) -> BookingOutcome:
    """Accept a request to ``attendee``; while booking is open, book it at once (``slot``:
    the proposed slot they chose). Refused with ``slot_taken`` when that slot was just taken."""
    request = meeting_requests.settle(attendee, request_id, accept=True, now=now)
    if not booking_open(attendee.event):
        return BookingOutcome(request, [accepted_mail(request)])
    meeting = book(request, slot, actor=actor_of(attendee))
    mails = booked_mails(meeting) if meeting is not None else [accepted_mail(request)]
    return BookingOutcome(request, mails, meeting, booking_open=True)


def decline(attendee: Attendee, request_id: int, now: datetime | None = None) -> BookingOutcome:
    outcome = meeting_requests.answer(attendee, request_id, accept=False, now=now)
    return BookingOutcome(outcome.request, outcome.mails)


def book(request: MeetingRequest, chosen: int | None, *, actor: str) -> Meeting | None:
    """Place the accepted request's meeting in the best common free slot (None: no slot)."""
    event = request.requester.event
    lock_event(event)  # from here until the commit, no other booking of the event runs
    requester, target = request.requester, request.target
    free = availability(event, [requester, target])
    slots = free.common_free_slots(requester, target) if free.offer(target, requester) == OPEN else []
    if chosen is not None and chosen not in slots:
        raise DomainError("slot_taken")
    slot = chosen or next((s for s in request.proposed_slots if s in slots), None) or next(iter(slots), None)
    if slot is None:
        return None
    return add_meeting(event, (requester.id, target.id), slot, first_free_table(event, slot),
                       actor=actor, booked=True)


def first_free_table(event: Event, slot_number: int) -> int:
    taken = (select(Meeting.table_id).join(Slot, Slot.id == Meeting.slot_id)
             .where(Slot.event_id == event.id, Slot.number == slot_number))
    return db.session.execute(
        select(MeetingTable.number).where(MeetingTable.event_id == event.id,
                                          MeetingTable.id.not_in(taken))
        .order_by(MeetingTable.number).limit(1)).scalar_one()


def accepted_mail(request: MeetingRequest) -> OutgoingMail:
    requester = request.requester
    return compose(requester, "request_accepted",
                   requests_link=public_url("attendee.requests", token=requester.token))


def booked_mails(meeting: Meeting) -> list[OutgoingMail]:
    """Both are told when and where (not with whom: see ``meeting_requests``)."""
    slot, table = db.session.get_one(Slot, meeting.slot_id), db.session.get_one(MeetingTable, meeting.table_id)
    return [compose(person, "meeting_booked", starts_at=slot.starts_at, ends_at=slot.ends_at,
                    table=table.name, day=day_label(slot.starts_at.date(), person.language), schedule_link=public_url("attendee.schedule", token=person.token))
            for person in (meeting.attendee_a, meeting.attendee_b)]


@dataclass(frozen=True)
class BookedMeeting:
    slot: int
    table: str


def booked_with(attendee: Attendee) -> dict[int, BookedMeeting]:
    """The attendee's published meetings by the partner's registration number."""
    if not schedule_published(attendee.event):
        return {}
    partner = aliased(Attendee)
    rows = db.session.execute(
        select(partner.number, Slot.number, MeetingTable.name).select_from(Meeting)
        .join(Slot, Slot.id == Meeting.slot_id).join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(partner, partner.id.in_([Meeting.attendee_a_id, Meeting.attendee_b_id]))
        .where((Meeting.attendee_a_id == attendee.id) | (Meeting.attendee_b_id == attendee.id),
               partner.id != attendee.id))
    return {number: BookedMeeting(slot, table) for number, slot, table in rows}


@dataclass(frozen=True)
class AcceptChoice:
    """A pending request to the attendee: the proposed slots still free for both, and
    whether any common free slot is left (else accepting books nothing yet)."""

    slots: list[int]
    bookable: bool


def accept_choices(attendee: Attendee, ids: Iterable[int]) -> dict[int, AcceptChoice]:
    """For each pending request to ``attendee`` (by id) while booking is open."""
    if not booking_open(attendee.event):
        return {}
    pending = db.session.scalars(select(MeetingRequest).where(
        MeetingRequest.id.in_(list(ids)), MeetingRequest.target_id == attendee.id,
        MeetingRequest.status == RequestStatus.PENDING)).all()
    free = availability(attendee.event, [attendee, *(request.requester for request in pending)])
    result = {}
    for request in pending:
        state = free.offer(attendee, request.requester)
        slots = set(free.common_free_slots(attendee, request.requester)) if state == OPEN else set()
        result[request.id] = AcceptChoice([s for s in request.proposed_slots if s in slots], bool(slots))
    return result
