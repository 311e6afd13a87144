"""The table layout of a round-table session."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..models import RoundTableLayout
from ..services.programme.round_tables import MAX_ROUNDS, MAX_SEATS, MAX_TABLES, LayoutValues
from ..web.forms import WholeNumberField


class LayoutForm(FlaskForm):
    tables = WholeNumberField(_l("Tables"), validators=[
        InputRequired(_l("Please enter a number.")), NumberRange(min=1, max=MAX_TABLES)])
    seats = WholeNumberField(_l("Seats per table"), validators=[
        InputRequired(_l("Please enter a number.")), NumberRange(min=1, max=MAX_SEATS)])
    rounds = WholeNumberField(_l("Rounds"), validators=[
        InputRequired(_l("Please enter a number.")), NumberRange(min=1, max=MAX_ROUNDS)])
    topics = TextAreaField(_l("Topic per table"), description=_l(
        "One line per table, keywords separated by commas. An empty line: the session's themes."),
        validators=[Optional(), Length(max=5000)])

    @staticmethod
    def values_of(layout: RoundTableLayout) -> object:
        return type("LayoutValues", (), {"tables": layout.tables, "seats": layout.seats,
                                          "rounds": layout.rounds, "topics": "\n".join(layout.topics)})()

    def values(self) -> LayoutValues:
        lines = (self.topics.data or "").splitlines()
        return LayoutValues(self.tables.data, self.seats.data, self.rounds.data,
                            tuple(line.strip() for line in lines))
