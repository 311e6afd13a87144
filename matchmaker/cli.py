"""The ``matchmaker`` console command: the Flask CLI of this app."""

from flask.cli import FlaskGroup

from . import create_app


def main() -> None:
    FlaskGroup(create_app=create_app, help="matchmaker: registration and meetings for conferences.")()
