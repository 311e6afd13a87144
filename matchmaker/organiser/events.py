"""The events an organiser may manage: the list, a new event (or a copy), archiving."""

from datetime import time

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..models import Event
from ..refusals import refusal
from ..services import DomainError
from ..services.events import events as event_service
from ..services.events import listing
from ..services.events.events import EventPlan, SlotBlock
from ..web.event_list import event_filter, event_filter_form
from . import bp
from .forms import NO_COPY, NewEventForm

STANDARD_BLOCKS = (SlotBlock(time(10, 30), 5), SlotBlock(time(14, 0), 5))


@bp.get("/")
def events() -> str:
    filters = event_filter_form(request.args, listing.venues(public=False), _l("all"))
    wanted = event_filter(filters)
    return render_template("organiser/events.html", found=listing.organiser_events(current_user, wanted),
                           filters=filters, filtered=not wanted.is_empty, query=request.args.to_dict())


@bp.route("/events/new", methods=["GET", "POST"])
def new_event() -> str | BaseResponse:
    form = NewEventForm()
    sources = event_service.events_of(current_user)
    form.set_sources(sources)
    if not form.validate_on_submit():
        return render_template("organiser/new_event.html", form=form)
    try:
        event = create_from(form, {event.slug: event for event in sources})
    except DomainError as error:
        form.slug.errors.append(refusal(error))
        return render_template("organiser/new_event.html", form=form)
    event_service.grant_access(current_user, event)
    db.session.commit()
    flash(_("The event %(title)s has been created.", title=event.title), "success")
    return redirect(url_for("organiser.overview", slug=event.slug))


@bp.post("/<slug>/archive")
def archive() -> BaseResponse:
    event_service.archive_event(g.event)
    db.session.commit()
    flash(_("The event is archived: it no longer appears on the public start page."), "success")
    return redirect(url_for("organiser.events"))


def create_from(form: NewEventForm, sources: dict[str, Event]) -> Event:
    title, starts_on, venue = form.title.data, form.starts_on.data, form.venue.data
    slug = form.slug.data or event_service.slug_from_title(title)
    if form.copy_from.data != NO_COPY:
        event = event_service.copy_event(sources[form.copy_from.data], slug, title, starts_on, venue)
        event.theme = form.theme.data or event.theme
        return event
    if event_service.event_by_slug(slug) is not None:
        raise DomainError("slug_taken", slug=slug)
    event_service.ensure_industries()
    return event_service.create_event(EventPlan(
        slug=slug, title=title, starts_on=starts_on, venue=venue,
        capacity=form.capacity.data if form.capacity.data is not None else 200,
        blocks=STANDARD_BLOCKS, meeting_minutes=20,
        table_count=form.tables.data if form.tables.data is not None else 60,
        theme=form.theme.data or None,
    ))
