"""The sign-up form and its field groups (reused by the attendee's own edit pages and the
organiser's attendee editor), the fields and filters they are built from, and the confirm form."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    Field,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from ..labels import ORG_TYPE_LABELS, THEME_LABELS
from ..security import form_age, form_stamp
from ..text import clean_email, collapse_whitespace, looks_like_link, split_tags
from ..vocabulary import ORG_TYPES, THEMES

NOT_AN_OPTION = _l("Please choose only from the options shown.")
MAX_TAGS = 10
MAX_TAG_LENGTH = 60
MAX_NUMBER_DIGITS = 6  # no count here (seats, tables, meetings) is larger; int() of 400
# digits would also overflow the float range checks and the database column


def choices(pairs: Sequence[tuple[Any, Any]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def strip_text(value: Any) -> Any:
    return collapse_whitespace(value) if isinstance(value, str) else value


def none_if_empty(value: Any) -> Any:
    return value or None


class CheckboxListField(SelectMultipleField):
    """Several checkboxes for one question; each gets its own label."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WholeNumberField(IntegerField):
    """An integer field whose parsing error speaks our language (WTForms' own is terse)."""

    # An int, or None while empty or unparsable; Any like every WTForms field's data (the library is
    # untyped), so that views read a validated required field without a None check.
    data: Any

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist and valuelist[0].strip():
            text = valuelist[0].strip()
            try:
                if len(text) > MAX_NUMBER_DIGITS:
                    raise ValueError("too many digits")
                self.data = int(text)
            except ValueError as error:
                self.data = None
                raise ValueError(_l("Please enter a whole number, like 5.")) from error
        else:
            self.data = None


class TagListField(Field):
    """Free tags typed as one comma-separated line; keeps the typed text after an error."""

    widget = TextInput()

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.typed: str | None = None

    def process_formdata(self, valuelist: list[str]) -> None:
        self.typed = valuelist[0] if valuelist else ""
        self.data = split_tags(self.typed)

    def process_data(self, value: Any) -> None:
        self.data = list(value or [])

    def _value(self) -> str:
        return self.typed if self.typed is not None else ", ".join(self.data or [])

    def pre_validate(self, form: Any) -> None:
        if len(self.data) > MAX_TAGS:
            raise ValidationError(_l("Please enter at most %(count)d terms.", count=MAX_TAGS))
        if any(len(tag) > MAX_TAG_LENGTH for tag in self.data):
            raise ValidationError(
                _l("Each term may have at most %(length)d characters.", length=MAX_TAG_LENGTH)
            )


class NoLinks:
    """Names, organisations, positions, clusters and tags are shown to other attendees and
    go into their mails: nothing in them may become a link. ``message`` says, per field,
    what belongs there instead."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, _form: Any, field: Field) -> None:
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(value and looks_like_link(value) for value in values):
            raise ValidationError(self.message)


NAME_ONLY = NoLinks(_l("Please enter only your name here, without web or e-mail addresses."))
TERMS_ONLY = NoLinks(_l("Please enter terms only, without web or e-mail addresses."))


def text(label: Any, max_length: int, required: bool = True, no_links: NoLinks | None = None,
         **kwargs: Any) -> StringField:
    presence = DataRequired(_l("Please fill in this field.")) if required else Optional()
    return StringField(
        label,
        [presence, Length(max=max_length, message=_l("Please use at most %(max)d characters.")),
         *([no_links] if no_links else [])],
        filters=[strip_text] if required else [strip_text, none_if_empty],
        **kwargs,
    )


# How ``templates/_form.html`` and the pages lay the fields out: the e-mail address (declared
# by the forms that have one, after all the others) follows the name.
PAGE_ORDER = (
    "first_name", "last_name", "email", "organisation", "position", "org_type", "industry",
    "cluster", "language", "themes", "keywords", "offers", "seeks", "wants_meetings",
    "unavailable_slots", "max_meetings", "organiser_notes", "privacy_consent", "matching_consent",
)


class PersonFields(FlaskForm):
    first_name = text(_l("First name"), 100, no_links=NAME_ONLY,
                      render_kw={"autocomplete": "given-name"})
    last_name = text(_l("Last name"), 100, no_links=NAME_ONLY,
                     render_kw={"autocomplete": "family-name"})
    organisation = text(_l("Organisation"), 200, render_kw={"autocomplete": "organization"},
                        no_links=NoLinks(_l("Please enter only the name of the organisation "
                                            "here, without web or e-mail addresses.")))
    position = text(_l("Position (optional)"), 150, required=False,
                    render_kw={"autocomplete": "organization-title"},
                    no_links=NoLinks(_l("Please enter only the position here, without web or "
                                        "e-mail addresses.")))
    org_type = SelectField(
        _l("Type of organisation"),
        choices=choices([("", _l("Please choose"))] + [(code, ORG_TYPE_LABELS[code]) for code in ORG_TYPES]),
        validators=[DataRequired(_l("Please choose the type of your organisation."))],
        invalid_choice_message=NOT_AN_OPTION,
    )
    industry = SelectField(
        _l("Industry or technology field"),
        validators=[DataRequired(_l("Please choose an industry or technology field."))],
        invalid_choice_message=NOT_AN_OPTION,
    )
    cluster = text(_l("Cluster you belong to (optional)"), 200, required=False,
                   no_links=NoLinks(_l("Please enter only the name of the cluster here, "
                                       "without web or e-mail addresses.")))

    def in_page_order(self) -> list[Field]:
        """The fields in the order the form pages show them, which the error summary
        follows; fields the pages do not place come last, as declared."""
        def position(field: Field) -> int:
            if field.name.startswith("question-"):  # the organiser's own questions (web.questions)
                return PAGE_ORDER.index("privacy_consent")
            return PAGE_ORDER.index(field.name) if field.name in PAGE_ORDER else len(PAGE_ORDER)
        return sorted(self, key=position)

    def set_industries(self, choices_: Sequence[tuple[str, Any]]) -> None:
        self.industry.choices = choices([("", _l("Please choose")), *choices_])


class InterestFields(FlaskForm):
    themes = CheckboxListField(
        _l("Themes that interest you"),
        choices=choices([(code, THEME_LABELS[code]) for code in THEMES]),
        validators=[Optional()],
        invalid_choice_message=NOT_AN_OPTION,
    )
    keywords = TagListField(_l("Keywords"), [TERMS_ONLY],
                            description=_l("Up to 10 terms, separated by commas."))
    offers = TagListField(_l("What I can offer"), [TERMS_ONLY],
                          description=_l("Up to 10 terms, separated by commas."))
    seeks = TagListField(_l("What I am looking for"), [TERMS_ONLY],
                         description=_l("Up to 10 terms, separated by commas."))


class MeetingFields(FlaskForm):
    wants_meetings = BooleanField(_l("I would like 1:1 meetings with other attendees"), default=True)
    unavailable_slots = CheckboxListField(
        _l("Meeting slots in which I am NOT available"), coerce=int, validators=[Optional()],
        invalid_choice_message=NOT_AN_OPTION, invalid_value_message=NOT_AN_OPTION,
    )
    max_meetings = WholeNumberField(
        _l("Maximum number of meetings (optional)"),
        validators=[Optional(), NumberRange(min=1, message=_l("Please enter a whole number of at least 1."))],
    )

    def set_slots(self, choices_: Sequence[tuple[int, str]]) -> None:
        self.unavailable_slots.choices = choices(choices_)

    def validate_max_meetings(self, field: WholeNumberField) -> None:
        slot_count = len(self.unavailable_slots.choices or [])
        if field.data is not None and field.data > slot_count:
            raise ValidationError(
                _l("There are only %(count)d meeting slots; please enter at most %(count)d.",
                   count=slot_count)
            )


class BotBarrier(FlaskForm):
    """A honeypot field people never fill in (hidden from sight and from screen readers)
    and a signed time stamp: a form sent back faster than ``BOT_MIN_FILL_SECONDS`` after
    it was shown is refused with a message, and a person can simply send it again."""

    website = StringField(_l("Leave this field empty"))
    started = HiddenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if form_age(self.started.data) is None:
            self.started.data = form_stamp()

    def caught_in_honeypot(self) -> bool:
        return self.is_submitted() and bool(self.website.data)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        minimum = current_app.config["BOT_MIN_FILL_SECONDS"]
        age = form_age(self.started.data)
        if valid and minimum and (age is None or age < minimum):
            self.started.data = form_stamp()
            self.form_errors.append(_l("That was quicker than a person can fill in the form. "
                                       "Please check your entries and send the form again."))
            return False
        return valid


class SignUpForm(PersonFields, InterestFields, MeetingFields, BotBarrier):
    email = EmailField(
        _l("E-mail address"),
        [
            InputRequired(_l("Please enter your e-mail address.")),
            Length(max=254, message=_l("Please use at most %(max)d characters.")),
            Email(_l("Please enter a valid e-mail address, like name@example.org.")),
        ],
        filters=[clean_email],
        render_kw={"autocomplete": "email"},
    )
    privacy_consent = BooleanField(
        _l("I have read the privacy notice and agree that my data is processed for this event."),
        validators=[DataRequired(_l("Please agree to the privacy notice to sign up."))],
    )
    matching_consent = BooleanField(
        _l("Show my profile to other attendees and suggest me for meetings (optional).")
    )
    # The programme's sessions, chosen right after the sign-up (``choices.choose_at_sign_up``).
    sessions = CheckboxListField(
        _l("Sessions I want to attend (optional)"), coerce=int, validators=[Optional()],
        invalid_choice_message=NOT_AN_OPTION, invalid_value_message=NOT_AN_OPTION,
    )

    def set_sessions(self, choices_: Sequence[tuple[int, str]],
                     spans: dict[int, tuple[datetime, datetime]]) -> None:
        self.sessions.choices = choices(choices_)
        self.session_spans = spans

    def validate_sessions(self, field: CheckboxListField) -> None:
        chosen = sorted(self.session_spans[number] for number in field.data or ()
                        if number in self.session_spans)
        if any(later[0] < earlier[1] for earlier, later in zip(chosen, chosen[1:], strict=False)):
            raise ValidationError(_l("Two of the sessions you ticked overlap; please choose one of them."))


class ConfirmForm(FlaskForm):
    """Cancelling and erasing: just a button, protected against cross-site requests."""


class LinkRequestForm(FlaskForm):
    """"Send me my link again"."""

    email = SignUpForm.email
