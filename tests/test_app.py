"""The application factory, configuration and database set-up."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from matchmaker import PROJECT_DIR, create_app
from matchmaker.config import normalise_database_url
from matchmaker.extensions import db

pytestmark = pytest.mark.both_databases


def test_templates_and_instance_folders_resolve_outside_the_package(instance_folder):
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert Path(app.template_folder) == PROJECT_DIR / "templates"
    assert (Path(app.template_folder) / "base.html").is_file()
    assert Path(app.instance_path) == instance_folder


def test_create_app_creates_no_database(instance_folder):
    create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert not (instance_folder / "matchmaker.sqlite").exists()


def test_default_database_is_sqlite_in_instance_folder(instance_folder):
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance_folder / 'matchmaker.sqlite'}"


def test_instance_config_file_overrides_defaults(instance_folder):
    (instance_folder / "config.py").write_text('ORGANISER_NAME = "Team Jahrestagung"\n')
    assert create_app({"TESTING": True, "SECRET_KEY": "x"}).config["ORGANISER_NAME"] == "Team Jahrestagung"


def test_environment_overrides_instance_config(instance_folder, monkeypatch):
    (instance_folder / "config.py").write_text("REMINDER_AFTER_HOURS = 12\n")
    monkeypatch.setenv("MATCHMAKER_REMINDER_AFTER_HOURS", "24")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal:5432/mm")
    config = create_app({"TESTING": True, "SECRET_KEY": "x"}).config
    assert config["REMINDER_AFTER_HOURS"] == 24
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.internal:5432/mm"


def test_missing_secret_key_is_generated_once_and_kept(instance_folder):
    first = create_app({"TESTING": True}).config["SECRET_KEY"]
    assert len(first) == 64 and create_app({"TESTING": True}).config["SECRET_KEY"] == first


def test_database_url_keeps_explicit_driver():
    assert normalise_database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert normalise_database_url("postgresql://h/db") == "postgresql+psycopg://h/db"


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(app):
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_migrations_produce_exactly_the_models_schema(app):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []


def test_every_response_carries_security_headers(client, event):
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_https_installation_sends_cookies_only_over_tls(instance_folder):
    config = create_app({"TESTING": True, "SECRET_KEY": "x", "PUBLIC_BASE_URL": "https://matchmaking.example"}).config
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
