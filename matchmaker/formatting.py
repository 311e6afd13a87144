"""How slots and dates read on pages and in mails, in the page's language.

Slot times are stored as the venue's local time, so they are never rebased.
"""

from flask_babel import format_time

from .models import Slot


def slot_label(slot: Slot) -> str:
    """``10:30–10:50``."""
    start = format_time(slot.starts_at, "HH:mm", rebase=False)
    return f"{start}–{format_time(slot.ends_at, 'HH:mm', rebase=False)}"

