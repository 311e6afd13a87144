"""Feedback after the event: the organiser's follow-up mail, one-click links that a mail
scanner cannot trigger, and the summary by industry and organisation-type pair."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import FeedbackOutcome, Meeting, MeetingFeedback, OutgoingMail, utcnow
from matchmaker.services import DomainError
from matchmaker.services.attendees.feedback import feedback_summary, record_feedback, send_feedback_requests
from matchmaker.services.schedule.calendar import planned_meetings
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import csrf_token
from tests.support.mailbox import outbox_messages, text_part

TODAY = date.today()
FEEDBACK_LINK = re.compile(r"http://localhost(/me/[^/\s]+/feedback/\d+\?answer=\w+)")


@pytest.fixture
def after_the_event(event, pair):
    plan_schedule(event)
    publish(event, "organiser@example.org")
    event.starts_on = TODAY - timedelta(days=1)
    db.session.commit()
    return pair


def test_command_mails_everyone_with_meetings_links_per_answer(runner, event, after_the_event, outbox):
    result = runner.invoke(args=["send-feedback-requests", "--event", event.slug])
    assert result.exit_code == 0 and "2 sent" in result.output, result.output
    body = text_part(next(m for m in outbox_messages(outbox) if "Gespräche" in m["Subject"]))
    answers = {link.rsplit("=", 1)[1] for link in FEEDBACK_LINK.findall(body)}
    assert answers == {"took_place", "did_not_happen", "valuable", "not_valuable"}


def test_second_run_sends_nothing_more(runner, event, after_the_event):
    runner.invoke(args=["send-feedback-requests"])
    result = runner.invoke(args=["send-feedback-requests"])
    assert "0 sent" in result.output


def test_feedback_cannot_be_requested_before_the_event(runner, event, after_the_event):
    event.starts_on = TODAY + timedelta(days=3)
    db.session.commit()
    result = runner.invoke(args=["send-feedback-requests"])
    assert result.exit_code != 0 and "has not taken place yet" in result.output


def test_opening_a_feedback_link_records_nothing(client, event, after_the_event):
    send_feedback_requests(event, TODAY)
    db.session.commit()
    link = FEEDBACK_LINK.search(text_part_of_first(event)).group(1)
    response = client.get(link)
    assert response.status_code == 200 and "Diese Antwort speichern" in response.get_data(as_text=True)
    assert db.session.scalars(select(MeetingFeedback)).all() == []


def test_the_button_on_the_confirmation_page_saves_the_answer(client, event, after_the_event):
    send_feedback_requests(event, TODAY)
    db.session.commit()
    link = FEEDBACK_LINK.search(text_part_of_first(event, "valuable")).group(1)
    response = client.post(link, data={"csrf_token": csrf_token(client, link)})
    assert response.status_code == 302
    assert db.session.scalars(select(MeetingFeedback.outcome)).all() == [FeedbackOutcome.VALUABLE]


def test_an_unknown_answer_is_not_found(client, after_the_event):
    anna = after_the_event[0]
    assert client.get(f"/me/{anna.token}/feedback/1?answer=great").status_code == 404


def test_someone_elses_meeting_is_not_found(client, event, after_the_event):
    stranger = add_attendee(event, "Zoe")
    assert client.get(f"/me/{stranger.token}/feedback/1?answer=took_place").status_code == 404


@pytest.mark.both_databases
def test_a_second_answer_replaces_the_first(event, after_the_event):
    anna, _ben = after_the_event
    meeting = first_meeting_id(anna)
    record_feedback(anna, meeting, FeedbackOutcome.DID_NOT_HAPPEN, TODAY)
    record_feedback(anna, meeting, FeedbackOutcome.TOOK_PLACE, TODAY)
    assert db.session.scalars(select(MeetingFeedback.outcome)).all() == [FeedbackOutcome.TOOK_PLACE]


def test_feedback_before_the_event_is_refused(event, after_the_event):
    anna, _ben = after_the_event
    with pytest.raises(DomainError) as error:
        record_feedback(anna, first_meeting_id(anna), FeedbackOutcome.TOOK_PLACE, TODAY - timedelta(days=5))
    assert error.value.code == "event_not_started"


@pytest.mark.both_databases
def test_summary_counts_meetings_by_industry_and_org_type_pair(event, after_the_event):
    anna, ben = after_the_event
    record_feedback(anna, first_meeting_id(anna), FeedbackOutcome.TOOK_PLACE, TODAY)
    record_feedback(ben, first_meeting_id(anna), FeedbackOutcome.VALUABLE, TODAY)
    summary = feedback_summary(event)
    assert (summary.meetings, summary.took_place, summary.valuable) == (1, 1, 1)
    [industries] = summary.by_industry
    assert industries.pair == ("energy_environment", "logistics") and industries.valuable == 1
    assert [(c.pair, c.took_place) for c in summary.by_org_type] == [(("research", "sme"), 1)]


def test_summary_of_a_meeting_that_did_not_happen(event, after_the_event):
    anna, _ben = after_the_event
    record_feedback(anna, first_meeting_id(anna), FeedbackOutcome.DID_NOT_HAPPEN, TODAY)
    summary = feedback_summary(event)
    assert (summary.answered, summary.took_place, summary.valuable) == (1, 0, 0)


def first_meeting_id(attendee):
    return planned_meetings(attendee.event, [attendee.id])[attendee.id][0].meeting_id


def text_part_of_first(event, answer="took_place"):
    body = db.session.scalars(select(OutgoingMail.body_text).where(OutgoingMail.kind == "feedback_request")).first()
    return next(line for line in body.splitlines() if f"answer={answer}" in line)


def test_feedback_page_is_in_the_readers_language(client, event, after_the_event):
    ben = after_the_event[1]
    page = client.get(f"/me/{ben.token}/feedback/{first_meeting_id(ben)}?answer=valuable")
    assert '<html lang="en">' in page.get_data(as_text=True)
    assert "The meeting took place and was valuable." in page.get_data(as_text=True)


def test_feedback_mail_skips_meetings_confirmed_on_the_day(event, after_the_event):
    anna, ben = after_the_event
    zoe = add_attendee(event, "Zoe", themes=["open_innovation"], offers=["Wasserstoff"])
    add_meeting(event, anna, zoe, slot=3)
    confirmed = db.session.scalar(select(Meeting).where(Meeting.attendee_b_id == ben.id))
    confirmed.met_at = utcnow()
    db.session.commit()
    mails = {mail.attendee_id: mail for mail in send_feedback_requests(event, TODAY)}
    assert set(mails) == {anna.id, zoe.id}
    assert f"/feedback/{confirmed.id}?" not in mails[anna.id].body_text


def test_meetings_confirmed_on_the_day_count_as_held(event, after_the_event):
    db.session.scalar(select(Meeting)).met_at = utcnow()
    db.session.commit()
    assert feedback_summary(event).took_place == 1


def test_summary_before_any_answer_counts_meetings_without_pairs(event, after_the_event):
    summary = feedback_summary(event)
    assert (summary.meetings, summary.answered, summary.by_industry, summary.by_org_type) == (1, 0, [], [])
