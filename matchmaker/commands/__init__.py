"""Console commands of the matchmaker app (``matchmaker --help`` lists them)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from .attendees import purge_command, send_pending_command, send_reminders_command
    from .demo import demo_command
    from .matching import (
        export_graph_command,
        export_schedule_command,
        match_command,
        publish_command,
        publish_schedule_command,
    )
    from .feedback import send_feedback_requests_command
    from .setup import create_event_command, create_organiser_command

    for command in (demo_command, create_event_command, create_organiser_command,
                    send_reminders_command, send_pending_command, purge_command,
                    match_command, export_graph_command, export_schedule_command,
                    publish_command, publish_schedule_command, send_feedback_requests_command):
        app.cli.add_command(command)
