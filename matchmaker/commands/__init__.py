"""Console commands of the matchmaker app (``matchmaker --help`` lists them)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from .api_tokens import api_token_group
    from .attendees import (
        purge_command,
        release_unconfirmed_command,
        send_pending_command,
        send_reminders_command,
    )
    from .backup import backup_command, restore_command
    from .check_in import check_in_command
    from .day import replan_command
    from .demo import demo_command
    from .exchange import export_attendees_command, import_attendees_command
    from .feedback import send_feedback_requests_command
    from .matching import (
        export_graph_command,
        export_schedule_command,
        match_command,
        publish_command,
        publish_schedule_command,
        synonyms_command,
    )
    from .offers import advance_offers_command
    from .printing import print_group
    from .programme import import_programme_command
    from .report import report_command
    from .setup import (
        archive_event_command,
        create_event_command,
        create_organiser_command,
        list_events_command,
    )
    from .worker import worker_command

    for command in (demo_command, create_event_command, create_organiser_command,
                    send_reminders_command, send_pending_command, purge_command,
                    release_unconfirmed_command, backup_command, restore_command,
                    match_command, export_graph_command, export_schedule_command,
                    publish_schedule_command, list_events_command, archive_event_command,
                    import_attendees_command, export_attendees_command, worker_command,
                    synonyms_command, print_group, publish_command,
                    send_feedback_requests_command, replan_command, report_command,
                    check_in_command, import_programme_command, advance_offers_command,
                    api_token_group):
        app.cli.add_command(command)
