"""The venue's wall clock: slot times are stored as the venue's local time (see
``formatting``), so "now" on the event day is read in the same zone. Tests replace
``venue_now`` to set the time of day."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app


def venue_now() -> datetime:
    """The venue's local time now, without a zone (like ``Slot.starts_at``)."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.now(zone).replace(tzinfo=None)
