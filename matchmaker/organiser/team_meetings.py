"""Team meetings on the grid's meeting page: add a colleague to a meeting, or remove one;
and in the settings, how many people each table seats.

A refused addition (busy, table too small, ...) comes back as a message naming the conflict.
"""

from flask import abort, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..services.events.table_seats import seats_text, set_table_seats
from ..services.schedule import team_meetings
from ..services.schedule.report import meeting_detail
from ..services.schedule.team_meetings import TeamPanel
from ..web.forms import choices
from ..web.outcome import carry_out
from . import bp
from .forms import ColleagueForm, ConfirmForm, TableSeatsForm


def colleague_form(panel: TeamPanel, page: str | None) -> ColleagueForm:
    form = ColleagueForm(page=page or "1")
    form.colleague.choices = choices([(person_id, _("%(name)s, beside %(beside)s", name=name, beside=beside))
                                      for person_id, name, beside in panel.choices])
    return form


@bp.post("/<slug>/schedule/meetings/<int:meeting_id>/colleagues")
def add_colleague(meeting_id: int) -> BaseResponse:
    if meeting_detail(g.event, meeting_id) is None:
        abort(404)
    form = colleague_form(team_meetings.team_panel(g.event, meeting_id), None)
    if form.validate_on_submit():
        carry_out(lambda: team_meetings.bring_colleague(g.event, meeting_id, form.colleague.data,
                                                        actor=current_user.email),
                  _("The colleague joins the meeting; it is locked."))
    return redirect(url_for("organiser.schedule_meeting", meeting_id=meeting_id, page=form.page.data))


@bp.post("/<slug>/schedule/meetings/<int:meeting_id>/colleagues/<int:colleague_id>/remove")
def remove_colleague(meeting_id: int, colleague_id: int) -> BaseResponse:
    form = ConfirmForm()
    if form.validate_on_submit():
        carry_out(lambda: team_meetings.take_back_colleague(g.event, meeting_id, colleague_id,
                                                            actor=current_user.email),
                  _("The colleague no longer joins the meeting."))
    return redirect(url_for("organiser.schedule_meeting", meeting_id=meeting_id, page=form.page.data))


@bp.route("/<slug>/settings/table-seats", methods=["GET", "POST"])
def table_seats() -> str | BaseResponse | tuple[str, int]:
    form = TableSeatsForm(data={"seats": seats_text(g.event)})
    if form.validate_on_submit():
        if carry_out(lambda: set_table_seats(g.event, form.seats.data or "", actor=current_user.email),
                     _("The seats per table are saved.")):
            return redirect(url_for("organiser.table_seats"))
        return render_template("organiser/table_seats.html", form=form), 422
    return render_template("organiser/table_seats.html", form=form)
