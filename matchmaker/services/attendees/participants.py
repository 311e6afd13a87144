"""Whom an attendee can meet: the engine's suggestions and the participant list.

Only attendees who take part in the matchmaking (registered, address confirmed,
consented, want meetings) appear, and only to others who take part; never the attendee
themselves, and never someone
either side blocked or whom an organiser keeps apart from them. Suggestions come from the
engine's own pair score (``matching.suggestions``) on the same input as a matchmaking run
(``schedule.planning.engine_event``: the event's synonyms, weights and blocked pairs), among
those still able to meet the attendee: not met already and not fully booked. After
publication both say whom the attendee cannot ask (``booking.offers``: fully booked, no
common free slot).
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import or_, select

from ... import matching
from ...documents.collation import by_name
from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, Meeting, MeetingRequest
from ..schedule.planning import engine_event, reason_json
from . import booking
from .meeting_requests import blocked_ids, expire_requests

PAGE_SIZE = 20
SUGGESTIONS = 10


@dataclass(frozen=True)
class Person:
    """What other attendees may see of someone who takes part in the matchmaking."""

    id: int
    number: int
    name: str
    organisation: str
    position: str | None
    org_type: str
    industry: str
    cluster: str | None
    themes: list[str]
    keywords: list[str]
    offers: list[str]
    seeks: list[str]


@dataclass(frozen=True)
class SuggestionRow:
    person: Person
    score: int
    reasons: list[dict[str, Any]]
    request_status: str | None
    offer: str | None = None  # after publication: booking.OPEN or why they cannot be asked


@dataclass(frozen=True)
class Filters:
    org_type: str = ""
    industry: str = ""
    theme: str = ""
    cluster: str = ""
    keyword: str = ""
    only: frozenset[int] | None = None  # these people only (e.g. one's favourites)


@dataclass(frozen=True)
class ParticipantPage:
    people: list[Person]
    total: int
    page: int
    pages: int
    clusters: list[str] = field(default_factory=list)
    offers: dict[int, str] = field(default_factory=dict)  # by person id, see booking.offers


def person(attendee: Attendee) -> Person:
    return Person(id=attendee.id, number=attendee.number, name=attendee.full_name,
                  organisation=attendee.organisation, position=attendee.position,
                  org_type=attendee.org_type, industry=attendee.industry_code,
                  cluster=attendee.cluster, themes=list(attendee.themes),
                  keywords=list(attendee.keywords), offers=list(attendee.offers),
                  seeks=list(attendee.seeks))


def taking_part(event: Event) -> list[Attendee]:
    candidates = db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id,
                               Attendee.status == AttendeeStatus.REGISTERED,
                               Attendee.email_confirmed_at.is_not(None),
                               Attendee.matching_consent_at.is_not(None),
                               Attendee.wants_meetings.is_(True))
        .order_by(Attendee.id))
    return by_name(candidates)  # phone-book order


def others_for(attendee: Attendee) -> list[Attendee]:
    """Everybody the attendee may see: taking part, not them, not blocked either way.
    Only those who take part themselves see the others (nobody browses without sharing)."""
    if not attendee.is_matchable:
        return []
    hidden = blocked_ids(attendee) | {attendee.id}
    return [a for a in taking_part(attendee.event) if a.id not in hidden]


def visible_attendee(attendee: Attendee, number: int) -> Attendee | None:
    """Someone the attendee may see, by registration number (None: not visible)."""
    return next((other for other in others_for(attendee) if other.number == number), None)


def participant_page(attendee: Attendee, filters: Filters, page: int = 1) -> ParticipantPage:
    """The filtered participant list, ``PAGE_SIZE`` people per page (pages from 1)."""
    others = others_for(attendee)
    clusters = sorted({a.cluster for a in others if a.cluster}, key=str.casefold)
    matching_people = [a for a in others if matches(a, filters)]
    pages = max(1, -(-len(matching_people) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = matching_people[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    return ParticipantPage([person(a) for a in shown], len(matching_people), page, pages, clusters,
                           offers=booking.offers(attendee, shown))


def matches(attendee: Attendee, filters: Filters) -> bool:
    keyword = filters.keyword.strip().casefold()
    words = [*attendee.keywords, *attendee.offers, *attendee.seeks, attendee.organisation,
             attendee.full_name]
    return ((not filters.org_type or attendee.org_type == filters.org_type)
            and (not filters.industry or attendee.industry_code == filters.industry)
            and (not filters.theme or filters.theme in attendee.themes)
            and (not filters.cluster or (attendee.cluster or "") == filters.cluster)
            and (not keyword or any(keyword in word.casefold() for word in words))
            and (filters.only is None or attendee.id in filters.only))


def suggestions_for(attendee: Attendee, limit: int = SUGGESTIONS) -> list[SuggestionRow]:
    """The attendee's best partners by the engine's score, with the engine's reasons."""
    if not attendee.is_matchable:
        return []
    event = attendee.event
    expire_requests(event)
    others = others_for(attendee)
    unavailable = unavailable_partners(attendee, others)
    candidates = [a for a in others if a.id not in unavailable]
    inputs = engine_event(event, [attendee, *candidates])
    by_id = {a.id: a for a in candidates}
    statuses = request_statuses(attendee)
    best = matching.suggestions(inputs, attendee.id, limit)
    offers = booking.offers(attendee, [by_id[s.partner_id] for s in best])
    return [SuggestionRow(person=person(by_id[s.partner_id]), score=s.score,
                          reasons=[reason_json(r) for r in s.reasons],
                          request_status=statuses.get(s.partner_id), offer=offers.get(s.partner_id))
            for s in best]


def pair_reasons(attendee: Attendee, other: Attendee) -> list[dict[str, Any]]:
    """Why the engine would pair the two (its reasons, as on the suggestions). What either
    of them did to keep the pair apart is left out here: it stays private to whoever did it."""
    inputs = engine_event(attendee.event, [attendee, other])
    me, them = (replace(p, not_interested=frozenset(), declined=frozenset(), not_valuable_before=frozenset())
                for p in inputs.attendees)
    scored = matching.pair_score(me, them, inputs.weights, inputs.blocked_pairs, inputs.synonyms)
    return [reason_json(r) for r in scored.reasons]


def unavailable_partners(attendee: Attendee, others: list[Attendee]) -> set[int]:
    """Partners the attendee already meets, and others whose maximum is reached."""
    pairs = db.session.execute(select(Meeting.attendee_a_id, Meeting.attendee_b_id)
                               .where(Meeting.event_id == attendee.event_id)).all()
    counts = Counter(x for pair in pairs for x in pair)
    met = {x for pair in pairs if attendee.id in pair for x in pair}
    full = {a.id for a in others if a.max_meetings is not None and counts[a.id] >= a.max_meetings}
    return met | full


def request_statuses(attendee: Attendee) -> dict[int, str]:
    """The state of the attendee's own request (or one to them) with each other person."""
    rows = db.session.execute(
        select(MeetingRequest.requester_id, MeetingRequest.target_id, MeetingRequest.status)
        .where(or_(MeetingRequest.requester_id == attendee.id, MeetingRequest.target_id == attendee.id)))
    statuses = {}
    for requester, target, status in rows:
        other = target if requester == attendee.id else requester
        statuses[other] = status.value if requester == attendee.id else f"incoming_{status.value}"
    return statuses
