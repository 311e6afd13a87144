"""An attendee brings colleagues of their organisation to a published meeting of theirs
(a team meeting), or takes one back. The page offers only colleagues free in that slot."""

from flask import g, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from ..services.schedule import team_meetings
from ..services.schedule.free_slots import actor_of
from ..web.forms import ConfirmForm, choices
from ..web.outcome import carry_out
from . import bp
from .bookings import meeting_row
from .forms import BringColleagueForm
from .routes import page


@bp.route("/<token>/my-meetings/<int:meeting_id>/colleagues", methods=["GET", "POST"])
def meeting_colleagues(meeting_id: int) -> str | BaseResponse:
    meeting = meeting_row(meeting_id)
    panel = team_meetings.team_panel(g.attendee.event, meeting_id, beside=g.attendee)
    form = BringColleagueForm()
    form.colleague.choices = choices([(person_id, name) for person_id, name, _beside in panel.choices])
    if form.validate_on_submit():
        carry_out(lambda: team_meetings.bring_colleague(g.attendee.event, meeting_id, form.colleague.data,
                                                        actor=actor_of(g.attendee), by=g.attendee),
                  _("Your colleague joins the meeting; it is in their schedule too."))
        return redirect(url_for(".meeting_colleagues", meeting_id=meeting_id))
    mine = [c for c in panel.colleagues if c.beside_id == g.attendee.id]
    return render_template("attendee/meeting_colleagues.html", **page(
        meeting=meeting, form=form, mine=mine,
        theirs=[c for c in panel.colleagues if c.beside_id != g.attendee.id]))


@bp.post("/<token>/my-meetings/<int:meeting_id>/colleagues/<int:colleague_id>/remove")
def remove_meeting_colleague(meeting_id: int, colleague_id: int) -> BaseResponse:
    meeting_row(meeting_id)
    if ConfirmForm().validate_on_submit():
        carry_out(lambda: team_meetings.take_back_colleague(g.attendee.event, meeting_id, colleague_id,
                                                            actor=actor_of(g.attendee), by=g.attendee),
                  _("Your colleague no longer joins the meeting."))
    return redirect(url_for(".meeting_colleagues", meeting_id=meeting_id))


@bp.post("/<token>/my-meetings/<int:meeting_id>/leave")
def leave_meeting(meeting_id: int) -> BaseResponse:
    """A colleague who sits in a meeting leaves it (the meeting of the two stays)."""
    if ConfirmForm().validate_on_submit():
        carry_out(lambda: team_meetings.remove_colleague(g.attendee.event, meeting_id, g.attendee.id,
                                                         actor=actor_of(g.attendee), by=g.attendee),
                  _("You no longer join this meeting; the slot is free for you."))
    return redirect(url_for(".own_meetings"))
