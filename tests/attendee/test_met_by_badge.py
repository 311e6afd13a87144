""""We met" by the partner's badge code on the now page: the code names the partner, the
meeting with them today is confirmed; every other code is answered clearly, nothing stored."""

from datetime import timedelta

import pytest

from matchmaker import clock
from matchmaker.badge_code import shown
from matchmaker.extensions import db
from matchmaker.models import Meeting, ScheduleRun, utcnow
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import make_event, post_form


@pytest.fixture
def day(event, anna, ben, monkeypatch):
    """Anna meets Ben in slot 2 and Cem in slot 4, published; the clock in slot 2."""
    cem = add_attendee(event, "Cem")
    with_ben = add_meeting(event, anna, ben, slot=2)
    with_cem = add_meeting(event, anna, cem, slot=4)
    db.session.add(ScheduleRun(event_id=event.id, quality={}, changed_count=0, published_at=utcnow()))
    db.session.commit()
    at(monkeypatch, with_ben.slot.starts_at + timedelta(minutes=5))
    return {"ben": with_ben, "cem": with_cem, "cem_person": cem}


def at(monkeypatch, when):
    monkeypatch.setattr(clock, "venue_now", lambda: when)


def scan(client, attendee, typed: str) -> str:
    response = post_form(client, f"/me/{attendee.token}/met-by-badge", badge_code=typed,
                         token_from=f"/me/{attendee.token}/now")
    assert response.status_code == 302
    return client.get(response.location).get_data(as_text=True)


def confirmed(meeting: Meeting) -> bool:
    db.session.expire_all()
    return db.session.get(Meeting, meeting.id).met_at is not None


def test_partners_code_confirms_the_current_meeting(client, anna, ben, day):
    page = scan(client, anna, ben.badge_code)
    assert "Ihr Gespräch mit Ben Beispiel ist als stattgefunden vermerkt" in page
    assert confirmed(day["ben"]) and not confirmed(day["cem"])


def test_code_typed_in_lower_case_with_hyphen_is_read(client, anna, ben, day):
    scan(client, anna, shown(ben.badge_code).lower())
    assert confirmed(day["ben"])


def test_code_of_a_later_partner_confirms_their_meeting_once_it_has_begun(client, monkeypatch, anna, day):
    at(monkeypatch, day["cem"].slot.starts_at + timedelta(minutes=1))
    scan(client, anna, day["cem_person"].badge_code)
    assert confirmed(day["cem"]) and not confirmed(day["ben"])


def test_code_of_a_partner_whose_meeting_has_not_begun_is_refused(client, anna, day):
    page = scan(client, anna, day["cem_person"].badge_code)
    assert "sobald seine Zeit begonnen hat" in page
    assert not confirmed(day["cem"])


def test_second_confirmation_says_so_and_changes_nothing(client, anna, ben, day):
    scan(client, anna, ben.badge_code)
    first = db.session.get(Meeting, day["ben"].id).met_at
    page = scan(client, ben, anna.badge_code)
    assert "Your meeting with Anna Beispiel was already recorded as held." in page  # Ben reads English
    db.session.expire_all()
    assert db.session.get(Meeting, day["ben"].id).met_at == first


def test_unknown_code_is_answered(client, anna, day):
    page = scan(client, anna, "ZZZZ-ZZZZ")
    assert "Niemand dieser Veranstaltung hat diesen Badge-Code" in page


def test_text_that_cannot_be_a_code_is_answered_as_unknown(client, anna, day):
    assert "Niemand dieser Veranstaltung hat diesen Badge-Code" in scan(client, anna, "https://example.org/")


def test_code_of_another_event_is_answered(client, anna, day):
    other = make_event(slug="other-2027", title="Andere Tagung")
    stranger = add_attendee(other, "Zoe")
    page = scan(client, anna, stranger.badge_code)
    assert "gehört zu einer anderen Veranstaltung" in page
    assert not confirmed(day["ben"])


def test_own_badge_is_answered(client, anna, day):
    assert "Das ist Ihr eigener Badge" in scan(client, anna, anna.badge_code)


def test_code_of_someone_without_a_meeting_with_you_is_answered(client, event, anna, day):
    dora = add_attendee(event, "Dora")
    page = scan(client, anna, dora.badge_code)
    assert "Sie haben heute kein Gespräch mit dieser Person" in page


def test_meeting_on_another_day_is_not_todays(client, monkeypatch, anna, ben, day):
    at(monkeypatch, day["ben"].slot.starts_at + timedelta(days=1))
    assert "Sie haben heute kein Gespräch mit dieser Person" in scan(client, anna, ben.badge_code)
    assert not confirmed(day["ben"])


def test_empty_code_asks_for_one(client, anna, day):
    assert "Bitte scannen oder tippen Sie den Badge-Code" in scan(client, anna, "  ")


def test_now_page_offers_scanning_and_the_typed_code(client, anna, day):
    page = client.get(f"/me/{anna.token}/now").get_data(as_text=True)
    assert "data-badge-scanner" in page and 'name="badge_code"' in page
