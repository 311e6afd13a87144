"""The large-event engine gives exactly the schedule it gave before its speed work.

The figures were taken from the engine before it was made faster (issue 23: matrix in
int32, sparse terms scattered, one partition per block, compaction with early refusals,
vectorised fairness repair) on two seeded synthetic events that take the LP-rounding
path: every meeting (pair, slot, table, score), the total, the bound, the fair level and
the idle slots must stay the same. A change of the scoring rules changes these figures
on purpose: then take them again from the engine and say why in the commit.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from matchmaker.exchange.event_rows import event_from_rows
from matchmaker.matching import Event, Meeting, ScheduleResult, matrix, schedule
from matchmaker.matching.synonyms import parse_synonyms, starter_text
from matchmaker.synthetic import generate_attendees


def synthetic_event(n: int, tables: int, policy: str, seed: int) -> Event:
    event, _ = event_from_rows(generate_attendees(n, seed), slots=10, tables=tables)
    return replace(event, policy=policy, synonyms=parse_synonyms(starter_text()))


def with_locks_and_marks(event: Event) -> Event:
    """A locked meeting, two blocked pairs, favourites (one mutual) and a session each
    for some attendees: every input the score matrix and the slot masks read."""
    people = list(event.attendees)
    for i in range(0, len(people), 7):
        people[i] = replace(people[i], favourites=frozenset({people[(i + 3) % len(people)].id}),
                            session_slots=frozenset({1 + i % 10}))
    people[3] = replace(people[3], favourites=frozenset({people[0].id}))
    locked = (Meeting((people[1].id, people[2].id), 4, 1),)
    blocked = frozenset({(people[5].id, people[6].id), (people[8].id, people[40].id)})
    return replace(event, attendees=tuple(people), locked=locked, blocked_pairs=blocked)


def fingerprint(result: ScheduleResult) -> tuple:
    q = result.quality
    meetings = sorted((m.meeting.pair, m.meeting.slot, m.meeting.table, m.score)
                      for m in result.meetings)
    digest = hashlib.sha256(repr(meetings).encode()).hexdigest()[:16]
    return (q.method, q.total_score, q.upper_bound, q.fair_level,
            (q.idle_slots_total, q.idle_slots_median, q.idle_slots_worst), digest)


def test_scarce_balanced_event_in_small_blocks_gives_pinned_schedule(monkeypatch) -> None:
    monkeypatch.setattr(matrix, "BLOCK_ENTRIES", 4000)  # 13 rows a block: many blocks
    result = schedule(synthetic_event(300, 90, "balanced", seed=7))
    assert fingerprint(result) == PINNED["scarce balanced"]


def test_total_policy_event_with_locks_and_marks_gives_pinned_schedule() -> None:
    result = schedule(with_locks_and_marks(synthetic_event(300, 150, "total", seed=8)))
    assert fingerprint(result) == PINNED["total with locks"]


@pytest.mark.parametrize("compact_days", [False, True])
def test_event_with_locks_and_marks_keeps_pinned_total_with_and_without_compaction(
    compact_days: bool,
) -> None:
    event = replace(with_locks_and_marks(synthetic_event(300, 150, "balanced", seed=8)),
                    compact_days=compact_days)
    assert fingerprint(schedule(event)) == PINNED[f"balanced compact={compact_days}"]


PINNED: dict[str, tuple] = {  # method, total, bound, level, idle (total, median, worst), meetings
    "scarce balanced": ("matching", 18396, 19341, 6, (447, 1, 6), "312cd2ec755994b2"),
    "total with locks": ("matching", 25645, 25805, 6, (21, 0, 3), "7952a17f9fd14f28"),
    "balanced compact=False": ("matching", 25682, 25805, 9, (37, 0, 7), "e01f7fb140c069d0"),
    "balanced compact=True": ("matching", 25682, 25805, 9, (26, 0, 5), "e733344758039300"),
}
