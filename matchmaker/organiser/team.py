"""Who works on an event: the list with each person's role, giving access (an existing
account at once; a new address gets an invitation that gives access when accepted), and
changing a role (organiser, or check-in only for desk staff)."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..i18n import current_language
from ..labels import EVENT_ROLE_LABELS
from ..mail import deliver_after_response
from ..models import EventRole
from ..refusals import refusal
from ..services import DomainError
from ..services.organisers.access import give_access
from ..services.organisers.roles import change_role, team_of
from . import bp
from .forms import TeamInviteForm, TeamRoleForm


@bp.route("/<slug>/team", methods=["GET", "POST"])
def team() -> str | BaseResponse:
    form = TeamInviteForm()
    if form.validate_on_submit():
        return add_to_team(form.email.data, EventRole(form.role.data))
    return render_template("organiser/team.html", form=form, members=team_of(g.event),
                           role_form=TeamRoleForm(formdata=None), role_labels=EVENT_ROLE_LABELS)


def add_to_team(email: str, role: EventRole) -> BaseResponse:
    outcome = give_access(g.event, email, current_user, current_language(), role=role)
    db.session.commit()
    if outcome.account_exists:
        flash(_("%(email)s may now manage this event.", email=email) if role is EventRole.ORGANISER
              else _("%(email)s may now check people in at this event's desk.", email=email),
              "success")
        return redirect(url_for(".team"))
    deliver_after_response([outcome.mail] if outcome.mail else [])
    flash(_("An invitation is on its way to %(email)s; accepting it gives access to this "
            "event.", email=email), "success")
    return redirect(url_for(".team"))


@bp.post("/<slug>/team/role")
def team_role() -> BaseResponse:
    form = TeamRoleForm()
    if not form.validate_on_submit():
        flash(_("Please choose a role."), "error")
        return redirect(url_for(".team"))
    try:
        change_role(g.event, form.email.data, EventRole(form.role.data), current_user)
    except DomainError as error:
        flash(refusal(error), "error")
        return redirect(url_for(".team"))
    db.session.commit()
    flash(_("The role of %(email)s is now: %(role)s.", email=form.email.data,
            role=EVENT_ROLE_LABELS[form.role.data]), "success")
    return redirect(url_for(".team"))
