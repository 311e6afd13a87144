"""The figures of the organiser's overview, in a fixed number of grouped queries.

Counts cover the attendees who hold or wait for a seat (not the cancelled ones), except
the status counts, which show every status.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, Industry, ScheduleRun
from ..schedule.runs import latest_run

ACTIVE = (AttendeeStatus.REGISTERED, AttendeeStatus.WAITLISTED)


@dataclass(frozen=True)
class Share:
    """One bar of a chart: a code (or name) and how many attendees have it."""

    key: str
    label_de: str
    label_en: str
    count: int


@dataclass(frozen=True)
class SignUpDay:
    day: date
    count: int
    total: int


@dataclass(frozen=True)
class Overview:
    capacity: int
    by_status: dict[str, int]
    confirmed: int
    sign_ups: list[SignUpDay]
    org_types: list[Share]
    industries: list[Share]
    themes: list[Share]
    clusters: list[Share]
    schedule: ScheduleRun | None

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.by_status.get(AttendeeStatus.REGISTERED, 0), 0)


def event_overview(event: Event) -> Overview:
    return Overview(
        capacity=event.capacity, by_status=status_counts(event), confirmed=confirmed_count(event),
        sign_ups=sign_ups_per_day(event), org_types=grouped(event, Attendee.org_type),
        industries=industry_shares(event), themes=theme_shares(event),
        clusters=grouped(event, Attendee.cluster, limit=15), schedule=latest_run(event),
    )


def status_counts(event: Event) -> dict[str, int]:
    rows = db.session.execute(select(Attendee.status, func.count())
                              .where(Attendee.event_id == event.id).group_by(Attendee.status))
    return {str(status): count for status, count in rows}


def confirmed_count(event: Event) -> int:
    return db.session.scalar(select(func.count()).where(
        Attendee.event_id == event.id, Attendee.status == AttendeeStatus.REGISTERED,
        Attendee.email_confirmed_at.is_not(None))) or 0


def sign_ups_per_day(event: Event) -> list[SignUpDay]:
    day = func.date(Attendee.signed_up_at)
    rows = db.session.execute(select(day, func.count()).where(Attendee.event_id == event.id)
                              .group_by(day).order_by(day))
    days, total = [], 0
    for value, count in rows:
        total += count
        days.append(SignUpDay(day=value if isinstance(value, date) else date.fromisoformat(value),
                              count=count, total=total))
    return days


def grouped(event: Event, column, limit: int | None = None) -> list[Share]:  # type: ignore[no-untyped-def]
    """Attendees per value of a plain column, most frequent first (empty values left out)."""
    query = (select(column, func.count()).where(Attendee.event_id == event.id,
                                                Attendee.status.in_(ACTIVE), column.is_not(None),
                                                column != "")
             .group_by(column).order_by(func.count().desc(), column).limit(limit))
    return [Share(key=value, label_de=value, label_en=value, count=count)
            for value, count in db.session.execute(query)]


def industry_shares(event: Event) -> list[Share]:
    query = (select(Industry.code, Industry.name_de, Industry.name_en, func.count())
             .join(Attendee, Attendee.industry_code == Industry.code)
             .where(Attendee.event_id == event.id, Attendee.status.in_(ACTIVE))
             .group_by(Industry.code, Industry.name_de, Industry.name_en)
             .order_by(func.count().desc(), Industry.code))
    return [Share(key=code, label_de=de, label_en=en, count=count)
            for code, de, en, count in db.session.execute(query)]


def theme_shares(event: Event) -> list[Share]:
    """Themes are a list per attendee: counted here from one column read."""
    counts: Counter[str] = Counter()
    for themes in db.session.scalars(select(Attendee.themes).where(
            Attendee.event_id == event.id, Attendee.status.in_(ACTIVE))):
        counts.update(themes or [])
    return [Share(key=theme, label_de=theme, label_en=theme, count=count)
            for theme, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
