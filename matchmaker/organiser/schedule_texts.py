"""The schedule area's words: the certificate's figures and why nobody met.

The services give machine codes (the run's ``quality`` and ``unmatched``); this module
turns them into the organiser's language. Refused edits are in ``matchmaker.refusals``.
"""

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l


UNMATCHED_TEXTS = {
    "no_consent": _l("did not agree to matchmaking"),
    "does_not_want_meetings": _l("wants no meetings"),
    "max_meetings_zero": _l("set their maximum to 0 meetings"),
    "no_availability": _l("is unavailable in every slot"),
    "no_compatible_partner": _l("has nothing in common with anyone who can meet"),
    "partners_fully_booked": _l("every possible partner is fully booked"),
}

# Known figures of ``ScheduleRun.quality`` in display order; ``percent`` ones are shares.
QUALITY_LABELS = {
    "meetings": (_l("Meetings"), "number"),
    "total_score": (_l("Total score"), "number"),
    "upper_bound": (_l("Upper bound on the best possible total"), "number"),
    "ratio": (_l("Share of the best possible total"), "percent"),
    "attendees_considered": (_l("Attendees considered"), "number"),
    "min_meetings": (_l("Fewest meetings of an attendee"), "number"),
    "mean_meetings": (_l("Meetings per attendee (mean)"), "decimal"),
    "zero_meetings": (_l("Attendees without a meeting"), "number"),
    "cross_industry_share": (_l("Cross-industry meetings"), "percent"),
    "complementary_share": (_l("SME or start-up with a large company or research institute"), "percent"),
    "must_meet_requested": (_l("Must-meet requests"), "number"),
    "must_meet_honoured": (_l("Must-meet requests honoured"), "number"),
    "candidate_edges": (_l("Candidate pairs considered"), "number"),
    "method": (_l("Method"), "text"),
}


def quality_rows(quality: Mapping[str, Any]) -> list[tuple[str, str, Any]]:
    """(label, kind, value) of every figure: the known ones labelled and in order, then any
    others as they are (kind ``other``), so that new figures appear without a change here."""
    known = [(str(label), kind, quality[key]) for key, (label, kind) in QUALITY_LABELS.items()
             if key in quality]
    return known + [(key.replace("_", " "), "other", value) for key, value in quality.items()
                    if key not in QUALITY_LABELS]
