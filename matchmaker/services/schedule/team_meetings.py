"""Team meetings: a colleague of the same organisation joins a meeting beside one of the two.

The organiser adds one on the grid's meeting page, an attendee on their own published
meeting (only a colleague of theirs, beside themselves). A colleague must have a seat,
a confirmed address and take part in the matchmaking, be free in the slot (no meeting
or team meeting of their own there, not unavailable, no session), not meet the partner
anyway, not be blocked from meeting them, and not be at their maximum (a team meeting
counts towards it). At most ``teams.PER_SIDE`` colleagues sit beside each of the two,
and the table must seat everybody (``MeetingTable.seats``). A team meeting is locked,
so that a new run keeps it, colleagues and all. Refusals use the grid's codes where the
rule is the grid's. The event is locked first, as for every edit. Once the schedule is
published, the colleague is told ("Your schedule has changed", ``tell_colleague``).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from ...extensions import db
from ...matching.synonyms import tag_key
from ...models import (
    Attendee,
    AttendeeStatus,
    Event,
    Meeting,
    MeetingColleague,
    MeetingTable,
    OutgoingMail,
    Slot,
)
from .. import DomainError
from ..attendees.meeting_requests import is_blocked
from ..attendees.registration import lock_event
from ..audit import named
from ..mail.notifications import compose, public_url
from .calendar import day_label, planned_meetings, sync_calendars
from .changes import record_schedule_changes
from .edit import event_meeting, log_edit
from .runs import schedule_published
from .teams import PER_SIDE, Colleague, busy_in_slot, colleagues_in


def add_colleague(event: Event, meeting_id: int, colleague_id: int, *, actor: str,
                  by: Attendee | None = None) -> MeetingColleague:
    """``colleague_id`` joins the meeting beside the one of the two of their organisation;
    ``by``: an attendee adding a colleague of their own (only beside themselves)."""
    lock_event(event)
    meeting = event_meeting(event, meeting_id)
    colleague = db.session.get(Attendee, colleague_id)
    if colleague is None or colleague.event_id != event.id:
        raise DomainError("attendee_not_found")
    beside = side_of(meeting, colleague)
    if by is not None and beside.id != by.id:
        raise DomainError("colleague_not_same_organisation")
    check_colleague(event, meeting, colleague, beside)
    row = MeetingColleague(meeting_id=meeting.id, attendee_id=colleague.id, beside_id=beside.id)
    db.session.add(row)
    meeting.locked = True
    db.session.flush()
    log_edit(event, actor, "colleague_added", meeting, {"colleague": named(colleague)})
    return row


def remove_colleague(event: Event, meeting_id: int, colleague_id: int, *, actor: str,
                     by: Attendee | None = None) -> None:
    """The colleague leaves the meeting (``by``: an attendee, only a colleague beside them
    or themselves)."""
    meeting = event_meeting(event, meeting_id)
    row = db.session.get(MeetingColleague, (meeting.id, colleague_id))
    if row is None or (by is not None and by.id not in (row.beside_id, row.attendee_id)):
        raise DomainError("colleague_not_in_meeting")
    colleague = db.session.get_one(Attendee, colleague_id)
    db.session.delete(row)
    db.session.flush()
    log_edit(event, actor, "colleague_removed", meeting, {"colleague": named(colleague)})
    record_schedule_changes(event)


def bring_colleague(event: Event, meeting_id: int, colleague_id: int, *, actor: str,
                    by: Attendee | None = None) -> list[OutgoingMail]:
    """``add_colleague``, and the colleague's "Your schedule has changed" mail."""
    add_colleague(event, meeting_id, colleague_id, actor=actor, by=by)
    return tell_colleague(event, colleague_id)


def take_back_colleague(event: Event, meeting_id: int, colleague_id: int, *, actor: str,
                        by: Attendee | None = None) -> list[OutgoingMail]:
    """``remove_colleague``, and the colleague's "Your schedule has changed" mail."""
    remove_colleague(event, meeting_id, colleague_id, actor=actor, by=by)
    return tell_colleague(event, colleague_id)


def side_of(meeting: Meeting, colleague: Attendee) -> Attendee:
    """The one of the two who is of the colleague's organisation."""
    if colleague.id in (meeting.attendee_a_id, meeting.attendee_b_id) or \
            db.session.get(MeetingColleague, (meeting.id, colleague.id)) is not None:
        raise DomainError("colleague_already_in_meeting", attendee=colleague.full_name)
    for person in (meeting.attendee_a, meeting.attendee_b):
        if tag_key(person.organisation) == tag_key(colleague.organisation):
            return person
    raise DomainError("colleague_not_same_organisation")


def check_colleague(event: Event, meeting: Meeting, colleague: Attendee, beside: Attendee) -> None:
    """Every rule a colleague joining ``meeting`` beside ``beside`` must keep, in order."""
    if (why := colleague.not_matchable_why) is not None:
        raise DomainError("attendee_not_matchable", attendee=colleague.full_name, why=why)
    team = colleagues_in([meeting.id]).get(meeting.id, [])
    if sum(c.beside_id == beside.id for c in team) >= PER_SIDE:
        raise DomainError("team_side_full", attendee=beside.full_name, maximum=PER_SIDE)
    table = db.session.get_one(MeetingTable, meeting.table_id)
    if len(team) + 3 > table.seats:
        raise DomainError("table_too_small", table=table.name, seats=table.seats)
    slot = db.session.get_one(Slot, meeting.slot_id)
    if (busy := busy_in_slot(event, colleague, slot)) is not None:
        raise busy
    partner = meeting.attendee_b if beside.id == meeting.attendee_a_id else meeting.attendee_a
    check_partner(colleague, partner)
    if colleague.max_meetings is not None and meetings_of(colleague) >= colleague.max_meetings:
        raise DomainError("over_maximum", attendee=colleague.full_name, maximum=colleague.max_meetings)


def check_partner(colleague: Attendee, partner: Attendee) -> None:
    """The colleague does not meet the partner anyway, and the two are not blocked."""
    pair = (min(colleague.id, partner.id), max(colleague.id, partner.id))
    met = db.session.scalar(select(Slot.number).join(Meeting, Meeting.slot_id == Slot.id).where(
        Meeting.attendee_a_id == pair[0], Meeting.attendee_b_id == pair[1]))
    if met is not None:
        raise DomainError("pair_already_meets", slot=met)
    if is_blocked(colleague, partner):
        raise DomainError("blocked")


def meetings_of(attendee: Attendee) -> int:
    """Meetings of their own plus team meetings they sit in."""
    own = db.session.scalar(select(func.count()).where(
        (Meeting.attendee_a_id == attendee.id) | (Meeting.attendee_b_id == attendee.id))) or 0
    joined = db.session.scalar(select(func.count()).where(MeetingColleague.attendee_id == attendee.id)) or 0
    return own + joined


def colleague_choices(event: Event, meeting: Meeting, beside: Attendee) -> list[Attendee]:
    """The colleagues of ``beside`` who may join the meeting now, by name (what a form offers)."""
    slot = db.session.get_one(Slot, meeting.slot_id)
    partner = meeting.attendee_b if beside.id == meeting.attendee_a_id else meeting.attendee_a
    present = {c.id for c in colleagues_in([meeting.id]).get(meeting.id, [])}
    key = tag_key(beside.organisation)
    same = [person_id for person_id, organisation in db.session.execute(
        select(Attendee.id, Attendee.organisation).where(
            Attendee.event_id == event.id, Attendee.status == AttendeeStatus.REGISTERED,
            Attendee.id.not_in([meeting.attendee_a_id, meeting.attendee_b_id, *present])))
        if tag_key(organisation) == key]
    fitting = [person for person in db.session.scalars(select(Attendee).where(Attendee.id.in_(same)))
               if person.is_matchable and busy_in_slot(event, person, slot) is None
               and partner_allows(person, partner)]
    return sorted(fitting, key=lambda p: (p.last_name.casefold(), p.first_name.casefold(), p.id))


def partner_allows(colleague: Attendee, partner: Attendee) -> bool:
    try:
        check_partner(colleague, partner)
    except DomainError:
        return False
    return colleague.max_meetings is None or meetings_of(colleague) < colleague.max_meetings


@dataclass(frozen=True)
class TeamPanel:
    """A meeting's colleagues and who may still join, beside whom (for a page's form)."""

    colleagues: list[Colleague]
    choices: list[tuple[int, str, str]]  # colleague id, name, name of the one beside


def team_panel(event: Event, meeting_id: int, beside: Attendee | None = None) -> TeamPanel:
    """``beside``: only that attendee's side (their own page), else both sides."""
    meeting = event_meeting(event, meeting_id)
    sides = [beside] if beside is not None else [meeting.attendee_a, meeting.attendee_b]
    return TeamPanel(colleagues_in([meeting.id]).get(meeting.id, []),
                     [(person.id, person.full_name, side.full_name) for side in sides
                      for person in colleague_choices(event, meeting, side)])


def tell_colleague(event: Event, colleague_id: int) -> list[OutgoingMail]:
    """After a colleague joined or left a published meeting: "Your schedule has changed"
    to them, with what changed (recorded; the caller sends it after the commit)."""
    colleague = db.session.get_one(Attendee, colleague_id)
    changes = sync_calendars(event, [colleague.id]).get(colleague.id)
    if not changes or not colleague.is_matchable:
        return []
    return [compose(colleague, "schedule_changed", changes=changes,
                    meetings=planned_meetings(event, [colleague.id]).get(colleague.id, []),
                    day=day_label(event.starts_on, colleague.language),
                    schedule_link=public_url("attendee.schedule", token=colleague.token))]


@dataclass(frozen=True)
class JoinedMeeting:
    """A published meeting the attendee sits in as a colleague, beside ``beside_name``."""

    meeting_id: int
    starts_at: datetime
    ends_at: datetime
    table: str
    beside_name: str
    partner_name: str


def joined_meetings(attendee: Attendee, published_only: bool = True) -> list[JoinedMeeting]:
    """The meetings the attendee sits in as a colleague, in time order: only once the
    schedule is published, unless ``published_only`` is False (their data download)."""
    if published_only and not schedule_published(attendee.event):
        return []
    beside, partner = aliased(Attendee), aliased(Attendee)
    rows = db.session.execute(
        select(Meeting.id, Slot.starts_at, Slot.ends_at, MeetingTable.name, beside, partner)
        .join(MeetingColleague, MeetingColleague.meeting_id == Meeting.id)
        .join(Slot, Slot.id == Meeting.slot_id).join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(beside, beside.id == MeetingColleague.beside_id)
        .join(partner, partner.id.in_([Meeting.attendee_a_id, Meeting.attendee_b_id]) & (partner.id != beside.id))
        .where(MeetingColleague.attendee_id == attendee.id).order_by(Slot.starts_at))
    return [JoinedMeeting(meeting_id, starts, ends, table, side.full_name, other.full_name)
            for meeting_id, starts, ends, table, side, other in rows]
