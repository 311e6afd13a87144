"""The messages attendees receive, recorded as ``OutgoingMail`` in the attendee's language.

A message is composed inside the transaction that makes the change it reports, so the
two are committed together and a crash in between cannot lose it; ``mail.deliver`` sends
it after the commit.
"""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale, format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...extensions import db
from ...i18n import formatting_locale
from ...models import Attendee, AttendeeStatus, Event, OutgoingMail, utcnow
from ..attendees.registration import SignUpOutcome, promote_from_waiting_list

SUBJECTS = {
    "welcome": _l("Please confirm your registration for %(event)s"),
    "welcome_waitlisted": _l("You are on the waiting list for %(event)s"),
    "link_again": _l("Your personal link for %(event)s"),
    "reminder": _l("Reminder: please confirm your e-mail address for %(event)s"),
    "cancelled": _l("Your registration for %(event)s is cancelled"),
    "cancelled_by_organiser": _l("The organisers have cancelled your registration for %(event)s"),
    "promoted": _l("A seat has become free for you at %(event)s"),
    "released": _l("Your registration for %(event)s is cancelled: address not confirmed"),
    "request_received": _l("A meeting request for you at %(event)s"),
    "request_accepted": _l("Your meeting request was accepted (%(event)s)"),
    "request_declined": _l("Your meeting request was declined (%(event)s)"),
    "meeting_booked": _l("A meeting has been booked for you (%(event)s)"),
    "schedule": _l("Your schedule for %(event)s"),
    "schedule_changed": _l("Your schedule for %(event)s has changed"),
    "next_meeting_changed": _l("Your next meeting has changed"),
    "feedback_request": _l("How were your meetings at %(event)s?"),
    "session_promoted": _l("A place in a session has become free for you (%(event)s)"),
    # Attendees moving and giving back meetings, offered free slots (schedule.own_meetings, slot_offers)
    "move_proposed": _l("Your meeting partner proposes another time (%(event)s)"),
    "move_accepted": _l("Your meeting has been moved (%(event)s)"),
    "move_declined": _l("Your meeting stays at its time (%(event)s)"),
    "meeting_given_back": _l("A meeting has been cancelled by your partner (%(event)s)"),
    "slot_offered": _l("A free meeting slot for you at %(event)s: accept it with one click"),
    "slot_filled": _l("Your free slot at %(event)s is filled again"),
    # The organisers withdrawing what waited for an answer (schedule.pending)
    "slot_offer_withdrawn": _l("The free meeting slot offered to you is no longer available (%(event)s)"),
    "move_withdrawn": _l("Your meeting stays at its time (%(event)s)"),
}


def compose(attendee: Attendee, kind: str, subject: str | None = None,
            **extra: object) -> OutgoingMail:
    """Record the mail ``render_mail`` makes; ``mail.deliver`` sends it after the commit."""
    mail = render_mail(attendee, kind, subject, **extra)
    db.session.add(mail)
    db.session.flush()
    return mail


def render_mail(attendee: Attendee, kind: str, subject: str | None = None,
                **extra: object) -> OutgoingMail:
    """Render ``templates/mail/<kind>.txt`` and ``.html`` in the attendee's language;
    ``subject`` replaces the kind's own (a message an organiser wrote). Not stored."""
    event = attendee.event
    with force_locale(formatting_locale(attendee.language)):
        context = {"attendee": attendee, "event": event,
                   "link": public_url("attendee.home", token=attendee.token),
                   "confirm_by": format_datetime(release_time(attendee), "short"),
                   "logo_url": logo_url(event), **extra}
        mail = OutgoingMail(
            attendee_id=attendee.id, kind=kind, recipient=attendee.email,
            language=attendee.language,
            subject=subject or str(SUBJECTS[kind]) % {"event": event.title},
            body_text=render_template(f"mail/{kind}.txt", **context),
            body_html=render_template(f"mail/{kind}.html", **context),
        )
    return mail


def logo_url(event: Event) -> str | None:
    """The event's logo for HTML mails (``mail/_layout.html``), if it has one."""
    if event.logo_type is None:
        return None
    return public_url("public.event_logo", slug=event.slug, v=str(event.logo_version))


def release_time(attendee: Attendee) -> datetime:
    """When an unconfirmed sign-up gives its seat back (``release_unconfirmed``)."""
    return attendee.signed_up_at + timedelta(hours=current_app.config["UNCONFIRMED_RELEASE_HOURS"])


def public_url(endpoint: str, **values: str) -> str:
    """An absolute link on ``PUBLIC_BASE_URL``; works in requests and console commands."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)


def after_sign_up(outcome: SignUpOutcome) -> list[OutgoingMail]:
    """The welcome mail for a new sign-up; a repeated one gets the private link again."""
    attendee = outcome.attendee
    if not within_address_limit(attendee.email):
        return []
    if not outcome.is_new:
        return link_again(attendee)
    waiting = attendee.status == AttendeeStatus.WAITLISTED
    return [compose(attendee, "welcome_waitlisted" if waiting else "welcome")]


def link_again(attendee: Attendee, now: datetime | None = None) -> list[OutgoingMail]:
    """The private link once more, at most once per ``LINK_MAIL_INTERVAL_MINUTES``:
    the "send me my link" form must not become a way to flood someone's inbox."""
    since = (now or utcnow()) - timedelta(minutes=current_app.config["LINK_MAIL_INTERVAL_MINUTES"])
    recent = db.session.scalar(
        select(func.count()).where(
            OutgoingMail.attendee_id == attendee.id, OutgoingMail.kind == "link_again",
            OutgoingMail.created_at >= since,
        )
    )
    if recent or not within_address_limit(attendee.email, now):
        return []
    return [compose(attendee, "link_again")]


def within_address_limit(address: str, now: datetime | None = None) -> bool:
    """Whether the address may get another mail that a visitor can trigger: at most
    ``MAIL_LIMIT_PER_ADDRESS_PER_DAY`` messages to one address in 24 hours."""
    since = (now or utcnow()) - timedelta(days=1)
    sent = db.session.scalar(select(func.count()).where(
        OutgoingMail.recipient == address, OutgoingMail.created_at >= since))
    return sent < current_app.config["MAIL_LIMIT_PER_ADDRESS_PER_DAY"]


def promote_and_notify(event: Event) -> list[OutgoingMail]:
    """Give free seats to the waiting list (in sign-up order) and tell the promoted."""
    return [compose(attendee, "promoted") for attendee in promote_from_waiting_list(event)]


def queue_reminders(event: Event, now: datetime | None = None) -> list[OutgoingMail]:
    """One reminder for each attendee whose address is still unconfirmed
    ``REMINDER_AFTER_HOURS`` after signing up; never a second one."""
    now = now or utcnow()
    due = now - timedelta(hours=current_app.config["REMINDER_AFTER_HOURS"])
    attendees = db.session.scalars(
        select(Attendee)
        .where(Attendee.event_id == event.id, Attendee.email_confirmed_at.is_(None),
               Attendee.reminder_sent_at.is_(None), Attendee.signed_up_at <= due,
               Attendee.status != AttendeeStatus.CANCELLED)
        .order_by(Attendee.id)
    ).all()
    for attendee in attendees:
        attendee.reminder_sent_at = now
    return [compose(attendee, "reminder") for attendee in attendees]
