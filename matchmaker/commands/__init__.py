"""Console commands of the matchmaker app (``matchmaker --help`` lists them)."""

from flask import Flask


def init_app(app: Flask) -> None:
    demo_command = None  # TEMP
    from .setup import create_event_command, create_organiser_command

    for command in (create_event_command, create_organiser_command):
        app.cli.add_command(command)
