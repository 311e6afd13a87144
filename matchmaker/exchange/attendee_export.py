"""Attendee lists for organisers: CSV and `.xlsx` with the columns of the import format.

The export holds every column of the attendee CSV plus `number`, `status`,
`email_confirmed`, `signed_up_at`, `badge_code` and `checked_in_at` (empty: not arrived);
the importer ignores those six (an imported person gets a badge code of their own), so an export can be
imported again (into another event, say) and gives the same attendees. After them come
the answers to the organiser's own questions, a column `question_<key>` each (the importer
ignores these too). Text that a
spreadsheet would run as a formula is neutralised (see `spreadsheet`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from matchmaker.exchange.attendee_csv import COLUMNS, QUESTION_PREFIX, AttendeeRow, cell_text
from matchmaker.exchange.spreadsheet import Cell, csv_bytes, xlsx_bytes

EXPORT_COLUMNS = ("number", "status") + COLUMNS + ("email_confirmed", "signed_up_at", "badge_code",
                                                    "checked_in_at")
SHEET_TITLE = "attendees"


@dataclass(frozen=True)
class ExportedAttendee:
    row: AttendeeRow
    number: int
    status: str
    email_confirmed: bool
    signed_up_at: datetime
    badge_code: str
    checked_in_at: datetime | None
    answers: tuple[object, ...] = ()  # in the order of the question columns (None: none)


def question_column(key: str) -> str:
    return f"{QUESTION_PREFIX}{key}"


def attendees_csv(attendees: Sequence[ExportedAttendee], question_keys: Sequence[str] = ()) -> bytes:
    columns = EXPORT_COLUMNS + tuple(question_column(key) for key in question_keys)
    return csv_bytes(columns, (_cells(attendee) for attendee in attendees))


def attendees_xlsx(attendees: Sequence[ExportedAttendee], question_keys: Sequence[str] = ()) -> bytes:
    columns = EXPORT_COLUMNS + tuple(question_column(key) for key in question_keys)
    return xlsx_bytes(SHEET_TITLE, columns, (_cells(attendee) for attendee in attendees))


def _cells(attendee: ExportedAttendee) -> list[Cell]:
    fields = [_value(getattr(attendee.row, column)) for column in COLUMNS]
    return [attendee.number, attendee.status, *fields, attendee.email_confirmed,
            attendee.signed_up_at, attendee.badge_code, attendee.checked_in_at,
            *(_value(tuple(answer) if isinstance(answer, list) else answer) for answer in attendee.answers)]


def _value(value: object) -> Cell:
    """Numbers and yes/no stay typed (numeric cells in a sheet); lists become `a;b` text."""
    if value is None or isinstance(value, (bool, int)):
        return value
    return cell_text(value)
