"""The event's API tokens: made here (the token is shown once, on the answer to the
form), listed with when each was last used, and revoked."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..refusals import refusal
from ..services import DomainError
from ..services.api.tokens import create_token, event_tokens, revoke_token
from ..web.forms import ConfirmForm
from . import bp
from .forms import ApiTokenForm


@bp.route("/<slug>/api", methods=["GET", "POST"])
def api_access() -> str | BaseResponse:
    form = ApiTokenForm()
    new_secret = None
    if form.validate_on_submit():
        try:
            new_secret = create_token(g.event, form.name.data or "", current_user.email).secret
            db.session.commit()
        except DomainError as error:
            form.name.errors = [refusal(error)]
    return render_page(form, new_secret)


def render_page(form: ApiTokenForm, new_secret: str | None) -> str:
    return render_template("organiser/api_access.html", form=form, confirm=ConfirmForm(),
                           new_secret=new_secret, tokens=event_tokens(g.event))


@bp.post("/<slug>/api/tokens/<int:token_id>/revoke")
def revoke_api_token(token_id: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        try:
            name = revoke_token(g.event, token_id, current_user.email)
        except DomainError as error:
            flash(refusal(error), "error")
        else:
            db.session.commit()
            flash(_("The token “%(name)s” no longer works.", name=name), "success")
    return redirect(url_for(".api_access"))
