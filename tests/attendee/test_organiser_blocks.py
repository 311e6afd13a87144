"""A pair an organiser blocked acts on the attendee side like a block by one of the two:
not suggested, not listed, no requests, and no accepting a request asked before."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import BlockedPair, MeetingRequest, RequestStatus
from matchmaker.services import DomainError
from matchmaker.services.attendees import meeting_requests as requests
from matchmaker.services.schedule.blocked_pairs import block_pair
from tests.support.factories import csrf_token


def organiser_blocks(event, first, second):
    block_pair(event, first, second, "organiser@example.org")
    db.session.commit()


def test_organiser_blocked_pair_is_not_suggested_either_way(client, event, anna, ben):
    organiser_blocks(event, anna, ben)
    for viewer in (anna, ben):
        page = client.get(f"/me/{viewer.token}/suggestions").get_data(as_text=True)
        assert "Anna Beispiel" not in page and "Ben Beispiel" not in page


def test_organiser_blocked_pair_is_not_in_the_participant_list(client, event, anna, ben):
    organiser_blocks(event, anna, ben)
    page = client.get(f"/me/{anna.token}/participants").get_data(as_text=True)
    assert "Ben Beispiel" not in page


def test_organiser_blocked_persons_page_is_not_found(client, event, anna, ben):
    organiser_blocks(event, anna, ben)
    assert client.get(f"/me/{anna.token}/participants/{ben.number}").status_code == 404


def test_request_to_an_organiser_blocked_person_is_refused_without_saying_why(event, anna, ben):
    organiser_blocks(event, anna, ben)
    with pytest.raises(DomainError) as refused:
        requests.send_request(anna, ben, None)
    assert refused.value.code == "not_available"


def test_organiser_block_lets_an_open_request_lapse(event, anna, ben):
    requests.send_request(anna, ben, None)
    organiser_blocks(event, anna, ben)
    assert db.session.scalar(select(MeetingRequest.status)) == RequestStatus.EXPIRED


def test_request_pending_from_before_the_block_cannot_be_accepted(client, event, anna, ben):
    requests.send_request(anna, ben, None)
    low, high = sorted((anna.id, ben.id))  # a block stored while the request stayed pending
    db.session.add(BlockedPair(event_id=event.id, attendee_a_id=low, attendee_b_id=high,
                               created_by="organiser@example.org"))
    db.session.commit()
    request_id = db.session.scalar(select(MeetingRequest.id))
    path = f"/me/{ben.token}/requests/{request_id}/accept"
    client.post(path, data={"csrf_token": csrf_token(client, f"/me/{ben.token}/cancel")})
    db.session.expire_all()
    assert db.session.scalar(select(MeetingRequest.status)) == RequestStatus.PENDING
