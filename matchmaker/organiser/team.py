"""Who organises an event: the list, and giving an organiser access (an existing account
at once; a new address gets an invitation that gives access when accepted)."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..i18n import current_language
from ..mail import deliver_after_response
from ..services.events.events import organisers_of
from ..services.organisers.access import give_access
from . import bp
from .forms import TeamInviteForm


@bp.route("/<slug>/team", methods=["GET", "POST"])
def team() -> str | BaseResponse:
    form = TeamInviteForm()
    if form.validate_on_submit():
        return add_to_team(form.email.data)
    return render_template("organiser/team.html", form=form, organisers=organisers_of(g.event))


def add_to_team(email: str) -> BaseResponse:
    outcome = give_access(g.event, email, current_user, current_language())
    db.session.commit()
    if outcome.account_exists:
        flash(_("%(email)s may now manage this event.", email=email), "success")
        return redirect(url_for(".team"))
    deliver_after_response([outcome.mail] if outcome.mail else [])
    flash(_("An invitation is on its way to %(email)s; accepting it gives access to this "
            "event.", email=email), "success")
    return redirect(url_for(".team"))
