"""The check-in desk: scan or type a badge code, number or name; the person is checked in
at once (a code or number) or chosen from the names found. Works without JavaScript: each
form posts, the page comes back with the search field focused for the next scan."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..badge_code import shown
from ..extensions import db
from ..formatting import clock_time, slot_start
from ..models import Attendee
from ..refusals import refusal
from ..services import DomainError
from ..services.attendees import check_in as desk
from ..services.attendees.admin import attendee_of
from ..url_converters import database_int
from ..web.forms import ConfirmForm
from . import bp
from .forms import CheckInForm


@bp.get("/<slug>/check-in")
def check_in_desk() -> str:
    typed = request.args.get("q", "")[:200]
    person = shown_person(request.args.get("shown", None, type=database_int))
    meeting = desk.first_meeting(person) if person else None
    return render_template(
        "organiser/check_in.html", form=CheckInForm(formdata=None), button=ConfirmForm(),
        typed=typed, found=desk.attendees_named(g.event, typed), counts=desk.desk_counts(g.event),
        person=person, can_undo=bool(person and desk.can_undo(person)),
        first_meeting=(slot_start(meeting.starts_at), meeting.table) if meeting else None,
        clock_time=clock_time, badge_shown=shown)


@bp.post("/<slug>/check-in")
def check_in_typed() -> BaseResponse:
    form = CheckInForm()
    if not form.validate_on_submit():
        flash(_("Please scan a badge or type a code, number or name."), "error")
        return redirect(url_for(".check_in_desk"))
    typed = form.q.data
    person = desk.attendee_by_code_or_number(g.event, typed)
    if person is not None:
        return checked_in(person)
    if desk.meant_as_code_or_number(g.event, typed):
        flash(_("No registration of this event has the badge code or number %(typed)s.",
                typed=typed), "error")
        return redirect(url_for(".check_in_desk"))
    return redirect(url_for(".check_in_desk", q=typed))


@bp.post("/<slug>/check-in/<int:number>")
def check_in_person(number: int) -> BaseResponse:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return checked_in(person_or_404(number))


@bp.post("/<slug>/check-in/<int:number>/undo")
def undo_check_in(number: int) -> BaseResponse:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    person = person_or_404(number)
    try:
        desk.undo_check_in(g.event, person, current_user.email)
    except DomainError as error:
        flash(refusal(error), "error")
        return redirect(url_for(".check_in_desk", shown=number))
    db.session.commit()
    flash(_("The check-in of %(name)s was undone.", name=person.full_name), "success")
    return redirect(url_for(".check_in_desk"))


def checked_in(person: Attendee) -> BaseResponse:
    result = desk.check_in(g.event, person, current_user.email)
    db.session.commit()
    flash(*arrival_message(result))
    return redirect(url_for(".check_in_desk", shown=person.number))


def arrival_message(result: desk.CheckInResult) -> tuple[str, str]:
    name = result.attendee.full_name
    if result.outcome == desk.Arrival.CHECKED_IN:
        return _("%(name)s is checked in.", name=name), "success"
    if result.outcome == desk.Arrival.ALREADY and result.checked_in_at is not None:
        return _("%(name)s was already checked in at %(time)s.", name=name,
                 time=clock_time(result.checked_in_at)), "info"
    if result.outcome == desk.Arrival.WAITLISTED:
        return _("%(name)s is on the waiting list: not checked in. Please ask the organisers "
                 "whether a seat is free.", name=name), "error"
    return _("The registration of %(name)s is cancelled: not checked in.", name=name), "error"


def shown_person(number: int | None) -> Attendee | None:
    try:
        return attendee_of(g.event, number) if number is not None else None
    except DomainError:
        return None


def person_or_404(number: int) -> Attendee:
    try:
        return attendee_of(g.event, number)
    except DomainError:
        abort(404)
