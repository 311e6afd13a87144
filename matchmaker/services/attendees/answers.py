"""An attendee's answers to the organiser's own questions: storing them, and reading them
for the pages, the exports and the data download.

An answer to a special-category question (health) is stored only with the attendee's
explicit consent; withdrawing the consent deletes the answer. An empty answer is no
answer: nothing is stored. Answers go with the attendee (the database cascades).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ...extensions import db
from ...models import Answer, Attendee, Event, Question, QuestionKind, utcnow
from ..audit import record
from ..events.questions import event_questions

AnswerValue = str | list[str] | bool


@dataclass(frozen=True)
class GivenAnswer:
    """One question's answer as typed (``None`` or empty: not answered)."""

    key: str
    value: AnswerValue | None
    consent: bool = False


@dataclass(frozen=True)
class StoredAnswer:
    """A question with the attendee's answer (``value`` None: not answered)."""

    question: Question
    value: AnswerValue | None
    consent_at: datetime | None


def store_answers(attendee: Attendee, given: Sequence[GivenAnswer], now: datetime | None = None) -> None:
    """Store, change or delete the answers to the questions in ``given``; others stay."""
    now = now or utcnow()
    questions = {question.key: question for question in event_questions(attendee.event)}
    existing = {answer.question_id: answer for answer in answers_of(attendee)}
    for answer in given:
        question = questions.get(answer.key)
        if question is None:
            continue
        value = checked_value(question, answer.value)
        stored = existing.get(question.id)
        if value is None or (question.special_category and not answer.consent):
            if stored is not None:
                db.session.delete(stored)
            continue
        if stored is None:
            stored = Answer(question_id=question.id, attendee_id=attendee.id)
            db.session.add(stored)
        stored.value = value
        stored.consent_at = (stored.consent_at or now) if question.special_category else None
    db.session.flush()


def change_answers(attendee: Attendee, given: Sequence[GivenAnswer], actor: str) -> bool:
    """An organiser's change of answers, in the audit log (which goes with the attendee);
    special-category answers are the attendee's alone to give, so those are left as they are."""
    special = {q.key for q in event_questions(attendee.event) if q.special_category}
    given = [answer for answer in given if answer.key not in special]
    before = {row.question.key: row.value for row in stored_answers(attendee)}
    store_answers(attendee, given)
    after = {row.question.key: row.value for row in stored_answers(attendee)}
    changes = {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}
    if changes:
        record(attendee.event, actor, "answers_changed", attendee, changes)
    return bool(changes)


def checked_value(question: Question, value: Any) -> AnswerValue | None:
    """The value if it fits the question's kind and options; empty or unfit: None."""
    option_keys = {option["key"] for option in question.options}
    if question.kind is QuestionKind.YES_NO:
        return value if isinstance(value, bool) else None
    if question.kind is QuestionKind.CHOICES:
        chosen = [key for key in value or [] if key in option_keys] if isinstance(value, list) else []
        return chosen or None
    if not isinstance(value, str) or not value.strip():
        return None
    if question.kind is QuestionKind.CHOICE:
        return value if value in option_keys else None
    return value.strip()


def answers_of(attendee: Attendee) -> list[Answer]:
    return list(db.session.scalars(select(Answer).where(Answer.attendee_id == attendee.id)))


def stored_answers(attendee: Attendee) -> list[StoredAnswer]:
    """Every question of the event, in the form's order, with the attendee's answer."""
    answers = {answer.question_id: answer for answer in answers_of(attendee)}
    return [StoredAnswer(question, answers[question.id].value if question.id in answers else None,
                         answers[question.id].consent_at if question.id in answers else None)
            for question in event_questions(attendee.event)]


def personal_answers(attendee: Attendee) -> list[dict[str, Any]]:
    """The stored answers for the data download (Art. 15 and 20), in both languages."""
    return [{"question": row.question.key, "de": row.question.label_de, "en": row.question.label_en,
             "answer": row.value,
             "consent_at": row.consent_at.isoformat() if row.consent_at else None}
            for row in stored_answers(attendee) if row.value is not None]


def export_questions(event: Event, include_special: bool) -> list[Question]:
    """The questions an export has a column for: special-category ones only when asked."""
    return [question for question in event_questions(event)
            if include_special or not question.special_category]


def event_answers(event: Event) -> dict[tuple[int, int], AnswerValue]:
    """Every answer of the event's attendees by (attendee id, question id)."""
    rows = db.session.execute(
        select(Answer.attendee_id, Answer.question_id, Answer.value)
        .join(Question, Question.id == Answer.question_id).where(Question.event_id == event.id))
    return {(attendee_id, question_id): value for attendee_id, question_id, value in rows}
