"""The event's schedule runs: the latest one, and whether a schedule is published.

Low in the services: planning, publishing, the calendar, self-service and printing all
ask these questions, and this module imports none of them.
"""

from sqlalchemy import select

from ...extensions import db
from ...models import Event, ScheduleRun


def latest_run(event: Event) -> ScheduleRun | None:
    return db.session.scalar(
        select(ScheduleRun).where(ScheduleRun.event_id == event.id)
        .order_by(ScheduleRun.id.desc()).limit(1)
    )


def schedule_published(event: Event) -> bool:
    run = latest_run(event)
    return run is not None and run.published_at is not None
