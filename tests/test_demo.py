"""``matchmaker demo``: a complete, deterministic installation that can be re-run."""

import os
import re
import sqlite3
import subprocess
import sys
import time
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener, urlopen

from sqlalchemy import func, select

from matchmaker.config import default_config
from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, Event, MeetingRequest, Organiser, utcnow
from matchmaker.services.events.overview import sign_ups_per_day
from tests.support.postgres import free_port

BOT_MIN_FILL_SECONDS = default_config(Path("."))["BOT_MIN_FILL_SECONDS"]
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


def test_demo_twice_on_fresh_instances_yields_same_attendees(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    output = run_demo(first)
    assert "212 attendees added" in output and "Organiser log-in: " in output
    assert "0 attendees added" in run_demo(first)
    run_demo(second)
    assert len(people(first)) == 200 + 12  # the conference and the workshop
    assert people(first) == people(second)


def test_demo_rerun_keeps_the_organiser_password_until_reset(tmp_path):
    first = run_demo(tmp_path, "--attendees", "10")  # the password does not depend on them
    password = re.search(r"Organiser log-in: \S+ / (\S+)", first).group(1)
    again = run_demo(tmp_path, "--attendees", "10")
    assert password not in again and "--reset-password" in again
    assert password_works(tmp_path, password)
    reset = run_demo(tmp_path, "--attendees", "10", "--reset-password")
    new_password = re.search(r"Organiser log-in: \S+ / (\S+)", reset).group(1)
    assert not password_works(tmp_path, password) and password_works(tmp_path, new_password)


def password_works(instance: Path, password: str) -> bool:
    from matchmaker import create_app
    from matchmaker.passwords import verify_password

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'matchmaker.sqlite'}"})
    with app.app_context():
        organiser = db.session.scalars(select(Organiser)).one()
        works = verify_password(organiser.password_hash, password).ok
        db.engine.dispose()
    return works


def test_demo_says_where_mail_goes(tmp_path):
    output = run_demo(tmp_path, "--port", "5077", "--attendees", "10")
    assert f"written to {tmp_path / 'outbox'}" in output
    assert "http://127.0.0.1:5077/organiser/outbox" in output


def test_demo_on_database_seeds_confirmed_attendees_event_and_organiser(app, runner):
    result = runner.invoke(args=["demo", "--no-serve", "--attendees", "60", "--seed", "7"])
    assert result.exit_code == 0, result.output
    runner.invoke(args=["demo", "--no-serve", "--attendees", "60", "--seed", "7"])
    event = db.session.scalars(select(Event).where(Event.slug == "go-cluster-2027")).one()
    assert (len(event.slots), len(event.tables), event.capacity >= 60) == (10, 60, True)
    attendees = db.session.scalars(select(Attendee).where(Attendee.event_id == event.id)).all()
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


def test_demo_creates_two_open_events(app, runner):
    runner.invoke(args=["demo", "--no-serve", "--attendees", "20"])
    assert {event.slug for event in db.session.scalars(select(Event))} == {
        "go-cluster-2027", "workshop-open-innovation-2027"}
    assert db.session.scalars(select(Organiser)).one().is_admin


def test_demo_serves_both_events_and_mails_links_to_its_own_port(tmp_path):
    port = free_port()
    env = {**os.environ, "MATCHMAKER_INSTANCE_PATH": str(tmp_path / "served")}
    command = [sys.executable, "-m", "matchmaker", "demo", "--attendees", "10", "--port", str(port)]
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            start = wait_for_page(f"http://127.0.0.1:{port}/", server=server)
            assert "go-cluster Jahrestagung 2027" in start and "Workshop Open Innovation" in start
            link = sign_up_and_read_link(f"http://127.0.0.1:{port}/go-cluster-2027/register",
                                         tmp_path / "served" / "outbox")
            assert link.startswith(f"http://127.0.0.1:{port}/me/")
            assert "Demo Person" in wait_for_page(link)
        finally:
            server.terminate()


def sign_up_and_read_link(register_url: str, outbox: Path) -> str:
    """Sign up through the real form and return the private link from the mail."""
    opener = build_opener(HTTPCookieProcessor())
    page = opener.open(register_url, timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    started = re.search(r'name="started" type="hidden" value="([^"]+)"', page).group(1)
    form = {"csrf_token": token, "started": started, "first_name": "Demo", "last_name": "Person",
            "email": "demo.person@example.org", "organisation": "Beispiel GmbH",
            "org_type": "sme", "industry": "logistics", "privacy_consent": "y"}
    time.sleep(BOT_MIN_FILL_SECONDS + 0.2)  # a person takes a while; a faster form is a bot's
    opener.open(register_url, data=urlencode(form).encode(), timeout=10).read()
    for _ in range(50):
        mails = sorted(outbox.glob("*-welcome.eml"))
        if mails:
            body = message_from_bytes(mails[0].read_bytes(), policy=policy.default)
            return re.search(r"http://\S+/me/\S+", body.get_body(("plain",)).get_content()).group(0)
        time.sleep(0.1)
    raise AssertionError("no welcome mail in the outbox")


def wait_for_page(url: str, seconds: float = 120, server: subprocess.Popen | None = None) -> str:
    """The page's text, once the server answers (it migrates and seeds first). The deadline
    is generous for a loaded machine (parallel test workers); a ``server`` process that
    exits ends the wait at once."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urlopen(url, timeout=10) as response:
                return response.read().decode()
        except OSError as error:
            if server is not None and server.poll() is not None:
                raise AssertionError(f"the server exited with {server.returncode} before answering {url}") from error
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_demo_sign_ups_spread_over_weeks_so_the_sign_ups_chart_has_a_shape(app, runner):
    runner.invoke(args=["demo", "--no-serve", "--attendees", "60", "--seed", "7"])
    event = db.session.scalars(select(Event).where(Event.slug == "go-cluster-2027")).one()
    days = sign_ups_per_day(event)
    assert len(days) >= 15 and (days[-1].day - days[0].day).days >= 28
    assert days[-1].day <= utcnow().date()
