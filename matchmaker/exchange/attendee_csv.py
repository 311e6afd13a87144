"""Attendee CSV: read and write the list of attendees as a spreadsheet file.

Format
------
UTF-8 (a byte-order mark is accepted), comma-separated columns, a header row, Windows or
Unix line endings, cells quoted with `"` where needed. Inside a cell, `;` separates the
items of a list (`KI; Leichtbau; Wasserstoff`). Column names are case-insensitive.

Required columns: `email, first_name, last_name, organisation, org_type, industry`.
Optional columns (empty cells take the default): `themes, keywords, offers, seeks,
unavailable_slots, max_meetings, wants_meetings, language, must_meet, position, cluster`.

- `email`: unique (case- and width-insensitive); stored as its comparison key, NFKC and
  case-folded, like the sign-up form's.
- `org_type`: one of `sme, startup, large, research, cluster, public, other`.
- `industry`: an industry code of the installation (see `vocabulary.INDUSTRY_CODES`).
- `themes`: any of `open_innovation, skills, non_technical, cluster_management`.
- `keywords`, `offers`, `seeks`: free tags, at most 10 each, at most 80 characters each;
  whitespace is collapsed and duplicates (case-insensitive) are dropped, keeping the first
  spelling.
- `unavailable_slots`: 1-based slot numbers (`2;5`).
- `max_meetings`: a whole number >= 0, empty for "as many as there are slots".
- `wants_meetings`: `yes` or `no` (also `ja`/`nein`, `true`/`false`, `1`/`0`); default yes.
- `language`: `de` or `en`; default `de`.
- `must_meet`: e-mails of other attendees in the same file.
- `position`, `cluster`: free text.
Text is stored NFC without control characters, bidi overrides or zero-width characters.
Single-value cells hold at most 200 characters, list cells at most 1,000.

Every bad cell is reported as a `CsvError` with a machine `code`, the file `line` (the
header is line 1), the `column` and the offending `value`; all errors of a file are
collected and raised together as `CsvErrors`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matchmaker.text import collapse_whitespace, normalise_email, normalise_tags
from matchmaker.vocabulary import INDUSTRY_CODES, LANGUAGES, ORG_TYPES, THEMES

REQUIRED_COLUMNS = ("email", "first_name", "last_name", "organisation", "org_type", "industry")
OPTIONAL_COLUMNS = (
    "themes", "keywords", "offers", "seeks", "unavailable_slots", "max_meetings",
    "wants_meetings", "language", "must_meet", "position", "cluster",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
MAX_TAGS = 10
MAX_TAG_LENGTH = 80
MAX_TEXT_LENGTH = 200
MAX_LIST_LENGTH = 1000
EMAIL_PATTERN = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
YES = ("yes", "ja", "true", "1", "y", "j")
NO = ("no", "nein", "false", "0", "n")

MESSAGES = {
    "not_utf8": "the file is not UTF-8 text",
    "empty_file": "the file has no header row",
    "missing_column": "the required column is missing from the header",
    "unknown_column": "unknown column",
    "duplicate_column": "the column appears twice in the header",
    "too_many_cells": "the row has more cells than the header",
    "required": "a value is required",
    "too_long": "the value is longer than {limit} characters",
    "invalid_email": "not a valid e-mail address: {value!r}",
    "duplicate_email": "the e-mail {value!r} already appears in line {first_line}",
    "invalid_org_type": "unknown organisation type {value!r} (allowed: {allowed})",
    "unknown_industry": "unknown industry {value!r}",
    "unknown_theme": "unknown theme {value!r} (allowed: {allowed})",
    "unknown_language": "unknown language {value!r} (allowed: {allowed})",
    "invalid_slot": "not a slot number: {value!r}",
    "slot_out_of_range": "slot {value} is not between 1 and {slots}",
    "invalid_max_meetings": "max_meetings must be a whole number of at least 0: {value!r}",
    "invalid_wants_meetings": "wants_meetings must be yes or no: {value!r}",
    "too_many_tags": "at most {limit} entries are allowed, found {count}",
    "unknown_must_meet": "must_meet names an e-mail that is not in the file: {value!r}",
    "must_meet_self": "must_meet names the attendee themself",
}


@dataclass(frozen=True)
class AttendeeRow:
    """One attendee as read from or written to the CSV file."""

    email: str
    first_name: str
    last_name: str
    organisation: str
    org_type: str
    industry: str
    themes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    seeks: tuple[str, ...] = ()
    unavailable_slots: tuple[int, ...] = ()
    max_meetings: int | None = None
    wants_meetings: bool = True
    language: str = "de"
    must_meet: tuple[str, ...] = ()
    position: str = ""
    cluster: str = ""


class CsvError(Exception):
    """One bad cell or header: a machine `code`, the file `line`, the `column` and `value`."""

    def __init__(
        self, code: str, line: int, column: str | None = None, value: str | None = None,
        **params: Any,
    ) -> None:
        super().__init__(code, line, column, value)
        self.code, self.line, self.column, self.value = code, line, column, value
        self.params = params

    def __str__(self) -> str:
        message = MESSAGES[self.code].format(value=self.value, **self.params)
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {message}"


class CsvErrors(Exception):
    """All errors of one file, in line order."""

    def __init__(self, errors: Iterable[CsvError]) -> None:
        self.errors = tuple(sorted(errors, key=lambda e: (e.line, COLUMNS.index(e.column)
                                                          if e.column in COLUMNS else -1)))
        super().__init__("\n".join(str(e) for e in self.errors))


def read_attendee_csv(
    path: str | Path, *, slots: int, industries: Collection[str] = INDUSTRY_CODES
) -> list[AttendeeRow]:
    """Read a CSV file; raise `CsvErrors` listing every bad row."""
    return parse_attendee_csv(Path(path).read_bytes(), slots=slots, industries=industries)


def parse_attendee_csv(
    data: bytes | str, *, slots: int, industries: Collection[str] = INDUSTRY_CODES
) -> list[AttendeeRow]:
    """Parse CSV content (bytes as uploaded, or text); raise `CsvErrors` listing every bad row."""
    records = _records(_decode(data))
    header_line, header = next(records, (1, []))
    columns = _columns(header, header_line)
    errors: list[CsvError] = []
    parsed: list[tuple[int, AttendeeRow]] = []
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            errors.append(CsvError("too_many_cells", line))
            continue
        values = dict(zip(columns, cells))
        cell_parser = _RowParser(line, values, slots, industries)
        row = cell_parser.row()
        errors.extend(cell_parser.errors)
        if row is not None:
            parsed.append((line, row))
    errors.extend(_check_across_rows(parsed))
    if errors:
        raise CsvErrors(errors)
    return [row for _, row in parsed]


def format_attendee_csv(rows: Iterable[AttendeeRow]) -> str:
    """The CSV text of `rows` with all columns (readable again by `parse_attendee_csv`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(getattr(row, column)) for column in COLUMNS])
    return out.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, tuple):
        if any(";" in str(item) for item in value):
            raise ValueError(f"a list item may not contain ';': {value!r}")
        return ";".join(str(item) for item in value)
    return str(value)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvErrors([CsvError("not_utf8", 1)]) from None


def _records(text: str):
    """Yield (first line number, cells) per CSV record; quoted cells may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    for cells in reader:
        yield line, cells
        line = reader.line_num + 1


def _columns(header: list[str], line: int) -> list[str]:
    names = [name.strip().lower() for name in header]
    if not any(names):
        raise CsvErrors([CsvError("empty_file", line)])
    errors = [CsvError("unknown_column", line, name) for name in names if name not in COLUMNS]
    errors += [
        CsvError("duplicate_column", line, name)
        for i, name in enumerate(names) if name in COLUMNS and name in names[:i]
    ]
    errors += [CsvError("missing_column", line, name) for name in REQUIRED_COLUMNS
               if name not in names]
    if errors:
        raise CsvErrors(errors)
    return names


def _check_across_rows(parsed: list[tuple[int, AttendeeRow]]) -> list[CsvError]:
    errors = []
    first_line: dict[str, int] = {}
    for line, row in parsed:
        if row.email in first_line:
            errors.append(CsvError("duplicate_email", line, "email", row.email,
                                   first_line=first_line[row.email]))
        else:
            first_line[row.email] = line
    for line, row in parsed:
        for email in row.must_meet:
            if email == row.email:
                errors.append(CsvError("must_meet_self", line, "must_meet", email))
            elif email not in first_line:
                errors.append(CsvError("unknown_must_meet", line, "must_meet", email))
    return errors


class _RowParser:
    """Parses the cells of one row into an `AttendeeRow`, collecting errors."""

    def __init__(
        self, line: int, values: dict[str, str], slots: int, industries: Collection[str]
    ) -> None:
        self.line, self.values, self.slots = line, values, slots
        self.industries = industries
        self.errors: list[CsvError] = []

    def row(self) -> AttendeeRow | None:
        fields = dict(
            email=self.email(),
            first_name=self.text("first_name", required=True),
            last_name=self.text("last_name", required=True),
            organisation=self.text("organisation", required=True),
            org_type=self.choice("org_type", ORG_TYPES, "invalid_org_type"),
            industry=self.choice("industry", self.industries, "unknown_industry"),
            themes=self.choices("themes", THEMES, "unknown_theme"),
            keywords=self.tags("keywords"),
            offers=self.tags("offers"),
            seeks=self.tags("seeks"),
            unavailable_slots=self.slot_numbers(),
            max_meetings=self.max_meetings(),
            wants_meetings=self.wants_meetings(),
            language=self.choice("language", LANGUAGES, "unknown_language", default="de"),
            must_meet=self.must_meet(),
            position=self.text("position"),
            cluster=self.text("cluster"),
        )
        return None if self.errors else AttendeeRow(**fields)

    def fail(self, code: str, column: str, value: str | None = None, **params: Any) -> None:
        self.errors.append(CsvError(code, self.line, column, value, **params))

    def raw(self, column: str, limit: int = MAX_TEXT_LENGTH) -> str:
        value = collapse_whitespace(self.values.get(column, ""))
        if len(value) > limit:
            self.fail("too_long", column, value[:40] + "…", limit=limit)
            return ""
        return value

    def text(self, column: str, required: bool = False) -> str:
        value = self.raw(column)
        if required and not value and not self._failed(column):
            self.fail("required", column)
        return value

    def email(self) -> str:
        value = normalise_email(self.text("email", required=True))
        if value and not EMAIL_PATTERN.match(value):
            self.fail("invalid_email", "email", value)
        return value

    def choice(self, column: str, allowed: Collection[str], code: str, default: str = "") -> str:
        value = self.raw(column).lower()
        if not value and default:
            return default
        if not value and not self._failed(column):
            self.fail("required", column)
        elif value and value not in allowed:
            self.fail(code, column, value, allowed=", ".join(sorted(allowed)))
        return value

    def items(self, column: str) -> list[str]:
        value = self.raw(column, MAX_LIST_LENGTH)
        return [item for item in map(collapse_whitespace, value.split(";")) if item]

    def choices(self, column: str, allowed: Collection[str], code: str) -> tuple[str, ...]:
        values = [item.lower() for item in self.items(column)]
        for value in values:
            if value not in allowed:
                self.fail(code, column, value, allowed=", ".join(allowed))
        return tuple(dict.fromkeys(values))

    def tags(self, column: str) -> tuple[str, ...]:
        unique = normalise_tags(self.items(column))
        for item in unique:
            if len(item) > MAX_TAG_LENGTH:
                self.fail("too_long", column, item[:40] + "…", limit=MAX_TAG_LENGTH)
        if len(unique) > MAX_TAGS:
            self.fail("too_many_tags", column, limit=MAX_TAGS, count=len(unique))
        return tuple(unique)

    def slot_numbers(self) -> tuple[int, ...]:
        numbers: set[int] = set()
        for item in self.items("unavailable_slots"):
            if not re.fullmatch(r"\d+", item):
                self.fail("invalid_slot", "unavailable_slots", item)
            elif not 1 <= int(item) <= self.slots:
                self.fail("slot_out_of_range", "unavailable_slots", item, slots=self.slots)
            else:
                numbers.add(int(item))
        return tuple(sorted(numbers))

    def max_meetings(self) -> int | None:
        value = self.raw("max_meetings")
        if not value:
            return None
        if not re.fullmatch(r"\d+", value):
            self.fail("invalid_max_meetings", "max_meetings", value)
            return None
        return int(value)

    def wants_meetings(self) -> bool:
        value = self.raw("wants_meetings").lower()
        if value and value not in YES + NO:
            self.fail("invalid_wants_meetings", "wants_meetings", value)
        return value not in NO

    def must_meet(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalise_email(item) for item in self.items("must_meet")))

    def _failed(self, column: str) -> bool:
        return any(e.column == column for e in self.errors)
