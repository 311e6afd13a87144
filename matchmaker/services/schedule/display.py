"""The screen in the meeting area: the current slot with its time left, table by table,
then the next slot. Only first and last names are shown, and only from a published plan.

A TV opens it without logging in through a secret link (``display_secret``) that an
organiser creates and revokes; a revoked or wrong secret finds no event.
"""

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ...extensions import db
from ...models import Attendee, Event, Meeting, MeetingTable, Slot
from .. import audit
from .runs import schedule_published


@dataclass(frozen=True)
class BoardRow:
    table: str
    first: str
    second: str


@dataclass(frozen=True)
class BoardSlot:
    number: int
    starts_at: datetime
    ends_at: datetime
    rows: list[BoardRow]


@dataclass(frozen=True)
class Board:
    published: bool
    current: BoardSlot | None
    next: BoardSlot | None
    minutes_left: int | None


def display_board(event: Event, now: datetime) -> Board:
    """``now`` is the venue's local time, like the slots'."""
    if not schedule_published(event):
        return Board(published=False, current=None, next=None, minutes_left=None)
    current = next((s for s in event.slots if s.starts_at <= now < s.ends_at), None)
    coming = next((s for s in event.slots if s.starts_at > now), None)
    left = None if current is None else -(-int((current.ends_at - now).total_seconds()) // 60)
    return Board(published=True, current=board_slot(current), next=board_slot(coming),
                 minutes_left=left)


def board_slot(slot: Slot | None) -> BoardSlot | None:
    if slot is None:
        return None
    a, b = aliased(Attendee), aliased(Attendee)
    rows = db.session.execute(
        select(MeetingTable.name, a.first_name, a.last_name, b.first_name, b.last_name)
        .select_from(Meeting).join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(a, a.id == Meeting.attendee_a_id).join(b, b.id == Meeting.attendee_b_id)
        .where(Meeting.slot_id == slot.id).order_by(MeetingTable.number))
    return BoardSlot(number=slot.number, starts_at=slot.starts_at, ends_at=slot.ends_at,
                     rows=[BoardRow(table, f"{f1} {l1}", f"{f2} {l2}") for table, f1, l1, f2, l2 in rows])


def create_display_link(event: Event, actor: str) -> str:
    """A new secret for the display link; the previous link stops working."""
    event.display_secret = secrets.token_urlsafe(24)
    audit.record(event, actor, "display_link_created")
    db.session.flush()
    return event.display_secret


def revoke_display_link(event: Event, actor: str) -> None:
    event.display_secret = None
    audit.record(event, actor, "display_link_revoked")
    db.session.flush()


def display_allowed(event: Event, secret: str) -> bool:
    # As bytes: compare_digest refuses text that is not ASCII, and a link may hold anything.
    return event.display_secret is not None and hmac.compare_digest(
        event.display_secret.encode(), secret.encode())
