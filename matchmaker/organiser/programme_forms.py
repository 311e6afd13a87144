"""The programme page's forms: one session, and the programme file."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..exchange.programme_file import MAX_DESCRIPTION, MAX_ROOM, MAX_TITLE, SessionRow, parse_time
from ..labels import SESSION_KIND_LABELS, THEME_LABELS
from ..web.forms import CheckboxListField, WholeNumberField, choices

TIME_HINT = _l("HH:MM on the event's day, e.g. 10:30")


class SessionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Please enter a title.")),
                                                 Length(max=MAX_TITLE)])
    kind = SelectField(_l("Type"), choices=choices(list(SESSION_KIND_LABELS.items())))
    start = StringField(_l("Start"), description=TIME_HINT,
                        validators=[DataRequired(_l("Please enter the start."))])
    end = StringField(_l("End"), description=TIME_HINT,
                      validators=[DataRequired(_l("Please enter the end."))])
    room = StringField(_l("Room"), validators=[Optional(), Length(max=MAX_ROOM)])
    capacity = WholeNumberField(_l("Seats"), description=_l("Empty: no limit."),
                                validators=[Optional(), NumberRange(min=0)])
    themes = CheckboxListField(_l("Themes"), choices=choices(list(THEME_LABELS.items())))
    description = TextAreaField(_l("Short description"),
                                validators=[Optional(), Length(max=MAX_DESCRIPTION)])

    def __init__(self, *args: object, day: date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.day = day

    def validate_start(self, field: StringField) -> None:
        self.moment(field)

    def validate_end(self, field: StringField) -> None:
        self.moment(field)

    def moment(self, field: StringField) -> datetime:
        moment = parse_time(field.data or "", self.day)
        if moment is None:
            raise ValidationError(_l("Please enter a time as HH:MM."))
        return moment

    def session_row(self) -> SessionRow:
        return SessionRow(
            title=(self.title.data or "").strip(), kind=self.kind.data or "talk",
            starts_at=self.moment(self.start), ends_at=self.moment(self.end),
            room=(self.room.data or "").strip(), capacity=self.capacity.data,
            themes=tuple(self.themes.data or ()), description=(self.description.data or "").strip())


class ProgrammeUploadForm(FlaskForm):
    file = FileField(_l("Programme file (CSV or Excel .xlsx)"), description=_l(
        "Columns title, type, start, end, room, capacity, themes, description; start and end "
        "as HH:MM on the event's day or as YYYY-MM-DDTHH:MM. Sessions whose title the programme "
        "has already are updated."), validators=[FileRequired(_l("Please choose a file."))])
