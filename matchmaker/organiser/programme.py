"""The programme: sessions added, changed and deleted by hand, or imported from a file."""

from pathlib import Path

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from .. import mail
from ..extensions import db
from ..formatting import slot_start
from ..refusals import refusal
from ..services import DomainError
from ..services.attendees.file_errors import describe_file_error
from ..services.programme.choices import fill_free_places, seats_by_session
from ..services.programme.imports import import_programme
from ..services.programme.sessions import (
    add_session,
    change_session,
    delete_session,
    programme_of,
    row_of,
    session_of,
)
from ..web.forms import ConfirmForm
from . import bp
from .programme_forms import ProgrammeUploadForm, SessionForm


@bp.route("/<slug>/programme", methods=["GET", "POST"])
def programme() -> str | BaseResponse:
    form = SessionForm(day=g.event.starts_on)
    if form.validate_on_submit():
        return saved(lambda: add_session(g.event, form.session_row(), current_user.email),
                     _("The session is added to the programme."))
    return programme_page(form)


def programme_page(form: SessionForm, upload: ProgrammeUploadForm | None = None,
                   errors: list[str] | None = None) -> str:
    return render_template("organiser/programme.html", form=form,
                           upload=upload or ProgrammeUploadForm(), errors=errors or [],
                           sessions=programme_of(g.event), seats=seats_by_session(g.event),
                           delete_form=ConfirmForm())


@bp.route("/<slug>/programme/<int:session_id>", methods=["GET", "POST"])
def programme_session(session_id: int) -> str | BaseResponse:
    session = checked(lambda: session_of(g.event, session_id))
    form = SessionForm(day=g.event.starts_on, obj=None if form_posted() else editable(session))
    if form.validate_on_submit():
        return saved(lambda: widen(change_session(g.event, session_id, form.session_row(),
                                                  current_user.email)),
                     _("The session is saved."))
    return render_template("organiser/programme_session.html", form=form, session=session)


@bp.post("/<slug>/programme/<int:session_id>/delete")
def delete_programme_session(session_id: int) -> BaseResponse:
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".programme"))
    return saved(lambda: delete_session(g.event, session_id, current_user.email),
                 _("The session is deleted; who had chosen it, has it no longer."))


@bp.post("/<slug>/programme/import")
def import_programme_file() -> str | BaseResponse:
    upload = ProgrammeUploadForm()
    if not upload.validate_on_submit():
        return programme_page(SessionForm(day=g.event.starts_on, formdata=None), upload)
    name = Path(upload.file.data.filename or "upload").name
    try:
        result = import_programme(g.event, name, upload.file.data.read(), current_user.email)
    except DomainError as error:
        db.session.rollback()
        return programme_page(SessionForm(day=g.event.starts_on, formdata=None), upload,
                              [describe_file_error(e) for e in error.params["errors"]])
    db.session.commit()
    flash(_("%(new)d sessions added, %(changed)d changed.", new=len(result.new),
            changed=len(result.changed)), "success")
    return redirect(url_for(".programme"))


def widen(session) -> None:  # type: ignore[no-untyped-def]
    """A raised capacity lets the waiting move up (their mails go with the commit)."""
    g.programme_mails = fill_free_places(session)


def editable(session) -> object:  # type: ignore[no-untyped-def]
    row = row_of(session)
    return type("SessionValues", (), {**row.__dict__, "kind": row.kind, "themes": list(row.themes),
                                      "start": slot_start(row.starts_at),
                                      "end": slot_start(row.ends_at)})()


def form_posted() -> bool:
    return request.method == "POST"


def checked(load):  # type: ignore[no-untyped-def]
    try:
        return load()
    except DomainError:
        abort(404)


def saved(change, message: str) -> BaseResponse:  # type: ignore[no-untyped-def]
    try:
        change()
    except DomainError as error:
        db.session.rollback()
        flash(refusal(error), "error")
        return redirect(url_for(".programme"))
    db.session.commit()
    mail.deliver_after_response(g.pop("programme_mails", []))
    flash(message, "success")
    return redirect(url_for(".programme"))
