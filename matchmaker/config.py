"""Configuration: defaults, then ``instance/config.py``, then the environment.

Environment variables named ``MATCHMAKER_<KEY>`` override ``<KEY>``; ``DATABASE_URL``
overrides the database. Values that look like integers or booleans are converted.
"""

import os
from pathlib import Path
from typing import Any

from flask import Flask

ENV_PREFIX = "MATCHMAKER_"


def default_config(instance_path: Path) -> dict[str, Any]:
    """Settings that make a fresh checkout run the demo with no configuration."""
    return {
        "SECRET_KEY": None,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance_path / 'matchmaker.sqlite'}",
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Berlin",
        "LANGUAGES": ("de", "en"),
        "PRIVACY_NOTICE_VERSION": "2026-11-29",
        "ORGANISER_NAME": "Organisationsteam der Konferenz",
        "ORGANISER_ADDRESS": "Bitte in instance/config.py eintragen",
        "ORGANISER_EMAIL": "datenschutz@matchmaker.invalid",
        "RETENTION_DAYS_AFTER_EVENT": 90,
        "MAIL_SENDER_ADDRESS": "noreply@matchmaker.invalid",
        "MAIL_SENDER_NAME": None,  # None: the event's title, read when the mail is sent
        "MAIL_SMTP_HOST": None,  # None: write mails to MAIL_OUTBOX_DIR instead of sending
        "MAIL_SMTP_PORT": 587,
        "MAIL_SMTP_SECURITY": "starttls",  # "starttls", "ssl" or "none"
        "MAIL_SMTP_TIMEOUT": 15,
        "MAIL_MAX_ATTEMPTS": 5,  # ``send-pending`` gives up on a message after this many
        "LINK_MAIL_INTERVAL_MINUTES": 5,  # at most one "your link again" mail in this time
        "MAIL_SMTP_USER": None,
        "MAIL_SMTP_PASSWORD": None,
        "MAIL_SMTP_CA_FILE": None,
        "MAIL_OUTBOX_DIR": str(instance_path / "outbox"),
        "REMINDER_AFTER_HOURS": 48,
        "PUBLIC_BASE_URL": "http://127.0.0.1:5000",
        # Organiser log-in (see matchmaker/auth): failed attempts allowed per e-mail address
        # and per client address within the window, session lifetimes, invitation validity,
        # and how many password hashes run at once on a host (None: half its cores).
        "LOGIN_FAILURES_PER_ACCOUNT": 5,
        "LOGIN_FAILURES_PER_ADDRESS": 20,
        "LOGIN_FAILURE_WINDOW_MINUTES": 15,
        "ORGANISER_SESSION_HOURS": 12,
        "REMEMBER_ME_DAYS": 14,
        "ORGANISER_INVITE_HOURS": 72,
        "PASSWORD_HASHING_SLOTS": None,
        "PASSWORD_HASHING_WAIT_MS": 1000,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # Query parameters (tokens, e-mail addresses) stay out of error messages and logs.
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True},
    }


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill ``app.config`` in order of precedence; tests pass ``test_config`` last."""
    app.config.from_mapping(default_config(Path(app.instance_path)))
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(settings_from_environment(os.environ))
    if test_config:
        app.config.update(test_config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))
    if str(app.config["PUBLIC_BASE_URL"]).startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True


def settings_from_environment(environ: dict[str, str] | os._Environ) -> dict[str, Any]:
    """``MATCHMAKER_FOO=1`` becomes ``{"FOO": 1}``; ``DATABASE_URL`` names the database."""
    settings: dict[str, Any] = {
        key.removeprefix(ENV_PREFIX): parse_value(value)
        for key, value in environ.items()
        if key.startswith(ENV_PREFIX) and key != ENV_PREFIX + "INSTANCE_PATH"
    }
    if environ.get("DATABASE_URL"):
        settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(environ["DATABASE_URL"])
    return settings


def parse_value(value: str) -> Any:
    lowered = value.strip().lower()
    if lowered in {"true", "yes", "on"}:
        return True
    if lowered in {"false", "no", "off"}:
        return False
    try:
        return int(value)
    except ValueError:
        return value


def normalise_database_url(url: str) -> str:
    """Hosting platforms hand out ``postgres://`` URLs; SQLAlchemy wants a driver name."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def instance_secret_key(instance_path: Path) -> str:
    """A per-installation random key, kept in the instance folder so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(os.urandom(32).hex(), encoding="ascii")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="ascii").strip()
