"""The attendee's side of matchmaking: suggestions, participants, requests and blocks."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from .. import mail
from ..extensions import db
from ..formatting import slot_label
from ..models import Meeting
from ..reasons import phrase_reasons
from ..refusals import refusal, refusal_text
from ..services import DomainError
from ..services.attendees import booking, not_interested, participants
from ..services.attendees import meeting_requests as requests_service
from ..services.attendees.favourites import favourite_ids
from ..services.attendees.participants import Filters
from ..services.schedule.behaviour import own_doing
from ..web.forms import ConfirmForm
from . import bp
from .bookings import back_to
from .forms import NotInterestedForm, ParticipantFilterForm, RequestForm
from .routes import industry_choices, page


@bp.get("/<token>/suggestions")
def suggestions() -> str:
    rows = participants.suggestions_for(g.attendee)
    db.session.commit()  # lazily expired requests
    industries = dict(industry_choices())
    return render_template("attendee/suggestions.html", **page(
        industries=industries, form=ConfirmForm(), favourites=favourite_ids(g.attendee),
        suggestions=[(row, phrase_reasons(row.reasons, g.attendee.id, industries)) for row in rows],
        not_interested=[participants.person(p) for p in not_interested.not_interested_people(g.attendee)]))


@bp.get("/<token>/participants")
def participant_list() -> str:
    form = ParticipantFilterForm(request.args)
    form.validate()
    filters = Filters(**{name: form[name].data or "" for name in ("org_type", "industry", "theme", "cluster")},
                      keyword=form.keyword.data or "" if not form.keyword.errors else "",
                      only=frozenset(favourite_ids(g.attendee)) if form.favourites.data else None)
    listing = participants.participant_page(g.attendee, filters, request.args.get("page", 1, type=int))
    industries = industry_choices()  # once: the page reads them twice
    form.set_choices(industries, listing.clusters)
    query = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("attendee/participants.html", **page(
        form=form, listing=listing, query=query, industries=dict(industries),
        favourites=favourite_ids(g.attendee)))


@bp.route("/<token>/participants/<int:number>", methods=["GET", "POST"])
def person(number: int) -> str | BaseResponse:
    other = participants.visible_attendee(g.attendee, number) or abort(404)
    options = booking.request_options(g.attendee, other)
    form = RequestForm()
    form.set_slots([(slot, label) for slot, label in slot_labels().items() if slot in options.slots])
    if form.validate_on_submit():
        try:
            outcome = booking.ask(g.attendee, other, form.message.data, form.slots.data or [])
        except DomainError as error:
            flash(refusal(error), "error")
        else:
            db.session.commit()
            mail.deliver(outcome.mails)
            flash(booked_text(outcome.meeting) if outcome.meeting else _(
                "Your request has been sent. We will write to you when %(name)s answers.",
                name=other.full_name), "success")
            return redirect(url_for(".requests"))
    industries = dict(industry_choices())
    return render_template("attendee/person.html", **page(
        other=participants.person(other), form=form, industries=industries,
        favourites=favourite_ids(g.attendee), options=options,
        why_not=why_not(options.state, other.full_name),
        not_interested=not_interested.not_interested_ids(g.attendee),
        why=phrase_reasons(participants.pair_reasons(g.attendee, other), g.attendee.id, industries),
        kept_apart=kept_apart_text(own_doing(g.attendee.event, g.attendee, other), other.full_name)))


def kept_apart_text(code: str | None, name: str) -> str | None:
    """What the attendee did that keeps the matchmaking from pairing them with ``name``
    (a "not interested" mark has its own section on the page)."""
    if code == "request_declined":
        return _("You declined a meeting request from %(name)s, so the matchmaking does not pair "
                 "you, unless you ask them for a meeting yourself.", name=name)
    if code == "rated_not_valuable":
        return _("You rated your last meeting with %(name)s as not valuable, so the matchmaking "
                 "does not pair you at this event.", name=name)
    return None


def slot_labels() -> dict[int, str]:
    return {slot.number: slot_label(slot) for slot in g.attendee.event.slots}


def why_not(state: str | None, name: str) -> str | None:
    """The page's word on why nobody can be asked here (None: they can)."""
    return None if state in (None, booking.OPEN) else refusal_text(str(state), {"name": name})


def booked_text(meeting: Meeting) -> str:
    return _("The meeting is booked: %(time)s at table %(table)s. It is in your schedule.",
             time=slot_label(meeting.slot), table=meeting.table.name)


@bp.get("/<token>/requests")
def requests() -> str:
    rows = requests_service.request_rows(g.attendee)
    db.session.commit()  # lazily expired requests
    pending = [r.id for r in rows if r.incoming and r.status == "pending"]
    return render_template("attendee/requests.html", **page(
        incoming=[r for r in rows if r.incoming], outgoing=[r for r in rows if not r.incoming],
        blocked=requests_service.blocked_people(g.attendee), form=ConfirmForm(),
        choices=booking.accept_choices(g.attendee, pending), booked=booking.booked_with(g.attendee),
        slots=slot_labels(), booking_open=booking.booking_open(g.attendee.event)))


@bp.post("/<token>/requests/<int:request_id>/<any(accept, decline):choice>")
def answer_request(request_id: int, choice: str) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        try:
            if choice == "accept":
                outcome = booking.accept(g.attendee, request_id, request.form.get("slot", type=int))
            else:
                outcome = booking.decline(g.attendee, request_id)
        except DomainError as error:
            flash(refusal(error), "error")
        else:
            db.session.commit()
            mail.deliver(outcome.mails)
            flash(answered_text(choice, outcome), "success")
    return redirect(url_for(".requests"))


def answered_text(choice: str, outcome: booking.BookingOutcome) -> str:
    if choice == "decline":
        return " ".join((_("You declined the request."), _(
            "The matchmaking will not pair you two, unless you ask for a meeting yourself.")))
    if outcome.meeting is not None:
        return booked_text(outcome.meeting)
    if outcome.booking_open:
        return _("You accepted the request. You have no free time in common with a free table, so "
                 "the meeting waits for the next planning by the organisers.")
    return _("You accepted the request: the meeting goes into the schedule when the organisers plan it.")


@bp.post("/<token>/requests/<int:request_id>/withdraw")
def withdraw_request(request_id: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        try:
            requests_service.withdraw(g.attendee, request_id)
        except DomainError as error:
            flash(refusal(error), "error")
        else:
            db.session.commit()
            flash(_("You withdrew your request."), "success")
    return redirect(url_for(".requests"))


@bp.post("/<token>/participants/<int:number>/block")
def block(number: int) -> BaseResponse:
    other = participants.visible_attendee(g.attendee, number) or abort(404)
    if ConfirmForm().validate_on_submit():
        requests_service.block(g.attendee, other)
        db.session.commit()
        flash(_("You blocked %(name)s: you will not be paired and cannot send each other "
                "requests. They are not told.", name=other.full_name), "success")
    return redirect(url_for(".requests"))


@bp.post("/<token>/blocks/<int:number>/remove")
def unblock(number: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        requests_service.unblock(g.attendee, number)
        db.session.commit()
        flash(_("The block has been lifted."), "success")
    return redirect(url_for(".requests"))


@bp.post("/<token>/participants/<int:number>/not-interested")
def mark_not_interested(number: int) -> BaseResponse:
    """Mark someone "not interested" (never paired, no longer suggested), or take it back."""
    other = participants.visible_attendee(g.attendee, number) or abort(404)
    form = NotInterestedForm()
    if form.validate_on_submit():
        marked = form.not_interested.data == "1"
        not_interested.mark(g.attendee, other, marked)
        db.session.commit()
        flash(_("You will not be paired with %(name)s, and they are no longer suggested to you. "
                "They are not told.", name=other.full_name) if marked
              else _("%(name)s may be suggested to you and paired with you again.", name=other.full_name),
              "success")
    return back_to(form.back.data, number)
