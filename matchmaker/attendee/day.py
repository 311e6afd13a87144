"""The attendee on the event day: the now page (installable, readable offline) and "we met".

The manifest and the service worker live under the private link, so the worker's scope
covers only this person's pages; they are served to the person's own device only (the
``no-referrer`` policy keeps the link from third parties).
"""

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from .. import clock
from ..extensions import db
from ..i18n import current_language
from ..reasons import phrase_reasons
from ..refusals import refusal
from ..services import DomainError
from ..services.attendees import day
from ..services.attendees.met_by_badge import MetByBadge, confirm_met_by_badge
from ..web.forms import ConfirmForm
from . import bp
from .forms import MetByBadgeForm
from .routes import industry_choices, page

REFRESH_SECONDS = 60


@bp.get("/<token>/now")
def now() -> str:
    industries = dict(industry_choices())
    state = day.now_and_next(g.attendee, clock.venue_now())
    return render_template("attendee/now.html", **page(
        state=state, form=ConfirmForm(), refresh=REFRESH_SECONDS, started=state.current is not None,
        badge_form=MetByBadgeForm(formdata=None),
        reason={m.meeting_id: top_reason(m.reasons, industries)
                for m in (state.current, state.next) if m is not None}))


def top_reason(reasons: list, industries: dict[str, str]) -> str | None:
    return next(iter(phrase_reasons(reasons, g.attendee.id, industries)), None)


@bp.post("/<token>/meetings/<int:meeting_id>/met")
def we_met(meeting_id: int) -> BaseResponse:
    back = url_for(".now") if request.args.get("back") == "now" else url_for(".schedule")
    if ConfirmForm().validate_on_submit():
        try:
            day.confirm_met(g.attendee, meeting_id, clock.venue_now())
        except DomainError as error:
            if error.code == "meeting_not_found":
                abort(404)
            flash(refusal(error), "error")
        else:
            db.session.commit()
            flash(_("Thank you: this meeting is recorded as held."), "success")
    return redirect(back)


@bp.post("/<token>/met-by-badge")
def met_by_badge() -> BaseResponse:
    form = MetByBadgeForm()
    if not form.validate_on_submit():
        flash(_("Please scan or type the badge code of the person you met."), "error")
        return redirect(url_for(".now"))
    try:
        met = confirm_met_by_badge(g.attendee, form.badge_code.data, clock.venue_now())
    except DomainError as error:
        flash(refusal(error), "error")
        return redirect(url_for(".now"))
    db.session.commit()
    flash(met_message(met), "success")
    return redirect(url_for(".now"))


def met_message(met: MetByBadge) -> str:
    name = met.meeting.partner_name
    if met.newly:
        return _("Thank you: your meeting with %(name)s is recorded as held.", name=name)
    return _("Your meeting with %(name)s was already recorded as held.", name=name)


@bp.get("/<token>/manifest.webmanifest")
def manifest() -> Response:
    body = render_template("attendee/manifest.json", event=g.attendee.event,
                           language=current_language())
    return current_app.response_class(body, mimetype="application/manifest+json")


@bp.get("/<token>/now-worker.js")
def now_worker() -> Response:
    return current_app.send_static_file("now-worker.js")
