"""The attendee's forms: the sign-up form's field groups reused, requests and filters."""

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from ..labels import ORG_TYPE_LABELS, THEME_LABELS
from ..web.forms import (
    NOT_AN_OPTION,
    CheckboxListField,
    MeetingFields,
    SignUpForm,
    choices,
    none_if_empty,
    strip_text,
)


class MeetingsForm(MeetingFields):
    matching_consent = SignUpForm.matching_consent


class RequestForm(FlaskForm):
    message = TextAreaField(
        _l("A short message (optional)"), filters=[strip_text, none_if_empty],
        validators=[Optional(), Length(max=500, message=_l("Please write at most 500 characters."))],
        description=_l("Say why you would like to meet, in up to 500 characters. Your e-mail "
                       "address is not passed on."),
    )
    slots = CheckboxListField(
        _l("Propose up to three times (optional)"), coerce=int, validators=[Optional()],
        validate_choice=False, invalid_value_message=NOT_AN_OPTION,  # the service checks the slots
        description=_l("Only times you both have free and a table is free are shown. The other "
                       "person accepts one of them; without a proposal, the earliest free time is booked."),
    )

    def set_slots(self, choices_: Sequence[tuple[int, str]]) -> None:
        self.slots.choices = choices(choices_)


class ParticipantFilterForm(FlaskForm):
    """The filters of the participant list: a GET form, bookmarkable, no CSRF token."""

    class Meta:
        csrf = False

    org_type = SelectField(_l("Type of organisation"), validate_choice=False,
                           choices=choices([("", _l("All")), *ORG_TYPE_LABELS.items()]))
    industry = SelectField(_l("Industry or technology field"), validate_choice=False)
    theme = SelectField(_l("Theme"), validate_choice=False,
                        choices=choices([("", _l("All")), *THEME_LABELS.items()]))
    cluster = SelectField(_l("Cluster"), validate_choice=False)
    keyword = StringField(_l("Keyword or name"), filters=[strip_text],
                          validators=[Optional(), Length(max=100)])

    def set_choices(self, industries: Sequence[tuple[str, str]], clusters: Sequence[str]) -> None:
        self.industry.choices = choices([("", _l("All")), *industries])
        self.cluster.choices = choices([("", _l("All")), *((c, c) for c in clusters)])
