"""What the API reads, one page at a time, as plain JSON-ready rows.

No personal data beyond the organiser's attendee export: an attendee is named by their
registration number (``id``), which the schedule and the check-ins refer to. The
programme's sessions carry counts of taken seats and waiting places, not who holds them.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from ...extensions import db
from ...models import Attendee, Event, Meeting, MeetingTable, ProgrammeSession, Slot
from ..programme.choices import Seats, seats_by_session
from ..schedule.runs import schedule_published

Row = dict[str, Any]


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    page: int
    per_page: int

    @property
    def last_page(self) -> int:
        return max(1, -(-self.total // self.per_page))


def when(value: datetime | None) -> str | None:
    """Stored times (sign-up, check-in) are UTC: ISO 8601 with a ``Z``."""
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


def venue_time(value: datetime) -> str:
    """Slot times are the venue's wall clock: given with the venue's UTC offset."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return value.replace(tzinfo=zone, microsecond=0).isoformat()


def paged(query: Select[*tuple[Any, ...]], page: int, per_page: int) -> tuple[list[Any], int]:
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    found = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    return list(found), total


def attendees_page(event: Event, page: int, per_page: int) -> Page:
    query = select(Attendee).where(Attendee.event_id == event.id).order_by(Attendee.number)
    found, total = paged(query, page, per_page)
    return Page([attendee_row(attendee) for (attendee,) in found], total, page, per_page)


def attendee_row(attendee: Attendee) -> Row:
    return {"id": attendee.number, "status": attendee.status.value,
            "first_name": attendee.first_name, "last_name": attendee.last_name,
            "email": attendee.email, "organisation": attendee.organisation,
            "position": attendee.position or "", "org_type": attendee.org_type,
            "industry": attendee.industry_code,
            "email_confirmed": attendee.email_confirmed_at is not None,
            "signed_up_at": when(attendee.signed_up_at), "badge_code": attendee.badge_code,
            "checked_in_at": when(attendee.checked_in_at)}


def schedule_page(event: Event, page: int, per_page: int) -> Page:
    """The published meetings, by slot and table; none while nothing is published."""
    if not schedule_published(event):
        return Page([], 0, page, per_page)
    first, second = aliased(Attendee), aliased(Attendee)
    query = (select(Slot.number, Slot.starts_at, Slot.ends_at, MeetingTable.number,
                    MeetingTable.name, first.number, second.number)
             .select_from(Meeting).join(Slot, Slot.id == Meeting.slot_id)
             .join(MeetingTable, MeetingTable.id == Meeting.table_id)
             .join(first, first.id == Meeting.attendee_a_id)
             .join(second, second.id == Meeting.attendee_b_id)
             .where(Meeting.event_id == event.id).order_by(Slot.number, MeetingTable.number))
    found, total = paged(query, page, per_page)
    rows = [{"slot": slot, "starts_at": venue_time(starts), "ends_at": venue_time(ends),
             "table": {"number": table, "name": name}, "attendee_ids": sorted((a, b))}
            for slot, starts, ends, table, name, a, b in found]
    return Page(rows, total, page, per_page)


def check_ins_page(event: Event, page: int, per_page: int) -> Page:
    """Who has arrived, in the order they were checked in."""
    query = (select(Attendee.number, Attendee.badge_code, Attendee.checked_in_at)
             .where(Attendee.event_id == event.id, Attendee.checked_in_at.is_not(None))
             .order_by(Attendee.checked_in_at, Attendee.number))
    found, total = paged(query, page, per_page)
    rows = [{"attendee_id": number, "badge_code": code, "checked_in_at": when(at)}
            for number, code, at in found]
    return Page(rows, total, page, per_page)


def programme_page(event: Event, page: int, per_page: int) -> Page:
    """The programme's sessions by start, end and title, as the public programme page."""
    query = (select(ProgrammeSession).where(ProgrammeSession.event_id == event.id)
             .order_by(ProgrammeSession.starts_at, ProgrammeSession.ends_at, ProgrammeSession.title))
    found, total = paged(query, page, per_page)
    seats = seats_by_session(event)
    rows = [session_row(session, seats.get(session.id, Seats(0, 0))) for (session,) in found]
    return Page(rows, total, page, per_page)


def session_row(session: ProgrammeSession, seats: Seats) -> Row:
    return {"id": session.id, "title": session.title, "kind": session.kind.value,
            "starts_at": venue_time(session.starts_at), "ends_at": venue_time(session.ends_at),
            "room": session.room, "capacity": session.capacity, "themes": list(session.themes),
            "description": session.description, "seats_taken": seats.taken, "waiting": seats.waiting}
