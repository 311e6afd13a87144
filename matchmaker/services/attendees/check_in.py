"""Check-in on the event day: finding a person by badge code, number or name, checking
them in once, undoing it within a minute, and who is still missing.

A check-in is one conditional UPDATE (``... WHERE checked_in_at IS NULL``): of two desks
checking the same person in at once, exactly one stores the time and writes the audit
entry; the other learns "already checked in". Only registered attendees are checked in:
someone on the waiting list or cancelled is reported as such and nothing is stored.
"""

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Update, func, select, update

from ...badge_code import read_badge_code
from ...documents.collation import by_name
from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, utcnow
from .. import DomainError
from ..audit import record
from ..name_search import key_matches
from ..webhooks.outbox import announce_check_in
from .self_service import MeetingRow, published_meetings

UNDO_WITHIN = timedelta(minutes=1)
SEARCH_LIMIT = 30


class Arrival(enum.StrEnum):
    CHECKED_IN = "checked_in"
    ALREADY = "already"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class CheckInResult:
    outcome: Arrival
    attendee: Attendee
    checked_in_at: datetime | None


@dataclass
class DeskRow:
    """A person as the desk sees them: no e-mail address, nothing private."""

    number: int
    first_name: str
    last_name: str
    organisation: str
    status: AttendeeStatus
    checked_in_at: datetime | None


@dataclass(frozen=True)
class DeskCounts:
    checked_in: int
    expected: int
    missing: list[DeskRow]


def attendee_by_code_or_number(event: Event, typed: str) -> Attendee | None:
    """The one registration a badge code (however typed) or a registration number names."""
    code = read_badge_code(typed)
    if code is not None:
        found = db.session.scalar(select(Attendee).where(Attendee.event_id == event.id,
                                                         Attendee.badge_code == code))
        if found is not None:
            return found
    number = typed.strip().lstrip("#")
    if number.isascii() and number.isdigit() and len(number) <= 9:
        return db.session.scalar(select(Attendee).where(Attendee.event_id == event.id,
                                                        Attendee.number == int(number)))
    return None


def meant_as_code_or_number(event: Event, typed: str) -> bool:
    """Whether what was typed (and found nobody by code or number) is to be answered as
    an unknown code or number rather than searched as a name: digits always; a badge code
    only if it is no part of a name either (a code may look like "KEMMERER")."""
    number = typed.strip().lstrip("#")
    if number.isascii() and number.isdigit():
        return True
    return read_badge_code(typed) is not None and not attendees_named(event, typed)


def attendees_named(event: Event, typed: str) -> list[DeskRow]:
    """People of the event whose name or organisation contains what was typed (umlauts
    and ß however typed), in phone-book order."""
    if not typed.strip():
        return []
    people = db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id, key_matches(Attendee.search_key, typed))
        .order_by(Attendee.number).limit(SEARCH_LIMIT))
    return by_name(desk_row(person) for person in people)


def check_in(event: Event, attendee: Attendee, actor: str, now: datetime | None = None) -> CheckInResult:
    """Check a registered attendee in, once; anyone else is only reported."""
    now = now or utcnow()
    if attendee.event_id != event.id:
        raise DomainError("check_in_unknown")
    stored = rows_changed(
        update(Attendee)
        .where(Attendee.id == attendee.id, Attendee.checked_in_at.is_(None),
               Attendee.status == AttendeeStatus.REGISTERED)
        .values(checked_in_at=now)
        .execution_options(synchronize_session=False))
    db.session.refresh(attendee)
    if stored == 1:
        record(event, actor, "check_in", attendee, {"checked_in_at": now})
        announce_check_in(attendee)
        return CheckInResult(Arrival.CHECKED_IN, attendee, now)
    return CheckInResult(not_checked_in_because(attendee), attendee, attendee.checked_in_at)


def not_checked_in_because(attendee: Attendee) -> Arrival:
    if attendee.checked_in_at is not None:
        return Arrival.ALREADY
    if attendee.status == AttendeeStatus.WAITLISTED:
        return Arrival.WAITLISTED
    return Arrival.CANCELLED


def undo_check_in(event: Event, attendee: Attendee, actor: str, now: datetime | None = None) -> None:
    """Take back a check-in made less than a minute ago (a wrong person, a wrong scan)."""
    now = now or utcnow()
    if attendee.event_id != event.id or attendee.checked_in_at is None:
        raise DomainError("check_in_not_checked_in")
    checked_in_at = attendee.checked_in_at
    undone = rows_changed(
        update(Attendee)
        .where(Attendee.id == attendee.id, Attendee.checked_in_at == checked_in_at,
               Attendee.checked_in_at > now - UNDO_WITHIN)
        .values(checked_in_at=None)
        .execution_options(synchronize_session=False))
    db.session.refresh(attendee)
    if undone != 1:
        raise DomainError("check_in_undo_too_late")
    record(event, actor, "check_in_undone", attendee, {"checked_in_at": [checked_in_at, None]})


def can_undo(attendee: Attendee, now: datetime | None = None) -> bool:
    return (attendee.checked_in_at is not None
            and attendee.checked_in_at > (now or utcnow()) - UNDO_WITHIN)


def desk_counts(event: Event) -> DeskCounts:
    """Checked in / expected (the registered), and the registered not yet arrived."""
    registered = (Attendee.event_id == event.id) & (Attendee.status == AttendeeStatus.REGISTERED)
    expected = db.session.scalar(select(func.count()).where(registered)) or 0
    missing = by_name(desk_row(person) for person in db.session.scalars(
        select(Attendee).where(registered, Attendee.checked_in_at.is_(None))))
    return DeskCounts(checked_in=expected - len(missing), expected=expected, missing=missing)


def first_meeting(attendee: Attendee) -> MeetingRow | None:
    """The attendee's first meeting of the published schedule (None: none published)."""
    meetings = published_meetings(attendee)
    return meetings[0] if meetings else None


def rows_changed(statement: Update) -> int:
    result = cast(CursorResult[Any], db.session.execute(statement))
    return result.rowcount


def desk_row(attendee: Attendee) -> DeskRow:
    return DeskRow(number=attendee.number, first_name=attendee.first_name,
                   last_name=attendee.last_name, organisation=attendee.organisation,
                   status=attendee.status, checked_in_at=attendee.checked_in_at)
