"""Running the matchmaking: the one use case behind the dashboard's job and ``matchmaker match``.

It reads the event, lets the engine solve without holding the database's write lock, then
stores the schedule in one transaction (all of it or nothing) and sends the change notices
a re-plan after publication records. ``progress(done, total, phase)`` is told each step;
the job's progress commits its own session, so it is called only where that may happen.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ... import matching
from ...extensions import db
from ...mail import DeliveryReport, deliver
from ...models import Event, ScheduleRun
from .planning import pending_schedule_mails, planning_input, solve, store_schedule
from .similar_tags import embed_event_tags

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class MatchmakingOutcome:
    run: ScheduleRun
    result: matching.ScheduleResult
    change_notices: DeliveryReport | None  # None: the schedule is a draft, nobody was told


def no_progress(done: int, total: int, phase: str = "") -> None:
    """For callers that show no progress."""


def run_matchmaking(event: Event, policy: str | None = None,
                    progress: Progress = no_progress) -> MatchmakingOutcome:
    """Plan the event's meetings (``policy``: this run's instead of the event's) and store
    them; commits. Raises ``DomainError`` (nobody to match, contradicting locked meetings)."""
    progress(0, 3, "loading")
    if embed_event_tags(event):  # the vectors new tags lack (similar interests), once each
        db.session.commit()
    inputs = planning_input(event, policy)
    db.session.rollback()  # the engine runs without holding SQLite's write lock
    progress(1, 3, "solving")
    result = solve(inputs)
    progress(2, 3, "storing")
    run = store_schedule(event, result)  # one transaction: all of the schedule or nothing
    db.session.commit()
    notices = deliver(pending_schedule_mails(event)) if run.published_at else None
    progress(3, 3, "stored")
    return MatchmakingOutcome(run, result, notices)
