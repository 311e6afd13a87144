"""Limits on failed organiser log-ins, such that guessing is slow and nobody can lock the
owner of an account out.

Every failure is counted three times, as rows in the database (so the limits hold across
worker processes and hosts), within a sliding window of ``LOGIN_FAILURE_WINDOW_MINUTES``:

- ``pair``, the account from one client address: after ``LOGIN_FAILURES_PER_ACCOUNT``
  failures that client is refused for that account;
- ``address``, the client address: after ``LOGIN_FAILURES_PER_ADDRESS`` failures it is
  refused for every account;
- ``account``, the e-mail address typed, from every client: it only slows guessing down.
  While it is at ``LOGIN_FAILURES_PER_ACCOUNT`` (the account is under attack), a client
  that has itself failed for this account in the window is refused until that failure
  leaves the window or the attack subsides, so that many addresses get one guess each;
  a client with no failure for the account always gets its attempt.

So five wrong passwords sent every 15 minutes lock out the sender only: the owner, from
another address, logs in at once. A refused client waits until the failures that stop it
leave the window, never longer. Unknown e-mail addresses are counted like known ones, so
a limit says nothing about which accounts exist. The ``pair`` key is a hash, so the table
does not keep which address tried which account.
"""

import hashlib
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
    pair: str
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


def pair_key(email: str, client: str) -> str:
    return hashlib.sha256(f"{email}\n{client}".encode()).hexdigest()


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
    client = client_key(address)
    keys = {"account": email, "pair": pair_key(email, client), "address": client}
    db.session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - window()))
    wait = refusal(keys, now)
    if wait is not None:
        raise DomainError("too_many_attempts", minutes=max(1, math.ceil(wait.total_seconds() / 60)))
    rows = [LoginFailure(scope=scope, key=key, failed_at=now) for scope, key in keys.items()]
    db.session.add_all(rows)
    db.session.flush()
    return Attempt(email, keys["pair"], tuple(row.id for row in rows))


def refusal(keys: dict[str, str], now: datetime) -> timedelta | None:
    """How long this client must wait before trying this account, or None."""
    config = current_app.config
    per_account = config["LOGIN_FAILURES_PER_ACCOUNT"]
    waits = (wait_before_next("pair", keys["pair"], per_account, now),
             wait_before_next("address", keys["address"], config["LOGIN_FAILURES_PER_ADDRESS"], now),
             slowed_down(keys, per_account, now))
    return max((wait for wait in waits if wait is not None), default=None)


def slowed_down(keys: dict[str, str], per_account: int, now: datetime) -> timedelta | None:
    """While the account is under attack, a client that failed for it already waits."""
    under_attack = wait_before_next("account", keys["account"], per_account, now)
    if under_attack is None:
        return None
    own_failure = wait_before_next("pair", keys["pair"], 1, now)
    return None if own_failure is None else min(under_attack, own_failure)


def withdraw(attempt: Attempt) -> None:
    """The attempt was never checked (the server was busy): it does not count."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.id.in_(attempt.row_ids)))


def succeeded(attempt: Attempt) -> None:
    """The right password: the account's failures, and this client's for the account, are
    forgiven. Other clients keep theirs (an attacker stays limited), and so does this
    client address for other accounts (one known password does not reset guessing)."""
    withdraw(attempt)
    db.session.execute(delete(LoginFailure).where(
        ((LoginFailure.scope == "account") & (LoginFailure.key == attempt.email))
        | ((LoginFailure.scope == "pair") & (LoginFailure.key == attempt.pair))))
