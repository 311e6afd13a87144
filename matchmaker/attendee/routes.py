"""The attendee's page, edit forms, data download, cancelling and erasing.

Every route with ``<token>`` gets the attendee as ``g.attendee`` (see ``__init__``).
"""

import json
from typing import Any

from flask import (
    Response,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse

from .. import mail
from ..badge_code import shown
from ..extensions import db
from ..formatting import slot_label
from ..i18n import current_language, remember_language
from ..reasons import phrase_reasons
from ..services.attendees import answers, privacy, self_service
from ..services.attendees.self_service import Interests, MeetingPreferences, Profile
from ..services.events import events as event_service
from ..services.events.questions import event_questions
from ..services.schedule.matching_settings import tag_suggestions
from ..web.form_data import details_from, form_data
from ..web.forms import ConfirmForm, InterestFields, MeetingFields, PersonFields
from ..web.questions import answer_form_data, answer_lines, given_answers, question_inputs, with_questions
from . import bp
from .forms import MeetingsForm


@bp.get("/<token>")
def home() -> str:
    attendee, language = g.attendee, current_language()
    slots = {slot.number: slot_label(slot) for slot in attendee.event.slots}
    industries = {industry.code: industry.name(language) for industry in event_service.industries()}
    return render_template(
        "attendee/home.html", **page(),
        industry=industries[attendee.industry_code], badge_code=shown(attendee.badge_code),
        unavailable=[slots[number] for number in attendee.unavailable_slots if number in slots],
        meetings=[(meeting, phrase_reasons(meeting.reasons, attendee.id, industries))
                  for meeting in self_service.published_meetings(attendee)],
        answers=answer_lines(answers.stored_answers(attendee), language),
    )


@bp.route("/<token>/profile", methods=["GET", "POST"])
def profile() -> str | BaseResponse:
    form = prepared(PersonFields, Profile)
    if not form.validate_on_submit():
        return render_template("attendee/profile.html", **page(form=form))
    self_service.update_details(g.attendee, details_from(form, Profile))
    return saved()


@bp.route("/<token>/interests", methods=["GET", "POST"])
def interests() -> str | BaseResponse:
    form = prepared(InterestFields, Interests)
    if not form.validate_on_submit():
        return render_template("attendee/interests.html", **page(
            form=form, tag_suggestions=tag_suggestions(g.attendee.event)))
    self_service.update_details(g.attendee, details_from(form, Interests))
    return saved()


@bp.route("/<token>/meetings", methods=["GET", "POST"])
def meetings() -> str | BaseResponse:
    form = prepared(MeetingsForm, MeetingPreferences, matching_consent=g.attendee.matching_consent)
    if not form.validate_on_submit():
        return render_template("attendee/meetings.html", **page(form=form))
    self_service.update_meetings(
        g.attendee, details_from(form, MeetingPreferences), form.matching_consent.data,
        current_app.config["PRIVACY_NOTICE_VERSION"],
    )
    return saved()


@bp.route("/<token>/answers", methods=["GET", "POST"])
def answer_questions() -> str | BaseResponse:
    """The organiser's own questions: the attendee sees and changes their answers."""
    questions = event_questions(g.attendee.event)
    form_class = with_questions(FlaskForm, questions, current_language())
    form = form_class(data=None if request.method == "POST" else answer_form_data(
        answers.stored_answers(g.attendee)))
    if not form.validate_on_submit():
        return render_template("attendee/answers.html", **page(
            form=form, questions=question_inputs(form, questions)))
    answers.store_answers(g.attendee, given_answers(form, questions))
    return saved()


@bp.get("/<token>/data.json")
def data() -> Response:
    body = json.dumps(privacy.personal_data(g.attendee), ensure_ascii=False, indent=2)
    response = current_app.response_class(body, mimetype="application/json")
    filename = f"registration-{g.attendee.number}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/<token>/cancel", methods=["GET", "POST"])
def cancel() -> str | BaseResponse:
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("attendee/cancel.html", **page(form=form))
    cancellation = self_service.cancel(g.attendee)
    db.session.commit()
    mail.deliver(cancellation.mails)
    if cancellation.done:
        flash(_("Your registration is cancelled. We have sent you a confirmation."), "success")
    else:
        flash(_("Your registration was already cancelled."), "info")
    return redirect(url_for(".home"))


@bp.route("/<token>/erase", methods=["GET", "POST"])
def erase() -> str | BaseResponse:
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("attendee/erase.html", **page(form=form))
    erasure = privacy.erase(g.attendee)
    db.session.commit()
    mail.forget_outbox_files([erasure.email])
    mail.deliver(erasure.mails)
    flash(_("Your registration and all data stored about you have been deleted."), "success")
    # The next page speaks the language this message was written in (the attendee's).
    remember_language(current_language())
    return redirect(url_for("public.event_page", slug=g.attendee.event.slug))


def page(**extra: Any) -> dict[str, Any]:
    return {"event": g.attendee.event, "attendee": g.attendee, **extra}


def prepared(form_class: type[FlaskForm], details: type, **extra: Any) -> Any:
    """An edit form with its choices set from the event; on GET filled with the attendee's
    values (on POST only what was submitted counts: a missing field is an empty one)."""
    current = None if request.method == "POST" else {**form_data(g.attendee, details), **extra}
    form = form_class(data=current)
    if isinstance(form, PersonFields):
        form.set_industries(industry_choices())
    if isinstance(form, MeetingFields):
        form.set_slots([(slot.number, slot_label(slot)) for slot in g.attendee.event.slots])
    return form


def industry_choices() -> list[tuple[str, str]]:
    language = current_language()
    return [(industry.code, industry.name(language)) for industry in event_service.industries()]


def saved() -> BaseResponse:
    db.session.commit()
    flash(_("Your changes have been saved."), "success")
    return redirect(url_for(".home"))
