"""Translated labels for the domain's codes (organisation types, themes, statuses)."""

from flask_babel import lazy_gettext as _l

ORG_TYPE_LABELS = {
    "sme": _l("SME (small or medium-sized enterprise)"),
    "startup": _l("Start-up"),
    "large": _l("Large company"),
    "research": _l("Research institute or university"),
    "cluster": _l("Cluster management"),
    "public": _l("Public body"),
    "other": _l("Other"),
}

THEME_LABELS = {
    "open_innovation": _l("Open innovation"),
    "skills": _l("Skilled-worker training and further education"),
    "non_technical": _l("Non-technical innovation"),
    "cluster_management": _l("New options for cluster management"),
}

STATUS_LABELS = {
    "registered": _l("Registered"),
    "waitlisted": _l("On the waiting list"),
    "cancelled": _l("Cancelled"),
}

REGISTRATION_STATE_LABELS = {
    "open": _l("open"),
    "not_yet_open": _l("not yet open"),
    "closed": _l("closed"),
    "past": _l("event is over"),
    "archived": _l("archived"),
}

AUDIT_ACTION_LABELS = {
    "edited": _l("details changed"),
    "confirm": _l("e-mail address confirmed"),
    "address_checked": _l("e-mail address confirmed: checked by the organisers at import"),
    "to_waiting_list": _l("moved to the waiting list"),
    "from_waiting_list": _l("given a seat"),
    "cancel": _l("registration cancelled"),
    "pair_blocked": _l("pair blocked"),
    "pair_unblocked": _l("pair allowed again"),
    "message_sent": _l("e-mail sent"),
    "imported": _l("imported"),
    "settings_changed": _l("settings changed"),
    "meeting_moved": _l("meeting moved by hand"),
    "meeting_locked": _l("meeting locked"),
    "meeting_unlocked": _l("meeting unlocked"),
    "meeting_cancelled": _l("meeting cancelled by hand"),
    "meeting_added": _l("meeting added by hand"),
    "meeting_booked": _l("meeting booked by the attendee on accepting a request"),
    "schedule_published": _l("schedule published"),
    "display_link_created": _l("display screen link created"),
    "display_link_revoked": _l("display screen link revoked"),
    "check_in": _l("checked in at the desk"),
    "check_in_undone": _l("check-in undone"),
}

WEIGHT_LABELS = {
    "shared_theme": _l("Shared theme (each)"),
    "shared_keyword": _l("Shared keyword (each)"),
    "offer_matches_seek": _l("One offers what the other seeks (each)"),
    "cross_industry": _l("Different industries, with a shared theme or an offer that matches"),
    "complementary_org_types": _l("SME or start-up with a large company or research institute"),
    "must_meet_one_sided": _l("Meeting request of one of the two"),
    "must_meet_mutual": _l("Both asked to meet"),
    "same_cluster": _l("Same cluster (they know each other already; negative)"),
    "cluster_exchange": _l("Cluster managers of two clusters with a shared theme"),
}
