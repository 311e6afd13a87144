"""Re-planning after late registrations or cancellations, changing as little as possible.

Every previous meeting that is still feasible (both attendees present and available,
the pair still allowed, slot and table still free) is pinned to its slot and table; the
engine then fills the remaining capacity around the pinned and locked meetings. A pinned
meeting is only given up when an attendee would otherwise have no meeting at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from matchmaker.matching.model import Changes, Event, Meeting, ScheduleResult
from matchmaker.matching.schedule import TIME_LIMIT, plan_event


def replan(
    event: Event,
    previous_meetings: Sequence[Meeting],
    *,
    k: int | None = None,
    time_limit: float = TIME_LIMIT,
) -> ScheduleResult:
    """A new schedule close to `previous_meetings`, with `changes` against it.

    A previous meeting counts as unchanged only if the new schedule has the same pair in
    the same slot at the same table; `changed` lists the previous meetings (locked ones
    excluded) that are moved or gone, `added` the new meetings that were not there before.
    """
    locked = set(event.locked)
    pinned = sorted(
        {m for m in previous_meetings if m not in locked}, key=lambda m: (m.slot, m.table)
    )
    result = plan_event(event, k=k, time_limit=time_limit, pinned=pinned)
    planned = {m.meeting for m in result.meetings if not m.locked}
    changes = Changes(
        kept=tuple(m for m in pinned if m in planned),
        changed=tuple(m for m in pinned if m not in planned),
        added=tuple(sorted(planned - set(pinned), key=lambda m: (m.slot, m.table))),
    )
    quality = replace(result.quality, changed_meetings=changes.changed_count)
    return replace(result, changes=changes, quality=quality)
