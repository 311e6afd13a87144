"""Flask-Migrate attached to the app without importing it (and alembic, about 0.1 s of CPU
in every console command and web worker) until a migration is asked for.

``init_app`` puts two stand-ins where ``Migrate.init_app`` puts its pieces: the ``db``
command group and ``app.extensions["migrate"]``. The first use of either (``matchmaker db
...``, ``flask_migrate.upgrade()`` in ``matchmaker create-event``, ``demo`` or the tests)
runs the real ``Migrate.init_app``, which replaces both; the stand-ins then hand on to it.
"""

from typing import Any

import click
from flask import Flask

COMMAND_HELP = "Perform database migrations."  # Flask-Migrate's, as `matchmaker --help` lists it


def init_app(app: Flask) -> None:
    app.extensions["migrate"] = MigrateOnFirstUse(app)
    app.cli.add_command(MigrationCommands(app))


def attach(app: Flask) -> Any:
    """Flask-Migrate's configuration of ``app``, attaching Flask-Migrate on first call."""
    found = app.extensions["migrate"]
    if isinstance(found, MigrateOnFirstUse):
        from flask_migrate import Migrate

        from .extensions import db

        Migrate().init_app(app, db, directory=str(app.config["MIGRATIONS_DIR"]), render_as_batch=True)
        found = app.extensions["migrate"]
    return found


def behind_head(app: Flask) -> bool:
    """Whether the database lacks a migration of this version (in an app context)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from .extensions import db

    config = Config()
    config.set_main_option("script_location", str(app.config["MIGRATIONS_DIR"]))
    heads = set(ScriptDirectory.from_config(config).get_heads())
    return set(db.session.scalars(text("SELECT version_num FROM alembic_version"))) != heads


class MigrateOnFirstUse:
    """``app.extensions["migrate"]`` until first read; ``directory`` needs no alembic."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.directory = str(app.config["MIGRATIONS_DIR"])

    def __getattr__(self, name: str) -> Any:
        return getattr(attach(self.app), name)


class MigrationCommands(click.Group):
    """Flask-Migrate's ``db`` group, loaded when it runs (or shows its help)."""

    def __init__(self, app: Flask) -> None:
        super().__init__("db", help=COMMAND_HELP)
        self.app = app

    def real(self) -> click.Group:
        attach(self.app)
        from flask_migrate.cli import db as commands  # type: ignore[import-untyped]

        self.params, self.callback = commands.params, commands.callback
        return commands

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        self.real()  # its options (-d, -x) and callback, before they are parsed or shown
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self.real().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self.real().get_command(ctx, cmd_name)
