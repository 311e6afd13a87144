"""The event's overview: seats, sign-ups over time, who is coming, the schedule's state,
and afterwards whether the meetings took place (the feedback of the attendees)."""

from datetime import date

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..jobs import start_job
from ..services import DomainError
from ..services.attendees.feedback import feedback_summary, send_feedback_requests
from ..services.events.events import industries
from ..services.events.overview import event_overview
from ..web.forms import ConfirmForm
from . import bp


@bp.get("/<slug>/")
def overview() -> str:
    return render_template("organiser/overview.html", overview=event_overview(g.event),
                           feedback=feedback_summary(g.event), form=ConfirmForm(),
                           industry_names={i.code: i for i in industries()},
                           can_ask=date.today() >= g.event.starts_on)


@bp.post("/<slug>/feedback-requests")
def ask_for_feedback() -> BaseResponse:
    """The follow-up mail: did each meeting take place, was it valuable (once each)."""
    if ConfirmForm().validate_on_submit():
        try:
            mails = send_feedback_requests(g.event, date.today())
        except DomainError:
            flash(_("Feedback can be asked for from the day of the event on, once the schedule "
                    "is published."), "error")
            return redirect(url_for(".overview"))
        ids = [mail.id for mail in mails]
        db.session.commit()
        start_job(g.event, "bulk_mail", {"mail_ids": ids}, current_user.email)
        flash(_("%(count)d attendees are asked for their feedback.", count=len(ids)), "success")
    return redirect(url_for(".overview"))
