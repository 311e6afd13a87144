"""The commands that neither serve pages nor link to them (``commands.WITHOUT_PAGES``) run
on the app as the console builds it for them, without its blueprints: each does its work
there, on an event with a published schedule."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from flask import Flask

from matchmaker import cli
from matchmaker.commands import WITHOUT_PAGES
from matchmaker.commands.listing import LISTING
from matchmaker.extensions import db
from tests.support.factories import make_event
from tests.support.scene import published_scene


@pytest.fixture
def built(app: Flask, database_url: str, monkeypatch: pytest.MonkeyPatch) -> list[Flask]:
    """The apps the console builds, in order, on this test's database (which holds an
    event with a published schedule)."""
    published_scene(make_event())
    db.session.commit()
    db.session.remove()
    monkeypatch.setenv("DATABASE_URL", database_url)
    apps: list[Flask] = []

    def recorded(*args: object, **kwargs: object) -> Flask:
        apps.append(create_app(*args, **kwargs))
        return apps[-1]

    create_app = cli.create_app
    monkeypatch.setattr(cli, "create_app", recorded)
    return apps


def console(*args: str) -> Result:
    result = CliRunner().invoke(cli.console(), list(args), prog_name="matchmaker")
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result


def test_every_command_without_pages_is_a_console_command():
    assert WITHOUT_PAGES <= set(LISTING)


def test_commands_without_pages_do_their_work_on_the_app_without_pages(app: Flask, built: list[Flask],
                                                                      tmp_path: Path):
    listed = console("list-events")
    assert "go-cluster-2027" in listed.output
    console("create-event", "--title", "Cluster-Woche 2027", "--date", "2027-09-20", "--venue", "Bonn")
    assert "Cluster-Woche 2027" in console("list-events").output
    assert "Password for desk@example.org" in console(
        "create-organiser", "desk@example.org", "--generate", "--event", "go-cluster-2027",
        "--role", "check-in").output
    token = console("api-token", "create", "--event", "go-cluster-2027", "--name", "CRM").output
    assert "CRM" in console("api-token", "list", "--event", "go-cluster-2027").output and token
    console("export-attendees", "--event", "go-cluster-2027", "--output", str(tmp_path / "a.csv"))
    assert "anna@example.org" in (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    schedule = json.loads(console("export-schedule", "--event", "go-cluster-2027").output)
    assert schedule["meetings"]
    (tmp_path / "synonyms.txt").write_text("KI = AI\n", encoding="utf-8")
    console("synonyms", "--event", "go-cluster-2027", "--file", str(tmp_path / "synonyms.txt"))
    assert "KI" in console("synonyms", "--event", "go-cluster-2027").output
    console("backup", "--output", str(tmp_path / "backup.sqlite"))
    assert (tmp_path / "backup.sqlite").stat().st_size > 0
    console("archive-event", "--event", "cluster-woche-2027")
    assert "archived\tCluster-Woche 2027" in console("list-events").output
    for used in [app, *built]:  # restore refuses a database another connection holds open
        with used.app_context():
            db.engine.dispose()
    console("restore", str(tmp_path / "backup.sqlite"), "--force")
    listed = console("list-events").output
    assert "Cluster-Woche 2027" in listed and "archived" not in listed
    console("db", "current")
    assert built and all(not app.blueprints for app in built)


def test_other_commands_get_the_whole_app(built: list[Flask]):
    console("check-in", "--help")
    assert "organiser" in built[-1].blueprints
