"""``matchmaker --help`` lists the commands from ``matchmaker.commands.listing`` instead of
building the app: the listing says exactly what Flask's would say, built from the app."""

import click
import pytest
from click.testing import CliRunner
from flask.cli import FlaskGroup, ScriptInfo

from matchmaker.cli import ConsoleGroup, console, console_app
from matchmaker.commands.listing import LISTING


class ListedFromTheApp(ConsoleGroup):
    """The console as it was: Flask builds the app to list its commands."""

    format_commands = FlaskGroup.format_commands


def app_help(group: ConsoleGroup, width: int) -> str:
    result = CliRunner().invoke(group, ["--help"], terminal_width=width, prog_name="matchmaker")
    assert result.exit_code == 0, result.output
    return result.output


def test_listing_names_every_command_of_the_app():
    group = console()
    own = set(group.commands)  # run, shell, routes; Flask adds its plugins' commands
    with click.Context(group, obj=ScriptInfo(create_app=console_app)) as ctx:
        from_app = set(FlaskGroup.list_commands(group, ctx))
    assert from_app - own == set(LISTING), "update matchmaker/commands/listing.py"


@pytest.mark.parametrize("width", [80, 200])
def test_help_reads_as_the_app_built_listing(width: int):
    from_app = console()
    from_app.__class__ = ListedFromTheApp
    assert app_help(console(), width) == app_help(from_app, width)


def test_help_with_a_setting_that_cannot_work_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MATCHMAKER_HSTS_ENABLED", "maybe")
    result = CliRunner().invoke(console(), ["--help"])
    assert result.exit_code == 1 and "HSTS_ENABLED" in str(result.exception)
