"""Attendees: the list with search, filters and bulk actions; one attendee's page with
edits, status, notes and blocked partners; messages to a selection; the audit log."""

from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as BaseResponse

from .. import mail
from ..extensions import db
from ..formatting import slot_label
from ..i18n import current_language
from ..models import Attendee
from ..refusals import refusal, refusal_text
from ..services import DomainError
from ..services.attendees import admin
from ..services.attendees.answers import change_answers, stored_answers
from ..services.attendees.self_service import Interests, MeetingPreferences, Profile
from ..services.audit import audit_entries
from ..services.events import events as event_service
from ..services.events.questions import event_questions
from ..services.schedule.behaviour import kept_apart_from
from ..services.schedule.blocked_pairs import block_candidates, block_pair, blocked_pair_rows, unblock_pair
from ..url_converters import database_int
from ..web.form_data import details_from, form_data
from ..web.forms import ConfirmForm
from ..web.questions import answer_form_data, answer_lines, given_answers, question_inputs, with_questions
from . import bp
from .forms import (
    AttendeeEditForm,
    AttendeeFilterForm,
    BlockForm,
    CancelSelectionForm,
    SelectionForm,
    StatusForm,
)


@bp.get("/<slug>/attendees")
def attendees() -> str:
    filters = filter_form(request.args)
    found = admin.find_attendees(g.event, attendee_filter(filters))
    return render_template("organiser/attendees.html", filters=filters, found=found,
                           selection=SelectionForm(), query=request.args.to_dict())


@bp.post("/<slug>/attendees/selection")
def selection() -> BaseResponse:
    """The ticked attendees, or all that the list's filter (this URL's query) selects."""
    # The list's filter, without url_for's own options (_external, _scheme, _anchor, ...).
    query: dict[str, Any] = {key: value for key, value in request.args.items() if not key.startswith("_")}
    form, back = SelectionForm(), url_for(".attendees", **query)
    numbers = selected_numbers(form) if form.validate_on_submit() else []
    if not numbers:
        flash(_("Please tick at least one attendee and choose an action."), "error")
        return redirect(back)
    if form.action.data in ("message", "cancel"):  # both ask before anything happens
        page = ".write_message" if form.action.data == "message" else ".cancel_selection"
        return redirect(url_for(page, numbers=",".join(str(number) for number in numbers)))
    apply_status(admin.attendees_by_number(g.event, numbers), admin.StatusAction(form.action.data))
    return redirect(back)


@bp.route("/<slug>/attendees/cancel", methods=["GET", "POST"])
def cancel_selection() -> str | BaseResponse:
    """Cancelling several registrations: who and how many first, and whether to tell them."""
    people = admin.attendees_by_number(g.event, numbers_in(request.args.get("numbers", "")))
    form = CancelSelectionForm()
    if not people:
        flash(_("Please tick at least one attendee and choose an action."), "error")
        return redirect(url_for(".attendees"))
    if form.validate_on_submit():
        apply_status(people, admin.StatusAction.CANCEL, notify=form.notify.data)
        return redirect(url_for(".attendees"))
    return render_template("organiser/cancel_selection.html", form=form,
                           people=[admin.cancel_row(person) for person in people])


@bp.route("/<slug>/attendees/<int:number>", methods=["GET", "POST"])
def attendee(number: int) -> str | BaseResponse:
    person = attendee_or_404(number)
    form = edit_form(person)
    if form.validate_on_submit():
        try:
            changed = admin.edit_attendee(person, changes_from(form), current_user.email)
        except DomainError:
            form.email.errors.append(_("Another registration of this event has this address."))
        else:
            db.session.commit()
            flash(_("Saved.") if changed else _("Nothing was changed."), "success")
            return redirect(url_for(".attendee", number=number))
    return render_template(
        "organiser/attendee.html", person=person, form=form, status_form=StatusForm(),
        block_form=block_form(person), log=audit_entries(g.event, attendee_number=number, per_page=20),
        blocked=blocked_pair_rows(g.event, person),
        kept_apart=[(row, refusal_text(row.code)) for row in kept_apart_from(g.event, person)],
        answers=answer_lines(stored_answers(person), current_language()),
    )


@bp.route("/<slug>/attendees/<int:number>/answers", methods=["GET", "POST"])
def attendee_answers(number: int) -> str | BaseResponse:
    """The answers to the own questions; health answers only the attendee gives (consent)."""
    person = attendee_or_404(number)
    questions = [q for q in event_questions(g.event) if not q.special_category]
    form = with_questions(FlaskForm, questions, current_language())(
        data=None if request.method == "POST" else answer_form_data(stored_answers(person)))
    if not form.validate_on_submit():
        return render_template("organiser/attendee_answers.html", person=person, form=form,
                               questions=question_inputs(form, questions))
    changed = change_answers(person, given_answers(form, questions), current_user.email)
    db.session.commit()
    flash(_("Saved.") if changed else _("Nothing was changed."), "success")
    return redirect(url_for(".attendee", number=number))


@bp.post("/<slug>/attendees/<int:number>/status")
def attendee_status(number: int) -> BaseResponse:
    form = StatusForm()
    if form.validate_on_submit():
        apply_status([attendee_or_404(number)], admin.StatusAction(form.action.data))
    return redirect(url_for(".attendee", number=number))


@bp.post("/<slug>/attendees/<int:number>/block")
def block(number: int) -> BaseResponse:
    person = attendee_or_404(number)
    form = block_form(person)
    try:
        if not form.validate_on_submit():
            raise DomainError("attendee_not_found")
        block_pair(g.event, person, admin.attendee_of(g.event, int(form.other.data)), current_user.email)
    except DomainError as error:
        flash(refusal(error), "error")
    else:
        db.session.commit()
        flash(_("These two attendees will never be paired."), "success")
    return redirect(url_for(".attendee", number=number))


@bp.get("/<slug>/blocked-pairs")
def blocked_pairs() -> str:
    return render_template("organiser/blocked_pairs.html", pairs=blocked_pair_rows(g.event),
                           form=ConfirmForm())


@bp.post("/<slug>/blocked-pairs/<int:pair_id>/delete")
def unblock(pair_id: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        try:
            unblock_pair(g.event, pair_id, current_user.email)
        except DomainError:
            abort(404)
        db.session.commit()
        flash(_("The pair may be matched again."), "success")
    return redirect(url_for(".blocked_pairs"))


@bp.get("/<slug>/audit")
def audit() -> str:
    number = request.args.get("attendee", type=database_int)
    page = max(request.args.get("page", 1, type=database_int), 1)
    return render_template("organiser/audit.html", log=audit_entries(g.event, number, page),
                           number=number, page=page)


def apply_status(people: list[Attendee], action: admin.StatusAction, notify: bool = True) -> None:
    outcome = admin.change_status(g.event, people, action, current_user.email, notify=notify)
    db.session.commit()
    mail.deliver_after_response(outcome.mails)
    if outcome.changed:
        flash(_("Done for %(count)d attendee(s).", count=len(outcome.changed)), "success")
    for number, code in outcome.refused.items():
        flash(_("No. %(number)d: %(reason)s", number=number, reason=refusal_text(code)), "error")


def selected_numbers(form: SelectionForm) -> list[int]:
    if form.all_matching.data:
        return admin.matching_numbers(g.event, attendee_filter(filter_form(request.args)))
    return form.selected.data or []


def numbers_in(text: str) -> list[int]:
    """Registration numbers from ``1,5,7`` (at most 5,000; anything else is ignored)."""
    return [int(part) for part in text.split(",") if part.strip().isdigit()][:5000]


def attendee_or_404(number: int) -> Attendee:
    try:
        return admin.attendee_of(g.event, number)
    except DomainError:
        abort(404)


def block_form(person: Attendee) -> BlockForm:
    form = BlockForm()
    form.set_people(block_candidates(g.event, person))
    return form


def filter_form(args: MultiDict) -> AttendeeFilterForm:
    form = AttendeeFilterForm(formdata=args)
    form.set_choices(industry_choices(), admin.clusters(g.event))
    form.validate()
    return form


def attendee_filter(form: AttendeeFilterForm) -> admin.AttendeeFilter:
    """The form's values as the service's filter; anything unknown filters nothing."""
    def choice(field: Any) -> str:
        return field.data if field.data in {choice.value for choice in field.choices} else ""

    yes_no = {"yes": True, "no": False}
    return admin.AttendeeFilter(
        search=(form.q.data or "")[:200], status=choice(form.status), org_type=choice(form.org_type),
        industry=choice(form.industry), theme=choice(form.theme), cluster=choice(form.cluster),
        wants_meetings=yes_no.get(form.wants_meetings.data or ""),
        confirmed=yes_no.get(form.confirmed.data or ""),
        sort=admin.Sort(choice(form.sort) or "number"),
        page=1 if form.page.errors else (form.page.data or 1),
    )


def industry_choices() -> list[tuple[str, str]]:
    language = current_language()
    return [(industry.code, industry.name(language)) for industry in event_service.industries()]


def edit_form(person: Attendee) -> AttendeeEditForm:
    current = None
    if request.method == "GET":
        current = {**form_data(person, Profile), **form_data(person, Interests),
                   **form_data(person, MeetingPreferences), "email": person.email,
                   "language": person.language, "organiser_notes": person.organiser_notes}
    form = AttendeeEditForm(data=current)
    form.set_industries(industry_choices())
    form.set_slots([(slot.number, slot_label(slot)) for slot in g.event.slots])
    return form


def changes_from(form: AttendeeEditForm) -> admin.AttendeeChanges:
    return admin.AttendeeChanges(
        email=form.email.data, language=form.language.data,
        organiser_notes=form.organiser_notes.data or "",
        profile=details_from(form, Profile), interests=details_from(form, Interests),
        preferences=details_from(form, MeetingPreferences),
    )
