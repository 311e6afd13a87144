"""A small published schedule with known people, made through the services."""

from datetime import datetime

from matchmaker.extensions import db
from matchmaker.models import Attendee, Event, Meeting, ScheduleRun, utcnow
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.schedule import publishing
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.synthetic import generate_attendees
from tests.support.attendees import add_attendee

PRINTED_AT = datetime(2027, 6, 10, 8, 0, 0)


def person(event: Event, first: str, last: str, **overrides) -> Attendee:
    email = f"{len(event.title)}-{abs(hash((first, last)))}@example.org"
    values = dict(first_name=first, last_name=last, email=email,
                  organisation=f"{last} GmbH", industry_code="logistics")
    values.update(overrides)
    return add_attendee(event, first, **values)


def meet(event: Event, first: Attendee, second: Attendee, slot: int, table: int,
         reasons: list | None = None) -> Meeting:
    low, high = sorted((first.id, second.id))
    meeting = Meeting(event_id=event.id, slot_id=event.slots[slot - 1].id,
                      table_id=event.tables[table - 1].id, attendee_a_id=low, attendee_b_id=high,
                      score=10, reasons=reasons or [{"code": "shared_themes",
                                                     "params": {"themes": ["skills"]}}])
    db.session.add(meeting)
    db.session.commit()
    return meeting


def publish(event: Event) -> None:
    db.session.add(ScheduleRun(event_id=event.id, quality={}, published_at=utcnow()))
    db.session.commit()


def planned(event: Event, count: int = 40) -> None:
    """``count`` synthetic attendees, scheduled by the engine and published."""
    import_attendees(event, generate_attendees(count, seed=11, slots=10), "test", confirmed=True)
    plan_schedule(event)
    publishing.publish(event, "organiser@example.org")
    db.session.commit()
