"""The attendee books for themselves: favourites, and (below) moving, giving back and
taking offered slots of published meetings. Every view is a few lines over one service."""

from collections.abc import Callable
from datetime import datetime

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from .. import mail
from ..extensions import db
from ..models import OutgoingMail
from ..reasons import phrase_reasons
from ..services.attendees import favourites, participants
from ..services.schedule import own_meetings as own
from ..services.schedule import slot_offers, team_meetings
from ..web.forms import ConfirmForm
from ..web.outcome import carry_out
from . import bp
from .forms import FavouriteForm, GiveBackForm, MoveForm, SwitchForm
from .routes import industry_choices, page

# Where a favourite or "not interested" button sends the attendee back to (never a URL
# from the request).
BACK = {"participants": ".participant_list", "suggestions": ".suggestions"}


@bp.post("/<token>/participants/<int:number>/favourite")
def favourite(number: int) -> BaseResponse:
    other = participants.visible_attendee(g.attendee, number) or abort(404)
    form = FavouriteForm()
    if form.validate_on_submit():
        marked = form.favourite.data == "1"
        favourites.mark(g.attendee, other, marked)
        db.session.commit()
        flash(_("You marked %(name)s as interesting.", name=other.full_name) if marked
              else _("%(name)s is no longer marked as interesting.", name=other.full_name), "success")
    return back_to(form.back.data, number)


def back_to(back: str | None, number: int) -> BaseResponse:
    """To the page a mark's button was on: a list (``BACK``), else that person's page."""
    page_name = BACK.get(back or "")
    return redirect(url_for(page_name) if page_name else url_for(".person", number=number))


@bp.get("/<token>/my-meetings")
def own_meetings() -> str:
    offers, mails = slot_offers.open_offers(g.attendee)
    db.session.commit()  # offers that expired meanwhile went on to the next person
    mail.deliver(mails)
    industries = dict(industry_choices())
    return render_template("attendee/own_meetings.html", **page(
        meetings=own.own_meetings(g.attendee), notices=own.notices(g.attendee), form=ConfirmForm(),
        joined=team_meetings.joined_meetings(g.attendee),
        offers=[(offer, phrase_reasons(offer.reasons, g.attendee.id, industries)) for offer in offers]))


@bp.route("/<token>/my-meetings/<int:meeting_id>/move", methods=["GET", "POST"])
def move_meeting(meeting_id: int) -> str | BaseResponse:
    meeting = meeting_row(meeting_id)
    form = MoveForm()
    form.slot.choices = [(c.number, slot_text(c.starts_at, c.ends_at))
                         for c in own.move_choices(g.attendee, meeting_id)]
    if form.validate_on_submit():
        return done(lambda: own.propose_move(g.attendee, meeting_id, form.slot.data).mails,
                    _("We have asked %(name)s to move the meeting. Until they accept, it stays at its time.",
                      name=meeting.partner_name))
    return render_template("attendee/move_meeting.html", **page(meeting=meeting, form=form))


@bp.post("/<token>/my-meetings/<int:meeting_id>/move/<any(accept, decline):choice>")
def answer_move(meeting_id: int, choice: str) -> BaseResponse:
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".own_meetings"))
    return done(lambda: own.answer_move(g.attendee, meeting_id, accept=choice == "accept").mails,
                _("The meeting has been moved.") if choice == "accept"
                else _("You declined: the meeting stays at its time."))


@bp.route("/<token>/my-meetings/<int:meeting_id>/give-back", methods=["GET", "POST"])
def give_back(meeting_id: int) -> str | BaseResponse:
    meeting = meeting_row(meeting_id)
    form = GiveBackForm()
    if form.validate_on_submit():
        return done(lambda: own.give_back(g.attendee, meeting_id, form.note.data).mails,
                    _("The meeting with %(name)s is cancelled; we have told them.", name=meeting.partner_name))
    return render_template("attendee/give_back.html", **page(meeting=meeting, form=form))


@bp.post("/<token>/offers/<int:offer_id>/accept")
def accept_offer(offer_id: int) -> BaseResponse:
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".own_meetings"))
    return done(lambda: slot_offers.accept_offer(g.attendee, offer_id),
                _("The meeting is booked for both of you; we have told your partner."))


@bp.post("/<token>/my-meetings/fill-free-slots")
def fill_free_slots() -> BaseResponse:
    form = SwitchForm()
    if form.validate_on_submit():
        on = form.on.data == "1"
        slot_offers.set_fills_free_slots(g.attendee, on)
        db.session.commit()
        flash(_("We will offer you slots that become free, and offer your freed slots to others.")
              if on else _("We will no longer fill your free slots."), "success")
    return redirect(url_for(".own_meetings"))


def meeting_row(meeting_id: int) -> own.OwnMeeting:
    """One of the attendee's own published meetings as the page shows it (not one they sit
    in as a colleague), or 404."""
    return next((m for m in own.own_meetings(g.attendee) if m.id == meeting_id), None) or abort(404)


def done(action: Callable[[], list[OutgoingMail]], message: str) -> BaseResponse:
    """Carry out the service call, then back to the attendee's meetings."""
    carry_out(action, message)
    return redirect(url_for(".own_meetings"))


def slot_text(starts_at: datetime, ends_at: datetime) -> str:
    """``14:20–14:40`` (slot times are the venue's, never rebased)."""
    return f"{format_time(starts_at, 'HH:mm', rebase=False)}–{format_time(ends_at, 'HH:mm', rebase=False)}"
