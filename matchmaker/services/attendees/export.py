"""The event's attendees as a file for organisers (every status, by registration number)."""

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import select

from ...exchange.attendee_csv import AttendeeRow
from ...exchange.attendee_export import ExportedAttendee, attendees_csv, attendees_xlsx
from ...extensions import db
from ...models import Attendee, Event, MeetingRequest, ProgrammeSession, Question, SessionChoice
from .answers import event_answers, export_questions


def export_attendees(event: Event, fmt: Literal["csv", "xlsx"], include_special: bool = False) -> bytes:
    """CSV (UTF-8 with BOM) or ``.xlsx``; both can be imported again. Answers to
    special-category questions (health) only with ``include_special``."""
    questions = export_questions(event, include_special)
    attendees = exported_attendees(event, questions)
    keys = [question.key for question in questions]
    return attendees_csv(attendees, keys) if fmt == "csv" else attendees_xlsx(attendees, keys)


def exported_attendees(event: Event, questions: Sequence[Question] = ()) -> list[ExportedAttendee]:
    people = list(db.session.scalars(
        select(Attendee).where(Attendee.event_id == event.id).order_by(Attendee.number)))
    emails = {attendee.id: attendee.email for attendee in people}
    wishes: dict[int, list[str]] = {}
    for requester, target in db.session.execute(
            select(MeetingRequest.requester_id, MeetingRequest.target_id)
            .where(MeetingRequest.requester_id.in_(emails)).order_by(MeetingRequest.id)):
        if target in emails:
            wishes.setdefault(requester, []).append(emails[target])
    sessions = sessions_by_attendee(event)
    answers = event_answers(event) if questions else {}
    return [exported(attendee, tuple(sorted(wishes.get(attendee.id, ()))), sessions.get(attendee.id, ()),
                     tuple(answers.get((attendee.id, question.id)) for question in questions))
            for attendee in people]


def sessions_by_attendee(event: Event) -> dict[int, tuple[str, ...]]:
    """Per attendee id, the titles of the sessions they chose (a seat or a waiting place),
    by start: imported again, they choose them again."""
    chosen: dict[int, list[str]] = {}
    for attendee_id, title in db.session.execute(
            select(SessionChoice.attendee_id, ProgrammeSession.title)
            .join(ProgrammeSession, ProgrammeSession.id == SessionChoice.session_id)
            .where(ProgrammeSession.event_id == event.id)
            .order_by(ProgrammeSession.starts_at, ProgrammeSession.title)):
        chosen.setdefault(attendee_id, []).append(title)
    return {attendee_id: tuple(titles) for attendee_id, titles in chosen.items()}


def exported(attendee: Attendee, must_meet: tuple[str, ...], sessions: tuple[str, ...] = (),
             answers: tuple[object, ...] = ()) -> ExportedAttendee:
    row = AttendeeRow(
        email=attendee.email, first_name=attendee.first_name, last_name=attendee.last_name,
        organisation=attendee.organisation, org_type=attendee.org_type,
        industry=attendee.industry_code, themes=tuple(attendee.themes),
        keywords=tuple(attendee.keywords), offers=tuple(attendee.offers),
        seeks=tuple(attendee.seeks), unavailable_slots=tuple(attendee.unavailable_slots),
        max_meetings=attendee.max_meetings, wants_meetings=attendee.wants_meetings,
        language=attendee.language, must_meet=must_meet, position=attendee.position or "",
        cluster=attendee.cluster or "", matching_consent=attendee.matching_consent,
        sessions=sessions,
    )
    return ExportedAttendee(row, attendee.number, attendee.status.value,
                            attendee.email_confirmed_at is not None,
                            attendee.signed_up_at.replace(microsecond=0), attendee.badge_code,
                            attendee.checked_in_at.replace(microsecond=0) if attendee.checked_in_at else None,
                            answers)
