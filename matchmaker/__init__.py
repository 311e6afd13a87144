"""matchmaker: conference registration and explainable cross-industry matchmaking."""

import os
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the engine imports this package too, and must not load Flask
    from flask import Flask

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def create_app(test_config: dict[str, Any] | None = None, *, serving: bool = True, pages: bool = True,
               commands: Collection[str] | None = None) -> "Flask":
    """Build the app. No side effects beyond reading configuration: the database is
    created and migrated by ``matchmaker db upgrade`` (or ``matchmaker demo``).

    An app that serves pages (``serving``: gunicorn, tests) refuses to start without the
    settings that protect the public; the console builds it without (``matchmaker.cli``)
    and checks them only in the commands that mail or print links or serve pages.
    Without ``pages`` it has no blueprints and no request protection (rate limits, CSRF,
    log-in): the console's app for the commands that neither serve pages nor link to
    them, which need neither the time nor the libraries. ``commands`` names the console
    commands to register (all without it)."""
    app = configured_app(test_config)

    from . import commands as console_commands
    from . import config, database, i18n, webhooks

    if serving:
        config.check_public_settings(app)
    database.init_app(app)
    i18n.init_app(app)
    if pages:
        from . import security, views

        security.init_app(app)
        views.init_app(app)
    console_commands.init_app(app, commands)
    webhooks.init_app(app)  # deliveries are queued for the worker after each commit
    return app


def configured_app(test_config: dict[str, Any] | None = None) -> "Flask":
    """The app with its configuration read and checked (``ConfigError``), nothing else:
    ``matchmaker --help`` lists the commands with this much, in a fraction of the time."""
    from flask import Flask

    from .config import load_config

    app = Flask(
        __name__,
        instance_path=str(instance_path()),
        instance_relative_config=True,
        template_folder=str(PROJECT_DIR / "templates"),
    )
    app.config["MIGRATIONS_DIR"] = PACKAGE_DIR / "migrations"
    app.config["TRANSLATIONS_DIR"] = PACKAGE_DIR / "translations"
    load_config(app, test_config)
    return app


def instance_path() -> Path:
    """The instance folder: ``MATCHMAKER_INSTANCE_PATH`` or ``instance/`` beside the package."""
    configured = os.environ.get("MATCHMAKER_INSTANCE_PATH")
    return Path(configured).resolve() if configured else PROJECT_DIR / "instance"
