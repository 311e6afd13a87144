"""The attendee's edit forms: the sign-up form's field groups, reused."""

from dataclasses import fields
from typing import Any, TypeVar, get_origin

from flask_wtf import FlaskForm

from ..models import Attendee
from ..public.forms import MeetingFields, SignUpForm

Details = TypeVar("Details")

# Where a form field is named differently from the attendee's column.
FIELD_FOR_COLUMN = {"industry_code": "industry"}


class MeetingsForm(MeetingFields):
    matching_consent = SignUpForm.matching_consent


class ConfirmForm(FlaskForm):
    """Cancelling and erasing: just a button, protected against cross-site requests."""


def form_data(attendee: Attendee, details: type) -> dict[str, Any]:
    """The attendee's current values for the fields of a details dataclass."""
    return {FIELD_FOR_COLUMN.get(f.name, f.name): getattr(attendee, f.name) for f in fields(details)}


def details_from(form: FlaskForm, details: type[Details]) -> Details:
    """The submitted values as a details dataclass (``services.self_service``)."""
    values = {f.name: form[FIELD_FOR_COLUMN.get(f.name, f.name)].data for f in fields(details)}
    for f in fields(details):  # no checkbox ticked: an empty list, not None
        if values[f.name] is None and get_origin(f.type) is list:
            values[f.name] = []
    return details(**values)
