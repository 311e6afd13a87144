"""Printed material: all schedules for the registration desk (a background job), the
table plan, table signs, name badges, and one attendee's schedule."""

from flask import Response, abort, flash, g, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..i18n import current_language
from ..jobs import job_result_file, latest_job, start_job
from ..jobs.web import job_json, job_status_response
from ..refusals import refusal
from ..services import DomainError
from ..services.documents import printing
from . import bp
from .attendees import attendee_or_404
from .forms import PrintSchedulesForm
from .settings import to_utc

DOCUMENTS = {
    "table-plan": lambda event: printing.table_plan_pdf(event, current_language()),
    "table-signs": printing.table_signs_pdf,
    "badges": lambda event: printing.badges_pdf(event, language=current_language()),
}


@bp.get("/<slug>/print")
def print_area() -> str:
    job = latest_job(g.event, "print_schedules")
    return render_template("organiser/print.html", form=PrintSchedulesForm(),
                           job=job_json(job) if job else None)


@bp.post("/<slug>/print/schedules")
def print_schedules() -> BaseResponse:
    form = PrintSchedulesForm()
    if form.validate_on_submit():
        since = to_utc(form.changed_since.data)
        try:
            start_job(g.event, "print_schedules",
                      {"changed_since": since.isoformat() if since else None}, current_user.email)
        except DomainError:
            flash(_("The schedules are being printed already; the progress is shown below."), "error")
    return redirect(url_for(".print_area"))


@bp.get("/<slug>/print/jobs/<int:job_id>")
def print_progress(job_id: int) -> Response:
    return job_status_response(g.event, job_id)


@bp.get("/<slug>/print/jobs/<int:job_id>/file")
def print_result(job_id: int) -> Response:
    try:
        name, mimetype, path = job_result_file(g.event, job_id)
    except DomainError:
        abort(404)
    return send_file(path, mimetype=mimetype, as_attachment=True, download_name=name)


@bp.get("/<slug>/print/<document>.pdf")
def print_document(document: str) -> Response | BaseResponse:
    make = DOCUMENTS.get(document) or abort(404)
    try:
        return pdf(make(g.event), f"{g.event.slug}-{document}.pdf")
    except DomainError as error:
        flash(refusal(error), "error")
        return redirect(url_for(".print_area"))


@bp.get("/<slug>/attendees/<int:number>/schedule.pdf")
def attendee_schedule(number: int) -> Response | BaseResponse:
    try:
        return pdf(printing.schedule_pdf(attendee_or_404(number)), f"schedule-{number}.pdf")
    except DomainError as error:
        flash(refusal(error), "error")
        return redirect(url_for(".attendee", number=number))


def pdf(body: bytes, name: str) -> Response:
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
