"""The event's API tokens and webhooks: made here (a token or a webhook's signing secret
is shown once, on the answer to the form), listed (when a token was last used, how a
webhook's latest delivery went), and revoked or removed."""

from flask import current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..refusals import refusal
from ..services import DomainError
from ..services.api.tokens import create_token, event_tokens, revoke_token
from ..services.webhooks.endpoints import add_endpoint, endpoint_rows, remove_endpoint
from ..web.forms import ConfirmForm
from . import bp
from .forms import WEBHOOK_KIND_LABELS, ApiTokenForm, WebhookForm


@bp.route("/<slug>/api", methods=["GET", "POST"])
def api_access() -> str:
    form = ApiTokenForm()
    new_secret = None
    if form.validate_on_submit():
        try:
            new_secret = create_token(g.event, form.name.data or "", current_user.email).secret
            db.session.commit()
        except DomainError as error:
            form.name.errors = [refusal(error)]
    return render_page(token_form=form, new_secret=new_secret)


@bp.post("/<slug>/api/webhooks")
def add_webhook() -> str:
    form = WebhookForm()
    new_secret = None
    if form.validate_on_submit():
        try:
            new_secret = add_endpoint(g.event, form.url.data or "", list(form.kinds.data or ()),
                                      current_user.email,
                                      current_app.config["WEBHOOK_ALLOW_HTTP_LOOPBACK"]).secret
            db.session.commit()
        except DomainError as error:
            form.url.errors = [refusal(error)]
    return render_page(webhook_form=form, webhook_secret=new_secret)


def render_page(token_form: ApiTokenForm | None = None, webhook_form: WebhookForm | None = None,
                **shown_once: str | None) -> str:
    return render_template("organiser/api_access.html", form=token_form or ApiTokenForm(formdata=None),
                           webhook_form=webhook_form or WebhookForm(formdata=None),
                           tokens=event_tokens(g.event), webhooks=endpoint_rows(g.event),
                           kind_labels=WEBHOOK_KIND_LABELS, **shown_once)


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


@bp.post("/<slug>/api/webhooks/<int:endpoint_id>/remove")
def remove_webhook(endpoint_id: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        try:
            remove_endpoint(g.event, endpoint_id, current_user.email)
        except DomainError as error:
            flash(refusal(error), "error")
        else:
            db.session.commit()
            flash(_("The webhook is removed; nothing more is sent to it."), "success")
    return redirect(url_for(".api_access"))
