"""After the event: did the meetings take place, and were they worth it?

The organisers trigger one follow-up mail per attendee with meetings (never a second
one). Its links open a confirmation page; only the button there stores the answer, so a
mail scanner that opens every link changes nothing. ``feedback_summary`` counts meetings,
not answers: a meeting took place if one of the two says so, and was valuable if one of
them rated it so.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import aliased

from ...extensions import db
from ...models import (
    Attendee,
    Event,
    FeedbackOutcome,
    Meeting,
    MeetingFeedback,
    OutgoingMail,
    utcnow,
)
from .. import DomainError
from ..mail.notifications import compose, public_url
from ..schedule.calendar import PlannedMeeting, day_label, planned_meetings
from ..schedule.runs import schedule_published

FEEDBACK_MAIL = "feedback_request"


@dataclass(frozen=True)
class PairCount:
    """Meetings between two kinds (industries or organisation types), in code order."""

    pair: tuple[str, str]
    meetings: int
    took_place: int
    valuable: int


@dataclass(frozen=True)
class FeedbackSummary:
    meetings: int
    answered: int
    took_place: int
    valuable: int
    by_industry: list[PairCount]
    by_org_type: list[PairCount]


def send_feedback_requests(event: Event, today: date, now: datetime | None = None) -> list[OutgoingMail]:
    """The follow-up mail to every attendee with published meetings who has not had it.

    It asks only about the meetings nobody confirmed on the day ("we met"): someone whose
    meetings were all confirmed is not mailed."""
    if not schedule_published(event):
        raise DomainError("no_schedule")
    if today < event.starts_on:
        raise DomainError("event_not_started")
    held = confirmed_held(event)
    planned = {owner: rest for owner, meetings in planned_meetings(event).items()
               if (rest := [m for m in meetings if m.meeting_id not in held])}
    asked = set(db.session.scalars(select(OutgoingMail.attendee_id).where(
        OutgoingMail.kind == FEEDBACK_MAIL, OutgoingMail.attendee_id.in_(planned))))
    people = db.session.scalars(select(Attendee).where(Attendee.id.in_(set(planned) - asked))
                                .order_by(Attendee.id))
    return [compose(person, FEEDBACK_MAIL, day=day_label(event.starts_on, person.language),
                    meetings=[(m, feedback_links(person, m)) for m in planned[person.id]])
            for person in people if person.is_matchable]


def feedback_links(attendee: Attendee, meeting: PlannedMeeting) -> dict[str, str]:
    return {outcome.value: public_url("attendee.feedback", token=attendee.token,
                                      meeting_id=str(meeting.meeting_id), answer=outcome.value)
            for outcome in FeedbackOutcome}


def meeting_for_feedback(attendee: Attendee, meeting_id: int, today: date) -> PlannedMeeting:
    """The attendee's published meeting, once the event has begun."""
    if today < attendee.event.starts_on:
        raise DomainError("event_not_started")
    for meeting in planned_meetings(attendee.event, [attendee.id]).get(attendee.id, []):
        if meeting.meeting_id == meeting_id:
            return meeting
    raise DomainError("meeting_not_found")


def record_feedback(attendee: Attendee, meeting_id: int, outcome: FeedbackOutcome,
                    today: date, now: datetime | None = None) -> None:
    """Store the attendee's answer; a second answer replaces the first."""
    meeting_for_feedback(attendee, meeting_id, today)
    feedback = db.session.scalar(select(MeetingFeedback).where(
        MeetingFeedback.meeting_id == meeting_id, MeetingFeedback.attendee_id == attendee.id))
    if feedback is None:
        feedback = MeetingFeedback(meeting_id=meeting_id, attendee_id=attendee.id)
        db.session.add(feedback)
    feedback.outcome, feedback.answered_at = outcome, now or utcnow()
    db.session.flush()


def current_answer(attendee: Attendee, meeting_id: int) -> FeedbackOutcome | None:
    return db.session.scalar(select(MeetingFeedback.outcome).where(
        MeetingFeedback.meeting_id == meeting_id, MeetingFeedback.attendee_id == attendee.id))


def feedback_summary(event: Event) -> FeedbackSummary:
    """How many meetings took place and were valuable, by industry and organisation-type pair
    (summed in SQL: the overview showed it for 12,000 meetings at 5,000 attendees); the
    pairs only once somebody answered (the overview shows them from then on, and grouping
    the meetings was half of its time)."""
    answers = feedback_answers(event)
    took_place, valuable = rated_meetings(answers)
    took_place |= confirmed_held(event)
    if not answers:
        meetings = db.session.scalar(select(func.count()).where(Meeting.event_id == event.id)) or 0
        return FeedbackSummary(meetings, 0, len(took_place), 0, by_industry=[], by_org_type=[])
    by_industry: dict[tuple[str, str], list[int]] = {}
    by_org_type: dict[tuple[str, str], list[int]] = {}
    for industries, org_types, counts in grouped_meetings(event):
        for totals, (x, y) in ((by_industry, industries), (by_org_type, org_types)):
            summed = totals.setdefault((min(x, y), max(x, y)), [0, 0, 0])
            summed[:] = [old + new for old, new in zip(summed, counts, strict=True)]
    return FeedbackSummary(
        meetings=sum(counts[0] for counts in by_industry.values()), answered=len(answers),
        took_place=len(took_place), valuable=len(valuable),
        by_industry=[PairCount(pair, *by_industry[pair]) for pair in sorted(by_industry)],
        by_org_type=[PairCount(pair, *by_org_type[pair]) for pair in sorted(by_org_type)])


def grouped_meetings(event: Event) -> list[tuple[tuple[str, str], tuple[str, str], tuple[int, int, int]]]:
    """The event's meetings grouped by both sides' industry and organisation type: how
    many, how many took place (feedback or "we met") and how many were valuable."""
    a, b = aliased(Attendee), aliased(Attendee)
    took = or_(Meeting.met_at.is_not(None), Meeting.id.in_(select(MeetingFeedback.meeting_id).where(
        MeetingFeedback.outcome.in_([FeedbackOutcome.TOOK_PLACE, FeedbackOutcome.VALUABLE]))))
    good = Meeting.id.in_(select(MeetingFeedback.meeting_id).where(
        MeetingFeedback.outcome == FeedbackOutcome.VALUABLE))
    columns = (a.industry_code, b.industry_code, a.org_type, b.org_type)
    rows = db.session.execute(
        select(*columns, func.count(), func.sum(case((took, 1), else_=0)), func.sum(case((good, 1), else_=0)))
        .select_from(Meeting).join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .where(Meeting.event_id == event.id).group_by(*columns))
    return [((ia, ib), (oa, ob), (int(n), int(held or 0), int(rated or 0)))
            for ia, ib, oa, ob, n, held, rated in rows]


def feedback_answers(event: Event) -> dict[int, set[FeedbackOutcome]]:
    """The answers given for each of the event's meetings (by either of the two)."""
    answers: dict[int, set[FeedbackOutcome]] = {}
    for meeting_id, outcome in db.session.execute(
            select(MeetingFeedback.meeting_id, MeetingFeedback.outcome)
            .join(Meeting, Meeting.id == MeetingFeedback.meeting_id)
            .where(Meeting.event_id == event.id)):
        answers.setdefault(meeting_id, set()).add(outcome)
    return answers


def rated_meetings(answers: dict[int, set[FeedbackOutcome]]) -> tuple[set[int], set[int]]:
    """The meetings reported as having taken place, and those rated valuable."""
    took_place = {m for m, given in answers.items()
                  if given & {FeedbackOutcome.TOOK_PLACE, FeedbackOutcome.VALUABLE,
                              FeedbackOutcome.NOT_VALUABLE}}
    return took_place, {m for m, given in answers.items() if FeedbackOutcome.VALUABLE in given}


def confirmed_held(event: Event) -> set[int]:
    """The meetings one of the two confirmed on the day ("we met"): they count as held."""
    return set(db.session.scalars(select(Meeting.id).where(
        Meeting.event_id == event.id, Meeting.met_at.is_not(None))))


def pair_counts(rows: list[tuple[int, str, str]], took_place: set[int], valuable: set[int]) -> list[PairCount]:
    meetings: Counter[tuple[str, str]] = Counter()
    happened: Counter[tuple[str, str]] = Counter()
    rated: Counter[tuple[str, str]] = Counter()
    for meeting_id, x, y in rows:
        pair = (min(x, y), max(x, y))
        meetings[pair] += 1
        happened[pair] += meeting_id in took_place
        rated[pair] += meeting_id in valuable
    return [PairCount(pair, meetings[pair], happened[pair], rated[pair]) for pair in sorted(meetings)]
