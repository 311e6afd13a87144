"""What attendees did, read for the engine (``matching.behaviour``): pairs kept apart and,
if the event asks for it, last year's valuable pairings.

Kept apart, each with its own reason code:

- ``not_interested``: one of the two marked the other "not interested"
  (``attendees.not_interested``), until the mark is taken back;
- ``request_declined``: one of the two declined the other's meeting request in this event;
- either no longer counts while the one who marked or declined wants the meeting after all:
  their own open request to the other, or the other's request they accepted;
- ``rated_not_valuable``: at the previous event both attended, one of the two rated their
  meeting "not valuable". The same person at two events is the same e-mail address
  (``Attendee.email_key``, case-insensitive): attendees of different events share no row.
  "Previous" is the latest earlier event (by date) with a seat for both addresses, so the
  pair is left out at their next common event only. Only data still kept counts: an erased
  attendee and a purged event leave no rows, so nothing of them is used.

The bonus (``Event.feedback_bonus_from_id``, off by default): the industry pairs and the
organisation-type pairs of the chosen earlier event (``feedback.feedback_summary``) with
at least ``MIN_VALUABLE`` meetings rated valuable, which are at least half of their
meetings that took place. It is read while that event's data is kept (the purge after the
event deletes its meetings, and with them the feedback).
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from ... import matching
from ...extensions import db
from ...matching.behaviour import exclusion
from ...models import (
    Attendee,
    AttendeeStatus,
    Event,
    FeedbackOutcome,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    RequestStatus,
    utcnow,
)
from .. import DomainError
from ..attendees.feedback import feedback_summary
from ..attendees.not_interested import not_interested_among

MIN_VALUABLE = 2


@dataclass(frozen=True)
class ValuedPairings:
    """Kinds of pairs an earlier event rated valuable, each as (smaller code, larger code)."""

    industries: frozenset[tuple[str, str]] = frozenset()
    org_types: frozenset[tuple[str, str]] = frozenset()


def with_behaviour(event: Event, attendees: Sequence[Attendee],
                   engine_attendees: Sequence[matching.Attendee]) -> tuple[matching.Attendee, ...]:
    """The engine's attendees with what each did (``attendees`` in the same order)."""
    wanted, declined = requests_among(attendees)
    marks = not_interested_among(attendees)
    before = not_valuable_before(event, attendees)
    valued = valued_pairings(event)
    return tuple(replace(
        person, not_interested=marks.get(person.id, frozenset()) - wanted.get(person.id, frozenset()),
        declined=declined.get(person.id, frozenset()) - wanted.get(person.id, frozenset()),
        not_valuable_before=before.get(person.id, frozenset()),
        valued_industries=partners(valued.industries, person.industry),
        valued_org_types=partners(valued.org_types, person.org_type),
    ) for person in engine_attendees)


def partners(pairs: frozenset[tuple[str, str]], kind: str) -> frozenset[str]:
    return frozenset(y for x, y in pairs if x == kind) | frozenset(x for x, y in pairs if y == kind)


def requests_among(attendees: Sequence[Attendee], now: datetime | None = None
                   ) -> tuple[dict[int, frozenset[int]], dict[int, frozenset[int]]]:
    """Among ``attendees``: whom each one wants to meet after all (their own open request, or
    one they accepted), and whose requests each one declined."""
    known = {a.id for a in attendees}
    now = now or utcnow()
    wanted: dict[int, set[int]] = {}
    declined: dict[int, set[int]] = {}
    for requester, target, status, expires_at in db.session.execute(
            select(MeetingRequest.requester_id, MeetingRequest.target_id, MeetingRequest.status,
                   MeetingRequest.expires_at)
            .where(MeetingRequest.requester_id.in_(known),
                   MeetingRequest.status.in_((RequestStatus.DECLINED, RequestStatus.PENDING,
                                              RequestStatus.ACCEPTED)))):
        if target not in known:
            continue
        if status == RequestStatus.DECLINED:
            declined.setdefault(target, set()).add(requester)
        elif status == RequestStatus.ACCEPTED:
            wanted.setdefault(requester, set()).add(target)
            wanted.setdefault(target, set()).add(requester)
        elif expires_at is None or expires_at > now:
            wanted.setdefault(requester, set()).add(target)
    return ({a: frozenset(others) for a, others in wanted.items()},
            {a: frozenset(others) for a, others in declined.items()})


def not_valuable_before(event: Event, attendees: Sequence[Attendee]) -> dict[int, frozenset[int]]:
    """For each attendee, whom they are not paired with again (see the module docstring)."""
    id_of = {a.email_key: a.id for a in attendees}
    rated = rated_not_valuable(event)
    if not rated:
        return {}
    seats = earlier_seats(event)
    kept: dict[int, set[int]] = {}
    for when, key_a, key_b in rated:
        common = seats.get(key_a, set()) & seats.get(key_b, set()) | {when}  # they met there
        if key_a in id_of and key_b in id_of and max(common) == when:
            kept.setdefault(id_of[key_a], set()).add(id_of[key_b])
    return {attendee: frozenset(others) for attendee, others in kept.items()}


def here(event: Event) -> Select[str]:
    """The event's addresses with a seat."""
    return select(Attendee.email_key).where(Attendee.event_id == event.id,
                                             Attendee.status == AttendeeStatus.REGISTERED)


def rated_not_valuable(event: Event) -> list[tuple[tuple[date, int], str, str]]:
    """Meetings of earlier events rated "not valuable" between two of this event's addresses:
    (the event's date and id, one address, the other)."""
    a, b = aliased(Attendee), aliased(Attendee)
    rows = db.session.execute(
        select(Event.starts_on, Event.id, a.email_key, b.email_key)
        .select_from(Meeting)
        .join(Event, Event.id == Meeting.event_id)
        .join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .join(MeetingFeedback, MeetingFeedback.meeting_id == Meeting.id)
        .where(MeetingFeedback.outcome == FeedbackOutcome.NOT_VALUABLE,
               Event.starts_on < event.starts_on,
               a.email_key.in_(here(event)), b.email_key.in_(here(event)))
        .distinct())
    return [((starts_on, event_id), key_a, key_b) for starts_on, event_id, key_a, key_b in rows]


def earlier_seats(event: Event) -> dict[str, set[tuple[date, int]]]:
    """For each of this event's addresses, the earlier events (date, id) where it had a seat."""
    seats: dict[str, set[tuple[date, int]]] = {}
    for key, starts_on, event_id in db.session.execute(
            select(Attendee.email_key, Event.starts_on, Event.id)
            .join(Event, Event.id == Attendee.event_id)
            .where(Event.starts_on < event.starts_on, Attendee.status == AttendeeStatus.REGISTERED,
                   Attendee.email_key.in_(here(event)))):
        seats.setdefault(key, set()).add((starts_on, event_id))
    return seats


def valued_pairings(event: Event) -> ValuedPairings:
    """The pairings the event's chosen earlier event rated valuable (none when off)."""
    source = db.session.get(Event, event.feedback_bonus_from_id) if event.feedback_bonus_from_id else None
    if source is None:
        return ValuedPairings()
    summary = feedback_summary(source)
    return ValuedPairings(
        frozenset(row.pair for row in summary.by_industry if valued(row.valuable, row.took_place)),
        frozenset(row.pair for row in summary.by_org_type if valued(row.valuable, row.took_place)))


def valued(valuable: int, took_place: int) -> bool:
    return valuable >= MIN_VALUABLE and 2 * valuable >= took_place


@dataclass(frozen=True)
class KeptApart:
    """Someone the matchmaking keeps apart from an attendee, and the code saying why."""

    number: int
    name: str
    code: str


def kept_apart_from(event: Event, person: Attendee) -> list[KeptApart]:
    """Whom what people did keeps apart from ``person`` (the organiser's explanation of
    why a pair is never planned), by registration number."""
    people = list(db.session.scalars(select(Attendee).where(
        Attendee.event_id == event.id, Attendee.id != person.id,
        Attendee.status == AttendeeStatus.REGISTERED)))
    everyone = [person, *people]
    plain = [matching.Attendee(id=a.id, organisation="", org_type="", industry="") for a in everyone]
    me, *others = with_behaviour(event, everyone, plain)
    codes = [exclusion(me, other) for other in others]
    return sorted((KeptApart(a.number, a.full_name, code) for a, code in zip(people, codes, strict=True)
                   if code), key=lambda row: row.number)


def own_doing(event: Event, person: Attendee, other: Attendee) -> str | None:
    """The code of what ``person`` did that keeps them apart from ``other`` (the person's
    page says so); what ``other`` did is never named to ``person``."""
    plain = [matching.Attendee(id=a.id, organisation="", org_type="", industry="") for a in (person, other)]
    me, _other = with_behaviour(event, [person, other], plain)
    if other.id in me.not_interested:
        return "not_interested"
    if other.id in me.declined:
        return "request_declined"
    if other.id in me.not_valuable_before and rated_by(person, other):
        return "rated_not_valuable"
    return None


def rated_by(person: Attendee, other: Attendee) -> bool:
    """Whether ``person``'s address rated a meeting with ``other``'s "not valuable" at an
    earlier event."""
    rater, a, b = aliased(Attendee), aliased(Attendee), aliased(Attendee)
    return db.session.scalar(
        select(MeetingFeedback.id).join(rater, rater.id == MeetingFeedback.attendee_id)
        .join(Meeting, Meeting.id == MeetingFeedback.meeting_id).join(Event, Event.id == Meeting.event_id)
        .join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .where(MeetingFeedback.outcome == FeedbackOutcome.NOT_VALUABLE, rater.email_key == person.email_key,
               Event.starts_on < person.event.starts_on,
               a.email_key.in_((person.email_key, other.email_key)),
               b.email_key.in_((person.email_key, other.email_key)))
        .limit(1)) is not None


def feedback_sources(event: Event, candidates: Sequence[Event]) -> list[Event]:
    """The events whose feedback may give ``event`` its bonus: the earlier ones among
    ``candidates`` (those the organiser may see), latest first."""
    return sorted((e for e in candidates if e.starts_on < event.starts_on),
                  key=lambda e: (e.starts_on, e.id), reverse=True)


def set_feedback_bonus_source(event: Event, source: Event | None) -> None:
    """Take ``source``'s valuable pairings as a small bonus in ``event`` (None: off)."""
    if source is not None and not source.starts_on < event.starts_on:
        raise DomainError("feedback_source_not_earlier")
    event.feedback_bonus_from_id = source.id if source else None
    db.session.flush()
