"""Which attendees' printed schedules are out of date: ``record_schedule_changes``.

Every service that changes meetings or the names on them (planning, a changed profile,
a cancellation, an erasure) calls it before its caller commits. It compares each
attendee's current sheet with the fingerprint stored last time and stamps the time where
they differ, so ``--changed-since`` finds exactly the sheets that need a re-print.
"""

import hashlib
import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ...extensions import db
from ...models import Attendee, Event, Meeting, MeetingColleague, MeetingTable, ScheduleChange, Slot, utcnow


def record_schedule_changes(event: Event, now: datetime | None = None) -> set[int]:
    """Stamp ``now`` on every attendee whose sheet changed; returns their ids."""
    now = now or utcnow()
    stored = {row.attendee_id: row for row in db.session.scalars(
        select(ScheduleChange).where(ScheduleChange.event_id == event.id))}
    changed = set()
    for attendee_id, fingerprint in fingerprints(event).items():
        row = stored.get(attendee_id)
        if row is None:
            db.session.add(ScheduleChange(attendee_id=attendee_id, event_id=event.id,
                                          fingerprint=fingerprint, changed_at=now))
        elif row.fingerprint != fingerprint:
            row.fingerprint, row.changed_at = fingerprint, now
        else:
            continue
        changed.add(attendee_id)
    db.session.flush()
    return changed


def changed_since(event: Event, since: datetime) -> set[int]:
    """The attendees whose sheet changed after ``since`` (UTC)."""
    return set(db.session.scalars(select(ScheduleChange.attendee_id).where(
        ScheduleChange.event_id == event.id, ScheduleChange.changed_at > since)))


def fingerprints(event: Event) -> dict[int, str]:
    people = {attendee_id: [first, last, organisation, industry]
              for attendee_id, first, last, organisation, industry in db.session.execute(
                  select(Attendee.id, Attendee.first_name, Attendee.last_name,
                         Attendee.organisation, Attendee.industry_code)
                  .where(Attendee.event_id == event.id))}
    sheets: dict[int, list[Any]] = defaultdict(list)
    for a, b, slot, table, reasons in db.session.execute(
        select(Meeting.attendee_a_id, Meeting.attendee_b_id, Slot.number, MeetingTable.name,
               Meeting.reasons)
        .join(Slot, Slot.id == Meeting.slot_id)
        .join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .where(Meeting.event_id == event.id)
    ):
        for own, partner in ((a, b), (b, a)):
            sheets[own].append([slot, table, partner, people[partner], reasons])
    for colleague, a, b, slot, table in db.session.execute(  # team meetings: on every sheet at the table
        select(MeetingColleague.attendee_id, Meeting.attendee_a_id, Meeting.attendee_b_id, Slot.number,
               MeetingTable.name)
        .join(Meeting, Meeting.id == MeetingColleague.meeting_id).join(Slot, Slot.id == Meeting.slot_id)
        .join(MeetingTable, MeetingTable.id == Meeting.table_id).where(Meeting.event_id == event.id)
    ):
        for own in (colleague, a, b):
            sheets[own].append([slot, table, colleague, people[colleague], [a, b]])
    return {attendee_id: digest([person, sorted(sheets[attendee_id], key=lambda m: (m[0], m[2]))])
            for attendee_id, person in people.items()}


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
