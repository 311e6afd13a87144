"""Sending deliveries: signed, one attempt at a time, retried with back-off for a day.

The signature header is ``X-Matchmaker-Signature: t=<unix time>,v1=<hex>``, where the hex
is HMAC-SHA256 with the endpoint's secret of ``<t>.<body>``: the receiver recomputes it
and refuses an old ``t`` (a replayed delivery). Each attempt is claimed first with a
conditional UPDATE (so two workers never send the same attempt) and committed; the HTTP
call runs outside any transaction; its outcome is stored and committed. A 2xx answer is
success; anything else (another status, a refused connection, a timeout) is retried after
``first_wait * 2 ** (attempts - 1)`` (at most an hour) until ``give_up_after`` has passed
since the delivery was written, then it is ``failed``.
"""

import hashlib
import hmac
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import CursorResult, select, update

from ...extensions import db
from ...models import DeliveryStatus, WebhookDelivery, WebhookEndpoint, utcnow

BATCH = 20
LONGEST_WAIT = timedelta(hours=1)
USER_AGENT = "matchmaker-webhooks/1"


@dataclass(frozen=True)
class SendingRules:
    timeout: float  # seconds for one attempt
    first_wait: float  # seconds before the first retry; doubles each time
    give_up_after: timedelta


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def signature(secret: str, timestamp: int, body: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass(frozen=True)
class SendReport:
    sent: int
    retrying: int  # attempts that failed and will be tried again


def send_due(rules: SendingRules, now: datetime | None = None) -> SendReport:
    """Send the deliveries that are due, a batch at a time, until none is."""
    sent = retrying = 0
    tried: set[int] = set()
    while True:
        due = [delivery_id for delivery_id in db.session.scalars(
            select(WebhookDelivery.id).where(WebhookDelivery.status == DeliveryStatus.PENDING,
                                             WebhookDelivery.next_attempt_at <= (now or utcnow()))
            .order_by(WebhookDelivery.id).limit(BATCH)) if delivery_id not in tried]
        db.session.commit()
        if not due:
            return SendReport(sent, retrying)
        for delivery_id in due:
            tried.add(delivery_id)
            arrived = attempt(delivery_id, rules)
            sent, retrying = sent + (arrived is True), retrying + (arrived is False)


def attempt(delivery_id: int, rules: SendingRules) -> bool | None:
    """One attempt at one delivery, if this worker claims it (None: another one did);
    whether it arrived."""
    claimed = claim(delivery_id, rules)
    if claimed is None:
        return None
    url, secret, body, kind = claimed
    outcome = post(url, secret, body, kind, delivery_id, rules.timeout)
    store(delivery_id, outcome, rules)
    return outcome.ok


def claim(delivery_id: int, rules: SendingRules) -> tuple[str, str, str, str] | None:
    """Move the attempt's time past this attempt (a lease), if nobody else did; committed."""
    now = utcnow()
    lease = now + timedelta(seconds=rules.timeout + 30)
    result = cast(CursorResult[object], db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == DeliveryStatus.PENDING,
               WebhookDelivery.next_attempt_at <= now)
        .values(next_attempt_at=lease, attempts=WebhookDelivery.attempts + 1, last_attempt_at=now)
        .execution_options(synchronize_session=False)))
    found = db.session.execute(
        select(WebhookEndpoint.url, WebhookEndpoint.secret, WebhookDelivery.body, WebhookDelivery.kind)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(WebhookDelivery.id == delivery_id)).one_or_none() if result.rowcount == 1 else None
    db.session.commit()
    return (found[0], found[1], found[2], found[3]) if found else None


def post(url: str, secret: str, body: str, kind: str, delivery_id: int, timeout: float) -> Outcome:
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT,
               "X-Matchmaker-Event": kind, "X-Matchmaker-Delivery": str(delivery_id),
               "X-Matchmaker-Signature": signature(secret, int(time.time()), body)}
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with NO_REDIRECTS.open(request, timeout=timeout) as response:
            return Outcome(response.status, None)
    except urllib.error.HTTPError as error:
        return Outcome(error.code, f"HTTP {error.code}")
    except (OSError, ValueError) as error:  # refused, unreachable, timed out, bad TLS
        return Outcome(None, f"{type(error).__name__}: {error}"[:300])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a place to send the body to."""

    def redirect_request(self, *_args: object, **_kwargs: object) -> None:
        return None


NO_REDIRECTS = urllib.request.build_opener(NoRedirect)


def store(delivery_id: int, outcome: Outcome, rules: SendingRules) -> None:
    delivery = db.session.get_one(WebhookDelivery, delivery_id)
    delivery.last_status_code, delivery.last_error = outcome.status_code, outcome.error
    if outcome.ok:
        delivery.status = DeliveryStatus.SENT
    else:
        wait = timedelta(seconds=rules.first_wait * 2 ** (delivery.attempts - 1))
        delivery.next_attempt_at = utcnow() + min(wait, LONGEST_WAIT)
        if delivery.next_attempt_at > delivery.created_at + rules.give_up_after:
            delivery.status = DeliveryStatus.FAILED
    db.session.commit()


def next_due_in(now: datetime | None = None) -> float | None:
    """Seconds until the next pending delivery is due (None: nothing pending)."""
    due = db.session.scalar(select(WebhookDelivery.next_attempt_at)
                            .where(WebhookDelivery.status == DeliveryStatus.PENDING)
                            .order_by(WebhookDelivery.next_attempt_at).limit(1))
    return None if due is None else max(0.0, (due - (now or utcnow())).total_seconds())
