from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import format_time

from ..extensions import db
from ..i18n import current_language, remember_language, request_is_safe_target
from ..mail import deliver
from ..models import Event, Slot
from ..services import events as event_service
from ..services import notifications
from ..services.matching_settings import tag_suggestions
from ..services.registration import Registration, sign_up
from . import bp
from .forms import SignUpForm


@bp.get("/")
def event_page() -> str:
    event = require_event()
    return render_template(
        "public/event.html", event=event, seats=event_service.seat_counts(event),
        grid=event_service.slot_grid_of(event),
    )


@bp.route("/register", methods=["GET", "POST"])
def register():
    event = require_event()
    form = sign_up_form(event)
    if not form.validate_on_submit():
        return render_template("public/register.html", event=event, form=form,
                               seats=event_service.seat_counts(event),
                               tag_suggestions=tag_suggestions(event))
    outcome = sign_up(event, registration_from(form))
    mails = notifications.after_sign_up(outcome)
    db.session.commit()
    deliver(mails)
    return redirect(url_for("public.registered", waitlist=int(outcome.shown_as_waitlisted)))


@bp.get("/register/done")
def registered() -> str:
    event = require_event()
    return render_template("public/registered.html", event=event,
                           waitlisted=request.args.get("waitlist") == "1")


@bp.get("/privacy")
def privacy() -> str:
    config = current_app.config
    controller = {"name": config["ORGANISER_NAME"], "address": config["ORGANISER_ADDRESS"],
                  "email": config["ORGANISER_EMAIL"]}
    return render_template(
        "public/privacy.html", event=event_service.current_event(), controller=controller,
        version=config["PRIVACY_NOTICE_VERSION"], retention_days=config["RETENTION_DAYS_AFTER_EVENT"],
    )


@bp.get("/language/<language>")
def choose_language(language: str):
    if not remember_language(language):
        abort(404)
    target = request.args.get("next")
    return redirect(target if request_is_safe_target(target) else url_for("public.event_page"))


def require_event() -> Event:
    event = event_service.current_event()
    if event is None:
        abort(404)
    return event


def sign_up_form(event: Event) -> SignUpForm:
    form = SignUpForm()
    language = current_language()
    form.set_industries([(i.code, i.name(language)) for i in event_service.industries()])
    form.set_slots([(slot.number, slot_label(slot)) for slot in event.slots])
    return form


def slot_label(slot: Slot) -> str:
    """``10:30–10:50``; slot times are stored as the venue's local time, so no rebasing."""
    start = format_time(slot.starts_at, "HH:mm", rebase=False)
    return f"{start}–{format_time(slot.ends_at, 'HH:mm', rebase=False)}"


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
    )
