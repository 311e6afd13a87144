"""Console commands of the matchmaker app (``matchmaker --help`` lists them)."""

from collections.abc import Collection
from importlib import import_module

from flask import Flask

# Each command's name on the console: the module of this package that defines it, and
# its name there. A command's module is imported only when the app registers it.
COMMANDS: dict[str, tuple[str, str]] = {
    "advance-offers": ("offers", "advance_offers_command"),
    "api-token": ("api_tokens", "api_token_group"),
    "archive-event": ("setup", "archive_event_command"),
    "backup": ("backup", "backup_command"),
    "check-in": ("check_in", "check_in_command"),
    "create-event": ("setup", "create_event_command"),
    "create-organiser": ("setup", "create_organiser_command"),
    "demo": ("demo", "demo_command"),
    "export-attendees": ("exchange", "export_attendees_command"),
    "export-graph": ("matching", "export_graph_command"),
    "export-schedule": ("matching", "export_schedule_command"),
    "import-attendees": ("exchange", "import_attendees_command"),
    "import-programme": ("programme", "import_programme_command"),
    "list-events": ("setup", "list_events_command"),
    "match": ("matching", "match_command"),
    "print": ("printing", "print_group"),
    "publish": ("matching", "publish_command"),
    "publish-schedule": ("matching", "publish_schedule_command"),
    "purge": ("attendees", "purge_command"),
    "release-unconfirmed": ("attendees", "release_unconfirmed_command"),
    "replan": ("day", "replan_command"),
    "report": ("report", "report_command"),
    "restore": ("backup", "restore_command"),
    "send-feedback-requests": ("feedback", "send_feedback_requests_command"),
    "send-pending": ("attendees", "send_pending_command"),
    "send-reminders": ("attendees", "send_reminders_command"),
    "synonyms": ("matching", "synonyms_command"),
    "worker": ("worker", "worker_command"),
}

# Commands that neither serve pages nor build links to them (no mail, no printed link,
# no job that sends either): the console runs them on the app without its pages
# (``create_app(pages=False)``), which starts in a fraction of the time. ``db`` is
# Flask-Migrate's, registered with the database.
WITHOUT_PAGES = frozenset({
    "api-token", "archive-event", "backup", "create-event", "create-organiser", "db",
    "export-attendees", "export-schedule", "list-events", "restore", "synonyms",
})


def init_app(app: Flask, names: Collection[str] | None = None) -> None:
    """Register the console commands, or only those of ``names``."""
    for name, (module, attribute) in COMMANDS.items():
        if names is None or name in names:
            app.cli.add_command(getattr(import_module(f"{__name__}.{module}"), attribute))
