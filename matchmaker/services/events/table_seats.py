"""How many people each table seats (default 4): the room a team meeting needs.

The organiser lists only the tables that differ, one per line as ``number: seats``
(``12: 6``); a table not listed seats 4. A table never seats fewer than two, and a table
where a team meeting already sits cannot shrink below it. The change is audited.
"""

import re

from sqlalchemy import func, select

from ...extensions import db
from ...models import Event, Meeting, MeetingColleague
from .. import DomainError
from ..audit import record

DEFAULT_SEATS = 4
LINE = re.compile(r"\s*(\d{1,5})\s*[:=]\s*(\d{1,3})\s*")


def seats_text(event: Event) -> str:
    """The tables that do not seat ``DEFAULT_SEATS``, one ``number: seats`` per line."""
    return "\n".join(f"{table.number}: {table.seats}" for table in event.tables if table.seats != DEFAULT_SEATS)


def parse_seats(text: str) -> dict[int, int]:
    """Table number -> seats; ``table_seats_invalid`` names the first line that is not one."""
    seats: dict[int, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.fullmatch(line)
        if match is None or int(match.group(2)) < 2:
            raise DomainError("table_seats_invalid", line=number)
        seats[int(match.group(1))] = int(match.group(2))
    return seats


def set_table_seats(event: Event, text: str, *, actor: str) -> None:
    """Set every table's seats from ``text`` (tables not listed: ``DEFAULT_SEATS``)."""
    wanted = parse_seats(text)
    tables = {table.number: table for table in event.tables}
    for number in wanted:
        if number not in tables:
            raise DomainError("table_not_found", table=number)
    needed = people_at(event)
    for table in event.tables:
        seats = wanted.get(table.number, DEFAULT_SEATS)
        if needed.get(table.id, 0) > seats:
            raise DomainError("table_too_small", table=table.name, seats=seats)
    before = seats_text(event)
    for table in event.tables:
        table.seats = wanted.get(table.number, DEFAULT_SEATS)
    db.session.flush()
    if seats_text(event) != before:
        record(event, actor, "settings_changed", changes={"table_seats": [before, seats_text(event)]})


def people_at(event: Event) -> dict[int, int]:
    """Per table id, the most people of any team meeting there (two and the colleagues)."""
    counts = (select(Meeting.table_id, (func.count(MeetingColleague.attendee_id) + 2).label("people"))
              .join(MeetingColleague, MeetingColleague.meeting_id == Meeting.id)
              .where(Meeting.event_id == event.id).group_by(Meeting.id, Meeting.table_id).subquery())
    return {table_id: people for table_id, people in db.session.execute(
        select(counts.c.table_id, func.max(counts.c.people)).group_by(counts.c.table_id))}
