"""The organiser's attendee list as plain rows (no lazy loading in templates)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Attendee, AttendeeStatus, Event


@dataclass(frozen=True)
class AttendeeSummary:
    """One line of the organiser's attendee list."""

    number: int
    name: str
    email: str
    organisation: str
    org_type: str
    industry_de: str
    industry_en: str
    status: AttendeeStatus
    confirmed: bool
    matching_consent: bool


def attendee_rows(event: Event) -> list[AttendeeSummary]:
    attendees = db.session.scalars(
        select(Attendee)
        .where(Attendee.event_id == event.id)
        .options(joinedload(Attendee.industry))
        .order_by(Attendee.number)
    )
    return [
        AttendeeSummary(
            number=a.number, name=a.full_name, email=a.email, organisation=a.organisation,
            org_type=a.org_type, industry_de=a.industry.name_de, industry_en=a.industry.name_en,
            status=a.status, confirmed=a.email_confirmed_at is not None,
            matching_consent=a.matching_consent,
        )
        for a in attendees
    ]
