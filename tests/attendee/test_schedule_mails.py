"""Publishing mails each attendee their schedule; a re-plan tells only those whose meetings
changed, and says what changed. The CLI's `publish` (and its old name) sends them."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Meeting, OutgoingMail
from matchmaker.services.attendees.self_service import MeetingPreferences, update_meetings
from matchmaker.services.schedule.planning import pending_schedule_mails, plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee
from tests.support.mailbox import outbox_messages, text_part


@pytest.fixture
def people(event, pair):
    carla = add_attendee(event, "Carla", org_type="cluster", themes=["non_technical"])  # nobody to meet
    return (*pair, carla)


def mails(kind):
    return db.session.scalars(select(OutgoingMail).where(OutgoingMail.kind == kind)
                              .order_by(OutgoingMail.id)).all()


def test_publishing_mails_everyone_with_meetings_their_schedule(event, people):
    anna, ben, carla = people
    plan_schedule(event)
    publish(event, "organiser@example.org")
    assert {m.recipient for m in mails("schedule")} == {anna.email, ben.email}


def test_schedule_mail_names_the_schedule_and_lists_the_meetings(event, people):
    anna, ben, _carla = people
    plan_schedule(event)
    publish(event, "organiser@example.org")
    german = next(m for m in mails("schedule") if m.recipient == anna.email)
    english = next(m for m in mails("schedule") if m.recipient == ben.email)
    assert german.subject.startswith("Ihr Terminplan") and english.subject.startswith("Your schedule")
    meeting = db.session.scalar(select(Meeting))
    assert f"{meeting.slot.starts_at:%H:%M}–{meeting.slot.ends_at:%H:%M}, Tisch" in german.body_text
    assert f"/me/{anna.token}" in german.body_text
    assert "Wednesday, 16 June 2027" in english.body_text


def test_a_draft_sends_nothing(event, people):
    plan_schedule(event)
    assert mails("schedule") == []


def test_replan_notifies_only_attendees_whose_meetings_changed(event, people):
    plan_schedule(event)
    publish(event, "organiser@example.org")
    before = len(mails("schedule"))
    dana = add_attendee(event, "Dana", org_type="cluster", themes=["skills"], offers=["Ausbildung"])
    emil = add_attendee(event, "Emil", org_type="public", themes=["skills"], seeks=["Ausbildung"])
    plan_schedule(event)
    assert mails("schedule_changed") == []
    assert {m.recipient for m in mails("schedule")[before:]} == {dana.email, emil.email}


def test_change_notice_says_what_changed(event, people):
    anna, ben, _carla = people
    plan_schedule(event)
    publish(event, "organiser@example.org")
    slot = db.session.scalar(select(Meeting)).slot.number
    update_meetings(anna, MeetingPreferences(True, [slot], None), True, "test")
    plan_schedule(event)
    [notice] = [m for m in mails("schedule_changed") if m.recipient == anna.email]
    new_slot = db.session.scalar(select(Meeting)).slot
    assert f"Geändert: {new_slot.starts_at:%H:%M}–{new_slot.ends_at:%H:%M}" in notice.body_text
    assert {m.recipient for m in mails("schedule_changed")} == {anna.email, ben.email}


def withdraw_consent_after_publication(event, person) -> None:
    plan_schedule(event)
    publish(event, "organiser@example.org")
    update_meetings(person, MeetingPreferences(True, [], None), False, "test")
    plan_schedule(event)


def test_change_notice_skips_an_attendee_who_withdrew_consent(event, people):
    _anna, ben, _carla = people
    withdraw_consent_after_publication(event, ben)
    assert ben.email not in {m.recipient for m in mails("schedule_changed")}


def test_change_notice_goes_to_an_attendee_who_lost_every_meeting(event, people):
    anna, ben, _carla = people
    withdraw_consent_after_publication(event, ben)
    assert db.session.scalars(select(Meeting)).all() == []
    assert anna.email in {m.recipient for m in mails("schedule_changed")}


def test_publish_command_sends_the_mails(runner, event, people, outbox):
    plan_schedule(event)
    db.session.commit()
    result = runner.invoke(args=["publish", "--event", event.slug])
    assert result.exit_code == 0, result.output
    assert "2 schedule e-mails sent" in result.output
    subjects = [m["Subject"] for m in outbox_messages(outbox)]
    assert sum(s.startswith(("Ihr Terminplan", "Your schedule")) for s in subjects) == 2
    assert pending_schedule_mails(event) == []


def test_publish_schedule_is_an_alias_of_publish(runner, event, people, outbox):
    plan_schedule(event)
    db.session.commit()
    result = runner.invoke(args=["publish-schedule"])
    assert result.exit_code == 0 and "published; 2 schedule e-mails sent" in result.output


def test_match_after_publication_sends_the_change_notices(runner, event, people, outbox):
    anna = people[0]
    plan_schedule(event)
    runner.invoke(args=["publish"])
    slot = db.session.scalar(select(Meeting)).slot.number
    update_meetings(anna, MeetingPreferences(True, [slot], None), True, "test")
    db.session.commit()
    result = runner.invoke(args=["match"])
    assert "Change notices: 2 schedule e-mails sent" in result.output, result.output
    notice = next(m for m in outbox_messages(outbox) if m["To"] == anna.email
                  and "geändert" in m["Subject"])
    assert "Geändert:" in text_part(notice)


def test_schedule_mails_name_no_partner_so_an_erasure_leaves_nothing_behind(event, people):
    anna, ben, _carla = people
    plan_schedule(event)
    publish(event, "organiser@example.org")
    for mail in mails("schedule"):
        for other in (anna, ben):
            if other.email != mail.recipient:
                assert other.full_name not in mail.body_text + mail.body_html
                assert other.organisation not in mail.body_text + mail.body_html
