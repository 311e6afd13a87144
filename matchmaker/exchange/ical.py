"""An attendee's meetings as an iCalendar file (RFC 5545), from plain rows to bytes.

Times are the venue's local wall-clock times in Europe/Berlin, written with TZID and the
zone's VTIMEZONE. Each meeting keeps its UID; SEQUENCE grows when it changes, so a
calendar app updates the event instead of adding a second one, and a meeting that was
called off stays in the file as STATUS:CANCELLED.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # icalendar is imported by the functions that write a calendar
    from icalendar import Event as CalendarEvent

VENUE_ZONE = ZoneInfo("Europe/Berlin")
PRODUCT_ID = "-//matchmaker//Meeting schedule//EN"


@dataclass(frozen=True)
class CalendarItem:
    """One meeting: naive local start and end, naive UTC ``stamp`` of its last change."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    stamp: datetime
    summary: str
    location: str
    description: str
    cancelled: bool


def calendar_bytes(name: str, items: Sequence[CalendarItem]) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for item in items:
        calendar.add_component(calendar_event(item))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_event(item: CalendarItem) -> CalendarEvent:
    from icalendar import Event as CalendarEvent

    event = CalendarEvent()
    event.add("uid", item.uid)
    event.add("sequence", item.sequence)
    event.add("dtstamp", item.stamp.replace(tzinfo=UTC))
    event.add("dtstart", item.starts_at.replace(tzinfo=VENUE_ZONE))
    event.add("dtend", item.ends_at.replace(tzinfo=VENUE_ZONE))
    event.add("summary", item.summary)
    event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if item.cancelled else "OPAQUE")
    return event
