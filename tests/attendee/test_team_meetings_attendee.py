"""An attendee brings a colleague of their organisation to a published meeting of theirs:
only colleagues free then are offered, only their own side is theirs to change."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import MeetingColleague
from tests.attendee.own_meetings_scene import mails_to, post, publish_now
from tests.support.attendees import add_attendee, add_meeting


@pytest.fixture
def scene(event):
    """Anna and Carl (Wasser AG) and Ben (Strom GmbH); Anna meets Ben in slot 1, published."""
    anna = add_attendee(event, "Anna", organisation="Wasser AG")
    carl = add_attendee(event, "Carl", organisation="Wasser AG")
    ben = add_attendee(event, "Ben", organisation="Strom GmbH")
    meeting = add_meeting(event, anna, ben, slot=1)
    publish_now(event)
    return anna, carl, ben, meeting.id


def rows():
    db.session.expire_all()
    return [(row.attendee_id, row.beside_id) for row in db.session.scalars(select(MeetingColleague))]


def test_an_attendee_brings_a_colleague_who_then_sits_beside_them(client, scene):
    anna, carl, _ben, meeting = scene
    assert post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id).status_code == 302
    assert rows() == [(carl.id, anna.id)]


def test_only_colleagues_free_at_that_time_are_offered(client, event, scene):
    anna, _carl, _ben, meeting = scene
    dora = add_attendee(event, "Dora", organisation="Wasser AG")
    add_meeting(event, dora, add_attendee(event, "Emil", organisation="Luft KG"), slot=1, table=2)
    add_attendee(event, "Fritz", organisation="Luft KG")
    page = client.get(f"/me/{anna.token}/my-meetings/{meeting}/colleagues").get_data(as_text=True)
    assert "Carl Beispiel" in page and "Dora Beispiel" not in page and "Fritz Beispiel" not in page


def test_a_colleague_busy_at_that_time_cannot_be_brought(client, event, scene):
    anna, carl, _ben, meeting = scene
    add_meeting(event, carl, add_attendee(event, "Emil", organisation="Luft KG"), slot=1, table=2)
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    assert rows() == []


def test_the_partner_cannot_bring_the_attendees_colleague(client, scene):
    _anna, carl, ben, meeting = scene
    post(client, ben, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    assert rows() == []


def test_an_attendee_takes_their_colleague_off_the_meeting(client, scene):
    anna, carl, _ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    post(client, anna, f"/my-meetings/{meeting}/colleagues/{carl.id}/remove")
    assert rows() == []


def test_the_partner_cannot_take_the_attendees_colleague_off(client, scene):
    anna, carl, ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    post(client, ben, f"/my-meetings/{meeting}/colleagues/{carl.id}/remove")
    assert rows() == [(carl.id, anna.id)]


def test_the_colleague_cannot_change_who_comes_to_a_meeting_they_only_sit_in(client, scene):
    anna, carl, _ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    assert client.get(f"/me/{carl.token}/my-meetings/{meeting}/colleagues").status_code == 404


def test_the_partner_sees_whom_the_attendee_brings(client, scene):
    anna, carl, ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    page = client.get(f"/me/{ben.token}/my-meetings/{meeting}/colleagues").get_data(as_text=True)
    assert "Anna Beispiel bringt mit: Carl Beispiel." in page


def test_the_colleague_brought_is_told_their_schedule_changed(client, scene):
    anna, carl, _ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    [mail] = mails_to(carl, "schedule_changed")
    assert "Neu: 10:30–10:50, Tisch 1" in mail.body_text


def test_a_colleague_sitting_in_cannot_move_a_meeting_of_their_own_into_that_slot(client, event, scene):
    anna, carl, _ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    own = add_meeting(event, carl, add_attendee(event, "Dora", organisation="Luft KG"), slot=3, table=2)
    page = client.get(f"/me/{carl.token}/my-meetings/{own.id}/move").get_data(as_text=True)
    assert "10:50–11:10" in page and "10:30–10:50" not in page


def test_a_colleague_leaves_a_meeting_they_sit_in(client, scene):
    anna, carl, _ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    page = client.get(f"/me/{carl.token}/my-meetings").get_data(as_text=True)
    assert "Ben Beispiel, zusammen mit Anna Beispiel" in page
    post(client, carl, f"/my-meetings/{meeting}/leave")
    assert rows() == []


def test_nobody_else_can_make_a_colleague_leave_by_the_leave_button(client, event, scene):
    anna, carl, ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    post(client, ben, f"/my-meetings/{meeting}/leave")
    assert rows() == [(carl.id, anna.id)]


def test_the_colleagues_data_download_has_the_meetings_they_sit_in(client, scene):
    anna, carl, _ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    [row] = client.get(f"/me/{carl.token}/data.json").get_json()["meetings_as_colleague"]
    assert (row["beside_name"], row["partner_name"], row["table"]) == ("Anna Beispiel", "Ben Beispiel", "1")


def test_a_team_meeting_is_offered_only_times_its_colleague_is_free_too(client, event, scene):
    anna, carl, _ben, meeting = scene
    post(client, anna, f"/my-meetings/{meeting}/colleagues", colleague=carl.id)
    carl.unavailable_slots = [3]
    db.session.commit()
    page = client.get(f"/me/{anna.token}/my-meetings/{meeting}/move").get_data(as_text=True)
    assert "10:50–11:10" in page and "11:10–11:30" not in page
