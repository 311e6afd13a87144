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

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, Text, cast, false, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import CollationClause

from ... import matching
from ...extensions import db
from ...models import WORD_SEPARATOR, Attendee, Meeting, MeetingRequest
from ..schedule.planning import engine_event, reason_json
from . import booking, suggestion_lists
from .meeting_requests import blocked_ids, expire_requests
from .taking_part import taking_part, visible_to

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


def others_for(attendee: Attendee) -> list[Attendee]:
    """Everybody the attendee may see: taking part, not them, not blocked either way.
    Only those who take part themselves see the others (nobody browses without sharing)."""
    if not attendee.is_matchable:
        return []
    hidden = blocked_ids(attendee) | {attendee.id}
    return [a for a in taking_part(attendee.event) if a.id not in hidden]


def visible_attendee(attendee: Attendee, number: int) -> Attendee | None:
    """Someone the attendee may see, by registration number (None: not visible)."""
    if not attendee.is_matchable:
        return None
    return db.session.scalar(select(Attendee).where(
        *visible_to(attendee), Attendee.number == number))


def participant_page(attendee: Attendee, filters: Filters, page: int = 1) -> ParticipantPage:
    """The filtered participant list, ``PAGE_SIZE`` people per page (pages from 1), in
    phone-book order: filtered, counted and paged in SQL."""
    if not attendee.is_matchable:
        return ParticipantPage([], 0, 1, 1)
    visible = visible_to(attendee)
    clusters = sorted({cluster for cluster in db.session.scalars(select(Attendee.cluster).distinct().where(
        *visible, Attendee.cluster.is_not(None), Attendee.cluster != "")) if cluster}, key=str.casefold)
    conditions = [*visible, *filter_conditions(filters)]
    total = db.session.scalar(select(func.count()).select_from(Attendee).where(*conditions)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = list(db.session.scalars(
        select(Attendee).where(*conditions).order_by(phone_book_order(), Attendee.id)
        .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    return ParticipantPage([person(a) for a in shown], total, page, pages, clusters,
                           offers=booking.offers(attendee, shown))


def phone_book_order() -> InstrumentedAttribute[str] | CollationClause:
    """``Attendee.name_key`` compared code point by code point, as Python compares it."""
    dialect = db.session.get_bind().dialect.name
    return Attendee.name_key.collate("C") if dialect == "postgresql" else Attendee.name_key


def filter_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """The participant filters as SQL: exact codes, a theme among the themes, and the
    keyword in a tag, the organisation or the name (case-folded)."""
    conditions = []
    for column, value in ((Attendee.org_type, filters.org_type),
                          (Attendee.industry_code, filters.industry), (Attendee.cluster, filters.cluster)):
        if value:
            conditions.append(column == value)
    if filters.theme:
        conditions.append(cast(Attendee.themes, Text).contains(json.dumps(filters.theme), autoescape=True))
    keyword = filters.keyword.strip().casefold()
    if keyword:
        conditions.append(Attendee.profile_words.contains(keyword, autoescape=True)
                          if WORD_SEPARATOR not in keyword else false())
    if filters.only is not None:
        conditions.append(Attendee.id.in_(sorted(filters.only)))
    return conditions


def suggestions_for(attendee: Attendee, limit: int = SUGGESTIONS) -> list[SuggestionRow]:
    """The attendee's best partners by the engine's score, with the engine's reasons."""
    if not attendee.is_matchable:
        return []
    event = attendee.event
    expire_requests(event)
    best = kept_best(attendee, limit)
    if best is None:
        suggested = engine_best(attendee, limit)
    else:
        people = {a.id: a for a in db.session.scalars(select(Attendee).where(Attendee.id.in_(best)))}
        inputs = engine_event(event, [attendee, *(people[i] for i in best)])
        me, *partners = inputs.attendees
        suggested = [matching.Suggestion(partner.id, scored.score, scored.reasons) for partner, scored in (
            (partner, matching.pair_score(me, partner, inputs.weights, inputs.blocked_pairs, inputs.synonyms))
            for partner in partners)]
    by_id = {a.id: a for a in db.session.scalars(
        select(Attendee).where(Attendee.id.in_([s.partner_id for s in suggested])))}
    statuses = request_statuses(attendee)
    offers = booking.offers(attendee, [by_id[s.partner_id] for s in suggested])
    return [SuggestionRow(person=person(by_id[s.partner_id]), score=s.score,
                          reasons=[reason_json(r) for r in s.reasons],
                          request_status=statuses.get(s.partner_id), offer=offers.get(s.partner_id))
            for s in suggested]


def pair_reasons(attendee: Attendee, other: Attendee) -> list[dict[str, Any]]:
    """Why the engine would pair the two (its reasons, as on the suggestions). What either
    of them did to keep the pair apart is left out here: it stays private to whoever did it."""
    inputs = engine_event(attendee.event, [attendee, other])
    me, them = (replace(p, not_interested=frozenset(), declined=frozenset(), not_valuable_before=frozenset())
                for p in inputs.attendees)
    scored = matching.pair_score(me, them, inputs.weights, inputs.blocked_pairs, inputs.synonyms)
    return [reason_json(r) for r in scored.reasons]



def kept_best(attendee: Attendee, limit: int) -> list[int] | None:
    """The ``limit`` best partners still able to meet the attendee, from the kept ranking
    (``suggestion_lists``); None when it holds too few of them to tell."""
    ranked = suggestion_lists.ranked_partners(attendee)
    if ranked is None:
        return None
    ids, complete = ranked
    unavailable = unavailable_among(attendee, ids)
    best = [partner for partner in ids if partner not in unavailable]
    return best[:limit] if len(best) >= limit or complete else None


def engine_best(attendee: Attendee, limit: int) -> list[matching.Suggestion]:
    """The attendee ranked against everybody they may see, by the engine itself."""
    others = others_for(attendee)
    unavailable = unavailable_among(attendee, [a.id for a in others])
    candidates = [a for a in others if a.id not in unavailable]
    return matching.suggestions(engine_event(attendee.event, [attendee, *candidates]), attendee.id, limit)


def unavailable_among(attendee: Attendee, ids: list[int]) -> set[int]:
    """Of ``ids``: whom the attendee already meets, and whose maximum is reached."""
    met = {x for pair in db.session.execute(
        select(Meeting.attendee_a_id, Meeting.attendee_b_id).where(
            Meeting.event_id == attendee.event_id,
            or_(Meeting.attendee_a_id == attendee.id, Meeting.attendee_b_id == attendee.id))) for x in pair}
    limits = {person: most for person, most in db.session.execute(select(Attendee.id, Attendee.max_meetings)
              .where(Attendee.id.in_(ids), Attendee.max_meetings.is_not(None))) if most is not None}
    counts = Counter(x for pair in db.session.execute(
        select(Meeting.attendee_a_id, Meeting.attendee_b_id).where(
            Meeting.event_id == attendee.event_id,
            or_(Meeting.attendee_a_id.in_(list(limits)), Meeting.attendee_b_id.in_(list(limits))))) for x in pair)
    return met | {person for person, most in limits.items() if counts[person] >= most}


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
