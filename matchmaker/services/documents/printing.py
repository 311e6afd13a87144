"""The printed documents of an event, as PDF bytes, for the console, the dashboard and
the attendee's own page (the layout is in ``matchmaker.documents``).

Everything is read in a few queries up front (attendees, meetings, slots, industries),
then phrased in each attendee's language. Personal schedules and badges are sorted by
last name as in a German phone book. ``all_schedules_pdf`` first records which sheets
changed (see ``schedule_changes``), so its caller commits.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import or_, select

from ... import documents
from ...documents import (
    Badge,
    BadgeLayout,
    MeetingLine,
    PlanMeeting,
    PlanSlot,
    Progress,
    ScheduleSheet,
    SessionLine,
    SignTexts,
    SlotLine,
)
from ...documents.collation import name_key
from ...extensions import db
from ...labels import SESSION_KIND_LABELS
from ...models import Attendee, AttendeeStatus, Event, Meeting, MeetingColleague, MeetingTable, Slot, utcnow
from ...reasons import phrase_reasons
from .. import DomainError
from ..events.events import industries
from ..events.look import paper_brand
from ..programme.agenda import AgendaSession, day_plan, seated_sessions
from ..schedule.changes import changed_since as changed_attendees
from ..schedule.changes import record_schedule_changes
from ..schedule.runs import latest_run, schedule_published
from ..schedule.teams import Colleague, colleagues_in
from .texts import long_date, plan_texts, printed_at, schedule_texts, slot_title, table_label

# The one reason a printed line has room for: the most personal first.
REASON_PRIORITY = ("must_meet_mutual", "must_meet_one_sided", "offer_matches_seek",
                   "shared_keywords", "shared_themes", "cross_industry", "complementary_org_types")


@dataclass(frozen=True)
class StoredMeeting:
    slot: int
    table: str
    pair: tuple[int, int]
    reasons: list[dict[str, Any]]
    colleagues: tuple[Colleague, ...] = ()  # a team meeting's colleagues

    def side(self, attendee_id: int) -> int:
        """Which of the two ``attendee_id`` sits beside (themselves, for one of the two)."""
        return next((c.beside_id for c in self.colleagues if c.id == attendee_id), attendee_id)

    def beside(self, attendee_id: int) -> list[int]:
        """One of the two and the colleagues beside them."""
        return [attendee_id] + [c.id for c in self.colleagues if c.beside_id == attendee_id]


def private_page_url(base_url: str, token: str) -> str:
    """The attendee's private page, as the QR code of their own download opens it."""
    return f"{base_url.rstrip('/')}/me/{token}"


def schedule_pdf(attendee: Attendee, now: datetime | None = None, with_link: bool = False) -> bytes:
    """One attendee's schedule in their language, once the schedule is published; with a QR
    code of their private link only ``with_link`` (their own download, not the desk's copy)."""
    if not schedule_published(attendee.event):
        raise DomainError("schedule_not_published")
    sheets = schedule_sheets(attendee.event, [attendee], now or utcnow(), with_link=with_link)
    return documents.schedules_pdf(sheets, language=attendee.language, brand=paper_brand(attendee.event))


def all_schedules_pdf(event: Event, changed_since: datetime | None = None,
                      progress: Progress | None = None, now: datetime | None = None) -> bytes:
    """Every registered attendee's schedule, one per page (two when the meetings need it),
    in phone-book order; with ``changed_since`` (UTC) only the sheets that changed after it.
    These sheets lie on the desk for anyone to see: they carry no private link."""
    if not schedule_published(event):
        raise DomainError("schedule_not_published")
    now = now or utcnow().replace(microsecond=0)  # the footer shows whole seconds
    record_schedule_changes(event, now)
    people = registered(event)
    if changed_since is not None:
        wanted = changed_attendees(event, changed_since)
        people = [a for a in people if a.id in wanted]
    if not people:
        raise DomainError("nothing_to_print")
    return documents.schedules_pdf(schedule_sheets(event, people, now, with_link=False), progress,
                                   brand=paper_brand(event))


def table_plan_pdf(event: Event, language: str = "de", progress: Progress | None = None,
                   now: datetime | None = None) -> bytes:
    """Per slot, which pair sits at which table (also for a draft, marked as such)."""
    run = latest_run(event)
    if run is None:
        raise DomainError("no_schedule")
    names = {a.id: a for a in db.session.scalars(select(Attendee).where(Attendee.event_id == event.id))}
    by_slot = defaultdict(list)
    for meeting in stored_meetings(event):
        first, second = (names[i] for i in meeting.pair)
        by_slot[meeting.slot].append(PlanMeeting(
            meeting.table, ", ".join(names[i].full_name for i in meeting.beside(first.id)),
            first.organisation, ", ".join(names[i].full_name for i in meeting.beside(second.id)),
            second.organisation))
    slots = [PlanSlot(slot_title(slot.number, slot_time(slot), language),
                      tuple(by_slot[slot.number])) for slot in event.slots]
    texts = plan_texts(language, printed_at(now or utcnow(), language), run.published_at is None)
    return documents.table_plan_pdf(slots, texts, progress, language)


def table_signs_pdf(event: Event, progress: Progress | None = None) -> bytes:
    if not event.tables:
        raise DomainError("no_tables")
    texts = SignTexts(event.title, table_label(), paper_brand(event))
    return documents.table_signs_pdf([table.name for table in event.tables], texts, progress)


def badges_pdf(event: Event, layout: BadgeLayout = BadgeLayout(), language: str = "de",
               progress: Progress | None = None, with_qr: bool = True) -> bytes:
    """Badges of the registered attendees in phone-book order, without any link (a badge
    is worn in public): the badge code as text and, ``with_qr``, as a QR code."""
    if not layout.fits_a4():
        raise DomainError("badges_do_not_fit")
    people = registered(event)
    if not people:
        raise DomainError("nothing_to_print")
    fields = {industry.code: industry.name(language) for industry in industries()}
    badges = [Badge(a.full_name, a.organisation, fields.get(a.industry_code, ""), a.badge_code)
              for a in people]
    return documents.badges_pdf(badges, documents.BadgeTexts(event.title, paper_brand(event)), layout,
                                progress, with_qr)


def registered(event: Event) -> list[Attendee]:
    people = db.session.scalars(select(Attendee).where(
        Attendee.event_id == event.id, Attendee.status == AttendeeStatus.REGISTERED))
    return sorted(people, key=lambda a: name_key(a.last_name, a.first_name))


def stored_meetings(event: Event, attendee_ids: Collection[int] | None = None) -> list[StoredMeeting]:
    query = (select(Slot.number, MeetingTable.name, Meeting.attendee_a_id, Meeting.attendee_b_id,
                    Meeting.reasons)
             .join(Slot, Slot.id == Meeting.slot_id)
             .join(MeetingTable, MeetingTable.id == Meeting.table_id)
             .where(Meeting.event_id == event.id)
             .order_by(Slot.number, MeetingTable.number))
    if attendee_ids is not None:
        query = query.where(or_(Meeting.attendee_a_id.in_(attendee_ids),
                                Meeting.attendee_b_id.in_(attendee_ids),
                                Meeting.id.in_(select(MeetingColleague.meeting_id).where(
                                    MeetingColleague.attendee_id.in_(attendee_ids)))))
    rows = db.session.execute(query.add_columns(Meeting.id)).all()
    teams = colleagues_in([row[-1] for row in rows])
    return [StoredMeeting(slot, table, (a, b), reasons, tuple(teams.get(meeting_id, [])))
            for slot, table, a, b, reasons, meeting_id in rows]


def schedule_sheets(event: Event, people: list[Attendee], now: datetime,
                    with_link: bool) -> list[ScheduleSheet]:
    """The sheets of ``people`` in their order; partners are looked up among all attendees.
    ``with_link`` only for the attendee's own copy: it puts their private link on the sheet."""
    everyone = {a.id: a for a in db.session.scalars(select(Attendee).where(Attendee.event_id == event.id))}
    wanted = {a.id for a in people}
    meetings: dict[int, dict[int, StoredMeeting]] = defaultdict(dict)
    for meeting in stored_meetings(event, wanted if len(wanted) < len(everyone) else None):
        for own in (*meeting.pair, *(c.id for c in meeting.colleagues)):
            meetings[own][meeting.slot] = meeting
    catalogue = industries()
    seated = seated_sessions(event, wanted)
    base = current_app.config["PUBLIC_BASE_URL"]
    sheets = {}
    for language in sorted({a.language for a in people}):
        fields = {industry.code: industry.name(language) for industry in catalogue}
        texts = schedule_texts(language, printed_at(now, language))
        line = f"{long_date(event.starts_on, language)} · {event.venue}"
        with force_locale(language):
            for attendee in (a for a in people if a.language == language):
                rows = [(slot, slot_line(slot, attendee, meetings[attendee.id], everyone, fields))
                        for slot in event.slots]
                slots = plan_lines(rows, seated.get(attendee.id, []))
                sheets[attendee.id] = ScheduleSheet(
                    event.title, line, attendee.full_name, attendee.organisation, slots,
                    private_page_url(base, attendee.token) if with_link else None, texts,
                    badge_code="" if with_link else attendee.badge_code)
    return [sheets[a.id] for a in people]


def slot_line(slot: Slot, attendee: Attendee, meetings: dict[int, StoredMeeting],
              everyone: dict[int, Attendee], fields: dict[str, str]) -> SlotLine:
    meeting = meetings.get(slot.number)
    if meeting is None:
        return SlotLine(slot_time(slot), unavailable=slot.number in attendee.unavailable_slots)
    beside = meeting.side(attendee.id)
    partner = everyone[meeting.pair[1] if meeting.pair[0] == beside else meeting.pair[0]]
    others = [everyone[i].full_name for i in meeting.beside(beside) + meeting.beside(partner.id)
              if i not in (attendee.id, partner.id)]
    reason = main_reason(meeting.reasons, attendee.id, fields) if beside == attendee.id else ""
    return SlotLine(slot_time(slot), MeetingLine(
        meeting.table, partner.full_name, partner.organisation,
        fields.get(partner.industry_code, ""), reason,
        _("Also at the table: %(names)s", names=", ".join(others)) if others else ""))


def plan_lines(rows: list[tuple[Slot, SlotLine]], sessions: list[AgendaSession]) -> tuple[SlotLine, ...]:
    """The slots' lines and the sessions in one day plan (see ``programme.agenda``)."""
    lines = []
    for entry in day_plan(rows, sessions, lambda r: (r[0].starts_at, r[0].ends_at),
                          lambda r: r[1].meeting is None):
        if entry.session is not None:
            lines.append(session_line(entry.session))
        elif entry.row is not None:
            lines.append(entry.row[1])
    return tuple(lines)


def session_line(session: AgendaSession) -> SlotLine:
    """A session in the schedule's table: time, title and type, room."""
    return SlotLine(f"{session.starts_at:%H:%M}–{session.ends_at:%H:%M}",
                    session=SessionLine(session.title, str(SESSION_KIND_LABELS[session.kind.value]),
                                        session.room))


def main_reason(reasons: list[dict[str, Any]], viewer_id: int, fields: dict[str, str]) -> str:
    ranked = sorted(reasons, key=lambda r: REASON_PRIORITY.index(r["code"])
                    if r["code"] in REASON_PRIORITY else len(REASON_PRIORITY))
    sentences = phrase_reasons(ranked, viewer_id, fields)
    return sentences[0] if sentences else ""


def slot_time(slot: Slot) -> str:
    """``10:30–10:50``: slot times are the venue's local time."""
    return f"{slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"
