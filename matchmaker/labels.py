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
    "colleague_added": _l("colleague added to a meeting"),
    "colleague_removed": _l("colleague removed from a meeting"),
    "meeting_booked": _l("meeting booked by the attendee on accepting a request"),
    "schedule_published": _l("schedule published"),
    "display_link_created": _l("display screen link created"),
    "display_link_revoked": _l("display screen link revoked"),
    "check_in": _l("checked in at the desk"),
    "check_in_undone": _l("check-in undone"),
    "session_added": _l("session added to the programme"),
    "session_changed": _l("programme session changed"),
    "session_deleted": _l("session deleted from the programme"),
    "round_tables_laid_out": _l("round-table layout set"),
    "round_tables_formed": _l("round tables formed"),
    "programme_imported": _l("programme imported"),
    "check_in_earlier": _l("arrival time set to another desk's earlier check-in"),
    "team_role": _l("role in the team changed"),
    "move_proposed": _l("attendee proposed another time for a meeting"),
    "move_accepted": _l("attendee accepted moving a meeting"),
    "move_declined": _l("attendee declined moving a meeting"),
    "meeting_given_back": _l("meeting cancelled by an attendee"),
    "slot_offered": _l("freed slot offered"),
    "slot_offer_expired": _l("offer of a freed slot expired"),
    "slot_offer_accepted": _l("offered slot accepted: meeting booked"),
    "slot_offer_withdrawn": _l("offer of a freed slot withdrawn by the organisers"),
    "move_withdrawn": _l("proposed move of a meeting withdrawn by the organisers"),
    "api_read": _l("read through the API"),
    "api_token_created": _l("API token created"),
    "api_token_revoked": _l("API token revoked"),
    "webhook_added": _l("webhook added"),
    "webhook_removed": _l("webhook removed"),
}

# What an organiser may do in one event (models.EventRole).
EVENT_ROLE_LABELS = {
    "organiser": _l("Organiser (everything)"),
    "check-in": _l("Check-in only (the desk, no e-mail addresses, no exports)"),
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
    "favourite": _l("One marked the other as interesting (both: like a meeting request of one)"),
    "valued_industry_pair": _l("Industry pair rated valuable at the earlier event chosen below"),
    "valued_org_type_pair": _l("Organisation-type pair rated valuable at the earlier event chosen below"),
    "similar_interest": _l("One offers something similar to what the other seeks (each; semantic extra)"),
    "similar_keyword": _l("Similar keywords (each; semantic extra)"),
}

SESSION_KIND_LABELS = {
    "talk": _l("Talk"),
    "workshop": _l("Workshop"),
    "panel": _l("Panel discussion"),
    "round_table": _l("Round table"),
}
