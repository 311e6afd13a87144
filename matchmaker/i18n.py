"""Language choice: German first, English on request, remembered in the session."""

from typing import TypeGuard
from urllib.parse import urlsplit

from flask import Flask, current_app, g, session
from flask_babel import get_locale

from .extensions import babel

LANGUAGE_SESSION_KEY = "language"
# The locale each page language is formatted in: this is a German event, so its English
# pages use British dates and times ("2 December 2026, 14:00"), never the US style.
FORMAT_LOCALES = {"de": "de_DE", "en": "en_GB"}


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        default_locale=app.config["BABEL_DEFAULT_LOCALE"],
        default_timezone=app.config["BABEL_DEFAULT_TIMEZONE"],
        default_translation_directories=str(app.config["TRANSLATIONS_DIR"]),
        locale_selector=select_language,
    )
    app.jinja_env.globals["current_language"] = current_language


def select_language() -> str:
    """An explicit page language (an attendee's own pages) wins, then the visitor's choice.

    Returns the formatting locale (``en_GB``); its catalog is the language's (``en``)."""
    supported = current_app.config["LANGUAGES"]
    language = current_app.config["BABEL_DEFAULT_LOCALE"]
    for candidate in (g.get("page_language"), session.get(LANGUAGE_SESSION_KEY)):
        if candidate in supported:
            language = candidate
            break
    return formatting_locale(language)


def formatting_locale(language: str) -> str:
    """The locale to format dates in for a page language (``en`` -> ``en_GB``)."""
    return FORMAT_LOCALES.get(language, language)


def remember_language(language: str) -> bool:
    """Store the visitor's choice; False if the language is not offered."""
    if language not in current_app.config["LANGUAGES"]:
        return False
    session[LANGUAGE_SESSION_KEY] = language
    return True


def current_language() -> str:
    """The page language, ``de`` or ``en`` (not the formatting locale)."""
    locale = get_locale()
    return locale.language if locale else current_app.config["BABEL_DEFAULT_LOCALE"]


def request_is_safe_target(target: str | None) -> TypeGuard[str]:
    """Only plain same-site paths are followed after a switch or log-in (no open redirect).

    Control characters and backslashes are refused outright: browsers and Werkzeug drop
    or reinterpret them, which turns ``/<tab>/evil.example`` into ``//evil.example``."""
    if not target or any(ord(ch) <= 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")
