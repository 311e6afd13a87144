"""Inviting another organiser by e-mail: a one-time link, valid ``ORGANISER_INVITE_HOURS``,
with which the invitee sets a password. Only a hash of the link's token is stored; a new
invitation to the same address replaces the older ones. An address that already has an
account gets no invitation: nothing about that account changes.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, select, update

from ...extensions import db
from ...models import Event, EventRole, Organiser, OrganiserInvite, OutgoingMail
from .. import DomainError
from ..events.events import grant_access
from ..mail.notifications import public_url
from .accounts import find_organiser, hashed
from .sessions import token_hash

SUBJECT = _l("Your invitation to organise with matchmaker")


@dataclass(frozen=True)
class InviteOutcome:
    """``mail`` is the invitation to deliver, or None when the address has an account."""

    email: str
    mail: OutgoingMail | None

    @property
    def account_exists(self) -> bool:
        return self.mail is None


def invite_organiser(inviter: Organiser, email: str, is_admin: bool, language: str,
                     now: datetime, event: Event | None = None,
                     role: EventRole = EventRole.ORGANISER) -> InviteOutcome:
    """Invite ``email``, to organise ``event`` (in ``role``) or (``is_admin``) every event;
    only administrators may invite administrators or invite without an event (``admin_only``)."""
    if (is_admin or event is None) and not inviter.is_admin:
        raise DomainError("admin_only")
    if find_organiser(email) is not None:
        return InviteOutcome(email, None)
    db.session.execute(update(OrganiserInvite).where(
        OrganiserInvite.email == email, OrganiserInvite.used_at.is_(None),
        OrganiserInvite.expires_at > now).values(expires_at=now))
    token = secrets.token_urlsafe(32)
    invite = OrganiserInvite(
        email=email, token_hash=token_hash(token), is_admin=is_admin, invited_by_id=inviter.id,
        event_id=event.id if event is not None else None, role=role,
        created_at=now, expires_at=now + timedelta(hours=current_app.config["ORGANISER_INVITE_HOURS"]),
    )
    db.session.add(invite)
    return InviteOutcome(email, compose_invite(invite, inviter, token, language))


def compose_invite(invite: OrganiserInvite, inviter: Organiser, token: str,
                   language: str) -> OutgoingMail:
    with force_locale(language):
        context = {"invite": invite, "inviter": inviter.email,
                   "link": public_url("auth.accept_invite", token=token)}
        mail = OutgoingMail(
            kind="organiser_invite", recipient=invite.email, language=language,
            subject=str(SUBJECT), body_text=render_template("mail/organiser_invite.txt", **context),
            body_html=render_template("mail/organiser_invite.html", **context),
        )
    db.session.add(mail)
    db.session.flush()
    return mail


def open_invite(token: str, now: datetime) -> OrganiserInvite:
    """The invitation this link belongs to, if it can still be used; otherwise
    ``invite_unknown``, ``invite_used`` or ``invite_expired``."""
    invite = db.session.scalar(select(OrganiserInvite).where(
        OrganiserInvite.token_hash == token_hash(token)))
    if invite is None:
        raise DomainError("invite_unknown")
    if invite.used_at is not None:
        raise DomainError("invite_used")
    if invite.expires_at <= now:
        raise DomainError("invite_expired")
    return invite


def accept_invite(token: str, password: str, now: datetime) -> Organiser:
    """Create the invitee's account with this password; the link is then used up. Of two
    submissions at once, only the first wins (``invite_used`` for the other)."""
    invite_id = open_invite(token, now).id
    password_hash = hashed(password)
    claimed = cast(CursorResult[Any], db.session.execute(
        update(OrganiserInvite)
        .where(OrganiserInvite.id == invite_id, OrganiserInvite.used_at.is_(None),
               OrganiserInvite.expires_at > now)
        .values(used_at=now)
    ))  # an UPDATE's result is a CursorResult: it has the rowcount
    if claimed.rowcount != 1:
        raise DomainError("invite_used")
    invite = db.session.get_one(OrganiserInvite, invite_id)
    if find_organiser(invite.email) is not None:
        raise DomainError("account_exists")
    organiser = Organiser(email=invite.email, password_hash=password_hash, is_admin=invite.is_admin,
                          created_at=now)
    db.session.add(organiser)
    db.session.flush()
    if invite.event is not None:
        grant_access(organiser, invite.event, invite.role)
    return organiser
