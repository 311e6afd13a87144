"""Feedback after the event: the mail's links open this page; only its button saves.

A mail scanner that follows every link of a message therefore records nothing.
"""

from datetime import date

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..models import FeedbackOutcome
from ..services import DomainError
from ..services.attendees import feedback as feedback_service
from ..web.forms import ConfirmForm
from . import bp
from .routes import page


@bp.route("/<token>/feedback/<int:meeting_id>", methods=["GET", "POST"])
def feedback(meeting_id: int) -> str | BaseResponse | tuple[str, int]:
    answer = request.args.get("answer", "")
    if answer not in {outcome.value for outcome in FeedbackOutcome}:
        abort(404)
    try:
        meeting = feedback_service.meeting_for_feedback(g.attendee, meeting_id, date.today())
    except DomainError as error:
        return render_template("attendee/feedback.html", **page(error=error.code)), 404
    form = ConfirmForm()
    if form.validate_on_submit():
        feedback_service.record_feedback(g.attendee, meeting_id, FeedbackOutcome(answer), date.today())
        db.session.commit()
        flash(_("Thank you: your answer has been saved."), "success")
        return redirect(url_for(".schedule"))
    return render_template("attendee/feedback.html", **page(
        meeting=meeting, answer=answer, form=form, outcomes=list(FeedbackOutcome),
        current=feedback_service.current_answer(g.attendee, meeting_id)))
