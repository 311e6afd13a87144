"""What the dashboard says when a service refuses something (``DomainError.code``)."""

from flask_babel import lazy_gettext as _l

REFUSALS = {
    "attendee_not_found": _l("There is no attendee with this registration number in this event."),
    "attendee_cancelled": _l("the registration is cancelled."),
    "not_registered": _l("only attendees with a seat can move to the waiting list."),
    "not_waitlisted": _l("the attendee is not on the waiting list."),
    "no_seat_left": _l("no seat is free; raise the capacity in the settings first."),
    "same_attendee": _l("An attendee cannot be blocked from meeting themselves."),
    "no_recipients": _l("Nobody would receive this message."),
    "message_empty": _l("Please enter a subject and a message."),
    "message_too_long": _l("The message is too long."),
    "industry_not_found": _l("This industry does not exist."),
    "industry_name_missing": _l("Every industry needs a German and an English name."),
    "industry_code_invalid": _l("Codes use lower-case letters, digits and _ (2 to 60 characters)."),
    "industry_code_taken": _l("This code is used already."),
    "registration_closes_before_it_opens": _l("Registration must close after it opens."),
    "slots_past_midnight": _l("The meeting blocks would last past midnight."),
    "blocks_overlap": _l("The meeting blocks overlap: each must start after the previous one ends."),
}


def refusal_text(code: str) -> str:
    return str(REFUSALS.get(code, code))
