"""Console commands that reach the public: they mail or print attendees' links, run the
jobs that do, or serve pages.

In production these refuse, in one line, without the settings that protect the public
(``PUBLIC_BASE_URL``, the privacy notice's controller, a strong secret key); every other
command works on a fresh installation without them (``matchmaker.config``).
"""

import copy
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click
from flask import Flask, current_app
from flask.cli import ScriptInfo, run_command

from ..config import ConfigError, check_public_settings

Command = TypeVar("Command", bound=Callable[..., Any])


def require_public_settings(app: Flask) -> None:
    """Stop the command with ``Error: <the missing setting>`` (exit code 1)."""
    try:
        check_public_settings(app)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def reaches_public(command: Command) -> Command:
    """Put under a command's options: it checks the settings before it runs."""
    @functools.wraps(command)
    def checked(*args: Any, **kwargs: Any) -> Any:
        require_public_settings(current_app)
        return command(*args, **kwargs)
    return checked  # type: ignore[return-value]


def checked_run_command() -> click.Command:
    """Flask's ``run`` (the development server), refusing as gunicorn's start does."""
    command = copy.copy(run_command)
    serve = run_command.callback
    if serve is None:  # Flask's ``run`` always has one
        raise RuntimeError("flask.cli.run_command has no callback")

    @functools.wraps(serve)
    def callback(**options: Any) -> Any:
        app = click.get_current_context().ensure_object(ScriptInfo).load_app()
        require_public_settings(app)
        return serve(**options)

    command.callback = callback
    return command
