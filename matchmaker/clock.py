"""The venue's wall clock: slot times are stored as the venue's local time (see
``formatting``), so "now" on the event day is read in the same zone. Tests replace
``venue_now`` to set the time of day."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def venue_now() -> datetime:
    """The venue's local time now, without a zone (like ``Slot.starts_at``)."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.now(zone).replace(tzinfo=None)


def utc_now() -> datetime:
    """Now in UTC without a zone (like the stored moments). Tests replace it to move time,
    e.g. to let offers of freed slots expire (``services.schedule.slot_offers``)."""
    return datetime.now(UTC).replace(tzinfo=None)
