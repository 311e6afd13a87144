"""The organisers withdraw what waits for an attendee's answer: an offered freed slot, or
a move an attendee proposed (both listed on the schedule page, ``services.schedule.pending``)."""

from flask import g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..services.schedule import pending
from ..web.outcome import carry_out
from . import bp
from .forms import ConfirmForm

BACK = "pending-title"  # the list of open offers and proposals on the schedule page


@bp.post("/<slug>/schedule/offers/<int:offer_id>/withdraw")
def withdraw_offer(offer_id: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        carry_out(lambda: pending.withdraw_offer(g.event, offer_id, current_user.email),
                  _("The offer has been withdrawn; the slot stays free."))
    return redirect(url_for("organiser.schedule", _anchor=BACK))


@bp.post("/<slug>/schedule/meetings/<int:meeting_id>/proposal/withdraw")
def withdraw_move(meeting_id: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        carry_out(lambda: pending.withdraw_move(g.event, meeting_id, current_user.email),
                  _("The proposal has been withdrawn; the meeting stays at its time."))
    return redirect(url_for("organiser.schedule", _anchor=BACK))
