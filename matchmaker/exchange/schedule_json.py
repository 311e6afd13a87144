"""Schedule JSON: the result of a matchmaking run as a file.

Format (UTF-8, one object)::

    {
      "format": "matchmaker-schedule", "version": 1,
      "slots":   [{"number": 1, "start": "2026-06-18T14:00:00", "end": "2026-06-18T14:20:00"}],
      "tables":  [{"number": 1}],
      "meetings": [{"slot": 1, "table": 1, "attendees": ["a@x.de", "b@y.de"],
                    "score": 17, "locked": false,
                    "reasons": [{"code": "offer_matches_seek",
                                 "params": {"tag": "Wasserstoff",
                                            "offered_by": "a@x.de", "sought_by": "b@y.de"}}]}],
      "unmatched": [{"attendee": "c@z.de", "code": "does_not_want_meetings"}],
      "quality": {"total_score": 17, "upper_bound": 18, "ratio": 0.9444, ...}
    }

- Slots and tables are numbered from 1. `start`/`end` are ISO 8601 local times without
  zone, or null when no times are known (file mode without `--start`).
- `attendees` are e-mails, the one of the smaller attendee id first (in file mode ids
  follow the sorted e-mails, so the alphabetically smaller e-mail comes first).
- `reasons` are machine codes with parameters, for the app to phrase in German or
  English; parameters naming an attendee (`offered_by`, `sought_by`, `requested_by`, `marked_by`,
  `tag_of`, `partner`) hold e-mails. Codes: `shared_themes` {themes}, `shared_keywords` {keywords,
  keywords_of, partner_keywords}, `offer_matches_seek` {tag, offered_by, sought_by,
  sought_tag}, `cross_industry` {industries}, `complementary_org_types` {org_types},
  `same_cluster` {cluster}, `cluster_exchange` {clusters}, `must_meet_one_sided`
  {requested_by}, `must_meet_mutual` {}, `favourite` {marked_by}, `favourite_mutual` {}
  (favourites come only from the app's database, never from a file), `valued_industry_pair`
  {industries}, `valued_org_type_pair` {org_types} (last time's feedback, app only),
  `similar_interest` {kind ("keywords" or "offer_seek"), tag, tag_of, partner_tag, partner}
  (with the `semantic` extra: `tag` as `tag_of` wrote it, for an offer and a seek the one
  seeking, `partner_tag` as `partner` did). Tags are spelled as each attendee wrote them:
  `keywords` as `keywords_of` did, `partner_keywords` as the other; `tag` as offered,
  `sought_tag` as sought.
- `unmatched` codes: `no_consent`, `does_not_want_meetings`, `max_meetings_zero`,
  `no_availability`, `in_sessions` (chosen sessions cover every free slot),
  `no_compatible_partner`, `partners_fully_booked`.
- `quality` holds the certificate (see `matchmaker.matching.quality`): total_score,
  upper_bound, ratio, meetings, attendees_considered, min_meetings, mean_meetings,
  zero_meetings, cross_industry_share, complementary_share, must_meet_requested,
  must_meet_honoured, candidate_edges, method, policy, p10_meetings, median_meetings,
  max_meetings, meetings_histogram, fair_level, fair_level_bound, below_fair_level
  ([{attendee, meetings, reason}]), cross_cluster_share, cluster_manager_pairs,
  changed_meetings, idle_slots_total, idle_slots_median, idle_slots_worst (slots an
  attendee waits between their first and last meeting, see `matchmaker.matching.compact`),
  kept_apart_not_interested, kept_apart_request_declined, kept_apart_rated_not_valuable
  (pairs kept apart by what attendees did, see `matchmaker.matching.behaviour`; app only);
  after a re-plan also changed_count, added_count.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from matchmaker.matching.model import Meeting, Reason, ScheduleResult

FORMAT = "matchmaker-schedule"
VERSION = 1
ATTENDEE_PARAMS = ("offered_by", "sought_by", "requested_by", "keywords_of", "marked_by",
                   "tag_of", "partner")


@dataclass(frozen=True)
class SlotTime:
    number: int
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class MeetingEntry:
    """A meeting as read back from a schedule file (attendees by e-mail)."""

    slot: int
    table: int
    attendees: tuple[str, str]
    score: int
    locked: bool
    reasons: tuple[dict[str, Any], ...]


def synthetic_slots(
    count: int, start: datetime | None = None, slot_minutes: int = 20, break_minutes: int = 0
) -> list[SlotTime]:
    """Slots 1..count, back to back from `start` (times None without a start)."""
    if start is None:
        return [SlotTime(number) for number in range(1, count + 1)]
    step = timedelta(minutes=slot_minutes + break_minutes)
    return [
        SlotTime(n, start + (n - 1) * step, start + (n - 1) * step + timedelta(minutes=slot_minutes))
        for n in range(1, count + 1)
    ]


def schedule_document(
    result: ScheduleResult,
    emails: Mapping[int, str],
    slots: Sequence[SlotTime],
    tables: int,
) -> dict[str, Any]:
    """The JSON-ready dict of a schedule; `emails` maps attendee ids to e-mails."""
    quality = asdict(result.quality)
    quality["below_fair_level"] = [
        {"attendee": emails[s["attendee_id"]], "meetings": s["meetings"], "reason": s["reason"]}
        for s in quality["below_fair_level"] if s["attendee_id"] in emails
    ]
    if result.changes is not None:
        quality["changed_count"] = result.changes.changed_count
        quality["added_count"] = len(result.changes.added)
    return {
        "format": FORMAT,
        "version": VERSION,
        "slots": [_slot(s) for s in slots],
        "tables": [{"number": n} for n in range(1, tables + 1)],
        "meetings": [
            {
                "slot": m.meeting.slot,
                "table": m.meeting.table,
                "attendees": [emails[i] for i in m.meeting.pair],
                "score": m.score,
                "locked": m.locked,
                "reasons": [reason_entry(r, emails) for r in m.reasons],
            }
            for m in result.meetings
        ],
        "unmatched": [{"attendee": emails[u.attendee_id], "code": u.code} for u in result.unmatched],
        "quality": quality,
    }


def reason_entry(reason: Reason, emails: Mapping[int, str]) -> dict[str, Any]:
    """A reason as JSON: attendee ids in its parameters become e-mails, tuples lists."""
    params = {
        key: emails[value] if key in ATTENDEE_PARAMS else
        list(value) if isinstance(value, tuple) else value
        for key, value in reason.params.items()
    }
    return {"code": reason.code, "params": params}


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_meetings(text: str) -> list[MeetingEntry]:
    """The meetings of a schedule file; raise ValueError if it is not one."""
    document = json.loads(text)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("not a matchmaker schedule file")
    return [
        MeetingEntry(
            slot=int(m["slot"]), table=int(m["table"]),
            attendees=(str(m["attendees"][0]).lower(), str(m["attendees"][1]).lower()),
            score=int(m["score"]), locked=bool(m.get("locked", False)),
            reasons=tuple(m.get("reasons", ())),
        )
        for m in document["meetings"]
    ]


def meetings_by_id(entries: Sequence[MeetingEntry], ids: Mapping[str, int]) -> list[Meeting]:
    """Engine meetings of the entries whose attendees are both known (others are dropped)."""
    return [
        Meeting.of(ids[a], ids[b], e.slot, e.table)
        for e in entries
        for a, b in [e.attendees]
        if a in ids and b in ids and a != b
    ]


def _slot(slot: SlotTime) -> dict[str, Any]:
    return {
        "number": slot.number,
        "start": slot.start.isoformat() if slot.start else None,
        "end": slot.end.isoformat() if slot.end else None,
    }
