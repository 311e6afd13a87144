"""An event's settings as organisers edit them, and what a change would do to planned
meetings before it is saved.

Slots and tables keep their numbers: a shorter grid removes the last slots (and the
meetings in them), fewer tables remove the last tables (and their meetings). Times of
the remaining slots may move; their meetings stay.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select

from ...extensions import db
from ...models import Attendee, Event, Meeting, MeetingTable, OutgoingMail, Slot
from .. import DomainError
from ..audit import differences, record
from ..mail.notifications import promote_and_notify
from .events import EventPlan, SlotBlock, slot_grid


@dataclass(frozen=True)
class EventSettings:
    title: str
    starts_on: date
    venue: str
    capacity: int
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    blocks: tuple[SlotBlock, ...]
    meeting_minutes: int
    table_names: tuple[str, ...]
    booking_on_acceptance: bool = True  # see services.attendees.booking
    theme: str | None = None  # a key of labels.THEME_LABELS, for the list of events' filter


@dataclass(frozen=True)
class Impact:
    """What saving would change in the planned meetings."""

    removed_slots: int
    removed_tables: int
    meetings_lost: int
    slots_moved: int

    @property
    def needs_confirmation(self) -> bool:
        return self.meetings_lost > 0


def settings_of(event: Event) -> EventSettings:
    slots = event.slots
    minutes = int((slots[0].ends_at - slots[0].starts_at).total_seconds() // 60) if slots else 20
    blocks: list[SlotBlock] = []
    for slot in slots:
        if not blocks or slot.block != len(blocks):
            blocks.append(SlotBlock(slot.starts_at.time(), 0))
        blocks[-1] = SlotBlock(blocks[-1].starts, blocks[-1].slot_count + 1)
    return EventSettings(
        title=event.title, starts_on=event.starts_on, venue=event.venue, capacity=event.capacity,
        registration_opens_at=event.registration_opens_at,
        registration_closes_at=event.registration_closes_at, blocks=tuple(blocks),
        meeting_minutes=minutes, table_names=tuple(table.name for table in event.tables),
        booking_on_acceptance=event.booking_on_acceptance, theme=event.theme,
    )


def new_grid(event: Event, settings: EventSettings) -> list[Slot]:
    return slot_grid(EventPlan(slug=event.slug, title=settings.title,
                               starts_on=settings.starts_on, venue=settings.venue,
                               capacity=settings.capacity, blocks=settings.blocks,
                               meeting_minutes=settings.meeting_minutes, table_count=0))


def impact_of(event: Event, settings: EventSettings) -> Impact:
    check(settings)
    grid = new_grid(event, settings)
    slot_count, table_count = len(grid), len(settings.table_names)
    lost = db.session.scalar(
        select(func.count()).select_from(Meeting)
        .join(Slot, Slot.id == Meeting.slot_id).join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .where(Meeting.event_id == event.id,
               (Slot.number > slot_count) | (MeetingTable.number > table_count))) or 0
    # The new grid may have more or fewer slots than the old (strict=False here and below).
    moved = sum(1 for old, new in zip(event.slots, grid, strict=False)
                if (old.starts_at, old.ends_at) != (new.starts_at, new.ends_at))
    return Impact(removed_slots=max(len(event.slots) - slot_count, 0),
                  removed_tables=max(len(event.tables) - table_count, 0),
                  meetings_lost=lost, slots_moved=moved)


def check(settings: EventSettings) -> None:
    opens, closes = settings.registration_opens_at, settings.registration_closes_at
    if opens is not None and closes is not None and closes <= opens:
        raise DomainError("registration_closes_before_it_opens")
    grid_minutes = [(b.starts.hour * 60 + b.starts.minute, b.slot_count) for b in settings.blocks]
    ends = [start + count * settings.meeting_minutes for start, count in grid_minutes]
    if any(end > 24 * 60 for end in ends):
        raise DomainError("slots_past_midnight")
    # Each block's start against the previous block's end: one pair fewer than blocks.
    if any(start < previous_end for (start, _), previous_end in zip(grid_minutes[1:], ends, strict=False)):
        raise DomainError("blocks_overlap")


def apply_settings(event: Event, settings: EventSettings, actor: str) -> list[OutgoingMail]:
    """Save the settings; a larger capacity gives seats to the waiting list at once."""
    check(settings)
    before = settings_row(settings_of(event))
    event.title, event.starts_on, event.venue = settings.title, settings.starts_on, settings.venue
    event.capacity = settings.capacity
    event.booking_on_acceptance = settings.booking_on_acceptance
    event.theme = settings.theme
    event.registration_opens_at = settings.registration_opens_at
    event.registration_closes_at = settings.registration_closes_at
    apply_grid(event, new_grid(event, settings))
    apply_tables(event, settings.table_names)
    db.session.flush()
    record(event, actor, "settings_changed", None, differences(before, settings_row(settings)))
    return promote_and_notify(event)


def apply_grid(event: Event, grid: list[Slot]) -> None:
    for slot, new in zip(event.slots, grid, strict=False):
        slot.starts_at, slot.ends_at, slot.block = new.starts_at, new.ends_at, new.block
    for slot in event.slots[len(grid):]:
        db.session.delete(slot)
    event.slots.extend(grid[len(event.slots):])
    forget_removed_slots(event, len(grid))


def forget_removed_slots(event: Event, slot_count: int) -> None:
    """Attendees' unavailable slots that no longer exist are dropped."""
    for attendee in db.session.scalars(select(Attendee).where(Attendee.event_id == event.id)):
        if any(number > slot_count for number in attendee.unavailable_slots):
            attendee.unavailable_slots = [n for n in attendee.unavailable_slots if n <= slot_count]


def apply_tables(event: Event, names: tuple[str, ...]) -> None:
    for table, name in zip(event.tables, names, strict=False):
        table.name = name
    removed = [table.id for table in event.tables[len(names):]]
    if removed:
        db.session.execute(delete(Meeting).where(Meeting.table_id.in_(removed)))
        for table in event.tables[len(names):]:
            db.session.delete(table)
    event.tables.extend(MeetingTable(number=number, name=name)
                        for number, name in enumerate(names, start=1)
                        if number > len(event.tables))


def settings_row(settings: EventSettings) -> dict[str, object]:
    return {
        "title": settings.title, "starts_on": settings.starts_on.isoformat(),
        "venue": settings.venue, "capacity": settings.capacity,
        "registration_opens_at": settings.registration_opens_at,
        "registration_closes_at": settings.registration_closes_at,
        "slots": blocks_text(settings.blocks), "meeting_minutes": settings.meeting_minutes,
        "tables": len(settings.table_names), "booking_on_acceptance": settings.booking_on_acceptance,
        "theme": settings.theme,
    }


def blocks_text(blocks: tuple[SlotBlock, ...]) -> str:
    """``10:30x5,14:00x5`` (the same notation as ``matchmaker create-event --blocks``)."""
    return ",".join(f"{block.starts:%H:%M}x{block.slot_count}" for block in blocks)


def parse_blocks(text: str) -> tuple[SlotBlock, ...]:
    """``10:30x5,14:00x5`` means five slots from 10:30 and five from 14:00."""
    blocks = []
    for part in text.split(","):
        start, count = part.strip().lower().split("x")
        blocks.append(SlotBlock(datetime.strptime(start.strip(), "%H:%M").time(), int(count)))
    if not blocks or any(not 1 <= block.slot_count <= 40 for block in blocks):
        raise ValueError(text)
    return tuple(blocks)


