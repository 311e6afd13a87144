"""The schedule area's words: refused edits, the certificate's figures, why nobody met.

The services give machine codes with params (``DomainError``, the run's ``quality`` and
``unmatched``); this module turns them into the organiser's language.
"""

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..labels import STATUS_LABELS
from ..services import DomainError

NOT_MATCHABLE_WHY = {
    "cancelled": _l("registration cancelled"),
    "waitlisted": _l("on the waiting list"),
    "email_not_confirmed": _l("e-mail address not confirmed"),
    "no_consent": _l("no consent to matchmaking"),
    "does_not_want_meetings": _l("wants no meetings"),
}

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


def conflict_message(error: DomainError) -> str:
    """The refused edit in one sentence that names the conflict and whom it concerns."""
    p = error.params
    if error.code == "double_booking":
        return _("%(attendee)s already has a meeting in slot %(slot)s.", **p)
    if error.code == "slot_unavailable":
        return _("%(attendee)s is not available in slot %(slot)s.", **p)
    if error.code == "table_occupied":
        return _("Table %(table)s is already taken in slot %(slot)s.", **p)
    if error.code == "pair_already_meets":
        return _("These two already meet in slot %(slot)s.", **p)
    if error.code == "same_organisation":
        return _("%(first)s and %(second)s are both from %(organisation)s: people of the same "
                 "organisation never meet.", first=p["attendees"][0], second=p["attendees"][1],
                 organisation=p["organisation"])
    if error.code == "over_maximum":
        return _("%(attendee)s wants at most %(maximum)s meetings and has them already.", **p)
    if error.code == "attendee_not_matchable":
        why = NOT_MATCHABLE_WHY.get(p["why"]) or STATUS_LABELS.get(p["why"], p["why"])
        return _("%(attendee)s takes no part in matchmaking: %(why)s.", attendee=p["attendee"], why=why)
    return simple_message(error)


def simple_message(error: DomainError) -> str:
    messages = {
        "same_attendee": _l("Please choose two different attendees."),
        "slot_not_found": _l("There is no such slot."),
        "table_not_found": _l("There is no table with this number."),
        "meeting_not_found": _l("This meeting no longer exists; somebody may have cancelled it."),
        "attendee_not_found": _l("This attendee is no longer registered."),
        "no_schedule": _l("There is no schedule to publish yet."),
    }
    return str(messages.get(error.code, _l("This change is not possible.")))
