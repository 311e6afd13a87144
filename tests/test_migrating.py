"""Flask-Migrate (and alembic) load when a migration runs, not when the app is built; the
``db`` commands and ``flask_migrate.upgrade()`` work as before."""

from flask import Flask
from flask.testing import FlaskCliRunner

from matchmaker import migrating
from tests.test_console import matchmaker
from tests.test_console_imports import modules_after


def test_building_the_app_loads_no_migration_library():
    loaded = modules_after("from matchmaker import create_app\ncreate_app(serving=False)")
    assert "flask" in loaded and not loaded & {"flask_migrate", "alembic"}


def test_db_command_help_is_flask_migrates_own():
    from flask_migrate.cli import db

    assert db.help == migrating.COMMAND_HELP


def test_db_upgrade_on_the_console_migrates_to_the_head():
    assert matchmaker("db", "upgrade").returncode == 0
    current = matchmaker("db", "current")
    assert current.returncode == 0 and "(head)" in current.stdout


def test_db_help_lists_flask_migrates_commands_and_options(app: Flask):
    result = FlaskCliRunner(app).invoke(args=["db", "--help"])
    assert result.exit_code == 0
    assert "--directory" in result.output and "upgrade" in result.output
