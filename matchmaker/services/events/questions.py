"""The organiser's own questions on an event's sign-up form: add, change, reorder, delete.

A question's ``key`` is chosen once (from its wording, or by the organiser) and never
changes: the export names its column ``question_<key>``. An option keeps its key while its
wording is corrected (same place in the list) or when it moves (same wording), so answers
given before still point at it. A question's kind cannot change once someone answered it.
Every change is in the audit log.
"""

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from ...extensions import db
from ...models import Answer, Event, Question, QuestionKind
from .. import DomainError
from ..audit import record

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
CHOICE_KINDS = (QuestionKind.CHOICE, QuestionKind.CHOICES)
MAX_OPTIONS = 30


@dataclass(frozen=True)
class QuestionDraft:
    """What the organiser typed; ``options`` are (German, English) wordings in order."""

    label_de: str
    label_en: str
    kind: QuestionKind
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False
    special_category: bool = False
    key: str | None = None


def event_questions(event: Event) -> list[Question]:
    """The event's questions in the order of the form."""
    return list(db.session.scalars(
        select(Question).where(Question.event_id == event.id)
        .order_by(Question.position, Question.id)))


def question_of(event: Event, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.event_id != event.id:
        raise DomainError("question_not_found")
    return question


def add_question(event: Event, draft: QuestionDraft, actor: str) -> Question:
    check(draft)
    key = draft.key or key_from(draft.label_en or draft.label_de)
    if not KEY_PATTERN.match(key):
        raise DomainError("question_key_invalid")
    if db.session.scalar(select(Question.id).where(Question.event_id == event.id, Question.key == key)):
        raise DomainError("question_key_taken")
    last = db.session.scalar(select(func.max(Question.position)).where(Question.event_id == event.id))
    question = Question(event_id=event.id, key=key, position=(last or 0) + 1, options=[])
    apply_draft(question, draft)
    db.session.add(question)
    db.session.flush()
    record(event, actor, "question_added", changes={"key": key, "label": question.label_de})
    return question


def change_question(event: Event, question_id: int, draft: QuestionDraft, actor: str) -> None:
    check(draft)
    question = question_of(event, question_id)
    if draft.kind != question.kind and answered(question):
        raise DomainError("question_kind_answered")
    apply_draft(question, draft)
    db.session.flush()
    record(event, actor, "question_changed", changes={"key": question.key, "label": question.label_de})


def delete_question(event: Event, question_id: int, actor: str) -> None:
    """Deletes the question and every answer to it (the database cascades)."""
    question = question_of(event, question_id)
    record(event, actor, "question_deleted", changes={"key": question.key, "label": question.label_de})
    db.session.delete(question)
    db.session.flush()


def move_question(event: Event, question_id: int, step: int) -> None:
    """One place up (``step`` -1) or down (+1); at either end nothing changes."""
    questions = event_questions(event)
    index = next((i for i, q in enumerate(questions) if q.id == question_id), None)
    if index is None:
        raise DomainError("question_not_found")
    other = index + step
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        for position, question in enumerate(questions, start=1):
            question.position = position
        db.session.flush()


def check(draft: QuestionDraft) -> None:
    if not draft.label_de.strip():
        raise DomainError("question_label_missing")
    if draft.special_category and draft.required:
        raise DomainError("question_special_required")
    if draft.kind in CHOICE_KINDS and not 2 <= len(draft.options) <= MAX_OPTIONS:
        raise DomainError("question_needs_options", maximum=MAX_OPTIONS)


def apply_draft(question: Question, draft: QuestionDraft) -> None:
    question.label_de = draft.label_de
    question.label_en = draft.label_en or draft.label_de
    question.kind = draft.kind
    question.required = draft.required
    question.special_category = draft.special_category
    question.options = option_list(question.options, draft.options) if draft.kind in CHOICE_KINDS else []


def option_list(before: list[dict[str, str]], wordings: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    """The new options, each keeping an old key: by its wording's key, else by its place."""
    old_keys = [option["key"] for option in before]
    wanted = [key_from(en or de) for de, en in wordings]
    keys: list[str] = []
    for place, key in enumerate(wanted):
        if key not in old_keys and place < len(old_keys) and old_keys[place] not in wanted:
            key = old_keys[place]  # the wording at this place was corrected
        keys.append(unique(key, keys))
    return [{"key": key, "de": de, "en": en or de} for key, (de, en) in zip(keys, wordings, strict=True)]


def unique(key: str, taken: list[str]) -> str:
    candidate, number = key, 2
    while candidate in taken:
        candidate, number = f"{key}_{number}", number + 1
    return candidate


def key_from(text: str) -> str:
    """``Ernährung (medizinisch)`` -> ``ernaehrung_medizinisch``: ASCII, lower case, ``_``."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:30].strip("_")
    return key if key and key[0].isalpha() else f"q_{key}".rstrip("_")


def answered(question: Question) -> bool:
    return db.session.scalar(select(Answer.id).where(Answer.question_id == question.id).limit(1)) is not None
