"""The organiser's attendee list as plain rows (no lazy loading in templates)."""

from dataclasses import dataclass

from ...models import Attendee, AttendeeStatus


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
    cluster: str | None
    status: AttendeeStatus
    confirmed: bool
    matching_consent: bool
    wants_meetings: bool


def summary_of(attendee: Attendee) -> AttendeeSummary:
    """The row of an attendee loaded with its industry."""
    a = attendee
    return AttendeeSummary(
        number=a.number, name=a.full_name, email=a.email, organisation=a.organisation,
        org_type=a.org_type, industry_de=a.industry.name_de, industry_en=a.industry.name_en,
        cluster=a.cluster, status=a.status, confirmed=a.email_confirmed_at is not None,
        matching_consent=a.matching_consent, wants_meetings=a.wants_meetings,
    )
