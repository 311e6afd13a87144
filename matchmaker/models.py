"""All database models in one place.

Invariants live in the database where it can hold them: one registration per e-mail and
event, lower-case e-mail, one meeting per table and slot, pairs stored as (smaller, larger).
"""

import enum
from datetime import UTC, date, datetime
from typing import Any, cast

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    inspect,
    true,
)
from sqlalchemy import event as orm_event
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from .badge_code import new_badge_code
from .documents.collation import name_key
from .extensions import Model, db
from .matching.model import POLICIES
from .passwords import configured_hasher, hash_password
from .text import email_key, search_key
from .vocabulary import LANGUAGES, ORG_TYPES


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def sql_in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


class AttendeeStatus(enum.StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class MailStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


def string_enum(enum_class: type[enum.StrEnum]) -> Enum:
    """Store an enum as its value in a VARCHAR with a CHECK constraint, on every backend."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
        name=enum_class.__name__.lower(),
    )


class Event(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date]
    venue: Mapped[str] = mapped_column(String(300))
    capacity: Mapped[int] = mapped_column(default=200)
    # Friendly registration numbers are never reused, not even after an erasure.
    attendee_numbers_issued: Mapped[int] = mapped_column(default=0)
    # Sign-up is open between these (UTC; None: no limit) and until the event day.
    registration_opens_at: Mapped[datetime | None]
    registration_closes_at: Mapped[datetime | None]
    # An archived event leaves the public list; its counts stay, its personal data is
    # purged by the retention rule like any past event's.
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Matchmaking: the policy ("balanced" or "total", see matching.model.POLICIES) and the
    # organiser's synonym groups of interest tags, one per line (None: the starter list).
    matching_policy: Mapped[str] = mapped_column(String(20), default="balanced")
    tag_synonyms: Mapped[str | None] = mapped_column(Text)
    # Points per reason that differ from the engine's defaults (``matching.Weights``).
    matching_weights: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # The random part of the display screen's link ``/<slug>/display/<secret>`` (None: none).
    display_secret: Mapped[str | None] = mapped_column(String(64))
    # How long a freed slot offered to an attendee ("fill my free slots") waits for their answer.
    offer_minutes: Mapped[int] = mapped_column(default=30, server_default="30")
    # Once the schedule is published, accepting a request books the meeting at once
    # (``services.attendees.booking``); off: accepted requests wait for the next run.
    booking_on_acceptance: Mapped[bool] = mapped_column(default=True, server_default=true())
    # The event's look (``services.events.look``): an accent colour ``#rrggbb`` that keeps
    # 4.5:1 against white, and a logo (PNG re-encoded, or SVG stripped of anything active).
    accent_colour: Mapped[str | None] = mapped_column(String(7))
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    logo_type: Mapped[str | None] = mapped_column(String(20))
    logo_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # The event's theme (one of ``vocabulary.THEMES``; None: none), for the list's filter.
    theme: Mapped[str | None] = mapped_column(String(40))
    # Title and venue folded for searching the list of events (``text.search_key``).
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    # "Compact days": the engine re-times meetings so attendees wait fewer idle slots.
    compact_days: Mapped[bool] = mapped_column(default=True, server_default=true())
    # An earlier event whose feedback gives a small bonus to the industry and organisation-
    # type pairings rated valuable there (``services.schedule.behaviour``; None: off).
    feedback_bonus_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"))

    slots: Mapped[list["Slot"]] = relationship(
        back_populates="event", order_by="Slot.number", cascade="all, delete-orphan"
    )
    tables: Mapped[list["MeetingTable"]] = relationship(
        back_populates="event", order_by="MeetingTable.number", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint(sql_in("matching_policy", POLICIES), name="matching_policy_known"),
        CheckConstraint("offer_minutes >= 1", name="offer_minutes_positive"),
        Index("ix_event_starts_on", "starts_on"),
    )


class Industry(Model):
    """An industry or technology field an attendee chooses; organisers may add more."""

    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    name_de: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)

    def name(self, language: str) -> str:
        return self.name_de if language == "de" else self.name_en


class Slot(Model):
    """A meeting slot; ``number`` is 1-based within the event and what files refer to."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    number: Mapped[int]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    block: Mapped[int] = mapped_column(default=1)

    event: Mapped[Event] = relationship(back_populates="slots")

    __table_args__ = (
        UniqueConstraint("event_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )


class MeetingTable(Model):
    """A numbered table in the meeting area (named so to keep clear of SQL's TABLE)."""

    __tablename__ = "meeting_table"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(80))
    # How many people sit at the table: a team meeting (``MeetingColleague``) must fit.
    seats: Mapped[int] = mapped_column(default=4, server_default="4")

    event: Mapped[Event] = relationship(back_populates="tables")

    __table_args__ = (UniqueConstraint("event_id", "number"),
                      CheckConstraint("seats >= 2", name="seats_for_two"))


class Attendee(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    number: Mapped[int]
    token: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[AttendeeStatus] = mapped_column(string_enum(AttendeeStatus))
    email: Mapped[str] = mapped_column(String(254))
    """The address as typed (``text.clean_email``); mails go to it, exports show it."""
    email_key: Mapped[str] = mapped_column(String(254))
    """The comparison key of ``email`` (``text.email_key``), unique per event; kept in step
    with ``email`` on every assignment."""
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    organisation: Mapped[str] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(150))
    org_type: Mapped[str] = mapped_column(String(20))
    industry_code: Mapped[str] = mapped_column(ForeignKey("industry.code"))
    cluster: Mapped[str | None] = mapped_column(String(200))
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    offers: Mapped[list[str]] = mapped_column(JSON, default=list)
    seeks: Mapped[list[str]] = mapped_column(JSON, default=list)
    wants_meetings: Mapped[bool] = mapped_column(default=True)
    unavailable_slots: Mapped[list[int]] = mapped_column(JSON, default=list)
    max_meetings: Mapped[int | None]
    language: Mapped[str] = mapped_column(String(2), default="de")
    privacy_consent_at: Mapped[datetime]
    privacy_consent_version: Mapped[str] = mapped_column(String(40))
    matching_consent_at: Mapped[datetime | None]
    matching_consent_version: Mapped[str | None] = mapped_column(String(40))
    email_confirmed_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    # Internal notes of the organisers; never shown to the attendee (but in their data
    # download, Art. 15 GDPR).
    organiser_notes: Mapped[str] = mapped_column(Text, default="")
    signed_up_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # When something a pair's score reads last changed (``SCORED_FIELDS``): the kept
    # suggestion lists rescore the pairs of whoever changed since. A check-in, a reminder
    # or the language switch changes ``updated_at`` only.
    scored_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Name, organisation and address folded for searching (``text.search_key``): SQL's
    # lower() knows no umlauts on SQLite. Kept up to date on every write (below).
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The non-secret code on the badge (``badge_code``), unique within the event, and when
    # the person arrived (checked in at the desk); None: not (yet) arrived.
    badge_code: Mapped[str] = mapped_column(String(8), default=new_badge_code)
    checked_in_at: Mapped[datetime | None]
    # "Fill my free slots": a slot given back next to one of theirs may be offered to them,
    # and a slot given back by their partner is offered to others.
    fills_free_slots: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The participant list's order and keyword filter in SQL (``attendee_list_keys``): the
    # phone-book sort key, and name, organisation and tags case-folded, one per line.
    name_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    profile_words: Mapped[str] = mapped_column(Text, default="", server_default="")

    event: Mapped[Event] = relationship()
    industry: Mapped[Industry] = relationship()

    __table_args__ = (
        UniqueConstraint("event_id", "email_key"),
        UniqueConstraint("event_id", "number"),
        UniqueConstraint("event_id", "badge_code"),
        CheckConstraint("email_key = lower(email_key)", name="email_key_lower_case"),
        CheckConstraint(sql_in("org_type", ORG_TYPES), name="org_type_known"),
        CheckConstraint(sql_in("language", LANGUAGES), name="language_known"),
        CheckConstraint("max_meetings IS NULL OR max_meetings >= 0", name="max_meetings_valid"),
        Index("ix_attendee_event_status", "event_id", "status"),
        Index("ix_attendee_event_scored", "event_id", "scored_at"),  # suggestion_lists
        Index("ix_attendee_event_name_key", "event_id", "name_key"),  # the participant list
    )

    @validates("email")
    def _keep_email_key(self, _: str, email: str) -> str:
        self.email_key = email_key(email)
        return email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def matching_consent(self) -> bool:
        return self.matching_consent_at is not None

    @property
    def is_matchable(self) -> bool:
        """Only registered attendees who confirmed their address and agreed are matched."""
        return self.not_matchable_why is None

    @property
    def not_matchable_why(self) -> str | None:
        """Why the attendee is not matched (the status, or a refusal's ``why`` code), or None."""
        if self.status != AttendeeStatus.REGISTERED:
            return self.status.value
        if self.email_confirmed_at is None:
            return "email_not_confirmed"
        if not self.matching_consent:
            return "no_consent"
        if not self.wants_meetings:
            return "does_not_want_meetings"
        return None


@orm_event.listens_for(Event, "before_insert")
@orm_event.listens_for(Event, "before_update")
def keep_event_search_key(_mapper: Any, _connection: Any, event: Event) -> None:
    event.search_key = event_search_key(event.title, event.venue)


def event_search_key(title: str, venue: str) -> str:
    """The folded text the list of events is searched in (also used by its migration)."""
    return search_key(title, venue)


@orm_event.listens_for(Attendee, "before_insert")
@orm_event.listens_for(Attendee, "before_update")
def keep_search_key(_mapper: Any, _connection: Any, attendee: Attendee) -> None:
    attendee.search_key = attendee_search_key(attendee.first_name, attendee.last_name,
                                              attendee.organisation, attendee.email)


@orm_event.listens_for(Attendee, "before_insert")
@orm_event.listens_for(Attendee, "before_update")
def keep_list_keys(_mapper: Any, _connection: Any, attendee: Attendee) -> None:
    attendee.name_key, attendee.profile_words = attendee_list_keys(
        attendee.first_name, attendee.last_name, attendee.organisation,
        [*attendee.keywords, *attendee.offers, *attendee.seeks])


# What ``taking_part.taking_part`` and the engine's pair score read of an attendee.
SCORED_FIELDS = ("status", "email_confirmed_at", "matching_consent_at", "wants_meetings", "organisation",
                 "org_type", "industry_code", "cluster", "themes", "keywords", "offers", "seeks")


@orm_event.listens_for(Attendee, "before_update")
def keep_scored_at(_mapper: Any, _connection: Any, attendee: Attendee) -> None:
    state = inspect(attendee)
    if any(state.attrs[name].history.has_changes() for name in SCORED_FIELDS):
        attendee.scored_at = utcnow()


WORD_SEPARATOR = "\x1f"  # never in a cleaned name or tag


def attendee_list_keys(first_name: str, last_name: str, organisation: str,
                       tags: list[str]) -> tuple[str, str]:
    """``name_key``: ``collation.name_key`` as one string that sorts alike code point by
    code point; ``profile_words``: what the participant list's keyword filter looks in."""
    key = "\x01".join(part.replace("\x00", "\x01") for part in name_key(last_name, first_name))
    words = [*tags, organisation, f"{first_name} {last_name}"]
    return key, WORD_SEPARATOR.join(word.casefold() for word in words)


def attendee_search_key(first_name: str, last_name: str, organisation: str, email: str) -> str:
    """The folded text an attendee search looks in (also used by the migration that
    fills the column for existing rows)."""
    return search_key(f"{first_name} {last_name}", organisation, email)


class Meeting(Model):
    """A scheduled 1:1 meeting; ``attendee_a_id < attendee_b_id`` always."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id", ondelete="CASCADE"))
    table_id: Mapped[int] = mapped_column(ForeignKey("meeting_table.id", ondelete="CASCADE"))
    attendee_a_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    attendee_b_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    score: Mapped[int] = mapped_column(default=0)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    locked: Mapped[bool] = mapped_column(default=False)
    # The two agreed it themselves (a request booked, a freed slot accepted), not the
    # matchmaking or an organiser: the grid says so.
    booked_by_attendees: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When one of the two confirmed on the day that the meeting took place ("we met").
    met_at: Mapped[datetime | None]

    slot: Mapped[Slot] = relationship()
    table: Mapped[MeetingTable] = relationship()
    attendee_a: Mapped[Attendee] = relationship(foreign_keys=[attendee_a_id])
    attendee_b: Mapped[Attendee] = relationship(foreign_keys=[attendee_b_id])

    __table_args__ = (
        UniqueConstraint("slot_id", "table_id"),
        UniqueConstraint("event_id", "attendee_a_id", "attendee_b_id"),
        CheckConstraint("attendee_a_id < attendee_b_id", name="pair_ordered"),
    )


class MeetingColleague(Model):
    """A colleague who joins a meeting beside ``beside`` (one of its two attendees, of the
    same organisation): a team meeting. The slot is taken for the colleague too. At most
    two per side, and the table must seat everybody (``services.schedule.team_meetings``)."""

    __tablename__ = "meeting_colleague"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"),
                                             primary_key=True, index=True)
    beside_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (CheckConstraint("attendee_id <> beside_id", name="not_beside_self"),)


class SuggestionList(Model):
    """An attendee's best partners by the engine's score, kept so that the suggestions
    page need not score everybody on every visit (``services.attendees.suggestion_lists``):
    the first entries of the ranking, as ``[partner id, score]`` best first, when it was
    computed, under which weights and synonyms, and with whom the attendee then had a
    request, a favourite or a block (those pairs are scored afresh on every visit)."""

    __tablename__ = "suggestion_list"

    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"),
                                             primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    computed_at: Mapped[datetime]
    settings: Mapped[str] = mapped_column(String(64))
    partners: Mapped[list[list[int]]] = mapped_column(JSON)
    complete: Mapped[bool]  # every partner with a positive score is in ``partners``
    touched: Mapped[list[int]] = mapped_column(JSON)


class SessionKind(enum.StrEnum):
    TALK = "talk"
    WORKSHOP = "workshop"
    PANEL = "panel"
    ROUND_TABLE = "round_table"


class ProgrammeSession(Model):
    """A session of the event's programme (talk, workshop, panel, round table).

    Times are local wall-clock times like the slots'; the title is unique within the event,
    because files name a session by its title. ``capacity`` None: no limit.
    """

    __tablename__ = "programme_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[SessionKind] = mapped_column(string_enum(SessionKind))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    room: Mapped[str] = mapped_column(String(120), default="")
    capacity: Mapped[int | None]
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        UniqueConstraint("event_id", "title"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        Index("ix_programme_session_event_starts_at", "event_id", "starts_at"),
    )


class ChoiceStatus(enum.StrEnum):
    CHOSEN = "chosen"
    WAITING = "waiting"


class SessionChoice(Model):
    """An attendee's seat in a session, or their place on its waiting list (by ``created_at``)."""

    __tablename__ = "session_choice"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("programme_session.id", ondelete="CASCADE"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"),
                                             index=True)
    status: Mapped[ChoiceStatus] = mapped_column(string_enum(ChoiceStatus))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[ProgrammeSession] = relationship()

    __table_args__ = (UniqueConstraint("session_id", "attendee_id"),)


class RoundTableLayout(Model):
    """How a round-table session sits: tables, seats per table, rounds, a topic per table
    (empty: the session's themes), and the figures of the latest forming of the groups."""

    __tablename__ = "round_table_layout"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("programme_session.id", ondelete="CASCADE"), unique=True)
    tables: Mapped[int]
    seats: Mapped[int]
    rounds: Mapped[int]
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    formed_at: Mapped[datetime | None]
    repeats: Mapped[int | None]
    mixed_tables: Mapped[int | None]

    __table_args__ = (
        CheckConstraint("tables >= 1 AND seats >= 1 AND rounds >= 1", name="layout_positive"),
    )


class RoundTableGroup(Model):
    """The people at one table in one round of a round-table session, with their reasons."""

    __tablename__ = "round_table_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("programme_session.id", ondelete="CASCADE"))
    round: Mapped[int]
    table_number: Mapped[int]
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    __table_args__ = (UniqueConstraint("session_id", "round", "table_number"),)


class RoundTableSeat(Model):
    __tablename__ = "round_table_seat"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("round_table_group.id", ondelete="CASCADE"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"),
                                             index=True)

    __table_args__ = (UniqueConstraint("group_id", "attendee_id"),)


class ScheduleRun(Model):
    """One run of the matchmaking engine: its quality certificate and who got no meeting.

    The event's meetings are the result of its latest run; a run is a draft until an
    organiser publishes it (``published_at``).
    """

    __tablename__ = "schedule_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    quality: Mapped[dict[str, Any]] = mapped_column(JSON)
    unmatched: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    changed_count: Mapped[int] = mapped_column(default=0)
    published_at: Mapped[datetime | None]


class ScheduleChange(Model):
    """When an attendee's printable schedule last changed, so that a re-print can be
    limited to the attendees whose sheet differs from the last print.

    ``fingerprint`` is a hash of everything their sheet shows (their name and
    organisation; each meeting's slot, table, partner and reasons): comparing it after a
    change finds exactly the attendees affected, including those whose meeting was
    moved or removed, or whose partner changed their name.
    """

    __tablename__ = "schedule_change"

    attendee_id: Mapped[int] = mapped_column(
        ForeignKey("attendee.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime]


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class MeetingRequest(Model):
    """An attendee asks to meet another one; the other accepts or declines.

    For the engine a pending request is a one-sided must-meet wish and an accepted one a
    mutual one; declined, withdrawn and expired requests count for nothing. A request
    without ``expires_at`` never expires: the organisers' must-meet wishes of an imported
    file (and every request made before requests could be answered) are such rows.
    """

    __tablename__ = "meeting_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[RequestStatus] = mapped_column(
        string_enum(RequestStatus), default=RequestStatus.PENDING, server_default="pending")
    message: Mapped[str | None] = mapped_column(String(500))
    answered_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    # Slot numbers the requester proposed (at most three, free for both when asked).
    proposed_slots: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")

    requester: Mapped["Attendee"] = relationship(foreign_keys=[requester_id])
    target: Mapped["Attendee"] = relationship(foreign_keys=[target_id])

    __table_args__ = (
        UniqueConstraint("requester_id", "target_id"),
        CheckConstraint("requester_id <> target_id", name="not_self"),
        Index("ix_meeting_request_target_status", "target_id", "status"),
    )


class BlockedPair(Model):
    """Two attendees an organiser says must never be paired; ``attendee_a_id <
    attendee_b_id`` always."""

    __tablename__ = "blocked_pair"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    attendee_a_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    attendee_b_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    created_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    attendee_a: Mapped[Attendee] = relationship(foreign_keys=[attendee_a_id])
    attendee_b: Mapped[Attendee] = relationship(foreign_keys=[attendee_b_id])

    __table_args__ = (
        UniqueConstraint("event_id", "attendee_a_id", "attendee_b_id"),
        CheckConstraint("attendee_a_id < attendee_b_id", name="pair_ordered"),
    )


class AuditEntry(Model):
    """Who changed what, when: every organiser change, with the values before and after.

    Entries about an attendee go with the attendee when their data is erased or purged.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    attendee: Mapped[Attendee | None] = relationship()

    __table_args__ = (Index("ix_audit_entry_event_at", "event_id", "at"),)


class DeskCheckIn(Model):
    """A check-in a desk sent later (it was offline), by the id the desk made for it: the
    same id sent again is answered from here and checks nobody in a second time."""

    __tablename__ = "desk_check_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    outcome: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("event_id", "client_id"),)


class QuestionKind(enum.StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    CHOICES = "choices"
    YES_NO = "yes_no"


class Question(Model):
    """An organiser's own question on the event's sign-up form.

    ``key`` names it in exports (column ``question_<key>``) and never changes; ``options``
    are ``{"key", "de", "en"}`` for the choice kinds. A special-category question (health:
    accessibility needs, diet for medical reasons) is never required: its answer is stored
    only with the attendee's explicit consent (``Answer.consent_at``).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    kind: Mapped[QuestionKind] = mapped_column(string_enum(QuestionKind))
    label_de: Mapped[str] = mapped_column(String(300))
    label_en: Mapped[str] = mapped_column(String(300))
    options: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=False)
    special_category: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        UniqueConstraint("event_id", "key"),
        CheckConstraint("NOT (required AND special_category)", name="special_never_required"),
    )

    def label(self, language: str) -> str:
        return self.label_de if language == "de" else self.label_en

    def option_label(self, key: str, language: str) -> str:
        """The option's wording; an option removed since it was chosen shows its key."""
        for option in self.options:
            if option["key"] == key:
                return option["de"] if language == "de" else option["en"]
        return key


class Answer(Model):
    """An attendee's answer to a question: text, an option key, a list of option keys or
    a yes/no. Goes with the attendee (erasure, purge) and with the question."""

    __tablename__ = "question_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    value: Mapped[Any] = mapped_column(JSON)
    # When the attendee agreed that a special-category answer is processed (else None).
    consent_at: Mapped[datetime | None]

    question: Mapped[Question] = relationship()

    __table_args__ = (UniqueConstraint("question_id", "attendee_id"),
                      Index("ix_question_answer_attendee", "attendee_id"))


class AttendeeBlock(Model):
    """``blocker`` never wants to meet ``blocked``: the engine never pairs them and
    neither can send the other a request."""

    __tablename__ = "attendee_block"

    id: Mapped[int] = mapped_column(primary_key=True)
    blocker_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    blocked_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("blocker_id", "blocked_id"),
        CheckConstraint("blocker_id <> blocked_id", name="not_self"),
    )


class CalendarEntry(Model):
    """A published meeting as the attendee's calendar knows it, kept after it is called off.

    One row per attendee and partner: ``uid`` stays for ever, ``sequence`` grows with each
    change, ``cancelled_at`` marks a meeting that was removed after publication. Times and
    table are copied, so a cancelled entry still says when it was. ``partner_id`` becomes
    NULL when the partner erases their data; cancelled entries never show the partner.
    """

    __tablename__ = "calendar_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id", ondelete="SET NULL"))
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    table_name: Mapped[str] = mapped_column(String(80))
    cancelled_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("attendee_id", "partner_id"),)


class CalendarFeed(Model):
    """The secret of an attendee's subscribable calendar feed: not the private page link,
    which must not be handed to calendar apps; replacing it cuts off old subscriptions."""

    __tablename__ = "calendar_feed"

    attendee_id: Mapped[int] = mapped_column(
        ForeignKey("attendee.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FeedbackOutcome(enum.StrEnum):
    TOOK_PLACE = "took_place"
    DID_NOT_HAPPEN = "did_not_happen"
    VALUABLE = "valuable"
    # It took place but was not worth it: the two are not paired at the next event they
    # both attend (``services.schedule.behaviour``).
    NOT_VALUABLE = "not_valuable"


class MeetingFeedback(Model):
    """One attendee's word on one meeting after the event ("valuable" implies it took place)."""

    __tablename__ = "meeting_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    outcome: Mapped[FeedbackOutcome] = mapped_column(string_enum(FeedbackOutcome))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("meeting_id", "attendee_id"),)


class OutgoingMail(Model):
    """Every message we send, so that a failed send can be retried and nothing is lost."""

    __tablename__ = "outgoing_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2))
    status: Mapped[MailStatus] = mapped_column(string_enum(MailStatus), default=MailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    # The per-address mail limit counts an address's recent mails on every sign-up.
    __table_args__ = (Index("ix_outgoing_mail_recipient_created_at", "recipient", "created_at"),)


class EventStatistics(Model):
    """Anonymous counts that outlive the personal data: kept when attendees erase their
    registration or are purged after the event. Counts only ever grow."""

    __tablename__ = "event_statistics"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    registered: Mapped[int] = mapped_column(default=0)
    waitlisted: Mapped[int] = mapped_column(default=0)
    cancelled: Mapped[int] = mapped_column(default=0)
    erased: Mapped[int] = mapped_column(default=0)
    meetings: Mapped[int] = mapped_column(default=0)
    purged_at: Mapped[datetime | None]


class EventRole(enum.StrEnum):
    """What an organiser (not an administrator) may do in one event: everything, or only
    the check-in desk (desk staff)."""

    ORGANISER = "organiser"
    CHECK_IN = "check-in"


organiser_event = db.Table(
    "organiser_event",
    db.Column("organiser_id", ForeignKey("organiser.id", ondelete="CASCADE"), primary_key=True),
    db.Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    db.Column("role", string_enum(EventRole), nullable=False, default=EventRole.ORGANISER,
              server_default=EventRole.ORGANISER.value),
)


class Organiser(UserMixin, Model):
    """An organiser account; an administrator sees every event, others those granted."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    # Administrators may work on every event and invite other administrators.
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    events: Mapped[list[Event]] = relationship(secondary=organiser_event, order_by=Event.starts_on)

    __table_args__ = (CheckConstraint("email = lower(email)", name="email_lower_case"),)

    # The log-in this request runs under (see services.organisers.sessions); Flask-Login keeps it as the id.
    # Not a column, so no annotation (SQLAlchemy would want Mapped[]); the cast gives mypy its type.
    session_token = cast(str | None, None)

    def get_id(self) -> str | None:
        return self.session_token

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password, configured_hasher(current_app.config))




class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(Model):
    """A background job (matchmaking, printing, bulk mail) of one event and its progress.

    The worker that runs it, on whichever host, writes its progress here; the dashboard
    polls this row, never the task queue. ``heartbeat_at`` moves while the job runs, so a
    job whose worker died can be told from a slow one. ``message`` is a short phase code
    (e.g. ``solving``) that the page translates; ``error`` is a code, ``error_detail`` says more.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[JobStatus] = mapped_column(string_enum(JobStatus), default=JobStatus.QUEUED)
    progress_done: Mapped[int] = mapped_column(default=0)
    progress_total: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(String(80), default="")
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result_file: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(String(60))
    error_detail: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("progress_done >= 0 AND progress_total >= 0", name="progress_valid"),
        Index("ix_job_event_kind_status", "event_id", "kind", "status"),
    )


class OrganiserSession(Model):
    """One log-in of an organiser: logging out deletes it, so a copied cookie stops working.

    Only a hash of the token is stored; the token itself is in the signed session cookie.
    """

    __tablename__ = "organiser_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_id: Mapped[int] = mapped_column(ForeignKey("organiser.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    organiser: Mapped[Organiser] = relationship()


class LoginFailure(Model):
    """A failed organiser log-in (or one still being checked), counted per e-mail address
    typed (``account``), per client address (``address``) and per both together (``pair``,
    keyed by a hash of the two) to limit guessing; see ``auth/limits.py``."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(254))
    failed_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        CheckConstraint("scope IN ('account', 'address', 'pair')", name="scope_known"),
        Index("ix_login_failure_scope_key_failed_at", "scope", "key", "failed_at"),
    )


class ClientRequest(Model):
    """A form post counted against a per-client limit (``scope``: the sign-up, the link
    request, the mails a visitor can trigger), kept in the database so that every worker
    process and host counts it; see ``services/client_limits.py``."""

    __tablename__ = "client_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_client_request_scope_key_made_at", "scope", "key", "made_at"),)


class OrganiserInvite(Model):
    """An invitation to become an organiser: a one-time link (only its hash is stored)
    that expires and works once."""

    __tablename__ = "organiser_invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    is_admin: Mapped[bool] = mapped_column(default=False)
    # The invitee's role in ``event`` once accepted.
    role: Mapped[EventRole] = mapped_column(string_enum(EventRole), default=EventRole.ORGANISER,
                                            server_default=EventRole.ORGANISER.value)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("organiser.id", ondelete="SET NULL"))
    # The event the invitee will organise (None: an administrator, or access given later).
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    invited_by: Mapped[Organiser | None] = relationship()
    event: Mapped[Event | None] = relationship()

    __table_args__ = (CheckConstraint("email = lower(email)", name="email_lower_case"),)


class AttendeeNotInterested(Model):
    """``attendee`` marked ``other`` as "not interested": the engine never pairs the two
    and ``other`` is not suggested to them, until the mark is taken back. Private like a
    favourite: the other person is never told."""

    __tablename__ = "attendee_not_interested"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("attendee_id", "other_id"),
        CheckConstraint("attendee_id <> other_id", name="not_self"),
    )


class AttendeeFavourite(Model):
    """``attendee`` marked ``favourite`` as interesting: to remember them, and a small bonus
    in the matchmaking. Private: the other person is never told."""

    __tablename__ = "attendee_favourite"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    favourite_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("attendee_id", "favourite_id"),
        CheckConstraint("attendee_id <> favourite_id", name="not_self"),
    )


class MeetingMove(Model):
    """One attendee proposes another slot and table for a published meeting; until the
    partner accepts, the meeting stays where it is. At most one open proposal per meeting."""

    __tablename__ = "meeting_move"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), unique=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id", ondelete="CASCADE"))
    table_id: Mapped[int] = mapped_column(ForeignKey("meeting_table.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MeetingNotice(Model):
    """What the attendee's page tells them about a change a partner made: a meeting given
    back (with the partner's note) or a proposed move declined. ``partner_id`` becomes NULL
    when the partner erases their data, so the notice no longer names them."""

    __tablename__ = "meeting_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfferStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    VOID = "void"


class SlotOffer(Model):
    """A slot given back, offered to ``offered_to`` to meet ``partner`` (the one left alone)
    at ``table``; open until ``expires_at``, then it goes to the next best person. Nobody is
    offered the same freed slot of the same partner twice. ``void``: the slot was no longer
    free for one of the two when the answer came or the offer moved on."""

    __tablename__ = "slot_offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id", ondelete="CASCADE"))
    table_id: Mapped[int] = mapped_column(ForeignKey("meeting_table.id", ondelete="CASCADE"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    offered_to_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    status: Mapped[OfferStatus] = mapped_column(string_enum(OfferStatus), default=OfferStatus.PENDING)
    score: Mapped[int] = mapped_column(default=0)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("slot_id", "partner_id", "offered_to_id"),
        Index("ix_slot_offer_event_status", "event_id", "status"),
    )


class ApiToken(Model):
    """A read-only key to one event's JSON API (``/api/v1/events/<slug>/...``), sent as
    ``Authorization: Bearer ...``. Only a hash is stored: the token is shown once, when it
    is made; revoking deletes the row, so a revoked token is simply unknown."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("event_id", "name"),)


class WebhookEndpoint(Model):
    """An address that is told, per event, when something happens (``kinds``, e.g.
    ``registration.created``); each delivery is signed with ``secret`` (HMAC-SHA256)."""

    __tablename__ = "webhook_endpoint"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(64))
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # given up after retrying for a day


class WebhookDelivery(Model):
    """One message to one endpoint: written in the transaction of what it reports, sent
    by the background worker outside it, retried with back-off until ``SENT`` or ``FAILED``.
    ``body`` is the exact JSON sent (and signed)."""

    __tablename__ = "webhook_delivery"

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoint.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[DeliveryStatus] = mapped_column(string_enum(DeliveryStatus),
                                                   default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_attempt_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_webhook_delivery_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_webhook_delivery_endpoint_id_id", "endpoint_id", "id"),
    )


class TagVector(Model):
    """A text-embedding model's vector of one interest tag (``embeddings``), computed once
    per distinct normalised tag (``tag_key``) and model, whatever the event: the similar
    interests of a run compare these, never embedding a tag per pair or per request."""

    __tablename__ = "tag_vector"

    id: Mapped[int] = mapped_column(primary_key=True)
    model: Mapped[str] = mapped_column(String(60))
    tag: Mapped[str] = mapped_column(String(200))
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("model", "tag"),)
