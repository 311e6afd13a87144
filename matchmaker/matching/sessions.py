"""Sessions of the programme as busy slots: a meeting slot that overlaps (even by a minute)
a session an attendee chose is no slot for a meeting of theirs.

The engine itself sees only slot numbers (``Attendee.session_slots``); this module turns
times into them, for the database's planning and for the file mode alike.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

Span = tuple[datetime, datetime]


def overlapping_slots(slots: Sequence[Span], sessions: Iterable[Span]) -> frozenset[int]:
    """The 1-based numbers of ``slots`` (start, end) that overlap any of ``sessions``."""
    spans = list(sessions)
    return frozenset(number for number, (start, end) in enumerate(slots, start=1)
                     if any(start < s_end and s_start < end for s_start, s_end in spans))
