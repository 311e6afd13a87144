"""Configuration is checked at start-up; HSTS and Secure cookies follow an https address."""

import pytest

from matchmaker import create_app
from matchmaker.config import ConfigError
from matchmaker.extensions import db

STRONG_KEY = "4f1c9a7e2b8d0c3f6a5e9b1d7c2a8f4e"
PRODUCTION = {"SECRET_KEY": STRONG_KEY, "PUBLIC_BASE_URL": "https://anmeldung.example.org",
              "ORGANISER_ADDRESS": "Beispielstraße 1, 10115 Berlin",
              "SQLALCHEMY_DATABASE_URI": "sqlite://"}


def test_numeric_secret_key_from_the_environment_stays_text(monkeypatch):
    monkeypatch.setenv("MATCHMAKER_SECRET_KEY", "20271234567890")
    app = create_app({"TESTING": True})
    assert app.config["SECRET_KEY"] == "20271234567890"


def test_numeric_secret_key_pages_still_render(monkeypatch, client, event):
    monkeypatch.setenv("MATCHMAKER_SECRET_KEY", "20271234567890")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI":
                      client.application.config["SQLALCHEMY_DATABASE_URI"]})
    db.session.commit()
    try:
        assert app.test_client().get("/go-cluster-2027/register").status_code == 200
    finally:
        with app.app_context():
            db.engine.dispose()


def test_secret_key_that_is_not_text_is_refused():
    with pytest.raises(ConfigError, match="SECRET_KEY must be text"):
        create_app({"TESTING": True, "SECRET_KEY": 20271234567890})


@pytest.mark.parametrize("key", ["dev", "x" * 40, "20271234567890"])
def test_production_start_with_a_weak_key_is_refused(key):
    with pytest.raises(ConfigError, match="SECRET_KEY is too weak"):
        create_app({**PRODUCTION, "SECRET_KEY": key})


def test_production_start_without_public_base_url_is_refused():
    settings = {key: value for key, value in PRODUCTION.items() if key != "PUBLIC_BASE_URL"}
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL is not set"):
        create_app(settings)


@pytest.mark.parametrize("url", ["anmeldung.example.org", "ftp://anmeldung.example.org",
                                 "javascript:alert(1)", "https://"])
def test_public_base_url_that_is_not_http_is_refused(url):
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL must be an address starting with https://"):
        create_app({**PRODUCTION, "PUBLIC_BASE_URL": url})


def test_boolean_setting_that_is_neither_true_nor_false_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("MATCHMAKER_HSTS_ENABLED", "maybe")
    with pytest.raises(ConfigError, match="HSTS_ENABLED must be true or false"):
        create_app(PRODUCTION)


def test_demo_setting_that_is_not_a_boolean_does_not_skip_the_production_checks(monkeypatch):
    monkeypatch.setenv("MATCHMAKER_DEMO", "sometimes")
    with pytest.raises(ConfigError, match="DEMO must be true or false"):
        create_app({**PRODUCTION, "SECRET_KEY": "dev"})


def test_boolean_setting_given_as_a_digit_is_read_as_true_or_false(monkeypatch):
    monkeypatch.setenv("MATCHMAKER_RATELIMIT_ENABLED", "0")
    assert create_app(PRODUCTION).config["RATELIMIT_ENABLED"] is False


def test_production_start_with_the_placeholder_controller_is_refused():
    settings = {key: value for key, value in PRODUCTION.items() if key != "ORGANISER_ADDRESS"}
    with pytest.raises(ConfigError, match="ORGANISER_ADDRESS"):
        create_app(settings)


def test_complete_production_configuration_starts():
    assert create_app(PRODUCTION).config["SESSION_COOKIE_SECURE"]


def test_demo_starts_without_production_settings():
    assert create_app({"DEMO": True, "SECRET_KEY": "dev"}).config["PUBLIC_BASE_URL"]


def test_setting_that_must_be_a_number_is_refused_with_its_name():
    with pytest.raises(ConfigError, match="REMINDER_AFTER_HOURS"):
        create_app({"TESTING": True, "REMINDER_AFTER_HOURS": "two days"})


def test_https_installation_sends_hsts():
    app = create_app(PRODUCTION)
    header = app.test_client().get("/language/en").headers.get("Strict-Transport-Security", "")
    assert "max-age=31536000" in header


def test_http_installation_sends_no_hsts():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert "Strict-Transport-Security" not in app.test_client().get("/language/en").headers
