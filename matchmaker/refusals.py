"""What the app says when a service refuses something: one text per ``DomainError`` code.

German first, English available (Flask-Babel; the German texts are in the catalogue under
``translations/de``). The dashboard, the attendee's pages, the log-in pages, the job
progress and the console all read their refusal texts here: ``refusal(error)`` on the
web, ``console_refusal(error)`` in English for the console. An entry is a lazy text,
formatted with the error's params, or a function of the params where the wording depends
on them. ``tests/test_refusals.py`` checks that every code raised in ``matchmaker/`` has
an entry; a code without one still never shows itself to people (``UNKNOWN``).
"""

from collections.abc import Callable, Mapping
from typing import Any

from flask_babel import force_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from .labels import STATUS_LABELS
from .services import DomainError

Params = Mapping[str, Any]
Entry = Any | Callable[[Params], str]  # a lazy text, or a function of the params

UNKNOWN = _l("This is not possible.")

NOT_MATCHABLE_WHY = {
    "cancelled": _l("registration cancelled"),
    "waitlisted": _l("on the waiting list"),
    "email_not_confirmed": _l("e-mail address not confirmed"),
    "no_consent": _l("no consent to matchmaking"),
    "does_not_want_meetings": _l("wants no meetings"),
}


def too_many_attempts(p: Params) -> str:
    return ngettext("Too many failed attempts. Please try again in %(num)d minute.",
                    "Too many failed attempts. Please try again in %(num)d minutes.", p["minutes"])


def same_organisation(p: Params) -> str:
    if "organisation" not in p:  # an attendee's request
        return gettext("People of the same organisation do not meet in the matchmaking.")
    return gettext("%(first)s and %(second)s are both from %(organisation)s: people of the same "
                   "organisation never meet.", first=p["attendees"][0], second=p["attendees"][1],
                   organisation=p["organisation"])


def attendee_not_matchable(p: Params) -> str:
    why = NOT_MATCHABLE_WHY.get(p["why"]) or STATUS_LABELS.get(p["why"], p["why"])
    return gettext("%(attendee)s takes no part in matchmaking: %(why)s.", attendee=p["attendee"], why=why)


REFUSALS: dict[str, Entry] = {
    # organiser accounts and invitations
    "wrong_password": _l("E-mail address or password is wrong."),
    "too_many_attempts": too_many_attempts,
    "busy": _l("The server is busy checking other log-ins. Please try again in a few seconds."),
    "admin_only": _l("Only administrators can invite administrators."),
    "invite_unknown": _l("This invitation link is not valid. Please check that you opened the "
                         "whole link from the e-mail."),
    "invite_used": _l("This invitation has been used already. Please log in with your password."),
    "invite_expired": _l("This invitation has expired. Please ask the organiser who invited you "
                         "for a new one."),
    "account_exists": _l("An organiser account for this address exists already. Please log in."),
    "own_role": _l("You cannot change your own role; please ask another organiser."),
    "administrator_role": _l("Administrators organise every event; their role cannot be changed here."),
    "not_on_team": _l("This person has no access to this event."),
    # events, settings, industries
    "slug_taken": _l("An event with this short name exists already."),
    "slug_not_allowed": _l("This short name is used by the app itself; please choose another."),
    "invalid_event_plan": _l("Capacity and tables must not be negative, and meetings must last "
                             "at least a minute."),
    "registration_closes_before_it_opens": _l("Registration must close after it opens."),
    "slots_past_midnight": _l("The meeting blocks would last past midnight."),
    "blocks_overlap": _l("The meeting blocks overlap: each must start after the previous one ends."),
    "industry_not_found": _l("This industry does not exist."),
    "industry_name_missing": _l("Every industry needs a German and an English name."),
    "industry_code_invalid": _l("Codes use lower-case letters, digits and _ (2 to 60 characters)."),
    "industry_code_taken": _l("This code is used already."),
    "unknown_matching_policy": _l("This matchmaking policy does not exist."),
    "weight_out_of_range": _l("Each weight must lie between %(low)s and %(high)s."),
    "synonym_in_two_groups": lambda p: gettext("Line %(line)s: a tag may stand in one group only.",
                                               line=p.get("line")),
    "synonym_line_malformed": lambda p: gettext("Line %(line)s: write a group as TAG = TAG = TAG.",
                                                line=p.get("line")),
    # the programme: sessions and choosing them
    "session_not_found": _l("This session does not exist (any more)."),
    "session_title_missing": _l("Every session needs a title."),
    "session_title_semicolon": _l("A session's title may not contain “;” (attendee files "
                                  "separate the titles of sessions by it)."),
    "session_title_taken": _l("The programme has a session called “%(title)s” already."),
    "session_ends_before_start": _l("A session must end after it starts."),
    "session_not_on_event_day": _l("A session must take place on the event's day."),
    "sessions_overlap": _l("“%(title)s” overlaps “%(other)s”, which you have chosen already. "
                           "Leave that one first."),
    "session_not_open": _l("Only attendees with a seat at the event can choose sessions."),
    "not_a_round_table": _l("Only a round-table session has tables."),
    "round_tables_layout_invalid": _l("Please give 1 to 50 tables, 1 to 30 seats per table and 1 to 6 rounds."),
    "round_tables_no_layout": _l("Please set the number of tables, seats and rounds first."),
    "round_tables_too_few_seats": _l(
        "%(people)d people have a seat in the session, but the tables have %(seats)d seats."),
    "round_tables_not_formed": _l("The tables are not formed yet."),
    "session_collides_with_meeting": _l("“%(title)s” overlaps one of your meetings: keep the "
                                        "meeting, or take the session and give the meeting back."),
    # the organiser's own sign-up questions
    "question_not_found": _l("This question does not exist."),
    "question_key_invalid": _l("A key uses lower-case letters, digits and _, starting with a "
                               "letter (at most 40)."),
    "question_key_taken": _l("Another question of this event has this key; please choose another."),
    "question_label_missing": _l("Every question needs a German wording."),
    "question_special_required": _l("A question about health cannot be required: its answer needs "
                                    "the attendee's free consent."),
    "question_needs_options": _l("A choice needs between 2 and %(maximum)s options, one a line."),
    "question_kind_answered": _l("Attendees have answered this question already, so its kind "
                                 "cannot change. Add a new question instead."),
    # the event's look
    "accent_invalid": _l("Please give the colour as # and six hexadecimal digits, like #00519e."),
    "accent_contrast_too_low": _l("This colour has a contrast of only %(ratio)s:1 against white; "
                                  "pages need at least 4.5:1 (WCAG AA). The nearest accessible "
                                  "shade is %(suggestion)s."),
    "logo_too_large": _l("The logo may be at most 512 KB."),
    "logo_not_png_or_svg": _l("The logo must be a PNG or an SVG file."),
    "logo_too_many_pixels": _l("The logo may be at most 2000 × 2000 pixels."),
    "logo_unreadable": _l("This file cannot be read as a logo (a damaged image, or an SVG with a "
                          "DTD or entities, which are refused)."),
    # what organisers do with attendees
    "attendee_not_found": _l("There is no attendee with this registration number in this event."),
    # the check-in desk
    "check_in_unknown": _l("This person is not registered for this event."),
    "check_in_not_checked_in": _l("This person is not checked in."),
    "check_in_undo_too_late": _l("A check-in can only be undone within a minute."),
    "attendee_cancelled": _l("the registration is cancelled."),
    "not_registered": _l("only attendees with a seat can move to the waiting list."),
    "not_waitlisted": _l("the attendee is not on the waiting list."),
    "no_seat_left": _l("no seat is free; raise the capacity in the settings first."),
    "email_taken": _l("Another attendee of this event has this e-mail address."),
    "same_attendee": _l("Please choose two different attendees."),
    "blocked_pair_not_found": _l("These two are not blocked from meeting."),
    "invalid_file": _l("The file has errors; nothing was imported."),
    "no_recipients": _l("Nobody would receive this message."),
    "message_empty": _l("Please enter a subject and a message."),
    "message_too_long": _l("The message is too long."),
    # the schedule: planning, edits by hand, publishing
    "no_confirmed_attendees": _l("Nobody to match yet: no registered attendee has confirmed "
                                 "their e-mail address."),
    "locked_meetings_conflict": _l("The locked meetings contradict each other or the "
                                   "attendees' availability."),
    "no_schedule": _l("There is no schedule yet."),
    "double_booking": _l("%(attendee)s already has a meeting in slot %(slot)s."),
    # team meetings (a colleague joins a meeting)
    "table_too_small": _l("Table %(table)s seats %(seats)s people: too few for this team meeting."),
    "team_side_full": _l("%(attendee)s already brings %(maximum)s colleagues to this meeting."),
    "colleague_not_same_organisation": _l("A colleague must be of the same organisation as the "
                                          "person they sit beside."),
    "colleague_already_in_meeting": _l("%(attendee)s is already at this meeting."),
    "colleague_not_in_meeting": _l("This colleague is not at this meeting."),
    "table_seats_invalid": _l("Line %(line)s is not a table number, a colon and at least 2 seats "
                              "(e.g. “12: 6”)."),
    "team_meeting_stays_locked": _l("A meeting with colleagues stays locked; remove the "
                                    "colleagues first."),
    "slot_unavailable": _l("%(attendee)s is not available in slot %(slot)s."),
    "slot_in_session": _l("%(attendee)s attends a programme session during slot %(slot)s."),
    "table_occupied": _l("Table %(table)s is already taken in slot %(slot)s."),
    "pair_already_meets": _l("These two already meet in slot %(slot)s."),
    "same_organisation": same_organisation,
    "blocked": _l("These two are blocked from meeting each other."),
    # what the attendees did keeps the pair apart (matching.behaviour)
    "not_interested": _l("One of the two marked the other as not interested, so the matchmaking "
                         "keeps them apart."),
    "request_declined": _l("One of the two declined the other's meeting request, so the "
                           "matchmaking keeps them apart."),
    "rated_not_valuable": _l("At the previous event both attended, one of the two rated their "
                             "meeting as not valuable, so the matchmaking keeps them apart."),
    "feedback_source_not_earlier": _l("Only an event that took place before this one can lend "
                                      "its feedback."),
    "over_maximum": _l("%(attendee)s wants at most %(maximum)s meetings and has them already."),
    "attendee_not_matchable": attendee_not_matchable,
    "slot_not_found": _l("There is no such slot."),
    "table_not_found": _l("There is no table with this number."),
    "meeting_not_found": _l("This meeting no longer exists; somebody may have cancelled it."),
    "replan_not_published": _l("Re-planning during the day needs a published schedule."),
    # printing
    "schedule_not_published": _l("There is nothing to print yet: publish the schedule first."),
    "no_tables": _l("The event has no tables; add them in the settings."),
    "nothing_to_print": _l("Nothing to print."),
    "badges_do_not_fit": _l("The badges do not fit on an A4 sheet (210 × 297 mm)."),
    # background jobs
    "job_already_running": _l("The matchmaking is running already; its progress is shown below."),
    "job_not_found": _l("This job does not exist."),
    "no_result_file": _l("This job has no file to download."),
    "bad_job_params": _l("The job was started with invalid settings."),
    "unknown_job_kind": _l("This kind of job does not exist."),
    "job_queue_unavailable": _l("The job could not be started: the job queue is not reachable "
                                "just now. Nothing was started; please try again in a minute."),
    # attendees' meeting requests and feedback
    "not_taking_part": _l("You can only send and accept requests while you take part in the "
                          "matchmaking (see “1:1 meetings and matchmaking” on your page)."),
    "not_self": _l("You cannot ask yourself for a meeting."),
    "not_available": _l("This person cannot be asked for a meeting."),
    "you_blocked": _l("You have blocked this person. Unblock them first to send a request."),
    "already_requested": _l("You have already asked this person for a meeting."),
    "declined_before": _l("This person has declined your request, so you cannot ask again."),
    "withdrawn_before": _l("You withdrew your request to this person, so you cannot ask again."),
    "daily_limit": _l("You have sent as many requests as allowed in 24 hours. Please try again tomorrow."),
    "request_not_found": _l("This request does not exist or is no longer shown."),
    "request_not_open": _l("This request has already been answered, withdrawn or has expired."),
    "event_not_started": _l("Feedback opens on the day of the event."),
    "meeting_not_started": _l("You can confirm a meeting once its time has begun."),
    # "we met" by the partner's badge (services/attendees/met_by_badge.py)
    "met_badge_unknown": _l("No participant of this event has this badge code. Please check the code."),
    "met_badge_other_event": _l("This badge belongs to another event."),
    "met_badge_own": _l("This is your own badge. Please scan the badge of the person you met."),
    "met_no_meeting": _l("You have no meeting with this person today."),
    # Attendees moving, giving back and taking offered slots (services.schedule.own_meetings, slot_offers)
    "move_slot_not_free": _l("You cannot both meet at that time: please choose one of the times offered."),
    "move_not_found": _l("There is no open proposal to move this meeting; it may have been answered already."),
    "offer_not_found": _l("This offer does not exist."),
    "offer_minutes_out_of_range": _l("An offer can wait between 1 minute and 24 hours."),
    "offer_not_open": _l("This offer is no longer open: the time to accept it is over, or the slot has been taken."),
    # API tokens (services/api/tokens.py)
    "api_token_name_missing": _l("Please give the token a name (at most %(maximum)d characters)."),
    "api_token_name_taken": _l("This event already has a token of this name."),
    "api_token_unknown": _l("This event has no API token of that name or number."),
    # webhooks (services/webhooks/endpoints.py)
    "webhook_url_invalid": _l("Please enter a web address such as https://crm.example.org/hooks/matchmaker."),
    "webhook_url_not_https": _l("Webhooks are sent only to https:// addresses."),
    "webhook_no_kinds": _l("Please choose at least one thing to tell the webhook about."),
    "webhook_unknown": _l("This webhook does not exist (any more)."),
    # Booking on acceptance (services.attendees.booking)
    "you_are_fully_booked": _l("You have as many meetings as you wanted at most, so you cannot ask for another one."),
    "fully_booked": _l("%(name)s is fully booked: they have as many meetings as they wanted at most."),
    "already_meeting": _l("You already have a meeting with this person."),
    "no_common_slot": _l("You have no free time in common in which a table is free."),
    "too_many_slots": _l("Please propose at most three times."),
    "slot_not_free": _l("One of the times you chose is no longer free for both of you. Please choose again."),
    "slot_taken": _l("Someone has just booked the last free table at that time, or one of you is no "
                     "longer free then. Please choose another time."),
}

# What the console adds: the command that helps (the web pages have their buttons).
CONSOLE_HINTS = {
    "no_schedule": "run 'matchmaker match' first",
    "schedule_not_published": "run 'matchmaker publish-schedule' first",
    "replan_not_published": "run 'matchmaker publish-schedule' first",
    "event_not_started": "the event has not taken place yet",
}


def refusal(error: DomainError) -> str:
    """The refusal in the current language; never the bare code."""
    return refusal_text(error.code, error.params)


def refusal_text(code: str, params: Params | None = None) -> str:
    entry, values = REFUSALS.get(code, UNKNOWN), dict(params or {})
    if isinstance(entry, LazyString):
        try:
            return str(entry) % values if "%(" in str(entry) else str(entry)
        except (KeyError, TypeError, ValueError):
            return str(UNKNOWN)
    return entry(values)


def console_refusal(error: DomainError) -> str:
    """The same text in English for the console, starting lower-case as click's
    ``Error: ...`` lines do, with the command that helps where there is one."""
    return console_text(error.code, error.params)


def console_text(code: str, params: Params | None = None) -> str:
    with force_locale("en"):
        text = refusal_text(code, params)
    text = text[:1].lower() + text[1:]
    if params and "detail" in params:
        text = f"{text.rstrip('.')}: {params['detail']}"
    hint = CONSOLE_HINTS.get(code)
    return f"{text.rstrip('.')} ({hint})" if hint else text
