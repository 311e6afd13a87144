"""The schedule as iCalendar: download and feed parse, Europe/Berlin times (both sides of
the DST change), stable UIDs with growing SEQUENCE, cancelled meetings, and the feed secret."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Meeting
from matchmaker.services.attendees.self_service import MeetingPreferences, cancel, update_meetings
from matchmaker.services.events.events import EventPlan, SlotBlock, create_event, ensure_industries
from matchmaker.services.schedule import calendar
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_matching_pair


def published(event):
    plan_schedule(event)
    publish(event, "organiser@example.org")
    db.session.commit()


def vevents(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def event_on(day: date):
    ensure_industries()
    event = create_event(EventPlan(slug=f"e-{day}", title="Tagung", starts_on=day, venue="Berlin",
                                   capacity=10, blocks=(SlotBlock(time(10, 30), 2),),
                                   meeting_minutes=20, table_count=2))
    db.session.commit()
    return event


@pytest.fixture
def scheduled(event, pair):
    published(event)
    return pair


def test_ics_has_one_confirmed_event_per_meeting(scheduled):
    anna, _ben = scheduled
    [entry] = vevents(calendar.attendee_calendar(anna))
    assert entry.get("status") == "CONFIRMED" and "Ben Beispiel" in str(entry.get("summary"))


@pytest.mark.both_databases
def test_ics_carries_the_berlin_timezone(scheduled):
    parsed = Calendar.from_ical(calendar.attendee_calendar(scheduled[0]))
    assert [str(tz.get("tzid")) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Berlin"]


@pytest.mark.both_databases
def test_summer_meeting_is_two_hours_ahead_of_utc(scheduled, event):
    [entry] = vevents(calendar.attendee_calendar(scheduled[0]))
    start = entry.decoded("dtstart")
    assert start.utcoffset() == timedelta(hours=2)
    assert start.replace(tzinfo=None) in {slot.starts_at for slot in event.slots}


@pytest.mark.parametrize("day, utc_start", [
    (date(2027, 3, 27), datetime(2027, 3, 27, 9, 30)),   # the day before summer time
    (date(2027, 3, 28), datetime(2027, 3, 28, 8, 30)),   # summer time began at 02:00
    (date(2027, 10, 31), datetime(2027, 10, 31, 9, 30)),  # winter time again from 03:00
])
def test_times_across_the_dst_change_are_right_in_utc(app, day, utc_start):
    event = event_on(day)
    anna, _ben = add_matching_pair(event)
    published(event)
    starts = sorted(e.decoded("dtstart") for e in vevents(calendar.attendee_calendar(anna)))
    assert starts[0].astimezone(UTC).replace(tzinfo=None) == utc_start


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence(scheduled, event):
    anna, _ben = scheduled
    [before] = vevents(calendar.attendee_calendar(anna))
    slot = db.session.scalar(select(Meeting)).slot.number
    update_meetings(anna, MeetingPreferences(True, [slot], None), True, "test")
    plan_schedule(event)
    db.session.commit()
    [after] = vevents(calendar.attendee_calendar(anna))
    assert after.get("uid") == before.get("uid")
    assert after.get("sequence") > before.get("sequence")
    assert after.decoded("dtstart") != before.decoded("dtstart")


def test_an_unchanged_schedule_keeps_uid_and_sequence(scheduled, event):
    anna, _ben = scheduled
    first = vevents(calendar.attendee_calendar(anna))
    plan_schedule(event)
    db.session.commit()
    second = vevents(calendar.attendee_calendar(anna))
    assert [(e.get("uid"), e.get("sequence")) for e in first] == \
        [(e.get("uid"), e.get("sequence")) for e in second]


def test_a_meeting_called_off_stays_as_cancelled_without_the_partners_name(scheduled):
    anna, ben = scheduled
    [before] = vevents(calendar.attendee_calendar(anna))
    cancel(ben)
    db.session.commit()
    [after] = vevents(calendar.attendee_calendar(anna))
    assert after.get("status") == "CANCELLED" and after.get("uid") == before.get("uid")
    assert after.get("sequence") > before.get("sequence")
    assert "Ben" not in after.to_ical().decode()


def test_nothing_is_in_the_calendar_before_publication(event):
    anna, _ben = add_matching_pair(event)
    plan_schedule(event)
    db.session.commit()
    assert vevents(calendar.attendee_calendar(anna)) == []


def test_download_is_an_attachment_in_text_calendar(client, scheduled):
    response = client.get(f"/me/{scheduled[0].token}/schedule.ics")
    assert response.mimetype == "text/calendar" and "attachment" in response.headers["Content-Disposition"]
    assert len(vevents(response.data)) == 1


def test_feed_serves_the_same_events_under_its_own_secret(client, scheduled):
    anna = scheduled[0]
    token = calendar.renew_feed(anna)
    db.session.commit()
    response = client.get(f"/me/feed/{token}.ics")
    assert response.status_code == 200 and token != anna.token
    assert [e.get("uid") for e in vevents(response.data)] == \
        [e.get("uid") for e in vevents(calendar.attendee_calendar(anna))]


def test_a_replaced_feed_address_stops_working(client, scheduled):
    old = calendar.renew_feed(scheduled[0])
    calendar.renew_feed(scheduled[0])
    db.session.commit()
    assert client.get(f"/me/feed/{old}.ics").status_code == 404


def test_an_unknown_feed_address_is_not_found(client, scheduled):
    assert client.get("/me/feed/" + "x" * 43 + ".ics").status_code == 404


def test_schedule_page_links_to_the_printable_pdf(client, scheduled):
    anna, _ben = scheduled
    page = client.get(f"/me/{anna.token}/schedule").get_data(as_text=True)
    assert f'href="/me/{anna.token}/schedule.pdf"' in page
    assert "Ihren Gesprächsplan herunterladen (PDF zum Ausdrucken)" in page
