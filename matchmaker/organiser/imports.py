"""Import attendees from a file (preview first, then all or nothing) and export the
attendees and the schedule as CSV or Excel."""

from pathlib import Path
from typing import Literal, cast

from flask import Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from .. import mail
from ..exchange.schedule_json import dumps
from ..extensions import db
from ..services import DomainError
from ..services.attendees.export import export_attendees
from ..services.attendees.file_errors import describe_file_error
from ..services.attendees.imports import import_file, preview_import
from ..services.attendees.uploads import keep_upload, take_upload
from ..services.schedule.export import export_schedule, schedule_json
from . import bp
from .forms import ImportConfirmForm, ImportUploadForm

# Full Content-Type values: given as ``mimetype``, werkzeug appends "; charset=utf-8" to
# a text type a second time.
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "json": "application/json"}


@bp.route("/<slug>/import", methods=["GET", "POST"])
def import_attendees() -> str:
    form, preview, confirm = ImportUploadForm(), None, None
    if form.validate_on_submit():
        data, name = form.file.data.read(), Path(form.file.data.filename or "upload").name
        preview = preview_import(g.event, name, data)
        if preview.can_import:
            confirm = ImportConfirmForm(upload=keep_upload(upload_folder(), data), filename=name)
    return render_template("organiser/import.html", form=form, preview=preview, confirm=confirm,
                           errors=[describe_file_error(e) for e in preview.errors] if preview else [])


@bp.post("/<slug>/import/confirm")
def confirm_import() -> BaseResponse:
    form = ImportConfirmForm()
    data = take_upload(upload_folder(), form.upload.data or "") if form.validate_on_submit() else None
    if data is None:
        flash(_("The uploaded file has expired; please choose it again."), "error")
        return redirect(url_for(".import_attendees"))
    try:
        result = import_file(g.event, form.filename.data or "upload", data, current_user.email,
                             addresses_checked=form.addresses_checked.data)
    except DomainError:
        flash(_("The file has changed meanwhile and has errors; please check it again."), "error")
        return redirect(url_for(".import_attendees"))
    db.session.commit()
    mail.deliver_after_response(list(result.mails))
    flash(_("%(created)d attendees imported (%(waitlisted)d of them on the waiting list); "
            "%(skipped)d were registered already.", created=result.created,
            waitlisted=result.waitlisted, skipped=result.skipped), "success")
    return redirect(url_for(".attendees"))


@bp.get("/<slug>/export/attendees.<fmt>")
def export_attendee_file(fmt: str) -> Response:
    if fmt not in ("csv", "xlsx"):
        abort(404)
    checked = cast(Literal["csv", "xlsx"], fmt)  # by the line above
    include_special = request.args.get("special") == "1"  # health answers: only when ticked
    return download(export_attendees(g.event, checked, include_special),
                    f"{g.event.slug}-attendees.{fmt}", fmt)


@bp.get("/<slug>/export/schedule.<fmt>")
def export_schedule_file(fmt: str) -> Response:
    if fmt not in CONTENT_TYPES:
        abort(404)
    try:
        body = (dumps(schedule_json(g.event)).encode() if fmt == "json"
                else export_schedule(g.event, cast(Literal["csv", "xlsx"], fmt)))
    except DomainError:
        abort(404)
    return download(body, f"{g.event.slug}-schedule.{fmt}", fmt)


def download(body: bytes, filename: str, fmt: str) -> Response:
    response = Response(body, content_type=CONTENT_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def upload_folder() -> Path:
    return Path(current_app.instance_path) / "uploads"
