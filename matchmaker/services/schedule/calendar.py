"""The attendee's published schedule: the page's rows, calendar entries and the feed.

``CalendarEntry`` rows remember what each attendee's calendar was told. ``sync_calendars``
compares them with the published meetings: a new meeting gets an entry with a new UID,
a moved one a higher SEQUENCE, a removed one STATUS:CANCELLED. It runs when a schedule
is published or re-planned (its changes feed the mails, see ``schedule_mails``) and,
lazily, before an attendee's calendar is read, so a meeting dropped because the partner
cancelled shows up as cancelled too.
"""

import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from ...exchange.ical import CalendarItem, calendar_bytes
from ...extensions import db
from ...labels import SESSION_KIND_LABELS
from ...models import (
    Attendee,
    CalendarEntry,
    CalendarFeed,
    Event,
    Meeting,
    MeetingColleague,
    MeetingTable,
    OutgoingMail,
    Slot,
    utcnow,
)
from ..mail.notifications import compose, public_url
from ..programme.agenda import AgendaSession, seated_sessions
from ..tokens import TOKEN_SHAPE
from .runs import schedule_published
from .teams import colleagues_in

# English pages and mails write dates the British way ("Wednesday, 16 June 2027").
DATE_LOCALES = {"de": "de_DE", "en": "en_GB"}


@dataclass(frozen=True)
class PlannedMeeting:
    """A published meeting from one attendee's side."""

    meeting_id: int
    partner_id: int
    partner_name: str
    partner_organisation: str
    partner_industry: str
    starts_at: datetime
    ends_at: datetime
    table: str
    reasons: list[dict[str, Any]]
    others: tuple[str, ...] = ()  # a team meeting: everybody else at the table, by name


@dataclass(frozen=True)
class Change:
    """What changed for one attendee: ``added``, ``moved`` or ``cancelled``."""

    kind: str
    starts_at: datetime
    ends_at: datetime
    table: str
    partner_name: str | None


@dataclass(frozen=True)
class SlotRow:
    """One slot of the attendee's day: a meeting, free, or marked unavailable by them."""

    number: int
    starts_at: datetime
    ends_at: datetime
    meeting: PlannedMeeting | None
    unavailable: bool


def planned_meetings(event: Event, attendee_ids: Iterable[int] | None = None) -> dict[int, list[PlannedMeeting]]:
    """Each attendee's published meetings in time order (nothing while the plan is a draft)."""
    if not schedule_published(event):
        return {}
    a, b = aliased(Attendee), aliased(Attendee)
    query = (
        select(Meeting.id, Meeting.reasons, Slot.starts_at, Slot.ends_at, MeetingTable.name, a, b)
        .join(Slot, Slot.id == Meeting.slot_id)
        .join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .where(Meeting.event_id == event.id).order_by(Slot.starts_at, Meeting.id))
    if attendee_ids is not None:
        ids = list(attendee_ids)
        query = query.where(or_(Meeting.attendee_a_id.in_(ids), Meeting.attendee_b_id.in_(ids),
                                Meeting.id.in_(select(MeetingColleague.meeting_id)
                                               .where(MeetingColleague.attendee_id.in_(ids)))))
    rows = db.session.execute(query).all()
    teams = colleagues_in([row[0] for row in rows])
    planned: dict[int, list[PlannedMeeting]] = {}
    for meeting_id, reasons, starts, ends, table, first, second in rows:
        team = teams.get(meeting_id, [])  # a team meeting: the colleagues see it too
        seats = [(first.id, first.full_name, first.id), (second.id, second.full_name, second.id)]
        seats += [(c.id, c.name, c.beside_id) for c in team]
        for me, _name, beside in seats:
            partner = second if beside == first.id else first
            planned.setdefault(me, []).append(PlannedMeeting(
                meeting_id=meeting_id, partner_id=partner.id, partner_name=partner.full_name,
                partner_organisation=partner.organisation, partner_industry=partner.industry_code,
                starts_at=starts, ends_at=ends, table=table, reasons=reasons,
                others=tuple(name for who, name, _ in seats if who not in (me, partner.id))))
    return planned


def sync_calendars(event: Event, attendee_ids: Iterable[int] | None = None,
                   now: datetime | None = None) -> dict[int, list[Change]]:
    """Bring the calendar entries in line with the published meetings; the changes by attendee."""
    now = now or utcnow()
    ids = None if attendee_ids is None else list(attendee_ids)
    planned = planned_meetings(event, ids)
    if ids is not None:
        planned = {owner: meetings for owner, meetings in planned.items() if owner in ids}
    query = select(CalendarEntry).join(Attendee, Attendee.id == CalendarEntry.attendee_id) \
        .where(Attendee.event_id == event.id)
    if ids is not None:
        query = query.where(CalendarEntry.attendee_id.in_(ids))
    entries = {(e.attendee_id, e.partner_id): e for e in db.session.scalars(query)}
    changes: dict[int, list[Change]] = {}
    for owner, meetings in planned.items():
        for meeting in meetings:
            change = apply_meeting(entries.pop((owner, meeting.partner_id), None), owner, meeting, now)
            if change:
                changes.setdefault(owner, []).append(change)
    for (owner, _partner), entry in entries.items():
        if entry.cancelled_at is None:
            entry.cancelled_at, entry.updated_at, entry.sequence = now, now, entry.sequence + 1
            changes.setdefault(owner, []).append(
                Change("cancelled", entry.starts_at, entry.ends_at, entry.table_name, None))
    db.session.flush()
    return changes


def apply_meeting(entry: CalendarEntry | None, owner: int, meeting: PlannedMeeting,
                  now: datetime) -> Change | None:
    where = (meeting.starts_at, meeting.ends_at, meeting.table)
    if entry is None:
        db.session.add(CalendarEntry(
            attendee_id=owner, partner_id=meeting.partner_id, uid=secrets.token_hex(16),
            starts_at=meeting.starts_at, ends_at=meeting.ends_at, table_name=meeting.table,
            updated_at=now))
        return Change("added", *where, meeting.partner_name)
    if entry.cancelled_at is None and (entry.starts_at, entry.ends_at, entry.table_name) == where:
        return None
    kind = "added" if entry.cancelled_at is not None else "moved"
    entry.starts_at, entry.ends_at, entry.table_name = where
    entry.cancelled_at, entry.updated_at, entry.sequence = None, now, entry.sequence + 1
    return Change(kind, *where, meeting.partner_name)


def day_label(value: date, language: str) -> str:
    return format_date(value, format="full", locale=DATE_LOCALES.get(language, "de_DE"))


def schedule_mails(event: Event, now: datetime | None = None) -> list[OutgoingMail]:
    """After publishing or re-planning: "Your schedule" to each attendee who gets meetings
    for the first time, a change notice saying what changed to those whose meetings changed."""
    known = set(db.session.scalars(
        select(CalendarEntry.attendee_id).join(Attendee, Attendee.id == CalendarEntry.attendee_id)
        .where(Attendee.event_id == event.id)))
    changes = sync_calendars(event, now=now)
    planned = planned_meetings(event, changes)
    people = {a.id: a for a in db.session.scalars(select(Attendee).where(Attendee.id.in_(changes)))}
    mails = []
    for owner in sorted(changes):
        attendee = people[owner]
        if not attendee.is_matchable:
            continue
        meetings, first = planned.get(owner, []), owner not in known
        if first and not meetings:
            continue
        mails.append(compose(attendee, "schedule" if first else "schedule_changed",
                             meetings=meetings, changes=changes[owner],
                             day=day_label(event.starts_on, attendee.language),
                             schedule_link=public_url("attendee.schedule", token=attendee.token)))
    return mails


def slot_rows(attendee: Attendee) -> list[SlotRow]:
    """Every slot of the attendee's day, with their meeting in it (published plans only)."""
    by_start = {m.starts_at: m for m in planned_meetings(attendee.event, [attendee.id]).get(attendee.id, [])}
    return [SlotRow(number=slot.number, starts_at=slot.starts_at, ends_at=slot.ends_at,
                    meeting=by_start.get(slot.starts_at),
                    unavailable=slot.number in attendee.unavailable_slots)
            for slot in attendee.event.slots]


def current_meeting(entry: CalendarEntry, planned: dict[int, PlannedMeeting]) -> PlannedMeeting | None:
    """The planned meeting an entry still stands for (none for a cancelled entry)."""
    if entry.cancelled_at is not None or entry.partner_id is None:
        return None
    return planned.get(entry.partner_id)


def attendee_calendar(attendee: Attendee, now: datetime | None = None) -> bytes:
    """The attendee's ``.ics`` file in their language: all entries, cancelled ones too, and
    the sessions they have a seat in, in time order."""
    now = now or utcnow()
    sync_calendars(attendee.event, [attendee.id], now)
    planned = {m.partner_id: m for m in planned_meetings(attendee.event, [attendee.id]).get(attendee.id, [])}
    entries = db.session.scalars(select(CalendarEntry).where(CalendarEntry.attendee_id == attendee.id)
                                 .order_by(CalendarEntry.starts_at, CalendarEntry.id))
    event = attendee.event
    with force_locale(attendee.language):
        items = [calendar_item(entry, current_meeting(entry, planned), event) for entry in entries]
        items += [session_item(session, attendee.id, event, now) for session
                  in seated_sessions(event, [attendee.id]).get(attendee.id, [])]
        name = _("Meetings at %(event)s", event=event.title)
    return calendar_bytes(name, sorted(items, key=lambda item: item.starts_at))


def session_item(session: AgendaSession, attendee_id: int, event: Event, now: datetime) -> CalendarItem:
    """A session with a seat; once left, it is no longer in the file (a feed drops it)."""
    location = f"{event.venue}, {session.room}" if session.room else event.venue
    return CalendarItem(uid=f"session-{session.session_id}-{attendee_id}@matchmaker", sequence=0,
                        starts_at=session.starts_at, ends_at=session.ends_at, stamp=now,
                        summary=session.title, location=location,
                        description=str(SESSION_KIND_LABELS[session.kind.value]), cancelled=False)


def calendar_item(entry: CalendarEntry, meeting: PlannedMeeting | None, event: Event) -> CalendarItem:
    """A cancelled entry names nobody: the partner may have withdrawn or erased their data."""
    if meeting is None:
        summary, description = _("Cancelled: 1:1 meeting"), _("This meeting has been called off.")
    else:
        summary = _("1:1 meeting: %(name)s (%(organisation)s)", name=meeting.partner_name,
                    organisation=meeting.partner_organisation)
        description = _("Also at the table: %(names)s", names=", ".join(meeting.others)) \
            if meeting.others else ""
    location = _("%(venue)s, table %(table)s", venue=event.venue, table=entry.table_name)
    return CalendarItem(uid=f"{entry.uid}@matchmaker", sequence=entry.sequence,
                        starts_at=entry.starts_at, ends_at=entry.ends_at, stamp=entry.updated_at,
                        summary=summary, location=location, description=description,
                        cancelled=meeting is None)


def feed_token(attendee: Attendee) -> str | None:
    feed = db.session.get(CalendarFeed, attendee.id)
    return feed.token if feed else None


def renew_feed(attendee: Attendee) -> str:
    """A new secret feed address; the old one (if any) stops working at once."""
    feed = db.session.get(CalendarFeed, attendee.id)
    if feed is None:
        feed = CalendarFeed(attendee_id=attendee.id)
        db.session.add(feed)
    feed.token, feed.created_at = secrets.token_urlsafe(32), utcnow()
    db.session.flush()
    return feed.token


def attendee_by_feed_token(token: str) -> Attendee | None:
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token == token))
    if feed is None or not hmac.compare_digest(feed.token.encode(), token.encode()):
        return None
    return db.session.get(Attendee, feed.attendee_id)
