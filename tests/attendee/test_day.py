"""The attendee on the event day: the now page at various times, and "we met"."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker import clock
from matchmaker.extensions import db
from matchmaker.models import Meeting
from matchmaker.services.schedule.edit import move_meeting
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee
from tests.support.factories import post_form


@pytest.fixture
def scheduled(event, pair):
    plan_schedule(event)
    publish(event, "organiser@example.org")
    db.session.commit()
    return pair


@pytest.fixture
def meeting(scheduled, event):
    return db.session.scalar(select(Meeting))


def set_time(monkeypatch, when):
    monkeypatch.setattr(clock, "venue_now", lambda: when)


def now_page(client, attendee) -> str:
    response = client.get(f"/me/{attendee.token}/now")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def confirm(client, attendee, meeting_id):
    return post_form(client, f"/me/{attendee.token}/meetings/{meeting_id}/met",
                     token_from=f"/me/{attendee.token}/cancel")


def test_before_publication_the_now_page_says_so(client, anna, ben):
    assert "noch nicht veröffentlicht" in now_page(client, anna)


def test_without_meetings_the_now_page_says_so(client, event, scheduled):
    zoe = add_attendee(event, "Zoe")
    assert "keine 1:1-Gespräche" in now_page(client, zoe)


def test_during_the_slot_the_meeting_is_shown_as_now(client, monkeypatch, scheduled, meeting):
    anna, _ben = scheduled
    set_time(monkeypatch, meeting.slot.starts_at + timedelta(minutes=5))
    page = now_page(client, anna)
    assert "Jetzt" in page and "Ben Beispiel" in page and "Ben GmbH" in page
    assert "Gemeinsame Themen: Open Innovation" in page and "Wir haben uns getroffen" in page


def test_before_the_slot_the_meeting_is_shown_as_next_without_button(client, monkeypatch, scheduled, meeting):
    anna, _ben = scheduled
    set_time(monkeypatch, meeting.slot.starts_at - timedelta(minutes=30))
    page = now_page(client, anna)
    assert "Als Nächstes" in page and "Ben Beispiel" in page
    assert "Wir haben uns getroffen" not in page and "Gerade kein Gespräch" in page


def test_after_the_last_slot_the_day_is_over(client, monkeypatch, scheduled, meeting):
    set_time(monkeypatch, meeting.slot.ends_at + timedelta(minutes=1))
    page = now_page(client, scheduled[0])
    assert "Ben Beispiel" not in page and "vorbei" in page


def test_after_a_replan_the_now_page_shows_the_new_table(client, monkeypatch, event, scheduled, meeting):
    set_time(monkeypatch, meeting.slot.starts_at - timedelta(minutes=30))
    move_meeting(event, meeting.id, meeting.slot.number, 7, actor="organiser@example.org")
    db.session.commit()
    assert "Tisch 7" in now_page(client, scheduled[0])


def test_the_now_page_refreshes_itself_and_offers_a_manifest(client, scheduled):
    page = now_page(client, scheduled[0])
    assert 'src="/static/refresh.js" data-seconds="60"' in page
    assert f'href="/me/{scheduled[0].token}/manifest.webmanifest"' in page


def test_the_manifest_starts_at_the_now_page(client, scheduled):
    anna = scheduled[0]
    response = client.get(f"/me/{anna.token}/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    assert response.json["start_url"] == f"/me/{anna.token}/now"
    assert {icon["sizes"] for icon in response.json["icons"]} >= {"192x192", "512x512"}


def test_the_worker_is_served_as_javascript_under_the_link(client, scheduled):
    response = client.get(f"/me/{scheduled[0].token}/now-worker.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"


def test_the_schedule_page_links_to_the_now_page(client, scheduled):
    anna = scheduled[0]
    page = client.get(f"/me/{anna.token}/schedule").get_data(as_text=True)
    assert f'href="/me/{anna.token}/now"' in page


def test_we_met_sets_the_meeting_held(client, monkeypatch, scheduled, meeting):
    set_time(monkeypatch, meeting.slot.starts_at + timedelta(minutes=5))
    assert confirm(client, scheduled[1], meeting.id).status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).met_at is not None


@pytest.mark.both_databases
def test_we_met_twice_keeps_the_first_confirmation(client, monkeypatch, scheduled, meeting):
    set_time(monkeypatch, meeting.slot.starts_at + timedelta(minutes=5))
    confirm(client, scheduled[0], meeting.id)
    db.session.expire_all()
    first = db.session.get(Meeting, meeting.id).met_at
    assert confirm(client, scheduled[1], meeting.id).status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).met_at == first


def test_we_met_by_another_attendee_is_not_found(client, monkeypatch, event, scheduled, meeting):
    set_time(monkeypatch, meeting.slot.starts_at + timedelta(minutes=5))
    zoe = add_attendee(event, "Zoe")
    assert confirm(client, zoe, meeting.id).status_code == 404
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).met_at is None


def test_we_met_before_the_slot_is_refused(client, monkeypatch, scheduled, meeting):
    set_time(monkeypatch, meeting.slot.starts_at - timedelta(minutes=5))
    response = confirm(client, scheduled[0], meeting.id)
    assert "sobald seine Zeit begonnen hat" in client.get(response.location).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).met_at is None


def test_we_met_without_csrf_token_changes_nothing(client, monkeypatch, scheduled, meeting):
    set_time(monkeypatch, meeting.slot.starts_at + timedelta(minutes=5))
    client.post(f"/me/{scheduled[0].token}/meetings/{meeting.id}/met")
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).met_at is None


def test_a_started_meeting_has_a_we_met_button_on_the_schedule(client, monkeypatch, scheduled, meeting):
    set_time(monkeypatch, meeting.slot.starts_at + timedelta(minutes=1))
    page = client.get(f"/me/{scheduled[0].token}/schedule").get_data(as_text=True)
    assert f"/meetings/{meeting.id}/met" in page
