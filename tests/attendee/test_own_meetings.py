"""Attendees move and cancel their published meetings: a move is a proposal the partner
accepts or declines (the old time stands until then), checked like the grid's moves;
cancelling tells the partner by mail and on their page, with the note."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import AuditEntry, Meeting
from tests.attendee.own_meetings_scene import mails_to, post, publish_now, slot_of
from tests.support.attendees import add_attendee, add_meeting


@pytest.fixture
def meeting(event, anna, ben):
    meeting_id = add_meeting(event, anna, ben, slot=1).id
    publish_now(event)
    return meeting_id


def test_a_proposed_move_keeps_the_old_time_and_mails_the_partner(client, anna, ben, meeting):
    assert post(client, anna, f"/my-meetings/{meeting}/move", slot=4).status_code == 302
    assert slot_of(meeting) == 1
    [mail] = mails_to(ben, "move_proposed")
    assert "Anna" not in mail.body_text and "14:00" not in mail.body_text and "11:30" in mail.body_text


@pytest.mark.both_databases
def test_the_partner_accepting_moves_the_meeting_and_locks_it(client, anna, ben, meeting):
    post(client, anna, f"/my-meetings/{meeting}/move", slot=4)
    assert post(client, ben, f"/my-meetings/{meeting}/move/accept").status_code == 302
    assert slot_of(meeting) == 4 and db.session.get_one(Meeting, meeting).locked
    assert len(mails_to(anna, "move_accepted")) == 1


def test_the_partner_declining_keeps_the_meeting_and_tells_the_proposer(client, anna, ben, meeting):
    post(client, anna, f"/my-meetings/{meeting}/move", slot=4)
    post(client, ben, f"/my-meetings/{meeting}/move/decline")
    assert slot_of(meeting) == 1 and len(mails_to(anna, "move_declined")) == 1
    page = client.get(f"/me/{ben.token}/my-meetings").get_data(as_text=True)
    assert "schlägt vor" not in page


def test_the_proposer_cannot_accept_their_own_move(client, anna, ben, meeting):
    post(client, anna, f"/my-meetings/{meeting}/move", slot=4)
    post(client, anna, f"/my-meetings/{meeting}/move/accept")
    assert slot_of(meeting) == 1


def test_only_slots_both_have_free_are_offered(client, event, anna, ben, meeting):
    ben.unavailable_slots = [2]
    add_meeting(event, anna, add_attendee(event, "Carla", org_type="large"), slot=3)
    page = client.get(f"/me/{anna.token}/my-meetings/{meeting}/move").get_data(as_text=True)
    assert "11:30–11:50" in page and "10:50–11:10" not in page and "11:10–11:30" not in page


def test_a_move_into_a_slot_not_free_is_refused(client, event, anna, ben, meeting):
    add_meeting(event, ben, add_attendee(event, "Carla", org_type="large"), slot=4)
    post(client, anna, f"/my-meetings/{meeting}/move", slot=4)
    assert slot_of(meeting) == 1 and mails_to(ben, "move_proposed") == []


def test_a_move_whose_place_was_taken_meanwhile_is_refused_on_accepting(client, event, anna, ben, meeting):
    post(client, anna, f"/my-meetings/{meeting}/move", slot=4)
    add_meeting(event, ben, add_attendee(event, "Carla", org_type="large"), slot=4)
    post(client, ben, f"/my-meetings/{meeting}/move/accept")
    assert slot_of(meeting) == 1
    page = client.get(f"/me/{ben.token}/my-meetings").get_data(as_text=True)
    assert "Ben Beispiel already has a meeting in slot 4." in page


@pytest.mark.both_databases
def test_cancelling_removes_the_meeting_and_tells_the_partner_with_the_note(client, anna, ben, meeting):
    post(client, ben, f"/my-meetings/{meeting}/give-back", note="Mein Flug ist gestrichen.")
    assert db.session.get(Meeting, meeting) is None
    [mail] = mails_to(anna, "meeting_given_back")
    assert "Ben" not in mail.body_text and "Flug" not in mail.body_text
    page = client.get(f"/me/{anna.token}/my-meetings").get_data(as_text=True)
    assert "Ben Beispiel hat das Gespräch um 10:30 abgesagt." in page and "Mein Flug ist gestrichen." in page


def test_cancelling_writes_the_audit_log_with_the_attendee_as_actor(client, anna, ben, meeting):
    post(client, ben, f"/my-meetings/{meeting}/give-back")
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "meeting_given_back")).all()
    assert {e.attendee_id for e in entries} == {anna.id, ben.id}
    assert {e.actor for e in entries} == {f"attendee {ben.number} Ben Beispiel"}


def test_someone_elses_meeting_cannot_be_cancelled(client, event, anna, ben, meeting):
    carla = add_attendee(event, "Carla", org_type="large")
    assert post(client, carla, f"/my-meetings/{meeting}/give-back").status_code == 404
    assert db.session.get(Meeting, meeting) is not None


def test_a_draft_schedule_cannot_be_changed_by_attendees(client, event, anna, ben):
    draft = add_meeting(event, anna, ben, slot=1)
    assert client.get(f"/me/{anna.token}/my-meetings/{draft.id}/give-back").status_code == 404


def test_the_organiser_reads_the_cancelling_in_the_audit_log(organiser_client, anna, ben, meeting):
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back", note="Flug gestrichen")
    page = organiser_client.get("/organiser/go-cluster-2027/audit").get_data(as_text=True)
    assert "Gespräch von einer teilnehmenden Person abgesagt" in page and "Flug gestrichen" in page
