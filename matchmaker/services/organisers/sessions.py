"""Server-side organiser sessions.

Each log-in is an ``OrganiserSession`` row; the signed session cookie (and the "remember
me" cookie) carry only its random token, and the user loader accepts a token only while
its row exists and has not expired. Logging out deletes the row, so a copied cookie stops
working at once; "log out everywhere" and a password change delete all of them.
"""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, delete, select

from ...extensions import db
from ...models import Organiser, OrganiserSession, utcnow


def token_hash(token: str) -> str:
    """Tokens carry 256 random bits, so a plain SHA-256 is enough to keep them unusable
    to whoever reads the database."""
    return hashlib.sha256(token.encode()).hexdigest()


def session_lifetime(remember: bool) -> timedelta:
    config = current_app.config
    if remember:
        return timedelta(days=config["REMEMBER_ME_DAYS"])
    return timedelta(hours=config["ORGANISER_SESSION_HOURS"])


def start_session(organiser: Organiser, remember: bool, now: datetime | None = None) -> str:
    """A new log-in for ``organiser``; sets and returns its token (the Flask-Login id)."""
    now = now or utcnow()
    db.session.execute(delete(OrganiserSession).where(
        OrganiserSession.organiser_id == organiser.id, OrganiserSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    db.session.add(OrganiserSession(organiser_id=organiser.id, token_hash=token_hash(token),
                                    created_at=now, expires_at=now + session_lifetime(remember)))
    db.session.flush()
    organiser.session_token = token
    return token


def load_organiser(token: str, now: datetime | None = None) -> Organiser | None:
    """Flask-Login's user loader: the organiser of a live session, or None."""
    organiser = db.session.scalar(
        select(Organiser).join(OrganiserSession)
        .where(OrganiserSession.token_hash == token_hash(token),
               OrganiserSession.expires_at > (now or utcnow()))
    )
    if organiser is not None:
        organiser.session_token = token
    return organiser


def end_session(organiser: Organiser) -> None:
    """Log out: the current session's token is refused from now on."""
    if organiser.session_token:
        db.session.execute(delete(OrganiserSession).where(
            OrganiserSession.token_hash == token_hash(organiser.session_token)))
        organiser.session_token = None


def end_all_sessions(organiser: Organiser) -> int:
    """Log out everywhere: every session of this organiser, on every device, ends."""
    result = cast(CursorResult[Any], db.session.execute(  # a DELETE: it has the rowcount
        delete(OrganiserSession).where(OrganiserSession.organiser_id == organiser.id)))
    organiser.session_token = None
    return result.rowcount
