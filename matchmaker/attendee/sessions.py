"""Choosing sessions of the programme on the attendee's own page: a seat, or a place on a
full session's waiting list; leaving gives the place to the next who waits."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from .. import mail
from ..extensions import db
from ..models import ChoiceStatus
from ..refusals import refusal
from ..services import DomainError
from ..services.programme.choices import (
    choices_of,
    choose_session,
    leave_session,
    seats_by_session,
)
from ..services.programme.round_tables import OwnTable, tables_of_attendee
from ..services.programme.sessions import programme_of
from ..web.forms import ConfirmForm
from . import bp


@bp.get("/<token>/sessions")
def sessions() -> str:
    chosen = {choice.session.id: choice.status for choice in choices_of(g.attendee)}
    return render_template("attendee/sessions.html", event=g.event, attendee=g.attendee,
                           sessions=programme_of(g.event), chosen=chosen,
                           seats=seats_by_session(g.event), tables=own_tables())


def own_tables() -> dict[int, list[OwnTable]]:
    """The attendee's table per round, by round-table session."""
    tables: dict[int, list[OwnTable]] = {}
    for own in tables_of_attendee(g.attendee):
        tables.setdefault(own.session.id, []).append(own)
    return tables


@bp.post("/<token>/sessions/<int:session_id>/choose")
def choose(session_id: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        try:
            choice = choose_session(g.attendee, session_id)
        except DomainError as error:
            db.session.rollback()
            flash(refusal(error), "error")
            return redirect(url_for(".sessions"))
        db.session.commit()
        flash(_("You have a seat in “%(title)s”.", title=choice.session.title)
              if choice.status == ChoiceStatus.CHOSEN else
              _("“%(title)s” is full: you are on its waiting list and get a mail when a seat "
                "becomes free.", title=choice.session.title), "success")
    return redirect(url_for(".sessions"))


@bp.post("/<token>/sessions/<int:session_id>/leave")
def leave(session_id: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        try:
            mails = leave_session(g.attendee, session_id)
        except DomainError as error:
            db.session.rollback()
            flash(refusal(error), "error")
            return redirect(url_for(".sessions"))
        db.session.commit()
        mail.deliver_after_response(mails)
        flash(_("You have left the session."), "success")
    return redirect(url_for(".sessions"))
