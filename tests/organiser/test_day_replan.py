"""Re-planning during the event day: the service, the console command and the dashboard."""

from datetime import datetime, time

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import AuditEntry, Meeting, OutgoingMail
from matchmaker.services import DomainError
from matchmaker.services.schedule.day_replan import (
    MAIL_KIND,
    local_time_on_day,
    meetings_at_risk,
    replan_from,
)
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee
from tests.support.factories import post_form

NAMES = ("Anna", "Ben", "Carla", "Dora", "Emil")


@pytest.fixture
def day(event):
    """Five who all match, at most one meeting each: two meetings, one person spare.
    Returns (absent, left alone, spare, untouched meeting id); all but `absent` checked in."""
    people = [add_attendee(event, name, offers=["Wasserstoff"], seeks=["Wasserstoff"],
                           max_meetings=1) for name in NAMES]
    plan_schedule(event)
    publish(event, "organiser@example.org")
    first, second = db.session.scalars(select(Meeting).order_by(Meeting.id)).all()
    spare = next(p for p in people if p.id not in {first.attendee_a_id, first.attendee_b_id,
                                                    second.attendee_a_id, second.attendee_b_id})
    absent, alone = first.attendee_a, first.attendee_b
    for person in people:
        person.checked_in_at = None if person is absent else datetime(2027, 6, 16, 8, 0)
    db.session.commit()
    return absent, alone, spare, second.id


def meetings_of(person):
    return db.session.scalars(select(Meeting).where(
        (Meeting.attendee_a_id == person.id) | (Meeting.attendee_b_id == person.id))).all()


def change_mails():
    return db.session.scalars(select(OutgoingMail).where(OutgoingMail.kind == MAIL_KIND)).all()


@pytest.mark.both_databases
def test_absent_attendees_partner_gets_the_spare_attendee(event, day):
    absent, alone, spare, _ = day
    replan_from(event, 1, actor="organiser@example.org")
    [meeting] = meetings_of(alone)
    assert {meeting.attendee_a_id, meeting.attendee_b_id} == {alone.id, spare.id}
    assert meetings_of(absent) == []


@pytest.mark.both_databases
def test_replan_leaves_meetings_of_present_people_untouched(event, day):
    _, _, _, untouched = day
    before = db.session.get(Meeting, untouched)
    row = (before.attendee_a_id, before.attendee_b_id, before.slot_id, before.table_id)
    replan_from(event, 1, actor="organiser@example.org")
    db.session.expire_all()
    after = db.session.get(Meeting, untouched)
    assert (after.attendee_a_id, after.attendee_b_id, after.slot_id, after.table_id) == row


def test_replan_mails_only_the_people_whose_meetings_changed(event, day):
    absent, alone, spare, _ = day
    replan_from(event, 1, actor="organiser@example.org")
    assert sorted(m.recipient for m in change_mails()) == sorted(
        p.email for p in (absent, alone, spare))


def test_change_mail_says_the_next_meeting_has_changed(event, day):
    _, alone, _, _ = day
    replan_from(event, 1, actor="organiser@example.org")
    mail = next(m for m in change_mails() if m.recipient == alone.email)
    expected = "Ihr nächstes Gespräch hat sich geändert" if alone.language == "de" \
        else "Your next meeting has changed"
    assert mail.subject == expected and f"/me/{alone.token}" in mail.body_text


def test_replan_from_a_later_slot_keeps_the_earlier_meeting(event, day):
    absent, alone, _, _ = day
    [meeting] = meetings_of(absent)
    meeting.slot_id = event.slots[0].id
    replan_from(event, 2, actor="organiser@example.org")
    assert [m.id for m in meetings_of(alone)] == [meeting.id] and change_mails() == []


def test_checked_in_latecomer_keeps_meetings_at_next_replan(event, day):
    absent, _, _, _ = day
    absent.checked_in_at = datetime(2027, 6, 16, 9, 0)
    replan_from(event, 1, actor="organiser@example.org")
    assert len(meetings_of(absent)) == 1


def test_absent_after_counts_a_later_check_in_as_absent(event, day):
    absent, _, _, _ = day
    absent.checked_in_at = datetime(2027, 6, 16, 9, 0)
    replan_from(event, 1, datetime(2027, 6, 16, 8, 30), actor="organiser@example.org")
    assert meetings_of(absent) == []


def test_local_time_on_day_is_berlin_summer_time_in_utc(event):
    assert local_time_on_day(event, time(10, 45)) == datetime(2027, 6, 16, 8, 45)


def test_draft_schedule_is_not_replanned(event):
    add_attendee(event, "Anna")
    with pytest.raises(DomainError) as refused:
        replan_from(event, 1, actor="organiser@example.org")
    assert refused.value.code == "replan_not_published"


def test_unknown_slot_is_refused(event, day):
    with pytest.raises(DomainError) as refused:
        replan_from(event, 11, actor="organiser@example.org")
    assert refused.value.code == "slot_not_found"


def test_replan_is_in_the_audit_log(event, day):
    replan_from(event, 1, actor="organiser@example.org")
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "schedule_replanned"))
    assert entry.changes["cancelled"] == 1 and entry.changes["added"] == 1


def test_meetings_at_risk_name_who_has_not_checked_in(event, day):
    absent, _, _, _ = day
    [risk] = meetings_at_risk(event)
    assert risk.missing == (absent.full_name,)


def test_console_replan_reports_and_mails(event, day, runner, outbox):
    result = runner.invoke(args=["replan", "--event", event.slug, "--from-slot", "1"])
    assert result.exit_code == 0, result.output
    assert "1 meetings cancelled, 1 new; 3 change e-mails sent" in result.output


def test_console_replan_refuses_a_badly_written_time(event, day, runner):
    result = runner.invoke(args=["replan", "--event", event.slug, "--from-slot", "1",
                                 "--absent-after", "25:00"])
    assert result.exit_code == 2 and "HH:MM" in result.output


def test_console_absent_after_leaves_an_early_arrival_present(event, day, runner, outbox):
    result = runner.invoke(args=["replan", "--event", event.slug, "--from-slot", "1",
                                 "--absent-after", "10:45"])
    assert result.exit_code == 0 and "1 meetings cancelled" in result.output


def test_schedule_page_shows_the_meeting_at_risk(organiser_client, event, day):
    absent, _, _, _ = day
    page = organiser_client.get(f"/organiser/{event.slug}/schedule/").get_data(as_text=True)
    assert "nicht eingecheckt: " + absent.full_name in page


def test_schedule_page_shows_no_risks_before_anybody_checked_in(organiser_client, event, day):
    for attendee in event_attendees(event):
        attendee.checked_in_at = None
    db.session.commit()
    page = organiser_client.get(f"/organiser/{event.slug}/schedule/").get_data(as_text=True)
    assert 'id="day-title"' not in page


def test_replan_confirmation_names_whose_meetings_are_cancelled(organiser_client, event, day):
    absent, _, _, _ = day
    page = organiser_client.get(f"/organiser/{event.slug}/schedule/replan?from_slot=1")
    assert page.status_code == 200 and absent.full_name in page.get_data(as_text=True)
    assert change_mails() == []


@pytest.mark.both_databases
def test_replan_button_replans_and_queues_the_mails(organiser_client, event, day):
    absent, _, _, _ = day
    path = f"/organiser/{event.slug}/schedule/replan"
    response = post_form(organiser_client, path, {"from_slot": "1"}, token_from=path + "?from_slot=1")
    assert response.status_code == 302
    assert meetings_of(absent) == [] and len(change_mails()) == 3


def test_replan_button_with_an_unknown_slot_changes_nothing(organiser_client, event, day):
    absent, _, _, _ = day
    path = f"/organiser/{event.slug}/schedule/replan"
    post_form(organiser_client, path, {"from_slot": "99"}, token_from=path + "?from_slot=1")
    assert len(meetings_of(absent)) == 1


def event_attendees(event):
    from matchmaker.models import Attendee
    return db.session.scalars(select(Attendee).where(Attendee.event_id == event.id)).all()


def test_attendee_page_shows_the_new_partner_after_the_replan(client, event, day):
    _, alone, spare, _ = day
    replan_from(event, 1, actor="organiser@example.org")
    db.session.commit()
    page = client.get(f"/me/{alone.token}/schedule").get_data(as_text=True)
    assert spare.full_name in page


def test_report_counts_the_meetings_a_day_replan_changed(event, day):
    from matchmaker.services.events.day_report import day_report

    before = day_report(event).replanned
    outcome = replan_from(event, 1, actor="organiser@example.org")
    db.session.commit()
    assert outcome.cancelled + outcome.added > 0
    assert day_report(event).replanned == before + outcome.cancelled + outcome.added
