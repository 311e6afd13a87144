"""Publishing the schedule: attendees see their meetings and get them by e-mail.

``publish`` is the one use case behind the dashboard's button and ``matchmaker publish``.
It records the schedule mails and the audit entry in the same transaction; the caller
commits and then sends the mails (``planning.pending_schedule_mails``).
"""

from datetime import datetime

from ...extensions import db
from ...models import Event, ScheduleRun, utcnow
from .. import DomainError
from ..audit import record
from ..webhooks.outbox import announce_publication
from .calendar import schedule_mails
from .runs import latest_run


def publish(event: Event, actor: str, now: datetime | None = None) -> ScheduleRun:
    """Make the latest draft the published schedule; ``no_schedule`` if there is none."""
    run = latest_run(event)
    if run is None:
        raise DomainError("no_schedule")
    run.published_at = now or utcnow()
    db.session.flush()
    schedule_mails(event, run.published_at)
    record(event, actor, "schedule_published", changes={"meetings": run.quality.get("meetings")})
    announce_publication(event, run.published_at, int(run.quality.get("meetings") or 0))
    return run
