"""Importing the programme from a CSV or ``.xlsx`` file, all or nothing.

A row whose title the programme has already (compared case-insensitively) changes that
session; the other rows become new sessions. A file with an error changes nothing.
"""

from dataclasses import dataclass

from ...exchange.attendee_csv import CsvError, CsvErrors
from ...exchange.programme_file import SessionRow, parse_programme_file
from ...models import Event
from .. import DomainError
from ..audit import record
from .sessions import add_session, change_session, programme_of


@dataclass(frozen=True)
class ProgrammePreview:
    filename: str
    new: tuple[SessionRow, ...]
    changed: tuple[SessionRow, ...]
    errors: tuple[CsvError, ...]

    @property
    def can_import(self) -> bool:
        return not self.errors and bool(self.new or self.changed)


def preview_programme(event: Event, filename: str, data: bytes) -> ProgrammePreview:
    """What importing the file would do; nothing is changed."""
    try:
        rows = parse_programme_file(data, day=event.starts_on)
    except CsvErrors as errors:
        return ProgrammePreview(filename, (), (), errors.errors)
    known = {session.title.lower() for session in programme_of(event)}
    return ProgrammePreview(filename, tuple(row for row in rows if row.title.lower() not in known),
                            tuple(row for row in rows if row.title.lower() in known), ())


def import_programme(event: Event, filename: str, data: bytes, actor: str) -> ProgrammePreview:
    """Add and change the file's sessions; raise ``DomainError("invalid_file", errors=...)``."""
    preview = preview_programme(event, filename, data)
    if preview.errors:
        raise DomainError("invalid_file", errors=preview.errors)
    by_title = {session.title.lower(): session.id for session in programme_of(event)}
    for row in preview.changed:
        change_session(event, by_title[row.title.lower()], row, actor)
    for row in preview.new:
        add_session(event, row, actor)
    record(event, actor, "programme_imported", None, {"file": filename, "new": len(preview.new),
                                                      "changed": len(preview.changed)})
    return preview
