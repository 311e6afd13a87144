"""Per-client limits on public form posts, counted in the database.

Flask-Limiter's default ``memory://`` store counts per worker process, so with
``gunicorn -w 2`` one client got twice the sign-ups. The sign-up, the link request and the
mails a visitor can trigger are counted here instead: one ``ClientRequest`` row per post
and scope, which every worker and host sees without Redis, like the log-in failures
(``auth/limits.py``). Each limit is a sliding window in Flask-Limiter's own format
("10 per minute;60 per hour"): a post is refused while the client has made ``amount``
posts within the window, until the oldest of them leaves it.

Counting and recording are one step under a lock: SQLite's write lock (the caller has
begun writing), on PostgreSQL a transaction-level advisory lock per client and scope, so
that two workers cannot both let the tenth post through.
"""

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from limits import parse_many
from sqlalchemy import delete, func, select

from ..extensions import db
from ..models import ClientRequest


@dataclass(frozen=True)
class Limit:
    """A scope (what is counted) and its limits, e.g. ``("sign_up", "10 per minute")``."""

    scope: str
    limits: str


def count_request(limits: Sequence[Limit], client: str, now: datetime) -> int | None:
    """Record one post by ``client`` under every scope, or, if a limit is reached, record
    nothing and return the seconds until the client may post again."""
    windows = {limit.scope: parsed_windows(limit.limits) for limit in limits}
    for scope in sorted(windows):
        lock(scope, client)
        longest = max((seconds for _, seconds in windows[scope]), default=0)
        db.session.execute(delete(ClientRequest).where(
            ClientRequest.scope == scope, ClientRequest.made_at <= now - timedelta(seconds=longest)))
    waits = [wait for scope, pairs in windows.items() for amount, seconds in pairs
             if (wait := wait_before_next(scope, client, amount, seconds, now)) is not None]
    if waits:
        return max(1, math.ceil(max(waits)))
    db.session.add_all([ClientRequest(scope=scope, key=client, made_at=now) for scope in windows])
    db.session.flush()
    return None


def parsed_windows(text: str) -> list[tuple[int, int]]:
    """``"10 per minute;60 per hour"`` as (amount, seconds) pairs."""
    return [(item.amount, item.get_expiry()) for item in parse_many(text)]


def wait_before_next(scope: str, client: str, amount: int, seconds: int,
                     now: datetime) -> float | None:
    recent = db.session.scalars(
        select(ClientRequest.made_at)
        .where(ClientRequest.scope == scope, ClientRequest.key == client,
               ClientRequest.made_at > now - timedelta(seconds=seconds))
        .order_by(ClientRequest.made_at.desc()).limit(amount)
    ).all()
    if len(recent) < amount:
        return None
    return (recent[-1] + timedelta(seconds=seconds) - now).total_seconds()


def lock(scope: str, client: str) -> None:
    """On PostgreSQL, hold off other transactions counting this client and scope until
    this one ends (SQLite's write lock already does)."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    digest = hashlib.sha256(f"client_request\n{scope}\n{client}".encode()).digest()
    db.session.execute(select(func.pg_advisory_xact_lock(int.from_bytes(digest[:8], "big", signed=True))))
