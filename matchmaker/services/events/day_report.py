"""What really happened at the event: the figures of the report for the funder.

The dashboard's report page, the PDF and the spreadsheet all show these figures, defined
here once:

- *registered*: attendees holding a seat (status registered); *checked in*: those of them
  with ``checked_in_at``; *no-show rate*: registered but not checked in, over registered.
- *planned*: the meetings of the schedule as it was first published (the first published
  run's count; 0 while nothing was published).
- *re-planned*: the meetings changed after the first publication by the engine: by the runs
  after it (each is published at once; the sum of their ``changed_count``) and by the
  re-plans on the day around who was missing (``schedule.day_replan``: the meetings each
  cancelled and placed, as its audit entry records them). Edits by hand are not counted.
- *in the final schedule*: the meetings the event has now.
- *held*: meetings of the final schedule that one of the two confirmed on the day
  (``Meeting.met_at``) or reported afterwards as having taken place (or as valuable);
  *valuable*: rated valuable by one of the two (``feedback.rated_meetings``).
- *fairness*: held meetings per attendee over the registered attendees who checked in and
  wanted meetings (consent given, meetings wanted): minimum, 10th percentile (nearest rank)
  and median; and how many of them held 0, 1, 2, ... meetings.
- *cross-industry share*: held meetings between two different industries, over all held.

Breakdowns (meetings, held, valuable) by industry pair, by pair of organisation groups
(``small``: SME or start-up, ``big``: large company or research, ``other``) and by cluster
pair (``""``: no cluster given), in code order.
"""

import math
import statistics
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from ...extensions import db
from ...models import Attendee, AttendeeStatus, AuditEntry, Event, Meeting, ScheduleRun
from ...vocabulary import BIG_ORG_TYPES, SMALL_ORG_TYPES
from ..attendees.feedback import (
    PairCount,
    confirmed_held,
    feedback_answers,
    pair_counts,
    rated_meetings,
)


@dataclass(frozen=True)
class Fairness:
    """Held meetings per checked-in attendee who wanted meetings."""

    attendees: int
    minimum: int
    tenth_percentile: int
    median: float
    histogram: list[tuple[int, int]]  # (held meetings, attendees), from 0 up


@dataclass(frozen=True)
class DayReport:
    registered: int
    checked_in: int
    planned: int
    replanned: int
    final: int
    held: int
    valuable: int
    cross_industry: int
    by_industry: list[PairCount]
    by_org_group: list[PairCount]
    by_cluster: list[PairCount]
    fairness: Fairness

    @property
    def no_show_rate(self) -> float:
        return (self.registered - self.checked_in) / self.registered if self.registered else 0.0

    @property
    def cross_industry_share(self) -> float:
        return self.cross_industry / self.held if self.held else 0.0


@dataclass(frozen=True)
class MeetingRow:
    id: int
    people: tuple[int, int]
    industries: tuple[str, str]
    org_types: tuple[str, str]
    clusters: tuple[str, str]


def day_report(event: Event) -> DayReport:
    meetings = final_meetings(event)
    answers = feedback_answers(event)
    took_place, valuable = rated_meetings(answers)
    held = (took_place | confirmed_held(event)) & {m.id for m in meetings}
    registered, checked_in = attendance(event)
    return DayReport(
        registered=registered, checked_in=checked_in, planned=planned_count(event),
        replanned=replanned_count(event), final=len(meetings), held=len(held),
        valuable=len(valuable & held),
        cross_industry=sum(1 for m in meetings if m.id in held and len(set(m.industries)) == 2),
        by_industry=pair_counts([(m.id, *m.industries) for m in meetings], held, valuable),
        by_org_group=pair_counts([(m.id, org_group(m.org_types[0]), org_group(m.org_types[1]))
                                  for m in meetings], held, valuable),
        by_cluster=pair_counts([(m.id, *m.clusters) for m in meetings], held, valuable),
        fairness=fairness(held_per_person(meetings, held), present_and_wanting(event)),
    )


def org_group(org_type: str) -> str:
    if org_type in SMALL_ORG_TYPES:
        return "small"
    return "big" if org_type in BIG_ORG_TYPES else "other"


def attendance(event: Event) -> tuple[int, int]:
    """(registered, of them checked in), in one query."""
    row = db.session.execute(
        select(func.count(), func.count(Attendee.checked_in_at))
        .where(Attendee.event_id == event.id, Attendee.status == AttendeeStatus.REGISTERED)).one()
    return row[0], row[1]


def planned_count(event: Event) -> int:
    first = db.session.scalar(
        select(ScheduleRun).where(ScheduleRun.event_id == event.id,
                                  ScheduleRun.published_at.is_not(None))
        .order_by(ScheduleRun.id).limit(1))
    return int(first.quality.get("meetings", 0)) if first else 0


def replanned_count(event: Event) -> int:
    first = (select(func.min(ScheduleRun.id)).where(ScheduleRun.event_id == event.id,
                                                    ScheduleRun.published_at.is_not(None))
             .scalar_subquery())
    by_runs = db.session.scalar(
        select(func.coalesce(func.sum(ScheduleRun.changed_count), 0))
        .where(ScheduleRun.event_id == event.id, ScheduleRun.id > first)) or 0
    on_the_day = db.session.scalars(select(AuditEntry.changes).where(
        AuditEntry.event_id == event.id, AuditEntry.action == "schedule_replanned"))
    return by_runs + sum(int(done.get("cancelled", 0)) + int(done.get("added", 0)) for done in on_the_day)


def final_meetings(event: Event) -> list[MeetingRow]:
    a, b = aliased(Attendee), aliased(Attendee)
    rows = db.session.execute(
        select(Meeting.id, a.id, b.id, a.industry_code, b.industry_code, a.org_type, b.org_type,
               a.cluster, b.cluster)
        .join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .where(Meeting.event_id == event.id).order_by(Meeting.id))
    return [MeetingRow(row[0], (row[1], row[2]), (row[3], row[4]), (row[5], row[6]),
                       ((row[7] or "").strip(), (row[8] or "").strip())) for row in rows]


def present_and_wanting(event: Event) -> list[int]:
    """The registered attendees who checked in and wanted meetings."""
    return list(db.session.scalars(select(Attendee.id).where(
        Attendee.event_id == event.id, Attendee.status == AttendeeStatus.REGISTERED,
        Attendee.checked_in_at.is_not(None), Attendee.wants_meetings.is_(True),
        Attendee.matching_consent_at.is_not(None))))


def held_per_person(meetings: list[MeetingRow], held: set[int]) -> Counter[int]:
    counts: Counter[int] = Counter()
    for meeting in meetings:
        if meeting.id in held:
            counts.update(meeting.people)
    return counts


def fairness(held: Counter[int], people: list[int]) -> Fairness:
    values = sorted(held[person] for person in people)
    if not values:
        return Fairness(0, 0, 0, 0.0, [])
    spread = Counter(values)
    return Fairness(
        attendees=len(values), minimum=values[0],
        tenth_percentile=values[max(math.ceil(0.1 * len(values)) - 1, 0)],
        median=statistics.median(values),
        histogram=[(count, spread[count]) for count in range(values[-1] + 1)],
    )
