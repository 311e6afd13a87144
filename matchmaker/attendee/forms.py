"""The attendee's forms: the sign-up form's field groups reused, requests and filters."""

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

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
    favourites = BooleanField(_l("Only people I marked as interesting"))

    def set_choices(self, industries: Sequence[tuple[str, str]], clusters: Sequence[str]) -> None:
        self.industry.choices = choices([("", _l("All")), *industries])
        self.cluster.choices = choices([("", _l("All")), *((c, c) for c in clusters)])


class MetByBadgeForm(FlaskForm):
    """"We met" by the partner's badge: the camera types the code here, or the attendee does."""

    badge_code = StringField(
        _l("Badge code of the person you met"), filters=[strip_text],
        validators=[DataRequired(_l("Please scan or type the badge code of the person you met.")),
                    Length(max=100)],
        description=_l("Eight characters, printed on the badge beside the QR code."))


class FavouriteForm(FlaskForm):
    """The hidden fields of a favourite button: mark ("1") or unmark, and the page to return to."""

    favourite = HiddenField()
    back = HiddenField()


class NotInterestedForm(FlaskForm):
    """The hidden fields of a "not interested" button: mark ("1") or take back, and the page to return to."""

    not_interested = HiddenField()
    back = HiddenField()


class MoveForm(FlaskForm):
    """Propose another time for a meeting: the choices are the slots both have free."""

    slot = SelectField(_l("New time"), coerce=int, validate_choice=True)


class GiveBackForm(FlaskForm):
    note = TextAreaField(
        _l("A note to your partner (optional)"), filters=[strip_text, none_if_empty],
        validators=[Optional(), Length(max=500, message=_l("Please write at most 500 characters."))],
        description=_l("Your partner reads it on their page, in up to 500 characters."),
    )


class SwitchForm(FlaskForm):
    """A setting switched by one button: ``on`` is "1" to switch it on, else off."""

    on = HiddenField()


class BringColleagueForm(FlaskForm):
    """A colleague who joins the attendee's meeting: the choices are those free then."""

    colleague = SelectField(_l("Colleague"), coerce=int, validate_choice=True)
