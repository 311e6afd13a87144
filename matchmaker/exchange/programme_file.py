"""The conference programme as a file: sessions read from CSV or `.xlsx`.

Columns (names case-insensitive, German names accepted): `title, type, start, end` are
required, `room, capacity, themes, description` optional.

- `title`: unique within the file (attendee files name sessions by their title).
- `type`: `talk`, `workshop`, `panel` or `round_table` (also `round table`, `Vortrag`,
  `Podium`, `Runder Tisch`).
- `start`, `end`: `HH:MM` on the event's day, or `YYYY-MM-DDTHH:MM` (a space instead of
  the `T` too, as a spreadsheet shows a date and time); the end after the start; a session
  lies within the event's day.
- `capacity`: a whole number >= 0, empty for "no limit".
- `themes`: any of the event themes (see `vocabulary.THEMES`), `;`- or `,`-separated.
- `room` (at most 120 characters), `description` (at most 2,000).

The file is read exactly as the attendee file is (encodings, delimiters, workbooks, the
apostrophe against formulas; see `attendee_csv` and `attendee_xlsx`), and every bad cell is
reported as a `CsvError` with its line (or sheet row) and column, all at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from matchmaker.exchange.attendee_csv import (
    ITEM_SEPARATORS,
    CellReader,
    CsvError,
    CsvErrors,
    table_records,
)
from matchmaker.exchange.attendee_xlsx import OLE_MAGIC, UTF16_BOMS, ZIP_MAGIC, sheet_records
from matchmaker.exchange.column_names import SEPARATORS
from matchmaker.text import collapse_whitespace
from matchmaker.vocabulary import THEMES

REQUIRED_COLUMNS = ("title", "type", "start", "end")
COLUMNS = REQUIRED_COLUMNS + ("room", "capacity", "themes", "description")
SESSION_KINDS = ("talk", "workshop", "panel", "round_table")
GERMAN_NAMES = {"titel": "title", "typ": "type", "art": "type", "beginn": "start",
                "ende": "end", "raum": "room", "kapazität": "capacity", "plätze": "capacity",
                "themen": "themes", "beschreibung": "description"}
KIND_NAMES = {"vortrag": "talk", "podium": "panel", "podiumsdiskussion": "panel",
              "runder_tisch": "round_table", "roundtable": "round_table"}
MAX_SESSIONS = 500
MAX_TITLE = 200
MAX_ROOM = 120
MAX_DESCRIPTION = 2000
CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
FULL = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::00)?")


@dataclass(frozen=True)
class SessionRow:
    """One session as read from a file or typed into the dashboard's form."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    room: str = ""
    capacity: int | None = None
    themes: tuple[str, ...] = ()
    description: str = ""


def column_name(header_cell: str) -> str:
    cleaned = SEPARATORS.sub("_", header_cell.strip().casefold()).strip("_")
    return GERMAN_NAMES.get(cleaned, cleaned)


def parse_time(text: str, day: date) -> datetime | None:
    """`HH:MM` on `day`, or a full `YYYY-MM-DDTHH:MM`; None if it is neither."""
    text = text.strip()
    clock, full = CLOCK.fullmatch(text), FULL.fullmatch(text)
    try:
        if clock:
            return datetime.combine(day, time(int(clock.group(1)), int(clock.group(2))))
        if full:
            return datetime.combine(date.fromisoformat(full.group(1)),
                                    time(int(full.group(2)), int(full.group(3))))
    except ValueError:
        return None
    return None


def session_kind(text: str) -> str | None:
    """The type code a cell means, or None."""
    cleaned = SEPARATORS.sub("_", text.strip().casefold()).strip("_")
    kind = KIND_NAMES.get(cleaned, cleaned)
    return kind if kind in SESSION_KINDS else None


def parse_programme_file(data: bytes, *, day: date) -> list[SessionRow]:
    """The sessions of an uploaded CSV or `.xlsx` file for an event on `day`; raise `CsvErrors`."""
    if data.startswith(ZIP_MAGIC):
        return parse_programme_records(sheet_records(data), day=day, unit="row")
    if data.startswith(OLE_MAGIC):
        raise CsvErrors([CsvError("old_excel_format", 1)])
    if b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):
        raise CsvErrors([CsvError("not_a_spreadsheet", 1)])
    return parse_programme_records(table_records(data, lambda cell: column_name(cell) in COLUMNS),
                                   day=day)


def parse_programme_records(records: Iterable[tuple[int, list[str]]], *, day: date,
                            unit: str = "line") -> list[SessionRow]:
    """Check (line or row number, cells) records, the first non-empty one the header."""
    filled = ((line, cells) for line, cells in records if any(cell.strip() for cell in cells))
    header_line, header = next(filled, (1, []))
    columns = _columns(header, header_line, unit)
    errors: list[CsvError] = []
    sessions: list[SessionRow] = []
    first_line: dict[str, int] = {}
    for count, (line, cells) in enumerate(filled, start=1):
        if count > MAX_SESSIONS:
            raise CsvErrors([CsvError("too_many_sessions", line, unit=unit, limit=MAX_SESSIONS)])
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns):]):
            errors.append(CsvError("too_many_cells", line, unit=unit))
            continue
        parser = _RowParser(line, dict(zip(columns, cells, strict=False)), day, unit)
        row = parser.row()
        errors.extend(parser.errors)
        if row is None:
            continue
        key = row.title.casefold()
        if key in first_line:
            errors.append(CsvError("duplicate_title", line, "title", row.title, unit,
                                   first_line=first_line[key]))
        first_line.setdefault(key, line)
        sessions.append(row)
    if errors:
        raise CsvErrors(errors)
    return sessions


def _columns(header: list[str], line: int, unit: str) -> list[str]:
    while header and not header[-1].strip():
        header = header[:-1]
    names = [column_name(name) for name in header]
    if not any(names):
        raise CsvErrors([CsvError("empty_file", line, unit=unit)])
    errors = [CsvError("unknown_column", line, name, unit=unit) for name in names if name not in COLUMNS]
    errors += [CsvError("duplicate_column", line, name, unit=unit)
               for i, name in enumerate(names) if name in COLUMNS and name in names[:i]]
    errors += [CsvError("missing_column", line, name, unit=unit)
               for name in REQUIRED_COLUMNS if name not in names]
    if errors:
        raise CsvErrors(errors)
    return names


class _RowParser(CellReader):
    """Parses the cells of one row into a `SessionRow`, collecting errors."""

    def __init__(self, line: int, values: dict[str, str], day: date, unit: str) -> None:
        super().__init__(line, values, unit)
        self.day = day

    def row(self) -> SessionRow | None:
        title = self.text("title", MAX_TITLE, required=True)
        kind = self.kind()
        starts_at, ends_at = self.time("start"), self.time("end")
        if starts_at and ends_at and ends_at <= starts_at:
            self.fail("end_not_after_start", "end", self.raw("end", 40))
        row_values: dict[str, Any] = {
            "room": self.text("room", MAX_ROOM), "capacity": self.capacity(),
            "themes": self.themes(), "description": self.text("description", MAX_DESCRIPTION)}
        if self.errors or not (kind and starts_at and ends_at):
            return None
        return SessionRow(title, kind, starts_at, ends_at, **row_values)

    def text(self, column: str, limit: int, required: bool = False) -> str:
        value = self.raw(column, limit)
        if required and not value and not self.failed(column):
            self.fail("required", column)
        return value

    def kind(self) -> str | None:
        value = self.text("type", 40, required=True)
        kind = session_kind(value) if value else None
        if value and kind is None:
            self.fail("invalid_session_type", "type", value, allowed=", ".join(SESSION_KINDS))
        return kind

    def time(self, column: str) -> datetime | None:
        value = self.text(column, 40, required=True)
        if not value:
            return None
        moment = parse_time(value, self.day)
        if moment is None:
            self.fail("invalid_time", column, value)
        elif moment.date() != self.day:
            self.fail("not_on_event_day", column, value, day=self.day.isoformat())
            return None
        return moment

    def capacity(self) -> int | None:
        value = self.raw("capacity", 40)
        if not value:
            return None
        if not re.fullmatch(r"\d+", value):
            self.fail("invalid_capacity", "capacity", value)
            return None
        return int(value)

    def themes(self) -> tuple[str, ...]:
        items = [collapse_whitespace(item).lower()
                 for item in ITEM_SEPARATORS.split(self.raw("themes", 1000)) if item.strip()]
        for item in items:
            if item not in THEMES:
                self.fail("unknown_theme", "themes", item, allowed=", ".join(THEMES))
        return tuple(dict.fromkeys(items))
