"""What stops an organiser from placing a meeting by hand: pure checks over plain rows.

`meeting_conflicts` lists every rule a meeting would break among the other meetings of
the event: the same person twice in a slot, a slot an attendee marked unavailable, a
table already taken, the pair meeting twice, a pair that may never meet (same
organisation; or any other exclusion of `scoring.exclusion`), an attendee taking no part
in matchmaking, and an attendee over their maximum. The list is empty exactly when the
meeting fits; conflicts come in that order, so the first is the one to name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from matchmaker.matching.model import Attendee, Meeting
from matchmaker.matching.scoring import exclusion

# Exclusions that concern one attendee, not the pair: reported per attendee instead.
PERSONAL_EXCLUSIONS = ("no_consent", "does_not_want_meetings")


@dataclass(frozen=True)
class Conflict:
    """A broken rule: ``code`` names it, ``params`` say about whom (attendee ids) and what."""

    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)


def meeting_conflicts(
    meeting: Meeting, a: Attendee, b: Attendee, others: Iterable[Meeting]
) -> list[Conflict]:
    """Every conflict of `meeting` (of `a` and `b`) with the event's `others` (not itself)."""
    others = list(others)
    people = (a, b)
    conflicts = [Conflict("attendee_not_matchable", {"attendee": p.id, "why": why})
                 for p in people if (why := personal_exclusion(p))]
    excluded = exclusion(a, b)
    if excluded and excluded not in PERSONAL_EXCLUSIONS:
        conflicts.append(Conflict(excluded, {"attendees": meeting.pair}))
    conflicts += [Conflict("pair_already_meets", {"slot": other.slot})
                  for other in others if other.pair == meeting.pair]
    same_slot = [other for other in others if other.slot == meeting.slot]
    conflicts += [Conflict("double_booking", {"attendee": p.id, "slot": meeting.slot})
                  for p in people if any(p.id in other.pair for other in same_slot)]
    conflicts += [Conflict("slot_unavailable", {"attendee": p.id, "slot": meeting.slot})
                  for p in people if meeting.slot in p.unavailable_slots]
    conflicts += [Conflict("slot_in_session", {"attendee": p.id, "slot": meeting.slot})
                  for p in people if meeting.slot in p.session_slots - p.unavailable_slots]
    if any(other.table == meeting.table for other in same_slot):
        conflicts.append(Conflict("table_occupied", {"slot": meeting.slot, "table": meeting.table}))
    conflicts += [Conflict("over_maximum", {"attendee": p.id, "maximum": p.max_meetings})
                  for p in people if p.max_meetings is not None
                  and sum(p.id in other.pair for other in others) >= p.max_meetings]
    return conflicts


def personal_exclusion(attendee: Attendee) -> str | None:
    """Why this attendee takes no part in matchmaking, or None."""
    if not attendee.consent:
        return "no_consent"
    if not attendee.wants_meetings:
        return "does_not_want_meetings"
    return None
