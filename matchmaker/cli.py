"""The ``matchmaker`` console command: the Flask CLI of this app.

The console builds the app without the checks that protect public pages: ``--help`` and
the commands that send nothing to the public work on a fresh installation. Those that do
(``matchmaker.commands.public``), and ``run``, check them. A setting that cannot work at
all stops every command in one line, not a traceback.

``matchmaker --help`` lists the commands without building the app (from
``matchmaker.commands.listing``, after reading and checking the configuration): the app,
its models and its libraries are loaded only when a command runs. This module imports
nothing heavier than Flask."""

import os
import sys

import click
from flask import Flask, has_app_context
from flask.cli import FlaskGroup, ScriptInfo, routes_command, shell_command

from . import configured_app, create_app
from .commands import WITHOUT_PAGES
from .commands.listing import LISTING
from .commands.public import checked_run_command
from .config import ConfigError

COMMAND_KEY = "matchmaker.command"  # in ScriptInfo.data: the command being run


def main() -> None:
    if sys.argv[1:2] == ["demo"]:  # the demo runs with example settings, not production's
        os.environ.setdefault("MATCHMAKER_DEMO", "true")
    console()()


def console() -> "ConsoleGroup":
    cli = ConsoleGroup(create_app=console_app, add_default_commands=False,
                       help="matchmaker: registration and meetings for conferences.")
    for command in (checked_run_command(), shell_command, routes_command):
        cli.add_command(command)
    return cli


def console_app() -> Flask:
    """The app of the command being run: without its pages for a command that neither
    serves nor links to them (``WITHOUT_PAGES``), with only that command registered."""
    command = invoked_command()
    try:
        if command in WITHOUT_PAGES:
            return create_app(serving=False, pages=False, commands=(command,))
        return create_app(serving=False)
    except ConfigError as error:  # not a traceback; SystemExit passes Flask's error handling
        raise SystemExit(f"Error: {error}") from None


def invoked_command() -> str | None:
    """The command name the console was given (``ConsoleGroup.get_command`` notes it)."""
    context = click.get_current_context(silent=True)
    info = context.find_object(ScriptInfo) if context is not None else None
    return info.data.get(COMMAND_KEY) if info is not None else None


def check_configuration() -> None:
    """What building the app would refuse first: a setting that cannot work."""
    try:
        configured_app()
    except ConfigError as error:
        raise SystemExit(f"Error: {error}") from None


class ConsoleGroup(FlaskGroup):
    """Flask's command group; a database that is not there or not created yet is named in
    one line, with what to do, instead of a traceback. Its help lists the commands without
    building the app."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        check_configuration()
        listed = [click.Command(name, help=text) for name, text in LISTING.items()]
        listing = click.Group(commands=[*listed, *self.commands.values()])
        click.Group.format_commands(listing, ctx, formatter)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        ctx.ensure_object(ScriptInfo).data.setdefault(COMMAND_KEY, cmd_name)  # before the app is built
        return super().get_command(ctx, cmd_name)

    def _load_plugin_commands(self) -> None:
        """Flask's plugin commands (Flask-Limiter's ``limiter``): not for a command without
        pages, which none of them is (loading them costs a tenth of a second)."""
        if invoked_command() not in WITHOUT_PAGES:
            super()._load_plugin_commands()

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as error:
            if not is_database_error(error):
                raise
            from .extensions import db

            if has_app_context():
                db.session.remove()  # its failed transaction may hold SQLite's write lock
            problem = database_problem(ctx.ensure_object(ScriptInfo).load_app())
            if problem is None:
                raise
            raise click.ClickException(problem) from error


def is_database_error(error: Exception) -> bool:
    """One of SQLAlchemy's errors of a database that is not there. Only a command that
    has loaded SQLAlchemy can raise one: without it loaded, none is."""
    found = sys.modules.get("sqlalchemy.exc")
    return found is not None and isinstance(error, (found.OperationalError, found.ProgrammingError))


def database_problem(app: Flask) -> str | None:
    """Why no command can use the database, or ``None`` when it is there and migrated."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import OperationalError

    from .extensions import db
    from .migrating import behind_head

    with app.app_context():
        try:
            migrated = inspect(db.engine).has_table("alembic_version")
        except OperationalError as error:
            first_line = str(error.orig).strip().splitlines()[0]
            return f"cannot open the database ({first_line}); check DATABASE_URL"
        if not migrated:
            return "the database is not created yet: run 'matchmaker db upgrade' first"
        if behind_head(app):
            return "the database is older than this version of matchmaker: run 'matchmaker db upgrade' first"
    return None
