"""``matchmaker demo``: a complete, deterministic installation that can be re-run."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, Event, MeetingRequest, Organiser
from tests.support.postgres import free_port

PEOPLE = ("SELECT email, first_name, last_name, organisation, org_type, industry_code, themes, "
          "keywords, offers, seeks, unavailable_slots, max_meetings, wants_meetings, language "
          "FROM attendee ORDER BY email")


def run_demo(instance: Path, *args: str) -> str:
    env = {**os.environ, "MATCHMAKER_INSTANCE_PATH": str(instance)}
    result = subprocess.run([sys.executable, "-m", "matchmaker", "demo", "--no-serve", *args],
                            env=env, capture_output=True, text=True, check=True)
    return result.stdout


def people(instance: Path) -> list[tuple]:
    with sqlite3.connect(instance / "matchmaker.sqlite") as connection:
        return connection.execute(PEOPLE).fetchall()


def test_demo_twice_on_fresh_instances_yields_same_200_attendees(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    output = run_demo(first)
    assert "200 attendees added" in output and "Organiser log-in: " in output
    assert "0 attendees added, 200 already there" in run_demo(first)
    run_demo(second)
    assert len(people(first)) == 200
    assert people(first) == people(second)


def test_demo_on_database_seeds_confirmed_attendees_event_and_organiser(app, runner):
    result = runner.invoke(args=["demo", "--no-serve", "--attendees", "60", "--seed", "7"])
    assert result.exit_code == 0, result.output
    runner.invoke(args=["demo", "--no-serve", "--attendees", "60", "--seed", "7"])
    event = db.session.scalars(select(Event)).one()
    assert (len(event.slots), len(event.tables), event.capacity >= 60) == (10, 60, True)
    attendees = db.session.scalars(select(Attendee)).all()
    assert len(attendees) == 60
    assert all(a.status == AttendeeStatus.REGISTERED and a.email_confirmed_at for a in attendees)
    assert all(a.matching_consent for a in attendees)
    assert db.session.scalar(select(func.count()).select_from(Organiser)) == 1


def test_demo_attendees_look_like_a_cluster_conference(app, runner):
    runner.invoke(args=["demo", "--no-serve"])
    attendees = db.session.scalars(select(Attendee)).all()
    org_types = {a.org_type for a in attendees}
    assert {"sme", "startup", "large", "research", "cluster", "public"} <= org_types
    assert len({a.industry_code for a in attendees}) >= 12
    assert any(ch in a.last_name + a.first_name for a in attendees for ch in "äöüßÄÖÜ")
    organisations = [a.organisation for a in attendees]
    assert len(set(organisations)) < len(organisations)
    assert any(a.unavailable_slots for a in attendees)
    assert db.session.scalar(select(func.count()).select_from(MeetingRequest)) > 0


def test_demo_serves_the_app_on_loopback(tmp_path):
    port = free_port()
    env = {**os.environ, "MATCHMAKER_INSTANCE_PATH": str(tmp_path / "served")}
    command = [sys.executable, "-m", "matchmaker", "demo", "--attendees", "10", "--port", str(port)]
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            assert "go-cluster Jahrestagung 2027" in wait_for_page(f"http://127.0.0.1:{port}/")
        finally:
            server.terminate()


def wait_for_page(url: str, seconds: float = 30) -> str:
    """The page's text, once the server answers (it migrates and seeds first)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
