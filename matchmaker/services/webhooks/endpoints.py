"""An event's webhook endpoints: added by an organiser (the secret is shown once), listed
with the last delivery's outcome, and removed (with their deliveries)."""

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import func, select

from ...extensions import db
from ...models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from .. import DomainError
from ..audit import record
from . import KINDS

URL_LENGTH = 500
LOOPBACK_NAMES = {"localhost"}


@dataclass(frozen=True)
class NewEndpoint:
    endpoint: WebhookEndpoint
    secret: str  # shown once: the receiver checks the signatures with it


@dataclass(frozen=True)
class EndpointRow:
    id: int
    url: str
    kinds: list[str]
    pending: int
    last_kind: str | None
    last_status: str | None  # sent, pending (retrying) or failed
    last_status_code: int | None
    last_error: str | None
    last_attempt_at: datetime | None


def check_url(url: str, allow_http_loopback: bool) -> str:
    """``https://host/...``; ``http://`` only to this host and only where allowed."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise DomainError("webhook_url_invalid") from None
    if len(url) > URL_LENGTH or not host or parts.scheme not in ("https", "http") \
            or parts.username or parts.password or any(c.isspace() or ord(c) < 32 for c in url):
        raise DomainError("webhook_url_invalid")
    if parts.scheme == "http" and not (allow_http_loopback and is_loopback(host)):
        raise DomainError("webhook_url_not_https")
    return url


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.lower() in LOOPBACK_NAMES


def add_endpoint(event: Event, url: str, kinds: list[str], actor: str,
                 allow_http_loopback: bool = False) -> NewEndpoint:
    url = check_url(url, allow_http_loopback)
    chosen = [kind for kind in KINDS if kind in kinds]
    if not chosen:
        raise DomainError("webhook_no_kinds")
    secret = "whsec_" + secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint(event_id=event.id, url=url, secret=secret, kinds=chosen,
                               created_by=actor)
    db.session.add(endpoint)
    db.session.flush()
    record(event, actor, "webhook_added", changes={"url": url, "kinds": chosen})
    return NewEndpoint(endpoint, secret)


def remove_endpoint(event: Event, endpoint_id: int, actor: str) -> None:
    endpoint = db.session.scalar(select(WebhookEndpoint).where(
        WebhookEndpoint.id == endpoint_id, WebhookEndpoint.event_id == event.id))
    if endpoint is None:
        raise DomainError("webhook_unknown")
    db.session.delete(endpoint)
    db.session.flush()
    record(event, actor, "webhook_removed", changes={"url": endpoint.url})


def endpoint_rows(event: Event) -> list[EndpointRow]:
    """Each endpoint with its deliveries waiting and the outcome of its latest delivery."""
    endpoints = list(db.session.scalars(select(WebhookEndpoint).where(
        WebhookEndpoint.event_id == event.id).order_by(WebhookEndpoint.id)))
    ids = [endpoint.id for endpoint in endpoints]
    pending = {endpoint_id: count for endpoint_id, count in db.session.execute(
        select(WebhookDelivery.endpoint_id, func.count()).where(
            WebhookDelivery.endpoint_id.in_(ids), WebhookDelivery.status == DeliveryStatus.PENDING)
        .group_by(WebhookDelivery.endpoint_id))}
    latest_ids = select(func.max(WebhookDelivery.id)).where(
        WebhookDelivery.endpoint_id.in_(ids)).group_by(WebhookDelivery.endpoint_id)
    latest = {delivery.endpoint_id: delivery for delivery in db.session.scalars(
        select(WebhookDelivery).where(WebhookDelivery.id.in_(latest_ids)))}
    return [row(endpoint, pending.get(endpoint.id, 0), latest.get(endpoint.id)) for endpoint in endpoints]


def row(endpoint: WebhookEndpoint, pending: int, last: WebhookDelivery | None) -> EndpointRow:
    return EndpointRow(endpoint.id, endpoint.url, list(endpoint.kinds), pending,
                       last.kind if last else None, last.status.value if last else None,
                       last.last_status_code if last else None, last.last_error if last else None,
                       last.last_attempt_at if last else None)
