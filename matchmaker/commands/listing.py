"""What ``matchmaker --help`` lists, without building the app: each console command's
name and the first paragraph of its help, as the command itself says it.

Building the app to list its commands costs about a second of CPU (the models, every
blueprint, Flask-Migrate's alembic, Flask-Limiter); this table costs nothing. A command
added to the app (``matchmaker.commands.init_app``) or a Flask plugin needs its line here:
``tests/test_console_imports.py`` compares this listing with the one Flask builds from the
app and names what differs. Running a command (also ``matchmaker COMMAND --help``) builds
the app as before.
"""

LISTING: dict[str, str] = {
    "advance-offers": "Expire overdue offers of freed slots and offer each slot to the next person.",
    "api-token": "Read-only tokens of an event's JSON API (/api/v1/events/SLUG/...).",
    "archive-event": ("Take an event off the public list; its counts stay, its personal data is purged "
                      "by 'matchmaker purge' like any past event's."),
    "backup": "Write a consistent copy of the whole database to a file (all events).",
    "check-in": "Check attendees in by badge code or registration number and say what happened.",
    "create-event": "Create an event with its meeting slots and tables (database migrated first).",
    "create-organiser": ("Create an organiser account (or set a new password for it): an administrator of "
                         "all events, or with --event an organiser (or --role check-in: desk staff) of "
                         "those events."),
    "db": "Perform database migrations.",
    "demo": "Create the demo events with realistic attendees and serve the app.",
    "export-attendees": ("Write every attendee of the event (all statuses) as CSV or .xlsx; the file can "
                         "be imported again."),
    "export-graph": "Write the graph of all positively scored pairs as networkx node-link JSON.",
    "export-schedule": "Write the event's stored schedule as schedule JSON, as CSV or as an Excel workbook.",
    "import-attendees": ("Register the attendees of a CSV or .xlsx file (all or nothing); e-mails already "
                         "registered are reported and left alone. Each new attendee gets the welcome mail."),
    "import-programme": ("Add the sessions of a CSV or .xlsx file to the programme (all or nothing); a "
                         "session whose title the programme has already is updated."),
    "limiter": "Flask-Limiter maintenance & utility commands",
    "list-events": "List the installation's events with their short names (for --event).",
    "match": "Schedule 1:1 meetings: for a CSV file (--input), or for the event in the database.",
    "print": "Print schedules, the table plan, table signs or name badges as PDF.",
    "publish": "Publish the latest draft: attendees see their meetings and get them by e-mail.",
    "publish-schedule": "The same as 'matchmaker publish' (the older name).",
    "purge": "Delete all personal data of past events; only anonymous counts are kept.",
    "release-unconfirmed": ("Cancel registrations still unconfirmed after UNCONFIRMED_RELEASE_HOURS and give "
                            "the seats to the waiting list."),
    "replan": "Cancel the meetings of those not checked in from slot N on and refill the free places.",
    "report": "What really happened: attendance, meetings held, fairness reached, for the funder.",
    "restore": "Replace the database with the contents of a backup file.",
    "send-feedback-requests": ("Ask every attendee with meetings whether they took place (once each; after the "
                               "event)."),
    "send-pending": "Send the messages that are still pending or failed before (up to MAIL_MAX_ATTEMPTS).",
    "send-reminders": "Remind attendees who have not confirmed their e-mail address (once each).",
    "synonyms": "Show the event's synonym groups of interest tags, or replace them (--file).",
    "worker": "Run queued background jobs until stopped (Ctrl-C or SIGTERM finish the current ones).",
}
