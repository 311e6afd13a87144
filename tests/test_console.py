"""The console on a fresh installation (no instance/config.py, nothing configured): every
command is listed, those that send nothing to the public work, and whatever is refused is
refused in one line on stderr, never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from matchmaker import PROJECT_DIR

PRODUCTION = {"MATCHMAKER_PUBLIC_BASE_URL": "https://anmeldung.example.org",
              "MATCHMAKER_ORGANISER_ADDRESS": "Beispielstraße 1, 10115 Berlin"}


def matchmaker(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m matchmaker ARGS`` as an operator runs it, in the project folder; the
    instance folder is the test's own, empty one (see conftest)."""
    return subprocess.run([sys.executable, "-m", "matchmaker", *args], check=False, cwd=PROJECT_DIR,
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


def assert_refused_in_one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.strip().count("\n") == 0, result.stderr
    assert all(word in result.stderr for word in words), result.stderr


def test_fresh_install_help_lists_the_app_commands():
    result = matchmaker("--help")
    assert result.returncode == 0 and result.stderr == ""
    for command in ("create-event", "list-events", "match", "import-attendees", "send-pending",
                    "restore", "worker", "run"):
        assert f"\n  {command} " in result.stdout


def test_fresh_install_creates_and_lists_an_event():
    created = matchmaker("create-event", "--title", "go-cluster Jahrestagung 2027",
                         "--date", "2027-06-16", "--venue", "Berlin")
    assert created.returncode == 0, created.stderr
    listed = matchmaker("list-events")
    assert listed.returncode == 0 and "go-cluster Jahrestagung 2027" in listed.stdout


def test_fresh_install_matches_the_readme_example_file(tmp_path: Path):
    output = tmp_path / "schedule.json"
    result = matchmaker("match", "--input", "docs/examples/attendees.csv", "--slots", "10",
                        "--tables", "6", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert json.loads(output.read_text(encoding="utf-8"))["meetings"]


def test_fresh_install_without_database_asks_for_db_upgrade_in_one_line():
    assert_refused_in_one_line(matchmaker("list-events"), "matchmaker db upgrade")


def test_database_of_an_older_version_asks_for_db_upgrade_in_one_line():
    assert matchmaker("db", "upgrade").returncode == 0
    before_behaviour = "e7b2c9d4a160"  # the migration before the event's feedback-bonus column
    assert matchmaker("db", "downgrade", before_behaviour).returncode == 0
    assert_refused_in_one_line(matchmaker("list-events"), "older", "matchmaker db upgrade")


@pytest.mark.parametrize("command", [["send-pending"], ["send-reminders"], ["publish"],
                                     ["worker"], ["run"]])
def test_fresh_install_command_reaching_the_public_is_refused_in_one_line(command):
    assert_refused_in_one_line(matchmaker(*command), "PUBLIC_BASE_URL")


def test_fresh_install_refuses_mail_without_the_privacy_controller_in_one_line():
    result = matchmaker("send-pending", MATCHMAKER_PUBLIC_BASE_URL="https://anmeldung.example.org")
    assert_refused_in_one_line(result, "ORGANISER_ADDRESS")


def test_production_settings_let_a_mail_command_run():
    assert matchmaker("db", "upgrade").returncode == 0
    result = matchmaker("send-pending", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "0 sent, 0 failed." in result.stdout


def test_setting_that_cannot_work_stops_every_command_in_one_line():
    assert_refused_in_one_line(matchmaker("--help", MATCHMAKER_HSTS_ENABLED="maybe"), "HSTS_ENABLED")
