"""The dashboard's form for one of the organiser's own sign-up questions."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from ..models import QuestionKind
from ..services.events.questions import MAX_OPTIONS, QuestionDraft
from ..web.forms import NOT_AN_OPTION, choices, none_if_empty, strip_text

KIND_LABELS = {
    QuestionKind.TEXT: _l("Text"),
    QuestionKind.CHOICE: _l("One choice"),
    QuestionKind.CHOICES: _l("Several choices"),
    QuestionKind.YES_NO: _l("Yes or no"),
}


class QuestionForm(FlaskForm):
    label_de = StringField(_l("Question in German"), [DataRequired(_l("Please fill in this field.")),
                                                       Length(max=300)], filters=[strip_text])
    label_en = StringField(_l("Question in English (optional; else the German wording)"),
                           [Optional(), Length(max=300)], filters=[strip_text, none_if_empty])
    kind = SelectField(_l("Kind of answer"), choices=choices(list(KIND_LABELS.items())),
                       invalid_choice_message=NOT_AN_OPTION)
    options = TextAreaField(
        _l("Options (for a choice)"), [Optional(), Length(max=6000)],
        description=_l("One option a line: German wording | English wording."))
    required = BooleanField(_l("An answer is required"))
    special_category = BooleanField(
        _l("Special category: the question concerns health (accessibility needs, diet for medical "
           "reasons)"),
        description=_l("Attendees answer only with their express consent; exports leave these "
                       "answers out unless you include them."))
    key = StringField(
        _l("Key in exports (optional; made from the wording)"),
        [Optional(), Regexp(r"^[a-z][a-z0-9_]{0,39}$", message=_l(
            "Lower-case letters, digits and _, starting with a letter (at most 40)."))],
        filters=[strip_text, none_if_empty],
        description=_l("The export names the column question_KEY; the key never changes."))

    def validate_special_category(self, field: BooleanField) -> None:
        if field.data and self.required.data:
            raise ValidationError(_l("A question about health cannot be required: its answer "
                                     "needs the attendee's free consent."))

    def validate_options(self, field: TextAreaField) -> None:
        if self.kind.data in (QuestionKind.CHOICE, QuestionKind.CHOICES) and not (
                2 <= len(option_lines(field.data)) <= MAX_OPTIONS):
            raise ValidationError(_l("A choice needs between 2 and %(maximum)d options, one a line.",
                                     maximum=MAX_OPTIONS))

    def draft(self) -> QuestionDraft:
        kind = QuestionKind(self.kind.data)
        return QuestionDraft(
            label_de=self.label_de.data, label_en=self.label_en.data or "", kind=kind,
            options=option_lines(self.options.data) if kind in (QuestionKind.CHOICE, QuestionKind.CHOICES) else (),
            required=self.required.data, special_category=self.special_category.data, key=self.key.data,
        )


def option_lines(text: Any) -> tuple[tuple[str, str], ...]:
    """``Vegetarisch | Vegetarian`` a line -> (German, English); blank lines are skipped."""
    pairs = []
    for line in (text or "").splitlines():
        german, _, english = line.partition("|")
        if german.strip():
            pairs.append((strip_text(german)[:200], strip_text(english)[:200]))
    return tuple(pairs)


def options_text(options: list[dict[str, str]]) -> str:
    return "\n".join(f"{option['de']} | {option['en']}" for option in options)
