"""The list of events, on the start page and in the dashboard: searched, filtered and
paged in SQL, so that a cluster week of 150 events answers as fast as one event.

The search looks in title and venue however umlauts and ß are typed (``Event.search_key``,
as the attendee search). ``when`` is "" (the start page: events open for sign-up now; the
dashboard: every event), "upcoming" (from today) or "past"; ``month`` ("YYYY-MM") keeps the
events of that month. The start page never lists archived events. A page holds 20 events
and costs a fixed number of queries however many there are.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from ...extensions import db
from ...models import Event, EventRole, Organiser, organiser_event, utcnow
from ...vocabulary import THEMES
from ..name_search import key_matches
from .events import EventRow, rows_of

PER_PAGE = 20
WHEN = ("upcoming", "past")


@dataclass(frozen=True)
class EventFilter:
    search: str = ""
    when: str = ""
    month: str = ""  # "YYYY-MM"; anything else filters nothing
    venue: str = ""
    theme: str = ""
    page: int = 1

    @property
    def is_empty(self) -> bool:
        return not (self.search or self.when or self.month_start or self.venue or self.theme)

    @property
    def month_start(self) -> date | None:
        try:
            year, month = (int(part) for part in self.month.split("-"))
            return date(year, month, 1)
        except ValueError:
            return None


@dataclass(frozen=True)
class EventPage:
    events: list[Event]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class EventRowPage:
    rows: list[EventRow]
    total: int
    page: int
    pages: int


def public_events(wanted: EventFilter, now: datetime | None = None) -> EventPage:
    """The start page's events: not archived; with no date filter, those open for sign-up."""
    now = now or utcnow()
    scope: list[ColumnElement[bool]] = [Event.archived_at.is_(None)]
    if not wanted.when:
        scope.append(open_now(now))
    return paged(select(Event).where(*scope), wanted, now.date())


def organiser_events(organiser: Organiser, wanted: EventFilter) -> EventRowPage:
    """The dashboard's events of this organiser (all for an administrator), with their
    seat counts: three queries however many events."""
    query = select(Event)
    if not organiser.is_admin:
        query = query.join(organiser_event, organiser_event.c.event_id == Event.id).where(
            organiser_event.c.organiser_id == organiser.id,
            organiser_event.c.role == EventRole.ORGANISER)
    found = paged(query, wanted, utcnow().date())
    return EventRowPage(rows=rows_of(found.events), total=found.total, page=found.page,
                        pages=found.pages)


def venues(public: bool) -> list[str]:
    """The venues to filter by (on the start page those of events not archived)."""
    query = select(Event.venue).distinct().order_by(Event.venue)
    if public:
        query = query.where(Event.archived_at.is_(None))
    return list(db.session.scalars(query))


def open_now(now: datetime) -> ColumnElement[bool]:
    """``events.registration_state`` is OPEN, in SQL (archived events aside)."""
    return and_(Event.starts_on >= now.date(),
                or_(Event.registration_opens_at.is_(None), Event.registration_opens_at <= now),
                or_(Event.registration_closes_at.is_(None), Event.registration_closes_at > now))


def paged(query: Select[Event], wanted: EventFilter, today: date) -> EventPage:
    query = query.where(*conditions(wanted, today))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(wanted.page, 1), pages)
    past_first = wanted.when == "past"
    order = (Event.starts_on.desc(), Event.slug) if past_first else (Event.starts_on, Event.slug)
    events = db.session.scalars(query.order_by(*order).limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    return EventPage(events=list(events), total=total, page=page, pages=pages)


def conditions(wanted: EventFilter, today: date) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [key_matches(Event.search_key, wanted.search)]
    if wanted.when == "upcoming":
        found.append(Event.starts_on >= today)
    elif wanted.when == "past":
        found.append(Event.starts_on < today)
    if (start := wanted.month_start) is not None:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        found += [Event.starts_on >= start, Event.starts_on < following]
    if wanted.venue:
        found.append(Event.venue == wanted.venue)
    if wanted.theme in THEMES:
        found.append(Event.theme == wanted.theme)
    return found
