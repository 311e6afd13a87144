"""What the organiser's schedule page shows, read in a fixed number of queries.

The latest run's status and certificate, who has no meeting and why, which industries
meet which, and one page of the slot × table grid. However many attendees and meetings
the event has, the number of queries stays the same (the grid is paged by tables).
"""

from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import aliased

from ...documents.collation import name_key, name_matches
from ...extensions import db
from ...models import Attendee, Event, Industry, Meeting, MeetingTable, ScheduleRun, Slot
from .runs import latest_run
from .teams import Colleague, colleagues_in

TABLES_PER_PAGE = 20


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    organisation: str


@dataclass(frozen=True)
class UnmatchedPerson:
    person: Person
    code: str


@dataclass(frozen=True)
class BelowLevel:
    """An attendee below the run's fair level: how many meetings, and why (a code)."""

    number: int
    name: str
    organisation: str
    meetings: int
    reason: str


@dataclass(frozen=True)
class GridMeeting:
    id: int
    slot: int
    table: int
    a: Person
    b: Person
    score: int
    locked: bool
    booked_by_attendees: bool
    colleagues: tuple[Colleague, ...] = ()  # a team meeting's colleagues
    # The engine's reasons (codes with parameters), read only for one meeting's own page.
    reasons: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class FoundMeeting:
    """A meeting of a person the organiser looked for, and where the grid shows it."""

    meeting: GridMeeting
    person: Person
    partner: Person
    page: int


@dataclass(frozen=True)
class IndustryMatrix:
    """Meetings between industries: ``counts[(row, column)]``, symmetric, codes as keys."""

    industries: list[Industry]
    counts: dict[tuple[str, str], int]

    @property
    def top(self) -> int:
        return max(self.counts.values(), default=0)


@dataclass(frozen=True)
class Grid:
    slots: list[Slot]
    tables: list[MeetingTable]
    cells: dict[tuple[int, int], GridMeeting]
    page: int
    pages: int
    table_count: int
    per_page: int = TABLES_PER_PAGE


@dataclass(frozen=True)
class ScheduleReport:
    run: ScheduleRun | None
    earlier_runs: int
    meetings: int
    attendees_with_meetings: int
    unmatched: list[UnmatchedPerson]
    below_level: list[BelowLevel]
    matrix: IndustryMatrix
    grid: Grid

    @property
    def quality(self) -> dict[str, Any]:
        return self.run.quality if self.run else {}


def schedule_report(event: Event, page: int = 1) -> ScheduleReport:
    """The schedule page's figures and page ``page`` of the grid (1-based, clipped)."""
    run = latest_run(event)
    return ScheduleReport(
        run=run, earlier_runs=earlier_runs(event, run), meetings=meeting_count(event),
        attendees_with_meetings=attendees_with_meetings(event),
        unmatched=unmatched_people(run), below_level=below_fair_level(run),
        matrix=industry_matrix(event), grid=grid(event, page),
    )


@dataclass(frozen=True)
class PublishSummary:
    run: ScheduleRun | None
    meetings: int
    attendees_with_meetings: int


def publish_summary(event: Event) -> PublishSummary:
    """What publishing would do: how many meetings, how many attendees are told."""
    return PublishSummary(latest_run(event), meeting_count(event), attendees_with_meetings(event))


def earlier_runs(event: Event, run: ScheduleRun | None) -> int:
    """Runs before ``run``: only then can a run say how many meetings it changed."""
    if run is None:
        return 0
    return db.session.scalar(select(func.count()).where(ScheduleRun.event_id == event.id,
                                                        ScheduleRun.id < run.id)) or 0


def meeting_count(event: Event) -> int:
    return db.session.scalar(select(func.count()).where(Meeting.event_id == event.id)) or 0


def attendees_with_meetings(event: Event) -> int:
    """How many attendees have at least one meeting (those told when it is published)."""
    ids = (select(Meeting.attendee_a_id.label("id")).where(Meeting.event_id == event.id)
           .union(select(Meeting.attendee_b_id).where(Meeting.event_id == event.id))).subquery()
    return db.session.scalar(select(func.count()).select_from(ids)) or 0


def unmatched_people(run: ScheduleRun | None) -> list[UnmatchedPerson]:
    """The run's attendees without a meeting, in phone-book order (those erased since are
    left out)."""
    if run is None or not run.unmatched:
        return []
    codes = {row["attendee_id"]: row["code"] for row in run.unmatched}
    return [UnmatchedPerson(Person(i, f"{first} {last}", organisation), codes[i])
            for i, _number, first, last, organisation in people_of(run.event_id, codes)]


def below_fair_level(run: ScheduleRun | None) -> list[BelowLevel]:
    """The run's attendees below its fair level, in phone-book order (erased ones left out)."""
    if run is None or not run.quality.get("below_fair_level"):
        return []
    rows = {row["attendee_id"]: row for row in run.quality["below_fair_level"]}
    return [BelowLevel(number, f"{first} {last}", organisation, rows[i]["meetings"], rows[i]["reason"])
            for i, number, first, last, organisation in people_of(run.event_id, rows)]


def people_of(event_id: int, ids: Collection[int]) -> list[Any]:
    """(id, number, first name, last name, organisation) of these attendees, by name_key."""
    people = db.session.execute(
        select(Attendee.id, Attendee.number, Attendee.first_name, Attendee.last_name, Attendee.organisation)
        .where(Attendee.event_id == event_id, Attendee.id.in_(list(ids))))
    return sorted(people, key=lambda row: name_key(row.last_name, row.first_name))


def industry_matrix(event: Event) -> IndustryMatrix:
    a, b = aliased(Attendee), aliased(Attendee)
    rows = db.session.execute(
        select(a.industry_code, b.industry_code, func.count())
        .select_from(Meeting).join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .where(Meeting.event_id == event.id).group_by(a.industry_code, b.industry_code)
    )
    counts: dict[tuple[str, str], int] = {}
    for x, y, count in rows:
        for key in {(x, y), (y, x)}:
            counts[key] = counts.get(key, 0) + count
    present = {code for pair in counts for code in pair}
    industries = [industry for industry in db.session.scalars(
        select(Industry).order_by(Industry.position, Industry.code)) if industry.code in present]
    return IndustryMatrix(industries, counts)


def grid(event: Event, page: int) -> Grid:
    """The meetings at one page of tables, in every slot."""
    table_count = db.session.scalar(select(func.count()).where(MeetingTable.event_id == event.id)) or 0
    pages = max(1, -(-table_count // TABLES_PER_PAGE))
    page = min(max(page, 1), pages)
    tables = list(db.session.scalars(
        select(MeetingTable).where(MeetingTable.event_id == event.id).order_by(MeetingTable.number)
        .offset((page - 1) * TABLES_PER_PAGE).limit(TABLES_PER_PAGE)))
    slots = list(db.session.scalars(select(Slot).where(Slot.event_id == event.id).order_by(Slot.number)))
    return Grid(slots, tables, grid_cells(event, [t.id for t in tables]), page, pages, table_count)


def grid_cells(event: Event, table_ids: list[int] | None = None) -> dict[tuple[int, int], GridMeeting]:
    """The meetings at these tables (None: at every table) by (slot, table)."""
    a, b = aliased(Attendee), aliased(Attendee)
    rows = db.session.execute(
        select(Meeting.id, Slot.number, MeetingTable.number, Meeting.score, Meeting.locked,
               Meeting.booked_by_attendees,
               a.id, a.first_name, a.last_name, a.organisation,
               b.id, b.first_name, b.last_name, b.organisation)
        .join(Slot, Slot.id == Meeting.slot_id).join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .where(Meeting.event_id == event.id,
               Meeting.table_id.in_(table_ids) if table_ids is not None else true())
    )
    cells = {}
    for row in rows:
        meeting = GridMeeting(
            id=row[0], slot=row[1], table=row[2], score=row[3], locked=row[4], booked_by_attendees=row[5],
            a=Person(row[6], f"{row[7]} {row[8]}", row[9]),
            b=Person(row[10], f"{row[11]} {row[12]}", row[13]))
        cells[(meeting.slot, meeting.table)] = meeting
    teams = colleagues_in(meeting.id for meeting in cells.values())
    return {key: replace(meeting, colleagues=tuple(teams[meeting.id])) if meeting.id in teams else meeting
            for key, meeting in cells.items()}


def find_in_schedule(event: Event, query: str) -> list[FoundMeeting]:
    """The meetings of everybody whose name contains ``query`` (umlauts and ß however
    typed), by slot and table, each with the page of the grid that shows it."""
    query = query.strip()
    if not query:
        return []
    pages = {number: index // TABLES_PER_PAGE + 1 for index, number in enumerate(db.session.scalars(
        select(MeetingTable.number).where(MeetingTable.event_id == event.id).order_by(MeetingTable.number)))}
    found = []
    for meeting in sorted(grid_cells(event).values(), key=lambda m: (m.slot, m.table)):
        seats = [(meeting.a, meeting.b), (meeting.b, meeting.a)] + [  # and a team meeting's colleagues
            (Person(c.id, c.name, c.organisation), meeting.b if c.beside_id == meeting.a.id else meeting.a)
            for c in meeting.colleagues]
        for person, partner in seats:
            if name_matches(query, person.name):
                found.append(FoundMeeting(meeting, person, partner, pages.get(meeting.table, 1)))
    return found


def meeting_detail(event: Event, meeting_id: int) -> GridMeeting | None:
    """One meeting as the grid shows it (None if it is not one of the event's)."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.event_id != event.id:
        return None
    a, b = meeting.attendee_a, meeting.attendee_b
    return GridMeeting(meeting.id, meeting.slot.number, meeting.table.number,
                       Person(a.id, a.full_name, a.organisation),
                       Person(b.id, b.full_name, b.organisation), meeting.score, meeting.locked,
                       booked_by_attendees=meeting.booked_by_attendees,
                       colleagues=tuple(colleagues_in([meeting.id]).get(meeting.id, [])),
                       reasons=tuple(meeting.reasons))
