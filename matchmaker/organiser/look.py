"""The event's look (under its settings): accent colour and logo."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.wrappers import Response as BaseResponse
from wtforms import BooleanField, StringField
from wtforms.validators import Optional, Regexp

from ..exchange.logo import MAX_BYTES
from ..extensions import db
from ..refusals import refusal
from ..services import DomainError
from ..services.events import look as service
from ..web.forms import none_if_empty, strip_text
from . import bp


class LookForm(FlaskForm):
    accent = StringField(
        _l("Accent colour (optional)"), [Optional(), Regexp(r"^#[0-9a-fA-F]{6}$", message=_l(
            "Please give the colour as # and six hexadecimal digits, like #00519e."))],
        filters=[strip_text, none_if_empty],
        description=_l("Like #00519e. It must keep a contrast of 4.5:1 against white (WCAG AA); "
                       "empty: the house blue."))
    logo = FileField(_l("Logo (PNG or SVG, at most 512 KB and 2000 × 2000 pixels; optional)"),
                     render_kw={"accept": "image/png,image/svg+xml"})
    remove_logo = BooleanField(_l("Remove the logo"))


@bp.route("/<slug>/settings/look", methods=["GET", "POST"])
def look() -> str | BaseResponse:
    form = LookForm(data=None if request.method == "POST" else {"accent": g.event.accent_colour})
    if form.validate_on_submit():
        try:
            apply_look(form)
        except DomainError as error:
            field = form.accent if error.code.startswith("accent") else form.logo
            field.errors = [*field.errors, refusal(error)]
        else:
            db.session.commit()
            flash(_("The look of the event is saved."), "success")
            return redirect(url_for(".look"))
    return render_template("organiser/look.html", form=form, look=service.look_of(g.event))


def apply_look(form: LookForm) -> None:
    service.set_accent(g.event, form.accent.data, current_user.email)
    upload = form.logo.data
    if form.remove_logo.data:
        service.remove_logo(g.event, current_user.email)
    elif upload and getattr(upload, "filename", ""):
        service.set_logo(g.event, upload.read(MAX_BYTES + 1), current_user.email)
