"""The dashboard's forms."""

from dataclasses import fields as dataclass_fields
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.core import UnboundField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from ..formatting import slot_label
from ..labels import EVENT_ROLE_LABELS, ORG_TYPE_LABELS, STATUS_LABELS, THEME_LABELS, WEIGHT_LABELS
from ..matching import Weights
from ..models import EventRole
from ..services.events.events import SLUG_PATTERN
from ..services.events.settings import parse_blocks
from ..services.schedule.matching_settings import WEIGHT_RANGE
from ..text import normalise_email
from ..web.forms import (
    CheckboxListField,
    InterestFields,
    MeetingFields,
    PersonFields,
    SignUpForm,
    WholeNumberField,
    choices,
    strip_text,
)

NO_COPY = ""
WEIGHT_NAMES = tuple(field.name for field in dataclass_fields(Weights))


class NewEventForm(FlaskForm):
    """A new event, optionally with the settings of an existing one."""

    title = StringField(_l("Title"), filters=[strip_text],
                        validators=[DataRequired(_l("Please enter the title.")), Length(max=200)])
    slug = StringField(
        _l("Short name in the web address"), filters=[strip_text],
        description=_l("Lower-case letters, digits and hyphens, e.g. jahrestagung-2027. "
                       "Left empty, it is made from the title."),
        validators=[Optional(), Length(max=80),
                    Regexp(SLUG_PATTERN, message=_l("Use only lower-case letters, digits and hyphens."))],
    )
    starts_on = DateField(_l("Date"), validators=[DataRequired(_l("Please enter the date as YYYY-MM-DD."))])
    venue = StringField(_l("Venue"), filters=[strip_text],
                        validators=[DataRequired(_l("Please enter the venue.")), Length(max=300)])
    theme = SelectField(_l("Theme"), validate_choice=True, default="",
                        description=_l("For the list of events' filter."),
                        choices=choices([("", _l("none"))] + list(THEME_LABELS.items())))
    copy_from = SelectField(_l("Copy the settings of"), validate_choice=True,
                            description=_l("Capacity, meeting slots and tables; no attendees."))
    capacity = WholeNumberField(_l("Seats"), default=200, validators=[
        Optional(), NumberRange(min=0, max=100_000, message=_l("Between 0 and 100,000, please."))])
    tables = WholeNumberField(_l("Meeting tables"), default=60, validators=[
        Optional(), NumberRange(min=0, max=2_000, message=_l("Between 0 and 2,000, please."))])

    def set_sources(self, events: list[Any]) -> None:
        self.copy_from.choices = choices([(NO_COPY, _l("nothing: standard settings"))] + [
            (event.slug, event.title) for event in events])


YES_NO_ANY = [("", _l("all")), ("yes", _l("yes")), ("no", _l("no"))]
SORTS = [("number", _l("number")), ("name", _l("last name")),
         ("organisation", _l("organisation")), ("signed_up", _l("newest sign-ups first"))]


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
    wants_meetings = SelectField(_l("Wants meetings"), choices=choices(YES_NO_ANY),
                                 validate_choice=False)
    confirmed = SelectField(_l("E-mail confirmed"), choices=choices(YES_NO_ANY),
                            validate_choice=False)
    sort = SelectField(_l("Sort by"), validate_choice=False, choices=choices(SORTS))
    page = WholeNumberField(_l("Page"), validators=[Optional()])

    def set_choices(self, industries: list[tuple[str, str]], clusters: list[str]) -> None:
        any_ = [("", _l("all"))]
        self.status.choices = choices(any_ + list(STATUS_LABELS.items()))
        self.org_type.choices = choices(any_ + list(ORG_TYPE_LABELS.items()))
        self.industry.choices = choices(any_ + industries)
        self.theme.choices = choices(any_ + list(THEME_LABELS.items()))
        self.cluster.choices = choices(any_ + [(cluster, cluster) for cluster in clusters])


class SelectionForm(FlaskForm):
    """Attendees ticked in the list, and what to do with them."""

    selected = SelectMultipleField(coerce=int, validate_choice=False)
    # Ticked: every attendee the list's filter selects, on all pages (its label, with the
    # count, is written by the template).
    all_matching = BooleanField()
    action = SelectField(_l("With the selected attendees"), validate_choice=True, choices=choices([
        ("confirm", _l("confirm the e-mail address")), ("cancel", _l("cancel the registration")),
        ("message", _l("write an e-mail"))]))


class CancelSelectionForm(FlaskForm):
    """The confirmation of a bulk cancellation."""

    notify = BooleanField(_l("Tell each of them by e-mail, in their own language"), default=True)


class StatusForm(FlaskForm):
    action = SelectField(validate_choice=True, choices=choices(
        [(action, action) for action in ("confirm", "to_waiting_list", "from_waiting_list", "cancel")]))


class NotesForm(FlaskForm):
    organiser_notes = TextAreaField(_l("Internal notes (never shown to the attendee)"),
                                    validators=[Length(max=5000)])


class BlockForm(FlaskForm):
    """The other attendee of a pair that must never meet, chosen by name (no number needed)."""

    other = SelectField(_l("Attendee they must never meet"), validate_choice=True,
                        validators=[InputRequired(_l("Please choose an attendee."))],
                        description=_l("In phone-book order: type the first letters of the last name."))

    def set_people(self, people: list[Any]) -> None:
        self.other.choices = choices([("", _l("Please choose"))] + [
            (str(person.number), person_choice(person)) for person in people])


def person_choice(person: Any) -> str:
    """"Müller, Jürgen – Müller GmbH (No. 12)": last name first, as the list is ordered."""
    number = _l("No. %(number)d", number=person.number)
    return f"{person.last_name}, {person.first_name} – {person.organisation} ({number})"


class MessageForm(FlaskForm):
    subject = StringField(_l("Subject"), filters=[strip_text], validators=[
        DataRequired(_l("Please enter a subject.")), Length(max=200)])
    body = TextAreaField(_l("Message"), description=_l(
        "Plain text. Each recipient's mail starts with their name and ends with their "
        "personal link."), validators=[DataRequired(_l("Please write the message.")),
                                       Length(max=10_000)])
    confirmed = HiddenField()


def relabelled(field: UnboundField, label: Any) -> UnboundField:
    """The same field with another label (the sign-up form's own words are the attendee's)."""
    return field.field_class(label, *field.args[1:], **field.kwargs)


class AttendeeEditForm(PersonFields, InterestFields, MeetingFields):
    """Every field of a registration, as the organiser edits it: labels about the
    attendee in the third person, not in the attendee's own voice."""

    cluster = relabelled(PersonFields.cluster, _l("Cluster the attendee belongs to (optional)"))
    themes = relabelled(InterestFields.themes, _l("Themes that interest the attendee"))
    offers = relabelled(InterestFields.offers, _l("What the attendee can offer"))
    seeks = relabelled(InterestFields.seeks, _l("What the attendee is looking for"))
    wants_meetings = relabelled(MeetingFields.wants_meetings, _l("Would like 1:1 meetings with other attendees"))
    unavailable_slots = relabelled(MeetingFields.unavailable_slots,
                                   _l("Meeting slots in which the attendee is NOT available"))
    email = SignUpForm.email
    language = SelectField(_l("Language of mails and pages"),
                           choices=choices([("de", "Deutsch"), ("en", "English")]))
    organiser_notes = NotesForm.organiser_notes


class SettingsForm(FlaskForm):
    """The event's settings; times are the venue's local time."""

    title = NewEventForm.title
    starts_on = NewEventForm.starts_on
    venue = NewEventForm.venue
    theme = NewEventForm.theme
    capacity = WholeNumberField(_l("Seats"), validators=[
        InputRequired(_l("Please enter the number of seats.")),
        NumberRange(min=0, max=100_000, message=_l("Between 0 and 100,000, please."))])
    registration_opens = DateTimeLocalField(
        _l("Registration opens (optional)"), format="%Y-%m-%dT%H:%M", validators=[Optional()],
        description=_l("Empty: open now."))
    registration_closes = DateTimeLocalField(
        _l("Registration closes (optional)"), format="%Y-%m-%dT%H:%M", validators=[Optional()],
        description=_l("Empty: open until the day of the event."))
    blocks = StringField(
        _l("Meeting blocks"), filters=[strip_text],
        description=_l("Start and number of slots of each block, e.g. 10:30x5, 14:00x5."),
        validators=[DataRequired(_l("Please enter at least one block."))])
    meeting_minutes = WholeNumberField(_l("Length of a meeting in minutes"), validators=[
        DataRequired(_l("Please enter the length of a meeting.")),
        NumberRange(min=5, max=240, message=_l("Between 5 and 240 minutes, please."))])
    table_names = TextAreaField(
        _l("Tables"), description=_l("One table per line, in order; its name is printed on "
                                     "schedules and table signs (e.g. 1, 2, … or “Lounge A”)."),
        validators=[DataRequired(_l("Please name at least one table."))])
    booking_on_acceptance = BooleanField(
        _l("Booking on acceptance"),
        description=_l("Once the schedule is published, an accepted meeting request is booked at once "
                       "in a time both have free, at a free table. Off: it waits for the next run."))
    confirmed = HiddenField()

    def validate_blocks(self, field: StringField) -> None:
        try:
            self.parsed_blocks = parse_blocks(field.data)
        except ValueError as error:
            raise ValidationError(_l("Use START x SLOTS, separated by commas, e.g. "
                                     "10:30x5, 14:00x5 (1 to 40 slots a block).")) from error

    def validate_table_names(self, field: TextAreaField) -> None:
        names = [line.strip() for line in (field.data or "").splitlines() if line.strip()]
        if len(names) > 2000 or any(len(name) > 80 for name in names):
            raise ValidationError(_l("At most 2,000 tables, each name at most 80 characters."))
        if len(set(names)) != len(names):
            raise ValidationError(_l("Each table needs its own name."))
        self.parsed_tables = tuple(names)


class ImportUploadForm(FlaskForm):
    file = FileField(_l("Attendee file (CSV or Excel .xlsx)"), description=_l(
        "The columns of the documented attendee CSV; German Excel files (semicolons, "
        "Windows-1252) and German column names are fine."),
        validators=[FileRequired(_l("Please choose a file."))])


class ImportConfirmForm(FlaskForm):
    upload = HiddenField()
    filename = HiddenField()
    addresses_checked = BooleanField(
        _l("We have checked these e-mail addresses: count them as confirmed"),
        description=_l("Only if you know every address works (for example, from your own "
                       "member list). Otherwise each person must open the link in their "
                       "welcome mail before they can be matched."))


class NewIndustryForm(FlaskForm):
    code = StringField(_l("Code (for files)"), filters=[strip_text],
                       description=_l("Lower-case letters, digits and _, e.g. quantum_tech."),
                       validators=[DataRequired(_l("Please enter a code.")), Length(max=60)])
    name_de = StringField(_l("German name"), filters=[strip_text],
                          validators=[DataRequired(_l("Please enter the German name.")), Length(max=120)])
    name_en = StringField(_l("English name"), filters=[strip_text],
                          validators=[DataRequired(_l("Please enter the English name.")), Length(max=120)])


class MoveMeetingForm(FlaskForm):
    """Where a meeting goes: a slot (by number) and a table (by number)."""

    slot = SelectField(_l("Slot"), coerce=int, validate_choice=True)
    table = WholeNumberField(_l("Table number"), validators=[
        DataRequired(_l("Please enter the table number.")),
        NumberRange(min=1, message=_l("Please enter a table number from 1."))])
    page = HiddenField(default="1")

    def set_slots(self, slots: list[Any]) -> None:
        self.slot.choices = choices([(slot.number, f"{slot.number}: {slot_label(slot)}")
                                     for slot in slots])


class AddMeetingForm(MoveMeetingForm):
    """A meeting placed by hand: two matchable attendees, a slot and a table."""

    first = SelectField(_l("First attendee"), coerce=int, validate_choice=True)
    second = SelectField(_l("Second attendee"), coerce=int, validate_choice=True)

    def set_attendees(self, attendees: list[Any]) -> None:
        people = choices([(a.id, f"{a.last_name}, {a.first_name} ({a.organisation})")
                          for a in attendees])
        self.first.choices = self.second.choices = people


class LockForm(FlaskForm):
    locked = HiddenField()
    page = HiddenField(default="1")


class ConfirmForm(FlaskForm):
    """A confirmation step (cancel a meeting, publish): only the CSRF token."""

    page = HiddenField(default="1")


class ReplanForm(FlaskForm):
    """Re-plan the day from a slot (asked on a confirmation page first)."""

    from_slot = SelectField(_l("Re-plan from slot"), coerce=int, validate_choice=True)

    def set_slots(self, slots: list[Any]) -> None:
        self.from_slot.choices = [(slot.number, slot_label(slot)) for slot in slots]


class RunForm(FlaskForm):
    """Start the matchmaking, with the event's policy (saved for later runs)."""

    policy = SelectField(_l("What counts first"), validate_choice=True, choices=choices([
        ("balanced", _l("balanced: everybody gets their fair share of meetings first")),
        ("total", _l("best total: the highest total score, even if shared unevenly"))]))
    without_unconfirmed = BooleanField(_l("Start without the attendees whose address is unconfirmed"))


class PrintSchedulesForm(FlaskForm):
    changed_since = DateTimeLocalField(
        _l("Only schedules changed since (optional)"), format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        description=_l("The time of your last print, in the venue's time; empty: everybody."))


class TeamInviteForm(FlaskForm):
    email = EmailField(
        _l("E-mail address of the organiser"),
        [InputRequired(_l("Please enter an e-mail address.")),
         Email(_l("Please enter a valid e-mail address, e.g. name@example.org."))],
        filters=[normalise_email], render_kw={"autocomplete": "off"},
        description=_l("An existing account gets access at once; a new address gets an "
                       "invitation by e-mail."))
    role = SelectField(_l("Role"), choices=choices(list(EVENT_ROLE_LABELS.items())),
                       default=EventRole.ORGANISER.value)


class TeamRoleForm(FlaskForm):
    """Another role for one member of the team (one small form per member)."""

    email = HiddenField(validators=[InputRequired()], filters=[normalise_email])
    role = SelectField(_l("Role"), choices=choices(list(EVENT_ROLE_LABELS.items())))


def weights_form_class() -> type[FlaskForm]:
    """A form with one whole-number field per weight of the engine, in its order."""
    low, high = WEIGHT_RANGE
    fields = {
        name: WholeNumberField(WEIGHT_LABELS.get(name, name), validators=[
            InputRequired(_l("Please enter a whole number.")),
            NumberRange(min=low, max=high, message=_l("Between %(low)d and %(high)d, please.",
                                                      low=low, high=high))])
        for name in WEIGHT_NAMES
    }
    fields["compact_days"] = BooleanField(
        _l("Compact days"),
        description=_l("After planning, meetings move to other slots so that attendees wait as "
                       "few slots as possible between their first and last meeting. The pairs, "
                       "the points and the fair share stay the same."))
    fields["synonyms"] = TextAreaField(
        _l("Synonyms of interest tags"),
        description=_l("One group per line, e.g. KI = Künstliche Intelligenz = AI; lines "
                       "starting with # are comments. Tags of one group match each other."))
    return type("MatchmakingSettingsForm", (FlaskForm,), fields)


class CheckInForm(FlaskForm):
    """The check-in desk's one field: a scanner types the badge code and Enter."""

    q = StringField(_l("Badge code, registration number or name"), filters=[strip_text],
                    validators=[DataRequired(_l("Please scan a badge or type a code, number or name."))])


class FeedbackBonusForm(FlaskForm):
    """The earlier event whose valuable pairings give a small bonus (0: none); the view sets the choices."""

    source = SelectField(
        _l("Last time's feedback"), coerce=int, validate_choice=True,
        description=_l("Pairs of industries and of organisation types whose meetings were mostly "
                       "rated valuable at the chosen event get a few points more, with a reason "
                       "the attendees read. Only while that event's data is kept: the deletion "
                       "after the retention period removes its feedback too."))


class OfferTimeForm(FlaskForm):
    """How long a freed slot offered to an attendee waits for their answer."""

    offer_minutes = WholeNumberField(
        _l("An offered free slot waits (minutes)"),
        description=_l("When a meeting is cancelled, its slot is offered to one person after the "
                       "other; each has this long to accept."),
        validators=[InputRequired(_l("Please enter the number of minutes.")),
                    NumberRange(min=1, max=1440, message=_l("Between 1 and 1,440 minutes, please."))])


class ApiTokenForm(FlaskForm):
    name = StringField(_l("Name of the token"), filters=[strip_text],
                       description=_l("What it is for, e.g. CRM. The token itself is shown once."),
                       validators=[DataRequired(_l("Please give the token a name.")), Length(max=80)])


WEBHOOK_KIND_LABELS = {
    "registration.created": _l("New registration"),
    "registration.cancelled": _l("Registration cancelled"),
    "registration.promoted": _l("Seat given from the waiting list"),
    "schedule.published": _l("Schedule published"),
    "attendee.checked_in": _l("Checked in at the desk"),
}


class WebhookForm(FlaskForm):
    url = StringField(_l("Address (https://…)"), filters=[strip_text],
                      validators=[DataRequired(_l("Please enter the address.")), Length(max=500)])
    kinds = CheckboxListField(_l("Tell it about"), choices=choices(list(WEBHOOK_KIND_LABELS.items())),
                              validators=[DataRequired(_l("Please choose at least one."))])


class ColleagueForm(FlaskForm):
    """A colleague who joins a meeting (a team meeting), chosen among those who may."""

    colleague = SelectField(_l("Colleague"), coerce=int, validate_choice=True)
    page = HiddenField(default="1")


class TableSeatsForm(FlaskForm):
    """The tables that seat other than four people, one ``number: seats`` per line."""

    seats = TextAreaField(_l("Tables with other than 4 seats"), description=_l(
        "One table per line: its number, a colon, how many people it seats (e.g. “12: 6”). "
        "Every other table seats 4."), validators=[Length(max=5000)])
