"""The organiser chooses an earlier event whose valuable pairings give a small bonus (off by
default); only earlier events are offered, and the choice reaches the engine."""

from datetime import date

from matchmaker.extensions import db
from matchmaker.models import FeedbackOutcome, MeetingFeedback
from matchmaker.services import DomainError
from matchmaker.services.schedule.behaviour import set_feedback_bonus_source
from matchmaker.services.schedule.edit import add_meeting as place_by_hand
from matchmaker.services.schedule.planning import planning_input
from tests.support.attendees import add_attendee, add_matching_pair, add_meeting
from tests.support.factories import make_event, post_form

from .conftest import EVENT_URL

PAGE = f"{EVENT_URL}/settings/matchmaking"


def other_event(slug, starts_on):
    event = make_event(slug=slug, title=f"Tagung {slug}")
    event.starts_on = starts_on
    db.session.commit()
    return event


def choose(client, source_id):
    return post_form(client, f"{EVENT_URL}/settings/feedback-bonus", token_from=PAGE, source=str(source_id))


def test_the_bonus_is_off_by_default(organiser_client, event):
    page = organiser_client.get(PAGE).get_data(as_text=True)
    assert event.feedback_bonus_from_id is None
    assert '<option selected value="0">Aus</option>' in page


def test_only_earlier_events_are_offered(organiser_client, event):
    other_event("go-2026", date(2026, 6, 16))
    other_event("go-2028", date(2028, 6, 16))
    page = organiser_client.get(PAGE).get_data(as_text=True)
    assert "Tagung go-2026" in page and "Tagung go-2028" not in page


def valued_source():
    """An earlier event whose two logistics × energy meetings were rated valuable."""
    source = other_event("go-2026", date(2026, 6, 16))
    for n in (1, 2):
        a, b = add_attendee(source, f"Sme{n}"), add_attendee(source, f"Lab{n}", industry_code="energy_environment")
        meeting = add_meeting(source, a, b, slot=n)
        db.session.add(MeetingFeedback(meeting_id=meeting.id, attendee_id=a.id, outcome=FeedbackOutcome.VALUABLE))
    db.session.commit()
    return source


def test_choosing_an_earlier_event_gives_its_valuable_pairings_to_the_engine(organiser_client, event):
    source = valued_source()
    here = add_attendee(event, "Anna")
    assert choose(organiser_client, source.id).status_code == 302
    db.session.expire_all()
    assert event.feedback_bonus_from_id == source.id
    [person] = [a for a in planning_input(event).engine_event.attendees if a.id == here.id]
    assert person.valued_industries == frozenset({"energy_environment"})
    assert "1 Branchenpaare" in organiser_client.get(PAGE).get_data(as_text=True)


def test_choosing_off_again_removes_the_source(organiser_client, event):
    source = other_event("go-2026", date(2026, 6, 16))
    choose(organiser_client, source.id)
    choose(organiser_client, 0)
    db.session.expire_all()
    assert event.feedback_bonus_from_id is None


def test_a_later_event_is_refused(event):
    later = other_event("go-2028", date(2028, 6, 16))
    try:
        set_feedback_bonus_source(event, later)
    except DomainError as error:
        assert error.code == "feedback_source_not_earlier"
    else:
        raise AssertionError("a later event was accepted")


def test_the_organisers_meeting_page_shows_the_bonus_as_a_reason(organiser_client, event):
    set_feedback_bonus_source(event, valued_source())
    anna, ben = add_matching_pair(event)  # logistics × energy, a shared theme
    meeting = place_by_hand(event, (anna.id, ben.id), 1, 1, actor="organiser@example.org")
    db.session.commit()
    page = organiser_client.get(f"{EVENT_URL}/schedule/meetings/{meeting.id}").get_data(as_text=True)
    assert "valued_industry_pair" in [r["code"] for r in meeting.reasons]
    assert "Gespräche zwischen Logistik × Energie und Umwelt" in page and "wertvoll bewertet" in page
