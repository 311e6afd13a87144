"""An e-mail to a selection of attendees: write it, see the preview and the number of
recipients, then send it through the outbox."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..jobs import start_job
from ..models import OutgoingMail
from ..refusals import refusal
from ..services import DomainError
from ..services.attendees import admin
from ..services.mail.messages import Message, preview, recipients, send_message
from ..url_converters import database_ints
from . import bp
from .attendees import attendee_filter, filter_form
from .forms import MessageForm


@bp.route("/<slug>/messages", methods=["GET", "POST"])
def write_message() -> str | BaseResponse:
    """Recipients: the numbers ticked in the list (``numbers``), else the list's filter."""
    form, ids = MessageForm(), recipient_ids()
    sample = None
    if form.validate_on_submit():
        message = Message(subject=form.subject.data, body=form.body.data)
        try:
            if form.confirmed.data == "yes":
                return sent(send_message(g.event, ids, message, current_user.email))
            sample = preview(g.event, ids, message)
        except DomainError as error:
            flash(refusal(error), "error")
    return render_template("organiser/message.html", form=form, sample=sample,
                           count=len(recipients(g.event, ids)), query=request.args.to_dict())


def sent(mails: list[OutgoingMail]) -> BaseResponse:
    """The mails are recorded; a background job sends them (hundreds take a while)."""
    ids = [outgoing.id for outgoing in mails]
    db.session.commit()
    start_job(g.event, "bulk_mail", {"mail_ids": ids}, current_user.email)
    flash(_("The message is on its way to %(count)d attendee(s).", count=len(mails)), "success")
    return redirect(url_for(".attendees"))


def recipient_ids() -> list[int]:
    numbers = request.args.get("numbers", "")
    if numbers:
        wanted = database_ints(numbers)[:5000]
        return [person.id for person in admin.attendees_by_number(g.event, wanted)]
    return admin.matching_ids(g.event, attendee_filter(filter_form(request.args)))
