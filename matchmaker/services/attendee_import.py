"""Adding attendees from rows of the attendee CSV: the demo's seed.

Seeded people are treated as if they had signed up with both consents and (optionally)
opened their link; that is only right for made-up demo data.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..exchange.attendee_csv import AttendeeRow
from ..extensions import db
from ..models import Attendee, AttendeeStatus, Event, MeetingRequest, utcnow
from .registration import has_free_seat, lock_event, new_token, next_number


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int


def import_attendees(
    event: Event, rows: Sequence[AttendeeRow], privacy_notice_version: str,
    confirmed: bool, now: datetime | None = None,
) -> ImportResult:
    """Add the rows whose e-mail is new to the event, as if each had signed up (seats and
    waiting list included), with matchmaking consent; rows already present are skipped."""
    now = now or utcnow()
    lock_event(event)
    known = {email: id_ for email, id_ in db.session.execute(
        select(Attendee.email, Attendee.id).where(Attendee.event_id == event.id))}
    created = [attendee_from_row(event, row, privacy_notice_version, confirmed, now)
               for row in rows if row.email not in known]
    db.session.flush()
    known.update({attendee.email: attendee.id for attendee in created})
    add_meeting_requests([row for row in rows if row.email in known], known)
    return ImportResult(created=len(created), skipped=len(rows) - len(created))


def attendee_from_row(
    event: Event, row: AttendeeRow, version: str, confirmed: bool, now: datetime
) -> Attendee:
    status = AttendeeStatus.REGISTERED if has_free_seat(event) else AttendeeStatus.WAITLISTED
    attendee = Attendee(
        event_id=event.id, number=next_number(event), token=new_token(), status=status,
        email=row.email, first_name=row.first_name, last_name=row.last_name,
        organisation=row.organisation, position=row.position or None, org_type=row.org_type,
        industry_code=row.industry, cluster=row.cluster or None, themes=list(row.themes),
        keywords=list(row.keywords), offers=list(row.offers), seeks=list(row.seeks),
        wants_meetings=row.wants_meetings, unavailable_slots=sorted(row.unavailable_slots),
        max_meetings=row.max_meetings, language=row.language, privacy_consent_at=now,
        privacy_consent_version=version, matching_consent_at=now,
        matching_consent_version=version, email_confirmed_at=now if confirmed else None,
        signed_up_at=now,
    )
    db.session.add(attendee)
    db.session.flush()
    return attendee


def add_meeting_requests(rows: Sequence[AttendeeRow], ids_by_email: dict[str, int]) -> None:
    existing = set(db.session.execute(select(MeetingRequest.requester_id, MeetingRequest.target_id)))
    for row in rows:
        for target in row.must_meet:
            pair = (ids_by_email[row.email], ids_by_email.get(target))
            if pair[1] is not None and pair[1] != pair[0] and pair not in existing:
                db.session.add(MeetingRequest(requester_id=pair[0], target_id=pair[1]))
                existing.add(pair)
    db.session.flush()
