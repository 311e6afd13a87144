"""What organisers do with attendees: find them, change them, change their status.

Every change goes to the audit log with the organiser's address as the actor. Status
changes keep the seat rules: cancelling gives the seat to the waiting list, and moving
somebody off the waiting list is refused when no seat is free.
"""

import enum
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.orm import joinedload

from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, Meeting, MeetingColleague, OutgoingMail, utcnow
from ...text import email_key
from .. import DomainError
from ..audit import differences, record
from ..events.events import seat_counts
from ..mail.notifications import compose
from ..name_search import key_matches
from .listing import AttendeeSummary, summary_of
from .registration import lock_event
from .self_service import Interests, MeetingPreferences, Profile, cancel, update_details

PER_PAGE = 50
# The mail an attendee gets when the organisers cancel the registration.
ORGANISER_CANCELLED = "cancelled_by_organiser"
AUDITED_FIELDS = (
    "email", "first_name", "last_name", "organisation", "position", "org_type",
    "industry_code", "cluster", "themes", "keywords", "offers", "seeks", "wants_meetings",
    "unavailable_slots", "max_meetings", "language", "organiser_notes",
)


class Sort(enum.StrEnum):
    NUMBER = "number"
    NAME = "name"
    ORGANISATION = "organisation"
    SIGNED_UP = "signed_up"


SORT_COLUMNS = {
    Sort.NUMBER: (Attendee.number,),
    Sort.NAME: (func.lower(Attendee.last_name), func.lower(Attendee.first_name), Attendee.number),
    Sort.ORGANISATION: (func.lower(Attendee.organisation), Attendee.number),
    Sort.SIGNED_UP: (Attendee.signed_up_at.desc(), Attendee.number),
}


@dataclass(frozen=True)
class AttendeeFilter:
    """The list's search and filters; empty values filter nothing."""

    search: str = ""
    status: str = ""
    org_type: str = ""
    industry: str = ""
    theme: str = ""
    cluster: str = ""
    wants_meetings: bool | None = None
    confirmed: bool | None = None
    sort: Sort = Sort.NUMBER
    page: int = 1


@dataclass(frozen=True)
class AttendeePage:
    rows: list[AttendeeSummary]
    total: int
    page: int
    pages: int


def find_attendees(event: Event, wanted: AttendeeFilter) -> AttendeePage:
    """One page of the filtered list, in two queries however many attendees there are."""
    query = filtered(event, wanted)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(wanted.page, 1), pages)
    attendees = db.session.scalars(
        query.options(joinedload(Attendee.industry)).order_by(*SORT_COLUMNS[wanted.sort])
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    return AttendeePage(rows=[summary_of(a) for a in attendees], total=total, page=page,
                        pages=pages)


def matching_ids(event: Event, wanted: AttendeeFilter) -> list[int]:
    """Every attendee the filter selects (all pages): the recipients of a message."""
    return list(db.session.scalars(filtered(event, wanted).with_only_columns(Attendee.id)
                                   .order_by(Attendee.number)))


def matching_numbers(event: Event, wanted: AttendeeFilter) -> list[int]:
    """The registration numbers of every attendee the filter selects (all pages): "select
    all N matching the filter" in the list's bulk actions."""
    return list(db.session.scalars(filtered(event, wanted).with_only_columns(Attendee.number)
                                   .order_by(Attendee.number)))


def filtered(event: Event, wanted: AttendeeFilter) -> Select:
    query = select(Attendee).where(Attendee.event_id == event.id)
    if wanted.search:
        query = query.where(key_matches(Attendee.search_key, wanted.search))
    for column, value in ((Attendee.status, wanted.status), (Attendee.org_type, wanted.org_type),
                          (Attendee.industry_code, wanted.industry),
                          (Attendee.cluster, wanted.cluster)):
        if value:
            query = query.where(column == value)
    if wanted.theme:
        # Themes are a short JSON list of known codes: a quoted match is exact.
        query = query.where(func.cast(Attendee.themes, db.String).like(f'%"{wanted.theme}"%'))
    if wanted.wants_meetings is not None:
        query = query.where(Attendee.wants_meetings.is_(wanted.wants_meetings))
    if wanted.confirmed is not None:
        confirmed = Attendee.email_confirmed_at.is_not(None)
        query = query.where(confirmed if wanted.confirmed else ~confirmed)
    return query


def clusters(event: Event) -> list[str]:
    """The clusters attendees named, for the filter's choices."""
    return list(db.session.scalars(
        select(Attendee.cluster).where(Attendee.event_id == event.id, Attendee.cluster.is_not(None),
                                       Attendee.cluster != "")
        .distinct().order_by(Attendee.cluster)))


def attendee_of(event: Event, number: int) -> Attendee:
    """The attendee with this registration number in this event (and no other)."""
    attendee = db.session.scalar(select(Attendee).where(Attendee.event_id == event.id,
                                                        Attendee.number == number))
    if attendee is None:
        raise DomainError("attendee_not_found", number=number)
    return attendee


@dataclass(frozen=True)
class AttendeeChanges:
    """Everything an organiser may edit on the detail page."""

    email: str
    language: str
    organiser_notes: str
    profile: Profile
    interests: Interests
    preferences: MeetingPreferences


def edit_attendee(attendee: Attendee, changes: AttendeeChanges, actor: str) -> dict[str, list]:
    """Store the changes (meetings that no longer fit are rescored or removed) and log them."""
    if email_key(changes.email) != attendee.email_key and db.session.scalar(select(Attendee.id).where(
            Attendee.event_id == attendee.event_id, Attendee.email_key == email_key(changes.email))):
        raise DomainError("email_taken", email=changes.email)
    before = snapshot(attendee)
    attendee.email, attendee.language = changes.email, changes.language
    attendee.organiser_notes = changes.organiser_notes
    for details in (changes.profile, changes.interests, changes.preferences):
        update_details(attendee, details)
    diff = differences(before, snapshot(attendee))
    if diff:
        record(attendee.event, actor, "edited", attendee, diff)
    return diff


def snapshot(attendee: Attendee) -> dict[str, object]:
    return {name: getattr(attendee, name) for name in AUDITED_FIELDS}


class StatusAction(enum.StrEnum):
    CONFIRM = "confirm"
    TO_WAITING_LIST = "to_waiting_list"
    FROM_WAITING_LIST = "from_waiting_list"
    CANCEL = "cancel"


@dataclass
class StatusOutcome:
    changed: list[Attendee] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)  # number -> DomainError code
    mails: list[OutgoingMail] = field(default_factory=list)


def change_status(event: Event, attendees: list[Attendee], action: StatusAction, actor: str,
                  now: datetime | None = None, notify: bool = True) -> StatusOutcome:
    """Apply one status action to several attendees; those it does not fit are reported.
    ``notify`` False: people whose registration is cancelled get no mail about it."""
    outcome = StatusOutcome()
    lock_event(event)
    for attendee in attendees:
        before = {"status": str(attendee.status),
                  "email_confirmed_at": attendee.email_confirmed_at}
        try:
            outcome.mails += apply_status(event, attendee, action, now or utcnow(), notify)
        except DomainError as error:
            outcome.refused[attendee.number] = error.code
            continue
        outcome.changed.append(attendee)
        record(event, actor, str(action), attendee, differences(before, {
            "status": str(attendee.status), "email_confirmed_at": attendee.email_confirmed_at}))
    db.session.flush()
    return outcome


def apply_status(event: Event, attendee: Attendee, action: StatusAction,
                 now: datetime, notify: bool = True) -> list[OutgoingMail]:
    if attendee.status == AttendeeStatus.CANCELLED and action is not StatusAction.CANCEL:
        raise DomainError("attendee_cancelled")
    if action is StatusAction.CONFIRM:
        if attendee.email_confirmed_at is None:
            attendee.email_confirmed_at = now
        return []
    if action is StatusAction.CANCEL:
        return cancel(attendee, now, ORGANISER_CANCELLED if notify else None).mails
    if action is StatusAction.TO_WAITING_LIST:
        if attendee.status != AttendeeStatus.REGISTERED:
            raise DomainError("not_registered")
        attendee.status = AttendeeStatus.WAITLISTED
        drop_meetings(attendee)
        return []
    if attendee.status != AttendeeStatus.WAITLISTED:
        raise DomainError("not_waitlisted")
    if seat_counts(event).seats_left <= 0:
        raise DomainError("no_seat_left")
    attendee.status = AttendeeStatus.REGISTERED
    db.session.flush()
    return [compose(attendee, "promoted")]


def drop_meetings(attendee: Attendee) -> None:
    db.session.execute(delete(Meeting).where(
        or_(Meeting.attendee_a_id == attendee.id, Meeting.attendee_b_id == attendee.id)))
    db.session.execute(delete(MeetingColleague).where(MeetingColleague.attendee_id == attendee.id))
    db.session.flush()


@dataclass(frozen=True)
class CancelRow:
    """One person on the page that confirms a bulk cancellation."""

    number: int
    name: str
    organisation: str
    cancelled_already: bool


def cancel_row(attendee: Attendee) -> CancelRow:
    return CancelRow(attendee.number, attendee.full_name, attendee.organisation,
                     attendee.status == AttendeeStatus.CANCELLED)


def attendees_by_number(event: Event, numbers: list[int]) -> list[Attendee]:
    return list(db.session.scalars(select(Attendee).where(
        Attendee.event_id == event.id, Attendee.number.in_(numbers)).order_by(Attendee.number)))
