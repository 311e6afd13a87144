"""The meeting area's display screen, and its secret link for a TV that is not logged in."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from .. import clock
from ..extensions import db
from ..services.mail.notifications import public_url
from ..services.schedule import display as display_service
from ..web.forms import ConfirmForm
from . import bp

REFRESH_SECONDS = 30


@bp.get("/<slug>/display")
def display() -> str:
    secret = g.event.display_secret
    link = public_url("public.display", slug=g.event.slug, secret=secret) if secret else None
    return render_template("organiser/display.html", event=g.event, form=ConfirmForm(),
                           board=display_service.display_board(g.event, clock.venue_now()),
                           refresh=REFRESH_SECONDS, link=link)


@bp.post("/<slug>/display/link")
def create_display_link() -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        display_service.create_display_link(g.event, current_user.email)
        db.session.commit()
        flash(_("The display link is ready. A link created before no longer works."), "success")
    return redirect(url_for(".display"))


@bp.post("/<slug>/display/link/revoke")
def revoke_display_link() -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        display_service.revoke_display_link(g.event, current_user.email)
        db.session.commit()
        flash(_("The display link no longer works."), "success")
    return redirect(url_for(".display"))
