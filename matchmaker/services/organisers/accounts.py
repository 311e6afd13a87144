"""Organiser accounts: log-in and password change, under the limits and the hashing bound.

A password check commits the attempt first and hashes outside any transaction: on SQLite
every transaction holds the write lock (see ``database.py``), which a 0.1 s hash must not,
and the attempt must count on every worker before its outcome is known. Errors are
``DomainError`` codes: ``too_many_attempts`` (``minutes``), ``busy``, ``wrong_password``.
"""

from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ...extensions import db
from ...models import Organiser
from ...passwords import (
    HashingBusy,
    HashingSlots,
    configured_hasher,
    default_slot_count,
    hash_password,
    verify_password,
)
from .. import DomainError
from . import limits, sessions


def hashing_slots() -> HashingSlots:
    config = current_app.config
    return HashingSlots(Path(current_app.instance_path) / "password-hashing",
                        config["PASSWORD_HASHING_SLOTS"] or default_slot_count(),
                        config["PASSWORD_HASHING_WAIT_MS"] / 1000)


def find_organiser(email: str) -> Organiser | None:
    return db.session.scalar(select(Organiser).where(Organiser.email == email))


def log_in(email: str, password: str, address: str | None, now: datetime) -> Organiser:
    """The organiser whose e-mail and password these are. An unknown address is checked
    against a dummy hash, so it takes as long to refuse as a wrong password."""
    return checked_password(email, find_organiser(email), password, address, now)


def change_password(organiser: Organiser, current: str, new: str, address: str | None,
                    now: datetime, remember: bool) -> str:
    """Set a new password after checking the current one. Every session of the organiser
    ends (a copied cookie stops working); returns the token of the new one for this device."""
    checked_password(organiser.email, organiser, current, address, now)
    organiser.password_hash = hashed(new)
    sessions.end_all_sessions(organiser)
    return sessions.start_session(organiser, remember, now)


def checked_password(email: str, organiser: Organiser | None, password: str,
                     address: str | None, now: datetime) -> Organiser:
    """``organiser`` if ``password`` is theirs; forgives the account's failures and stores
    an upgraded hash (an old werkzeug one, or one with weaker parameters)."""
    stored = organiser.password_hash if organiser else None
    attempt = limits.begin_attempt(email, address, now)
    db.session.commit()
    try:
        with hashing_slots().slot():
            verdict = verify_password(stored, password, configured_hasher(current_app.config))
    except HashingBusy:
        limits.withdraw(attempt)
        raise DomainError("busy") from None
    if not verdict.ok or organiser is None:
        raise DomainError("wrong_password")
    limits.succeeded(attempt)
    if verdict.new_hash:
        organiser.password_hash = verdict.new_hash
    return organiser


def hashed(password: str) -> str:
    """A new hash, computed under the hashing bound and outside any transaction."""
    db.session.commit()
    try:
        with hashing_slots().slot():
            return hash_password(password, configured_hasher(current_app.config))
    except HashingBusy:
        raise DomainError("busy") from None
