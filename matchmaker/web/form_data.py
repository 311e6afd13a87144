"""Between an attendee's columns and a form: the current values as form data, and the
submitted form as the details dataclass a service takes (``services.attendees.self_service``).
Used by the attendee's own pages and by the organiser's attendee editor."""

from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar, get_origin

from flask_wtf import FlaskForm

from ..models import Attendee

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Details = TypeVar("Details", bound="DataclassInstance")

# Where a form field is named differently from the attendee's column.
FIELD_FOR_COLUMN = {"industry_code": "industry"}


def form_data(attendee: Attendee, details: type) -> dict[str, Any]:
    """The attendee's current values for the fields of a details dataclass."""
    return {FIELD_FOR_COLUMN.get(f.name, f.name): getattr(attendee, f.name) for f in fields(details)}


def details_from(form: FlaskForm, details: type[Details]) -> Details:
    """The submitted values as a details dataclass (``services.attendees.self_service``)."""
    values = {f.name: form[FIELD_FOR_COLUMN.get(f.name, f.name)].data for f in fields(details)}
    for f in fields(details):  # no checkbox ticked: an empty list, not None
        if values[f.name] is None and get_origin(f.type) is list:
            values[f.name] = []
    return details(**values)
