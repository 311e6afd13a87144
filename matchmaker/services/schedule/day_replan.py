"""Re-planning during the event day: ``replan_from`` is the use case behind the
dashboard's button and ``matchmaker replan``; ``absentees`` and ``meetings_at_risk`` say
beforehand whom it concerns.

Whoever has not checked in (or, with ``absent_after``, not by then) counts as absent from
slot N on: their meetings from N are cancelled and the people left alone get new partners
(``matching.day.replan_day``). Only those rows change in the database, so every other
meeting keeps its row (and its "we met"). The schedule is published already, so the
change is in force at once; each attendee whose meetings changed gets a short mail
("Your next meeting has changed"), recorded here and sent by the caller after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import aliased

from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, Meeting, MeetingTable, OutgoingMail, Slot, utcnow
from .. import DomainError
from ..audit import record
from ..mail.notifications import compose, public_url
from .calendar import planned_meetings, sync_calendars
from .changes import record_schedule_changes
from .planning import engine_event, matched_attendees, reason_json, stored_meetings
from .runs import schedule_published

if TYPE_CHECKING:  # the engine (numpy, scipy) loads when a re-plan runs, not with the app
    from ...matching.day import DayReplan

MAIL_KIND = "next_meeting_changed"


@dataclass(frozen=True)
class AtRisk:
    """A meeting from the slot on in which somebody has not checked in."""

    slot: int
    table: str
    names: tuple[str, str]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class DayStatus:
    """The day so far: who has checked in, and the meetings at risk in each coming slot."""

    checked_in: int
    expected: int
    coming: list[int]  # slot numbers not begun yet
    at_risk: dict[int, list[AtRisk]]


@dataclass(frozen=True)
class ReplanOutcome:
    cancelled: int
    added: int
    left_alone: int
    mails: list[OutgoingMail]


def local_time_on_day(event: Event, at: time) -> datetime:
    """``at`` on the event's day in the app's time zone, as the naive UTC the database keeps."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    local = datetime.combine(event.starts_on, at, tzinfo=zone)
    return local.astimezone(UTC).replace(tzinfo=None)


def absentees(event: Event, absent_after: datetime | None = None) -> list[Attendee]:
    """Matched attendees not checked in (by ``absent_after``, UTC, if given), by number."""
    return [a for a in matched_attendees(event) if a.checked_in_at is None
            or (absent_after is not None and a.checked_in_at > absent_after)]


def meetings_at_risk(event: Event, from_slot: int = 1,
                     absent_after: datetime | None = None) -> list[AtRisk]:
    """The meetings from ``from_slot`` on with an attendee who has not checked in."""
    missing = {a.id for a in absentees(event, absent_after)}
    a, b = aliased(Attendee), aliased(Attendee)
    rows = db.session.execute(
        select(Slot.number, MeetingTable.name, a, b).select_from(Meeting)
        .join(Slot, Slot.id == Meeting.slot_id).join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .where(Meeting.event_id == event.id, Slot.number >= from_slot,
               or_(Meeting.attendee_a_id.in_(missing), Meeting.attendee_b_id.in_(missing)))
        .order_by(Slot.number, MeetingTable.number))
    return [AtRisk(slot, table, (first.full_name, second.full_name),
                   tuple(p.full_name for p in (first, second) if p.id in missing))
            for slot, table, first, second in rows]


def day_status(event: Event, now: datetime | None = None) -> DayStatus | None:
    """None until the schedule is published and the first attendee has checked in (before
    that, every meeting would look at risk); then the slots still to come and their risks."""
    matched = (Attendee.event_id == event.id, Attendee.status == AttendeeStatus.REGISTERED,
               Attendee.email_confirmed_at.is_not(None))  # ``matched_attendees``, counted in SQL
    total, arrived = db.session.execute(select(
        func.count(), func.count(Attendee.checked_in_at)).where(*matched)).one()
    if not arrived or not schedule_published(event):
        return None
    now = now or utcnow()
    coming = [slot.number for slot in event.slots if slot.starts_at > now]
    risks: dict[int, list[AtRisk]] = {}
    for risk in meetings_at_risk(event, coming[0]) if coming else []:
        risks.setdefault(risk.slot, []).append(risk)
    return DayStatus(arrived, total, coming, risks)


def replan_from(event: Event, from_slot: int, absent_after: datetime | None = None, *,
                actor: str, now: datetime | None = None) -> ReplanOutcome:
    """Re-plan slots ``from_slot``.. around the absent; flushes, the caller commits and
    then sends ``outcome.mails``."""
    if not schedule_published(event):
        raise DomainError("replan_not_published")
    if not any(slot.number == from_slot for slot in event.slots):
        raise DomainError("slot_not_found")
    people = matched_attendees(event)
    ids = {a.id for a in people}
    stored = [(m, locked) for m, locked in stored_meetings(event) if set(m.pair) <= ids]
    engine = engine_event(event, people, locked=tuple(m for m, locked in stored if locked))
    absent = {a.id for a in absentees(event, absent_after)}
    from ...matching.day import replan_day

    result = replan_day(engine, [m for m, locked in stored if not locked], from_slot, absent)
    store_day_replan(event, result)
    mails = change_notices(event, result, now)
    record(event, actor, "schedule_replanned", changes={
        "from_slot": from_slot, "absent": len(absent), "cancelled": len(result.cancelled),
        "added": len(result.added)})
    return ReplanOutcome(len(result.cancelled), len(result.added), result.left_alone, mails)


def store_day_replan(event: Event, result: DayReplan) -> None:
    """Delete the cancelled meetings' rows and add the refills; nothing else is touched."""
    slot_ids = {slot.number: slot.id for slot in event.slots}
    table_ids = {table.number: table.id for table in event.tables}
    if result.cancelled:
        db.session.execute(delete(Meeting).where(Meeting.event_id == event.id, or_(*(
            and_(Meeting.slot_id == slot_ids[m.slot], Meeting.attendee_a_id == m.pair[0],
                 Meeting.attendee_b_id == m.pair[1]) for m in result.cancelled))))
    db.session.add_all(
        Meeting(event_id=event.id, slot_id=slot_ids[m.meeting.slot],
                table_id=table_ids[m.meeting.table], attendee_a_id=m.meeting.pair[0],
                attendee_b_id=m.meeting.pair[1], score=m.score,
                reasons=[reason_json(r) for r in m.reasons])
        for m in result.added)
    db.session.flush()
    db.session.expire_all()
    record_schedule_changes(event)


def change_notices(event: Event, result: DayReplan, now: datetime | None) -> list[OutgoingMail]:
    """"Your next meeting has changed" to each attendee whose meetings changed."""
    changed = sorted(result.changed_people)
    changes = sync_calendars(event, changed, now or utcnow())
    planned = planned_meetings(event, changed)
    mails = []
    for attendee in db.session.scalars(select(Attendee).where(Attendee.id.in_(changed))
                                       .order_by(Attendee.id)):
        if attendee.is_matchable and attendee.id in changes:
            mails.append(compose(attendee, MAIL_KIND, changes=changes[attendee.id],
                                 meetings=planned.get(attendee.id, []),
                                 schedule_link=public_url("attendee.schedule", token=attendee.token)))
    return mails

