"""Attendee CSV: read and write the list of attendees as a spreadsheet file.

Format
------
UTF-8 (a byte-order mark is accepted), comma-separated columns, a header row, Windows or
Unix line endings, cells quoted with `"` where needed. Inside a cell, `;` or `,` separates
the items of a list (`KI; Leichtbau; Wasserstoff`; a German Excel file, `;`-separated, may
hold `non_technical,open_innovation`), as in the forms; an item never contains either. Column names are case-insensitive and may
be German (see `column_names`). What a German Excel saves is read too: semicolons or tabs
as delimiter, Windows-1252 or UTF-16 text (see `csv_dialect`); `.xlsx` sheets go through
the same row checks (see `attendee_xlsx`).

Required columns: `email, first_name, last_name, organisation, org_type, industry`.
Optional columns (empty cells take the default): `themes, keywords, offers, seeks,
unavailable_slots, max_meetings, wants_meetings, language, must_meet, matching_consent,
position, cluster, sessions`. The columns an export adds (`number, status, email_confirmed,
signed_up_at, badge_code, checked_in_at`) are accepted and ignored, so that an export can be imported again.

- `email`: unique (case- and width-insensitive, compared by its key: NFKC, case-folded);
  stored as typed (NFC, invisible characters dropped, the domain lower-cased), like the
  sign-up form's, so that an export gives back the same address.
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
- `must_meet`: e-mails of other attendees in the same file (or already registered),
  compared by their key.
- `matching_consent`: `yes` only if the attendee agreed to matchmaking; default no.
- `position`, `cluster`: free text.
- `sessions`: titles of sessions of the event's programme the attendee chose, separated by
  `;` only (a title may hold a comma), compared case-insensitively; two of them may not
  overlap in time. The file gives the programme's spelling back.
- Names, `organisation`, `position`, `cluster` and every tag are shown to other attendees:
  text a mail client would turn into a link (a web or e-mail address) is refused there.
Text is stored NFC without control characters, bidi overrides or zero-width characters.
Single-value cells hold at most 200 characters, list cells at most 1,000; a file holds
at most 20,000 attendees. A cell of more than 131,072 characters (the `csv` module's
limit; mostly a quotation mark left open) stops the reading at its line. A leading apostrophe that an export put before `=`, `+`, `-`,
`@`, tab or CR (see `spreadsheet.neutralise`) is removed again.

Every bad cell is reported as a `CsvError` with a machine `code`, the file `line` (the
header is line 1), the `column` and the offending `value`; all errors of a file are
collected and raised together as `CsvErrors`. In a sheet the place is a `row`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from matchmaker.exchange.column_names import canonical_name
from matchmaker.exchange.console_messages import MESSAGES
from matchmaker.exchange.csv_dialect import UndecodableText, decode, sniff_delimiter
from matchmaker.exchange.spreadsheet import restore
from matchmaker.text import (
    clean_email,
    collapse_whitespace,
    email_key,
    looks_like_link,
    normalise_email,
    normalise_tags,
)
from matchmaker.vocabulary import INDUSTRY_CODES, LANGUAGES, ORG_TYPES, THEMES

REQUIRED_COLUMNS = ("email", "first_name", "last_name", "organisation", "org_type", "industry")
# Free text other attendees see (and their mails quote): no web or e-mail addresses in it,
# as in the sign-up form; the tag columns are checked per entry.
SHOWN_TO_OTHERS = ("first_name", "last_name", "organisation", "position", "cluster")
OPTIONAL_COLUMNS = (
    "themes", "keywords", "offers", "seeks", "unavailable_slots", "max_meetings",
    "wants_meetings", "language", "must_meet", "matching_consent", "position", "cluster",
    "sessions",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
EXPORT_ONLY_COLUMNS = ("number", "status", "email_confirmed", "signed_up_at", "badge_code",
                       "checked_in_at")
# The export's answers to the organiser's own questions (``question_<key>``): ignored here.
QUESTION_PREFIX = "question_"
MAX_ROWS = 20_000
MAX_TAGS = 10
MAX_TAG_LENGTH = 80
MAX_TEXT_LENGTH = 200
MAX_LIST_LENGTH = 1000
MAX_SESSIONS_LENGTH = 2000
EMAIL_PATTERN = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")
ITEM_SEPARATORS = re.compile(r"[;,]")
YES = ("yes", "ja", "true", "1", "y", "j")
NO = ("no", "nein", "false", "0", "n")


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
    matching_consent: bool = False
    sessions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProgrammeSpan:
    """A session of the event's programme as the `sessions` column names it."""

    title: str
    starts_at: datetime
    ends_at: datetime


class CsvError(Exception):
    """One bad cell or header: a machine `code`, the file `line`, the `column` and `value`.

    `unit` says what `line` counts: `line` of a CSV file or `row` of a sheet.
    """

    def __init__(
        self, code: str, line: int, column: str | None = None, value: str | None = None,
        unit: str = "line", **params: Any,
    ) -> None:
        super().__init__(code, line, column, value)
        self.code, self.line, self.column, self.value = code, line, column, value
        self.unit, self.params = unit, params

    def __str__(self) -> str:
        message = MESSAGES[self.code].format(value=self.value, unit=self.unit, **self.params)
        where = f"{self.unit} {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {message}"


class CsvErrors(Exception):
    """All errors of one file, in line order."""

    def __init__(self, errors: Iterable[CsvError]) -> None:
        self.errors = tuple(sorted(errors, key=lambda e: (e.line, COLUMNS.index(e.column)
                                                          if e.column in COLUMNS else -1)))
        super().__init__("\n".join(str(e) for e in self.errors))


class UncomputedFormula(str):
    """A sheet cell with a formula but no stored result: reported, never imported."""


def read_attendee_csv(
    path: str | Path, *, slots: int, industries: Collection[str] = INDUSTRY_CODES,
    programme: Collection[ProgrammeSpan] = (),
) -> list[AttendeeRow]:
    """Read a CSV file; raise `CsvErrors` listing every bad row."""
    return parse_attendee_csv(Path(path).read_bytes(), slots=slots, industries=industries,
                              programme=programme)


def parse_attendee_csv(
    data: bytes | str, *, slots: int, industries: Collection[str] = INDUSTRY_CODES,
    known_emails: Collection[str] = (), programme: Collection[ProgrammeSpan] = (),
) -> list[AttendeeRow]:
    """Parse CSV content (bytes as uploaded, or text); raise `CsvErrors` listing every bad row.

    `known_emails` are attendees outside the file that `must_meet` may name; `programme`
    the sessions that `sessions` may name.
    """
    return parse_attendee_records(_records(_decode(data)), slots=slots, industries=industries,
                                  known_emails=known_emails, programme=programme)


def parse_attendee_records(
    records: Iterable[tuple[int, list[str]]], *, slots: int,
    industries: Collection[str] = INDUSTRY_CODES, known_emails: Collection[str] = (),
    unit: str = "line", programme: Collection[ProgrammeSpan] = (),
) -> list[AttendeeRow]:
    """Check (line or row number, cells) records, the first non-empty one the header."""
    filled = ((line, cells) for line, cells in records if any(cell.strip() for cell in cells))
    header_line, header = next(filled, (1, []))
    columns = _columns(header, header_line, unit)
    sessions = {collapse_whitespace(span.title).casefold(): span for span in programme}
    errors: list[CsvError] = []
    parsed: list[tuple[int, AttendeeRow]] = []
    for count, (line, cells) in enumerate(filled, start=1):
        if count > MAX_ROWS:
            raise CsvErrors([CsvError("too_many_rows", line, unit=unit, limit=MAX_ROWS)])
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns):]):
            errors.append(CsvError("too_many_cells", line, unit=unit))
            continue
        # A short row leaves its last columns out (strict=False); a long one was refused above.
        cell_parser = _RowParser(line, dict(zip(columns, cells, strict=False)), slots, industries,
                                 unit, sessions)
        row = cell_parser.row()
        errors.extend(cell_parser.errors)
        if row is not None:
            parsed.append((line, row))
    errors.extend(_check_across_rows(parsed, known_emails, unit))
    if errors:
        raise CsvErrors(errors)
    return [row for _, row in parsed]


def format_attendee_csv(rows: Iterable[AttendeeRow]) -> str:
    """The CSV text of `rows` with all columns (readable again by `parse_attendee_csv`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([cell_text(getattr(row, column)) for column in COLUMNS])
    return out.getvalue()


def cell_text(value: object) -> str:
    """A field of `AttendeeRow` as the text of its cell."""
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
        return decode(data)[0]
    except UndecodableText as error:
        raise CsvErrors([CsvError(error.code, error.line, sample=error.sample)]) from None


def table_records(data: bytes | str, is_column: Callable[[str], bool]) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) per record of any CSV table (e.g. the programme), read as the attendee
    file is: its encoding and delimiter found the same way (``is_column`` knows the header)."""
    return _records(_decode(data), is_column)


def _records(text: str, is_column: Callable[[str], bool] | None = None) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, cells) per CSV record; quoted cells may span lines."""
    delimiter, skip_first = sniff_delimiter(text, is_column or _is_column)
    lines = io.StringIO(text, newline="")
    line = 1
    if skip_first:
        lines.readline()
        line = 2
    reader = csv.reader(lines, delimiter=delimiter)
    offset = line - 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + offset + 1
    except csv.Error:  # the only one a lenient reader on text raises: a cell over its limit
        raise CsvErrors([CsvError("cell_too_large", line, limit=csv.field_size_limit())]) from None


def _is_column(header_cell: str) -> bool:
    return canonical_name(header_cell) in COLUMNS + EXPORT_ONLY_COLUMNS


def _columns(header: list[str], line: int, unit: str = "line") -> list[str]:
    while header and not header[-1].strip():
        header = header[:-1]
    names = [canonical_name(name) for name in header]
    if not any(names):
        raise CsvErrors([CsvError("empty_file", line, unit=unit)])
    accepted = COLUMNS + EXPORT_ONLY_COLUMNS
    errors = [CsvError("unknown_column", line, name, unit=unit)
              for name in names if name not in accepted and not name.startswith(QUESTION_PREFIX)]
    errors += [
        CsvError("duplicate_column", line, name, unit=unit)
        for i, name in enumerate(names) if name in accepted and name in names[:i]
    ]
    errors += [CsvError("missing_column", line, name, unit=unit) for name in REQUIRED_COLUMNS
               if name not in names]
    if errors:
        raise CsvErrors(errors)
    return names


def _check_across_rows(
    parsed: list[tuple[int, AttendeeRow]], known_emails: Collection[str], unit: str
) -> list[CsvError]:
    errors = []
    first_line: dict[str, int] = {}
    for line, row in parsed:
        key = email_key(row.email)
        if key in first_line:
            errors.append(CsvError("duplicate_email", line, "email", row.email, unit=unit,
                                   first_line=first_line[key]))
        else:
            first_line[key] = line
    for line, row in parsed:
        for email in row.must_meet:
            if email == email_key(row.email):
                errors.append(CsvError("must_meet_self", line, "must_meet", email, unit=unit))
            elif email not in first_line and email not in known_emails:
                errors.append(CsvError("unknown_must_meet", line, "must_meet", email, unit=unit))
    return errors


class CellReader:
    """Reads the cells of one row, collecting a `CsvError` per bad cell (the attendee and
    the programme files share it)."""

    def __init__(self, line: int, values: dict[str, str], unit: str) -> None:
        self.line, self.values, self.unit = line, values, unit
        self.errors: list[CsvError] = []

    def fail(self, code: str, column: str, value: str | None = None, **params: Any) -> None:
        self.errors.append(CsvError(code, self.line, column, value, self.unit, **params))

    def raw(self, column: str, limit: int = MAX_TEXT_LENGTH) -> str:
        cell = self.values.get(column, "")
        if isinstance(cell, UncomputedFormula):
            self.fail("formula_without_value", column)
            return ""
        value = collapse_whitespace(restore(cell))
        if len(value) > limit:
            self.fail("too_long", column, value[:40] + "…", limit=limit)
            return ""
        return value

    def failed(self, column: str) -> bool:
        return any(e.column == column for e in self.errors)


class _RowParser(CellReader):
    """Parses the cells of one row into an `AttendeeRow`, collecting errors."""

    def __init__(
        self, line: int, values: dict[str, str], slots: int, industries: Collection[str],
        unit: str = "line", programme: dict[str, ProgrammeSpan] | None = None,
    ) -> None:
        super().__init__(line, values, unit)
        self.slots, self.industries, self.programme = slots, industries, programme or {}

    def row(self) -> AttendeeRow | None:
        row = AttendeeRow(
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
            wants_meetings=self.yes_no("wants_meetings", True),
            language=self.choice("language", LANGUAGES, "unknown_language", default="de"),
            must_meet=self.must_meet(),
            position=self.text("position"),
            cluster=self.text("cluster"),
            matching_consent=self.yes_no("matching_consent", False),
            sessions=self.sessions(),
        )
        return None if self.errors else row

    def text(self, column: str, required: bool = False) -> str:
        value = self.raw(column)
        if required and not value and not self.failed(column):
            self.fail("required", column)
        if column in SHOWN_TO_OTHERS and looks_like_link(value):
            self.fail("link_like", column, value)
        return value

    def email(self) -> str:
        value = clean_email(self.text("email", required=True))
        if value and not EMAIL_PATTERN.match(value):
            self.fail("invalid_email", "email", value)
        return value

    def choice(self, column: str, allowed: Collection[str], code: str, default: str = "") -> str:
        value = self.raw(column).lower()
        if not value and default:
            return default
        if not value and not self.failed(column):
            self.fail("required", column)
        elif value and value not in allowed:
            self.fail(code, column, value, allowed=", ".join(sorted(allowed)))
        return value

    def items(self, column: str) -> list[str]:
        value = self.raw(column, MAX_LIST_LENGTH)
        return [item for item in map(collapse_whitespace, ITEM_SEPARATORS.split(value)) if item]

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
            elif looks_like_link(item):
                self.fail("link_like", column, item)
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

    def yes_no(self, column: str, default: bool) -> bool:
        value = self.raw(column).lower()
        if value and value not in YES + NO:
            self.fail(f"invalid_{column}", column, value)
        return value in YES if value else default

    def must_meet(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalise_email(item) for item in self.items("must_meet")))

    def sessions(self) -> tuple[str, ...]:
        """The programme's titles of the named sessions: known, none overlapping another."""
        chosen: list[ProgrammeSpan] = []
        for item in self.raw("sessions", MAX_SESSIONS_LENGTH).split(";"):
            title = collapse_whitespace(item)
            span = self.programme.get(title.casefold())
            if title and span is None:
                self.fail("unknown_session", "sessions", title)
            elif span is not None and span not in chosen:
                clash = next((other for other in chosen if other.starts_at < span.ends_at
                              and span.starts_at < other.ends_at), None)
                if clash is not None:
                    self.fail("sessions_overlap", "sessions", span.title, other=clash.title)
                chosen.append(span)
        return tuple(span.title for span in chosen)
