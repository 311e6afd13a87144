"""Learning from behaviour, through the app and the database: a "not interested" mark and a
declined request keep a pair apart, a meeting rated "not valuable" keeps the two apart at
their next common event, and an earlier event's valuable pairings give a shown bonus."""

from datetime import date, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from matchmaker import matching
from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, FeedbackOutcome, Meeting, MeetingFeedback
from matchmaker.reasons import phrase_reasons
from matchmaker.services import DomainError
from matchmaker.services.attendees import meeting_requests
from matchmaker.services.attendees.feedback import feedback_summary
from matchmaker.services.attendees.participants import suggestions_for
from matchmaker.services.schedule import edit
from matchmaker.services.schedule.planning import plan_schedule, planning_input
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee, add_matching_pair, add_meeting
from tests.support.factories import csrf_token, make_event, post_form


def mark(client, attendee, other, on="1", back="person"):
    return post_form(client, f"/me/{attendee.token}/participants/{other.number}/not-interested",
                     token_from=f"/me/{attendee.token}/cancel", not_interested=on, back=back)


def engine_people(event):
    return {a.id: a for a in planning_input(event).engine_event.attendees}


def planned_pairs(event):
    plan_schedule(event)
    db.session.commit()
    return {tuple(row) for row in db.session.execute(select(Meeting.attendee_a_id, Meeting.attendee_b_id)
                                  .where(Meeting.event_id == event.id))}


def test_not_interested_takes_the_person_off_the_suggestions(client, anna, ben):
    assert mark(client, anna, ben, back="suggestions").status_code == 302
    assert suggestions_for(anna) == [] and suggestions_for(ben) == []


def test_not_interested_keeps_the_pair_out_of_the_schedule(client, event, anna, ben):
    mark(client, anna, ben)
    assert planned_pairs(event) == set()


def test_taking_not_interested_back_suggests_the_person_again(client, anna, ben):
    mark(client, anna, ben)
    mark(client, anna, ben, on="0")
    assert [row.person.id for row in suggestions_for(anna)] == [ben.id]


def test_the_suggestions_page_offers_to_take_the_mark_back(client, anna, ben):
    mark(client, anna, ben, back="suggestions")
    page = client.get(f"/me/{anna.token}/suggestions").get_data(as_text=True)
    assert "Ben Beispiel wieder vorschlagen" in page


def test_not_interested_takes_back_the_interesting_mark(client, anna, ben):
    post_form(client, f"/me/{anna.token}/participants/{ben.number}/favourite",
              token_from=f"/me/{anna.token}/cancel", favourite="1", back="person")
    mark(client, anna, ben)
    assert engine_people(anna.event)[anna.id].favourites == frozenset()


def test_asking_for_the_meeting_after_all_lifts_ones_own_mark(client, event, anna, ben):
    mark(client, anna, ben)
    meeting_requests.send_request(anna, ben, None)
    db.session.commit()
    assert engine_people(event)[anna.id].not_interested == frozenset()


def test_a_declined_request_keeps_the_pair_out_of_the_schedule(event, anna, ben):
    request = meeting_requests.send_request(anna, ben, None).request
    meeting_requests.answer(ben, request.id, accept=False)
    db.session.commit()
    assert engine_people(event)[ben.id].declined == frozenset({anna.id})
    assert planned_pairs(event) == set()


def test_declining_on_the_requests_page_says_the_pair_is_kept_apart(client, event, anna, ben):
    request = meeting_requests.send_request(anna, ben, None).request
    db.session.commit()
    response = post_form(client, f"/me/{ben.token}/requests/{request.id}/decline",
                         token_from=f"/me/{ben.token}/requests")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The matchmaking will not pair you two, unless you ask for a meeting yourself." in page  # Ben reads English
    assert engine_people(event)[ben.id].declined == frozenset({anna.id})


def test_asking_the_one_whose_request_one_declined_brings_them_back(event, anna, ben):
    request = meeting_requests.send_request(anna, ben, None).request
    meeting_requests.answer(ben, request.id, accept=False)
    meeting_requests.send_request(ben, anna, None)
    db.session.commit()
    assert planned_pairs(event) == {(anna.id, ben.id)}


def test_the_organiser_reads_why_the_pair_is_kept_apart(organiser_client, event, anna, ben):
    request = meeting_requests.send_request(anna, ben, None).request
    meeting_requests.answer(ben, request.id, accept=False)
    db.session.commit()
    page = organiser_client.get(f"/organiser/{event.slug}/attendees/{anna.number}").get_data(as_text=True)
    assert "Ben Beispiel" in page and ("Eine der beiden Personen hat die Gesprächsanfrage der anderen "
                                       "abgelehnt, daher hält das Matchmaking sie auseinander.") in page


def earlier_event(slug, starts_on, rating=None):
    """An event with Anna and Ben (same addresses) and their meeting, rated by Anna."""
    event = make_event(slug=slug)
    event.starts_on = starts_on
    anna, ben = add_matching_pair(event)
    meeting = add_meeting(event, anna, ben)
    if rating:
        db.session.add(MeetingFeedback(meeting_id=meeting.id, attendee_id=anna.id, outcome=rating))
    db.session.commit()
    return event


@pytest.mark.both_databases  # addresses matched across events in SQL
def test_a_meeting_rated_not_valuable_is_not_planned_at_the_next_event(event, anna, ben):
    earlier_event("go-2026", date(2026, 6, 16), FeedbackOutcome.NOT_VALUABLE)
    assert engine_people(event)[anna.id].not_valuable_before == frozenset({ben.id})
    assert planned_pairs(event) == set()


def test_not_valuable_counts_only_until_the_next_common_event(event, anna, ben):
    earlier_event("go-2025", date(2025, 6, 16), FeedbackOutcome.NOT_VALUABLE)
    earlier_event("go-2026", date(2026, 6, 16))
    assert planned_pairs(event) == {(anna.id, ben.id)}


def test_a_valuable_meeting_does_not_keep_the_pair_apart(event, anna, ben):
    earlier_event("go-2026", date(2026, 6, 16), FeedbackOutcome.VALUABLE)
    assert planned_pairs(event) == {(anna.id, ben.id)}


def valued_source(valuable=2):
    """An earlier event where ``valuable`` logistics SME × energy research meetings were valuable."""
    source = make_event(slug="go-2026")
    source.starts_on = date(2026, 6, 16)
    for suffix in [str(n) for n in range(1, valuable + 1)]:
        seeker = add_attendee(source, f"Sme{suffix}")
        offerer = add_attendee(source, f"Lab{suffix}", industry_code="energy_environment",
                               org_type="research")
        meeting = add_meeting(source, seeker, offerer, slot=int(suffix))
        db.session.add(MeetingFeedback(meeting_id=meeting.id, attendee_id=seeker.id,
                                       outcome=FeedbackOutcome.VALUABLE))
    db.session.commit()
    return source


def test_last_years_valuable_pairings_add_a_shown_bonus(event, anna, ben):
    before = suggestions_for(anna)[0].score
    event.feedback_bonus_from_id = valued_source().id
    db.session.commit()
    [row] = suggestions_for(anna)
    codes = [reason["code"] for reason in row.reasons]
    assert "valued_industry_pair" in codes and "valued_org_type_pair" in codes
    weights = matching.Weights()
    assert row.score == before + weights.valued_industry_pair + weights.valued_org_type_pair


def test_a_single_valuable_meeting_is_not_enough_for_the_bonus(event, anna, ben):
    event.feedback_bonus_from_id = valued_source(valuable=1).id
    db.session.commit()
    [row] = suggestions_for(anna)
    assert not {"valued_industry_pair", "valued_org_type_pair"} & {r["code"] for r in row.reasons}


def test_last_years_bonus_is_off_by_default(event, anna, ben):
    valued_source()
    [row] = suggestions_for(anna)
    assert not {"valued_industry_pair", "valued_org_type_pair"} & {r["code"] for r in row.reasons}


def test_the_bonus_reason_is_phrased_on_the_suggestions_page(client, event, anna, ben):
    event.feedback_bonus_from_id = valued_source().id
    db.session.commit()
    page = client.get(f"/me/{anna.token}/suggestions").get_data(as_text=True)
    assert "Gespräche zwischen Logistik × Energie und Umwelt wurden bei einer früheren Veranstaltung als wertvoll bewertet." in page


def test_the_bonus_reasons_read_in_english(app):
    reasons = [{"code": "valued_industry_pair", "params": {"industries": ["logistics", "maritime"]}},
               {"code": "valued_org_type_pair", "params": {"org_types": ["sme", "research"]}}]
    with app.test_request_context(), force_locale("en"):
        assert phrase_reasons(reasons, 1, {"logistics": "Logistics", "maritime": "Maritime"}) == [
            "Meetings between Logistics × Maritime were rated valuable at an earlier event.",
            "Meetings between SME (small or medium-sized enterprise) × Research institute or university "
            "were rated valuable at an earlier event."]


def test_placing_a_kept_apart_pair_by_hand_is_refused_with_the_reason(client, event, anna, ben):
    mark(client, anna, ben)
    with pytest.raises(DomainError) as refused:
        edit.add_meeting(event, (anna.id, ben.id), 1, 1, actor="organiser@example.org")
    assert refused.value.code == "not_interested"


def test_not_interested_marks_are_in_the_data_download(client, anna, ben):
    mark(client, anna, ben)
    data = client.get(f"/me/{anna.token}/data.json").get_json()
    assert data["not_interested"] == [{"name": "Ben Beispiel", "organisation": "Ben GmbH"}]


@pytest.mark.both_databases
def test_the_feedback_page_records_not_valuable(client, event, anna, ben):
    plan_schedule(event)
    publish(event, "organiser@example.org")
    meeting = db.session.scalar(select(Meeting))
    event.starts_on = date.today() - timedelta(days=1)
    db.session.commit()
    link = f"/me/{anna.token}/feedback/{meeting.id}?answer=not_valuable"
    page = client.get(link).get_data(as_text=True)
    assert "Das Gespräch hat stattgefunden, war aber nicht wertvoll." in page
    assert "bei der nächsten Veranstaltung, an der Sie beide teilnehmen, nicht zusammen" in page
    assert client.post(link, data={"csrf_token": csrf_token(client, link)}).status_code == 302
    assert db.session.scalars(select(MeetingFeedback.outcome)).all() == [FeedbackOutcome.NOT_VALUABLE]
    assert feedback_summary(event).took_place == 1


def test_not_valuable_counts_when_one_of_the_two_cancelled_there_later(event, anna, ben):
    source = earlier_event("go-2026", date(2026, 6, 16), FeedbackOutcome.NOT_VALUABLE)
    for person in db.session.scalars(select(Attendee).where(Attendee.event_id == source.id,
                                                            Attendee.first_name == "Ben")):
        person.status = AttendeeStatus.CANCELLED
    db.session.commit()
    assert planned_pairs(event) == set()


def person_page(client, viewer, other):
    return client.get(f"/me/{viewer.token}/participants/{other.number}").get_data(as_text=True)


def test_the_person_page_shows_the_bonus_reason(client, event, anna, ben):
    event.feedback_bonus_from_id = valued_source().id
    db.session.commit()
    assert "Gespräche zwischen Logistik × Energie und Umwelt wurden bei einer früheren Veranstaltung als wertvoll bewertet." in person_page(client, anna, ben)


def test_the_person_page_tells_only_the_one_who_declined_that_it_keeps_them_apart(client, anna, ben):
    request = meeting_requests.send_request(anna, ben, None).request
    meeting_requests.answer(ben, request.id, accept=False)
    db.session.commit()
    assert "You declined a meeting request from Anna Beispiel, so the matchmaking does not pair you" in person_page(client, ben, anna)
    assert "abgelehnt" not in person_page(client, anna, ben)


@pytest.mark.both_databases  # the rater's address matched across events in SQL
def test_the_person_page_tells_only_the_one_who_rated_not_valuable_that_it_keeps_them_apart(client, event, anna, ben):
    earlier_event("go-2026", date(2026, 6, 16), FeedbackOutcome.NOT_VALUABLE)  # rated by Anna
    assert "als nicht wertvoll bewertet" in person_page(client, anna, ben)
    assert "not valuable" not in person_page(client, ben, anna)


def test_the_person_page_does_not_betray_the_others_not_interested_mark(client, anna, ben):
    mark(client, ben, anna)
    assert "Gemeinsame Themen" in person_page(client, anna, ben)
