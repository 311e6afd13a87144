"""API tokens: one event each, read-only, shown once and stored as a SHA-256 hash.

A token is ``mm_`` and 43 random URL-safe characters (it has the shape of the app's
private link tokens, ``services.tokens.TOKEN_SHAPE``). Revoking deletes the token's row:
afterwards the token is unknown, exactly like one that never existed.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ...extensions import db
from ...models import ApiToken, Event, utcnow
from ...text import collapse_whitespace
from .. import DomainError
from ..audit import record
from ..tokens import TOKEN_SHAPE

PREFIX = "mm_"
NAME_LENGTH = 80


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the token itself, to be shown once and never again


@dataclass(frozen=True)
class TokenRow:
    id: int
    name: str
    created_by: str
    created_at: datetime
    last_used_at: datetime | None


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(event: Event, name: str, actor: str) -> NewToken:
    """A new token for ``event``; ``api_token_name_missing`` or ``api_token_name_taken``."""
    name = collapse_whitespace(name)
    if not name or len(name) > NAME_LENGTH:
        raise DomainError("api_token_name_missing", maximum=NAME_LENGTH)
    if db.session.scalar(select(ApiToken.id).where(ApiToken.event_id == event.id,
                                                   ApiToken.name == name)) is not None:
        raise DomainError("api_token_name_taken", name=name)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(event_id=event.id, name=name, token_hash=token_hash(secret), created_by=actor)
    db.session.add(token)
    db.session.flush()
    record(event, actor, "api_token_created", changes={"name": name})
    return NewToken(token, secret)


def revoke_token(event: Event, token_id: int, actor: str) -> str:
    """Delete the event's token with this id; its name. ``api_token_unknown``."""
    token = db.session.scalar(select(ApiToken).where(ApiToken.event_id == event.id,
                                                     ApiToken.id == token_id))
    if token is None:
        raise DomainError("api_token_unknown")
    db.session.delete(token)
    db.session.flush()
    record(event, actor, "api_token_revoked", changes={"name": token.name})
    return token.name


def token_id_named(event: Event, name_or_id: str) -> int:
    """The id of the event's token of this name, or else with this id (the console's
    argument); ``api_token_unknown``."""
    typed = name_or_id.strip()
    found = db.session.scalar(select(ApiToken.id).where(ApiToken.event_id == event.id,
                                                        ApiToken.name == typed))
    if found is None and typed.isascii() and typed.isdigit() and len(typed) <= 9:
        found = db.session.scalar(select(ApiToken.id).where(ApiToken.event_id == event.id,
                                                            ApiToken.id == int(typed)))
    if found is None:
        raise DomainError("api_token_unknown")
    return found


def event_tokens(event: Event) -> list[TokenRow]:
    tokens = db.session.scalars(select(ApiToken).where(ApiToken.event_id == event.id)
                                .order_by(ApiToken.name))
    return [TokenRow(t.id, t.name, t.created_by, t.created_at, t.last_used_at) for t in tokens]


def authenticated_token(secret: str) -> ApiToken | None:
    """The token this secret is, if it is one; a malformed secret is refused unqueried."""
    if not secret.startswith(PREFIX) or not TOKEN_SHAPE.fullmatch(secret):
        return None
    return db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))


def record_call(token: ApiToken, event: Event, path: str) -> None:
    """Every call is in the event's audit log under the token's name, and sets its last use."""
    token.last_used_at = utcnow()
    record(event, f"API: {token.name}", "api_read", changes={"path": path})
