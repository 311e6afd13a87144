"""The stored schedule as files: the schedule JSON of the file mode, and a table for
people (CSV or ``.xlsx``), one line per meeting."""

from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ... import matching
from ...exchange.schedule_json import SlotTime, schedule_document
from ...exchange.spreadsheet import Cell, csv_bytes, csv_text, xlsx_bytes
from ...extensions import db
from ...models import Attendee, Event, Meeting, MeetingTable, Slot
from .. import DomainError
from .runs import latest_run

CSV_COLUMNS = (
    "slot", "start", "end", "table", "email_1", "name_1", "organisation_1",
    "email_2", "name_2", "organisation_2", "score", "locked", "reasons", "booked_by_attendees",
)


def schedule_json(event: Event) -> dict[str, Any]:
    """The event's stored schedule in the format ``matchmaker match`` writes."""
    run = latest_run(event)
    if run is None:
        raise DomainError("no_schedule")
    emails = attendee_emails(event)
    result = matching.ScheduleResult(
        meetings=tuple(scored_meeting(row) for row in meeting_rows(event)),
        unmatched=tuple(matching.Unmatched(u["attendee_id"], u["code"])
                        for u in run.unmatched if u["attendee_id"] in emails),  # not erased since
        quality=matching.Quality(**run.quality),
    )
    document = schedule_document(result, emails, slot_times(event), len(event.tables))
    document["quality"]["changed_count"] = run.changed_count
    return document


def schedule_csv(event: Event) -> str:
    """One line per meeting, sorted by slot and table, for spreadsheets and printing."""
    return csv_text(CSV_COLUMNS, schedule_table(event))


def export_schedule(event: Event, fmt: Literal["csv", "xlsx"]) -> bytes:
    """The schedule table as CSV (UTF-8 with BOM) or ``.xlsx``; names and organisations
    are typed by attendees, so formula-like text is neutralised."""
    rows = schedule_table(event)
    return csv_bytes(CSV_COLUMNS, rows) if fmt == "csv" else xlsx_bytes("schedule", CSV_COLUMNS, rows)


def schedule_table(event: Event) -> list[list[Cell]]:
    if latest_run(event) is None:
        raise DomainError("no_schedule")
    return [
        [slot.number, slot.starts_at, slot.ends_at, table.number,
         a.email, a.full_name, a.organisation, b.email, b.full_name, b.organisation,
         meeting.score, meeting.locked, ";".join(reason["code"] for reason in meeting.reasons),
         meeting.booked_by_attendees]
        for meeting, slot, table, a, b in meeting_rows(event)
    ]


def meeting_rows(event: Event) -> list[tuple[Meeting, Slot, MeetingTable, Attendee, Attendee]]:
    first, second = aliased(Attendee), aliased(Attendee)
    return list(db.session.execute(
        select(Meeting, Slot, MeetingTable, first, second)
        .join(Slot, Slot.id == Meeting.slot_id)
        .join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(first, first.id == Meeting.attendee_a_id)
        .join(second, second.id == Meeting.attendee_b_id)
        .where(Meeting.event_id == event.id)
        .order_by(Slot.number, MeetingTable.number)
    ))


def scored_meeting(row: tuple[Meeting, Slot, MeetingTable, Attendee, Attendee]) -> matching.ScoredMeeting:
    meeting, slot, table, a, b = row
    reasons = tuple(matching.Reason(r["code"], r["params"]) for r in meeting.reasons)
    return matching.ScoredMeeting(matching.Meeting((a.id, b.id), slot.number, table.number),
                                  meeting.score, reasons, meeting.locked)


def attendee_emails(event: Event) -> dict[int, str]:
    rows = db.session.execute(select(Attendee.id, Attendee.email).where(Attendee.event_id == event.id))
    return {attendee_id: email for attendee_id, email in rows}


def slot_times(event: Event) -> list[SlotTime]:
    return [SlotTime(slot.number, slot.starts_at, slot.ends_at) for slot in event.slots]
