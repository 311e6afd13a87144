"""Events, their slot grid and tables, and the industry list every installation starts with."""

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select, update

from ...documents.collation import phonebook
from ...extensions import db
from ...models import (
    Attendee,
    AttendeeStatus,
    Event,
    EventRole,
    Industry,
    MeetingTable,
    Organiser,
    Question,
    Slot,
    organiser_event,
    utcnow,
)
from .. import DomainError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# First path segments the app uses itself: an event there could never be reached.
SLUG_BASE_LENGTH = 70  # room for "-2" ... within the 80 characters of a short name
RESERVED_SLUGS = frozenset({"organiser", "me", "privacy", "language", "static", "events"})

# German and English names of the industry codes in ``vocabulary.INDUSTRY_CODES``.
STANDARD_INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("manufacturing_engineering", "Produktion und Maschinenbau", "Manufacturing and engineering"),
    ("ict_software", "IKT und Software", "ICT and software"),
    ("health_medtech", "Gesundheit und Medizintechnik", "Health and medical technology"),
    ("energy_environment", "Energie und Umwelt", "Energy and environment"),
    ("automotive_mobility", "Automobil und Mobilität", "Automotive and mobility"),
    ("chemicals_materials", "Chemie und Werkstoffe", "Chemicals and materials"),
    ("biotech_life_sciences", "Biotechnologie und Life Sciences", "Biotechnology and life sciences"),
    ("optics_photonics", "Optik und Photonik", "Optics and photonics"),
    ("logistics", "Logistik", "Logistics"),
    ("aerospace", "Luft- und Raumfahrt", "Aerospace"),
    ("micro_nano", "Mikro- und Nanotechnologie", "Micro- and nanotechnology"),
    ("food_agri", "Ernährung und Landwirtschaft", "Food and agriculture"),
    ("maritime", "Maritime Wirtschaft", "Maritime industry"),
    ("creative_industries", "Kultur- und Kreativwirtschaft", "Creative industries"),
    ("construction_housing", "Bauen und Wohnen", "Construction and housing"),
    ("textiles", "Textil", "Textiles"),
    ("services_consulting", "Dienstleistungen und Beratung", "Services and consulting"),
)


@dataclass(frozen=True)
class SlotBlock:
    """A run of back-to-back meeting slots, e.g. the morning block."""

    starts: time
    slot_count: int


@dataclass(frozen=True)
class EventPlan:
    slug: str
    title: str
    starts_on: date
    venue: str
    capacity: int
    blocks: tuple[SlotBlock, ...]
    meeting_minutes: int
    table_count: int
    theme: str | None = None


@dataclass(frozen=True)
class SeatCounts:
    capacity: int
    registered: int
    waitlisted: int

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.registered, 0)


def ensure_industries() -> None:
    """Add the standard industries that are missing; names organisers changed are kept."""
    existing = set(db.session.scalars(select(Industry.code)))
    for position, (code, name_de, name_en) in enumerate(STANDARD_INDUSTRIES):
        if code not in existing:
            db.session.add(Industry(code=code, name_de=name_de, name_en=name_en, position=position))
    db.session.flush()


def create_event(plan: EventPlan) -> Event:
    """Create an event with its slot grid and tables; a second call with the same slug
    returns the existing event unchanged."""
    existing = event_by_slug(plan.slug)
    if existing is not None:
        return existing
    check_slug(plan.slug)
    if plan.capacity < 0 or plan.meeting_minutes <= 0 or plan.table_count < 0:
        raise DomainError("invalid_event_plan")
    event = Event(
        slug=plan.slug, title=plan.title, starts_on=plan.starts_on, venue=plan.venue,
        capacity=plan.capacity, theme=plan.theme,
    )
    event.slots = list(slot_grid(plan))
    event.tables = [
        MeetingTable(number=number, name=str(number)) for number in range(1, plan.table_count + 1)
    ]
    db.session.add(event)
    db.session.flush()
    return event


def check_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS or not re.fullmatch(SLUG_PATTERN, slug):
        raise DomainError("slug_not_allowed", slug=slug)


def slug_from_title(title: str) -> str:
    """A free short name made from the title: "Frühjahrstreffen Süß 2027" ->
    "fruehjahrstreffen-suess-2027" (umlauts spelled out, ß as ss, as in the phone book),
    then "-2", "-3", ... if it is taken or reserved."""
    base = re.sub(r"[^a-z0-9]+", "-", phonebook(title))[:SLUG_BASE_LENGTH].strip("-") or "event"
    taken = set(db.session.scalars(select(Event.slug).where(Event.slug.startswith(base))))
    taken |= RESERVED_SLUGS
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def slot_grid(plan: EventPlan) -> list[Slot]:
    length = timedelta(minutes=plan.meeting_minutes)
    slots: list[Slot] = []
    for block_number, block in enumerate(plan.blocks, start=1):
        start = datetime.combine(plan.starts_on, block.starts)
        for index in range(block.slot_count):
            begins = start + index * length
            slots.append(Slot(number=len(slots) + 1, starts_at=begins, ends_at=begins + length,
                              block=block_number))
    return slots


def all_events() -> list[Event]:
    """Every event of the installation, soonest first."""
    return list(db.session.scalars(select(Event).order_by(Event.starts_on, Event.slug)))


def event_by_slug(slug: str) -> Event | None:
    return db.session.scalar(select(Event).where(Event.slug == slug))


class RegistrationState(enum.StrEnum):
    OPEN = "open"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"
    PAST = "past"
    ARCHIVED = "archived"


def registration_state(event: Event, now: datetime | None = None) -> RegistrationState:
    """Whether the event takes sign-ups now; ``now`` is naive UTC as stored."""
    now = now or utcnow()
    if event.archived_at is not None:
        return RegistrationState.ARCHIVED
    if event.starts_on < now.date():
        return RegistrationState.PAST
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        return RegistrationState.NOT_YET_OPEN
    if event.registration_closes_at is not None and now >= event.registration_closes_at:
        return RegistrationState.CLOSED
    return RegistrationState.OPEN


def open_events(now: datetime | None = None) -> list[Event]:
    """The events listed on the start page: those taking sign-ups now."""
    return [event for event in all_events()
            if registration_state(event, now) is RegistrationState.OPEN]


def events_of(organiser: Organiser) -> list[Event]:
    """The events an organiser may see and change: all for an administrator; not those
    where they only staff the check-in desk."""
    if organiser.is_admin:
        return all_events()
    return list(db.session.scalars(
        select(Event).join(organiser_event, organiser_event.c.event_id == Event.id)
        .where(organiser_event.c.organiser_id == organiser.id,
               organiser_event.c.role == EventRole.ORGANISER)
        .order_by(Event.starts_on)))


@dataclass(frozen=True)
class EventRow:
    """One line of the organiser's list of events."""

    slug: str
    title: str
    starts_on: date
    venue: str
    state: RegistrationState
    seats: SeatCounts


def event_rows(organiser: Organiser) -> list[EventRow]:
    """The organiser's events with their seat counts, in two queries however many."""
    return rows_of(events_of(organiser))


def rows_of(events: list[Event]) -> list[EventRow]:
    """These events with their seat counts, in one query however many."""
    counts: dict[tuple[int, AttendeeStatus], int] = {
        (event_id, status): count for event_id, status, count in db.session.execute(
            select(Attendee.event_id, Attendee.status, func.count())
            .where(Attendee.event_id.in_([event.id for event in events]))
            .group_by(Attendee.event_id, Attendee.status))
    }
    return [
        EventRow(slug=event.slug, title=event.title, starts_on=event.starts_on, venue=event.venue,
                 state=registration_state(event),
                 seats=SeatCounts(capacity=event.capacity,
                                  registered=counts.get((event.id, AttendeeStatus.REGISTERED), 0),
                                  waitlisted=counts.get((event.id, AttendeeStatus.WAITLISTED), 0)))
        for event in events
    ]


def managed_event(organiser: Organiser, slug: str) -> Event | None:
    """The event with this slug if the organiser may manage it; None also when it exists
    but belongs to others, so that guessing a slug tells nothing."""
    event = event_by_slug(slug)
    if event is None or not (organiser.is_admin or event in organiser.events):
        return None
    return event


def grant_access(organiser: Organiser, event: Event, role: EventRole = EventRole.ORGANISER) -> None:
    """Give access to the event in this role (the role given last counts)."""
    if event not in organiser.events:
        organiser.events.append(event)
    db.session.flush()
    db.session.execute(update(organiser_event).where(
        organiser_event.c.organiser_id == organiser.id,
        organiser_event.c.event_id == event.id).values(role=role))


def archive_event(event: Event) -> None:
    """Take the event off the public list; counts stay, personal data goes by the
    retention rule (``matchmaker purge``) like any past event's."""
    if event.archived_at is None:
        event.archived_at = utcnow()
    db.session.flush()


def copy_event(source: Event, slug: str, title: str, starts_on: date, venue: str | None = None) -> Event:
    """A new event with the settings of ``source`` (capacity, slot grid moved to the new
    date, tables with their names) and none of its attendees, meetings or schedule."""
    check_slug(slug)
    if event_by_slug(slug) is not None:
        raise DomainError("slug_taken", slug=slug)
    shift = starts_on - source.starts_on
    event = Event(slug=slug, title=title, starts_on=starts_on, venue=venue or source.venue)
    for setting in COPIED_SETTINGS:
        setattr(event, setting, getattr(source, setting))
    event.slots = [
        Slot(number=slot.number, starts_at=slot.starts_at + shift, ends_at=slot.ends_at + shift,
             block=slot.block)
        for slot in source.slots
    ]
    event.tables = [MeetingTable(number=table.number, name=table.name) for table in source.tables]
    db.session.add(event)
    db.session.flush()
    copy_questions(source, event)
    return event


def copy_questions(source: Event, target: Event) -> None:
    """The organiser's own sign-up questions, same keys and order (no answers)."""
    for question in db.session.scalars(select(Question).where(Question.event_id == source.id)):
        db.session.add(Question(
            event_id=target.id, key=question.key, kind=question.kind, label_de=question.label_de,
            label_en=question.label_en, options=list(question.options), required=question.required,
            special_category=question.special_category, position=question.position))
    db.session.flush()


# Event columns that are settings (not identity, counters or state): copied with the event.
COPIED_SETTINGS: tuple[str, ...] = ("capacity", "theme", "accent_colour", "logo", "logo_type")


def seat_counts(event: Event) -> SeatCounts:
    rows = dict(
        db.session.execute(
            select(Attendee.status, func.count())
            .where(Attendee.event_id == event.id)
            .group_by(Attendee.status)
        ).all()
    )
    return SeatCounts(
        capacity=event.capacity,
        registered=rows.get(AttendeeStatus.REGISTERED, 0),
        waitlisted=rows.get(AttendeeStatus.WAITLISTED, 0),
    )


@dataclass(frozen=True)
class SlotGrid:
    slots: int
    blocks: int
    minutes: int


def slot_grid_of(event: Event) -> SlotGrid:
    """How the event's meeting slots are laid out, for describing them to visitors."""
    slots = event.slots
    minutes = int((slots[0].ends_at - slots[0].starts_at).total_seconds() // 60) if slots else 0
    return SlotGrid(slots=len(slots), blocks=len({slot.block for slot in slots}), minutes=minutes)


def industries() -> list[Industry]:
    return list(db.session.scalars(select(Industry).order_by(Industry.position, Industry.code)))
