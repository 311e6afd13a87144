"""The event day on the schedule page: re-plan from a slot around who has not arrived.

The schedule page shows the meetings at risk (``day_status``); the button leads to a
confirmation that says which meetings will be cancelled and whose; confirming re-plans
(``day_replan.replan_from``) and sends the change notices on a worker.
"""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..jobs import start_job
from ..refusals import refusal
from ..services import DomainError
from ..services.schedule.day_replan import absentees, meetings_at_risk, replan_from
from . import bp
from .forms import ReplanForm
from .schedule import slot_names


@bp.route("/<slug>/schedule/replan", methods=["GET", "POST"])
def replan() -> str | BaseResponse:
    form = ReplanForm(formdata=request.form if request.method == "POST" else request.args)
    form.set_slots(g.event.slots)
    if request.method == "POST" and form.validate_on_submit():
        try:
            outcome = replan_from(g.event, form.from_slot.data, actor=current_user.email)
        except DomainError as error:
            flash(refusal(error), "error")
            return redirect(url_for("organiser.schedule"))
        db.session.commit()
        start_job(g.event, "bulk_mail", {"mail_ids": [m.id for m in outcome.mails]}, current_user.email)
        flash(_("Re-planned. Meetings cancelled: %(cancelled)d, new: %(added)d; those "
                "concerned are told by e-mail.", cancelled=outcome.cancelled, added=outcome.added),
              "success")
        return redirect(url_for("organiser.schedule"))
    risks = meetings_at_risk(g.event, form.from_slot.data) if form.from_slot.validate(form) else []
    return render_template("organiser/schedule_replan.html", form=form, risks=risks,
                           absent=absentees(g.event), slot_names=slot_names(g.event.slots))
