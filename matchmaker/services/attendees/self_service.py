"""What attendees do themselves with their private link: open it, change, cancel.

The link carries ``Attendee.token`` (256 random bits, see ``registration.new_token``).
It is looked up by an indexed equality query and then compared with
``hmac.compare_digest``. We keep the token itself rather than only a hash of it because
the "send me my link again" mail must contain it; the index lookup is not constant-time,
but with 256 random bits the number of leading characters that matched some stored
token tells an attacker nothing they can use.
"""

import hmac
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import aliased

from ...extensions import db
from ...models import (
    Attendee,
    AttendeeStatus,
    Event,
    Meeting,
    MeetingColleague,
    MeetingTable,
    OutgoingMail,
    Slot,
    utcnow,
)
from ...text import email_key
from ...vocabulary import LANGUAGES
from ..mail.notifications import compose, link_again, promote_and_notify
from ..schedule.changes import record_schedule_changes
from ..schedule.planning import refresh_meetings
from ..schedule.runs import schedule_published
from ..tokens import TOKEN_SHAPE
from .registration import exists_after_lock, lock_event


@dataclass(frozen=True)
class Profile:
    first_name: str
    last_name: str
    organisation: str
    position: str | None
    org_type: str
    industry_code: str
    cluster: str | None


@dataclass(frozen=True)
class Interests:
    themes: list[str]
    keywords: list[str]
    offers: list[str]
    seeks: list[str]


@dataclass(frozen=True)
class MeetingPreferences:
    wants_meetings: bool
    unavailable_slots: list[int]
    max_meetings: int | None


@dataclass(frozen=True)
class Cancellation:
    """``done`` is False when the registration was already cancelled (a second click)."""

    done: bool
    mails: list[OutgoingMail]


@dataclass(frozen=True)
class MeetingRow:
    starts_at: datetime
    ends_at: datetime
    table: str
    partner_name: str
    partner_organisation: str
    reasons: list[dict[str, Any]]


def attendee_by_token(token: str) -> Attendee | None:
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    attendee = db.session.scalar(select(Attendee).where(Attendee.token == token))
    if attendee is None or not hmac.compare_digest(attendee.token.encode(), token.encode()):
        return None
    return attendee


def open_page(attendee: Attendee, chosen_language: str | None, now: datetime | None = None) -> bool:
    """Opening the private link proves the address works, so it confirms it (once).

    A language the visitor picked with the language switch becomes the attendee's
    language, so that the page stays in it and later mails follow. True if anything changed.
    """
    changed = False
    if attendee.email_confirmed_at is None:
        attendee.email_confirmed_at = now or utcnow()
        changed = True
    if chosen_language in LANGUAGES and chosen_language != attendee.language:
        attendee.language = chosen_language
        changed = True
    db.session.flush()
    return changed


def update_details(attendee: Attendee, details: Profile | Interests | MeetingPreferences) -> None:
    """Store the new details; meetings that no longer fit them are rescored or removed
    (the next planning run fills the gaps)."""
    for name, value in asdict(details).items():
        setattr(attendee, name, value)
    db.session.flush()
    refresh_meetings(attendee)


def update_meetings(
    attendee: Attendee, preferences: MeetingPreferences, matching_consent: bool,
    privacy_notice_version: str, now: datetime | None = None,
) -> None:
    """Meeting preferences and the optional matchmaking consent. Consent keeps the time
    and notice version it was first given with; withdrawing clears both."""
    if not matching_consent:
        attendee.matching_consent_at = attendee.matching_consent_version = None
    elif attendee.matching_consent_at is None:
        attendee.matching_consent_at = now or utcnow()
        attendee.matching_consent_version = privacy_notice_version
    update_details(attendee, replace(
        preferences, unavailable_slots=sorted(set(preferences.unavailable_slots))))


def cancel(attendee: Attendee, now: datetime | None = None,
           notice: str | None = "cancelled") -> Cancellation:
    """Cancel, drop the attendee's meetings and give the seat to the waiting list.
    ``notice`` is the kind of mail the attendee gets (None: none; whoever is promoted
    from the waiting list is told in any case).

    The status is read again under the event lock, so two cancellations of the same
    registration (double click, stale page, two tabs) cancel and promote only once.
    """
    event = attendee.event
    lock_event(event)
    if not exists_after_lock(attendee):
        return Cancellation(done=False, mails=[])
    db.session.refresh(attendee)
    if attendee.status == AttendeeStatus.CANCELLED:
        return Cancellation(done=False, mails=[])
    attendee.status = AttendeeStatus.CANCELLED
    attendee.cancelled_at = now or utcnow()
    db.session.execute(delete(Meeting).where(
        or_(Meeting.attendee_a_id == attendee.id, Meeting.attendee_b_id == attendee.id)))
    db.session.execute(delete(MeetingColleague).where(MeetingColleague.attendee_id == attendee.id))
    db.session.flush()
    record_schedule_changes(event)
    mails = [compose(attendee, notice)] if notice else []
    return Cancellation(done=True, mails=[*mails, *promote_and_notify(event)])


def request_link(event: Event, email: str) -> list[OutgoingMail]:
    """The link again for a known address; nothing (and no hint) for an unknown one."""
    attendee = db.session.scalar(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.email_key == email_key(email))
    )
    return link_again(attendee) if attendee is not None else []


def request_link_later(event_id: int, email: str) -> list[OutgoingMail]:
    """``request_link`` run after the response (``mail.compose_after_response``), so that
    a known and an unknown address take the same time to answer."""
    event = db.session.get(Event, event_id)
    return request_link(event, email) if event is not None else []


def published_meetings(attendee: Attendee) -> list[MeetingRow]:
    """The attendee's meetings once the organisers published the schedule; drafts stay internal."""
    return meeting_rows(attendee) if schedule_published(attendee.event) else []


def meeting_rows(attendee: Attendee) -> list[MeetingRow]:
    """The attendee's meetings with partner names, in time order, loaded in one query."""
    partner = aliased(Attendee)
    rows = db.session.execute(
        select(Slot.starts_at, Slot.ends_at, MeetingTable.name, partner.first_name,
               partner.last_name, partner.organisation, Meeting.reasons)
        .select_from(Meeting)
        .join(Slot, Slot.id == Meeting.slot_id)
        .join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(partner, or_(
            (Meeting.attendee_a_id == attendee.id) & (partner.id == Meeting.attendee_b_id),
            (Meeting.attendee_b_id == attendee.id) & (partner.id == Meeting.attendee_a_id)))
        .order_by(Slot.starts_at)
    )
    return [MeetingRow(starts_at=starts, ends_at=ends, table=table, partner_name=f"{first} {last}",
                       partner_organisation=organisation, reasons=reasons)
            for starts, ends, table, first, last, organisation, reasons in rows]
