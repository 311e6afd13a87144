"""Events, their slot grid and tables, and the industry list every installation starts with."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..models import Attendee, AttendeeStatus, Event, Industry, MeetingTable, Slot
from . import DomainError

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
    existing = db.session.scalar(select(Event).where(Event.slug == plan.slug))
    if existing is not None:
        return existing
    if plan.capacity < 0 or plan.meeting_minutes <= 0 or plan.table_count < 0:
        raise DomainError("invalid_event_plan")
    event = Event(
        slug=plan.slug, title=plan.title, starts_on=plan.starts_on, venue=plan.venue,
        capacity=plan.capacity,
    )
    event.slots = list(slot_grid(plan))
    event.tables = [
        MeetingTable(number=number, name=str(number)) for number in range(1, plan.table_count + 1)
    ]
    db.session.add(event)
    db.session.flush()
    return event


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


def current_event() -> Event | None:
    """The event this installation serves: the most recently created one."""
    return db.session.scalar(select(Event).order_by(Event.id.desc()).limit(1))


def all_events() -> list[Event]:
    """Every event of the installation, soonest first."""
    return list(db.session.scalars(select(Event).order_by(Event.starts_on, Event.slug)))


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
