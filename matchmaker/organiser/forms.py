"""The dashboard's forms."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from ..labels import ORG_TYPE_LABELS, STATUS_LABELS, THEME_LABELS
from ..public.forms import (
    InterestFields,
    MeetingFields,
    PersonFields,
    SignUpForm,
    WholeNumberField,
    strip_text,
)
from ..services.events import SLUG_PATTERN

NO_COPY = ""


class NewEventForm(FlaskForm):
    """A new event, optionally with the settings of an existing one."""

    title = StringField(_l("Title"), filters=[strip_text],
                        validators=[DataRequired(_l("Please enter the title.")), Length(max=200)])
    slug = StringField(
        _l("Short name in the web address"), filters=[strip_text],
        description=_l("Lower-case letters, digits and hyphens, e.g. jahrestagung-2027."),
        validators=[DataRequired(_l("Please enter a short name.")), Length(max=80),
                    Regexp(SLUG_PATTERN, message=_l("Use only lower-case letters, digits and hyphens."))],
    )
    starts_on = DateField(_l("Date"), validators=[DataRequired(_l("Please enter the date as YYYY-MM-DD."))])
    venue = StringField(_l("Venue"), filters=[strip_text],
                        validators=[DataRequired(_l("Please enter the venue.")), Length(max=300)])
    copy_from = SelectField(_l("Copy the settings of"), validate_choice=True,
                            description=_l("Capacity, meeting slots and tables; no attendees."))
    capacity = WholeNumberField(_l("Seats"), default=200, validators=[
        Optional(), NumberRange(min=0, max=100_000, message=_l("Between 0 and 100,000, please."))])
    tables = WholeNumberField(_l("Meeting tables"), default=60, validators=[
        Optional(), NumberRange(min=0, max=2_000, message=_l("Between 0 and 2,000, please."))])

    def set_sources(self, events: list[Any]) -> None:
        self.copy_from.choices = [(NO_COPY, _l("nothing: standard settings"))] + [
            (event.slug, event.title) for event in events]


YES_NO_ANY = [("", _l("all")), ("yes", _l("yes")), ("no", _l("no"))]


class AttendeeFilterForm(FlaskForm):
    """The list's search and filters, sent as a GET query (bookmarkable, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search name, e-mail or organisation"), filters=[strip_text],
                    validators=[Optional(), Length(max=200)])
    status = SelectField(_l("Status"), validate_choice=False)
    org_type = SelectField(_l("Type of organisation"), validate_choice=False)
    industry = SelectField(_l("Industry"), validate_choice=False)
    theme = SelectField(_l("Theme"), validate_choice=False)
    cluster = SelectField(_l("Cluster"), validate_choice=False)
    wants_meetings = SelectField(_l("Wants meetings"), choices=YES_NO_ANY, validate_choice=False)
    confirmed = SelectField(_l("E-mail confirmed"), choices=YES_NO_ANY, validate_choice=False)
    sort = SelectField(_l("Sort by"), validate_choice=False, choices=[
        ("number", _l("number")), ("name", _l("last name")),
        ("organisation", _l("organisation")), ("signed_up", _l("newest sign-ups first"))])
    page = WholeNumberField(_l("Page"), validators=[Optional()])

    def set_choices(self, industries: list[tuple[str, str]], clusters: list[str]) -> None:
        any_ = [("", _l("all"))]
        self.status.choices = any_ + list(STATUS_LABELS.items())
        self.org_type.choices = any_ + list(ORG_TYPE_LABELS.items())
        self.industry.choices = any_ + industries
        self.theme.choices = any_ + list(THEME_LABELS.items())
        self.cluster.choices = any_ + [(cluster, cluster) for cluster in clusters]


class SelectionForm(FlaskForm):
    """Attendees ticked in the list, and what to do with them."""

    selected = SelectMultipleField(coerce=int, validate_choice=False)
    action = SelectField(_l("With the selected attendees"), validate_choice=True, choices=[
        ("confirm", _l("confirm the e-mail address")), ("cancel", _l("cancel the registration")),
        ("message", _l("write an e-mail"))])


class StatusForm(FlaskForm):
    action = SelectField(validate_choice=True, choices=[
        ("confirm", ""), ("to_waiting_list", ""), ("from_waiting_list", ""), ("cancel", "")])


class NotesForm(FlaskForm):
    organiser_notes = TextAreaField(_l("Internal notes (never shown to the attendee)"),
                                    validators=[Length(max=5000)])


class BlockForm(FlaskForm):
    other = WholeNumberField(_l("Registration number of the attendee they must never meet"),
                             validators=[DataRequired(_l("Please enter a registration number."))])


class MessageForm(FlaskForm):
    subject = StringField(_l("Subject"), filters=[strip_text], validators=[
        DataRequired(_l("Please enter a subject.")), Length(max=200)])
    body = TextAreaField(_l("Message"), description=_l(
        "Plain text. Each recipient's mail starts with their name and ends with their "
        "personal link."), validators=[DataRequired(_l("Please write the message.")),
                                       Length(max=10_000)])
    confirmed = HiddenField()


class AttendeeEditForm(PersonFields, InterestFields, MeetingFields):
    """Every field of a registration, as the organiser edits it."""

    email = SignUpForm.email
    language = SelectField(_l("Language of mails and pages"),
                           choices=[("de", "Deutsch"), ("en", "English")])
    organiser_notes = NotesForm.organiser_notes
