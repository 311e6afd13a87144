"""Round tables by interest: a round-table session's layout and its groups per round.

The organiser sets the layout (tables, seats per table, rounds, a topic per table; an
empty topic is the session's themes), then forms the groups: the engine
(``matching.round_tables``) seats everybody with a seat in the session once per round.
Forming again replaces the groups; changing the layout drops them (they no longer fit).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from ...extensions import db
from ...labels import THEME_LABELS
from ...matching import round_tables as engine
from ...matching.model import Attendee as EngineAttendee
from ...models import (
    Attendee,
    AttendeeStatus,
    ChoiceStatus,
    Event,
    ProgrammeSession,
    RoundTableGroup,
    RoundTableLayout,
    RoundTableSeat,
    SessionChoice,
    SessionKind,
    utcnow,
)
from ...reasons import phrase_reasons
from .. import DomainError
from ..audit import record
from ..schedule.matching_settings import event_synonyms
from .sessions import session_of

MAX_TABLES = 50
MAX_SEATS = 30
MAX_ROUNDS = 6


@dataclass(frozen=True)
class LayoutValues:
    tables: int
    seats: int
    rounds: int
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Seated:
    """One person at a table, as the pages and the plan show them."""

    attendee: Attendee
    industry: str


@dataclass(frozen=True)
class TableRows:
    table: int
    topic: str
    people: list[Seated]
    reasons: list[str]


def round_table(event: Event, session_id: int) -> ProgrammeSession:
    session = session_of(event, session_id)
    if session.kind != SessionKind.ROUND_TABLE:
        raise DomainError("not_a_round_table")
    return session


def layout_of(session: ProgrammeSession) -> RoundTableLayout | None:
    return db.session.scalar(select(RoundTableLayout).where(
        RoundTableLayout.session_id == session.id))


def set_layout(event: Event, session_id: int, values: LayoutValues, actor: str) -> RoundTableLayout:
    """Store the layout; groups formed for another layout are dropped."""
    session = round_table(event, session_id)
    if not (1 <= values.tables <= MAX_TABLES and 1 <= values.seats <= MAX_SEATS
            and 1 <= values.rounds <= MAX_ROUNDS):
        raise DomainError("round_tables_layout_invalid")
    layout = layout_of(session) or RoundTableLayout(session_id=session.id)
    topics = [t.strip() for t in values.topics[:values.tables]]
    if (layout.tables, layout.seats, layout.rounds) != (values.tables, values.seats, values.rounds):
        drop_groups(layout, session)
    layout.tables, layout.seats, layout.rounds, layout.topics = (
        values.tables, values.seats, values.rounds, topics)
    db.session.add(layout)
    db.session.flush()
    record(event, actor, "round_tables_laid_out", None,
           {"session": session.title, "tables": values.tables, "seats": values.seats,
            "rounds": values.rounds})
    return layout


def drop_groups(layout: RoundTableLayout, session: ProgrammeSession) -> None:
    db.session.execute(delete(RoundTableGroup).where(RoundTableGroup.session_id == session.id))
    layout.formed_at = layout.repeats = layout.mixed_tables = None


def form_groups(event: Event, session_id: int, actor: str, seed: int = 0,
                now: datetime | None = None) -> engine.TablePlan:
    """Seat everybody with a seat in the session, once per round; replaces earlier groups."""
    session = round_table(event, session_id)
    layout = layout_of(session)
    if layout is None:
        raise DomainError("round_tables_no_layout")
    people = seat_holders(session)
    try:
        plan = engine.form_tables([engine_person(a) for a in people], engine_layout(session, layout),
                                  seed=seed, synonyms=event_synonyms(event))
    except engine.TooManyPeople as error:
        raise DomainError("round_tables_too_few_seats", people=len(people),
                          seats=layout.tables * layout.seats) from error
    store(session, layout, plan, now or utcnow())
    record(event, actor, "round_tables_formed", None,
           {"session": session.title, "people": len(people), "repeats": plan.repeats,
            "mixed_tables": plan.mixed_tables})
    return plan


def store(session: ProgrammeSession, layout: RoundTableLayout, plan: engine.TablePlan,
          now: datetime) -> None:
    drop_groups(layout, session)
    for group in plan.groups:
        row = RoundTableGroup(session_id=session.id, round=group.round, table_number=group.table,
                              reasons=[{"code": r.code, "params": dict(r.params)} for r in group.reasons])
        db.session.add(row)
        db.session.flush()
        db.session.add_all(RoundTableSeat(group_id=row.id, attendee_id=m) for m in group.members)
    layout.formed_at, layout.repeats, layout.mixed_tables = now, plan.repeats, plan.mixed_tables
    db.session.flush()


def seat_holders(session: ProgrammeSession) -> list[Attendee]:
    return list(db.session.scalars(
        select(Attendee).join(SessionChoice, SessionChoice.attendee_id == Attendee.id)
        .where(SessionChoice.session_id == session.id, SessionChoice.status == ChoiceStatus.CHOSEN,
               Attendee.status == AttendeeStatus.REGISTERED)
        .order_by(Attendee.id)))


def engine_person(a: Attendee) -> EngineAttendee:
    return EngineAttendee(
        id=a.id, organisation=a.organisation, org_type=a.org_type, industry=a.industry_code,
        themes=frozenset(a.themes), keywords=tuple(a.keywords), offers=tuple(a.offers),
        seeks=tuple(a.seeks), cluster=a.cluster or "")


def engine_layout(session: ProgrammeSession, layout: RoundTableLayout) -> engine.Layout:
    return engine.Layout(layout.tables, layout.seats, layout.rounds, tuple(
        engine_topic(session, topic_text(layout, t)) for t in range(1, layout.tables + 1)))


def topic_text(layout: RoundTableLayout, table: int) -> str:
    return layout.topics[table - 1] if table <= len(layout.topics) else ""


def engine_topic(session: ProgrammeSession, text: str) -> engine.Topic:
    """A typed topic is a list of keywords (comma-separated); none: the session's themes."""
    if text:
        return engine.Topic(text, keywords=tuple(k.strip() for k in text.split(",") if k.strip()))
    return engine.Topic("", themes=frozenset(session.themes))


def shown_topic(session: ProgrammeSession, layout: RoundTableLayout, table: int) -> str:
    return topic_text(layout, table) or ", ".join(
        str(THEME_LABELS.get(t, t)) for t in session.themes)


def groups_by_round(session: ProgrammeSession, layout: RoundTableLayout,
                    industry_names: dict[str, str]) -> list[list[TableRows]]:
    """The stored groups, per round and table, with the people loaded (one query each)."""
    groups = list(db.session.scalars(select(RoundTableGroup).where(
        RoundTableGroup.session_id == session.id)
        .order_by(RoundTableGroup.round, RoundTableGroup.table_number)))
    seated: dict[int, list[Seated]] = defaultdict(list)
    for group_id, person in db.session.execute(
            select(RoundTableSeat.group_id, Attendee).join(Attendee)
            .where(RoundTableSeat.group_id.in_([g.id for g in groups]))
            .order_by(Attendee.last_name, Attendee.first_name)):
        seated[group_id].append(Seated(person, industry_names.get(person.industry_code, "")))
    rounds: dict[int, list[TableRows]] = defaultdict(list)
    for g in groups:
        rounds[g.round].append(TableRows(g.table_number, shown_topic(session, layout, g.table_number),
                                         seated[g.id], phrase_reasons(g.reasons, 0, industry_names)))
    return [rounds[r] for r in sorted(rounds)]


@dataclass(frozen=True)
class OwnTable:
    """Where an attendee sits in one round of a round-table session."""

    session: ProgrammeSession
    round: int
    table: int
    topic: str


def tables_of_attendee(attendee: Attendee) -> list[OwnTable]:
    rows = db.session.execute(
        select(ProgrammeSession, RoundTableLayout, RoundTableGroup.round, RoundTableGroup.table_number)
        .join(RoundTableGroup, RoundTableGroup.session_id == ProgrammeSession.id)
        .join(RoundTableLayout, RoundTableLayout.session_id == ProgrammeSession.id)
        .join(RoundTableSeat, RoundTableSeat.group_id == RoundTableGroup.id)
        .where(RoundTableSeat.attendee_id == attendee.id)
        .order_by(ProgrammeSession.starts_at, RoundTableGroup.round))
    return [OwnTable(session, number, table, shown_topic(session, layout, table))
            for session, layout, number, table in rows]
