"""Turn attendee rows from a file into the engine's `Event` (file mode, no database)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from matchmaker.exchange.attendee_csv import AttendeeRow, ProgrammeSpan
from matchmaker.matching.model import Attendee, Event, Meeting, Weights
from matchmaker.matching.sessions import overlapping_slots


def event_from_rows(
    rows: Sequence[AttendeeRow],
    *,
    slots: int,
    tables: int,
    weights: Weights = Weights(),
    locked: Sequence[Meeting] = (),
    busy: Mapping[str, frozenset[int]] | None = None,
) -> tuple[Event, dict[int, str]]:
    """The event and its e-mail per id; ids follow the sorted e-mails (1, 2, ...);
    `busy` the slots (per e-mail) their sessions cover.

    Numbering by e-mail rather than file order means a reordered file gives the same
    schedule.
    """
    emails = sorted(row.email for row in rows)
    ids = {email: number for number, email in enumerate(emails, start=1)}
    attendees = tuple(
        _attendee(row, ids, (busy or {}).get(row.email, frozenset()))
        for row in sorted(rows, key=lambda row: ids[row.email])
    )
    event = Event(attendees, slots, tables, weights, locked=tuple(locked))
    return event, {number: email for email, number in ids.items()}


def session_busy_slots(rows: Sequence[AttendeeRow], programme: Sequence[ProgrammeSpan],
                       slots: Sequence[tuple[datetime, datetime]]) -> dict[str, frozenset[int]]:
    """Per e-mail, the numbers of `slots` that overlap a session the row names."""
    times = {span.title: (span.starts_at, span.ends_at) for span in programme}
    return {row.email: overlapping_slots(slots, (times[title] for title in row.sessions))
            for row in rows if row.sessions}


def _attendee(row: AttendeeRow, ids: dict[str, int], busy: frozenset[int]) -> Attendee:
    return Attendee(
        id=ids[row.email],
        organisation=row.organisation,
        org_type=row.org_type,
        industry=row.industry,
        themes=frozenset(row.themes),
        keywords=row.keywords,
        offers=row.offers,
        seeks=row.seeks,
        unavailable_slots=frozenset(row.unavailable_slots),
        max_meetings=row.max_meetings,
        wants_meetings=row.wants_meetings,
        must_meet=frozenset(ids[email] for email in row.must_meet if email in ids),
        session_slots=busy,
    )
