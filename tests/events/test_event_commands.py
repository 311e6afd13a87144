"""Console commands on an installation with several events: --event, never the newest."""

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, EventRole, Organiser
from matchmaker.passwords import known_words, verify_password, weakness
from matchmaker.services.organisers.roles import role_in
from tests.support.factories import make_event


def test_command_with_several_events_and_no_choice_lists_them(runner, app):
    make_event()
    make_event(slug="workshop-2027", title="Workshop")
    result = runner.invoke(args=["export-schedule"])
    assert result.exit_code != 0
    assert "say which with --event SLUG" in result.output
    assert "go-cluster-2027" in result.output and "workshop-2027" in result.output


def test_command_with_one_event_needs_no_choice(runner, event):
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output


def test_command_with_unknown_event_says_which_exist(runner, event):
    result = runner.invoke(args=["publish-schedule", "--event", "nope"])
    assert result.exit_code != 0 and "there is no event 'nope'" in result.output
    assert "go-cluster-2027" in result.output


def test_create_event_copies_another_events_settings(runner, event):
    result = runner.invoke(args=["create-event", "--title", "go-cluster Jahrestagung 2028",
                                 "--date", "2028-06-14", "--venue", "Berlin",
                                 "--copy-from", "go-cluster-2027"])
    assert result.exit_code == 0, result.output
    copy = db.session.scalars(select(Event).where(Event.slug == "go-cluster-jahrestagung-2028")).one()
    assert (len(copy.slots), len(copy.tables)) == (10, 60)


def test_list_and_archive_events(runner, event):
    assert "go-cluster-2027" in runner.invoke(args=["list-events"]).output
    runner.invoke(args=["archive-event", "--event", "go-cluster-2027"])
    assert "archived" in runner.invoke(args=["list-events"]).output


def test_create_organiser_for_one_event(runner, event):
    make_event(slug="workshop-2027", title="Workshop")
    result = runner.invoke(args=["create-organiser", "ws@example.org", "--generate",
                                 "--event", "workshop-2027"])
    assert "access: workshop-2027" in result.output
    organiser = db.session.scalars(select(Organiser)).one()
    assert not organiser.is_admin and [e.slug for e in organiser.events] == ["workshop-2027"]


def test_create_organiser_with_role_check_in_makes_desk_staff(runner, event):
    result = runner.invoke(args=["create-organiser", "desk@example.org", "--generate",
                                 "--event", event.slug, "--role", "check-in"])
    assert "access: go-cluster-2027 (check-in only)" in result.output
    organiser = db.session.scalars(select(Organiser)).one()
    assert not organiser.is_admin and role_in(organiser, event) is EventRole.CHECK_IN


def test_create_organiser_with_role_check_in_without_event_is_refused(runner, app):
    result = runner.invoke(args=["create-organiser", "desk@example.org", "--generate",
                                 "--role", "check-in"])
    assert result.exit_code != 0 and "--role check-in needs --event SLUG" in result.output
    assert db.session.scalars(select(Organiser)).all() == []


def create_with_typed_password(runner, monkeypatch, password: str):
    monkeypatch.setattr("matchmaker.commands.setup.typed_at_terminal", lambda: True)
    return runner.invoke(args=["create-organiser", "neu@example.org"],
                         input=f"{password}\n{password}\n")


def test_create_organiser_refuses_a_repeated_password_saying_why(runner, app, monkeypatch):
    result = create_with_typed_password(runner, monkeypatch, "aaaaaaaaaaaa")
    assert result.exit_code != 0 and "too easy to guess" in result.output
    assert 'Repeated characters or words, like “aaa”' in result.output
    assert db.session.scalars(select(Organiser)).all() == []


def test_create_organiser_refuses_a_common_password(runner, app, monkeypatch):
    result = create_with_typed_password(runner, monkeypatch, "password1234")
    assert result.exit_code != 0 and "one of the most common passwords" in result.output


def test_create_organiser_accepts_a_strong_typed_password(runner, app, monkeypatch):
    result = create_with_typed_password(runner, monkeypatch, "Kranich über der Elbe")
    assert result.exit_code == 0, result.output
    stored = db.session.scalars(select(Organiser)).one().password_hash
    assert verify_password(stored, "Kranich über der Elbe").ok


def test_generated_passwords_pass_the_strength_check(runner, app):
    for number in range(20):
        output = runner.invoke(args=["create-organiser", f"o{number}@example.org", "--generate"]).output
        password = output.split(": ", 1)[1].splitlines()[0]
        assert weakness(password, known_words(f"o{number}@example.org")) is None, password
