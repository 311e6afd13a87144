from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import refresh
from werkzeug.wrappers import Response as BaseResponse

from ..database import begin_writing
from ..extensions import db
from ..formatting import slot_label
from ..i18n import current_language, remember_language, request_is_safe_target
from ..mail import compose_after_response, deliver_after_response
from ..models import Event
from ..security import limited_per_client
from ..services.attendees import self_service
from ..services.attendees.registration import Registration, has_free_seat, sign_up
from ..services.events import events as event_service
from ..services.events import listing
from ..services.events.events import RegistrationState
from ..services.events.questions import event_questions
from ..services.mail import notifications
from ..services.programme.choices import choose_at_sign_up, seats_by_session
from ..services.programme.sessions import programme_of
from ..services.schedule.matching_settings import tag_suggestions
from ..web.event_list import event_filter, event_filter_form
from ..web.forms import LinkRequestForm, SignUpForm
from ..web.questions import given_answers, question_inputs, with_questions
from . import bp
from .programme import session_choice_label

FAVICON_MAX_AGE = 7 * 24 * 3600  # seconds


@bp.get("/")
def index() -> str | BaseResponse:
    """The events open for sign-up, searched, filtered and 20 to a page; with exactly one
    and no filter, that event's page."""
    filters = event_filter_form(request.args, listing.venues(public=True), _l("open for registration"))
    wanted = event_filter(filters)
    found = listing.public_events(wanted)
    if found.total == 1 and wanted.is_empty:
        return redirect(url_for("public.event_page", slug=found.events[0].slug))
    return render_template("public/index.html", found=found, filters=filters, filtered=not wanted.is_empty,
                           query=request.args.to_dict(), states=event_states(found.events))


def event_states(events: list[Event]) -> dict[str, RegistrationState]:
    return {event.slug: event_service.registration_state(event) for event in events}


@bp.get("/<slug>/", strict_slashes=False)
def event_page() -> str:
    event = g.event
    return render_template(
        "public/event.html", event=event, seats=event_service.seat_counts(event),
        grid=event_service.slot_grid_of(event), state=event_service.registration_state(event),
    )


@bp.route("/<slug>/register", methods=["GET", "POST"])
@limited_per_client("RATELIMIT_SIGN_UP", "MAIL_LIMIT_PER_CLIENT")
def register() -> str | BaseResponse | tuple[str, int]:
    """A bot that fills the honeypot is answered as if it had signed up; nothing is
    stored. Every mail goes out after the response, so a repeated sign-up times like a
    new one."""
    event = g.event
    state = event_service.registration_state(event)
    if state is not RegistrationState.OPEN:
        return render_template("public/closed.html", event=event, state=state), 403
    form = sign_up_form(event)
    if form.caught_in_honeypot():
        return redirect(url_for("public.registered", waitlist=int(not has_free_seat(event))))
    if not form.validate_on_submit():
        return sign_up_page(event, form)
    begin_writing()
    outcome = sign_up(event, registration_from(form))
    if outcome.is_new:
        choose_at_sign_up(outcome.attendee, form.sessions.data or [])
    mails = notifications.after_sign_up(outcome)
    db.session.commit()
    deliver_after_response(mails)
    return redirect(url_for("public.registered", waitlist=int(outcome.shown_as_waitlisted)))


@bp.post("/<slug>/register/language/<language>")
def register_in_language(language: str) -> str | BaseResponse:
    """The sign-up form's language switch: the form posts what was typed so far here and
    gets it back in the other language, unchecked; nothing is stored."""
    if not remember_language(language):
        abort(404)
    refresh()
    if event_service.registration_state(g.event) is not RegistrationState.OPEN:
        return redirect(url_for("public.register"))
    return sign_up_page(g.event, sign_up_form(g.event))


@bp.get("/<slug>/register/done")
def registered() -> str:
    return render_template("public/registered.html", event=g.event,
                           waitlisted=request.args.get("waitlist") == "1")


@bp.route("/<slug>/link", methods=["GET", "POST"])
@limited_per_client("RATELIMIT_LINK_REQUEST", "MAIL_LIMIT_PER_CLIENT")
def request_link() -> str | BaseResponse:
    """"Send me my link again": the same answer, after the same work, whether or not the
    address is registered; looking it up and the mail come after the response."""
    form = LinkRequestForm()
    if not form.validate_on_submit():
        return render_template("public/link.html", event=g.event, form=form)
    compose_after_response(self_service.request_link_later, g.event.id, form.email.data)
    flash_link_sent()
    return redirect(url_for(".request_link"))


@bp.get("/privacy")
def privacy() -> str:
    config = current_app.config
    controller = {"name": config["ORGANISER_NAME"], "address": config["ORGANISER_ADDRESS"],
                  "email": config["ORGANISER_EMAIL"]}
    return render_template(
        "public/privacy.html", controller=controller, version=config["PRIVACY_NOTICE_VERSION"],
        retention_days=config["RETENTION_DAYS_AFTER_EVENT"],
    )


@bp.get("/favicon.ico")
def favicon() -> BaseResponse:
    """Browsers and feed readers ask for it whatever the page links (base.html links the SVG)."""
    return send_from_directory(current_app.static_folder or "", "favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=FAVICON_MAX_AGE)


@bp.get("/language/<language>")
def choose_language(language: str) -> BaseResponse:
    if not remember_language(language):
        abort(404)
    target = request.args.get("next")
    return redirect(target if request_is_safe_target(target) else url_for("public.index"))


def flash_link_sent() -> None:
    flash(_("If this address is registered for the event, we have just sent the personal "
            "link to it. Please also check your spam folder."), "success")


def sign_up_form(event: Event) -> SignUpForm:
    """The sign-up form with the event's own questions after the meeting preferences."""
    language = current_language()
    form = with_questions(SignUpForm, event_questions(event), language)()
    form.set_industries([(i.code, i.name(language)) for i in event_service.industries()])
    form.set_slots([(slot.number, slot_label(slot)) for slot in event.slots])
    programme, seats = programme_of(event), seats_by_session(event)
    form.set_sessions([(s.id, session_choice_label(s, seats.get(s.id))) for s in programme],
                      {s.id: (s.starts_at, s.ends_at) for s in programme})
    return form


def sign_up_page(event: Event, form: SignUpForm) -> str:
    return render_template("public/register.html", event=event, form=form,
                           seats=event_service.seat_counts(event),
                           tag_suggestions=tag_suggestions(event),
                           questions=question_inputs(form, event_questions(event)))


def registration_from(form: SignUpForm) -> Registration:
    return Registration(
        email=form.email.data, first_name=form.first_name.data, last_name=form.last_name.data,
        organisation=form.organisation.data, position=form.position.data,
        org_type=form.org_type.data, industry_code=form.industry.data, cluster=form.cluster.data,
        themes=form.themes.data or [], keywords=form.keywords.data, offers=form.offers.data,
        seeks=form.seeks.data, wants_meetings=form.wants_meetings.data,
        unavailable_slots=sorted(form.unavailable_slots.data or []),
        max_meetings=form.max_meetings.data, matching_consent=form.matching_consent.data,
        language=current_language(),
        privacy_notice_version=current_app.config["PRIVACY_NOTICE_VERSION"],
        answers=given_answers(form, event_questions(g.event)),
    )
