"""The request lifecycle: request, accept, decline, withdraw, expiry, blocks, the daily
limit, and requests to someone who then cancels, withdraws consent or erases their data."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import MeetingRequest, RequestStatus, utcnow
from matchmaker.services import DomainError
from matchmaker.services.attendees import meeting_requests as requests
from matchmaker.services.attendees.privacy import erase, personal_data
from matchmaker.services.attendees.self_service import MeetingPreferences, cancel, update_meetings
from matchmaker.services.schedule.planning import must_meet, planning_input
from tests.support.attendees import add_attendee, add_meeting


def send(requester, target, message=None, now=None):
    outcome = requests.send_request(requester, target, message, now=now)
    db.session.commit()
    return outcome


def status_of(request_id):
    db.session.expire_all()
    return db.session.get(MeetingRequest, request_id).status


def test_request_is_pending_and_mails_the_target_a_link_to_answer(anna, ben):
    outcome = send(anna, ben, "Let us talk about hydrogen")
    assert outcome.request.status == RequestStatus.PENDING
    [mail] = outcome.mails
    assert mail.recipient == ben.email and mail.kind == "request_received"
    assert f"/me/{ben.token}/requests" in mail.body_text


def test_request_mail_names_nobody_and_reveals_no_address(anna, ben):
    [mail] = send(anna, ben, "Let us talk about hydrogen").mails
    for leak in (anna.email, anna.full_name, anna.organisation, "hydrogen", anna.token):
        assert leak not in mail.body_text and leak not in mail.body_html


def test_request_mail_is_in_the_recipients_language(anna, ben):
    assert "would like to meet you" in send(anna, ben).mails[0].body_text
    assert send(ben, add_attendee(anna.event, "Carla")).mails[0].subject.startswith("Eine Gesprächsanfrage")


def test_pending_request_is_a_one_sided_wish_for_the_engine(anna, ben):
    send(anna, ben)
    assert must_meet([anna, ben]) == {anna.id: frozenset({ben.id})}


def test_accepted_request_is_a_mutual_must_meet_pair(anna, ben):
    request = send(anna, ben).request
    outcome = requests.answer(ben, request.id, accept=True)
    db.session.commit()
    assert outcome.mails[0].recipient == anna.email and outcome.mails[0].kind == "request_accepted"
    assert must_meet([anna, ben]) == {anna.id: frozenset({ben.id}), ben.id: frozenset({anna.id})}


def test_accepted_request_reaches_the_scheduler(anna, ben, event):
    request = send(anna, ben).request
    requests.answer(ben, request.id, accept=True)
    people = {a.id: a for a in planning_input(event).engine_event.attendees}
    assert ben.id in people[anna.id].must_meet and anna.id in people[ben.id].must_meet


def test_declined_request_counts_for_nothing_and_tells_the_requester(anna, ben):
    request = send(anna, ben).request
    outcome = requests.answer(ben, request.id, accept=False)
    assert outcome.mails[0].kind == "request_declined" and outcome.mails[0].recipient == anna.email
    assert must_meet([anna, ben]) == {}


def test_declined_request_cannot_be_sent_again(anna, ben):
    requests.answer(ben, send(anna, ben).request.id, accept=False)
    with pytest.raises(DomainError) as error:
        send(anna, ben)
    assert error.value.code == "declined_before"


def test_only_the_target_can_answer(anna, ben):
    request = send(anna, ben).request
    with pytest.raises(DomainError) as error:
        requests.answer(anna, request.id, accept=True)
    assert error.value.code == "request_not_found"


def test_withdrawn_request_stops_counting(anna, ben):
    request = send(anna, ben).request
    requests.withdraw(anna, request.id)
    assert status_of(request.id) == RequestStatus.WITHDRAWN and must_meet([anna, ben]) == {}


def test_withdrawn_request_cannot_be_accepted(anna, ben):
    request = send(anna, ben).request
    requests.withdraw(anna, request.id)
    with pytest.raises(DomainError) as error:
        requests.answer(ben, request.id, accept=True)
    assert error.value.code == "request_not_open"


def test_asking_someone_who_asked_you_accepts_their_request(anna, ben):
    request = send(anna, ben).request
    outcome = send(ben, anna)
    assert outcome.request.id == request.id and status_of(request.id) == RequestStatus.ACCEPTED


@pytest.mark.both_databases
def test_overdue_request_stops_counting_before_it_is_marked(anna, ben, app):
    later = utcnow() + timedelta(hours=app.config["REQUEST_EXPIRY_HOURS"] + 1)
    send(anna, ben)
    assert must_meet([anna, ben], now=later) == {}


@pytest.mark.both_databases
def test_overdue_request_is_expired_and_cannot_be_accepted(anna, ben, app):
    request = send(anna, ben).request
    later = utcnow() + timedelta(hours=app.config["REQUEST_EXPIRY_HOURS"] + 1)
    with pytest.raises(DomainError) as error:
        requests.answer(ben, request.id, accept=True, now=later)
    assert error.value.code == "request_not_open" and status_of(request.id) == RequestStatus.EXPIRED


@pytest.mark.both_databases
def test_expired_request_can_be_sent_again(anna, ben, app):
    request = send(anna, ben).request
    later = utcnow() + timedelta(hours=app.config["REQUEST_EXPIRY_HOURS"] + 1)
    again = send(anna, ben, now=later).request
    assert again.id == request.id and status_of(request.id) == RequestStatus.PENDING


def test_blocked_person_cannot_send_a_request(anna, ben):
    requests.block(ben, anna)
    with pytest.raises(DomainError) as error:
        send(anna, ben)
    assert error.value.code == "not_available"  # never told that they were blocked


def test_blocker_cannot_send_a_request_either(anna, ben):
    requests.block(ben, anna)
    with pytest.raises(DomainError) as error:
        send(ben, anna)
    assert error.value.code == "you_blocked"


def test_blocking_closes_open_requests_and_removes_their_meeting(anna, ben, event):
    request = send(anna, ben).request
    add_meeting(event, anna, ben)
    requests.block(ben, anna)
    db.session.commit()
    assert status_of(request.id) == RequestStatus.DECLINED
    assert must_meet([anna, ben]) == {}
    assert planning_input(event).engine_event.blocked_pairs == {tuple(sorted((anna.id, ben.id)))}
    assert planning_input(event).previous == []


def test_unblocking_allows_requests_again(anna, ben):
    requests.block(ben, anna)
    requests.unblock(ben, anna.number)
    assert send(anna, ben).request.status == RequestStatus.PENDING


@pytest.mark.both_databases
def test_daily_limit_refuses_one_more_request(anna, event, app):
    app.config["REQUEST_DAILY_LIMIT"] = 2
    people = [add_attendee(event, name) for name in ("Carla", "Dirk", "Emil")]
    send(anna, people[0])
    send(anna, people[1])
    with pytest.raises(DomainError) as error:
        send(anna, people[2])
    assert error.value.code == "daily_limit"


@pytest.mark.both_databases
def test_daily_limit_counts_only_the_last_24_hours(anna, event, app):
    app.config["REQUEST_DAILY_LIMIT"] = 1
    carla, dirk = add_attendee(event, "Carla"), add_attendee(event, "Dirk")
    send(anna, carla, now=utcnow() - timedelta(hours=25))
    assert send(anna, dirk).request.status == RequestStatus.PENDING


def test_attendee_without_consent_cannot_be_asked(anna, event):
    shy = add_attendee(event, "Shy", matching_consent=False)
    with pytest.raises(DomainError) as error:
        send(anna, shy)
    assert error.value.code == "not_available"


def test_request_to_someone_who_cancels_disappears_from_the_list(anna, ben):
    send(anna, ben)
    cancel(ben)
    db.session.commit()
    assert requests.request_rows(anna) == []


def test_request_from_someone_who_cancels_cannot_be_accepted(anna, ben):
    request = send(anna, ben).request
    cancel(anna)
    db.session.commit()
    with pytest.raises(DomainError) as error:
        requests.answer(ben, request.id, accept=True)
    assert error.value.code == "request_not_found"


def test_request_to_someone_who_withdraws_consent_is_not_shown(anna, ben):
    send(anna, ben)
    update_meetings(ben, MeetingPreferences(True, [], None), False, "test")
    db.session.commit()
    assert requests.request_rows(anna) == []


def test_request_to_someone_who_erases_their_data_is_gone(anna, ben):
    send(anna, ben)
    erase(ben)
    db.session.commit()
    assert requests.request_rows(anna) == []
    assert db.session.scalars(select(MeetingRequest)).all() == []




def test_data_download_lists_own_requests_and_blocks(anna, ben, event):
    send(anna, ben, "Hallo")
    requests.block(anna, add_attendee(event, "Carla"))
    data = personal_data(anna)
    assert [(r["name"], r["status"], r["message"]) for r in data["meeting_requests"]] == \
        [("Ben Beispiel", "pending", "Hallo")]
    assert [b["name"] for b in data["blocked"]] == ["Carla Beispiel"]


def test_data_download_names_the_times_proposed_in_a_request(anna, ben):
    send(anna, ben).request.proposed_slots = [3, 6]
    db.session.commit()
    [request] = personal_data(anna)["meeting_requests"]
    assert request["proposed_slots"] == [{"number": 3, "starts_at": "2027-06-16T11:10:00"},
                                         {"number": 6, "starts_at": "2027-06-16T14:00:00"}]


def test_withdrawn_request_cannot_be_sent_again(anna, ben):
    requests.withdraw(anna, send(anna, ben).request.id)
    with pytest.raises(DomainError) as error:
        send(anna, ben)
    assert error.value.code == "withdrawn_before"
