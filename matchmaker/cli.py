"""The ``matchmaker`` console command: the Flask CLI of this app."""

import os
import sys

from flask.cli import FlaskGroup

from . import create_app


def main() -> None:
    if sys.argv[1:2] == ["demo"]:  # the demo runs with example settings, not production's
        os.environ.setdefault("MATCHMAKER_DEMO", "true")
    FlaskGroup(create_app=create_app, help="matchmaker: registration and meetings for conferences.")()
