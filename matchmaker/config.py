"""Configuration: defaults, then ``instance/config.py``, then the environment.

Environment variables named ``MATCHMAKER_<KEY>`` override ``<KEY>``; ``DATABASE_URL``
overrides the database. Values that look like integers or booleans are converted, except
for keys and passwords, which stay strings.

``check_config`` refuses a setting that cannot work anywhere (a number or a yes/no that is
neither, a base URL that is not ``http(s)://``). ``check_public_settings`` refuses to serve
pages or to mail or print links in production (not debug, not testing, not the demo) with
a weak secret key, without ``PUBLIC_BASE_URL`` or with the placeholder controller of the
privacy notice: ``create_app`` runs it for the web server, and console commands only where
they reach the public (``matchmaker.commands.public``), so that the others work on a fresh
installation.
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

ENV_PREFIX = "MATCHMAKER_"
STRING_SETTINGS = ("KEY", "PASSWORD", "SECRET", "TOKEN", "USER")  # names ending so stay text
PLACEHOLDER_ADDRESS = "Bitte in instance/config.py eintragen"
MIN_SECRET_KEY_LENGTH = 32
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"
INTEGER_SETTINGS = (
    "RETENTION_DAYS_AFTER_EVENT", "MAIL_SMTP_PORT", "MAIL_SMTP_TIMEOUT", "MAIL_MAX_ATTEMPTS",
    "LINK_MAIL_INTERVAL_MINUTES", "REMINDER_AFTER_HOURS", "UNCONFIRMED_RELEASE_HOURS",
    "MAIL_LIMIT_PER_ADDRESS_PER_DAY", "BOT_MIN_FILL_SECONDS", "FEW_SEATS", "TRUSTED_PROXIES",
    "PASSWORD_HASH_TIME_COST", "PASSWORD_HASH_MEMORY_KIB",
)
BOOLEAN_SETTINGS = (
    "DEMO", "HSTS_ENABLED", "RATELIMIT_ENABLED", "RATELIMIT_HEADERS_ENABLED",
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED",
    "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE",
    "WEBHOOK_ALLOW_HTTP_LOOPBACK", "SIMILAR_INTERESTS",
)
BOOLEAN_WORDS = "true or false (also yes/no, on/off, 1/0)"


class ConfigError(RuntimeError):
    """A setting that would make the app fail or run unsafely; the message says which."""


def default_config(instance_path: Path) -> dict[str, Any]:
    """Settings that make a fresh checkout run the demo with no configuration."""
    config: dict[str, Any] = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance_path / 'matchmaker.sqlite'}",
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Berlin",
        "LANGUAGES": ("de", "en"),
        "PRIVACY_NOTICE_VERSION": "2026-11-29",
        "ORGANISER_NAME": "Organisationsteam der Konferenz",
        "ORGANISER_ADDRESS": PLACEHOLDER_ADDRESS,
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
        "MAIL_SMTP_CA_FILE": None,
        "MAIL_OUTBOX_DIR": str(instance_path / "outbox"),
        "REMINDER_AFTER_HOURS": 48,
        # Background jobs: "sqlite" (a huey queue file in the instance folder), a
        # "redis://..." or "postgresql://..." URL (workers on several hosts), or
        # "immediate" (jobs run inside the request; for tests).
        "JOBS_STORAGE": "sqlite",
        "JOBS_RESULT_DIR": str(instance_path / "jobs"),  # shared by all hosts of the workers
        "JOBS_HEARTBEAT_SECONDS": 10,
        "JOBS_STALE_SECONDS": 60,  # running without a heartbeat this long: the worker died
        # An unconfirmed sign-up gives its seat back this long after signing up
        # (``matchmaker release-unconfirmed``); the welcome mail names the deadline.
        "UNCONFIRMED_RELEASE_HOURS": 72,
        "MAIL_LIMIT_PER_ADDRESS_PER_DAY": 10,  # messages to one address in 24 hours
        "PUBLIC_BASE_URL": None,  # required in production; tests and the demo set their own
        # ``matchmaker demo`` sets it: demo-only pages (the outbox viewer) are shown.
        "DEMO": False,
        # Rate limits per client address ("N per minute;M per hour"). The sign-up, the link
        # request and MAIL_LIMIT_PER_CLIENT are counted in the database (every worker and
        # host sees them); the others in RATELIMIT_STORAGE_URI: memory:// (one process),
        # redis://host:6379 or memcached://host:11211 (shared by every worker and host).
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        # A shared storage that stops answering: each process counts on its own meanwhile
        # (the same limits, per process) and goes back to the storage once it answers again.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_SIGN_UP": "10 per minute;60 per hour",
        "RATELIMIT_LINK_REQUEST": "5 per minute;20 per hour",
        "RATELIMIT_ATTENDEE_FORMS": "30 per minute;300 per hour",
        "RATELIMIT_LOGIN": "10 per minute;60 per hour",
        "RATELIMIT_API": "120 per minute;3000 per hour",  # per API token (matchmaker/api)
        # Webhooks (docs/api.md): seconds per attempt, the first wait before a retry (it
        # doubles, up to an hour), for how long to retry; http:// to 127.0.0.1/::1/localhost
        # only when allowed (tests, a receiver on the same host), https:// otherwise.
        "WEBHOOK_TIMEOUT_SECONDS": 10,
        "WEBHOOK_RETRY_SECONDS": 30,
        "WEBHOOK_RETRY_HOURS": 24,
        "WEBHOOK_ALLOW_HTTP_LOOPBACK": False,
        "MAIL_LIMIT_PER_CLIENT": "30 per hour",  # sign-ups and link requests together
        "TRUSTED_PROXIES": 0,  # reverse proxies in front that set X-Forwarded-For
        "BOT_MIN_FILL_SECONDS": 3,  # a sign-up sent back faster is refused (0: no check)
        "FEW_SEATS": 10,  # the event page says "few seats left" from here down
        "HSTS_ENABLED": None,  # None: when PUBLIC_BASE_URL starts with https://
        "REQUEST_EXPIRY_HOURS": 72,  # an unanswered meeting request stops counting after this
        "REQUEST_DAILY_LIMIT": 10,  # meeting requests one attendee may send in 24 hours
        # Tags close in meaning count (README "Similar interests"), when the `semantic`
        # extra is installed; false: tags match as spelled and through the synonym list.
        "SIMILAR_INTERESTS": True,
        # Organiser log-in (see matchmaker/auth): failed attempts allowed per e-mail address
        # and per client address within the window, session lifetimes, invitation validity,
        # and how many password hashes run at once on a host (None: half its cores).
        "LOGIN_FAILURES_PER_ACCOUNT": 5,
        "LOGIN_FAILURES_PER_ADDRESS": 20,
        "LOGIN_FAILURE_WINDOW_MINUTES": 15,
        "ORGANISER_SESSION_HOURS": 12,
        "REMEMBER_ME_DAYS": 14,
        "ORGANISER_INVITE_HOURS": 72,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # Query parameters (tokens, e-mail addresses) stay out of error messages and logs.
        # Pooled connections are tested before use, so the app recovers by itself once the
        # database is back after an outage or a restart.
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True, "pool_pre_ping": True},
    }
    # Organiser password hashing: argon2id's passes and memory for new hashes (RFC 9106's
    # low-memory profile; only tests lower them), how many hashes run at once on a host
    # (None: half its cores), and how long a log-in waits for a free slot. Numbers, not
    # passwords: bandit's B105 suspects a "PASSWORD" key in a dict literal (not in an
    # assignment), and a nosec inside the literal would cover all of it, with a warning for
    # every other string in it.
    config["PASSWORD_HASH_TIME_COST"] = 3
    config["PASSWORD_HASH_MEMORY_KIB"] = 64 * 1024
    config["PASSWORD_HASHING_SLOTS"] = None
    config["PASSWORD_HASHING_WAIT_MS"] = 1000
    return config


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill ``app.config`` in order of precedence; tests pass ``test_config`` last."""
    app.config.from_mapping(default_config(Path(app.instance_path)))
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(settings_from_environment(os.environ))
    if test_config:
        app.config.update(test_config)
    read_booleans(app.config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))
    if not app.config["PUBLIC_BASE_URL"] and not is_production(app):
        app.config["PUBLIC_BASE_URL"] = DEVELOPMENT_BASE_URL
    https = str(app.config["PUBLIC_BASE_URL"]).startswith("https://")
    if https:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    if app.config["HSTS_ENABLED"] is None:
        app.config["HSTS_ENABLED"] = https
    check_config(app)


def read_booleans(config: dict[str, Any]) -> None:
    """Yes/no settings hold ``True`` or ``False`` (1 and 0 count too); ``HSTS_ENABLED`` may
    be ``None`` (follow the base URL). Anything else is refused before it is used: a
    ``DEMO="maybe"`` would otherwise be true and switch off the production checks."""
    for name in BOOLEAN_SETTINGS:
        value = config.get(name, False)
        if value is None and name == "HSTS_ENABLED":
            continue
        if value not in (True, False) or not isinstance(value, int):
            raise ConfigError(f"{name} must be {BOOLEAN_WORDS}, not {value!r}.")
        config[name] = bool(value)


def is_production(app: Flask) -> bool:
    return not (app.debug or app.testing or app.config["DEMO"])


def check_config(app: Flask) -> None:
    """Raise ``ConfigError`` naming the first setting that cannot work."""
    config = app.config
    key = config["SECRET_KEY"]
    if not isinstance(key, str):
        raise ConfigError(f"SECRET_KEY must be text, not {type(key).__name__}.")
    for name in INTEGER_SETTINGS:
        if not isinstance(config[name], int) or isinstance(config[name], bool) or config[name] < 0:
            raise ConfigError(f"{name} must be a whole number of at least 0, not {config[name]!r}.")
    if config["PUBLIC_BASE_URL"] is not None:
        check_base_url(config["PUBLIC_BASE_URL"])


def check_base_url(url: object) -> None:
    """Links are mailed and printed on this address: ``http(s)://host[/path]`` only."""
    try:
        parts = urlsplit(url) if isinstance(url, str) else None
    except ValueError:  # e.g. an unclosed [ of an IPv6 address
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"PUBLIC_BASE_URL must be an address starting with https:// (or "
                          f"http://), e.g. https://anmeldung.example.org, not {url!r}.")


def check_public_settings(app: Flask) -> None:
    """In production, the settings that protect public pages and the links mailed or
    printed for attendees; raise ``ConfigError`` naming the first that is missing."""
    if is_production(app):
        check_production(app.config)


def check_production(config: dict[str, Any]) -> None:
    key = config["SECRET_KEY"]
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_LENGTH // 4:
        raise ConfigError(
            f"SECRET_KEY is too weak for production: use at least {MIN_SECRET_KEY_LENGTH} random "
            "characters, e.g. python3 -c 'import secrets; print(secrets.token_hex(32))', or "
            "leave it unset to have one generated into the instance folder.")
    if not config["PUBLIC_BASE_URL"]:
        raise ConfigError("PUBLIC_BASE_URL is not set: the address in e-mailed links, "
                          "e.g. MATCHMAKER_PUBLIC_BASE_URL=https://anmeldung.example.org")
    if PLACEHOLDER_ADDRESS in str(config["ORGANISER_ADDRESS"]):
        raise ConfigError("ORGANISER_ADDRESS still holds the placeholder: the privacy notice "
                          "must name the controller (ORGANISER_NAME, ORGANISER_ADDRESS, "
                          "ORGANISER_EMAIL in instance/config.py).")


def settings_from_environment(environ: dict[str, str] | os._Environ) -> dict[str, Any]:
    """``MATCHMAKER_FOO=1`` becomes ``{"FOO": 1}``; ``DATABASE_URL`` names the database."""
    settings: dict[str, Any] = {
        key.removeprefix(ENV_PREFIX): value if key.endswith(STRING_SETTINGS) else parse_value(value)
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
