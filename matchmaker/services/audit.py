"""The audit log: who changed what and when, with the values before and after."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeGuard

from sqlalchemy import Text, cast, func, or_, select

from ..extensions import db
from ..models import Attendee, AuditEntry, Event


def record(event: Event, actor: str, action: str, attendee: Attendee | None = None,
           changes: dict[str, Any] | None = None) -> None:
    """``changes`` maps a field to ``[before, after]`` (or holds what an action did)."""
    db.session.add(AuditEntry(event_id=event.id, attendee_id=attendee.id if attendee else None,
                              actor=actor, action=action, changes=jsonable(changes or {})))


def named(attendee: Attendee) -> str:
    """How an entry names an attendee other than the one it is about ("7 Anna Beispiel"),
    under one of ``NAMING_KEYS`` or as the actor ("attendee 7 Anna Beispiel")."""
    return f"{attendee.number} {attendee.full_name}"


NAMING_KEYS = ("with", "colleague")


def forget(attendee: Attendee) -> None:
    """For erasure (Art. 17): the entries about the attendee go with them (ON DELETE), but
    entries about others name them too. There the name goes and the number stays, so that
    the log still reads; nothing maps the number to a person then. By number, not by the
    name: the entries keep the name as it was, and the attendee may have changed it since."""
    number = attendee.number
    mentioning = db.session.scalars(select(AuditEntry).where(
        AuditEntry.event_id == attendee.event_id,
        or_(AuditEntry.attendee_id.is_(None), AuditEntry.attendee_id != attendee.id),
        or_(AuditEntry.actor.like(f"attendee {number} %"),
            cast(AuditEntry.changes, Text).like(f'%"{number} %'))))
    for entry in mentioning:
        entry.actor, entry.changes = without_name(entry.actor, entry.changes, number)


def without_name(actor: str, changes: dict[str, Any], number: int) -> tuple[str, dict[str, Any]]:
    """An entry's actor and changes with the name of attendee ``number`` taken out."""
    prefix = f"{number} "
    if actor.startswith(f"attendee {prefix}"):
        actor = f"attendee {number}"
    return actor, {key: str(number) if naming(key, value) and value.startswith(prefix) else value
                   for key, value in changes.items()}


def naming(key: str, value: Any) -> TypeGuard[str]:
    return key in NAMING_KEYS and isinstance(value, str)


def differences(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {key: [before[key], after[key]] for key in after if before.get(key) != after[key]}


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    attendee_number: int | None
    attendee_name: str | None
    changes: dict[str, Any]


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int


def audit_entries(event: Event, attendee_number: int | None = None, page: int = 1,
                  per_page: int = 50) -> AuditPage:
    """The event's log, newest first, optionally of one attendee (by registration number)."""
    query = (select(AuditEntry, Attendee.number, Attendee.first_name, Attendee.last_name)
             .outerjoin(Attendee, Attendee.id == AuditEntry.attendee_id)
             .where(AuditEntry.event_id == event.id))
    if attendee_number is not None:
        query = query.where(Attendee.number == attendee_number)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.execute(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                              .limit(per_page).offset((page - 1) * per_page))
    return AuditPage(total=total, rows=[
        AuditRow(at=entry.at, actor=entry.actor, action=entry.action, attendee_number=number,
                 attendee_name=f"{first} {last}" if number is not None else None,
                 changes=entry.changes)
        for entry, number, first, last in rows])
