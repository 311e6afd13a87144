"""The organiser's own questions as form fields, built per event and language: added to the
sign-up form and the attendee's answer page, read back as ``GivenAnswer``s, and phrased for
the pages that show answers.

A question's answer field is named ``question-<key>`` (keys have no ``-``, so no field of
the forms can clash); a special-category question also gets the consent checkbox
``question-<key>-consent``, and an answer without that tick is refused with a message.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..models import Question, QuestionKind
from ..services.attendees.answers import AnswerValue, GivenAnswer, StoredAnswer
from .forms import NOT_AN_OPTION, CheckboxListField, choices

FormType = TypeVar("FormType", bound=FlaskForm)
MAX_TEXT_ANSWER = 1000
YES_NO = {"yes": True, "no": False}


@dataclass(frozen=True)
class QuestionInput:
    """What a page renders for one question: its field and, if asked, the consent box."""

    field: Field
    consent: Field | None
    several: bool  # checkboxes (a fieldset) rather than one input


@dataclass(frozen=True)
class AnswerLine:
    """One question and its phrased answer (``None``: not answered), for a page."""

    label: str
    answer: str | None
    special_category: bool


def field_name(question: Question) -> str:
    return f"question-{question.key}"


def consent_name(question: Question) -> str:
    return f"question-{question.key}-consent"


def with_questions(form_class: type[FormType], questions: Sequence[Question], language: str) -> type[FormType]:
    """``form_class`` with a field per question (and its consent box), in the given order."""
    fields: dict[str, Field] = {}
    for question in questions:
        fields[field_name(question)] = answer_field(question, language)
        if question.special_category:
            fields[consent_name(question)] = BooleanField(
                _l("I expressly agree that my answer to this question, which concerns my health, "
                   "is processed to organise my participation (Art. 9(2)(a) GDPR)."),
                [ConsentForAnswer(field_name(question))])
    return type(form_class.__name__, (form_class,), fields)


def answer_field(question: Question, language: str) -> Field:
    label = question.label(language)
    if not question.required:
        label = _("%(question)s (optional)", question=label)
    presence = [DataRequired(_l("Please answer this question."))] if question.required else [Optional()]
    description = (_l("This concerns your health: we store your answer only with your express "
                      "consent below. You can change or delete it on your page at any time.")
                   if question.special_category else None)
    options = [(option["key"], option[language] if language in option else option["de"])
               for option in question.options]
    please = [("", _l("Please choose"))]
    if question.kind is QuestionKind.TEXT:
        return TextAreaField(label, [*presence, Length(max=MAX_TEXT_ANSWER, message=_l(
            "Please use at most %(max)d characters."))], filters=[strip], description=description)
    if question.kind is QuestionKind.CHOICES:
        return CheckboxListField(label, presence, choices=choices(options), description=description,
                                 invalid_choice_message=NOT_AN_OPTION)
    pairs = options if question.kind is QuestionKind.CHOICE else [("yes", _l("yes")), ("no", _l("no"))]
    return SelectField(label, presence, choices=choices(please + pairs), description=description,
                       invalid_choice_message=NOT_AN_OPTION)


def strip(value: Any) -> Any:
    """Trimmed, with a browser's CR LF line ends as plain LF."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


class ConsentForAnswer:
    """An answer to a special-category question needs the tick of its consent box."""

    def __init__(self, answer_field_name: str) -> None:
        self.answer_field_name = answer_field_name

    def __call__(self, form: FlaskForm, field: Field) -> None:
        if form[self.answer_field_name].data and not field.data:
            raise ValidationError(_l("Please tick this box to give us this answer, or leave the "
                                     "question empty."))


def question_inputs(form: FlaskForm, questions: Sequence[Question]) -> list[QuestionInput]:
    return [QuestionInput(form[field_name(q)], form[consent_name(q)] if q.special_category else None,
                          q.kind is QuestionKind.CHOICES) for q in questions]


def given_answers(form: FlaskForm, questions: Sequence[Question]) -> tuple[GivenAnswer, ...]:
    def value(question: Question) -> AnswerValue | None:
        data = form[field_name(question)].data
        return YES_NO.get(data) if question.kind is QuestionKind.YES_NO else data

    return tuple(GivenAnswer(q.key, value(q), bool(q.special_category and form[consent_name(q)].data))
                 for q in questions)


def answer_form_data(rows: Sequence[StoredAnswer]) -> dict[str, Any]:
    """The stored answers as the form's data (to fill the answer page)."""
    data: dict[str, Any] = {}
    for row in rows:
        value = row.value
        if isinstance(value, bool):
            value = "yes" if value else "no"
        data[field_name(row.question)] = value
        if row.question.special_category:
            data[consent_name(row.question)] = row.consent_at is not None
    return data


def answer_lines(rows: Sequence[StoredAnswer], language: str) -> list[AnswerLine]:
    return [AnswerLine(row.question.label(language), phrased(row.question, row.value, language),
                       row.question.special_category) for row in rows]


def phrased(question: Question, value: AnswerValue | None, language: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(question.option_label(key, language) for key in value)
    return question.option_label(value, language) if question.kind is QuestionKind.CHOICE else value
