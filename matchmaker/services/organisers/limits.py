"""Limits on failed organiser log-ins, per e-mail address typed and per client address.

Each limit is a sliding window: after ``LOGIN_FAILURES_PER_ACCOUNT`` failures for one
e-mail address (or ``LOGIN_FAILURES_PER_ADDRESS`` from one client address) within
``LOGIN_FAILURE_WINDOW_MINUTES``, further attempts are refused until the oldest of them
leaves the window; the real user is never locked out for longer. Failures are rows in the
database, so the limits hold across worker processes and hosts. Unknown e-mail addresses
are counted like known ones, so a limit says nothing about which accounts exist.
"""

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from ...extensions import db
from ...models import LoginFailure
from .. import DomainError


@dataclass(frozen=True)
class Attempt:
    """The failure rows recorded for one attempt before its password is checked."""

    email: str
    row_ids: tuple[int, ...]


def client_key(address: str | None) -> str:
    """The client address as counted: IPv6 clients by their /64 network, which one
    household or server usually holds whole."""
    try:
        parsed = ipaddress.ip_address(address or "")
    except ValueError:
        return address or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"])


def limits() -> tuple[tuple[str, str], ...]:
    return (("account", "LOGIN_FAILURES_PER_ACCOUNT"), ("address", "LOGIN_FAILURES_PER_ADDRESS"))


def wait_before_next(scope: str, key: str, limit: int, now: datetime) -> timedelta | None:
    """How long until ``key`` may try again, or None if it may now."""
    recent = db.session.scalars(
        select(LoginFailure.failed_at)
        .where(LoginFailure.scope == scope, LoginFailure.key == key,
               LoginFailure.failed_at > now - window())
        .order_by(LoginFailure.failed_at.desc()).limit(limit)
    ).all()
    if len(recent) < limit:
        return None
    return recent[-1] + window() - now


def begin_attempt(email: str, address: str | None, now: datetime) -> Attempt:
    """Refuse if a limit is reached (``too_many_attempts`` with ``minutes``); otherwise
    record the attempt as failed until ``succeeded`` says otherwise. Recording it before
    the slow password check makes parallel guesses count against each other."""
    keys = {"account": email, "address": client_key(address)}
    db.session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - window()))
    waits = [wait_before_next(scope, keys[scope], current_app.config[setting], now)
             for scope, setting in limits()]
    longest = max((wait for wait in waits if wait is not None), default=None)
    if longest is not None:
        raise DomainError("too_many_attempts", minutes=max(1, math.ceil(longest.total_seconds() / 60)))
    rows = [LoginFailure(scope=scope, key=key, failed_at=now) for scope, key in keys.items()]
    db.session.add_all(rows)
    db.session.flush()
    return Attempt(email, tuple(row.id for row in rows))


def withdraw(attempt: Attempt) -> None:
    """The attempt was never checked (the server was busy): it does not count."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.id.in_(attempt.row_ids)))


def succeeded(attempt: Attempt) -> None:
    """The right password: the account's failures are forgiven. The client address keeps
    its earlier failures, so one known password does not reset guessing at others."""
    withdraw(attempt)
    db.session.execute(delete(LoginFailure).where(
        LoginFailure.scope == "account", LoginFailure.key == attempt.email))
