"""How slots and dates read on pages and in mails, in the page's language.

Slot times are stored as the venue's local time, so they are never rebased.
"""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import get_date_format, get_datetime_format, get_time_format
from flask import current_app
from flask_babel import format_datetime, format_time, get_locale

from .models import Slot


def slot_label(slot: Slot) -> str:
    """``10:30–10:50``."""
    start = format_time(slot.starts_at, "HH:mm", rebase=False)
    return f"{start}–{format_time(slot.ends_at, 'HH:mm', rebase=False)}"



def timestamp(value: datetime) -> str:
    """A moment in the page's language with a four-digit year: ``07.12.2026, 14:05``
    (Babel's short German date has ``26``, which reads badly in logs and lists)."""
    locale = get_locale()
    day = re.sub(r"y+", "yyyy", get_date_format("short", locale).pattern)
    pattern = str(get_datetime_format("short", locale)).replace("{1}", day)
    return format_datetime(value, pattern.replace("{0}", get_time_format("short", locale).pattern))


def clock_time(value: datetime) -> str:
    """A stored UTC moment as the venue's clock shows it: ``09:12`` (also on the console,
    where no page gives a locale)."""
    venue = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return value.replace(tzinfo=UTC).astimezone(venue).strftime("%H:%M")


def slot_start(value: datetime) -> str:
    """A slot's start as stored (the venue's local time): ``10:30``."""
    return format_time(value, "HH:mm", rebase=False)
