"""The schedule area's words: the certificate's figures and why nobody met.

The services give machine codes (the run's ``quality`` and ``unmatched``); this module
turns them into the organiser's language. Refused edits are in ``matchmaker.refusals``.
"""

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

UNMATCHED_TEXTS = {
    "no_consent": _l("did not agree to matchmaking"),
    "does_not_want_meetings": _l("wants no meetings"),
    "max_meetings_zero": _l("set their maximum to 0 meetings"),
    "no_availability": _l("is unavailable in every slot"),
    "in_sessions": _l("is in a chosen programme session during every free slot"),
    "no_compatible_partner": _l("has nothing in common with anyone who can meet"),
    "partners_fully_booked": _l("every possible partner is fully booked"),
}

# The figures of ``ScheduleRun.quality`` in display order; ``percent`` ones are shares,
# ``choice`` ones a code named in CHOICE_LABELS. Every field of the engine's ``Quality`` is
# here or in SHOWN_APART (a test checks it), so the page never shows a raw key.
QUALITY_LABELS = {
    "policy": (_l("What counted first"), "choice"),
    "method": (_l("Method"), "choice"),
    "meetings": (_l("Meetings"), "number"),
    "total_score": (_l("Total score"), "number"),
    "upper_bound": (_l("Upper bound on the best possible total"), "number"),
    "ratio": (_l("Share of the best possible total"), "percent"),
    "attendees_considered": (_l("Attendees considered"), "number"),
    "zero_meetings": (_l("Attendees without a meeting"), "number"),
    "min_meetings": (_l("Fewest meetings of an attendee"), "number"),
    "p10_meetings": (_l("Meetings that 9 in 10 attendees have at least"), "number"),
    "median_meetings": (_l("Meetings per attendee (median)"), "number"),
    "mean_meetings": (_l("Meetings per attendee (mean)"), "decimal"),
    "max_meetings": (_l("Most meetings of an attendee"), "number"),
    "fair_level": (_l("Fair level reached (meetings everybody has, or all they can have)"), "number"),
    "fair_level_bound": (_l("Highest fair level any schedule could reach"), "number"),
    "cross_industry_share": (_l("Cross-industry meetings"), "percent"),
    "complementary_share": (_l("SME or start-up with a large company or research institute"), "percent"),
    "cross_cluster_share": (_l("Meetings between members of different clusters"), "percent"),
    "cluster_manager_pairs": (_l("Meetings of cluster managers of different clusters"), "number"),
    "must_meet_requested": (_l("Must-meet requests"), "number"),
    "must_meet_honoured": (_l("Must-meet requests honoured"), "number"),
    "candidate_edges": (_l("Candidate pairs considered"), "number"),
    "changed_meetings": (_l("Meetings changed against the previous run"), "number"),
    "idle_slots_total": (_l("Idle slots between meetings (all attendees)"), "number"),
    "idle_slots_median": (_l("Idle slots between meetings per attendee (median)"), "number"),
    "idle_slots_worst": (_l("Most idle slots between meetings of an attendee"), "number"),
    "kept_apart_not_interested": (_l("Pairs kept apart: one marked the other as not interested"), "number"),
    "kept_apart_request_declined": (_l("Pairs kept apart: one declined a request of the other"), "number"),
    "kept_apart_rated_not_valuable": (_l("Pairs kept apart: their last meeting was rated not valuable"), "number"),
}
SHOWN_APART = frozenset({"meetings_histogram", "below_fair_level"})  # a chart, a table
CHOICE_LABELS = {
    "balanced": _l("balanced: a fair share for everybody first"),
    "total": _l("best total"),
    "exact": _l("exact: provably the best schedule"),
    "matching": _l("heuristic: matching, then improvements"),
}
SHORTFALL_TEXTS = {
    "own_limits": _l("has what their maximum and free slots allow"),
    "few_partners": _l("meets every possible partner"),
    "partners_full": _l("every further partner is at their own limit"),
    "tables_full": _l("no table is free in their free slots"),
    "partners_busy": _l("partners with room are busy whenever they are free"),
}


def quality_rows(quality: Mapping[str, Any]) -> list[tuple[str, str, Any]]:
    """(label, kind, value) of the labelled figures of a run, in order; a ``choice`` comes
    as its label. Figures the run does not have (older runs) are left out."""
    return [(str(label), "text", str(CHOICE_LABELS.get(quality[key], quality[key]))) if kind == "choice"
            else (str(label), kind, quality[key])
            for key, (label, kind) in QUALITY_LABELS.items() if key in quality]


def histogram_bars(quality: Mapping[str, Any]) -> list[tuple[str, int]]:
    """("3 meetings", attendees with 3 meetings) for 0, 1, 2, ... meetings."""
    return [(ngettext("%(num)d meeting", "%(num)d meetings", meetings), count)
            for meetings, count in enumerate(quality.get("meetings_histogram") or ())]

