"""The dashboard's forms."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from ..formatting import slot_label
from ..public.forms import WholeNumberField, strip_text
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


class MoveMeetingForm(FlaskForm):
    """Where a meeting goes: a slot (by number) and a table (by number)."""

    slot = SelectField(_l("Slot"), coerce=int, validate_choice=True)
    table = WholeNumberField(_l("Table number"), validators=[
        DataRequired(_l("Please enter the table number.")),
        NumberRange(min=1, message=_l("Please enter a table number from 1."))])
    page = HiddenField(default="1")

    def set_slots(self, slots: list[Any]) -> None:
        self.slot.choices = [(slot.number, f"{slot.number}: {slot_label(slot)}") for slot in slots]


class AddMeetingForm(MoveMeetingForm):
    """A meeting placed by hand: two matchable attendees, a slot and a table."""

    first = SelectField(_l("First attendee"), coerce=int, validate_choice=True)
    second = SelectField(_l("Second attendee"), coerce=int, validate_choice=True)

    def set_attendees(self, attendees: list[Any]) -> None:
        choices = [(a.id, f"{a.last_name}, {a.first_name} ({a.organisation})") for a in attendees]
        self.first.choices = self.second.choices = choices


class LockForm(FlaskForm):
    locked = HiddenField()
    page = HiddenField(default="1")


class ConfirmForm(FlaskForm):
    """A confirmation step (cancel a meeting, publish): only the CSRF token."""

    page = HiddenField(default="1")
