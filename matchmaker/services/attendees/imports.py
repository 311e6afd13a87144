"""Adding attendees from a file: an organiser's import, and the demo's seed.

Every new person goes through ``registration.sign_up``, in file order, so seats, the
waiting list and registration numbers follow the same rules as the sign-up form: when
the file has more people than seats left, the rest wait in file order. A file with an
error imports nothing; an e-mail that is already registered (in any status) is reported
as a duplicate and left as it is.

Consent: an organiser's import is not the attendee's consent to matchmaking. Imported
people take part only where the file's ``matching_consent`` column says ``yes``; the
consents are recorded with the version ``import`` (the organiser answers for the legal
basis), their e-mail address counts as unconfirmed, and each gets the welcome mail of a
sign-up with their private link, where they can confirm, agree to matchmaking, correct or
delete their data. The demo's made-up people count as signed up with both consents.

Sessions (the ``sessions`` column): each new person with a seat at the event chooses them
in file order through ``programme.choices.choose_session``, as on their page: a full
session puts them on its waiting list. A person the file puts on the event's waiting list
chooses none (only attendees with a seat choose sessions).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ...exchange.attendee_csv import AttendeeRow, CsvError, CsvErrors, ProgrammeSpan
from ...exchange.attendee_xlsx import parse_attendee_file
from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, MeetingRequest, OutgoingMail, utcnow
from ...text import email_key
from .. import DomainError
from ..audit import record
from ..events.events import industries, seat_counts
from ..mail.notifications import after_sign_up
from ..programme.choices import choose_session
from ..programme.sessions import programme_of
from .registration import Registration, SignUpOutcome, lock_event, sign_up

IMPORT_CONSENT_VERSION = "import"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlannedAttendee:
    """A new attendee of the file and the status they would get."""

    row: AttendeeRow
    status: AttendeeStatus


@dataclass(frozen=True)
class Duplicate:
    """A row whose e-mail is already registered: reported, never imported."""

    row: AttendeeRow
    number: int
    status: AttendeeStatus


@dataclass(frozen=True)
class ImportPreview:
    filename: str
    new: tuple[PlannedAttendee, ...]
    duplicates: tuple[Duplicate, ...]
    errors: tuple[CsvError, ...]
    seats_left: int

    @property
    def can_import(self) -> bool:
        return not self.errors and bool(self.new)

    @property
    def waitlisted(self) -> int:
        return sum(1 for planned in self.new if planned.status == AttendeeStatus.WAITLISTED)


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int
    waitlisted: int = 0
    mails: tuple[OutgoingMail, ...] = ()


def preview_import(event: Event, filename: str, data: bytes) -> ImportPreview:
    """What importing the file would do; nothing is changed."""
    seats = seat_counts(event)
    try:
        rows = read_rows(event, data)
    except CsvErrors as errors:
        return ImportPreview(filename, (), (), errors.errors, seats.seats_left)
    existing = registered_by_email(event)
    duplicates = tuple(Duplicate(row, *existing[email_key(row.email)]) for row in rows
                       if email_key(row.email) in existing)
    free = seats.seats_left if not seats.waitlisted else 0
    new = [row for row in rows if email_key(row.email) not in existing]
    planned = tuple(
        PlannedAttendee(row, AttendeeStatus.REGISTERED if index < free else AttendeeStatus.WAITLISTED)
        for index, row in enumerate(new)
    )
    return ImportPreview(filename, planned, duplicates, (), seats.seats_left)


def import_file(event: Event, filename: str, data: bytes, actor: str,
                addresses_checked: bool = False, now: datetime | None = None) -> ImportResult:
    """Import a CSV or ``.xlsx`` file, all or nothing; raise ``DomainError("invalid_file",
    errors=...)`` listing every bad cell. The caller commits, then delivers ``mails``.

    ``addresses_checked``: the organiser vouches that the addresses work, so the new
    attendees count as confirmed (and can be matched at once); the audit log records who
    said so and when, for each of them."""
    try:
        rows = read_rows(event, data)
    except CsvErrors as errors:
        raise DomainError("invalid_file", errors=errors.errors) from None
    now = now or utcnow()
    created = register_rows(event, rows, IMPORT_CONSENT_VERSION, consent_from_file=True, now=now)
    choose_sessions_of_rows(event, rows, created, now)
    if addresses_checked:
        confirm_checked_addresses(event, [outcome.attendee for outcome in created], actor, now)
    mails = tuple(mail for outcome in created for mail in after_sign_up(outcome))
    waitlisted = sum(1 for o in created if o.attendee.status == AttendeeStatus.WAITLISTED)
    log.info("%s imported %s into event %s: %d new (%d waiting), %d duplicates", actor,
             filename, event.slug, len(created), waitlisted, len(rows) - len(created))
    record(event, actor, "imported", None, {"file": filename, "created": len(created),
                                            "waitlisted": waitlisted,
                                            "duplicates": len(rows) - len(created),
                                            "addresses_checked": addresses_checked})
    return ImportResult(len(created), len(rows) - len(created), waitlisted, mails)


def confirm_checked_addresses(event: Event, attendees: list[Attendee], actor: str,
                              now: datetime) -> None:
    for attendee in attendees:
        attendee.email_confirmed_at = now
        record(event, actor, "address_checked", attendee, {"email_confirmed_at": [None, now]})
    db.session.flush()


def import_attendees(
    event: Event, rows: Sequence[AttendeeRow], privacy_notice_version: str,
    confirmed: bool, now: datetime | None = None,
) -> ImportResult:
    """The demo's seed: add the rows whose e-mail is new as if each had signed up with
    both consents (and, with ``confirmed``, opened their link); others are skipped."""
    now = now or utcnow()
    created = register_rows(event, rows, privacy_notice_version, consent_from_file=False, now=now)
    for outcome in created:
        outcome.attendee.email_confirmed_at = now if confirmed else None
    db.session.flush()
    waitlisted = sum(1 for o in created if o.attendee.status == AttendeeStatus.WAITLISTED)
    return ImportResult(created=len(created), skipped=len(rows) - len(created), waitlisted=waitlisted)


def read_rows(event: Event, data: bytes) -> list[AttendeeRow]:
    """The checked rows of a file for this event (its slots, industries and attendees)."""
    return parse_attendee_file(
        data, slots=len(event.slots), industries={industry.code for industry in industries()},
        known_emails=set(registered_by_email(event)),
        programme=[ProgrammeSpan(session.title, session.starts_at, session.ends_at)
                   for session in programme_of(event)])


def choose_sessions_of_rows(event: Event, rows: Sequence[AttendeeRow],
                            created: Sequence[SignUpOutcome], now: datetime) -> None:
    """The new people with a seat choose their rows' sessions, in file order."""
    ids = {session.title: session.id for session in programme_of(event)}
    sessions = {email_key(row.email): row.sessions for row in rows}
    for outcome in created:
        attendee = outcome.attendee
        if attendee.status == AttendeeStatus.REGISTERED:
            for title in sessions.get(attendee.email_key, ()):
                choose_session(attendee, ids[title], now)


def registered_by_email(event: Event) -> dict[str, tuple[int, AttendeeStatus]]:
    rows = db.session.execute(select(Attendee.email_key, Attendee.number, Attendee.status)
                              .where(Attendee.event_id == event.id))
    return {email: (number, status) for email, number, status in rows}


def register_rows(
    event: Event, rows: Sequence[AttendeeRow], version: str, *, consent_from_file: bool,
    now: datetime | None = None,
) -> list[SignUpOutcome]:
    """Sign up the rows whose e-mail is new to the event, in order, with their must-meet
    wishes; ``consent_from_file`` False gives everybody matchmaking consent (demo only)."""
    now = now or utcnow()
    lock_event(event)
    existing = registered_by_email(event)
    new_rows = [row for row in rows if email_key(row.email) not in existing]
    created = [sign_up(event, registration_of(row, version, row.matching_consent
                                              if consent_from_file else True), now)
               for row in new_rows]
    ids = {email: id_ for email, id_ in db.session.execute(
        select(Attendee.email_key, Attendee.id).where(Attendee.event_id == event.id))}
    add_meeting_requests(new_rows, ids)
    return created


def registration_of(row: AttendeeRow, version: str, matching_consent: bool) -> Registration:
    return Registration(
        email=row.email, first_name=row.first_name, last_name=row.last_name,
        organisation=row.organisation, org_type=row.org_type, industry_code=row.industry,
        language=row.language, privacy_notice_version=version, position=row.position or None,
        cluster=row.cluster or None, themes=list(row.themes), keywords=list(row.keywords),
        offers=list(row.offers), seeks=list(row.seeks), wants_meetings=row.wants_meetings,
        unavailable_slots=sorted(row.unavailable_slots), max_meetings=row.max_meetings,
        matching_consent=matching_consent,
    )


def add_meeting_requests(rows: Sequence[AttendeeRow], ids_by_email: dict[str, int]) -> None:
    existing = {(requester, target) for requester, target
                in db.session.execute(select(MeetingRequest.requester_id, MeetingRequest.target_id))}
    for row in rows:
        requester_id = ids_by_email[email_key(row.email)]
        for target in row.must_meet:
            target_id = ids_by_email.get(target)
            if target_id is not None and target_id != requester_id \
                    and (requester_id, target_id) not in existing:
                db.session.add(MeetingRequest(requester_id=requester_id, target_id=target_id))
                existing.add((requester_id, target_id))
    db.session.flush()
