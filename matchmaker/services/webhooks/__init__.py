"""Webhooks: an organiser's endpoints per event (``endpoints``), the deliveries written in
the transaction of what they report (``outbox``) and their signed sending with back-off
(``sending``), which the background worker runs (``matchmaker/jobs/webhooks.py``)."""

KINDS = ("registration.created", "registration.cancelled", "registration.promoted",
         "schedule.published", "attendee.checked_in")
