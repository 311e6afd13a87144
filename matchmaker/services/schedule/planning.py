"""The bridge between the database and the matchmaking engine: plan, store, export.

The engine sees the registered attendees who confirmed their address (unconfirmed ones
are not matched); matchmaking consent, meeting wishes and must-meet requests come along
so that the engine can say why somebody gets no meeting. The event's policy and synonym
list go along too (a run may override the policy), and the pairs that must never meet
(blocked by an organiser or by one of the two). A colleague sitting in a team meeting
is unavailable in its slot. Meetings an organiser locked (team meetings always are) stay
exactly as they are; a new run changes as few other meetings as possible.
Publishing (``publishing.publish``), and every run after publication, record the schedule
mails in the same transaction (``calendar.schedule_mails``); callers send them after the
commit. The whole use case, as the dashboard's job and the console run it, is
``matchmaking.run_matchmaking``.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import joinedload

from ... import matching
from ...extensions import db
from ...models import (
    Attendee,
    AttendeeStatus,
    Event,
    FeedbackOutcome,
    MailStatus,
    Meeting,
    MeetingColleague,
    MeetingFeedback,
    MeetingRequest,
    MeetingTable,
    OutgoingMail,
    RequestStatus,
    ScheduleRun,
    Slot,
    utcnow,
)
from .. import DomainError
from ..attendees.favourites import favourites_among
from ..attendees.meeting_requests import blocked_pairs as attendee_blocks
from ..programme.sessions import busy_slots
from ..webhooks.outbox import announce_publication
from .behaviour import with_behaviour
from .blocked_pairs import blocked_pairs_of
from .calendar import schedule_mails
from .changes import record_schedule_changes
from .matching_settings import event_synonyms, event_weights
from .runs import schedule_published
from .teams import team_slots

SCHEDULE_MAIL_KINDS = ("schedule", "schedule_changed")


@dataclass(frozen=True)
class PlanningInput:
    """What the engine needs, read from the database in one short transaction."""

    engine_event: matching.Event
    previous: list[matching.Meeting]


def plan_schedule(
    event: Event, policy: str | None = None
) -> tuple[ScheduleRun, matching.ScheduleResult]:
    """Read, solve and store in one transaction (see ``planning_input`` to split them)."""
    inputs = planning_input(event, policy)
    result = solve(inputs)
    return store_schedule(event, result), result


def planning_input(event: Event, policy: str | None = None) -> PlanningInput:
    """The engine's event; `policy` overrides the event's own for this run."""
    attendees = matched_attendees(event)
    if not attendees:
        raise DomainError("no_confirmed_attendees")
    if policy is not None and policy not in matching.POLICIES:
        raise DomainError("unknown_matching_policy", policy=policy)
    stored = stored_meetings(event)
    locked = tuple(meeting for meeting, is_locked in stored if is_locked)
    return PlanningInput(engine_event(event, attendees, policy, locked),
                         [meeting for meeting, is_locked in stored if not is_locked])


def engine_event(event: Event, attendees: Sequence[Attendee], policy: str | None = None,
                 locked: tuple[matching.Meeting, ...] = ()) -> matching.Event:
    """The engine's input for ``attendees`` of the event, with the event's policy, synonyms,
    weights and blocked pairs (by an organiser or by one of the two) and what the attendees
    did (``behaviour``): built here only, so that the matchmaking run and the attendee's
    suggestions score every pair alike."""
    wishes, marks, busy = must_meet(attendees), favourites_among(attendees), busy_slots(event)
    teams = team_slots(event)
    people = [in_team_meetings(replace(engine_attendee(a, wishes, marks), session_slots=busy.get(a.id, frozenset())),
                               teams.get(a.id, frozenset()))
              for a in attendees]
    return matching.Event(
        attendees=with_behaviour(event, attendees, people),
        slots=len(event.slots), tables=table_count(event), locked=locked,
        blocked_pairs=blocked_pairs_of(event) | attendee_blocks(event),
        policy=policy or event.matching_policy, synonyms=event_synonyms(event),
        weights=event_weights(event), compact_days=event.compact_days,
    )


def in_team_meetings(attendee: matching.Attendee, slots: frozenset[int]) -> matching.Attendee:
    """A colleague sitting in team meetings in ``slots`` is unavailable then, and those
    meetings count towards their maximum: the engine plans nothing else for them there."""
    if not slots:
        return attendee
    maximum = None if attendee.max_meetings is None else max(0, attendee.max_meetings - len(slots))
    return replace(attendee, unavailable_slots=attendee.unavailable_slots | slots, max_meetings=maximum)


def table_count(event: Event) -> int:
    """Counted in SQL: the suggestions page builds the engine's input on every visit, and
    loading 2,500 tables for their number took most of its time."""
    return db.session.scalar(select(func.count()).where(MeetingTable.event_id == event.id)) or 0


def solve(inputs: PlanningInput) -> matching.ScheduleResult:
    """Run the engine: a re-plan that keeps what it can when there is a previous schedule."""
    try:
        if inputs.previous:
            return matching.replan(inputs.engine_event, inputs.previous)
        return matching.schedule(inputs.engine_event)
    except matching.ScheduleError as error:
        raise DomainError("locked_meetings_conflict", detail=str(error)) from error


def store_schedule(event: Event, result: matching.ScheduleResult) -> ScheduleRun:
    """Store the result as the event's schedule, without meetings of anybody who stopped
    being matchable while the engine ran (they cancelled or withdrew meanwhile).

    Before the first publication a run is a draft. Once a schedule is published, a new run
    (after late sign-ups or cancellations) is published at once: it changes as few
    meetings as possible, and attendees always see the plan that is actually in force.
    """
    matchable = {a.id for a in matched_attendees(event) if a.matching_consent and a.wants_meetings}
    meetings = tuple(m for m in result.meetings if m.locked or set(m.meeting.pair) <= matchable)
    result = replace(result, meetings=meetings)
    was_published = schedule_published(event)
    replace_meetings(event, result)
    record_schedule_changes(event)
    run = ScheduleRun(
        event_id=event.id, quality=asdict(result.quality), changed_count=result.changed_count,
        published_at=utcnow() if was_published else None,
        unmatched=[{"attendee_id": u.attendee_id, "code": u.code} for u in result.unmatched],
    )
    db.session.add(run)
    db.session.flush()
    if was_published:
        schedule_mails(event, run.published_at)  # the change notices; sent after the commit
        announce_publication(event, utcnow(), len(meetings))  # in force at once: published
    return run


def matched_attendees(event: Event) -> list[Attendee]:
    return list(db.session.scalars(
        select(Attendee)
        .where(Attendee.event_id == event.id, Attendee.status == AttendeeStatus.REGISTERED,
               Attendee.email_confirmed_at.is_not(None))
        .order_by(Attendee.id)
    ))


@dataclass(frozen=True)
class Unconfirmed:
    number: int
    name: str


def unconfirmed_attendees(event: Event) -> list[Unconfirmed]:
    """Attendees with a seat who want meetings and agreed to the matchmaking, but whose
    address is unconfirmed, so that a run leaves them out: typically imported people who
    have not opened their link. Checked before a run, which names them and the fix."""
    rows = db.session.execute(
        select(Attendee.number, Attendee.first_name, Attendee.last_name)
        .where(Attendee.event_id == event.id, Attendee.status == AttendeeStatus.REGISTERED,
               Attendee.email_confirmed_at.is_(None), Attendee.matching_consent_at.is_not(None),
               Attendee.wants_meetings.is_(True))
        .order_by(Attendee.number))
    return [Unconfirmed(number, f"{first} {last}") for number, first, last in rows]


def must_meet(attendees: Sequence[Attendee], now: datetime | None = None) -> dict[int, frozenset[int]]:
    """Each attendee's must-meet wishes among the attendees being matched: a pending
    request is the requester's wish, an accepted one is both sides' wish (mutual);
    declined, withdrawn and overdue requests count for nothing."""
    ids = [a.id for a in attendees]
    known = set(ids)
    wishes: dict[int, set[int]] = {}
    # The target is checked here, not in SQL: two IN lists on the (requester, target) index
    # made SQLite probe every combination (200 ms for 1,000 attendees instead of 7 ms).
    for requester, target, status in db.session.execute(
        select(MeetingRequest.requester_id, MeetingRequest.target_id, MeetingRequest.status)
        .where(MeetingRequest.requester_id.in_(ids),
               or_(MeetingRequest.status == RequestStatus.ACCEPTED,
                   (MeetingRequest.status == RequestStatus.PENDING)
                   & or_(MeetingRequest.expires_at.is_(None),
                         MeetingRequest.expires_at > (now or utcnow()))))
    ):
        if target not in known:
            continue
        wishes.setdefault(requester, set()).add(target)
        if status == RequestStatus.ACCEPTED:
            wishes.setdefault(target, set()).add(requester)
    return {requester: frozenset(targets) for requester, targets in wishes.items()}


def engine_attendee(attendee: Attendee, wishes: dict[int, frozenset[int]],
                    favourites: dict[int, frozenset[int]] | None = None) -> matching.Attendee:
    """The engine's attendee; ``favourites`` (``favourites_among``) whom each marked."""
    return matching.Attendee(
        id=attendee.id, organisation=attendee.organisation, org_type=attendee.org_type,
        industry=attendee.industry_code, themes=frozenset(attendee.themes),
        keywords=tuple(attendee.keywords), offers=tuple(attendee.offers),
        seeks=tuple(attendee.seeks), unavailable_slots=frozenset(attendee.unavailable_slots),
        max_meetings=attendee.max_meetings, wants_meetings=attendee.wants_meetings,
        consent=attendee.matching_consent, must_meet=wishes.get(attendee.id, frozenset()),
        cluster=attendee.cluster or "",
        favourites=(favourites or {}).get(attendee.id, frozenset()),
    )


def stored_meetings(event: Event) -> list[tuple[matching.Meeting, bool]]:
    """The event's meetings as engine meetings (slot and table by number), with ``locked``."""
    rows = db.session.execute(
        select(Meeting.attendee_a_id, Meeting.attendee_b_id, Slot.number, MeetingTable.number,
               Meeting.locked)
        .join(Slot, Slot.id == Meeting.slot_id)
        .join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .where(Meeting.event_id == event.id)
        .order_by(Slot.number, MeetingTable.number)
    )
    return [(matching.Meeting((a, b), slot, table), locked) for a, b, slot, table, locked in rows]


def replace_meetings(event: Event, result: matching.ScheduleResult) -> None:
    """Store the result: locked meetings stay untouched, the others are replaced, except
    that a meeting the result has again (same pair, slot and table) keeps its row, id,
    "we met" and feedback; one only moved to another table in the same slot takes its
    "we met" and feedback along to its new row."""
    old_rows = {(m.attendee_a_id, m.attendee_b_id): m for m in db.session.scalars(
        select(Meeting).where(Meeting.event_id == event.id, Meeting.locked.is_(False)))}
    slot_ids = {slot.number: slot.id for slot in event.slots}
    table_ids = {table.number: table.id for table in event.tables}
    kept, added = [], []
    for m in (m for m in result.meetings if not m.locked):
        row = old_rows.get(m.meeting.pair)
        if row is not None and (row.slot_id, row.table_id) == (
                slot_ids[m.meeting.slot], table_ids[m.meeting.table]):
            row.score, row.reasons = m.score, [reason_json(r) for r in m.reasons]
            kept.append(row.id)
        else:
            added.append(m)
    facts = facts_of([row for row in old_rows.values() if row.id not in kept])
    db.session.execute(delete(Meeting).where(Meeting.event_id == event.id, Meeting.locked.is_(False),
                                             Meeting.id.not_in(kept)))
    new_rows = [Meeting(
        event_id=event.id, slot_id=slot_ids[m.meeting.slot], table_id=table_ids[m.meeting.table],
        attendee_a_id=m.meeting.pair[0], attendee_b_id=m.meeting.pair[1], score=m.score,
        reasons=[reason_json(r) for r in m.reasons]) for m in added]
    db.session.add_all(new_rows)
    db.session.flush()
    carry_facts(new_rows, facts)


@dataclass(frozen=True)
class MeetingFacts:
    """What happened at a meeting: "we met" and the feedback, by who gave it."""

    met_at: datetime | None
    feedback: list[tuple[int, FeedbackOutcome, datetime]]


def facts_of(rows: Sequence[Meeting]) -> dict[tuple[int, int, int], MeetingFacts]:
    """The facts of these meetings that have any, by (first, second attendee, slot id)."""
    feedback: dict[int, list[tuple[int, FeedbackOutcome, datetime]]] = {}
    for meeting_id, attendee_id, outcome, answered_at in db.session.execute(
            select(MeetingFeedback.meeting_id, MeetingFeedback.attendee_id,
                   MeetingFeedback.outcome, MeetingFeedback.answered_at)
            .where(MeetingFeedback.meeting_id.in_([row.id for row in rows]))):
        feedback.setdefault(meeting_id, []).append((attendee_id, outcome, answered_at))
    return {(row.attendee_a_id, row.attendee_b_id, row.slot_id):
            MeetingFacts(row.met_at, feedback.get(row.id, []))
            for row in rows if row.met_at is not None or row.id in feedback}


def carry_facts(rows: Sequence[Meeting], facts: dict[tuple[int, int, int], MeetingFacts]) -> None:
    """Give each new row the facts of the old row of the same pair in the same slot."""
    for row in rows:
        found = facts.get((row.attendee_a_id, row.attendee_b_id, row.slot_id))
        if found is None:
            continue
        row.met_at = found.met_at
        db.session.add_all(MeetingFeedback(meeting_id=row.id, attendee_id=attendee_id,
                                           outcome=outcome, answered_at=answered_at)
                           for attendee_id, outcome, answered_at in found.feedback)
    db.session.flush()


def reason_json(reason: matching.Reason) -> dict[str, Any]:
    params = {key: list(value) if isinstance(value, tuple) else value
              for key, value in reason.params.items()}
    return {"code": reason.code, "params": params}


def pending_schedule_mails(event: Event) -> list[OutgoingMail]:
    """The event's schedule mails not sent yet, oldest first."""
    return list(db.session.scalars(
        select(OutgoingMail).join(Attendee, Attendee.id == OutgoingMail.attendee_id)
        .where(Attendee.event_id == event.id, OutgoingMail.status == MailStatus.PENDING,
               OutgoingMail.kind.in_(SCHEDULE_MAIL_KINDS))
        .order_by(OutgoingMail.id)))


def refresh_meetings(attendee: Attendee) -> int:
    """After an attendee changed their details: rescore their meetings with the engine and
    remove those they can no longer have (now excluded, e.g. same organisation or consent
    withdrawn; nothing in common any more; now unavailable; above their maximum; locked
    ones too, the attendee's word wins). Returns how many were removed."""
    rows = db.session.execute(
        select(Meeting, Slot.number)
        .join(Slot, Slot.id == Meeting.slot_id)
        .where(or_(Meeting.attendee_a_id == attendee.id, Meeting.attendee_b_id == attendee.id))
        .options(joinedload(Meeting.attendee_a), joinedload(Meeting.attendee_b))
    ).all()
    people = {a.id: a for meeting, _ in rows for a in (meeting.attendee_a, meeting.attendee_b)}
    wishes, synonyms = must_meet(list(people.values())), event_synonyms(attendee.event)
    weights = event_weights(attendee.event)
    marks = favourites_among(list(people.values()))
    unfit = [meeting for meeting, _ in rows if not rescore(meeting, wishes, synonyms, weights, marks)]
    ranked = sorted(((m, slot) for m, slot in rows if m not in unfit),
                    key=lambda row: (-row[0].score, row[0].id))
    fitting = [meeting for meeting, slot in ranked if slot not in attendee.unavailable_slots]
    kept = fitting if attendee.max_meetings is None else fitting[:attendee.max_meetings]
    unfit += [meeting for meeting, _ in ranked if meeting not in kept]
    for meeting in unfit:
        db.session.delete(meeting)
    leave_team_meetings(attendee)
    db.session.flush()
    record_schedule_changes(attendee.event)
    return len(unfit)


def leave_team_meetings(attendee: Attendee) -> None:
    """A colleague who no longer takes part, or is now unavailable then, leaves the team
    meetings concerned (the meetings of the two stay)."""
    for row, slot in db.session.execute(
            select(MeetingColleague, Slot.number).join(Meeting, Meeting.id == MeetingColleague.meeting_id)
            .join(Slot, Slot.id == Meeting.slot_id).where(MeetingColleague.attendee_id == attendee.id)).all():
        if not attendee.is_matchable or slot in attendee.unavailable_slots:
            db.session.delete(row)


def rescore(
    meeting: Meeting, wishes: dict[int, frozenset[int]],
    synonyms: matching.Synonyms = matching.NO_SYNONYMS,
    weights: matching.Weights = matching.Weights(),
    favourites: dict[int, frozenset[int]] | None = None,
) -> bool:
    """Give the meeting its current score and reasons; False if the pair may no longer meet."""
    a, b = (engine_attendee(person, wishes, favourites) for person in (meeting.attendee_a, meeting.attendee_b))
    scored = matching.pair_score(a, b, weights, synonyms=synonyms)
    if scored.excluded or scored.score <= 0:
        return False
    meeting.score, meeting.reasons = scored.score, [reason_json(r) for r in scored.reasons]
    return True
