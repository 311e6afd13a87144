"""The schedule area: status, certificate, who has no meeting, industry matrix, the grid
of slots × tables with its edits (move, lock, cancel, add), and publishing.

Plain forms, each answered with a redirect; a refused edit renders its form again with
the organiser's input and the message naming the conflict.
"""

from typing import Any

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from .. import mail
from ..extensions import db
from ..formatting import slot_label
from ..jobs import latest_job, start_job
from ..jobs.web import job_json, job_status_response
from ..reasons import phrase_reasons
from ..refusals import refusal
from ..services import DomainError
from ..services.schedule import edit, publishing, team_meetings
from ..services.schedule.day_replan import day_status
from ..services.schedule.matching_settings import set_matching_policy
from ..services.schedule.pending import pending_changes
from ..services.schedule.planning import Unconfirmed, pending_schedule_mails, unconfirmed_attendees
from ..services.schedule.report import find_in_schedule, meeting_detail, publish_summary, schedule_report
from . import bp
from .attendees import industry_choices
from .forms import AddMeetingForm, ConfirmForm, LockForm, MoveMeetingForm, RunForm
from .schedule_texts import SHORTFALL_TEXTS, UNMATCHED_TEXTS, histogram_bars, quality_rows
from .team_meetings import colleague_form

SEARCH_LENGTH = 100  # characters of a name to look for in the grid


@bp.get("/<slug>/schedule/")
def schedule() -> str:
    pending, mails = pending_changes(g.event)
    db.session.commit()  # offers that expired meanwhile went on to the next person
    mail.deliver(mails)
    report = schedule_report(g.event, page_number(request.args.get("page")))
    job = latest_job(g.event, "matchmaking")
    who = request.args.get("who", "").strip()[:SEARCH_LENGTH]
    return render_template("organiser/schedule.html", report=report, who=who, pending=pending,
                           found=find_in_schedule(g.event, who) if who else None,
                           unconfirmed=unconfirmed_attendees(g.event),
                           quality=quality_rows(report.quality), histogram=histogram_bars(report.quality),
                           slot_names=slot_names(report.grid.slots), unmatched_texts=UNMATCHED_TEXTS,
                           shortfall_texts=SHORTFALL_TEXTS, job=job_json(job) if job else None,
                           run_form=RunForm(policy=g.event.matching_policy), day=day_status(g.event))


@bp.post("/<slug>/schedule/run")
def run_matchmaking() -> BaseResponse:
    """Plan (or re-plan) on a worker: the page shows the progress and reloads when done."""
    form = RunForm()
    if form.validate_on_submit():
        set_matching_policy(g.event, form.policy.data)
        db.session.commit()
        left_out = unconfirmed_attendees(g.event)
        if left_out and not form.without_unconfirmed.data:
            flash(unconfirmed_text(left_out), "error")
            return redirect(url_for("organiser.schedule", _anchor="run-title"))
        try:
            start_job(g.event, "matchmaking", {"policy": form.policy.data}, current_user.email)
        except DomainError as error:
            flash(refusal(error), "error")
    return redirect(url_for("organiser.schedule"))


@bp.get("/<slug>/schedule/jobs/<int:job_id>")
def job_progress(job_id: int) -> Response:
    return job_status_response(g.event, job_id)


@bp.get("/<slug>/schedule/meetings/<int:meeting_id>")
def schedule_meeting(meeting_id: int) -> str:
    form = MoveMeetingForm(page=request.args.get("page", "1"))
    return render_meeting(meeting_id, form)


@bp.post("/<slug>/schedule/meetings/<int:meeting_id>/move")
def move_meeting(meeting_id: int) -> str | BaseResponse | tuple[str, int]:
    form = MoveMeetingForm()
    form.set_slots(g.event.slots)
    if form.validate_on_submit():
        try:
            edit.move_meeting(g.event, meeting_id, form.slot.data, form.table.data,
                              actor=current_user.email)
        except DomainError as error:
            return refused(error, lambda: render_meeting(meeting_id, form))
        return done(_("The meeting has been moved and locked."), form.page.data, meeting_id)
    return render_meeting(meeting_id, form), 422


@bp.post("/<slug>/schedule/meetings/<int:meeting_id>/lock")
def lock_meeting(meeting_id: int) -> BaseResponse:
    form = LockForm()
    locked = form.locked.data == "1"
    try:
        edit.set_locked(g.event, meeting_id, locked, actor=current_user.email)
    except DomainError as error:
        flash(refusal(error), "error")
        return redirect(url_for("organiser.schedule", page=page_number(form.page.data)))
    return done(_("The meeting is locked: a new run keeps it.") if locked
                else _("The meeting is unlocked: a new run may move it."), form.page.data, meeting_id)


@bp.route("/<slug>/schedule/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
def cancel_meeting(meeting_id: int) -> str | BaseResponse:
    meeting = meeting_or_404(meeting_id)
    form = ConfirmForm(page=request.args.get("page", "1"))
    if not form.validate_on_submit():
        return render_template("organiser/schedule_cancel.html", meeting=meeting, form=form,
                               slot_names=slot_names(g.event.slots))
    edit.cancel_meeting(g.event, meeting_id, actor=current_user.email)
    db.session.commit()
    flash(_("The meeting of %(a)s and %(b)s has been cancelled.", a=meeting.a.name, b=meeting.b.name),
          "success")
    return redirect(url_for("organiser.schedule", page=page_number(form.page.data)))


@bp.route("/<slug>/schedule/add", methods=["GET", "POST"])
def add_meeting() -> str | BaseResponse | tuple[str, int]:
    form = AddMeetingForm(formdata=request.form if request.method == "POST" else request.args)
    form.set_slots(g.event.slots)
    form.set_attendees(edit.matchable_attendees(g.event))
    if request.method == "POST" and form.validate_on_submit():
        try:
            meeting = edit.add_meeting(g.event, (form.first.data, form.second.data),
                                       form.slot.data, form.table.data, actor=current_user.email)
        except DomainError as error:
            return refused(error, lambda: render_template("organiser/schedule_add.html", form=form))
        return done(_("The meeting has been added and locked."), form.page.data, meeting.id)
    return render_template("organiser/schedule_add.html", form=form)


@bp.route("/<slug>/schedule/publish", methods=["GET", "POST"])
def publish() -> str | BaseResponse:
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("organiser/schedule_publish.html", form=form, summary=publish_summary(g.event))
    try:
        publishing.publish(g.event, current_user.email)
    except DomainError as error:
        flash(refusal(error), "error")
        return redirect(url_for("organiser.schedule"))
    db.session.commit()
    mails = [outgoing.id for outgoing in pending_schedule_mails(g.event)]
    start_job(g.event, "bulk_mail", {"mail_ids": mails}, current_user.email)
    flash(_("The schedule is published: attendees see their meetings, and each gets it by "
            "e-mail."), "success")
    return redirect(url_for("organiser.schedule"))


def unconfirmed_text(left_out: list[Unconfirmed]) -> str:
    """Who would be left out, and what to do about it."""
    names = ", ".join(f"{person.name} ({person.number})" for person in left_out[:10])
    if len(left_out) > 10:
        names = _("%(names)s and %(more)d more", names=names, more=len(left_out) - 10)
    return " ".join((
        ngettext("%(num)d attendee with a seat has not confirmed their e-mail address and "
                 "would not be matched: %(names)s.",
                 "%(num)d attendees with a seat have not confirmed their e-mail address and "
                 "would not be matched: %(names)s.", len(left_out), names=names),
        _("If you know the addresses work, confirm them in the attendee list (filter "
          "“E-mail confirmed: no”, tick “All … matching the filter”, choose “confirm the "
          "e-mail address”); otherwise ask them to open their link, or start without them."),
    ))


def render_meeting(meeting_id: int, form: MoveMeetingForm) -> str:
    meeting = meeting_or_404(meeting_id)
    form.set_slots(g.event.slots)
    if not form.is_submitted():
        form.slot.data, form.table.data = meeting.slot, meeting.table
    panel = team_meetings.team_panel(g.event, meeting_id)
    industries = dict(industry_choices())
    why = [(person, phrase_reasons(meeting.reasons, person.id, industries)) for person in (meeting.a, meeting.b)]
    return render_template("organiser/schedule_meeting.html", meeting=meeting, form=form, why=why,
                           lock_form=LockForm(page=form.page.data), slot_names=slot_names(g.event.slots),
                           team=panel, colleague_form=colleague_form(panel, form.page.data))


def refused(error: DomainError, render: Any) -> tuple[str, int]:
    """The form again, with the organiser's input and the message naming the conflict."""
    db.session.rollback()
    flash(refusal(error), "error")
    return render(), 409


def done(message: str, page: str | None, meeting_id: int) -> BaseResponse:
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("organiser.schedule", page=page_number(page), _anchor=f"meeting-{meeting_id}"))


def meeting_or_404(meeting_id: int) -> Any:
    meeting = meeting_detail(g.event, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 6 else 1


def slot_names(slots: list[Any]) -> dict[int, str]:
    return {slot.number: slot_label(slot) for slot in slots}
