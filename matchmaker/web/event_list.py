"""The search and filters of the list of events, shared by the start page and the
dashboard: a GET form (bookmarkable, no CSRF) and its values as the service's filter."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional, Regexp

from ..labels import THEME_LABELS
from ..services.events.listing import EventFilter
from .forms import WholeNumberField, choices, strip_text

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class EventFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search title or venue"), filters=[strip_text],
                    validators=[Optional(), Length(max=200)])
    when = SelectField(_l("Date"), validate_choice=False)
    month = StringField(_l("Month"), validators=[Optional(), Regexp(MONTH_PATTERN)],
                        render_kw={"type": "month", "placeholder": "2027-06"})
    venue = SelectField(_l("Venue"), validate_choice=False)
    theme = SelectField(_l("Theme"), validate_choice=False)
    page = WholeNumberField(_l("Page"), validators=[Optional()])

    def set_choices(self, venues: list[str], any_date: Any) -> None:
        any_ = [("", _l("all"))]
        self.when.choices = choices([("", any_date), ("upcoming", _l("upcoming")),
                                     ("past", _l("past"))])
        self.venue.choices = choices(any_ + [(venue, venue) for venue in venues])
        self.theme.choices = choices(any_ + list(THEME_LABELS.items()))


def event_filter_form(args: MultiDict, venues: list[str], any_date: Any) -> EventFilterForm:
    form = EventFilterForm(formdata=args)
    form.set_choices(venues, any_date)
    form.validate()
    return form


def event_filter(form: EventFilterForm) -> EventFilter:
    """The form's values as the service's filter; anything unknown filters nothing."""
    def choice(field: Any) -> str:
        return field.data if field.data in {option.value for option in field.choices} else ""

    return EventFilter(
        search=(form.q.data or "")[:200], when=choice(form.when),
        month="" if form.month.errors else (form.month.data or ""),
        venue=choice(form.venue), theme=choice(form.theme),
        page=1 if form.page.errors else (form.page.data or 1),
    )
