"""The attendee's schedule: the page, the ``.ics`` download and the subscribable feed.

The feed has its own secret (``CalendarFeed``), so the private page link is never
handed to a calendar app; the attendee can replace it, which cuts off old subscriptions.
"""

from flask import Response, abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from .. import clock
from ..extensions import db
from ..i18n import current_language
from ..reasons import phrase_reasons
from ..services.attendees import day
from ..services.mail.notifications import public_url
from ..services.programme.agenda import day_plan, seated_sessions
from ..services.schedule import calendar
from ..services.schedule.runs import schedule_published
from ..web.forms import ConfirmForm
from . import bp
from .routes import industry_choices, page


@bp.get("/<token>/schedule")
def schedule() -> str:
    attendee, language = g.attendee, current_language()
    industries = dict(industry_choices())
    token = calendar.feed_token(attendee)
    slots = [(row, phrase_reasons(row.meeting.reasons, attendee.id, industries) if row.meeting else [])
             for row in calendar.slot_rows(attendee)]
    sessions = seated_sessions(attendee.event, [attendee.id]).get(attendee.id, [])
    return render_template("attendee/schedule.html", **page(
        published=schedule_published(attendee.event), industries=industries, form=ConfirmForm(),
        day=calendar.day_label(attendee.event.starts_on, language), sessions=sessions,
        plan=day_plan(slots, sessions, lambda s: (s[0].starts_at, s[0].ends_at),
                      lambda s: s[0].meeting is None),
        feed_url=public_url("attendee.feed", feed_token=token) if token else None,
        now=clock.venue_now(), met=day.confirmed_meetings(attendee)))


@bp.get("/<token>/schedule.ics")
def schedule_file() -> Response:
    return ics_response(calendar.attendee_calendar(g.attendee), download=True)


@bp.post("/<token>/schedule/feed")
def renew_feed() -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        calendar.renew_feed(g.attendee)
        db.session.commit()
        flash(_("Your calendar address is ready. An address you used before no longer works."),
              "success")
    return redirect(url_for(".schedule"))


@bp.get("/feed/<feed_token>.ics")
def feed(feed_token: str) -> Response:
    attendee = calendar.attendee_by_feed_token(feed_token) or abort(404)
    return ics_response(calendar.attendee_calendar(attendee), download=False)


def ics_response(body: bytes, download: bool) -> Response:
    db.session.commit()  # calendar entries brought up to date while reading
    response = current_app.response_class(body, mimetype="text/calendar")
    if download:
        response.headers["Content-Disposition"] = 'attachment; filename="meetings.ics"'
    return response
