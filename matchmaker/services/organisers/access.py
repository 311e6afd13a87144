"""Giving an organiser access to an event: an existing account at once, a new address by
an invitation that gives access when accepted."""

from datetime import datetime

from ...models import Event, EventRole, Organiser, utcnow
from ..events.events import grant_access
from .accounts import find_organiser
from .invites import InviteOutcome, invite_organiser


def give_access(event: Event, email: str, actor: Organiser, language: str,
                now: datetime | None = None, role: EventRole = EventRole.ORGANISER) -> InviteOutcome:
    """Access in ``role`` (``CHECK_IN``: desk staff). The outcome's ``mail`` is the
    invitation to deliver after the commit (in ``language``); None when the account
    existed and has access now."""
    existing = find_organiser(email)
    if existing is not None:
        grant_access(existing, event, role)
        return InviteOutcome(email, None)
    return invite_organiser(actor, email, False, language, now or utcnow(), event, role)
