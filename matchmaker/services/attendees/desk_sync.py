"""The check-in desk when the venue network fails: the list a desk keeps, and the
check-ins it queued offline, sent later.

The list holds what a desk needs to check people in without the server and nothing
more: number, name, organisation, badge code, status and whether the person is checked
in (no e-mail address, nothing private).

Each queued check-in carries an id the desk made for it. The first time an id arrives,
the check-in is made as at the desk (one conditional UPDATE, see ``check_in``: of two
desks, the one that reaches the server first is kept) and the answer is stored under the
id; the same id sent again gets the stored answer and changes nothing. The time of an
offline check-in is the desk's time, unless it lies in the future or more than a day back
(a desk with a wrong clock): then it is the time it arrives. Of two desks that checked in
one person, the first to reach the server makes the check-in; the arrival time kept is the
earliest any desk saw (audited as ``check_in_earlier``).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import Attendee, AttendeeStatus, DeskCheckIn, Event, utcnow
from ..audit import record as audit
from .check_in import Arrival, attendee_by_code_or_number, check_in, rows_changed

UNKNOWN = "unknown"
"""The outcome of a code or number no registration of the event has."""
DESK_CLOCK_TRUSTED_FOR = timedelta(days=1)


@dataclass(frozen=True)
class DeskListRow:
    number: int
    name: str
    organisation: str
    badge_code: str
    status: AttendeeStatus
    checked_in: bool


@dataclass(frozen=True)
class QueuedCheckIn:
    """A check-in as the desk queued it: its own id, what was typed, when (UTC)."""

    client_id: str
    typed: str
    at: datetime | None


@dataclass(frozen=True)
class SentCheckIn:
    """The server's answer to one queued check-in."""

    client_id: str
    outcome: str
    """An ``Arrival`` value, or ``UNKNOWN``."""
    attendee: Attendee | None


def desk_list(event: Event) -> list[DeskListRow]:
    """Everyone registered, waiting or cancelled, by number: what the desk keeps offline."""
    people = db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id).order_by(Attendee.number))
    return [DeskListRow(number=person.number, name=f"{person.first_name} {person.last_name}",
                        organisation=person.organisation, badge_code=person.badge_code,
                        status=person.status, checked_in=person.checked_in_at is not None)
            for person in people]


def send_check_ins(event: Event, queued: list[QueuedCheckIn], actor: str,
                   now: datetime | None = None) -> list[SentCheckIn]:
    """Make the desk's queued check-ins, each once however often it is sent."""
    now = now or utcnow()
    return [send_one(event, item, actor, now) for item in queued]


def send_one(event: Event, item: QueuedCheckIn, actor: str, now: datetime) -> SentCheckIn:
    earlier = answered_before(event, item.client_id)
    if earlier is not None:
        return earlier
    record = DeskCheckIn(event_id=event.id, client_id=item.client_id, outcome=UNKNOWN,
                         received_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(record)
    except IntegrityError:  # another request with the same id got there first
        return answered_before(event, item.client_id) or SentCheckIn(item.client_id, UNKNOWN, None)
    attendee = attendee_by_code_or_number(event, item.typed)
    if attendee is None:
        return SentCheckIn(item.client_id, UNKNOWN, None)
    at = desk_time(item.at, now)
    result = check_in(event, attendee, actor, at)
    if result.outcome == Arrival.ALREADY:
        keep_earliest(event, attendee, at, actor)
    record.attendee_id, record.outcome = attendee.id, result.outcome.value
    db.session.flush()
    return SentCheckIn(item.client_id, result.outcome.value, attendee)


def keep_earliest(event: Event, attendee: Attendee, at: datetime, actor: str) -> None:
    """Two desks saw the person arrive: the arrival is the earlier of their times."""
    stored = attendee.checked_in_at
    moved = rows_changed(
        update(Attendee).where(Attendee.id == attendee.id, Attendee.checked_in_at > at)
        .values(checked_in_at=at).execution_options(synchronize_session=False))
    if moved == 1:
        db.session.refresh(attendee)
        audit(event, actor, "check_in_earlier", attendee, {"checked_in_at": [stored, at]})


def answered_before(event: Event, client_id: str) -> SentCheckIn | None:
    record = db.session.scalar(select(DeskCheckIn).where(
        DeskCheckIn.event_id == event.id, DeskCheckIn.client_id == client_id))
    if record is None:
        return None
    attendee = db.session.get(Attendee, record.attendee_id) if record.attendee_id else None
    return SentCheckIn(client_id, record.outcome, attendee)


def desk_time(at: datetime | None, now: datetime) -> datetime:
    """The desk's time of a check-in, where it can be believed; otherwise now."""
    if at is None or at > now or at < now - DESK_CLOCK_TRUSTED_FOR:
        return now
    return at

