"""The event's settings; a change that would remove planned meetings says so first."""

from dataclasses import asdict
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse

from .. import mail
from ..extensions import db
from ..models import Event
from ..refusals import refusal
from ..services import DomainError
from ..services.events.events import events_of
from ..services.events.settings import (
    EventSettings,
    apply_settings,
    blocks_text,
    impact_of,
    settings_of,
)
from ..services.schedule.behaviour import feedback_sources, set_feedback_bonus_source, valued_pairings
from ..services.schedule.matching_settings import (
    event_weights,
    set_compact_days,
    set_synonyms,
    set_weights,
    synonym_text,
)
from ..services.schedule.similar_tags import embed_event_tags
from ..services.schedule.similar_tags import enabled as similar_enabled
from ..services.schedule.slot_offers import set_offer_minutes
from ..services.schedule.synonym_proposals import accept_synonym_group, synonym_proposals
from ..web.outcome import carry_out
from . import bp
from .forms import WEIGHT_NAMES, FeedbackBonusForm, OfferTimeForm, SettingsForm, weights_form_class


@bp.route("/<slug>/settings", methods=["GET", "POST"])
def settings() -> str | BaseResponse:
    form = SettingsForm(data=None if request.method == "POST" else form_values(g.event))
    impact = None
    if form.validate_on_submit():
        wanted = settings_from(form)
        try:
            impact = impact_of(g.event, wanted)
            if not impact.needs_confirmation or form.confirmed.data == "yes":
                mails = apply_settings(g.event, wanted, current_user.email)
                db.session.commit()
                mail.deliver_after_response(mails)
                flash(_("The settings are saved."), "success")
                return redirect(url_for(".settings"))
        except DomainError as error:
            flash(refusal(error), "error")
    return render_template("organiser/settings.html", form=form, impact=impact)


def venue_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def to_local(value: datetime | None) -> datetime | None:
    """Stored UTC (naive) -> the venue's wall-clock time for the form."""
    if value is None:
        return None
    return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(venue_zone()).replace(tzinfo=None)


def to_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=venue_zone()).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def form_values(event: Event) -> dict[str, object]:
    current = settings_of(event)
    return {
        "title": current.title, "starts_on": current.starts_on, "venue": current.venue,
        "capacity": current.capacity,
        "registration_opens": to_local(current.registration_opens_at),
        "registration_closes": to_local(current.registration_closes_at),
        "blocks": blocks_text(current.blocks).replace(",", ", "),
        "meeting_minutes": current.meeting_minutes, "table_names": "\n".join(current.table_names),
        "booking_on_acceptance": current.booking_on_acceptance, "theme": current.theme or "",
    }


def settings_from(form: SettingsForm) -> EventSettings:
    return EventSettings(
        title=form.title.data, starts_on=form.starts_on.data, venue=form.venue.data,
        capacity=form.capacity.data, registration_opens_at=to_utc(form.registration_opens.data),
        registration_closes_at=to_utc(form.registration_closes.data), blocks=form.parsed_blocks,
        meeting_minutes=form.meeting_minutes.data, table_names=form.parsed_tables,
        booking_on_acceptance=form.booking_on_acceptance.data, theme=form.theme.data or None,
    )


@bp.route("/<slug>/settings/matchmaking", methods=["GET", "POST"])
def matchmaking_settings() -> str | BaseResponse:
    form_class = weights_form_class()
    current = None if request.method == "POST" else {
        **asdict(event_weights(g.event)), "synonyms": synonym_text(g.event),
        "compact_days": g.event.compact_days}
    form = form_class(data=current)
    if form.validate_on_submit():
        try:
            set_weights(g.event, {name: form[name].data for name in WEIGHT_NAMES})
            set_synonyms(g.event, form.synonyms.data or "")
            set_compact_days(g.event, form.compact_days.data)
        except DomainError as error:
            form.synonyms.errors.append(refusal(error))
        else:
            db.session.commit()
            flash(_("The matchmaking settings are saved; they count from the next run."), "success")
            return redirect(url_for(".matchmaking_settings"))
    return render_template("organiser/matchmaking_settings.html", form=form, names=WEIGHT_NAMES,
                           offer_form=OfferTimeForm(data={"offer_minutes": g.event.offer_minutes}),
                           bonus_form=feedback_bonus_form(), valued=valued_pairings(g.event),
                           proposals=synonym_proposals(g.event), similar_on=similar_enabled())


@bp.post("/<slug>/settings/synonym-proposals")
def accept_synonym_proposal() -> BaseResponse:
    """Accept one proposed synonym group (its members as the page listed them)."""
    form = FlaskForm()
    members = request.form.getlist("members")
    if form.validate_on_submit() and len(members) > 1:
        carry_out(lambda: accept_synonym_group(g.event, members),
                  _("The group %(group)s is in the synonym list.", group=" = ".join(members)))
    return redirect(url_for(".matchmaking_settings"))


@bp.post("/<slug>/settings/synonym-proposals/update")
def update_synonym_proposals() -> BaseResponse:
    """Embed the tags that have no vector yet (takes seconds the first time)."""
    if FlaskForm().validate_on_submit():
        count = embed_event_tags(g.event)
        db.session.commit()
        flash(_("%(count)d new tags compared.", count=count), "success")
    return redirect(url_for(".matchmaking_settings"))


@bp.post("/<slug>/settings/offers")
def offer_time() -> BaseResponse:
    form = OfferTimeForm()
    if form.validate_on_submit():
        set_offer_minutes(g.event, form.offer_minutes.data, current_user.email)
        db.session.commit()
        flash(_("Offered free slots now wait %(minutes)d minutes for an answer.",
                minutes=form.offer_minutes.data), "success")
    else:
        flash(" ".join(str(error) for error in form.offer_minutes.errors), "error")
    return redirect(url_for(".matchmaking_settings"))


@bp.post("/<slug>/settings/feedback-bonus")
def feedback_bonus() -> BaseResponse:
    """Choose the earlier event whose valuable pairings give a small bonus, or none."""
    form = feedback_bonus_form()
    if form.validate_on_submit():
        source = db.session.get(Event, form.source.data) if form.source.data else None
        carry_out(lambda: set_feedback_bonus_source(g.event, source),
                  _("Last time's feedback: saved; it counts from the next run."))
    return redirect(url_for(".matchmaking_settings"))


def feedback_bonus_form() -> FeedbackBonusForm:
    """The form with the organiser's earlier events as choices."""
    form = FeedbackBonusForm(data=None if request.method == "POST" else {
        "source": g.event.feedback_bonus_from_id or 0})
    form.source.choices = [(0, _("Off")), *((e.id, f"{e.title} ({format_date(e.starts_on)})")
                                            for e in feedback_sources(g.event, events_of(current_user)))]
    return form
