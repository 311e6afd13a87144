"""Who does what in an event: a full organiser, or desk staff who only check people in.

The role lives on the organiser-event link (``EventRole``); administrators organise
every event fully. An account whose links are all *check-in only* is desk staff: the
dashboard's guard (``organiser/__init__.py``) lets it use the check-in desk of those
events and nothing else. An organiser of the event changes the roles on its team page.
"""

from dataclasses import dataclass

from sqlalchemy import select, update

from ...extensions import db
from ...models import Event, EventRole, Organiser, organiser_event
from .. import DomainError
from ..audit import record


def role_in(organiser: Organiser, event: Event) -> EventRole | None:
    """The organiser's role in the event; None without access."""
    if organiser.is_admin:
        return EventRole.ORGANISER
    return db.session.scalar(select(organiser_event.c.role).where(
        organiser_event.c.organiser_id == organiser.id, organiser_event.c.event_id == event.id))


def account_role(organiser: Organiser) -> EventRole:
    """Check-in only if every event of the account is check-in only (and it has one);
    otherwise the account organises (an organiser without events may create one)."""
    if organiser.is_admin:
        return EventRole.ORGANISER
    roles = set(db.session.scalars(select(organiser_event.c.role).where(
        organiser_event.c.organiser_id == organiser.id)))
    return EventRole.CHECK_IN if roles == {EventRole.CHECK_IN} else EventRole.ORGANISER


def desk_events(organiser: Organiser) -> list[Event]:
    """The events whose check-in desk the organiser staffs (check-in only), by date."""
    return list(db.session.scalars(
        select(Event).join(organiser_event, organiser_event.c.event_id == Event.id)
        .where(organiser_event.c.organiser_id == organiser.id,
               organiser_event.c.role == EventRole.CHECK_IN)
        .order_by(Event.starts_on, Event.id)))


@dataclass(frozen=True)
class TeamMember:
    email: str
    is_admin: bool
    role: EventRole  # an administrator's is always ORGANISER


def team_of(event: Event) -> list[TeamMember]:
    """Who may work on the event, administrators first, then by e-mail address."""
    roles: dict[int, EventRole] = {organiser_id: role for organiser_id, role in db.session.execute(
        select(organiser_event.c.organiser_id, organiser_event.c.role)
        .where(organiser_event.c.event_id == event.id))}
    rows = db.session.execute(select(Organiser.id, Organiser.email, Organiser.is_admin).where(
        Organiser.is_admin | Organiser.id.in_(roles)))
    members = [TeamMember(email, admin, EventRole.ORGANISER if admin else roles[id_])
               for id_, email, admin in rows]
    return sorted(members, key=lambda member: (not member.is_admin, member.email))


def change_role(event: Event, email: str, role: EventRole, actor: Organiser) -> None:
    """Set the role of a team member who is not an administrator (``not_on_team``,
    ``administrator_role``); nobody changes their own role (``own_role``)."""
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == email))
    if organiser is not None and organiser.id == actor.id:
        raise DomainError("own_role")
    if organiser is not None and organiser.is_admin:
        raise DomainError("administrator_role")
    before = role_in(organiser, event) if organiser is not None else None
    if organiser is None or before is None:
        raise DomainError("not_on_team")
    db.session.execute(update(organiser_event).where(
        organiser_event.c.organiser_id == organiser.id,
        organiser_event.c.event_id == event.id).values(role=role))
    if before != role:
        record(event, actor.email, "team_role", changes={"organiser": email, "role": [before, role]})
    db.session.flush()

